"""The hidden maintenance panel: PIN, door grid, open one or all, out of service, and more.

The journey: the secret gesture starts this flow (from idle, or from out of service: a
broken locker is exactly when a technician comes), the PIN screen asks for the admin PIN,
and the panel opens on the door grid. Every door opens through the kit's
:class:`~kiosk.flows.door_cycle.DoorCycle` with actor ``admin``; every action is an event
in the outbox with actor ``admin``.

States::

    pin ──right PIN──▶ panel ──open──▶ door (DoorCycle) ──▶ after_door ──▶ panel
     │                  │  ▲                                    │
     └─cancel/timeout─▶ done                                    └─(open all)─▶ gap ──▶ door
                        │
                        └─close / inactivity / restart / stop ──▶ done

A door the admin opens closes as ``admin_action`` (with ``detail.action = "open"``), also
when it holds a parcel: the technician taking a parcel out is not the shopper picking it
up, and the kiosk does not know which rent is inside (the backend does); the rent keeps its
status and the back office sees who opened the door and what the sensor read.

The panel logs out after ``logout_ms`` without a touch (the kiosk's own inactivity timer
is held off while the panel is open: :meth:`AdminFlow.holds_screen`) and on "Close"; the
kiosk then goes back to idle or out of service as its reasons say.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.domain.compartments import Bank, Status
from kiosk.flows.admin_pin import Lockout, verify_pin
from kiosk.flows.base import Flow
from kiosk.flows.door_cycle import CLOSED, DoorCycle, DoorJob, DoorTimeouts
from kiosk.flows.ports import ADMIN, Doors, Gateway
from kiosk.flows.screendata import (
    AdminCell,
    AdminData,
    AdminPage,
    BankCell,
    CameraData,
    Choice,
    CodeEntryData,
    Intent,
    ScreenName,
    Tone,
)

log = logging.getLogger("kiosk.flows.admin")

DoorReadings = tuple[Mapping[str, str], Mapping[str, bool | None]]

# What "Stop kiosk" exits with; the systemd unit does not restart on it
# (``RestartPreventExitStatus=``), so the technician gets the console.
EXIT_STOP = 76
# What "Restart kiosk" exits with; the unit (``Restart=always``) starts the kiosk again.
EXIT_RESTART = 0


def _no_readings() -> DoorReadings:
    return {}, {}


def _no_lines() -> tuple[str, ...]:
    return ()


def _no_logs(subsystem: str) -> tuple[str, ...]:
    return ()


def _nothing(*_: object) -> None:
    """A port nobody connected (tests of one part of the panel)."""


@dataclass
class AdminPorts:
    """What the panel reads and does outside the flow, handed in by the kiosk.

    Attributes:
        pin_hash: the admin PIN hash (read at start-up), None: no PIN file, panel shut.
        door_readings: doors ("open"/"closed"/"unknown") and item sensors, from the board
            poller's last reads (no I/O).
        diagnostics: lines about boards, port, backend, outbox, caches, version, disk.
        log_lines: the last log lines of a subsystem ("" for all), already redacted.
        compartment_events: the last things logged and recorded about one compartment.
        set_locker_out_of_service: take the whole locker out of (True) or back into service.
        locker_out_of_service: whether the admin took the whole locker out of service.
        site_settings: the on-site settings now in force (``site.toml``).
        save_site_settings: write them (off the GUI thread); the callback gets "" once they
            are on disk, else a one-line error.
    """

    pin_hash: Callable[[], str | None] = lambda: None
    door_readings: Callable[[], DoorReadings] = _no_readings
    diagnostics: Callable[[], tuple[str, ...]] = _no_lines
    log_lines: Callable[[str], tuple[str, ...]] = _no_logs
    compartment_events: Callable[[str], tuple[str, ...]] = _no_logs
    set_locker_out_of_service: Callable[[bool], None] = _nothing
    locker_out_of_service: Callable[[], bool] = lambda: False
    site_settings: Callable[[], Mapping[str, object]] = dict
    save_site_settings: Callable[[Mapping[str, object], Callable[[str], None]], None] = (
        lambda _values, on_done: on_done("")
    )
    languages: Callable[[], tuple[str, ...]] = lambda: ("en",)


@dataclass(frozen=True)
class AdminSettings:
    """Timeouts of the panel (ms)."""

    pin_timeout_ms: int = 60000
    logout_ms: int = 120000
    open_all_gap_ms: int = 1000
    """The pause between two doors of "Open all": one lock solenoid at a time, so the
    boards' supply never carries two inrush currents at once."""
    door: DoorTimeouts = field(default_factory=DoorTimeouts)


# Subsystems the log view filters by (logger name prefixes).
LOG_FILTERS = ("", "kiosk.hardware", "kiosk.backend", "kiosk.services", "kiosk.flows", "kiosk.app")
IDLE_CHOICES_S = (30, 60, 90, 120, 300)


class AdminFlow(Flow):
    """The admin panel as a flow.

    The kiosk calls :meth:`refresh` on the board poller's ``snapshot_changed`` and
    :meth:`touched` on every touch.

    Signals:
        exit_requested(int): "Restart kiosk" or "Stop kiosk": leave the application with
            this exit status (:data:`EXIT_RESTART`, :data:`EXIT_STOP`).
    """

    flow_name = "admin"
    allowed_out_of_service = True

    exit_requested = Signal(int)

    _logged_in = Signal()
    _open_door = Signal()
    _to_panel = Signal()
    _to_gap = Signal()
    _logout = Signal()

    def __init__(
        self,
        gateway: Gateway,
        doors: Doors,
        bank: Bank,
        ports: AdminPorts | None = None,
        settings: AdminSettings | None = None,
        *,
        lockout: Lockout | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.doors = doors
        self.bank = bank
        self.ports = ports or AdminPorts()
        self.settings = settings or AdminSettings()
        self.lockout = lockout or Lockout()
        self.cells: tuple[BankCell, ...] = ()
        self.page: AdminPage = "doors"
        self.selected = ""
        self.log_filter = ""
        self.status = ""
        self.tone: Tone = "info"
        self.last_scan = ""
        self._camera_test = False  # the camera screen is up for the camera test
        self._camera_note = ""
        self._pending_settings: dict[str, object] = {}
        self._bulk: list[str] = []  # doors "Open all" has still to open
        self._bulk_total = 0
        self._bulk_done: list[str] = []
        self._bulk_failed: list[str] = []
        self._bulk_running = False
        self._build()

    def _build(self) -> None:
        s = self.settings
        self.pin, pin_timer = self.waiting_state("pin", s.pin_timeout_ms)
        self.panel, self.logout_timer = self.waiting_state("panel", s.logout_ms)
        self.cycle = DoorCycle(self, self.doors, self.gateway, s.door)
        self.after_door = self.state("after_door")
        self.gap, gap_timer = self.waiting_state("open_all_gap", s.open_all_gap_ms)
        self.first = self.pin

        self.pin.addTransition(self._logged_in, self.panel)
        self.pin.addTransition(pin_timer.timeout, self.done)
        self.pin.addTransition(self._logout, self.done)
        self.panel.addTransition(self._open_door, self.cycle.state)
        self.panel.addTransition(self._logout, self.done)
        self.panel.addTransition(self.logout_timer.timeout, self.done)
        self.cycle.state.addTransition(self.cycle.state.finished, self.after_door)
        self.after_door.addTransition(self._to_panel, self.panel)
        self.after_door.addTransition(self._to_gap, self.gap)
        self.gap.addTransition(self._open_door, self.cycle.state)
        self.gap.addTransition(self._to_panel, self.panel)

        self.pin.entered.connect(self._show_pin)
        self.panel.entered.connect(self._show_page)
        self.logout_timer.timeout.connect(lambda: self._record_action("logout", why="inactivity"))
        self.after_door.entered.connect(self._after_door)
        gap_timer.timeout.connect(self._next_bulk_door)
        self.cycle.door_open.entered.connect(self._bulk_door_open)
        self.cycle.door_failed.entered.connect(self._bulk_door_failed)

    # ------------------------------------------------------------------ the kiosk's side
    def apply_layout(self, cells: tuple[BankCell, ...]) -> None:
        """The locker's layout (where each door is drawn); the compartments a technician
        took out of service (kept on site) are out of the bank's choice again."""
        self.cells = cells
        kept = self.ports.site_settings().get("out_of_service") or []
        for compartment in kept if isinstance(kept, list) else []:
            if compartment in self.bank.specs:
                self.bank.set_out_of_service(str(compartment))

    def holds_screen(self) -> bool:
        """While logged in the panel keeps its own, longer inactivity timer."""
        return self.is_running() and not self.active(self.pin)

    @Slot()
    def touched(self) -> None:
        """Any touch or key: the technician is still there."""
        if self.active(self.panel):
            self.logout_timer.start()

    @Slot()
    def refresh(self) -> None:
        """The doors changed (board poller): redraw the grid while it is up."""
        if self.active(self.panel) and self.page in ("doors", "compartment"):
            self._show_page()
        elif self._bulk_running:
            self._show_bulk()

    def on_start(self) -> None:
        self.cycle.reset()
        self._camera_test = False
        self._camera_note = ""
        self.last_scan = ""
        self.page = "doors"
        self.selected = ""
        self.status = ""
        self.log_filter = ""
        self._bulk = []
        self._bulk_running = False

    def on_finished(self) -> None:
        self._camera_test = False

    def on_abort(self) -> None:
        self._camera_test = False
        self._bulk = []
        self._bulk_running = False
        self.cycle.abandon()

    def show(self, screen: ScreenName, data: object = None) -> None:
        """While "Open all" runs, the door cycle's screens give way to its progress."""
        if self._bulk_running and screen != ScreenName.ADMIN:
            self._show_bulk()
            return
        super().show(screen, data)

    # ------------------------------------------------------------------ intents
    def handle(self, intent: str, value: object) -> None:
        if self.active(self.pin):
            if intent == Intent.CODE_ENTERED:
                self._check_pin(str(value))
            elif intent == Intent.CANCEL:
                self._logout.emit()
            return
        if self._bulk_running:
            if intent == Intent.CHOICE and value == "stop_all":
                self._stop_bulk()
            return
        if self.active(self.cycle.state):
            if intent == Intent.CHOICE:
                self.cycle.handle_choice(str(value))
            return
        if not self.active(self.panel):
            return
        if self._camera_test:
            self._camera_intent(intent, value)
        elif intent == Intent.SCANNED:
            # The scanner test: shown on the diagnostics page, never logged.
            self.last_scan = str(value)
            if self.page == "diagnostics":
                self._show_page()
        elif intent == Intent.CELL_TAPPED:
            self._select(str(value))
        elif intent == Intent.CHOICE:
            self._choose(str(value))
        elif intent == Intent.BACK:
            self._go("doors")

    def _choose(self, key: str) -> None:
        self.status = ""
        name, _, arg = key.partition(":")
        if name == "page" and arg in _PAGES:
            self._go(arg)  # type: ignore[arg-type]
        elif name == "close":
            self._record_action("logout", why="close")
            self._logout.emit()
        elif name == "open" and self.selected:
            self._open_one(self.selected)
        elif name == "service" and self.selected:
            self._toggle_service(self.selected)
        elif name == "open_all":
            self._go("open_all")
        elif name == "open_all_go":
            self._start_bulk()
        elif name == "locker_service":
            self._toggle_locker()
        elif name == "log":
            self.log_filter = arg
            self._show_page()
        elif name in ("lang", "idle", "board"):
            value: object = int(arg) if name == "idle" and arg.isdigit() else arg
            self._pending_settings[_SETTING_KEYS[name]] = value  # validated when saved
            self._show_page()
        elif name == "save":
            self._save_settings()
        elif name == "camera":
            self._camera_test = True
            self._show_camera()
        elif name in ("restart", "stop"):
            self._exit(name)
        else:
            log.debug("admin: no action %r here", key)

    # ------------------------------------------------------------------ camera test
    def _show_camera(self) -> None:
        hint = self._camera_note or self.tr("Hold a QR code or barcode up to the camera.")
        self.show(ScreenName.CAMERA, CameraData(title=self.tr("Camera test"), hint=hint))

    def _camera_intent(self, intent: str, value: object) -> None:
        """The camera test: every decoded code is shown live, nothing is checked or logged."""
        if intent == Intent.SCANNED:
            self.last_scan = str(value)
            self._camera_note = self.tr("Read: %1").replace("%1", self.last_scan)
            self._show_camera()
        elif intent == Intent.SCAN_REJECTED:
            self._camera_note = self.tr("Read, but refused: %1").replace("%1", str(value))
            self._show_camera()
        elif intent == Intent.CAMERA_UNAVAILABLE:
            self._camera_test = False
            self.status, self.tone = self.tr("No camera: %1").replace("%1", str(value)), "error"
            self._go("diagnostics")
        elif intent in (Intent.BACK, Intent.CANCEL):
            self._camera_test = False
            self._go("diagnostics")

    # ------------------------------------------------------------------ PIN
    def _show_pin(self, error: str = "") -> None:
        self.show(ScreenName.CODE_ENTRY, self.pin_data(error))

    def pin_data(self, error: str = "") -> CodeEntryData:
        """The PIN screen: masked, digits only, no camera, the lockout's seconds."""
        return CodeEntryData(
            title=self.tr("Maintenance PIN"),
            hint=self.tr("Staff only."),
            max_length=12,
            min_length=4,
            alphabet="digits",
            error=error,
            allow_scan=False,
            locked_s=self.lockout.remaining_s(),
            confirm_label=self.tr("Log in"),
            masked=True,
        )

    def _check_pin(self, pin: str) -> None:
        if self.lockout.remaining_s() > 0:
            self._show_pin(self.tr("Too many wrong PINs."))
            return
        stored = self.ports.pin_hash()
        if stored is None:
            self._show_pin(self.tr("The admin panel is not set up on this locker."))
            return
        if verify_pin(pin, stored):
            self.lockout.succeeded()
            log.info("admin logged in")
            self._record_action("login")
            self._logged_in.emit()
            return
        locked = self.lockout.failed()
        log.warning("wrong admin PIN (%d in a row)", self.lockout.failures)
        self._record_action("pin_failed", failures=self.lockout.failures, locked_s=locked)
        self._show_pin(self.tr("Wrong PIN."))

    # ------------------------------------------------------------------ pages
    def _go(self, page: AdminPage) -> None:
        self.page = page
        if page == "settings":
            self._pending_settings = dict(self.ports.site_settings())
        if page != "compartment":
            self.selected = ""
        self._show_page()

    def _select(self, compartment: str) -> None:
        if compartment not in self._cell_ids():
            return
        self.selected = compartment
        self.page = "compartment"
        self._show_page()

    def _cell_ids(self) -> set[str]:
        return {cell.compartment_id for cell in self.cells} | set(self.bank.specs)

    @Slot()
    def _show_page(self) -> None:
        self.show(ScreenName.ADMIN, self.page_data())

    def page_data(self) -> AdminData:
        """What the page :attr:`page` shows now (the screenshot tool renders it too)."""
        page = self.page
        nav = self._nav()
        if page == "doors":
            locker_off = self.ports.locker_out_of_service()
            data = AdminData(
                page="doors",
                title=self.tr("Doors"),
                cells=self.admin_cells(),
                choices=(
                    Choice("open_all", self.tr("Open all doors")),
                    Choice(
                        "locker_service",
                        self.tr("Locker back in service")
                        if locker_off
                        else self.tr("Locker out of service"),
                    ),
                ),
                options=nav,
                lines=(
                    self.tr("Tap a door to open it or take it out of service."),
                    self.tr("■ closed  ▲ open  ? unknown"),
                    self.tr("● occupied  ○ empty  ✕ out of service"),
                ),
            )
        elif page == "compartment":
            data = self._compartment_page(nav)
        elif page == "open_all":
            data = AdminData(
                page="open_all",
                title=self.tr("Open all doors?"),
                cells=self.admin_cells(),
                lines=(
                    self.tr(
                        "Every door opens, one after the other. Parcels inside become "
                        "reachable. Stay at the locker until all doors are closed again."
                    ),
                ),
                choices=(
                    Choice("open_all_go", self.tr("Open all doors"), primary=True),
                    Choice("page:doors", self.tr("Cancel")),
                ),
                options=nav,
            )
        elif page == "diagnostics":
            data = AdminData(
                page="diagnostics",
                title=self.tr("Diagnostics"),
                lines=(
                    *self.ports.diagnostics(),
                    self.tr("Scanner test: %1").replace(
                        "%1", repr(self.last_scan) if self.last_scan else self.tr("scan any code")
                    ),
                ),
                options=nav,
                choices=(
                    Choice("page:diagnostics", self.tr("Refresh")),
                    Choice("camera", self.tr("Camera test")),
                    Choice("restart", self.tr("Restart kiosk")),
                    Choice("stop", self.tr("Stop kiosk\n(console until started again)")),
                ),
            )
        elif page == "logs":
            data = AdminData(
                page="logs",
                title=self.tr("Logs"),
                lines=self.ports.log_lines(self.log_filter),
                options=nav
                + tuple(
                    Choice(
                        f"log:{prefix}",
                        prefix.removeprefix("kiosk.") or self.tr("all"),
                        primary=prefix == self.log_filter,
                    )
                    for prefix in LOG_FILTERS
                ),
                choices=(Choice(f"log:{self.log_filter}", self.tr("Refresh")),),
            )
        else:
            data = self._settings_page(nav)
        return msgspec_replace(data, status=self.status, tone=self.tone, selected=self.selected)

    def _nav(self) -> tuple[Choice, ...]:
        pages = (
            ("doors", self.tr("Doors")),
            ("diagnostics", self.tr("Diagnostics")),
            ("logs", self.tr("Logs")),
            ("settings", self.tr("Settings")),
        )
        current = "doors" if self.page in ("compartment", "open_all") else self.page
        return (
            *(Choice(f"page:{key}", label, primary=key == current) for key, label in pages),
            Choice("close", self.tr("Close")),
        )

    def admin_cells(self) -> tuple[AdminCell, ...]:
        """The door grid now: layout, size, door, sensor, service."""
        doors, occupied = self.ports.door_readings()
        cells = []
        for cell in self.cells:
            comp = cell.compartment_id
            spec = self.bank.specs.get(comp)
            door = doors.get(comp, "unknown")
            cells.append(
                AdminCell(
                    comp,
                    cell.column,
                    cell.row,
                    cell.height,
                    size=spec.size if spec else "",
                    door=door if door in ("open", "closed") else "unknown",  # type: ignore[arg-type]
                    occupied=occupied.get(comp),
                    in_service=comp not in self.bank.out_of_service,
                )
            )
        return tuple(cells)

    def _compartment_page(self, nav: tuple[Choice, ...]) -> AdminData:
        comp = self.selected
        cell = next((c for c in self.admin_cells() if c.compartment_id == comp), None)
        in_service = comp not in self.bank.out_of_service
        lines = [self.tr("Size: %1").replace("%1", cell.size if cell else "?")]
        if cell is not None:
            door = {
                "open": self.tr("open"),
                "closed": self.tr("closed"),
            }.get(cell.door, self.tr("unknown"))
            item = {True: self.tr("occupied"), False: self.tr("empty")}.get(
                cell.occupied,  # type: ignore[arg-type]
                self.tr("unknown"),
            )
            lines.append(self.tr("Door: %1").replace("%1", door))
            lines.append(self.tr("Item sensor: %1").replace("%1", item))
        lines.append(self.tr("In service") if in_service else self.tr("Out of service"))
        events = self.ports.compartment_events(comp)
        lines.append(self.tr("Last events:"))
        lines.extend(events[-8:] or (self.tr("none recorded since the kiosk started"),))
        return AdminData(
            page="compartment",
            title=self.tr("Compartment %1").replace("%1", comp),
            cells=self.admin_cells(),
            lines=tuple(lines),
            choices=(
                Choice("open", self.tr("Open door"), primary=True),
                Choice(
                    "service",
                    self.tr("Take out of service") if in_service else self.tr("Back in service"),
                ),
                Choice("page:doors", self.tr("Back")),
            ),
            options=nav,
        )

    def _settings_page(self, nav: tuple[Choice, ...]) -> AdminData:
        values = self._pending_settings
        language = str(values.get("default_language", ""))
        idle = values.get("inactivity_timeout_s")
        board = str(values.get("board_kind", ""))
        options = (
            *(
                Choice(f"lang:{code}", code.upper(), primary=code == language)
                for code in self.ports.languages()
            ),
            *(
                Choice(f"idle:{s}", self.tr("%1 s").replace("%1", str(s)), primary=s == idle)
                for s in IDLE_CHOICES_S
            ),
            Choice("board:serial", self.tr("Serial boards"), primary=board == "serial"),
            Choice("board:simulator", self.tr("Simulator"), primary=board == "simulator"),
        )
        return AdminData(
            page="settings",
            title=self.tr("On-site settings"),
            lines=(
                self.tr("Default language, idle timeout and board kind for this locker."),
                self.tr(
                    "They override the backend and the config file; a board change "
                    "takes effect after a restart."
                ),
            ),
            options=nav + options,
            choices=(Choice("save", self.tr("Save"), primary=True),),
        )

    # ------------------------------------------------------------------ actions
    def _record_action(self, action: str, compartment: str | None = None, **detail: object) -> None:
        self.gateway.record_event(
            "admin_action", compartment, None, actor=ADMIN, detail={"action": action, **detail}
        )

    def _job(self, compartment: str, *, bulk: bool) -> DoorJob:
        occupied = self.doors.occupied(compartment)
        return DoorJob(
            compartment,
            None,
            "admin_action",
            ADMIN,
            open_body=self.tr("Close the door when you are done."),
            closed_headline=self.tr("Door closed"),
            closed_body=self.tr("Door %1 is closed."),
            detail={"action": "open_all" if bulk else "open", "occupied": occupied},
            door_choices=(Choice("next", self.tr("Next door")),) if bulk else (),
            failed_choices=(Choice("skip", self.tr("Skip")),) if bulk else (),
            closed_choices=(Choice("back", self.tr("Back to the panel"), primary=True),),
            closed_screen=not bulk,
            reopen=not bulk,
            cells=tuple(BankCell(c.compartment_id, c.column, c.row, c.height) for c in self.cells),
        )

    def _open_one(self, compartment: str) -> None:
        log.info("admin opens door %s", compartment)
        self.cycle.reset()
        self.cycle.prepare(self._job(compartment, bulk=False))
        self._open_door.emit()

    def _toggle_service(self, compartment: str) -> None:
        if compartment not in self.bank.specs:
            self.status, self.tone = self.tr("This door is not in the layout."), "error"
            self._show_page()
            return
        off = self.bank.status(compartment) is not Status.OUT_OF_SERVICE
        self.bank.set_out_of_service(compartment, off)
        log.info("admin: compartment %s %s", compartment, "out of service" if off else "in service")
        self.gateway.record_event(
            "out_of_service" if off else "in_service",
            compartment,
            None,
            actor=ADMIN,
            detail={"action": "compartment_service", "on": not off},
        )
        self.status, self.tone = (
            (self.tr("Door %1 is out of service.") if off else self.tr("Door %1 is in service.")),
            "success",
        )
        self.status = self.status.replace("%1", compartment)
        self._show_page()
        # Kept on site, so a restart does not offer a broken door again.
        values = {**self.ports.site_settings(), "out_of_service": sorted(self.bank.out_of_service)}
        self.ports.save_site_settings(values, self._service_saved)

    def _service_saved(self, error: str) -> None:
        if error:
            log.error("out-of-service list not kept on site: %s", error)

    def _toggle_locker(self) -> None:
        off = not self.ports.locker_out_of_service()
        self.ports.set_locker_out_of_service(off)
        self.gateway.record_event(
            "out_of_service" if off else "in_service",
            None,
            None,
            actor=ADMIN,
            detail={"action": "locker_service", "on": not off},
        )
        self.status, self.tone = (
            self.tr("The locker is out of service once you close the panel.")
            if off
            else self.tr("The locker is back in service."),
            "success",
        )
        self._show_page()

    def _save_settings(self) -> None:
        values = dict(self._pending_settings)
        self.status, self.tone = self.tr("Saving…"), "info"
        self._show_page()

        def saved(error: str) -> None:
            if error:
                self.status, self.tone = error, "error"
            else:
                self._record_action("settings", values=values)
                self.status, self.tone = self.tr("Saved."), "success"
            if self.active(self.panel) and self.page == "settings":
                self._show_page()

        self.ports.save_site_settings(values, self.current_only(self.begin_request(), saved))

    def _exit(self, how: str) -> None:
        self._record_action(how)
        log.warning("admin: %s kiosk", how)
        self.exit_requested.emit(EXIT_STOP if how == "stop" else EXIT_RESTART)

    # ------------------------------------------------------------------ open all
    def _start_bulk(self) -> None:
        order = sorted(self.cells, key=lambda c: (c.column, c.row))
        self._bulk = [c.compartment_id for c in order] or sorted(self.bank.specs)
        self._bulk_total = len(self._bulk)
        self._bulk_done = []
        self._bulk_failed = []
        self._bulk_running = True
        log.info("admin opens all %d doors", self._bulk_total)
        self._record_action("open_all", doors=self._bulk_total)
        self._next_bulk_door()

    @Slot()
    def _next_bulk_door(self) -> None:
        if not self._bulk_running:
            return
        if not self._bulk:
            self._finish_bulk()
            self._to_panel.emit()
            return
        compartment = self._bulk.pop(0)
        self.cycle.reset()
        self.cycle.prepare(self._job(compartment, bulk=True))
        self._show_bulk(compartment)
        self._open_door.emit()

    def _stop_bulk(self) -> None:
        log.info("admin stopped opening all doors (%d left)", len(self._bulk))
        self._bulk = []
        self.status, self.tone = self.tr("Stopped."), "info"
        self._show_bulk()
        if self.active(self.gap):
            self._finish_bulk()
            self._to_panel.emit()

    @Slot()
    def _bulk_door_open(self) -> None:
        if self._bulk_running:
            self.cycle.handle_choice("next")

    @Slot()
    def _bulk_door_failed(self) -> None:
        if self._bulk_running:
            self.cycle.handle_choice("skip")

    def _finish_bulk(self) -> None:
        self._bulk_running = False
        opened, failed = len(self._bulk_done), len(self._bulk_failed)
        text = self.tr("%1 of %2 doors opened.").replace("%1", str(opened))
        text = text.replace("%2", str(self._bulk_total))
        if failed:
            text += " " + self.tr("Did not open: %1").replace("%1", ", ".join(self._bulk_failed))
        self.status, self.tone = text, "error" if failed else "success"
        self.page = "doors"

    def _show_bulk(self, current: str = "") -> None:
        super().show(ScreenName.ADMIN, self.bulk_data(current))

    def bulk_data(self, current: str = "") -> AdminData:
        """The progress of "Open all doors" (``current``: the door being opened)."""
        done = len(self._bulk_done) + len(self._bulk_failed)
        text = self.tr("Opening door %1 of %2…").replace("%1", str(min(done + 1, self._bulk_total)))
        text = text.replace("%2", str(self._bulk_total))
        return AdminData(
            page="open_all",
            title=self.tr("Opening all doors"),
            cells=self.admin_cells(),
            selected=current or (self.cycle.job.compartment_id if self.cycle.job else ""),
            lines=(text,),
            choices=(Choice("stop_all", self.tr("Stop"), primary=True),),
            status=self.status,
            tone=self.tone,
        )

    @Slot()
    def _after_door(self) -> None:
        job = self.cycle.job
        outcome = self.cycle.outcome
        if job is not None and self._bulk_running:
            if outcome == "next":
                self._bulk_done.append(job.compartment_id)
                # The technician is not watching this door: its close is recorded by the
                # doors service when it comes (as admin_action, the id made before the open).
                self.doors.release(job.compartment_id)
            else:  # skipped or given up: the cycle has forgotten the door already
                self._bulk_failed.append(job.compartment_id)
            if self._bulk:
                self._show_bulk()
                self._to_gap.emit()
                return
            self._finish_bulk()
        elif job is not None and outcome not in (CLOSED, "back"):
            self.status, self.tone = (
                self.tr("Door %1: %2").replace("%1", job.compartment_id).replace("%2", outcome),
                "error",
            )
        self._to_panel.emit()


class NullDoors(QObject):
    """The doors of a kiosk built without services (tests of other parts): none opens."""

    door_opened = Signal(str)
    door_closed = Signal(str)
    open_failed = Signal(str, str)

    def open(self, compartment_id: str, expect: object = None) -> None:
        self.open_failed.emit(compartment_id, "not_started")

    def settle(self, compartment_id: str, closing_event_id: str) -> None:
        """Nothing was opened."""

    def release(self, compartment_id: str) -> None:
        """Nothing was opened."""

    def forget(self, compartment_id: str) -> None:
        """Nothing was opened."""

    def occupied(self, compartment_id: str) -> bool | None:
        return None


class NullGateway:
    """The backend of a kiosk built without services: events are only logged."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        def call(*args: object, **kwargs: object) -> None:
            log.debug("no gateway: %s dropped", name)

        return call


_PAGES = ("doors", "diagnostics", "logs", "settings", "open_all")
_SETTING_KEYS = {"lang": "default_language", "idle": "inactivity_timeout_s", "board": "board_kind"}


def msgspec_replace(data: AdminData, **changes: object) -> AdminData:
    """``data`` with ``changes`` (msgspec's ``structs.replace``, typed for this record)."""
    import msgspec

    return msgspec.structs.replace(data, **changes)


__all__ = [
    "EXIT_RESTART",
    "EXIT_STOP",
    "AdminFlow",
    "AdminPorts",
    "AdminSettings",
    "NullDoors",
    "NullGateway",
]
