"""The admin page for mail: messages that failed after all retries, retrying them, failing addresses."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from medflow.extensions import db
from medflow.services.mail import mail_admin
from medflow.web.admin.guard import bp


class RetryForm(FlaskForm):
    """A retry button with CSRF protection."""


def admin_required(view):
    """Let only administrators through (403 for anyone else)."""
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)
    return wrapper


@bp.get("/mail")
@admin_required
def mail():
    """List failed messages with their errors and the addresses that keep failing."""
    return render_template("admin/mail.html", failed=mail_admin.failed(db.session),
                           failing=mail_admin.failing_addresses(db.session), form=RetryForm())


@bp.post("/mail/<int:message_id>/retry")
@admin_required
def retry(message_id: int):
    """Queue a failed message again."""
    if not RetryForm().validate_on_submit():
        abort(400)
    mail_admin.retry(db.session, message_id)
    flash(lazy_gettext("Message %(id)s is queued again.", id=message_id), "success")
    return redirect(url_for("admin.mail"))
