"""The state the use cases run in: configuration, the database, the rule-set cache and the token cache.

One `Context` per Flask app (`app.extensions["screening"]`) or per command; nothing is kept in module globals,
so a fresh app or command starts fresh. Every service function takes an optional `db`: a Context, a Database
(its caches then last for the call), or nothing (the current app's context, or outside an app one opened from
the environment's configuration).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from screening.config import ensure_data_dir, load_config

if TYPE_CHECKING:
    from screening.services.accounts import TokenCache
    from screening.services.catalogs import RuleSets
    from screening.storage.database import Database


class NotFound(Exception):
    """A record, batch or token that does not exist (the API answers 404)."""

    def __init__(self, what: str, key: str) -> None:
        self.what = what
        self.key = key
        super().__init__(f"{what} {key!r} not found")


class Context:
    """What the services of one app or command share."""

    def __init__(
        self, config: Mapping[str, Any], database: Database | None = None, *, read_only: bool = False
    ) -> None:
        """`config` is kept as it is (an app's config: what the app's configuration says, its services use);
        `read_only` opens the database for reading only (see `open_reading_context`)."""
        from screening.services.accounts import TokenCache
        from screening.services.catalogs import RuleSets

        self.config = config
        if database is None:
            from screening.storage.database import Database

            database = Database(
                str(self.config["DATABASE_URL"]),
                busy_timeout=int(self.config.get("SQLITE_BUSY_TIMEOUT", 30)),
                connect_timeout=int(self.config.get("DB_CONNECT_TIMEOUT", 2)),
                statement_timeout_ms=int(self.config.get("DB_STATEMENT_TIMEOUT_MS", 1_500)),
                answer_timeout_ms=int(self.config.get("DB_ANSWER_TIMEOUT_MS", 2_000)),
                read_only=read_only,
            )
        self.database = database
        self.rule_sets: RuleSets = RuleSets()
        self.tokens: TokenCache = TokenCache()
        self.worker: Any = None
        """The embedded batch worker of this app (screening.worker), once started."""
        self.lock = threading.Lock()
        self.prepared = False

    def prepare(self) -> Context:
        """Apply migrations and load the bundled catalog when none is imported yet (so `check`, `serve` and
        the API work with no import step); once per context."""
        from screening.services.catalogs import ensure_bundled_catalog

        with self.lock:
            if not self.prepared:
                if not self.database.is_current():
                    self.database.migrate()
                ensure_bundled_catalog(db=self)
                self.prepared = True
        return self

    def today(self) -> date:
        return today(str(self.config.get("SCREENING_TIMEZONE", "America/Mexico_City")))

    def close(self) -> None:
        self.database.dispose()


def open_context(config: Mapping[str, Any] | None = None) -> Context:
    """A prepared context for `config` (default: the environment's configuration); its data directory is
    refused first if it cannot be written (RELIABILITY 2.2)."""
    config = load_config() if config is None else config
    ensure_data_dir(config["SCREENING_DATA_DIR"])
    return Context(config).prepare()


def open_reading_context(config: Mapping[str, Any] | None = None) -> Context:
    """A context that writes nothing anywhere, for commands that only read (`screening audit`): the data
    directory is not probed, nothing is migrated or imported, and the database is opened read-only, so an
    archived copy on read-only media can be shown, replayed and verified. A database at another schema
    version is refused with a clear error rather than migrated."""
    from sqlalchemy import make_url

    from screening.config import ConfigError
    from screening.storage.readonly import SCHEMA_HEAD

    config = load_config() if config is None else config
    database = make_url(str(config["DATABASE_URL"])).database
    if str(config["DATABASE_URL"]).startswith("sqlite") and database and not Path(database).exists():
        return open_context(config)  # nothing to read yet: made as every other command makes it
    context = Context(config, read_only=True)
    try:
        context.database.ping()
    except Exception:
        context.close()
        raise
    if not context.database.is_current():
        context.close()
        raise ConfigError(
            f"DATABASE_URL: {context.database!r} holds no screening records at schema {SCHEMA_HEAD}; accepted: "
            "a database this version wrote (open it once with any other command where it can be written)"
        )
    return context


def prepare_database(config: Mapping[str, Any]) -> Database:
    """The configured database, migrated and with a catalog."""
    return open_context(config).database


def current(db: Context | Database | None = None) -> Context:
    """The context a service call runs in (see the module's docstring)."""
    if isinstance(db, Context):
        return db
    from flask import current_app, has_app_context

    if has_app_context():
        context: Context = current_app.extensions["screening"]
        if db is None or db is context.database:
            return context
    if db is not None:
        return Context({"SCREENING_TIMEZONE": load_config()["SCREENING_TIMEZONE"]}, db)
    return open_context()


def current_database(db: Context | Database | None = None) -> Database:
    return current(db).database


def today(timezone: str | None = None) -> date:
    """The default as_of: today in the configured zone, Mexico City by default (SPEC section 3); the only place
    the clock is read for it."""
    if timezone is None:
        from flask import current_app, has_app_context

        config = current_app.config if has_app_context() else load_config()
        timezone = str(config["SCREENING_TIMEZONE"])
    return datetime.now(ZoneInfo(timezone)).date()
