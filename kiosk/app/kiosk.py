"""Builds the kiosk: screens, flows, services, and the wiring between them.

Everything is created here and handed to its users through constructors; nothing
reaches for a global. Tests build a :class:`Kiosk` directly (with short timeouts) and
drive it through its screens, exactly as a person would.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.app.parts import KioskServices, Prepared, cells_of
from kiosk.app.remote import RemoteControl
from kiosk.app.settings import effective
from kiosk.app.shell import SIDE_PANEL_WIDTH, Shell
from kiosk.backend.api import LockerInfo, LockerSettings
from kiosk.config import Config
from kiosk.domain.compartments import Bank, Spec
from kiosk.flows.app_open import AppOpenFlow
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.courier import CourierFlow, CourierSettings
from kiosk.flows.kiosk_machine import ADMIN, BOARDS, LAYOUT, KioskMachine
from kiosk.flows.notice import NoticeFlow, Notices
from kiosk.flows.pickup import PickupFlow, PickupSettings
from kiosk.flows.ports import Doors, Gateway
from kiosk.flows.scan_routes import ScanRoute, ScanRouter
from kiosk.flows.screendata import DemoCode, IdleData, Intent, MessageData, ScreenName
from kiosk.flows.send import SendFlow, SendSettings
from kiosk.services.audio import AudioFeedback
from kiosk.services.camera import CameraScanner
from kiosk.services.scanner import SerialScanner, WedgeScanner
from kiosk.ui.busy import BusyScreen
from kiosk.ui.camera import CameraScreen
from kiosk.ui.courier import CourierGridScreen, CourierHomeScreen, CourierTaskScreen
from kiosk.ui.door import DoorScreen
from kiosk.ui.host import ActivityFilter
from kiosk.ui.keypad import CodeEntryScreen, PhoneEntryScreen
from kiosk.ui.message import MessageScreen
from kiosk.ui.out_of_service import OutOfServiceScreen
from kiosk.ui.receipt import ReceiptScreen

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
        gateway: Gateway | None = None,
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
        # ---- send / return screens ----
        self.receipt_screen = ReceiptScreen()
        # ---- end send / return screens ----
        # Courier mode's screens.
        self.courier_home_screen = CourierHomeScreen()
        self.courier_task_screen = CourierTaskScreen()
        self.courier_grid_screen = CourierGridScreen()
        for screen in (
            self.phone_entry_screen,
            self.code_entry_screen,
            self.camera_screen,
            self.busy_screen,
            self.door_screen,
            self.message_screen,
            self.out_of_service_screen,
            self.receipt_screen,
            self.courier_home_screen,
            self.courier_task_screen,
            self.courier_grid_screen,
        ):
            self.host.add(screen)

        # Tests pass a short timeout; otherwise the config's, until the backend's arrives.
        self._fixed_inactivity = inactivity_timeout_ms is not None
        timeout = inactivity_timeout_ms or int(config.kiosk.inactivity_timeout_s * 1000)
        self.machine = KioskMachine(timeout, parent=self)
        self._inactivity_ms = timeout
        self.accessible = False
        self.locker: LockerInfo | None = None
        # The backend's "too many attempts, wait N s" holds for every button: one per kiosk.
        self.cooldown = Cooldown()
        self.services = services
        if services is not None:
            doors = doors or services.doors
            gateway = gateway or services.gateway
        self.pickup: PickupFlow | None = None
        # ---- the kiosk's one compartment bank ----
        # Every flow that chooses a compartment (send / return, courier delivery) or takes
        # one out of service asks this one Bank, so two flows never disagree about what is
        # free. Empty until the locker's layout arrives (``_on_ready`` fills it in place:
        # flows keep the object).
        self.bank = Bank.of(())
        if services is not None:
            # The heartbeat tells the backend which doors are out of service.
            services.doors.out_of_service = lambda: self.bank.out_of_service
        # ---- end compartment bank ----
        self.send: SendFlow | None = None
        # ---- courier mode: its logins' "too many attempts" wait is its own (the server
        # counts courier logins apart from pickup codes, and so does the kiosk).
        self.courier: CourierFlow | None = None
        self.courier_cooldown = Cooldown()
        self.demo_courier: tuple[str, ...] = ()
        # ---- App flow and back-office commands ----
        self.app_open: AppOpenFlow | None = None
        self.remote: RemoteControl | None = None
        # ---- end App flow and back-office commands ----
        self._started = False  # idle entered once
        self._early_flow = ""  # a flow tapped on the idle screen before that
        self.notices = Notices(self)
        self.flows = self._flows(doors, gateway, pickup_settings or PickupSettings())
        for flow in self.flows:
            self.machine.add_flow(flow)
        self.scan_router = ScanRouter(self._scan_routes(pickup_settings or PickupSettings()))
        # ---- App flow and back-office commands ----
        if services is not None:
            self.remote = RemoteControl(self, services, self.app_open)
        # ---- end App flow and back-office commands ----

        self.camera = camera
        self.wedge = wedge
        self.serial_scanner = serial_scanner
        self.activity = ActivityFilter(self)
        # Sounds and spoken prompts, if the operator turned them on ([audio]).
        self.audio = AudioFeedback(config.audio, parent=self)
        self.window.footer.locker_id = config.backend.locker_id
        # A scanner fitted: the idle screen's footer says where to hold a code.
        self.window.footer.scanner = wedge is not None or serial_scanner is not None
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
        self._admin_wire()  # ---- admin panel ----

    # ------------------------------------------------------------------ the registry
    def _flows(
        self, doors: Doors | None, gateway: Gateway | None, pickup: PickupSettings
    ) -> list[Flow]:
        """Every flow the idle screen and the scanners can start, by name.

        A service the locker does not offer is still a flow: an honest "not available
        here" with a way back, never a button that does nothing.
        """
        flows: list[Flow] = []
        if doors is not None and gateway is not None:
            self.pickup = PickupFlow(gateway, doors, pickup, cooldown=self.cooldown)
            flows.append(self.pickup)
        else:
            flows.append(NoticeFlow("pickup", self.notices.unavailable))
        # ---- send / return ----
        if doors is not None and gateway is not None:
            self.send = SendFlow(gateway, doors, self.bank, SendSettings(), cooldown=self.cooldown)
            flows.append(self.send)
        else:
            flows.append(NoticeFlow("send", self.notices.unavailable))
        # ---- end send / return ----
        # ---- courier mode ----
        if doors is not None and gateway is not None:
            self.courier = CourierFlow(
                gateway, doors, self.bank, CourierSettings(), cooldown=self.courier_cooldown
            )
            flows.append(self.courier)
        else:
            flows.append(NoticeFlow("courier", self.notices.unavailable))
        # ---- App flow: a door opened by a command (no button: the backend starts it) ----
        if doors is not None and gateway is not None:
            self.app_open = AppOpenFlow(gateway, doors)
            flows.append(self.app_open)
        # ---- end App flow ----
        # ---- admin panel ----
        flows.append(self._admin_flow(doors, gateway))
        # ---- end admin panel ----
        flows.append(NoticeFlow("unknown_scan", self.notices.unknown_scan))
        return flows

    def _scan_routes(self, pickup: PickupSettings) -> list[ScanRoute]:
        """Which flow a scan on the idle screen starts, by the shape of the code."""
        routes = [ScanRoute(pickup.code_format().pattern(), "pickup")]
        # ---- send / return: drop-off codes have a shape of their own ----
        if self.send is not None:
            routes.append(ScanRoute(self.send.settings.code_format().pattern(), "send"))
        # ---- end send / return ----
        # A courier badge scanned on the idle screen logs in straight away.
        if self.courier is not None:
            routes.append(ScanRoute(self.courier.settings.badge_regex(), "courier"))
        return routes

    # ---- admin panel ----
    def _admin_flow(self, doors: Doors | None, gateway: Gateway | None) -> Flow:
        """The hidden maintenance panel: its screen, its flow, its gesture (issue 14)."""
        from kiosk.app.admin_ports import LogRing, SiteStore, read_pin_hash
        from kiosk.app.site_settings import site_path
        from kiosk.flows.admin import AdminFlow, AdminPorts, AdminSettings, NullDoors, NullGateway
        from kiosk.flows.admin_pin import Lockout
        from kiosk.ui.admin import AdminScreen
        from kiosk.ui.gesture import GestureDetector

        k = self.config.kiosk
        self.admin_screen = AdminScreen()
        self.host.add(self.admin_screen)
        self.admin_logs = LogRing()
        logging.getLogger("kiosk").addHandler(self.admin_logs)
        self.admin_site = SiteStore(site_path(self.config), self._admin_settings_saved, self)
        self.admin_gesture = GestureDetector(k.admin_gesture, long_press_s=k.admin_long_press_s)
        self.admin_gesture.setParent(self)
        # The corners of the display (top bar and footer included), not of the screen.
        self.admin_gesture.watch(self.idle_screen, self.window.screen_area)
        self.admin_gesture.watch(self.out_of_service_screen, self.window.screen_area)
        ports = AdminPorts(
            pin_hash=read_pin_hash(self.config),
            log_lines=self.admin_logs.tail,
            compartment_events=self.admin_logs.mentioning,
            set_locker_out_of_service=lambda on: self.machine.set_out_of_service(
                ADMIN, on, self.tr("Maintenance in progress.")
            ),
            locker_out_of_service=lambda: ADMIN in self.machine.out_of_service_reasons(),
            site_settings=self.admin_site.current,
            save_site_settings=self.admin_site.save,
            languages=lambda: tuple(self.languages.languages),
        )
        self.admin = AdminFlow(
            gateway or NullGateway(),
            doors or NullDoors(),
            self.bank,
            ports,
            AdminSettings(logout_ms=int(k.admin_logout_s * 1000)),
            lockout=Lockout(),
        )
        return self.admin

    def _admin_wire(self) -> None:
        from kiosk.app.admin_ports import BackendWatch, diagnostics

        self.admin_gesture.triggered.connect(lambda: self._request_flow("admin"))
        self.activity.activity.connect(self.admin.touched)
        watch = BackendWatch(self.services) if self.services is not None else None
        self.admin.ports.diagnostics = lambda: diagnostics(self.config, self.services, watch)
        if self.services is not None:
            services = self.services

            def readings() -> tuple[dict[str, str], dict[str, bool | None]]:
                if services.board is None:
                    return {}, {}
                snap = services.board.snapshot()
                return dict(snap.doors), dict(snap.occupied)

            self.admin.ports.door_readings = readings
            services.ready.connect(
                lambda _p: (
                    services.board and services.board.snapshot_changed.connect(self.admin.refresh)
                )
            )

    def _admin_settings_saved(self, values: object) -> None:
        """New on-site settings: the precedence again, at once (board kind: next start)."""
        if self.services is not None and self.services.prepared is not None:
            self._apply_precedence(self.services.prepared.locker.settings)

    # ---- end admin panel ----

    # ------------------------------------------------------------------ wiring
    def _wire(self) -> None:
        # Every screen reports through one ``intent`` signal: one loop wires them all.
        for name in self.host.names():
            self.host.screen_named(name).intent.connect(self._on_intent)
        self.languages.language_changed.connect(self._refresh_idle)
        self.host.screen_shown.connect(self._on_screen_shown)
        dispatch = self.machine.dispatch
        if self.camera is not None:
            self.camera.scanned.connect(lambda code, _fmt: dispatch(Intent.SCANNED, code))
            self.camera.rejected.connect(lambda reason: dispatch(Intent.SCAN_REJECTED, reason))
            self.camera.unavailable.connect(lambda why: dispatch(Intent.CAMERA_UNAVAILABLE, why))
        for scanner in (self.wedge, self.serial_scanner):
            if scanner is not None:
                scanner.scanned.connect(self._on_scanned)
                scanner.rejected.connect(self._on_scan_rejected)
        if self.serial_scanner is not None:
            # An unplugged scanner: say so in the log and try again while the kiosk runs.
            self.serial_scanner.unavailable.connect(self._serial_scanner_lost)
        self.machine.screen_requested.connect(self._show_screen)
        self.languages.language_changed.connect(self._language_changed)
        self.window.language_chosen.connect(self.languages.set_language)
        self.window.accessible_requested.connect(self.set_accessible)
        self.machine.idle_entered.connect(self._on_idle)
        self.machine.out_of_service_entered.connect(
            lambda reason: self.host.show_screen(ScreenName.OUT_OF_SERVICE, reason or "")
        )
        self.activity.activity.connect(self.machine.user_activity)
        self.activity.tapped.connect(lambda: self.audio.play("key"))
        if self.courier is not None:
            self.activity.activity.connect(self.courier.user_activity)
        # The shared bank hears of every compartment a pickup emptied: a courier's next
        # parcel may go there.
        if self.pickup is not None:
            self.pickup.cycle.closed_recorded.connect(self._emptied)
        if self.services is not None:
            self.services.ready.connect(self._on_ready)
            self.services.failed.connect(self._on_not_ready)
            self.services.boards_offline.connect(self._on_boards_offline)

    @Slot(str, object)
    def _on_intent(self, intent: str, value: object) -> None:
        """What a person did on any screen: start a flow, change language, or the flow's."""
        if intent == Intent.START_FLOW:
            self._request_flow(str(value))
        elif intent == Intent.LANGUAGE:
            self.languages.set_language(str(value))
        else:
            self.machine.dispatch(intent, value)

    @Slot(str, object)
    def _show_screen(self, name: str, data: object) -> None:
        """A flow's screen, its texts in the language now chosen (a flow may have
        translated them before the person switched)."""
        if data is not None:
            data = self.languages.catalogue.localise(data)
        if isinstance(data, MessageData) and data.tone in ("success", "error"):
            self.audio.play(data.tone)
        elif name == ScreenName.RECEIPT:
            self.audio.play("success")
        self.host.show_screen(name, data)

    @Slot(str)
    def _language_changed(self, _code: str) -> None:
        """Switched mid-flow: the screen speaks the new language, the flow goes on."""
        if self.host.current_name() != ScreenName.IDLE:
            self.host.refresh_current(self.languages.catalogue.localise)

    @Slot(bool)
    def set_accessible(self, on: bool) -> None:
        """Accessible mode for this customer: high contrast, larger type, controls within
        reach, longer timeouts, a low compartment first; off again at idle."""
        if on == self.accessible:
            return
        self.accessible = on
        log.info("accessible mode %s", "on" if on else "off")
        self.shell.set_accessible(on)
        factor = self.config.kiosk.accessible_timeout_factor if on else 1.0
        for flow in self.flows:
            flow.scale_timeouts(factor)
        self.machine.set_inactivity_timeout(round(self._inactivity_ms * factor))
        if self.send is not None:
            self.send.accessible = on
        self._refresh_idle("")

    def offered_flows(self) -> tuple[str, ...]:
        """The shopper tiles the idle screen shows: never one that leads nowhere.

        Without a backend at all (a kiosk built bare, as some tests do) every tile stays
        and says "not available here"; with one, send / return needs a compartment in
        service once the layout is known.
        """
        if self.pickup is None and self.send is None:
            return ("pickup", "send")
        offered = ["pickup"] if self.pickup is not None else []
        has_room = not self.bank.specs or any(
            cid not in self.bank.out_of_service for cid in self.bank.specs
        )
        if self.send is not None and has_room:
            offered.append("send")
        return tuple(offered)

    def idle_data(self) -> IdleData:
        """What the idle screen shows now."""
        locker = self.locker
        offered = self.offered_flows()
        return IdleData(
            locker_id=locker.locker_id if locker else "",
            address=locker.address if locker else "",
            help=locker.settings.help_text if locker else "",
            offered=offered,
            accessible=self.accessible,
            operator_name=self.config.kiosk.operator_name,
            languages=tuple(self.languages.languages),
            current_language=self.languages.current,
            demo_codes=self.demo_codes,
            demo_courier=self.demo_courier,
            # ---- App flow and back-office message ----
            pairing_url=self.remote.pairing_url if self.remote else "",
            message=self.remote.message if self.remote else "",
            # ---- end App flow and back-office message ----
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
            door_open_timeout_ms=int(settings.door_open_timeout_s * 1000) + 3000,
            door_left_open_ms=settings.door_left_open_s * 1000,
            help_text=settings.help_text,
            cells=cells_of(prepared.locker),
        )

    def send_settings_from(self, pickup: PickupSettings, locker: LockerInfo) -> SendSettings:
        """The send flow's settings: the pickup flow's timeouts, this locker's name."""
        assert self.send is not None
        return dataclasses.replace(
            self.send.settings,
            verify_timeout_ms=pickup.verify_timeout_ms,
            reserve_timeout_ms=pickup.verify_timeout_ms,
            door_open_timeout_ms=pickup.door_open_timeout_ms,
            door_left_open_ms=pickup.door_left_open_ms,
            help_text=pickup.help_text,
            locker_name=locker.name,
            cells=pickup.cells,
        )

    @Slot(object)
    def _on_ready(self, prepared: object) -> None:
        assert isinstance(prepared, Prepared)
        settings = prepared.locker.settings
        self.locker = prepared.locker
        # Under messages and out of service: the locker's id and the operator's help line.
        self.window.footer.locker_id = prepared.locker.locker_id
        self.window.footer.help = settings.help_text
        pickup = self.pickup_settings_from(settings, prepared)
        if self.pickup is not None:
            self.pickup.apply_settings(pickup)
        # ---- compartment bank and send / return ----
        fill_bank(self.bank, prepared.locker)
        if self.send is not None:
            self.send.apply_settings(self.send_settings_from(pickup, prepared.locker))
        # ---- end compartment bank and send / return ----
        if self.courier is not None:
            self.courier.apply_settings(self.courier_settings_from(pickup))
        self.scan_router.routes = self._scan_routes(pickup)
        self.admin.apply_layout(pickup.cells)  # ---- admin panel ----
        self._apply_precedence(settings)
        self.demo_codes = prepared.demo_codes
        if prepared.demo_codes:
            self.demo_courier = demo_courier_lines()
        # ---- App flow and back-office commands ----
        if self.app_open is not None:
            self.app_open.apply_settings(pickup.door_timeouts(), pickup.help_text, pickup.cells)
        if self.remote is not None:
            self.remote.ready()
        # ---- end App flow and back-office commands ----
        self.machine.set_out_of_service(LAYOUT, False)
        self._refresh_idle("")

    @Slot(str)
    def _emptied(self, compartment: str) -> None:
        if compartment in self.bank.specs:
            self.bank.set_occupied(compartment, False)

    def courier_settings_from(self, pickup: PickupSettings) -> CourierSettings:
        """Courier mode's settings: the same backend and door timeouts as a pickup's."""
        current = self.courier.settings if self.courier is not None else CourierSettings()
        return dataclasses.replace(
            current,
            verify_timeout_ms=pickup.verify_timeout_ms,
            door=dataclasses.replace(
                pickup.door_timeouts(), recording_ms=current.door.recording_ms
            ),
            help_text=pickup.help_text,
            cells=pickup.cells,
        )

    # ---- App flow and back-office commands ----
    def apply_locker(self, locker: LockerInfo) -> None:
        """The locker's layout and settings again (``reload_config``), as at start-up."""
        self._on_ready(Prepared(locker, self.demo_codes))

    def refresh_idle_now(self) -> None:
        """Show what changed on the idle screen (a banner, a new pairing QR) if it is up."""
        self._refresh_idle("")

    # ---- end App flow and back-office commands ----

    def _apply_precedence(self, settings: LockerSettings) -> None:
        """The backend's settings over the config file's (see :mod:`kiosk.app.settings`)."""
        values = effective(
            self.config, settings, shipped_languages(self.config), site=self.admin_site.current()
        )
        if not self._fixed_inactivity:
            self._inactivity_ms = int(values.inactivity_timeout_s * 1000)
            factor = self.config.kiosk.accessible_timeout_factor if self.accessible else 1.0
            self.machine.set_inactivity_timeout(round(self._inactivity_ms * factor))
        self.languages.languages = list(values.languages)
        self.languages.default = values.default_language
        # The language button offers exactly these (the backend's that the kiosk ships).
        self.window.set_languages(values.languages, self.languages.current)
        if self.services is not None:
            self.services.apply_settings(values.heartbeat_s)

    @Slot(str)
    def _on_not_ready(self, reason: str) -> None:
        self.machine.set_out_of_service(
            LAYOUT, True, self.tr("The locker is starting up. Please try again in a minute.")
        )

    @Slot(bool)
    def _on_boards_offline(self, offline: bool) -> None:
        self.machine.set_out_of_service(
            BOARDS, offline, self.tr("The doors cannot be opened right now.")
        )

    @Slot(str)
    def _serial_scanner_lost(self, reason: str) -> None:
        log.warning("serial scanner unavailable (%s); retrying in 5 s", reason)
        self._scanner_retry.start()

    @Slot(str)
    def _on_scanned(self, code: str) -> None:
        """A scanner burst: on idle it starts the flow the code belongs to; in a flow it
        is that flow's input."""
        if self._started and self.machine.state_name() != "idle":
            self.machine.dispatch(Intent.SCANNED, code)
            return
        name = self.scan_router.route(code)
        if name is None:
            # No code of this locker: said so, nothing checked, nothing spent.
            self._request_flow("unknown_scan")
            return
        flow = self.machine.flow(name)
        queue = getattr(flow, "queue_code", None)
        if callable(queue):
            queue(code)
        self._request_flow(name)

    @Slot(str)
    def _on_scan_rejected(self, reason: str) -> None:
        """Garbage from a scanner: in a flow the flow says so; on idle a notice does."""
        if self._started and self.machine.state_name() != "idle":
            self.machine.dispatch(Intent.SCAN_REJECTED, reason)
        else:
            self._request_flow("unknown_scan")

    @Slot(str)
    def _on_screen_shown(self, name: str) -> None:
        self.audio.prompt(name, self.languages.current)
        self._camera_for(name)

    def _camera_for(self, name: str) -> None:
        # The camera runs only while its screen is up: it costs CPU and shows a live image.
        if self.camera is None:
            return
        if name == ScreenName.CAMERA:
            sink = self.camera_screen.video_sink()
            if sink is None or not self.camera.start(sink):
                self.machine.dispatch(Intent.CAMERA_UNAVAILABLE, "no camera")
        elif self.camera.active:
            self.camera.stop()

    @Slot()
    def _on_idle(self) -> None:
        self.set_accessible(False)  # each new customer starts in the usual mode
        if self._started:
            # Each new customer starts in the locker's own language.
            self.languages.reset()
        else:
            # The shell already shows the default language, or the one tapped while the
            # kiosk was starting: that choice stands.
            self._started = True
        self.host.show_screen(ScreenName.IDLE, self.idle_data())
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
        if self.host.current_name() == ScreenName.IDLE:
            self.idle_screen.show_data(self.idle_data())

    # ------------------------------------------------------------------ life cycle
    def start(self) -> None:
        """Start services and the state machine; the idle screen appears."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.activity)
            app.installEventFilter(self.admin_gesture)  # ---- admin panel ----
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
            app.removeEventFilter(self.admin_gesture)  # ---- admin panel ----
        logging.getLogger("kiosk").removeHandler(self.admin_logs)  # ---- admin panel ----
        self.admin_site.stop()  # ---- admin panel ----
        if self.wedge is not None:
            self.wedge.stop()
        if self.serial_scanner is not None:
            self._scanner_retry.stop()
            self.serial_scanner.stop()
        if self.camera is not None:
            self.camera.stop()
        self.audio.stop()
        self.machine.stop()
        # ---- App flow and back-office commands ----
        if self.remote is not None:
            self.remote.stop()
        # ---- end App flow and back-office commands ----
        if self.services is not None:
            self.services.stop()
        self.shell.close()


def fill_bank(bank: Bank, locker: LockerInfo) -> None:
    """The locker's layout into the kiosk's one bank (in place: flows hold the object).

    What is occupied is not known here: the backend's answer to a reservation is the truth
    (``compartment_taken`` marks a compartment occupied in the bank).
    """
    specs = {
        c.id: Spec(c.id, c.size, c.column, c.row, c.accessible, c.sensor)
        for c in locker.compartments
    }
    bank.specs = specs
    for ids in (bank.occupied, bank.reserved, bank.out_of_service):
        ids &= specs.keys()


def demo_courier_lines() -> tuple[str, ...]:
    """The demo courier and the parcels it brings, for the idle screen's demo box."""
    from kiosk.backend.demo import DEMO_DELIVERIES, courier_lines

    # Short lines: the demo box shares its row with the courier button and the app's QR.
    return (*courier_lines(), *(f"deliver {code}" for code, _size in DEMO_DELIVERIES))


def shipped_languages(config: Config) -> list[str]:
    """The languages this kiosk has catalogues for (and the pseudo-locale if configured)."""
    from kiosk.resources import translations_dir

    codes = [path.stem.removeprefix("kiosk_") for path in translations_dir().glob("kiosk_*.qm")]
    if "pseudo" in config.kiosk.languages:
        codes.append("pseudo")
    return codes
