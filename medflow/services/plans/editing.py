"""Keeping a strategy plan in the browser: subjects, goals, initiatives and each initiative's status.

Only the committee's officers (and admins) change a plan. Every change of an initiative's status
is an append-only note with its date, who made it, why, and — for "waiting for a decision" —
which decision; the current status is always the last note's.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from medflow.domain.errors import Invalid, _
from medflow.domain.plan_file import MAX_PERIODS, MAX_TEXT, MAX_TITLE, STATUSES
from medflow.domain.plan_periods import PeriodError, parse
from medflow.persistence.goals import Goal, GoalNote
from medflow.persistence.models import Person
from medflow.persistence.plans import Initiative, InitiativeNote, Plan, PlanSubject
from medflow.services.plans.access import require_keeper


def _clean(value: object, field: str, limit: int, *, required: bool = True) -> str:
    text = str(value or "").strip()
    if (required and not text) or len(text) > limit:
        raise Invalid(_("%(field)s: write 1 to %(n)s characters."), field=field, n=limit)
    return text


def clean_periods(raw: object, plan: Plan) -> str:
    """Read period texts (one a line or separated by ';') into the stored form, or raise Invalid."""
    texts = [t.strip() for t in str(raw or "").replace(";", "\n").split("\n") if t.strip()]
    if len(texts) > MAX_PERIODS:
        raise Invalid(_("periods: at most %(n)s periods."), n=MAX_PERIODS)
    try:
        periods = [parse(t) for t in texts]
        for period in periods:
            period.dates(plan.years)
    except PeriodError as exc:
        raise Invalid(_("periods: %(problem)s"), problem=str(exc)) from None
    return "\n".join(p.text() for p in periods)


def add_subject(session: Session, person: Person, plan: Plan, title: object, intro: object) -> PlanSubject:
    """Add a subject at the end of the plan and commit."""
    require_keeper(session, person, plan.committee)
    subject = PlanSubject(
        plan=plan,
        position=len(plan.subjects) + 1,
        title=_clean(title, "title", MAX_TITLE),
        intro=_clean(intro, "intro", MAX_TEXT, required=False),
    )
    session.add(subject)
    session.commit()
    return subject


def add_goal(session: Session, person: Person, subject: PlanSubject, text: object) -> Goal:
    """Add a goal to a subject (a row of the shared goals) and commit."""
    require_keeper(session, person, subject.plan.committee)
    goal = Goal(committee=subject.plan.committee, text=_clean(text, "text", MAX_TEXT), status="open")
    goal.notes.append(GoalNote(status="open", note="", by_id=person.id))
    subject.goals.append(goal)
    session.commit()
    return goal


def save_initiative(
    session: Session,
    person: Person,
    subject: PlanSubject,
    initiative: Initiative | None,
    text: object,
    periods: object,
    responsible: object,
) -> Initiative:
    """Add an initiative to the subject, or change one's text, periods and who answers for it; commit."""
    require_keeper(session, person, subject.plan.committee)
    values = {
        "text": _clean(text, "text", MAX_TEXT),
        "periods": clean_periods(periods, subject.plan),
        "responsible": _clean(responsible, "responsible", MAX_TITLE, required=False),
    }
    if initiative is None:
        initiative = Initiative(
            subject=subject, position=len(subject.initiatives) + 1, status="planned", decision="", **values
        )
        initiative.notes.append(InitiativeNote(status="planned", decision="", note="", by_id=person.id))
        session.add(initiative)
    else:
        for name, value in values.items():
            setattr(initiative, name, value)
    session.commit()
    return initiative


def change_status(
    session: Session,
    person: Person,
    initiative: Initiative,
    status: object,
    note: object = "",
    decision: object = "",
) -> InitiativeNote:
    """Move an initiative to a new status with a dated note; "waiting" must name the decision; commit."""
    require_keeper(session, person, initiative.subject.plan.committee)
    if status not in STATUSES:
        raise Invalid(_("status: choose one of %(choices)s."), choices=", ".join(STATUSES))
    decision = (
        _clean(decision, "decision", MAX_TEXT) if status == "waiting" else ""
    )
    initiative.status, initiative.decision = str(status), decision
    entry = InitiativeNote(
        status=str(status),
        decision=decision,
        by_id=person.id,
        note=_clean(note, "note", MAX_TEXT, required=False),
    )
    initiative.notes.append(entry)
    session.commit()
    return entry
