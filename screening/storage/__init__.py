"""Storage: SQLAlchemy models, the database and its unit of work, repositories, Alembic migrations and the
audit chain. Modules are imported by name (`screening.storage.readonly` must not load SQLAlchemy)."""
