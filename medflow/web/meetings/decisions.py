"""The decision part of a minutes item: the case page's events and fields for that case, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import current_user

from medflow.extensions import db
from medflow.persistence.models import Case, MeetingItem
from medflow.services import cases as case_service
from medflow.services import queries
from medflow.services.answers import sharing
from medflow.services.meetings import minutes
from medflow.web.cases.actions import Field, action_forms


@dataclass(frozen=True)
class DecisionField:
    """One input beside the decision list, and the decisions that use it."""

    field: Field
    used_by: str


def decision_fields(case: Case, choices: list[str]) -> list[DecisionField]:
    """Return the fields the offered decisions take (the minutes text is their comment), each once."""
    events = [c for c in choices if c != minutes.POSTPONED]
    refer = "refer" in events
    below = queries.committees_below(db.session, case.holder) if refer else []
    came_from = refer and case_service.came_from(db.session, case) is not None
    by_name: dict[str, tuple[Field, list[str]]] = {}
    for form in action_forms(case, events, below, came_from):
        for f in form.fields:
            if f.name != "comment":
                by_name.setdefault(f.name, (f, []))[1].append(form.label)
    return [DecisionField(f, ", ".join(labels)) for f, labels in by_name.values()]


def share_for_item(item_id: int, form) -> sharing.Share | None:
    """Return the share a minutes form asks for with an answer, checked before the decision is fired."""
    if form.get("decision") != "resolve":
        return None
    share = sharing.parse_share({k: form.get(k) for k in sharing.SHARE_FIELDS})
    item = db.session.get(MeetingItem, item_id) if share is not None else None
    if item is not None and item.case_id is not None:
        sharing.check_shareable(db.session, current_user,
                                case_service.visible_case(db.session, current_user, item.case_id))
    return share
