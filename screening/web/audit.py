"""The auditors' pages (`/auditoria`, SPEC sections 5 and 7): search records by folio, evaluation id or batch;
a record (the input as received, the profile revision and the clause each criterion comes from, the verdict,
the decisions that followed, its place in the chain, who asked); its replay; the chain's verification; and the
printable appeal file ("expediente"). Auditors read: nothing here writes to the chain."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from rules.candidate import parse_candidate
from rules.errors import InputErrors
from rules.shortfall import Shortfall, still_needed
from screening import services
from screening.services.audit import MAX_QUERY
from screening.web.answers import FieldError
from screening.web.results import criterion_name, criterion_rows, headline, need_lines, reason_text
from screening.web.staff import guard_blueprint

bp = Blueprint("audit", __name__, url_prefix="/auditoria")
guard_blueprint(bp, "auditor")
bp.context_processor(lambda: {"criterion_name": criterion_name})

PER_PAGE = 50
_EMPTY = Shortfall()


def area_nav() -> list[tuple[str, str, str]]:
    return [
        ("search", url_for("audit.home"), _("Search records")),
        ("chain", url_for("audit.chain"), _("Verify the chain")),
    ]


def _render(template: str, status: int = 200, **context: Any) -> Any:
    return render_template(template, area_nav=area_nav(), **context), status


def _page_number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and 0 < len(text) <= 6 else 1


@bp.get("/")
def home() -> Any:
    """The search: a folio, an evaluation id or a batch id in one box."""
    if "q" not in request.args:
        return _render("audit/search.html", q="", found=None, errors=[])
    q = request.args.get("q", "")
    errors = []
    if not q.strip():
        errors.append(FieldError("q", "q", _("Enter a folio, an evaluation id or a batch id"), "search"))
    elif len(q) > MAX_QUERY:
        errors.append(
            FieldError(
                "q",
                "q",
                _(
                    "A search has at most %(num)s characters; this one has %(found)s",
                    num=MAX_QUERY,
                    found=len(q),
                ),
                "search",
            )
        )
    if errors:
        return _render("audit/search.html", 422, q=q[:MAX_QUERY], found=None, errors=errors)
    found = services.search_records(q, _page_number(request.args.get("pagina")), PER_PAGE)
    if found.kind == "evaluation":
        return redirect(url_for("audit.record", evaluation_id=found.items[0]["id"]))
    pages = max(1, -(-found.total // PER_PAGE))
    return _render("audit/search.html", q=found.query, found=found, errors=[], pages=pages)


def _rule_set(record: dict[str, Any]) -> Any:
    return services.get_rule_set(record["position"]["code"], record["position"]["revision"])


def _record_context(evaluation_id: str) -> dict[str, Any]:
    record = services.audit_record(evaluation_id)
    rule_set = _rule_set(record)
    verdict = record["verdict"]
    return {
        "record": record,
        "rule_set": rule_set,
        "verdict": verdict,
        "criteria": criterion_rows(rule_set, verdict) if verdict is not None else [],
        "input_text": None
        if record["input"] is None
        else json.dumps(record["input"], ensure_ascii=False, indent=2, sort_keys=True),
        "open_names": [criterion_name(c) for c in record["effective"]["open"]],
    }


@bp.get("/evaluaciones/<evaluation_id>")
def record(evaluation_id: str) -> Any:
    return _render("audit/record.html", **_record_context(evaluation_id))


@bp.route("/evaluaciones/<evaluation_id>/reproducir", methods=["GET", "POST"])
def replay(evaluation_id: str) -> Any:
    """GET: what a replay does, and its button; POST: the replay's result (nothing is stored)."""
    context = _record_context(evaluation_id)
    if request.method == "GET":
        return _render("audit/replay.html", report=None, problems=[], **context)
    try:
        report = services.replay(evaluation_id)
    except InputErrors as exc:
        return _render("audit/replay.html", 422, report=None, problems=_problems(exc), **context)
    differences = [_difference(d) for d in report.differences]
    return _render("audit/replay.html", report=report, differences=differences, problems=[], **context)


CRITERION_OUTCOMES = {"pass": _l("Met"), "fail": _l("Not met"), "review": _l("To be reviewed")}


def _problems(exc: InputErrors) -> list[str]:
    messages = {
        "input": _("The record's input is not stored (it was purged after the retention period)."),
        "verdict": _("The record's verdict body is missing: verify the chain."),
        "policy_id": _("The catalog's policy is not the one the record was evaluated under."),
    }
    return [messages.get(p.path, f"{p.path}: {p.found}; {p.accepted}") for p in exc.problems]


def _difference(difference: dict[str, Any]) -> dict[str, Any]:
    """One difference of a replay as the page lists it: which criterion or field, stored and replayed."""
    if "criterion" in difference:

        def side(value: Any) -> str:
            if not isinstance(value, dict):
                return str(_("absent"))
            outcome = str(CRITERION_OUTCOMES.get(str(value.get("outcome")), value.get("outcome")))
            return f"{outcome}: {reason_text(value['reason'])}" if "reason" in value else outcome

        return {
            "name": criterion_name(difference["criterion"]),
            "key": difference["criterion"],
            "stored": side(difference["stored"]),
            "replayed": side(difference["replayed"]),
        }

    def brief(value: Any) -> str:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        return text if len(text) <= 200 else text[:197] + "…"

    return {
        "name": difference["field"],
        "key": difference["field"],
        "stored": brief(difference["stored"]),
        "replayed": brief(difference["replayed"]),
    }


@bp.get("/evaluaciones/<evaluation_id>/expediente")
def appeal_file(evaluation_id: str) -> Any:
    """The appeal file: printable, each criterion with the clause, what was found, the outcome and reason,
    and what would have met it."""
    context = _record_context(evaluation_id)
    record, rule_set = context["record"], context["rule_set"]
    needed: dict[str, list[str]] = {}
    if record["input"] is not None and context["verdict"] is not None:
        try:
            shortfall = still_needed(
                rule_set, parse_candidate(record["input"]), date.fromisoformat(record["as_of"])
            )
        except InputErrors:
            shortfall = None
        if shortfall is not None:
            parts = {
                "education.level": replace(_EMPTY, level=shortfall.level),
                "education.status": replace(_EMPTY, status=shortfall.status),
                "education.field": replace(
                    _EMPTY, fields=shortfall.fields, accepts_equivalents=shortfall.accepts_equivalents
                ),
                "experience.area": replace(_EMPTY, areas=shortfall.areas),
                "experience.years": replace(_EMPTY, experience=shortfall.experience),
            }
            needed = {key: need_lines(part, rule_set.policy) for key, part in parts.items()}
    return _render(
        "audit/appeal_file.html",
        needed=needed,
        candidate_headline=headline(record["outcome"]),
        **context,
    )


@bp.route("/cadena", methods=["GET", "POST"])
def chain() -> Any:
    """GET: what verification does, and its button; POST: every hash recomputed, the first bad record named."""
    if request.method == "GET":
        return _render("audit/chain.html", report=None)
    return _render("audit/chain.html", report=services.verify())
