"""The door journal: what an open door's close means survives a crash, settled once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.backend.door_journal import DoorJournal, Expectation


def expectation(compartment: str = "A07", event_id: str = "e-1") -> Expectation:
    return Expectation(compartment, "r-1", "picked_up", event_id, "shopper")


def test_door_journal_entry_survives_a_reopen_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "doors.sqlite"
    journal = DoorJournal(path, clock=lambda: 100.0)
    journal.expect(expectation())
    journal.close()
    again = DoorJournal(path)
    [entry] = again.entries()
    assert entry.expectation == expectation()
    assert entry.opened_at == 100.0
    again.close()


def test_door_journal_survives_kill_9_right_after_expect(tmp_path: Path) -> None:
    # The entry must be on disk before the unlock goes on the wire: a process killed
    # right after expect() returns leaves it behind.
    path = tmp_path / "doors.sqlite"
    child = (
        "import os, signal, sys\n"
        "from kiosk.backend.door_journal import DoorJournal, Expectation\n"
        "j = DoorJournal(sys.argv[1])\n"
        "j.expect(Expectation('B02', 'r-9', 'deposited', 'e-9', 'courier:c1'))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", child, str(path)], check=False, timeout=60)
    assert done.returncode == -9
    journal = DoorJournal(path)
    assert [e.expectation.compartment_id for e in journal.entries()] == ["B02"]
    journal.close()


def test_door_journal_settle_removes_only_that_close(tmp_path: Path) -> None:
    journal = DoorJournal(tmp_path / "doors.sqlite")
    journal.expect(expectation(event_id="e-1"))
    journal.expect(expectation(event_id="e-2"))  # opened again: the newer one stands
    assert not journal.settle("A07", "e-1")
    assert [e.expectation.closing_event_id for e in journal.entries()] == ["e-2"]
    assert journal.settle("A07", "e-2")
    assert journal.entries() == []
    journal.close()


def test_door_journal_one_entry_per_door_and_forget(tmp_path: Path) -> None:
    journal = DoorJournal(tmp_path / "doors.sqlite")
    journal.expect(expectation("A01", "e-1"))
    journal.expect(expectation("A02", "e-2"))
    journal.forget("A01")
    assert [e.expectation.compartment_id for e in journal.entries()] == ["A02"]
    journal.close()


def test_door_journal_open_seen_is_kept_and_reset_by_a_new_open(tmp_path: Path) -> None:
    journal = DoorJournal(tmp_path / "doors.sqlite")
    journal.expect(expectation(event_id="e-1"))
    assert not journal.entries()[0].open_seen
    journal.mark_open("A07")
    assert journal.entries()[0].open_seen
    journal.expect(expectation(event_id="e-2"))  # "open again": not seen open yet
    assert not journal.entries()[0].open_seen
    journal.close()
