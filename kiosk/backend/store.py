"""Every SQL statement of the backend package, in one place.

Three stores live here:

* :class:`BackendStore`: the backend's data (lockers, compartments, parcels, rents, sends,
  couriers, events, commands, idempotency records), on a SQLite file or on PostgreSQL
  (:mod:`kiosk.backend.db`). Its SQL is portable, the same text for both — standard types
  (``TEXT``, ``INTEGER``, ``DOUBLE PRECISION``), ``INSERT ... ON CONFLICT DO NOTHING``,
  no ``AUTOINCREMENT``/``ROWID`` tricks, no SQLite-only functions, ``?`` placeholders —
  and its schema has one migration path (:data:`MIGRATIONS`).
* :class:`OutboxStore` and :class:`OfflineCacheStore`: the kiosk's own durable state, which
  always stays on SQLite on the kiosk's disk (WAL, ``synchronous=FULL``).

Times are stored as UNIX seconds (``DOUBLE PRECISION``); JSON documents as ``TEXT``.
Keeping the SQL here means the rest of the package deals in Python values only.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.backend.db import Connection as Connection
from kiosk.backend.db import PostgresDatabase, SqliteDatabase, open_database
from kiosk.backend.db import Row as Row

log = logging.getLogger("kiosk.backend.store")


class _Sqlite:
    """A SQLite file with one connection per thread (see :class:`SqliteDatabase`).

    The base of the kiosk's own stores; :meth:`_create` runs in the first transaction.
    """

    def __init__(self, path: str | Path, *, synchronous: str = "NORMAL") -> None:
        self.path = str(path)
        self._db = SqliteDatabase(path, synchronous=synchronous)
        with self.transaction() as db:
            self._create(db)

    def _create(self, db: sqlite3.Connection) -> None:
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on exit, rolled back on error."""
        return self._db.transaction()

    def read(self) -> sqlite3.Connection:
        """A connection for single read statements (autocommit)."""
        return self._db.read()

    def close(self) -> None:
        """Close every thread's connection (call once, at shutdown)."""
        self._db.close()


# ====================================================================== backend store

#: The tables as the first release made them; later columns and tables are migrations.
_BASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS lockers (
    locker_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    timezone TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL,
    kdf_salt TEXT NOT NULL,
    kdf_iterations INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS guess_budgets (
    locker_id TEXT NOT NULL REFERENCES lockers(locker_id),
    pool TEXT NOT NULL,
    tokens DOUBLE PRECISION NOT NULL,
    at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (locker_id, pool)
);
CREATE TABLE IF NOT EXISTS compartments (
    locker_id TEXT NOT NULL REFERENCES lockers(locker_id),
    compartment_id TEXT NOT NULL,
    board INTEGER NOT NULL,
    lock_no INTEGER NOT NULL,
    size TEXT NOT NULL,
    col INTEGER NOT NULL,
    row_no INTEGER NOT NULL,
    accessible INTEGER NOT NULL,
    sensor INTEGER NOT NULL,
    PRIMARY KEY (locker_id, compartment_id)
);
CREATE TABLE IF NOT EXISTS parcels (
    parcel_id TEXT PRIMARY KEY,
    locker_id TEXT NOT NULL REFERENCES lockers(locker_id),
    barcode TEXT NOT NULL,
    size TEXT NOT NULL,
    recipient_hint TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    phone_suffix TEXT
);
CREATE INDEX IF NOT EXISTS parcels_barcode ON parcels (locker_id, barcode);
CREATE TABLE IF NOT EXISTS rents (
    rent_id TEXT PRIMARY KEY,
    locker_id TEXT NOT NULL REFERENCES lockers(locker_id),
    compartment_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    parcel_id TEXT,
    send_id TEXT,
    code_hash TEXT,
    phone_suffix TEXT,
    expires_at DOUBLE PRECISION NOT NULL,
    request_fingerprint TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS rents_code ON rents (locker_id, code_hash);
CREATE INDEX IF NOT EXISTS rents_compartment ON rents (locker_id, compartment_id, status);
CREATE TABLE IF NOT EXISTS sends (
    send_id TEXT PRIMARY KEY,
    locker_id TEXT NOT NULL REFERENCES lockers(locker_id),
    code_hash TEXT NOT NULL,
    size TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_code ON sends (locker_id, code_hash);
CREATE TABLE IF NOT EXISTS couriers (
    courier_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    company TEXT NOT NULL,
    pin_salt TEXT NOT NULL,
    pin_hash TEXT NOT NULL,
    badge_hash TEXT UNIQUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS courier_sessions (
    token_hash TEXT PRIMARY KEY,
    courier_id TEXT NOT NULL REFERENCES couriers(courier_id),
    locker_id TEXT NOT NULL REFERENCES lockers(locker_id),
    expires_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    locker_id TEXT NOT NULL,
    type TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL,
    compartment_id TEXT,
    rent_id TEXT,
    actor TEXT NOT NULL,
    status TEXT NOT NULL,
    code TEXT,
    received_at DOUBLE PRECISION NOT NULL,
    batch_pos INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS heartbeats (
    locker_id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    received_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS commands (
    command_id TEXT PRIMARY KEY,
    locker_id TEXT NOT NULL,
    type TEXT NOT NULL,
    args TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    seq INTEGER NOT NULL,
    result TEXT,
    detail TEXT,
    acked_at DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS commands_pending ON commands (locker_id, acked_at, seq);
CREATE TABLE IF NOT EXISTS idempotency (
    locker_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (locker_id, idem_key)
);
CREATE TABLE IF NOT EXISTS server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS app_pairings (
    nonce TEXT PRIMARY KEY,
    locker_id TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """An answer kept for an ``Idempotency-Key``."""

    fingerprint: str
    status: int
    content_type: str
    body: str


def _add_column(db: Connection, table: str, column: str, type_: str) -> None:
    """``ALTER TABLE ... ADD COLUMN`` unless the column is there (SQLite has no
    ``ADD COLUMN IF NOT EXISTS``): a store made by a release from before the migrations
    table may already have it."""
    columns = {d[0] for d in db.execute(f"SELECT * FROM {table} LIMIT 0").description}
    if column not in columns:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {type_}")


def _script(sql: str) -> Callable[[Connection], None]:
    def run(db: Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)

    return run


def _courier_offline_set(db: Connection) -> None:
    _add_column(db, "couriers", "badge_kdf_hash", "TEXT")
    db.execute(
        "CREATE TABLE IF NOT EXISTS courier_visits ("
        " courier_id TEXT NOT NULL REFERENCES couriers(courier_id),"
        " locker_id TEXT NOT NULL REFERENCES lockers(locker_id),"
        " last_at DOUBLE PRECISION NOT NULL,"
        " PRIMARY KEY (courier_id, locker_id))"
    )


#: The one migration path of both databases: (version, what it does, step), in order.
#: A step is portable SQL and idempotent (``IF NOT EXISTS``, a column added only when
#: missing), so a SQLite file made before there was a ``schema_version`` table goes
#: through all of them, whatever it already had. Append; never edit a released step.
MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "base tables", _script(_BASE_SCHEMA)),
    (2, "events.detail", lambda db: _add_column(db, "events", "detail", "TEXT")),
    (3, "rents.receipt", lambda db: _add_column(db, "rents", "receipt", "TEXT")),
    (4, "couriers.badge_kdf_hash and courier_visits", _courier_offline_set),
    (
        5,
        "one active rent per compartment",
        _script(
            "CREATE UNIQUE INDEX IF NOT EXISTS rents_active_compartment"
            " ON rents (locker_id, compartment_id)"
            " WHERE status IN ('reserved', 'deposited', 'expired')"
        ),
    ),
    (
        6,
        "one seq per locker's command",
        _script("CREATE UNIQUE INDEX IF NOT EXISTS commands_seq ON commands (locker_id, seq)"),
    ),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
#: Where :meth:`BackendStore.notify_commands` tells other server processes of a command.
COMMANDS_CHANNEL = "locker_commands"


def migrate(db: Connection, now: float) -> list[int]:
    """Bring the schema up to :data:`SCHEMA_VERSION` in ``db``'s transaction.

    Returns the versions applied. A database newer than this code is left alone (its
    extra columns and tables are additions this code does not read) with a warning.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)"
    )
    row = db.execute("SELECT MAX(version) AS v FROM schema_version").fetchone()
    current = 0 if row["v"] is None else int(row["v"])
    if current > SCHEMA_VERSION:
        log.warning("database schema is version %d, newer than this code's %d", current,
                    SCHEMA_VERSION)  # fmt: skip
    applied = []
    for version, name, step in MIGRATIONS:
        if version > current:
            step(db)
            db.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, now),
            )
            applied.append(version)
    if applied:
        # An upgrade is news for the operator; a new database's creation is not.
        log.log(logging.INFO if current else logging.DEBUG, "database schema %d -> %d", current,
                applied[-1])  # fmt: skip
    return applied


class BackendStore:
    """The backend's tables on SQLite or PostgreSQL (see :mod:`kiosk.backend.db`).

    Methods taking ``db`` run inside the caller's transaction.

    Args:
        target: a SQLite file path, or a ``postgresql://`` connection string.
    """

    def __init__(self, target: str | Path) -> None:
        self.db = open_database(target)
        #: The file path or connection string this store was opened with.
        self.path = self.db.target
        #: ``"sqlite"`` or ``"postgresql"``.
        self.dialect = self.db.dialect
        try:
            with self.transaction() as db:
                migrate(db, time.time())
                self._create(db)
        except BaseException:
            self.db.close()
            raise

    def transaction(self) -> contextlib.AbstractContextManager[Connection]:
        """A write transaction: committed on exit, rolled back on error; writers take turns."""
        return self.db.transaction()

    def read(self) -> Connection:
        """A connection for single read statements (autocommit)."""
        return self.db.read()

    def close(self) -> None:
        """Close the connections (call once, at shutdown)."""
        self.db.close()

    def notify_commands(self, db: Connection, locker_id: str) -> None:
        """Tell the other server processes, at commit, that ``locker_id`` has a command.

        On PostgreSQL a ``NOTIFY``; on SQLite nothing (other processes on the file re-check
        every second).
        """
        if isinstance(self.db, PostgresDatabase):
            self.db.notify(db, COMMANDS_CHANNEL, locker_id)

    def listen_commands(self, callback: Callable[[str | None], None]) -> Callable[[], None] | None:
        """Call ``callback(locker_id)`` for every command queued by any process.

        ``callback(None)`` means "re-check every locker". None (and no thread) on SQLite.
        """
        if isinstance(self.db, PostgresDatabase):
            return self.db.listen(COMMANDS_CHANNEL, callback)
        return None

    def _create(self, db: Connection) -> None:
        db.execute(
            "INSERT INTO server_secrets (name, value) VALUES ('badge_kdf', ?)"
            " ON CONFLICT (name) DO NOTHING",
            (secrets.token_hex(16),),
        )
        # Made once, at the first open, and kept: what is keyed with it must still match
        # after a restart.
        made = db.execute(
            "INSERT INTO server_secrets (name, value) VALUES ('idempotency', ?)"
            " ON CONFLICT (name) DO NOTHING",
            (secrets.token_hex(32),),
        ).rowcount
        if made:
            # Answers stored before there was a key carry a plain SHA-256 of their request
            # body, which holds a pickup code: drop them rather than keep them for 48 h.
            db.execute("DELETE FROM idempotency")

    def secret(self, name: str) -> bytes:
        """A random key this database made for itself (``idempotency``)."""
        row = (
            self.read()
            .execute("SELECT value FROM server_secrets WHERE name = ?", (name,))
            .fetchone()
        )
        if row is None:
            raise KeyError(name)
        return bytes.fromhex(str(row["value"]))

    # -------------------------------------------------------------- lockers
    def add_locker(
        self,
        db: Connection,
        *,
        locker_id: str,
        name: str,
        address: str,
        timezone: str,
        token_hash: str,
        settings_json: str,
        kdf_salt: str,
        kdf_iterations: int,
    ) -> None:
        db.execute(
            "INSERT INTO lockers (locker_id, name, address, timezone, token_hash, settings,"
            " kdf_salt, kdf_iterations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (locker_id, name, address, timezone, token_hash, settings_json, kdf_salt,
             kdf_iterations),
        )  # fmt: skip

    def locker(self, db: Connection, locker_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM lockers WHERE locker_id = ?", (locker_id,)
        ).fetchone()
        return row

    def locker_for_token(self, db: Connection, token_hash: str) -> str | None:
        row = db.execute(
            "SELECT locker_id FROM lockers WHERE token_hash = ?", (token_hash,)
        ).fetchone()
        return None if row is None else str(row["locker_id"])

    # -------------------------------------------------------------- guess budgets
    def guess_budget(self, db: Connection, locker_id: str, pool: str) -> tuple[float, float] | None:
        """(tokens, as-of time) of a locker's guess budget, None if never spent from."""
        row = db.execute(
            "SELECT tokens, at FROM guess_budgets WHERE locker_id = ? AND pool = ?",
            (locker_id, pool),
        ).fetchone()
        return None if row is None else (float(row["tokens"]), float(row["at"]))

    def save_guess_budget(
        self, db: Connection, locker_id: str, pool: str, tokens: float, at: float
    ) -> None:
        db.execute(
            "INSERT INTO guess_budgets (locker_id, pool, tokens, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (locker_id, pool) DO UPDATE SET tokens = excluded.tokens,"
            " at = excluded.at",
            (locker_id, pool, tokens, at),
        )

    # -------------------------------------------------------------- compartments
    def add_compartment(
        self,
        db: Connection,
        locker_id: str,
        *,
        compartment_id: str,
        board: int,
        lock: int,
        size: str,
        column: int,
        row: int,
        accessible: bool,
        sensor: bool,
    ) -> None:
        db.execute(
            "INSERT INTO compartments (locker_id, compartment_id, board, lock_no, size, col,"
            " row_no, accessible, sensor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (locker_id, compartment_id, board, lock, size, column, row, int(accessible),
             int(sensor)),
        )  # fmt: skip

    def compartments(self, db: Connection, locker_id: str) -> list[Row]:
        return db.execute(
            "SELECT * FROM compartments WHERE locker_id = ? ORDER BY board, lock_no",
            (locker_id,),
        ).fetchall()

    def compartment(self, db: Connection, locker_id: str, compartment_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM compartments WHERE locker_id = ? AND compartment_id = ?",
            (locker_id, compartment_id),
        ).fetchone()
        return row

    # -------------------------------------------------------------- parcels
    def add_parcel(
        self,
        db: Connection,
        locker_id: str,
        *,
        parcel_id: str,
        barcode: str,
        size: str,
        recipient_hint: str,
        code_hash: str,
        phone_suffix: str | None,
    ) -> None:
        db.execute(
            "INSERT INTO parcels (parcel_id, locker_id, barcode, size, recipient_hint,"
            " code_hash, phone_suffix) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (parcel_id, locker_id, barcode, size, recipient_hint, code_hash, phone_suffix),
        )

    def parcel(self, db: Connection, parcel_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM parcels WHERE parcel_id = ?", (parcel_id,)
        ).fetchone()
        return row

    def parcel_by_barcode(self, db: Connection, locker_id: str, barcode: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM parcels WHERE locker_id = ? AND barcode = ?", (locker_id, barcode)
        ).fetchone()
        return row

    def undelivered_parcels(self, db: Connection, locker_id: str) -> list[Row]:
        """Parcels announced for the locker that no rent holds yet."""
        return db.execute(
            "SELECT p.* FROM parcels p WHERE p.locker_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM rents r WHERE r.parcel_id = p.parcel_id"
            "  AND r.status <> 'cancelled') ORDER BY p.parcel_id",
            (locker_id,),
        ).fetchall()

    # -------------------------------------------------------------- rents
    def add_rent(
        self,
        db: Connection,
        locker_id: str,
        *,
        rent_id: str,
        compartment_id: str,
        kind: str,
        status: str,
        parcel_id: str | None,
        send_id: str | None,
        code_hash: str | None,
        phone_suffix: str | None,
        expires_at: float,
        fingerprint: str,
        receipt: str | None = None,
    ) -> None:
        db.execute(
            "INSERT INTO rents (rent_id, locker_id, compartment_id, kind, status, parcel_id,"
            " send_id, code_hash, phone_suffix, expires_at, request_fingerprint, receipt)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rent_id, locker_id, compartment_id, kind, status, parcel_id, send_id, code_hash,
             phone_suffix, expires_at, fingerprint, receipt),
        )  # fmt: skip

    def rent(self, db: Connection, rent_id: str) -> Row | None:
        row: Row | None = db.execute("SELECT * FROM rents WHERE rent_id = ?", (rent_id,)).fetchone()
        return row

    def rents_in(
        self, db: Connection, locker_id: str, compartment_id: str, status: str
    ) -> list[Row]:
        """Rents of one compartment in one status (the operator CLI's ``open --app``)."""
        return db.execute(
            "SELECT * FROM rents WHERE locker_id = ? AND compartment_id = ? AND status = ?",
            (locker_id, compartment_id, status),
        ).fetchall()

    def rents_by_code(self, db: Connection, locker_id: str, code_hash: str) -> list[Row]:
        return db.execute(
            "SELECT * FROM rents WHERE locker_id = ? AND code_hash = ? ORDER BY compartment_id",
            (locker_id, code_hash),
        ).fetchall()

    def active_rent_in(self, db: Connection, locker_id: str, compartment_id: str) -> Row | None:
        """The rent that occupies a compartment (reserved, deposited or expired), if any."""
        row: Row | None = db.execute(
            "SELECT * FROM rents WHERE locker_id = ? AND compartment_id = ?"
            " AND status IN ('reserved', 'deposited', 'expired')",
            (locker_id, compartment_id),
        ).fetchone()
        return row

    def rent_for_parcel(self, db: Connection, parcel_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM rents WHERE parcel_id = ? AND status <> 'cancelled'", (parcel_id,)
        ).fetchone()
        return row

    def rent_for_send(self, db: Connection, send_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM rents WHERE send_id = ? AND status <> 'cancelled'", (send_id,)
        ).fetchone()
        return row

    def set_rent_status(self, db: Connection, rent_id: str, status: str) -> None:
        db.execute("UPDATE rents SET status = ? WHERE rent_id = ?", (status, rent_id))

    def offline_rents(self, db: Connection, locker_id: str, now: float, until: float) -> list[Row]:
        """Rents a pickup code may open at this locker now, expiring by ``until`` (#13).

        Only deliveries deposited in this locker and not expired: a reserved compartment
        holds no parcel yet, a send or return waits for a courier (no pickup code), and
        every other status can no longer open a door.
        """
        return db.execute(
            "SELECT * FROM rents WHERE locker_id = ? AND status = 'deposited'"
            " AND kind = 'delivery' AND code_hash IS NOT NULL"
            " AND expires_at > ? AND expires_at <= ? ORDER BY rent_id",
            (locker_id, now, until),
        ).fetchall()

    def collectable_rents(self, db: Connection, locker_id: str, now: float) -> list[Row]:
        """Rents a courier should take out: expired deliveries, deposited sends and returns."""
        return db.execute(
            "SELECT * FROM rents WHERE locker_id = ? AND ("
            " status = 'expired'"
            " OR (status = 'deposited' AND kind = 'delivery' AND expires_at < ?)"
            " OR (status = 'deposited' AND kind IN ('send', 'return')))"
            " ORDER BY compartment_id",
            (locker_id, now),
        ).fetchall()

    # -------------------------------------------------------------- sends
    def add_send(
        self,
        db: Connection,
        locker_id: str,
        *,
        send_id: str,
        code_hash: str,
        size: str,
        kind: str,
        expires_at: float,
    ) -> None:
        db.execute(
            "INSERT INTO sends (send_id, locker_id, code_hash, size, kind, status, expires_at)"
            " VALUES (?, ?, ?, ?, ?, 'open', ?)",
            (send_id, locker_id, code_hash, size, kind, expires_at),
        )

    def offline_sends(self, db: Connection, locker_id: str, now: float, until: float) -> list[Row]:
        """Drop-off codes the kiosk may accept offline (#13): open, not expired, by ``until``.

        A send expiring later than ``until`` is left out, like a rent: what a stolen kiosk
        disk can yield stays bounded.
        """
        return db.execute(
            "SELECT * FROM sends WHERE locker_id = ? AND status = 'open'"
            " AND expires_at > ? AND expires_at <= ? ORDER BY send_id",
            (locker_id, now, until),
        ).fetchall()

    def sends_by_code(self, db: Connection, locker_id: str, code_hash: str) -> list[Row]:
        return db.execute(
            "SELECT * FROM sends WHERE locker_id = ? AND code_hash = ? ORDER BY send_id",
            (locker_id, code_hash),
        ).fetchall()

    def send(self, db: Connection, send_id: str) -> Row | None:
        row: Row | None = db.execute("SELECT * FROM sends WHERE send_id = ?", (send_id,)).fetchone()
        return row

    def set_send_status(self, db: Connection, send_id: str, status: str) -> None:
        db.execute("UPDATE sends SET status = ? WHERE send_id = ?", (status, send_id))

    # -------------------------------------------------------------- couriers
    def add_courier(
        self,
        db: Connection,
        *,
        courier_id: str,
        name: str,
        company: str,
        pin_salt: str,
        pin_hash: str,
        badge_hash: str | None,
        badge_kdf_hash: str | None = None,
    ) -> None:
        db.execute(
            "INSERT INTO couriers (courier_id, name, company, pin_salt, pin_hash, badge_hash,"
            " badge_kdf_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (courier_id, name, company, pin_salt, pin_hash, badge_hash, badge_kdf_hash),
        )

    def note_courier_visit(
        self, db: Connection, courier_id: str, locker_id: str, at: float
    ) -> None:
        """Remember that a courier logged in at a locker (who goes into its offline set)."""
        db.execute(
            "INSERT INTO courier_visits (courier_id, locker_id, last_at) VALUES (?, ?, ?)"
            " ON CONFLICT (courier_id, locker_id) DO UPDATE SET last_at = excluded.last_at",
            (courier_id, locker_id, at),
        )

    def offline_couriers(self, db: Connection, locker_id: str, since: float) -> list[Row]:
        """Couriers who logged in at this locker since ``since`` (#13), by id."""
        return db.execute(
            "SELECT c.* FROM couriers c JOIN courier_visits v ON v.courier_id = c.courier_id"
            " WHERE v.locker_id = ? AND v.last_at >= ? ORDER BY c.courier_id",
            (locker_id, since),
        ).fetchall()

    def courier(self, db: Connection, courier_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM couriers WHERE courier_id = ?", (courier_id,)
        ).fetchone()
        return row

    def courier_by_badge(self, db: Connection, badge_hash: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM couriers WHERE badge_hash = ?", (badge_hash,)
        ).fetchone()
        return row

    def count_courier_failure(self, db: Connection, courier_id: str) -> int:
        """Add one wrong PIN to a courier's count (in SQL: parallel logins all count)."""
        db.execute(
            "UPDATE couriers SET failed_attempts = failed_attempts + 1 WHERE courier_id = ?",
            (courier_id,),
        )
        row = db.execute(
            "SELECT failed_attempts FROM couriers WHERE courier_id = ?", (courier_id,)
        ).fetchone()
        return int(row["failed_attempts"])

    def set_courier_attempts(
        self, db: Connection, courier_id: str, failed: int, locked_until: float
    ) -> None:
        db.execute(
            "UPDATE couriers SET failed_attempts = ?, locked_until = ? WHERE courier_id = ?",
            (failed, locked_until, courier_id),
        )

    def add_session(
        self,
        db: Connection,
        *,
        token_hash: str,
        courier_id: str,
        locker_id: str,
        expires_at: float,
    ) -> None:
        db.execute(
            "INSERT INTO courier_sessions (token_hash, courier_id, locker_id, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (token_hash, courier_id, locker_id, expires_at),
        )

    def session(self, db: Connection, token_hash: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM courier_sessions WHERE token_hash = ?", (token_hash,)
        ).fetchone()
        return row

    def delete_session(self, db: Connection, token_hash: str) -> None:
        db.execute("DELETE FROM courier_sessions WHERE token_hash = ?", (token_hash,))

    # -------------------------------------------------------------- events
    def event(self, db: Connection, event_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM events WHERE event_id = ?", (event_id,)
        ).fetchone()
        return row

    def add_event(
        self,
        db: Connection,
        locker_id: str,
        *,
        event_id: str,
        type_: str,
        at: float,
        compartment_id: str | None,
        rent_id: str | None,
        actor: str,
        status: str,
        code: str | None,
        received_at: float,
        batch_pos: int = 0,
        detail_json: str | None = None,
    ) -> bool:
        """Insert an event unless its id is known; True if it was new (dedup for ever)."""
        cur = db.execute(
            "INSERT INTO events (event_id, locker_id, type, at, compartment_id, rent_id, actor,"
            " status, code, received_at, batch_pos, detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, locker_id, type_, at, compartment_id, rent_id, actor, status, code,
             received_at, batch_pos, detail_json),
        )  # fmt: skip
        return cur.rowcount == 1

    def count_events(self, db: Connection, locker_id: str, status: str | None = None) -> int:
        if status is None:
            row = db.execute(
                "SELECT COUNT(*) AS n FROM events WHERE locker_id = ?", (locker_id,)
            ).fetchone()
        else:
            row = db.execute(
                "SELECT COUNT(*) AS n FROM events WHERE locker_id = ? AND status = ?",
                (locker_id, status),
            ).fetchone()
        return int(row["n"])

    def event_ids(self, db: Connection, locker_id: str) -> list[str]:
        rows = db.execute(
            "SELECT event_id FROM events WHERE locker_id = ? ORDER BY received_at, batch_pos",
            (locker_id,),
        ).fetchall()
        return [str(r["event_id"]) for r in rows]

    # -------------------------------------------------------------- heartbeats
    def save_heartbeat(self, db: Connection, locker_id: str, body_json: str, at: float) -> None:
        db.execute(
            "INSERT INTO heartbeats (locker_id, body, received_at) VALUES (?, ?, ?)"
            " ON CONFLICT (locker_id) DO UPDATE SET body = excluded.body,"
            " received_at = excluded.received_at",
            (locker_id, body_json, at),
        )

    def last_heartbeat(self, db: Connection, locker_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM heartbeats WHERE locker_id = ?", (locker_id,)
        ).fetchone()
        return row

    # -------------------------------------------------------------- commands
    def add_command(
        self,
        db: Connection,
        locker_id: str,
        *,
        command_id: str,
        type_: str,
        args_json: str,
        created_at: float,
    ) -> None:
        row = db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM commands WHERE locker_id = ?",
            (locker_id,),
        ).fetchone()
        db.execute(
            "INSERT INTO commands (command_id, locker_id, type, args, created_at, seq)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (command_id, locker_id, type_, args_json, created_at, int(row["n"])),
        )

    def pending_commands(self, db: Connection, locker_id: str) -> list[Row]:
        return db.execute(
            "SELECT * FROM commands WHERE locker_id = ? AND acked_at IS NULL ORDER BY seq",
            (locker_id,),
        ).fetchall()

    def lockers_with_pending_commands(self, db: Connection) -> list[str]:
        rows = db.execute(
            "SELECT DISTINCT locker_id FROM commands WHERE acked_at IS NULL ORDER BY locker_id"
        ).fetchall()
        return [str(r["locker_id"]) for r in rows]

    def command(self, db: Connection, command_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM commands WHERE command_id = ?", (command_id,)
        ).fetchone()
        return row

    def ack_command(
        self, db: Connection, command_id: str, result: str, detail: str, at: float
    ) -> None:
        db.execute(
            "UPDATE commands SET result = ?, detail = ?, acked_at = ?"
            " WHERE command_id = ? AND acked_at IS NULL",
            (result, detail, at, command_id),
        )

    # -------------------------------------------------------------- idempotency
    def stored_response(self, db: Connection, locker_id: str, key: str) -> StoredResponse | None:
        row = db.execute(
            "SELECT fingerprint, status, content_type, body FROM idempotency"
            " WHERE locker_id = ? AND idem_key = ?",
            (locker_id, key),
        ).fetchone()
        if row is None:
            return None
        return StoredResponse(
            str(row["fingerprint"]), int(row["status"]), str(row["content_type"]), str(row["body"])
        )

    def store_response(
        self,
        db: Connection,
        locker_id: str,
        key: str,
        response: StoredResponse,
        at: float,
    ) -> None:
        db.execute(
            "INSERT INTO idempotency (locker_id, idem_key, fingerprint, status, content_type,"
            " body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (locker_id, key, response.fingerprint, response.status, response.content_type,
             response.body, at),
        )  # fmt: skip

    def purge_responses(self, db: Connection, before: float) -> int:
        cur = db.execute("DELETE FROM idempotency WHERE created_at < ?", (before,))
        return cur.rowcount

    # -------------------------------------------------------------- app pairings
    def add_pairing(self, db: Connection, locker_id: str, nonce: str, expires_at: float) -> None:
        db.execute(
            "INSERT INTO app_pairings (nonce, locker_id, expires_at) VALUES (?, ?, ?)",
            (nonce, locker_id, expires_at),
        )


# ====================================================================== kiosk outbox

_OUTBOX_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    rent_id TEXT,
    body TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    batch_key TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    reject_code TEXT,
    done_at DOUBLE PRECISION,
    kind TEXT NOT NULL DEFAULT 'event'
);
CREATE INDEX IF NOT EXISTS outbox_state ON outbox (state, seq);
CREATE INDEX IF NOT EXISTS outbox_rent ON outbox (rent_id, type)
"""

#: Kinds of outbox rows: an event for #8, or a reservation (a PUT #7 made offline).
OUTBOX_EVENT = "event"
OUTBOX_RESERVATION = "reservation"


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One stored item of the outbox: an event, or a reservation to PUT (``kind``).

    ``event_id`` is the item's unique key: the event's id, or ``rent:<rent_id>`` for a
    reservation.
    """

    seq: int
    event_id: str
    body: str
    created_at: float
    batch_key: str | None
    attempts: int
    kind: str = OUTBOX_EVENT


class OutboxStore(_Sqlite):
    """The kiosk's outbox table: ``synchronous=FULL`` so a commit survives a power cut.

    Rows are events and reservations in one order (``seq``). An outbox written by an
    older kiosk (no ``kind`` column) is migrated in place: its rows are events.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, synchronous="FULL")

    def _create(self, db: sqlite3.Connection) -> None:
        for statement in _OUTBOX_SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        columns = {str(r["name"]) for r in db.execute("PRAGMA table_info(outbox)")}
        if "kind" not in columns:  # an outbox from before offline reservations
            db.execute("ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'event'")

    def insert(
        self,
        *,
        event_id: str,
        type_: str,
        rent_id: str | None,
        body: str,
        created_at: float,
        kind: str = OUTBOX_EVENT,
    ) -> bool:
        """Commit one item; False if its ``event_id`` (key) was already recorded."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO outbox (event_id, type, rent_id, body, created_at, kind)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                (event_id, type_, rent_id, body, created_at, kind),
            )
            return cur.rowcount == 1

    def next_batch(self, limit: int, new_key: str) -> list[OutboxRow]:
        """The batch to send: an unfinished keyed batch first, else the oldest pending rows.

        A batch keeps its key until it is answered, so a retry after a crash or an outage
        sends the same body under the same ``Idempotency-Key``. A batch is either one
        reservation alone or events up to (not including) the next pending reservation:
        a reservation is sent before every event recorded after it.
        """
        with self.transaction() as db:
            rows = db.execute(
                "SELECT * FROM outbox WHERE state = 'pending' AND batch_key IS NOT NULL"
                " ORDER BY seq"
            ).fetchall()
            if not rows:
                rows = db.execute(
                    "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?",
                    (limit,),
                ).fetchall()
                for i, r in enumerate(rows):
                    if r["kind"] == OUTBOX_RESERVATION:
                        rows = rows[: max(i, 1)]
                        break
                if rows:
                    db.execute(
                        "UPDATE outbox SET batch_key = ? WHERE state = 'pending'"
                        " AND seq BETWEEN ? AND ?",
                        (new_key, int(rows[0]["seq"]), int(rows[-1]["seq"])),
                    )
                    rows = db.execute(
                        "SELECT * FROM outbox WHERE batch_key = ? ORDER BY seq", (new_key,)
                    ).fetchall()
            db.execute(
                "UPDATE outbox SET attempts = attempts + 1 WHERE state = 'pending'"
                " AND batch_key IS NOT NULL"
            )
        return [
            OutboxRow(
                int(r["seq"]),
                str(r["event_id"]),
                str(r["body"]),
                float(r["created_at"]),
                r["batch_key"],
                int(r["attempts"]) + 1,
                str(r["kind"]),
            )
            for r in rows
        ]

    def settle(
        self,
        delivered: Sequence[str],
        rejected: Sequence[tuple[str, str]],
        unanswered: Sequence[str],
        at: float,
    ) -> None:
        """Record a batch's answer in one transaction."""
        with self.transaction() as db:
            db.executemany(
                "UPDATE outbox SET state = 'delivered', batch_key = NULL, done_at = ?"
                " WHERE event_id = ?",
                [(at, e) for e in delivered],
            )
            db.executemany(
                "UPDATE outbox SET state = 'rejected', batch_key = NULL, reject_code = ?,"
                " done_at = ? WHERE event_id = ?",
                [(code, at, e) for e, code in rejected],
            )
            db.executemany(
                "UPDATE outbox SET batch_key = NULL WHERE event_id = ?",
                [(e,) for e in unanswered],
            )

    def clear_batch_keys(self) -> None:
        """Forget the current batch (its key was refused); the rows are sent under a new key."""
        with self.transaction() as db:
            db.execute("UPDATE outbox SET batch_key = NULL WHERE state = 'pending'")

    def stats(self) -> tuple[int, float | None, int]:
        """(pending count, oldest pending ``created_at`` or None, rejected count)."""
        db = self.read()
        row = db.execute(
            "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE state = 'pending'"
        ).fetchone()
        rej = db.execute("SELECT COUNT(*) AS n FROM outbox WHERE state = 'rejected'").fetchone()
        oldest = None if row["oldest"] is None else float(row["oldest"])
        return int(row["n"]), oldest, int(rej["n"])

    def rejected(self, kind: str = OUTBOX_EVENT) -> list[tuple[str, str, str]]:
        """(key, reject code, body) of every item of ``kind`` set aside, oldest first."""
        rows = (
            self.read()
            .execute(
                "SELECT event_id, reject_code, body FROM outbox WHERE state = 'rejected'"
                " AND kind = ? ORDER BY seq",
                (kind,),
            )
            .fetchall()
        )
        return [(str(r["event_id"]), str(r["reject_code"]), str(r["body"])) for r in rows]

    def has_event(self, rent_id: str, types: Sequence[str]) -> bool:
        """True if an event of one of ``types`` was recorded for ``rent_id`` (any state)."""
        marks = ", ".join("?" for _ in types)
        row = (
            self.read()
            .execute(
                f"SELECT 1 FROM outbox WHERE rent_id = ? AND type IN ({marks}) LIMIT 1",
                (rent_id, *types),
            )
            .fetchone()
        )
        return row is not None

    def purge_delivered(self, before: float) -> int:
        """Drop delivered rows older than ``before`` (rejected rows are kept for the admin)."""
        with self.transaction() as db:
            cur = db.execute(
                "DELETE FROM outbox WHERE state = 'delivered' AND done_at < ?", (before,)
            )
            return cur.rowcount


# ====================================================================== offline code cache

_OFFLINE_SCHEMA = """
CREATE TABLE IF NOT EXISTS offline_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS offline_rents (
    rent_id TEXT PRIMARY KEY,
    compartment_id TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    code_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS offline_rents_hash ON offline_rents (code_hash);
CREATE TABLE IF NOT EXISTS offline_sends (
    send_id TEXT PRIMARY KEY,
    size TEXT NOT NULL,
    kind TEXT NOT NULL,
    expires_at DOUBLE PRECISION NOT NULL,
    code_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS offline_sends_hash ON offline_sends (code_hash);
CREATE TABLE IF NOT EXISTS offline_couriers (
    courier_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    company TEXT NOT NULL,
    pin_hash TEXT,
    pin_salt TEXT,
    pin_iterations INTEGER,
    badge_hash TEXT
);
CREATE INDEX IF NOT EXISTS offline_couriers_badge ON offline_couriers (badge_hash);
CREATE TABLE IF NOT EXISTS offline_tasks (
    courier_id TEXT PRIMARY KEY,
    body TEXT NOT NULL,
    fetched_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS offline_reservations (
    rent_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    compartment_id TEXT NOT NULL,
    barcode TEXT,
    send_id TEXT,
    courier_id TEXT,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS offline_reservations_send ON offline_reservations (send_id)
"""


@dataclass(frozen=True, slots=True)
class CachedSend:
    """A drop-off code of the offline set (hash only)."""

    send_id: str
    size: str
    kind: str
    expires_at: float


@dataclass(frozen=True, slots=True)
class CachedCourier:
    """A courier of the offline set: hashes of the PIN (own salt) and of the badge."""

    courier_id: str
    name: str
    company: str
    pin_hash: str | None
    pin_salt: str | None
    pin_iterations: int | None
    badge_hash: str | None


class OfflineCacheStore(_Sqlite):
    """The offline set (hashes only), the couriers' last task lists, the reservations made
    here, the guess settings and what is left of the budgets.

    Everything but the reservations is what the backend last said and is replaced or wiped
    as a whole; the reservations are what this kiosk did, kept until they are a week old
    (a send used offline must stay used whatever the next refresh says until the backend
    has heard of it).
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, synchronous="FULL")

    def _create(self, db: sqlite3.Connection) -> None:
        for statement in _OFFLINE_SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        columns = {str(r["name"]) for r in db.execute("PRAGMA table_info(offline_rents)")}
        if "phone_suffix" not in columns:  # a cache written before #13 carried it
            db.execute("ALTER TABLE offline_rents ADD COLUMN phone_suffix TEXT")

    def replace(
        self,
        meta: dict[str, str],
        rents: Sequence[tuple[str, str, float, str, str | None]],
        sends: Sequence[tuple[str, str, str, float, str]] = (),
        couriers: Sequence[CachedCourier] = (),
        drop_meta: Sequence[str] = (),
    ) -> None:
        """Swap in a fresh copy of the offline set (meta values, rents, sends, couriers)
        atomically; the task lists and reservations stay.

        A rent row is (rent_id, compartment_id, expires_at, code_hash, phone_suffix); a
        send row (send_id, size, kind, expires_at, code_hash). ``drop_meta``: keys to
        remove (a value the backend no longer sends).
        """
        with self.transaction() as db:
            db.execute("DELETE FROM offline_rents")
            db.executemany(
                "INSERT INTO offline_rents"
                " (rent_id, compartment_id, expires_at, code_hash, phone_suffix)"
                " VALUES (?, ?, ?, ?, ?)",
                rents,
            )
            db.execute("DELETE FROM offline_sends")
            db.executemany(
                "INSERT INTO offline_sends (send_id, size, kind, expires_at, code_hash)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (send_id) DO NOTHING",
                sends,
            )
            db.execute("DELETE FROM offline_couriers")
            db.executemany(
                "INSERT INTO offline_couriers (courier_id, name, company, pin_hash, pin_salt,"
                " pin_iterations, badge_hash) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (courier_id) DO NOTHING",
                [
                    (
                        c.courier_id,
                        c.name,
                        c.company,
                        c.pin_hash,
                        c.pin_salt,
                        c.pin_iterations,
                        c.badge_hash,
                    )
                    for c in couriers
                ],
            )
            db.executemany("DELETE FROM offline_meta WHERE key = ?", [(k,) for k in drop_meta])
            for key, value in meta.items():
                db.execute(
                    "INSERT INTO offline_meta (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def meta(self) -> dict[str, str]:
        rows = self.read().execute("SELECT key, value FROM offline_meta").fetchall()
        return {str(r["key"]): str(r["value"]) for r in rows}

    def set_meta(self, key: str, value: str) -> None:
        self.set_metas({key: value})

    def set_metas(self, values: dict[str, str]) -> None:
        """Write several meta values in one transaction (one sync to disk)."""
        if not values:
            return
        with self.transaction() as db:
            db.executemany(
                "INSERT INTO offline_meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    def clear_rents(self) -> None:
        """Forget every cached rent (the meta, with the guess budget, stays)."""
        with self.transaction() as db:
            db.execute("DELETE FROM offline_rents")

    def clear_cached(self) -> None:
        """Forget what the backend said: rents, sends, couriers and task lists (the meta,
        with the guess budgets, and this kiosk's own reservations stay)."""
        with self.transaction() as db:
            for table in ("offline_rents", "offline_sends", "offline_couriers", "offline_tasks"):
                db.execute(f"DELETE FROM {table}")

    def rents_by_hash(self, code_hash: str) -> list[tuple[str, str, float, str | None]]:
        """(rent_id, compartment_id, expires_at, phone_suffix) of the rents with this hash."""
        rows = (
            self.read()
            .execute(
                "SELECT rent_id, compartment_id, expires_at, phone_suffix FROM offline_rents"
                " WHERE code_hash = ? ORDER BY compartment_id",
                (code_hash,),
            )
            .fetchall()
        )
        return [
            (
                str(r["rent_id"]),
                str(r["compartment_id"]),
                float(r["expires_at"]),
                None if r["phone_suffix"] is None else str(r["phone_suffix"]),
            )
            for r in rows
        ]

    def count(self) -> int:
        row: Any = self.read().execute("SELECT COUNT(*) AS n FROM offline_rents").fetchone()
        return int(row["n"])

    def counts(self) -> tuple[int, int, int]:
        """(rents, sends, couriers) cached."""
        db = self.read()
        return (
            self.count(),
            int(db.execute("SELECT COUNT(*) AS n FROM offline_sends").fetchone()["n"]),
            int(db.execute("SELECT COUNT(*) AS n FROM offline_couriers").fetchone()["n"]),
        )

    def has_cached(self) -> bool:
        """Anything the backend said is cached (rents, sends, couriers or task lists)."""
        row = (
            self.read()
            .execute(
                "SELECT EXISTS (SELECT 1 FROM offline_rents) OR EXISTS (SELECT 1 FROM"
                " offline_sends) OR EXISTS (SELECT 1 FROM offline_couriers) OR EXISTS"
                " (SELECT 1 FROM offline_tasks) AS any_row"
            )
            .fetchone()
        )
        return bool(row["any_row"])

    def sends_by_hash(self, code_hash: str) -> list[CachedSend]:
        """The cached sends whose drop-off code hashes to ``code_hash``."""
        rows = (
            self.read()
            .execute(
                "SELECT send_id, size, kind, expires_at FROM offline_sends"
                " WHERE code_hash = ? ORDER BY send_id",
                (code_hash,),
            )
            .fetchall()
        )
        return [_cached_send(r) for r in rows]

    def send(self, send_id: str) -> CachedSend | None:
        row = (
            self.read()
            .execute(
                "SELECT send_id, size, kind, expires_at FROM offline_sends WHERE send_id = ?",
                (send_id,),
            )
            .fetchone()
        )
        return None if row is None else _cached_send(row)

    def courier(self, courier_id: str) -> CachedCourier | None:
        row = (
            self.read()
            .execute("SELECT * FROM offline_couriers WHERE courier_id = ?", (courier_id,))
            .fetchone()
        )
        return None if row is None else _cached_courier(row)

    def courier_by_badge(self, badge_hash: str) -> CachedCourier | None:
        row = (
            self.read()
            .execute(
                "SELECT * FROM offline_couriers WHERE badge_hash = ? ORDER BY courier_id",
                (badge_hash,),
            )
            .fetchone()
        )
        return None if row is None else _cached_courier(row)

    def save_tasks(self, courier_id: str, body: str, at: float) -> None:
        """Keep a courier's last task list (#6 as JSON), replacing the one before."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO offline_tasks (courier_id, body, fetched_at) VALUES (?, ?, ?)"
                " ON CONFLICT (courier_id) DO UPDATE SET body = excluded.body,"
                " fetched_at = excluded.fetched_at",
                (courier_id, body, at),
            )

    def tasks(self, courier_id: str) -> str | None:
        """The courier's last task list as JSON, or None."""
        row = (
            self.read()
            .execute("SELECT body FROM offline_tasks WHERE courier_id = ?", (courier_id,))
            .fetchone()
        )
        return None if row is None else str(row["body"])

    def add_reservation(
        self,
        *,
        rent_id: str,
        kind: str,
        compartment_id: str,
        barcode: str | None,
        send_id: str | None,
        courier_id: str | None,
        at: float,
    ) -> None:
        """Remember a rent reserved through this kiosk (idempotent by ``rent_id``)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO offline_reservations (rent_id, kind, compartment_id, barcode,"
                " send_id, courier_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (rent_id) DO NOTHING",
                (rent_id, kind, compartment_id, barcode, send_id, courier_id, at),
            )

    def reservations_for_send(self, send_id: str) -> list[str]:
        """Rent ids reserved here for ``send_id``."""
        rows = (
            self.read()
            .execute(
                "SELECT rent_id FROM offline_reservations WHERE send_id = ? ORDER BY created_at",
                (send_id,),
            )
            .fetchall()
        )
        return [str(r["rent_id"]) for r in rows]

    def delivery_reservations(self) -> list[tuple[str, str]]:
        """(rent_id, barcode) of every delivery reserved here."""
        rows = (
            self.read()
            .execute(
                "SELECT rent_id, barcode FROM offline_reservations"
                " WHERE barcode IS NOT NULL ORDER BY created_at"
            )
            .fetchall()
        )
        return [(str(r["rent_id"]), str(r["barcode"])) for r in rows]

    def rents_in(self, compartment_id: str) -> list[str]:
        """Rent ids the offline set places in ``compartment_id``."""
        rows = (
            self.read()
            .execute(
                "SELECT rent_id FROM offline_rents WHERE compartment_id = ?", (compartment_id,)
            )
            .fetchall()
        )
        return [str(r["rent_id"]) for r in rows]

    def reservations_in(self, compartment_id: str) -> list[str]:
        """Rent ids reserved here in ``compartment_id``."""
        rows = (
            self.read()
            .execute(
                "SELECT rent_id FROM offline_reservations WHERE compartment_id = ?",
                (compartment_id,),
            )
            .fetchall()
        )
        return [str(r["rent_id"]) for r in rows]

    def purge_reservations(self, before: float) -> int:
        """Forget reservations made before ``before``."""
        with self.transaction() as db:
            cur = db.execute("DELETE FROM offline_reservations WHERE created_at < ?", (before,))
            return cur.rowcount


def _cached_send(row: Row) -> CachedSend:
    return CachedSend(
        str(row["send_id"]), str(row["size"]), str(row["kind"]), float(row["expires_at"])
    )


def _cached_courier(row: Row) -> CachedCourier:
    def text(key: str) -> str | None:
        return None if row[key] is None else str(row[key])

    return CachedCourier(
        courier_id=str(row["courier_id"]),
        name=str(row["name"]),
        company=str(row["company"]),
        pin_hash=text("pin_hash"),
        pin_salt=text("pin_salt"),
        pin_iterations=None if row["pin_iterations"] is None else int(row["pin_iterations"]),
        badge_hash=text("badge_hash"),
    )
