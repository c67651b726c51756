"""Importing a strategy plan from its YAML file (whole or not at all) and exporting it again.

The file is checked whole before anything is written: every problem is reported with file and
line, and a plan the committee already has under the same title is refused, so importing twice
never makes two copies. An import by the command line has no person; one by the upload form
must be an officer of the committee (or an admin).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import DefinitionError, Problem
from medflow.domain.plan_file import InitiativeSpec, PlanSpec, SubjectSpec, dump_plan, parse_plan
from medflow.domain.plan_periods import parse
from medflow.persistence.goals import Goal, GoalNote
from medflow.persistence.models import Committee, Person
from medflow.persistence.plans import Initiative, InitiativeNote, Plan, PlanSubject
from medflow.services.plans.access import require_keeper


def check_plan(
    session: Session, text: str, file: str, committee_key: str | None = None
) -> tuple[PlanSpec, Committee]:
    """Read the file and find its committee; raise DefinitionError with every problem found."""
    spec = parse_plan(text, file)
    key = committee_key or spec.committee
    committee = session.scalar(select(Committee).where(Committee.key == key)) if key else None
    if committee is None:
        message = (
            f"plan: committee {key!r} does not exist" if key else "plan: name the committee ('committee: KEY')"
        )
        raise DefinitionError([Problem(file, 1, message)])
    if session.scalar(select(Plan.id).where(Plan.committee_id == committee.id, Plan.title == spec.title)):
        raise DefinitionError(
            [Problem(file, 1, f"plan: {committee.key} already has a plan titled {spec.title!r}")]
        )
    return spec, committee


def _initiative(spec: InitiativeSpec, position: int, by: Person | None) -> Initiative:
    initiative = Initiative(
        position=position,
        text=spec.text,
        periods="\n".join(p.text() for p in spec.periods),
        responsible=spec.responsible,
        status=spec.status,
        decision=spec.decision,
    )
    initiative.notes.append(
        InitiativeNote(status=spec.status, decision=spec.decision, note="", by_id=by.id if by else None)
    )
    return initiative


def _subject(committee: Committee, spec: SubjectSpec, position: int, by: Person | None) -> PlanSubject:
    subject = PlanSubject(position=position, title=spec.title, intro=spec.intro)
    for text in spec.goals:
        goal = Goal(committee=committee, text=text, status="open")
        goal.notes.append(GoalNote(status="open", note="", by_id=by.id if by else None))
        subject.goals.append(goal)
    subject.initiatives = [_initiative(item, i, by) for i, item in enumerate(spec.initiatives, 1)]
    return subject


def import_plan(session: Session, spec: PlanSpec, committee: Committee, by: Person | None = None) -> Plan:
    """Write a checked plan for the committee and commit; `by` (a web upload) must keep its plans."""
    if by is not None:
        require_keeper(session, by, committee)
    years = spec.years or (None, None)
    plan = Plan(
        committee=committee, title=spec.title, vision=spec.vision, start_year=years[0], end_year=years[1]
    )
    plan.subjects = [_subject(committee, s, i, by) for i, s in enumerate(spec.subjects, 1)]
    session.add(plan)
    session.commit()
    return plan


def plan_spec(plan: Plan) -> PlanSpec:
    """Return a stored plan in the file's shape (statuses as they stand now)."""
    subjects = tuple(
        SubjectSpec(
            s.title,
            s.intro,
            tuple(g.text for g in s.goals),
            tuple(
                InitiativeSpec(
                    i.text, tuple(parse(t) for t in i.period_texts), i.responsible, i.status, i.decision
                )
                for i in s.initiatives
            ),
        )
        for s in plan.subjects
    )
    return PlanSpec(plan.title, plan.committee.key, plan.years, plan.vision, subjects)


def export_plan(plan: Plan) -> str:
    """Return the plan as YAML that `import_plan` reads back to the same plan."""
    return dump_plan(plan_spec(plan))
