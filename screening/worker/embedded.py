"""The embedded worker: one daemon thread per app that runs queued batches one after another."""

from __future__ import annotations

import logging
import queue
import threading

from rules.errors import text
from screening.services.batches import fail_batch, run_batch, unfinished_batches
from screening.services.context import Context

log = logging.getLogger(__name__)


class EmbeddedWorker:
    """Runs submitted batches in submission order in a daemon thread."""

    def __init__(self, context: Context) -> None:
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
                fail_batch(self.context, batch_id, text("internal error (%(kind)s)", kind=type(exc).__name__))
            finally:
                self.queue.task_done()

    def join(self) -> None:
        """Wait until every submitted batch is finished (tests and shutdown)."""
        self.queue.join()


def embedded_worker(context: Context) -> EmbeddedWorker:
    """The app's worker (kept on its context); on creation it resumes unfinished batches."""
    with context.lock:
        worker = context.worker
        if worker is None:
            worker = context.worker = EmbeddedWorker(context)
            for batch_id in unfinished_batches(context):
                worker.submit(batch_id)
    assert isinstance(worker, EmbeddedWorker)  # nosec B101 # narrows the type; made above when missing
    return worker
