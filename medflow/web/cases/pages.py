"""Pages for cases: my cases, a new case, one case with its timeline and actions."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain.action_items import status as item_status
from medflow.domain.definitions import EVENT_FIELDS
from medflow.domain.errors import Invalid, MedflowError, NotPossible, StaleVersion
from medflow.domain.visibility import Level
from medflow.extensions import db
from medflow.i18n import translate_error
from medflow.persistence.models import Case
from medflow.services import action_items, cascade_views, queries
from medflow.services import cases as case_service
from medflow.services import topics as topic_service
from medflow.services.access import actor_roles, case_view, load_history
from medflow.services.answers import sharing
from medflow.services.notifications import mark_case_read
from medflow.services.paging import parse_cursor
from medflow.web.cases import suggest_form
from medflow.web.cases.actions import action_forms, require_chosen, unavailable_actions
from medflow.web.cases.crumbs import case_crumbs
from medflow.web.cases.redacted import render_redacted
from medflow.web.display import done_message, lang, topic_groups
from medflow.web.forms import NewCaseForm, SelectChoice
from medflow.web.meetings.views import schedule_choices
from medflow.workflows import engines, topics

bp = Blueprint("cases", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every case page needs a logged-in person."""


@bp.get("/cases")
def mine():
    """List the cases I submitted (a page at a time), and the items I published downwards (one row each)."""
    found = queries.my_cases(db.session, current_user, after=parse_cursor(request.args.get("after")),
                             size=current_app.config["PAGE_SIZE"])
    return render_template("cases/mine.html", cases=found.items, next_after=found.next_after,
                           paged=bool(request.args.get("after")),
                           published=cascade_views.published_by(db.session, current_user))


def _workflow_choices() -> list:
    return [SelectChoice(name, e.definition.label.get(lang()))
            for name, e in sorted(engines().items()) if e.definition.submittable]


def _topic_choices(destinations: dict) -> list:
    """Return the topic options grouped by case type and level, after "other / don't know"."""
    catalog, language = topics(), lang()
    choices = [SelectChoice("", gettext("Other / don't know"))]
    for group, found in topic_groups(catalog, sorted(engines().items()), language):
        for t in found:
            goes_to = destinations.get(t.key)
            attrs = {"data-workflow": t.workflow, "data-category": t.category or "",
                     "data-goes-to": goes_to.name if goes_to else ""}
            choices.append(SelectChoice(t.key, t.label.get(language), render_kw=attrs, optgroup=group))
    return choices


@bp.route("/cases/new", methods=["GET", "POST"])
def new():
    """Show the new-case form; open the case where its topic belongs (else at my workplace committee)."""
    form = NewCaseForm()
    destinations = topic_service.destinations(db.session, topics(), current_user.workplace)
    form.workflow.choices = _workflow_choices()
    form.set_topics(topics(), _topic_choices(destinations))
    if not form.is_submitted():
        form.workflow.data = "question"
        form.follow_topic_on_first_show(request.args.get("topic"))
    token = suggest_form.token(request.form if form.is_submitted() else None)
    if form.validate_on_submit():
        check = suggest_form.check_first(request.form, form.title.data, form.chosen_topic(), token)
        if check:  # without JavaScript: show what was answered before, and "send anyway"
            return _new_page(form, destinations, token, check)
        new_case = case_service.NewCase(
            workflow=form.workflow.data, title=form.title.data, description=form.description.data or "",
            confidential=form.confidential.data, topic=form.chosen_topic(), extra=form.extra(),
        )
        try:
            case = topic_service.submit_on_topic(db.session, engines(), topics(), current_user, new_case)
        except Invalid as error:  # a field rule the form does not know (characters, dates...)
            db.session.rollback()
            _form_error(form, error)
        else:
            suggest_form.sent(token, case.id)
            flash(gettext("Your case was sent to %(name)s.", name=case.holder.name), "success")
            return redirect(url_for("cases.show", case_id=case.id))
    return _new_page(form, destinations, token, None, 400 if form.is_submitted() else 200)


def _new_page(form: NewCaseForm, destinations: dict, token: str, check, status: int = 200):
    """Render the new-case form (with the "check first" suggestions when there are some)."""
    goes_to = destinations.get(form.topic.data or "")
    return render_template("cases/new.html", form=form, goes_to=goes_to, suggest_token=token,
                           check=check), status


def _form_error(form: NewCaseForm, error: Invalid) -> None:
    """Show a refused field's message at that field (at the title when no field is named)."""
    field = form._fields.get(str(error.params.get("field"))) or form.title
    field.errors = [*field.errors, translate_error(error)]


def render_case(case: Case, *, status: int = 200, problem: str | None = None,
                failed_event: str | None = None, typed: dict | None = None, changed: list | None = None):
    """Render a case page: facts, timeline, the forms for what I may do now and what must come first."""
    load_history(db.session, case)
    actions, unavailable = case_service.actions_and_unavailable(db.session, engines(), current_user, case)
    below = queries.committees_below(db.session, case.holder) if "refer" in actions else []
    came_from = case_service.came_from(db.session, case) is not None if "refer" in actions else False
    meetings = schedule_choices(case) if "schedule" in actions else None
    return render_template(
        "cases/detail.html", case=case, forms=action_forms(case, actions, below, came_from, meetings),
        unavailable=unavailable_actions(case, unavailable), problem=problem, failed_event=failed_event,
        typed=typed or {}, changed=changed or [], case_crumbs=case_crumbs, **_item_marks(case),
    ), status


def _item_marks(case: Case) -> dict:
    """Return the action-plan items' status, whether I may mark them (handlers may), the deadlines' names."""
    today = action_items.today_for()
    may = action_items.may_mark(db.session, engines()[case.workflow].definition, current_user, case,
                                actor_roles(db.session, current_user, case))
    deadlines = engines()[case.workflow].definition.statutory_deadlines  # their names, not their keys
    return {"item_status": {a.id: item_status(a.due_date, a.done_on, today) for a in case.action_items},
            "may_mark_items": may, "today": today,
            "deadline_labels": {d.key: d.label.get(lang()) for d in deadlines}}


@bp.get("/cases/<int:case_id>")
def show(case_id: int):
    """Show one case in full, or redacted when I may only see that it exists; opening it reads its notes."""
    view = case_view(db.session, current_user, case_id)
    mark_case_read(db.session, current_user, view.case.id)
    return render_case(view.case) if view.level == Level.FULL else render_redacted(view.case)


def _problem(error: MedflowError) -> tuple[int, str]:
    if isinstance(error, StaleVersion):
        return 409, gettext(
            "Someone else changed this case while you had it open, so nothing was saved. "
            "Here is the case as it is now: check it and act again if it is still needed."
        )
    return (400 if isinstance(error, Invalid) else 409), translate_error(error)


def _changed_since(case: Case, version: str | None) -> list:
    """Return the history rows written after the version a refused form was opened at."""
    seen = int(version) if version and version.isdigit() and len(version) < 10 else case.version
    return [e for e in case.history if e.seq > seen]


@bp.post("/cases/<int:case_id>/events")
def fire(case_id: int):
    """Fire the event whose button was pressed, then land on the case page.

    A refused form keeps what the person typed; when someone else was first, the page also lists
    what they did, so the person can decide whether to send it again.
    """
    event = request.form.get("event")
    fields = {k: request.form[k] for k in EVENT_FIELDS if k in request.form}
    shared = {k: request.form[k] for k in sharing.SHARE_FIELDS if k in request.form}
    try:
        require_chosen(event, fields)
        share = share_to_make(case_id, event, shared)
        case = case_service.fire_event(
            db.session, engines(), current_user, case_id, event, request.form.get("version"), fields
        )
        if share is not None:
            sharing.share_answer(db.session, current_user, case.id, share)
    except (Invalid, NotPossible) as error:
        db.session.rollback()
        status, message = _problem(error)
        fresh = case_service.visible_case(db.session, current_user, case_id)
        stale = isinstance(error, StaleVersion)
        changed = _changed_since(fresh, request.form.get("version")) if stale else None
        return render_case(fresh, status=status, problem=message, failed_event=event,
                           typed={**fields, **shared}, changed=changed)
    flash(done_message(case, event), "success")
    if share is not None:
        flash(gettext("The answer is shared with all employees."), "success")
    return redirect(url_for("cases.show", case_id=case.id))


def share_to_make(case_id: int, event: str | None, form: dict) -> sharing.Share | None:
    """Return the share an answering form asks for, checked before the case is answered (None: none)."""
    share = sharing.parse_share(form) if event == "resolve" else None
    if share is not None:
        case = case_service.visible_case(db.session, current_user, case_id)
        sharing.check_shareable(db.session, current_user, case)
    return share


@bp.post("/cases/<int:case_id>/action-items/<int:item_id>")
def mark_item(case_id: int, item_id: int):
    """Mark an action-plan item done on the date given (default today), or not done again ("undo")."""
    today = action_items.today_for()
    try:
        undo = bool(request.form.get("undo"))
        done_on = None if undo else action_items.parse_done_on(request.form.get("done_on") or today.isoformat(),
                                                               today)
        action_items.mark(db.session, engines(), current_user, case_id, item_id, done_on,
                          request.form.get("version"))
    except (Invalid, NotPossible) as error:
        db.session.rollback()
        status, message = _problem(error)
        return render_case(case_service.visible_case(db.session, current_user, case_id), status=status,
                           problem=message)
    flash(gettext("The action-plan item is marked not done.") if undo
          else gettext("The action-plan item is marked done."), "success")
    return redirect(url_for("cases.show", case_id=case_id))
