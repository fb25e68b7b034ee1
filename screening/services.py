"""Use cases, once: the API, the web pages, the CLI and the bulk runner all call these functions.

Every function takes an optional `db`; without it, the database of the current Flask app is used, or outside
an app the one configured by the environment (created, migrated and loaded with the bundled catalog on first use).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError

from rules import ENGINE_VERSION
from rules.canonical import canonical_json, sha256_hex
from rules.errors import CatalogProblem, InputErrors, InputProblem, UnknownPosition
from rules.policy import DEFAULT_POLICY
from rules.vocabulary import fold
from screening.config import ensure_data_dir, load_config
from screening.rulesets import compile_revision
from screening.storage import repositories as repo
from screening.storage.chain import (
    CanonicalText,
    HashedVerdict,
    NewEvaluation,
    VerifyReport,
    append_evaluation,
    canonical_text,
    is_plain_json,
    plain_json_data,
    plain_json_text,
    verify_chain,
)
from screening.storage.database import Database, open_database
from screening.storage.models import Evaluation

if TYPE_CHECKING:
    from rules.candidate import Candidate
    from rules.compiler import RuleSet

ANONYMOUS = "anonymous"
ROLES = ("recruiter", "auditor", "admin")
LANGS = ("es", "en")
BUNDLED_CATALOG = "iecm"
OUTCOME_ORDER = {"eligible": 0, "review": 1, "ineligible": 2}
MAX_LOGIN_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


class NotFound(Exception):
    """A record, batch or token that does not exist (the API answers 404)."""

    def __init__(self, what: str, key: str) -> None:
        self.what = what
        self.key = key
        super().__init__(f"{what} {key!r} not found")


@dataclass(frozen=True)
class Principal:
    """Who asks: an actor id stored with each record ("token:tok_…", "user:7" or "anonymous") and a role."""

    actor: str
    role: str | None
    name: str = ""

    @property
    def is_anonymous(self) -> bool:
        return self.role is None


ANONYMOUS_PRINCIPAL = Principal(ANONYMOUS, None, "anonymous")


# --- the database in use ------------------------------------------------------------------------------------

_prepared: set[tuple[str, str]] = set()
_prepare_lock = threading.Lock()


def prepare_database(config: Mapping[str, Any]) -> Database:
    """Open the configured database; on first use in this process apply migrations and load the bundled
    catalog when none is imported yet (so `check`, `serve` and the API work with no import step)."""
    key = (str(config["DATABASE_URL"]), str(config.get("SCREENING_DATA_DIR")))
    if key not in _prepared:
        ensure_data_dir(config["SCREENING_DATA_DIR"])
    database = open_database(dict(config))
    with _prepare_lock:
        if key not in _prepared:
            if not database.is_current():
                database.migrate()
            ensure_bundled_catalog(db=database)
            _prepared.add(key)
    return database


def forget_prepared() -> None:
    with _prepare_lock:
        _prepared.clear()


def current_database(db: Database | None = None) -> Database:
    if db is not None:
        return db
    from flask import current_app, has_app_context

    if has_app_context():
        database: Database = current_app.extensions["screening"]["db"]
        return database
    return prepare_database(load_config())


def today(timezone: str | None = None) -> date:
    """The default as_of: today in Mexico City (SPEC section 3); the only place the clock is read for it."""
    if timezone is None:
        from flask import current_app, has_app_context

        config = current_app.config if has_app_context() else load_config()
        timezone = str(config["SCREENING_TIMEZONE"])
    return datetime.now(ZoneInfo(timezone)).date()


# --- catalogs -----------------------------------------------------------------------------------------------


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


def import_catalog(
    text: str, name: str = BUNDLED_CATALOG, *, filename: str = "", db: Database | None = None
) -> ImportReport:
    """Parse a catalog (IECM text layout or YAML, told apart by `filename` or the first line) and store each
    profile under catalog `name`: added, new revision or unchanged."""
    from rules.catalog import parse_catalog
    from rules.profile import profile_to_dict

    database = current_database(db)
    parsed = parse_catalog(text, filename or name)
    results: list[ProfileImport] = []
    problems_by_code: dict[str, list[CatalogProblem]] = {}
    for problem in parsed.problems:
        if problem.code:
            problems_by_code.setdefault(problem.code, []).append(problem)
    stored_codes = set()
    with database.write() as session:
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
    _heads.clear()  # this process sees its own import at once
    return ImportReport(name, tuple(results), tuple(parsed.problems))


def ensure_bundled_catalog(*, db: Database | None = None) -> ImportReport | None:
    """Import screening/catalogs/iecm.txt when no catalog exists yet; None when there was nothing to do."""
    database = current_database(db)
    with database.read() as session:
        if repo.catalog_count(session):
            return None
    text = resources.files("screening.catalogs").joinpath("iecm.txt").read_text(encoding="utf-8")
    try:
        return import_catalog(text, BUNDLED_CATALOG, db=database)
    except IntegrityError:
        # Another process loaded it at the same moment (several workers starting on PostgreSQL); once it has
        # committed, importing again finds every profile unchanged.
        return import_catalog(text, BUNDLED_CATALOG, db=database)


def list_positions(
    q: str | None = None, page: int = 1, per_page: int = 50, *, db: Database | None = None
) -> dict[str, Any]:
    """Newest revision of every position; `q` matches code, title or unit ignoring case and accents."""
    database = current_database(db)
    with database.read() as session:
        rows = repo.latest_revisions(session)
    items = [{"code": r.code, "title": r.title, "unit": r.unit, "revision": r.revision} for r in rows]
    if q and q.strip():
        needle = fold(q)
        items = [i for i in items if needle in fold(f"{i['code']} {i['title']} {i['unit']}")]
    page, per_page = max(1, page), max(1, min(per_page, 500))
    start = (page - 1) * per_page
    return {"items": items[start : start + per_page], "total": len(items), "page": page, "per_page": per_page}


_rule_sets: dict[tuple[str, int, str, str], RuleSet] = {}
# Revisions are never overwritten, so (database, code, revision) names one rule set for good; which revision is
# the newest can change with an import in another process, so that answer is kept for HEAD_SECONDS only.
_named: dict[tuple[str, str, int], RuleSet] = {}
_heads: dict[tuple[str, str], tuple[float, RuleSet]] = {}
HEAD_SECONDS = 2.0
_clock = time.monotonic


def get_rule_set(code: str, revision: int | None = None, *, db: Database | None = None) -> RuleSet:
    """The compiled rule set of a position (newest revision unless named), compiled once per process for each
    (revision content, policy). A named revision is looked up once; the newest is re-read every HEAD_SECONDS
    (at once in the process that imported it), so most requests cost no query at all."""
    database = current_database(db)
    where = database.key
    if revision is not None:
        named = _named.get((where, code, revision))
        if named is not None:
            return named
    else:
        head = _heads.get((where, code))
        if head is not None and head[0] > _clock():
            return head[1]
    with database.engine.connect() as connection:
        found = repo.revision_head(connection, code, revision)
        if found is None:
            raise UnknownPosition(code if revision is None else f"{code} revision {revision}")
        number, content_hash, policy = found
        policy_json = canonical_json(policy).decode("utf-8")
        key = (code, number, content_hash, policy_json)
        rule_set = _rule_sets.get(key)
        if rule_set is None:
            content = repo.revision_content(connection, code, number)
            rule_set = compile_revision(code, number, content_hash, policy_json, content)
            _rule_sets[key] = rule_set
    _named[(where, code, number)] = rule_set
    if revision is None:
        _heads[(where, code)] = (_clock() + HEAD_SECONDS, rule_set)
    return rule_set


def forget_rule_sets() -> None:
    """Drop the compiled rule sets of this process (they are rebuilt from the database on next use)."""
    _rule_sets.clear()
    _named.clear()
    _heads.clear()
    compile_revision.cache_clear()


def position_detail(code: str, revision: int | None = None, *, db: Database | None = None) -> dict[str, Any]:
    """Compiled requirements, revision and fingerprint of a position, with the revisions that exist."""
    rule_set = get_rule_set(code, revision, db=db)
    with current_database(db).read() as session:
        revisions = [
            {"revision": r.revision, "imported_at": r.imported_at.isoformat(), "content_hash": r.content_hash}
            for r in repo.revisions_of(session, code)
        ]
        unit = rule_set.profile.identification.unit
    detail = rule_set.to_dict()
    detail["position"]["unit"] = unit
    detail["revisions"] = revisions
    return detail


def export_profile(code: str, revision: int | None = None, *, db: Database | None = None) -> str:
    """The profile as YAML; importing it again gives the same content, hence "unchanged"."""
    from rules.catalog import profiles_to_yaml

    rule_set = get_rule_set(code, revision, db=db)
    text: str = profiles_to_yaml([rule_set.profile])
    return text


def describe_position(
    code: str, lang: str = "es", revision: int | None = None, *, db: Database | None = None
) -> str:
    from rules.render import describe_rule_set

    return describe_rule_set(get_rule_set(code, revision, db=db), lang)


# --- evaluations --------------------------------------------------------------------------------------------


def stored_input(value: Any, *, plain: bool = False) -> CanonicalText:
    """The candidate JSON as received, as the canonical JSON text a record stores: plain JSON as it is (one
    fast write), a body with fractions through `storable_input`. `plain=True` when the caller knows the value
    is plain JSON (`is_plain_json`): a body parsed from JSON text in which no number has a fraction."""
    if plain or is_plain_json(value):
        return CanonicalText(plain_json_text(value))
    return CanonicalText(canonical_text(storable_input(value)))


def storable_input(value: Any) -> Any:
    """The candidate JSON as received, ready for canonical JSON: a number with a fraction (37.5 hours) is kept
    as its exact decimal text, which the candidate reader accepts the same way on replay."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(k): storable_input(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [storable_input(v) for v in value]
    return value


@dataclass(frozen=True)
class Evaluated:
    """One evaluation: the verdict, its canonical JSON, and the record's id when it was stored."""

    verdict: dict[str, Any]
    body: bytes
    """The verdict's canonical JSON as UTF-8: the answer, and the text the record's verdict_hash covers."""
    evaluation_id: str | None


def run_evaluation(
    code: str,
    candidate_json: Any,
    as_of: date | None = None,
    lang: str = "es",
    store: bool = False,
    actor: str = ANONYMOUS,
    *,
    revision: int | None = None,
    db: Database | None = None,
    candidate: Candidate | None = None,
    plain_input: bool = False,
) -> Evaluated:
    """Evaluate one candidate against one position; store the record (its id in the answer) when `store`.
    The verdict's JSON is written once, for the record and the caller's answer alike. `candidate` is
    `candidate_json` already read by rules.candidate, when the caller has read it; `plain_input` tells that
    `candidate_json` is plain JSON (see `stored_input`)."""
    from rules.candidate import parse_candidate
    from rules.engine import evaluate as run
    from rules.render import verdict_to_dict

    database = current_database(db)
    if candidate is None:
        candidate = parse_candidate(candidate_json)
    rule_set = get_rule_set(code, revision, db=database)
    as_of = as_of or today()
    verdict = verdict_to_dict(run(rule_set, candidate, as_of), lang)
    # Rendered by verdict_to_dict: plain JSON with no float, so its canonical text needs no check.
    data, text = plain_json_data(verdict)
    if not store:
        return Evaluated(verdict, data, None)
    hashed = HashedVerdict.of_data(data, text)
    record = NewEvaluation(
        as_of=as_of,
        lang=verdict["lang"],
        position_code=rule_set.code,
        revision=int(rule_set.revision or 0),
        policy_id=rule_set.policy.policy_id,
        fingerprint=rule_set.fingerprint,
        engine_version=ENGINE_VERSION,
        verdict=hashed,
        outcome=verdict["outcome"],
        actor=actor,
        input=stored_input(candidate_json, plain=plain_input),
        folio=candidate.folio,
    )
    return Evaluated(verdict, data, append_evaluation(database, record))


def matches(
    candidate_json: Any, as_of: date | None = None, lang: str = "es", *, db: Database | None = None
) -> list[dict[str, Any]]:
    """Every position with the candidate's outcome and its main reason in `lang`: eligible first, then review,
    then ineligible; by desirable score within each. `candidate_json` may be a Candidate already read."""
    from rules.candidate import Candidate, parse_candidate
    from rules.engine import evaluate as run
    from rules.render import reason_message
    from rules.summary import main_reason

    database = current_database(db)
    candidate = candidate_json if isinstance(candidate_json, Candidate) else parse_candidate(candidate_json)
    as_of = as_of or today()
    with database.read() as session:
        rows = repo.latest_revisions(session)
        codes = [(r.code, r.revision, r.unit) for r in rows]
    results: list[dict[str, Any]] = []
    for code, revision, unit in codes:
        # The revision just read is named: a named revision's rule set is looked up once per process, where
        # the newest is looked up again every HEAD_SECONDS (500 positions, first sight: 300-340 ms -> 190-230 ms).
        rule_set = get_rule_set(code, revision, db=database)
        verdict = run(rule_set, candidate, as_of)
        unmet = [c.id for c in verdict.criteria if c.mandatory and c.outcome.value != "pass"]
        reason = main_reason(verdict)
        results.append(
            {
                "code": rule_set.code,
                "title": rule_set.title,
                "unit": unit,
                "revision": rule_set.revision,
                "fingerprint": rule_set.fingerprint,
                "outcome": verdict.outcome.value,
                "eligible_from": verdict.eligible_from.isoformat() if verdict.eligible_from else None,
                "desirable_score": verdict.desirable.score,
                "unmet": unmet,
                "reason": {
                    "code": reason.code,
                    "params": dict(reason.params),
                    "message": reason_message(reason, lang),
                },
            }
        )
    results.sort(
        key=lambda r: (OUTCOME_ORDER[str(r["outcome"])], -int(r["desirable_score"] or 0), str(r["code"]))
    )
    return results


def evaluation_to_dict(row: Evaluation) -> dict[str, Any]:
    """The record with its verdict read from the body it names (None only if that body was deleted, which
    `audit verify` names)."""
    verdict = row.verdict
    return {
        "id": row.id,
        "seq": row.seq,
        "created_at": row.created_at,
        "as_of": row.as_of.isoformat(),
        "lang": row.lang,
        "position": {"code": row.position_code, "revision": row.revision},
        "policy_id": row.policy_id,
        "fingerprint": row.fingerprint,
        "engine_version": row.engine_version,
        "outcome": row.outcome,
        "actor": row.actor,
        "batch_id": row.batch_id,
        "row_number": row.row_number,
        "folio": row.folio,
        "input": None if row.input is None else json.loads(row.input),
        "verdict": None if verdict is None else json.loads(verdict),
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def get_evaluation(evaluation_id: str, *, db: Database | None = None) -> dict[str, Any]:
    with current_database(db).read() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None:
            raise NotFound("evaluation", evaluation_id)
        record = evaluation_to_dict(row)
        if row.batch_id is not None:
            batch = repo.get_batch(session, row.batch_id)
            record["batch_owner"] = batch.created_by if batch is not None else None
        else:
            record["batch_owner"] = None
        return record


def find_by_folio(
    folio: str,
    page: int = 1,
    per_page: int = 50,
    *,
    actors: Sequence[str] | None = None,
    db: Database | None = None,
) -> dict[str, Any]:
    """Records of a folio, newest first; `actors` limits them to what those actors asked for (recruiters)."""
    page, per_page = max(1, page), max(1, min(per_page, 500))
    with current_database(db).read() as session:
        rows, total = repo.evaluations_by_folio(
            session, folio, actors=actors, offset=(page - 1) * per_page, limit=per_page
        )
        items = [evaluation_to_dict(r) for r in rows]
    return {"items": items, "total": total, "page": page, "per_page": per_page}


def may_read_evaluation(principal: Principal, record: Mapping[str, Any]) -> bool:
    """SPEC section 6: auditors read every record; a recruiter the records it asked for or of its batches;
    anyone holding the id of an anonymous receipt, that receipt."""
    if principal.role == "auditor":
        return True
    if record["actor"] == ANONYMOUS:
        return True
    if principal.role == "recruiter":
        return principal.actor in (record["actor"], record.get("batch_owner"))
    return False


@dataclass(frozen=True)
class ReplayReport:
    id: str
    identical: bool
    fingerprint_matches: bool
    differences: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "result": "identical" if self.identical else "different",
            "fingerprint_matches": self.fingerprint_matches,
            "differences": list(self.differences),
        }


def _differences(stored: Mapping[str, Any], replayed: Mapping[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    stored_criteria = {c["id"]: c for c in stored.get("criteria", [])}
    replayed_criteria = {c["id"]: c for c in replayed.get("criteria", [])}
    for criterion_id in list(stored_criteria) + [c for c in replayed_criteria if c not in stored_criteria]:
        before, after = stored_criteria.get(criterion_id), replayed_criteria.get(criterion_id)
        if canonical_json(before) != canonical_json(after):
            out.append({"criterion": criterion_id, "stored": before, "replayed": after})
    for key in sorted(set(stored) | set(replayed)):
        if key == "criteria":
            continue
        if canonical_json(stored.get(key)) != canonical_json(replayed.get(key)):
            out.append({"field": key, "stored": stored.get(key), "replayed": replayed.get(key)})
    return out


def replay(evaluation_id: str, *, db: Database | None = None) -> ReplayReport:
    """Re-evaluate the stored input under the stored revision, policy and as_of (SPEC section 5, Replay)."""
    from rules.candidate import parse_candidate
    from rules.engine import evaluate as run
    from rules.render import verdict_to_dict

    database = current_database(db)
    with database.read() as session:
        row = repo.get_evaluation(session, evaluation_id)
        if row is None:
            raise NotFound("evaluation", evaluation_id)
        record = evaluation_to_dict(row)
    if record["input"] is None:
        raise InputErrors([InputProblem("input", "no stored input", "a record stored with its input")])
    if record["verdict"] is None:
        raise InputErrors(
            [InputProblem("verdict", "no stored verdict body", "a record whose verdict body is stored")]
        )
    rule_set = get_rule_set(record["position"]["code"], record["position"]["revision"], db=database)
    if rule_set.policy.policy_id != record["policy_id"]:
        raise InputErrors(
            [
                InputProblem(
                    "policy_id", record["policy_id"], f"the catalog's policy {rule_set.policy.policy_id}"
                )
            ]
        )
    verdict = verdict_to_dict(
        run(rule_set, parse_candidate(record["input"]), date.fromisoformat(record["as_of"])), record["lang"]
    )
    differences = _differences(record["verdict"], verdict)
    return ReplayReport(
        evaluation_id, not differences, rule_set.fingerprint == record["fingerprint"], tuple(differences)
    )


def verify(*, db: Database | None = None) -> VerifyReport:
    return verify_chain(current_database(db))


# --- tokens and users ---------------------------------------------------------------------------------------


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise InputErrors([InputProblem("role", repr(role), "one of " + ", ".join(ROLES))])
    return role


def token_to_dict(token: Any) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "role": token.role,
        "created_at": token.created_at.isoformat(),
        "created_by": token.created_by,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
    }


def create_token(
    role: str, name: str = "", created_by: str | None = None, *, db: Database | None = None
) -> tuple[dict[str, Any], str]:
    """A new bearer token with one role; the secret is returned here once and never again."""
    _check_role(role)
    with current_database(db).write() as session:
        token, secret = repo.add_token(session, role, name or role, created_by)
        return token_to_dict(token), secret


def list_tokens(*, db: Database | None = None) -> list[dict[str, Any]]:
    with current_database(db).read() as session:
        return [token_to_dict(t) for t in repo.list_tokens(session)]


def revoke_token(token_id: str, *, db: Database | None = None) -> dict[str, Any]:
    with current_database(db).write() as session:
        token = repo.get_token(session, token_id)
        if token is None:
            raise NotFound("token", token_id)
        if token.revoked_at is None:
            token.revoked_at = repo.utc_now()
        revoked = token_to_dict(token)
    forget_tokens()  # after the commit: a request in between could otherwise remember the token again
    return revoked


TOKEN_CACHE_SECONDS = 2.0
"""How long a process trusts a token it has looked up: a revocation made in another process takes effect
within this time (at once in the process that revoked it), and a request with a known token costs no query."""
_TOKEN_CACHE_LIMIT = 4096
_principals: dict[tuple[str, str], tuple[float, Principal]] = {}


def authenticate_token(secret: str, *, db: Database | None = None) -> Principal | None:
    """The principal a bearer token stands for, or None when it is unknown or revoked. A known token is
    remembered for TOKEN_CACHE_SECONDS (keyed by its hash, never by the secret); an unknown one is asked for
    every time, so a new token works at once and guessed ones cannot fill the memory."""
    database = current_database(db)
    key = (database.key, repo.hash_token(secret))
    cached = _principals.get(key)
    if cached is not None and cached[0] > _clock():
        return cached[1]
    with database.engine.connect() as connection:
        token = repo.token_for_auth(connection, secret)
    if token is None or token.revoked_at is not None:
        _principals.pop(key, None)
        return None
    now = repo.utc_now()
    if token.last_used_at is None or _aware(token.last_used_at) < now - TOKEN_TOUCH_INTERVAL:
        # At most one write a minute per token, so requests do not queue behind the write lock for it.
        with database.write() as session:
            stored = repo.get_token(session, token.id)
            if stored is not None:
                stored.last_used_at = now
    principal = Principal(f"token:{token.id}", token.role, token.name)
    if len(_principals) >= _TOKEN_CACHE_LIMIT:
        _principals.clear()
    _principals[key] = (_clock() + TOKEN_CACHE_SECONDS, principal)
    return principal


def forget_tokens() -> None:
    """Drop the tokens this process remembers (after a revocation here, and in tests)."""
    _principals.clear()


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def create_user(username: str, password: str, role: str, *, db: Database | None = None) -> dict[str, Any]:
    from argon2 import PasswordHasher

    _check_role(role)
    problems = []
    if not username.strip() or len(username) > 150:
        problems.append(InputProblem("username", repr(username), "a name of 1 to 150 characters"))
    if len(password) < 12:
        problems.append(InputProblem("password", f"{len(password)} characters", "at least 12 characters"))
    if problems:
        raise InputErrors(problems)
    with current_database(db).write() as session:
        if repo.user_by_name(session, username.strip()) is not None:
            raise InputErrors([InputProblem("username", repr(username), "a name no other user has")])
        user = repo.add_user(session, username.strip(), PasswordHasher().hash(password), role)
        return {"id": user.id, "username": user.username, "role": user.role}


def check_password(username: str, password: str, *, db: Database | None = None) -> Principal | None:
    """The user's principal when the password is right; failures count towards a temporary lockout."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    hasher = PasswordHasher()
    with current_database(db).write() as session:
        user = repo.user_by_name(session, username)
        now = repo.utc_now()
        if user is None or not user.active:
            return None
        if user.locked_until is not None and _aware(user.locked_until) > now:
            return None
        try:
            hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_logins += 1
            if user.failed_logins >= MAX_LOGIN_FAILURES:
                user.locked_until, user.failed_logins = now + LOCKOUT, 0
            return None
        user.failed_logins, user.locked_until = 0, None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        return Principal(f"user:{user.id}", user.role, user.username)
