"""The periodic sweep: reminders before and at deadlines, and escalation of overdue cases.

Deadlines are a state's `state_due_at`, an action-plan item's due date and a cascade's
report-back date (reminding the receiving committee's chair, vice chair and secretary); an annual
cycle item whose period ended undiscussed reminds the committee's chair once.
Last, closed cases past the retention period are anonymised (see `retention`).

Reminders and escalations go out only in the kommune's working hours on a working day: a sweep at
night, at a weekend or on a holiday leaves them for the first sweep of the next working morning
(`SweepReport.postponed_until`), so nobody is told, and no case moves, while the town hall is closed.

Safe to run again and concurrently: each reminder is recorded under a unique key before it
counts as sent, and an escalation is a versioned case change, so it happens once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from medflow.domain.calendar import is_working_time, local_date, start_of_day, working_moment
from medflow.domain.engine import WorkflowEngine
from medflow.domain.errors import MedflowError
from medflow.persistence.base import utcnow
from medflow.persistence.models import ActionItem, Case, Membership, Person, SentReminder
from medflow.services.annual import training
from medflow.services.cascades import PUBLISHER_ROLES
from medflow.services.cascades import WORKFLOW as CASCADE
from medflow.services.cycle.reminders import overdue_reminders
from medflow.services.meetings.communication import task_reminders
from medflow.services.notifications import MailSettings, committee_people, notify
from medflow.services.privacy.retention import RETENTION_DAYS, anonymise_due
from medflow.services.system_changes import fire_system_event
from medflow.services.tree import load_tree

log = logging.getLogger(__name__)


@dataclass
class SweepReport:
    """What one sweep did."""

    reminders: list[str] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    anonymised: list[int] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # the steps that stopped on an error
    postponed_until: datetime | None = None  # outside working time: when reminders may go out


def run_step(session: Session, report: SweepReport, name: str, step: Callable[[], object]) -> object:
    """Run one step of the sweep; on an error roll it back, log it and go on with the next step.

    One step's failure (a database hiccup, a bug in one kind of reminder) must never keep the
    digests, the pruning, retention or the mail from running.
    """
    try:
        return step()
    except Exception:
        session.rollback()
        log.exception("sweep step %s failed", name)
        report.failed.append(name)
        return None


def _remind(session: Session, case: Case, key: str, kind: str, due: datetime,
            mail: MailSettings | None, now: datetime, people: set[int] | None = None,
            data: dict | None = None) -> bool:
    """Send one reminder (to the holding committee by default) unless it was sent before; True if sent now."""
    if session.scalar(select(SentReminder.id).where(SentReminder.key == key)) is not None:
        return False
    session.add(SentReminder(key=key, case_id=case.id, kind=kind.rsplit("_", 1)[-1], due_at=due,
                             sent_at=now))
    try:
        # Claim the key first: a sweep running at the same moment waits here, then fails on it.
        session.flush()
        if people is None:
            people = committee_people(session, {case.holder_id}, case.confidential)
        notify(session, case, kind, people, data={"due": local_date(due).isoformat(), **(data or {})},
               mail=mail, now=now)
        session.commit()
    except IntegrityError:  # another sweep sent it a moment ago
        session.rollback()
        return False
    return True


def _state_reminders(session: Session, case: Case, engine: WorkflowEngine, mail, now) -> list[str]:
    due, sent = case.state_due_at, []
    base = f"case:{case.id}:{case.state}:{case.holder_id}:{due.isoformat()}"
    days = engine.definition.remind_days(case.state)
    if now >= due:
        if _remind(session, case, f"{base}:due", "reminder_due", due, mail, now):
            sent.append(f"{base}:due")
    elif days and now >= engine.definition.state(case.state).remind_from(due, days):
        if _remind(session, case, f"{base}:before", "reminder_before", due, mail, now):
            sent.append(f"{base}:before")
    return sent


def _escalate(session: Session, engines: dict[str, WorkflowEngine], case: Case, now: datetime) -> bool:
    """Move an overdue case to the committee above, as the workflow says; True if it moved."""
    definition = engines[case.workflow].definition
    state = definition.state(case.state)
    if state.escalate != "forward" or load_tree(session).parent(case.holder_id) is None:
        return False
    forward = definition.transition_from("forward", case.state)
    key = "deadline_workdays" if state.deadline_workdays else "deadline_days"  # as the history shows it
    rule = {"rule": "deadline", "state": case.state, key: getattr(state, key)}
    try:
        fire_system_event(session, engines, case.id, case.version, "forward",
                          to_state=forward.dest_from(case.state) if forward else case.state,
                          route="parent", data=rule, now=now)
    except MedflowError:  # another sweep (or a person) changed the case first
        session.rollback()
        return False
    return True


def _due_cases(session: Session, now: datetime, horizon: timedelta) -> list[Case]:
    return list(session.scalars(select(Case).where(
        Case.closed_at.is_(None), Case.state_due_at.is_not(None), Case.state_due_at <= now + horizon,
    ).order_by(Case.id)))


def _item_reminders(session: Session, engines, mail, now: datetime) -> list[str]:
    sent = []
    items = session.scalars(select(ActionItem).join(Case).where(Case.closed_at.is_(None))
                            .order_by(ActionItem.id)).all()
    for item in items:
        due = start_of_day(item.due_date)
        days = engines[item.case.workflow].definition.remind_before_days
        kind = "item_due" if now >= due else "item_before"
        if kind == "item_before" and not (days and now >= due - timedelta(days=days)):
            continue
        key = f"item:{item.id}:{item.due_date.isoformat()}:{kind.split('_')[1]}"
        if _remind(session, item.case, key, kind, due, mail, now):
            sent.append(key)
    return sent


def _cascade_reminders(session: Session, engines, mail, now: datetime) -> list[str]:
    """Remind each receiving committee that has not reported back, before and at the report-back date."""
    if CASCADE not in engines:
        return []
    days, sent = engines[CASCADE].definition.remind_before_days or 0, []
    cases = session.scalars(select(Case).where(Case.workflow == CASCADE, Case.closed_at.is_(None),
                                               Case.state != "reported_back").order_by(Case.id)).all()
    for case in cases:
        due_date = (case.data or {}).get("due_date")
        if not due_date:
            continue
        due = start_of_day(date.fromisoformat(due_date))
        kind = "cascade_due" if now >= due else "cascade_before"
        if kind == "cascade_before" and not (days and now >= due - timedelta(days=days)):
            continue
        key = f"cascade:{case.id}:{due_date}:{kind.split('_')[1]}"
        if _remind(session, case, key, kind, due, mail, now, _officers(session, case.holder_id),
                   {"committee": case.holder.name}):
            sent.append(key)
    return sent


def _officers(session: Session, committee_id: int) -> set[int]:
    """Return the active chair, vice chair and secretary of a committee."""
    return set(session.scalars(select(Membership.person_id).join(Person).where(
        Membership.committee_id == committee_id, Membership.role.in_(PUBLISHER_ROLES),
        Person.active.is_(True))))


def sweep(session: Session, engines: dict[str, WorkflowEngine], *, mail: MailSettings | None = None,
          now: datetime | None = None, retention_days: int = RETENTION_DAYS) -> SweepReport:
    """Send due reminders, escalate overdue cases, anonymise old closed ones; twice does nothing more."""
    now, report = now or utcnow(), SweepReport()
    horizon = max((s.reach(e.definition.remind_days(s.name) or 0) for e in engines.values()
                   for s in e.definition.states), default=timedelta(0))

    def deadlines() -> None:
        for case in _due_cases(session, now, horizon):
            if case.state_due_at <= now and _escalate(session, engines, case, now):
                report.escalated.append(case.id)
                continue
            report.reminders.extend(_state_reminders(session, case, engines[case.workflow], mail, now))

    if is_working_time(now):
        run_step(session, report, "deadlines", deadlines)
        for name, step in (("action items", lambda: _item_reminders(session, engines, mail, now)),
                           ("cascades", lambda: _cascade_reminders(session, engines, mail, now)),
                           ("communication tasks", lambda: task_reminders(session, mail, now)),
                           ("annual cycle", lambda: overdue_reminders(session, mail, now)),
                           ("training", lambda: training.flag_missing(session, now))):
            report.reminders.extend(run_step(session, report, name, step) or [])
    else:  # night, weekend or a closed day: the first sweep of the next working morning sends them
        report.postponed_until = working_moment(now)
    report.anonymised = run_step(session, report, "retention",
                                 lambda: anonymise_due(session, engines, now, retention_days)) or []
    return report
