"""The role matrix (SPEC section 6; T19 for the API): every route of the app, pages and API, against an anonymous
visitor, each role and a revoked token, with the status each must get.

Pages are opened signed in with a session (a user of each role); the API is called with a bearer token of each
role, and with a revoked one. A route added without a row in ROWS fails `test_every_route_has_a_row`: add its
row here, with the status you expect for each of them. (This replaces the API's earlier table of roles.)
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from screening import services
from screening.services.publications import publish
from tests.app.web.conftest import STAFF_PASSWORD, Browser, sign_in
from tests.app.web.review_fixtures import screen_review_batch

SEED = "8-009-004-C215"
WHO = ("anonymous", "recruiter", "auditor", "admin")
REDIRECT = 302
"""A staff page opened without signing in: sent to /ingresar."""


@dataclass(frozen=True)
class Row:
    url: str
    """The address to ask, with {names} filled from the world's records (evaluation, receipt, user, token...)."""
    expected: tuple[int, int, int, int]
    """Anonymous, recruiter, auditor, admin."""
    revoked: int | None = None
    """With a revoked bearer token (API routes); None for pages, where a token signs no one in."""
    data: dict[str, str] = field(default_factory=dict)
    """A page's form fields (the CSRF token is added)."""
    json: Any = None
    """An API call's body."""
    upload: tuple[str, bytes] | None = None
    """A file sent as the multipart field `file` (API uploads)."""
    fresh: bool = False
    """Sign in anew for this request, as another user of the role (it ends the sessions of its user)."""


def page(url: str, *expected: int, **options: Any) -> Row:
    return Row(url, expected, None, **options)  # type: ignore[arg-type]


def api(url: str, *expected: int, revoked: int = 401, **options: Any) -> Row:
    return Row(url, expected, revoked, **options)  # type: ignore[arg-type]


ANYONE = (200, 200, 200, 200)
ADMIN_PAGE = (REDIRECT, 403, 403, 200)
AUDITOR_PAGE = (REDIRECT, 403, 200, 403)
RECRUITER_PAGE = (REDIRECT, 200, 403, 403)
RECRUITER_UNKNOWN = (REDIRECT, 404, 403, 403)
"""A recruiter's page of an upload that does not exist (or is another recruiter's: the same answer)."""
ADMIN_CHANGE = (REDIRECT, 403, 403, 303)
"""A form of the admin pages that changes something: the change done, then the page that shows it."""
ADMIN_API = (401, 403, 403, 200)
NEW_USER = {"username": "nuevo", "role": "recruiter", "password": "una clave larga 2026"}

ROWS: dict[tuple[str, str], Row] = {
    # candidates' pages and the service's own
    ("GET", "/"): page("/", *ANYONE),
    ("GET", "/aviso-de-privacidad"): page("/aviso-de-privacidad", *ANYONE),
    ("GET", "/puestos"): page("/puestos", *ANYONE),
    ("GET", "/puestos/<code>"): page(f"/puestos/{SEED}", *ANYONE),
    ("GET", "/puestos/<code>/verificar"): page(f"/puestos/{SEED}/verificar", *ANYONE),
    ("POST", "/puestos/<code>/verificar"): page(f"/puestos/{SEED}/verificar", *ANYONE),
    ("GET", "/verificar"): page("/verificar", *ANYONE),
    ("POST", "/verificar"): page("/verificar", *ANYONE),
    ("GET", "/comprobantes/<evaluation_id>"): page("/comprobantes/{receipt}", *ANYONE),
    ("GET", "/health"): page("/health", *ANYONE),
    ("GET", "/ready"): page("/ready", *ANYONE),
    ("GET", "/api/docs"): page("/api/docs", *ANYONE),
    ("GET", "/api/openapi.json"): page("/api/openapi.json", *ANYONE),
    # sign-in
    ("GET", "/ingresar"): page("/ingresar", 200, 302, 302, 302),
    ("POST", "/ingresar"): page("/ingresar", 422, 422, 422, 422),
    ("GET", "/salir"): page("/salir", REDIRECT, 200, 200, 200),
    ("POST", "/salir"): page("/salir", 303, 303, 303, 303, fresh=True),
    # recruiters: uploads, batches, reviews, publishing (the world's batch is the first recruiter's, screened
    # through the command line's path, which keeps no result file to download: 409; the forms are sent empty,
    # so a review is not decided and nothing is published: 422)
    ("GET", "/reclutamiento/"): page("/reclutamiento/", *RECRUITER_PAGE),
    ("POST", "/reclutamiento/cargas"): page("/reclutamiento/cargas", REDIRECT, 422, 403, 403),
    ("GET", "/reclutamiento/cargas/<upload_id>"): page("/reclutamiento/cargas/{upload}", *RECRUITER_UNKNOWN),
    ("POST", "/reclutamiento/cargas/<upload_id>/confirmar"): page(
        "/reclutamiento/cargas/{upload}/confirmar", *RECRUITER_UNKNOWN
    ),
    ("POST", "/reclutamiento/cargas/<upload_id>/cancelar"): page(
        "/reclutamiento/cargas/{upload}/cancelar", *RECRUITER_UNKNOWN
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>"): page("/reclutamiento/lotes/{batch}", *RECRUITER_PAGE),
    ("GET", "/reclutamiento/lotes/<batch_id>/estado"): page(
        "/reclutamiento/lotes/{batch}/estado", *RECRUITER_PAGE
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>/resultados.<kind>"): page(
        "/reclutamiento/lotes/{batch}/resultados.csv", REDIRECT, 409, 403, 403
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>/impacto"): page(
        "/reclutamiento/lotes/{batch}/impacto", *RECRUITER_PAGE
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>/evaluaciones/<evaluation_id>"): page(
        "/reclutamiento/lotes/{batch}/evaluaciones/{batch_row}", *RECRUITER_PAGE
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>/revisiones"): page(
        "/reclutamiento/lotes/{batch}/revisiones", *RECRUITER_PAGE
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>/revisiones/<evaluation_id>"): page(
        "/reclutamiento/lotes/{batch}/revisiones/{review_row}", *RECRUITER_PAGE
    ),
    ("POST", "/reclutamiento/lotes/<batch_id>/revisiones/<evaluation_id>"): page(
        "/reclutamiento/lotes/{batch}/revisiones/{review_row}", REDIRECT, 422, 403, 403
    ),
    ("GET", "/reclutamiento/lotes/<batch_id>/publicar"): page(
        "/reclutamiento/lotes/{batch}/publicar", *RECRUITER_PAGE
    ),
    ("POST", "/reclutamiento/lotes/<batch_id>/publicar"): page(
        "/reclutamiento/lotes/{batch}/publicar", REDIRECT, 422, 403, 403
    ),
    ("GET", "/publicaciones/<publication_id>"): page("/publicaciones/{publication}", *ANYONE),
    ("GET", "/publicaciones/<publication_id>.csv"): page("/publicaciones/{publication}.csv", *ANYONE),
    # auditors
    ("GET", "/auditoria/"): page("/auditoria/", *AUDITOR_PAGE),
    ("GET", "/auditoria/cadena"): page("/auditoria/cadena", *AUDITOR_PAGE),
    ("POST", "/auditoria/cadena"): page("/auditoria/cadena", *AUDITOR_PAGE),
    ("GET", "/auditoria/evaluaciones/<evaluation_id>"): page(
        "/auditoria/evaluaciones/{evaluation}", *AUDITOR_PAGE
    ),
    ("GET", "/auditoria/evaluaciones/<evaluation_id>/expediente"): page(
        "/auditoria/evaluaciones/{evaluation}/expediente", *AUDITOR_PAGE
    ),
    ("GET", "/auditoria/evaluaciones/<evaluation_id>/reproducir"): page(
        "/auditoria/evaluaciones/{evaluation}/reproducir", *AUDITOR_PAGE
    ),
    ("POST", "/auditoria/evaluaciones/<evaluation_id>/reproducir"): page(
        "/auditoria/evaluaciones/{evaluation}/reproducir", *AUDITOR_PAGE
    ),
    # administrators: positions and revisions
    ("GET", "/administracion/puestos"): page("/administracion/puestos", *ADMIN_PAGE),
    ("GET", "/administracion/puestos/<code>"): page(f"/administracion/puestos/{SEED}", *ADMIN_PAGE),
    ("GET", "/administracion/puestos/<code>/diferencias"): page(
        f"/administracion/puestos/{SEED}/diferencias", REDIRECT, 403, 403, 422
    ),
    ("GET", "/administracion/puestos/<code>/simulacion"): page(
        f"/administracion/puestos/{SEED}/simulacion", *ADMIN_PAGE
    ),
    ("POST", "/administracion/puestos/<code>/simulacion"): page(
        f"/administracion/puestos/{SEED}/simulacion", REDIRECT, 403, 403, 422
    ),
    # administrators: retention
    ("GET", "/administracion/retencion"): page("/administracion/retencion", *ADMIN_PAGE),
    ("POST", "/administracion/retencion"): page("/administracion/retencion", REDIRECT, 403, 403, 422),
    # administrators: start page, catalog, users, tokens
    ("GET", "/administracion"): page("/administracion", *ADMIN_PAGE),
    ("GET", "/administracion/catalogo"): page("/administracion/catalogo", *ADMIN_PAGE),
    ("POST", "/administracion/catalogo"): page("/administracion/catalogo", REDIRECT, 403, 403, 422),
    ("GET", "/administracion/catalogo/vista-previa"): page(
        "/administracion/catalogo/vista-previa", REDIRECT, 403, 403, 404
    ),
    ("POST", "/administracion/catalogo/confirmar"): page(
        "/administracion/catalogo/confirmar", REDIRECT, 403, 403, 404
    ),
    ("POST", "/administracion/catalogo/cancelar"): page("/administracion/catalogo/cancelar", *ADMIN_CHANGE),
    ("GET", "/administracion/usuarios"): page("/administracion/usuarios", *ADMIN_PAGE),
    ("GET", "/administracion/usuarios/nuevo"): page("/administracion/usuarios/nuevo", *ADMIN_PAGE),
    ("POST", "/administracion/usuarios/nuevo"): page(
        "/administracion/usuarios/nuevo", *ADMIN_CHANGE, data=NEW_USER
    ),
    ("GET", "/administracion/usuarios/<int:user_id>"): page("/administracion/usuarios/{user}", *ADMIN_PAGE),
    ("POST", "/administracion/usuarios/<int:user_id>/rol"): page(
        "/administracion/usuarios/{user}/rol", *ADMIN_CHANGE, data={"role": "auditor"}
    ),
    ("POST", "/administracion/usuarios/<int:user_id>/bloquear"): page(
        "/administracion/usuarios/{user}/bloquear", *ADMIN_CHANGE
    ),
    ("POST", "/administracion/usuarios/<int:user_id>/desbloquear"): page(
        "/administracion/usuarios/{user}/desbloquear", *ADMIN_CHANGE
    ),
    ("POST", "/administracion/usuarios/<int:user_id>/contrasena"): page(
        "/administracion/usuarios/{user}/contrasena",
        *ADMIN_CHANGE,
        data={"password": "otra clave larga 2026"},
    ),
    ("GET", "/administracion/tokens"): page("/administracion/tokens", *ADMIN_PAGE),
    ("GET", "/administracion/tokens/nuevo"): page("/administracion/tokens/nuevo", *ADMIN_PAGE),
    ("POST", "/administracion/tokens/nuevo"): page(
        "/administracion/tokens/nuevo", *ADMIN_PAGE, data={"name": "sistema", "role": "auditor"}
    ),
    ("POST", "/administracion/tokens/<token_id>/revocar"): page(
        "/administracion/tokens/{token}/revocar", *ADMIN_CHANGE
    ),
    # API
    ("GET", "/api/v1/health"): api("/api/v1/health", *ANYONE),
    ("GET", "/api/v1/ready"): api("/api/v1/ready", *ANYONE),
    ("GET", "/api/v1/positions"): api("/api/v1/positions", *ANYONE),
    ("GET", "/api/v1/positions/<code>"): api(f"/api/v1/positions/{SEED}", *ANYONE),
    ("POST", "/api/v1/positions/<code>/evaluations"): api(
        f"/api/v1/positions/{SEED}/evaluations", 200, 201, 403, 403, json="candidate"
    ),
    ("POST", "/api/v1/positions/<code>/batches"): api(
        f"/api/v1/positions/{SEED}/batches", 401, 422, 403, 403, upload=("candidatos.csv", b"folio\nA-1\n")
    ),
    ("GET", "/api/v1/batches/<batch_id>"): api("/api/v1/batches/b_000000000000", 401, 404, 404, 403),
    ("GET", "/api/v1/batches/<batch_id>/result"): api(
        "/api/v1/batches/b_000000000000/result", 401, 404, 404, 403
    ),
    ("POST", "/api/v1/matches"): api("/api/v1/matches", *ANYONE, json="candidate"),
    ("GET", "/api/v1/evaluations"): api("/api/v1/evaluations?folio=A-0042", 401, 200, 200, 403),
    ("GET", "/api/v1/evaluations/<evaluation_id>"): api(
        "/api/v1/evaluations/{evaluation}", 401, 200, 200, 403
    ),
    ("GET", "/api/v1/evaluations/<evaluation_id>/replay"): api(
        "/api/v1/evaluations/{evaluation}/replay", 401, 403, 200, 403
    ),
    ("GET", "/api/v1/audit/verify"): api("/api/v1/audit/verify", 401, 403, 200, 403),
    ("GET", "/api/v1/admin/users"): api("/api/v1/admin/users", *ADMIN_API),
    ("POST", "/api/v1/admin/users"): api(
        "/api/v1/admin/users", 401, 403, 403, 201, json={**NEW_USER, "username": "por-api"}
    ),
    ("GET", "/api/v1/admin/users/<int:user_id>"): api("/api/v1/admin/users/{user}", *ADMIN_API),
    ("PATCH", "/api/v1/admin/users/<int:user_id>"): api(
        "/api/v1/admin/users/{user}", *ADMIN_API, json={"role": "recruiter"}
    ),
    ("GET", "/api/v1/admin/tokens"): api("/api/v1/admin/tokens", *ADMIN_API),
    ("POST", "/api/v1/admin/tokens"): api(
        "/api/v1/admin/tokens", 401, 403, 403, 201, json={"role": "auditor", "name": "por api"}
    ),
    ("POST", "/api/v1/admin/tokens/<token_id>/revoke"): api(
        "/api/v1/admin/tokens/{api_token}/revoke", *ADMIN_API
    ),
}


EXTRA: list[tuple[str, Row]] = [
    # A receipt is read by anyone who has its id but an admin; a recruiter's stored record is not (above).
    ("GET", api("/api/v1/evaluations/{receipt}", 200, 200, 200, 403)),
]
"""More addresses of a route already in ROWS, where what the route answers depends on what is asked for."""


def _routes(app: Any) -> set[tuple[str, str]]:
    """(method, rule) of every route but the static files."""
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not rule.endpoint.endswith(".static")
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }


@dataclass
class World:
    """One app with a user of each role signed in, a bearer token of each role and a revoked one, and the
    records the rows' addresses name."""

    app: Any
    browsers: dict[str, Browser]
    headers: dict[str, dict[str, str]]
    names: dict[str, str]
    candidate: dict[str, Any]


USERS = {"recruiter": "rmartinez", "auditor": "aortiz", "admin": "jsanchez"}
OTHERS = {"recruiter": "lperez", "auditor": "mruiz", "admin": "cflores"}
"""Users of each role for the rows that sign in anew (signing out ends every session of the user)."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    from screening import create_app
    from tests.conftest import SEED_CANDIDATE

    data_dir = tmp_path_factory.mktemp("matrix")
    app = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "TESTING": True,
            "SECRET_KEY": "test",
            "SESSION_COOKIE_SECURE": False,
            "RATELIMIT_SIGN_IN": "1000 per minute",
            "RATELIMIT_CHECKS": "1000 per minute",
        }
    )
    with app.app_context():
        for role in USERS:
            services.create_user(USERS[role], STAFF_PASSWORD, role)
            services.create_user(OTHERS[role], STAFF_PASSWORD, role)
        target = services.create_user("objetivo", STAFF_PASSWORD, "recruiter")
        secrets = {role: services.create_token(role, f"matrix {role}")[1] for role in services.ROLES}
        revoked, revoked_secret = services.create_token("admin", "revoked")
        services.revoke_token(revoked["id"])
        page_token = services.create_token("auditor", "revoked on the page")[0]
        api_token = services.create_token("auditor", "revoked over the API")[0]
    headers = {"anonymous": {}, **{role: {"Authorization": f"Bearer {s}"} for role, s in secrets.items()}}
    headers["revoked"] = {"Authorization": f"Bearer {revoked_secret}"}
    browsers = {"anonymous": Browser(app.test_client())}
    browsers["anonymous"].get("/ingresar")
    for role, username in USERS.items():
        browsers[role] = Browser(app.test_client())
        assert sign_in(browsers[role], username).status == 303
    batch = screen_review_batch(app, data_dir, USERS["recruiter"])
    with app.app_context():
        published = publish(
            batch.batch_id,
            services.Principal(batch.actor, "recruiter", USERS["recruiter"]),
            confirm_open_reviews=True,
        )
    client = app.test_client()
    evaluate = f"/api/v1/positions/{SEED}/evaluations"
    names = {
        "evaluation": client.post(evaluate, json=SEED_CANDIDATE, headers=headers["recruiter"]).get_json()[
            "evaluation_id"
        ],
        "receipt": client.post(evaluate + "?receipt=true", json=SEED_CANDIDATE).get_json()["evaluation_id"],
        "user": str(target["id"]),
        "token": page_token["id"],
        "api_token": api_token["id"],
        "batch": batch.batch_id,
        "batch_row": batch.ids["R-002"],
        "review_row": batch.ids["R-003"],
        "publication": published["id"],
        "upload": "u_000000000000",
    }
    yield World(app, browsers, headers, names, dict(SEED_CANDIDATE))
    app.extensions["screening"].close()


def test_every_route_has_a_row(world: World) -> None:
    routes = _routes(world.app)
    missing = sorted(routes - set(ROWS))
    assert not missing, (
        "routes without a row in the role matrix; add each to ROWS in tests/app/test_role_matrix.py with the "
        f"status expected for anonymous, recruiter, auditor, admin (and a revoked token for the API): {missing}"
    )
    stale = sorted(set(ROWS) - routes)
    assert not stale, f"rows of ROWS for routes the app does not have (remove or rename them): {stale}"


def _ask(world: World, method: str, row: Row, who: str) -> int:
    url = row.url.format(**world.names)
    body = world.candidate if row.json == "candidate" else row.json
    if row.revoked is not None:  # an API route: a bearer token, no session
        client = world.app.test_client()
        if row.upload is not None:
            name, content = row.upload
            sent = {"file": (io.BytesIO(content), name)}
            return int(client.open(url, method=method, data=sent, headers=world.headers[who]).status_code)
        return int(client.open(url, method=method, json=body, headers=world.headers[who]).status_code)
    browser = world.browsers[who]
    if row.fresh:
        browser = Browser(world.app.test_client())
        if who != "anonymous":
            sign_in(browser, OTHERS[who])
    if method == "GET":
        return int(browser.client.get(url).status_code)
    # The form's CSRF token, as a browser has it from the page before (signing in issues a new one).
    browser.get("/ingresar" if who == "anonymous" else "/salir")
    return int(browser.client.post(url, data={"csrf_token": browser.token, **row.data}).status_code)


CASES = [(method, row) for (method, _rule), row in ROWS.items()] + EXTRA


@pytest.mark.parametrize(("method", "row"), CASES, ids=[f"{m} {row.url}" for m, row in CASES])
def test_each_route_answers_each_role_as_the_matrix_says(world: World, method: str, row: Row) -> None:
    got = {who: _ask(world, method, row, who) for who in WHO}
    expected = dict(zip(WHO, row.expected, strict=True))
    if row.revoked is not None:
        got["revoked"] = _ask(world, method, row, "revoked")
        expected["revoked"] = row.revoked
    assert got == expected, f"{method} {row.url}"


def test_a_bearer_token_signs_no_one_in_to_the_pages(world: World) -> None:
    """Pages know only the session: an admin's API token on an admin page is an anonymous visitor."""
    answer = world.app.test_client().get("/administracion/usuarios", headers=world.headers["admin"])
    assert answer.status_code == REDIRECT
    assert answer.headers["Location"].startswith("/ingresar")
