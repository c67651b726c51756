"""The field-parsing layer: every value from a request is checked here, and refused naming its field.

The API (JSON) and the pages (forms) send raw values to the services, which parse them with
these functions, so a value has one set of rules whichever way it arrives.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from medflow.domain.errors import Invalid, _
from medflow.domain.limits import DATE_MIN, ID_MAX, KEY_MAX, TEXT_MAX, latest_date

# NUL and the other control characters (tab and line breaks are text), and unpaired surrogates,
# which neither database can store.
BAD_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
DIGITS = re.compile(r"[0-9]{1,18}")
SIGNED_DIGITS = re.compile(r"-?[0-9]{1,18}")


def check_characters(name: str, value: str) -> str:
    """Return `value`, or raise Invalid when it holds a character the databases cannot store."""
    if BAD_CHARACTERS.search(value):
        raise Invalid(_("%(field)s contains a character that is not allowed (a control character "
                        "or an unpaired surrogate)."), field=name)
    return value


def text(name: str, value: Any, *, limit: int | None = None) -> str:
    """Return the stripped text of a field ("" when left out); refuse non-text and text too long."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text."), field=name)
    check_characters(name, value)
    value = value.strip()
    most = limit or TEXT_MAX.get(name, KEY_MAX)
    if len(value) > most:
        raise Invalid(_("%(field)s may be at most %(n)s characters."), field=name, n=most)
    return value


def key(name: str, value: Any) -> str | None:
    """Return a key (of a workflow, committee, topic...) or None when left out; refuse anything else."""
    if value is None or value == "":
        return None
    return text(name, value, limit=KEY_MAX) or None


def ident(name: str, value: Any) -> int:
    """Return an id (a JSON whole number, or digits from a form) from 1 to ID_MAX."""
    if isinstance(value, str) and DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= ID_MAX:
        raise Invalid(_("%(field)s must be a whole number from 1 to %(max)s."), field=name, max=ID_MAX)
    return value


def page(value: Any, most: int) -> int:
    """Return a page number from 1 to `most` (1 when left out), one rule for the API and the pages.

    ASCII digits only ("²".isdigit() is true), and a bound the databases can still offset by.
    """
    if value is None:
        return 1
    if not (isinstance(value, str) and DIGITS.fullmatch(value)) or not 1 <= int(value) <= most:
        raise Invalid(_("page must be a whole number from 1."))
    return int(value)


def idents(name: str, value: Any) -> list[int] | None:
    """Return a list of ids, or None when left out."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise Invalid(_("%(field)s must be a list of whole numbers."), field=name)
    return [ident(name, v) for v in value]


def keys(name: str, value: Any) -> tuple[str, ...]:
    """Return a list of keys (empty when left out)."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise Invalid(_("%(field)s must be a list of keys."), field=name)
    return tuple(k for v in value if (k := key(name, v)))


def flag(name: str, value: Any) -> bool:
    """Return a JSON boolean; "false", 0 and null are refused, not guessed (send it, or leave it out)."""
    if not isinstance(value, bool):
        raise Invalid(_("%(field)s must be true or false."), field=name)
    return value


def day(name: str, value: Any, today: date) -> date:
    """Return an ISO date (YYYY-MM-DD) from DATE_MIN to DATE_YEARS_AHEAD years after `today`."""
    if not isinstance(value, date):
        raw = text(name, value, limit=len(value) if isinstance(value, str) else None)
        try:
            value = date.fromisoformat(raw) if len(raw) == 10 else None  # not 20250101 or 2025-W01
        except ValueError:
            value = None
    if value is None:
        raise Invalid(_("%(field)s must be a date (YYYY-MM-DD)."), field=name)
    last = latest_date(today)
    if not DATE_MIN <= value <= last:
        raise Invalid(_("%(field)s must be a date from %(first)s to %(last)s."), field=name,
                      first=DATE_MIN.isoformat(), last=last.isoformat())
    return value


def version(value: Any) -> int:
    """Return the case version the caller acted on: a whole number (one that is not the case's is stale)."""
    if value is None or value == "":
        raise Invalid(_("version is required: send the version of the case you acted on."))
    if isinstance(value, str) and SIGNED_DIGITS.fullmatch(value):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not -ID_MAX <= value <= ID_MAX:
        raise Invalid(_("version must be a whole number."))
    return value
