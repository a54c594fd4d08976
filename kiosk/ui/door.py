""" "Door A07 is open", with a picture of the bank and the door highlighted.

A shopper in front of 32 identical doors needs to see where to look: the picture is
drawn from the compartments' columns and rows, the target filled and pulsing, the
others outlined.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flows.screendata import BankCell, CellState, DoorData, Intent, ScreenName
from kiosk.ui import theme
from kiosk.ui.base import MIN_TOUCH_PX, ChoiceRow, Screen, flip_layout, text_label

#: Fill and outline per cell state on a door grid (courier, admin).
CELL_COLOURS: dict[CellState, tuple[str, str]] = {
    "plain": ("#ffffff", "#c9d3e3"),
    "free": ("#e8f6ec", "#2e8b57"),
    "occupied": ("#d6deeb", "#4a5d7e"),
    "open": ("#fff1cc", "#b07800"),
    "out_of_service": ("#fbe3e3", "#b3261e"),
    "unknown": ("#eeeeee", "#8a8a8a"),
}


def cell_label_colour(state: CellState) -> str:
    """The colour of a door's label on its cell: the theme's ink, readable (AA) on
    every cell fill, not a grey that fades into it."""
    return theme.current().ink


class BankPicture(QWidget):
    """The locker bank seen from the front, one rectangle per compartment.

    Each cell is drawn by its state (a shopper's picture: all "plain", the target
    highlighted; a door grid: free, occupied, open, out of service, unknown), and a tap
    on a cell is reported, for the door grids of the courier and the admin panel.

    Signals:
        tapped(str): the compartment id of the cell tapped.
    """

    tapped = Signal(str)

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

    def _geometry(self) -> list[tuple[BankCell, QRectF]]:
        """Each cell with the rectangle it is drawn in, for the widget's size now."""
        cells = self.cells or (BankCell(self.target or "?", 0, 0),)
        columns = max(c.column for c in cells) + 1
        rows = max(c.row + c.height for c in cells)
        gap = 6
        width = (self.width() - gap * (columns + 1)) / columns
        height = (self.height() - gap * (rows + 1)) / rows
        return [
            (
                cell,
                QRectF(
                    gap + cell.column * (width + gap),
                    gap + cell.row * (height + gap),
                    width,
                    height * cell.height + gap * (cell.height - 1),
                ),
            )
            for cell in cells
        ]

    def cell_at(self, point: QPointF) -> str:
        """The compartment drawn at ``point`` ("" between cells)."""
        for cell, rect in self._geometry():
            if rect.contains(point):
                return cell.compartment_id
        return ""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        compartment = self.cell_at(event.position())
        if compartment and self.cells:
            self.tapped.emit(compartment)
        super().mouseReleaseEvent(event)

    def _toggle(self) -> None:
        self.pulse = not self.pulse
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        geometry = self._geometry()
        font = QFont(self.font())
        font.setBold(True)
        # One size for every label, as large as the smaller doors allow; a door too small
        # for a readable label (under 14 px) goes without one, except the target.
        heights = sorted(min(r.height() * 0.5, r.width() * 0.28) for _c, r in geometry)
        label_px = int(min(40, heights[len(heights) // 2]))
        for cell, rect in geometry:
            is_target = cell.compartment_id == self.target
            look = theme.current()
            if is_target:
                fill = QColor(look.accent if not self.pulse else look.accent_soft)
                painter.setPen(QPen(QColor(look.ink), 5))
                painter.setBrush(fill)
            else:
                fill_hex, line_hex = CELL_COLOURS[cell.state]
                painter.setPen(QPen(QColor(line_hex), 2 if cell.state == "plain" else 3))
                painter.setBrush(QColor(fill_hex))
            painter.drawRoundedRect(rect, 6, 6)
            fits = int(min(label_px, rect.height() * 0.6, rect.width() * 0.3))
            if is_target or fits >= 14:
                font.setPixelSize(max(12, fits))
                painter.setFont(font)
                painter.setPen(
                    QColor(look.on_accent if is_target else cell_label_colour(cell.state))
                )
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

    Intents: ``choice`` (the key of a tapped answer), ``cell_tapped`` (a compartment
    tapped on the picture).
    """

    name = ScreenName.DOOR

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(48, 24, 48, 24)
        outer.setSpacing(48)
        self.outer = outer
        left = self.left = QVBoxLayout()
        left.setSpacing(14)
        self.step = QLabel(self)
        self.step.setObjectName("Body")
        self.compartment = QLabel(self)
        self.compartment.setObjectName("DoorNumber")
        self.headline = text_label("Headline", self)
        # Where the door is, in words as well as in the picture (for a person who cannot
        # see the picture well, or reads faster than they search).
        self.position = text_label("DoorPosition", self)
        self.body = text_label("Body", self)
        left.addWidget(self.step)
        left.addWidget(self.compartment)
        left.addWidget(self.headline)
        left.addWidget(self.position)
        left.addWidget(self.body)
        left.addStretch(1)
        # Side by side under the text (a long answer is set smaller): stacked, two answers
        # would push the text off a landscape screen in accessible mode.
        self.choices = ChoiceRow(MIN_TOUCH_PX, parent=self, compact=True)
        self.choices.chosen.connect(lambda key: self.intent.emit(Intent.CHOICE, key))
        left.addWidget(self.choices)
        outer.addLayout(left, 4)
        self.picture = BankPicture(self)
        self.picture.tapped.connect(lambda comp: self.intent.emit(Intent.CELL_TAPPED, comp))
        outer.addWidget(self.picture, 5)
        self.data: DoorData | None = None

    def set_portrait(self, portrait: bool) -> None:
        flip_layout(self.outer, portrait, [self.choices], self.left)
        # Portrait: the words take the room they need, the picture the rest.
        self.outer.setStretch(0, 0 if portrait else 4)

    def retranslate(self) -> None:
        data = self.data
        text = self.position_words(data.cells, data.compartment_id) if data else ""
        self.position.setText(text)
        self.position.setVisible(bool(text))

    def position_words(self, cells: tuple[BankCell, ...], target: str) -> str:
        """Where ``target`` is in the bank: "Bottom row, 2nd from the left"."""
        cell = next((c for c in cells if c.compartment_id == target), None)
        if cell is None or len(cells) < 2:
            return ""
        # Counted in doors, not grid units: a tall door is one row of its column.
        same_column = [c for c in cells if c.column == cell.column]
        rows = len(same_column)
        columns = max(c.column for c in cells) + 1
        from_bottom = 1 + sum(c.row > cell.row for c in same_column)  # 1: the bottom row
        from_top = 1 + sum(c.row < cell.row for c in same_column)
        if rows == 1:
            row = ""
        elif from_bottom == 1:
            row = self.tr("Bottom row")
        elif from_top == 1:
            row = self.tr("Top row")
        elif from_bottom <= from_top:
            row = self.tr("Row %1 from the bottom").replace("%1", str(from_bottom))
        else:
            row = self.tr("Row %1 from the top").replace("%1", str(from_top))
        from_left, from_right = cell.column + 1, columns - cell.column
        if columns == 1:
            column = ""
        elif from_left <= from_right:
            column = self.tr("column %1 from the left").replace("%1", str(from_left))
        else:
            column = self.tr("column %1 from the right").replace("%1", str(from_right))
        if row and column:
            return self.tr("%1, %2").replace("%1", row).replace("%2", column)
        return row or column[:1].upper() + column[1:]

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
        self.data = data
        self.retranslate()
        self.body.setText(data.body)
        self.picture.set_cells(data.cells, data.compartment_id)
        self.choices.set_choices(data.choices)
