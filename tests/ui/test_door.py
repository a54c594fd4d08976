"""The door screen and its bank picture: cells by state, taps reported, tall doors."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.flows.screendata import BankCell, DoorData, Intent
from kiosk.ui.door import DoorScreen

CELLS = (
    BankCell("A01", 0, 0, state="free"),
    BankCell("A02", 0, 1, height=2, state="out_of_service"),
    BankCell("B01", 1, 0, state="occupied"),
    BankCell("B02", 1, 1, state="open"),
    BankCell("B03", 1, 2, state="unknown"),
)


def make(qtbot: QtBot) -> DoorScreen:
    screen = DoorScreen()
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    screen.show_data(DoorData("B02", "Door B02 is open", "", cells=CELLS))
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def rects(screen: DoorScreen) -> dict[str, QRectF]:
    return {cell.compartment_id: rect for cell, rect in screen.picture._geometry()}


def test_door_grid_tap_on_a_cell_reports_the_compartment(qtbot: QtBot) -> None:
    screen = make(qtbot)
    centre = rects(screen)["B01"].center().toPoint()
    with qtbot.waitSignal(screen.intent) as tapped:
        QTest.mouseClick(screen.picture, Qt.MouseButton.LeftButton, pos=centre)
    assert tapped.args == [Intent.CELL_TAPPED, "B01"]


def test_door_grid_tall_door_is_drawn_as_one(qtbot: QtBot) -> None:
    screen = make(qtbot)
    r = rects(screen)
    # A02 spans rows 1 and 2: as tall as B02 and B03 together, the gap included.
    assert r["A02"].top() == r["B02"].top()
    assert r["A02"].bottom() == r["B03"].bottom()
    assert screen.picture.cell_at(r["A02"].center()) == "A02"


def test_door_grid_gap_between_cells_is_no_cell(qtbot: QtBot) -> None:
    screen = make(qtbot)
    r = rects(screen)
    between = (r["A01"].right() + r["B01"].left()) / 2
    assert screen.picture.cell_at(QPointF(between, r["A01"].center().y())) == ""
