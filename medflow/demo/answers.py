"""Demo data for shared answers: questions from several workplaces, answered and shared with everyone.

Breaks in the home care, rotas at a nursing home (answered by its CenterMED), chairs at the library,
breaks in a nursery and the stress policy at KommuneMED, shared over the last months; and a few
new-case forms that were shown an answer (some sent anyway, some not), for the figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from medflow.domain.engine import WorkflowEngine
from medflow.persistence.base import utcnow
from medflow.persistence.models import Committee, Person, SharedAnswer, SuggestionShow
from medflow.services.answers.sharing import Share, share_answer
from medflow.services.cases import NewCase, fire_event, submit_case


@dataclass(frozen=True)
class DemoAnswer:
    """One question, who asks and answers it, the answer for everyone, and how long ago."""

    submitter: str
    answerer: str
    topic: str
    title: str
    answer: str
    share: Share
    days_ago: int
    start: str | None = None  # a committee the topic lets the employee go to directly
    forwarder: str | None = None  # the workplace chair who sends it on to `answerer`'s committee


ANSWERS = (
    DemoAnswer("kirsten.munk@example.dk", "jakob.ibsen@example.dk", "arbejdstid-og-planlaegning",
               "Kan vi holde pause mellem borgerbesøgene?",
               "Ja. Ruterne planlægges fra januar med en pause på 30 minutter midt på vagten.",
               Share("Pauser i hjemmeplejen: planlagt på ruten",
                     "Pausen lægges ind i køreplanen som et fast besøg på 30 minutter midt på vagten, så den "
                     "ikke forsvinder, når dagen bliver travl. Planlæggerne flytter hellere et besøg end "
                     "pausen. Tal med jeres planlægger, hvis pausen bliver presset flere dage i træk."), 120),
    DemoAnswer("bente.frandsen@example.dk", "pia.soerensen@example.dk", "arbejdstid-og-planlaegning",
               "Vagtplanen kommer for sent", "Vagtplanerne offentliggøres nu seks uger frem i hele centret.",
               Share("Vagtplaner lægges seks uger frem",
                     "I Sundhed og Velfærd offentliggøres vagtplanen seks uger før første vagt. Bytter aftales "
                     "mellem kolleger og godkendes af lederen senest en uge før. Ændrer ledelsen en vagt med "
                     "kortere varsel, skal det begrundes og aftales med den, det gælder."), 75,
               forwarder="merete.kjeldgaard@example.dk"),
    DemoAnswer("laura.kjeldsen@example.dk", "anders.skovgaard@example.dk", "ny-teknologi-og-bygninger",
               "Nye stole ved skranken", "Der er bestilt nye stole og et hæve-sænkebord til skranken.",
               Share("Nye stole og hæve-sænkeborde ved skranken",
                     "Biblioteket har fået nye kontorstole med justerbar ryg og to hæve-sænkeborde ved "
                     "skranken. Arbejdsmiljørådgivningen hjalp med at vælge stolene og viste, hvordan de "
                     "indstilles. Slidte stole meldes til lederen; arbejdsmiljøgruppen gennemgår inventaret "
                     "hvert forår."), 40),
    DemoAnswer("maja.poulsen@example.dk", "helle.bech@example.dk", "arbejdstid-og-planlaegning",
               "Pauser når der er få voksne på stuen", "Pauserne dækkes af en fast afløser fra kl. 11 til 13.",
               Share("Pauser i børnehuset, også når vi er få",
                     "En fast afløser dækker stuerne mellem kl. 11 og 13, så alle kan holde pause. Er nogen "
                     "syge, lægges pauserne forskudt, og lederen hjælper til. Ingen holder pause med børnene."),
               20),
    DemoAnswer("kirsten.munk@example.dk", "henrik.lauridsen@example.dk", "stresspolitik",
               "Hvordan bruger vi stresspolitikken?", "KommuneMED har udgivet en kort vejledning.",
               Share("Sådan bruger I stresspolitikken",
                     "Stresspolitikken gælder alle. Tal med din leder eller din arbejdsmiljørepræsentant, når "
                     "du mærker tegn på stress; I aftaler, hvad der kan lettes. Kommunens stressrådgivning "
                     "tilbyder fortrolige samtaler, uden at du spørger lederen først. LokalMED drøfter hvert "
                     "år, hvordan politikken bruges på arbejdspladsen."), 8, start="kommunemed"),
)
SHOWN = ((30, True), (12, False), (5, False), (2, True))  # (days ago, sent a case anyway)


def _answer_one(session: Session, engines: dict[str, WorkflowEngine], people: dict[str, Person],
                demo: DemoAnswer) -> None:
    now = utcnow() - timedelta(days=demo.days_ago)
    start = session.scalar(select(Committee).where(Committee.key == demo.start)) if demo.start else None
    case = submit_case(session, engines, people[demo.submitter],
                       NewCase("question", demo.title, topic=demo.topic), start=start, now=now)
    if demo.forwarder:
        case = fire_event(session, engines, people[demo.forwarder], case.id, "forward", case.version,
                          {"comment": "Gælder hele centret."}, now=now + timedelta(hours=2))
    answerer = people[demo.answerer]
    case = fire_event(session, engines, answerer, case.id, "accept", case.version, {},
                      now=now + timedelta(days=1))
    case = fire_event(session, engines, answerer, case.id, "resolve", case.version,
                      {"answer": demo.answer, "outcome": "decision"}, now=now + timedelta(days=6))
    share_answer(session, answerer, case.id, demo.share, now=now + timedelta(days=6))


def load_shared_answers(session: Session, engines: dict[str, WorkflowEngine]) -> int:
    """Ask, answer and share the demo questions (once); return how many answers were shared."""
    emails = {e for d in ANSWERS for e in (d.submitter, d.answerer, d.forwarder) if e}
    people = {p.email: p for p in session.scalars(select(Person).where(Person.email.in_(emails)))}
    if len(people) < len(emails) or session.scalar(select(SharedAnswer.id).limit(1)) is not None:
        return 0  # another demo organisation, or loaded before
    for demo in ANSWERS:
        _answer_one(session, engines, people, demo)
    for i, (days, sent) in enumerate(SHOWN):
        at = utcnow() - timedelta(days=days)
        session.add(SuggestionShow(token=f"demo-suggestions-{i:04d}", via="typing", shown_at=at, answers=1,
                                   offers=1, sent_at=at + timedelta(minutes=4) if sent else None))
    session.commit()
    return len(ANSWERS)
