"""The words the plan pages use for statuses and link kinds (English msgids, Danish on screen)."""

from __future__ import annotations

from flask_babel import lazy_gettext

STATUS_LABELS = {
    "planned": lazy_gettext("Planned"),
    "under_way": lazy_gettext("Under way"),
    "waiting": lazy_gettext("Waiting for a decision"),
    "done": lazy_gettext("Done"),
    "dropped": lazy_gettext("Dropped"),
}
LINK_LABELS = {
    "case": lazy_gettext("Case"),
    "cascade": lazy_gettext("Sent to the committees below"),
    "meeting_item": lazy_gettext("Meeting item"),
}
