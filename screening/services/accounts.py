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
    if not username.strip() or len(username) > MAX_USERNAME:
        problems.append(InputProblem("username", repr(username), "a name of 1 to 150 characters"))
    problems += password_problems(password)
    if problems:
        raise InputErrors(problems)
    from screening.storage import repositories as repo

    with current(db).database.write() as session:
        if repo.user_by_name(session, username.strip()) is not None:
            raise InputErrors([InputProblem("username", repr(username), "a name no other user has")])
        user = repo.add_user(session, username.strip(), PasswordHasher().hash(password), role)
        return user_to_dict(user)


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


# --- administration of users (pages and API for admins; SPEC section 6) ---------------------------------------

MIN_PASSWORD = 12
MAX_USERNAME = 150


class LastAdmin(Exception):
    """A change that would leave no administrator able to sign in, or an admin locking themselves out."""

    def __init__(self, user_id: int, what: str) -> None:
        self.user_id = user_id
        self.what = what
        """"role" (taking away the admin role) or "lock" (locking the account)."""
        super().__init__(f"user {user_id}: {what} refused, it would leave no administrator")


def password_problems(password: str) -> list[InputProblem]:
    """The password policy of every way an account is given a password (the CLI, the pages, the API)."""
    if len(password) < MIN_PASSWORD:
        return [
            InputProblem("password", f"{len(password)} characters", f"at least {MIN_PASSWORD} characters")
        ]
    return []


def user_to_dict(user: Any, now: datetime | None = None) -> dict[str, Any]:
    """A user as the pages and the API show it; `state` is active, locked (by an administrator) or
    locked_out (after wrong passwords, until `locked_until`)."""
    from screening.storage import repositories as repo

    now = now or repo.utc_now()
    locked_out = user.locked_until is not None and _aware(user.locked_until) > now
    state = "locked" if not user.active else "locked_out" if locked_out else "active"
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "state": state,
        "created_at": _aware(user.created_at).isoformat(),
        "locked_until": _aware(user.locked_until).isoformat() if locked_out else None,
    }


def list_users(*, db: Context | Database | None = None) -> list[dict[str, Any]]:
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        now = repo.utc_now()
        return [user_to_dict(user, now) for user in repo.list_users(session)]


def get_user(user_id: int, *, db: Context | Database | None = None) -> dict[str, Any]:
    from screening.storage import repositories as repo

    with current(db).database.read() as session:
        user = repo.get_user(session, user_id)
        if user is None:
            raise NotFound("user", str(user_id))
        return user_to_dict(user)


def _admins_left(session: Any, without: int) -> int:
    """Active administrators other than user `without`."""
    from screening.storage import repositories as repo

    return sum(
        1 for user in repo.list_users(session) if user.role == "admin" and user.active and user.id != without
    )


def _changing(session: Any, user_id: int) -> Any:
    from screening.storage import repositories as repo

    user = repo.get_user(session, user_id)
    if user is None:
        raise NotFound("user", str(user_id))
    return user


def set_role(user_id: int, role: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    """Give the user another role; their sessions end (a page opened under the old role must not go on).
    LastAdmin when it takes the admin role from the last active administrator."""
    _check_role(role)
    with current(db).database.write() as session:
        user = _changing(session, user_id)
        if user.role == role:
            return user_to_dict(user)
        if user.role == "admin" and user.active and _admins_left(session, user.id) == 0:
            raise LastAdmin(user.id, "role")
        user.role = role
        user.session_token = new_session_token()
        return user_to_dict(user)


def lock_user(user_id: int, *, by: int | None = None, db: Context | Database | None = None) -> dict[str, Any]:
    """Lock the account until an administrator unlocks it: it cannot sign in and its sessions end. An
    administrator cannot lock their own account (`by`), nor the last active administrator's (LastAdmin)."""
    with current(db).database.write() as session:
        user = _changing(session, user_id)
        if by == user.id or (user.role == "admin" and user.active and _admins_left(session, user.id) == 0):
            raise LastAdmin(user.id, "lock")
        user.active = False
        user.session_token = new_session_token()
        return user_to_dict(user)


def unlock_user(user_id: int, *, db: Context | Database | None = None) -> dict[str, Any]:
    """Unlock the account: locked by an administrator or after wrong passwords, it can sign in again."""
    with current(db).database.write() as session:
        user = _changing(session, user_id)
        user.active, user.locked_until, user.failed_logins = True, None, 0
        return user_to_dict(user)


def reset_password(user_id: int, password: str, *, db: Context | Database | None = None) -> dict[str, Any]:
    """A new password (the policy of `create_user`); the user's sessions end and a lock-out after wrong
    passwords is lifted (a lock by an administrator stays)."""
    from argon2 import PasswordHasher

    problems = password_problems(password)
    if problems:
        raise InputErrors(problems)
    with current(db).database.write() as session:
        user = _changing(session, user_id)
        user.password_hash = PasswordHasher().hash(password)
        user.session_token = new_session_token()
        user.locked_until, user.failed_logins = None, 0
        return user_to_dict(user)
