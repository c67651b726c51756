"""Demo annual cycle for `medflow demo`: KommuneMED's items sent down, and committees' own items.

Loaded before the demo meetings, so the meetings planned (and held) this quarter get the items due
then, as any meeting does: Skovvejens Skole and KommuneMED hold the annual work-environment
discussion, CenterMED Børn, Unge og Familier has it planned, the other committees have not yet.
Runs once (nothing happens when any cycle item exists).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from medflow.persistence.base import utcnow
from medflow.persistence.models import CycleItem, Person
from medflow.services.cycle import items, publish

DISCUSSION_SECTIONS = """Blev sidste års mål for arbejdsmiljøet nået?
Samarbejdsformen og mødeintervallerne i det kommende år
Mål for arbejdsmiljøarbejdet i det kommende år
Plan for kompetenceudvikling for arbejdsmiljørepræsentanter og ledere"""

FROM_ABOVE = [
    items.ItemForm(title="Den årlige arbejdsmiljødrøftelse", kind="quarter", quarter=4,
                   template=DISCUSSION_SECTIONS,
                   text="Lovpligtig drøftelse ud fra sygefravær, trivselsmåling, APV og risikorapporter."),
    items.ItemForm(title="Sygefravær", kind="quarterly",
                   text="Kvartalets sygefraværstal for enheden gennemgås, og udviklingen drøftes."),
]
OWN = {
    ("camilla.frost@example.dk", "kommunemed"): [
        items.ItemForm(title="Budgetdrøftelse med direktionen", kind="month", month=9,
                       text="Budgettets konsekvenser for balancen mellem ressourcer og arbejdsopgaver."),
        items.ItemForm(title="StoreMEDdag", kind="month", month=5,
                       text="Temadag for alle MED-udvalg; arbejdsmiljødagen for AMG holdes samme dag."),
        items.ItemForm(title="Trivselsmåling", kind="year", every_years=3, start_year=2025,
                       text="Kommunens trivselsmåling: retningslinjer for indhold og opfølgning."),
    ],
    ("klaus.brandt@example.dk", "lok-skovvejens-skole"): [
        items.ItemForm(title="Skolens budget for næste skoleår", kind="month", month=3),
        items.ItemForm(title="APV", kind="year", every_years=3, start_year=2026,
                       text="Arbejdspladsvurdering for hele skolen med handlingsplan."),
        items.ItemForm(title="Opfølgning på trivselsmålingen", kind="quarter", quarter=2),
    ],
    ("louise.winther@example.dk", "cmed-buf"): [
        items.ItemForm(title="Budgetopfølgning for centret", kind="quarter", quarter=2),
    ],
}


def _person(session: Session, email: str) -> Person | None:
    return session.scalar(select(Person).where(Person.email == email))


def load_demo_cycle(session: Session, now: datetime | None = None) -> int:
    """Add the demo cycle unless one exists or the demo people are missing; return how many items."""
    secretary = _person(session, "camilla.frost@example.dk")
    if secretary is None or session.scalar(select(CycleItem.id).limit(1)) is not None:
        return 0
    since = (now or utcnow()) - timedelta(days=400)  # the cycle has been kept for a while
    for form in FROM_ABOVE:
        item = items.add_item(session, secretary, "kommunemed", form, now=since)
        publish.publish_down(session, secretary, "kommunemed", item.id, now=since)
    for (email, key), forms in OWN.items():
        person = _person(session, email)
        for form in forms if person is not None else []:
            items.add_item(session, person, key, form, now=since)
    return session.scalar(select(func.count()).select_from(CycleItem).where(CycleItem.source_id.is_(None)))
