"""Where background batches run: an in-process worker thread by default (`embedded`), Celery workers when
CELERY_BROKER_URL is set (`tasks`). Both run the steps of screening.services.batches."""

from __future__ import annotations

from screening.services.context import Context


def dispatch(context: Context, batch_id: str) -> str:
    """Start a batch: a Celery task with a broker configured, else the embedded thread; which one was used."""
    broker = context.config.get("CELERY_BROKER_URL")
    if broker:
        from screening.worker.tasks import PREPARE, celery_for

        celery_for(str(broker)).send_task(PREPARE, args=[batch_id])
        return "celery"
    from screening.worker.embedded import embedded_worker

    embedded_worker(context).submit(batch_id)
    return "embedded"
