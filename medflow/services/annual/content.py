"""What an annual pack shows, as plain values: built live until the minutes are approved, then kept.

Every section covers the committee and the units below it, so a higher committee's pack is the
same pack rolled up over its units (KommuneMED's is the kommune's). The values are JSON-ready, so a
frozen pack stores exactly what it showed (`AnnualPack.snapshot`). Case titles are kept but shown
only to readers the visibility rule lets read the case (the page filters them, as every list does).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from medflow.domain.action_items import OVERDUE
from medflow.domain.action_items import status as item_status
from medflow.persistence.models import AnnualPack, Case, Committee, Goal
from medflow.services.annual.training import members_training
from medflow.services.figures.report import Table, committee_figures
from medflow.services.figures.work_environment import work_environment_counts
from medflow.services.goals import goals_of

WORKFLOW = "work_environment"


def subtree(committee: Committee) -> list[Committee]:
    """Return the committee and every open committee below it, each level in name order."""
    found, todo = [], [committee]
    while todo:
        current = todo.pop(0)
        found.append(current)
        todo += sorted((c for c in current.children if c.closed_at is None), key=lambda c: c.name)
    return found


def root_of(committee: Committee) -> Committee:
    """Return the top committee (KommuneMED) above `committee`."""
    while committee.parent is not None:
        committee = committee.parent
    return committee


def _goal(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.id,
        "committee": goal.committee.name,
        "committee_id": goal.committee_id,
        "text": goal.text,
        "owner": goal.owner.name if goal.owner else "",
        "due_on": goal.due_on.isoformat() if goal.due_on else "",
        "status": goal.status,
        "notes": [
            {"status": n.status, "note": n.note, "on": n.created_at.date().isoformat()} for n in goal.notes
        ],
    }


def _cells(row) -> list[list]:
    return [[c.value, c.hidden] for c in row.cells]


def _figures(session: Session, committee: Committee, year: int) -> list[dict[str, Any]]:
    """The units tables (the committee's total first, then each unit), with the kommune's total beside."""
    mine: list[Table] = [t for t in committee_figures(session, committee, year) if t.by == "units"]
    top = root_of(committee)
    kommune = (
        {t.kind: t.rows[0] for t in committee_figures(session, top, year) if t.by == "units"}
        if top.id != committee.id
        else {}
    )
    return [
        {
            "id": t.id,
            "kind": t.kind,
            "years": list(t.years),
            "rows": [{"key": r.key, "label": r.label, "cells": _cells(r)} for r in t.rows],
            "kommune": _cells(kommune[t.kind]) if t.kind in kommune else None,
        }
        for t in mine
    ]


def _cases(session: Session, ids: list[int], year: int, today: date) -> list[dict[str, Any]]:
    """Work-environment cases the committees hold or raised: open ones, and those of the year."""
    start = datetime(year, 1, 1, tzinfo=UTC)
    cases = session.scalars(
        select(Case)
        .where(
            Case.workflow == WORKFLOW,
            or_(Case.holder_id.in_(ids), Case.origin_id.in_(ids)),
            or_(Case.closed_at.is_(None), Case.created_at >= start),
        )
        .order_by(Case.id)
    ).all()
    return [
        {
            "id": c.id,
            "title": c.title,
            "workflow": c.workflow,
            "state": c.state,
            "holder": c.holder.name,
            "closed": c.closed_at is not None,
            "items": [
                {
                    "id": i.id,
                    "problem": i.problem,
                    "owner": i.owner,
                    "due_date": i.due_date.isoformat(),
                    "done_on": i.done_on.isoformat() if i.done_on else "",
                    "overdue": item_status(i.due_date, i.done_on, today) == OVERDUE,
                }
                for i in c.action_items
            ],
        }
        for c in cases
    ]


def current_case_texts(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """Return a frozen pack with its cases' titles and action items as the cases hold them now.

    The pack keeps which cases were discussed and their state then; their words are read from the
    cases, so a case anonymised by the retention rule is anonymised in every old pack too.
    """
    ids = [c["id"] for c in data["cases"]]
    cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(ids)))} if ids else {}
    kept = []
    for old in data["cases"]:
        case = cases.get(old["id"])
        if case is not None:
            texts = {i.id: i for i in case.action_items}
            items = [
                {
                    **item,
                    "problem": texts[item["id"]].problem if item.get("id") in texts else "",
                    "owner": texts[item["id"]].owner if item.get("id") in texts else "",
                }
                for item in old["items"]
            ]
            kept.append({**old, "title": case.title, "items": items})
    return {**data, "cases": kept}


def training_rows(session: Session, committees: list[Committee], today: date) -> list[dict[str, Any]]:
    """Return each member's courses and their status, as plain values."""
    return [
        {
            "person": m.person.name,
            "committee": m.committee.name,
            "flagged": m.flagged,
            "needs": [
                {
                    "course": n.course,
                    "status": n.status,
                    "due_on": n.due_on.isoformat() if n.due_on else "",
                    "taken_on": n.taken_on.isoformat() if n.taken_on else "",
                }
                for n in m.needs
            ],
        }
        for m in members_training(session, committees, today)
    ]


def held(session: Session, committees: list[Committee], year: int) -> dict[int, AnnualPack]:
    """Return {committee id: pack} for the committees that have held (frozen) the year's discussion."""
    ids = [c.id for c in committees]
    packs = session.scalars(
        select(AnnualPack).where(
            AnnualPack.committee_id.in_(ids), AnnualPack.year == year, AnnualPack.frozen_at.is_not(None)
        )
    ).all()
    return {p.committee_id: p for p in packs}


def held_list(session: Session, below: list[Committee], year: int) -> list[dict[str, Any]]:
    """Return each committee below with whether it has held the year's discussion, and when."""
    done = held(session, below, year)
    return [
        {
            "key": c.key,
            "name": c.name,
            "held": c.id in done,
            "held_on": done[c.id].frozen_at.date().isoformat() if c.id in done else "",
        }
        for c in below
    ]


def sections(pack: AnnualPack | None, names: dict[int, str]) -> dict[str, Any]:
    """Return the sections the committee fills in (empty before a pack exists)."""
    if pack is None:
        return {"collaboration": "", "meeting_intervals": "", "competence_plan": "", "next_goals": []}
    goals = [{**g, "owner": names.get(g.get("owner_id"), "")} for g in pack.next_goals or []]
    return {
        "collaboration": pack.collaboration,
        "meeting_intervals": pack.meeting_intervals,
        "competence_plan": pack.competence_plan,
        "next_goals": goals,
    }


def build(
    session: Session,
    committee: Committee,
    year: int,
    today: date,
    pack: AnnualPack | None,
    names: dict[int, str],
) -> dict[str, Any]:
    """Return everything the pack of `committee` for `year` shows, as JSON-ready values."""
    committees = subtree(committee)
    ids = [c.id for c in committees]
    goals = [g for c in committees for g in goals_of(session, c, year - 1)]
    return {
        "committee": {"key": committee.key, "name": committee.name},
        "year": year,
        "built_on": today.isoformat(),
        "rolled_up": len(committees) > 1,
        "goals": [_goal(g) for g in goals],
        "figures": _figures(session, committee, year),
        "cases": _cases(session, ids, year, today),
        "work_environment": work_environment_counts(session, committee, year, today),
        "training": training_rows(session, committees, today),
        "units": held_list(session, committees[1:], year),
        "sections": sections(pack, names),
    }
