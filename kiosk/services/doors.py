"""The doors as flows see them: the board service, plus the door journal that lets a
close be recorded whatever happened to the kiosk in between.

:class:`DoorsRelay` is the real :class:`~kiosk.flows.ports.Doors`. It exists before the
board service does (the layout comes from the backend), forwards the board's signals, and
keeps the :class:`~kiosk.backend.door_journal.DoorJournal`:

- ``open(compartment, expect)`` writes the expectation to the journal on its own worker
  thread (on disk, ``synchronous=FULL``) and only then sends the unlock;
- a door of a journal entry seen open marks it ``open_seen``;
- the flow's door cycle records the closing event with the id made in advance and calls
  :meth:`DoorsRelay.settle`; a door the flow stopped watching (the person walked away, the
  reminder ran out) is released to the relay, which records its close itself when it
  comes (:attr:`DoorsRelay.close_to_record`);
- at start-up, entries left by a crash are finished as each board first answers: open
  doors wait for their close, closed doors seen open are recorded at once; a door found
  open that no entry explains is ``door_forced``.

Recording the same closing event twice is harmless: it has one id, and the outbox and the
backend keep an id once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.backend.api import DoorState
from kiosk.backend.door_journal import DoorJournal, Expectation, OpenDoor
from kiosk.services.board import BoardService
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.services.doors")


class DoorsRelay(QObject):
    """The doors as flows see them, before and after the board service exists.

    Args:
        journal: the door journal (None: no journal, as in tests of other parts).

    Signals:
        door_opened(str), door_closed(str), door_forced(str): compartment ids.
        open_failed(str, str): compartment and reason.
        close_to_record(object): an :class:`Expectation` whose close happened with no flow
            watching (after a restart, or after the person walked away): record its
            closing event, then :meth:`settle` it.
    """

    door_opened = Signal(str)
    door_closed = Signal(str)
    door_forced = Signal(str)
    open_failed = Signal(str, str)
    close_to_record = Signal(object)

    def __init__(self, journal: DoorJournal | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: BoardService | None = None
        self.journal = journal
        self._writer = Worker("door-journal", self)
        self._entries: dict[str, Expectation] = {}  # journal entries, mirrored
        self._watched: set[str] = set()  # doors a flow's door cycle records itself
        self._recovered: dict[str, OpenDoor] = {}  # left by the last run, not yet seen
        self._seen_boards: set[int] = set()
        self._boards_of: dict[str, int] = {}
        self._journal_loaded = journal is None
        #: Compartments out of service (the kiosk's Bank), for the heartbeat.
        self.out_of_service: Callable[[], Collection[str]] = frozenset

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Start the journal's writer and read what the last run left open."""
        self._writer.start()
        if self.journal is not None:
            self._writer.submit(
                self.journal.entries, on_done=self._on_recovered, on_error=self._journal_failed
            )

    def stop(self) -> None:
        """Write what is queued and stop the writer."""
        self._writer.stop(drain=True)

    def attach(self, board: BoardService, boards_of: dict[str, int]) -> None:
        """Forward to and from ``board``; ``boards_of`` maps compartment → board number."""
        self.board = board
        self._boards_of = dict(boards_of)
        board.door_opened.connect(self._on_door_opened)
        board.door_closed.connect(self._on_door_closed)
        board.door_forced.connect(self.door_forced)
        board.open_failed.connect(self.open_failed)
        board.board_online.connect(self._on_board_online)

    # ------------------------------------------------------------------ the Doors port
    def open(self, compartment_id: str, expect: Expectation | None = None) -> None:
        """Unlock ``compartment_id``; with ``expect``, journal it first.

        Before the layout is known this fails at once: never held back for later, a door
        that unlocks minutes after the person gave up would stand open with nobody there.
        """
        if self.board is None:
            log.warning("door %s not opened: the locker layout is not loaded", compartment_id)
            self.open_failed.emit(compartment_id, "not_started")
            return
        if expect is None or self.journal is None:
            self.board.open(compartment_id)
            return
        self._entries[compartment_id] = expect
        self._watched.add(compartment_id)
        self._recovered.pop(compartment_id, None)
        board = self.board

        def unlock(_: object = None) -> None:
            board.open(compartment_id)

        def unlock_anyway(exc: BaseException) -> None:
            # A person stands in front of the door: a journal that cannot be written
            # (disk full, file damaged) must not refuse them. Said loudly instead.
            log.critical("door journal not written (%s): opening %s anyway", exc, compartment_id)
            board.open(compartment_id)

        self._writer.submit(self.journal.expect, expect, on_done=unlock, on_error=unlock_anyway)

    def settle(self, compartment_id: str, closing_event_id: str) -> None:
        """The close with this event id is committed to the outbox: the entry is done."""
        entry = self._entries.get(compartment_id)
        if entry is not None and entry.closing_event_id == closing_event_id:
            del self._entries[compartment_id]
            self._watched.discard(compartment_id)
        if self.journal is not None:
            self._writer.submit(
                self.journal.settle,
                compartment_id,
                closing_event_id,
                on_error=self._journal_failed,
            )

    def release(self, compartment_id: str) -> None:
        """The flow stops watching this open door: its close is recorded here, later."""
        self._watched.discard(compartment_id)

    def forget(self, compartment_id: str) -> None:
        """The door never opened for its expectation: nothing to record at its close."""
        self._watched.discard(compartment_id)
        if self._entries.pop(compartment_id, None) is not None and self.journal is not None:
            self._writer.submit(self.journal.forget, compartment_id, on_error=self._journal_failed)

    def occupied(self, compartment_id: str) -> bool | None:
        """The item sensor's last reading for the compartment (None: none known)."""
        if self.board is None:
            return None
        return self.board.snapshot().occupied.get(compartment_id)

    def pending_closes(self) -> dict[str, Expectation]:
        """Doors whose close is not recorded yet (a copy of the journal's mirror)."""
        return dict(self._entries)

    def door_states(self) -> list[DoorState]:
        """Doors for the heartbeat (empty before the layout is known)."""
        if self.board is None:
            return []
        snap = self.board.snapshot()
        out_of_service = set(self.out_of_service())
        return [
            DoorState(
                compartment_id=comp,
                door=door,
                occupied=snap.occupied.get(comp),
                out_of_service=comp in out_of_service,
            )
            for comp, door in snap.doors.items()
        ]

    # ------------------------------------------------------------------ internals
    def _journal_failed(self, exc: BaseException) -> None:
        log.critical("door journal: %s: %s", type(exc).__name__, exc)

    def _on_recovered(self, entries: object) -> None:
        assert isinstance(entries, list)
        self._journal_loaded = True
        for entry in entries:
            assert isinstance(entry, OpenDoor)
            comp = entry.expectation.compartment_id
            if comp not in self._entries:  # a flow has not opened it again meanwhile
                self._entries[comp] = entry.expectation
                self._recovered[comp] = entry
        if self._recovered:
            log.warning(
                "%d door(s) opened before the restart still wait for their close: %s",
                len(self._recovered),
                ", ".join(sorted(self._recovered)),
            )
        for board in sorted(self._seen_boards):
            self._settle_first_sight(board)

    @Slot(int)
    def _on_board_online(self, board: int) -> None:
        if board in self._seen_boards:
            return
        self._seen_boards.add(board)
        self._settle_first_sight(board)

    def _settle_first_sight(self, board: int) -> None:
        """A board's first reading: finish what the last run left, report forced doors."""
        if self.board is None:
            return
        doors = self.board.snapshot().doors
        for comp, number in self._boards_of.items():
            if number != board:
                continue
            state = doors.get(comp, "unknown")
            entry = self._recovered.get(comp)
            if entry is None:
                if state == "open" and comp not in self._entries and self._journal_loaded:
                    log.warning("door %s found open at start-up with no unlock known", comp)
                    self.door_forced.emit(comp)
                continue
            if state == "open":
                # Seen open now: its close, when it comes, is the closing event
                # (_on_door_closed), even if the kiosk goes down once more before that.
                if self.journal is not None:
                    self._writer.submit(self.journal.mark_open, comp, on_error=self._journal_failed)
                continue
            if state == "closed":
                del self._recovered[comp]
                occupied = self.board.snapshot().occupied.get(comp)
                if entry.open_seen or _sensor_confirms(entry.expectation, occupied):
                    log.info("door %s closed while the kiosk was down: recording it", comp)
                    self.close_to_record.emit(entry.expectation)
                else:
                    log.warning(
                        "door %s: unlocked before the restart, never seen open, reads "
                        "closed, and the item sensor does not tell (%s): nothing recorded",
                        comp,
                        {None: "no reading", True: "occupied", False: "empty"}[occupied],
                    )
                    self.forget(comp)

    @Slot(str)
    def _on_door_opened(self, compartment: str) -> None:
        if compartment in self._entries and self.journal is not None:
            self._recovered.pop(compartment, None)
            self._writer.submit(self.journal.mark_open, compartment, on_error=self._journal_failed)
        self.door_opened.emit(compartment)

    @Slot(str)
    def _on_door_closed(self, compartment: str) -> None:
        entry = self._entries.get(compartment)
        self._recovered.pop(compartment, None)
        self.door_closed.emit(compartment)
        if entry is not None and compartment not in self._watched:
            log.info("door %s closed with no flow watching: recording its close", compartment)
            self.close_to_record.emit(entry)


def _sensor_confirms(expect: Expectation, occupied: bool | None) -> bool:
    """Whether the item sensor shows the close meant what was expected.

    The crash fell between the unlock and the first reading of the door open; the door
    reads closed now. An empty compartment after a pickup or a collection (the parcel is
    gone), or an occupied one after a deposit (the parcel is in), says the door did open
    and the person did what they came for. No reading, or the opposite one, says nothing
    certain: then nothing is recorded.
    """
    if occupied is None:
        return False
    if expect.closing_event in ("picked_up", "collected"):
        return occupied is False
    if expect.closing_event == "deposited":
        return occupied is True
    return False
