"""Shopper pickup: code → verifying → the door cycle per parcel → thank you.

::

    entering_phone → entering_code ⇄ scanning → verifying → door (cycle) → after_door → done
    verifying → problem (wrong / expired / collected / too many / unreachable)
              → entering_code (try again) or done
    after_door → door (the next parcel of the same code, once the person asks) or done

The door steps (opening, did not open, left open, the close committed before "Thank
you", "open again" once) are the shared :class:`~kiosk.flows.door_cycle.DoorCycle` with
``picked_up`` as the closing event; what is here is pickup's own: asking for the code,
checking it, and walking through the parcels one code opens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtStateMachine import QState

from kiosk.backend.api import CodeUnknown, PickupRent, PickupResult
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import CodeEntry, CodeFormat, CodeTexts, Cooldown
from kiosk.flows.door_cycle import CLOSED, DoorCycle, DoorJob, DoorSettings
from kiosk.flows.ports import SHOPPER, Doors, Gateway
from kiosk.flows.problems import RETRY, CodeProblems
from kiosk.flows.screendata import (
    BusyData,
    Choice,
    Intent,
    MessageData,
    PhoneEntryData,
    ScreenName,
)
from kiosk.logs import register_secret

log = logging.getLogger("kiosk.flows.pickup")


@dataclass(frozen=True)
class PickupSettings(DoorSettings):
    """The flow's knobs: the operator's settings and the kiosk's timeouts (ms)."""

    code_length: int = 6
    code_alphabet: str = "digits"
    requires_phone: bool = False
    verify_timeout_ms: int = 8000

    def code_format(self) -> CodeFormat:
        """What a pickup code of this operator looks like."""
        return CodeFormat(self.code_length, self.code_alphabet)


class PickupFlow(Flow):
    """The pickup journey as a ``QStateMachine``.

    The states are public attributes (``entering_code``, ``verifying``, ``problem``, and
    the door cycle's ``opening``, ``door_open``, ``closed``... as ``flow.cycle.<name>``
    and, for brevity, on the flow itself) so tests wait on their ``entered`` signals.

    Signals:
        screen_requested(str, object): inherited; the screen to show.
        finished(): inherited; back to idle.
    """

    flow_name = "pickup"

    _phone_ok = Signal()
    _verified = Signal()
    _problem = Signal()
    _retry = Signal()
    _leave = Signal()
    _next_door = Signal()

    def __init__(
        self,
        gateway: Gateway,
        doors: Doors,
        settings: PickupSettings,
        parent: QObject | None = None,
        *,
        cooldown: Cooldown | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.settings = settings
        cooldown = cooldown or Cooldown()
        self._phone: str | None = None
        self._rents: list[PickupRent] = []
        self._index = 0
        self._problem_data = MessageData("")
        self.problems = CodeProblems(cooldown, self)
        self.code = CodeEntry(self, cooldown, settings.message_timeout_ms)
        self.cycle = DoorCycle(self, doors, gateway, settings.door_timeouts())
        self._build_machine()

    # ------------------------------------------------------------------ machine
    def _build_machine(self) -> None:
        s = self.settings
        c = self.cycle
        self.entering_phone = self.state("entering_phone")
        self.verifying, verify_timer = self.waiting_state("verifying", s.verify_timeout_ms)
        self.problem, problem_timer = self.waiting_state("problem", s.message_timeout_ms)
        self.after_door = self.state("after_door")
        # The kit's states, named here too: tests and logs speak of them.
        self.entering_code, self.scanning = self.code.entering_code, self.code.scanning
        self.opening, self.door_open, self.left_open = c.opening, c.door_open, c.left_open
        self.door_failed, self.help = c.door_failed, c.help
        self.recording, self.closed = c.recording, c.closed

        self.entering_phone.addTransition(self._phone_ok, self.code.state)
        self.code.state.addTransition(self.code.accepted, self.verifying)
        self.verifying.addTransition(self._verified, c.state)
        self.verifying.addTransition(self._problem, self.problem)
        self.verifying.addTransition(verify_timer.timeout, self.problem)
        self.problem.addTransition(self._retry, self.code.state)
        self.problem.addTransition(problem_timer.timeout, self.done)
        c.state.addTransition(c.state.finished, self.after_door)
        self.after_door.addTransition(self._next_door, c.state)
        for state in (
            self.entering_phone,
            self.code.state,
            self.verifying,
            self.problem,
            self.after_door,
            c.state,
        ):
            state.addTransition(self._leave, self.done)

        self.entering_phone.entered.connect(self._show_phone)
        self.verifying.entered.connect(self._verify)
        verify_timer.timeout.connect(self._verify_timed_out)
        self.problem.entered.connect(lambda: self.show(ScreenName.MESSAGE, self._problem_data))
        self.after_door.entered.connect(self._after_door)

    def apply_settings(self, settings: PickupSettings) -> None:
        """Take the operator's settings (they arrive from the backend after start-up)."""
        self.settings = settings
        d = settings.door_timeouts()
        self.set_timeouts(
            {
                "verifying": settings.verify_timeout_ms,
                "scanning": settings.message_timeout_ms,
                "problem": settings.message_timeout_ms,
                "opening": d.opening_ms,
                "door_failed": d.failed_ms,
                "help": d.help_ms,
                "door_open": d.door_open_ms,
                "left_open": d.left_open_ms,
                "closed": d.closed_ms,
            }
        )

    def holds_screen(self) -> bool:
        """While a door is being opened or stands open, nobody needs to touch the screen."""
        return self.cycle.holds_screen()

    # ------------------------------------------------------------------ Flow API
    def first_state(self) -> QState:
        return self.entering_phone if self.settings.requires_phone else self.code.state

    def on_start(self) -> None:
        self._phone = None
        self._rents = []
        self._index = 0
        self.cycle.reset()
        self.code.configure(
            self.settings.code_format(),
            CodeTexts(
                title=self.tr("Enter your pickup code"),
                hint=self.tr("You find it in the text message or e-mail about your parcel."),
                not_a_code=self.tr("That was not a pickup code."),
            ),
        )

    def on_abort(self) -> None:
        self.cycle.abandon()
        self.code.forget()

    def on_finished(self) -> None:
        # A code scanned for this customer must never reach the next one.
        self.code.forget()

    def handle(self, intent: str, value: object) -> None:
        if intent == Intent.CANCEL:
            self._on_choice("cancel")
        elif intent == Intent.PHONE_ENTERED and self.active(self.entering_phone):
            self._phone = str(value)
            register_secret(self._phone)
            self._phone_ok.emit()
        elif intent == Intent.CHOICE:
            self._on_choice(str(value))
        else:
            self.code.handle(intent, value)

    def queue_code(self, code: str) -> None:
        """A code scanned on the idle screen: submitted as soon as the flow asks for one."""
        self.code.queue(code)

    # ------------------------------------------------------------------ checking
    @Slot()
    def _show_phone(self) -> None:
        self.show(ScreenName.PHONE_ENTRY, PhoneEntryData(title=self.tr("Enter your phone number")))

    @Slot()
    def _verify(self) -> None:
        self.show(ScreenName.BUSY, BusyData(self.tr("Checking your code…")))
        request = self.begin_request()
        self.gateway.verify_pickup(
            self.code.code,
            self._phone,
            self.current_only(request, self._on_verified),
            self.current_only(request, self._on_verify_error),
        )

    def _on_verified(self, result: PickupResult) -> None:
        if not self.active(self.verifying):
            return
        if not result.rents:
            self._on_verify_error(CodeUnknown("no rents"))
            return
        self._rents = list(result.rents)
        self._index = 0
        log.info(
            "code accepted (%s): %d parcel(s)",
            "offline" if result.offline else "online",
            len(result.rents),
        )
        self.cycle.prepare(self._job())
        self._verified.emit()

    def _on_verify_error(self, error: BaseException) -> None:
        if self.active(self.verifying):
            self._problem_data = self.problems.message(error, self.settings.help_text)
            self._problem.emit()

    @Slot()
    def _verify_timed_out(self) -> None:
        self.begin_request()  # a late answer is ignored
        log.warning("verification timed out after %d ms", self.timer("verifying").interval())
        self._problem_data = self.problems.unreachable()

    # ------------------------------------------------------------------ doors
    @property
    def current(self) -> PickupRent:
        """The rent whose door is being opened now."""
        return self._rents[self._index]

    def _has_next(self) -> bool:
        return self._index + 1 < len(self._rents)

    def _job(self) -> DoorJob:
        rent = self.current
        step = ""
        if len(self._rents) > 1:
            step = (
                self.tr("Parcel %1 of %2")
                .replace("%1", str(self._index + 1))
                .replace("%2", str(len(self._rents)))
            )
        failed: tuple[Choice, ...] = ()
        if self._has_next():
            closed = (Choice("next", self.tr("Open the next door"), primary=True),)
            # A jammed door must not keep the person from their other parcels.
            failed = (Choice("next", self.tr("Open the next door")),)
        else:
            closed = (Choice("cancel", self.tr("Done"), primary=True),)
        return DoorJob(
            compartment_id=rent.compartment_id,
            rent_id=rent.rent_id,
            closing_event="picked_up",
            actor=SHOPPER,
            open_body=self.tr("Take your parcel and close the door firmly."),
            help_body=self.settings.help_text,
            step=step,
            cells=self.settings.cells,
            closed_choices=closed,
            failed_choices=failed,
            # The next door never opens with nobody in front of it: wait for the answer.
            linger=self._has_next(),
            expect_empty=True,
            offer_not_open=True,
        )

    @Slot()
    def _after_door(self) -> None:
        outcome = self.cycle.outcome
        if outcome == "next" and self._has_next():
            self._index += 1
            self.cycle.prepare(self._job())
            self._next_door.emit()
        else:
            if outcome not in (CLOSED, "cancel"):
                log.info("pickup ends at door %s: %s", self.current.compartment_id, outcome)
            self._leave.emit()

    # ------------------------------------------------------------------ choices
    def _on_choice(self, key: str) -> None:
        # No screen offers "cancel" while a door is being opened or stands open; a stray
        # one (a key, a tap on a screen gone by) must not end the journey there.
        if self.cycle.handle_choice(key):
            return
        if key == "cancel" and not self.cycle.holds_screen():
            self._leave.emit()
        elif key == RETRY and self.active(self.problem):
            self._retry.emit()
