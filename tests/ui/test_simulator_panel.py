"""The demo side panel acts on the simulator, and the driver sees it through the pty."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
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


def test_panel_shows_a_door_opened_by_the_driver_and_selects_it(
    qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel
) -> None:
    assert panel.state("A03") == "closed"
    assert not panel.close_button.isEnabled()
    with Bus(BusSettings(port=sim.path)) as bus:
        bus.open(1, 3)
    qtbot.waitUntil(lambda: panel.state("A03") == "open")
    assert panel.list.currentItem().text().startswith("A03")
    assert panel.close_button.isEnabled()


def test_close_door_button_closes_the_simulated_door(
    qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel
) -> None:
    with Bus(BusSettings(port=sim.path)) as bus:
        bus.open(2, 4)
        qtbot.waitUntil(panel.close_button.isEnabled)
        panel.close_button.click()
        assert sim.is_closed(2, 4)
        assert panel.state("B04") == "closed"
        bus.status(2)
        assert DoorEvent("closed", 2, 4) in bus.take_events()


def test_item_button_toggles_the_sensor(
    qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel
) -> None:
    panel.select("A01")
    panel.item_button.click()
    assert sim.locks()[0].item
    assert panel.item_button.text() == "Item out"
    assert "item" in panel.state("A01")
    panel.item_button.click()
    assert not sim.locks()[0].item


def test_jam_button_jams_and_frees(qtbot: QtBot, sim: SimulatedBus, panel: SimulatorPanel) -> None:
    panel.select("A02")
    panel.jam_button.click()
    assert sim.locks()[1].jammed
    assert panel.state("A02") == "closed, jammed"
    panel.jam_button.click()
    assert not sim.locks()[1].jammed


def test_panel_without_layout_lists_every_lock(qtbot: QtBot, sim: SimulatedBus) -> None:
    widget = SimulatorPanel(sim)
    qtbot.addWidget(widget)
    assert widget.list.count() == 32
    assert widget.state("2:16") == "closed"


def test_refresh_timer_runs_only_while_visible(qtbot: QtBot, panel: SimulatorPanel) -> None:
    timer = panel.findChild(type(panel._timer), "simulator-panel-refresh")
    assert timer is not None
    assert timer.isActive()
    panel.hide()
    assert not timer.isActive()
