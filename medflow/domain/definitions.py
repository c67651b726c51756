"""Frozen descriptions of workflows: what states exist and which events move between them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from medflow.domain.calendar import add_working_time

SUBMITTER = "submitter"
COMMITTEE_ROLES = ("chair", "vice_chair", "secretary", "member", "amr", "tr")
ACTOR_ROLES = (*COMMITTEE_ROLES, SUBMITTER)
OUTCOMES = ("information", "discussion", "guideline", "decision")
DEFAULT_OUTCOME = "discussion"
# Fields an event may carry besides event and version; workflows pick from these in `requires`.
EVENT_FIELDS = (
    "comment", "answer", "outcome", "target", "redirect", "meeting_date",
    "risk_level", "problem", "solution", "owner", "due_date", "effect_check", "meeting",
    "confirm_move",  # with `schedule`: yes, move the case off a published agenda
)
CLEARABLE = ("meeting_date",)  # what an event may take off a case (`clears`), e.g. leaving the agenda
ROUTES = ("parent", "child")
ESCALATIONS = ("forward",)  # what the sweep may do when a state's deadline passes
RISK_LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class Label:
    """A text in Danish with an English version."""

    da: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text in `lang`, falling back to Danish."""
        return self.en if lang == "en" else self.da

    def __str__(self) -> str:
        return self.da


@dataclass(frozen=True)
class StateDef:
    """One state of a workflow; `deadline_days` (or `deadline_workdays`) is how long a case may stay in it."""

    name: str
    label: Label
    final: bool = False
    deadline_days: int | None = None
    remind_before_days: int | None = None  # remind the holder this many days before the deadline
    escalate: str | None = None  # "forward": the sweep moves an overdue case to the committee above
    deadline_workdays: int | None = None  # the deadline in the kommune's working days instead

    @property
    def has_deadline(self) -> bool:
        """Tell whether a case may stay in this state only for a while (in days or working days)."""
        return self.deadline_days is not None or self.deadline_workdays is not None

    def due_from(self, now: datetime) -> datetime | None:
        """Return when a case that enters this state at `now` is due (None: no deadline).

        Working days skip weekends, holidays and closed days, so Easter does not eat the committee's time.
        """
        if self.deadline_workdays:
            return add_working_time(now, self.deadline_workdays)
        return now + timedelta(days=self.deadline_days) if self.deadline_days else None

    def remind_from(self, due: datetime, days: int) -> datetime:
        """Return when to remind `days` before `due`, counted as the deadline is (working days or not)."""
        return add_working_time(due, -days) if self.deadline_workdays else due - timedelta(days=days)

    def reach(self, days: int) -> timedelta:
        """Return at least how far before its deadline a case may be reminded (the sweep's look-ahead)."""
        return timedelta(days=2 * days + 14 if self.deadline_workdays else days)


@dataclass(frozen=True)
class TransitionDef:
    """One event from some states to a state, with medflow's rules attached."""

    trigger: str
    sources: tuple[str, ...]
    dest: str | None  # None: stays in the state it was fired from (a reflexive event)
    label: Label
    roles: tuple[str, ...]
    requires: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    route: str | None = None
    clears: tuple[str, ...] = ()  # case facts the event removes (CLEARABLE), e.g. meeting_date
    line: int | None = None
    done: Label | None = None  # what the history calls it once done ("Sent on"); else the label

    def dest_from(self, source: str) -> str:
        """Return the state this transition leads to when fired from `source`."""
        return source if self.dest is None else self.dest


@dataclass(frozen=True)
class StatutoryDeadline:
    """A legal deadline that starts when a case is opened, e.g. the accident report to EASY."""

    key: str
    label: Label
    days: int
    when_category: str | None = None


@dataclass(frozen=True)
class WorkflowDefinition:
    """A case type: its states, events and settings, loaded from one YAML file."""

    name: str
    label: Label
    initial: str
    states: tuple[StateDef, ...]
    transitions: tuple[TransitionDef, ...]
    source: str = ""
    reopen_days: int = 30
    categories: tuple[str, ...] = ()
    statutory_deadlines: tuple[StatutoryDeadline, ...] = ()
    submit_fields: tuple[str, ...] = ()
    submittable: bool = True  # False: opened by medflow itself (e.g. cascades), never by hand
    remind_before_days: int | None = None  # default for states and action-plan items
    _state_index: dict[str, StateDef] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._state_index.update({s.name: s for s in self.states})

    def state(self, name: str) -> StateDef:
        """Return the state called `name` (KeyError if there is none)."""
        return self._state_index[name]

    def is_final(self, name: str) -> bool:
        """Tell whether a case in state `name` is closed."""
        return self._state_index[name].final

    def remind_days(self, name: str) -> int | None:
        """Return how many days before a deadline in state `name` to remind (None: never)."""
        own = self._state_index[name].remind_before_days
        return own if own is not None else self.remind_before_days

    def events(self) -> tuple[str, ...]:
        """Return every event name, in definition order, once each."""
        return tuple(dict.fromkeys(t.trigger for t in self.transitions))

    @property
    def has_action_plan(self) -> bool:
        """Tell whether an event of this workflow can add action-plan items (it asks for the problem)."""
        return any("problem" in t.requires for t in self.transitions)

    def transitions_for(self, trigger: str) -> tuple[TransitionDef, ...]:
        """Return the transitions an event name covers."""
        return tuple(t for t in self.transitions if t.trigger == trigger)

    def transition_from(self, trigger: str, state: str) -> TransitionDef | None:
        """Return the transition `trigger` takes from `state`, if any."""
        for t in self.transitions:
            if t.trigger == trigger and state in t.sources:
                return t
        return None
