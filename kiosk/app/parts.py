"""The parts a kiosk runs on, opened from its config, and the services that run them.

:func:`open_parts` opens the plain parts (backend, outbox, door journal, the simulated bus
in demo mode); :class:`KioskServices` runs them on worker threads (board, backend,
outbox, doors) for the flows. (The Qt adapters themselves live in ``kiosk/services/``;
this module only chooses and assembles them.)

Real and simulated parts are chosen here and nowhere else (ARCHITECTURE: every external
thing has an interface and two implementations picked at start-up). Nothing here blocks
the GUI thread for long: files are opened at start-up (milliseconds), while seeding the
demo (PBKDF2 hashing), fetching the locker's layout and everything that waits on a
network or a serial port runs on the services' workers.

The board service needs the locker's layout (compartment → board, lock), which comes from
the backend; until it has arrived, :class:`~kiosk.services.doors.DoorsRelay` refuses door
commands and the flows see the same signals either way.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.app.settings import effective
from kiosk.backend.api import (
    LockerBackend,
    LockerInfo,
    Unavailable,
)
from kiosk.backend.demo import DEMO_LOCKER_ID, seed_demo
from kiosk.backend.door_journal import DoorJournal, Expectation
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.offline import OfflineVerifier, ResilientBackend
from kiosk.backend.outbox import Outbox
from kiosk.backend.statefile import StateFileError
from kiosk.config import Config
from kiosk.flows.ports import UNKNOWN
from kiosk.flows.screendata import BankCell, DemoCode
from kiosk.hardware.driver import Bus, BusSettings
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.backend import BackendService
from kiosk.services.board import BoardService
from kiosk.services.doors import DoorsRelay
from kiosk.services.gateway import ServiceGateway
from kiosk.services.outbox import OutboxService

log = logging.getLogger("kiosk.app.parts")

#: Long-poll wait (s) against an embedded backend (the demo's): see KioskServices.
EMBEDDED_POLL_S = 1.0


@dataclass
class Prepared:
    """What the backend worker hands back once the locker is known."""

    locker: LockerInfo
    demo_codes: tuple[DemoCode, ...] = ()


@dataclass
class Parts:
    """Plain (non-Qt) parts opened from the config, before any worker starts."""

    backend: LockerBackend
    outbox: Outbox
    prepare: Callable[[], Prepared]
    bus_settings: BusSettings
    simulator: SimulatedBus | None = None
    closers: list[Callable[[], None]] = field(default_factory=list)
    journal: DoorJournal | None = None


def open_parts(config: Config) -> Parts:
    """Open the backend, the outbox and (for the simulator) the simulated bus.

    A damaged outbox or offline-code cache is moved aside and started afresh (see
    :mod:`kiosk.backend.statefile`); a state directory the kiosk cannot write is a
    :class:`~kiosk.backend.statefile.StateFileError` with one line to show.

    Raises:
        OSError: the state directory or a part cannot be opened (``StateFileError``, a
            token file others can read, a port path that is not a device).
        ValueError: a part refused its settings.
    """
    state = config.state_path()
    check_state_dir(state)
    closers: list[Callable[[], None]] = []
    outbox_path = (
        Path(config.backend.db_path).with_suffix(".outbox.sqlite")
        if config.backend.db_path
        else state / "outbox.sqlite"
    )
    outbox = Outbox(outbox_path)
    closers.append(outbox.close)
    # Beside the outbox: the doors opened whose close is not recorded yet.
    journal_path = (
        Path(config.backend.db_path).with_suffix(".doors.sqlite")
        if config.backend.db_path
        else state / "doors.sqlite"
    )
    journal = DoorJournal(journal_path)
    closers.append(journal.close)
    backend: LockerBackend
    if config.backend.kind == "embedded":
        db = embedded_db_path(config)
        core = BackendCore.open(db)
        closers.append(core.close)
        backend = EmbeddedBackend(core, config.backend.locker_id)
        # The demo locker is seeded once, into a fresh file (--demo uses a new one each run).
        seed = config.backend.locker_id == DEMO_LOCKER_ID and not core.has_locker(DEMO_LOCKER_ID)

        def prepare() -> Prepared:
            codes: tuple[DemoCode, ...] = ()
            if seed:
                seeded = seed_demo(core)
                codes = tuple(
                    DemoCode(c.code, ", ".join(c.compartments) or c.size, kind=c.kind)
                    for c in seeded
                    if c.kind in ("pickup", "send", "return")
                )
            return Prepared(backend.get_locker(), codes)
    else:
        from kiosk.backend.rest import RestBackend

        rest = RestBackend.from_token_file(
            config.backend.base_url,
            config.backend.locker_id,
            config.backend.token_file,
            ca_bundle=config.backend.ca_bundle or None,
            timeout_s=config.backend.verify_timeout_s,
            connect_timeout_s=config.backend.connect_timeout_s,
        )
        closers.append(rest.close)
        verifier = OfflineVerifier(state / "offline-codes.sqlite", outbox=outbox)
        closers.append(verifier.close)
        resilient = ResilientBackend(rest, verifier, outbox=outbox)
        backend = resilient

        layout_cache = state / "locker.json"

        def prepare() -> Prepared:
            # The offline-code cache is refreshed by BackendService (at start, then
            # periodically), on its own schedule.
            return Prepared(cached_locker(rest.get_locker, layout_cache))

    simulator = None
    port = config.board.port
    if config.board.kind == "simulator":
        simulator = SimulatedBus(sorted(config.board.boards))
        simulator.start()
        closers.append(simulator.stop)
        port = simulator.path
    b = config.board
    bus_settings = BusSettings(
        port=port,
        baud=b.baud,
        timeout_ms=b.timeout_ms,
        retries=b.retries,
        unlock_reply=b.unlock_reply,
        hook_closed_bit=b.hook_closed_bit,
        broadcast_addr=b.broadcast_addr,
        unlock_confirm_ms=b.unlock_confirm_ms,
        door_open_timeout_s=b.door_open_timeout_s,
    )
    return Parts(backend, outbox, prepare, bus_settings, simulator, closers, journal)


def embedded_db_path(config: Config) -> Path:
    """Where the embedded backend keeps its database (the demo's: a temporary folder)."""
    if config.backend.db_path:
        return Path(config.backend.db_path)
    return config.state_path() / "backend.sqlite"


def check_state_dir(state: Path) -> None:
    """Create ``state`` if needed and make sure the kiosk can write files in it.

    Checked up front so the technician reads "state_dir ... is not a directory" rather than
    SQLite's "unable to open database file" about whichever file came first.

    Raises:
        StateFileError: ``state`` is not a directory, cannot be created or is not writable.
    """
    try:
        state.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StateFileError(f"state_dir {state} is not a directory") from None
    except OSError as err:
        raise StateFileError(
            f"state_dir {state} cannot be created: {err.strerror or err}"
        ) from None
    if not state.is_dir():
        raise StateFileError(f"state_dir {state} is not a directory")
    try:
        with tempfile.TemporaryFile(dir=state, prefix=".write-check-"):
            pass
    except OSError as err:
        raise StateFileError(f"state_dir {state} is not writable: {err.strerror or err}") from None


def cached_locker(fetch: Callable[[], LockerInfo], cache: Path) -> LockerInfo:
    """The locker from the backend, remembered on disk for a start without network.

    A kiosk that boots while the backend is unreachable (after a power cut, with the
    router still starting) would otherwise know no compartments at all and stay out of
    service, although its offline codes could serve customers. Only ``Unavailable`` falls
    back to the cache: an answer that says something else is not papered over.
    """
    try:
        locker = fetch()
    except Unavailable:
        try:
            cached = msgspec.json.decode(cache.read_bytes(), type=LockerInfo)
        except (OSError, msgspec.ValidationError, msgspec.DecodeError):
            cached = None
        if cached is None:
            raise  # the Unavailable: nothing remembered to start from
        log.warning("backend unreachable: using the locker layout remembered in %s", cache)
        return cached
    tmp = cache.with_suffix(".tmp")
    try:
        tmp.write_bytes(msgspec.json.encode(locker))
        os.replace(tmp, cache)
    except OSError as err:
        log.warning("locker layout not remembered (%s)", err)
    return locker


def cells_of(locker: LockerInfo) -> tuple[BankCell, ...]:
    """The bank picture's cells from the locker's compartments.

    A compartment spans the rows down to the next one in its column (a tall XL door
    that takes two grid rows is drawn as one door, not as a door and a gap).
    """
    rows_by_column: dict[int, list[int]] = {}
    for c in locker.compartments:
        rows_by_column.setdefault(c.column, []).append(c.row)
    cells = []
    for c in locker.compartments:
        below = [row for row in rows_by_column[c.column] if row > c.row]
        height = (min(below) - c.row) if below else 1
        cells.append(BankCell(c.id, c.column, c.row, height=height))
    return tuple(cells)


class KioskServices(QObject):
    """Every service of one kiosk, started and stopped together.

    Signals:
        ready(object): the :class:`Prepared` locker (layout, settings, demo codes); the
            board service exists from now on.
        failed(str): the locker could not be prepared (backend unreachable at start-up
            with no layout known); a technician-readable reason.
        boards_offline(bool): True when every board stopped answering, False when one is back.
    """

    ready = Signal(object)
    failed = Signal(str)
    boards_offline = Signal(bool)

    def __init__(
        self,
        config: Config,
        parts: Parts,
        parent: QObject | None = None,
        *,
        poll_embedded_commands: bool = False,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.parts = parts
        embedded = config.backend.kind == "embedded"
        # ---- back-office commands in the demo ----
        # An embedded backend has no server, but the demo's database takes commands from
        # ``locker-kiosk-server command --db ...`` in a second terminal: the demo polls
        # it. Short waits (a local SQLite read a second), so shutting down never waits
        # out a 25 s long poll.
        self._poll_commands = not embedded or poll_embedded_commands
        poll_wait_s = EMBEDDED_POLL_S if embedded else config.backend.command_poll_s
        # ---- end back-office commands in the demo ----
        self.doors = DoorsRelay(parts.journal, self)
        self.outbox = OutboxService(parts.outbox, parts.backend, self)
        resilient = parts.backend if isinstance(parts.backend, ResilientBackend) else None
        self.backend = BackendService(
            parts.backend,
            self,
            heartbeat_s=config.backend.heartbeat_s,
            poll_wait_s=poll_wait_s,
            doors=self.doors.door_states,
            outbox_stats=lambda: self.outbox.stats,
            refresh_offline=resilient.refresh_offline_codes if resilient else None,
        )
        # The backend answered: events recorded while it was away leave now, not after backoff.
        self.backend.answered.connect(self.outbox.kick)
        self.gateway = ServiceGateway(self.backend, self.outbox, self)
        # A door that reads open with no unlock is a break-in or a broken hook sensor:
        # the operator hears of it through the same outbox as every other event.
        self.doors.door_forced.connect(
            lambda compartment: self.gateway.record_event(
                "door_forced", compartment, None, actor=UNKNOWN
            )
        )
        # A close no flow watched (after a restart, or after the person walked away):
        # its closing event, with the id made before the door opened.
        self.doors.close_to_record.connect(self._record_close)
        self.board: BoardService | None = None
        self.prepared: Prepared | None = None
        self._offline_boards: set[int] = set()
        self._boards: set[int] = set()
        self._retry = QTimer(self)
        self._retry.setObjectName("prepare-retry")
        self._retry.setSingleShot(True)
        self._retry.setInterval(15000)
        self._retry.timeout.connect(self._retry_prepare)

    @property
    def simulator(self) -> SimulatedBus | None:
        """The in-process simulated bus, in demo mode."""
        return self.parts.simulator

    def start(self) -> None:
        """Start workers; the locker is prepared in the background."""
        self.outbox.start()
        self.doors.start()
        embedded = self.config.backend.kind == "embedded"
        # The embedded backend has no server to beat to or poll.
        self.backend.start(heartbeat=not embedded, commands=self._poll_commands)
        self.backend.call(self.parts.prepare, on_done=self._prepared, on_error=self._not_prepared)

    def stop(self) -> None:
        """Stop everything and close files and ports."""
        self._retry.stop()
        if self.board is not None:
            self.board.stop()
        self.backend.stop()
        self.doors.stop()
        self.outbox.stop()
        for close in reversed(self.parts.closers):
            try:
                close()
            except Exception as exc:  # shutting down: report, keep closing the rest
                log.error("closing %s failed: %s", close, exc)

    def _prepared(self, prepared: object) -> None:
        assert isinstance(prepared, Prepared)
        self.prepared = prepared
        layout = {c.id: (c.board, c.lock) for c in prepared.locker.compartments}
        sensors = frozenset(c.board for c in prepared.locker.compartments if c.sensor)
        # The backend's door-open timeout over the config file's (kiosk.app.settings).
        door_open_s = effective(self.config, prepared.locker.settings, ()).door_open_timeout_s
        bus = Bus(
            dataclasses.replace(
                self.parts.bus_settings, sensor_boards=sensors, door_open_timeout_s=door_open_s
            )
        )
        self._boards = {board for board, _ in layout.values()}
        self.board = BoardService(bus, layout, self)
        self.board.board_offline.connect(self._on_board_offline)
        self.board.board_online.connect(self._on_board_online)
        self.doors.attach(self.board, {c.id: c.board for c in prepared.locker.compartments})
        self.board.start()
        log.info(
            "locker %s ready: %d compartments on boards %s",
            prepared.locker.locker_id,
            len(layout),
            sorted({b for b, _ in layout.values()}),
        )
        self.ready.emit(prepared)

    def _record_close(self, expect: object) -> None:
        assert isinstance(expect, Expectation)
        self.gateway.record_event(
            expect.closing_event,
            expect.compartment_id,
            expect.rent_id,
            actor=expect.actor,
            detail={"recorded_by": "doors"},
            event_id=expect.closing_event_id,
            on_done=lambda: self.doors.settle(expect.compartment_id, expect.closing_event_id),
        )

    def apply_settings(self, heartbeat_s: float) -> None:
        """Settings that arrived with the locker (after the precedence) and concern us."""
        self.backend.set_heartbeat_s(heartbeat_s)

    def _not_prepared(self, error: BaseException) -> None:
        reason = getattr(error, "code", type(error).__name__)
        log.error("locker not prepared: %s", reason)
        self.failed.emit(str(reason))
        # Try again: the backend may come back; the kiosk shows out-of-service meanwhile.
        self._retry.start()

    @Slot()
    def _retry_prepare(self) -> None:
        if self.prepared is None:
            self.backend.call(
                self.parts.prepare, on_done=self._prepared, on_error=self._not_prepared
            )

    @Slot(int)
    def _on_board_offline(self, board: int) -> None:
        self._offline_boards.add(board)
        if self._offline_boards >= self._boards:
            self.boards_offline.emit(True)

    @Slot(int)
    def _on_board_online(self, board: int) -> None:
        was_all = bool(self._boards) and self._offline_boards >= self._boards
        self._offline_boards.discard(board)
        if was_all:
            self.boards_offline.emit(False)
