"""Route Qt's own messages (qDebug, qWarning, ...) into Python logging.

Without this, Qt writes straight to stderr: the messages escape the rotating log file and
the admin panel, and tests cannot fail on them. The logger is ``kiosk.qt`` with Qt's
category appended (``kiosk.qt.qt.qpa.xcb``), so a noisy category can be silenced alone.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


#: Qt categories whose warnings only list optional libraries it looked for (pipewire,
#: VA-API...): QtMultimedia prints ten of them on a kiosk without a camera or sound
#: stack. They go to DEBUG; the kiosk says what matters in one line of its own ("camera
#: scanning unavailable: ...", "sound off: ...").
QUIET_CATEGORIES = ("qt.multimedia.symbolsresolver",)


def _handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "default"
    logger = logging.getLogger(f"kiosk.qt.{category}")
    level = _LEVELS.get(mode, logging.WARNING)
    if category.startswith(QUIET_CATEGORIES) and level <= logging.WARNING:
        level = logging.DEBUG
    logger.log(level, "%s", message)


def install_qt_message_handler() -> None:
    """Install the handler once, before the QApplication exists."""
    qInstallMessageHandler(_handler)
