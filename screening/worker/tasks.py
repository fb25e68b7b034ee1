"""Celery tasks of batches: prepare, one task per chunk (several workers share one file), finalize.

`acks_late` with `task_reject_on_worker_lost`: a task whose worker dies is delivered again, and every step is
idempotent (batch id + row number is unique in the chain, parts and results are written atomically), so a
worker killed mid-batch loses nothing and stores nothing twice (RELIABILITY T14).
Run: ``celery -A screening.worker.tasks worker`` with the same DATABASE_URL and SCREENING_DATA_DIR as the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from celery import Celery

from rules.errors import text
from screening.config import load_config
from screening.services.batches import fail_batch, finalize, prepare, screen_chunk
from screening.services.context import Context, open_context


def transport_options(config: Mapping[str, Any]) -> dict[str, int]:
    """A message taken by a worker that died is delivered again once it has been unacknowledged for
    `visibility_timeout` seconds; the Redis transport looks for such messages about every
    `unacked_restore_interval` x `unacked_restore_throttle` seconds."""
    options = {"visibility_timeout": int(config["SCREENING_CELERY_VISIBILITY_TIMEOUT"])}
    interval = config["SCREENING_CELERY_RESTORE_INTERVAL"]
    if interval:
        options["unacked_restore_interval"] = int(interval)
        options["unacked_restore_throttle"] = 1
    return options


def make_celery(config: Mapping[str, Any]) -> Celery:
    celery = Celery("screening", broker=config["CELERY_BROKER_URL"] or "redis://127.0.0.1:6379/0")
    celery.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_ignore_result=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        broker_transport_options=transport_options(config),
    )
    return celery


app = make_celery(load_config())
PREPARE = "screening.batch.prepare"


@lru_cache(maxsize=8)
def celery_for(broker_url: str) -> Celery:
    """A client of the broker a server is configured with, to send tasks by name."""
    return (
        app
        if app.conf.broker_url == broker_url
        else make_celery({**load_config(), "CELERY_BROKER_URL": broker_url})
    )


@lru_cache(maxsize=1)
def _context() -> Context:
    """The worker process's context, opened on its first task."""
    return open_context()


class _FailsBatch:
    """An unexpected error in a step marks the batch failed (with the error's type only: a message may quote
    personal data) instead of leaving it running for ever; a killed worker is not an error, its task is
    delivered again."""

    def __init__(self, batch_id: str) -> None:
        self.batch_id = batch_id

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _tb: object) -> None:
        if kind is not None and issubclass(kind, Exception):
            fail_batch(_context(), self.batch_id, text("internal error (%(kind)s)", kind=kind.__name__))


@app.task(name=PREPARE)  # type: ignore[untyped-decorator]
def prepare_batch(batch_id: str) -> int:
    with _FailsBatch(batch_id):
        chunks = prepare(_context(), batch_id)
    for chunk in range(chunks):
        screen_batch_chunk.delay(batch_id, chunk)
    return chunks


@app.task(name="screening.batch.chunk")  # type: ignore[untyped-decorator]
def screen_batch_chunk(batch_id: str, chunk: int) -> Any:
    with _FailsBatch(batch_id):
        complete = screen_chunk(_context(), batch_id, chunk)
    if complete:
        finalize_batch.delay(batch_id)


@app.task(name="screening.batch.finalize")  # type: ignore[untyped-decorator]
def finalize_batch(batch_id: str) -> None:
    with _FailsBatch(batch_id):
        finalize(_context(), batch_id)
