"""A position's stored revision read from the embedded SQLite file with the standard library alone, in read-only
mode, for commands that write nothing (`screening screen --no-record`): they then never import SQLAlchemy.

Answers None whenever it cannot be sure (no file, a schema at another migration, no such position, any
error); the caller then takes the full path. Imports nothing of the storage package's other modules.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

SCHEMA_HEAD = "0003"
"""The newest migration's revision id (a test keeps it equal to Alembic's head): a database already there is
recognised with one query, without importing Alembic, which every command would otherwise pay for."""

_NEWEST = (
    "SELECT r.revision, c.policy, r.content FROM profile_revisions r "
    "JOIN catalogs c ON c.id = r.catalog_id WHERE r.code = ? {named}ORDER BY r.revision DESC LIMIT 1"
)


def newest_revision(
    path: Path, code: str, revision: int | None = None
) -> tuple[int, dict[str, Any], str] | None:
    """(revision number, catalog policy, profile content) of `code` (newest revision unless named) in the
    SQLite file at `path`, or None when the file, its schema version or the position is not what is expected."""
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        versions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
        if versions != [SCHEMA_HEAD]:
            return None
        named = "" if revision is None else "AND r.revision = ? "
        parameters: tuple[object, ...] = (code,) if revision is None else (code, revision)
        row = connection.execute(_NEWEST.format(named=named), parameters).fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    if row is None:
        return None
    number, policy_text, content = row
    return int(number), json.loads(policy_text), str(content)
