"""The breadcrumb above a case: the way back to where the reader came from.

A chair opens a case from the committee's inbox, a secretary from a meeting, an employee from "Mine
sager"; the crumb should lead back there, not always to "Mine sager" (which a chair may never use).
The page they came from is read from the Referer header (same-origin only, by our Referrer-Policy);
without it, the crumb falls back on the reader's relation to the case.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import request, url_for
from flask_babel import gettext
from flask_login import current_user

from medflow.domain.errors import MedflowError
from medflow.extensions import db
from medflow.persistence.models import Case, Committee
from medflow.services.meetings import planning

_INBOX = re.compile(r"^/committees/([a-z0-9-]+)$")
_MEETING = re.compile(r"^/meetings/(\d+)(/minutes)?$")


def case_crumbs(case: Case, my_committees: set[str]) -> list[tuple[str, str]]:
    """Return (address, label) pairs for the way back to the case's context, nearest last."""
    came = _came_from()
    if came:
        return [came]
    crumbs = []
    if case.submitter_id == current_user.id:
        crumbs.append((url_for("cases.mine"), gettext("My cases")))
    if case.holder.key in my_committees:
        crumbs.append((url_for("committees.inbox", key=case.holder.key), case.holder.name))
    return crumbs or [(url_for("org.tree"), gettext("Organisation"))]


def _came_from() -> tuple[str, str] | None:
    """Return the list page the reader opened the case from, when it is one we know by name."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc and referrer.netloc != request.host:
        return None
    path = referrer.path
    if path == url_for("cases.mine"):
        return path, gettext("My cases")
    if path == url_for("notify_pages.notification_list"):
        return path, gettext("Notifications")
    if match := _INBOX.match(path):
        committee = db.session.query(Committee).filter_by(key=match.group(1)).one_or_none()
        return (path, committee.name) if committee else None
    if match := _MEETING.match(path):
        try:  # a Referer can be typed by anyone: name only a meeting the reader may see
            meeting = planning.visible_meeting(db.session, current_user, int(match.group(1)))
        except MedflowError:
            return None
        return path, gettext("Meeting of %(committee)s", committee=meeting.committee.name)
    return None
