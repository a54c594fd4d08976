"""The admin panel's one screen: a navigation row, a page, its actions.

Every page (door grid, a compartment, "Open all", diagnostics, logs, on-site settings) is
the same layout filled from one :class:`~kiosk.flows.screendata.AdminData`: the grid pages
draw the bank as the technician sees it in front of them, the others list lines. Options
(``page:``, ``log:``, ``lang:``, ``idle:``, ``board:``) are grouped into rows by the part
before the colon; the ``primary`` one of a row is the one chosen.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.screendata import (
    AdminCell,
    AdminData,
    BankCell,
    CellState,
    Choice,
    Intent,
    ScreenName,
)
from kiosk.ui.base import ChoiceRow, Screen, text_label
from kiosk.ui.door import CELL_COLOURS, BankPicture


class AdminBankPicture(BankPicture):
    """The bank with each door's state: colour for the door and service, marks for the
    rest (size, door open / closed / ?, item sensor full / empty / ?)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.admin_cells: tuple[AdminCell, ...] = ()

    def set_admin_cells(self, cells: tuple[AdminCell, ...], selected: str) -> None:
        """Draw ``cells`` with ``selected`` outlined."""
        self.admin_cells = cells
        self.set_cells(
            tuple(
                BankCell(c.compartment_id, c.column, c.row, c.height, state=_state(c))
                for c in cells
            ),
            "",
        )
        self.selected = selected

    selected = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.admin_cells:
            return
        by_id = {c.compartment_id: c for c in self.admin_cells}
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        geometry = self._geometry()
        smallest = min(min(r.width(), r.height() / c.height) for c, r in geometry)
        font = QFont(self.font())
        font.setPixelSize(int(max(11, min(22, smallest * 0.22))))
        font.setBold(True)
        painter.setFont(font)
        for cell, rect in geometry:
            fill_hex, line_hex = CELL_COLOURS[cell.state]
            chosen = cell.compartment_id == self.selected
            painter.setPen(QPen(QColor("#0d2240" if chosen else line_hex), 6 if chosen else 3))
            painter.setBrush(QColor(fill_hex))
            painter.drawRoundedRect(rect, 6, 6)
            info = by_id[cell.compartment_id]
            door = {"open": "▲", "closed": "■"}.get(info.door, "?")
            item = {True: "●", False: "○"}.get(info.occupied, "?")  # type: ignore[arg-type]
            text = f"{info.compartment_id} {info.size}\n{door} {item}"
            if not info.in_service:
                text += "\n✕"
            painter.setPen(QColor("#0d2240"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        painter.end()


def _state(cell: AdminCell) -> CellState:
    """The colour of a door on the grid: out of service, open, occupied, free, unknown."""
    if not cell.in_service:
        return "out_of_service"
    if cell.door == "open":
        return "open"
    if cell.door == "unknown":
        return "unknown"
    if cell.occupied is None:
        return "unknown"
    return "occupied" if cell.occupied else "free"


class AdminScreen(Screen):
    """Every page of the maintenance panel.

    Intents: ``choice`` (the key of a navigation, option or action button),
    ``cell_tapped`` (a compartment tapped on the grid).
    """

    name = ScreenName.ADMIN
    footer = "none"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 10, 24, 10)
        outer.setSpacing(8)
        self.nav = ChoiceRow(72, parent=self, compact=True, min_font_px=16)
        self.nav.chosen.connect(self._chosen)
        outer.addWidget(self.nav)
        self.title = text_label("Headline", self)
        outer.addWidget(self.title)
        self.option_rows: list[ChoiceRow] = []
        self._options = QVBoxLayout()
        self._options.setSpacing(8)
        outer.addLayout(self._options)
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._body = body
        body.setSpacing(24)
        self.pages = QStackedWidget(self)
        self.picture = AdminBankPicture(self)
        self.picture.tapped.connect(lambda comp: self.intent.emit(Intent.CELL_TAPPED, comp))
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("AdminText")
        self.text.setReadOnly(True)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pages.addWidget(self.picture)
        self.pages.addWidget(self.text)
        body.addWidget(self.pages, 3)
        side = QVBoxLayout()
        side.setSpacing(12)
        self.lines = text_label("AdminLines", self)
        self.lines.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.lines, 1)
        side.addStretch(0)
        self.status = text_label("Body", self)
        self.status.setObjectName("AdminStatus")
        side.addWidget(self.status)
        self.action_row = ChoiceRow(80, parent=self, vertical=True, compact=True, min_font_px=16)
        self.action_row.chosen.connect(self._chosen)
        side.addWidget(self.action_row)
        self.side = QWidget(self)
        self.side.setLayout(side)
        body.addWidget(self.side, 2)
        outer.addLayout(body, 1)
        self.data = AdminData("doors", "")
        self._keyed: list[tuple[Choice, QPushButton]] = []

    def set_portrait(self, portrait: bool) -> None:
        """Portrait: the grid or the text above, the facts and actions the full width below."""
        self._body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def _chosen(self, key: str) -> None:
        self.intent.emit(Intent.CHOICE, key)

    @property
    def buttons(self) -> list[QPushButton]:
        """Every button now shown: navigation, options, actions."""
        return [
            *self.nav.buttons,
            *(b for row in self.option_rows for b in row.buttons),
            *self.action_row.buttons,
        ]

    def button(self, key: str) -> QPushButton:
        """The button whose choice key is ``key`` (tests, the screenshot tool)."""
        for choice, button in self._keyed:
            if choice.key == key:
                return button
        raise KeyError(key)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, AdminData)
        self.data = data
        self.title.setText(data.title)
        nav = tuple(c for c in data.options if c.key.startswith("page:") or c.key == "close")
        rest = [c for c in data.options if c not in nav]
        self.nav.set_choices(nav)
        self.nav.setVisible(bool(nav))
        for row in self.option_rows:
            self._options.removeWidget(row)
            row.deleteLater()
        self.option_rows = []
        for _, group in groupby(rest, key=lambda c: c.key.partition(":")[0]):
            row = ChoiceRow(64, 300, parent=self, compact=True, min_font_px=16)
            row.set_choices(tuple(group))
            row.chosen.connect(self._chosen)
            self._options.addWidget(row)
            self.option_rows.append(row)
        grid = data.page in ("doors", "compartment", "open_all")
        # The grid shares the width with long action labels; a log line wants it all.
        self._body.setStretchFactor(self.pages, 1 if grid else 3)
        self._body.setStretchFactor(self.side, 1 if grid else 2)
        if grid:
            self.picture.set_admin_cells(data.cells, data.selected)
            self.pages.setCurrentWidget(self.picture)
            self.lines.setText("\n".join(data.lines))
        else:
            self.text.setPlainText("\n".join(data.lines))
            self.text.verticalScrollBar().setValue(self.text.verticalScrollBar().maximum())
            self.pages.setCurrentWidget(self.text)
            self.lines.setText("")
        self.lines.setVisible(grid)
        self.status.setText(data.status)
        self.status.setProperty("tone", data.tone)
        self.status.setVisible(bool(data.status))
        self.action_row.set_choices(data.choices)
        for button in self.action_row.buttons:
            button.setMaximumHeight(110)  # a finger's size, not the column's height
        self._keyed = [
            *zip(nav, self.nav.buttons, strict=True),
            *(
                pair
                for row, group in zip(
                    self.option_rows,
                    [list(g) for _, g in groupby(rest, key=lambda c: c.key.partition(":")[0])],
                    strict=True,
                )
                for pair in zip(group, row.buttons, strict=True)
            ),
            *zip(data.choices, self.action_row.buttons, strict=True),
        ]
        # A chosen option looks chosen (the primary style) without a separate widget.
        for choice, button in self._keyed:
            button.setProperty("chosen", choice.primary)
