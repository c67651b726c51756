"""The annual pack through a meeting: on the agenda, its sections in the minutes, frozen at approval.

Also: last year's goals opening the pack and next year's goals set at approval, the roll-up and the
"not held" list of a higher committee, the small-unit rule on the pack and its PDF.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from medflow.domain.figures_csv import parse_figures_csv
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.models import AnnualPack, Committee, Goal, Person
from medflow.services import goals
from medflow.services.figures.importer import apply_figures, plan_figures
from tests import factories
from tests.meeting_helpers import BEGUN, MEETING_ORG, in_days

YEAR = utcnow().year
SICKNESS = (
    "Arbejdssted;År;Måned;Fraværsdage;Årsværk\n"
    f"lok-skole;{YEAR};2;12;10\n"
    f"lok-dagtilbud;{YEAR};2;6;3\n"  # 3 FTE: only inside OmrådeMED Børn og Unge's total
    f"lok-pleje;{YEAR};2;20;20\n"
)
HIDDEN = "Færre end 5 – tæller med i totalen"


@pytest.fixture
def people(app, pages):
    """The organisation with a secretary, key figures for February, and a goal from last year's discussion."""
    with app.app_context():
        factories.load_org(db.session, MEETING_ORG)
        parsed = parse_figures_csv(SICKNESS, "sickness.csv", "sickness")
        apply_figures(db.session, None, parsed, plan_figures(db.session, parsed))
        lene = db.session.scalar(select(Person).where(Person.email == "lene@example.dk"))
        skole = db.session.scalar(select(Committee).where(Committee.key == "lok-skole"))
        goals.set_goal(
            db.session,
            lene,
            skole,
            "Sygefraværet under 5 %",
            year=YEAR - 1,
            owner=lene,
            due_on=date(YEAR, 6, 30),
        )
        db.session.commit()
        db.session.remove()
    return pages


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def _version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def _meeting_with_pack(people) -> int:
    sonja = people("sonja")
    created = sonja.post(
        "/committees/lok-skole/meetings",
        data={"date": in_days(0).isoformat(), **BEGUN, "place": "Mødelokale 2"},
    )
    meeting_id = int(created.headers["Location"].rsplit("/", 1)[1])
    agenda = sonja.get(f"/meetings/{meeting_id}").text
    put = sonja.post(f"/meetings/{meeting_id}/annual", data={"version": _version(agenda), "year": YEAR})
    assert put.status_code == 302
    return meeting_id


def _approve(people, meeting_id: int) -> None:
    for who in ("lene", "tove"):
        page = people(who).get(f"/meetings/{meeting_id}/minutes").text
        form = page.split(f'action="/meetings/{meeting_id}/approve"')[1]
        assert (
            people(who).post(f"/meetings/{meeting_id}/approve", data={"version": _version(form)}).status_code
            == 302
        )


def test_the_pack_goes_through_a_meeting_to_a_frozen_pdf_and_its_goals_carry_to_next_year(app, people):
    meeting_id = _meeting_with_pack(people)
    sonja = people("sonja")
    assert "Årlig arbejdsmiljødrøftelse" in _text(sonja.get(f"/meetings/{meeting_id}"))
    minutes = sonja.get(f"/meetings/{meeting_id}/minutes").text
    assert f"/committees/lok-skole/annual/{YEAR}" in minutes
    with app.app_context():
        goal_id = db.session.scalar(select(Goal.id).where(Goal.year == YEAR - 1))
    followed = sonja.post(
        f"/committees/lok-skole/annual/{YEAR}/goals/{goal_id}",
        data={"status": "partly_met", "note": "5,4 % i 4. kvartal"},
    )
    assert followed.status_code == 302
    saved = sonja.post(
        f"/committees/lok-skole/annual/{YEAR}/sections",
        data={
            "collaboration": "Arbejdsmiljøgruppen mødes i LokalMED",
            "meeting_intervals": "Hver anden måned",
            "competence_plan": "Amir tager den supplerende uddannelse",
            "goal_text": ["Færre stikskader", ""],
            "goal_owner": ["amir@example.dk", ""],
            "goal_due": [f"{YEAR + 1}-06-30", ""],
        },
    )
    assert saved.status_code == 302
    _approve(people, meeting_id)
    page = people("sara").get(f"/committees/lok-skole/annual/{YEAR}")
    text = _text(page)
    assert page.status_code == 200 and "Holdt og godkendt" in text
    assert "Sygefraværet under 5 %" in text and "Delvist nået" in text and "5,4 % i 4. kvartal" in text
    assert "Hver anden måned" in text and "Færre stikskader" in text
    assert 'data-testid="pack-sections-form"' not in sonja.get(f"/committees/lok-skole/annual/{YEAR}").text
    refused = sonja.post(f"/committees/lok-skole/annual/{YEAR}/sections", data={"collaboration": "Ændret"})
    assert refused.status_code == 409
    with app.app_context():
        pack = db.session.scalar(select(AnnualPack))
        assert (
            pack.frozen_at is not None and pack.snapshot["sections"]["meeting_intervals"] == "Hver anden måned"
        )
        [carried] = db.session.scalars(select(Goal).where(Goal.year == YEAR)).all()
        assert (carried.text, carried.owner.email, carried.due_on) == (
            "Færre stikskader",
            "amir@example.dk",
            date(YEAR + 1, 6, 30),
        )
    pdf = people("sara").get(f"/committees/lok-skole/annual/{YEAR}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    next_year = _text(people("lene").get(f"/committees/lok-skole/annual/{YEAR + 1}"))
    assert "Færre stikskader" in next_year and "Amir AMR" in next_year


def test_a_frozen_pack_keeps_what_it_showed_and_corrections_are_addenda(app, people):
    meeting_id = _meeting_with_pack(people)
    _approve(people, meeting_id)
    with app.app_context():
        parsed = parse_figures_csv(
            f"Arbejdssted;År;Måned;Fraværsdage;Årsværk\nlok-skole;{YEAR};2;40;10\n", "later.csv", "sickness"
        )
        apply_figures(db.session, None, parsed, plan_figures(db.session, parsed))
    people("sonja").post(f"/meetings/{meeting_id}/addenda", data={"text": "Fraværstallet er rettet af HR."})
    text = _text(people("lene").get(f"/committees/lok-skole/annual/{YEAR}"))
    assert "20,0 %" not in text  # 40 / (10 × 20): imported after the discussion, not in its record
    assert "Fraværstallet er rettet af HR." in text


def test_the_area_sees_the_pack_rolled_up_and_which_units_have_not_held_it(app, people):
    _approve(people, _meeting_with_pack(people))
    page = people("ole").get(f"/committees/omr-born/annual/{YEAR}")
    assert page.status_code == 200
    held = page.get_data(as_text=True).split('data-testid="pack-held"')[1].split("</table>")[0]
    assert re.search(r"LokalMED Skole</td>\s*<td[^>]*>Holdt den", held)
    assert re.search(r"LokalMED Dagtilbud</td>\s*<td[^>]*><strong>Ikke holdt endnu", held)
    text = _text(page)
    assert "Sygefraværet under 5 %" in text and "LokalMED Skole" in text  # the unit's goal, rolled up
    assert "Amir AMR" in text  # the units' members' training
    kommune = _text(people("kim").get(f"/committees/kommunemed/annual/{YEAR}"))
    assert "OmrådeMED Børn og Unge" in kommune and "Ikke holdt endnu" in kommune


def test_the_small_unit_is_shown_only_inside_its_parents_total_on_the_pack_and_its_pdf(app, people):
    text = _text(people("ole").get(f"/committees/omr-born/annual/{YEAR}"))
    assert f"LokalMED Dagtilbud — {HIDDEN}" in text and "10,0 %" not in text
    assert "OmrådeMED Børn og Unge — 6,9 %" in text  # (12 + 6) / (13 × 20)
    assert "5,8 %" in text  # the kommune's total beside it: 38 / (33 × 20)
    small = _text(people("dora").get(f"/committees/lok-dagtilbud/annual/{YEAR}"))
    assert HIDDEN in small and "10,0" not in small
    pdf = people("ole").get(f"/committees/omr-born/annual/{YEAR}.pdf")
    assert pdf.status_code == 200 and b"%PDF" in pdf.data[:8]


def test_outsiders_get_404_and_members_cannot_fill_the_sections(app, people):
    _meeting_with_pack(people)
    assert people("anna").get(f"/committees/lok-skole/annual/{YEAR}").status_code == 404
    assert (
        people("sara")
        .post(f"/committees/lok-skole/annual/{YEAR}/sections", data={"collaboration": "x"})
        .status_code
        == 403
    )
    assert (
        people("sonja")
        .post(
            f"/committees/lok-skole/annual/{YEAR}/sections",
            data={"goal_text": ["Et mål"], "goal_owner": ["anna@example.dk"], "goal_due": ["2027-01-01"]},
        )
        .status_code
        == 400
    )


def test_the_pack_taken_off_an_agenda_can_go_on_another_meeting(app, people):
    meeting_id = _meeting_with_pack(people)
    sonja = people("sonja")
    agenda = sonja.get(f"/meetings/{meeting_id}").text
    twice = sonja.post(f"/meetings/{meeting_id}/annual", data={"version": _version(agenda), "year": YEAR})
    assert twice.status_code == 409
    item_id = re.search(r'class="agenda-item agenda-annual" data-item="(\d+)"', agenda).group(1)
    removed = sonja.post(
        f"/meeting-items/{item_id}/delete", data={"version": _version(agenda), "meeting": meeting_id}
    )
    assert removed.status_code == 302
    assert "Endnu ikke på et mødes dagsorden" in _text(sonja.get(f"/committees/lok-skole/annual/{YEAR}"))
    assert _meeting_with_pack(people) != meeting_id
    with app.app_context():
        assert db.session.scalar(select(AnnualPack.item_id)) is not None


def test_the_pack_lists_work_environment_cases_with_overdue_action_items_and_keeps_their_state(
    app, people, api
):
    case = api("anna").submit("work_environment", title="Faldt i køkkenet", category="physical")
    case = api("amir").fire(case, "accept")
    case = api("amir").fire(case, "assess", risk_level="high", comment="Risiko for fald")
    api("lene").fire(
        case,
        "plan",
        problem="Glat gulv i køkkenet",
        solution="Skridsikker belægning",
        owner="Lene Leder",
        due_date=f"{YEAR - 1}-06-01",
        effect_check="Ingen fald i et kvartal",
    )
    _approve(people, _meeting_with_pack(people))
    html = people("sara").get(f"/committees/lok-skole/annual/{YEAR}").get_data(as_text=True)
    cases = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", html.split('data-testid="pack-cases"')[1].split("</table>")[0])
    )
    assert (
        "Faldt i køkkenet" in cases and "Glat gulv i køkkenet (Lene Leder" in cases and "Overskredet" in cases
    )
    assert "Handlingsplan" in cases  # the state, in words


def test_the_pack_lists_only_the_cases_its_reader_may_see_and_counts_the_rest(app, people, api):
    """A case the reader may not see even redacted is counted, never listed (the rule's COUNTED): a
    KommuneMED member met such rows in the demo, each linking to a page that answered 404."""
    case = api("anna").submit("work_environment", title="Krænkende bemærkninger", category="psychosocial",
                              confidential=True)
    api("lene").fire(case, "accept")
    _approve(people, _meeting_with_pack(people))
    for who, sees in (("sara", False), ("lene", True)):
        html = people(who).get(f"/committees/lok-skole/annual/{YEAR}").get_data(as_text=True)
        assert people(who).get(f"/cases/{case['id']}").status_code == (200 if sees else 404)
        if sees:
            row = html.split('data-testid="pack-cases"')[1].split("</table>")[0]
            assert f'href="/cases/{case["id"]}"' in row and "Krænkende bemærkninger" in row
            assert 'data-testid="pack-cases-unlisted"' not in html
        else:
            assert f"#{case['id']}" not in html and "Krænkende" not in html
            assert "Sager, du ikke har adgang til, som tæller med i tallene ovenfor, men ikke vises: 1." in html
