"""A demo cascade for `medflow demo`: KommuneMED tells every committee below about the new sickness
absence policy, so "information from above", the roll-up and search have something to show.

Runs only once (nothing happens when KommuneMED has published it before; the demo's annual cycle
sends its own cascades first); it goes through the same
service the chair uses, so the cascade cases, the roll-up and the search index follow as they do.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.persistence.models import Cascade, Committee, Person
from medflow.services import cascades

TOP, CHAIR = "kommunemed", "henrik.lauridsen@example.dk"
TITLE = "Ny politik for sygefravær og trivsel"
BODY = ("KommuneMED har vedtaget en fælles politik for sygefravær og trivsel. Lederen tager en omsorgssamtale "
        "efter 14 dages fravær, og arbejdspladsen kan bruge arbejdsmiljørådgiverne og stressvejledningen. "
        "Drøft i jeres LokalMED, hvordan politikken bliver kendt af alle medarbejdere.")


def load_demo_cascades(session: Session) -> int:
    """Publish the demo cascade once; return how many committees received it (0 when done before)."""
    top = session.scalar(select(Committee).where(Committee.key == TOP))
    chair = session.scalar(select(Person).where(Person.email == CHAIR))
    if top is None or chair is None or session.scalar(
            select(Cascade.id).where(Cascade.committee_id == top.id, Cascade.title == TITLE)):
        return 0
    cascade = cascades.publish(session, chair, cascades.NewCascade(TOP, TITLE, BODY, "information"))
    return len(cascade.receipts)
