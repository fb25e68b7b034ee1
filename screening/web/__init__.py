"""The pages (SPEC section 7): the candidate's (start page, positions, the self-check and its result,
receipts) and the staff's (sign-in, and each role's area, guarded by screening.web.staff).

`init_web(app)` wires them into an app made by screening.create_app: language (Flask-Babel), CSRF and security
headers, rate limits, error pages, and the blueprints. Templates live in the top-level templates/ folder, one
folder per blueprint; CSS and images are served from screening/web/static.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask, request, url_for

from rules.locale import LANGUAGES


def init_web(app: Flask) -> None:
    from flask_babel import format_date

    from rules.render import catalog_problem_in
    from screening.web import (
        administration,
        audit,
        check,
        pages,
        publications,
        recruiting,
        retention,
        reviews,
        revisions,
    )
    from screening.web.answers import errors_for
    from screening.web.errors import init_errors
    from screening.web.i18n import init_i18n, page_language, remember_language
    from screening.web.limits import init_limits, limit_checks
    from screening.web.names import level_name, status_name
    from screening.web.security import init_security
    from screening.web.staff import init_staff

    init_i18n(app)
    init_security(app)
    init_limits(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(check.bp)
    limit_checks(app, check.EVALUATING_ENDPOINTS)
    init_staff(app)
    app.register_blueprint(recruiting.bp)
    app.register_blueprint(audit.bp)
    app.register_blueprint(revisions.bp)
    app.register_blueprint(reviews.bp)
    app.register_blueprint(publications.publishing)
    app.register_blueprint(publications.bp)
    app.register_blueprint(retention.bp)
    app.register_blueprint(administration.bp)
    init_errors(app)
    app.after_request(remember_language)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(
        level_name=level_name, status_name=status_name, typed_date=typed_date, errors_for=errors_for
    )
    app.jinja_env.filters["dateformat_iso"] = lambda text: format_date(date.fromisoformat(text), "long")
    app.jinja_env.filters["catalog_problem"] = lambda problem: catalog_problem_in(problem, page_language())

    @app.context_processor
    def _page_context() -> dict[str, Any]:
        return {
            "page_lang": page_language(),
            "language_url": language_url,
            "language_action": language_action,
            "languages": LANGUAGES,
        }


def language_url(lang: str) -> str:
    """This page in another language (a GET page: its query kept, `lang` replaced)."""
    values: dict[str, Any] = {**request.args.to_dict(flat=False), **(request.view_args or {}), "lang": lang}
    return url_for(request.endpoint or "pages.start", **values)


def language_action(lang: str) -> str:
    """Where a form page posts to show the same answers in another language."""
    values: dict[str, Any] = {**(request.view_args or {}), "lang": lang}
    return url_for(request.endpoint or "pages.start", **values)


def typed_date(form: Any) -> str:
    """A date as the person typed it (day/month/year, the day optional)."""
    parts = [str(part.data or "").strip() for part in (form.day, form.month, form.year)]
    return "/".join(part for part in parts if part)
