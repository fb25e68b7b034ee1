"""SQLAlchemy models: catalogs and profile revisions, accounts, the evaluation chain and batches.

JSON that is hashed (evaluation input and verdict bodies) is stored as canonical JSON text, so the bytes read back
are the bytes that were hashed, on SQLite and PostgreSQL alike (SPEC section 5).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

GENESIS_HASH = "0" * 64
"""prev_hash of the first record of the chain."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Catalog(Base):
    __tablename__ = "catalogs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)
    policy_id: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ProfileRevision(Base):
    """One revision of one position's profile; rows are only ever added (SPEC section 2, Revisions)."""

    __tablename__ = "profile_revisions"
    __table_args__ = (UniqueConstraint("code", "revision", name="uq_profile_revisions_code_revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    catalog_id: Mapped[int] = mapped_column(ForeignKey("catalogs.id"))
    code: Mapped[str] = mapped_column(String(100), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    """Canonical JSON of profile_to_dict(profile)."""
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_token: Mapped[str] = mapped_column(String(64))
    """Random; part of every signed-in session cookie of this user. A new one (sign-out, lock-out, a change
    of role or password) makes every earlier cookie of the user worthless."""


class ApiToken(Base):
    """A bearer token: only its SHA-256 is stored (tokens carry 256 random bits, so no slow hash is needed)."""

    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ChainHead(Base):
    """The one row every writer locks before appending: the last sequence number and hash."""

    __tablename__ = "chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))


class VerdictBody(Base):
    """A verdict as canonical JSON text, stored once however many records share it (content-addressed)."""

    __tablename__ = "verdict_bodies"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    """SHA-256 (hex) of `body`'s UTF-8 bytes."""
    body: Mapped[str] = mapped_column(Text)


class Evaluation(Base):
    """An evaluation record (SPEC section 5). Immutable; `hash` covers every other column, and through
    `verdict_hash` the verdict body it names. Indexed only where a query or a constraint needs it: every
    index is written with every record."""

    __tablename__ = "evaluations"
    __table_args__ = (
        UniqueConstraint("batch_id", "row_number", name="uq_evaluations_batch_row"),
        Index("ix_evaluations_folio", "folio"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[str] = mapped_column(String(40))
    """UTC, ISO 8601 text with microseconds: stored as the hashed text, not re-rendered."""
    as_of: Mapped[date] = mapped_column(Date)
    lang: Mapped[str] = mapped_column(String(10))
    position_code: Mapped[str] = mapped_column(String(100))
    revision: Mapped[int] = mapped_column(Integer)
    policy_id: Mapped[str] = mapped_column(String(100))
    fingerprint: Mapped[str] = mapped_column(String(80))
    engine_version: Mapped[str] = mapped_column(String(40))
    input: Mapped[str | None] = mapped_column(Text, nullable=True)
    verdict_hash: Mapped[str] = mapped_column(ForeignKey("verdict_bodies.hash"))
    outcome: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(100))
    batch_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    row_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    folio: Mapped[str | None] = mapped_column(String(200), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """Unique: a second record pointing at the same predecessor (a fork) cannot be written (RELIABILITY 1.4)."""
    hash: Mapped[str] = mapped_column(String(64))
    """Not indexed: records are found by id, folio or batch row, and a second record with the same hash would
    have the same prev_hash, which is unique. Each index on a random key costs a page write per record."""
    format: Mapped[int] = mapped_column(Integer, default=2)
    """The record format, hashed from format 2 on: 1, records written before the input hash (their hash covers
    `input` itself); 2, the hash covers `input_hash`, so the input can be purged and the record still verify."""
    input_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """SHA-256 (hex) of `input`'s UTF-8 text; None when no input was stored."""
    purged_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """When retention removed the input (UTC, ISO 8601); not hashed: the act is a retention entry of the chain."""

    verdict_body: Mapped[VerdictBody | None] = relationship(lazy="joined")
    """Loaded with the record; None only when the body was deleted behind the chain's back."""

    @property
    def verdict(self) -> str | None:
        """The verdict's canonical JSON text (None when its body is missing: `audit verify` names that)."""
        body = self.verdict_body
        return None if body is None else body.body


class ChainEntry(Base):
    """A record of the chain that is not an evaluation (docs/storage.md, record kinds): a person's decision on an
    evaluation's criteria under review, a publication of a batch's qualifying folios, a retention run. It
    shares the sequence and the hash links of the evaluations: one chain, in `seq` order over both tables."""

    __tablename__ = "chain_entries"
    __table_args__ = (Index("ix_chain_entries_subject", "subject"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    format: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    """"decision", "publication" or "retention"."""
    created_at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    subject: Mapped[str | None] = mapped_column(String(40), nullable=True)
    """What the entry refers to: the evaluation id of a decision, the batch id of a publication."""
    body: Mapped[str] = mapped_column(Text)
    """The entry's content as canonical JSON text (hashed as text)."""
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))


class Batch(Base):
    """A bulk screening job; the original file name is only shown, never used as a path."""

    __tablename__ = "batches"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    position_code: Mapped[str] = mapped_column(String(100))
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    original_filename: Mapped[str | None] = mapped_column(Text, nullable=True)
    encoding: Mapped[str | None] = mapped_column(String(40), nullable=True)
    delimiter: Mapped[str | None] = mapped_column(String(8), nullable=True)
    rows_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    input_blob: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    input_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    """File name under the data directory's batches/ folder, chosen by the server."""
    result_keys: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """Format ("csv", "xlsx") -> file name under the data directory's batches/ folder."""
