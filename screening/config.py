"""Configuration in one place: defaults, then environment variables, then the mapping given to the app."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from screening.bulk.limits import BulkLimits

MB = 1024 * 1024
LANGUAGES = ("es", "en")
"""The languages of answers, pages and reasons; Spanish first, the default (SPEC section 7)."""

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: an SQLite file in the data directory
    "SCREENING_DATA_DIR": None,  # None: $XDG_DATA_HOME/screening or ~/.local/share/screening
    "CELERY_BROKER_URL": None,
    "MAX_UPLOAD_BYTES": 50 * MB,
    "MAX_JSON_BYTES": 1 * MB,
    "SCREENING_TIMEZONE": "America/Mexico_City",
    # A frozen PostgreSQL costs a request at most DB_ANSWER_TIMEOUT_MS + DB_CONNECT_TIMEOUT (the pool's ping
    # of a kept connection, then one new connection): 4 s by default, under the 5 s of RELIABILITY 2.1.
    "DB_CONNECT_TIMEOUT": 2,  # seconds to connect to the database server (psycopg's least: 2) and pool wait
    "DB_STATEMENT_TIMEOUT_MS": 1_500,  # PostgreSQL statement_timeout and lock_timeout (the server's side)
    "DB_ANSWER_TIMEOUT_MS": 2_000,  # longest wait for any answer of the server (the client's side)
    "SQLITE_BUSY_TIMEOUT": 30,  # seconds a writer waits for the SQLite write lock
    "READY_MIN_FREE_MB": 16,  # /ready answers 503 storage_full with less free on the data (or SQLite) disk
    "RETRY_AFTER_SECONDS": 5,  # Retry-After sent with 503 when the database is away
    "PAGE_SIZE": 50,
    "SCREENING_BATCH_CHUNK_ROWS": 2000,  # rows per chunk of a background batch: one transaction, one Celery task
    "SCREENING_CELERY_VISIBILITY_TIMEOUT": 3600,  # seconds before a taken, unacknowledged task is given again
    "SCREENING_CELERY_RESTORE_INTERVAL": None,  # seconds between the Redis transport's looks for such tasks
    "RATELIMIT_STORAGE_URI": "memory://",  # per process; e.g. redis://127.0.0.1:6379/1 to share between workers
    "RATELIMIT_CHECKS": "60 per minute",  # per client address, on each route that evaluates
    "RATELIMIT_SIGN_IN": "10 per minute",  # per client address, on the staff sign-in form
    "SESSION_COOKIE_SECURE": True,  # the session cookie only over HTTPS (browsers take it on http://localhost)
    "SCREENING_TRUSTED_PROXIES": 0,  # reverse proxies whose X-Forwarded-For/-Proto are believed (ProxyFix)
    "SCREENING_HSTS_SECONDS": 31_536_000,  # Strict-Transport-Security max-age over HTTPS; 0: not sent
    "RETENTION_DAYS": 1825,  # personal data of records older than this is removed by `retention apply`
}
# None: a random key kept in <data dir>/secret_key, shared by every worker.
DEFAULTS["SECRET_KEY"] = None  # nosec B105 # no key in the code: None says "make one"
BULK_PREFIX = "SCREENING_BULK_"
"""SCREENING_BULK_<FIELD> overrides a field of BulkLimits (e.g. SCREENING_BULK_MAX_FILE_BYTES); docs/bulk.md."""

_INT_KEYS = (
    "MAX_UPLOAD_BYTES",
    "MAX_JSON_BYTES",
    "DB_CONNECT_TIMEOUT",
    "DB_STATEMENT_TIMEOUT_MS",
    "DB_ANSWER_TIMEOUT_MS",
    "SQLITE_BUSY_TIMEOUT",
    "RETRY_AFTER_SECONDS",
    "READY_MIN_FREE_MB",
    "PAGE_SIZE",
    "SCREENING_BATCH_CHUNK_ROWS",
    "SCREENING_CELERY_VISIBILITY_TIMEOUT",
    "RETENTION_DAYS",
)
_FLAG_KEYS = ("SESSION_COOKIE_SECURE",)
_COUNT_KEYS = ("SCREENING_TRUSTED_PROXIES", "SCREENING_HSTS_SECONDS")


class ConfigError(Exception):
    """A setting that cannot be used; the message names it, what was found and what is accepted."""


def default_data_dir(environ: Mapping[str, str]) -> Path:
    xdg = environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path(environ.get("HOME") or Path.home()) / ".local" / "share"
    return base / "screening"


def load_config(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Defaults, then the environment, then `overrides`; validated and with derived values filled in."""
    env = os.environ if environ is None else environ
    config: dict[str, Any] = dict(DEFAULTS)
    for key in DEFAULTS:
        if env.get(key):
            config[key] = env[key]
    if overrides:
        config.update(overrides)
    for key in _INT_KEYS:
        config[key] = _whole(key, config[key])
    for key in _FLAG_KEYS:
        config[key] = _flag(key, config[key])
    for key in _COUNT_KEYS:
        config[key] = _count(key, config[key])
    data_dir = config["SCREENING_DATA_DIR"]
    config["SCREENING_DATA_DIR"] = Path(data_dir).expanduser() if data_dir else default_data_dir(env)
    try:
        ZoneInfo(str(config["SCREENING_TIMEZONE"]))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"SCREENING_TIMEZONE: found {config['SCREENING_TIMEZONE']!r}; accepted: an IANA zone name "
            "such as America/Mexico_City"
        ) from None
    if config["SCREENING_CELERY_RESTORE_INTERVAL"] is not None:
        config["SCREENING_CELERY_RESTORE_INTERVAL"] = _whole(
            "SCREENING_CELERY_RESTORE_INTERVAL", config["SCREENING_CELERY_RESTORE_INTERVAL"]
        )
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = "sqlite:///" + str(config["SCREENING_DATA_DIR"] / "screening.db")
    config["BULK_LIMITS"] = bulk_limits(env, config)
    return config


def _whole(key: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key}: found {value!r}; accepted: a whole number") from None
    if number <= 0:
        raise ConfigError(f"{key}: found {value!r}; accepted: a whole number above 0")
    return number


def _count(key: str, value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{key}: found {value!r}; accepted: a whole number, 0 or more") from None
    if number < 0:
        raise ConfigError(f"{key}: found {value!r}; accepted: a whole number, 0 or more")
    return number


def _flag(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{key}: found {value!r}; accepted: true or false (1 or 0)")


def bulk_limits(environ: Mapping[str, str], config: Mapping[str, Any]) -> BulkLimits:
    """BulkLimits' defaults, then SCREENING_BULK_<FIELD> from the environment or the mapping given to the app."""
    if isinstance(config.get("BULK_LIMITS"), BulkLimits):
        given: BulkLimits = config["BULK_LIMITS"]
        return given
    changes: dict[str, int] = {}
    for field in fields(BulkLimits):
        key = BULK_PREFIX + field.name.upper()
        raw = config.get(key, environ.get(key))
        if raw is not None:
            changes[field.name] = _whole(key, raw)
    return replace(BulkLimits(), **changes)


def upload_limits(config: Mapping[str, Any]) -> BulkLimits:
    """The bulk limits of a file uploaded to the server: never above the upload limit (MAX_UPLOAD_BYTES)."""
    limits: BulkLimits = config["BULK_LIMITS"]
    if int(config["MAX_UPLOAD_BYTES"]) < limits.max_file_bytes:
        limits = replace(limits, max_file_bytes=int(config["MAX_UPLOAD_BYTES"]))
    return limits


def stored_secret_key(data_dir: Path) -> str:
    """The key in <data dir>/secret_key, created (mode 0600) on first use: every worker and restart signs
    sessions with the same key without anyone having to configure one."""
    path = data_dir / "secret_key"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
        raise ConfigError(
            f"SECRET_KEY: found a key of {len(key)} characters in {str(path)!r}; accepted: at least 32"
        ) from None
    key = secrets.token_hex(32)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def ensure_data_dir(path: Path) -> Path:
    """Create the data directory if needed and prove it is writable; refuse it otherwise (RELIABILITY 2.2)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-probe-{os.getpid()}-{secrets.token_hex(4)}"
        with open(probe, "wb") as handle:
            handle.write(b"ok")
            handle.flush()
            os.fsync(handle.fileno())
        probe.unlink()
    except OSError as exc:
        raise ConfigError(
            f"SCREENING_DATA_DIR: cannot write to {str(path)!r} ({exc.strerror or exc}); "
            "accepted: a directory this user can create files in (set SCREENING_DATA_DIR)"
        ) from None
    return path
