"""The door journal: every door the kiosk opened whose close is not recorded yet.

A kiosk that crashes or loses power while a door stands open must not lose the pickup
(or the deposit): the person takes the parcel, closes the door, and the kiosk — starting
again — must still record ``picked_up``. So before a door is unlocked, the kiosk writes
down which rent it opened it for and which event its close means, with that event's id
made in advance. When the close is committed to the outbox, the entry is settled.

After a restart, each entry left is finished: a door still open gets its closing event
when it closes; a door that reads closed gets it at once if the kiosk had seen it open
(``open_seen``), or if the item sensor shows the parcel gone (a pickup) or in (a
deposit). A door that reads closed, was never seen open, and has no telling sensor is
the one case the kiosk cannot decide (the crash fell between the unlock and the first
reading): it records nothing it does not know and says so in the log. Because the event id
was made before the door opened, recording it twice (a crash between the outbox commit
and settling the entry) is harmless: the outbox and the backend both keep an event id
once. A door found open at boot with no entry was opened by nobody the kiosk knows of:
``door_forced``.

Plain Python and SQLite (``synchronous=FULL``: the entry must be on disk before the
unlock goes on the wire); called from the board service's worker, never the GUI thread.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.backend.statefile import open_state_db
from kiosk.backend.store import _Sqlite

_SCHEMA = """
CREATE TABLE IF NOT EXISTS open_doors (
    compartment_id TEXT PRIMARY KEY,
    rent_id TEXT,
    closing_event TEXT NOT NULL,
    closing_event_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    opened_at DOUBLE PRECISION NOT NULL,
    open_seen INTEGER NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True)
class Expectation:
    """What the close of a door the kiosk opens will mean.

    Attributes:
        compartment_id: the door.
        rent_id: the rent it was opened for (None for an admin open of an empty door).
        closing_event: the event its close records (``picked_up``, ``deposited``...).
        closing_event_id: that event's id, made before the door opens.
        actor: who opened it (``shopper``, ``courier:<id>``...).
    """

    compartment_id: str
    rent_id: str | None
    closing_event: str
    closing_event_id: str
    actor: str


@dataclass(frozen=True)
class OpenDoor:
    """A journal entry: an :class:`Expectation`, when the unlock was sent, and whether the
    door was seen open since."""

    expectation: Expectation
    opened_at: float
    open_seen: bool = False


class _JournalStore(_Sqlite):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, synchronous="FULL")

    def _create(self, db: sqlite3.Connection) -> None:
        db.execute(_SCHEMA)


class DoorJournal:
    """The journal file (``<state_dir>/doors.sqlite``).

    Args:
        path: the SQLite file.
        clock: wall-clock seconds, for ``opened_at`` (information only).
    """

    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        # A damaged journal is moved aside (and said in the log) like every state file.
        self._store = open_state_db(path, _JournalStore, "door journal")
        self._clock = clock

    @property
    def path(self) -> str:
        """The file's path."""
        return self._store.path

    def close(self) -> None:
        """Close the database."""
        self._store.close()

    def expect(self, expectation: Expectation) -> None:
        """Write down that this door is being opened, and what its close means.

        One entry per door: opening a door again (after "open again") replaces the entry
        with the new expectation.
        """
        e = expectation
        with self._store.transaction() as db:
            db.execute(
                "INSERT INTO open_doors (compartment_id, rent_id, closing_event,"
                " closing_event_id, actor, opened_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (compartment_id) DO UPDATE SET rent_id = excluded.rent_id,"
                " closing_event = excluded.closing_event,"
                " closing_event_id = excluded.closing_event_id,"
                " actor = excluded.actor, opened_at = excluded.opened_at, open_seen = 0",
                (
                    e.compartment_id,
                    e.rent_id,
                    e.closing_event,
                    e.closing_event_id,
                    e.actor,
                    self._clock(),
                ),
            )

    def mark_open(self, compartment_id: str) -> None:
        """The door of this entry was seen open: its close is the closing event for sure."""
        with self._store.transaction() as db:
            db.execute(
                "UPDATE open_doors SET open_seen = 1 WHERE compartment_id = ?", (compartment_id,)
            )

    def settle(self, compartment_id: str, closing_event_id: str) -> bool:
        """The close with this event id is committed: forget the entry.

        Only the entry with that event id goes: a newer expectation for the same door
        (it was opened again in the meantime) stays. Returns whether one was removed.
        """
        with self._store.transaction() as db:
            cur = db.execute(
                "DELETE FROM open_doors WHERE compartment_id = ? AND closing_event_id = ?",
                (compartment_id, closing_event_id),
            )
            return cur.rowcount == 1

    def forget(self, compartment_id: str) -> None:
        """Drop the entry of a door that never opened (the unlock failed for good)."""
        with self._store.transaction() as db:
            db.execute("DELETE FROM open_doors WHERE compartment_id = ?", (compartment_id,))

    def entries(self) -> list[OpenDoor]:
        """Every door whose close is not recorded yet, oldest first."""
        rows = (
            self._store.read()
            .execute("SELECT * FROM open_doors ORDER BY opened_at, compartment_id")
            .fetchall()
        )
        return [
            OpenDoor(
                Expectation(
                    compartment_id=str(row["compartment_id"]),
                    rent_id=None if row["rent_id"] is None else str(row["rent_id"]),
                    closing_event=str(row["closing_event"]),
                    closing_event_id=str(row["closing_event_id"]),
                    actor=str(row["actor"]),
                ),
                float(row["opened_at"]),
                bool(row["open_seen"]),
            )
            for row in rows
        ]
