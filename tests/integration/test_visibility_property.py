"""Property: for generated organisations, people and cases, everything agrees with the visibility rule.

Each example imports a generated organisation, opens cases and drives them (accept, forward,
refer, resolve, reject, withdraw, reopen) through the services, runs the sweep twice, and checks
for every person and case: the case JSON and page, every list (inbox, committee cases, my cases,
the redacted-or-not choice), the navigation's counts, the notification recipients of every event
and the sweep's reminder recipients, and every case's agenda item on the meeting page, its PDF and the
meeting API, an administrator's export of each submitter, and search (a case's own secret word
finds it only for those who read it in full; its agenda item only for readers of the meeting who read
it in full, its approved minutes also for the workplaces they are published to; a cascade by its
roll-up's readers and, unless internal, the workplaces under it), the guideline register (every
guideline its full readers, and one in force also every employee under the committee that decided
it: `PUBLISHED`), the reports (a case counts for everyone the rule gives it to at a level that
counts: `COUNTED` or more but not `PUBLISHED`, and no report page lists one), against
`Model.level`/`Model.told` (the rule on the plan).
"""

from __future__ import annotations

import io
import os
from datetime import time, timedelta

from flask import g
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader
from sqlalchemy import func, select, text

from medflow.domain.calendar import local_date, working_moment
from medflow.domain.errors import Unknown
from medflow.domain.org import parse_org
from medflow.domain.search_text import parse_query
from medflow.domain.visibility import Level
from medflow.extensions import db
from medflow.persistence import history_guard
from medflow.persistence.base import utcnow
from medflow.persistence.models import (
    Base,
    Case,
    CaseEvent,
    Committee,
    Meeting,
    MeetingItem,
    Notification,
    Person,
)
from medflow.services import queries
from medflow.services.access import case_view
from medflow.services.cascades import NewCascade, publish
from medflow.services.cases import NewCase, allowed_actions, fire_event, submit_case
from medflow.services.guidelines.register import register
from medflow.services.guidelines.standing import change_standing
from medflow.services.org import import_org
from medflow.services.people.users import issue_token
from medflow.services.reports.report import case_report
from medflow.services.reports.selection import may_open_reports, select_report
from medflow.services.search.query import search
from medflow.services.sweep import sweep
from medflow.services.visibility import full_in_holder, fully_visible_ids
from medflow.workflows import engines
from tests.factories import log_in_client
from tests.helpers.world import CaseModel, Model, WorldPlan, chair, email, org_file, worlds

SUBMITTER_EVENTS = ("withdraw", "reopen")


def secret(case_id: int) -> str:
    """Return the word only one case's title holds (no stem of it is another case's)."""
    return f"kodeord{case_id}x"


def _wipe(session) -> None:
    """Empty every table, so each generated example starts from nothing.

    The history refuses DELETE (a database trigger): PostgreSQL's TRUNCATE fires no row trigger, and
    on SQLite the test lifts the triggers for the wipe and puts them back.
    """
    tables = list(reversed(Base.metadata.sorted_tables))
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"TRUNCATE {', '.join(t.name for t in tables)} RESTART IDENTITY CASCADE"))
    else:
        for statement in (*history_guard.DROP_SQLITE, *(table.delete() for table in tables),
                          *history_guard.SQLITE):
            session.execute(text(statement) if isinstance(statement, str) else statement)
    session.commit()


def _fields(session, case: Case, event: str, choice: int, now) -> dict:
    """Return the fields an event needs; a refer goes to one of the committees below the holder."""
    if event == "refer":
        below = queries.committees_below(session, case.holder)
        return {"comment": "Henvist", "target": below[choice % len(below)].key}
    return {"schedule": {"meeting_date": (now + timedelta(days=20)).date().isoformat()},
            "resolve": {"answer": "Svaret", "outcome": "guideline" if choice % 2 else "decision"},
            "forward": {"comment": "Op"}, "reopen": {"comment": "Igen"},
            "reject": {"comment": "Nej", "redirect": "Spørg lederen"}}.get(event, {})


def _choose(session, case: Case, choice: int, people: dict[str, Person], model: Model):
    """Return the (actor, event) a step's choice picks: mostly the holder's chair's, moves weighted up."""
    submitter = model.cases[case.id].submitter
    own = [(submitter, e) for e in allowed_actions(session, engines(), people[submitter], case)
           if e in SUBMITTER_EVENTS]
    handler = chair(case.holder.key)
    found = []
    for e in allowed_actions(session, engines(), people[handler], case):
        if e != "refer" or queries.committees_below(session, case.holder):
            found += [(handler, e)] * (3 if e in ("forward", "refer") else 1)
    if own and (choice >= 26 or not found):
        return own[choice % len(own)]
    return found[choice % len(found)] if found else None


def _check_told(session, model: Model, ids: dict[int, str], case_id: int, actor: str | None,
                committees: set[str], event_id: int) -> None:
    """Assert the people notified of an event are the ones the rule lets see it, never the actor."""
    notified = {ids[i] for i in session.scalars(select(Notification.person_id)
                                                 .where(Notification.case_event_id == event_id))}
    expected = (model.told(case_id, committees) | {model.cases[case_id].submitter}) - {actor}
    assert notified == expected
    assert all(model.level(who, case_id).shows_case for who in notified)


def _last_event(session, case_id: int) -> CaseEvent:
    return session.scalar(select(CaseEvent).where(CaseEvent.case_id == case_id)
                          .order_by(CaseEvent.seq.desc()).limit(1))


def _drive(session, model: Model, people: dict[str, Person], ids: dict[int, str], plan: WorldPlan, now):
    """Open the planned cases and take their steps, checking each event's recipients."""
    for n, case_plan in enumerate(plan.cases):
        submitter = email(case_plan.submitter)
        new = NewCase("question", f"Sag {secret(n + 1)}", "Hemmelig tekst", case_plan.confidential)
        case = submit_case(session, engines(), people[submitter], new, now=now)
        assert case.id == n + 1
        model.cases[case.id] = CaseModel(submitter, case_plan.confidential, case.holder.key, [case.holder.key])
        first = _last_event(session, case.id).id
        _check_told(session, model, ids, case.id, submitter, {case.holder.key}, first)
        for choice in case_plan.steps:
            picked = _choose(session, case, choice, people, model)
            if picked is None:
                break
            actor, event = picked
            fields = _fields(session, case, event, choice, now)
            case = _step(session, model, ids, people[actor], case, event, fields, now)
        # every other case still being handled becomes a guideline, so the register has some to show
        handler = people[chair(case.holder.key)]
        if n % 2 == 0 and "resolve" in allowed_actions(session, engines(), handler, case):
            decided = {"answer": "Svaret", "outcome": "guideline"}
            case = _step(session, model, ids, handler, case, "resolve", decided, now)


def _step(session, model: Model, ids: dict[int, str], actor: Person, case: Case, event: str, fields: dict,
          now) -> Case:
    """Fire one event, move the model with it and check who was told; return the case."""
    case = fire_event(session, engines(), actor, case.id, event, case.version, fields, now=now)
    _follow(model, case.id, event, fields)
    assert case.holder.key == model.cases[case.id].holder
    held = set(model.cases[case.id].held) if event == "resolve" else {model.cases[case.id].holder}
    _check_told(session, model, ids, case.id, ids[actor.id], held, _last_event(session, case.id).id)
    return case


def _follow(model: Model, case_id: int, event: str, fields: dict) -> None:
    """Move the model's case as the event does: forward up, refer to the target, close on an end."""
    case = model.cases[case_id]
    if event == "forward":
        model.move(case_id, model.parent[case.holder])
    elif event == "refer":
        model.move(case_id, fields["target"])
    case.closed = event in ("resolve", "reject", "withdraw") or (case.closed and event != "reopen")
    if event in ("resolve", "reopen"):
        case.outcome = fields.get("outcome")


def _sweep_and_check(session, model: Model, ids: dict[int, str], now) -> None:
    """Run the sweep; check every reminder's and escalation's recipients against the rule."""
    report = sweep(session, engines(), now=now)
    for case_id in report.escalated:
        came_from = model.cases[case_id].holder
        model.move(case_id, model.parent[came_from])
        _check_told(session, model, ids, case_id, None, {came_from, model.cases[case_id].holder},
                    _last_event(session, case_id).id)
    rows = session.execute(select(Notification.case_id, Notification.person_id).where(
        Notification.kind.like("reminder%"), Notification.created_at == now)).all()
    reminded = {case_id for case_id, _p in rows}
    for case_id in reminded:
        got = {ids[p] for c, p in rows if c == case_id}
        assert got == model.told(case_id, {model.cases[case_id].holder})
        assert all(model.level(who, case_id).shows_case for who in got)
    assert {int(k.split(":")[1]) for k in report.reminders} == reminded


def _check_lists(session, model: Model, people: dict[str, Person]) -> None:
    """Assert inboxes, committee lists, counts, my cases and the full/redacted choice follow the rule."""
    committees = {c.key: c for c in session.scalars(select(Committee))}
    wanted = queries.InboxFilter({n: e.definition.initial for n, e in engines().items()}, size=1000)
    for who, person in people.items():
        seen = {i for i in model.cases if model.level(who, i).shows_case}
        full = {i for i in model.cases if model.level(who, i) == Level.FULL}
        assert fully_visible_ids(session, person, model.cases) == full
        assert {c.id for c in queries.my_cases(session, person, size=10_000).items} == {
            i for i, c in model.cases.items() if c.submitter == who}
        mine = [committees[k] for k in sorted({k for k, _r in model.roles[who]})]
        readable = list(committees.values()) if who in model.admins else mine
        counts = queries.open_counts(session, person, readable)
        for committee in readable:
            here = {i for i in seen if model.cases[i].holder == committee.key}
            inbox = queries.inbox(session, person, committee, wanted)
            listed = queries.committee_cases(session, person, committee, state=None, page=1, size=1000)
            assert {c.id for _g, c in inbox.items} == here == {c.id for c in listed.items}
            roles = queries.committee_roles(session, person, committee)  # the API's full/redacted choice
            assert full_in_holder(session, person, roles, listed.items) == here & full
            assert counts[committee.key] == len({i for i in here if not model.cases[i].closed})


def _check_cases(app, session, model: Model, people: dict[str, Person]) -> None:
    """Assert the case check (everyone) and the case JSON and page (one reader per case and level) agree.

    The JSON and the page answer from that same check, so one reader per level shows their part.
    """
    tokens = {who: issue_token(session, who) for who in people if who not in model.inactive}
    shown: set[tuple[int, Level]] = set()
    for who, person in people.items():
        for case_id in model.cases:
            level = model.level(who, case_id)
            try:
                assert case_view(session, person, case_id).level == level
            except Unknown:  # a case only counted in reports is not found either
                assert not level.shows_case
            if who not in model.inactive and (case_id, level) not in shown:
                shown.add((case_id, level))
                _check_http(app, who, tokens[who], case_id, level)


def _agendas(session) -> list[Meeting]:
    """Put every case on a meeting of the committee that holds it, a title copied as the agenda does."""
    meetings: dict[int, Meeting] = {}
    for case in session.scalars(select(Case).order_by(Case.id)):
        if case.holder_id not in meetings:
            meetings[case.holder_id] = Meeting(committee_id=case.holder_id, date=utcnow().date(),
                                               start_time=time(14), end_time=time(16))
            session.add(meetings[case.holder_id])
        meeting = meetings[case.holder_id]
        meeting.items.append(MeetingItem(position=len(meeting.items) + 1, kind="case", case_id=case.id,
                                         title=f"Punkt-{case.id}-titel", minutes=f"Referat-{case.id}-tekst"))
    session.commit()
    return list(meetings.values())


def _check_meetings(app, session, model: Model, people: dict[str, Person]) -> None:
    """Assert each reader of a meeting (page, PDF and API) sees an item's title and minutes only at FULL."""
    meetings, printed = _agendas(session), set()
    for who in people:
        if who in model.inactive:
            continue
        token, page = issue_token(session, who), app.test_client()
        log_in_client(app, page, who.split("@")[0])
        for meeting in meetings:
            g.pop("_login_user", None)  # the test's app context outlives each request: forget its user
            response = page.get(f"/meetings/{meeting.id}/minutes")
            g.pop("_login_user", None)
            body = app.test_client().get(f"/api/v1/meetings/{meeting.id}",
                                         headers={"Authorization": f"Bearer {token}"})
            assert body.status_code == response.status_code, (who, body.get_json())
            if body.status_code == 404:  # not a member of the committee: no meeting at all
                continue
            html = response.get_data(as_text=True)
            items = {i["case"]["id"]: i for i in body.get_json()["items"]}
            for case_id, item in items.items():
                full = model.level(who, case_id) == Level.FULL
                assert (f"Punkt-{case_id}-titel" in html) is full, (who, case_id)
                assert (f"Referat-{case_id}-tekst" in html) is full, (who, case_id)
                assert (item["title"] == f"Punkt-{case_id}-titel") is full and item["confidential"] is not full
            levels = frozenset((i, model.level(who, i) == Level.FULL) for i in items)
            if (meeting.id, levels) not in printed:  # one PDF per meeting and way of seeing it (slow)
                printed.add((meeting.id, levels))
                g.pop("_login_user", None)
                pdf = page.get(f"/meetings/{meeting.id}/minutes.pdf")
                pages = PdfReader(io.BytesIO(pdf.data)).pages
                text = "".join(p.extract_text() for p in pages).replace("\n", "")
                for case_id, full in levels:
                    assert (f"Punkt-{case_id}-titel" in text) is full, (who, case_id, "pdf")


def _check_exports(app, session, model: Model, people: dict[str, Person]) -> None:
    """Assert an administrator's download of each submitter's data holds a case's text only at FULL."""
    admin = next((who for who in sorted(model.admins) if who not in model.inactive), None)
    if admin is None:
        return
    page = app.test_client()
    log_in_client(app, page, admin.split("@")[0])
    for submitter in sorted({c.submitter for c in model.cases.values()}):
        g.pop("_login_user", None)
        export = page.get(f"/admin/people/{people[submitter].id}/export").get_json()
        for case in export["cases_submitted"]:
            full = model.level(admin, case["id"]) == Level.FULL
            assert (case["description"] == "Hemmelig tekst") is full, (admin, case["id"])


def _found(session, person: Person, words: str) -> set[int]:
    """Return the ids of the cases a search finds for the person (every page)."""
    found, after = set(), None
    while True:
        args = {"q": words, **({"after": str(after)} if after else {})}
        results = search(session, person, parse_query(args), topics=(), states=())
        found |= {hit.id for hit in results.hits if hit.kind == "case"}
        if (after := results.next_after) is None:
            return found


def _check_search(app, session, model: Model, people: dict[str, Person]) -> None:
    """Assert a case's secret word finds it, and the words all cases share find them, only at FULL; the
    API (one active person) answers the same."""
    for who, person in people.items():
        full = {i for i in model.cases if model.level(who, i) == Level.FULL}
        assert _found(session, person, "hemmelig tekster") == full, who
        for case_id in model.cases:
            assert _found(session, person, secret(case_id)) == ({case_id} & full), (who, case_id)
    who = next(w for w in sorted(people) if w not in model.inactive)
    body = app.test_client().get("/api/v1/search?q=tekst", headers={
        "Authorization": f"Bearer {issue_token(session, who)}"}).get_json()
    full = {i for i in model.cases if model.level(who, i) == Level.FULL}
    assert {r["id"] for r in body["results"]} == full
    assert all("Hemmelig" in r["snippet"] for r in body["results"])


def _check_reports(app, session, model: Model, people: dict[str, Person], now) -> None:
    """Assert the reports count exactly the cases the rule gives a reader at a level that counts, and list none.

    A member of a committee that held a confidential case counts it without seeing it (`Level.COUNTED`);
    the page shows figures only, so no case's secret word is on it for anyone.
    """
    year = local_date(now).year
    for who, person in people.items():
        if not may_open_reports(session, person):
            continue
        counted = {i for i in model.cases if model.level(who, i).counts}
        report = case_report(session, select_report(session, person, year), now)
        assert report.table("cases").rows[0].values[-1] == len(counted), who  # opened, the whole year
        if who not in model.inactive:
            g.pop("_login_user", None)
            page = app.test_client()
            log_in_client(app, page, who.split("@")[0])
            html = page.get(f"/reports?year={year}").get_data(as_text=True)
            assert "kodeord" not in html, who
def _item_cases(session, person: Person, words: str, kind: str) -> set[int]:
    """Return the cases whose agenda items (or their minutes) a search of one kind finds for the person."""
    found, after = set(), None
    while True:
        args = {"q": words, "kind": kind, **({"after": str(after)} if after else {})}
        results = search(session, person, parse_query(args), topics=(), states=())
        found |= {session.get(MeetingItem, hit.id).case_id for hit in results.hits}
        if (after := results.next_after) is None:
            return found


def _check_meeting_search(session, model: Model, people: dict[str, Person], workplaces: dict[str, str]) -> None:
    """Assert a case's agenda item is found only by a reader of its meeting who reads the case in full, and
    once the minutes are approved, its minutes also by the employees they are published to (the
    workplaces under the committee; a confidential case's minutes are never published)."""
    for meeting in session.scalars(select(Meeting)):
        meeting.approved_at = utcnow()
    session.commit()  # the search documents are rebuilt with the meetings, in this transaction
    for who, person in people.items():
        sits = {k for k, _r in model.roles[who]}
        items, said = set(), set()
        for case_id, case in model.cases.items():
            if model.level(who, case_id) != Level.FULL:
                continue
            member = who in model.admins or case.holder in sits
            items |= {case_id} if member else set()
            published = not case.confidential and case.holder in model.above(workplaces[who])
            said |= {case_id} if member or published else set()
        assert _item_cases(session, person, "punkt titel", "agenda_item") == items, who
        assert _item_cases(session, person, "referater tekst", "minutes") == said, who


def _check_cascade_search(session, model: Model, people: dict[str, Person], workplaces: dict[str, str]) -> None:
    """Publish from every committee with committees below (every other one internal) and assert each is
    found by its roll-up's readers (administrators, the sending committee) and, unless internal, by the
    employees of the workplaces under it, and by no one else."""
    senders = sorted({p for p in model.parent.values() if p is not None})
    for n, key in enumerate(senders):
        new = NewCascade(key, f"Udmelding{n}x", "Til alle under os", "information", internal=n % 2 == 1)
        publish(session, people[chair(key)], new)
    for who, person in people.items():
        sits = {k for k, _r in model.roles[who]}
        expected = {n for n, key in enumerate(senders)
                    if who in model.admins or key in sits
                    or (n % 2 == 0 and key in model.above(workplaces[who]) - {workplaces[who]})}
        for n in range(len(senders)):
            results = search(session, person, parse_query({"q": f"Udmelding{n}x", "kind": "cascade"}),
                             topics=(), states=())
            assert bool(results.hits) is (n in expected), (who, senders[n])


def _withdraw_some(session, model: Model, people: dict[str, Person]) -> None:
    """Withdraw every other guideline in force (by the chair of the committee that decided it)."""
    decided = sorted((i, c) for i, c in model.cases.items() if c.guideline_in_force)
    for n, (case_id, case) in enumerate(decided):
        if n % 2:
            change_standing(session, people[chair(case.holder)], case_id, "withdrawn", "2026-12-01")
            case.withdrawn = True


def _check_register(session, model: Model, people: dict[str, Person]) -> None:
    """Assert the guideline register lists exactly the guidelines the rule gives a reader at
    `READS_PUBLISHED` (in full, or published to their workplace while in force), and the case link
    (`full`) only to full readers."""
    guidelines = {i for i, c in model.cases.items() if c.closed and c.outcome == "guideline"}
    for who, person in people.items():
        listed = {g.case.id: g.full for g in register(session, person, "all")}
        assert set(listed) == {i for i in guidelines if model.level(who, i).reads_published}, who
        assert all(full is (model.level(who, i) == Level.FULL) for i, full in listed.items()), who


def _check_http(app, who: str, token: str, case_id: int, level: Level) -> None:
    """Assert the case JSON and the case page show the case in full, redacted or not at all."""
    body = app.test_client().get(f"/api/v1/cases/{case_id}", headers={"Authorization": f"Bearer {token}"})
    page = app.test_client()
    log_in_client(app, page, who.split("@")[0])
    html = page.get(f"/cases/{case_id}")
    assert body.status_code == html.status_code == (200 if level.shows_case else 404)
    assert ("Hemmelig tekst" in html.get_data(as_text=True)) is (level == Level.FULL)
    if level.shows_case:
        assert body.get_json()["redacted"] is (level == Level.REDACTED)
        assert (body.get_json()["description"] == "Hemmelig tekst") is (level == Level.FULL)


# `make test` checks 10 generated worlds; `make fuzz` (nightly style) MEDFLOW_PROPERTY_EXAMPLES=100.
@settings(max_examples=int(os.environ.get("MEDFLOW_PROPERTY_EXAMPLES", "10")), derandomize=True,
          deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(plan=worlds())
def test_every_view_of_every_case_agrees_with_the_visibility_rule(app, plan):
    with app.app_context():
        session = db.session
        _wipe(session)
        import_org(session, parse_org(org_file(plan), "generated"))
        for i, p in enumerate(plan.people):
            session.scalar(select(Person).where(Person.email == email(i))).active = p.active
        session.commit()
        people = {p.email: p for p in session.scalars(select(Person))}
        ids = {p.id: e for e, p in people.items()}
        model = Model.of(plan)
        now = utcnow() - timedelta(hours=1)
        _drive(session, model, people, ids, plan, now)
        # in working hours: a sweep at night or at a weekend leaves reminders for the next morning
        _sweep_and_check(session, model, ids, working_moment(now + timedelta(days=12)))
        _sweep_and_check(session, model, ids, working_moment(now + timedelta(days=55)))
        session.commit()
        _withdraw_some(session, model, people)
        _check_register(session, model, people)
        _check_lists(session, model, people)
        _check_cases(app, session, model, people)
        _check_meetings(app, session, model, people)
        _check_exports(app, session, model, people)
        _check_search(app, session, model, people)
        _check_reports(app, session, model, people, now)
        _check_meeting_search(session, model, people,
                              {p["email"]: p.get("workplace") for p in org_file(plan)["people"]})
        assert session.scalar(select(func.count()).select_from(Case)) == len(plan.cases)
        workplaces = {p["email"]: p.get("workplace") for p in org_file(plan)["people"]}
        _check_cascade_search(session, model, people, workplaces)
