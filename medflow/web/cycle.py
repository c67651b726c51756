"""A committee's annual cycle (årshjul): the year by period with each item's status; officers edit it.

Members of the committee (and admins) read it; its chair, vice chair and secretary add, change, drop
or place items and publish them to the committees below, whose progress is the cascade's roll-up.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain import cycle as rules
from medflow.domain.calendar import local_date
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.services.cascades import may_publish
from medflow.services.cycle import items, publish, status
from medflow.services.meetings.planning import OFFICERS, committee_by_key, committee_roles
from medflow.web.cycle_words import words
from medflow.web.figures import chosen_year

bp = Blueprint("cycle", __name__)


def _form() -> items.ItemForm:
    form = request.form
    return items.ItemForm(title=form.get("title"), kind=form.get("kind"), text=form.get("text", ""),
                          month=form.get("month"), quarter=form.get("quarter"),
                          every_years=form.get("every_years") or 1, start_year=form.get("start_year"),
                          template=form.get("template", ""))


def _back(key: str, message: str):
    flash(message, "success")
    return redirect(url_for("cycle.page", key=key))


@bp.get("/committees/<key>/cycle")
@login_required
def page(key: str):
    """Show the committee's cycle for a year: each item in its month or quarter and its status."""
    committee = committee_by_key(db.session, current_user, key)
    year, today = chosen_year(), local_date(utcnow())
    rows, every = status.year_view(db.session, committee.id, year, today)
    officer = bool(committee_roles(db.session, current_user, committee.id) & set(OFFICERS))
    return render_template(
        "cycle/page.html", committee=committee, year=year, rows=rows, every=every, officer=officer,
        may_publish=officer and bool(committee.children) and may_publish(db.session, current_user, committee),
        months_of=lambda i: rules.months_of(
            status.recurrence_of(i)), items=status.active_items(db.session, committee.id), **words())


@bp.post("/committees/<key>/cycle")
@login_required
def add(key: str):
    """Add an item of the committee's own to its cycle."""
    item = items.add_item(db.session, current_user, key, _form())
    return _back(key, gettext("\"%(title)s\" is added to the annual cycle.", title=item.title))


@bp.post("/committees/<key>/cycle/<int:item_id>")
@login_required
def edit(key: str, item_id: int):
    """Change an item of the committee's own."""
    item = items.edit_item(db.session, current_user, key, item_id, _form())
    return _back(key, gettext("\"%(title)s\" is saved.", title=item.title))


@bp.post("/committees/<key>/cycle/<int:item_id>/drop")
@login_required
def drop(key: str, item_id: int):
    """Take an item of the committee's own out of the cycle."""
    items.drop_item(db.session, current_user, key, item_id)
    return _back(key, gettext("The item is taken out of the annual cycle."))


@bp.post("/committees/<key>/cycle/<int:item_id>/place")
@login_required
def place(key: str, item_id: int):
    """Place an item in a month of its period."""
    items.place_item(db.session, current_user, key, item_id, request.form.get("month"))
    return _back(key, gettext("The item is moved within its period."))


@bp.post("/committees/<key>/cycle/<int:item_id>/publish")
@login_required
def publish_down(key: str, item_id: int):
    """Publish an item to the committees below and show its roll-up."""
    item = publish.publish_down(db.session, current_user, key, item_id,
                                levels=tuple(request.form.getlist("levels")))
    flash(gettext("Published to %(n)s committees.", n=len(item.cascade.receipts)), "success")
    return redirect(url_for("notify_pages.cascade_show", cascade_id=item.cascade_id))
