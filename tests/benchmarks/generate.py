"""Generate years of case history fast, with Core bulk inserts (never the service: it is for speed).

The organisation is the demo's (Glostrup, 26 committees). Cases are spread over every committee
(a workplace committee holds most, the area committees and KommuneMED some), 85 % of them are
closed, a few busy submitters have many cases each, and each case has the history rows its state
implies (submit, accept, and resolve/reject/withdraw when closed). One busy committee (`BUSY`)
opens 40 % of all cases, and a fifth of every workplace's cases are forwarded to the committee
above (their history says so, and `sent_on` holds the row a forward writes): the busy committee has
cases in every inbox group and years of cases it sent on. Older cases are added before the newer
ones in time, so growing from 10,000 to 300,000 cases adds history, not this month.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from medflow.domain.inbox import inbox_group
from medflow.persistence.models import Case, CaseEvent, Committee, Membership, Person, SentOn

CLOSED_SHARE = 0.85
CASES_PER_DAY = 150  # a large kommune's whole MED organisation, a busy year
BATCH = 20_000
BUSY = "lok-skovvejens-skole"  # the committee that opens 40 % of all cases (the benchmark's inbox)
BUSY_SHARE = 0.4
FORWARDED_SHARE = 0.2  # of a workplace's cases: sent on to the committee above
OPEN_STATES = [("submitted", None), ("accepted", None), ("scheduled", "meeting")]
CLOSED_STATES = [("resolved", "resolve"), ("rejected", "reject"), ("withdrawn", "withdraw")]


@dataclass(frozen=True)
class Org:
    """What the generator needs to know of the organisation."""

    committees: list[int]
    weights: list[float]
    parent_of: dict[int, int]
    people_at: dict[int, list[int]]  # workplace committee id -> people working there
    chair_of: dict[int, int]
    busy: list[int]  # a few people who submit a lot


def read_org(session: Session) -> Org:
    """Return the committees, their people and chairs, and pick a few busy submitters."""
    committees = session.execute(select(Committee.id, Committee.parent_id)).all()
    has_children = {c.parent_id for c in committees if c.parent_id is not None}
    weights = [1.0 if c.parent_id is None else 3.0 if c.id in has_children else 10.0 for c in committees]
    busy = session.scalar(select(Committee.id).where(Committee.key == BUSY))
    others = sum(w for c, w in zip(committees, weights, strict=True) if c.id != busy)
    weights = [others * BUSY_SHARE / (1 - BUSY_SHARE) if c.id == busy else w
               for c, w in zip(committees, weights, strict=True)]
    people_at: dict[int, list[int]] = {}
    for person_id, workplace in session.execute(select(Person.id, Person.workplace_id)):
        if workplace is not None:
            people_at.setdefault(workplace, []).append(person_id)
    chairs = session.execute(select(Membership.committee_id, Membership.person_id)
                             .where(Membership.role == "chair")).all()
    everyone = sorted(p for ps in people_at.values() for p in ps)
    parents = {c.id: c.parent_id for c in committees if c.parent_id is not None and c.id not in has_children}
    return Org([c.id for c in committees], weights, parents, people_at, dict(chairs),
               random.Random(7).sample(everyone, 4))


def _case_row(org: Org, rng: random.Random, case_id: int, created: datetime) -> tuple[dict, list[dict]]:
    """Return one case row and its history rows (a forwarded case: accepted and sent on up first)."""
    opened = rng.choices(org.committees, org.weights)[0]
    if rng.random() < 0.1:
        submitter = rng.choice(org.busy)
    else:
        submitter = rng.choice(org.people_at.get(opened) or org.busy)
    forwarded = opened in org.parent_of and rng.random() < FORWARDED_SHARE
    holder = org.parent_of[opened] if forwarded else opened
    chair = org.chair_of.get(holder, submitter)
    closed = rng.random() < CLOSED_SHARE
    state, final = rng.choice(CLOSED_STATES) if closed else rng.choice(OPEN_STATES)
    changed = created + timedelta(hours=rng.randint(1, 24 * 20))
    meeting = (changed + timedelta(days=14)).date() if final == "meeting" else None
    case = dict(id=case_id, workflow="question", topic=None, title=f"Spørgsmål nr. {case_id} om arbejdstid",
                description="Hvordan planlægges vagterne hen over sommerferien?",
                confidential=rng.random() < 0.03,
                state=state, holder_id=holder, submitter_id=submitter, origin_id=opened, data={},
                meeting_date=meeting, state_due_at=None, created_at=created, updated_at=changed,
                closed_at=changed if closed else None, version=1,
                inbox_group=inbox_group("submitted", state, meeting, changed if closed else None))
    history = [dict(case_id=case_id, seq=1, actor_id=submitter, event="submit", from_state=None,
                    to_state="submitted", from_committee_id=None, to_committee_id=opened, comment=None,
                    data={}, created_at=created)]
    early = created + timedelta(minutes=10)
    moves = [("accept", "submitted", "accepted", org.chair_of.get(opened, submitter), opened, opened, early),
             ("forward", "accepted", "submitted", org.chair_of.get(opened, submitter), opened, holder, early)]
    steps = moves if forwarded else []
    if state != "submitted" and final != "withdraw":
        taken = created + timedelta(minutes=30)
        steps.append(("accept", "submitted", "accepted", chair, holder, holder, taken))
    if final == "meeting":
        steps.append(("schedule", "accepted", "scheduled", chair, holder, holder, changed))
    elif closed:
        steps.append((final, steps[-1][2] if steps else "submitted", state,
                      submitter if final == "withdraw" else chair, holder, holder, changed))
    for seq, (event, src, dest, actor, source, to, at) in enumerate(steps, start=2):
        history.append(dict(case_id=case_id, seq=seq, actor_id=actor, event=event, from_state=src,
                            to_state=dest, from_committee_id=source, to_committee_id=to,
                            comment="Drøftet på mødet." if event in ("reject", "forward") else None,
                            data={"answer": "Se referatet."} if event == "resolve" else {}, created_at=at))
    case["version"] = len(history)
    return case, history


def add_cases(session: Session, org: Org, count: int, *, seed: int, newest: datetime | None = None) -> None:
    """Add `count` cases dated before every existing one (or ending at `newest`), in bulk."""
    rng = random.Random(seed)
    conn = session.connection()
    next_id = (conn.scalar(select(func.max(Case.id))) or 0) + 1
    oldest = conn.scalar(select(func.min(Case.created_at)))
    end = oldest.replace(tzinfo=UTC) if oldest else (newest or datetime.now(UTC))
    step = timedelta(days=1) / CASES_PER_DAY
    start = end - step * count
    for first in range(0, count, BATCH):
        cases, events, sent = [], [], []
        for i in range(first, min(first + BATCH, count)):
            case, history = _case_row(org, rng, next_id + i, start + step * i)
            cases.append(case)
            events.extend(history)
            sent += [dict(committee_id=e["from_committee_id"], case_id=e["case_id"], sent_at=e["created_at"],
                          closed_at=case["closed_at"])
                     for e in history if e["event"] == "forward"]  # what the forward's listener writes
        conn.execute(insert(Case.__table__), cases)
        conn.execute(insert(CaseEvent.__table__), events)
        if sent:
            conn.execute(insert(SentOn.__table__), sent)
    session.commit()
    if conn.dialect.name == "postgresql":
        conn = session.connection()
        conn.exec_driver_sql(f"SELECT setval('cases_id_seq', {next_id + count})")
        conn.exec_driver_sql("SELECT setval('case_events_id_seq', (SELECT max(id) FROM case_events))")
        session.commit()
        # what autovacuum does in years of use: statistics, and the visibility map index-only scans need
        with session.get_bind().connect().execution_options(isolation_level="AUTOCOMMIT") as admin:
            admin.exec_driver_sql("VACUUM ANALYZE")
