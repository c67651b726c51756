"""Every notification text in one place: cases, deadlines, cascades and meetings (Danish in the catalogue).

A notification stores its kind and facts; the text is filled in when it is read, in the reader's
language (the app) or the recipient's (mail).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext

CASE_MESSAGES = {
    "submit": lazy_gettext("A new case was submitted to %(committee)s."),
    "publish": lazy_gettext("%(committee)s has received a new item from above."),
    "accept": lazy_gettext("%(committee)s has taken the case up."),
    "schedule": lazy_gettext("The case is on the agenda of %(committee)s."),
    "resolve": lazy_gettext("The case has been answered by %(committee)s."),
    "forward": lazy_gettext("The case was forwarded to %(committee)s."),
    "escalate": lazy_gettext("The deadline passed, so the case was sent on to %(committee)s."),
    "refer": lazy_gettext("The case was referred to %(committee)s."),
    "reject": lazy_gettext("The case was rejected by %(committee)s."),
    "withdraw": lazy_gettext("The case was withdrawn by the person who submitted it."),
    "reopen": lazy_gettext("The case was reopened and is back at %(committee)s."),
    "discuss": lazy_gettext("%(committee)s has discussed the item."),
    "report_back": lazy_gettext("%(committee)s has reported back."),
    "pass_down": lazy_gettext("%(committee)s has passed the item further down."),
    "assess": lazy_gettext("%(committee)s has assessed the risk."),
    "plan": lazy_gettext("%(committee)s has added an item to the action plan."),
    "follow_up": lazy_gettext("%(committee)s has followed up on the action plan."),
}
DEADLINE_MESSAGES = {
    "reminder_before": lazy_gettext("Reminder: the deadline for the case is %(due)s."),
    "reminder_due": lazy_gettext("The deadline for the case has passed (%(due)s)."),
    "item_before": lazy_gettext("Reminder: an action-plan item is due on %(due)s."),
    "item_due": lazy_gettext("An action-plan item was due on %(due)s."),
}
CASCADE_MESSAGES = {
    "cascade_before": lazy_gettext("Reminder: %(committee)s is asked to report back by %(due)s."),
    "cascade_due": lazy_gettext("%(committee)s was asked to report back by %(due)s and has not done so yet."),
    "cascade_complete": lazy_gettext("All %(count)s committees have reported back on \"%(title)s\"."),
}
MEETING_MESSAGES = {
    "agenda_published": lazy_gettext("The agenda for %(committee)s on %(date)s at %(start)s is published."),
    "meeting_moved": lazy_gettext("The meeting of %(committee)s has moved to %(date)s at %(start)s."),
    "meeting_cancelled": lazy_gettext("The meeting of %(committee)s on %(date)s is cancelled."),
    "minutes_approved": lazy_gettext("The minutes of %(committee)s from %(date)s are approved."),
    "minutes_awaiting_approval": lazy_gettext(
        "%(approver)s has approved the minutes of %(committee)s from %(date)s; they await your approval."),
    "unschedule": lazy_gettext("The case was taken off the agenda of %(committee)s."),
    "task_before": lazy_gettext("Reminder: you are to inform by %(due)s: %(title)s"),
    "task_due": lazy_gettext("You were to inform by %(due)s: %(title)s"),
    "theme_day_invited": lazy_gettext("%(committee)s invites you to %(title)s on %(date)s at %(start)s. "
                                      "Sign up or decline on its page."),
    "training_missing": lazy_gettext(
        "%(person)s (%(committee)s) has not taken the statutory work-environment training in time."),
}
CYCLE_MESSAGES = {
    "cycle_overdue": lazy_gettext("\"%(title)s\" was due in %(committee)s from %(start)s to %(end)s "
                                  "and has not been held."),
}
MESSAGES = {**CASE_MESSAGES, **DEADLINE_MESSAGES, **CASCADE_MESSAGES, **MEETING_MESSAGES, **CYCLE_MESSAGES}
OTHER = lazy_gettext("There is news on the case.")  # never the event's internal key


class _Blank(dict):
    """The facts a message names; one it does not have reads as empty rather than failing the page."""

    def __missing__(self, key: str) -> str:
        return ""


def message(kind: str, data: dict[str, Any]) -> str:
    """Return the text of a notification in the current language."""
    params = _Blank(data)
    return str(MESSAGES.get(kind, OTHER)) % params
