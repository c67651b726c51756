"""Pages: notifications, publishing a cascade, its roll-up and "information from above"."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy.exc import SQLAlchemyError
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from medflow.domain.errors import Invalid
from medflow.domain.limits import TEXT_MAX
from medflow.extensions import db
from medflow.i18n import translate_error
from medflow.notify import message
from medflow.services import cascade_views, cascades, notifications
from medflow.services.paging import parse_cursor
from medflow.services.visibility import fully_visible_ids
from medflow.web.cycle_words import words as cycle_words
from medflow.web.display import lang
from medflow.web.forms import SelectChoice
from medflow.web.notify.cascade_tree import Branch, branch_tree
from medflow.workflows import engines

bp = Blueprint("notify_pages", __name__)
KIND_LABELS = {"decision": lazy_gettext("Decision"), "information": lazy_gettext("Information"),
               "task": lazy_gettext("Task")}


class PublishForm(FlaskForm):
    """What a committee publishes downwards."""

    committee = SelectField(lazy_gettext("From committee"), validators=[DataRequired()])
    kind = SelectField(lazy_gettext("Kind"), choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()])
    title = StringField(lazy_gettext("Title"), validators=[DataRequired(), Length(max=TEXT_MAX["title"])])
    body = TextAreaField(lazy_gettext("Text"), validators=[DataRequired(), Length(max=TEXT_MAX["body"])])
    due_date = DateField(lazy_gettext("Report back by"), validators=[Optional()])
    internal = BooleanField(lazy_gettext("Internal (not shown to employees)"))
    levels = SelectMultipleField(lazy_gettext("Only these levels"), choices=[])
    branches = SelectMultipleField(lazy_gettext("Only these branches"), choices=[])


class SimpleForm(FlaskForm):
    """A button with CSRF protection."""


class MailForm(FlaskForm):
    """The e-mail opt-out switch."""

    email = BooleanField(lazy_gettext("Send me notifications by e-mail"))


@bp.get("/notifications")
@login_required
def notification_list():
    """List the user's notifications, newest first."""
    found = notifications.notification_page(db.session, current_user, parse_cursor(request.args.get("after")),
                                            current_app.config["NOTIFICATION_PAGE_SIZE"])
    readable = fully_visible_ids(db.session, current_user, (n.case_id for n in found.items))
    return render_template("notifications/list.html", items=found.items, next_after=found.next_after,
                           paged=bool(request.args.get("after")), readable=readable, message=message,
                           form=SimpleForm(),
                           mail_form=MailForm(email=not current_user.email_opt_out))


@bp.post("/notifications/read")
@login_required
def notification_read():
    """Mark every notification read."""
    if SimpleForm().validate_on_submit():
        notifications.mark_read(db.session, current_user)
    return redirect(url_for("notify_pages.notification_list"))


@bp.post("/notifications/settings")
@login_required
def notification_settings():
    """Save the e-mail opt-out."""
    form = MailForm()
    if form.validate_on_submit():
        notifications.set_email_opt_out(db.session, current_user, not form.email.data)
    return redirect(url_for("notify_pages.notification_list"))


def _publish_form() -> tuple[PublishForm, list[tuple[str, str]], list[Branch]]:
    form = PublishForm()
    mine, below = cascades.publish_choices(db.session, current_user)
    form.committee.choices = [SelectChoice(c.key, c.name) for c in mine]
    levels = dict.fromkeys((d.level.key, d.level.name) for d in below)
    branches = dict.fromkeys((d.key, d.name) for d in below)
    form.levels.choices = [SelectChoice(key, name) for key, name in levels]
    form.branches.choices = [SelectChoice(key, name) for key, name in branches]
    return form, list(levels), branch_tree(mine, below)


@bp.route("/cascades/new", methods=["GET", "POST"])
@login_required
def cascade_new():
    """Show and handle the publish form."""
    form, levels, tree = _publish_form()
    if form.validate_on_submit():
        new = cascades.NewCascade(
            committee=form.committee.data, title=form.title.data, body=form.body.data,
            kind=form.kind.data, due_date=form.due_date.data, internal=form.internal.data,
            levels=tuple(form.levels.data or ()), branches=tuple(form.branches.data or ()))
        try:
            cascade = cascades.publish(db.session, current_user, new)
        except Invalid as error:  # a field rule the form does not know (the date window...)
            db.session.rollback()
            field = form._fields.get(str(error.params.get("field"))) or form.title
            field.errors = [*field.errors, translate_error(error)]
        else:
            flash(lazy_gettext("Published to %(n)s committees.", n=len(cascade.receipts)), "success")
            return redirect(url_for("notify_pages.cascade_show", cascade_id=cascade.id))
    status = 400 if form.errors else 200
    return render_template("cascades/new.html", form=form, levels=levels, tree=tree), status


@bp.get("/cascades/<int:cascade_id>")
@login_required
def cascade_show(cascade_id: int):
    """Show the roll-up of a cascade."""
    result = cascade_views.rollup(db.session, current_user, cascade_id)
    readable = fully_visible_ids(db.session, current_user, (row.receipt.case_id for row in result.rows))
    return render_template("cascades/rollup.html", rollup=result, readable=readable,
                           state_label=state_label, kind_labels=KIND_LABELS, **cycle_words())


@bp.get("/information")
@login_required
def information():
    """Show what the user's committees received from above ("Information fra ledelsen/MED")."""
    items = cascade_views.information_from_above(db.session, current_user)
    return render_template("cascades/information.html", items=items, state_label=state_label,
                           kind_labels=KIND_LABELS)


def state_label(state: str) -> str:
    """Return a cascade state's label in the current language."""
    return engines()[cascades.WORKFLOW].definition.state(state).label.get(lang())


def init_app(app: Flask) -> None:
    """Register the pages and the `unread_notifications` template variable."""
    app.register_blueprint(bp)
    app.jinja_env.globals["cascade_kind_labels"] = KIND_LABELS

    @app.context_processor
    def _unread():
        user = current_user
        try:
            count = notifications.unread_count(db.session, user) if user and user.is_authenticated else 0
        except SQLAlchemyError:  # an error page must still render when the database fails
            db.session.rollback()
            count = 0
        return {"unread_notifications": count}
