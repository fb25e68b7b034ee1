"""Users: a session token, part of every signed-in session cookie, so that signing out or a lock-out ends
every earlier session of the user (the cookie session itself lives in the browser).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_token", sa.String(64), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("session_token", sa.String(64)))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update().where(users.c.id == user_id).values(session_token=secrets.token_hex(16))
        )
    with op.batch_alter_table("users") as batch:
        batch.alter_column("session_token", existing_type=sa.String(64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_token")
