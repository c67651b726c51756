"""`medflow org import people.csv`: HR's list with a dry run; all problems with file and line, or nothing."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import AuditEntry, Committee, Person
from tests.factories import snapshot

HEADER = "email,name,workplace,cost_centre,roles\n"
EVERYONE_ELSE = "".join(f"{who}@example.dk,{name},{where},,{roles}\n" for who, name, where, roles in [
    ("lene", "Lene Leder", "lok-skole", "lok-skole:chair"),
    ("tove", "Tove TR", "lok-skole", "lok-skole:vice_chair;lok-skole:tr"),
    ("sara", "Sara Medlem", "lok-skole", "lok-skole:member"),
    ("amir", "Amir AMR", "lok-skole", "lok-skole:amr"),
    ("ole", "Ole Områdechef", "omr-born", "omr-born:chair"),
    ("kim", "Kim Direktør", "kommunemed", "kommunemed:chair"),
    ("dora", "Dora Dagtilbud", "lok-dagtilbud", "lok-dagtilbud:chair"),
    ("pia", "Pia Plejeleder", "lok-pleje", "lok-pleje:chair"),
])


@pytest.fixture
def run_csv(app, org, tmp_path):
    """Give lok-pleje the cost-centre code 4400; return run(text, *flags) → CLI result."""
    with app.app_context():
        db.session.execute(update(Committee).where(Committee.key == "lok-pleje").values(cost_centre="4400"))
        db.session.commit()

    def run(text: str, *flags: str):
        path = tmp_path / "people.csv"
        path.write_text(text, encoding="utf-8")
        return app.test_cli_runner().invoke(cli, ["org", "import", str(path), *flags]), path
    return run


def _person(app, email: str) -> tuple:
    with app.app_context():
        p = db.session.scalar(select(Person).where(Person.email == email))
        result = (p.name, p.workplace.key, p.active, sorted((m.committee.key, m.role) for m in p.memberships))
        db.session.remove()
    return result


# Anna moves to the care home by cost centre, Bo is new, Peter has left (missing from the file).
CHANGES = (HEADER + EVERYONE_ELSE + "anna@example.dk,Anna Jensen,,4400,\n"
           "bo@example.dk,Bo Bibliotekar,lok-skole,,lok-skole:member\n")


def test_a_dry_run_prints_what_would_change_and_writes_nothing(app, run_csv):
    before = snapshot(app)
    result, path = run_csv(CHANGES, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+ add        bo@example.dk  Bo Bibliotekar  (lok-skole)" in result.output
    assert "~ change     anna@example.dk: workplace lok-skole → lok-pleje" in result.output
    assert "- deactivate peter@example.dk  Peter Plejer" in result.output
    assert "admin@example.dk" not in result.output  # administrators are never deactivated by HR's list
    assert (f"Dry run of {path}: would be 1 added, 1 changed, 1 deactivated, 8 unchanged. "
            "Nothing was written.") in result.output
    assert snapshot(app) == before


def test_a_full_import_adds_changes_and_deactivates_with_audit_rows(app, run_csv, api):
    case = api("peter").submit(title="Løft i plejen")
    result, _ = run_csv(CHANGES)
    assert result.exit_code == 0, result.output
    assert _person(app, "anna@example.dk")[1:3] == ("lok-pleje", True)
    assert _person(app, "bo@example.dk") == ("Bo Bibliotekar", "lok-skole", True, [("lok-skole", "member")])
    assert _person(app, "peter@example.dk")[2] is False  # deactivated, still there
    with app.app_context():
        rows = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(r.action, r.target, r.source, r.actor_id) for r in rows] == [
            ("person.add", "bo@example.dk", "csv-import", None),
            ("person.update", "anna@example.dk", "csv-import", None),
            ("person.deactivate", "peter@example.dk", "csv-import", None)]
        db.session.remove()
    assert api("pia").get(f"/cases/{case['id']}").status_code == 200  # his case is still there
    again, _ = run_csv(CHANGES)
    assert "0 added, 0 changed, 0 deactivated, 10 unchanged" in again.output


def test_every_problem_is_reported_with_file_and_line_and_nothing_is_written(app, run_csv):
    before = snapshot(app)
    text = (HEADER + EVERYONE_ELSE + "anna@example.dk,Anna Jensen,lok-bibliotek,,\n"
            "bo@example.dk,Bo,lok-skole,,omr-vej:member\n"
            "lene@example.dk,Lene Igen,lok-skole,,\n"
            "cc@example.dk,Carl,,9999,\n")
    result, path = run_csv(text)
    assert result.exit_code == 1
    assert result.output.splitlines()[:4] == [
        f"{path}:10: unknown workplace 'lok-bibliotek': no committee has it",
        f"{path}:11: role 'member' in a missing or closed committee 'omr-vej'",
        f"{path}:12: duplicate e-mail lene@example.dk (also on line 2)",
        f"{path}:13: unknown cost-centre code '9999': no committee has it",
    ]
    assert "nothing was written (4 problem(s))" in result.output
    assert snapshot(app) == before


def test_the_parser_reports_all_row_problems_at_once(app, run_csv):
    before = snapshot(app)
    text = HEADER + "not-an-email,Anna,lok-skole,,\n" + "x@example.dk,,,,lok-skole:king\n"
    result, path = run_csv(text)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if re.match(rf"{re.escape(str(path))}:\d+: ", line)]
    assert lines == [
        f"{path}:2: e-mail 'not-an-email' is missing or not an e-mail address",
        f"{path}:3: name is missing",
        f"{path}:3: give a workplace (committee key) or a cost-centre code",
        f"{path}:3: role 'lok-skole:king' must be COMMITTEE:ROLE with ROLE one of "
        "chair, vice_chair, secretary, member, amr, tr",
    ]
    assert snapshot(app) == before


def test_semicolons_and_danish_headers_from_a_payroll_export(app, run_csv):
    everyone = EVERYONE_ELSE.replace(",", ";") + "anna@example.dk;Anna Jensen;lok-skole;;\n"
    text = ("\ufeffE-mail;Navn;Arbejdssted;Omkostningssted;Roller\n" + everyone
            + "ny@example.dk;Nina Ny;;4400;\n")
    result, _ = run_csv(text, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "+ add        ny@example.dk  Nina Ny  (lok-pleje)" in result.output
    assert "- deactivate peter@example.dk" in result.output


def test_a_file_without_the_needed_columns_is_refused(app, run_csv):
    result, path = run_csv("fornavn,efternavn\nAnna,Jensen\n")
    assert result.exit_code == 1
    assert f"{path}:1: the header must name the columns email, name and workplace or cost_centre" \
        in result.output


def test_an_import_that_removes_the_last_chair_is_refused_until_a_successor_is_named(app, run_csv):
    without_lene = HEADER + EVERYONE_ELSE.replace("lene@example.dk,Lene Leder,lok-skole,,lok-skole:chair\n", "")
    before = snapshot(app)
    result, path = run_csv(without_lene + "anna@example.dk,Anna Jensen,lok-skole,,\n")
    assert result.exit_code == 1
    assert (f"{path}: committee 'lok-skole' would lose its last chair (lene@example.dk): "
            "name the new chair in the file") in result.output
    assert snapshot(app) == before

    successor = without_lene.replace("lok-skole:vice_chair;lok-skole:tr", "lok-skole:chair;lok-skole:tr")
    done, _ = run_csv(successor + "anna@example.dk,Anna Jensen,lok-skole,,\n", "--dry-run")
    assert done.exit_code == 0, done.output
    assert "- deactivate lene@example.dk" in done.output
