"""Configuration in one place: defaults, then environment variables, then the mapping given to the app."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: an SQLite file in the data directory
    "SCREENING_DATA_DIR": None,  # None: $XDG_DATA_HOME/screening or ~/.local/share/screening
    "SECRET_KEY": None,  # None: a random key kept in <data dir>/secret_key, shared by every worker
    "CELERY_BROKER_URL": None,
    "MAX_UPLOAD_BYTES": 50 * MB,
    "MAX_JSON_BYTES": 1 * MB,
    "SCREENING_TIMEZONE": "America/Mexico_City",
    "DB_CONNECT_TIMEOUT": 5,  # seconds to wait for the database server to answer
    "DB_STATEMENT_TIMEOUT_MS": 15_000,  # PostgreSQL statement timeout
    "SQLITE_BUSY_TIMEOUT": 30,  # seconds a writer waits for the SQLite write lock
    "RETRY_AFTER_SECONDS": 5,  # Retry-After sent with 503 when the database is away
    "PAGE_SIZE": 50,
    "RATELIMIT_STORAGE_URI": "memory://",  # per process; e.g. redis://127.0.0.1:6379/1 to share between workers
    "RATELIMIT_CHECKS": "60 per minute",  # per client address, on each route that evaluates
}

_INT_KEYS = (
    "MAX_UPLOAD_BYTES",
    "MAX_JSON_BYTES",
    "DB_CONNECT_TIMEOUT",
    "DB_STATEMENT_TIMEOUT_MS",
    "SQLITE_BUSY_TIMEOUT",
    "RETRY_AFTER_SECONDS",
    "PAGE_SIZE",
)


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
        value = config[key]
        try:
            config[key] = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: found {value!r}; accepted: a whole number") from None
        if config[key] <= 0:
            raise ConfigError(f"{key}: found {value!r}; accepted: a whole number above 0")
    data_dir = config["SCREENING_DATA_DIR"]
    config["SCREENING_DATA_DIR"] = Path(data_dir).expanduser() if data_dir else default_data_dir(env)
    try:
        ZoneInfo(str(config["SCREENING_TIMEZONE"]))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"SCREENING_TIMEZONE: found {config['SCREENING_TIMEZONE']!r}; accepted: an IANA zone name "
            "such as America/Mexico_City"
        ) from None
    if not config["DATABASE_URL"]:
        config["DATABASE_URL"] = "sqlite:///" + str(config["SCREENING_DATA_DIR"] / "screening.db")
    return config


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
