"""`screening check` (one candidate, one position) and `screening test` (a catalog author's YAML cases)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from screening.cli.language import _, cli_language
from screening.config import LANGUAGES

MAX_CANDIDATE_BYTES = 1_000_000


class DateType(click.ParamType[date]):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"found {value!r}; accepted: a date as YYYY-MM-DD", param, ctx)


DATE = DateType()
LANG = click.Choice(LANGUAGES, case_sensitive=False)


def read_candidate(handle: IO[bytes], label: str) -> Any:
    data = handle.read(MAX_CANDIDATE_BYTES + 1)
    if len(data) > MAX_CANDIDATE_BYTES:
        raise click.ClickException(
            _(
                "%(file)s: found more than %(limit)s bytes; accepted: a JSON file up to 1 MB",
                file=label,
                limit=MAX_CANDIDATE_BYTES,
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            _("%(file)s: byte %(byte)s is not UTF-8; accepted: a UTF-8 JSON file", file=label, byte=exc.start)
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.ClickException(
            _(
                "%(file)s: invalid JSON at line %(line)s column %(column)s: %(error)s; accepted: a JSON object",
                file=label,
                line=exc.lineno,
                column=exc.colno,
                error=exc.msg,
            )
        ) from exc


def _fail_lines(lines: list[str]) -> NoReturn:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(1)


@click.command("check")
@click.option("--position", "-p", "code", required=True, help="Position code, e.g. 8-009-004-C215.")
@click.argument("candidate_file", type=click.File("rb"), metavar="FILE.json")
@click.option("--as-of", type=DATE, help="Evaluation date (default: today in Mexico City).")
@click.option("--lang", type=LANG, default="es", show_default=True, help="Language of the reasons.")
@click.option("--revision", type=int, help="Profile revision (default: the latest).")
def check_command(
    code: str, candidate_file: IO[bytes], as_of: date | None, lang: str, revision: int | None
) -> None:
    """Evaluate one candidate (JSON, `-` for standard input) against a position; print the verdict JSON."""
    from rules.candidate import parse_candidate
    from rules.engine import evaluate
    from rules.errors import InputErrors, UnknownPosition
    from rules.render import problem_line, verdict_to_dict
    from screening import services

    name = getattr(candidate_file, "name", "<stdin>")
    label = "stdin" if name in ("<stdin>", "-") else str(name)
    data = read_candidate(candidate_file, label)
    try:
        candidate = parse_candidate(data)
    except InputErrors as exc:
        _fail_lines([f"{label}: {problem_line(problem, cli_language())}" for problem in exc.problems])
    try:
        rule_set = services.get_rule_set(code, revision)
    except UnknownPosition:
        _fail_lines(
            [
                _(
                    "--position: found %(code)s; accepted: a position code listed by `screening positions`",
                    code=repr(code),
                )
            ]
        )
    if as_of is None:
        from screening.config import load_config

        as_of = services.today(load_config()["SCREENING_TIMEZONE"])
    try:
        verdict = evaluate(rule_set, candidate, as_of)
    except InputErrors as exc:
        _fail_lines([f"{label}: {problem}" for problem in exc.problems])
    click.echo(json.dumps(verdict_to_dict(verdict, lang.lower()), ensure_ascii=False, indent=2))


@click.command("test")
@click.argument(
    "cases_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="CASES.yaml"
)
@click.option(
    "--catalog",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Test against this catalog file (text or YAML) instead of the stored catalog.",
)
@click.option("--lang", type=LANG, default="es", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
def test_command(cases_file: Path, catalog: Path | None, lang: str, verbose: bool) -> None:
    """Run YAML test cases (position, as_of, input, expected outcomes) and report every disagreement."""
    import yaml

    from rules.cases import run_cases
    from rules.compiler import RuleSet, compile_profile
    from rules.errors import ScreeningError, UnknownPosition

    try:
        document = yaml.safe_load(cases_file.read_text(encoding="utf-8-sig"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{cases_file}: cannot read the cases: {exc}") from exc

    if catalog is not None:
        from rules.catalog import parse_catalog
        from rules.render import catalog_problem_line

        parsed = parse_catalog(catalog.read_text(encoding="utf-8-sig"), catalog.name)
        if parsed.problems:
            lang = cli_language()
            _fail_lines([f"{catalog}: {catalog_problem_line(problem, lang)}" for problem in parsed.problems])
        compiled = {p.code: compile_profile(p) for p in parsed.profiles}

        def rule_set_for(code: str) -> RuleSet:
            if code not in compiled:
                raise UnknownPosition(code)
            return compiled[code]
    else:
        from screening import services

        def rule_set_for(code: str) -> RuleSet:
            return services.get_rule_set(code)

    def guarded(code: str) -> RuleSet:
        try:
            return rule_set_for(code)
        except UnknownPosition as exc:
            raise ScreeningError(f"position: found {code!r}; accepted: a code of the catalog") from exc

    try:
        results = run_cases(document, guarded, lang.lower())
    except ScreeningError as exc:
        raise click.ClickException(f"{cases_file}: {exc}") from exc
    failed = 0
    for result in results:
        if result.passed:
            if verbose:
                click.echo(f"ok    {result.name}")
            continue
        failed += 1
        click.echo(f"FAIL  {result.name}")
        for line in result.disagreements:
            click.echo(f"      {line}")
    click.echo(f"{len(results) - failed} passed, {failed} failed")
    if failed:
        sys.exit(1)
