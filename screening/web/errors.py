"""Error pages: what went wrong and what to do, in the page's language; the API keeps its JSON error shape."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from rules.errors import UnknownPosition
from screening.api import errors as api_errors
from screening.services import NotFound
from screening.storage.database import DatabaseUnavailable
from screening.web.security import is_page_request

log = logging.getLogger("screening.web")

PAGE_CODES = (400, 403, 404, 405, 413, 429, 500)


def error_page(status: int, title: str, message: str, headers: dict[str, str] | None = None) -> Response:
    response = Response(
        render_template("errors/error.html", status=status, title=title, message=message), status
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def page_for(error: BaseException) -> Response:
    """The page for any error raised while serving a page."""
    if isinstance(error, CSRFError):
        return error_page(
            400,
            _("The form could not be sent"),
            _(
                "The form arrived without its security code (CSRF token), or with one that is not valid for "
                "this browser, so nothing was done with it. This happens when cookies are blocked or the page "
                "was open in another window. Go back, reload the page and send the form again."
            ),
        )
    if isinstance(error, UnknownPosition):
        return error_page(
            404,
            _("Position not found"),
            _(
                "There is no position with the code %(code)s in the catalog. Search the positions list.",
                code=error.shown,
            ),
        )
    if isinstance(error, NotFound):
        return error_page(
            404,
            _("Page not found"),
            _("There is nothing at this address. If you typed it, check it; a receipt address is long."),
        )
    if isinstance(error, DatabaseUnavailable | DBAPIError):
        log.warning("database unavailable while serving a page: %s", type(error).__name__)
        return error_page(
            503,
            _("Sorry, the service is not available right now"),
            _("Try again in a few minutes. Nothing you entered was stored."),
            {"Retry-After": str(current_app.config.get("RETRY_AFTER_SECONDS", 5))},
        )
    if isinstance(error, HTTPException):
        return _http_page(error)
    log.error("unexpected error while serving a page: %s", type(error).__name__, exc_info=error)
    return error_page(500, _("Sorry, there is a problem with the service"), _("Try again later."))


def _http_page(error: HTTPException) -> Response:
    status = error.code or 500
    if status == 404:
        return error_page(
            404,
            _("Page not found"),
            _("There is nothing at this address. If you typed it, check it; a receipt address is long."),
        )
    if status == 405:
        return error_page(
            405,
            _("This address does not take that kind of request"),
            _("Go back and use the page's buttons and links."),
        )
    if status == 413:
        return error_page(413, _("What you sent is too large"), _("Send fewer or shorter answers."))
    if status == 403:
        return error_page(
            403,
            _("This page is not for your account"),
            _("Your account may not open this page. If you think it should, ask an administrator."),
        )
    if status == 429:
        from screening.web.limits import retry_after_seconds

        seconds = retry_after_seconds()
        if request.endpoint == "staff.sign_in":
            return error_page(
                429,
                _("Too many attempts to sign in"),
                _(
                    "Too many attempts to sign in were made from this address. Wait %(seconds)s seconds and "
                    "try again.",
                    seconds=seconds,
                ),
                {"Retry-After": str(seconds)},
            )
        return error_page(
            429,
            _("Too many checks in a short time"),
            _(
                "To keep the service available for everyone, wait %(seconds)s seconds and try again.",
                seconds=seconds,
            ),
            {"Retry-After": str(seconds)},
        )
    if status >= 500:
        return error_page(500, _("Sorry, there is a problem with the service"), _("Try again later."))
    return error_page(status, _("The request could not be handled"), _("Go back and try again."))


def init_errors(app: Flask) -> None:
    """Pages get HTML error pages; everything under /api/ keeps the API's JSON errors."""

    def by_status(error: HTTPException) -> Response:
        if is_page_request():
            return page_for(error)
        response = api_errors.handle_http_exception(error)
        if error.code == 429 and "Retry-After" not in response.headers:
            from screening.web.limits import retry_after_seconds

            response.headers["Retry-After"] = str(retry_after_seconds())
        return response

    for status in PAGE_CODES:
        app.register_error_handler(status, by_status)


def register_page_errors(blueprint: object) -> None:
    """Errors raised inside a page blueprint's views become pages too (not the API's JSON)."""
    blueprint.register_error_handler(Exception, page_for)  # type: ignore[attr-defined]
