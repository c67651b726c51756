"""What kind of mail a notification is, how a person wants each kind, and when their digest is due.

Pure rules: the services store the choices and the web layer shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from medflow.domain.errors import Invalid, _

SUBMITTED, COMMITTEES, DEADLINES, INFORMATION = "submitted", "committees", "deadlines", "information"
MEETINGS = "meetings"  # every meeting notice: agenda, moved, cancelled, minutes, communication tasks
CASE_KINDS = (SUBMITTED, COMMITTEES, DEADLINES, INFORMATION)
KINDS = (*CASE_KINDS, MEETINGS)
# kinds added after clients and stored links knew the first four: left out of a saved choice they
# keep what was stored, and a link made while they are at their default stays valid
LATER_KINDS = (MEETINGS,)
DIGEST_KIND = "digest"  # an unsubscribe link in a digest turns off every kind that goes to the digest
NOW, DIGEST, OFF = "now", "digest", "off"
MODES = (NOW, DIGEST, OFF)
# what a committee chair would choose: at once for their own cases and deadlines, the rest once a day
DEFAULTS = {SUBMITTED: NOW, COMMITTEES: DIGEST, DEADLINES: NOW, INFORMATION: DIGEST, MEETINGS: NOW}
DEFAULT_HOUR = 7
FIRST_WINDOW = timedelta(hours=1)
ZONE = ZoneInfo("Europe/Copenhagen")
DEADLINE_EVENTS = frozenset({"escalate", "reminder_before", "reminder_due", "item_before", "item_due",
                             "cascade_before", "cascade_due"})
INFORMATION_EVENTS = frozenset({"publish", "discuss", "report_back", "pass_down", "cascade_complete"})


def mail_kind(event: str, *, own_case: bool, cascade: bool) -> str:
    """Return which of the case kinds a notification about `event` belongs to, for one reader."""
    if event in DEADLINE_EVENTS:
        return DEADLINES
    if cascade or event in INFORMATION_EVENTS:
        return INFORMATION
    return SUBMITTED if own_case else COMMITTEES


@dataclass(frozen=True)
class Choices:
    """One person's mode per kind and the local hour of their digest."""

    modes: dict[str, str]
    hour: int = DEFAULT_HOUR

    def mode(self, kind: str) -> str:
        """Return how mail of this kind is sent (now, digest or off)."""
        return self.modes.get(kind, DEFAULTS.get(kind, NOW))


def check_choices(modes: dict[str, str], hour: int, current: Choices | None = None) -> Choices:
    """Return valid choices or raise Invalid naming the field.

    A kind added later (LATER_KINDS) may be left out, so a client written before it existed can
    still save: it keeps the `current` mode (or the default).
    """
    current = current or Choices({})
    modes = {**{kind: current.mode(kind) for kind in LATER_KINDS}, **modes}
    for kind in KINDS:
        if modes.get(kind) not in MODES:
            raise Invalid(_("%(field)s must be one of now, digest or off."), field=kind)
    if not isinstance(hour, int) or isinstance(hour, bool) or not 0 <= hour <= 23:
        raise Invalid(_("%(field)s must be a whole hour from 0 to 23."), field="digest_hour")
    return Choices({kind: modes[kind] for kind in KINDS}, hour)


def digest_slot(now: datetime, hour: int) -> datetime:
    """Return the latest digest time (the hour, Copenhagen time) at or before `now`, in UTC."""
    local_day = now.astimezone(ZONE).date()
    slot = _at(local_day, hour)
    return slot if slot <= now else _at(local_day - timedelta(days=1), hour)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), ZONE).astimezone(UTC)


def digest_due(now: datetime, hour: int, last: datetime | None) -> bool:
    """Tell whether a person's digest is due: the hour has come and none was made since.

    A first digest waits for the chosen hour (within the hour after it); later ones are made at
    the first sweep after the hour, however late.
    """
    slot = digest_slot(now, hour)
    return now - slot < FIRST_WINDOW if last is None else last < slot
