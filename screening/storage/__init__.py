"""Storage: SQLAlchemy models, engine and sessions, repositories, Alembic migrations and the audit chain."""

from screening.storage.chain import (
    BadRecord,
    NewEvaluation,
    VerifyReport,
    append_evaluations,
    verify_chain,
)
from screening.storage.database import Database, DatabaseUnavailable, open_database

__all__ = [
    "BadRecord",
    "Database",
    "DatabaseUnavailable",
    "NewEvaluation",
    "VerifyReport",
    "append_evaluations",
    "open_database",
    "verify_chain",
]
