"""`screening serve`: the web application on one machine (production: gunicorn, see docs/storage.md)."""

from __future__ import annotations

from typing import Any

import click
from werkzeug.serving import WSGIRequestHandler

PRODUCTION_COMMAND = 'gunicorn -w 4 -b 0.0.0.0:8000 "screening:create_app()"'


class RequestLineWithoutQuery(WSGIRequestHandler):
    """Werkzeug's request log with the path only: a query such as `?folio=A-0042` or `?q=` may be personal
    data, and logs never carry personal data (SPEC section 6)."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        # Werkzeug writes the line from `path` (and from `requestline` when there is none): both lose the query.
        full = getattr(self, "path", None)
        if full is not None:
            self.path = full.split("?", 1)[0]
        method, _space, rest = self.requestline.partition(" ")
        target, _space, version = rest.rpartition(" ")
        self.requestline = f"{method} {target.split('?', 1)[0]} {version}" if target else method.split("?")[0]
        try:
            super().log_request(code, size)
        finally:
            if full is not None:
                self.path = full


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve_command(host: str, port: int) -> None:
    """Apply migrations, load the bundled catalog if none is imported, and serve the API and pages."""
    from werkzeug.serving import run_simple

    from screening import create_app
    from screening.cli.catalog import reporting_errors

    with reporting_errors():
        app = create_app()
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving on http://{shown}:{port}/  (API docs: http://{shown}:{port}/api/docs)")
    click.echo(f"For production use: {PRODUCTION_COMMAND}", err=True)
    run_simple(
        host,
        port,
        app,
        threaded=True,
        use_reloader=False,
        use_debugger=False,
        request_handler=RequestLineWithoutQuery,
    )
