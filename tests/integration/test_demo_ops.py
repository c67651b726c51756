"""`medflow demo` also shows the administration: cost centres, a new committee and person, all audited."""

from pathlib import Path

from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import AuditEntry, Committee
from tests.factories import row_counts

DEMO_CSV = Path(__file__).resolve().parents[2] / "medflow" / "demo" / "data" / "people.csv"


def test_the_demo_has_audited_admin_changes_and_an_hr_list_to_try(app):
    runner = app.test_cli_runner()
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert "medflow org import medflow/demo/data/people.csv --dry-run" in first.output
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
        school = db.session.scalar(select(Committee).where(Committee.key == "lok-musikskolen"))
        assert (school.parent.key, school.cost_centre) == ("cmed-kif", "6230")
        counts = row_counts(db.session)
    assert actions.count("committee.cost_centre") == 8
    assert {"committee.create", "person.add", "role.add"} <= set(actions)

    assert runner.invoke(cli, ["demo"]).exit_code == 0
    dry = runner.invoke(cli, ["org", "import", str(DEMO_CSV), "--dry-run"])
    with app.app_context():
        assert row_counts(db.session) == counts  # a second demo and a dry run change nothing
    assert dry.exit_code == 0, dry.output
    assert "1 added, 1 changed, 1 deactivated, 67 unchanged" in dry.output
