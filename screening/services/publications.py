"""Publishing a batch's result (SPEC section 6: published lists carry folios only): the folios whose effective
outcome is eligible, the position, the revision and the date, as a `publication` entry of the chain.

Nothing is published while a review of the batch is open unless the recruiter confirms it explicitly; the
entry records how many were open and that it was confirmed. The public page and its CSV read the entry back:
no name, CURP, date of birth, sex or other input is ever part of it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from screening.services.accounts import Principal
from screening.services.context import Context, NotFound, current

if TYPE_CHECKING:
    from screening.storage.database import Database

__all__ = ["OpenReviews", "get_publication", "publication_csv", "publications_of_batch", "publish"]


class OpenReviews(Exception):
    """Publishing was asked while reviews are open, without the explicit confirmation."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(f"{count} review(s) open")


class NotFinished(Exception):
    """The batch has not finished screening: there is nothing to publish yet."""

    def __init__(self, status: str) -> None:
        self.status = status
        super().__init__(f"batch status {status}")


@dataclass(frozen=True)
class Qualifying:
    folios: tuple[str, ...]
    without_folio: int
    """Rows that qualify but carry no folio: counted, never named."""
    open_reviews: int


def qualifying(session: Any, batch_id: str) -> Qualifying:
    """The folios of the batch whose effective outcome is eligible (the engine's, or the decisions' for a row
    left under review), sorted; rows without a folio counted; and the reviews still open."""
    from screening.services.decisions import decisions_by_evaluation, review_state
    from screening.storage.models import Evaluation

    eligible = session.execute(
        select(Evaluation.folio).where(Evaluation.batch_id == batch_id, Evaluation.outcome == "eligible")
    ).scalars()
    folios = [folio for folio in eligible]
    reviewed = session.scalars(
        select(Evaluation).where(Evaluation.batch_id == batch_id, Evaluation.outcome == "review")
    ).all()
    decided = decisions_by_evaluation(session, [r.id for r in reviewed])
    open_reviews = 0
    for record in reviewed:
        row = review_state(record, decided.get(record.id, []))
        if row.open:
            open_reviews += 1
        elif row.effective_outcome == "eligible":
            folios.append(record.folio)
    named = sorted({str(f).strip() for f in folios if f and str(f).strip()})
    return Qualifying(tuple(named), sum(1 for f in folios if not f or not str(f).strip()), open_reviews)


def publish(
    batch_id: str,
    principal: Principal,
    *,
    confirm_open_reviews: bool = False,
    db: Context | Database | None = None,
) -> dict[str, Any]:
    """Record a publication of the batch (the principal's own, finished) and return it as `get_publication`
    does. Raises OpenReviews when reviews are open and `confirm_open_reviews` is not given."""
    from screening.services.decisions import owned_batch
    from screening.storage import repositories as repo
    from screening.storage.chain import append_entry

    context = current(db)
    with context.database.write() as session:
        batch = owned_batch(session, principal, batch_id)
        if batch.status != "done":
            raise NotFinished(batch.status)
        found = qualifying(session, batch_id)
        if found.open_reviews and not confirm_open_reviews:
            raise OpenReviews(found.open_reviews)
        revision = repo.get_revision(session, batch.position_code, batch.revision)
        body = {
            "batch": batch.id,
            "position": {
                "code": batch.position_code,
                "revision": batch.revision,
                "title": None if revision is None else revision.title,
            },
            "published_on": context.today().isoformat(),
            "folios": list(found.folios),
            "without_folio": found.without_folio,
            "open_reviews": found.open_reviews,
            "published_with_open_reviews": bool(found.open_reviews),
            "by": principal.name,
        }
        made = append_entry(session, "publication", principal.actor, body, subject=batch.id)
    return _public(made.id, made.seq, made.created_at, body)


def _public(entry_id: str, seq: int, created_at: str, body: dict[str, Any]) -> dict[str, Any]:
    """What the public page shows: never who published (an account name) nor the batch's file."""
    return {
        "id": entry_id,
        "seq": seq,
        "created_at": created_at,
        "position": body["position"],
        "published_on": body["published_on"],
        "folios": list(body["folios"]),
        "without_folio": int(body.get("without_folio", 0)),
        "open_reviews": int(body.get("open_reviews", 0)),
        "published_with_open_reviews": bool(body.get("published_with_open_reviews", False)),
        "batch": body["batch"],
    }


def get_publication(publication_id: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    from screening.storage.models import ChainEntry

    with current(db).database.read() as session:
        entry = session.get(ChainEntry, publication_id[:40])
        if entry is None or entry.kind != "publication":
            raise NotFound("publication", publication_id)
        return _public(entry.id, entry.seq, entry.created_at, json.loads(entry.body))


def publications_of_batch(batch_id: str, *, db: Context | Database | None = None) -> list[dict[str, Any]]:
    """The batch's publications, newest first."""
    from screening.storage.models import ChainEntry

    with current(db).database.read() as session:
        entries = session.scalars(
            select(ChainEntry)
            .where(ChainEntry.kind == "publication", ChainEntry.subject == batch_id)
            .order_by(ChainEntry.seq.desc())
        ).all()
        return [_public(e.id, e.seq, e.created_at, json.loads(e.body)) for e in entries]


def publication_csv(publication: dict[str, Any], headers: tuple[str, str, str, str]) -> str:
    """The publication as CSV (UTF-8 with BOM for spreadsheets): one row per folio, with the position code,
    its revision and the date; cells a spreadsheet would run as formulas are neutralised."""
    from screening.bulk.writers import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    position = publication["position"]
    for folio in publication["folios"]:
        writer.writerow(
            [
                neutralise(folio),
                neutralise(position["code"]),
                position["revision"],
                publication["published_on"],
            ]
        )
    return "\ufeff" + out.getvalue()
