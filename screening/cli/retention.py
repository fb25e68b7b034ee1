"""`screening retention apply [--dry-run]`: remove the personal data of records past RETENTION_DAYS."""

from __future__ import annotations

import click

from screening.cli.catalog import reporting_errors
from screening.cli.language import _, ngettext


@click.group("retention")
def retention_group() -> None:
    """Personal data kept no longer than RETENTION_DAYS (docs/storage.md, retention)."""


@retention_group.command("apply")
@click.option("--dry-run", is_flag=True, help="Print what would be removed; remove nothing.")
def apply_command(dry_run: bool) -> None:
    """Remove the input of evaluations and the files of batches created before the period; the chain still
    verifies, and the run is recorded in it."""
    from screening.services.context import open_context
    from screening.services.retention import apply_retention

    with reporting_errors():
        context = open_context()
        try:
            report = apply_retention(dry_run=dry_run, actor="cli", db=context)
        finally:
            context.close()
    click.echo(
        _(
            "Retention period: %(days)s days; records created before %(cutoff)s are past it.",
            days=report.days,
            cutoff=report.cutoff,
        )
    )
    if dry_run:
        click.echo(
            _(
                "Would remove %(inputs)s and %(batches)s; nothing was removed.",
                inputs=_removed_inputs(report.inputs),
                batches=_removed_batches(report.batches),
            )
        )
    else:
        click.echo(
            _(
                "Removed %(inputs)s and %(batches)s.",
                inputs=_removed_inputs(report.inputs),
                batches=_removed_batches(report.batches),
            )
        )
    for batch_id in report.batch_ids:
        click.echo(_("batch %(id)s", id=batch_id))
    if report.entry_id:
        click.echo(_("Recorded in the chain as %(id)s.", id=report.entry_id))


def _removed_inputs(count: int) -> str:
    return ngettext("the input of %(num)s evaluation", "the inputs of %(num)s evaluations", count)


def _removed_batches(count: int) -> str:
    return ngettext("the files of %(num)s batch", "the files of %(num)s batches", count)
