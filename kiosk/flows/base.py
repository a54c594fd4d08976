"""The flow base: what every journey (pickup, send, courier, admin, app-open) is built on.

A :class:`Flow` owns one ``QStateMachine`` whose states are named for what the person
sees. It gives its subclasses the machinery every journey needs, so they read like the
journey and nothing else:

- :meth:`Flow.state` and :meth:`Flow.waiting_state`: named states; a waiting state owns
  its timer (started on entry, stopped on exit), registered under the state's name so
  :meth:`Flow.set_timeouts` can apply the operator's settings later;
- :meth:`Flow.active`: whether a state is active, *also while it is being entered*
  (answers that come back synchronously from an ``entered`` handler are not dropped);
- the request counter (:meth:`Flow.begin_request`, :meth:`Flow.current_only`): an answer
  that arrives after the person moved on (cancelled, timed out, walked away) is dropped;
- :meth:`Flow.start` and :meth:`Flow.abort`, safe to call in any order and in the same
  event-loop turn (``QStateMachine.stop()`` is queued by Qt; a start right after it would
  otherwise be swallowed and leave the machine stopped).

The rule for ``finished``: a flow emits it when the journey ends *by itself* (the person
is done, gave up on a message, or a waiting state timed out into ``done``). :meth:`abort`
never emits it: whoever aborts (the kiosk's inactivity timer, out of service, shutdown)
already knows the flow is over and decides what comes next.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtStateMachine import QAbstractState, QFinalState, QState, QStateMachine

from kiosk.flows.screendata import ScreenName

log = logging.getLogger("kiosk.flows")

T = TypeVar("T")


class Flow(QObject):
    """One journey of one person, from the first tap to "Thank you".

    Subclasses build their states in ``__init__`` (after calling this one), set
    :attr:`first` or override :meth:`first_state`, reset their own fields in
    :meth:`on_start`, and report anything still open in :meth:`on_abort`.

    Signals:
        screen_requested(str, object): show the screen of that name with that data.
        finished(): the journey is over by itself; the kiosk returns to idle.
    """

    screen_requested = Signal(str, object)
    finished = Signal()

    #: Name under which the kiosk machine starts the flow ("pickup", "send", ...).
    flow_name = ""
    #: Whether the kiosk may start this flow while it is out of service (the admin panel).
    allowed_out_of_service = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.machine = QStateMachine(self)
        self.machine.setObjectName(self.flow_name or type(self).__name__)
        self.done = QFinalState(self.machine)
        self.done.setObjectName("done")
        self.first: QState | None = None
        self._timers: dict[str, QTimer] = {}
        self._timeouts_ms: dict[str, int] = {}
        self._timeout_scale = 1.0
        self._request = 0
        self._running = False  # between start() and the journey's end or abort()
        self._machine_on = False  # machine.start() called, not yet stopped or finished
        self._stopping = False  # machine.stop() called, ``stopped`` not yet received
        self._start_pending = False  # start() came while a stop was still queued
        self.machine.finished.connect(self._on_machine_finished)
        self.machine.stopped.connect(self._on_machine_stopped)

    # ------------------------------------------------------------------ building
    def state(self, name: str, parent: QState | None = None) -> QState:
        """A named state (of the machine, or of the compound state ``parent``)."""
        state = QState(parent or self.machine)
        state.setObjectName(name)
        return state

    def waiting_state(
        self, name: str, timeout_ms: int, parent: QState | None = None
    ) -> tuple[QState, QTimer]:
        """A named state that owns its timeout: started on entry, stopped on exit.

        The timer is registered under ``name``; a flow wires ``timer.timeout`` to the
        safe place the state leads to when nobody (or nothing) answers.
        """
        if name in self._timers:
            raise ValueError(f"{self.flow_name}: two waiting states named {name!r}")
        state = self.state(name, parent)
        timer = QTimer(state)
        timer.setObjectName(f"{self.flow_name}.{name}")
        timer.setSingleShot(True)
        timer.setInterval(round(timeout_ms * self._timeout_scale))
        self._timeouts_ms[name] = timeout_ms
        state.entered.connect(timer.start)
        state.exited.connect(timer.stop)
        self._timers[name] = timer
        return state, timer

    def set_timeouts(self, timeouts_ms: dict[str, int]) -> None:
        """New intervals for the named waiting states (the operator's settings arrived).

        An unknown name is a programming error and raises, rather than a setting that
        silently does nothing.
        """
        for name, ms in timeouts_ms.items():
            self._timers[name].setInterval(round(ms * self._timeout_scale))
            self._timeouts_ms[name] = ms

    def scale_timeouts(self, factor: float) -> None:
        """Every waiting state's timeout ``factor`` times the one set (1: as set).

        A customer in accessible mode gets longer to read, reach and answer; the next
        customer gets the operator's timeouts again.
        """
        self._timeout_scale = factor
        for name, ms in self._timeouts_ms.items():
            self._timers[name].setInterval(round(ms * factor))

    def timer(self, name: str) -> QTimer:
        """The timer of the waiting state ``name``."""
        return self._timers[name]

    # ------------------------------------------------------------------ queries
    def active(self, *states: QAbstractState) -> bool:
        """Whether one of ``states`` is active, also while it is being entered.

        ``QState.active()`` turns true only after the ``entered`` signal; answers that
        come back synchronously from an ``entered`` handler (a board that refuses at
        once, a camera that cannot start) would otherwise be dropped.
        """
        configuration = self.machine.configuration()
        return any(state in configuration for state in states)

    def state_name(self) -> str:
        """The innermost active state's name ("" when the flow is not running)."""
        names = [
            state.objectName()
            for state in self.machine.configuration()
            if isinstance(state, QState) and not state.findChildren(QAbstractState)
        ]
        return names[0] if names else ""

    def is_running(self) -> bool:
        """Whether the flow is between :meth:`start` and its end or :meth:`abort`."""
        return self._running

    def holds_screen(self) -> bool:
        """True while the person may rightly not touch the screen (taking a parcel out of
        an open door): the kiosk's inactivity timeout then waits instead of aborting."""
        return False

    # ------------------------------------------------------------------ requests
    def begin_request(self) -> int:
        """A new request id; answers to older ones are dropped by :meth:`current_only`."""
        self._request += 1
        return self._request

    def is_current(self, request: int) -> bool:
        """Whether ``request`` is still the one the flow waits for."""
        return request == self._request and self.is_running()

    def current_only(self, request: int, callback: Callable[[T], None]) -> Callable[[T], None]:
        """``callback`` wrapped so that it runs only while ``request`` is current."""

        def answer(value: T) -> None:
            if self.is_current(request):
                callback(value)
            else:
                log.debug("%s: late answer to request %d dropped", self.flow_name, request)

        return answer

    # ------------------------------------------------------------------ life cycle
    def first_state(self) -> QState:
        """Where the journey begins (default: :attr:`first`)."""
        if self.first is None:
            raise RuntimeError(f"flow {self.flow_name!r} has no first state")
        return self.first

    def on_start(self) -> None:
        """Reset the journey's fields; called by :meth:`start` before the machine starts."""

    def on_abort(self) -> None:
        """Report anything left open (a door standing open); called by :meth:`abort`."""

    def start(self) -> None:
        """Begin at the first state; works right after :meth:`abort` in the same turn."""
        if self._running:
            self.abort()
        self._running = True
        self.begin_request()
        self.on_start()
        self.machine.setInitialState(self.first_state())
        if self._machine_on:
            # Qt queues QStateMachine.stop() (and start()): a start now would be refused
            # as "already running" and the queued stop would then leave the machine
            # stopped. Start again once the stop has been processed.
            self._start_pending = True
        else:
            self._machine_on = True
            self.machine.start()

    def abort(self) -> None:
        """Stop at once (inactivity, out of service, shutdown); never emits ``finished``."""
        if not self._running:
            return
        self._running = False
        self._start_pending = False
        self.on_abort()
        self.begin_request()
        self.stop_timers()
        if self._machine_on and not self._stopping:
            self._stopping = True
            self.machine.stop()

    def stop_timers(self) -> None:
        """Stop every timer the flow's states own (a stopped machine exits no state)."""
        for timer in self.machine.findChildren(QTimer):
            timer.stop()

    @Slot()
    def _on_machine_stopped(self) -> None:
        self._stopping = False
        self._machine_on = False
        self.stop_timers()
        if self._start_pending:
            self._start_pending = False
            self._machine_on = True
            self.machine.start()

    @Slot()
    def _on_machine_finished(self) -> None:
        self._machine_on = False
        self._running = False
        self.stop_timers()
        self.on_finished()
        self.finished.emit()

    def on_finished(self) -> None:
        """The journey reached ``done``; clear what must not reach the next person."""

    # ------------------------------------------------------------------ screens
    def handle(self, intent: str, value: object) -> None:
        """An intent from the screen on top (see :class:`~kiosk.flows.screendata.Intent`).

        The kiosk routes every screen's ``intent`` signal here while this flow runs, so
        screens never need to know which flow is listening.
        """

    def show(self, screen: ScreenName, data: Any = None) -> None:
        """Ask the screen host for ``screen`` with ``data``."""
        self.screen_requested.emit(str(screen), data)
