"""The secret gesture that opens the admin PIN screen.

A long press in one corner of the screen, then a tap in each of the other corners, in a
fixed order (configurable, ``kiosk.admin_gesture``). A customer does not do that by
accident: tapping corners fast never starts it (the first press must be held), a long
press alone does nothing, and any press outside the expected corner starts over.

Once the long press has been recognised, the presses that continue the gesture are
swallowed, so a corner tap never also presses the button under it (the idle screen's
"Courier" button sits in a corner). Everything else passes through untouched.

The detector is one application-wide event filter; it looks only at presses and releases
on the screens it watches, while they are visible. Time comes from an injected clock, so
tests hold a press for two seconds without waiting for them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

#: Corner names as the config spells them.
CORNERS = ("top_left", "top_right", "bottom_right", "bottom_left")


class GestureDetector(QObject):
    """Recognises the admin gesture on the watched screens.

    Args:
        corners: the corners in order; the first is the long press.
        long_press_s: how long the first press must be held.
        step_s: the longest pause between two steps before the gesture starts over.
        corner_fraction: a corner is this fraction of the screen's shorter side, square.
        clock: monotonic seconds (tests pass their own).

    Signals:
        triggered(): the whole gesture was made.
    """

    triggered = Signal()

    def __init__(
        self,
        corners: Sequence[str] = CORNERS,
        *,
        long_press_s: float = 2.0,
        step_s: float = 3.0,
        corner_fraction: float = 0.15,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        unknown = [c for c in corners if c not in CORNERS]
        if unknown or len(corners) < 2:
            raise ValueError(f"admin gesture needs at least two corners of {CORNERS}")
        self.corners = tuple(corners)
        self.long_press_s = long_press_s
        self.step_s = step_s
        self.corner_fraction = corner_fraction
        self.clock = clock
        self._screens: list[tuple[QWidget, QWidget]] = []  # (screen, area its corners are of)
        self._step = 0  # how many steps are done
        self._pressed_at: float | None = None  # the first press, while it is held
        self._last = 0.0

    def watch(self, screen: QWidget, area: QWidget | None = None) -> None:
        """Look for the gesture while ``screen`` is up (the idle and the out-of-service
        screens), at the corners of ``area``: the whole display the screen sits in (its top
        bar and footer included), so the physical corners work; default the screen itself.
        """
        self._screens.append((screen, screen if area is None else area))

    def reset(self) -> None:
        """Start over (a wrong press, a pause too long, the gesture done)."""
        self._step = 0
        self._pressed_at = None

    # ------------------------------------------------------------------ internals
    def corner_of(self, screen: QWidget, point: QPoint) -> str:
        """The corner of ``screen`` that ``point`` (screen coordinates) lies in, or ""."""
        side = min(screen.width(), screen.height()) * self.corner_fraction
        left = point.x() < side
        right = point.x() >= screen.width() - side
        top = point.y() < side
        bottom = point.y() >= screen.height() - side
        if top and left:
            return "top_left"
        if top and right:
            return "top_right"
        if bottom and right:
            return "bottom_right"
        if bottom and left:
            return "bottom_left"
        return ""

    def _screen_of(self, watched: QObject) -> QWidget | None:
        """The area whose corners count, if a watched screen is up and ``watched`` in it."""
        if not isinstance(watched, QWidget):
            return None
        for screen, area in self._screens:
            if screen.isVisible() and (watched is area or area.isAncestorOf(watched)):
                return area
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            return False
        screen = self._screen_of(watched)
        if screen is None or not isinstance(event, QMouseEvent):
            return False
        point = screen.mapFromGlobal(event.globalPosition().toPoint())
        corner = self.corner_of(screen, point)
        now = self.clock()
        if kind == QEvent.Type.MouseButtonPress:
            return self._press(corner, now)
        return self._release(corner, now)

    def _press(self, corner: str, now: float) -> bool:
        if self._step > 0 and now - self._last > self.step_s:
            self.reset()
        if self._step == 0:
            # The long press begins; it is not swallowed (nothing is armed yet).
            self._pressed_at = now if corner == self.corners[0] else None
            return False
        if corner != self.corners[self._step]:
            self.reset()
            return False
        return True  # a step of the armed gesture: never a button press underneath

    def _release(self, corner: str, now: float) -> bool:
        if self._step == 0:
            held = self._pressed_at
            self._pressed_at = None
            if held is not None and corner == self.corners[0] and now - held >= self.long_press_s:
                self._step = 1
                self._last = now
                return True  # the long press armed the gesture: it is not a tap
            return False
        if corner != self.corners[self._step]:
            self.reset()
            return False
        self._step += 1
        self._last = now
        if self._step == len(self.corners):
            self.reset()
            self.triggered.emit()
        return True
