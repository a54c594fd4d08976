"""The App flow: a door opened by a command, for the operator's app or the back office.

The shopper scans the idle screen's QR code with the operator's app; the backend sends
``open_compartment`` and the kiosk starts this flow. Nobody types anything: the journey is
the door cycle alone, with the actor ``app`` (or ``backoffice``) on every event and the
closing event the command's reason implies (``picked_up`` for an app pickup, ``deposited``
for an app send, ``door_closed`` for a back-office open).

The command is answered once (:attr:`AppOpenFlow.answered`): ``ok`` as soon as the door is
seen open (it took effect: the backend stops sending the command and the events follow
through the outbox), ``failed`` when it never opened or the journey was cut off before.
The screen names nobody beyond what the command's ``display_name`` holds.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal, Slot
from PySide6.QtStateMachine import QState

from kiosk.flows.base import Flow
from kiosk.flows.door_cycle import FAILED, LEFT_OPEN, DoorCycle, DoorJob, DoorTimeouts
from kiosk.flows.ports import APP, Doors, Gateway
from kiosk.flows.screendata import BankCell, Choice, Intent
from kiosk.services.commands import OpenRequest

log = logging.getLogger("kiosk.flows.app_open")

# The closing event of each ``open_compartment`` reason.
CLOSING_EVENTS = {"app_pickup": "picked_up", "app_send": "deposited", "backoffice": "door_closed"}


class AppOpenFlow(Flow):
    """One door opened by command, from "Opening door A07" to "Thank you".

    Call :meth:`prepare` with the request, then start it (the kiosk machine does).

    Signals:
        answered(str, str, str): command id, ``ok`` / ``failed``, detail; once per start.
    """

    flow_name = "app_open"
    answered = Signal(str, str, str)

    def __init__(
        self,
        gateway: Gateway,
        doors: Doors,
        timeouts: DoorTimeouts | None = None,
        help_text: str = "",
    ) -> None:
        super().__init__()
        self.request: OpenRequest | None = None
        self.help_text = help_text
        self.cells: tuple[BankCell, ...] = ()
        self._answered = False
        self._opened = False
        self.cycle = DoorCycle(self, doors, gateway, timeouts or DoorTimeouts())
        self.first = self.cycle.state
        self.cycle.state.addTransition(self.cycle.state.finished, self.done)
        self.cycle.door_open.entered.connect(self._door_open)
        self.cycle.state.finished.connect(self._cycle_ended)

    def prepare(self, request: OpenRequest) -> None:
        """The command the next :meth:`start` carries out."""
        self.request = request

    def apply_settings(
        self, timeouts: DoorTimeouts, help_text: str, cells: tuple[BankCell, ...]
    ) -> None:
        """The operator's door timeouts, help text and the bank picture (from the backend)."""
        self.help_text = help_text
        self.cells = cells
        self.set_timeouts(
            {
                "opening": timeouts.opening_ms,
                "door_failed": timeouts.failed_ms,
                "help": timeouts.help_ms,
                "door_open": timeouts.door_open_ms,
                "left_open": timeouts.left_open_ms,
                "closed": timeouts.closed_ms,
            }
        )

    def holds_screen(self) -> bool:
        return self.cycle.holds_screen()

    # ------------------------------------------------------------------ Flow API
    def first_state(self) -> QState:
        if self.request is None:
            raise RuntimeError("app_open started without a request (call prepare first)")
        return self.cycle.state

    def on_start(self) -> None:
        assert self.request is not None
        self._answered = False
        self._opened = False
        self.cycle.reset()
        self.cycle.prepare(self._job(self.request))

    def on_abort(self) -> None:
        self.cycle.abandon()
        self._answer("failed", "aborted before the door opened")

    def on_finished(self) -> None:
        self.request = None

    def handle(self, intent: str, value: object) -> None:
        if intent == Intent.CHOICE:
            self.cycle.handle_choice(str(value))

    # ------------------------------------------------------------------ internals
    def _job(self, request: OpenRequest) -> DoorJob:
        name = request.display_name
        if request.actor == APP:
            headline = self.tr("Door %1 is open for your app")
            # The name the operator's app chose to show, nothing the kiosk looked up.
            if request.reason == "app_send" and name:
                body = self.tr("%1, please put your parcel in and close the door firmly.")
            elif request.reason == "app_send":
                body = self.tr("Please put your parcel in and close the door firmly.")
            elif name:
                body = self.tr("%1, please take your parcel and close the door firmly.")
            else:
                body = self.tr("Please take your parcel and close the door firmly.")
            body = body.replace("%1", name)
        else:
            headline = self.tr("Door %1 was opened by customer service")
            body = self.tr("Close the door firmly when you are done.")
        return DoorJob(
            compartment_id=request.compartment_id,
            rent_id=request.rent_id,
            closing_event=CLOSING_EVENTS[request.reason],
            actor=request.actor,
            open_headline=headline,
            open_body=body,
            help_body=self.help_text,
            detail={"command_id": request.command_id, "reason": request.reason},
            expect_empty=request.reason == "app_pickup",
            reopen=request.actor == APP,
            closed_choices=(Choice("done", self.tr("Done"), primary=True),),
            cells=self.cells,
            offer_not_open=True,
        )

    def _answer(self, result: str, detail: str) -> None:
        if self._answered or self.request is None:
            return
        self._answered = True
        self.answered.emit(self.request.command_id, result, detail)

    @Slot()
    def _door_open(self) -> None:
        if not self._opened:
            self._opened = True
            request = self.request
            assert request is not None
            log.info("door %s open for command %s", request.compartment_id, request.command_id)
            self._answer("ok", "opened")

    @Slot()
    def _cycle_ended(self) -> None:
        outcome = self.cycle.outcome
        if outcome == FAILED:
            self._answer("failed", "the door did not open")
        elif outcome == LEFT_OPEN:
            self._answer("ok", "opened; left open")
        else:
            self._answer("ok", "opened")
