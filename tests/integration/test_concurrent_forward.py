"""Two people pressing "forward" at the same moment yield exactly one forward."""

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.errors import StaleVersion
from medflow.extensions import db
from medflow.persistence.models import Case, CaseEvent, Person
from medflow.services.cases import fire_event
from medflow.workflows import engines


def _press_forward(bind, workflows, case_id, version, email, barrier, results):
    """Load the case in an own session, wait for the other thread, then fire forward."""
    with Session(bind) as session:
        person = session.scalar(select(Person).where(Person.email == email))
        session.get(Case, case_id)  # both sessions now hold the same version of the case
        barrier.wait(timeout=10)
        try:
            fire_event(session, workflows, person, case_id, "forward", version,
                       {"comment": f"Videre ({email})"})
            results.append("forwarded")
        except StaleVersion:
            results.append("stale")


def test_two_simultaneous_forwards_yield_exactly_one(app, api):
    case = api("lene").fire(api("anna").submit(), "accept")
    with app.app_context():
        bind, workflows = db.engine, engines()
        barrier, results = threading.Barrier(2), []
        threads = [
            threading.Thread(target=_press_forward,
                             args=(bind, workflows, case["id"], case["version"], email, barrier, results))
            for email in ("lene@example.dk", "tove@example.dk")
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(results) == ["forwarded", "stale"]
        events = db.session.scalars(
            select(CaseEvent.event).where(CaseEvent.case_id == case["id"]).order_by(CaseEvent.seq)
        ).all()
        assert events == ["submit", "accept", "forward"]
        stored = db.session.get(Case, case["id"])
        assert (stored.version, stored.holder.key) == (case["version"] + 1, "omr-born")
