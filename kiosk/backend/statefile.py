"""Open the kiosk's own SQLite files (outbox, offline-code cache), damaged or not.

A kiosk lives through power cuts, full disks and failing SD cards. A state file that is
junk, truncated or emptied must not stop it half-started for ever, and must not be thrown
away either: it may hold events nobody else has. So a damaged file is *moved aside* as
``<name>.damaged-<UTC time>`` (with its ``-wal``/``-shm`` companions, so SQLite can still
open the copy for a rescue), a fresh file is started in its place, and one line names both
paths. A file that cannot be opened at all for a reason that is not its content (the
directory is not writable, is not a directory, the disk fails) is a
:class:`StateFileError`: the kiosk cannot keep its promises without it and stops with one
line, so that systemd restarts it.

"Damaged" means SQLite says so (``SQLITE_CORRUPT``, ``SQLITE_NOTADB``, or ``PRAGMA
quick_check`` finds a fault; a truncated file often opens and fails only on the first read
of a lost page), or the file is 0 bytes: SQLite would take that as an empty database, but
the kiosk never leaves one (the first open writes the header), so 0 bytes means the file
system lost it, and the operator should hear of it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("kiosk.backend.statefile")

T = TypeVar("T")

_DAMAGE_CODES = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
_COMPANIONS = ("-wal", "-shm", "-journal")


class StateFileError(OSError):
    """A state file that cannot be opened or replaced; ``str()`` is the one line to show."""


def _is_damage(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") in _DAMAGE_CODES


def find_damage(path: Path) -> str | None:
    """Why the SQLite file at ``path`` is damaged, or None (also when it does not exist).

    Only the content is judged; a file that cannot be read at all is left for the real
    open to report.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError:
        return None
    if not path.is_file():
        return None
    if size == 0:
        wal = path.with_name(path.name + "-wal")
        if not (wal.exists() and wal.stat().st_size > 0):
            return "the file is empty (0 bytes)"
    try:
        db = sqlite3.connect(path, timeout=5.0)
    except sqlite3.Error:
        return None
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc) if _is_damage(exc) else None
    finally:
        db.close()
    if rows != [("ok",)]:
        first = str(rows[0][0]) if rows else "no answer"
        return f"integrity check failed: {first[:200]}"
    return None


def move_aside(path: Path, clock: Callable[[], float] = time.time) -> Path:
    """Rename ``path`` (and its companions) to ``<name>.damaged-<UTC time>``; return it.

    Raises:
        StateFileError: the file cannot be renamed (the directory is read-only, ...).
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(clock()))
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    try:
        os.replace(path, aside)
        for suffix in _COMPANIONS:
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise StateFileError(
            f"{path} is damaged and cannot be moved aside: {exc.strerror or exc}"
        ) from None
    return aside


def open_state_db(
    path: str | Path,
    opener: Callable[[Path], T],
    what: str,
    *,
    clock: Callable[[], float] = time.time,
) -> T:
    """``opener(path)``; a damaged file is moved aside first and a fresh one opened.

    Args:
        path: the SQLite file.
        opener: opens the file (``OutboxStore``, ``OfflineCacheStore``).
        what: what the file is, for the log line ("outbox", "offline-code cache").
        clock: epoch seconds, for the name of the moved file.

    Raises:
        StateFileError: the file cannot be opened for a reason other than its content,
            or a damaged file cannot be moved aside.
    """
    path = Path(path)
    damage = find_damage(path)
    if damage is None:
        try:
            return opener(path)
        except sqlite3.Error as exc:
            if not _is_damage(exc):
                raise StateFileError(f"cannot open the {what} {path}: {exc}") from None
            damage = str(exc)
    aside = move_aside(path, clock)
    log.error(
        "%s %s was damaged (%s): moved aside to %s; starting a fresh one",
        what,
        path,
        damage,
        aside,
    )
    try:
        return opener(path)
    except sqlite3.Error as exc:
        raise StateFileError(f"cannot create a fresh {what} {path}: {exc}") from None


__all__ = ["StateFileError", "find_damage", "move_aside", "open_state_db"]
