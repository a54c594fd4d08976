"""Qt face of the lock-board bus: compartments in, door signals out, no blocking.

The bus (:class:`kiosk.hardware.driver.Bus`) blocks for a reply timeout on every request
and for up to the door-open timeout on an unlock. It therefore lives on a
:class:`~kiosk.services.worker.Worker` thread: the GUI thread only submits jobs and turns
their results into signals. Polling is driven by a QTimer on the GUI thread that submits
one poll job at a time (never a second one queued behind the first), and the
:class:`~kiosk.hardware.driver.Poller` decides which boards are due: boards with an open
door or an unlock in flight every ``poll_open_ms``, the rest every ``poll_idle_s``.

Upper layers speak in compartments ("A01"); the mapping compartment -> (board, lock) is a
constructor argument taken from the locker layout.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.hardware.driver import (
    BoardNotAnswering,
    BoardStatus,
    Bus,
    BusError,
    DoorDidNotOpen,
    DoorEvent,
    Event,
    Poller,
    PortUnavailable,
)
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.services.board")

DoorState = Literal["open", "closed", "unknown"]

# Reasons carried by open_failed; stable strings the flows and the outbox can rely on.
REASON_DID_NOT_OPEN = "did_not_open"
REASON_BOARD_NOT_ANSWERING = "board_not_answering"
REASON_PORT_UNAVAILABLE = "port_unavailable"
REASON_UNKNOWN_COMPARTMENT = "unknown_compartment"
REASON_NOT_STARTED = "not_started"
REASON_ERROR = "error"


@dataclass(frozen=True, slots=True)
class BoardSnapshot:
    """What the admin panel and the heartbeat show about the bus.

    Attributes:
        doors: Compartment -> "open", "closed" or "unknown" (board offline or not read yet).
        occupied: Compartment -> item sensor reading, None where there is no sensor or the
            board is offline.
        offline_boards: Boards of the layout that do not answer (or whose port is gone).
        drops: Frames dropped by the decoder, by reason (diagnostics).
    """

    doors: dict[str, DoorState]
    occupied: dict[str, bool | None]
    offline_boards: tuple[int, ...]
    drops: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _BusView:
    """What a worker job hands back to the GUI thread (plain data, no bus access)."""

    events: list[Event]
    statuses: dict[int, BoardStatus | None]
    online: dict[int, bool | None]
    drops: dict[str, int]
    next_poll_in_s: float


@dataclass(frozen=True, slots=True)
class _OpenOutcome:
    compartment: str
    lock: int
    board: int
    reason: str | None
    view: _BusView


class BoardService(QObject):
    """Opens compartments and reports what their doors do.

    Signals:
        door_opened(str): compartment whose door reads open after an unlock.
        door_closed(str): compartment whose door reads closed again.
        open_failed(str, str): compartment and reason: "did_not_open" (still closed at the
            door-open timeout: jammed), "board_not_answering", "port_unavailable",
            "unknown_compartment", "not_started" or "error".
        door_forced(str): compartment whose door opened with no unlock commanded.
        item_changed(str, bool): compartment and whether its sensor now sees an item.
        board_offline(int): a board of the layout stopped answering (or its port went).
        board_online(int): a board answers (again).
        snapshot_changed(): :meth:`snapshot` has new content.

    Args:
        bus: The bus to drive; it is only touched from the worker thread once started.
        layout: Compartment id -> (board, lock counted from 1).
        parent: Qt parent.
        tick_ms: Interval of the GUI-thread timer that hands poll jobs to the worker.
    """

    door_opened = Signal(str)
    door_closed = Signal(str)
    open_failed = Signal(str, str)
    door_forced = Signal(str)
    item_changed = Signal(str, bool)
    board_offline = Signal(int)
    board_online = Signal(int)
    snapshot_changed = Signal()

    def __init__(
        self,
        bus: Bus,
        layout: Mapping[str, tuple[int, int]],
        parent: QObject | None = None,
        *,
        tick_ms: int = 50,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("board-service")
        self._bus = bus
        self._layout = dict(layout)
        self._where = {place: comp for comp, place in self._layout.items()}
        boards = sorted({board for board, _ in self._layout.values()})
        self._boards = boards
        self._poller = Poller(bus, boards)
        self._worker = Worker("board", self)
        self._timer = QTimer(self)
        self._timer.setObjectName("board-poll")
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._poll_pending = False
        self._next_poll_at = 0.0
        self._running = False
        self._statuses: dict[int, BoardStatus | None] = dict.fromkeys(boards)
        self._online: dict[int, bool | None] = dict.fromkeys(boards)
        self._drops: dict[str, int] = {}
        self._failed: set[str] = set()

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Start the worker and the polling timer."""
        if self._running:
            return
        self._running = True
        self._worker.start()
        self._timer.start()
        self._tick()

    def stop(self) -> None:
        """Stop polling, let the running job finish, and close the port."""
        self._timer.stop()
        if not self._running:
            return
        self._running = False
        # An unlock in progress may wait up to the door-open timeout; give it that long, so
        # the port is closed rather than left open behind a worker that is still busy.
        if self._worker.stop(int((self._bus.settings.door_open_timeout_s + 2) * 1000)):
            self._bus.close()
        self._poll_pending = False

    @property
    def compartments(self) -> list[str]:
        """Compartment ids of the layout."""
        return list(self._layout)

    # ------------------------------------------------------------------ commands
    def open(self, compartment: str) -> None:
        """Unlock a compartment; the answer comes as door_opened or open_failed."""
        place = self._layout.get(compartment)
        if place is None:
            log.error("open of unknown compartment %r", compartment)
            self.open_failed.emit(compartment, REASON_UNKNOWN_COMPARTMENT)
            return
        if not self._running:
            self.open_failed.emit(compartment, REASON_NOT_STARTED)
            return
        board, lock = place
        # After a failed opening, "try again" reads the door first: it may have opened
        # after all (a late hook, a hand on the door), and then no unlock goes out.
        check_first = compartment in self._failed
        log.info("opening %s (board %d lock %d)", compartment, board, lock)
        self._worker.submit(
            self._open_job,
            compartment,
            board,
            lock,
            check_first,
            on_done=self._on_open_done,
            on_error=lambda exc: self._on_open_error(compartment, exc),
        )

    def snapshot(self) -> BoardSnapshot:
        """Door and occupancy per compartment, from the last reads (no I/O)."""
        doors: dict[str, DoorState] = {}
        occupied: dict[str, bool | None] = {}
        for comp, (board, lock) in self._layout.items():
            status = self._statuses.get(board)
            if status is None or self._online.get(board) is not True:
                doors[comp] = "unknown"
                occupied[comp] = None
            else:
                doors[comp] = "closed" if status.lock_closed(lock) else "open"
                occupied[comp] = status.item(lock)
        offline = tuple(b for b in self._boards if self._online.get(b) is False)
        return BoardSnapshot(doors, occupied, offline, dict(self._drops))

    # ------------------------------------------------------------------ worker side
    def _view(self, events: list[Event] | None = None) -> _BusView:
        bus = self._bus
        return _BusView(
            events=[*(events or []), *bus.take_events()],
            statuses={b: bus.known(b) for b in self._boards},
            online={b: (bus.is_online(b) if bus.port_is_open else False) for b in self._boards},
            drops={str(reason): n for reason, n in bus.drops.items()},
            next_poll_in_s=self._poller.seconds_to_next(),
        )

    def _poll_job(self) -> _BusView:
        return self._view(self._poller.poll_due())

    def _open_job(
        self, compartment: str, board: int, lock: int, check_first: bool = False
    ) -> _OpenOutcome:
        reason: str | None = None
        try:
            if check_first and not self._bus.status(board).lock_closed(lock):
                log.info("%s already reads open: no unlock sent", compartment)
            else:
                self._bus.open(board, lock)
        except DoorDidNotOpen:
            reason = REASON_DID_NOT_OPEN
        except BoardNotAnswering:
            reason = REASON_BOARD_NOT_ANSWERING
        except PortUnavailable:
            reason = REASON_PORT_UNAVAILABLE
        except BusError:
            reason = REASON_ERROR
        self._poller.hurry(board)
        return _OpenOutcome(compartment, lock, board, reason, self._view())

    # ------------------------------------------------------------------ GUI side
    def _tick(self) -> None:
        # Skip while a poll job is pending (never one queued behind another) and until the
        # poller has something due: an idle bus costs about one job a second.
        if self._poll_pending or not self._running or time.monotonic() < self._next_poll_at:
            return
        self._poll_pending = True
        self._worker.submit(
            self._poll_job, on_done=self._on_poll_done, on_error=self._on_poll_error
        )

    def _on_poll_done(self, view: object) -> None:
        self._poll_pending = False
        assert isinstance(view, _BusView)
        self._apply(view)

    def _on_poll_error(self, exc: BaseException) -> None:
        self._poll_pending = False
        log.error("board poll failed: %s: %s", type(exc).__name__, exc)

    def _on_open_done(self, outcome: object) -> None:
        assert isinstance(outcome, _OpenOutcome)
        opened = self._apply(outcome.view)
        comp = outcome.compartment
        if outcome.reason is not None:
            self._failed.add(comp)
            log.warning("%s did not open: %s", comp, outcome.reason)
            self.open_failed.emit(comp, outcome.reason)
            return
        self._failed.discard(comp)
        if comp not in opened:
            # It already read open before the unlock (no change to report): still open.
            self.door_opened.emit(comp)

    def _on_open_error(self, compartment: str, exc: BaseException) -> None:
        log.error("open of %s failed: %s: %s", compartment, type(exc).__name__, exc)
        self.open_failed.emit(compartment, REASON_ERROR)

    def _apply(self, view: _BusView) -> set[str]:
        """Take a worker's view of the bus; emit signals; return compartments opened."""
        self._next_poll_at = time.monotonic() + view.next_poll_in_s
        changed = view.statuses != self._statuses or view.drops != self._drops
        self._statuses = dict(view.statuses)
        self._drops = dict(view.drops)
        for board, online in view.online.items():
            if online is None or online == self._online.get(board):
                continue
            self._online[board] = online
            changed = True
            (self.board_online if online else self.board_offline).emit(board)
        opened: set[str] = set()
        for event in view.events:
            if not isinstance(event, DoorEvent):
                continue  # board transitions are derived from view.online above
            comp = self._where.get((event.board, event.lock))
            if comp is None:
                continue
            if event.kind == "opened":
                opened.add(comp)
                self.door_opened.emit(comp)
            elif event.kind == "closed":
                self.door_closed.emit(comp)
            elif event.kind == "forced":
                log.warning("door of %s opened without an unlock", comp)
                self.door_forced.emit(comp)
            else:
                self.item_changed.emit(comp, event.kind == "item_in")
        if changed:
            self.snapshot_changed.emit()
        return opened


def letter_layout(boards: list[int] | range, locks: int = 16) -> dict[str, tuple[int, int]]:
    """The demo's naming: the first board's locks are A01..A16, the second's B01.., etc."""
    return {
        f"{chr(ord('A') + n)}{lock:02d}": (board, lock)
        for n, board in enumerate(boards)
        for lock in range(1, locks + 1)
    }
