"""Security headers on every response: pages, the API, its docs page, errors and static files; HSTS only over
HTTPS, and X-Forwarded-Proto believed only from a configured number of proxies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

EVALUATE = "/api/v1/positions/8-009-004-C215/evaluations"

RESPONSES = [
    ("GET", "/api/v1/health", 200),
    ("GET", "/api/v1/positions", 200),
    ("GET", "/api/v1/no-such-thing", 404),
    ("GET", "/api/openapi.json", 200),
    ("GET", "/api/docs", 200),
    ("GET", "/api/docs-assets/swagger-ui-bundle.js", 200),
    ("POST", "/api/v1/evaluations", 405),
    ("GET", "/ready", 200),
    ("GET", "/", 200),
    ("GET", "/no-existe", 404),
    ("GET", "/recursos/app.css", 200),
]


@pytest.mark.parametrize(("method", "path", "status"), RESPONSES)
def test_every_response_carries_the_security_headers(
    client: Any, method: str, path: str, status: int
) -> None:
    response = client.open(path, method=method)
    assert response.status_code == status
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Cache-Control" in headers
    assert "Strict-Transport-Security" not in headers  # plain HTTP


def test_an_unexpected_error_carries_them_too(client: Any, app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    monkeypatch.setitem(app.view_functions, "root_health.ready", broken)
    response = client.get("/ready")
    assert response.status_code == 500
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert response.headers["Cache-Control"] == "no-store"


def test_answers_with_personal_data_are_not_stored_by_caches(client: Any, candidate: dict[str, Any]) -> None:
    answer = client.post(EVALUATE + "?receipt=true", json=candidate)
    assert answer.status_code == 201
    assert answer.headers["Cache-Control"] == "no-store"
    record = client.get(f"/api/v1/evaluations/{answer.get_json()['evaluation_id']}")
    assert record.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching(client: Any) -> None:
    assert "no-store" not in client.get("/recursos/app.css").headers["Cache-Control"]


def test_the_api_docs_page_has_no_inline_script_and_its_policy_allows_what_it_loads(client: Any) -> None:
    page = client.get("/api/docs")
    html = page.get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "img-src 'self' data:" in policy
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/api/") for source in sources)
    for source in sources:
        assert client.get(source).status_code == 200, source
    assert client.get(re.search(r'data-spec-url="([^"]+)"', html).group(1)).status_code == 200  # type: ignore[union-attr]


def _app(data_dir: Path, **settings: Any) -> Any:
    from screening import create_app

    return create_app(
        {"SCREENING_DATA_DIR": str(data_dir), "TESTING": True, "SECRET_KEY": "test", **settings}
    )


def test_hsts_over_https_only(data_dir: Path) -> None:
    app = _app(data_dir)
    client = app.test_client()
    secure = client.get("/api/v1/health", base_url="https://screening.example")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/api/v1/health").headers
    app.extensions["screening"].close()


def test_forwarded_proto_is_ignored_without_a_trusted_proxy(data_dir: Path) -> None:
    app = _app(data_dir)
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
    app.extensions["screening"].close()


def test_forwarded_proto_is_believed_from_the_configured_proxy(data_dir: Path) -> None:
    app = _app(data_dir, SCREENING_TRUSTED_PROXIES="1")
    client = app.test_client()
    response = client.get("/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/").headers
    app.extensions["screening"].close()


def test_hsts_can_be_turned_off(data_dir: Path) -> None:
    app = _app(data_dir, SCREENING_HSTS_SECONDS="0")
    secure = app.test_client().get("/", base_url="https://screening.example")
    assert "Strict-Transport-Security" not in secure.headers
    app.extensions["screening"].close()


def test_a_negative_proxy_count_is_refused_naming_the_setting() -> None:
    from screening.config import ConfigError, load_config

    with pytest.raises(ConfigError, match="SCREENING_TRUSTED_PROXIES: found '-1'; accepted: a whole number"):
        load_config({"SCREENING_TRUSTED_PROXIES": "-1"}, environ={})
