"""A spinner and one sentence: shown while the backend or the disk is working.

The spinner is painted from a timer on the GUI thread, so a stalled GUI thread would
show as a stalled spinner: the pickup benchmark measures exactly that.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.flows.screendata import BusyData, ScreenName
from kiosk.ui import theme
from kiosk.ui.base import Screen, text_label


class Spinner(QWidget):
    """A rotating arc; animates only while visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedSize(160, 160)
        self.angle = 0
        self._timer = QTimer(self)
        self._timer.setObjectName("spinner")
        self._timer.setInterval(33)
        self._timer.timeout.connect(self._step)

    def _step(self) -> None:
        self.angle = (self.angle + 12) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(14, 14, -14, -14)
        look = theme.current()
        painter.setPen(QPen(QColor(look.line), 14))
        painter.drawEllipse(rect)
        pen = QPen(QColor(look.accent), 14)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(rect, -self.angle * 16, 100 * 16)
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)


class BusyScreen(Screen):
    """Spinner plus a sentence such as "Checking your code…"."""

    name = ScreenName.BUSY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.spinner = Spinner(self)
        layout.addWidget(self.spinner, 0, Qt.AlignmentFlag.AlignCenter)
        self.text = text_label("Headline", self, center=True)
        layout.addSpacing(32)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, BusyData)
        self.text.setText(data.text)
