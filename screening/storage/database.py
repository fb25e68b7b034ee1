"""Engine and session setup for SQLite and PostgreSQL, and migrations applied from the package.

SQLite: WAL, a busy timeout, and `BEGIN IMMEDIATE` for write sessions so two writers never read the same chain
head (RELIABILITY 1.4 and 2.2; the pysqlite dialect's "Serializable isolation / Savepoints / Transactional DDL"
recipe). PostgreSQL: `pool_pre_ping`, connect and statement timeouts; writers lock the chain head row.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

try:
    import fcntl
except ImportError:  # not on POSIX: SQLite's busy timeout alone serialises writers
    fcntl = None  # type: ignore[assignment]

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from screening.storage.readonly import SCHEMA_HEAD

log = logging.getLogger(__name__)

WRITE_OPTION = "screening_write"
_MIGRATION_LOCK = 0x5C12EE  # pg_advisory_xact_lock key held while migrating


class DatabaseUnavailable(Exception):
    """The database cannot be reached or does not answer in time (the API answers 503)."""


class StorageNotWritable(Exception):
    """Writes cannot succeed now: the disk is full or read-only (the API answers 503 storage_full)."""


_CANNOT_WRITE = ("disk is full", "disk i/o error", "readonly database", "read-only", "no space left")
_CANNOT_WRITE_ERRNOS = (errno.ENOSPC, errno.EROFS, errno.EDQUOT)


def cannot_write(error: BaseException) -> bool:
    """Whether `error` says the storage cannot take a write (full, read-only), rather than that the database
    is away or the statement is wrong."""
    if isinstance(error, OSError):
        return error.errno in _CANNOT_WRITE_ERRNOS
    if isinstance(error, OperationalError):
        text = str(error.orig).lower() if error.orig is not None else ""
        return any(sign in text for sign in _CANNOT_WRITE)
    return False


def storage_problem(paths: list[Path], min_free_bytes: int) -> str | None:
    """Why a write to the file systems of `paths` would fail now ("read-only", "full"), or None."""
    for path in paths:
        try:
            stats = os.statvfs(path)
        except OSError:
            continue  # not there (yet): its parent is checked when it is made
        if stats.f_flag & os.ST_RDONLY:
            return f"{path} is on read-only storage"
        free = stats.f_bavail * stats.f_frsize
        if free < min_free_bytes:
            return f"{path} has {free:,} bytes free (less than {min_free_bytes:,})"
    return None


class ReadOnlyDatabase(Exception):
    """A write asked of a database opened for reading only (a bug in the caller)."""


def _read_only_sqlite(path: Path, busy_timeout: int) -> sqlite3.Connection:
    """A connection that cannot write: `mode=ro`, and `immutable=1` when the directory cannot be written
    either (a read-only copy), since SQLite then cannot create the WAL index it needs even to read. A
    non-empty WAL left beside such a copy is not trusted to be ignored: SQLite's own read-only mode reads it
    (with its -shm index) or says it cannot."""
    uri = f"file:{quote(str(path))}?mode=ro"
    wal = Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    if not os.access(path.parent, os.W_OK) and not has_wal:
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)


def normalise_url(url: str) -> URL:
    """`postgres://` and `postgresql://` use psycopg 3, the driver the project ships."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


class Database:
    """One engine (per app or command), with reader sessions and the one unit of work for writes, `write()`."""

    def __init__(
        self,
        url: str,
        *,
        busy_timeout: int = 30,
        connect_timeout: int = 2,
        statement_timeout_ms: int = 1_500,
        answer_timeout_ms: int = 2_000,
        read_only: bool = False,
    ) -> None:
        """`read_only`: nothing is ever written, not even SQLite's WAL index, so an archived copy on read-only
        media can be read (`screening audit`)."""
        self.url = normalise_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self.is_postgres = self.url.get_backend_name() == "postgresql"
        self.read_only = read_only
        self._busy_timeout = busy_timeout
        on_file = self.is_sqlite and bool(self.url.database) and self.url.database != ":memory:"
        if self.is_sqlite and read_only and on_file:
            self.engine = create_engine(
                self.url, creator=partial(_read_only_sqlite, Path(str(self.url.database)), busy_timeout)
            )
            _install_sqlite_events(self.engine, busy_timeout, read_only=True)
        elif self.is_sqlite:
            if on_file:
                Path(str(self.url.database)).parent.mkdir(parents=True, exist_ok=True)
            self.engine = create_engine(
                self.url,
                connect_args={"timeout": busy_timeout, "check_same_thread": False},
            )
            _install_sqlite_events(self.engine, busy_timeout)
        else:
            connect_args: dict[str, Any] = {}
            if self.is_postgres:
                connect_args = {
                    "connect_timeout": connect_timeout,
                    "options": f"-c statement_timeout={statement_timeout_ms} -c lock_timeout={statement_timeout_ms}"
                    + (" -c default_transaction_read_only=on" if read_only else ""),
                    # A host that went away (no ACKs): the kernel gives the connection up.
                    "keepalives": 1,
                    "keepalives_idle": 5,
                    "keepalives_interval": 2,
                    "keepalives_count": 2,
                    "tcp_user_timeout": answer_timeout_ms,
                }
            self.engine = create_engine(
                self.url,
                pool_pre_ping=True,
                pool_size=10,
                max_overflow=20,
                pool_timeout=connect_timeout,
                connect_args=connect_args,
            )
            if self.is_postgres:
                _install_answer_deadline(self.engine, answer_timeout_ms / 1000)
        self._thread_lock = threading.Lock()
        self._checkpointer_pid = 0
        self._checkpointer_stop = threading.Event()
        self._written = threading.Event()
        self._kept: Connection | None = None
        self._kept_session: Session | None = None
        self._kept_pid = 0
        self._lock_fd: int | None = None
        self._lock_pid = 0
        self._lock_path: str | None = None
        if on_file and not read_only:
            self._lock_path = str(self.url.database) + "-writelock"
        if hasattr(os, "register_at_fork"):
            # Connections inherited from the parent must not be used by a child (gunicorn --preload, Celery
            # prefork); the hook holds the database weakly, so it goes when the database does.
            os.register_at_fork(after_in_child=partial(_dispose_in_child, weakref.ref(self)))
        self._reader = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self._writer = sessionmaker(bind=self._write_engine, expire_on_commit=False)

    def __repr__(self) -> str:
        return f"Database({self.url.render_as_string(hide_password=True)!r})"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it never takes the write lock."""
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """The one unit of work for writes: a session inside one write transaction (`BEGIN IMMEDIATE` on
        SQLite, after the writer queue), committed at the end or rolled back on error."""
        if self.read_only:
            raise ReadOnlyDatabase(f"{self!r} was opened for reading only")
        with self._serialised():
            if self._lock_path is None:
                with self._writer() as session, session.begin():
                    yield session
                return
            # On an SQLite file the writes of a process are serialised anyway, so they share one connection
            # kept out of the pool: a pool checkout and a connection object per write cost more than the
            # statements of one record (a stored evaluation in process 1.9 ms to 1.6 ms).
            connection, session = self._kept_writer()
            try:
                with connection.begin():
                    yield session
                    session.flush()
            finally:
                session.close()

    def _kept_writer(self) -> tuple[Connection, Session]:
        """This process's connection for writes to the SQLite file, and a session on it that each write uses
        and closes (called with the writer queue held)."""
        if self._kept is None or self._kept_pid != os.getpid():
            connection = self._write_engine.connect()
            self._kept, self._kept_session, self._kept_pid = (
                connection,
                self._writer(bind=connection),
                os.getpid(),
            )
        assert self._kept_session is not None  # nosec B101 # narrows the type; set with the connection just above
        return self._kept, self._kept_session

    @contextmanager
    def _serialised(self) -> Iterator[None]:
        """SQLite file: writers of this process queue on a lock, writers of other processes on a lock file.

        SQLite's own busy handler waits by sleeping in growing steps, which under load costs more than the
        write itself; a blocked flock wakes as soon as the holder commits. BEGIN IMMEDIATE still guards the
        database against writers that do not take this lock (another tool, an older process).
        """
        if self._lock_path is None:
            yield
            return
        with self._thread_lock:
            if self._checkpointer_pid != os.getpid():
                self._start_checkpointer()
            if fcntl is None:
                yield
                self._written.set()
                return
            handle = self._lock_handle()
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                self._written.set()

    def _start_checkpointer(self) -> None:
        """A daemon thread per process that copies the WAL back into the database file (a passive
        checkpoint: it waits for no reader or writer) within CHECKPOINT_SECONDS of this process's writes, so a
        commit seldom has to: SQLite's own automatic checkpoint runs inside the commit that crosses its
        threshold, holding the write lock, and under load those commits took over half the time spent
        committing. Called by `_serialised`, with the thread lock held, for a database file this process has
        no checkpointer for yet."""
        self._checkpointer_pid = os.getpid()
        self._checkpointer_stop = threading.Event()
        path = str(self.url.database)
        weakref.finalize(self, self._checkpointer_stop.set)  # the thread ends with its database
        thread = threading.Thread(
            target=_checkpoint_loop,
            args=(path, self._checkpointer_stop, self._written, self._busy_timeout),
            name="sqlite-checkpoint",
            daemon=True,
        )
        thread.start()

    def _lock_handle(self) -> int:
        if self._lock_fd is None or self._lock_pid != os.getpid():
            assert self._lock_path is not None  # nosec B101 # narrows the type; only called when writes use a lock file
            self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            self._lock_pid = os.getpid()
            weakref.finalize(self, _close_quietly, self._lock_fd)
        return self._lock_fd

    def ping(self) -> None:
        """Raises DatabaseUnavailable when the database does not answer."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except (OperationalError, DBAPIError) as exc:
            raise DatabaseUnavailable(str(exc.orig.__class__.__name__ if exc.orig else exc)) from exc

    def check_writable(self, paths: list[Path], min_free_bytes: int) -> None:
        """Raises StorageNotWritable when a write would fail now: a file system of `paths` (and of the SQLite
        file) is read-only or has less than `min_free_bytes` free, or PostgreSQL takes no writes (a standby,
        or read-only transactions). Costs a statvfs per path, and one query on PostgreSQL."""
        if self.is_sqlite and self.url.database and self.url.database != ":memory:":
            paths = [*paths, Path(str(self.url.database)).parent]
        problem = storage_problem(paths, min_free_bytes)
        if problem is None and self.is_postgres:
            try:
                with self.engine.connect() as connection:
                    read_only = connection.execute(
                        text("SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'")
                    ).scalar()
            except (OperationalError, DBAPIError) as exc:
                raise DatabaseUnavailable(str(exc.orig.__class__.__name__ if exc.orig else exc)) from exc
            if read_only:
                problem = "the PostgreSQL server takes no writes (read-only or in recovery)"
        if problem is not None:
            raise StorageNotWritable(problem)

    def is_current(self) -> bool:
        """True when the schema is at SCHEMA_HEAD; False when it is older, newer or not there at all."""
        try:
            with self.engine.connect() as connection:
                versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError:
            return False
        return versions == [SCHEMA_HEAD]

    def migrate(self, revision: str = "head") -> None:
        """Bring the schema to `revision`; concurrent callers wait for each other."""
        from alembic import command

        config = alembic_config(self)
        with self.engine.connect() as connection:
            if self.is_sqlite:
                # The begin event makes this BEGIN IMMEDIATE: a second process waits for the first to finish.
                connection = connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin(), _migration_limits(connection):
                if self.is_postgres:
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
                config.attributes["connection"] = connection
                command.upgrade(config, revision)

    def downgrade(self, revision: str = "base") -> None:
        from alembic import command

        config = alembic_config(self)
        with self.engine.connect() as connection:
            if self.is_sqlite:
                connection = connection.execution_options(**{WRITE_OPTION: True})
            with connection.begin():
                config.attributes["connection"] = connection
                command.downgrade(config, revision)

    def dispose(self) -> None:
        self._checkpointer_stop.set()
        with self._thread_lock:
            self._checkpointer_pid = 0  # a later write starts another
            if self._kept is not None and self._kept_pid == os.getpid():
                self._kept.close()
            self._kept = None
        self.engine.dispose()


MIGRATION_SECONDS = 300
"""How long one statement of a migration, or the wait for another process's migration, may take on
PostgreSQL: far above a request's limits (DB_STATEMENT_TIMEOUT_MS, DB_ANSWER_TIMEOUT_MS), since rewriting a
large table takes what it takes."""


@contextmanager
def _migration_limits(connection: Connection) -> Iterator[None]:
    """Inside a migration's transaction on PostgreSQL: the server's and the client's limits at
    MIGRATION_SECONDS, the client's restored after."""
    if connection.dialect.name != "postgresql":
        yield
        return
    milliseconds = MIGRATION_SECONDS * 1000
    connection.exec_driver_sql(f"SET LOCAL statement_timeout = {milliseconds}")
    connection.exec_driver_sql(f"SET LOCAL lock_timeout = {milliseconds}")
    driver = connection.connection.driver_connection
    kept = getattr(driver, "answer_seconds", None)
    if kept is not None:
        driver.answer_seconds = float(MIGRATION_SECONDS)  # type: ignore[union-attr]
    try:
        yield
    finally:
        if kept is not None:
            driver.answer_seconds = kept  # type: ignore[union-attr]


def _close_quietly(descriptor: int) -> None:
    with suppress(OSError):  # closed already, or not this process's
        os.close(descriptor)


def _dispose_in_child(database: weakref.ref[Database]) -> None:
    found = database()
    if found is not None:
        found.engine.dispose(close=False)


CHECKPOINT_SECONDS = 0.1


def _checkpoint_loop(path: str, stop: threading.Event, written: threading.Event, busy_timeout: int) -> None:
    """Every CHECKPOINT_SECONDS after a write of this process, a passive checkpoint on its own connection."""
    connection: sqlite3.Connection | None = None
    try:
        while not stop.wait(CHECKPOINT_SECONDS):
            if not written.is_set():
                continue
            written.clear()
            try:
                if connection is None:
                    connection = sqlite3.connect(path, timeout=busy_timeout, check_same_thread=False)
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error as exc:  # the database away or being replaced: try again next time
                log.debug("checkpoint skipped: %s", exc)
                if connection is not None:
                    connection.close()
                    connection = None
    finally:
        if connection is not None:
            connection.close()


def is_write_session(session: Session) -> bool:
    return bool(session.connection().get_execution_options().get(WRITE_OPTION))


def _install_sqlite_events(engine: Engine, busy_timeout: int, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Hand transaction control to SQLAlchemy's begin event below (pysqlite otherwise defers BEGIN).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            if read_only:
                cursor.execute("PRAGMA query_only = ON")
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Bulk recording: the chain's index pages stay in memory from one chunk to the next (32 MB at
            # most), and the WAL is copied back every 10,000 pages rather than 1,000, so a page that several
            # chunks rewrite is copied once (measured: 100,000 records in 500-row transactions, 2.2 s instead of 3.7 s).
            cursor.execute("PRAGMA cache_size = -32768")
            cursor.execute("PRAGMA wal_autocheckpoint = 10000")
            cursor.execute("PRAGMA journal_size_limit = 67108864")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        statement = "BEGIN IMMEDIATE" if connection.get_execution_options().get(WRITE_OPTION) else "BEGIN"
        # Sent to the driver as it is (SQLAlchemy's execution of it cost a twentieth of a stored evaluation);
        # a driver error is raised as SQLAlchemy's, as exec_driver_sql would.
        try:
            connection.connection.driver_connection.execute(statement)  # type: ignore[union-attr]
        except sqlite3.Error as exc:
            raise DBAPIError.instance(statement, (), exc, sqlite3.Error) from exc


def _install_answer_deadline(engine: Engine, seconds: float) -> None:
    """Every wait for the PostgreSQL server is bounded on the client side (RELIABILITY 2.1).

    A frozen server (a stopped process, a paused VM) still has a kernel that accepts connections and
    acknowledges packets, so neither its own statement_timeout nor TCP keepalives end the wait: only the
    client can. psycopg waits for each answer in `Connection.wait`; the subclass gives that wait a deadline.
    """
    import psycopg

    class AnsweringConnection(psycopg.Connection[Any]):
        answer_seconds: float = seconds
        """This connection's deadline; `Database.migrate` lengthens it while it migrates."""

        def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
            deadline = self.answer_seconds if timeout is None else timeout
            try:
                return super().wait(gen, interval, deadline)
            except psycopg.errors._WaitTimeout:  # what psycopg raises when `timeout` passes
                # Half a conversation with the server: the connection cannot be used again. Once closed,
                # SQLAlchemy sees a disconnect and replaces it (and pre-pings the rest of the pool).
                self.pgconn.finish()
                raise psycopg.OperationalError(
                    f"the database server did not answer within {deadline:g} s"
                ) from None

    @event.listens_for(engine, "do_connect")
    def _connect(_dialect: Any, _record: Any, cargs: Any, cparams: dict[str, Any]) -> Any:
        return AnsweringConnection.connect(*cargs, **cparams)


def alembic_config(database: Database | None = None) -> Any:
    """The Alembic configuration shipped in the package (screening/storage/alembic.ini)."""
    from alembic.config import Config

    ini = resources.files("screening.storage").joinpath("alembic.ini")
    config = Config(str(ini))
    config.set_main_option(
        "script_location", str(resources.files("screening.storage").joinpath("migrations"))
    )
    if database is not None:
        config.set_main_option(
            "sqlalchemy.url", database.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config
