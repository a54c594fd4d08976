"""The demo side panel acts on the simulator, and the driver sees it through the pty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.hardware.driver import Bus, BusSettings, DoorEvent
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.board import letter_layout
from kiosk.ui.simulator_panel import SimulatorPanel


@pytest.fixture
def sim() -> Iterator[SimulatedBus]:
    s = SimulatedBus(2)
    s.start()
    yield s
    s.stop()


@pytest.fixture
def panel(qtbot: QtBot, sim: SimulatedBus) -> SimulatorPanel:
    widget = SimulatorPanel(sim, letter_layout([1, 2]), refresh_ms=20)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def button(panel: SimulatorPanel, name: str) -> QPushButton:
    found = panel.findChild(QPushButton, name)
    assert found is not None, name
    return found


def state(panel: SimulatorPanel, comp: str) -> str:
    label = panel.findChild(QLabel, f"state-{comp}")
    assert label is not None
    return label.text()


def test_panel_shows_a_door_opened_by_the_driver(
    qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel
) -> None:
    assert state(panel, "A03") == "closed"
    assert not button(panel, "close-A03").isEnabled()
    with Bus(BusSettings(port=sim.path)) as bus:
        bus.open(1, 3)
    qtbot.waitUntil(lambda: state(panel, "A03") == "open")
    assert button(panel, "close-A03").isEnabled()


def test_close_door_button_closes_the_simulated_door(
    qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel
) -> None:
    with Bus(BusSettings(port=sim.path)) as bus:
        bus.open(2, 4)
        qtbot.waitUntil(lambda: button(panel, "close-B04").isEnabled())
        button(panel, "close-B04").click()
        assert sim.is_closed(2, 4)
        assert state(panel, "B04") == "closed"
        bus.status(2)
        assert DoorEvent("closed", 2, 4) in bus.take_events()


def test_item_button_toggles_the_sensor(
    qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel
) -> None:
    item = button(panel, "item-A01")
    item.click()
    assert sim.locks()[0].item
    assert item.text() == "Item out"
    assert "item" in state(panel, "A01")
    item.click()
    assert not sim.locks()[0].item


def test_jam_button_jams_and_frees(qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel) -> None:
    jam = button(panel, "jam-A02")
    jam.click()
    assert sim.locks()[1].jammed
    assert state(panel, "A02") == "closed, jammed"
    jam.click()
    assert not sim.locks()[1].jammed


def test_panel_without_layout_lists_every_lock(qtbot: QtBot, sim: SimulatedBus) -> None:
    widget = SimulatorPanel(sim)
    qtbot.addWidget(widget)
    assert widget.findChild(QLabel, "state-2:16") is not None
    assert len(widget.findChildren(QPushButton)) == 32 * 3


def test_refresh_timer_runs_only_while_visible(qtbot: QtBot, panel: SimulatorPanel) -> None:
    timer = panel.findChild(type(panel._timer), "simulator-panel-refresh")
    assert timer is not None
    assert timer.isActive()
    panel.hide()
    assert not timer.isActive()
