"""`screening tokens add|list|revoke` and `screening users add`: accounts, for admins."""

from __future__ import annotations

import sys

import click

from screening.cli.catalog import reporting_errors

ROLE = click.Choice(["recruiter", "auditor", "admin"])


@click.group("tokens")
def tokens_group() -> None:
    """API bearer tokens: each has one role and can be revoked."""


@tokens_group.command("add")
@click.option("--role", type=ROLE, required=True)
@click.option("--name", default="", help="What the token is for (shown in `tokens list`).")
def add_token_command(role: str, name: str) -> None:
    """Create a token and print it once (only its hash is stored)."""
    from screening import services

    with reporting_errors():
        token, secret = services.create_token(role, name, created_by="cli")
    click.echo(f"token {token['id']} ({token['role']}) created; it is shown only now:", err=True)
    click.echo(secret)


@tokens_group.command("list")
def list_tokens_command() -> None:
    """List tokens: id, role, name, created, last used, revoked."""
    from screening import services

    with reporting_errors():
        tokens = services.list_tokens()
    for token in tokens:
        state = f"revoked {token['revoked_at']}" if token["revoked_at"] else "active"
        click.echo(
            f"{token['id']}\t{token['role']}\t{token['name']}\tcreated {token['created_at']}\t"
            f"last used {token['last_used_at'] or 'never'}\t{state}"
        )


@tokens_group.command("revoke")
@click.argument("token_id")
def revoke_token_command(token_id: str) -> None:
    """Revoke a token: it stops working at once."""
    from screening import services

    with reporting_errors():
        token = services.revoke_token(token_id)
    click.echo(f"revoked {token['id']} at {token['revoked_at']}")


@click.group("users")
def users_group() -> None:
    """Users of the web pages."""


@users_group.command("add")
@click.argument("username")
@click.option("--role", type=ROLE, required=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
def add_user_command(username: str, role: str, password_stdin: bool) -> None:
    """Create a user; the password is asked for (or read from stdin) and stored as an argon2 hash."""
    from screening import services

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with reporting_errors():
        user = services.create_user(username, password, role)
    click.echo(f"user {user['username']} ({user['role']}) created")
