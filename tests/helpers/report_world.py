"""A hand-checked year for the report tests: 43 cases over three quarters of 2026 and three levels.

Every case goes through the real services (submit, fire_event, the sweep's escalation, retention's
anonymisation, cascades, meetings) on a fixed clock. Submissions are at 10:00 and every later step at
12:00 Danish time, so "whole days" never lands on an hour boundary, summer time or not.
The stories (the count in brackets), with the days each step comes after the submission:

Q1  A1 [6]  anna at lok-skole, Jan 12; lene accepts Jan 14 (2 d), resolves Jan 22 (10 d). Anonymised.
    G  [2]  the same, confidential, Feb 2; accepted Feb 3 (1 d), resolved Feb 7 (5 d). Anonymised.
    B  [3]  lok-skole, Feb 9; lene accepts Feb 10 (1 d), forwards Feb 12; ole accepts Feb 13, resolves
            Mar 1 (20 d).
    D  [2]  lok-skole, Mar 2; lene rejects Mar 3.
    E  [2]  lok-skole, Mar 9; anna withdraws Mar 11.
    H  [2]  anna straight to kommunemed, Mar 16; kim accepts Mar 19 (3 d), resolves Mar 23 (7 d).
    X  [1]  lok-skole, Mar 23; lene accepts Mar 26 (3 d), resolves Apr 6 (14 d: in Q2).
Q2  A2 [5]  lok-skole, Apr 13; accepted Apr 17 (4 d), resolved May 13 (30 d).
    F  [3]  lok-skole, Apr 20; accepted Apr 21 (1 d), resolved Apr 26 (6 d); anna reopens Apr 28; lene accepts
            Apr 29 and resolves again Jul 2 (Q3).
    C  [2]  lok-skole, May 4; lene forwards May 5, ole forwards May 6, kim refers to omr-born May 9; ole accepts
            May 10 (6 d), resolves May 16 (12 d).
    I  [2]  anna straight to omr-born, May 11; ole accepts May 13 (2 d), resolves May 20 (9 d).
    Q  [1]  lok-skole, 1 April 00:30 Danish time (31 March in UTC); accepted Apr 2 (1 d), resolved Apr 3 (2 d).
    K  [2]  lok-skole, Jun 1; accepted Jun 2 (1 d); still open (its 60 days ran out Aug 1).
Q3  J  [2]  peter at lok-pleje, Jul 6; nobody acts; the sweep escalates them to omr-aeldre Aug 4; olga accepts
            Aug 5 (30 d), resolves Aug 14 (39 d).
    P  [3]  peter at lok-pleje, Jul 13; pia accepts Jul 16 (3 d), resolves Jul 21 (8 d).
    S  [1]  the same, confidential, Jul 20; accepted Jul 22 (2 d), resolved Jul 24 (4 d).
    R  [1]  anna straight to kommunemed, Sep 14; kim rejects Sep 16.
    O  [1]  lok-skole, Sep 21; accepted Sep 22 (1 d); open, its deadline Nov 21.
    A4 [2]  lok-skole, Sep 7; accepted Sep 12 (5 d), resolved Sep 18 (11 d).
Cascades: kim from kommunemed Feb 16 to the 5 committees below (lok-skole and omr-born report back); ole from
omr-born Jul 27 to its 2 workplaces (none back yet). Meetings: lok-skole Feb 10, May 12, Aug 18 (held), Sep 8
(cancelled), Oct 20 (to come); omr-born Mar 17; kommunemed Jun 16. The report is read on Oct 1, 12:00.
Annual discussions: lok-skole's of 2026 on Aug 18, minutes approved by lene and tove Aug 20 (held, Q3);
omr-born's of 2025, late, on Mar 17, approved by ole Mar 18 (held, Q1); kommunemed's of 2026 on Jun 16, its
minutes never approved (not held).
Focus areas: KommuneMED's plan 2013-14 (the shipped file); lene tags A2 [5] and kim tags H [2] with its first
subject, ole tags B [3] with its second.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from medflow.persistence.models import Case, Committee, Person
from medflow.services.annual.discussion import put_on_agenda
from medflow.services.cascades import NewCascade, publish
from medflow.services.cases import NewCase, fire_event, submit_case
from medflow.services.meetings.minutes import approve
from medflow.services.meetings.planning import MeetingPlan, cancel_meeting, create_meeting
from medflow.services.plans.files import check_plan, import_plan
from medflow.services.plans.links import tag_case
from medflow.services.privacy.retention import anonymise_due
from medflow.services.sweep import sweep
from medflow.workflows import engines
from tests.factories import ORG

T1, T2, T3 = "arbejdsmiljoe-psykisk", "omorganisering-center", "med-aftale-og-struktur"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
REPORT_ORG = {"committees": ORG["committees"], "people": [*ORG["people"], {
    "email": "olga@example.dk", "name": "Olga Områdechef", "workplace": "omr-aeldre",
    "roles": [{"committee": "omr-aeldre", "role": "chair"}]}]}
ANSWER, UP, NO = {"answer": "Svar"}, {"comment": "Op"}, {"comment": "Nej", "redirect": "Lederen"}


def handled(by: str, accepted: datetime, resolved: datetime) -> list[tuple]:
    """Return the steps of a case `by` accepts and then resolves."""
    return [(by, "accept", accepted, {}), (by, "resolve", resolved, ANSWER)]


def at(month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """Return a Danish wall-clock moment of 2026 in UTC."""
    return datetime(2026, month, day, hour, minute, tzinfo=COPENHAGEN).astimezone(UTC)


NOW = at(10, 1)  # when the report is read


class World:
    """Runs the stories through the services."""

    def __init__(self, session) -> None:
        self.s = session
        self.n = 0
        self.stories: dict[str, list[Case]] = {}

    def person(self, who: str) -> Person:
        return self.s.scalar(select(Person).where(Person.email == f"{who}@example.dk"))

    def committee(self, key: str) -> Committee:
        return self.s.scalar(select(Committee).where(Committee.key == key))

    def fire(self, case: Case, who: str, event: str, moment: datetime, **fields) -> Case:
        return fire_event(self.s, engines(), self.person(who), case.id, event, case.version, fields, now=moment)

    def story(self, count: int, label: str, who: str, submitted: datetime, steps=(), *,
              start: str | None = None, topic: str | None = None, confidential: bool = False) -> list[Case]:
        """Open `count` cases alike and take each through `steps` (who, event, when, fields)."""
        made = []
        for i in range(count):
            self.n += 1
            new = NewCase("question", f"{label} {i + 1}: sag nummer {self.n}", "Tekst", confidential, topic)
            case = submit_case(self.s, engines(), self.person(who), new,
                               start=self.committee(start) if start else None, now=submitted)
            for actor, event, moment, fields in steps:
                case = self.fire(case, actor, event, moment, **fields)
            made.append(case)
        self.stories[label] = made
        return made


def _q1(w: World) -> None:
    w.story(6, "A1", "anna", at(1, 12, 10), handled("lene", at(1, 14), at(1, 22)), topic=T1)
    w.story(2, "G", "anna", at(2, 2, 10), handled("lene", at(2, 3), at(2, 7)),
            topic=T1, confidential=True)
    forwarded = [("lene", "accept", at(2, 10), {}), ("lene", "forward", at(2, 12), UP)]
    w.story(3, "B", "anna", at(2, 9, 10), [*forwarded, *handled("ole", at(2, 13), at(3, 1))], topic=T2)
    w.story(2, "D", "anna", at(3, 2, 10), [("lene", "reject", at(3, 3), NO)])
    w.story(2, "E", "anna", at(3, 9, 10), [("anna", "withdraw", at(3, 11), {})])
    w.story(2, "H", "anna", at(3, 16, 10), handled("kim", at(3, 19), at(3, 23)),
            start="kommunemed", topic=T3)
    w.story(1, "X", "anna", at(3, 23, 10), handled("lene", at(3, 26), at(4, 6)),
            topic=T1)


def _q2(w: World) -> None:
    w.story(5, "A2", "anna", at(4, 13, 10), handled("lene", at(4, 17), at(5, 13)), topic=T1)
    w.story(3, "F", "anna", at(4, 20, 10), [
        ("lene", "accept", at(4, 21), {}), ("lene", "resolve", at(4, 26), ANSWER),
        ("anna", "reopen", at(4, 28), {"comment": "Igen"}), ("lene", "accept", at(4, 29), {}),
        ("lene", "resolve", at(7, 2), ANSWER)], topic=T1)
    w.story(2, "C", "anna", at(5, 4, 10), [
        ("lene", "forward", at(5, 5), UP), ("ole", "forward", at(5, 6), UP),
        ("kim", "refer", at(5, 9), {"comment": "Ned", "target": "omr-born"}),
        ("ole", "accept", at(5, 10), {}), ("ole", "resolve", at(5, 16), ANSWER)], topic=T2)
    w.story(2, "I", "anna", at(5, 11, 10), handled("ole", at(5, 13), at(5, 20)),
            start="omr-born", topic=T2)
    w.story(1, "Q", "anna", at(4, 1, 0, 30), handled("lene", at(4, 2), at(4, 3)), topic=T1)
    w.story(2, "K", "anna", at(6, 1, 10), [("lene", "accept", at(6, 2), {})], topic=T1)


def _q3(w: World) -> None:
    w.story(3, "P", "peter", at(7, 13, 10), handled("pia", at(7, 16), at(7, 21)),
            topic=T1)
    w.story(1, "S", "peter", at(7, 20, 10), handled("pia", at(7, 22), at(7, 24)),
            topic=T1, confidential=True)
    w.story(1, "R", "anna", at(9, 14, 10), [("kim", "reject", at(9, 16), NO)], start="kommunemed", topic=T3)
    w.story(1, "O", "anna", at(9, 21, 10), [("lene", "accept", at(9, 22), {})], topic=T1)
    w.story(2, "A4", "anna", at(9, 7, 10), handled("lene", at(9, 12), at(9, 18)),
            topic=T1)
    # J last: when the sweep runs on Aug 4 no other case waits in "submitted" for it to escalate
    escalated = w.story(2, "J", "peter", at(7, 6, 10))
    report = sweep(w.s, engines(), now=at(8, 4, 10), retention_days=10_000)
    assert sorted(report.escalated) == sorted(c.id for c in escalated)
    for case in escalated:
        case = w.fire(w.s.get(Case, case.id), "olga", "accept", at(8, 5))
        w.fire(case, "olga", "resolve", at(8, 14), **ANSWER)


def _cascades(w: World) -> None:
    new = NewCascade("kommunemed", "Ny politik", "Drøft den", "task")
    down = publish(w.s, w.person("kim"), new, now=at(2, 16))
    for receipt in down.receipts:
        officer = {"lok-skole": "lene", "omr-born": "ole"}.get(receipt.committee.key)
        if officer:
            case = w.fire(receipt.case, officer, "discuss", at(2, 20), comment="Drøftet")
            w.fire(case, officer, "report_back", at(2, 24), comment="Meldt tilbage")
    publish(w.s, w.person("ole"), NewCascade("omr-born", "Ny plan", "Læs den", "information"), now=at(7, 27))


# The annual discussions: (who, meeting day) -> (the pack's year, who approve the minutes, when)
ANNUAL = {("lene", (8, 18)): (2026, ("lene", "tove"), at(8, 20)), ("ole", (3, 17)): (2025, ("ole",), at(3, 18)),
          ("kim", (6, 16)): (2026, (), None)}


def _meetings(w: World) -> None:
    planned = {("lene", "lok-skole"): [(2, 10), (5, 12), (8, 18), (9, 8), (10, 20)],
               ("ole", "omr-born"): [(3, 17)], ("kim", "kommunemed"): [(6, 16)]}
    for (who, key), days in planned.items():
        for month, day in days:
            meeting = create_meeting(w.s, w.person(who), key, MeetingPlan(f"2026-{month:02d}-{day:02d}"),
                                     now=at(1, 5))
            if (month, day) == (9, 8):
                cancel_meeting(w.s, w.person(who), meeting.id, meeting.version, now=at(9, 1))
            if (who, (month, day)) in ANNUAL:
                _annual(w, meeting, who, *ANNUAL[who, (month, day)])


def _annual(w: World, meeting, who: str, year: int, approvers: tuple[str, ...], when) -> None:
    """Put the committee's annual pack on the meeting; the approval of its minutes freezes it (held)."""
    put_on_agenda(w.s, w.person(who), meeting.id, meeting.version, year)
    for approver in approvers:
        approve(w.s, engines(), w.person(approver), meeting.id, meeting.version, now=when)


PLAN = Path(__file__).resolve().parents[2] / "workflows" / "plans" / "kommunemed-2013-2014.yaml"


def _focus_areas(w: World) -> None:
    """Import KommuneMED's plan and tag cases with its subjects, each by the committee holding the case."""
    plan = import_plan(w.s, *check_plan(w.s, PLAN.read_text(encoding="utf-8"), str(PLAN)))
    first, second = plan.subjects[0].id, plan.subjects[1].id
    for label, who, subject in (("A2", "lene", first), ("H", "kim", first), ("B", "ole", second)):
        for case in w.stories[label]:
            tag_case(w.s, w.person(who), case.id, subject)


def build(session) -> None:
    """Make the whole year: the stories, the anonymisation of the oldest closed cases, cascades, meetings."""
    w = World(session)
    _q1(w)
    _q2(w)
    _q3(w)
    # closed at least 20 days before Mar 1 (Feb 9): A1 (Jan 22) and G (Feb 7), 8 cases
    anonymised = anonymise_due(session, engines(), at(3, 1), 20)
    assert len(anonymised) == 8, anonymised
    _cascades(w)
    _meetings(w)
    _focus_areas(w)
    assert w.n == 43
