"""`screening screen`: screen a CSV or XLSX file of candidates for one position into a result file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from screening.cli.evaluate import DATE, LANG
from screening.cli.language import _, cli_language

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
    from screening.bulk.limits import BulkFileError
    from screening.bulk.readers import open_table
    from screening.config import ConfigError, load_config

    if input_path.resolve() == output_path.resolve():
        raise click.ClickException("--output: found the input file itself; accepted: another file")
    try:
        config = load_config()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        # Opened before the screening code is imported: an XLSX parser child starts now, beside that import
        # and the rule set's loading.
        table = open_table(input_path, config["BULK_LIMITS"], sheet)
    except BulkFileError as exc:
        raise click.ClickException(f"{input_path.name}: {exc.in_language(cli_language())}") from exc
    from rules.errors import UnknownPosition
    from screening.services.batches import screen_file

    try:
        with _Progress() as progress:
            summary, batch_id = screen_file(
                input_path,
                output_path,
                code,
                config=config,
                as_of=as_of,
                lang=lang,
                revision=revision,
                sheet=sheet,
                record=not no_record,
                actor=CLI_ACTOR,
                table=table,
                progress_for=progress.start,
            )
    except UnknownPosition as exc:
        raise click.ClickException(
            f"--position: found {code!r}; accepted: a position code (see `screening positions`)"
        ) from exc
    except BulkFileError as exc:
        raise click.ClickException(f"{input_path.name}: {exc.in_language(cli_language())}") from exc
    finally:
        table.close()  # closed by the screening already, unless something failed before it ran
    _print_summary(summary, output_path, batch_id)


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
    names = {
        "eligible": _("eligible"),
        "ineligible": _("ineligible"),
        "review": _("review"),
        "invalid": _("invalid"),
    }
    parts = [_("rows: %(count)s", count=summary.rows)] + [
        _("%(outcome)s: %(count)s", outcome=names.get(outcome, outcome), count=count)
        for outcome, count in counts.items()
    ]
    click.echo(", ".join(parts), err=True)
    delimiters = {",": _("comma"), ";": _("semicolon"), "\t": _("tab")}
    source = [_("format: %(kind)s", kind=info.kind)]
    if info.kind == "csv":
        source += [
            _("encoding: %(encoding)s", encoding=info.encoding),
            _(
                "delimiter: %(delimiter)s",
                delimiter=delimiters.get(info.delimiter or "", delimiter_name(info.delimiter)),
            ),
        ]
    else:
        source.append(_("sheet: %(sheet)s", sheet=info.sheet))
    source.append(
        _(
            "time: %(seconds)s s (rule set %(rule_set)s s)",
            seconds=f"{summary.seconds:.2f}",
            rule_set=f"{summary.rule_set_seconds:.2f}",
        )
    )
    click.echo(", ".join(source), err=True)
    if info.columns is not None and info.columns.ignored:
        click.echo(_("ignored columns: %(columns)s", columns=", ".join(info.columns.ignored)), err=True)
    click.echo(
        _("result: %(path)s (batch %(batch)s)", path=output_path, batch=batch_id)
        if batch_id
        else _("result: %(path)s (not recorded)", path=output_path),
        err=True,
    )
