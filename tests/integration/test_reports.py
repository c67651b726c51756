"""Every report figure against a hand-checked year (the docstring of tests/helpers/report_world.py tells it).

The expected numbers are written out by hand; each comment says which stories make them up (a story's
letter and, in brackets, how many cases it has). The report is read as of Oct 1, 2026, 12:00.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from medflow.domain.errors import Invalid, Unknown
from medflow.extensions import db
from medflow.persistence.models import Case, Person
from medflow.persistence.plans import Plan
from medflow.services.reports.report import case_report
from medflow.services.reports.selection import select_report
from tests.factories import load_org
from tests.helpers import report_world
from tests.helpers.report_world import NOW, REPORT_ORG, T2
from tests.web.test_query_counts import statements

NONE = None


@pytest.fixture
def year(app):
    """Load the organisation and the hand-checked year of cases."""
    with app.app_context():
        load_org(db.session, REPORT_ORG)
        report_world.build(db.session)
        db.session.remove()


def _report(who: str, **narrow):
    person = db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
    return case_report(db.session, select_report(db.session, person, 2026, **narrow), NOW)


def _rows(report, table_id: str) -> dict[str, list]:
    """Return a table's rows as {key: [Q1, Q2, Q3, Q4, year]} (or a level's values)."""
    return {r.key: list(r.values) for r in report.table(table_id).rows}


def test_the_administrator_counts_every_case_of_the_year(app, year):
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(Case.anonymised_at.is_not(None))) == 8
        report = _report("admin")
        assert _rows(report, "cases") == {
            # Q1: A1 6 + G 2 + B 3 + D 2 + E 2 + H 2 + X 1 = 18; Q2: A2 5 + F 3 + C 2 + I 2 + Q 1 (1 April
            # 00:30 Danish time, still March in UTC) + K 2 = 15; Q3: P 3 + S 1 + R 1 + O 1 + A4 2 + J 2 = 10
            "opened": [18, 15, 10, 0, 43],
            # Q1: A1 6 + G 2 + B 3 + H 2 = 13; Q2: X 1 + A2 5 + F 3 (each resolved twice in Q2? no: once,
            # Apr 26) + C 2 + I 2 + Q 1 = 14; Q3: P 3 + S 1 + A4 2 + J 2 + F 3 (again, Jul 2) = 11;
            # the year counts F once: 13 + 14 + 11 - 3 = 35
            "resolved": [13, 14, 11, 0, 35],
            "forwarded": [3, 2, 0, 0, 5],  # B 3 by lene; C 2 (by lene and by ole: once per case)
            "escalated": [0, 0, 2, 0, 2],  # J 2, by the sweep (no person)
            "referred": [0, 2, 0, 0, 2],  # C 2 by kim
            "rejected": [2, 0, 1, 0, 3],  # D 2; R 1
            "withdrawn": [2, 0, 0, 0, 2],  # E 2
        }
        assert _rows(report, "times") == {
            # first acceptances. Q1: 1 d ×5 (G 2, B 3), 2 d ×6 (A1), 3 d ×3 (H 2, X 1): 14 values, the middle
            # two (7th, 8th) 2 and 2; 90th percentile at position 13 × 0.9 = 11.7 between 3 and 3.
            # Q2: 1 d ×6 (F 3, Q 1, K 2), 2 d ×2 (I), 4 d ×5 (A2), 6 d ×2 (C): 15 values, the 8th is 2;
            # position 14 × 0.9 = 12.6 between the 13th (4) and 14th (6): 4 + 0.6 × 2 = 5.2.
            # Q3: 1 (O), 2 (S), 3 ×3 (P), 5 ×2 (A4), 30 ×2 (J): 9 values, the 5th is 3; position 7.2: 30.
            # Year: 38 values, 1 ×12, 2 ×9, 3 ×6, 4 ×5, 5 ×2, 6 ×2, 30 ×2: positions 18 and 19 are both 2;
            # position 37 × 0.9 = 33.3 between the 34th (5) and the 35th (6): 5.3
            "accept_median": [2.0, 2.0, 3.0, NONE, 2.0],
            "accept_p90": [3.0, 5.2, 30.0, NONE, 5.3],
            # first resolutions. Q1: 5 ×2 (G), 7 ×2 (H), 10 ×6 (A1), 20 ×3 (B): 13 values, the 7th is 10;
            # position 10.8 between 20 and 20. Q2: 2 (Q), 6 ×3 (F), 9 ×2 (I), 12 ×2 (C), 14 (X), 30 ×5 (A2):
            # 14 values, the 7th and 8th are 12; position 11.7: 30. Q3 (F's second resolution is not its
            # first): 4 (S), 8 ×3 (P), 11 ×2 (A4), 39 ×2 (J): the 4th and 5th are 8 and 11: 9.5; position 6.3:
            # 39. Year: 35 values; the 18th is 10 (2, 4, 5 5, 6 6 6, 7 7, 8 8 8, 9 9, then 10 ×6); position
            # 34 × 0.9 = 30.6 among the five 30s (the 29th to 33rd)
            "resolve_median": [10.0, 12.0, 9.5, NONE, 10.0],
            "resolve_p90": [20.0, 30.0, 39.0, NONE, 30.0],
        }
        assert _rows(report, "right_level") == {
            # first resolutions, by where the case was submitted: Q1 13, of which not B 3 (lok → omr): 10;
            # Q2 14, of which not C 2 (lok → omr): 12 (I 2 was submitted at omr-born and resolved there);
            # Q3 8, of which not J 2 (lok-pleje → omr-aeldre): 6; year 35 and 28
            "resolved_here": [13, 14, 8, 0, 35],
            "resolved_right_level": [10, 12, 6, 0, 28],
            "right_level_share": [76.9, 85.7, 75.0, NONE, 80.0],  # 10/13, 12/14, 6/8, 28/35
        }
        # kim's cascade: the 5 committees below kommunemed, lok-skole and omr-born reported back; ole's: 2, none
        assert _rows(report, "cascades") == {"cascades": [1, 0, 1, 0, 2], "units_asked": [5, 0, 2, 0, 7],
                                             "units_reported_back": [2, 0, 0, 0, 2]}
        # lok-skole Feb 10 and omr-born Mar 17; May 12 and kommunemed Jun 16; Aug 18 (Sep 8 was cancelled,
        # Oct 20 has not come). Annual discussions: omr-born's of 2025 approved Mar 18, lok-skole's Aug 20;
        # kommunemed's minutes of Jun 16 were never approved
        assert _rows(report, "activity") == {"meetings_held": [2, 2, 1, 0, 5],
                                             "annual_discussions": [1, 0, 1, 0, 2]}
        # no form was shown a shared answer this year
        assert _rows(report, "suggestions") == {"suggestions_shown": [0] * 5, "suggestions_sent": [0] * 5,
                                                "suggestions_spared": [0] * 5,
                                                "suggestions_spared_share": [NONE] * 5}
        assert report.overdue_now == 2  # K 2: accepted Jun 2, 60 days to Aug 1; O's deadline is Nov 21


def test_by_level_each_step_counts_where_it_was_taken(app, year):
    with app.app_context():
        levels = _rows(_report("admin"), "levels")
    # opened, resolved, forwarded, escalated, referred, rejected, withdrawn
    assert levels == {
        "kommune": [3, 2, 0, 0, 2, 1, 0],  # opened H 2 + R 1; resolved H 2; referred C 2; rejected R 1
        "omraade": [2, 9, 2, 0, 0, 0, 0],  # opened I 2; resolved B 3 + C 2 + I 2 + J 2; forwarded C 2 (ole)
        # opened 43 - 5; resolved A1 6 + G 2 + X 1 + A2 5 + F 3 + Q 1 + P 3 + S 1 + A4 2 = 24; forwarded
        # B 3 + C 2; escalated J 2 (from lok-pleje); rejected D 2; withdrawn E 2
        "lokal": [38, 24, 5, 2, 0, 2, 2],
    }


def test_narrowed_to_a_committee_a_level_or_a_topic(app, year):
    with app.app_context():
        skole = _report("admin", committee="lok-skole")
        area = _report("admin", level="omraade")
        topic = _report("admin", topic=T2)
    # submitted at lok-skole: Q1 A1 6 + G 2 + B 3 + D 2 + E 2 + X 1; Q2 A2 5 + F 3 + C 2 + Q 1 + K 2;
    # Q3 O 1 + A4 2
    assert _rows(skole, "cases")["opened"] == [16, 13, 3, 0, 32]
    # resolved at lok-skole: Q1 A1 6 + G 2; Q2 X 1 + A2 5 + F 3 + Q 1; Q3 F 3 + A4 2; the year counts F once
    assert _rows(skole, "cases")["resolved"] == [8, 10, 5, 0, 20]
    # submitted at lok-skole and first resolved: Q1 A1 6 + G 2 (B 3 not); Q2 X 1 + A2 5 + F 3 + Q 1 (C 2 not);
    # Q3 A4 2
    assert _rows(skole, "right_level")["resolved_right_level"] == [8, 10, 2, 0, 20]
    # 8 of 11, 10 of 12, 2 of 2, 20 of 25
    assert _rows(skole, "right_level")["right_level_share"] == [72.7, 83.3, 100.0, NONE, 80.0]
    assert _rows(skole, "activity") == {"meetings_held": [1, 1, 1, 0, 3], "annual_discussions": [0, 0, 1, 0, 1]}
    assert skole.overdue_now == 2
    assert _rows(area, "cases")["opened"] == [0, 2, 0, 0, 2]  # I 2
    assert _rows(area, "cases")["resolved"] == [3, 4, 2, 0, 9]  # B 3; C 2 + I 2; J 2
    assert _rows(area, "cases")["forwarded"] == [0, 2, 0, 0, 2]  # C 2, by ole
    assert [r.key for r in area.table("levels").rows] == ["omraade"]
    assert _rows(topic, "cases")["opened"] == [3, 4, 0, 0, 7]  # B 3; C 2 + I 2
    # accepted first: B after 1 day ×3; I after 2 ×2, C after 6 ×2: the middle of 2 2 6 6 is 4
    assert _rows(topic, "times")["accept_median"] == [1.0, 4.0, NONE, NONE, 2.0]
    # cascades and meetings have no topic: not counted under one
    assert _rows(topic, "cascades")["cascades"] == [NONE] * 5
    assert _rows(topic, "activity") == {"meetings_held": [NONE] * 5, "annual_discussions": [NONE] * 5}


def test_a_member_counts_the_confidential_cases_of_the_committee_she_sits_on(app, year):
    with app.app_context():
        lene, sara = _report("lene"), _report("sara")  # lok-skole's chair and a plain member
        pia, kim, dora = _report("pia"), _report("kim"), _report("dora")
    # every case lok-skole held (G 2 confidential: lene reads them, sara only counts them); the same as
    # lok-skole's own column above
    assert _rows(lene, "cases")["opened"] == _rows(sara, "cases")["opened"] == [16, 13, 3, 0, 32]
    assert _rows(sara, "times") == _rows(lene, "times")
    assert _rows(pia, "cases")["opened"] == [0, 0, 6, 0, 6]  # P 3 + S 1 (confidential) + J 2
    # kim's committee held H 2 (Q1), C 2 (Q2, counted where submitted) and R 1 (Q3)
    assert _rows(kim, "cases")["opened"] == [2, 2, 1, 0, 5]
    assert _rows(kim, "cascades")["cascades"] == [1, 0, 0, 0, 1]  # his committee's cascade, not omr-born's
    assert _rows(dora, "cases")["opened"] == [0, 0, 0, 0, 0]  # lok-dagtilbud held no case


def _selection(who: str):
    person = db.session.scalar(select(Person).where(Person.email == f"{who}@example.dk"))
    return select_report(db.session, person, 2026)


def test_a_report_costs_the_same_statements_for_few_cases_or_many(app, year):
    with app.app_context():
        few_cases, many_cases, every_case = _selection("dora"), _selection("sara"), _selection("admin")
        counted = []
        for sel in (few_cases, many_cases, every_case):
            with statements(app) as seen:
                case_report(db.session, sel, NOW)
            counted.append(len(seen))
    # grouped in SQL: two for the counts, two for the times, one each for the right level, cascades, meetings,
    # annual discussions, suggestions, the levels and their counts, and what is overdue; never one per case
    assert counted == [12, 12, 12]


def _subjects() -> tuple[str, str]:
    plan = db.session.scalar(select(Plan))
    return str(plan.subjects[0].id), str(plan.subjects[1].id)


def test_narrowed_to_a_focus_area_only_tagged_cases_count(app, year):
    with app.app_context():
        first, second = _subjects()
        admin, sara, dora = _report("admin", focus_area=first), _report("sara", focus_area=first), \
            _report("dora", focus_area=first)
        forwarded = _report("admin", focus_area=second)
        both = _report("admin", focus_area=first, committee="lok-skole")
    # tagged with the first subject: H 2 (Q1, at kommunemed) and A2 5 (Q2, at lok-skole)
    assert _rows(admin, "cases")["opened"] == [2, 5, 0, 0, 7]
    assert _rows(admin, "cases")["resolved"] == [2, 5, 0, 0, 7]
    assert _rows(admin, "levels")["kommune"][:2] == [2, 2] and _rows(admin, "levels")["lokal"][:2] == [5, 5]
    # accepted after 3 days (H) ×2 and 4 days (A2) ×5
    assert _rows(admin, "times")["accept_median"] == [3.0, 4.0, NONE, NONE, 4.0]
    assert _rows(sara, "cases")["opened"] == [0, 5, 0, 0, 5]  # lok-skole never held H
    assert _rows(dora, "cases")["opened"] == [0] * 5
    assert admin.overdue_now == 0  # K is not tagged
    # the second subject: B 3, forwarded by lene and resolved at omr-born
    assert _rows(forwarded, "cases")["forwarded"] == [3, 0, 0, 0, 3]
    assert _rows(forwarded, "levels")["omraade"][1] == 3
    assert _rows(both, "cases")["opened"] == [0, 5, 0, 0, 5]
    # cascades, meetings and annual discussions have no focus area: not counted under one
    assert _rows(admin, "cascades")["cascades"] == [NONE] * 5
    assert _rows(admin, "activity")["annual_discussions"] == [NONE] * 5


def test_a_focus_area_that_is_no_number_or_not_there_is_refused(app, year):
    with app.app_context():
        with pytest.raises(Invalid):
            _report("admin", focus_area="første")
        with pytest.raises(Unknown):
            _report("admin", focus_area="999999")
