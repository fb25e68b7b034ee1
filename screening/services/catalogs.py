"""Catalogs and positions: import, list, describe and export, and the one cache of compiled rule sets."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rules.canonical import canonical_json, sha256_hex
from rules.errors import CatalogProblem, UnknownPosition
from rules.policy import DEFAULT_POLICY
from rules.vocabulary import fold
from screening.services.context import Context, current

if TYPE_CHECKING:
    from rules.compiler import RuleSet
    from rules.revisions import Change
    from screening.storage.database import Database

BUNDLED_CATALOG = "iecm"
HEAD_SECONDS = 2.0
"""How long a process trusts which revision of a position is the newest: an import in another process is
used within this time (at once in the process that imported it)."""


@dataclass(frozen=True)
class ProfileImport:
    code: str
    title: str
    status: str
    """added, new_revision, unchanged or failed."""
    revision: int | None
    problems: tuple[CatalogProblem, ...] = ()


@dataclass(frozen=True)
class ImportReport:
    catalog: str
    profiles: tuple[ProfileImport, ...]
    problems: tuple[CatalogProblem, ...]

    @property
    def failed(self) -> bool:
        return any(p.status == "failed" for p in self.profiles) or (not self.profiles and bool(self.problems))

    def count(self, status: str) -> int:
        return sum(1 for p in self.profiles if p.status == status)


def compile_revision(revision: int, policy: Mapping[str, Any], content: str) -> RuleSet:
    """The rule set of one stored revision: its profile (canonical JSON) under its catalog's policy."""
    from rules.catalog import profile_from_dict
    from rules.compiler import compile_profile
    from rules.policy import Policy

    return compile_profile(
        profile_from_dict(json.loads(content)), Policy.from_dict(dict(policy)), revision=revision
    )


class RuleSets:
    """Compiled rule sets of one database. Revisions are never overwritten, so (code, revision) names one rule
    set for good and is compiled once; which revision is the newest can change with an import in another
    process, so that answer is kept for HEAD_SECONDS only."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.named: dict[tuple[str, int], RuleSet] = {}
        self.heads: dict[str, tuple[float, RuleSet]] = {}
        self.lock = threading.Lock()

    def get(self, database: Database, code: str, revision: int | None = None) -> RuleSet:
        from screening.storage import repositories as repo

        if revision is not None and (code, revision) in self.named:
            return self.named[(code, revision)]
        head = self.heads.get(code) if revision is None else None
        if head is not None and head[0] > self.clock():
            return head[1]
        with database.engine.connect() as connection:
            found = repo.revision_head(connection, code, revision)
            if found is None:
                raise UnknownPosition(code if revision is None else f"{code} revision {revision}")
            number, _content_hash, policy = found
            rule_set = self.named.get((code, number))
            if rule_set is None:
                rule_set = compile_revision(number, policy, repo.revision_content(connection, code, number))
        with self.lock:
            self.named[(code, number)] = rule_set
            if revision is None:
                self.heads[code] = (self.clock() + HEAD_SECONDS, rule_set)
        return rule_set

    def imported(self) -> None:
        """This process sees its own import at once."""
        self.heads.clear()


def get_rule_set(code: str, revision: int | None = None, *, db: Context | Database | None = None) -> RuleSet:
    """The compiled rule set of a position (newest revision unless named)."""
    context = current(db)
    return context.rule_sets.get(context.database, code, revision)


def rule_set_from_sqlite(path: Path, code: str, revision: int | None = None) -> RuleSet | None:
    """The rule set of `code` read from the SQLite file at `path` with the standard library alone, or None when
    unsure (screening.storage.readonly)."""
    from screening.storage.readonly import newest_revision

    found = newest_revision(path, code, revision)
    return None if found is None else compile_revision(*found)


def rule_set_for_reading(config: Mapping[str, Any], code: str, revision: int | None = None) -> RuleSet:
    """The rule set for a command that writes nothing (`screen --no-record`): read from the database as it is,
    without the migration check (a quarter of a second), and from the embedded SQLite file without importing
    SQLAlchemy (a third of the start-up, 0.75 s to 0.38 s); a database not created, not migrated or without
    that position yet takes the full path (prepared first)."""
    url = str(config["DATABASE_URL"])
    if url.startswith("sqlite:///"):
        found = rule_set_from_sqlite(Path(url.removeprefix("sqlite:///")), code, revision)
        if found is not None:
            return found
    from sqlalchemy.exc import SQLAlchemyError

    context = Context(config)
    try:
        try:
            return get_rule_set(code, revision, db=context)
        except (UnknownPosition, SQLAlchemyError):  # not there yet, or a schema to migrate: prepared first
            context.prepare()
            return get_rule_set(code, revision, db=context)
    finally:
        context.close()


def import_catalog(
    text: str, name: str = BUNDLED_CATALOG, *, filename: str = "", db: Context | Database | None = None
) -> ImportReport:
    """Parse a catalog (IECM text layout or YAML, told apart by `filename` or the first line) and store each
    profile under catalog `name`: added, new revision or unchanged."""
    from rules.catalog import parse_catalog
    from rules.profile import profile_to_dict
    from screening.storage import repositories as repo

    context = current(db)
    parsed = parse_catalog(text, filename or name)
    results: list[ProfileImport] = []
    problems_by_code: dict[str, list[CatalogProblem]] = {}
    for problem in parsed.problems:
        if problem.code:
            problems_by_code.setdefault(problem.code, []).append(problem)
    stored_codes = set()
    with context.database.write() as session:
        catalog = repo.get_or_create_catalog(
            session, name, DEFAULT_POLICY.to_dict(), DEFAULT_POLICY.policy_id
        )
        for profile in parsed.profiles:
            content = canonical_json(profile_to_dict(profile)).decode("utf-8")
            status, revision = repo.add_revision(
                session,
                catalog,
                profile.code,
                profile.title,
                profile.identification.unit,
                content,
                sha256_hex(content.encode("utf-8")),
            )
            stored_codes.add(profile.code)
            results.append(
                ProfileImport(
                    profile.code,
                    profile.title,
                    status,
                    revision,
                    tuple(problems_by_code.get(profile.code, ())),
                )
            )
    for code, problems in problems_by_code.items():
        if code not in stored_codes:
            results.append(ProfileImport(code, "", "failed", None, tuple(problems)))
    context.rule_sets.imported()
    return ImportReport(name, tuple(results), tuple(parsed.problems))


@dataclass(frozen=True)
class ProfilePreview:
    """What importing one profile would do: its status as `ProfileImport.status`, the revision it would
    replace and every change against it (rules.revisions), and the problems of its lines."""

    code: str
    title: str
    status: str
    current_revision: int | None
    changes: tuple[Change, ...] = ()
    problems: tuple[CatalogProblem, ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    catalog: str
    profiles: tuple[ProfilePreview, ...]
    problems: tuple[CatalogProblem, ...]

    @property
    def storable(self) -> bool:
        """At least one profile would be added or get a new revision."""
        return any(p.status in ("added", "new_revision") for p in self.profiles)

    def count(self, status: str) -> int:
        return sum(1 for p in self.profiles if p.status == status)


def preview_catalog(
    text: str, name: str = BUNDLED_CATALOG, *, filename: str = "", db: Context | Database | None = None
) -> ImportPreview:
    """What `import_catalog` would do with the same text, storing nothing: each profile added, with a new
    revision (and what changed against the current one) or unchanged, and every problem of the parser."""
    from rules.catalog import parse_catalog
    from rules.profile import profile_to_dict
    from rules.revisions import diff_profiles
    from screening.storage import repositories as repo

    context = current(db)
    parsed = parse_catalog(text, filename or name)
    problems_by_code: dict[str, list[CatalogProblem]] = {}
    for problem in parsed.problems:
        if problem.code:
            problems_by_code.setdefault(problem.code, []).append(problem)
    results: list[ProfilePreview] = []
    seen = set()
    for profile in parsed.profiles:
        seen.add(profile.code)
        problems = tuple(problems_by_code.get(profile.code, ()))
        content = canonical_json(profile_to_dict(profile)).decode("utf-8")
        with context.database.engine.connect() as connection:
            head = repo.revision_head(connection, profile.code, None)
        if head is None:
            results.append(ProfilePreview(profile.code, profile.title, "added", None, (), problems))
            continue
        number, content_hash, _policy = head
        if content_hash == sha256_hex(content.encode("utf-8")):
            results.append(ProfilePreview(profile.code, profile.title, "unchanged", number, (), problems))
            continue
        before = get_rule_set(profile.code, number, db=context).profile
        changes = diff_profiles(before, profile)
        results.append(ProfilePreview(profile.code, profile.title, "new_revision", number, changes, problems))
    for code, unread in problems_by_code.items():
        if code not in seen:
            results.append(ProfilePreview(code, "", "failed", None, (), tuple(unread)))
    return ImportPreview(name, tuple(results), tuple(parsed.problems))


def decode_catalog(data: bytes) -> str | None:
    """A catalog's text: UTF-8 (with or without BOM) or Windows-1252, as text extracted from the published PDF
    on Windows often is (RELIABILITY 1.1); None for anything else, or bytes with NUL in them (not a text)."""
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


PENDING_DIR = "catalog-imports"
PENDING_SECONDS = 24 * 3600
"""An uploaded catalog waiting for confirmation is removed after this long."""
_PENDING_KEY = re.compile(r"^[0-9a-f]{32}$")


def _pending_dir(context: Context) -> Path:
    return Path(context.config["SCREENING_DATA_DIR"]) / PENDING_DIR


def hold_catalog(text: str, *, db: Context | Database | None = None) -> str:
    """Keep an uploaded catalog until it is confirmed or cancelled: a file of the data directory named by a
    random key (never by the upload's name), readable by this user only (0600). Returns the key."""
    context = current(db)
    folder = _pending_dir(context)
    folder.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - PENDING_SECONDS
    for old in folder.glob("*.txt"):
        with contextlib.suppress(OSError):
            if old.stat().st_mtime < cutoff:
                old.unlink()
    key = secrets.token_hex(16)
    descriptor = os.open(folder / f"{key}.txt", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return key


def held_catalog(key: str, *, db: Context | Database | None = None) -> str | None:
    """The text kept under `key`, or None when there is none (confirmed, cancelled, expired, or not a key)."""
    if not _PENDING_KEY.match(key or ""):
        return None
    try:
        return (_pending_dir(current(db)) / f"{key}.txt").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def drop_held_catalog(key: str, *, db: Context | Database | None = None) -> None:
    if _PENDING_KEY.match(key or ""):
        with contextlib.suppress(OSError):
            (_pending_dir(current(db)) / f"{key}.txt").unlink()


def ensure_bundled_catalog(*, db: Context | Database | None = None) -> ImportReport | None:
    """Import screening/catalogs/iecm.txt when no catalog exists yet; None when there was nothing to do."""
    from sqlalchemy.exc import IntegrityError

    from screening.storage import repositories as repo

    context = current(db)
    with context.database.read() as session:
        if repo.catalog_count(session):
            return None
    text = resources.files("screening.catalogs").joinpath("iecm.txt").read_text(encoding="utf-8")
    try:
        return import_catalog(text, BUNDLED_CATALOG, db=context)
    except IntegrityError:
        # Another process loaded it at the same moment (several workers starting on PostgreSQL); once it has
        # committed, importing again finds every profile unchanged.
        return import_catalog(text, BUNDLED_CATALOG, db=context)


def list_positions(
    q: str | None = None, page: int = 1, per_page: int = 50, *, db: Context | Database | None = None
) -> dict[str, Any]:
    """Newest revision of every position; `q` matches code, title or unit ignoring case and accents."""
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        rows = repo.latest_revisions(session)
    items = [{"code": r.code, "title": r.title, "unit": r.unit, "revision": r.revision} for r in rows]
    if q and q.strip():
        needle = fold(q)
        items = [i for i in items if needle in fold(f"{i['code']} {i['title']} {i['unit']}")]
    page, per_page = max(1, page), max(1, min(per_page, 500))
    start = (page - 1) * per_page
    return {"items": items[start : start + per_page], "total": len(items), "page": page, "per_page": per_page}


def position_detail(
    code: str, revision: int | None = None, *, db: Context | Database | None = None
) -> dict[str, Any]:
    """Compiled requirements, revision and fingerprint of a position, with the revisions that exist."""
    from screening.storage import repositories as repo

    context = current(db)
    rule_set = get_rule_set(code, revision, db=context)
    with context.database.read() as session:
        revisions = [
            {"revision": r.revision, "imported_at": r.imported_at.isoformat(), "content_hash": r.content_hash}
            for r in repo.revisions_of(session, code)
        ]
    detail = rule_set.to_dict()
    detail["position"]["unit"] = rule_set.profile.identification.unit
    detail["revisions"] = revisions
    return detail


def export_profile(code: str, revision: int | None = None, *, db: Context | Database | None = None) -> str:
    """The profile as YAML; importing it again gives the same content, hence "unchanged"."""
    from rules.catalog import profiles_to_yaml

    text: str = profiles_to_yaml([get_rule_set(code, revision, db=db).profile])
    return text


def describe_position(
    code: str, lang: str = "es", revision: int | None = None, *, db: Context | Database | None = None
) -> str:
    from rules.render import describe_rule_set

    return describe_rule_set(get_rule_set(code, revision, db=db), lang)
