"""`medflow demo` shows mail: people with their own e-mail choices and a bouncing address for admins."""

from sqlalchemy import select

from medflow.cli import cli
from medflow.extensions import db
from medflow.persistence.models import Person
from medflow.services.mail import mail_admin, mail_prefs
from tests.factories import log_in_client


def test_demo_has_mail_choices_and_a_bouncing_address_on_the_admin_page(app):
    runner = app.test_cli_runner()
    assert "/admin/mail" in runner.invoke(cli, ["demo"]).output
    runner.invoke(cli, ["demo"])  # twice: nothing doubles
    with app.app_context():
        kasper = db.session.scalar(select(Person).where(Person.email == "kasper.moeller@example.dk"))
        assert mail_prefs.choices(db.session, kasper).hour == 16
        assert mail_admin.failing_addresses(db.session) == {"allan.bork@example.dk": 2}
    client = app.test_client()
    log_in_client(app, client, "admin")
    page = client.get("/admin/mail").text
    assert "<strong>allan.bork@example.dk</strong>" in page and "Postkassen findes ikke" in page
