"""The administrators' pages on revisions (`/administracion/puestos`, SPEC sections 2 and 7): the positions,
each position's revisions, the difference between any two requirement by requirement, and what-if: a stored
batch screened again under another revision, listing whose outcome would change. What-if stores nothing."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _

from screening import services
from screening.services.revisions import REQUIREMENT_NAMES
from screening.web.answers import FieldError
from screening.web.results import criterion_name
from screening.web.staff import guard_blueprint

bp = Blueprint("revisions", __name__, url_prefix="/administracion/puestos")
guard_blueprint(bp, "admin")

PER_PAGE = 20


def area_nav() -> list[tuple[str, str, str]]:
    """The administrators' navigation (screening.web.administration) when its area is registered."""
    if "administration.home" in current_app.view_functions:
        from screening.web.administration import area_nav as administration_nav

        return administration_nav()
    return [("positions", url_for("revisions.positions"), _("Positions and revisions"))]


def _render(template: str, status: int = 200, **context: Any) -> Any:
    return (
        render_template(
            template,
            area_nav=area_nav(),
            area_label=_("Administration pages"),
            active_page="positions",
            requirement_name=requirement_name,
            criterion_name=criterion_name,
            **context,
        ),
        status,
    )


def requirement_name(requirement: str) -> str:
    """A requirement of rules.revisions in the page's language."""
    return _(REQUIREMENT_NAMES[requirement]) if requirement in REQUIREMENT_NAMES else requirement


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and 0 < len(text) <= 6 else 1


@bp.get("")
def positions() -> Any:
    q = (request.args.get("q") or "").strip()[:200]
    page = _page_number(request.args.get("pagina"))
    found = services.list_positions(q or None, page, PER_PAGE)
    pages = max(1, -(-found["total"] // PER_PAGE))
    return _render("revisions/positions.html", q=q, found=found, page=page, pages=pages)


def _position_page(code: str, errors: list[FieldError], status: int = 200, **chosen: Any) -> Any:
    position = services.revisions_of_position(code)
    numbers = [r["revision"] for r in position["revisions"]]
    defaults = {"de": str(numbers[-2] if len(numbers) > 1 else numbers[-1]), "a": str(numbers[-1])}
    return _render(
        "revisions/position.html",
        status,
        position=position,
        errors=errors,
        chosen={**defaults, **chosen},
    )


@bp.get("/<code>")
def position(code: str) -> Any:
    return _position_page(code, [])


def _revision_number(
    value: str | None, field: str, label: str, known: list[int]
) -> tuple[int | None, list[FieldError]]:
    """A revision number from a form, or the error saying what was found and what is accepted."""
    accepted = ", ".join(str(n) for n in known)
    text = (value or "").strip()
    if not text:
        return None, [FieldError(field, field, _("Choose the %(label)s", label=label), "revisions")]
    if not text.isdigit() or len(text) > 6 or int(text) not in known:
        return None, [
            FieldError(
                field,
                field,
                _(
                    "The %(label)s must be one of the position's revisions (%(accepted)s); found “%(found)s”",
                    label=label,
                    accepted=accepted,
                    found=text[:20],
                ),
                "revisions",
            )
        ]
    return int(text), []


@bp.get("/<code>/diferencias")
def difference(code: str) -> Any:
    position = services.revisions_of_position(code)
    known = [int(r["revision"]) for r in position["revisions"]]
    before, errors = _revision_number(request.args.get("de"), "de", _("first revision"), known)
    after, more = _revision_number(request.args.get("a"), "a", _("second revision"), known)
    errors += more
    if not errors and before == after:
        errors.append(
            FieldError(
                "a", "a", _("Choose two different revisions; both are %(num)s", num=before), "revisions"
            )
        )
    chosen = {"de": (request.args.get("de") or "")[:20], "a": (request.args.get("a") or "")[:20]}
    if errors or before is None or after is None:
        return _position_page(code, errors, 422, **chosen)
    diff = services.revision_diff(code, before, after)
    return _render(
        "revisions/difference.html",
        position=position,
        diff=diff,
        mandatory=[c for c in diff.changes if c.mandatory],
        other_changes=[c for c in diff.changes if not c.mandatory],
    )


@bp.route("/<code>/simulacion", methods=["GET", "POST"])
def what_if(code: str) -> Any:
    """GET: choose a batch and a revision; POST: the batch's stored inputs screened again, nothing stored."""
    position = services.revisions_of_position(code)
    batches = services.batches_for_what_if(code)
    known = [int(r["revision"]) for r in position["revisions"]]
    context: dict[str, Any] = {"position": position, "batches": batches, "report": None, "errors": []}
    if request.method == "GET":
        chosen = {"lote": request.args.get("lote", "")[:60], "revision": str(known[-1])}
        return _render("revisions/what_if.html", chosen=chosen, **context)
    batch_id = (request.form.get("lote") or "").strip()
    chosen = {"lote": batch_id[:60], "revision": (request.form.get("revision") or "")[:20]}
    errors: list[FieldError] = []
    if not batch_id:
        errors.append(FieldError("lote", "lote", _("Choose the batch to screen again"), "what-if"))
    elif batch_id not in {b["id"] for b in batches}:
        errors.append(
            FieldError(
                "lote",
                "lote",
                _(
                    "“%(found)s” is not a finished batch of position %(code)s; choose one of the list",
                    found=batch_id[:60],
                    code=code,
                ),
                "what-if",
            )
        )
    revision, more = _revision_number(request.form.get("revision"), "revision", _("revision"), known)
    errors += more
    if errors or revision is None:
        return _render("revisions/what_if.html", 422, chosen=chosen, **{**context, "errors": errors})
    report = services.what_if(batch_id, revision)
    return _render("revisions/what_if.html", chosen=chosen, **{**context, "report": report})
