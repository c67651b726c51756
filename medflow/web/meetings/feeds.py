"""Public feeds and the page that shows a person their calendar address: /calendar, /news."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.extensions import db
from medflow.services.meetings import communication, feeds

bp = Blueprint("meeting_feeds", __name__)


def _base_url() -> str:
    return current_app.config["BASE_URL"].rstrip("/")


@bp.get("/calendar")
@login_required
def calendar_page():
    """Show the person their calendar-feed address (made on first visit)."""
    token = feeds.calendar_token(db.session, current_user)
    url = url_for("meeting_feeds.calendar_feed", token=token, _external=True)
    return render_template("meetings/calendar.html", url=url)


@bp.post("/calendar/renew")
@login_required
def calendar_renew():
    """Make a new calendar address; the old one stops working."""
    feeds.calendar_token(db.session, current_user, renew=True)
    return redirect(url_for("meeting_feeds.calendar_page"))


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    """Return the person's meetings as iCalendar (no login: the secret address is the key)."""
    person = feeds.person_by_token(db.session, token)
    body = feeds.calendar_ics(db.session, person, request.host_url.rstrip("/"))
    return Response(body, mimetype="text/calendar", headers={"Cache-Control": "no-store"})


@bp.get("/news")
def news():
    """Show the approved stories for the staff newsletter."""
    return render_template("meetings/news.html", stories=communication.stories(db.session))


@bp.get("/news.atom")
def news_atom():
    """Return the approved stories as an Atom feed."""
    body = feeds.news_atom(communication.stories(db.session), _base_url(), gettext("News from MED"))
    return Response(body, mimetype="application/atom+xml")
