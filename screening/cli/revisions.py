"""`screening diff CODE REV_A REV_B`: what changed between two revisions of a position, requirement by
requirement (SPEC section 2, Revisions)."""

from __future__ import annotations

import sys

import click

from screening.cli.catalog import reporting_errors
from screening.cli.evaluate import LANG
from screening.cli.language import _, ngettext


def _value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return f"“{value}”"
    return str(value)


@click.command("diff")
@click.argument("code")
@click.argument("rev_a", type=click.IntRange(min=1))
@click.argument("rev_b", type=click.IntRange(min=1))
@click.option("--lang", type=LANG, default="es", show_default=True, help="Language of the listing.")
def diff_command(code: str, rev_a: int, rev_b: int, lang: str) -> None:
    """List every requirement that changed from revision REV_A to revision REV_B of position CODE,
    mandatory requirements first."""
    from screening import services
    from screening.services.revisions import REQUIREMENT_NAMES, UnknownRevision

    with reporting_errors():
        try:
            diff = services.revision_diff(code, rev_a, rev_b)
        except UnknownRevision as exc:
            click.echo(
                _(
                    "%(argument)s: found %(found)s; accepted: a revision of %(code)s (%(known)s)",
                    argument={"before": "REV_A", "after": "REV_B"}.get(exc.which, exc.which),
                    found=exc.revision,
                    code=exc.code,
                    known=", ".join(str(n) for n in exc.known),
                ),
                err=True,
            )
            sys.exit(1)
    kinds = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
    click.echo(
        _(
            "%(code)s %(title)s: revision %(before)s → revision %(after)s",
            code=diff.code,
            title=diff.title,
            before=diff.before,
            after=diff.after,
        )
    )
    click.echo(
        _("fingerprint: %(before)s → %(after)s", before=diff.before_fingerprint, after=diff.after_fingerprint)
    )
    width = max(len(text) for text in kinds.values())
    for change in diff.changes:
        name = _(REQUIREMENT_NAMES.get(change.requirement, change.requirement))
        if change.mandatory:
            name = _("%(name)s (mandatory)", name=name)
        kind = kinds[change.kind.value]
        if change.kind.value == "added":
            detail = _value(change.after)
        elif change.kind.value == "removed":
            detail = _value(change.before)
        else:
            detail = f"{_value(change.before)} → {_value(change.after)}"
        click.echo(f"{kind:<{width}}  {name} [{change.requirement}]: {detail}")
    if diff.changes:
        click.echo(ngettext("%(num)s change", "%(num)s changes", len(diff.changes)))
    else:
        click.echo(_("no differences: the two revisions ask for the same"))
