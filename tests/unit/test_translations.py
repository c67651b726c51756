"""Every text the UI can show has a Danish translation: a new English string cannot slip through."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
METHODS = [("medflow/**.py", "python"), ("templates/**.html", "jinja2")]


def extracted() -> dict[str, str]:
    """Return every msgid in the code and templates, with the first place it is used."""
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS, options_map={"templates/**.html": {}}):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, filename)
    return found


def test_every_ui_string_has_a_danish_translation():
    with open(ROOT / "medflow/translations/da/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    messages = extracted()
    assert len(messages) > 500  # the extraction read the code and the templates
    missing = sorted(f"{where}: {msgid!r}" for msgid, where in messages.items()
                     if catalog.get(msgid) is None or not catalog.get(msgid).string)
    assert missing == []


def test_the_check_notices_a_missing_translation():
    with open(ROOT / "medflow/translations/da/LC_MESSAGES/messages.po", "rb") as handle:
        catalog = read_po(handle)
    assert catalog.get("A sentence nobody has translated yet") is None
    assert catalog.get("Role given").string == "Rolle givet"


def test_no_message_is_in_the_catalogue_twice():
    """A second entry for the same text silently wins over the first; appending must not duplicate."""
    import re
    from collections import Counter

    text = (ROOT / "medflow/translations/da/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    counts = Counter(re.findall(r'^msgid "(.+)"$', text, re.M))
    assert [msgid for msgid, n in counts.items() if n > 1] == []
