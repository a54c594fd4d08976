"""The door cycle: open a compartment, wait for it, remind, record the close.

Every journey that opens a door — a shopper's pickup, a courier's delivery or collection,
a drop-off, an app open, the admin panel — goes through the same steps, and each step has
the same failure to handle. :class:`DoorCycle` builds them once, as a compound state of
the owning flow's machine::

    opening ──opened──▶ door_open ──closed──▶ recording ──committed──▶ closed ──▶ (end)
       │                   │                                           │
       ├─failed/timeout─▶ door_failed ─retry─▶ opening                 └─reopen (once)─▶ opening
       │                   └─help/timeout─▶ help ──▶ (end: failed)
       │                door_open ─timeout─▶ left_open ─timeout─▶ (end: left_open)
       └─ a late "opened" still counts, from door_failed and help as well

What varies by journey is a parameter (:class:`DoorJob`): the closing event
(``picked_up``, ``deposited``, ``collected``, ``admin_action``), the actor, the texts that
say what to do at the open door, the extra answers a journey offers on the door screen
("Doesn't fit") and whether "open again" is offered. The closing event is committed to the
durable outbox before the next screen is shown. The cycle ends by reaching its final
state; :attr:`DoorCycle.outcome` says how, and the flow's transition on
``cycle.state.finished`` decides what comes next.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtStateMachine import QFinalState

from kiosk.backend.door_journal import Expectation
from kiosk.flows.base import Flow
from kiosk.flows.ports import Doors, Gateway
from kiosk.flows.screendata import (
    BankCell,
    BusyData,
    Choice,
    DoorData,
    MessageData,
    ScreenName,
)

log = logging.getLogger("kiosk.flows.door")

# How the cycle ended (:attr:`DoorCycle.outcome`); any other value is the key of one of
# the job's own answers (``door_choices``, ``closed_choices``, ``failed_choices``).
CLOSED = "closed"
LEFT_OPEN = "left_open"
FAILED = "failed"
#: The answer "Door did not open?" on the open door's screen (``DoorJob.offer_not_open``).
NOT_OPEN = "not_open"


@dataclass(frozen=True)
class DoorTimeouts:
    """How long each step of the cycle waits (ms)."""

    opening_ms: int = 12000
    failed_ms: int = 20000
    help_ms: int = 20000
    door_open_ms: int = 60000
    left_open_ms: int = 30000
    recording_ms: int = 10000
    closed_ms: int = 8000


@dataclass(frozen=True)
class DoorSettings:
    """What every shopper journey that opens doors is set with (ms), and its bank picture.

    Pickup's and send's settings extend it; :meth:`door_timeouts` is the door cycle's
    share. The operator's help text is shown when a door will not open.
    """

    door_open_timeout_ms: int = 12000
    door_left_open_ms: int = 60000
    left_open_grace_ms: int = 30000
    reopen_grace_ms: int = 8000
    message_timeout_ms: int = 20000
    help_text: str = ""
    cells: tuple[BankCell, ...] = field(default_factory=tuple)

    def door_timeouts(self) -> DoorTimeouts:
        """The door cycle's timeouts from these settings."""
        return DoorTimeouts(
            opening_ms=self.door_open_timeout_ms,
            failed_ms=self.message_timeout_ms,
            help_ms=self.message_timeout_ms,
            door_open_ms=self.door_left_open_ms,
            left_open_ms=self.left_open_grace_ms,
            closed_ms=self.reopen_grace_ms,
        )


@dataclass(frozen=True)
class DoorJob:
    """One door to open, and what it means when it closes.

    Attributes:
        compartment_id: the door.
        rent_id: the rent the events belong to (None for an admin open of an empty door).
        closing_event: recorded when the door closes (``picked_up``, ``deposited``...).
        actor: who caused the events (``shopper``, ``courier:<id>``, ``admin``...).
        open_body: what to do at the open door ("Take your parcel...").
        open_headline: the open door's headline, ``%1`` for the door ("Door %1 is open
            for your app"); empty: "Door %1 is open".
        closed_headline, closed_body: the screen after the close ("Thank you!").
        help_body: what to do when the door will not open (the operator's help text).
        step: "Parcel 1 of 2" when one journey opens several doors.
        detail: extra facts for the events (an admin action's reason).
        door_choices: answers offered while the door stands open ("Doesn't fit"); the
            cycle ends with the chosen key as its outcome, the door still open.
        closed_choices: answers on the closed screen besides "open again"; the chosen key
            ends the cycle. Empty with ``closed_screen`` false: no closed screen at all.
        failed_choices: answers besides "try again" and "get help" when it does not open.
        closed_screen: show the closed screen (a courier's fast path goes straight on).
        linger: stay on the closed screen until the person answers (another door of
            theirs is waiting: it must never open with nobody in front of it).
        reopen: offer "open again" once after the close.
        expect_empty: the person takes something out: a sensor still reading
            "occupied" at the close asks "Is your parcel still inside?".
        offer_not_open: a "Door did not open?" answer on the open door's screen, for a
            shopper who cannot find the door open although the board reads it open (a
            stuck door, a weak spring, the wrong door looked at): it says where the door
            is and offers "try again" (the unlock sent again) and "get help". Courier and
            admin jobs have their own "door is broken" and leave it off.
    """

    compartment_id: str
    rent_id: str | None
    closing_event: str
    actor: str
    open_body: str = ""
    closed_headline: str = ""
    closed_body: str = ""
    help_body: str = ""
    step: str = ""
    detail: Mapping[str, object] | None = None
    door_choices: tuple[Choice, ...] = ()
    closed_choices: tuple[Choice, ...] = ()
    failed_choices: tuple[Choice, ...] = ()
    closed_screen: bool = True
    linger: bool = False
    reopen: bool = True
    expect_empty: bool = False
    cells: tuple[BankCell, ...] = field(default_factory=tuple)
    open_headline: str = ""
    offer_not_open: bool = False


class DoorCycle(QObject):
    """The door steps of one flow, as a compound state of the flow's machine.

    Args:
        flow: the owning flow; the cycle's states live in its machine and its timers are
            the flow's (``set_timeouts`` with the names ``opening``, ``door_failed``,
            ``help``, ``door_open``, ``left_open``, ``recording``, ``closed``).
        doors: the doors port.
        gateway: the backend port (events go to the outbox through it).
        timeouts: the steps' timeouts.

    Signals:
        closed_recorded(str): the closing event of this compartment is committed.
    """

    closed_recorded = Signal(str)

    _opened = Signal()
    _failed = Signal()
    _closed = Signal()
    _recorded = Signal()
    _retry = Signal()
    _help = Signal()
    _end = Signal()
    _not_open = Signal()

    def __init__(self, flow: Flow, doors: Doors, gateway: Gateway, timeouts: DoorTimeouts) -> None:
        super().__init__(flow)
        self.flow = flow
        self.doors = doors
        self.gateway = gateway
        self.job: DoorJob | None = None
        self.outcome = ""
        self._committed: set[str | None] = set()  # rents whose closing event is recorded
        self._reopened: set[str] = set()
        self._occupied_at_close: bool | None = None
        self._expect: Expectation | None = None  # what the door now opening closes as
        self._read_open = False  # the board read this door open since its last unlock
        self._build(timeouts)
        doors.door_opened.connect(self._on_door_opened)
        doors.door_closed.connect(self._on_door_closed)
        doors.open_failed.connect(self._on_open_failed)

    def _build(self, t: DoorTimeouts) -> None:
        f = self.flow
        self.state = f.state("door")
        self.opening, opening_timer = f.waiting_state("opening", t.opening_ms, self.state)
        self.door_failed, failed_timer = f.waiting_state("door_failed", t.failed_ms, self.state)
        self.help, help_timer = f.waiting_state("help", t.help_ms, self.state)
        self.door_open, open_timer = f.waiting_state("door_open", t.door_open_ms, self.state)
        self.left_open, left_timer = f.waiting_state("left_open", t.left_open_ms, self.state)
        self.recording, rec_timer = f.waiting_state("recording", t.recording_ms, self.state)
        self.closed, closed_timer = f.waiting_state("closed", t.closed_ms, self.state)
        # "Door did not open?" while the board reads it open: the door is open as far as
        # the kiosk knows, so a close from here is recorded like any other.
        self.not_open, not_open_timer = f.waiting_state("not_open", t.failed_ms, self.state)
        self.ended = QFinalState(self.state)
        self.ended.setObjectName("door_ended")
        self.state.setInitialState(self.opening)

        self.opening.addTransition(self._opened, self.door_open)
        self.opening.addTransition(self._failed, self.door_failed)
        self.opening.addTransition(opening_timer.timeout, self.door_failed)
        self.door_failed.addTransition(self._retry, self.opening)
        self.door_failed.addTransition(self._help, self.help)
        self.door_failed.addTransition(failed_timer.timeout, self.help)
        # A door that opens late (after the timeout) still counts, even on the help screen.
        self.door_failed.addTransition(self._opened, self.door_open)
        self.help.addTransition(self._opened, self.door_open)
        self.door_open.addTransition(self._closed, self.recording)
        self.door_open.addTransition(self._not_open, self.not_open)
        self.not_open.addTransition(self._closed, self.recording)
        self.not_open.addTransition(self._retry, self.opening)
        self.not_open.addTransition(self._help, self.help)
        self.not_open.addTransition(not_open_timer.timeout, self.door_open)
        self.door_open.addTransition(open_timer.timeout, self.left_open)
        self.left_open.addTransition(self._closed, self.recording)
        self.recording.addTransition(self._recorded, self.closed)
        # The outbox reports every commit, failed ones too; this is the backstop should
        # the disk hang: the person is let go, the log says why.
        self.recording.addTransition(rec_timer.timeout, self.closed)
        self.closed.addTransition(self._retry, self.opening)  # "open again"
        for state in (
            self.door_failed,
            self.help,
            self.door_open,
            self.left_open,
            self.recording,
            self.closed,
        ):
            state.addTransition(self._end, self.ended)

        self.state.entered.connect(self._on_cycle_entered)
        self.opening.entered.connect(self._open)
        opening_timer.timeout.connect(self._opening_timed_out)
        self.door_failed.entered.connect(self._show_failed)
        self.not_open.entered.connect(self._show_not_open)
        self.help.entered.connect(self._show_help)
        # Timeouts that end the cycle go through _finish, so the outcome is set before
        # the flow's transition on ``state.finished`` reads it.
        help_timer.timeout.connect(self._gave_up)
        self.door_open.entered.connect(self._show_open)
        self.left_open.entered.connect(self._show_left_open)
        left_timer.timeout.connect(self._left_open_for_good)
        self.recording.entered.connect(self._record_close)
        rec_timer.timeout.connect(
            lambda: log.error("outbox did not confirm the commit in time; letting the person go")
        )
        self.closed.entered.connect(self._show_closed)
        closed_timer.timeout.connect(lambda: self._finish(CLOSED))

    # ------------------------------------------------------------------ the flow's side
    def prepare(self, job: DoorJob) -> None:
        """The door the next entry of :attr:`state` opens."""
        self.job = job
        self.outcome = ""

    def reset(self) -> None:
        """A new person: forget which rents were recorded and reopened."""
        self.job = None
        self.outcome = ""
        self._committed = set()
        self._reopened = set()

    def update_step(self, step: str) -> None:
        """Change the step line of the door now open (a courier's queued scans), shown at
        once if its screen is up; the rest of the job stays as it is."""
        if self.job is None:
            return
        self.job = replace(self.job, step=step)
        if self.flow.active(self.door_open):
            self._show_open()
        elif self.flow.active(self.left_open):
            self._show_left_open()

    def holds_screen(self) -> bool:
        """A door is being opened, stands open or its close is being recorded."""
        return self.flow.active(
            self.opening, self.door_open, self.left_open, self.not_open, self.recording
        )

    def door_is_open(self) -> bool:
        """The door stands open (a person walking away now leaves it open)."""
        return self.flow.active(self.door_open, self.left_open, self.not_open)

    def abandon(self) -> None:
        """The flow is aborted: a door still open is reported as left open, and its close
        is left to the doors service (recorded when it comes); a door being opened, or
        that never opened, is forgotten."""
        if self.job is None:
            return
        if self.door_is_open():
            self._report_left_open()
            self.doors.release(self.job.compartment_id)
        elif self.flow.active(self.opening, self.door_failed, self.help):
            self.doors.release(self.job.compartment_id)

    def handle_choice(self, key: str) -> bool:
        """An answer tapped while the cycle runs; False when it is not the cycle's."""
        job = self.job
        if job is None or not self.flow.active(self.state):
            return False
        f = self.flow
        if key == "retry" and f.active(self.door_failed, self.not_open):
            self._retry.emit()
        elif key == "help" and f.active(self.door_failed, self.not_open):
            if f.active(self.not_open):
                # The board reads it open, the person could not open it: a door (or its
                # sensor) to check. The back office hears it; the contract's nearest word.
                self._record("door_failed", detail={"reported_by": "person", "door": "read_open"})
            self._help.emit()
        elif key == NOT_OPEN and f.active(self.door_open) and job.offer_not_open:
            log.warning("door %s reads open, the person says it did not open", job.compartment_id)
            self._not_open.emit()
        elif key == "reopen" and f.active(self.closed) and self._may_reopen():
            self._reopened.add(job.compartment_id)
            self._record("reopened")
            self._retry.emit()
        elif f.active(self.help) and key in ("cancel", "ok"):
            self._gave_up()
        elif key in self._offered(job):
            if f.active(self.door_failed) and not self._read_open:
                # The person moves on from a door that never opened: nothing is recorded
                # at its close, as when they give up (a late open must not count for them).
                self.doors.forget(job.compartment_id)
            self._finish(key)
        else:
            return False
        return True

    # ------------------------------------------------------------------ internals
    def _offered(self, job: DoorJob) -> set[str]:
        """The keys of the job's own answers on the screen now up."""
        f = self.flow
        if f.active(self.door_open, self.left_open):
            choices = job.door_choices
        elif f.active(self.closed):
            choices = job.closed_choices
        elif f.active(self.door_failed):
            choices = job.failed_choices
        else:
            choices = ()
        return {choice.key for choice in choices}

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self._end.emit()

    def _may_reopen(self) -> bool:
        job = self.job
        return job is not None and job.reopen and job.compartment_id not in self._reopened

    def _record(
        self,
        event_type: str,
        on_done: Callable[[], None] | None = None,
        detail: Mapping[str, object] | None = None,
        *,
        event_id: str | None = None,
    ) -> None:
        job = self.job
        assert job is not None
        merged = {**(job.detail or {}), **(detail or {})} or None
        self.gateway.record_event(
            event_type,
            job.compartment_id,
            job.rent_id,
            actor=job.actor,
            detail=merged,
            on_done=on_done,
            event_id=event_id,
        )

    def _door(self, headline: str, body: str, choices: tuple[Choice, ...] = ()) -> None:
        job = self.job
        assert job is not None
        self.flow.show(
            ScreenName.DOOR,
            DoorData(
                compartment_id=job.compartment_id,
                headline=headline,
                body=body,
                cells=job.cells,
                step=job.step,
                choices=choices,
            ),
        )

    def _with_door(self, text: str) -> str:
        assert self.job is not None
        return text.replace("%1", self.job.compartment_id)

    @Slot()
    def _on_cycle_entered(self) -> None:
        if self.job is None:
            raise RuntimeError("door cycle entered without a job (call prepare first)")

    @Slot()
    def _open(self) -> None:
        job = self.job
        assert job is not None
        self._door(
            self._with_door(self.tr("Opening door %1…")),
            self.tr("The door marked on the picture opens in a moment."),
        )
        # What this door's close will mean, with its event id made now: the doors service
        # writes it down before the unlock, so a crash cannot lose the close.
        # After "open again" the closing event is already recorded: the second close is
        # only a door_closed (a second picked_up would be an invalid transition).
        kind = "door_closed" if job.rent_id in self._committed else job.closing_event
        self._read_open = False
        self._expect = Expectation(
            compartment_id=job.compartment_id,
            rent_id=job.rent_id,
            closing_event=kind,
            closing_event_id=str(uuid.uuid4()),
            actor=job.actor,
        )
        self.doors.open(job.compartment_id, self._expect)

    def _gave_up(self) -> None:
        """The door never opened and the person is let go: nothing to record at a close.

        Unless the board read it open (the person said it did not open): then its close,
        whenever it comes, is recorded as the door's close, as for a door left open.
        """
        assert self.job is not None
        if self._read_open:
            self.doors.release(self.job.compartment_id)
        else:
            self.doors.forget(self.job.compartment_id)
        self._finish(FAILED)

    @Slot(str)
    def _on_door_opened(self, compartment: str) -> None:
        job = self.job
        if job is None or compartment != job.compartment_id:
            return
        if self.flow.active(self.opening, self.door_failed, self.help):
            self._read_open = True
            self._record("door_opened")
            self._opened.emit()

    @Slot(str, str)
    def _on_open_failed(self, compartment: str, reason: str) -> None:
        job = self.job
        if job is not None and compartment == job.compartment_id and self.flow.active(self.opening):
            log.warning("door %s did not open: %s", compartment, reason)
            self._failed.emit()

    @Slot(str)
    def _on_door_closed(self, compartment: str) -> None:
        job = self.job
        if job is None or compartment != job.compartment_id:
            return
        if self.flow.active(self.door_open, self.left_open, self.not_open):
            self._occupied_at_close = self.doors.occupied(compartment)
            self._closed.emit()

    @Slot()
    def _opening_timed_out(self) -> None:
        assert self.job is not None
        log.warning("door %s: no open reported in time", self.job.compartment_id)

    @Slot()
    def _show_failed(self) -> None:
        job = self.job
        assert job is not None
        self._record("door_failed")
        self.flow.show(
            ScreenName.MESSAGE,
            MessageData(
                self._with_door(self.tr("Door %1 did not open")),
                self.tr("Please try again. If it still does not open, we will help you."),
                "error",
                (
                    Choice("retry", self.tr("Try again"), primary=True),
                    *job.failed_choices,
                    Choice("help", self.tr("Get help")),
                ),
            ),
        )

    @Slot()
    def _show_not_open(self) -> None:
        self.flow.show(
            ScreenName.MESSAGE,
            MessageData(
                self._with_door(self.tr("Door %1 should be open")),
                self.tr(
                    "Its lock is released: pull the door gently, it may be stuck. Still shut?"
                    " Tap “Try again”."
                ),
                "info",
                (
                    Choice("retry", self.tr("Try again"), primary=True),
                    Choice("help", self.tr("Get help")),
                ),
            ),
        )

    @Slot()
    def _show_help(self) -> None:
        job = self.job
        assert job is not None
        body = job.help_body or self.tr("Your parcel stays safe. Please contact customer service.")
        if self._read_open:
            body += "\n" + self.tr("If the door opens after all, close it again when you are done.")
        self.flow.show(
            ScreenName.MESSAGE,
            MessageData(
                self.tr("We are sorry"),
                body,
                "info",
                (Choice("cancel", self.tr("Back to start"), primary=True),),
            ),
        )

    @Slot()
    def _show_open(self) -> None:
        job = self.job
        assert job is not None
        not_open = (Choice(NOT_OPEN, self.tr("Door did not open?")),)
        self._door(
            self._with_door(job.open_headline or self.tr("Door %1 is open")),
            job.open_body or self.tr("Close the door firmly when you are done."),
            (*job.door_choices, *(not_open if job.offer_not_open else ())),
        )

    @Slot()
    def _show_left_open(self) -> None:
        job = self.job
        assert job is not None
        self._door(
            self._with_door(self.tr("Please close door %1")),
            self.tr("The door is still open. Push it shut until it clicks."),
            job.door_choices,
        )

    @Slot()
    def _left_open_for_good(self) -> None:
        self._report_left_open()
        assert self.job is not None
        self.doors.release(self.job.compartment_id)  # its close is recorded when it comes
        self._finish(LEFT_OPEN)

    def _report_left_open(self) -> None:
        assert self.job is not None
        log.warning("door %s left open", self.job.compartment_id)
        self._record("door_left_open")

    @Slot()
    def _record_close(self) -> None:
        job = self.job
        assert job is not None
        expect = self._expect
        assert expect is not None
        request = self.flow.begin_request()
        self.flow.show(ScreenName.BUSY, BusyData(self._with_door(self.tr("Door %1 closed"))))
        compartment = job.compartment_id

        def committed() -> None:
            self.doors.settle(compartment, expect.closing_event_id)
            # No active() check: during ``entered`` Qt has not marked the state active
            # yet, and the transition on _recorded only fires from ``recording`` anyway.
            if self.flow.is_current(request):
                self.closed_recorded.emit(compartment)
                self._recorded.emit()

        if job.rent_id is not None:
            self._committed.add(job.rent_id)
        detail: dict[str, object] = {}
        if job.expect_empty and self._occupied_at_close:
            detail["occupied_at_close"] = True
        self._record(expect.closing_event, committed, detail, event_id=expect.closing_event_id)

    @Slot()
    def _show_closed(self) -> None:
        job = self.job
        assert job is not None
        if not job.closed_screen:
            self._finish(CLOSED)
            return
        if job.linger:
            # Another door of this person waits: nothing happens until they answer (the
            # kiosk's inactivity timeout ends it if they walked away).
            self.flow.timer("closed").stop()
        reopen = (Choice("reopen", self.tr("Open again")),) if self._may_reopen() else ()
        # Once "open again" is used up, the text no longer points at a button that is gone.
        closed_body = job.closed_body or (
            self.tr("Door %1 is closed. Closed it by mistake? Tap “Open again”.")
            if reopen
            else self.tr("Door %1 is closed.")
        )
        if job.expect_empty and self._occupied_at_close and self._may_reopen():
            log.warning("door %s closed with something still inside", job.compartment_id)
            self.flow.timer("closed").stop()
            self.flow.show(
                ScreenName.MESSAGE,
                MessageData(
                    self.tr("Is your parcel still inside?"),
                    self._with_door(self.tr("The sensor in door %1 still sees something inside.")),
                    "info",
                    (Choice("reopen", self.tr("Open again"), primary=True), *job.closed_choices),
                ),
            )
            return
        self.flow.show(
            ScreenName.MESSAGE,
            MessageData(
                job.closed_headline or self.tr("Thank you!"),
                self._with_door(closed_body),
                "success",
                (*job.closed_choices, *reopen),
            ),
        )
