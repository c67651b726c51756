"""`medflow demo` shows meetings: KommuneMED's approved minutes with stories, coming meetings elsewhere."""

from sqlalchemy import select

from medflow.cli import cli
from medflow.domain.calendar import is_working_day
from medflow.extensions import db
from medflow.persistence.models import Case, Meeting


def test_demo_adds_meetings_with_approved_minutes_and_news_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(cli, ["demo"])
    assert first.exit_code == 0, first.output
    assert "Demo meetings added: 5" in first.output
    assert "Demo meetings added: 0" in runner.invoke(cli, ["demo"]).output
    with app.app_context():
        meetings = db.session.scalars(select(Meeting).order_by(Meeting.date)).all()
        annual = {m.committee.key for m in meetings if any(i.kind == "annual" for i in m.items)}
        assert annual == {"lok-boernehuset-soendervang", "lok-plejecenter-skovbrynet", "lok-skovvejens-skole"}
        assert len({m.committee.key for m in meetings} - annual) == 2  # and KommuneMED's, CenterMED's
        held = meetings[0]
        assert held.approved_at is not None and held.committee.key == "kommunemed"
        assert sorted(a.side for a in held.approvals) == ["chair", "vice_chair"]
        assert [a.person.email for a in held.attendance if not a.present] == ["kasper.moeller@example.dk"]
        assert held.minute_taker.email == "camilla.frost@example.dk"
        noted = [i.minutes for i in held.items if i.title == "Godkendelse af dagsorden"]
        assert noted == ["Dagsordenen blev godkendt."]
        draft = next(m for m in meetings if m.committee.key == "lok-skovvejens-skole" and m.approvals)
        assert draft.approved_at is None and [a.side for a in draft.approvals] == ["chair"]
        assert "Nyt fra TR og AMR" in [i.title for i in draft.items]
        assert all(is_working_day(m.date) for m in meetings)  # no weekend, no public holiday
        answered = next(i.case for i in held.items if i.kind == "case")
        assert answered.state == "resolved" and answered.history[-1].event == "resolve"
        on_agenda = db.session.scalar(select(Case).where(Case.state == "scheduled"))
        assert on_agenda.holder.key == "cmed-buf"
    news = app.test_client().get("/news").get_data(as_text=True)
    assert "Sygefraværet er faldet for andet halvår i træk" in news
    assert "Fælles regler for hjemmearbejde på vej" in news


def test_demo_has_a_forwarded_work_environment_case_kommunemed_can_answer_in_the_minutes(app):
    from medflow.persistence.models import Person
    from medflow.services.meetings import minutes

    assert app.test_cli_runner().invoke(cli, ["demo"]).exit_code == 0
    with app.app_context():
        title = "Dårlig akustik i de ombyggede klasselokaler"
        case = db.session.scalar(select(Case).where(Case.title == title))
        assert (case.workflow, case.state, case.holder.key) == ("work_environment", "accepted", "kommunemed")
        assert [e.event for e in case.history] == ["submit", "forward", "forward", "accept", "schedule"]
        item = next(i for m in db.session.scalars(select(Meeting)) for i in m.items if i.case_id == case.id)
        assert item.meeting.approved_at is None and item.meeting.committee.key == "kommunemed"
        secretary = db.session.scalar(select(Person).where(Person.email == "camilla.frost@example.dk"))
        choices = minutes.decision_choices(db.session, app.extensions["medflow.engines"], secretary, item)
        assert "resolve" in choices and "refer" in choices
