"""Kiosk mode: no key press leaves the fullscreen kiosk.

A keyboard plugged into a locker (or a scanner that sends odd keys) must not close the
app or switch away from it: Alt+F4, Ctrl+Q, Escape and Alt+Tab are swallowed, and a close
request for the window is refused. Only the admin panel's "Restart kiosk" and "Stop
kiosk" leave, by calling :meth:`KeyGuard.allow_exit` first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent


def is_escape_key(event: QKeyEvent) -> bool:
    """Whether ``event`` is one of the keys that would leave or hide the kiosk."""
    key = event.key()
    mods = event.modifiers()
    alt = bool(mods & Qt.KeyboardModifier.AltModifier)
    ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
    return (
        key == Qt.Key.Key_Escape
        or (alt and key in (Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Backtab))
        or (ctrl and key in (Qt.Key.Key_Q, Qt.Key.Key_W))
    )


class KeyGuard(QObject):
    """An application-wide event filter for kiosk mode (installed when fullscreen)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.exit_allowed = False
        self.ignored = 0  # key presses swallowed (diagnostics, tests)

    def allow_exit(self) -> None:
        """The admin panel's restart or stop: the window may close now."""
        self.exit_allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.KeyRelease):
            if isinstance(event, QKeyEvent) and is_escape_key(event):
                if kind == QEvent.Type.KeyPress:
                    self.ignored += 1
                return True
        elif kind == QEvent.Type.Close and not self.exit_allowed and _is_window(watched):
            event.ignore()
            return True
        return False


def _is_window(obj: QObject) -> bool:
    from PySide6.QtWidgets import QWidget

    return isinstance(obj, QWidget) and obj.isWindow()
