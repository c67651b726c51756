"""Pages: a person's mail choices, and the one-click unsubscribe link (works without logging in)."""

from __future__ import annotations

from flask import Blueprint, Flask, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField

from medflow.domain.mailprefs import DIGEST, KINDS, MODES, NOW, OFF, check_choices
from medflow.extensions import csrf, db
from medflow.notify.compose import KIND_LABELS, read_unsubscribe_token
from medflow.persistence.models import Person
from medflow.services.mail import mail_admin, mail_prefs
from medflow.web.forms import SelectChoice

bp = Blueprint("mail_pages", __name__)
MODE_LABELS = {NOW: lazy_gettext("Immediately"), DIGEST: lazy_gettext("In the daily digest"),
               OFF: lazy_gettext("Not at all")}
HOURS = [SelectChoice(hour, f"{hour:02d}:00") for hour in range(24)]


def _mode_field(label) -> SelectField:
    return SelectField(label, choices=[SelectChoice(m, MODE_LABELS[m]) for m in MODES])


class MailChoicesForm(FlaskForm):
    """How and when each kind of notification e-mail comes."""

    email = BooleanField(lazy_gettext("Send me notifications by e-mail"))
    submitted = _mode_field(lazy_gettext("Cases I submitted"))
    committees = _mode_field(lazy_gettext("New cases and changes in my committees"))
    deadlines = _mode_field(lazy_gettext("Deadlines and escalations"))
    information = _mode_field(lazy_gettext("Cascades and information from above"))
    meetings = _mode_field(lazy_gettext("Meetings in my committees (agendas, changes, minutes, tasks)"))
    digest_hour = SelectField(lazy_gettext("Daily digest at (Danish time)"), coerce=int, choices=HOURS)


@bp.route("/notifications/mail", methods=["GET", "POST"])
@login_required
def mail_settings():
    """Show and save the person's mail choices."""
    chosen = mail_prefs.choices(db.session, current_user)
    form = MailChoicesForm(data={"email": not current_user.email_opt_out, "digest_hour": chosen.hour,
                                 **{kind: chosen.mode(kind) for kind in KINDS}})
    if form.validate_on_submit():
        picked = check_choices({kind: form[kind].data for kind in KINDS}, form.digest_hour.data, chosen)
        mail_prefs.save(db.session, current_user, picked, email_on=form.email.data)
        flash(lazy_gettext("Your e-mail choices are saved."), "success")
        return redirect(url_for("mail_pages.mail_settings"))
    return render_template("notifications/mail.html", form=form,
                           failing=mail_admin.is_failing(db.session, current_user)), 400 if form.errors else 200


def _unsubscribe_page(token: str, person_id: int, kind: str, done: list[str] | None):
    person = db.session.get(Person, person_id)
    return render_template("notifications/unsubscribe.html", token=token, kind=kind, done=done,
                           labels=KIND_LABELS, name=person.name if person else "")


@bp.get("/mail/unsubscribe/<token>")
def unsubscribe_page(token: str):
    """Say what the link turns off and offer the button (a GET changes nothing: link scanners follow links)."""
    return _unsubscribe_page(token, *read_unsubscribe_token(token), None)


@bp.post("/mail/unsubscribe/<token>")
@csrf.exempt
def unsubscribe(token: str):
    """Turn exactly the link's kind off for the link's person (RFC 8058 one-click; no log-in)."""
    person_id, kind = read_unsubscribe_token(token)
    done = mail_prefs.unsubscribe(db.session, person_id, kind)
    return _unsubscribe_page(token, person_id, kind, done)  # the link itself stops working now


def init_app(app: Flask) -> None:
    """Register the mail pages and the filter that names a kind of mail."""
    app.register_blueprint(bp)
    app.jinja_env.filters["mail_kind_label"] = lambda kind: str(KIND_LABELS[kind])
