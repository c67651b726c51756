"""Shared answers for every employee: the archive (/answers), one answer, the Atom feed, unsharing,
and the suggestions the new-case form fetches as the employee types.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_required

from medflow.domain.errors import Invalid
from medflow.extensions import db
from medflow.i18n import translate_error
from medflow.persistence.models import SharedAnswer
from medflow.services.answers import archive, sharing
from medflow.services.answers import suggestions as suggestion_service
from medflow.services.answers.feed import answers_atom
from medflow.services.paging import parse_cursor
from medflow.web.display import lang
from medflow.web.errors import json_error
from medflow.workflows import offers, topics

bp = Blueprint("answers", __name__)


@bp.before_request
@login_required
def _require_login():
    """The archive, its feed and the suggestions are for the kommune's employees: logged in."""


def topic_label(key: str | None) -> str:
    """Return a topic's name in the reader's language ("" for none, the key for a topic since removed)."""
    topic = topics().get(key) if key else None
    return topic.label.get(lang()) if topic else (key or "")


@bp.get("/answers")
def index():
    """List the shared answers, newest first, 25 a page, by topic and level."""
    topic, level = request.args.get("topic") or None, request.args.get("level") or None
    found = archive.archive_page(db.session, topic=topic, level=level,
                                 after=parse_cursor(request.args.get("after")))
    catalog = topics()
    return render_template(
        "answers/index.html", answers=found.items, next_after=found.next_after, topic=topic, level=level,
        topic_choices=[(k, topic_label(k)) for k in archive.topics_in_use(db.session)],
        level_choices=[(lv.key, lv.label.get(lang())) for lv in catalog.levels],
        level_label=lambda k: catalog.level_label(k, lang()), topic_label=topic_label,
        paged=bool(request.args.get("after")))


@bp.get("/answers/<int:answer_id>")
def show(answer_id: int):
    """Show one shared answer, the committee that gave it and the offers for its topic."""
    answer = archive.live_answer(db.session, answer_id)
    return render_template("answers/show.html", answer=answer, topic_label=topic_label,
                           level_label=topics().level_label(answer.level, lang()),
                           offers=offers().for_topic(answer.topic), lang=lang(),
                           may_unshare=sharing.may_unshare(db.session, current_user, answer))


@bp.post("/answers/<int:answer_id>/unshare")
def unshare(answer_id: int):
    """Take a shared answer back (its committee's chair, vice chair or secretary); back to the archive."""
    sharing.unshare_answer(db.session, current_user, answer_id)
    flash(gettext("The answer is no longer shared: it is gone from the archive and the feed."), "success")
    return redirect(url_for("answers.index"))


@bp.get("/answers/feed.atom")
def feed():
    """Return the newest shared answers as an Atom feed."""
    base = current_app.config["BASE_URL"].rstrip("/")
    body = answers_atom(archive.newest(db.session), base, gettext("Shared answers from MED"))
    return Response(body, mimetype="application/atom+xml")


def answer_json(answer: SharedAnswer) -> dict:
    """Return a suggested answer as the form and the API show it."""
    return {"id": answer.id, "title": answer.title, "text": answer.text[:300],
            "committee": answer.committee.name, "topic": answer.topic, "topic_label": topic_label(answer.topic),
            "shared_at": answer.shared_at.date().isoformat(),
            "url": url_for("answers.show", answer_id=answer.id)}


def offer_json(offer) -> dict:
    """Return a suggested offer; its page is the guide of its first topic."""
    language = lang()
    return {"key": offer.key, "title": offer.title.get(language),
            "description": offer.description.get(language),
            "contact": offer.contact.get(language) or None, "link": offer.link,
            "url": url_for("flowchart.guide", topic=offer.topics[0], _anchor=f"offer-{offer.key}")}


def suggestions_json(args, via: str = "typing"):
    """Find the suggestions for `title` and `topic`, remember them for the form `form`, and return JSON."""
    try:
        token = suggestion_service.form_token(args.get("form"))
        found = suggestion_service.find(db.session, offers(), args.get("title"), args.get("topic"))
    except Invalid as error:
        return json_error(translate_error(error), 400)
    suggestion_service.record_shown(db.session, token, via, found)
    return found_json(found)


def found_json(found: suggestion_service.Suggestions):
    """Return suggestions as the JSON both the page's script and the API read."""
    return jsonify(answers=[answer_json(a) for a in found.answers],
                   offers=[offer_json(o) for o in found.offers])


@bp.get("/answers/suggestions")
def suggestions():
    """Return the shared answers and offers matching a title being typed (for the new-case form's script)."""
    return suggestions_json(request.args)
