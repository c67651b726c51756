"""Check and normalise the fields an event carries (dates, outcome, risk level...)."""

from __future__ import annotations

from datetime import date
from typing import Any

from medflow.domain import values
from medflow.domain.definitions import DEFAULT_OUTCOME, OUTCOMES, RISK_LEVELS, TransitionDef
from medflow.domain.errors import Invalid, _

DATE_FIELDS = ("meeting_date", "due_date")
CHOICES = {"outcome": OUTCOMES, "risk_level": RISK_LEVELS}
KEY_FIELDS = ("target",)


def parse_date(name: str, value: Any, today: date | None = None) -> date:
    """Parse an ISO date (YYYY-MM-DD) within the date window, or raise Invalid naming the field."""
    return values.day(name, value, today or date.today())


def _clean_one(name: str, raw: Any, today: date) -> Any:
    """Parse one event field by its kind (key, choice, date or text); None when left empty."""
    if isinstance(raw, date):
        return values.day(name, raw, today)
    value = values.key(name, raw) if name in KEY_FIELDS or name in CHOICES else values.text(name, raw)
    if not value:
        return None
    if name in DATE_FIELDS:
        return values.day(name, value, today)
    if name in CHOICES and value not in CHOICES[name]:
        raise Invalid(
            _("%(field)s must be one of: %(choices)s."), field=name, choices=", ".join(CHOICES[name])
        )
    return value


def accepted_fields(transition: TransitionDef) -> frozenset[str]:
    """Return the fields an event takes: what it requires, a comment, and its optional extras."""
    extra = {"comment"}
    if "answer" in transition.requires:
        extra.add("outcome")
    if transition.route == "child":
        extra.add("target")
    if "meeting_date" in transition.requires:
        extra.add("meeting")  # the meeting id that `meeting_date` came from (meetings resolve it)
    return frozenset(transition.requires) | extra


def clean_event_fields(
    transition: TransitionDef, raw: dict[str, Any], today: date | None = None
) -> dict[str, Any]:
    """Return the event's fields cleaned; raise Invalid if a required one is missing or bad.

    Fields the event does not take are ignored, so that (say) an answer sent with `accept`
    never lands on the case.
    """
    takes = accepted_fields(transition)
    today = today or date.today()
    cleaned = {name: _clean_one(name, value, today) for name, value in raw.items() if name in takes}
    cleaned = {k: v for k, v in cleaned.items() if v is not None}
    missing = [f for f in transition.requires if f not in cleaned]
    if missing:
        raise Invalid(
            _("Missing required field(s) for %(event)s: %(fields)s."),
            event=transition.trigger, fields=", ".join(missing),
        )
    if "answer" in transition.requires:
        cleaned.setdefault("outcome", DEFAULT_OUTCOME)
    return cleaned
