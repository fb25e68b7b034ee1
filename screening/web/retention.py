"""Retention for admins (`/administracion/retencion`, SPEC section 6): what `screening retention apply` removes
past RETENTION_DAYS, shown first as a dry run, then removed once the admin confirms. The chain still verifies;
the run is recorded in it (screening.services.retention)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, render_template, request, url_for
from flask_babel import gettext as _

from screening.services.retention import apply_retention
from screening.web.answers import FieldError
from screening.web.staff import guard_blueprint, staff_principal

bp = Blueprint("retention", __name__, url_prefix="/administracion/retencion")
guard_blueprint(bp, "admin")

CONFIRM = "confirmar"


def area_nav() -> list[tuple[str, str, str]]:
    """The administration area's navigation (its "retention" link is this page)."""
    if "administration.home" in current_app.view_functions:
        from screening.web.administration import area_nav as administration_nav

        return administration_nav()
    return [("retention", url_for("retention.home"), _("Retention"))]


@bp.route("", methods=["GET", "POST"])
def home() -> Any:
    """GET: what a run would remove now (nothing is removed); POST with the box ticked: remove it."""
    errors: list[FieldError] = []
    done = None
    if request.method == "POST":
        if request.form.get(CONFIRM) == "y":
            done = apply_retention(actor=staff_principal().actor)
        else:
            errors.append(
                FieldError(CONFIRM, CONFIRM, _("Tick the box to confirm that the data listed is removed"), "")
            )
    plan = apply_retention(dry_run=True)
    return (
        render_template(
            "retention/home.html",
            area_nav=area_nav(),
            area_label=_("Administration pages"),
            active_page="retention",
            plan=plan,
            done=done,
            errors=errors,
            confirm=CONFIRM,
        ),
        422 if errors else 200,
    )
