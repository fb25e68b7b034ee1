"""`screening tokens add|list|revoke` and `screening users add` (SPEC section 6)."""

from __future__ import annotations

from typing import Any

import pytest

from screening import services


def test_token_is_printed_once_and_works_until_revoked(runner: Any) -> None:
    added = runner.run("tokens", "add", "--role", "auditor", "--name", "Contraloría")
    secret = added.stdout.strip()
    assert secret.startswith("scr_")
    principal = services.authenticate_token(secret)
    assert principal is not None
    assert principal.role == "auditor"
    token_id = principal.actor.removeprefix("token:")
    listing = runner.run("tokens", "list").stdout
    assert token_id in listing
    assert secret not in listing
    assert runner.run("tokens", "revoke", token_id).exit_code == 0
    assert services.authenticate_token(secret) is None
    assert "revoked" in runner.run("tokens", "list").stdout


def test_only_the_hash_of_a_token_is_stored(runner: Any) -> None:
    from sqlalchemy import text

    secret = runner.run("tokens", "add", "--role", "recruiter").stdout.strip()
    with services.current_database().engine.connect() as connection:
        stored = " ".join(str(v) for v in connection.execute(text("SELECT * FROM api_tokens")).one())
    assert secret not in stored


def test_unknown_role_is_refused(runner: Any) -> None:
    result = runner.invoke(
        __import__("screening.cli", fromlist=["main"]).main, ["tokens", "add", "--role", "jefe"]
    )
    assert result.exit_code == 2
    assert "jefe" in result.output


def test_revoking_an_unknown_token_exits_1(runner: Any) -> None:
    result = runner.run("tokens", "revoke", "tok_000000")
    assert result.exit_code == 1
    assert "token: found 'tok_000000'" in result.stderr


def test_user_password_from_stdin_is_stored_as_argon2(runner: Any) -> None:
    from sqlalchemy import text

    result = runner.run(
        "users", "add", "mgarcia", "--role", "recruiter", "--password-stdin", input="contraseña segura 2026\n"
    )
    assert result.exit_code == 0
    with services.current_database().engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert services.check_password("mgarcia", "contraseña segura 2026") is not None
    assert services.check_password("mgarcia", "otra cosa") is None


def test_user_password_prompt_asks_twice(runner: Any) -> None:
    result = runner.run(
        "users", "add", "lruiz", "--role", "auditor", input="clave muy larga 1\nclave muy larga 1\n"
    )
    assert result.exit_code == 0
    assert services.check_password("lruiz", "clave muy larga 1") is not None


@pytest.mark.parametrize(
    ("username", "password", "path"),
    [("ana", "corta", "password"), ("", "suficientemente larga", "username")],
)
def test_bad_user_input_names_the_field(runner: Any, username: str, password: str, path: str) -> None:
    result = runner.run(
        "users", "add", username, "--role", "admin", "--password-stdin", input=password + "\n"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}: found")


def test_duplicate_user_is_refused(runner: Any) -> None:
    runner.run("users", "add", "ana", "--role", "admin", "--password-stdin", input="una clave larga\n")
    result = runner.run(
        "users", "add", "ana", "--role", "admin", "--password-stdin", input="una clave larga\n"
    )
    assert result.exit_code == 1


def test_repeated_wrong_passwords_lock_the_account(runner: Any) -> None:
    runner.run("users", "add", "ana", "--role", "admin", "--password-stdin", input="una clave larga\n")
    for _ in range(services.MAX_LOGIN_FAILURES):
        assert services.check_password("ana", "equivocada") is None
    assert services.check_password("ana", "una clave larga") is None
