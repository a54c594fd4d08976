"""The server's database connection: one SQLite file, or a PostgreSQL database.

:func:`open_database` picks by the target: ``postgresql://...`` / ``postgres://...`` is a
PostgreSQL connection string (psycopg 3 with a connection pool), anything else a SQLite file.
Both give the store the same small interface, so the same SQL runs on both:

* ``transaction()``: a write transaction, committed on exit, rolled back on error. Write
  transactions are serialized, on SQLite by ``BEGIN IMMEDIATE``, on PostgreSQL by one
  transaction-level advisory lock taken first (see :data:`WRITE_LOCK_KEY`). Every
  read-then-write of the backend (a compartment's reservation, an event's dedupe, a guess
  budget, a command's ``seq``) is therefore exactly as correct with several server
  processes on one PostgreSQL database as with threads on one SQLite file.
* ``read()``: a connection for single read statements, each in its own autocommit
  transaction (inside a ``transaction()`` of the same thread: that transaction's
  connection, as on SQLite, so a read sees the thread's own uncommitted writes).
* ``db.execute(sql, params)`` with ``?`` placeholders; ``fetchone()``, ``fetchall()``,
  ``rowcount``, ``description``; rows are read by column name.

Why one global write lock rather than row locks: the write transactions are short (the
PBKDF2 work of a code check runs outside them) and SQLite already runs them one at a time,
so the lock costs PostgreSQL nothing the reference server did not already pay, and no
read-then-write can be forgotten by a later change. Unique constraints (event ids, one
active rent per compartment, one ``seq`` per command) stay the last line.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from kiosk.backend.api import BadRequest

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

log = logging.getLogger("kiosk.backend.db")

POSTGRES_PREFIXES = ("postgresql://", "postgres://")
#: ``pg_advisory_xact_lock`` key every write transaction on PostgreSQL takes first: the
#: PostgreSQL twin of SQLite's ``BEGIN IMMEDIATE`` (one writer at a time, any process).
WRITE_LOCK_KEY = 0x4C4B_5752  # "LKWR"
#: Connections a process keeps at most (``?pool_max=N`` in the URL overrides it).
DEFAULT_POOL_MAX = 10


class DatabaseUnreachable(ConnectionError):
    """The PostgreSQL server cannot be reached or refused the login.

    A :class:`ConnectionError` (an :class:`OSError`), so a caller that already reports an
    unopenable SQLite file (``OSError``) reports this one the same way.
    """


class Cursor(Protocol):
    """What a statement returns (``sqlite3.Cursor`` is one)."""

    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    """What the store's methods run their SQL on (``sqlite3.Connection`` is one)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...


class Row(Protocol):
    """A result row, read by column name (``sqlite3.Row`` on SQLite, a dict on PostgreSQL)."""

    def __getitem__(self, key: str, /) -> Any: ...


def is_postgres(target: str | Path) -> bool:
    """True if ``target`` is a PostgreSQL connection string rather than a file path."""
    return isinstance(target, str) and target.startswith(POSTGRES_PREFIXES)


class Database(Protocol):
    """An open database (see the module docstring)."""

    #: ``"sqlite"`` or ``"postgresql"``.
    dialect: str
    #: The file path or the connection string it was opened with.
    target: str

    def transaction(self) -> contextlib.AbstractContextManager[Connection]: ...

    def read(self) -> Connection: ...

    def close(self) -> None: ...


def open_database(
    target: str | Path, *, synchronous: str = "NORMAL"
) -> SqliteDatabase | PostgresDatabase:
    """Open a SQLite file or connect to PostgreSQL, by the form of ``target``.

    Raises:
        DatabaseUnreachable: a PostgreSQL server that cannot be reached or refused us.
    """
    if is_postgres(target):
        return PostgresDatabase(str(target))
    return SqliteDatabase(target, synchronous=synchronous)


# ====================================================================== SQLite


class SqliteDatabase:
    """One connection per thread to a SQLite file, in WAL mode, with explicit transactions.

    Per-thread connections let the multi-threaded server read (long polls) while another
    thread writes; writes are serialized by SQLite itself (``BEGIN IMMEDIATE`` with a busy
    timeout).
    """

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, synchronous: str = "NORMAL") -> None:
        self.target = str(path)
        self._synchronous = synchronous
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._closed = False

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._closed:
                raise sqlite3.ProgrammingError(f"store {self.target} is closed")
            conn = sqlite3.connect(
                self.target, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute(f"PRAGMA synchronous={self._synchronous}")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on exit, rolled back on error."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def read(self) -> sqlite3.Connection:
        """A connection for single read statements (autocommit)."""
        return self._conn()

    def close(self) -> None:
        """Close every thread's connection (call once, at shutdown)."""
        self._closed = True
        with self._all_lock:
            conns, self._all = self._all, []
        for conn in conns:
            with contextlib.suppress(sqlite3.ProgrammingError):  # owner thread gone
                conn.close()
        self._local = threading.local()


# ====================================================================== PostgreSQL


@functools.lru_cache(maxsize=2048)
def postgres_sql(sql: str) -> str:
    """``?`` placeholders to psycopg's ``%s`` (outside quotes), every ``%`` doubled.

    psycopg reads ``%`` anywhere in a statement with parameters, inside string literals
    too, so a literal ``%`` (``LIKE 'a%'``) must be written ``%%`` for it.
    """
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if ch == "%":
            out.append("%%")
        elif quote is not None:
            out.append(ch)
            if ch == quote:  # '' inside a literal closes and reopens it: same result
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


def _query(sql: str) -> LiteralString:
    # psycopg's stubs want statically known SQL; the store's statements are literals with
    # ``?`` (mypy treats LiteralString as str, so this needs no cast).
    return postgres_sql(sql)


class _Result:
    """A statement's rows, fetched before its connection went back to the pool."""

    def __init__(self, rows: list[Any], rowcount: int, description: Any) -> None:
        self._rows = rows
        self._pos = 0
        self.rowcount = rowcount
        self.description = description

    def fetchone(self) -> Any:
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchall(self) -> list[Any]:
        rows, self._pos = self._rows[self._pos :], len(self._rows)
        return rows


def _params(parameters: Sequence[Any]) -> tuple[Any, ...]:
    """The parameters as a tuple; text holding NUL is refused (400), not a crash (500).

    PostgreSQL's text cannot hold a NUL character (SQLite's can, and stores it). Such text
    only comes from a client's input (an id in a path, a field of a body), so it is the
    request that is bad.
    """
    params = tuple(parameters)
    for p in params:
        if isinstance(p, str) and "\x00" in p:
            raise BadRequest("text must not contain NUL characters")
    return params


def _run(conn: psycopg.Connection[Any], sql: str, parameters: Sequence[Any]) -> _Result:
    cur = conn.execute(_query(sql), _params(parameters))
    rows = cur.fetchall() if cur.description is not None else []
    return _Result(rows, cur.rowcount, cur.description)


class _PgTransaction:
    """The :class:`Connection` of one PostgreSQL transaction (qmark SQL, dict rows)."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        return _run(self._conn, sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor:
        with self._conn.cursor() as cur:
            cur.executemany(_query(sql), [_params(p) for p in parameters])
            return _Result([], cur.rowcount, None)


class _PgReader:
    """The :class:`Connection` of :meth:`PostgresDatabase.read`: one pooled, autocommit
    connection per statement (a long poll holds none while it waits)."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor:
        with self._db.pool.connection() as conn:
            return _run(conn, sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor:
        with self._db.pool.connection() as conn, conn.cursor() as cur:
            cur.executemany(_query(sql), [_params(p) for p in parameters])
            return _Result([], cur.rowcount, None)


def split_url(url: str) -> tuple[str, int]:
    """(libpq connection string, pool size): ``pool_max`` is ours, not libpq's."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    pool_max = DEFAULT_POOL_MAX
    kept = []
    for key, value in query:
        if key == "pool_max":
            try:
                pool_max = int(value)
            except ValueError:
                raise ValueError(f"pool_max must be a whole number, not {value!r}") from None
            if pool_max < 1:
                raise ValueError("pool_max must be at least 1")
        else:
            kept.append((key, value))
    return urlunsplit(parts._replace(query=urlencode(kept))), pool_max


class PostgresDatabase:
    """A PostgreSQL database through a psycopg connection pool (see the module docstring).

    Connections are autocommit; :meth:`transaction` opens an explicit transaction and takes
    the write lock first. ``READ COMMITTED`` then gives every statement after the lock a
    view of every write transaction committed before it, which is what makes the global
    lock sufficient.
    """

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        self.target = url
        conninfo, pool_max = split_url(url)
        self._conninfo = conninfo
        self._local = threading.local()
        try:
            # Fail now, with libpq's reason, rather than on the first request.
            psycopg.connect(conninfo, connect_timeout=10).close()
        except psycopg.Error as exc:
            # libpq's reason spans lines; the caller prints one.
            raise DatabaseUnreachable(" ".join(str(exc).split()) or type(exc).__name__) from exc
        self.pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            conninfo,
            min_size=1,
            max_size=pool_max,
            kwargs={"autocommit": True, "row_factory": dict_row},
            name="kiosk-backend",
            open=True,
        )
        self._listeners: list[_Listener] = []

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A write transaction: the write lock first, committed on exit, rolled back on error."""
        if getattr(self._local, "tx", None) is not None:
            # The pool would hand out a second connection that waits for our own lock.
            raise RuntimeError("transaction() inside a transaction of the same thread")
        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            tx = _PgTransaction(conn)
            self._local.tx = tx
            try:
                yield tx
            finally:
                self._local.tx = None

    def read(self) -> Connection:
        """Single read statements, each autocommit (the thread's transaction if it has one)."""
        tx: _PgTransaction | None = getattr(self._local, "tx", None)
        return tx if tx is not None else _PgReader(self)

    def notify(self, db: Connection, channel: str, payload: str) -> None:
        """``NOTIFY`` inside ``db``'s transaction: delivered to listeners when it commits."""
        db.execute("SELECT pg_notify(?, ?)", (channel, payload))

    def listen(self, channel: str, callback: Callable[[str | None], None]) -> Callable[[], None]:
        """Call ``callback(payload)`` on a daemon thread for each ``NOTIFY`` on ``channel``.

        One extra connection, outside the pool. After every (re)connection the callback
        gets ``None``: notifications sent while nobody listened are lost, so the listener
        re-checks everything instead. Returns a function that stops the thread.
        """
        listener = _Listener(self, channel, callback)
        self._listeners.append(listener)
        listener.start()
        return listener.stop

    def close(self) -> None:
        """Stop the listeners and close the pool (call once, at shutdown)."""
        for listener in self._listeners:
            listener.stop()
        self._listeners.clear()
        self.pool.close()


class _Listener:
    """The ``LISTEN`` thread of :meth:`PostgresDatabase.listen`."""

    #: How long the thread waits for a notification before it looks at its stop flag.
    TICK_S = 5.0

    def __init__(
        self, db: PostgresDatabase, channel: str, callback: Callable[[str | None], None]
    ) -> None:
        self._db = db
        self._channel = channel
        self._callback = callback
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"listen-{channel}", daemon=True)
        self._listening = threading.Event()

    def start(self) -> None:
        self._thread.start()
        # Wait until LISTEN ran (and its first re-check was delivered), so a NOTIFY
        # committed after this returns is not missed.
        self._listening.wait(10.0)

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        if self._thread.is_alive():
            # Wake the thread out of its wait: an empty payload means nothing to listeners.
            with contextlib.suppress(Exception), self._db.pool.connection(timeout=2.0) as conn:
                conn.execute("SELECT pg_notify(%s, '')", (self._channel,))
            self._thread.join(timeout=self.TICK_S + 1.0)

    def _run(self) -> None:
        import psycopg
        from psycopg import sql

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._db._conninfo, autocommit=True) as conn:
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
                    self._deliver(None)
                    self._listening.set()
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=self.TICK_S):
                            if note.payload:
                                self._deliver(note.payload)
                            if self._stop.is_set():
                                break
            except psycopg.Error as exc:
                if self._stop.is_set():
                    break
                log.warning("LISTEN %s lost (%s); reconnecting", self._channel, exc)
                self._stop.wait(1.0)

    def _deliver(self, payload: str | None) -> None:
        try:
            self._callback(payload)
        except Exception:
            log.exception("LISTEN %s: callback failed", self._channel)
