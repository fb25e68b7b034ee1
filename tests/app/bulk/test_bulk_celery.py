"""Celery workers share a batch chunk by chunk; a worker killed with SIGKILL mid-batch loses nothing: after a
restart every row is screened and recorded exactly once (RELIABILITY T14). Needs Redis and real workers."""

from __future__ import annotations

import csv
import io
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.app.bulk.conftest import AS_OF, HEADER, ROWS, SEED_CODE, Workers, csv_bytes

pytestmark = [pytest.mark.redis, pytest.mark.slow]

LEVELS = ["Licenciatura", "Maestría", "Doctorado", "Bachillerato", "Especialidad"]
YEARS = ["0", "1", "2", "3", "4", "2,5", "1,5", "10"]


def wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        pause.wait(0.2)


@pytest.fixture
def celery_app(celery_env: dict[str, str], data_dir: Any) -> Any:
    from screening import create_app

    application = create_app(
        {
            "SCREENING_DATA_DIR": str(data_dir),
            "TESTING": True,
            "SECRET_KEY": "test",
            "CELERY_BROKER_URL": celery_env["CELERY_BROKER_URL"],
        }
    )
    yield application
    application.extensions["screening"].close()


def many_rows(count: int) -> list[list[str]]:
    return [
        [
            f"F-{n:05d}",
            LEVELS[n % 5],
            ROWS[n % 3][2],
            ROWS[n % 4][3],
            YEARS[n % 8],
            ROWS[n % 6][5],
            ROWS[n % 6][6],
        ]
        for n in range(count)
    ]


def test_killed_worker_loses_nothing_and_stores_nothing_twice(
    celery_app: Any, celery_env: dict[str, str], workers: Workers
) -> None:
    from sqlalchemy import func, select

    from screening import services
    from screening.storage.models import Evaluation

    celery_env["SCREENING_BATCH_CHUNK_ROWS"] = "150"
    client = celery_app.test_client()
    with celery_app.app_context():
        headers = {"Authorization": "Bearer " + services.create_token("recruiter", "celery")[1]}
    first = workers.start("uno")
    workers.start("dos", concurrency=1)
    total = 6000
    response = client.post(
        f"/api/v1/positions/{SEED_CODE}/batches",
        query_string={"as_of": AS_OF},
        headers=headers,
        data={"file": (io.BytesIO(csv_bytes(HEADER, many_rows(total))), "aspirantes.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 202, response.get_json()
    batch_url = f"/api/v1/batches/{response.get_json()['id']}"

    def status() -> dict[str, Any]:
        body: dict[str, Any] = client.get(batch_url, headers=headers).get_json()
        return body

    wait_until(lambda: status()["rows_done"] >= 900, 180, "the first chunks")
    workers.kill(first)
    assert status()["status"] == "running"
    workers.start("tres")
    wait_until(lambda: status()["status"] in ("done", "failed"), 300, "the batch to finish")
    body = status()
    assert (body["status"], body["rows_total"], body["rows_done"], sum(body["counts"].values())) == (
        "done",
        total,
        total,
        total,
    )
    database = celery_app.extensions["screening"].database
    with database.read() as session:
        stored, distinct = session.execute(
            select(func.count(), func.count(func.distinct(Evaluation.row_number))).where(
                Evaluation.batch_id == body["id"]
            )
        ).one()
    assert stored == distinct == total - body["counts"]["invalid"]
    result = client.get(f"{batch_url}/result?format=csv", headers=headers)
    rows = list(csv.reader(io.StringIO(result.data.decode("utf-8-sig"))))[1:]
    assert [int(row[0]) for row in rows] == list(range(1, total + 1))
    assert [row[1] for row in rows] == [f"F-{n:05d}" for n in range(total)]
    with celery_app.app_context():
        assert services.verify(db=database).to_dict()["ok"] is True
