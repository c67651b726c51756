"""Meeting pages, the JSON API, the calendar and news feeds (registered by init_app)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the meeting blueprints, the schedule hooks and the templates' upcoming-meetings helper."""
    from medflow.services.hooks import on_case_event, on_event_fields
    from medflow.services.meetings import agenda, communication, moves, notices
    from medflow.web.meetings import agenda_cases, api, feeds, pages, standing_items, status, texts, views

    notices.on_meeting_mail(texts.compose_meeting_mail)
    on_event_fields(agenda.resolve_meeting)
    on_case_event(agenda.on_schedule)
    on_case_event(moves.on_unschedule)
    for blueprint in (pages.bp, api.bp, feeds.bp, standing_items.bp, agenda_cases.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals.update(upcoming_meetings=views.upcoming_meetings,
                                 meeting_information=views.meeting_information,
                                 newsletter_name=views.newsletter_name, audience_label=views.audience_label,
                                 public_items=communication.public_items,
                                 public_lines=communication.public_lines,
                                 meeting_status=status.meeting_status, minutes_status=status.minutes_status)
