"""How things read on a page: labels from the workflow definitions, roles, fields and dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_time, get_locale, lazy_gettext

from medflow.domain.engine import WorkflowEngine
from medflow.domain.topics import Topic, TopicCatalog
from medflow.persistence.base import utcnow
from medflow.web.cases.serialize import due_at
from medflow.web.forms import CATEGORY_CHOICES
from medflow.workflows import engines

WORK_ENVIRONMENT = "work_environment"
MOST_ASKED = lazy_gettext("Most asked about")
ROLE_LABELS = {
    "chair": lazy_gettext("Chair"),
    "vice_chair": lazy_gettext("Vice chair"),
    "secretary": lazy_gettext("Secretary"),
    "member": lazy_gettext("Member"),
    "amr": lazy_gettext("AMR (working-environment representative)"),
    "tr": lazy_gettext("TR (union representative)"),
    "submitter": lazy_gettext("The submitter"),
}
FIELD_LABELS = {
    "comment": lazy_gettext("Comment"),
    "answer": lazy_gettext("Answer"),
    "outcome": lazy_gettext("Outcome"),
    "target": lazy_gettext("Committee"),
    "redirect": lazy_gettext("Where to go instead"),
    "meeting_date": lazy_gettext("Meeting date"),
    "risk_level": lazy_gettext("Risk level"),
    "problem": lazy_gettext("Problem"),
    "solution": lazy_gettext("Solution"),
    "owner": lazy_gettext("Responsible"),
    "due_date": lazy_gettext("Deadline"),
    "effect_check": lazy_gettext("How the effect is checked"),
    "done_on": lazy_gettext("Done on"),
    "category": lazy_gettext("Category"),
    "location": lazy_gettext("Location"),
    "what_happened": lazy_gettext("What happened"),
}
OUTCOME_LABELS = {
    "information": lazy_gettext("Information"),
    "discussion": lazy_gettext("Discussion"),
    "guideline": lazy_gettext("Guideline"),
    "decision": lazy_gettext("Decision"),
}
RISK_LABELS = {
    "low": lazy_gettext("Low"),
    "medium": lazy_gettext("Medium"),
    "high": lazy_gettext("High"),
}
GROUP_LABELS = {
    "new": lazy_gettext("New cases"),
    "handling": lazy_gettext("Being handled"),
    "agenda": lazy_gettext("On the agenda"),
    "closed": lazy_gettext("Recently closed"),
}
# The inbox's "Show" filter: the states grouped as a reader means them.
SHOW_LABELS = {
    "new": lazy_gettext("New"),
    "handling": lazy_gettext("Being handled"),
    "agenda": lazy_gettext("Waiting for a meeting"),
    "sent": lazy_gettext("Sent on"),
    "closed": lazy_gettext("Closed"),
}
# Events that are no transition of the workflow: how a case was opened.
OPENING_EVENTS = {"submit": lazy_gettext("Submitted"), "publish": lazy_gettext("Published"),
                  "anonymise": lazy_gettext("Anonymised"),  # retention: not a transition either
                  "transfer": lazy_gettext("Moved: the committee was closed"),
                  # sharing an answer with everyone: a fact about the case, not a change of its state
                  "share_answer": lazy_gettext("Answer shared with all employees"),
                  "unshare_answer": lazy_gettext("Shared answer taken back"),
                  # an action-plan item's done date: a fact too, the state stays
                  "action_item_done": lazy_gettext("Action-plan item marked done"),
                  "action_item_undone": lazy_gettext("Action-plan item marked not done")}
# Event data shown in words elsewhere on the timeline (the deadline rule, the meeting's date beside its
# id) or internal (a cascade's id, the yes of "move it off the other agenda").
HIDDEN_EVENT_DATA = frozenset({"rule", "state", "deadline_days", "deadline_workdays", "cascade_id",
                               "retention_days", "closed_committee", "meeting", "confirm_move",
                               "shared_answer", "action_item"})
VALUE_LABELS = {"outcome": OUTCOME_LABELS, "risk_level": RISK_LABELS, "category": dict(CATEGORY_CHOICES)}


def lang() -> str:
    """Return the language of this request."""
    return str(get_locale() or "da")


def workflow_label(workflow: str) -> str:
    """Return the name of a case type in the page's language."""
    return engines()[workflow].definition.label.get(lang())


def state_label(workflow: str, state: str | None) -> str:
    """Return the name of a state in the page's language."""
    if state is None:
        return ""
    return engines()[workflow].definition.state(state).label.get(lang())


def event_label(workflow: str, event: str) -> str:
    """Return what an event is called in the page's language ('submit' and 'publish' are no transitions)."""
    transitions = engines()[workflow].definition.transitions_for(event)
    if transitions:
        return transitions[0].label.get(lang())
    return str(OPENING_EVENTS.get(event, OPENING_EVENTS["submit"]))


def event_done_label(workflow: str, event: str) -> str:
    """Return what the history calls an event once done ("Sent on", not the button's "Forward")."""
    transitions = engines()[workflow].definition.transitions_for(event)
    if transitions:
        return (transitions[0].done or transitions[0].label).get(lang())
    return str(OPENING_EVENTS.get(event, event))


# After an action, say where the case is now, not only what was pressed.
MOVED_MESSAGES = {
    "forward": lazy_gettext("The case has been sent on to %(committee)s."),
    "refer": lazy_gettext("The case has been referred to %(committee)s."),
    "reopen": lazy_gettext("The case has been reopened and is back at %(committee)s."),
}
DONE_MESSAGE = lazy_gettext("%(done)s. The case is now “%(state)s” at %(committee)s.")


def done_message(case, event: str) -> str:
    """Return the confirmation after `event`: where the case is now and in which state."""
    params = {"committee": case.holder.name, "state": state_label(case.workflow, case.state),
              "done": event_done_label(case.workflow, event)}
    return str(MOVED_MESSAGES.get(event, DONE_MESSAGE)) % params


def value_label(field: str, value) -> str:
    """Return a field's value as a reader should see it (dates formatted, choices named)."""
    if isinstance(value, str) and field in ("meeting_date", "due_date"):
        try:
            return nice_date(date.fromisoformat(value))
        except ValueError:
            return value
    labels = VALUE_LABELS.get(field, {})
    return str(labels.get(value, value))


def topic_groups(catalog: TopicCatalog, workflows: Iterable[tuple[str, WorkflowEngine]],
                 language: str) -> list[tuple[str, list[Topic]]]:
    """Return the topics grouped by case type, then by level from the workplace up, as (label, topics)."""
    groups = []
    for name, engine in workflows:
        for level in reversed(catalog.levels):
            found = [t for t in catalog.in_level(level.key) if t.workflow == name]
            if found:
                groups.append((f"{engine.definition.label.get(language)} · {level.label.get(language)}", found))
    return groups


def guide_groups(catalog: TopicCatalog, workflows: Iterable[tuple[str, WorkflowEngine]],
                 language: str) -> list[tuple[str, list[Topic]]]:
    """Return the guide's topic groups: the most asked-about first, then work environment, then the rest.

    Employees mostly come with their own work environment (stress, violence, APV), so those lead;
    the rarer questions about policies and structure follow.
    """
    ordered = sorted(workflows, key=lambda item: item[0] != WORK_ENVIRONMENT)
    common = [t for t in catalog.topics if t.common]
    head = [(str(MOST_ASKED), common)] if common else []
    return head + topic_groups(catalog, ordered, language)


def nice_date(value: date | None) -> str:
    """Return a date such as '5. mar. 2026'."""
    return "" if value is None else format_date(value, "medium")


def nice_datetime(value: datetime | None) -> str:
    """Return a moment such as '5. mar. 2026 15.07' in the local time zone."""
    if value is None:
        return ""
    return f"{format_date(value, 'medium')} {format_time(value, 'short')}"


def due_state(case) -> dict | None:
    """Return when an open case is due and whether that has passed, or None without a deadline."""
    due = due_at(case)
    if due is None:
        return None
    return {"at": due, "overdue": due < utcnow()}


def init_app(app: Flask) -> None:
    """Make the labels and formatters available to every template."""
    app.jinja_env.globals.update(
        workflow_label=workflow_label, state_label=state_label, event_label=event_label,
        event_done_label=event_done_label,
        value_label=value_label, role_labels=ROLE_LABELS, field_labels=FIELD_LABELS,
        group_labels=GROUP_LABELS, show_labels=SHOW_LABELS, due_state=due_state,
        hidden_event_data=HIDDEN_EVENT_DATA,
    )
    app.jinja_env.filters.update(date=nice_date, datetime=nice_datetime)
