"""The forms a case page shows: one per event the engine allows, with the fields it needs."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext, lazy_gettext

from medflow.domain.engine import Unavailable
from medflow.domain.errors import Invalid, _
from medflow.domain.limits import TEXT_MAX
from medflow.persistence.models import Case, Committee
from medflow.web.display import FIELD_LABELS, OUTCOME_LABELS, RISK_LABELS, event_label, state_label
from medflow.workflows import engines

TEXTAREAS = {"comment", "answer", "problem", "solution", "effect_check"}
DATES = {"meeting_date", "due_date"}
# A reason reads better than "comment" where the workflow asks for one.
REASON_LABELS = {
    "forward": lazy_gettext("Reason for forwarding"), "refer": lazy_gettext("Reason for referring"),
    "reject": lazy_gettext("Reason for rejecting"), "reopen": lazy_gettext("Why the case should be reopened"),
    "assess": lazy_gettext("Assessment"), "follow_up": lazy_gettext("Follow-up"),
}
OPTIONAL_COMMENT = lazy_gettext("Comment (optional)")
CHOOSE = lazy_gettext("— choose —")
NEEDS_STATES = lazy_gettext("Possible when the case is: %(states)s.")
MEETING_LABEL = lazy_gettext("Meeting")
PLAN_NEW = lazy_gettext("Plan a new meeting")
SHARE_LABELS = {"share": lazy_gettext("Share the answer with all employees"),
                "share_title": lazy_gettext("Title for all employees"),
                "share_text": lazy_gettext(
                    "The answer for all employees (no names; the case's own answer stays as it is)")}
CONFIRM_MOVE = lazy_gettext("Move the case from the published agenda of %(date)s (both agendas will say so)")


@dataclass(frozen=True)
class Field:
    """One input of an action form."""

    name: str
    label: str
    required: bool
    kind: str = "text"  # text, textarea, date, select
    choices: list[tuple[str, str]] = field(default_factory=list)
    default: str = ""
    maxlength: int | None = None  # the field rule's limit, rendered as the input's maxlength
    link: tuple[str, str] | None = None  # (address, text) shown under the field, e.g. "plan a new meeting"


@dataclass(frozen=True)
class MeetingChoices:
    """For `schedule`: the committee's coming meetings, and the published agenda the case would leave."""

    options: list[tuple[str, str]]  # (meeting id, "14. jan. 2027 13.00 · Rådhuset")
    leaving: str | None = None  # the date of the published agenda the case is on, when it is
    plan_url: str | None = None  # where an officer plans a new meeting


@dataclass(frozen=True)
class ActionForm:
    """An event button and the fields that go with it."""

    event: str
    label: str
    fields: list[Field]


def _kind(name: str) -> str:
    return "textarea" if name in TEXTAREAS else "date" if name in DATES else "text"


def _choice_field(name: str, required: bool, case: Case, below: list[Committee], came_from: bool) -> Field:
    if name == "target":
        choices = [("", str(lazy_gettext("Back to the committee it came from")))] if came_from else []
        choices += [(c.key, c.name) for c in below]
        return Field(name, str(lazy_gettext("Refer to")), required or not came_from, "select", choices)
    # No preselected outcome: the person deciding must choose one (a silent default misled people).
    labels = OUTCOME_LABELS if name == "outcome" else RISK_LABELS
    choices = [("", str(CHOOSE))] + [(k, str(v)) for k, v in labels.items()]
    return Field(name, str(FIELD_LABELS[name]), required or name == "outcome", "select", choices)


def _meeting_fields(choices: MeetingChoices) -> list[Field]:
    """Return `schedule`'s fields: one of the coming meetings from a list; a new meeting is planned apart."""
    link = (choices.plan_url, str(PLAN_NEW)) if choices.plan_url else None
    result = [Field("meeting", str(MEETING_LABEL), True, "select", [("", str(CHOOSE)), *choices.options],
                    link=link)]
    if choices.leaving:
        result.append(Field("confirm_move", str(CONFIRM_MOVE) % {"date": choices.leaving}, True, "checkbox"))
    return result


def _fields(event: str, requires: tuple[str, ...], case: Case, below: list[Committee], came_from: bool,
            meetings: MeetingChoices | None = None):
    if event == "schedule" and meetings is not None:
        return [*_meeting_fields(meetings), Field("comment", str(OPTIONAL_COMMENT), False, "textarea",
                                                  maxlength=TEXT_MAX["comment"])]
    names = list(requires)
    extras = {"resolve": ["outcome"], "refer": ["target"]}.get(event, [])
    names += [n for n in extras if n not in names]
    if "comment" not in names:
        names.append("comment")
    result = []
    for name in names:
        required = name in requires
        if name in ("target", "outcome", "risk_level"):
            result.append(_choice_field(name, required, case, below, came_from))
        elif name == "comment":
            label = REASON_LABELS.get(event, FIELD_LABELS["comment"]) if required else OPTIONAL_COMMENT
            result.append(Field(name, str(label), required, "textarea", maxlength=TEXT_MAX[name]))
        else:
            result.append(Field(name, str(FIELD_LABELS[name]), required, _kind(name),
                                maxlength=TEXT_MAX.get(name)))
    return result + (_share_fields() if event == "resolve" and not case.confidential else [])


def _share_fields() -> list[Field]:
    """Return the fields that share an answer with everyone (never offered on a confidential case)."""
    return [Field("share", str(SHARE_LABELS["share"]), False, "checkbox"),
            Field("share_title", str(SHARE_LABELS["share_title"]), False, "text", maxlength=TEXT_MAX["title"]),
            Field("share_text", str(SHARE_LABELS["share_text"]), False, "textarea",
                  maxlength=TEXT_MAX["answer"])]


def action_forms(case: Case, actions: list[str], below: list[Committee], came_from: bool,
                 meetings: MeetingChoices | None = None) -> list[ActionForm]:
    """Return one form per allowed event, in the order the engine gives them."""
    definition = engines()[case.workflow].definition
    forms = []
    for event in actions:
        transition = definition.transition_from(event, case.state)
        requires = transition.requires if transition else ()
        forms.append(ActionForm(event, event_label(case.workflow, event),
                                _fields(event, requires, case, below, came_from, meetings)))
    return forms


@dataclass(frozen=True)
class Waiting:
    """An action shown disabled, with why it is not possible yet."""

    event: str
    label: str
    reason: str


def unavailable_actions(case: Case, unavailable: list[Unavailable]) -> list[Waiting]:
    """Return the actions that must wait, labelled and explained in the page's language."""
    result = []
    for u in unavailable:
        if u.guard is not None:
            reason = gettext(u.guard.message, days=engines()[case.workflow].definition.reopen_days)
        else:
            states = ", ".join(f"“{state_label(case.workflow, s)}”" for s in u.needs_states)
            reason = str(NEEDS_STATES) % {"states": states}
        result.append(Waiting(u.event, event_label(case.workflow, u.event), reason))
    return result


def require_chosen(event: str | None, fields: dict) -> None:
    """Refuse a decision whose outcome was left on "choose" (the API keeps its documented default)."""
    if "outcome" in fields and not str(fields["outcome"]).strip():
        raise Invalid(_("Choose an outcome for %(event)s."), event=event)
