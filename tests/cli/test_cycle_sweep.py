"""`medflow sweep` and the annual cycle: a period that ended undiscussed reminds the chair once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Notification, Person
from medflow.services.cycle import items


def test_the_sweep_reminds_the_chair_once_of_an_annual_discussion_not_held(app, org):
    with app.app_context():
        lene = db.session.scalar(select(Person).where(Person.email == "lene@example.dk"))
        chair = lene.id
        items.add_item(db.session, lene, "lok-skole", items.ItemForm(
            title="Den årlige arbejdsmiljødrøftelse", kind="quarter", quarter=4),
            now=datetime(2026, 9, 1, tzinfo=UTC))
    runner = app.test_cli_runner()
    before = runner.invoke(cli, ["sweep", "--now", "2026-12-15T09:00"])  # the quarter is not over
    first = runner.invoke(cli, ["sweep", "--now", "2027-01-05T09:00"])
    again = runner.invoke(cli, ["sweep", "--now", "2027-01-06T09:00"])
    assert "0 reminder(s)" in before.output and "1 reminder(s)" in first.output, first.output
    assert "0 reminder(s)" in again.output
    with app.app_context():
        told = db.session.scalars(select(Notification).where(Notification.kind == "cycle_overdue")).all()
        assert [(n.person_id, n.data["start"], n.data["end"]) for n in told] == [
            (chair, "2026-10-01", "2026-12-31")]
