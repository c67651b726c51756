"""Meeting pages, the calendar and news feeds (registered by init_app; their JSON API is in web/api)."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the meeting blueprints and the templates' upcoming-meetings helper (hooks: medflow.wiring)."""
    from medflow.services.meetings import communication
    from medflow.web.meetings import agenda_cases, feeds, pages, standing_items, status, theme_days, views

    for blueprint in (pages.bp, feeds.bp, standing_items.bp, agenda_cases.bp, theme_days.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals.update(upcoming_meetings=views.upcoming_meetings,
                                 meeting_information=views.meeting_information,
                                 newsletter_name=views.newsletter_name, audience_label=views.audience_label,
                                 public_items=communication.public_items, public_title=views.public_title,
                                 public_lines=communication.public_lines,
                                 meeting_status=status.meeting_status, minutes_status=status.minutes_status,
                                 theme_day=theme_days.theme_day)
