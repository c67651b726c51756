"""Meeting pages: the list, the agenda, the minutes form, approval, print and PDF."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain import values
from medflow.domain.definitions import EVENT_FIELDS
from medflow.domain.errors import Invalid, MedflowError, NotPossible
from medflow.extensions import db
from medflow.i18n import translate_error
from medflow.notify import mail_settings
from medflow.persistence.base import utcnow
from medflow.services import cases as case_service
from medflow.services.answers import sharing
from medflow.services.meetings import agenda, approval, attendance, communication, minutes, planning, standing
from medflow.web.meetings.decisions import share_for_item
from medflow.web.meetings.pdf import pdf_response
from medflow.web.meetings.views import agenda_context, minutes_context
from medflow.workflows import engines

bp = Blueprint("meetings", __name__)
PLAN_FIELDS = ("date", "start_time", "end_time", "place", "online_link")


def _plan() -> planning.MeetingPlan:
    return planning.MeetingPlan(**{k: request.form.get(k) for k in PLAN_FIELDS})


def _back(meeting_id: int, page: str = "meetings.show", message: str | None = None):
    if message:
        flash(message, "success")
    return redirect(url_for(page, meeting_id=meeting_id))


@bp.get("/meetings")
@login_required
def mine():
    """List the coming meetings of every committee I sit on, and my committees' meeting lists."""
    upcoming = planning.upcoming_for(db.session, current_user, utcnow().date(), limit=50)
    return render_template("meetings/mine.html", upcoming=upcoming)


@bp.get("/committees/<key>/meetings")
@login_required
def committee_list(key: str):
    """List a committee's meetings, with the form to plan one for its officers."""
    committee = planning.committee_by_key(db.session, current_user, key)
    officer = bool(planning.committee_roles(db.session, current_user, committee.id) & set(planning.OFFICERS))
    return render_template("meetings/list.html", committee=committee, officer=officer,
                           meetings=planning.committee_meetings(db.session, committee.id),
                           standing=standing.standing_list(db.session, committee.id))


@bp.post("/committees/<key>/meetings")
@login_required
def create(key: str):
    """Plan a meeting and go to its agenda."""
    meeting = planning.create_meeting(db.session, current_user, key, _plan())
    return _back(meeting.id, message=gettext("The meeting is planned."))


@bp.get("/meetings/<int:meeting_id>")
@login_required
def show(meeting_id: int):
    """Show the agenda: each case's summary, topic, path so far and link; officers can change it."""
    return render_template("meetings/agenda.html", **agenda_context(meeting_id))


@bp.get("/meetings/<int:meeting_id>/agenda.pdf")
@login_required
def agenda_pdf(meeting_id: int):
    """Download the agenda as PDF."""
    context = agenda_context(meeting_id)
    return pdf_response("meetings/agenda.html", f"dagsorden-{meeting_id}.pdf", **context)


@bp.post("/meetings/<int:meeting_id>/move")
@login_required
def move(meeting_id: int):
    """Move the meeting."""
    planning.move_meeting(db.session, current_user, meeting_id, request.form.get("version"), _plan(),
                          engines=engines(), mail=mail_settings())
    return _back(meeting_id, message=gettext("The meeting was moved; the members are told."))


@bp.post("/meetings/<int:meeting_id>/cancel")
@login_required
def cancel(meeting_id: int):
    """Cancel the meeting."""
    planning.cancel_meeting(db.session, current_user, meeting_id, request.form.get("version"),
                            mail=mail_settings())
    return _back(meeting_id, message=gettext("The meeting is cancelled; the members are told."))


@bp.post("/meetings/<int:meeting_id>/delete")
@login_required
def delete(meeting_id: int):
    """Delete a meeting planned by mistake."""
    key = planning.visible_meeting(db.session, current_user, meeting_id).committee.key
    planning.delete_meeting(db.session, current_user, meeting_id, request.form.get("version"))
    flash(gettext("The meeting was deleted."), "success")
    return redirect(url_for("meetings.committee_list", key=key))


@bp.post("/meetings/<int:meeting_id>/items")
@login_required
def add_item(meeting_id: int):
    """Add a free item, or schedule a case the committee holds onto this meeting."""
    form = request.form
    if form.get("case"):
        case_id = values.ident("case", form.get("case"))
        case_service.fire_event(db.session, engines(), current_user, case_id, "schedule",
                                form.get("case_version"), {"meeting": str(meeting_id),
                                                           "confirm_move": form.get("confirm_move", "")})
    else:
        agenda.add_free_item(db.session, current_user, meeting_id, form.get("version"), form.get("title"),
                             form.get("text", ""), bool(form.get("internal")))
    return _back(meeting_id, message=gettext("The item was added."))


@bp.post("/meetings/<int:meeting_id>/order")
@login_required
def reorder(meeting_id: int):
    """Move one item up or down (the communication item stays last)."""
    meeting = planning.visible_meeting(db.session, current_user, meeting_id)
    ids = [i.id for i in meeting.items if i.kind != "communication"]
    moving = values.ident("item", request.form.get("item"))
    step = -1 if request.form.get("direction") == "up" else 1
    if moving in ids and 0 <= ids.index(moving) + step < len(ids):
        at = ids.index(moving)
        ids[at], ids[at + step] = ids[at + step], ids[at]
    agenda.reorder(db.session, current_user, meeting_id, request.form.get("version"), ids)
    return _back(meeting_id)


@bp.post("/meetings/<int:meeting_id>/publish")
@login_required
def publish(meeting_id: int):
    """Publish the agenda."""
    version = request.form.get("version")
    agenda.publish_agenda(db.session, current_user, meeting_id, version, mail=mail_settings())
    return _back(meeting_id, message=gettext("The agenda is published; the members are told."))


@bp.get("/meetings/<int:meeting_id>/minutes")
@login_required
def minutes_page(meeting_id: int):
    """Show the minutes: a form per item until approved, read-only afterwards."""
    return render_template("meetings/minutes.html", **minutes_context(meeting_id))


@bp.get("/meetings/<int:meeting_id>/minutes.pdf")
@login_required
def minutes_pdf(meeting_id: int):
    """Download the minutes as PDF."""
    return pdf_response("meetings/minutes.html", f"referat-{meeting_id}.pdf", **minutes_context(meeting_id))


@bp.post("/meeting-items/<int:item_id>/minutes")
@login_required
def record(item_id: int):
    """Save an item's minutes and decision; a refused save shows the minutes again with what was typed."""
    form = request.form
    fields = {k: form[k] for k in EVENT_FIELDS if k in form}
    try:
        share = share_for_item(item_id, form)
        item = minutes.record_minutes(
            db.session, engines(), current_user, item_id, form.get("version"), form.get("minutes"),
            form.get("decision"), fields, bool(form.get("internal")), case_version=form.get("case_version"),
            choose_outcome=True)
        if share is not None and item.case_id is not None:
            sharing.share_answer(db.session, current_user, item.case_id, share)
    except (Invalid, NotPossible) as error:
        db.session.rollback()
        return _refused(item_id, error, form.to_dict())
    saved = gettext("The minutes of the item are saved.")
    if share is not None:
        saved += " " + gettext("The answer is shared with all employees.")
    return _back(item.meeting_id, "meetings.minutes_page", saved)


def _refused(item_id: int, error: MedflowError, typed: dict[str, str]):
    """Render the minutes with the refused item's form as it was sent and the reason beside it."""
    meeting_id = minutes.meeting_of_item(db.session, current_user, item_id)
    failed = {"item": item_id, "message": translate_error(error), "typed": typed}
    status = 400 if isinstance(error, Invalid) else 409
    return render_template("meetings/minutes.html", **minutes_context(meeting_id, failed)), status


@bp.post("/meetings/<int:meeting_id>/lines")
@login_required
def add_line(meeting_id: int):
    """Add a line to the communication item."""
    new = communication.NewLine(**{k: request.form.get(k) for k in communication.NewLine.__dataclass_fields__})
    communication.add_line(db.session, current_user, meeting_id, request.form.get("version"), new)
    return _back(meeting_id, "meetings.minutes_page", gettext("The line was added."))


@bp.post("/meetings/<int:meeting_id>/approve")
@login_required
def approve(meeting_id: int):
    """Approve the minutes."""
    meeting = minutes.approve(db.session, engines(), current_user, meeting_id, request.form.get("version"),
                              mail=mail_settings(), one_approver=current_app.config.get("MINUTES_ONE_APPROVER"))
    done = gettext("The minutes are approved and published.") if meeting.approved_at else \
        gettext("Your approval is recorded; the minutes stay a draft until the other side has approved.")
    return _back(meeting_id, "meetings.minutes_page", done)


@bp.post("/meetings/<int:meeting_id>/approve/withdraw")
@login_required
def withdraw_approval(meeting_id: int):
    """Take back my approval while the other side's is outstanding."""
    approval.withdraw_approval(db.session, current_user, meeting_id, request.form.get("version"))
    return _back(meeting_id, "meetings.minutes_page", gettext("Your approval is taken back."))


@bp.post("/meetings/<int:meeting_id>/attendance")
@login_required
def record_attendance(meeting_id: int):
    """Record who was present, who sent apologies and who took the minutes."""
    marks = {k[4:]: v for k, v in request.form.items() if k.startswith("att-")}
    present, away = ([e for e, v in marks.items() if v == want] for want in ("present", "apologies"))
    attendance.record_attendance(db.session, current_user, meeting_id, request.form.get("version"), present,
                                 away, request.form.get("minute_taker"))
    return _back(meeting_id, "meetings.minutes_page", gettext("The attendance is saved."))


@bp.post("/meetings/<int:meeting_id>/addenda")
@login_required
def add_addendum(meeting_id: int):
    """Add a dated correction to approved minutes."""
    minutes.add_addendum(db.session, current_user, meeting_id, request.form.get("text"))
    return _back(meeting_id, "meetings.minutes_page", gettext("The addendum was added."))


@bp.post("/meeting-items/<int:item_id>/delete")
@login_required
def remove_item(item_id: int):
    """Take a free item off the agenda."""
    meeting_id = values.ident("meeting", request.form.get("meeting"))
    agenda.remove_item(db.session, current_user, item_id, request.form.get("version"))
    return _back(meeting_id, message=gettext("The item was removed."))
