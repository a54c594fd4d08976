"""What every flow (pickup, send, courier, admin, app-open) offers the kiosk machine."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class Flow(QObject):
    """One journey of one person, from the first tap to "Thank you".

    Subclasses own a ``QStateMachine`` whose states are named for what the person sees.

    Signals:
        screen_requested(str, object): show the screen of that name with that data.
        finished(): the person is done (or gave up); the kiosk returns to idle.
    """

    screen_requested = Signal(str, object)
    finished = Signal()

    #: Name under which the kiosk machine starts the flow ("pickup", "send", ...).
    flow_name = ""

    def start(self) -> None:
        """Begin at the flow's first screen."""
        raise NotImplementedError

    def abort(self) -> None:
        """Stop at once (inactivity, out of service); report anything already started."""
        raise NotImplementedError

    def holds_screen(self) -> bool:
        """True while the person may rightly not touch the screen (taking a parcel out of an
        open door): the kiosk's inactivity timeout then waits instead of aborting."""
        return False

    def handle(self, intent: str, value: object) -> None:
        """An intent from the screen on top ("choice", "code_entered", "cancel", ...).

        The app routes every screen's signals here while this flow runs, so screens never
        need to know which flow is listening.
        """

    def show(self, screen: str, data: Any = None) -> None:
        """Ask the screen host for ``screen`` with ``data``."""
        self.screen_requested.emit(screen, data)
