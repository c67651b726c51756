"""`medflow sweep` (reminders, escalation, digests, pruning, retention, mail) and `medflow outbox`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from medflow.cli.common import fail, parse_now
from medflow.extensions import db
from medflow.workflows import engines


@click.command("sweep")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone), e.g. 2025-03-01T08:00.")
@with_appcontext
def sweep_command(now: str | None) -> None:
    """Send deadline reminders, escalate overdue cases, then send queued mail (for cron)."""
    from medflow import notify
    from medflow.services.sweep import run_step, sweep

    when = parse_now(now)
    report = sweep(db.session, engines(), mail=notify.mail_settings(), now=when,
                   retention_days=current_app.config["RETENTION_DAYS"])
    click.echo(f"Sweep: {len(report.reminders)} reminder(s), {len(report.escalated)} escalation(s).")
    if report.postponed_until is not None:
        click.echo(f"Outside working hours: reminders and escalations wait until "
                   f"{report.postponed_until.isoformat()} (UTC).")
    for name, step in (("digests", _digest), ("pruning", _prune)):
        run_step(db.session, report, name, lambda step=step: step(when))
    click.echo(f"Retention: {len(report.anonymised)} closed case(s) anonymised.")
    run_step(db.session, report, "mail", lambda: _deliver(when))
    if report.failed:  # every other step ran; cron sees the failure
        fail(f"Sweep: these steps failed and were rolled back: {', '.join(report.failed)} (see the log).")


def _digest(when) -> None:
    from medflow import notify
    from medflow.services.mail.digest import send_digests

    mail = notify.mail_settings()
    if mail is not None:
        click.echo(f"Digest: {len(send_digests(db.session, mail, when))} daily digest(s) queued.")


def _prune(when) -> None:
    from medflow.services.mail.mail_admin import prune

    count = prune(db.session, current_app.config["OUTBOX_KEEP_DAYS"], when)
    click.echo(f"Outbox: the text of {count} old mail(s) removed.")


def _deliver(when) -> None:
    from medflow import notify
    from medflow.services.mail.outbox import deliver_due

    smtp = notify.smtp_settings()
    if smtp is None:
        click.echo("Mail: MAIL_SERVER is not set; nothing sent.")
        return
    done = deliver_due(db.session, smtp, now=when)
    click.echo(f"Mail: {len(done.sent)} sent, {len(done.failed)} failed (will be retried).")


outbox_cli = AppGroup("outbox", help="The e-mail outbox.")


@outbox_cli.command("send")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone).")
def outbox_send(now: str | None) -> None:
    """Send every queued e-mail that is due (safe to run from cron, also twice at once)."""
    _deliver(parse_now(now))


@outbox_cli.command("digest")
@click.option("--now", help="Pretend it is this ISO time (UTC if no zone).")
def outbox_digest(now: str | None) -> None:
    """Queue the daily digests that are due, then send queued mail."""
    when = parse_now(now)
    _digest(when)
    _deliver(when)
