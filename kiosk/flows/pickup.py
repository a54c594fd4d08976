"""Shopper pickup: code → verifying → door open → door closed → thank you.

Each state is named for what the customer sees and owns its timeout, so whatever the
person (or the hardware, or the network) does, the flow ends somewhere safe::

    entering_phone → entering_code → verifying → opening → door_open → recording → closed → done
    verifying → problem (wrong / expired / collected / unreachable) → entering_code or done
    opening → door_failed → opening (try again) or help → done
    door_open → left_open (reminder) → done, reported as door_left_open
    closed → opening (next parcel, or "open again" once) or done

Everything the backend must know (``door_opened``, ``picked_up``, ``door_failed``,
``reopened``, ``door_left_open``) is handed to the event recorder (the durable outbox),
and "Thank you" is shown only once ``picked_up`` is committed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance, Slot
from PySide6.QtStateMachine import QFinalState, QState, QStateMachine

from kiosk.backend.api import (
    AlreadyCollected,
    CodeExpired,
    CodeUnknown,
    PickupRent,
    PickupResult,
    TooManyAttempts,
)
from kiosk.domain.attempts import AttemptLimiter
from kiosk.flows.base import Flow
from kiosk.flows.screendata import (
    BankCell,
    BusyData,
    CameraData,
    Choice,
    CodeEntryData,
    DoorData,
    MessageData,
    PhoneEntryData,
)
from kiosk.logs import register_secret

log = logging.getLogger("kiosk.flows.pickup")


class PickupGateway(Protocol):
    """What the flow needs from the backend side; answers arrive on the GUI thread."""

    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Check ``code`` (online, else against cached offline codes)."""

    def record_event(
        self,
        event_type: str,
        compartment_id: str,
        rent_id: str | None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """Commit an event to the durable outbox; ``on_done`` once it is on disk."""


class Doors(Protocol):
    """The board service as the flow sees it (signals carry compartment ids)."""

    door_opened: SignalInstance
    door_closed: SignalInstance
    open_failed: SignalInstance

    def open(self, compartment_id: str) -> None:
        """Unlock the compartment's door (the driver reads status before any re-send)."""


@dataclass(frozen=True)
class PickupSettings:
    """The flow's knobs: the operator's settings and the kiosk's timeouts (ms)."""

    code_length: int = 6
    code_alphabet: str = "digits"
    requires_phone: bool = False
    verify_timeout_ms: int = 8000
    door_open_timeout_ms: int = 12000
    door_left_open_ms: int = 60000
    left_open_grace_ms: int = 30000
    reopen_grace_ms: int = 8000
    message_timeout_ms: int = 20000
    help_text: str = ""
    cells: tuple[BankCell, ...] = field(default_factory=tuple)


class PickupFlow(Flow):
    """The pickup journey as a ``QStateMachine``.

    The states are public attributes (``entering_code``, ``verifying``, ``opening``,
    ``door_open``, ``closed``...) so tests wait on their ``entered`` signals.

    Signals:
        screen_requested(str, object): inherited; the screen to show.
        finished(): inherited; back to idle.
    """

    flow_name = "pickup"

    _phone_ok = Signal()
    _code_ok = Signal()
    _verified = Signal()
    _problem = Signal()
    _retry = Signal()
    _leave = Signal()
    _door_opened = Signal()
    _door_failed = Signal()
    _door_closed = Signal()
    _recorded = Signal()
    _next_door = Signal()
    _help = Signal()
    _scan = Signal()
    _back = Signal()

    def __init__(
        self,
        gateway: PickupGateway,
        doors: Doors,
        limiter: AttemptLimiter,
        settings: PickupSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.doors = doors
        self.limiter = limiter
        self.settings = settings
        self._phone: str | None = None
        self._request = 0
        self._rents: list[PickupRent] = []
        self._index = 0
        self._reopened: set[str] = set()
        self._picked: set[str] = set()
        self._problem_data = MessageData("")
        self._pending_code = ""
        self._code_error = ""
        self._queued_code = ""
        self._build_machine()
        doors.door_opened.connect(self._on_door_opened)
        doors.door_closed.connect(self._on_door_closed)
        doors.open_failed.connect(self._on_open_failed)

    # ------------------------------------------------------------------ machine
    def _state(self, name: str) -> QState:
        state = QState(self.machine)
        state.setObjectName(name)
        return state

    def _waiting_state(self, name: str, timeout_ms: int) -> tuple[QState, QTimer]:
        """A state that owns its timeout: started on entry, stopped on exit."""
        state = self._state(name)
        timer = QTimer(state)
        timer.setObjectName(f"pickup.{name}")
        timer.setSingleShot(True)
        timer.setInterval(timeout_ms)
        state.entered.connect(timer.start)
        state.exited.connect(timer.stop)
        return state, timer

    def _build_machine(self) -> None:
        s = self.settings
        self.machine = QStateMachine(self)
        self.machine.setObjectName("pickup")
        self.entering_phone = self._state("entering_phone")
        self.entering_code = self._state("entering_code")
        self.scanning, scanning_timer = self._waiting_state("scanning", s.message_timeout_ms)
        self.verifying, verify_timer = self._waiting_state("verifying", s.verify_timeout_ms)
        self.problem, problem_timer = self._waiting_state("problem", s.message_timeout_ms)
        self.opening, opening_timer = self._waiting_state("opening", s.door_open_timeout_ms)
        self.door_failed, failed_timer = self._waiting_state("door_failed", s.message_timeout_ms)
        self.door_open, door_open_timer = self._waiting_state("door_open", s.door_left_open_ms)
        self.left_open, left_open_timer = self._waiting_state("left_open", s.left_open_grace_ms)
        self.recording, recording_timer = self._waiting_state("recording", 10000)
        self.closed, closed_timer = self._waiting_state("closed", s.reopen_grace_ms)
        self.help, help_timer = self._waiting_state("help", s.message_timeout_ms)
        self.done = QFinalState(self.machine)
        self.done.setObjectName("done")

        self.entering_phone.addTransition(self._phone_ok, self.entering_code)
        self.entering_phone.addTransition(self._leave, self.done)
        self.entering_code.addTransition(self._code_ok, self.verifying)
        self.entering_code.addTransition(self._leave, self.done)
        self.entering_code.addTransition(self._scan, self.scanning)
        self.scanning.addTransition(self._code_ok, self.verifying)
        self.scanning.addTransition(self._back, self.entering_code)
        self.scanning.addTransition(scanning_timer.timeout, self.entering_code)
        self.scanning.addTransition(self._leave, self.done)
        self.verifying.addTransition(self._verified, self.opening)
        self.verifying.addTransition(self._problem, self.problem)
        self.verifying.addTransition(verify_timer.timeout, self.problem)
        self.verifying.addTransition(self._leave, self.done)
        self.problem.addTransition(self._retry, self.entering_code)
        self.problem.addTransition(self._leave, self.done)
        self.problem.addTransition(problem_timer.timeout, self.done)
        self.opening.addTransition(self._door_opened, self.door_open)
        self.opening.addTransition(self._door_failed, self.door_failed)
        self.opening.addTransition(opening_timer.timeout, self.door_failed)
        self.door_failed.addTransition(self._retry, self.opening)
        # A door that opens late (after the timeout) still counts, even on the help screen.
        self.door_failed.addTransition(self._door_opened, self.door_open)
        self.help.addTransition(self._door_opened, self.door_open)
        self.door_failed.addTransition(self._help, self.help)
        self.door_failed.addTransition(failed_timer.timeout, self.help)
        self.help.addTransition(self._leave, self.done)
        self.help.addTransition(help_timer.timeout, self.done)
        self.door_open.addTransition(self._door_closed, self.recording)
        self.door_open.addTransition(door_open_timer.timeout, self.left_open)
        self.left_open.addTransition(self._door_closed, self.recording)
        self.left_open.addTransition(left_open_timer.timeout, self.done)
        self.recording.addTransition(self._recorded, self.closed)
        # The outbox reports every commit, failed ones too; this is the backstop should the
        # disk hang: the person is let go, the log says why.
        self.recording.addTransition(recording_timer.timeout, self.closed)
        recording_timer.timeout.connect(
            lambda: log.error("outbox did not confirm the commit within 10 s")
        )
        self.closed.addTransition(self._retry, self.opening)  # "open again"
        self.closed.addTransition(self._next_door, self.opening)
        self.closed.addTransition(self._leave, self.done)

        self.entering_phone.entered.connect(self._show_phone)
        self.entering_code.entered.connect(self._show_code)
        self.scanning.entered.connect(self._show_camera)
        self.verifying.entered.connect(self._show_verifying)
        verify_timer.timeout.connect(self._verify_timed_out)
        self.problem.entered.connect(lambda: self.show("message", self._problem_data))
        self.opening.entered.connect(self._open_current)
        opening_timer.timeout.connect(self._opening_timed_out)
        self.door_failed.entered.connect(self._show_door_failed)
        self.door_open.entered.connect(self._show_door_open)
        self.left_open.entered.connect(self._show_left_open)
        left_open_timer.timeout.connect(self._report_left_open)
        self.recording.entered.connect(self._record_picked_up)
        self.closed.entered.connect(self._show_closed)
        closed_timer.timeout.connect(self._closed_timeout)
        self.help.entered.connect(self._show_help)
        self.machine.finished.connect(self._on_machine_finished)

    def apply_settings(self, settings: PickupSettings) -> None:
        """Take the operator's settings (they arrive from the backend after start-up)."""
        self.settings = settings
        intervals = {
            "verifying": settings.verify_timeout_ms,
            "scanning": settings.message_timeout_ms,
            "problem": settings.message_timeout_ms,
            "opening": settings.door_open_timeout_ms,
            "door_failed": settings.message_timeout_ms,
            "door_open": settings.door_left_open_ms,
            "left_open": settings.left_open_grace_ms,
            "closed": settings.reopen_grace_ms,
            "help": settings.message_timeout_ms,
        }
        for timer in self.machine.findChildren(QTimer):
            state = timer.objectName().removeprefix("pickup.")
            if state in intervals:
                timer.setInterval(intervals[state])

    @Slot()
    def _on_machine_finished(self) -> None:
        # A code scanned for this customer must never reach the next one.
        self._queued_code = ""
        self.finished.emit()

    def _in(self, *states: QState) -> bool:
        """Whether one of ``states`` is active, also while it is being entered.

        ``QState.active()`` turns true only after the ``entered`` signal; answers that come
        back synchronously from an ``entered`` handler (a board that refuses at once, a
        camera that cannot start) would otherwise be dropped.
        """
        configuration = self.machine.configuration()
        return any(state in configuration for state in states)

    def holds_screen(self) -> bool:
        """While a door is being opened or stands open, nobody needs to touch the screen."""
        return self._in(self.opening, self.door_open, self.left_open, self.recording)

    # ------------------------------------------------------------------ Flow API
    def start(self) -> None:
        self._phone = None
        self._rents = []
        self._index = 0
        self._reopened = set()
        self._picked = set()
        self._request += 1
        first = self.entering_phone if self.settings.requires_phone else self.entering_code
        self.machine.setInitialState(first)
        self.machine.start()

    def abort(self) -> None:
        """Inactivity: leave; a door still open is reported as left open."""
        if self._in(self.door_open, self.left_open):
            self._report_left_open()
        self._request += 1
        self._queued_code = ""
        self.machine.stop()
        # A stopped machine does not exit its states, so their timers would keep running.
        for timer in self.machine.findChildren(QTimer):
            timer.stop()

    def state_name(self) -> str:
        """The active state's name ("" when stopped)."""
        for state in self.machine.findChildren(QState):
            if state.active() and state is not self.machine:
                return state.objectName()
        return ""

    def handle(self, intent: str, value: object) -> None:
        if intent == "cancel":
            self._leave.emit()
        elif intent == "phone_entered" and self._in(self.entering_phone):
            self._phone = str(value)
            register_secret(self._phone)
            self._phone_ok.emit()
        elif intent in ("code_entered", "scanned") and self._in(self.entering_code, self.scanning):
            self._submit_code(str(value))
        elif intent == "scan_instead" and self._in(self.entering_code):
            self._scan.emit()
        elif intent == "back" and self._in(self.scanning):
            self._back.emit()
        elif intent == "camera_unavailable" and self._in(self.scanning):
            self._code_error = self.tr(
                "Scanning with the camera is not available here. Please type your code."
            )
            self._back.emit()
        elif intent == "scan_rejected" and self._in(self.entering_code, self.scanning):
            self.show("code_entry", self._code_data(self.tr("That was not a pickup code.")))
            if self._in(self.scanning):
                self._back.emit()
        elif intent == "choice":
            self._on_choice(str(value))

    # ------------------------------------------------------------------ code entry
    def _code_data(self, error: str = "") -> CodeEntryData:
        s = self.settings
        return CodeEntryData(
            title=self.tr("Enter your pickup code"),
            hint=self.tr("You find it in the text message or e-mail about your parcel."),
            max_length=max(s.code_length, 4) + 6,
            min_length=min(4, s.code_length),
            alphabet="alnum" if s.code_alphabet == "alnum" else "digits",
            error=error,
            locked_s=int(self.limiter.locked_for() + 0.999),
        )

    @Slot()
    def _show_phone(self) -> None:
        self.show("phone_entry", PhoneEntryData(title=self.tr("Enter your phone number")))

    def queue_code(self, code: str) -> None:
        """A code scanned on the idle screen: submitted as soon as the flow asks for one."""
        self._queued_code = code

    @Slot()
    def _show_code(self) -> None:
        error, self._code_error = self._code_error, ""
        self.show("code_entry", self._code_data(error))
        if self._queued_code:
            code, self._queued_code = self._queued_code, ""
            self._submit_code(code)

    @Slot()
    def _show_camera(self) -> None:
        self.show(
            "camera",
            CameraData(
                title=self.tr("Hold the code up to the camera"),
                hint=self.tr("The QR code or barcode from your message, about 20 cm away."),
            ),
        )

    def _submit_code(self, raw: str) -> None:
        code = raw.strip().upper()
        register_secret(code)
        if self.limiter.locked_for() > 0:
            self.show("code_entry", self._code_data(self._locked_text()))
            return
        if not code:
            return
        self._pending_code = code
        self._code_ok.emit()

    def _locked_text(self) -> str:
        seconds = int(self.limiter.locked_for() + 0.999)
        return self.tr("Too many wrong codes. Please wait %n second(s).", "", seconds)

    @Slot()
    def _show_verifying(self) -> None:
        self.show("busy", BusyData(self.tr("Checking your code…")))
        self._request += 1
        request = self._request
        self.gateway.verify_pickup(
            self._pending_code,
            self._phone,
            lambda result: self._on_verified(request, result),
            lambda error: self._on_verify_error(request, error),
        )

    def _on_verified(self, request: int, result: PickupResult) -> None:
        if request != self._request or not self._in(self.verifying):
            return  # the person cancelled or the answer came too late
        if not result.rents:
            self._on_verify_error(request, CodeUnknown("no rents"))
            return
        self.limiter.success()
        self._rents = list(result.rents)
        self._index = 0
        log.info(
            "code accepted (%s): %d parcel(s)",
            "offline" if result.offline else "online",
            len(result.rents),
        )
        self._verified.emit()

    def _on_verify_error(self, request: int, error: BaseException) -> None:
        if request != self._request or not self._in(self.verifying):
            return
        help_text = self.settings.help_text
        retry = (Choice("retry", self.tr("Try again"), primary=True),)
        cancel = (Choice("cancel", self.tr("Cancel")),)
        if isinstance(error, CodeUnknown):
            lockout = self.limiter.failure()
            if lockout > 0:
                body = self._locked_text()
            else:
                body = self.tr(
                    "Please check the code in your message. %n attempt(s) left.",
                    "",
                    self.limiter.attempts_left(),
                )
            data = MessageData(self.tr("Wrong code"), body, "error", retry + cancel)
        elif isinstance(error, CodeExpired):
            data = MessageData(
                self.tr("This code has expired"),
                help_text or self.tr("Your parcel was returned. Please contact the sender."),
                "error",
                (Choice("cancel", self.tr("OK"), primary=True),),
            )
        elif isinstance(error, AlreadyCollected):
            data = MessageData(
                self.tr("This parcel was already collected"),
                help_text or self.tr("If this was not you, please contact customer service."),
                "error",
                (Choice("cancel", self.tr("OK"), primary=True),),
            )
        elif isinstance(error, TooManyAttempts):
            wait = int(error.retry_after or self.limiter.lockout_s)
            self.limiter.failure()
            data = MessageData(
                self.tr("Too many attempts"),
                self.tr("Please wait %n second(s) and try again.", "", wait),
                "error",
                (Choice("cancel", self.tr("OK"), primary=True),),
            )
        else:
            log.warning("verification failed: %s", type(error).__name__)
            data = MessageData(
                self.tr("We could not check your code right now"),
                self.tr("Please try again in a moment. Your code was not used up."),
                "error",
                retry + cancel,
            )
        self._problem_data = data
        self._problem.emit()

    @Slot()
    def _verify_timed_out(self) -> None:
        self._request += 1  # a late answer is ignored
        log.warning("verification timed out after %d ms", self.settings.verify_timeout_ms)
        self._problem_data = MessageData(
            self.tr("We could not check your code right now"),
            self.tr("Please try again in a moment. Your code was not used up."),
            "error",
            (
                Choice("retry", self.tr("Try again"), primary=True),
                Choice("cancel", self.tr("Cancel")),
            ),
        )

    # ------------------------------------------------------------------ doors
    @property
    def current(self) -> PickupRent:
        """The rent whose door is being opened now."""
        return self._rents[self._index]

    def _door_data(self, headline: str, body: str, choices: Sequence[Choice] = ()) -> DoorData:
        step = ""
        if len(self._rents) > 1:
            step = (
                self.tr("Parcel %1 of %2")
                .replace("%1", str(self._index + 1))
                .replace("%2", str(len(self._rents)))
            )
        return DoorData(
            compartment_id=self.current.compartment_id,
            headline=headline,
            body=body,
            cells=self.settings.cells,
            step=step,
            choices=tuple(choices),
        )

    @Slot()
    def _open_current(self) -> None:
        compartment = self.current.compartment_id
        self.show(
            "door",
            self._door_data(
                self.tr("Opening door %1…").replace("%1", compartment),
                self.tr("The door marked on the picture opens in a moment."),
            ),
        )
        self.doors.open(compartment)

    @Slot(str)
    def _on_door_opened(self, compartment: str) -> None:
        if not self._rents or compartment != self.current.compartment_id:
            return
        if self._in(self.opening, self.door_failed, self.help):
            self.gateway.record_event("door_opened", compartment, self.current.rent_id)
            self._door_opened.emit()

    @Slot(str, str)
    def _on_open_failed(self, compartment: str, reason: str) -> None:
        if self._in(self.opening) and self._rents and compartment == self.current.compartment_id:
            log.warning("door %s did not open: %s", compartment, reason)
            self._door_failed.emit()

    @Slot()
    def _opening_timed_out(self) -> None:
        log.warning("door %s: no open reported in time", self.current.compartment_id)

    @Slot()
    def _show_door_failed(self) -> None:
        self.gateway.record_event("door_failed", self.current.compartment_id, self.current.rent_id)
        self.show(
            "message",
            MessageData(
                self.tr("Door %1 did not open").replace("%1", self.current.compartment_id),
                self.tr("Please try again. If it still does not open, we will help you."),
                "error",
                (
                    Choice("retry", self.tr("Try again"), primary=True),
                    Choice("help", self.tr("Get help")),
                ),
            ),
        )

    @Slot()
    def _show_help(self) -> None:
        self.show(
            "message",
            MessageData(
                self.tr("We are sorry"),
                self.settings.help_text
                or self.tr("Your parcel stays safe. Please contact customer service."),
                "info",
                (Choice("cancel", self.tr("Back to start"), primary=True),),
            ),
        )

    @Slot()
    def _show_door_open(self) -> None:
        compartment = self.current.compartment_id
        self.show(
            "door",
            self._door_data(
                self.tr("Door %1 is open").replace("%1", compartment),
                self.tr("Take your parcel and close the door firmly."),
            ),
        )

    @Slot(str)
    def _on_door_closed(self, compartment: str) -> None:
        if not self._rents or compartment != self.current.compartment_id:
            return
        if self._in(self.door_open, self.left_open):
            self._door_closed.emit()

    @Slot()
    def _show_left_open(self) -> None:
        compartment = self.current.compartment_id
        self.show(
            "door",
            self._door_data(
                self.tr("Please close door %1").replace("%1", compartment),
                self.tr("The door is still open. Push it shut until it clicks."),
            ),
        )

    @Slot()
    def _report_left_open(self) -> None:
        if self._rents:
            log.warning("door %s left open", self.current.compartment_id)
            self.gateway.record_event(
                "door_left_open", self.current.compartment_id, self.current.rent_id
            )

    @Slot()
    def _record_picked_up(self) -> None:
        rent = self.current
        request = self._request
        self.show("busy", BusyData(self.tr("Door %1 closed").replace("%1", rent.compartment_id)))

        def committed() -> None:
            # No active() check: during ``entered`` Qt has not marked the state active
            # yet, and the transition on _recorded only fires from ``recording`` anyway.
            if request == self._request:
                self._recorded.emit()

        # After "open again" the parcel is already picked up: the second close is only a
        # door_closed (a second picked_up would be an invalid transition at the backend).
        kind = "door_closed" if rent.rent_id in self._picked else "picked_up"
        self._picked.add(rent.rent_id)
        self.gateway.record_event(kind, rent.compartment_id, rent.rent_id, committed)

    def _has_next(self) -> bool:
        return self._index + 1 < len(self._rents)

    @Slot()
    def _show_closed(self) -> None:
        choices: list[Choice] = []
        if self._has_next():
            choices.append(Choice("next", self.tr("Open the next door"), primary=True))
        else:
            choices.append(Choice("cancel", self.tr("Done"), primary=True))
        if self.current.compartment_id not in self._reopened:
            choices.append(Choice("reopen", self.tr("Open again")))
        self.show(
            "message",
            MessageData(
                self.tr("Thank you!"),
                self.tr("Door %1 is closed. Closed it by mistake? Tap “Open again”.").replace(
                    "%1", self.current.compartment_id
                ),
                "success",
                tuple(choices),
            ),
        )

    @Slot()
    def _closed_timeout(self) -> None:
        # One decision, one signal: two transitions racing on the same timeout would let
        # the first queued one win, whichever it was.
        if self._has_next():
            self._index += 1
            self._next_door.emit()
        else:
            self._leave.emit()

    # ------------------------------------------------------------------ choices
    def _on_choice(self, key: str) -> None:
        if key == "cancel":
            self._leave.emit()
        elif key == "retry" and self._in(self.problem, self.door_failed):
            self._retry.emit()
        elif key == "help" and self._in(self.door_failed):
            self._help.emit()
        elif key == "next" and self._in(self.closed) and self._has_next():
            self._index += 1
            self._next_door.emit()
        elif key == "reopen" and self._in(self.closed):
            compartment = self.current.compartment_id
            if compartment not in self._reopened:
                self._reopened.add(compartment)
                self.gateway.record_event("reopened", compartment, self.current.rent_id)
                self._retry.emit()
