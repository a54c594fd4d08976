"""The kiosk window: one QStackedWidget of screens, plus the demo side panel.

Flows never touch widgets; they ask for a screen by name with the data it should show,
and :class:`ScreenHost` switches the page. Screens stay alive for the life of the window
(building them again on every tap would cost more than keeping them).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QWidget

from kiosk.ui.base import Screen

log = logging.getLogger("kiosk.ui.host")


class ScreenHost(QStackedWidget):
    """Holds every screen as a page and shows one at a time.

    Signals:
        screen_shown(str): the name of the screen now on top.
    """

    screen_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens: dict[str, Screen] = {}

    def add(self, screen: Screen) -> None:
        """Register ``screen`` under its ``name``."""
        if not screen.name or screen.name in self._screens:
            raise ValueError(f"screen needs a unique name, got {screen.name!r}")
        self._screens[screen.name] = screen
        self.addWidget(screen)

    def screen_named(self, name: str) -> Screen:
        """The screen registered as ``name``."""
        return self._screens[name]

    def names(self) -> list[str]:
        """Every registered screen name, in registration order."""
        return list(self._screens)

    def current_name(self) -> str:
        """Name of the screen on top."""
        widget = self.currentWidget()
        return widget.name if isinstance(widget, Screen) else ""

    def show_screen(self, name: str, data: Any = None) -> None:
        """Give ``data`` to the screen ``name`` and bring it to the top.

        Raises:
            KeyError: no screen has that name — a flow asked for a screen that does not
                exist, a programming error a test must catch, not a log line.
        """
        screen = self._screens.get(name)
        if screen is None:
            raise KeyError(f"no screen named {name!r} (known: {', '.join(self._screens)})")
        if data is not None:
            screen.show_data(data)
        self.setCurrentWidget(screen)
        self.screen_shown.emit(name)


class KioskWindow(QWidget):
    """Top-level window: the screen host, and in demo mode a simulator panel at its side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle("locker-kiosk")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self.host = ScreenHost(self)
        self._layout.addWidget(self.host, 1)
        self.side_panel: QWidget | None = None

    def set_side_panel(self, panel: QWidget, width: int = 480) -> None:
        """Dock ``panel`` (the demo's simulator controls) at the right edge."""
        self.side_panel = panel
        panel.setParent(self)
        panel.setFixedWidth(width)
        self._layout.addWidget(panel)


class ActivityFilter(QObject):
    """Application-wide event filter that reports any touch, click or key press.

    Signals:
        activity(): the person did something; the inactivity timeout starts again.
    """

    activity = Signal()
    _TYPES = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
            QEvent.Type.Wheel,
        }
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._TYPES:
            self.activity.emit()
        return False
