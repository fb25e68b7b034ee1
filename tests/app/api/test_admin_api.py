"""The admin API (/api/v1/admin): users and tokens, with an admin token; bad bodies named, unknown ids 404,
the last administrator kept, page sessions ended by a change of an account, the routes in the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest

from screening import services

PASSWORD = "una clave larga 2026"


@pytest.fixture
def admin(auth: Any) -> dict[str, str]:
    headers: dict[str, str] = auth("admin")
    return headers


class Accounts:
    """The account services of the test's app, each call in an app context of its own (never around a request:
    a request would share its `g` with the next one)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __getattr__(self, name: str) -> Any:
        function = getattr(services, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            with self.app.app_context():
                return function(*args, **kwargs)

        return call


@pytest.fixture
def accounts(app: Any) -> Accounts:
    return Accounts(app)


def _create(client: Any, admin: dict[str, str], **body: Any) -> Any:
    return client.post(
        "/api/v1/admin/users",
        json={"username": "mgarcia", "role": "recruiter", "password": PASSWORD, **body},
        headers=admin,
    )


def test_a_user_is_created_listed_and_read(client: Any, admin: dict[str, str]) -> None:
    created = _create(client, admin)
    assert created.status_code == 201
    user = created.get_json()
    assert user["username"] == "mgarcia"
    assert user["role"] == "recruiter"
    assert user["state"] == "active"
    assert "password" not in user
    listed = client.get("/api/v1/admin/users", headers=admin).get_json()["items"]
    assert [u["username"] for u in listed] == ["mgarcia"]
    assert client.get(f"/api/v1/admin/users/{user['id']}", headers=admin).get_json() == user


def test_the_created_user_signs_in_to_the_pages(
    client: Any, admin: dict[str, str], accounts: Accounts
) -> None:
    _create(client, admin, role="auditor")
    signed_in = accounts.sign_in("mgarcia", PASSWORD)
    assert signed_in is not None
    assert signed_in.principal.role == "auditor"


@pytest.mark.parametrize(
    ("body", "path", "accepted"),
    [
        ({"role": "jefe"}, "role", "recruiter, auditor, admin"),
        ({"password": "corta"}, "password", "12"),
        ({"username": ""}, "username", "150"),
        ({"extra": 1}, "extra", ""),
    ],
)
def test_bad_user_bodies_name_the_field(
    client: Any, admin: dict[str, str], body: dict[str, Any], path: str, accepted: str
) -> None:
    answer = _create(client, admin, **body)
    assert answer.status_code == 422
    errors = answer.get_json()["errors"]
    assert [e["path"] for e in errors] == [path]
    assert accepted in errors[0]["accepted"]


def test_a_duplicate_user_name_is_a_409(client: Any, admin: dict[str, str]) -> None:
    _create(client, admin)
    again = _create(client, admin)
    assert again.status_code == 409
    assert again.get_json()["code"] == "conflict"


def test_unknown_users_and_tokens_are_404(client: Any, admin: dict[str, str]) -> None:
    assert client.get("/api/v1/admin/users/999", headers=admin).status_code == 404
    assert client.patch("/api/v1/admin/users/999", json={"locked": True}, headers=admin).status_code == 404
    answer = client.post("/api/v1/admin/tokens/tok_000000000000/revoke", headers=admin)
    assert answer.status_code == 404
    assert answer.get_json()["message"] == "No hay ningún token con ese identificador."


def test_a_change_of_role_and_a_lock_end_the_page_sessions(
    client: Any, admin: dict[str, str], accounts: Accounts
) -> None:
    user_id = _create(client, admin).get_json()["id"]
    first = accounts.sign_in("mgarcia", PASSWORD)
    assert first is not None
    changed = client.patch(f"/api/v1/admin/users/{user_id}", json={"role": "auditor"}, headers=admin)
    assert changed.get_json()["role"] == "auditor"
    assert accounts.staff_session(user_id, first.session_token) is None
    second = accounts.sign_in("mgarcia", PASSWORD)
    assert second is not None
    locked = client.patch(f"/api/v1/admin/users/{user_id}", json={"locked": True}, headers=admin)
    assert locked.get_json()["state"] == "locked"
    assert accounts.staff_session(user_id, second.session_token) is None
    assert accounts.sign_in("mgarcia", PASSWORD) is None
    unlocked = client.patch(f"/api/v1/admin/users/{user_id}", json={"locked": False}, headers=admin)
    assert unlocked.get_json()["state"] == "active"
    assert accounts.sign_in("mgarcia", PASSWORD) is not None


def test_a_new_password_replaces_the_old(client: Any, admin: dict[str, str], accounts: Accounts) -> None:
    user_id = _create(client, admin).get_json()["id"]
    weak = client.patch(f"/api/v1/admin/users/{user_id}", json={"password": "corta"}, headers=admin)
    assert weak.status_code == 422
    assert (
        client.patch(
            f"/api/v1/admin/users/{user_id}", json={"password": "otra clave 2026!"}, headers=admin
        ).status_code
        == 200
    )
    assert accounts.sign_in("mgarcia", PASSWORD) is None
    assert accounts.sign_in("mgarcia", "otra clave 2026!") is not None


def test_the_last_admin_keeps_the_role_and_cannot_be_locked(client: Any, admin: dict[str, str]) -> None:
    user_id = _create(client, admin, username="jefa", role="admin").get_json()["id"]
    demoted = client.patch(f"/api/v1/admin/users/{user_id}", json={"role": "recruiter"}, headers=admin)
    assert demoted.status_code == 409
    assert "administrador activo" in demoted.get_json()["message"]
    assert (
        client.patch(f"/api/v1/admin/users/{user_id}", json={"locked": True}, headers=admin).status_code
        == 409
    )
    _create(client, admin, username="segunda", role="admin")
    assert (
        client.patch(f"/api/v1/admin/users/{user_id}", json={"role": "recruiter"}, headers=admin).status_code
        == 200
    )


def test_a_token_is_created_once_listed_without_its_secret_and_revoked(
    client: Any, admin: dict[str, str]
) -> None:
    created = client.post(
        "/api/v1/admin/tokens", json={"role": "auditor", "name": "Contraloría"}, headers=admin
    )
    assert created.status_code == 201
    token = created.get_json()
    secret = token.pop("secret")
    assert secret.startswith("scr_")
    assert token["created_by"].startswith("token:")
    listed = client.get("/api/v1/admin/tokens", headers=admin)
    assert secret not in listed.get_data(as_text=True)
    assert token["id"] in [t["id"] for t in listed.get_json()["items"]]
    bearer = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/audit/verify", headers=bearer).status_code == 200
    revoked = client.post(f"/api/v1/admin/tokens/{token['id']}/revoke", headers=admin)
    assert revoked.status_code == 200
    assert revoked.get_json()["revoked_at"]
    assert client.get("/api/v1/audit/verify", headers=bearer).status_code == 401


def test_an_unknown_role_for_a_token_is_named(client: Any, admin: dict[str, str]) -> None:
    answer = client.post("/api/v1/admin/tokens", json={"role": "root", "name": "x"}, headers=admin)
    assert answer.status_code == 422
    assert answer.get_json()["errors"][0]["path"] == "role"


def test_without_an_admin_token_the_body_is_not_read(client: Any, auth: Any) -> None:
    """The role is checked first: a bad body from a recruiter is a 403, from nobody a 401, never a 422."""
    assert (
        client.post("/api/v1/admin/users", json={"role": "jefe"}, headers=auth("recruiter")).status_code
        == 403
    )
    assert client.post("/api/v1/admin/users", json={"role": "jefe"}).status_code == 401


def test_the_admin_routes_are_documented(client: Any) -> None:
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/admin/users"]) == {"get", "post"}
    assert set(paths["/api/v1/admin/users/{user_id}"]) == {"get", "patch", "parameters"}
    assert set(paths["/api/v1/admin/tokens"]) == {"get", "post"}
    assert set(paths["/api/v1/admin/tokens/{token_id}/revoke"]) == {"post", "parameters"}
    patch = paths["/api/v1/admin/users/{user_id}"]["patch"]
    assert {"200", "401", "403", "404", "409", "422"} <= set(patch["responses"])
    assert patch["security"] == [{"bearerAuth": []}]
    assert "requestBody" in paths["/api/v1/admin/users"]["post"]
