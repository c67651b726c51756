"""The `medflow` command line: Flask's own commands plus one click group per noun, a module each.

org, figures, users, workflows (and flowchart), sweep (and outbox), data (person, retention), ops
(serve, backup, restore, doctor), search (reindex) and demo; cli/common.py holds what they share.
"""

from __future__ import annotations

from flask.cli import FlaskGroup

from medflow.app import create_app
from medflow.cli.data import person_cli, retention_command
from medflow.cli.demo import demo
from medflow.cli.figures import figures_cli
from medflow.cli.ops import COMMANDS as OPS_COMMANDS
from medflow.cli.org import org_cli
from medflow.cli.plans import plan_cli
from medflow.cli.search import search_cli
from medflow.cli.sweep import outbox_cli, sweep_command
from medflow.cli.training import training_cli
from medflow.cli.users import users_cli
from medflow.cli.workflows import flowchart, workflows_cli

COMMANDS = (org_cli, figures_cli, training_cli, plan_cli, users_cli, workflows_cli, demo, flowchart,
            sweep_command, outbox_cli, person_cli, retention_command, search_cli, *OPS_COMMANDS)


def _create_app(*_args, **_kwargs):
    return create_app()


cli = FlaskGroup(create_app=_create_app, help="medflow: the MED case engine.")
for command in COMMANDS:
    cli.add_command(command)


def main() -> None:
    """Run the medflow command line."""
    cli.main()
