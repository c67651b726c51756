"""What a minutes item's decision may carry: the fields its event keeps, on the case as it was read."""

from __future__ import annotations

from typing import Any

from medflow.domain import values
from medflow.domain.definitions import EVENT_FIELDS, Label
from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import FieldNames, Invalid, NotPossible, _
from medflow.domain.fields import accepted_fields
from medflow.persistence.models import MeetingItem

POSTPONED = "postponed"
DECISION_FIELDS = tuple(f for f in EVENT_FIELDS if f not in ("comment", "meeting", "meeting_date"))
CASE_MOVED = _("The case has changed meanwhile: it is now %(state)s at %(committee)s.")
NO_DECISION = _("You filled in %(fields)s but chose no decision, so nothing was saved. Choose the "
                "decision it belongs to, or empty the field.")
WRONG_DECISION = _("The decision %(decision)s does not use %(fields)s, so nothing was saved. Choose the "
                   "decision it belongs to, or empty the field.")


def check_case_unmoved(engine: WorkflowEngine, item: MeetingItem, seen: object) -> int:
    """Return the case version the decision is taken on; refuse, saying what changed, if it moved since."""
    case = item.case
    expected = item.case_version if seen in (None, "") else values.version(seen)
    if case.version != expected:
        raise NotPossible(CASE_MOVED, state=engine.definition.state(case.state).label,
                          committee=case.holder.name)
    return expected


def check_typed_fields(engine: WorkflowEngine, item: MeetingItem, decision: str | None,
                       fields: dict[str, Any]) -> None:
    """Refuse fields filled in that the decision would not keep: nothing typed is dropped in silence."""
    typed = tuple(k for k in DECISION_FIELDS if str(fields.get(k) or "").strip())
    if not typed:
        return
    if decision in (None, POSTPONED):
        raise Invalid(NO_DECISION, fields=FieldNames(typed))
    transition = engine.definition.transition_from(decision, item.case.state)
    unused = tuple(k for k in typed if transition is None or k not in accepted_fields(transition))
    if unused:
        raise Invalid(WRONG_DECISION, fields=FieldNames(unused), decision=event_label(engine, decision))


def check_outcome_chosen(engine: WorkflowEngine, item: MeetingItem, event: str, fields: dict[str, Any]) -> None:
    """Refuse an answer whose outcome was left on "choose", as the case page does."""
    transition = engine.definition.transition_from(event, item.case.state)
    if transition and "answer" in transition.requires and not fields.get("outcome"):
        raise Invalid(_("Choose an outcome for %(event)s."), event=transition.label)


def event_label(engine: WorkflowEngine, event: str) -> Label | str:
    """Return an event's name for a message (the reader sees the label, never the key)."""
    transitions = engine.definition.transitions_for(event)
    return transitions[0].label if transitions else event
