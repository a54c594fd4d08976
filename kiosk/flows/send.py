"""Shopper send and return: a drop-off code → a compartment of the right size → receipt.

::

    entering_code ⇄ scanning → verifying → reserving → door (cycle) → after_door → receipt
    verifying → problem (wrong / expired / used / too many / unreachable)
              → entering_code (try again) or done
    reserving → problem (no compartment free, backend unreachable) → done
    after_door → reserving ("Larger compartment", "Try another compartment")
               → cancelled (nothing deposited) → done

The door steps are the shared :class:`~kiosk.flows.door_cycle.DoorCycle` with
``deposited`` as the closing event; what is here is the drop-off's own: asking for the
code, choosing the compartment (the kiosk's :class:`~kiosk.domain.compartments.Bank`),
reserving it at the backend (#7, the truth: ``compartment_taken`` marks it occupied and
the next one is tried), moving to a larger or another compartment, and the receipt.

A send holds at most one reservation. Whenever the person leaves it (cancel, too small,
door broken, walked away before the door opened) the flow records ``cancelled`` for it
and gives the compartment back to the bank.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.backend.api import (
    AlreadyDelivered,
    AlreadyUsed,
    CodeExpired,
    CompartmentTaken,
    Rent,
    RentRequest,
    SendInfo,
    SizeMismatch,
)
from kiosk.backend.demo import DROP_OFF_PATTERN
from kiosk.domain.compartments import Bank, Spec, larger_sizes
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import CodeEntry, CodeFormat, CodeTexts, Cooldown
from kiosk.flows.door_cycle import CLOSED, FAILED, LEFT_OPEN, DoorCycle, DoorJob, DoorSettings
from kiosk.flows.ports import SHOPPER, Doors, Gateway
from kiosk.flows.problems import RETRY, CodeProblems
from kiosk.flows.screendata import (
    BusyData,
    Choice,
    Intent,
    MessageData,
    ReceiptData,
    ScreenName,
)

log = logging.getLogger("kiosk.flows.send")

# The door screen's own answers (``DoorJob.door_choices`` / ``failed_choices``).
LARGER = "larger"
CANCEL = "cancel"
OTHER = "other"
DONE = "done"


@dataclass(frozen=True)
class DropOffFormat(CodeFormat):
    """A drop-off code: ``length`` letters or digits of one exact shape (``regex``).

    The shape is what tells a drop-off code from a pickup code on the idle screen's
    scanner, and what keeps a typo from spending a check of the guess budget.
    """

    regex: str = DROP_OFF_PATTERN

    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.regex)


@dataclass(frozen=True)
class SendSettings(DoorSettings):
    """The flow's knobs: the code's shape and the kiosk's timeouts (ms)."""

    code_length: int = 8
    code_regex: str = DROP_OFF_PATTERN
    verify_timeout_ms: int = 8000
    reserve_timeout_ms: int = 10000
    receipt_timeout_ms: int = 60000
    locker_name: str = ""

    def code_format(self) -> DropOffFormat:
        """What a drop-off code looks like."""
        return DropOffFormat(self.code_length, "alnum", self.code_regex)


class SendFlow(Flow):
    """The send / return journey as a ``QStateMachine``.

    States are public attributes (``entering_code``, ``verifying``, ``reserving``,
    ``problem``, ``receipt``, ``cancelled`` and the door cycle's as ``flow.cycle.<name>``
    and on the flow itself) so tests wait on their ``entered`` signals.

    Args:
        gateway: the backend port.
        doors: the doors port (only ever through the door cycle).
        bank: the kiosk's one :class:`Bank`: which compartment a parcel goes in.
        settings: the flow's knobs.
        cooldown: the kiosk's shared "too many attempts" wait.
        now: the wall clock for the receipt's date (tests fix it).

    Signals:
        screen_requested(str, object): inherited; the screen to show.
        finished(): inherited; back to idle.
    """

    flow_name = "send"

    _verified = Signal()
    _reserved = Signal()
    _problem = Signal()
    _retry = Signal()
    _leave = Signal()
    _reserve_again = Signal()
    _to_receipt = Signal()
    _to_cancelled = Signal()

    def __init__(
        self,
        gateway: Gateway,
        doors: Doors,
        bank: Bank,
        settings: SendSettings,
        parent: QObject | None = None,
        *,
        cooldown: Cooldown | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.gateway = gateway
        self.bank = bank
        self.settings = settings
        self._now = now or (lambda: datetime.now().astimezone())
        cooldown = cooldown or Cooldown()
        self.problems = CodeProblems(cooldown, self)
        self.code = CodeEntry(self, cooldown, settings.message_timeout_ms)
        self.cycle = DoorCycle(self, doors, gateway, settings.door_timeouts())
        self.send: SendInfo | None = None
        self.rent: Rent | None = None  # the reservation held now, until deposited
        self.deposited: Rent | None = None
        self._size = "S"
        self._exact = False
        #: The customer asked for accessible mode: a low (accessible) compartment first.
        self.accessible = False
        self._why = ""  # why a compartment is chosen again: LARGER, OTHER, or "" (first)
        self._tried: set[str] = set()
        self._pending: str | None = None  # reserved in the bank, the backend not yet answered
        self._left_open_empty = ""  # a too-small compartment whose door was left open
        self._cancelled_door = ""  # the door of the drop-off just cancelled (still open)
        self._problem_data = MessageData("")
        self._build_machine()
        doors.door_closed.connect(self._on_door_closed)

    # ------------------------------------------------------------------ machine
    def _build_machine(self) -> None:
        s = self.settings
        c = self.cycle
        self.verifying, verify_timer = self.waiting_state("verifying", s.verify_timeout_ms)
        self.reserving, reserve_timer = self.waiting_state("reserving", s.reserve_timeout_ms)
        self.problem, problem_timer = self.waiting_state("problem", s.message_timeout_ms)
        self.after_door = self.state("after_door")
        self.receipt, receipt_timer = self.waiting_state("receipt", s.receipt_timeout_ms)
        self.cancelled, cancelled_timer = self.waiting_state("cancelled", s.message_timeout_ms)
        self.entering_code, self.scanning = self.code.entering_code, self.code.scanning
        self.opening, self.door_open, self.left_open = c.opening, c.door_open, c.left_open
        self.door_failed, self.help = c.door_failed, c.help
        self.recording, self.closed = c.recording, c.closed
        self.first = self.code.state

        self.code.state.addTransition(self.code.accepted, self.verifying)
        self.verifying.addTransition(self._verified, self.reserving)
        self.verifying.addTransition(self._problem, self.problem)
        self.verifying.addTransition(verify_timer.timeout, self.problem)
        self.reserving.addTransition(self._reserved, c.state)
        self.reserving.addTransition(self._problem, self.problem)
        self.reserving.addTransition(reserve_timer.timeout, self.problem)
        self.problem.addTransition(self._retry, self.code.state)
        self.problem.addTransition(problem_timer.timeout, self.done)
        c.state.addTransition(c.state.finished, self.after_door)
        self.after_door.addTransition(self._reserve_again, self.reserving)
        self.after_door.addTransition(self._to_receipt, self.receipt)
        self.after_door.addTransition(self._to_cancelled, self.cancelled)
        self.after_door.addTransition(self._problem, self.problem)
        self.receipt.addTransition(receipt_timer.timeout, self.done)
        self.cancelled.addTransition(cancelled_timer.timeout, self.done)
        for state in (
            self.code.state,
            self.verifying,
            self.reserving,
            self.problem,
            self.after_door,
            self.receipt,
            self.cancelled,
            c.state,
        ):
            state.addTransition(self._leave, self.done)

        self.verifying.entered.connect(self._verify)
        verify_timer.timeout.connect(self._verify_timed_out)
        self.reserving.entered.connect(self._reserve)
        reserve_timer.timeout.connect(self._reserve_timed_out)
        self.problem.entered.connect(lambda: self.show(ScreenName.MESSAGE, self._problem_data))
        self.after_door.entered.connect(self._after_door)
        self.receipt.entered.connect(self._show_receipt)
        self.cancelled.entered.connect(self._show_cancelled)
        c.closed_recorded.connect(self._on_deposited)

    def apply_settings(self, settings: SendSettings) -> None:
        """Take the operator's settings (they arrive from the backend after start-up)."""
        self.settings = settings
        d = settings.door_timeouts()
        self.set_timeouts(
            {
                "verifying": settings.verify_timeout_ms,
                "reserving": settings.reserve_timeout_ms,
                "scanning": settings.message_timeout_ms,
                "problem": settings.message_timeout_ms,
                "receipt": settings.receipt_timeout_ms,
                "cancelled": settings.message_timeout_ms,
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
    def on_start(self) -> None:
        self._drop_pending()
        self.send = None
        self.rent = None
        self.deposited = None
        self._tried = set()
        self._exact = False
        self._why = ""
        self._left_open_empty = ""
        self._cancelled_door = ""
        self.cycle.reset()
        self.code.configure(
            self.settings.code_format(),
            CodeTexts(
                title=self.tr("Enter your drop-off code"),
                hint=self.tr("You got it from the carrier or the shop, to send or return."),
                not_a_code=self.tr("That was not a drop-off code."),
                confirm_label=self.tr("Continue"),
            ),
        )

    def on_abort(self) -> None:
        self.cycle.abandon()
        self.code.forget()
        if not self.cycle.door_is_open():
            # Walked away before the parcel went in: the compartment is free again. (A
            # door left standing open may hold the parcel: the reservation then stays.)
            self._release("abandoned")

    def on_finished(self) -> None:
        self.code.forget()

    def handle(self, intent: str, value: object) -> None:
        if intent == Intent.CANCEL:
            self._release("cancelled")
            self._leave.emit()
        elif intent == Intent.CHOICE:
            self._on_choice(str(value))
        else:
            self.code.handle(intent, value)

    def queue_code(self, code: str) -> None:
        """A code scanned on the idle screen: submitted as soon as the flow asks for one."""
        self.code.queue(code)

    # ------------------------------------------------------------------ checking
    @Slot()
    def _verify(self) -> None:
        self.show(ScreenName.BUSY, BusyData(self.tr("Checking your code…")))
        request = self.begin_request()
        self.gateway.verify_send(
            self.code.code,
            self.current_only(request, self._on_verified),
            self.current_only(request, self._on_verify_error),
        )

    def _on_verified(self, info: SendInfo) -> None:
        if not self.active(self.verifying):
            return
        log.info("drop-off code accepted: %s, size %s", info.kind, info.size)
        self.send = info
        self._size = info.size
        self._exact = False
        self._verified.emit()

    def _on_verify_error(self, error: BaseException) -> None:
        if self.active(self.verifying):
            help_text = self.settings.help_text
            if isinstance(error, CodeExpired):
                # Not pickup's "your parcel was returned": nothing of theirs is here yet.
                help_text = self.tr("Please ask the carrier or the shop for a new code.")
            self._problem_data = self.problems.message(error, help_text)
            self._problem.emit()

    @Slot()
    def _verify_timed_out(self) -> None:
        self.begin_request()
        log.warning("drop-off check timed out after %d ms", self.timer("verifying").interval())
        self._problem_data = self.problems.unreachable()

    # ------------------------------------------------------------------ reserving
    @Slot()
    def _reserve(self) -> None:
        self.show(ScreenName.BUSY, BusyData(self.tr("Finding a compartment for your parcel…")))
        self._reserve_next()

    def _reserve_next(self) -> None:
        send = self.send
        assert send is not None
        spec = self.bank.choose(
            self._size, exclude=self._tried, exact_size=self._exact, accessible=self.accessible
        )
        if spec is None:
            self._problem_data = self._no_room()
            self._problem.emit()
            return
        self.bank.reserve(spec.id)
        self._pending = spec.id
        request = self.begin_request()
        self.gateway.reserve_rent(
            str(uuid.uuid4()),
            RentRequest(compartment_id=spec.id, kind=send.kind, send_id=send.send_id),
            self.current_only(request, self._on_reserved),
            self.current_only(request, lambda error: self._on_reserve_error(spec, error)),
        )

    def _on_reserved(self, rent: Rent) -> None:
        self._pending = None
        self.rent = rent
        self._tried.add(rent.compartment_id)
        self.cycle.prepare(self._job(rent))
        self._reserved.emit()

    def _on_reserve_error(self, spec: Spec, error: BaseException) -> None:
        self._pending = None
        if isinstance(error, CompartmentTaken | SizeMismatch):
            # The backend is the truth: someone else's parcel is in there (or its size
            # differs from our layout). Try the next one; the bank remembers.
            log.info("compartment %s: %s; trying the next", spec.id, type(error).__name__)
            if isinstance(error, CompartmentTaken):
                self.bank.set_occupied(spec.id)
            else:
                self.bank.release(spec.id)
                self._tried.add(spec.id)
            self._reserve_next()
            return
        self.bank.release(spec.id)
        if isinstance(error, AlreadyDelivered):
            error = AlreadyUsed(str(error))
        self._problem_data = self.problems.message(error, self.settings.help_text)
        self._problem.emit()

    @Slot()
    def _reserve_timed_out(self) -> None:
        self.begin_request()
        log.warning("reservation timed out after %d ms", self.timer("reserving").interval())
        self._drop_pending()
        self._problem_data = self.problems.unreachable()

    def _no_room(self) -> MessageData:
        ok = (Choice(CANCEL, self.tr("OK"), primary=True),)
        if self._why == OTHER:
            return MessageData(
                self.tr("No other compartment of this size is free"),
                self.settings.help_text or self.tr("Please try again later."),
                "error",
                ok,
            )
        if self._why == LARGER:
            return MessageData(
                self.tr("There is no larger compartment free"),
                self.tr("Please take your parcel with you. Your code was not used up."),
                "error",
                ok,
            )
        return MessageData(
            self.tr("The locker is full for a parcel of this size"),
            self.tr("Please try again later or at another locker. Your code was not used up."),
            "error",
            ok,
        )

    # ------------------------------------------------------------------ doors
    def _open_body(self) -> str:
        if self._left_open_empty:
            # The too-small compartment's door still stands open, empty: say so.
            return self.tr(
                "Put your parcel in and close the door. Please also close door %1."
            ).replace("%1", self._left_open_empty)
        return self.tr("Put your parcel in and close the door.")

    def _job(self, rent: Rent) -> DoorJob:
        door_choices = [Choice(CANCEL, self.tr("Cancel"))]
        spec = self.bank.specs.get(rent.compartment_id)
        if spec is not None and larger_sizes(spec.size):
            door_choices.insert(0, Choice(LARGER, self.tr("Larger compartment")))
        return DoorJob(
            compartment_id=rent.compartment_id,
            rent_id=rent.rent_id,
            closing_event="deposited",
            actor=SHOPPER,
            open_body=self._open_body(),
            closed_headline=self.tr("Your parcel is in the locker"),
            closed_body=self.tr(
                "Door %1 is closed. Forgot something? Tap “Open again”. Your receipt follows."
            ),
            help_body=self.settings.help_text,
            cells=self.settings.cells,
            door_choices=tuple(door_choices),
            closed_choices=(Choice(DONE, self.tr("Show my receipt"), primary=True),),
            failed_choices=(Choice(OTHER, self.tr("Use another compartment")),),
        )

    @Slot(str)
    def _on_deposited(self, compartment: str) -> None:
        rent = self.rent
        if rent is not None and rent.compartment_id == compartment:
            # The rent goes with it: a courier's stale collection for this compartment
            # (an earlier rent) is then never opened on this parcel.
            self.bank.set_occupied(compartment, rent_id=rent.rent_id)
            self.deposited, self.rent = rent, None

    @Slot()
    def _after_door(self) -> None:
        outcome = self.cycle.outcome
        if outcome in (CLOSED, DONE) and self.deposited is None and self.rent is not None:
            # The outbox never confirmed the commit (the cycle's backstop let the person
            # go): ``deposited`` was handed over all the same, the parcel is inside.
            self._on_deposited(self.rent.compartment_id)
        rent = self.deposited or self.rent
        assert rent is not None
        if outcome in (CLOSED, DONE) and self.deposited is not None:
            self._to_receipt.emit()
        elif outcome == LARGER:
            spec = self.bank.specs[rent.compartment_id]
            self._release("too_small")
            self._left_open_empty = rent.compartment_id
            self._size = larger_sizes(spec.size)[0]
            self._exact, self._why = False, LARGER
            self._reserve_again.emit()
        elif outcome == OTHER:
            spec = self.bank.specs[rent.compartment_id]
            self._release("door_failed")
            self._size = spec.size
            self._exact, self._why = True, OTHER
            self._reserve_again.emit()
        elif outcome == CANCEL:
            self._cancelled_door = rent.compartment_id
            self._release("cancelled")
            self._to_cancelled.emit()
        elif outcome == LEFT_OPEN:
            # The parcel may be inside: the reservation stays for the back office; the
            # left-open report is already on its way.
            log.warning("drop-off ends with door %s left open", rent.compartment_id)
            self._leave.emit()
        else:
            if outcome == FAILED:
                self._release("door_failed")
            self._leave.emit()

    def _drop_pending(self) -> None:
        """A reservation the backend never answered for: the compartment is free here.

        (Should the backend have made it after all, the send's next reservation moves it.)
        """
        if self._pending is not None:
            self.bank.release(self._pending)
            self._pending = None

    def _release(self, reason: str) -> None:
        """Give the reservation back: ``cancelled`` recorded, the compartment free."""
        self._drop_pending()
        rent, self.rent = self.rent, None
        if rent is None:
            return
        log.info("reservation of %s released: %s", rent.compartment_id, reason)
        self.bank.release(rent.compartment_id)
        self.gateway.record_event(
            "cancelled",
            rent.compartment_id,
            rent.rent_id,
            actor=SHOPPER,
            detail={"reason": reason},
        )

    # ------------------------------------------------------------------ the end
    @Slot()
    def _show_receipt(self) -> None:
        rent = self.deposited
        assert rent is not None
        self.show(
            ScreenName.RECEIPT,
            ReceiptData(
                headline=self.tr("Thank you! Your parcel is in the locker"),
                receipt=rent.receipt or "",
                when=self._now().strftime("%Y-%m-%d %H:%M"),
                locker=self.settings.locker_name,
                compartment_id=rent.compartment_id,
                body=self.tr("Take a photo of this receipt."),
                choices=(Choice(DONE, self.tr("Done"), primary=True),),
            ),
        )

    @Slot(str)
    def _on_door_closed(self, compartment: str) -> None:
        if compartment == self._left_open_empty:
            self._left_open_empty = ""  # shut: no longer asked for

    @Slot()
    def _show_cancelled(self) -> None:
        # Name every door still open: the cancelled one, and a too-small one left open.
        doors = [d for d in (self._left_open_empty, self._cancelled_door) if d]
        if len(doors) == 2:
            body = self.tr("Please close doors %1 and %2. Your code was not used up.")
            body = body.replace("%1", doors[0]).replace("%2", doors[1])
        elif doors:
            body = self.tr("Please close door %1. Your code was not used up.").replace(
                "%1", doors[0]
            )
        else:
            body = self.tr("Please close the door. Your code was not used up.")
        self.show(
            ScreenName.MESSAGE,
            MessageData(
                self.tr("Nothing was sent"),
                body,
                "info",
                (Choice(DONE, self.tr("OK"), primary=True),),
            ),
        )

    # ------------------------------------------------------------------ choices
    def _on_choice(self, key: str) -> None:
        if self.cycle.handle_choice(key):
            return
        if key == RETRY and self.active(self.problem):
            self._retry.emit()
        elif key in (CANCEL, DONE):
            self._release("cancelled")
            self._leave.emit()
