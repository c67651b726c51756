"""GET /api/v1/committees/KEY/plan: a committee's strategy plan as JSON, for those who may read it."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask_login import current_user

from medflow.domain.calendar import local_date
from medflow.domain.errors import Unknown, _
from medflow.extensions import db
from medflow.persistence.base import utcnow
from medflow.persistence.plans import Initiative
from medflow.services.plans import access
from medflow.services.plans.views import PlanView, load_plan, plan_view

bp = Blueprint("plans", __name__)  # under /api/v1 (medflow.web.api)


def _initiative(view: PlanView, item: Initiative) -> dict:
    return {
        "number": view.numbers[item.id],
        "text": item.text,
        "periods": item.period_texts,
        "responsible": item.responsible,
        "status": item.status,
        "decision": item.decision or None,
        "overdue": item.id in view.overdue,
        "history": [
            {"status": n.status, "decision": n.decision or None, "note": n.note, "at": n.created_at.isoformat()}
            for n in item.notes
        ],
    }


@bp.get("/committees/<key>/plan")
def committee_plan(key: str):
    """Return the committee's strategy plan with each initiative's status, history and timeline quarters."""
    committee = access.readable_committee(db.session, current_user, key)
    found = access.current_plan(db.session, committee)
    if found is None:
        raise Unknown(_("The committee has no strategy plan."))
    plan = load_plan(db.session, found.id)
    view = plan_view(plan, local_date(utcnow()))
    return jsonify(
        committee=committee.key,
        title=plan.title,
        vision=plan.vision,
        period=f"{plan.years[0]}-{plan.years[1]}" if plan.years else None,
        subjects=[
            {
                "title": s.title,
                "intro": s.intro,
                "goals": [g.text for g in s.goals],
                "initiatives": [_initiative(view, i) for i in s.initiatives],
            }
            for s in plan.subjects
        ],
        timeline={
            "quarters": view.timeline.quarter_labels(),
            "rows": [
                {"number": view.numbers[r.key], "active": list(r.active), "overdue": r.overdue}
                for r in view.timeline.rows
            ],
        },
    )
