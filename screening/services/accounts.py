"""Accounts: bearer tokens and users, roles, and who a request stands for (SPEC section 6)."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from rules.errors import InputErrors, InputProblem
from screening.services.context import Context, NotFound, current

if TYPE_CHECKING:
    from screening.storage.database import Database

log = logging.getLogger(__name__)

ANONYMOUS = "anonymous"
ROLES = ("recruiter", "auditor", "admin")
MAX_LOGIN_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)
TOKEN_CACHE_SECONDS = 2.0
"""How long a process trusts a token it has looked up: a revocation made in another process takes effect
within this time (at once in the process that revoked it), and a request with a known token costs no query."""


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


class TokenCache:
    """Tokens this app has looked up, by the SHA-256 of their secret (never the secret), each trusted for
    TOKEN_CACHE_SECONDS; unknown tokens are never kept, so guessed ones cannot fill the memory."""

    LIMIT = 4096

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.entries: dict[str, tuple[float, Principal]] = {}

    def get(self, key: str) -> Principal | None:
        found = self.entries.get(key)
        return found[1] if found is not None and found[0] > self.clock() else None

    def put(self, key: str, principal: Principal) -> None:
        if len(self.entries) >= self.LIMIT:
            self.entries.clear()
        self.entries[key] = (self.clock() + TOKEN_CACHE_SECONDS, principal)

    def drop(self, key: str | None = None) -> None:
        if key is None:
            self.entries.clear()
        else:
            self.entries.pop(key, None)


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
    role: str, name: str = "", created_by: str | None = None, *, db: Context | Database | None = None
) -> tuple[dict[str, Any], str]:
    """A new bearer token with one role; the secret is returned here once and never again."""
    from screening.storage import repositories as repo

    _check_role(role)
    with current(db).database.write() as session:
        token, secret = repo.add_token(session, role, name or role, created_by)
        return token_to_dict(token), secret


def list_tokens(*, db: Context | Database | None = None) -> list[dict[str, Any]]:
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        return [token_to_dict(t) for t in repo.list_tokens(session)]


def revoke_token(token_id: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    from screening.storage import repositories as repo

    context = current(db)
    with context.database.write() as session:
        token = repo.get_token(session, token_id)
        if token is None:
            raise NotFound("token", token_id)
        if token.revoked_at is None:
            token.revoked_at = repo.utc_now()
        revoked = token_to_dict(token)
    context.tokens.drop()  # after the commit: a request in between could otherwise remember the token again
    return revoked


def authenticate_token(secret: str, *, db: Context | Database | None = None) -> Principal | None:
    """The principal a bearer token stands for, or None when it is unknown or revoked; a known token is
    remembered by the context's TokenCache, an unknown one asked for every time (a new token works at once)."""
    from sqlalchemy.exc import DBAPIError

    from screening.storage import repositories as repo
    from screening.storage.database import cannot_write

    context = current(db)
    key = repo.hash_token(secret)
    cached = context.tokens.get(key)
    if cached is not None:
        return cached
    with context.database.engine.connect() as connection:
        token = repo.token_for_auth(connection, secret)
    if token is None or token.revoked_at is not None:
        context.tokens.drop(key)
        return None
    now = repo.utc_now()
    if token.last_used_at is None or _aware(token.last_used_at) < now - TOKEN_TOUCH_INTERVAL:
        # At most one write a minute per token, so requests do not queue behind the write lock for it.
        # Best effort: a read must not need a write, so a full disk or read-only storage leaves the time
        # as it was (the database being away still fails the request, as the read would).
        try:
            with context.database.write() as session:
                stored = repo.get_token(session, token.id)
                if stored is not None:
                    stored.last_used_at = now
        except (OSError, DBAPIError) as exc:
            if not cannot_write(exc):
                raise
            log.warning("token %s: last use not recorded, storage cannot be written", token.id)
    principal = Principal(f"token:{token.id}", token.role, token.name)
    context.tokens.put(key, principal)
    return principal


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def create_user(
    username: str, password: str, role: str, *, db: Context | Database | None = None
) -> dict[str, Any]:
    from argon2 import PasswordHasher

    _check_role(role)
    problems = []
    if not username.strip() or len(username) > 150:
        problems.append(InputProblem("username", repr(username), "a name of 1 to 150 characters"))
    if len(password) < 12:
        problems.append(InputProblem("password", f"{len(password)} characters", "at least 12 characters"))
    if problems:
        raise InputErrors(problems)
    from screening.storage import repositories as repo

    with current(db).database.write() as session:
        if repo.user_by_name(session, username.strip()) is not None:
            raise InputErrors([InputProblem("username", repr(username), "a name no other user has")])
        user = repo.add_user(session, username.strip(), PasswordHasher().hash(password), role)
        return {"id": user.id, "username": user.username, "role": user.role}


@dataclass(frozen=True)
class StaffSession:
    """A signed-in user of the pages: the principal, and what their session cookie carries to be checked on
    every request (the user id and the user's current session token)."""

    user_id: int
    session_token: str
    principal: Principal


def _session_of(user: Any) -> StaffSession:
    return StaffSession(user.id, user.session_token, Principal(f"user:{user.id}", user.role, user.username))


@cache
def _unknown_user_hash() -> str:
    """A hash to verify against when the user does not exist, so that answering takes as long as for a user
    who does (the time does not tell which names exist)."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(secrets.token_hex(16))


def sign_in(username: str, password: str, *, db: Context | Database | None = None) -> StaffSession | None:
    """The user's session when the password is right and the account is active and not locked; None otherwise.
    MAX_LOGIN_FAILURES wrong passwords in a row lock the account for LOCKOUT and end its sessions."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    from screening.storage import repositories as repo

    hasher = PasswordHasher()
    with current(db).database.write() as session:
        user = repo.user_by_name(session, username.strip())
        now = repo.utc_now()
        if user is None or not user.active:
            with suppress(VerificationError, InvalidHashError):
                hasher.verify(_unknown_user_hash(), password)
            return None
        if user.locked_until is not None and _aware(user.locked_until) > now:
            return None
        try:
            hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            user.failed_logins += 1
            if user.failed_logins >= MAX_LOGIN_FAILURES:
                user.locked_until, user.failed_logins = now + LOCKOUT, 0
                user.session_token = new_session_token()
            return None
        user.failed_logins, user.locked_until = 0, None
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        return _session_of(user)


def check_password(username: str, password: str, *, db: Context | Database | None = None) -> Principal | None:
    """The user's principal when the password is right (`sign_in`); failures count towards the lockout."""
    signed_in = sign_in(username, password, db=db)
    return None if signed_in is None else signed_in.principal


def staff_session(
    user_id: int, session_token: str, *, db: Context | Database | None = None
) -> StaffSession | None:
    """The session a cookie stands for, read on every request of a signed-in user: None once the user is
    gone, deactivated or locked, or the token was replaced (signed out elsewhere, locked, role changed)."""
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        user = repo.get_user(session, user_id)
        if user is None or not user.active or not secrets.compare_digest(user.session_token, session_token):
            return None
        if user.locked_until is not None and _aware(user.locked_until) > repo.utc_now():
            return None
        return _session_of(user)


def new_session_token() -> str:
    return secrets.token_hex(16)


def end_sessions(user_id: int, *, db: Context | Database | None = None) -> None:
    """Every session cookie of the user stops working (sign-out; also after a change of role or password)."""
    from screening.storage import repositories as repo

    with current(db).database.write() as session:
        user = repo.get_user(session, user_id)
        if user is not None:
            user.session_token = new_session_token()
