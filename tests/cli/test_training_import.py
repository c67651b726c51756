"""`medflow training import`: every problem as FILE:LINE and nothing written, or the new courses and a count."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import TrainingRecord


@pytest.fixture
def run(app, org, tmp_path):
    """Return run(bytes, *flags): write the file and import it."""

    def invoke(data: bytes, *flags: str):
        path = tmp_path / "kurser.csv"
        path.write_bytes(data)
        return app.test_cli_runner().invoke(cli, ["training", "import", str(path), *flags]), path

    return invoke


def _stored(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(TrainingRecord).order_by(TrainingRecord.id)).all()
        found = [(r.person.email, r.course, r.taken_on.isoformat()) for r in rows]
        db.session.remove()
    return found


def test_every_problem_is_reported_with_file_and_line_and_nothing_is_imported(app, run):
    text = (
        "E-mail;Kursus;Dato\n"
        "amir@example.dk;Den lovpligtige arbejdsmiljøuddannelse;2026-03-14\n"
        "ukendt@example.dk;MED-uddannelse;2026-02-01\n"
        "sara@example.dk;Yoga;2026-02-01\n"
        "sara@example.dk;med;31-02-2026\n"
        "amir@example.dk;lovpligtig;14.03.2026\n"
    )
    result, path = run(text.encode("utf-8"))
    assert result.exit_code == 1
    err = result.stderr
    assert f"{path}:3: nobody has the e-mail address ukendt@example.dk" in err
    assert f"{path}:4: unknown course 'Yoga'" in err
    assert f"{path}:5: '31-02-2026' is not a date" in err
    assert f"{path}:6: the same course and date for amir@example.dk is on line 2 too" in err
    assert "nothing was written (4 problem(s))" in err
    assert _stored(app) == []


def test_a_wrong_header_names_the_columns_it_needs(app, run):
    result, path = run(b"Navn;Kursus\nAmir;med\n")
    assert result.exit_code == 1 and f"{path}:1: the header must name the columns" in result.stderr
    assert "E-mail;Kursus;Dato" in result.stderr


def test_a_bom_and_commas_import_and_a_second_import_adds_nothing(app, run):
    text = ("\ufeffemail,course,date,note\namir@example.dk,statutory,2026-03-14,AMU Syd\n"
            "sara@example.dk,med,2026-02-01,\n")
    dry, _path = run(text.encode("utf-8"), "--dry-run")
    assert dry.exit_code == 0 and "would be 2 new, 0 already recorded. Nothing was written." in dry.output
    assert _stored(app) == []
    first, _path = run(text.encode("utf-8"))
    assert first.exit_code == 0 and "2 new" in first.output
    again, _path = run(text.encode("utf-8"))
    assert again.exit_code == 0 and "0 new, 2 already recorded" in again.output
    assert _stored(app) == [
        ("amir@example.dk", "statutory", "2026-03-14"),
        ("sara@example.dk", "med", "2026-02-01"),
    ]
