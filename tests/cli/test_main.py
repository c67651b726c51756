"""The `medflow` command keeps every command name after the split into one module per group."""

from __future__ import annotations

from medflow.cli import cli

GROUPS = {  # group -> its subcommands; None for a single command
    "org": {"import"}, "users": {"set-password", "token", "revoke-tokens", "deactivate", "activate", "tokens",
                                 "revoke-token"},
    "workflows": {"check"}, "outbox": {"send", "digest"}, "person": {"export"},
    "demo": None, "flowchart": None, "sweep": None, "retention": None,
    "serve": None, "backup": None, "restore": None, "doctor": None,
}


def test_every_command_and_subcommand_keeps_its_name():
    assert set(GROUPS) <= set(cli.commands)
    for name, subcommands in GROUPS.items():
        assert set(getattr(cli.commands[name], "commands", {}) or {}) == (subcommands or set()), name


def test_the_help_lists_every_group(app):
    result = app.test_cli_runner().invoke(cli, ["--help"])

    assert result.exit_code == 0
    assert all(f"  {name} " in result.output for name in GROUPS)
