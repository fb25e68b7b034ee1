"""The chain's other record kinds and retention: `chain_entries` (decisions, publications, retention runs,
sharing the evaluations' sequence and hash links) and, on evaluations, a record format, the input's SHA-256 and
when the input was purged.

Existing records are carried over as format 1: their hash covers the input text, and nothing they hash is
changed or recomputed, so they verify as before. Their `input_hash` is filled in (the SHA-256 of the stored
input), which a retention run seals into the chain before it purges such an input (docs/storage.md).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CHUNK = 1000


def upgrade() -> None:
    with op.batch_alter_table("evaluations") as batch:
        batch.add_column(sa.Column("format", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("input_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("purged_at", sa.String(40), nullable=True))
    evaluations = sa.table(
        "evaluations",
        sa.column("seq", sa.BigInteger()),
        sa.column("input", sa.Text()),
        sa.column("format", sa.Integer()),
        sa.column("input_hash", sa.String(64)),
    )
    connection = op.get_bind()
    connection.execute(evaluations.update().values(format=1))
    last = 0
    while True:
        rows = connection.execute(
            sa.select(evaluations.c.seq, evaluations.c.input)
            .where(evaluations.c.seq > last, evaluations.c.input.is_not(None))
            .order_by(evaluations.c.seq)
            .limit(CHUNK)
        ).all()
        if not rows:
            break
        connection.execute(
            evaluations.update().where(evaluations.c.seq == sa.bindparam("key")),
            [
                {"key": seq, "input_hash": hashlib.sha256(text.encode("utf-8")).hexdigest()}
                for seq, text in rows
            ],
        )
        last = rows[-1][0]
    with op.batch_alter_table("evaluations") as batch:
        batch.alter_column("format", existing_type=sa.Integer(), nullable=False)
    op.create_table(
        "chain_entries",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("subject", sa.String(40), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_chain_entries"),
        sa.UniqueConstraint("seq", name="uq_chain_entries_seq"),
        sa.UniqueConstraint("prev_hash", name="uq_chain_entries_prev_hash"),
    )
    op.create_index("ix_chain_entries_subject", "chain_entries", ["subject"])


def downgrade() -> None:
    connection = op.get_bind()
    newer = connection.execute(sa.text("SELECT count(*) FROM evaluations WHERE format <> 1")).scalar_one()
    entries = connection.execute(sa.text("SELECT count(*) FROM chain_entries")).scalar_one()
    purged = connection.execute(
        sa.text("SELECT count(*) FROM evaluations WHERE input IS NULL AND input_hash IS NOT NULL")
    ).scalar_one()
    if newer or entries or purged:
        raise RuntimeError(
            f"downgrade below 0003: found {newer} record(s) of format 2, {entries} chain entries and {purged} "
            "purged input(s), which the older schema cannot verify; accepted: a chain of format 1 records only"
        )
    op.drop_index("ix_chain_entries_subject", table_name="chain_entries")
    op.drop_table("chain_entries")
    with op.batch_alter_table("evaluations") as batch:
        batch.drop_column("purged_at")
        batch.drop_column("input_hash")
        batch.drop_column("format")
