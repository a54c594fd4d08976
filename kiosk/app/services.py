"""The services a kiosk runs on, built from its config: board, backend, outbox, scanners.

Real and simulated parts are chosen here and nowhere else (ARCHITECTURE: every external
thing has an interface and two implementations picked at start-up). Nothing here blocks
the GUI thread for long: files are opened at start-up (milliseconds), while seeding the
demo (PBKDF2 hashing), fetching the locker's layout and everything that waits on a
network or a serial port runs on the services' workers.

The board service needs the locker's layout (compartment → board, lock), which comes from
the backend; until it has arrived, :class:`DoorsRelay` holds door commands back and the
flows see the same signals either way.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import msgspec
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.backend.api import (
    DoorState,
    Event,
    LockerBackend,
    LockerInfo,
    PickupResult,
    Unavailable,
    utcnow,
)
from kiosk.backend.demo import DEMO_LOCKER_ID, seed_demo
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.offline import OfflineVerifier, ResilientBackend
from kiosk.backend.outbox import Outbox
from kiosk.backend.statefile import StateFileError
from kiosk.config import Config
from kiosk.flows.screendata import BankCell, DemoCode
from kiosk.hardware.driver import Bus, BusSettings
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.backend import BackendService
from kiosk.services.board import BoardService
from kiosk.services.outbox import OutboxService

log = logging.getLogger("kiosk.app.services")


class DoorsRelay(QObject):
    """The doors as flows see them, before and after the board service exists.

    Signals:
        door_opened(str), door_closed(str), door_forced(str): compartment ids.
        open_failed(str, str): compartment and reason.
    """

    door_opened = Signal(str)
    door_closed = Signal(str)
    door_forced = Signal(str)
    open_failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: BoardService | None = None

    def attach(self, board: BoardService) -> None:
        """Forward to and from ``board``."""
        self.board = board
        board.door_opened.connect(self.door_opened)
        board.door_closed.connect(self.door_closed)
        board.door_forced.connect(self.door_forced)
        board.open_failed.connect(self.open_failed)

    def open(self, compartment_id: str) -> None:
        """Unlock ``compartment_id``; before the layout is known this fails at once.

        Never held back for later: a door that unlocks minutes after the person gave up
        would stand open with nobody in front of it.
        """
        if self.board is None:
            log.warning("door %s not opened: the locker layout is not loaded", compartment_id)
            self.open_failed.emit(compartment_id, "not_started")
        else:
            self.board.open(compartment_id)

    def door_states(self) -> list[DoorState]:
        """Doors for the heartbeat (empty before the layout is known)."""
        if self.board is None:
            return []
        snap = self.board.snapshot()
        return [
            DoorState(
                compartment_id=comp,
                door=door,
                occupied=snap.occupied.get(comp),
                out_of_service=False,
            )
            for comp, door in snap.doors.items()
        ]


class PickupGatewayService(QObject):
    """The pickup flow's :class:`~kiosk.flows.pickup.PickupGateway` over the real services.

    Verification goes through :class:`BackendService` (its worker, its offline fallback);
    events go to the :class:`OutboxService`, and ``on_done`` runs once the outbox reports the
    event committed to disk (``recorded``) — or failed, which is logged as critical.
    """

    def __init__(
        self, backend: BackendService, outbox: OutboxService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.outbox = outbox
        self._pending: dict[str, Callable[[], None]] = {}
        outbox.recorded.connect(self._on_recorded)
        outbox.record_failed.connect(self._on_record_failed)

    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Check ``code``; exactly one callback runs, on the GUI thread."""
        self.backend.verify_pickup(code, phone, on_done=on_done, on_error=on_error)

    def record_event(
        self,
        event_type: str,
        compartment_id: str,
        rent_id: str | None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """Commit an event with a kiosk-made UUID to the outbox."""
        event = Event(
            event_id=str(uuid.uuid4()),
            type=event_type,
            at=utcnow(),
            compartment_id=compartment_id,
            rent_id=rent_id,
            actor="shopper",
        )
        if on_done is not None:
            self._pending[event.event_id] = on_done
        self.outbox.record(event)

    @Slot(str)
    def _on_recorded(self, event_id: str) -> None:
        callback = self._pending.pop(event_id, None)
        if callback is not None:
            callback()

    @Slot(str, object)
    def _on_record_failed(self, event_id: str, error: object) -> None:
        # The disk refused the write: nothing on this kiosk can keep the event safer. The
        # outbox logged it; let the person go on rather than trap them at the door.
        log.critical("event %s NOT committed: %s", event_id, error)
        callback = self._pending.pop(event_id, None)
        if callback is not None:
            callback()


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
    backend: LockerBackend
    if config.backend.kind == "embedded":
        db = Path(config.backend.db_path) if config.backend.db_path else state / "backend.sqlite"
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
                    DemoCode(c.code, ", ".join(c.compartments))
                    for c in seeded
                    if c.kind == "pickup"
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
    return Parts(backend, outbox, prepare, bus_settings, simulator, closers)


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
    """The bank picture's cells from the locker's compartments."""
    return tuple(BankCell(c.id, c.column, c.row) for c in locker.compartments)


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

    def __init__(self, config: Config, parts: Parts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.parts = parts
        self.doors = DoorsRelay(self)
        self.outbox = OutboxService(parts.outbox, parts.backend, self)
        resilient = parts.backend if isinstance(parts.backend, ResilientBackend) else None
        self.backend = BackendService(
            parts.backend,
            self,
            heartbeat_s=config.backend.heartbeat_s,
            poll_wait_s=config.backend.command_poll_s,
            doors=self.doors.door_states,
            outbox_stats=lambda: self.outbox.stats,
            refresh_offline=resilient.refresh_offline_codes if resilient else None,
        )
        # The backend answered: events recorded while it was away leave now, not after backoff.
        self.backend.answered.connect(self.outbox.kick)
        self.gateway = PickupGatewayService(self.backend, self.outbox, self)
        # A door that reads open with no unlock is a break-in or a broken hook sensor:
        # the operator hears of it through the same outbox as every other event.
        self.doors.door_forced.connect(
            lambda compartment: self.gateway.record_event("door_forced", compartment, None)
        )
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
        embedded = self.config.backend.kind == "embedded"
        # The embedded backend has no server to beat to or poll.
        self.backend.start(heartbeat=not embedded, commands=not embedded)
        self.backend.call(self.parts.prepare, on_done=self._prepared, on_error=self._not_prepared)

    def stop(self) -> None:
        """Stop everything and close files and ports."""
        self._retry.stop()
        if self.board is not None:
            self.board.stop()
        self.backend.stop()
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
        bus = Bus(dataclasses.replace(self.parts.bus_settings, sensor_boards=sensors))
        self._boards = {board for board, _ in layout.values()}
        self.board = BoardService(bus, layout, self)
        self.board.board_offline.connect(self._on_board_offline)
        self.board.board_online.connect(self._on_board_online)
        self.doors.attach(self.board)
        self.board.start()
        log.info(
            "locker %s ready: %d compartments on boards %s",
            prepared.locker.locker_id,
            len(layout),
            sorted({b for b, _ in layout.values()}),
        )
        self.ready.emit(prepared)

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
