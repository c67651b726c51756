"""Generated worlds for the visibility property test: an organisation, people and case plans.

`worlds()` is a Hypothesis strategy; `Model` tracks who sits where and where each case has been
from the plan alone (never from the database), so the test can ask the visibility rule what each
person should see and compare that with what medflow shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from medflow.domain.definitions import COMMITTEE_ROLES
from medflow.domain.visibility import Level, Viewer, level_of


@dataclass(frozen=True)
class PersonPlan:
    """One generated person: workplace, roles, admin or not, active or not."""

    workplace: str
    roles: tuple[tuple[str, str], ...]
    admin: bool
    active: bool


@dataclass(frozen=True)
class CasePlan:
    """One generated case: who submits it, confidential or not, and choices for its steps."""

    submitter: int
    confidential: bool
    steps: tuple[int, ...]


@dataclass(frozen=True)
class WorldPlan:
    """An organisation (locals per area), people and cases."""

    areas: tuple[int, ...]
    people: tuple[PersonPlan, ...]
    cases: tuple[CasePlan, ...]

    def committees(self) -> list[tuple[str, str, str | None]]:
        """Return (key, level, parent) for KommuneMED, the areas and their workplaces."""
        found = [("kommunemed", "kommune", None)]
        for a, locals_ in enumerate(self.areas, start=1):
            found.append((f"omr-{a}", "omraade", "kommunemed"))
            found += [(f"lok-{a}-{w}", "lokal", f"omr-{a}") for w in range(1, locals_ + 1)]
        return found


@st.composite
def worlds(draw) -> WorldPlan:
    """Draw an organisation of one KommuneMED, 1-2 areas of 1-2 workplaces, 3-7 people, 6-12 cases."""
    areas = tuple(draw(st.lists(st.integers(1, 2), min_size=1, max_size=2)))
    keys = [k for k, _l, _p in WorldPlan(areas, (), ()).committees()]
    workplaces = [k for k in keys if k.startswith("lok-")]
    role = st.tuples(st.sampled_from(keys), st.sampled_from(COMMITTEE_ROLES))
    person = st.builds(PersonPlan, st.sampled_from(workplaces),
                       st.lists(role, max_size=3, unique=True).map(tuple),
                       st.sampled_from([False] * 5 + [True]), st.sampled_from([True] * 5 + [False]))
    people = tuple(draw(st.lists(person, min_size=3, max_size=7)))
    case = st.builds(CasePlan, st.integers(0, len(people) - 1), st.booleans(),
                     st.lists(st.integers(0, 30), max_size=6).map(tuple))
    return WorldPlan(areas, people, tuple(draw(st.lists(case, min_size=6, max_size=12))))


def email(i: int) -> str:
    """Return the e-mail of generated person number i."""
    return f"p{i}@example.dk"


def chair(key: str) -> str:
    """Return the e-mail of the fixed chair who handles a committee's cases in the test."""
    return f"chair-{key}@example.dk"


def org_file(plan: WorldPlan) -> dict[str, Any]:
    """Return the organisation file of a world: its committees, a chair each and the people."""
    committees = plan.committees()
    people = [{"email": chair(k), "name": f"Formand {k}", "workplace": k,
               "roles": [{"committee": k, "role": "chair"}]} for k, _l, _p in committees]
    people += [{"email": email(i), "name": f"Person {i}", "workplace": p.workplace, "admin": p.admin,
                "roles": [{"committee": c, "role": r} for c, r in p.roles]}
               for i, p in enumerate(plan.people)]
    return {"committees": [{"key": k, "name": f"Udvalg {k}", "level": lv, **({"parent": p} if p else {})}
                           for k, lv, p in committees], "people": people}


@dataclass
class CaseModel:
    """Where a case is and has been, by the plan."""

    submitter: str
    confidential: bool
    holder: str
    held: list[str] = field(default_factory=list)
    closed: bool = False
    outcome: str | None = None  # of its last resolve (a reopen clears it)
    withdrawn: bool = False  # as a guideline, from the register

    @property
    def guideline_in_force(self) -> bool:
        """Tell whether the case is in the register in force: closed as a guideline, not withdrawn."""
        return self.closed and self.outcome == "guideline" and not self.withdrawn


@dataclass
class Model:
    """The world as the test knows it: memberships, admins, active people and the cases."""

    parent: dict[str, str | None]
    roles: dict[str, set[tuple[str, str]]]
    admins: set[str]
    inactive: set[str]
    workplace: dict[str, str | None] = field(default_factory=dict)
    cases: dict[int, CaseModel] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: WorldPlan) -> Model:
        """Return the model of a freshly imported world."""
        org = org_file(plan)
        roles = {p["email"]: {(r["committee"], r["role"]) for r in p["roles"]} for p in org["people"]}
        return cls({k: p for k, _l, p in plan.committees()}, roles,
                   {email(i) for i, p in enumerate(plan.people) if p.admin},
                   {email(i) for i, p in enumerate(plan.people) if not p.active},
                   {p["email"]: p.get("workplace") for p in org["people"]})

    def above(self, workplace: str | None) -> set[str]:
        """Return a workplace's committee and every committee above it (those that govern it)."""
        found = set()
        while workplace is not None:
            found.add(workplace)
            workplace = self.parent.get(workplace)
        return found

    def move(self, case_id: int, to: str) -> None:
        """Record that a case now lies with committee `to`."""
        case = self.cases[case_id]
        case.holder = to
        case.held.append(to)

    def level(self, who: str, case_id: int) -> Level:
        """Return what the visibility rule says `who` sees of the case."""
        case = self.cases[case_id]
        mine = self.roles[who]
        return level_of(Viewer(is_admin=who in self.admins, is_submitter=case.submitter == who,
                               roles_in_holder=frozenset(r for k, r in mine if k == case.holder),
                               roles_in_held=frozenset(r for k, r in mine if k in case.held),
                               governed_by=case.guideline_in_force and case.holder in self.above(
                                   self.workplace.get(who))),
                        case.confidential)

    def told(self, case_id: int, committees: set[str]) -> set[str]:
        """Return the active members of these committees whose role there lets them see the case."""
        case, found = self.cases[case_id], set()
        for who, mine in self.roles.items():
            for k, r in mine:
                if who in self.inactive or k not in committees:
                    continue
                viewer = Viewer(roles_in_holder=frozenset({r}) if k == case.holder else frozenset(),
                                roles_in_held=frozenset({r}))
                if level_of(viewer, case.confidential).shows_case:
                    found.add(who)
        return found
