"""Publishing (SPEC section 6: published lists carry folios only).

`/reclutamiento/lotes/<batch>/publicar` (the recruiter who screened the batch): what would be published, the
reviews still open, and the "Publicar" button; refused while reviews are open unless the confirmation box is
ticked. `/publicaciones/<id>` and `/publicaciones/<id>.csv` (anyone): the folios that qualify, the position,
its revision and the date; no name nor any other personal data.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from screening import services
from screening.services.decisions import NotYours, owned_batch
from screening.services.publications import (
    NotFinished,
    OpenReviews,
    get_publication,
    publication_csv,
    publications_of_batch,
    publish,
    qualifying,
)
from screening.web.answers import FieldError
from screening.web.errors import register_page_errors
from screening.web.reviews import _not_yours, batch_page_url, render
from screening.web.staff import guard_blueprint, staff_principal

publishing = Blueprint("publishing", __name__, url_prefix="/reclutamiento/lotes")
guard_blueprint(publishing, "recruiter")
publishing.register_error_handler(NotYours, _not_yours)

bp = Blueprint("publications", __name__, url_prefix="/publicaciones")
register_page_errors(bp)

CONFIRM = "confirmar-revisiones-abiertas"


def _preview(batch_id: str) -> dict[str, Any]:
    from screening.services.batches import batch_status

    principal = staff_principal()
    with services.current_database().read() as session:
        batch = owned_batch(session, principal, batch_id)
        found = qualifying(session, batch_id) if batch.status == "done" else None
        return {"batch": batch_status(batch), "found": found}


@publishing.route("/<batch_id>/publicar", methods=["GET", "POST"], endpoint="publish")
def publish_page(batch_id: str) -> Any:
    context = _preview(batch_id)
    errors: list[FieldError] = []
    if request.method == "POST":
        principal = staff_principal()
        try:
            made = publish(batch_id, principal, confirm_open_reviews=request.form.get(CONFIRM) == "y")
        except OpenReviews as exc:
            errors.append(
                FieldError(
                    CONFIRM,
                    CONFIRM,
                    ngettext(
                        "%(num)s review is still open: settle it, or tick the box to publish with it open",
                        "%(num)s reviews are still open: settle them, or tick the box to publish with them open",
                        exc.count,
                    ),
                    "",
                )
            )
        except NotFinished:
            errors.append(FieldError("publish", "publish", _("The batch has not finished screening yet"), ""))
        else:
            return redirect(url_for("publications.publication", publication_id=made["id"]), 303)
    return render(
        "publications/publish.html",
        batch_id,
        422 if errors else 200,
        errors=errors,
        confirm=CONFIRM,
        earlier=publications_of_batch(batch_id),
        batch_url=batch_page_url(batch_id),
        active_page="publish",
        **context,
    )


@bp.get("/<publication_id>")
def publication(publication_id: str) -> Any:
    found = get_publication(publication_id)
    return render_template("publications/publication.html", publication=found)


@bp.get("/<publication_id>.csv")
def publication_file(publication_id: str) -> Response:
    found = get_publication(publication_id)
    headers = (_("folio"), _("position"), _("revision"), _("date"))
    body = publication_csv(found, headers)
    response = Response(body, content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="publicacion-{found["id"]}.csv"'
    return response
