"""Compiling a stored profile revision into its rule set, and reading one from the embedded database file with
the standard library alone.

`compile_revision` is the one place a revision's stored content becomes a RuleSet (services caches its
answers). `rule_set_from_sqlite` serves commands that write nothing (`screening screen --no-record`): it reads
the newest (or named) revision through `sqlite3` in read-only mode, so the command does not import SQLAlchemy,
a third of its start-up. It answers None whenever it cannot be sure (no file, a schema at another migration,
no such position, any error), and the caller then takes the full path through screening.services.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from rules.compiler import RuleSet

SCHEMA_HEAD = "0001"
"""The newest migration's revision id (a test keeps it equal to Alembic's head): a database already there is
recognised with one query, without importing Alembic, which every command would otherwise pay for."""


@lru_cache(maxsize=1024)
def compile_revision(code: str, revision: int, content_hash: str, policy_json: str, content: str) -> RuleSet:
    """The rule set of one stored revision (its profile as JSON, its catalog's policy as canonical JSON),
    compiled once per process for each distinct revision and policy. `code` and `content_hash` name the
    revision in the cache key."""
    from rules.catalog import profile_from_dict
    from rules.compiler import compile_profile
    from rules.policy import Policy

    profile = profile_from_dict(json.loads(content))
    return compile_profile(profile, Policy.from_dict(json.loads(policy_json)), revision=revision)


_NEWEST = (
    "SELECT r.revision, r.content_hash, c.policy, r.content FROM profile_revisions r "
    "JOIN catalogs c ON c.id = r.catalog_id WHERE r.code = ? {named}ORDER BY r.revision DESC LIMIT 1"
)


def rule_set_from_sqlite(path: Path, code: str, revision: int | None = None) -> RuleSet | None:
    """The rule set of `code` (newest revision unless named) read from the SQLite file at `path` without
    writing anything, or None when the file, its schema version or the position is not what is expected."""
    if not path.is_file():
        return None
    from rules.canonical import canonical_json

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
    number, content_hash, policy_text, content = row
    policy_json = canonical_json(json.loads(policy_text)).decode("utf-8")
    return compile_revision(code, int(number), str(content_hash), policy_json, str(content))
