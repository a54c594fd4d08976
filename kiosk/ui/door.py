""" "Door A07 is open", with a picture of the bank and the door highlighted.

A shopper in front of 32 identical doors needs to see where to look: the picture is
drawn from the compartments' columns and rows, the target filled and pulsing, the
others outlined.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flows.screendata import BankCell, DoorData
from kiosk.ui.base import ChoiceRow, Screen, text_label


class BankPicture(QWidget):
    """The locker bank seen from the front, one rectangle per compartment."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: tuple[BankCell, ...] = ()
        self.target = ""
        self.pulse = False
        self.setMinimumSize(360, 420)
        self._blink = QTimer(self)
        self._blink.setObjectName("bank-pulse")
        self._blink.setInterval(600)
        self._blink.timeout.connect(self._toggle)

    def set_cells(self, cells: tuple[BankCell, ...], target: str) -> None:
        """Draw ``cells`` with ``target`` highlighted."""
        self.cells = cells
        self.target = target
        self.update()

    def _toggle(self) -> None:
        self.pulse = not self.pulse
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        cells = self.cells or (BankCell(self.target or "?", 0, 0),)
        columns = max(c.column for c in cells) + 1
        rows = max(c.row + c.height for c in cells)
        gap = 6
        width = (self.width() - gap * (columns + 1)) / columns
        height = (self.height() - gap * (rows + 1)) / rows
        font = QFont(self.font())
        font.setPixelSize(int(max(12, min(width, height) * 0.32)))
        font.setBold(True)
        painter.setFont(font)
        for cell in cells:
            rect = QRectF(
                gap + cell.column * (width + gap),
                gap + cell.row * (height + gap),
                width,
                height * cell.height + gap * (cell.height - 1),
            )
            is_target = cell.compartment_id == self.target
            if is_target:
                fill = QColor("#ffb400" if not self.pulse else "#ffd466")
                painter.setPen(QPen(QColor("#0d2240"), 5))
                painter.setBrush(fill)
            else:
                painter.setPen(QPen(QColor("#c9d3e3"), 2))
                painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(rect, 6, 6)
            if is_target or height > 34:
                painter.setPen(QColor("#0d2240" if is_target else "#8a9bb8"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, cell.compartment_id)
        painter.end()

    def showEvent(self, event: QShowEvent) -> None:
        self._blink.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._blink.stop()
        super().hideEvent(event)


class DoorScreen(Screen):
    """Which door, what to do, and optional answers.

    Signals:
        chosen(str): the key of a tapped answer.
    """

    name = "door"
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(24)
        self.step = QLabel(self)
        self.step.setObjectName("Body")
        self.compartment = QLabel(self)
        self.compartment.setObjectName("DoorNumber")
        self.headline = text_label("Headline", self)
        self.body = text_label("Body", self)
        left.addWidget(self.step)
        left.addWidget(self.compartment)
        left.addWidget(self.headline)
        left.addWidget(self.body)
        left.addStretch(1)
        self.choices = ChoiceRow(110, parent=self)
        self.choices.chosen.connect(self.chosen)
        left.addWidget(self.choices)
        outer.addLayout(left, 4)
        self.picture = BankPicture(self)
        outer.addWidget(self.picture, 5)

    @property
    def buttons(self) -> list[QPushButton]:
        """The answer buttons now shown."""
        return self.choices.buttons

    def show_data(self, data: Any) -> None:
        assert isinstance(data, DoorData)
        self.step.setText(data.step)
        self.step.setVisible(bool(data.step))
        self.compartment.setText(data.compartment_id)
        self.headline.setText(data.headline)
        self.body.setText(data.body)
        self.picture.set_cells(data.cells, data.compartment_id)
        self.choices.set_choices(data.choices)
