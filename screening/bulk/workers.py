"""Where batches run: an in-process worker thread by default, Celery workers when CELERY_BROKER_URL is set."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from screening.bulk.batches import BatchContext, fail_batch, run_batch
from screening.bulk.limits import BulkLimits

if TYPE_CHECKING:
    from screening.storage.database import Database

log = logging.getLogger(__name__)


class EmbeddedWorker:
    """One daemon thread per process that runs queued batches one after another, in submission order."""

    def __init__(self, context: BatchContext) -> None:
        self.context = context
        self.queue: queue.Queue[str] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="screening-batches", daemon=True)
        self.thread.start()

    def submit(self, batch_id: str) -> None:
        self.queue.put(batch_id)

    def _run(self) -> None:
        while True:
            batch_id = self.queue.get()
            try:
                run_batch(self.context, batch_id)
            except Exception as exc:
                # The type only: a message could quote a cell of the file (SPEC 6: logs carry no personal data).
                log.error("batch %s failed: %s", batch_id, type(exc).__name__)
                fail_batch(self.context.database, batch_id, f"internal error ({type(exc).__name__})")
            finally:
                self.queue.task_done()

    def join(self) -> None:
        """Wait until every submitted batch is finished (tests and shutdown)."""
        self.queue.join()


_workers: dict[tuple[str, str], EmbeddedWorker] = {}
_lock = threading.Lock()


def embedded_worker(database: Database, data_dir: str | Path, limits: BulkLimits) -> EmbeddedWorker:
    """This process's worker for a database and data directory; on creation it resumes unfinished batches."""
    key = (database.key, str(data_dir))
    with _lock:
        worker = _workers.get(key)
        if worker is None:
            worker = _workers[key] = EmbeddedWorker(BatchContext(database, data_dir, limits))
            for batch_id in unfinished_batches(database):
                worker.submit(batch_id)
    return worker


def unfinished_batches(database: Database) -> list[str]:
    from sqlalchemy import select

    from screening.storage.models import Batch

    with database.read() as session:
        rows = session.scalars(
            select(Batch.id)
            .where(Batch.status.in_(("queued", "running")), Batch.input_key.is_not(None))
            .order_by(Batch.created_at)
        )
        return list(rows)


def dispatch(batch_id: str, config: Mapping[str, Any], database: Database, limits: BulkLimits) -> str:
    """Start a batch: a Celery task with a broker configured, else the embedded thread; which one was used."""
    if config.get("CELERY_BROKER_URL"):
        from screening.bulk.tasks import PREPARE, celery_for

        celery_for(str(config["CELERY_BROKER_URL"])).send_task(PREPARE, args=[batch_id])
        return "celery"
    embedded_worker(database, config["SCREENING_DATA_DIR"], limits).submit(batch_id)
    return "embedded"
