"""`screening screen`: screen a CSV or XLSX file of candidates for one position into a result file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from screening.cli.evaluate import DATE, LANG

CLI_ACTOR = "cli"


@click.command("screen")
@click.option("--position", "-p", "code", required=True, help="Position code, e.g. 8-009-004-C215.")
@click.argument("input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="INPUT")
@click.option(
    "--output",
    "-o",
    "output_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Result file: .xlsx for XLSX, anything else CSV (UTF-8 with BOM).",
)
@click.option("--as-of", type=DATE, help="Evaluation date (default: today in Mexico City).")
@click.option("--lang", type=LANG, default="es", show_default=True, help="Language of the reasons.")
@click.option("--sheet", help="XLSX sheet to read (default: the first).")
@click.option("--revision", type=int, help="Profile revision (default: the latest).")
@click.option("--no-record", is_flag=True, help="Do not store the evaluations in the audit chain.")
def screen_command(
    code: str,
    input_path: Path,
    output_path: Path,
    as_of: date | None,
    lang: str,
    sheet: str | None,
    revision: int | None,
    no_record: bool,
) -> None:
    """Screen every row of INPUT (CSV or XLSX) for a position; one result row per input row, in order.

    Every row is recorded as an evaluation of one batch in the audit chain unless --no-record.
    """
    from screening.bulk.limits import BulkFileError, BulkLimits
    from screening.bulk.table import open_table
    from screening.config import ConfigError, load_config

    if input_path.resolve() == output_path.resolve():
        raise click.ClickException("--output: found the input file itself; accepted: another file")
    try:
        limits = BulkLimits.from_env()
        config = load_config()
    except (ValueError, ConfigError) as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        # Opened before the screening code is imported: an XLSX parser child starts now, beside that import
        # and the rule set's loading.
        table = open_table(input_path, limits, sheet)
    except BulkFileError as exc:
        raise click.ClickException(f"{input_path.name}: {exc.message}") from exc
    if as_of is None:
        from datetime import datetime
        from zoneinfo import ZoneInfo

        # SPEC section 3: the default as_of is today in the configured zone (America/Mexico_City).
        as_of = datetime.now(ZoneInfo(config["SCREENING_TIMEZONE"])).date()
    state: dict[str, Any] = {}

    def load_rule_set() -> Any:
        """Called by the runner once the file is open: an XLSX is being parsed meanwhile."""
        from rules.errors import UnknownPosition

        try:
            if no_record:
                state["rule_set"] = _rule_set_without_migrating(config, code, revision)
            if state.get("rule_set") is None:
                from screening import services

                state["database"] = services.prepare_database(config)
                state["rule_set"] = services.get_rule_set(code, revision, db=state["database"])
        except UnknownPosition as exc:
            raise click.ClickException(
                f"--position: found {code!r}; accepted: a position code (see `screening positions`)"
            ) from exc
        return state["rule_set"]

    batch: dict[str, Any] = {}
    recorder_for = None
    if not no_record:

        def recorder_for(info: Any) -> Any:
            from screening.bulk.batches import create_batch
            from screening.bulk.recording import chain_recorder

            batch["id"] = create_batch(
                state["database"],
                state["rule_set"],
                original_filename=input_path.name,
                created_by=CLI_ACTOR,
                status="running",
                options={"as_of": as_of.isoformat(), "lang": lang, "sheet": sheet, "source": "cli"},
                encoding=info.encoding,
                delimiter=info.delimiter,
            )
            return chain_recorder(
                state["database"],
                state["rule_set"],
                as_of=as_of,
                lang=lang,
                actor=CLI_ACTOR,
                batch_id=batch["id"],
            )

    try:
        from screening.bulk.runner import screen_file

        with _Progress() as progress:
            summary = screen_file(
                input_path,
                output_path,
                load_rule_set,
                as_of=as_of,
                lang=lang,
                limits=limits,
                sheet=sheet,
                recorder_for=recorder_for,
                progress_for=progress.start,
                table=table,
            )
    except BulkFileError as exc:
        if "id" in batch:
            from screening.bulk.batches import fail_batch

            fail_batch(state["database"], batch["id"], exc.message)
        raise click.ClickException(f"{input_path.name}: {exc.message}") from exc
    finally:
        table.close()  # closed by the runner already, unless something failed before it ran
    if "id" in batch:
        from screening.bulk.batches import finish_batch

        finish_batch(
            state["database"],
            batch["id"],
            rows_total=summary.rows,
            counts=summary.counts_dict(),
            by_gender={group: dict(counts) for group, counts in summary.by_gender.items()},
        )
    _print_summary(summary, output_path, batch.get("id"))


def _rule_set_without_migrating(config: dict[str, Any], code: str, revision: int | None) -> Any:
    """Nothing is written with --no-record: read the rule set from the database as it is, skipping the
    migration check (a quarter of a second), and on the embedded SQLite file without importing SQLAlchemy (a
    third of the start-up); None sends the caller through prepare_database (a database not created, not
    migrated or without a catalog yet)."""
    url = str(config["DATABASE_URL"])
    if url.startswith("sqlite:///"):
        from screening.rulesets import rule_set_from_sqlite

        found = rule_set_from_sqlite(Path(url.removeprefix("sqlite:///")), code, revision)
        if found is not None:
            return found
    from sqlalchemy.exc import SQLAlchemyError

    from rules.errors import UnknownPosition
    from screening import services
    from screening.storage.database import open_database

    try:
        return services.get_rule_set(code, revision, db=open_database(config))
    except (UnknownPosition, SQLAlchemyError):
        return None


class _Progress:
    """click's progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, info: Any) -> Callable[[int], None] | None:
        if not sys.stderr.isatty():
            return None
        self.bar = click.progressbar(
            length=max(info.estimated_rows or 0, 1), label="screening", file=sys.stderr
        )
        self.bar.__enter__()
        update: Callable[[int], None] = self.bar.update
        return update

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _print_summary(summary: Any, output_path: Path, batch_id: str | None) -> None:
    from screening.bulk.csv_source import delimiter_name

    info = summary.info
    counts = summary.counts_dict()
    parts = [f"rows: {summary.rows}"] + [f"{outcome}: {count}" for outcome, count in counts.items()]
    click.echo(", ".join(parts), err=True)
    source = [f"format: {info.kind}"]
    if info.kind == "csv":
        source += [f"encoding: {info.encoding}", f"delimiter: {delimiter_name(info.delimiter)}"]
    else:
        source.append(f"sheet: {info.sheet}")
    source.append(f"time: {summary.seconds:.2f} s (rule set {summary.rule_set_seconds:.2f} s)")
    click.echo(", ".join(source), err=True)
    if info.columns is not None and info.columns.ignored:
        click.echo("ignored columns: " + ", ".join(info.columns.ignored), err=True)
    click.echo(
        f"result: {output_path}" + (f" (batch {batch_id})" if batch_id else " (not recorded)"), err=True
    )
