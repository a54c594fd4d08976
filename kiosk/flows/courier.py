"""Courier mode: log in, deliver a van-load fast, collect, report a broken compartment.

::

    login (id ⇄ PIN ⇄ badge camera) → logging_in → loading (tasks) → home
    logging_in → login_problem (wrong, locked, too many, unreachable) → login or done
    home → ready (deliver) → reserving → door (cycle, ``deposited``) → after_door → ready
                              reserving → retry_wait → reserving   (a cancel still on its way)
                 after_door → close_first ("doesn't fit": that door shuts first) → reserving
    home → collect_prompt → door (cycle, ``collected``) → after_door → collect_prompt
                            collect_gap ("Collect all": one door at a time) → door
    collect_prompt (none left, or "Done") → loading (the list refreshed) → home
    home → reporting (door grid, kind of problem) → report_saving → home
    any → session_over (the backend said ``session_expired``) → done
    any → done ("Log out", the courier's inactivity, cancel): logged out at the backend

A courier stands at the locker with 30 parcels; every second the kiosk adds is multiplied
across the network. So the deliver loop never waits on a screen: a scan picks the smallest
free compartment that fits (:meth:`~kiosk.domain.compartments.Bank.choose`), reserves it,
opens it through the shared door cycle with no "Thank you" screen, and is ready for the
next scan as soon as ``deposited`` is on disk. A scan that arrives while a door is open is
queued: never two doors at once.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtStateMachine import QAbstractState, QState

from kiosk.backend.api import (
    AlreadyDelivered,
    Collection,
    CompartmentTaken,
    CourierSession,
    CourierTasks,
    Parcel,
    Rent,
    RentRequest,
    SessionExpired,
    SizeMismatch,
    UnknownParcel,
)
from kiosk.domain.compartments import Bank, Spec, Status, larger_sizes
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import Cooldown, normalise
from kiosk.flows.door_cycle import CLOSED, FAILED, DoorCycle, DoorJob, DoorTimeouts
from kiosk.flows.ports import Doors, Gateway, courier_actor
from kiosk.flows.problems import CANCEL, RETRY, CodeProblems
from kiosk.flows.screendata import (
    BankCell,
    BusyData,
    CameraData,
    Choice,
    CodeEntryData,
    CourierGridData,
    CourierHomeData,
    CourierTaskData,
    DoorData,
    Intent,
    MessageData,
    ScreenName,
    Tone,
)
from kiosk.logs import register_secret

log = logging.getLogger("kiosk.flows.courier")

# What a courier badge looks like when scanned on the idle screen (normalised, whole):
# the demo's ``DEMO-BADGE-1`` and the tests' ``BADGE-1``. Operators with another badge
# shape set :attr:`CourierSettings.badge_pattern`.
DEFAULT_BADGE_PATTERN = r"[A-Z0-9-]*BADGE[A-Z0-9-]*"

# The door-screen answers of a delivery, and the problem kinds of a report.
DOESNT_FIT = "doesnt_fit"
BROKEN = "broken"
PROBLEM_KINDS = ("broken_door", "dirty", "other")


@dataclass(frozen=True)
class CourierSettings:
    """The courier flow's knobs (ms)."""

    verify_timeout_ms: int = 8000
    message_timeout_ms: int = 20000
    # The session ends after this long without a touch (never while a door is open).
    inactivity_ms: int = 90000
    door: DoorTimeouts = field(default_factory=DoorTimeouts)
    # How long "close that door first" waits before going on regardless.
    close_first_ms: int = 60000
    # "Collect all": the pause between one door's close and the next door's unlock.
    collect_gap_ms: int = 1000
    # A reservation refused as "already delivered" right after this kiosk cancelled the
    # parcel's previous rent ("doesn't fit") is tried again: the cancel is on its way.
    reserve_retry_ms: int = 150
    reserve_retries: int = 20
    help_text: str = ""
    badge_pattern: str = DEFAULT_BADGE_PATTERN
    cells: tuple[BankCell, ...] = ()

    def badge_regex(self) -> re.Pattern[str]:
        """The compiled :attr:`badge_pattern`."""
        return re.compile(self.badge_pattern)


class CourierFlow(Flow):
    """The courier's whole session as a ``QStateMachine``.

    States are public attributes (``entering_id``, ``entering_pin``, ``home``, ``ready``,
    ``reserving``, ``close_first``, ``collect_prompt``, ``reporting`` ... and the door
    cycle's as ``flow.cycle.<name>``) so tests wait on their ``entered`` signals.

    Args:
        gateway: the backend port.
        doors: the doors port (only ever through the door cycle).
        bank: the kiosk-wide compartments; this flow marks what it fills, empties and
            takes out of service, and chooses from it.
        settings: timeouts and the badge shape.
        cooldown: the courier logins' own "too many attempts" wait (counted apart from
            pickup codes, as on the server).

    Signals:
        delivered(str): a parcel's ``deposited`` is committed (its compartment id).
        screen_requested(str, object), finished(): inherited.
    """

    flow_name = "courier"

    delivered = Signal(str)

    _go_pin = Signal()
    _go_id = Signal()
    _go_camera = Signal()
    _go_login = Signal()
    _login_ok = Signal()
    _login_failed = Signal()
    _go_loading = Signal()
    _go_home = Signal()
    _go_ready = Signal()
    _go_typing = Signal()
    _go_reserving = Signal()
    _go_retry_wait = Signal()
    _go_close_first = Signal()
    _go_door = Signal()
    _go_collect = Signal()
    _go_gap = Signal()
    _go_report = Signal()
    _go_saving = Signal()
    _session_over = Signal()
    _leave = Signal()

    def __init__(
        self,
        gateway: Gateway,
        doors: Doors,
        bank: Bank,
        settings: CourierSettings,
        parent: QObject | None = None,
        *,
        cooldown: Cooldown | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.doors = doors
        self.bank = bank
        self.settings = settings
        self.cooldown = cooldown or Cooldown()
        self.problems = CodeProblems(self.cooldown, self)
        self.cycle = DoorCycle(self, doors, gateway, settings.door)
        self._badge_re = settings.badge_regex()
        # Rent ids collected at this kiosk, kept across sessions: the backend may list
        # them again until the outbox delivers the ``collected`` (offline for a while),
        # and a door must not open again for a parcel already taken out.
        self._collected: set[str] = set()
        self._reset_fields()
        self._build_machine()
        doors.door_closed.connect(self._on_door_closed)

    def _reset_fields(self) -> None:
        self.session: CourierSession | None = None
        self._courier_id = ""
        self._pin = ""
        self._badge = ""
        self._queued_badge = ""
        self._login_error = ""
        self._problem = MessageData("")
        self._parcels: dict[str, Parcel] = {}
        self._collections: list[Collection] = []
        self._delivered: set[str] = set()
        self.delivered_count = 0
        self.collected_count = 0
        self._queue: deque[str] = deque()
        self._note = ""
        self._tone: Tone = "info"
        self._mode = ""
        # The parcel being placed now, and where.
        self._parcel: Parcel | None = None
        self._min_size = "S"
        self._tried: set[str] = set()
        self._spec: Spec | None = None
        self._rent_id = ""
        self._retries = 0
        self._cancelled_for_parcel = False
        self._ajar: set[str] = set()  # doors this flow opened that must shut first
        # Collecting: the rents passed (opened or skipped) in this collect run, and the
        # one whose door the cycle is opening now.
        self._passed: set[str] = set()
        self._collecting: Collection | None = None
        self._collect_all = False
        # Reporting.
        self._report_target = ""

    # ------------------------------------------------------------------ machine
    def _build_machine(self) -> None:
        s = self.settings
        c = self.cycle
        self.login = self.state("login")
        self.entering_id = self.state("entering_id", self.login)
        self.entering_pin = self.state("entering_pin", self.login)
        self.badge_camera, camera_timer = self.waiting_state(
            "badge_camera", s.message_timeout_ms, self.login
        )
        self.login.setInitialState(self.entering_id)
        self.logging_in, login_timer = self.waiting_state("logging_in", s.verify_timeout_ms)
        self.login_problem, problem_timer = self.waiting_state(
            "login_problem", s.message_timeout_ms
        )
        self.loading, loading_timer = self.waiting_state("loading", s.verify_timeout_ms)
        self.home = self.state("home")
        self.ready = self.state("ready")
        self.typing = self.state("typing")
        self.reserving, reserve_timer = self.waiting_state("reserving", s.verify_timeout_ms)
        self.retry_wait, retry_timer = self.waiting_state("retry_wait", s.reserve_retry_ms)
        self.close_first, close_timer = self.waiting_state("close_first", s.close_first_ms)
        self.after_door = self.state("after_door")
        self.collect_prompt = self.state("collect_prompt")
        self.collect_gap, gap_timer = self.waiting_state("collect_gap", s.collect_gap_ms)
        self.reporting = self.state("reporting")
        self.report_saving, saving_timer = self.waiting_state("report_saving", s.door.recording_ms)
        self.session_over, over_timer = self.waiting_state("session_over", s.message_timeout_ms)
        # The kit's states, named here too: tests and logs speak of them.
        self.opening, self.door_open, self.closed = c.opening, c.door_open, c.closed
        self.door_failed = c.door_failed

        def on(signal: object, target: QAbstractState, *sources: QState) -> None:
            for source in sources:
                source.addTransition(signal, target)

        on(self._go_pin, self.entering_pin, self.entering_id)
        on(self._go_id, self.entering_id, self.entering_pin, self.badge_camera)
        on(self._go_camera, self.badge_camera, self.entering_id)
        on(camera_timer.timeout, self.entering_id, self.badge_camera)
        on(self._go_login, self.logging_in, self.login)
        on(self._login_ok, self.loading, self.logging_in)
        on(self._login_failed, self.login_problem, self.logging_in)
        on(login_timer.timeout, self.login_problem, self.logging_in)
        on(self._go_id, self.login, self.login_problem)
        on(problem_timer.timeout, self.done, self.login_problem)
        on(self._go_home, self.home, self.loading)
        on(loading_timer.timeout, self.home, self.loading)

        working = (
            self.home,
            self.ready,
            self.typing,
            self.reserving,
            self.retry_wait,
            self.close_first,
            self.after_door,
            self.collect_prompt,
            self.collect_gap,
            self.reporting,
            self.report_saving,
        )
        on(self._go_home, self.home, *working)
        on(self._go_ready, self.ready, *working)
        on(self._go_typing, self.typing, self.ready)
        on(self._go_reserving, self.reserving, *working)
        on(self._go_retry_wait, self.retry_wait, self.reserving)
        on(retry_timer.timeout, self.reserving, self.retry_wait)
        on(reserve_timer.timeout, self.ready, self.reserving)
        on(self._go_close_first, self.close_first, *working)
        on(self._go_door, c.state, *working)
        on(c.state.finished, self.after_door, c.state)
        on(self._go_collect, self.collect_prompt, *working)
        on(self._go_gap, self.collect_gap, self.after_door)
        on(gap_timer.timeout, c.state, self.collect_gap)
        on(self._go_loading, self.loading, *working)
        on(self._go_report, self.reporting, *working)
        on(self._go_saving, self.report_saving, self.reporting)
        on(saving_timer.timeout, self.home, self.report_saving)
        everywhere = (
            self.login,
            self.logging_in,
            self.login_problem,
            self.loading,
            self.session_over,
            c.state,
            *working,
        )
        on(self._session_over, self.session_over, *everywhere)
        on(over_timer.timeout, self.done, self.session_over)
        on(self._leave, self.done, *everywhere)

        self.entering_id.entered.connect(self._show_id)
        self.entering_pin.entered.connect(self._show_pin)
        self.badge_camera.entered.connect(self._show_camera)
        self.logging_in.entered.connect(self._log_in)
        login_timer.timeout.connect(self._login_timed_out)
        self.login_problem.entered.connect(lambda: self.show(ScreenName.MESSAGE, self._problem))
        self.loading.entered.connect(self._load_tasks)
        loading_timer.timeout.connect(self._loading_timed_out)
        self.home.entered.connect(self._show_home)
        self.ready.entered.connect(self._on_ready)
        self.typing.entered.connect(self._show_typing)
        self.reserving.entered.connect(self._reserve)
        reserve_timer.timeout.connect(self._reserve_timed_out)
        self.close_first.entered.connect(self._show_close_first)
        close_timer.timeout.connect(self._close_first_timed_out)
        self.after_door.entered.connect(self._after_door)
        self.collect_prompt.entered.connect(self._show_collect)
        self.collect_gap.entered.connect(self._show_gap)
        self.reporting.entered.connect(self._show_grid)
        self.session_over.entered.connect(self._show_session_over)

        # The courier's own inactivity: longer than a shopper's, and never while a door
        # stands open (the door cycle's own timers decide then).
        self._inactivity = QTimer(self.machine)
        self._inactivity.setObjectName("courier.inactivity")
        self._inactivity.setSingleShot(True)
        self._inactivity.setInterval(s.inactivity_ms)
        self._inactivity.timeout.connect(self._on_inactive)

    def apply_settings(self, settings: CourierSettings) -> None:
        """Take new settings (the operator's arrive after start-up)."""
        self.settings = settings
        self._badge_re = settings.badge_regex()
        d = settings.door
        self._inactivity.setInterval(settings.inactivity_ms)
        self.set_timeouts(
            {
                "badge_camera": settings.message_timeout_ms,
                "logging_in": settings.verify_timeout_ms,
                "login_problem": settings.message_timeout_ms,
                "loading": settings.verify_timeout_ms,
                "reserving": settings.verify_timeout_ms,
                "retry_wait": settings.reserve_retry_ms,
                "close_first": settings.close_first_ms,
                "collect_gap": settings.collect_gap_ms,
                "report_saving": d.recording_ms,
                "session_over": settings.message_timeout_ms,
                "opening": d.opening_ms,
                "door_failed": d.failed_ms,
                "help": d.help_ms,
                "door_open": d.door_open_ms,
                "left_open": d.left_open_ms,
                "recording": d.recording_ms,
                "closed": d.closed_ms,
            }
        )

    # ------------------------------------------------------------------ Flow API
    def first_state(self) -> QState:
        # A badge scanned on the idle screen logs in straight away.
        return self.logging_in if self._badge else self.login

    def on_start(self) -> None:
        badge = self._queued_badge
        self._reset_fields()
        self._badge = badge
        self.cycle.reset()

    def on_abort(self) -> None:
        self.cycle.abandon()
        self._end_session()

    def on_finished(self) -> None:
        self._end_session()

    def holds_screen(self) -> bool:
        """While logged in the courier's own (longer) inactivity timer decides."""
        return self.session is not None or self.cycle.holds_screen()

    def is_badge(self, code: str) -> bool:
        """Whether a scan has the shape of a courier badge."""
        return bool(self._badge_re.fullmatch(normalise(code)))

    def queue_code(self, code: str) -> None:
        """A badge scanned on the idle screen: the flow starts by logging it in."""
        self._queued_badge = normalise(code)
        register_secret(self._queued_badge)

    def user_activity(self) -> None:
        """A touch or key press anywhere: the courier is still there."""
        if self.session is not None and self.is_running():
            self._inactivity.start()

    def handle(self, intent: str, value: object) -> None:
        self.user_activity()
        if self.active(self.login):
            self._handle_login(intent, value)
        elif intent == Intent.SCANNED:
            self._on_scan(str(value))
        elif intent == Intent.CHOICE:
            self._on_choice(str(value))
        elif intent == Intent.CODE_ENTERED and self.active(self.typing):
            self._take(str(value))
        elif intent == Intent.CELL_TAPPED and self.active(self.reporting):
            self._report_target = str(value)
            self._show_grid()
        elif intent == Intent.CANCEL:
            if self.active(self.typing):
                self._go_ready.emit()
            elif self.active(self.login_problem, self.session_over):
                self._leave.emit()

    # ------------------------------------------------------------------ logging in
    def _handle_login(self, intent: str, value: object) -> None:
        if intent == Intent.SCANNED:
            # A badge scanned while the keypad (or the camera) is up. Anything else (a
            # parcel scanned too early) is said at once and spends no login attempt.
            badge = normalise(str(value))
            if not badge:
                return
            if not self.is_badge(badge):
                self._login_error = self.tr("That was not a courier badge.")
                if self.active(self.entering_id):
                    self._show_id()
                else:
                    self._go_id.emit()
                return
            self._badge = badge
            register_secret(badge)
            self._go_login.emit()
        elif intent == Intent.CODE_ENTERED and self.active(self.entering_id):
            self._courier_id = str(value).strip()
            if self._courier_id:
                self._go_pin.emit()
        elif intent == Intent.CODE_ENTERED and self.active(self.entering_pin):
            wait = self.cooldown.remaining_s()
            if wait > 0:
                self._show_pin()
                return
            self._pin = str(value).strip()
            register_secret(self._pin)
            self._badge = ""
            self._go_login.emit()
        elif intent == Intent.SCAN_INSTEAD and self.active(self.entering_id):
            self._go_camera.emit()
        elif intent == Intent.BACK and self.active(self.badge_camera):
            self._go_id.emit()
        elif intent in (Intent.CAMERA_UNAVAILABLE, Intent.SCAN_REJECTED) and self.active(
            self.badge_camera
        ):
            self._login_error = (
                self.tr("Scanning with the camera is not available here. Please type your ID.")
                if intent == Intent.CAMERA_UNAVAILABLE
                else self.tr("That was not a courier badge.")
            )
            self._go_id.emit()
        elif intent == Intent.CANCEL:
            if self.active(self.entering_pin):
                self._go_id.emit()
            else:
                self._leave.emit()

    @Slot()
    def _show_id(self) -> None:
        error, self._login_error = self._login_error, ""
        self.show(
            ScreenName.CODE_ENTRY,
            CodeEntryData(
                title=self.tr("Courier login"),
                hint=self.tr("Type your courier ID, or scan your badge."),
                max_length=16,
                min_length=1,
                alphabet="alnum",
                error=error,
                confirm_label=self.tr("Next"),
            ),
        )

    @Slot()
    def _show_pin(self) -> None:
        self.show(
            ScreenName.CODE_ENTRY,
            CodeEntryData(
                title=self.tr("Enter your PIN"),
                hint=self.tr("Courier ID: %1").replace("%1", self._courier_id),
                max_length=12,
                min_length=4,
                alphabet="digits",
                allow_scan=False,
                locked_s=self.cooldown.remaining_s(),
                confirm_label=self.tr("Log in"),
                masked=True,
            ),
        )

    @Slot()
    def _show_camera(self) -> None:
        self.show(
            ScreenName.CAMERA,
            CameraData(
                title=self.tr("Hold your badge up to the camera"),
                hint=self.tr("The barcode on your courier badge, about 20 cm away."),
            ),
        )

    @Slot()
    def _log_in(self) -> None:
        self.show(ScreenName.BUSY, BusyData(self.tr("Logging in…")))
        request = self.begin_request()
        done = self.current_only(request, self._on_logged_in)
        failed = self.current_only(request, self._on_login_error)
        if self._badge:
            log.info("courier login by badge")
            self.gateway.courier_login(done, failed, badge=self._badge)
        else:
            # The keypad types capitals; courier ids are matched as the back office
            # writes them, in lower case (``courier1``).
            log.info("courier login by id %s", self._courier_id.lower())
            self.gateway.courier_login(
                done, failed, courier_id=self._courier_id.lower(), pin=self._pin
            )
        self._pin = ""

    def _on_logged_in(self, session: CourierSession) -> None:
        if not self.active(self.logging_in):
            return
        register_secret(session.session_token)
        self.session = session
        self._badge = ""
        log.info("courier %s logged in", session.courier.id)
        self._inactivity.start()
        self._login_ok.emit()

    def _on_login_error(self, error: BaseException) -> None:
        if not self.active(self.logging_in):
            return
        self._badge = ""
        self._problem = self.problems.message(error, self.settings.help_text)
        self._login_failed.emit()

    @Slot()
    def _login_timed_out(self) -> None:
        self.begin_request()
        self._badge = ""
        log.warning("courier login timed out")
        self._problem = self.problems.unreachable()

    # ------------------------------------------------------------------ session
    @property
    def actor(self) -> str:
        """``courier:<id>`` of the courier logged in."""
        return courier_actor(self.session.courier.id if self.session else "unknown")

    def _token(self) -> str:
        return self.session.session_token if self.session else ""

    def _end_session(self) -> None:
        """Logged out at the backend, whatever ended the session; nothing kept."""
        self._inactivity.stop()
        token = self._token()
        if token:
            log.info("courier %s logged out", self.session.courier.id if self.session else "")
            self.gateway.courier_logout(token)
        self.session = None
        self._queue.clear()
        self._queued_badge = ""
        self._badge = ""
        self._pin = ""

    @Slot()
    def _on_inactive(self) -> None:
        if not self.is_running():
            return
        if self.cycle.holds_screen() or self.active(self.close_first, self.reserving):
            self._inactivity.start()
            return
        log.info("courier session ends: nobody touched the screen")
        self._leave.emit()

    def _on_session_error(self, error: BaseException) -> bool:
        """The backend said the session is over: back to idle. True if it did."""
        if isinstance(error, SessionExpired):
            log.info("courier session expired at the backend")
            self._session_over.emit()
            return True
        return False

    @Slot()
    def _show_session_over(self) -> None:
        self._end_session()
        self.show(
            ScreenName.MESSAGE,
            MessageData(
                self.tr("Your session has ended"),
                self.tr("Please log in again to go on."),
                "info",
                (Choice(CANCEL, self.tr("OK"), primary=True),),
            ),
        )

    # ------------------------------------------------------------------ tasks
    @Slot()
    def _load_tasks(self) -> None:
        self.show(ScreenName.BUSY, BusyData(self.tr("Loading your tasks…")))
        request = self.begin_request()
        self.gateway.courier_tasks(
            self._token(),
            self.current_only(request, self._on_tasks),
            self.current_only(request, self._on_tasks_error),
        )

    def _on_tasks(self, tasks: CourierTasks) -> None:
        if not self.active(self.loading):
            return
        self._parcels = {normalise(p.barcode): p for p in tasks.deliveries}
        # The list is fresh from the backend, but this kiosk's events may still be in
        # the outbox on their way: what is no longer collectable here is filtered again
        # at every use (:meth:`pending_collections`), this is only the first pass.
        self._collections = [c for c in tasks.collections if self._collectable(c)]
        self._go_home.emit()

    def _on_tasks_error(self, error: BaseException) -> None:
        if not self.active(self.loading) or self._on_session_error(error):
            return
        log.warning("courier tasks not loaded: %s", type(error).__name__)
        self._say(self.tr("The task list could not be loaded. Please try again."), "error")
        self._go_home.emit()

    @Slot()
    def _loading_timed_out(self) -> None:
        self.begin_request()
        self._say(self.tr("The task list could not be loaded. Please try again."), "error")

    def to_deliver(self) -> int:
        """Parcels of the task list not delivered yet."""
        return sum(1 for barcode in self._parcels if barcode not in self._delivered)

    def to_collect(self) -> int:
        """Collections in the task list still to do (see :meth:`pending_collections`)."""
        return len(self.pending_collections())

    def pending_collections(self) -> list[Collection]:
        """The task list's collections whose door may still be opened, in list order.

        Computed at every use, never kept: the list is only as fresh as the last load,
        and since then this kiosk may have collected a rent, filled its compartment
        again or taken it out of service.
        """
        return [item for item in self._collections if self._collectable(item)]

    def _collectable(self, item: Collection) -> bool:
        """Whether the door may open for this collection, as far as the kiosk knows.

        Not when its rent was collected here (the backend may not have heard yet), nor
        when the compartment is out of service, being filled right now, or holds a
        parcel this kiosk put in under another rent: opening it would hand a shopper's
        parcel to the courier.
        """
        if item.rent_id in self._collected:
            return False
        compartment = item.compartment_id
        if compartment not in self.bank.specs:
            return True  # a door the layout does not know: the backend's word stands
        if self.bank.status(compartment) in (Status.OUT_OF_SERVICE, Status.RESERVED):
            return False
        holding = self.bank.rent_in(compartment)
        return holding is None or holding == item.rent_id

    # ------------------------------------------------------------------ home
    def _say(self, note: str, tone: Tone = "info") -> None:
        self._note, self._tone = note, tone

    @Slot()
    def _show_home(self) -> None:
        self._mode = ""
        session = self.session
        assert session is not None
        note, self._note = self._note, ""
        self.show(
            ScreenName.COURIER_HOME,
            CourierHomeData(
                name=session.courier.name,
                company=session.courier.company,
                to_deliver=self.to_deliver(),
                to_collect=self.to_collect(),
                note=note,
                tone=self._tone,
            ),
        )

    def _on_choice(self, key: str) -> None:
        if self.cycle.handle_choice(key):
            return
        if key == "logout" or (key == CANCEL and self.active(self.session_over)):
            self._leave.emit()
        elif key == "home":
            self._queue.clear()
            self._collect_all = False
            if self.active(self.collect_prompt, self.collect_gap):
                self._go_loading.emit()  # after a collect run the list comes fresh
            else:
                self._go_home.emit()
        elif key == "deliver" and self.active(self.home):
            self._go_ready.emit()
        elif key == "type" and self.active(self.ready):
            self._go_typing.emit()
        elif key == "collect" and self.active(self.home):
            self._mode = "collect"
            self._passed = set()
            self._collect_all = False
            self._go_collect.emit()
        elif key == "report" and self.active(self.home):
            self._report_target = ""
            self._go_report.emit()
        elif self.active(self.collect_prompt):
            self._collect_choice(key)
        elif key == "stop" and self.active(self.collect_gap):
            self._collect_all = False
            self._go_collect.emit()
        elif key in PROBLEM_KINDS and self.active(self.reporting) and self._report_target:
            self._save_report(key)
        elif key == RETRY and self.active(self.login_problem):
            self._go_id.emit()
        elif key == CANCEL and self.active(self.login_problem):
            self._leave.emit()

    # ------------------------------------------------------------------ delivering
    def _on_scan(self, raw: str) -> None:
        barcode = normalise(raw)
        if not barcode:
            return
        if self.active(self.home, self.ready, self.typing):
            self._take(barcode)
        elif self._mode == "deliver":
            # A door is open or a compartment is being reserved: next in line (a second
            # scan of the parcel in hand, or of one already waiting, is the same parcel).
            current = normalise(self._parcel.barcode) if self._parcel else ""
            if barcode != current and barcode not in self._queue:
                self._queue.append(barcode)
                log.info("parcel %s queued (%d waiting)", barcode, len(self._queue))
                if self._parcel is not None and self.cycle.job is not None:
                    # Said on the door screen: the courier sees the scan was taken.
                    self.cycle.update_step(self._step_text(self._parcel, self.cycle.job))
        else:
            log.info("scan ignored while %s", self.state_name())

    @Slot()
    def _on_ready(self) -> None:
        self._mode = "deliver"
        self._parcel = None
        if self._queue:
            self._take(self._queue.popleft())
            return
        self._show_ready()

    def _show_ready(self) -> None:
        note, self._note = self._note, ""
        total = self.delivered_count + self.to_deliver()
        self.show(
            ScreenName.COURIER_TASK,
            CourierTaskData(
                headline=self.tr("Scan the next parcel"),
                body=self.tr("The right door opens at once. Scan the next while it is open."),
                counter=f"{self.delivered_count} / {total}",
                counter_label=self.tr("delivered"),
                note=note,
                tone=self._tone,
                choices=(
                    Choice("type", self.tr("Type the barcode")),
                    Choice("home", self.tr("Done"), primary=True),
                ),
            ),
        )

    @Slot()
    def _show_typing(self) -> None:
        self.show(
            ScreenName.CODE_ENTRY,
            CodeEntryData(
                title=self.tr("Type the parcel barcode"),
                hint=self.tr("The letters and digits under the barcode."),
                max_length=30,
                min_length=3,
                alphabet="alnum",
                allow_scan=False,
                confirm_label=self.tr("Deliver"),
            ),
        )

    def _skip(self, note: str) -> None:
        """The parcel cannot go in now: say why, and be ready for the next scan."""
        self._say(note, "error")
        self._parcel = None
        if self.active(self.ready):
            self._on_ready()  # the next queued scan, or the ready screen with the note
        else:
            self._go_ready.emit()

    def _take(self, barcode: str) -> None:
        """A parcel scanned or typed: choose, reserve, open."""
        barcode = normalise(barcode)
        self._mode = "deliver"
        if barcode in self._delivered:
            self._skip(self.tr("Parcel %1 is already delivered.").replace("%1", barcode))
            return
        parcel = self._parcels.get(barcode)
        if parcel is None:
            self._skip(
                self.tr("Parcel %1 is not on your list for this locker.").replace("%1", barcode)
            )
            return
        self._parcel = parcel
        self._min_size = parcel.size
        self._tried = set()
        self._cancelled_for_parcel = False
        self._choose()

    def _choose(self) -> None:
        parcel = self._parcel
        assert parcel is not None
        spec = self.bank.choose(self._min_size, exclude=self._tried)
        if spec is None:
            log.info("no free compartment for %s (size %s)", parcel.barcode, self._min_size)
            self._skip(
                self.tr("No free compartment fits parcel %1 (size %2). It stays in the van.")
                .replace("%1", parcel.barcode)
                .replace("%2", self._min_size)
            )
            return
        self._spec = spec
        self._rent_id = str(uuid.uuid4())
        self._retries = 0
        self.bank.reserve(spec.id)
        self._go_reserving.emit()

    @Slot()
    def _reserve(self) -> None:
        spec, parcel = self._spec, self._parcel
        assert spec is not None
        assert parcel is not None
        request = self.begin_request()
        self.gateway.reserve_rent(
            self._rent_id,
            RentRequest(compartment_id=spec.id, kind="delivery", barcode=parcel.barcode),
            self.current_only(request, self._on_reserved),
            self.current_only(request, self._on_reserve_error),
            session_token=self._token(),
        )

    def _on_reserved(self, rent: Rent) -> None:
        spec = self._spec
        if not self.active(self.reserving) or spec is None:
            return
        if self.doors.occupied(spec.id) is True:
            # The backend thinks it is empty, the item sensor sees something: nobody
            # should put a parcel on top of it. The compartment goes out of service.
            log.warning("compartment %s reads occupied although free: out of service", spec.id)
            self._record("cancelled", spec.id, self._rent_id)
            self._out_of_service(spec.id, {"reason": "not_empty", "occupied": True})
            self._say(
                self.tr("Compartment %1 is not empty. It is now out of service.").replace(
                    "%1", spec.id
                ),
                "error",
            )
            self._choose()
            return
        self.cycle.prepare(self._delivery_job(spec))
        if self._ajar:
            self._go_close_first.emit()
        else:
            self._go_door.emit()

    def _on_reserve_error(self, error: BaseException) -> None:
        spec, parcel = self._spec, self._parcel
        if not self.active(self.reserving) or spec is None or parcel is None:
            return
        if self._on_session_error(error):
            self.bank.release(spec.id)
            return
        if (
            isinstance(error, AlreadyDelivered)
            and self._cancelled_for_parcel
            and self._retries < self.settings.reserve_retries
        ):
            # This kiosk has just cancelled the parcel's previous rent; the cancel is
            # still in the outbox on its way to the backend.
            self._retries += 1
            self._rent_id = str(uuid.uuid4())
            self._go_retry_wait.emit()
            return
        self.bank.release(spec.id)
        if isinstance(error, CompartmentTaken):
            # The backend knows a parcel this kiosk did not: remember it, choose again.
            self.bank.set_occupied(spec.id)
            self._tried.add(spec.id)
            self._choose()
        elif isinstance(error, SizeMismatch):
            self._tried.add(spec.id)
            larger = larger_sizes(spec.size)
            if not larger:
                self._choose_none()
                return
            self._min_size = larger[0]
            self._choose()
        elif isinstance(error, AlreadyDelivered):
            self._delivered.add(normalise(parcel.barcode))
            self._skip(self.tr("Parcel %1 is already delivered.").replace("%1", parcel.barcode))
        elif isinstance(error, UnknownParcel):
            self._skip(
                self.tr("Parcel %1 is not on your list for this locker.").replace(
                    "%1", parcel.barcode
                )
            )
        else:
            log.warning("reservation failed: %s", type(error).__name__)
            self._skip(
                self.tr("Parcel %1 could not be booked in. Please scan it again.").replace(
                    "%1", parcel.barcode
                )
            )

    def _choose_none(self) -> None:
        parcel = self._parcel
        assert parcel is not None
        self._skip(
            self.tr("No free compartment fits parcel %1 (size %2). It stays in the van.")
            .replace("%1", parcel.barcode)
            .replace("%2", parcel.size)
        )

    @Slot()
    def _reserve_timed_out(self) -> None:
        self.begin_request()
        if self._spec is not None:
            self.bank.release(self._spec.id)
        parcel = self._parcel
        self._say(
            self.tr("Parcel %1 could not be booked in. Please scan it again.").replace(
                "%1", parcel.barcode if parcel else ""
            ),
            "error",
        )

    def _step_line(self, parcel: Parcel, size: str) -> str:
        """ "Parcel X · size M", and the scans waiting for the next door, if any."""
        line = self.tr("Parcel %1 · size %2").replace("%1", parcel.barcode).replace("%2", size)
        if self._queue:
            line += " · " + self.tr("%n more parcel(s) scanned", "", len(self._queue))
        return line

    def _step_text(self, parcel: Parcel, job: DoorJob) -> str:
        spec = self.bank.specs.get(job.compartment_id)
        return self._step_line(parcel, spec.size if spec is not None else "")

    def _delivery_job(self, spec: Spec) -> DoorJob:
        parcel = self._parcel
        assert parcel is not None
        hint = parcel.recipient_hint
        body = self.tr("Put the parcel in and close the door.")
        return DoorJob(
            compartment_id=spec.id,
            rent_id=self._rent_id,
            closing_event="deposited",
            actor=self.actor,
            open_body=f"{body}\n{hint}" if hint else body,
            help_body=self.settings.help_text,
            step=self._step_line(parcel, spec.size),
            cells=self.settings.cells,
            door_choices=(
                Choice(DOESNT_FIT, self.tr("Doesn't fit")),
                Choice(BROKEN, self.tr("Door is broken")),
            ),
            failed_choices=(Choice(BROKEN, self.tr("Use another door")),),
            closed_screen=False,
            reopen=False,
        )

    @Slot()
    def _after_door(self) -> None:
        if self._mode == "collect":
            self._after_collect()
            return
        spec, parcel = self._spec, self._parcel
        if spec is None or parcel is None:
            self._go_ready.emit()
            return
        outcome = self.cycle.outcome
        if outcome == CLOSED:
            # The bank learns which rent is in there now: a stale collection listed for
            # this door (its parcel taken out earlier) must never open it again.
            self.bank.set_occupied(spec.id, rent_id=self._rent_id)
            self._delivered.add(normalise(parcel.barcode))
            self.delivered_count += 1
            self.delivered.emit(spec.id)
            self._say(
                self.tr("Parcel %1 is in compartment %2.")
                .replace("%1", parcel.barcode)
                .replace("%2", spec.id),
                "success",
            )
            self._parcel = None
            self._go_ready.emit()
        elif outcome == DOESNT_FIT:
            self._record("cancelled", spec.id, self._rent_id)
            self.bank.release(spec.id)
            self._tried.add(spec.id)
            self._cancelled_for_parcel = True
            # Never two doors at once: the too-small one shuts before the next opens,
            # whether that is a larger one for this parcel or the next parcel's.
            self._ajar.add(spec.id)
            self._spec = None
            larger = larger_sizes(spec.size)
            if not larger:
                self._choose_none()
                return
            self._min_size = larger[0]
            self._go_close_first.emit()
        elif outcome in (BROKEN, FAILED):
            self._record("cancelled", spec.id, self._rent_id)
            reason = "broken_door" if outcome == BROKEN else "did_not_open"
            self._out_of_service(spec.id, {"reason": reason})
            self._tried.add(spec.id)
            self._cancelled_for_parcel = True
            self._say(
                self.tr("Compartment %1 is now out of service. Another one opens.").replace(
                    "%1", spec.id
                ),
                "error",
            )
            self._choose()
        else:  # left open: the cycle reported it; the rent stays as it is
            log.warning("delivery into %s ends with the door left open", spec.id)
            self._say(
                self.tr("Door %1 was left open. Please close it.").replace("%1", spec.id),
                "error",
            )
            self._parcel = None
            self._go_home.emit()

    @Slot()
    def _show_close_first(self) -> None:
        if not self._ajar:
            self._go_on_after_close()
            return
        compartment = sorted(self._ajar)[0]
        body = self.tr("Take the parcel back out and close the door. The next door opens then.")
        self.show(
            ScreenName.DOOR,
            DoorData(
                compartment_id=compartment,
                headline=self.tr("Please close door %1").replace("%1", compartment),
                body=body,
                cells=self.settings.cells,
            ),
        )

    @Slot(str)
    def _on_door_closed(self, compartment: str) -> None:
        self.user_activity()
        if compartment in self._ajar:
            self._ajar.discard(compartment)
            if not self._ajar and self.active(self.close_first):
                self._go_on_after_close()

    def _go_on_after_close(self) -> None:
        if self._spec is not None and self.cycle.job is not None:
            self._go_door.emit()  # a reservation made while the door stood open
        else:
            self._choose()

    @Slot()
    def _close_first_timed_out(self) -> None:
        # The too-small door still stands open: reported, and the run goes on.
        log.warning("door(s) %s not closed in time", ", ".join(sorted(self._ajar)))
        for compartment in sorted(self._ajar):
            self._record("door_left_open", compartment, None)
        self._ajar.clear()
        self._go_on_after_close()

    # ------------------------------------------------------------------ collecting
    def _collect_choice(self, key: str) -> None:
        if key == "open":
            self._open_collection()
        elif key == "skip":
            item = self._current_collection()
            if item is not None:
                self._passed.add(item.rent_id)
            self._go_collect.emit()
        elif key == "all":
            self._collect_all = True
            self._open_collection()

    def _current_collection(self) -> Collection | None:
        """The first collection still collectable and not yet passed in this run."""
        for item in self.pending_collections():
            if item.rent_id not in self._passed:
                return item
        return None

    def _counter(self, item: Collection | None) -> str:
        pending = self.pending_collections()
        position = pending.index(item) + 1 if item in pending else len(pending)
        return f"{position} / {len(pending)}"

    def _reason_text(self, item: Collection) -> str:
        if item.reason == "expired":
            return self.tr("Expired parcel")
        if item.reason == "return":
            return self.tr("Return")
        return self.tr("Sent parcel")

    @Slot()
    def _show_collect(self) -> None:
        self._mode = "collect"
        item = self._current_collection()
        if item is None:
            # All done (or skipped): the list comes fresh from the backend.
            self._collect_all = False
            self._go_loading.emit()
            return
        note, self._note = self._note, ""
        self.show(
            ScreenName.COURIER_TASK,
            CourierTaskData(
                headline=self.tr("Collect from compartment %1").replace("%1", item.compartment_id),
                body=self._reason_text(item),
                counter=self._counter(item),
                counter_label=self.tr("to collect"),
                note=note,
                tone=self._tone,
                choices=(
                    Choice(
                        "open",
                        self.tr("Open door %1").replace("%1", item.compartment_id),
                        primary=True,
                    ),
                    Choice("all", self.tr("Collect all")),
                    Choice("skip", self.tr("Skip")),
                    Choice("home", self.tr("Done")),
                ),
            ),
        )

    def _collection_job(self, item: Collection) -> DoorJob:
        return DoorJob(
            compartment_id=item.compartment_id,
            rent_id=item.rent_id,
            closing_event="collected",
            actor=self.actor,
            open_body=self.tr("Take the parcel out and close the door."),
            help_body=self.settings.help_text,
            step=self._reason_text(item),
            cells=self.settings.cells,
            closed_screen=False,
            reopen=False,
        )

    def _open_collection(self) -> None:
        # Asked again right before the door opens: never from a list kept aside.
        item = self._current_collection()
        self._collecting = item
        if item is None:
            self._go_collect.emit()
            return
        self.cycle.prepare(self._collection_job(item))
        self._go_door.emit()

    def _after_collect(self) -> None:
        item, self._collecting = self._collecting, None
        outcome = self.cycle.outcome
        if item is not None:
            self._passed.add(item.rent_id)
            if outcome == CLOSED:
                self.collected_count += 1
                self._collected.add(item.rent_id)
                if item.compartment_id in self.bank.specs:
                    self.bank.set_occupied(item.compartment_id, False)
            else:
                self._say(
                    self.tr("Door %1 was not collected.").replace("%1", item.compartment_id),
                    "error",
                )
                self._collect_all = False
        nxt = self._current_collection()
        if self._collect_all and nxt is not None:
            self._collecting = nxt
            self.cycle.prepare(self._collection_job(nxt))
            self._go_gap.emit()
        else:
            self._go_collect.emit()

    @Slot()
    def _show_gap(self) -> None:
        item = self._collecting
        self.show(
            ScreenName.COURIER_TASK,
            CourierTaskData(
                headline=self.tr("Next: compartment %1").replace(
                    "%1", item.compartment_id if item else ""
                ),
                body=self.tr("The next door opens in a moment."),
                counter=self._counter(item),
                counter_label=self.tr("to collect"),
                choices=(Choice("stop", self.tr("Stop")),),
            ),
        )

    # ------------------------------------------------------------------ reporting
    def grid_cells(self) -> tuple[BankCell, ...]:
        """The bank picture's cells, each drawn by what the kiosk knows of it."""
        states = {
            Status.FREE: "free",
            Status.OCCUPIED: "occupied",
            Status.RESERVED: "occupied",
            Status.OUT_OF_SERVICE: "out_of_service",
        }
        cells = []
        for cell in self.settings.cells:
            if cell.compartment_id in self.bank.specs:
                state = states[self.bank.status(cell.compartment_id)]
            else:
                state = "unknown"
            cells.append(
                BankCell(cell.compartment_id, cell.column, cell.row, cell.height, state)  # type: ignore[arg-type]
            )
        return tuple(cells)

    @Slot()
    def _show_grid(self) -> None:
        target = self._report_target
        kinds: tuple[Choice, ...] = ()
        if target:
            kinds = (
                Choice("broken_door", self.tr("Broken door"), primary=True),
                Choice("dirty", self.tr("Dirty / damaged")),
                Choice("other", self.tr("Other")),
            )
        self.show(
            ScreenName.COURIER_GRID,
            CourierGridData(
                title=self.tr("Report a problem")
                if not target
                else self.tr("Compartment %1: what is wrong?").replace("%1", target),
                hint=self.tr("Tap the compartment on the picture."),
                cells=self.grid_cells(),
                selected=target,
                choices=(*kinds, Choice("home", self.tr("Back"))),
            ),
        )

    def _save_report(self, kind: str) -> None:
        compartment = self._report_target
        self._go_saving.emit()
        self.show(ScreenName.BUSY, BusyData(self.tr("Saving your report…")))
        request = self.begin_request()

        def saved() -> None:
            if self.is_current(request):
                self._go_home.emit()

        self._say(
            self.tr("Compartment %1 is now out of service. Thank you.").replace("%1", compartment),
            "success",
        )
        self._out_of_service(compartment, {"reason": kind}, saved)

    # ------------------------------------------------------------------ events
    def _record(
        self,
        event_type: str,
        compartment: str,
        rent_id: str | None,
        detail: Mapping[str, object] | None = None,
        on_done: object = None,
    ) -> None:
        self.gateway.record_event(
            event_type,
            compartment,
            rent_id,
            actor=self.actor,
            detail=detail,
            on_done=on_done,  # type: ignore[arg-type]
        )

    def _out_of_service(
        self, compartment: str, detail: Mapping[str, object], on_done: object = None
    ) -> None:
        """Out of service for this kiosk's choices from now on, and the backend hears it."""
        if compartment in self.bank.specs:
            self.bank.release(compartment)
            self.bank.set_out_of_service(compartment)
        self._record("out_of_service", compartment, None, detail, on_done)
