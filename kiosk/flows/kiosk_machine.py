"""The top-level state machine of the kiosk: idle ↔ flow ↔ out of service.

``idle`` is the welcome screen. Tapping a button starts a :class:`~kiosk.flows.base.Flow`
from the registry and enters ``in_flow``; the flow's ``finished`` returns to idle. A person
who walks away mid-flow is covered by the inactivity timer owned by ``in_flow``: any touch
or key restarts it, its timeout aborts the flow and returns to idle, so the next customer
never finds the last one's half-typed code.

``out_of_service`` holds a set of reasons (:data:`BOARDS`, :data:`LAYOUT`, :data:`ADMIN`,
:data:`BACKOFFICE`, ...): the kiosk is out of service while any reason stands, so boards
coming back do not clear a technician's "out of service". It is entered at once from
idle, and after the current flow ends when a flow is running: a customer whose door is
open is never cut off. A flow marked ``allowed_out_of_service`` (the admin panel) can be
started from there; when it ends, the kiosk goes back to where the reasons say.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtStateMachine import QState, QStateMachine

from kiosk.flows.base import Flow

log = logging.getLogger("kiosk.flows.kiosk")

#: Out-of-service reasons (keys of :meth:`KioskMachine.set_out_of_service`).
BOARDS = "boards"
LAYOUT = "layout"
ADMIN = "admin"
BACKOFFICE = "backoffice"


class KioskMachine(QObject):
    """Owns the top-level ``QStateMachine`` and the flows it starts.

    Signals:
        screen_requested(str, object): show this screen with this data (from a flow).
        idle_entered(): back at idle: reset language, show the idle screen.
        out_of_service_entered(str): the reason text, to show on the out-of-service screen.
        flow_started(str): the name of the flow that just began.
    """

    screen_requested = Signal(str, object)
    idle_entered = Signal()
    out_of_service_entered = Signal(str)
    flow_started = Signal(str)

    _to_flow = Signal()
    _to_idle = Signal()
    _to_out_of_service = Signal()

    def __init__(self, inactivity_timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flows: dict[str, Flow] = {}
        self._current: Flow | None = None
        self._reasons: dict[str, str] = {}  # reason key -> text for the screen

        self.machine = QStateMachine(self)
        self.machine.setObjectName("kiosk")
        self.idle = QState(self.machine)
        self.idle.setObjectName("idle")
        self.in_flow = QState(self.machine)
        self.in_flow.setObjectName("in_flow")
        self.out_of_service = QState(self.machine)
        self.out_of_service.setObjectName("out_of_service")
        self.machine.setInitialState(self.idle)

        self.inactivity = QTimer(self.in_flow)
        self.inactivity.setObjectName("inactivity")
        self.inactivity.setSingleShot(True)
        self.inactivity.setInterval(inactivity_timeout_ms)
        self.in_flow.entered.connect(self.inactivity.start)
        self.in_flow.exited.connect(self.inactivity.stop)

        self.idle.addTransition(self._to_flow, self.in_flow)
        self.idle.addTransition(self._to_out_of_service, self.out_of_service)
        self.in_flow.addTransition(self._to_idle, self.idle)
        self.in_flow.addTransition(self._to_out_of_service, self.out_of_service)
        self.out_of_service.addTransition(self._to_idle, self.idle)
        self.out_of_service.addTransition(self._to_flow, self.in_flow)

        self.inactivity.timeout.connect(self._on_inactive)
        self.idle.entered.connect(self._on_idle)
        self.out_of_service.entered.connect(self._on_out_of_service)

    # ------------------------------------------------------------------ set-up
    def add_flow(self, flow: Flow) -> None:
        """Make ``flow`` startable by its ``flow_name``."""
        flow.setParent(self)
        flow.screen_requested.connect(self.screen_requested)
        flow.finished.connect(self._on_flow_finished)
        self._flows[flow.flow_name] = flow

    def flow(self, name: str) -> Flow:
        """The flow registered as ``name``."""
        return self._flows[name]

    def set_inactivity_timeout(self, ms: int) -> None:
        """A new inactivity timeout (the backend's ``idle_timeout_s`` arrived)."""
        self.inactivity.setInterval(ms)

    def start(self) -> None:
        """Start the machine (enters idle)."""
        self.machine.start()

    def stop(self) -> None:
        """Stop the machine and every timer it owns (shutdown, tests)."""
        if self._current is not None:
            self._current.abort()
            self._current = None
        self.inactivity.stop()
        self.machine.stop()

    # ------------------------------------------------------------------ queries
    def state_name(self) -> str:
        """Name of the active top-level state ("" before start)."""
        for state in (self.idle, self.in_flow, self.out_of_service):
            if state.active():
                return state.objectName()
        return ""

    def current_flow(self) -> str:
        """Name of the running flow, or ""."""
        return self._current.flow_name if self._current else ""

    def out_of_service_reasons(self) -> set[str]:
        """The reasons that keep the kiosk out of service now (empty: in service)."""
        return set(self._reasons)

    # ------------------------------------------------------------------ inputs
    @Slot(str)
    def start_flow(self, name: str) -> bool:
        """Start the flow ``name``; False if busy, out of service (and not allowed) or unknown.

        From idle any flow starts; from out of service only a flow that is
        ``allowed_out_of_service``.
        """
        flow = self._flows.get(name)
        if flow is None:
            log.warning("no flow named %r", name)
            return False
        allowed = self.idle.active() or (
            self.out_of_service.active() and flow.allowed_out_of_service
        )
        if not allowed or self._current is not None:
            log.info("flow %r not started: kiosk is %s", name, self.state_name())
            return False
        self._current = flow
        self._to_flow.emit()
        log.info("flow %s started", name)
        self.flow_started.emit(name)
        flow.start()
        return True

    @Slot(str, object)
    def dispatch(self, intent: str, value: object = None) -> None:
        """Hand a screen's intent to the running flow; ignored when no flow runs."""
        if self._current is not None:
            self._current.handle(intent, value)
        else:
            log.debug("intent %s with no flow running", intent)

    @Slot()
    def user_activity(self) -> None:
        """A touch or key press: the person is still there."""
        if self.inactivity.isActive():
            self.inactivity.start()

    def set_out_of_service(self, reason: str, on: bool, text: str = "") -> None:
        """Add (``on``) or clear one out-of-service ``reason``; ``text`` is for the screen.

        The kiosk is in service only when no reason stands. Entering waits for a running
        flow to end; leaving happens at once.
        """
        if on:
            self._reasons[reason] = text
            if self._current is None and not self.out_of_service.active():
                self._to_out_of_service.emit()
            elif self._current is not None:
                log.info("out of service (%s) once flow %s ends", reason, self._current.flow_name)
            else:
                # Already out of service: show the newest reason.
                self.out_of_service_entered.emit(text)
            return
        if self._reasons.pop(reason, None) is None:
            return
        if self._reasons:
            if self.out_of_service.active():
                self.out_of_service_entered.emit(self._reason_text())
        elif self.out_of_service.active():
            self._to_idle.emit()

    def _reason_text(self) -> str:
        # The newest reason still standing is the one the screen explains.
        return next(reversed(self._reasons.values()), "")

    # ------------------------------------------------------------------ internals
    @Slot()
    def _on_flow_finished(self) -> None:
        if self._current is None or self.sender() is not self._current:
            return
        log.info("flow %s finished", self._current.flow_name)
        self._current = None
        if self._reasons:
            self._to_out_of_service.emit()
        else:
            self._to_idle.emit()

    @Slot()
    def _on_inactive(self) -> None:
        flow = self._current
        if flow is not None and flow.holds_screen():
            # A door is open: the flow's own timers (door left open) decide, not this one.
            self.inactivity.start()
            return
        if flow is not None:
            log.info("flow %s aborted: nobody touched the screen", flow.flow_name)
            self._current = None
            flow.abort()
        if self._reasons:
            self._to_out_of_service.emit()
        else:
            self._to_idle.emit()

    @Slot()
    def _on_idle(self) -> None:
        if self._reasons:
            self._to_out_of_service.emit()
            return
        self.idle_entered.emit()

    @Slot()
    def _on_out_of_service(self) -> None:
        log.warning("out of service: %s", ", ".join(sorted(self._reasons)) or "no reason")
        self.out_of_service_entered.emit(self._reason_text())
