"""Builds the kiosk: screens, flows, services, and the wiring between them.

Everything is created here and handed to its users through constructors; nothing
reaches for a global. Tests build a :class:`Kiosk` directly (with short timeouts) and
drive it through its screens, exactly as a person would.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.app.services import KioskServices, Prepared, cells_of
from kiosk.app.shell import SIDE_PANEL_WIDTH, Shell
from kiosk.backend.api import LockerSettings
from kiosk.config import Config
from kiosk.domain.attempts import AttemptLimiter
from kiosk.flows.kiosk import KioskMachine
from kiosk.flows.pickup import Doors, PickupFlow, PickupGateway, PickupSettings
from kiosk.flows.screendata import DemoCode, IdleData
from kiosk.flows.unavailable import UnavailableFlow
from kiosk.services.camera import CameraScanner
from kiosk.services.scanner import SerialScanner, WedgeScanner
from kiosk.ui.busy import BusyScreen
from kiosk.ui.camera import CameraScreen
from kiosk.ui.door import DoorScreen
from kiosk.ui.host import ActivityFilter
from kiosk.ui.keypad import CodeEntryScreen, PhoneEntryScreen
from kiosk.ui.message import MessageScreen
from kiosk.ui.out_of_service import OutOfServiceScreen

log = logging.getLogger("kiosk.app")


class Kiosk(QObject):
    """The whole kiosk, built from a :class:`~kiosk.config.Config`.

    Attributes:
        shell: the window, idle screen and language switcher, built before the rest.
        window: the top-level window with the screen host.
        machine: the top-level idle ↔ flow ↔ out-of-service state machine.
        languages: the runtime language switcher.
    """

    def __init__(
        self,
        config: Config,
        *,
        inactivity_timeout_ms: int | None = None,
        services: KioskServices | None = None,
        doors: Doors | None = None,
        gateway: PickupGateway | None = None,
        pickup_settings: PickupSettings | None = None,
        camera: CameraScanner | None = None,
        wedge: WedgeScanner | None = None,
        serial_scanner: SerialScanner | None = None,
        shell: Shell | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.demo_codes: tuple[DemoCode, ...] = ()
        # ``locker-kiosk`` builds the shell first and shows it before building the rest.
        self.shell = shell or Shell(config)
        self.window = self.shell.window
        self.host = self.window.host
        self.idle_screen = self.shell.idle_screen
        self.languages = self.shell.languages
        self.languages.setParent(self)
        self.code_entry_screen = CodeEntryScreen()
        self.phone_entry_screen = PhoneEntryScreen()
        self.busy_screen = BusyScreen()
        self.camera_screen = CameraScreen()
        self.door_screen = DoorScreen()
        self.message_screen = MessageScreen()
        self.out_of_service_screen = OutOfServiceScreen()
        for screen in (
            self.phone_entry_screen,
            self.code_entry_screen,
            self.camera_screen,
            self.busy_screen,
            self.door_screen,
            self.message_screen,
            self.out_of_service_screen,
        ):
            self.host.add(screen)

        timeout = inactivity_timeout_ms or int(config.kiosk.inactivity_timeout_s * 1000)
        self.machine = KioskMachine(timeout, parent=self)
        # Wrong-code attempts are counted per kiosk, not per flow run: starting over or
        # switching language must not reset them.
        self.limiter = AttemptLimiter()
        self.services = services
        if services is not None:
            doors = doors or services.doors
            gateway = gateway or services.gateway
        self.pickup: PickupFlow | None = None
        self._started = False  # idle entered once
        self._early_flow = ""  # a flow tapped on the idle screen before that
        if doors is not None and gateway is not None:
            self.pickup = PickupFlow(
                gateway, doors, self.limiter, pickup_settings or PickupSettings()
            )
            self.machine.add_flow(self.pickup)
        else:
            self.machine.add_flow(UnavailableFlow("pickup"))
        for name in ("send", "courier"):
            self.machine.add_flow(UnavailableFlow(name))

        self.camera = camera
        self.wedge = wedge
        self.serial_scanner = serial_scanner
        self.activity = ActivityFilter(self)
        self._scanner_retry = QTimer(self)
        self._scanner_retry.setObjectName("serial-scanner-retry")
        self._scanner_retry.setSingleShot(True)
        self._scanner_retry.setInterval(5000)
        if serial_scanner is not None:
            self._scanner_retry.timeout.connect(serial_scanner.start)
        if services is not None and services.simulator is not None:
            from kiosk.services.board import letter_layout
            from kiosk.ui.simulator_panel import SimulatorPanel

            # The demo's compartments are named as the demo layout names them (A01..B16).
            panel = SimulatorPanel(services.simulator, letter_layout(sorted(config.board.boards)))
            self.window.set_side_panel(panel, SIDE_PANEL_WIDTH)
        self._wire()

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        idle = self.idle_screen
        idle.pickup_requested.connect(lambda: self._request_flow("pickup"))
        idle.send_requested.connect(lambda: self._request_flow("send"))
        idle.courier_requested.connect(lambda: self._request_flow("courier"))
        idle.language_chosen.connect(self.languages.set_language)
        self.languages.language_changed.connect(self._refresh_idle)
        dispatch = self.machine.dispatch
        self.message_screen.chosen.connect(lambda key: dispatch("choice", key))
        self.door_screen.chosen.connect(lambda key: dispatch("choice", key))
        self.code_entry_screen.code_entered.connect(lambda code: dispatch("code_entered", code))
        self.code_entry_screen.cancelled.connect(lambda: dispatch("cancel", None))
        self.code_entry_screen.scan_requested.connect(lambda: dispatch("scan_instead", None))
        self.phone_entry_screen.phone_entered.connect(lambda p: dispatch("phone_entered", p))
        self.phone_entry_screen.cancelled.connect(lambda: dispatch("cancel", None))
        self.camera_screen.back.connect(lambda: dispatch("back", None))
        self.camera_screen.cancelled.connect(lambda: dispatch("cancel", None))
        self.host.screen_shown.connect(self._on_screen_shown)
        if self.camera is not None:
            self.camera.scanned.connect(lambda code, _fmt: dispatch("scanned", code))
            self.camera.rejected.connect(lambda reason: dispatch("scan_rejected", reason))
            self.camera.unavailable.connect(lambda why: dispatch("camera_unavailable", why))
        for scanner in (self.wedge, self.serial_scanner):
            if scanner is not None:
                scanner.scanned.connect(self._on_scanned)
                scanner.rejected.connect(lambda reason: dispatch("scan_rejected", reason))
        if self.serial_scanner is not None:
            # An unplugged scanner: say so in the log and try again while the kiosk runs.
            self.serial_scanner.unavailable.connect(self._serial_scanner_lost)
        self.machine.screen_requested.connect(self.host.show_screen)
        self.machine.idle_entered.connect(self._on_idle)
        self.machine.out_of_service_entered.connect(
            lambda reason: self.host.show_screen("out_of_service", reason or "")
        )
        self.activity.activity.connect(self.machine.user_activity)
        if self.services is not None:
            self.services.ready.connect(self._on_ready)
            self.services.failed.connect(self._on_not_ready)
            self.services.boards_offline.connect(self._on_boards_offline)

    def idle_data(self) -> IdleData:
        """What the idle screen shows now."""
        return IdleData(
            operator_name=self.config.kiosk.operator_name,
            languages=tuple(self.languages.languages),
            current_language=self.languages.current,
            demo_codes=self.demo_codes,
        )

    def pickup_settings_from(self, settings: LockerSettings, prepared: Prepared) -> PickupSettings:
        """The pickup flow's settings: the operator's rules plus this kiosk's timeouts."""
        return PickupSettings(
            code_length=settings.code_length,
            code_alphabet=settings.code_alphabet,
            requires_phone=settings.pickup_requires_phone,
            # The client's own budget (retries included), then the offline check after it.
            verify_timeout_ms=int(self.config.backend.verify_timeout_s * 1000) + 2000,
            # The board service reports a door that never opened itself; this is the
            # backstop should it never answer at all.
            door_open_timeout_ms=int(self.config.board.door_open_timeout_s * 1000) + 3000,
            door_left_open_ms=settings.door_left_open_s * 1000,
            help_text=settings.help_text,
            cells=cells_of(prepared.locker),
        )

    @Slot(object)
    def _on_ready(self, prepared: object) -> None:
        assert isinstance(prepared, Prepared)
        settings = prepared.locker.settings
        if self.pickup is not None:
            self.pickup.apply_settings(self.pickup_settings_from(settings, prepared))
        self.demo_codes = prepared.demo_codes
        self.machine.set_out_of_service(False)
        self._refresh_idle("")

    @Slot(str)
    def _on_not_ready(self, reason: str) -> None:
        self.machine.set_out_of_service(
            True, self.tr("The locker is starting up. Please try again in a minute.")
        )

    @Slot(bool)
    def _on_boards_offline(self, offline: bool) -> None:
        self.machine.set_out_of_service(
            offline, self.tr("The doors cannot be opened right now.") if offline else ""
        )

    @Slot(str)
    def _serial_scanner_lost(self, reason: str) -> None:
        log.warning("serial scanner unavailable (%s); retrying in 5 s", reason)
        self._scanner_retry.start()

    @Slot(str)
    def _on_scanned(self, code: str) -> None:
        """A scanner burst: on idle it starts a pickup with that code; in a flow it is input."""
        if self.pickup is not None and (not self._started or self.machine.state_name() == "idle"):
            self.pickup.queue_code(code)
            self._request_flow("pickup")
        else:
            self.machine.dispatch("scanned", code)

    @Slot(str)
    def _on_screen_shown(self, name: str) -> None:
        # The camera runs only while its screen is up: it costs CPU and shows a live image.
        if self.camera is None:
            return
        if name == "camera":
            sink = self.camera_screen.video_sink()
            if sink is None or not self.camera.start(sink):
                self.machine.dispatch("camera_unavailable", "no camera")
        elif self.camera.active:
            self.camera.stop()

    @Slot()
    def _on_idle(self) -> None:
        if self._started:
            # Each new customer starts in the locker's own language.
            self.languages.reset()
        else:
            # The shell already shows the default language, or the one tapped while the
            # kiosk was starting: that choice stands.
            self._started = True
        self.host.show_screen("idle", self.idle_data())
        if self._early_flow:
            # From the event loop: idle becomes active only after this entry handler.
            name, self._early_flow = self._early_flow, ""
            QTimer.singleShot(0, self, lambda: self.machine.start_flow(name))

    def _request_flow(self, name: str) -> None:
        """Start ``name`` from idle, or as soon as the state machine is running.

        The idle screen is on glass before the kiosk is built (see
        :class:`~kiosk.app.shell.Shell`), so a tap can arrive before the machine's queued
        start has entered idle. It is kept and served then, not dropped.
        """
        if self._started:
            self.machine.start_flow(name)
        else:
            self._early_flow = name

    @Slot(str)
    def _refresh_idle(self, _code: str) -> None:
        if self.host.current_name() == "idle":
            self.idle_screen.show_data(self.idle_data())

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Start services and the state machine; the idle screen appears."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
        if self.wedge is not None:
            self.wedge.start()
        if self.serial_scanner is not None:
            self.serial_scanner.start()
        if self.services is not None:
            self.services.start()
        if self.config.kiosk.hide_cursor:
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QCursor

            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        self.machine.start()  # entering idle shows the idle screen

    def shutdown(self) -> None:
        """Stop every timer, thread and machine; close the window."""
        log.info("shutting down")
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.activity)
        if self.wedge is not None:
            self.wedge.stop()
        if self.serial_scanner is not None:
            self._scanner_retry.stop()
            self.serial_scanner.stop()
        if self.camera is not None:
            self.camera.stop()
        self.machine.stop()
        if self.services is not None:
            self.services.stop()
        self.shell.close()
