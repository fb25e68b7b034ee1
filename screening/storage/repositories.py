"""Repositories: the queries the services layer needs, one function per question, no use-case logic."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.orm import Session

from screening.storage.models import (
    ApiToken,
    Batch,
    Catalog,
    ChainHead,
    Evaluation,
    ProfileRevision,
    User,
)


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- catalogs and profile revisions -------------------------------------------------------------------------


def catalog_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Catalog)) or 0)


def get_catalog(session: Session, catalog_id: int) -> Catalog | None:
    return session.get(Catalog, catalog_id)


def get_or_create_catalog(session: Session, name: str, policy: dict[str, Any], policy_id: str) -> Catalog:
    catalog = session.scalar(select(Catalog).where(Catalog.name == name))
    if catalog is None:
        catalog = Catalog(name=name, policy=policy, policy_id=policy_id, created_at=utc_now())
        session.add(catalog)
        session.flush()
    return catalog


def latest_revision(session: Session, code: str) -> ProfileRevision | None:
    return session.scalar(
        select(ProfileRevision)
        .where(ProfileRevision.code == code)
        .order_by(ProfileRevision.revision.desc())
        .limit(1)
    )


def revision_head(
    connection: Connection, code: str, revision: int | None
) -> tuple[int, str, dict[str, Any]] | None:
    """(revision, content hash, catalog policy) of a position's newest or named revision, in one query."""
    query = (
        select(ProfileRevision.revision, ProfileRevision.content_hash, Catalog.policy)
        .join(Catalog, Catalog.id == ProfileRevision.catalog_id)
        .where(ProfileRevision.code == code)
    )
    if revision is not None:
        query = query.where(ProfileRevision.revision == revision)
    row = connection.execute(query.order_by(ProfileRevision.revision.desc()).limit(1)).first()
    return None if row is None else (int(row[0]), str(row[1]), dict(row[2]))


def revision_content(connection: Connection, code: str, revision: int) -> str:
    return str(
        connection.execute(
            select(ProfileRevision.content).where(
                ProfileRevision.code == code, ProfileRevision.revision == revision
            )
        ).scalar_one()
    )


def get_revision(session: Session, code: str, revision: int) -> ProfileRevision | None:
    return session.scalar(
        select(ProfileRevision).where(ProfileRevision.code == code, ProfileRevision.revision == revision)
    )


def revisions_of(session: Session, code: str) -> Sequence[ProfileRevision]:
    return session.scalars(
        select(ProfileRevision).where(ProfileRevision.code == code).order_by(ProfileRevision.revision)
    ).all()


def latest_revisions(session: Session) -> Sequence[Row[str, int, str, str]]:
    """Code, revision, title and unit of the newest revision of every position, ordered by code (the content
    is left out: lists of positions never read it)."""
    newest = (
        select(ProfileRevision.code, func.max(ProfileRevision.revision).label("revision"))
        .group_by(ProfileRevision.code)
        .subquery()
    )
    return session.execute(
        select(ProfileRevision.code, ProfileRevision.revision, ProfileRevision.title, ProfileRevision.unit)
        .join(
            newest, (ProfileRevision.code == newest.c.code) & (ProfileRevision.revision == newest.c.revision)
        )
        .order_by(ProfileRevision.code)
    ).all()


def add_revision(
    session: Session, catalog: Catalog, code: str, title: str, unit: str, content: str, content_hash: str
) -> tuple[str, int]:
    """Store a profile's content: ("added", 1), ("new_revision", n) or ("unchanged", n). Never overwrites."""
    latest = latest_revision(session, code)
    if latest is not None and latest.content_hash == content_hash:
        return "unchanged", latest.revision
    number = 1 if latest is None else latest.revision + 1
    session.add(
        ProfileRevision(
            catalog_id=catalog.id,
            code=code,
            revision=number,
            title=title,
            unit=unit,
            content=content,
            content_hash=content_hash,
            imported_at=utc_now(),
        )
    )
    session.flush()
    return ("added" if latest is None else "new_revision"), number


# --- users and tokens ---------------------------------------------------------------------------------------


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def add_token(session: Session, role: str, name: str, created_by: str | None) -> tuple[ApiToken, str]:
    """A new token; the secret is returned once and only its hash is stored."""
    token_id = "tok_" + secrets.token_hex(6)
    secret = f"scr_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        id=token_id,
        name=name,
        token_hash=hash_token(secret),
        role=role,
        created_at=utc_now(),
        created_by=created_by,
    )
    session.add(token)
    session.flush()
    return token, secret


def token_for_auth(connection: Connection, secret: str) -> Any:
    """The token row (id, name, role, revoked_at, last_used_at) for a secret, or None."""
    table = ApiToken.__table__
    return connection.execute(
        select(table.c.id, table.c.name, table.c.role, table.c.revoked_at, table.c.last_used_at).where(
            table.c.token_hash == hash_token(secret)
        )
    ).first()


def token_by_secret(session: Session, secret: str) -> ApiToken | None:
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))


def list_tokens(session: Session) -> Sequence[ApiToken]:
    return session.scalars(select(ApiToken).order_by(ApiToken.created_at, ApiToken.id)).all()


def get_token(session: Session, token_id: str) -> ApiToken | None:
    return session.get(ApiToken, token_id)


def add_user(session: Session, username: str, password_hash: str, role: str) -> User:
    user = User(
        username=username,
        password_hash=password_hash,
        role=role,
        created_at=utc_now(),
        failed_logins=0,
        active=True,
        session_token=secrets.token_hex(16),
    )
    session.add(user)
    session.flush()
    return user


def user_by_name(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username))


def get_user(session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def list_users(session: Session) -> Sequence[User]:
    return session.scalars(select(User).order_by(User.username)).all()


# --- evaluations and batches --------------------------------------------------------------------------------


def get_evaluation(session: Session, evaluation_id: str) -> Evaluation | None:
    return session.get(Evaluation, evaluation_id)


def evaluations_by_folio(
    session: Session, folio: str, *, actors: Sequence[str] | None, offset: int, limit: int
) -> tuple[Sequence[Evaluation], int]:
    """Records with this folio, newest first; `actors` limits them to records those actors asked for or
    that belong to their batches (None: every record)."""
    query = select(Evaluation).where(Evaluation.folio == folio)
    if actors is not None:
        own_batches = select(Batch.id).where(Batch.created_by.in_(actors))
        query = query.where(or_(Evaluation.actor.in_(actors), Evaluation.batch_id.in_(own_batches)))
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = session.scalars(query.order_by(Evaluation.seq.desc()).offset(offset).limit(limit)).all()
    return rows, total


def get_batch(session: Session, batch_id: str) -> Batch | None:
    return session.get(Batch, batch_id)


def evaluations_of_batch(
    session: Session, batch_id: str, *, offset: int, limit: int
) -> tuple[Sequence[Evaluation], int]:
    """The records of a batch in row order, and how many it has."""
    query = select(Evaluation).where(Evaluation.batch_id == batch_id)
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    rows = session.scalars(query.order_by(Evaluation.row_number).offset(offset).limit(limit)).all()
    return rows, total


def batches_of_position(session: Session, code: str, limit: int) -> Sequence[Batch]:
    """The batches screened for a position, newest first."""
    return session.scalars(
        select(Batch).where(Batch.position_code == code).order_by(Batch.created_at.desc()).limit(limit)
    ).all()


def chain_head(session: Session) -> tuple[int, str]:
    """(sequence number, hash) of the last record of the chain."""
    head = session.get(ChainHead, 1)
    return (0, "") if head is None else (int(head.seq), str(head.hash))
