"""`screening import`, `positions`, `show` and `export`: the catalog from the command line."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from screening.cli.evaluate import LANG
from screening.cli.language import _, cli_language, ngettext

MAX_CATALOG_BYTES = 50 * 1024 * 1024


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Render the project's errors as one line per problem on stderr and exit non-zero (SPEC section 4)."""
    from sqlalchemy.exc import DBAPIError

    from rules.errors import InputErrors, UnknownPosition
    from rules.render import problem_line
    from screening.config import ConfigError
    from screening.services import NotFound
    from screening.storage.database import DatabaseUnavailable

    try:
        yield
    except InputErrors as exc:
        for problem in exc.problems:
            click.echo(problem_line(problem, cli_language()), err=True)
        sys.exit(1)
    except UnknownPosition as exc:
        click.echo(
            _(
                "position: found %(code)s; accepted: a code listed by `screening positions`",
                code=repr(exc.code),
            ),
            err=True,
        )
        sys.exit(1)
    except NotFound as exc:
        click.echo(
            _("%(what)s: found %(key)s; accepted: an existing %(what)s id", what=exc.what, key=repr(exc.key)),
            err=True,
        )
        sys.exit(1)
    except ConfigError as exc:
        click.echo(_("configuration: %(problem)s", problem=exc), err=True)
        sys.exit(2)
    except (DatabaseUnavailable, DBAPIError) as exc:
        click.echo(
            _("database: cannot be used (%(error)s); check DATABASE_URL", error=type(exc).__name__), err=True
        )
        sys.exit(3)


def read_text_file(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_CATALOG_BYTES:
        raise click.ClickException(
            _(
                "%(path)s: found %(size)s bytes; accepted: a catalog up to %(limit)s bytes",
                path=path,
                size=size,
                limit=MAX_CATALOG_BYTES,
            )
        )
    data = path.read_bytes()
    # Text extracted from the published PDF on Windows is often cp1252 (RELIABILITY 1.1); nothing else is guessed.
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise click.ClickException(
        _("%(path)s: found bytes that are neither UTF-8 nor Windows-1252; accepted: a text file", path=path)
    )


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--catalog", "catalog_name", default="iecm", show_default=True, help="Catalog the profiles belong to."
)
def import_command(file: Path, catalog_name: str) -> None:
    """Import a catalog (IECM text layout or YAML): each profile is added, gets a new revision, or is unchanged."""
    from rules.render import catalog_problem_line
    from screening import services

    text = read_text_file(file)
    with reporting_errors():
        report = services.import_catalog(text, catalog_name, filename=file.name)
    for problem in report.problems:
        click.echo(f"{file}: {catalog_problem_line(problem, cli_language())}", err=True)
    labels = {
        "added": _("added"),
        "new_revision": _("new revision"),
        "unchanged": _("unchanged"),
        "failed": _("failed"),
    }
    width = max(len(label) for label in labels.values())
    for item in report.profiles:
        label = f"{labels[item.status]:<{width}}"
        if item.status == "failed":
            click.echo(
                f"{label} " + _("%(code)s: not imported (see the problems above)", code=item.code), err=True
            )
            continue
        line = _("%(code)s revision %(revision)s", code=item.code, revision=item.revision)
        click.echo(f"{label} {line}  {item.title}")
    click.echo(
        _(
            "%(profiles)s: %(added)s added, %(revised)s, %(unchanged)s unchanged, %(failed)s failed",
            profiles=ngettext("%(num)s profile", "%(num)s profiles", len(report.profiles)),
            added=report.count("added"),
            revised=ngettext("%(num)s new revision", "%(num)s new revisions", report.count("new_revision")),
            unchanged=report.count("unchanged"),
            failed=report.count("failed"),
        ),
        err=True,
    )
    if report.failed:
        sys.exit(1)


@click.command("positions")
@click.option("-q", "query", help="Words of the code, title or unit (case and accents ignored).")
def positions_command(query: str | None) -> None:
    """List the positions of the catalog: code, revision, title."""
    from screening import services

    with reporting_errors():
        page = services.list_positions(query, 1, 100_000)
    for item in page["items"]:
        click.echo(f"{item['code']}\t{item['revision']}\t{item['title']}")
    if not page["items"]:
        click.echo(_("no positions match"), err=True)


@click.command("show")
@click.argument("code")
@click.option("--lang", type=LANG, default="es", show_default=True)
@click.option("--revision", type=click.IntRange(min=1), help="Profile revision (default: the latest).")
def show_command(code: str, lang: str, revision: int | None) -> None:
    """Show the compiled requirements of a position, with its revision and fingerprint."""
    from screening import services

    with reporting_errors():
        click.echo(services.describe_position(code, lang.lower(), revision))


@click.command("export")
@click.argument("code")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="File (default: stdout).",
)
@click.option("--revision", type=click.IntRange(min=1), help="Profile revision (default: the latest).")
def export_command(code: str, output: Path | None, revision: int | None) -> None:
    """Write a position's profile as YAML; importing it again changes nothing."""
    from screening import services

    with reporting_errors():
        text = services.export_profile(code, revision)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
