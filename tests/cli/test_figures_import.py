"""`medflow figures import`: every problem as FILE:LINE and nothing written, or a replacement and its counts."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import AuditEntry, Committee, RiskReports, SicknessAbsence, WellbeingScore


@pytest.fixture
def run(app, org, tmp_path):
    """Give lok-pleje the cost-centre code 4400 and close a committee; return run(text, kind, *flags)."""
    with app.app_context():
        db.session.execute(update(Committee).where(Committee.key == "lok-pleje").values(cost_centre="4400"))
        db.session.execute(update(Committee).where(Committee.key == "omr-aeldre").values(closed_at=utcnow()))
        db.session.commit()

    def invoke(text: str, kind: str, *flags: str):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        return app.test_cli_runner().invoke(cli, ["figures", "import", str(path), "--kind", kind, *flags]), path
    return invoke


def _stored(app, model) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(model).order_by(model.id)).all()
        found = [(r.committee.key, r.year, getattr(r, "month", None), getattr(r, "days", None),
                  getattr(r, "reports", None)) for r in rows]
        db.session.remove()
    return found


def test_every_kind_of_problem_is_reported_with_file_and_line_and_nothing_is_imported(app, run):
    text = ("Arbejdssted;År;Måned;Fraværsdage;Årsværk\n"
            "lok-skole;2026;1;12;10\n"
            "lok-ukendt;2026;1;2;4\n"
            "lok-skole;2026;2;tolv;10\n"
            "lok-skole;2026;13;2;10\n"
            "lok-skole;2026;1;11;10\n"
            "omr-aeldre;2026;1;1;5\n")
    result, path = run(text, "sickness")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{path}:3: unknown workplace 'lok-ukendt': no committee has that key or cost-centre code",
        f"{path}:4: Fraværsdage 'tolv' is not a number of zero or more",
        f"{path}:5: Måned '13' must be a whole number from 1 to 12",
        f"{path}:6: duplicate row for lok-skole (also on line 2)",
        f"{path}:7: workplace 'omr-aeldre' belongs to omr-aeldre, which is closed",
        f"Error: {path} was not imported; nothing was written (5 problem(s)).",
    ]
    assert _stored(app, SicknessAbsence) == []


def test_a_key_and_a_cost_centre_naming_the_same_workplace_twice_is_a_duplicate(app, run):
    result, path = run("workplace,cost_centre,year,month,days,fte\nlok-pleje,,2026,3,1,8\n,4400,2026,3,2,8\n",
                       "sickness")
    assert result.exit_code == 1
    assert f"{path}:3: duplicate row for lok-pleje (also on line 2)" in result.output


def test_a_year_of_risk_reports_given_whole_and_by_month_is_refused(app, run):
    result, path = run("Arbejdssted;År;Måned;Indberetninger\nlok-skole;2026;;9\nlok-skole;2026;4;2\n", "risk")
    assert result.exit_code == 1
    assert f"{path}:3: lok-skole has risk reports for 2026 both for the whole year and per month" \
        in result.output
    assert _stored(app, RiskReports) == []


def test_a_dry_run_says_what_would_change_and_writes_nothing(app, run):
    result, path = run("Arbejdssted;År;Måned;Fraværsdage;Årsværk\nlok-skole;2026;1;12;10\n", "sickness",
                       "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (f"Dry run of {path} (sickness): would be 1 added, 0 changed, 0 removed, "
                                     "0 unchanged. Nothing was written.")
    assert _stored(app, SicknessAbsence) == []


def test_importing_a_period_again_replaces_it_and_counts_what_changed(app, run):
    first = ("Arbejdssted;År;Måned;Fraværsdage;Årsværk\n"
             "lok-skole;2026;1;12;10\nlok-skole;2026;2;8;10\nlok-dagtilbud;2026;1;3;6\nlok-pleje;2026;1;20;20\n")
    result, path = run(first, "sickness")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Imported {path} (sickness): 4 added, 0 changed, 0 removed, 0 unchanged."
    # HR's corrected January for the two school-area workplaces: one changed, one the same; the care
    # home is not in the file and keeps its figures, February is another period and stays too.
    again = "Arbejdssted;År;Måned;Fraværsdage;Årsværk\nlok-skole;2026;1;12,5;10\nlok-dagtilbud;2026;1;3;6\n"
    result, path = run(again, "sickness")
    assert result.output.strip() == f"Imported {path} (sickness): 0 added, 1 changed, 0 removed, 1 unchanged."
    assert sorted(_stored(app, SicknessAbsence)) == [
        ("lok-dagtilbud", 2026, 1, 3.0, None), ("lok-pleje", 2026, 1, 20.0, None),
        ("lok-skole", 2026, 1, 12.5, None), ("lok-skole", 2026, 2, 8.0, None)]
    with app.app_context():
        audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "figures.import")).all()
        assert [a.after["changed"] for a in audit] == [0, 1]


def test_a_survey_year_imported_again_removes_the_dimensions_it_no_longer_has(app, run):
    header = "workplace,year,dimension,score,responses\n"
    run(header + "lok-skole,2026,Ledelse,70,12\nlok-skole,2026,Samarbejde,66.5,12\n", "wellbeing")
    result, path = run(header + "lok-skole,2026,Ledelse,71,12\n", "wellbeing")
    assert result.output.strip() == f"Imported {path} (wellbeing): 0 added, 1 changed, 1 removed, 0 unchanged."
    with app.app_context():
        assert db.session.scalars(select(WellbeingScore.dimension)).all() == ["Ledelse"]


def test_a_whole_year_of_risk_reports_replaces_that_years_months(app, run):
    run("Arbejdssted;År;Måned;Indberetninger;Ansatte\nlok-skole;2026;1;2;12\nlok-skole;2026;2;1;12\n", "risk")
    result, path = run("Arbejdssted;År;Indberetninger\nlok-skole;2026;5\n", "risk")
    assert result.output.strip() == f"Imported {path} (risk): 1 added, 0 changed, 2 removed, 0 unchanged."
    assert _stored(app, RiskReports) == [("lok-skole", 2026, 0, None, 5)]


def test_a_file_that_cannot_be_read_or_has_the_wrong_header_exits_1(app, run, tmp_path):
    missing = str(tmp_path / "none.csv")
    result = app.test_cli_runner().invoke(cli, ["figures", "import", missing, "--kind", "risk"])
    assert result.exit_code == 1 and "could not be read" in result.output
    result, path = run("Arbejdssted;År;Fratrådte\nlok-skole;2026;1\n", "turnover")
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:1: the header must name the columns year, leavers, headcount")
