"""Rate limits on what evaluates: 429 with Retry-After, as a page on the pages and in the API's error shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app.web.conftest import CHECK_URL, CURRENT_JOB, DEGREE, SEED_CODE, Browser


def _app(data_dir: Path, **settings: Any) -> Any:
    from screening import create_app

    config = {"SCREENING_DATA_DIR": str(data_dir), "TESTING": True, "SECRET_KEY": "test"}
    config["SESSION_COOKIE_SECURE"] = False
    return create_app({**config, "RATELIMIT_CHECKS": "2 per minute", **settings})


@pytest.fixture
def limited(data_dir: Path) -> Iterator[Any]:
    application = _app(data_dir)
    yield application
    application.extensions["screening"].close()


def test_the_self_check_over_its_limit_is_a_429_page_with_retry_after(limited: Any) -> None:
    browser = Browser(limited.test_client())
    data = {"step": "answers", "action": "result", **DEGREE, **CURRENT_JOB}
    assert browser.post(CHECK_URL, data).status == 200
    assert browser.post(CHECK_URL, data).status == 200
    page = browser.post(CHECK_URL, data)
    assert page.status == 429
    assert page.title.startswith("Demasiadas verificaciones en poco tiempo")
    assert 1 <= int(page.response.headers["Retry-After"]) <= 61
    assert browser.get(CHECK_URL).status == 200  # reading the questions is not limited


def test_api_evaluations_over_the_limit_get_the_api_error_shape(
    limited: Any, candidate: dict[str, Any]
) -> None:
    client = limited.test_client()
    url = f"/api/v1/positions/{SEED_CODE}/evaluations"
    assert [client.post(url, json=candidate).status_code for _ in range(2)] == [200, 200]
    response = client.post(url, json=candidate)
    assert response.status_code == 429
    body = response.get_json()
    assert body["code"] == "rate_limited" and body["status"] == 429 and body["request_id"]
    assert int(response.headers["Retry-After"]) >= 1


def test_matches_are_limited_too(limited: Any, candidate: dict[str, Any]) -> None:
    client = limited.test_client()
    statuses = [client.post("/api/v1/matches", json=candidate).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_other_routes_are_not_limited(limited: Any) -> None:
    client = limited.test_client()
    assert {client.get(f"/api/v1/positions/{SEED_CODE}").status_code for _ in range(5)} == {200}


@pytest.mark.redis
def test_limits_are_shared_through_redis_when_configured(data_dir: Path, candidate: dict[str, Any]) -> None:
    import secrets

    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = "test-" + secrets.token_hex(4)
    first = _app(data_dir, RATELIMIT_STORAGE_URI=url, RATELIMIT_KEY_PREFIX=prefix)
    second = _app(data_dir, RATELIMIT_STORAGE_URI=url, RATELIMIT_KEY_PREFIX=prefix)
    try:
        urls = f"/api/v1/positions/{SEED_CODE}/evaluations"
        assert first.test_client().post(urls, json=candidate).status_code == 200
        assert second.test_client().post(urls, json=candidate).status_code == 200
        assert first.test_client().post(urls, json=candidate).status_code == 429
    finally:
        first.extensions["screening"].close()
        second.extensions["screening"].close()
