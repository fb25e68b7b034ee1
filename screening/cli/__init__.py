"""`screening` console script. Commands are imported only when run, so `screening check` stays light."""

from __future__ import annotations

import importlib
from typing import Any

import click

# command name -> "module:attribute"; each module owns one family of commands.
COMMANDS: dict[str, str] = {
    "import": "screening.cli.catalog:import_command",
    "positions": "screening.cli.catalog:positions_command",
    "show": "screening.cli.catalog:show_command",
    "export": "screening.cli.catalog:export_command",
    "check": "screening.cli.evaluate:check_command",
    "test": "screening.cli.evaluate:test_command",
    "screen": "screening.cli.bulk:screen_command",
    "serve": "screening.cli.serve:serve_command",
    "audit": "screening.cli.audit:audit_group",
    "diff": "screening.cli.revisions:diff_command",
    "tokens": "screening.cli.accounts:tokens_group",
    "users": "screening.cli.accounts:users_group",
    "retention": "screening.cli.retention:retention_group",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None
        command: click.Command = getattr(module, attribute)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="screening")
def main() -> None:
    """Check candidates against the requirements of public-sector job profiles."""


def run(argv: list[str] | None = None) -> Any:
    return main.main(args=argv, prog_name="screening")
