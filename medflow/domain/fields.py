"""Check and normalise the fields an event carries (dates, outcome, risk level...)."""

from __future__ import annotations

from datetime import date
from typing import Any

from medflow.domain.definitions import DEFAULT_OUTCOME, OUTCOMES, RISK_LEVELS, TransitionDef
from medflow.domain.errors import Invalid, _

MAX_TEXT = 10_000
DATE_FIELDS = ("meeting_date", "due_date")
CHOICES = {"outcome": OUTCOMES, "risk_level": RISK_LEVELS}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_date(name: str, value: Any) -> date:
    """Parse an ISO date (YYYY-MM-DD) or raise Invalid naming the field."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        raise Invalid(_("%(field)s must be a date (YYYY-MM-DD)."), field=name) from None


def _clean_one(name: str, raw: Any) -> Any:
    if raw is not None and not isinstance(raw, str | date):
        raise Invalid(_("%(field)s must be text."), field=name)
    value = _text(raw) if not isinstance(raw, date) else raw
    if value in ("", None):
        return None
    if name in DATE_FIELDS:
        return parse_date(name, value)
    if name in CHOICES and value not in CHOICES[name]:
        raise Invalid(
            _("%(field)s must be one of: %(choices)s."), field=name, choices=", ".join(CHOICES[name])
        )
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise Invalid(_("%(field)s is too long."), field=name)
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


def clean_event_fields(transition: TransitionDef, raw: dict[str, Any]) -> dict[str, Any]:
    """Return the event's fields cleaned; raise Invalid if a required one is missing or bad.

    Fields the event does not take are ignored, so that (say) an answer sent with `accept`
    never lands on the case.
    """
    takes = accepted_fields(transition)
    cleaned = {name: _clean_one(name, value) for name, value in raw.items() if name in takes}
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
