"""Keeping a plan in the browser: subjects, goals, initiatives, status changes, links and case tags.

Views only translate: each POST calls one service (which checks the officer and commits) and
goes back to the page; bad input is a 400 page that keeps what was typed.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_date, gettext
from flask_login import current_user, login_required

from medflow.domain.calendar import local_date
from medflow.domain.errors import Unknown, _
from medflow.domain.plan_file import STATUSES
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import Case
from medflow.persistence.plans import Initiative, Plan, PlanSubject
from medflow.services.plans import access, editing, links, news
from medflow.services.plans.views import links_for
from medflow.web.plans.words import LINK_LABELS, STATUS_LABELS

bp = Blueprint("plan_edit", __name__)


def _readable(row, what: str, committee):
    if row is None or not access.may_read(db.session, current_user, committee(row)):
        raise Unknown(_("%(what)s was not found."), what=what)
    return row


def _initiative(initiative_id: int) -> Initiative:
    found = db.session.get(Initiative, initiative_id)
    return _readable(found, gettext("The initiative"), lambda i: i.subject.plan.committee)


def _subject(subject_id: int) -> PlanSubject:
    found = db.session.get(PlanSubject, subject_id)
    return _readable(found, gettext("The subject"), lambda s: s.plan.committee)


def _back(plan: Plan, anchor: str = ""):
    return redirect(url_for("plans.page", key=plan.committee.key) + anchor)


@bp.post("/plans/<int:plan_id>/subjects")
@login_required
def add_subject(plan_id: int):
    """Add a subject to the plan."""
    plan = _readable(db.session.get(Plan, plan_id), gettext("The plan"), lambda p: p.committee)
    subject = editing.add_subject(
        db.session, current_user, plan, request.form.get("title"), request.form.get("intro")
    )
    flash(gettext("The subject is added."), "success")
    return _back(plan, f"#subject-{subject.id}")


@bp.post("/plan-subjects/<int:subject_id>/goals")
@login_required
def add_goal(subject_id: int):
    """Add a goal to a subject."""
    subject = _subject(subject_id)
    editing.add_goal(db.session, current_user, subject, request.form.get("text"))
    flash(gettext("The goal is added."), "success")
    return _back(subject.plan, f"#subject-{subject.id}")


@bp.post("/plan-subjects/<int:subject_id>/initiatives")
@login_required
def add_initiative(subject_id: int):
    """Add an initiative to a subject."""
    subject = _subject(subject_id)
    form = request.form
    initiative = editing.save_initiative(
        db.session, current_user, subject, None, form.get("text"), form.get("periods"), form.get("responsible")
    )
    flash(gettext("The initiative is added."), "success")
    return redirect(url_for("plan_edit.initiative", initiative_id=initiative.id))


@bp.get("/initiatives/<int:initiative_id>")
@login_required
def initiative(initiative_id: int):
    """Show an initiative: its periods, status history and links; officers also get the forms."""
    found = _initiative(initiative_id)
    committee = found.subject.plan.committee
    return render_template(
        "plans/initiative.html",
        initiative=found,
        plan=found.subject.plan,
        committee=committee,
        links=links_for(db.session, current_user, found),
        statuses=STATUSES,
        status_labels=STATUS_LABELS,
        link_labels=LINK_LABELS,
        story=story_defaults(found),
        may_keep=access.may_keep(db.session, current_user, committee),
    )


@bp.post("/initiatives/<int:initiative_id>")
@login_required
def edit_initiative(initiative_id: int):
    """Change an initiative's text, periods and who answers for it."""
    found, form = _initiative(initiative_id), request.form
    editing.save_initiative(
        db.session,
        current_user,
        found.subject,
        found,
        form.get("text"),
        form.get("periods"),
        form.get("responsible"),
    )
    flash(gettext("The initiative is saved."), "success")
    return redirect(url_for("plan_edit.initiative", initiative_id=found.id))


@bp.post("/initiatives/<int:initiative_id>/status")
@login_required
def change_status(initiative_id: int):
    """Move an initiative to a new status with a dated note."""
    found, form = _initiative(initiative_id), request.form
    editing.change_status(
        db.session, current_user, found, form.get("status"), form.get("note"), form.get("decision")
    )
    flash(gettext("The status is changed: %(status)s.", status=STATUS_LABELS[found.status]), "success")
    return redirect(url_for("plan_edit.initiative", initiative_id=found.id))


@bp.post("/initiatives/<int:initiative_id>/links")
@login_required
def add_link(initiative_id: int):
    """Link the initiative to a case, a cascade or a meeting item by its number."""
    found = _initiative(initiative_id)
    links.link(db.session, current_user, found, request.form.get("kind"), request.form.get("number"))
    flash(gettext("The link is added."), "success")
    return redirect(url_for("plan_edit.initiative", initiative_id=found.id))


@bp.post("/initiatives/<int:initiative_id>/news")
@login_required
def tell(initiative_id: int):
    """Put the initiative's news in the newsletter through the next meeting's communication item."""
    found, form = _initiative(initiative_id), request.form
    line = news.tell_in_newsletter(
        db.session,
        current_user,
        found,
        local_date(utcnow()),
        form.get("what"),
        form.get("story_title"),
        form.get("story_text"),
    )
    flash(
        gettext(
            "The story is on the communication item of the meeting on %(date)s.",
            date=format_date(line.item.meeting.date, format="long"),
        ),
        "success",
    )
    return redirect(url_for("plan_edit.initiative", initiative_id=found.id))


def story_defaults(initiative: Initiative) -> dict[str, str]:
    """Return the newsletter form's first text: the status and the latest note, for the officer to edit."""
    last = initiative.notes[-1] if initiative.notes else None
    status = str(STATUS_LABELS[initiative.status])
    text = initiative.text + (f"\n\n{last.note}" if last and last.note else "")
    if initiative.status == "waiting":
        text += "\n\n" + gettext("It waits for: %(decision)s", decision=initiative.decision)
    return {
        "what": gettext("Tell about the strategy plan: %(text)s", text=initiative.text)[:2000],
        "title": f"{initiative.subject.plan.title}: {status}"[:200],
        "text": text[:5000],
    }


@bp.post("/cases/<int:case_id>/focus-area")
@login_required
def tag_case(case_id: int):
    """Tag a case with a focus area of a plan its committee works under (or clear the tag)."""
    links.tag_case(db.session, current_user, case_id, request.form.get("focus_area"))
    flash(gettext("The focus area is saved."), "success")
    return redirect(url_for("cases.show", case_id=case_id))


def focus_choices(case: Case) -> dict | None:
    """Return the case page's focus-area form (current tag, choices), or None when it has none to offer."""
    subjects = links.focus_areas_for(db.session, case)
    if not subjects and case.focus_area_id is None:
        return None
    return {
        "current": case.focus_area_id,
        "choices": subjects,
        "may_tag": links.may_tag(db.session, current_user, case),
    }
