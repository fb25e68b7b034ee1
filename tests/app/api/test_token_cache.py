"""A process remembers a known token for a few seconds, never longer; unknown tokens are never remembered."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from screening import services
from screening.storage.models import ApiToken

POSITIONS = "/api/v1/positions"


def revoke_elsewhere(db: Any, token_id: str) -> None:
    """What another process's `screening tokens revoke` leaves in the database; this process is not told."""
    with db.write() as session:
        session.execute(
            update(ApiToken).where(ApiToken.id == token_id).values(revoked_at=services.repo.utc_now())
        )


def test_a_revocation_elsewhere_takes_effect_within_the_cache_time(
    app: Any, client: Any, db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(app.extensions["screening"].tokens, "clock", lambda: clock[0])
    with app.app_context():
        info, secret = services.create_token("auditor", "leaving")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(POSITIONS, headers=headers).status_code == 200
    revoke_elsewhere(db, info["id"])
    assert client.get(POSITIONS, headers=headers).status_code == 200  # remembered
    clock[0] += services.TOKEN_CACHE_SECONDS + 0.1
    assert client.get(POSITIONS, headers=headers).status_code == 401
    assert client.get(POSITIONS, headers=headers).status_code == 401


def test_a_revocation_in_this_process_takes_effect_at_once(app: Any, client: Any) -> None:
    with app.app_context():
        info, secret = services.create_token("recruiter", "leaving")
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get(POSITIONS, headers=headers).status_code == 200
    with app.app_context():
        services.revoke_token(info["id"])
    assert client.get(POSITIONS, headers=headers).status_code == 401


def test_unknown_tokens_are_not_remembered(app: Any, client: Any) -> None:
    for number in range(5):
        assert client.get(POSITIONS, headers={"Authorization": f"Bearer guess-{number}"}).status_code == 401
    assert app.extensions["screening"].tokens.entries == {}


def test_the_secret_itself_is_not_kept(app: Any, client: Any) -> None:
    with app.app_context():
        _, secret = services.create_token("auditor", "kept")
    client.get(POSITIONS, headers={"Authorization": f"Bearer {secret}"})
    assert app.extensions["screening"].tokens.entries
    assert not any(secret in key for key in app.extensions["screening"].tokens.entries)
