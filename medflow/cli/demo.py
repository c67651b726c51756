"""`medflow demo`: the demo organisation with every feature filled in, and the log-in hints it prints.

Each feature adds its own demo data from its own module; this command calls them in order and
prints where to look, so a newcomer sees every feature without typing anything in.
"""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from medflow.cli.common import fail
from medflow.demo import history as demo_history
from medflow.demo.answers import load_shared_answers
from medflow.demo.cascades import load_demo_cascades
from medflow.demo.confidential import add_confidential_case
from medflow.demo.cycle import load_demo_cycle
from medflow.demo.meetings import load_demo_meetings
from medflow.demo.security import load_security_demo
from medflow.domain.errors import DefinitionError
from medflow.domain.org import parse_org
from medflow.domain.org_changes import LevelChanges
from medflow.domain.yamlsource import load_file
from medflow.extensions import db
from medflow.services import org as org_service
from medflow.services.people import users as user_service
from medflow.workflows import engines

DEMO_PASSWORD = "demo-medflow"




@click.command("demo")
@with_appcontext
def demo() -> None:
    """Load the demo organisation (Glostrup) and give every demo user a known password."""
    path = current_app.config["DEMO_ORG_FILE"]
    try:
        spec = parse_org(load_file(path), str(path))
    except DefinitionError as exc:
        fail(str(exc))
    try:
        result = org_service.import_org(db.session, spec, keep_existing=True)  # keep what /admin changed
    except LevelChanges as exc:
        fail(f"The demo organisation would change the stored levels: {'; '.join(exc.changes)}")
    user_service.set_password_hash(db.session, [p.email for p in spec.people], DEMO_PASSWORD)
    click.echo(f"Demo organisation loaded: {result.created} created, {result.updated} updated.")
    if result.updated:
        click.echo("People, committees and roles that were already there are kept as they are, with any "
                   "change made in /admin.")
    click.echo(f"Demo annual cycle: {load_demo_cycle(db.session)} item(s), KommuneMED's sent down "
               "(see /committees/lok-skovvejens-skole/cycle).")
    click.echo(f"Demo meetings added: {load_demo_meetings(db.session, engines())} (see /meetings, /news and "
               "/calendar). LokalMED Skovvejens Skole's last minutes await the vice chair's approval: log in "
               "as kasper.moeller@example.dk.")
    click.echo(f"Demo cascade from KommuneMED: {load_demo_cascades(db.session)} committee(s) received it (see "
               "/information as an employee; search finds it, the minutes and the news too).")
    _print_login_hints(spec)
    _mail_demo()
    _retention_demo()
    _ops_demo()
    _figures_demo()
    _work_environment_demo()  # before the annual discussions: their frozen packs count these cases
    _annual_demo()
    _echo(load_security_demo(db.session, engines(), current_app.config["API_TOKEN_DAYS"]))
    _guidelines_demo()
    _print_hints("A confidential case, moved up from LokalMED Jobcenter (who sees what):",
                 add_confidential_case(db.session, engines()))
    click.echo(f"Shared answers added: {load_shared_answers(db.session, engines())} (see /answers, its feed "
               "/answers/feed.atom, and the suggestions on /cases/new: type \"nye stole\" or \"vagtplan\").")
    click.echo(f"The JSON API is described (OpenAPI 3.1, with every field's limit) at "
               f"{current_app.config['BASE_URL'].rstrip('/')}/api/v1/openapi.json")
    _demo_history(spec)
    _plans_demo()  # after the cases: an initiative links one


def _guidelines_demo() -> None:
    from medflow.demo.guidelines import load_demo_guidelines, mark_leaders

    mark_leaders(db.session)
    added = load_demo_guidelines(db.session, engines())
    click.echo(f"Guidelines agreed: {added} more in /guidelines (one replaced; klaus.brandt@example.dk keeps "
               "Skovvejens Skole's). Each workplace's pixi guide: /committees/KEY/pixi.")
    from medflow.demo.theme_days import load_demo_theme_day

    click.echo(f"StoreMEDdag 2027 planned by KommuneMED: {load_demo_theme_day(db.session)} invitees answered "
               "(camilla.frost@example.dk sees who comes from where; every AMR, TR and leader is invited).")


def _mail_demo() -> None:
    from medflow.demo.mail import BOUNCING, seed_mail_demo

    seed_mail_demo(db.session)
    click.echo("E-mail choices per person: /notifications/mail; mail that failed (admins): /admin/mail,"
               f" where {BOUNCING} bounces.")


def _retention_demo() -> None:
    from medflow.demo.retention import seed_retention_demo
    from medflow.workflows import engines

    made = seed_retention_demo(db.session, engines(), current_app.config["RETENTION_DAYS"])
    if made is not None:
        click.echo(f"Data protection: case #{made.anonymised} was anonymised after the retention period; "
                   f"`medflow retention --dry-run --now {made.due_on.date().isoformat()}` lists "
                   f"case #{made.due_soon}.")


def _ops_demo() -> None:
    from medflow.demo.ops import load_ops_demo

    _echo(load_ops_demo(db.session))


def _plans_demo() -> None:
    from pathlib import Path

    from medflow.demo.plans import load_demo_plans

    added = load_demo_plans(db.session, Path(current_app.config["WORKFLOWS_DIR"]) / "plans")
    click.echo(f"Strategy plans: {added} added, e.g. /committees/kommunemed/plan (log in as "
               "camilla.frost@example.dk, KommuneMED's secretary) and /committees/cmed-buf/plan.")
def _annual_demo() -> None:
    from medflow.demo.annual import load_demo_annual

    made = load_demo_annual(db.session, engines())
    click.echo(f"The annual work-environment discussion: {made} committees, e.g. "
               "/committees/cmed-buf/annual (which units have held it) and /committees/cmed-buf/training "
               "(log in as louise.winther@example.dk).")


def _work_environment_demo() -> None:
    from medflow.demo.work_environment import load_demo_work_environment

    added = load_demo_work_environment(db.session, engines())
    click.echo(f"Work-environment cases: {added} added (near misses, an accident, a threat, an APV with done, "
               "overdue and open action items), counted on /committees/cmed-buf/figures and the annual pack; "
               "the APV's items are marked done on the case page (log in as line.damgaard@example.dk).")


def _figures_demo() -> None:
    from medflow.demo.figures import load_demo_figures
    from medflow.domain.calendar import local_date
    from medflow.persistence.base import utcnow

    rows = load_demo_figures(db.session, local_date(utcnow()))
    click.echo(f"Key figures for the annual work-environment discussion: {rows} rows over two years, e.g. "
               "/committees/cmed-buf/figures (log in as louise.winther@example.dk).")


def _demo_history(spec) -> None:
    """Give the journey's employee two years of questions, so the lists show their pages."""
    journey = demo_journey(spec)
    if journey and (added := demo_history.add_history(db.session, engines(), journey[0][0])):
        click.echo(f"Demo history: {journey[0][0]} has {added} questions from the last two years.")


def demo_journey(spec) -> list[tuple[str, str]]:
    """Return (email, what to do) for one walk up the tree: an employee and each chair above her."""
    employee = next((p for p in spec.people if not p.roles and not p.admin and p.workplace), None)
    if employee is None:
        return []
    parents = {c.key: c.parent for c in spec.committees}
    names = {c.key: c.name for c in spec.committees}
    chairs = {c: p for p in spec.people for c, role in p.roles if role == "chair"}
    secretaries = {c: p for p in spec.people for c, role in p.roles if role == "secretary"}
    steps = [(employee.email, f"employee at {names[employee.workplace]}: submits a question")]
    committee = employee.workplace
    while committee is not None:
        if committee in chairs:
            steps.append((chairs[committee].email, f"chair of {names[committee]}: the inbox, handles cases"))
        if committee in secretaries:
            steps.append((secretaries[committee].email,
                          f"secretary of {names[committee]}: plans meetings, writes the minutes"))
        committee = parents[committee]
    steps += [(p.email, "administrator: sees every case (a confidential one only as a number and state)")
              for p in spec.people if p.admin][:1]
    return steps


def _print_login_hints(spec) -> None:
    click.echo(f"Log in with any demo user; the password is: {DEMO_PASSWORD}")
    click.echo("A question's journey from a workplace to KommuneMED:")
    for email, what in demo_journey(spec):
        click.echo(f"  {email:36} {what}")
    click.echo("Everyone else is listed on the Organisation page (/org).")
    click.echo("Where to look: the guide /guide and who does what /flowchart (no log-in needed), search "
               "/search, meetings /meetings, the calendar /calendar, news for employees /news and "
               "/information, a committee's key figures /committees/KEY/figures (from its inbox), your own "
               "account /account, administration /admin (as an administrator).")


def _echo(lines: list[str]) -> None:
    """Print a demo loader's lines."""
    for line in lines:
        click.echo(line)


def _print_hints(heading: str, hints: list[tuple[str, str]]) -> None:
    """Print a demo feature's (email, what to try) lines under a heading, if it has any."""
    if hints:
        click.echo(heading)
        for email, what in hints:
            click.echo(f"  {email:36} {what}")
