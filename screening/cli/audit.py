"""`screening audit show|replay|verify`: stored records, replays and the chain, for auditors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from screening.cli.catalog import reporting_errors
from screening.cli.evaluate import LANG
from screening.cli.language import _, cli_language, ngettext


@contextmanager
def reading() -> Iterator[Any]:
    """The context of an audit command: it reads and never writes, so a read-only copy of the data directory
    (an archive) can be shown, replayed and verified."""
    from screening import services

    context = services.open_reading_context()
    try:
        yield context
    finally:
        context.close()


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@click.group("audit")
def audit_group() -> None:
    """Read stored evaluation records, replay them, verify the chain."""


@audit_group.command("show")
@click.argument("evaluation_id", required=False)
@click.option("--folio", help="Every record of this folio, newest first.")
def show_command(evaluation_id: str | None, folio: str | None) -> None:
    """Print a stored record (ID) or the records of a folio (--folio F) as JSON."""
    from screening import services

    if (evaluation_id is None) == (folio is None):
        raise click.UsageError("give either an evaluation ID or --folio F")
    with reporting_errors(), reading() as context:
        if evaluation_id is not None:
            record = services.get_evaluation(evaluation_id, db=context)
            record.pop("batch_owner", None)
            click.echo(_dump(record))
            return
        assert folio is not None  # nosec B101 # narrows the type; the usage check above leaves an id or a folio
        page = services.find_by_folio(folio, 1, 500, db=context)
    click.echo(_dump(page["items"]))
    if not page["items"]:
        click.echo(f"no records for folio {folio!r}", err=True)
        sys.exit(1)


@audit_group.command("replay")
@click.argument("evaluation_id")
def replay_command(evaluation_id: str) -> None:
    """Re-evaluate a record under its stored revision, policy and as_of; exit 1 unless identical."""
    from screening import services

    with reporting_errors(), reading() as context:
        report = services.replay(evaluation_id, db=context)
    if report.identical:
        click.echo(f"identical: {evaluation_id}")
        return
    click.echo(
        f"different: {evaluation_id}" + ("" if report.fingerprint_matches else " (fingerprint changed)")
    )
    for difference in report.differences:
        where = difference.get("criterion") or difference.get("field")
        click.echo(
            f"  {where}: stored {_brief(difference['stored'])} replayed {_brief(difference['replayed'])}"
        )
    sys.exit(1)


def _brief(value: Any) -> str:
    if isinstance(value, dict) and "outcome" in value:
        return str(value["outcome"])
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


@audit_group.command("verify")
@click.option("--lang", type=LANG, help="Language of the report (default: the environment's locale).")
def verify_command(lang: str | None) -> None:
    """Recompute every hash in order; name the first record that does not verify (exit 1)."""
    from screening import services

    with reporting_errors(), reading() as context:
        report = services.verify(db=context)
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(report.kinds.items()))
    if report.ok:
        click.echo(
            ngettext(
                "ok: %(num)s record verifies; head %(seq)s %(hash)s",
                "ok: %(num)s records verify; head %(seq)s %(hash)s",
                report.records,
                seq=report.head_seq,
                hash=report.head_hash,
            )
        )
        if kinds:
            click.echo(_("records by kind: %(kinds)s", kinds=kinds))
        if report.purged:
            click.echo(
                ngettext(
                    "purged inputs: %(num)s record past the retention period verifies by its input's hash "
                    "(not tampering)",
                    "purged inputs: %(num)s records past the retention period verify by their input's hash "
                    "(not tampering)",
                    report.purged,
                )
            )
        return
    bad = report.first_bad
    assert bad is not None  # nosec B101 # a report that does not verify names its first bad record
    click.echo(
        ngettext(
            "FAILED after %(num)s record: record %(seq)s (%(id)s): %(problem)s",
            "FAILED after %(num)s records: record %(seq)s (%(id)s): %(problem)s",
            report.records,
            seq=bad.seq,
            id=bad.id,
            problem=bad.problem_in(cli_language()),
        ),
        err=True,
    )
    sys.exit(1)
