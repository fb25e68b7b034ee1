"""Public pages that read the catalog: start page, positions and their requirements, the privacy notice."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from screening import services
from screening.web.errors import register_page_errors
from screening.web.names import level_name, levels_from, statuses_from

bp = Blueprint("pages", __name__, static_folder="static", static_url_path="/recursos")
register_page_errors(bp)

PER_PAGE = 20


@bp.get("/")
def start() -> str:
    return render_template("pages/start.html")


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and 0 < len(text) <= 6 else 1


@bp.get("/puestos")
def positions() -> str:
    q = (request.args.get("q") or "").strip()[:200]
    page = _page_number(request.args.get("pagina"))
    found = services.list_positions(q or None, page, PER_PAGE)
    pages = max(1, -(-found["total"] // PER_PAGE))
    return render_template("pages/positions.html", q=q, found=found, page=page, pages=pages)


@bp.get("/puestos/<code>")
def position(code: str) -> str:
    rule_set = services.get_rule_set(code)
    education = rule_set.education
    return render_template(
        "pages/position.html",
        rule_set=rule_set,
        revision=_revision_of(code, rule_set),
        levels=levels_from(education.level)
        if rule_set.policy.higher_level_satisfies
        else [level_name(education.level.label)],
        statuses=statuses_from(education.status, rule_set.policy),
    )


def _revision_of(code: str, rule_set: Any) -> dict[str, Any]:
    """The revision in force and the date it was imported."""
    from datetime import datetime

    revisions = services.position_detail(code)["revisions"]
    current = next((r for r in revisions if r["revision"] == rule_set.revision), revisions[-1])
    return {"number": current["revision"], "date": datetime.fromisoformat(current["imported_at"]).date()}


@bp.get("/aviso-de-privacidad")
def privacy() -> str:
    return render_template("pages/privacy.html")
