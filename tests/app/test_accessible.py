"""Accessible mode: on from the idle screen's button for one customer, every control
within reach of a seated person, larger type, longer timeouts, a low compartment first;
off again at idle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.screenshot import set_orientation
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk
from tests.helpers.screens import shown_widgets, views


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    config = make_config(tmp_path, accessible_timeout_factor=3.0)
    with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as k:
        qtbot.waitUntil(lambda: k.host.current_name() == "idle")
        yield k


def test_accessible_button_on_idle_turns_it_on_for_one_customer(qtbot: QtBot, kiosk: Kiosk) -> None:
    button = kiosk.window.footer.accessible_button
    assert button.isVisible()
    assert button.text() == "Accessible mode"
    assert not button.icon().isNull()  # the international symbol of access
    headline_px = kiosk.idle_screen.welcome.font().pixelSize()
    button.click()
    assert kiosk.accessible
    assert kiosk.idle_screen.welcome.font().pixelSize() > headline_px
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    assert kiosk.accessible  # it lasts for this customer's whole journey
    with qtbot.waitSignal(kiosk.machine.idle_entered):
        kiosk.code_entry_screen.cancel_button.click()
    assert not kiosk.accessible
    assert kiosk.idle_screen.welcome.font().pixelSize() == headline_px
    assert not kiosk.window.footer.accessible_button.isChecked()


def test_accessible_mode_high_contrast_body_text(kiosk: Kiosk) -> None:
    hint = kiosk.idle_screen.info
    normal = hint.palette().color(hint.foregroundRole()).name()
    kiosk.set_accessible(True)
    accessible = hint.palette().color(hint.foregroundRole()).name()
    assert normal != accessible
    assert accessible == "#0d2240"  # as dark as the headlines


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_accessible_every_control_within_reach(kiosk: Kiosk, orientation: str) -> None:
    """Nothing to tap above the reach line: on a portrait screen the lower 55%."""
    problems = []
    area = kiosk.window.screen_area
    for view, _image in views(kiosk, orientation, accessible=True):
        top = area.reach_top()
        if orientation == "portrait":
            assert top == round(area.height() * (1 - 0.55)), view
        for widget in shown_widgets(area):
            if isinstance(widget, QPushButton | QComboBox) and widget.isEnabled():
                y = widget.mapTo(area, QPoint(0, 0)).y()
                if y < top:
                    problems.append(f"{view}: {widget.objectName()} at {y}")
    assert problems == [], problems


def test_accessible_controls_are_not_lowered_without_it(kiosk: Kiosk) -> None:
    set_orientation(kiosk, "portrait")
    assert kiosk.window.screen_area.reach_top() == 0
    assert not kiosk.window.screen_area.header.isVisible()


def test_accessible_timeouts_are_longer_and_back_after(qtbot: QtBot, kiosk: Kiosk) -> None:
    pickup = kiosk.pickup
    assert pickup is not None
    names = list(pickup._timeouts_ms)
    before = {name: pickup.timer(name).interval() for name in names}
    inactivity = kiosk.machine.inactivity.interval()
    kiosk.set_accessible(True)
    assert {name: pickup.timer(name).interval() for name in names} == {
        name: round(ms * 3.0) for name, ms in before.items()
    }
    assert kiosk.machine.inactivity.interval() == round(inactivity * 3.0)
    kiosk.set_accessible(False)
    assert {name: pickup.timer(name).interval() for name in names} == before
    assert kiosk.machine.inactivity.interval() == inactivity


def test_accessible_customer_gets_an_accessible_compartment_first(kiosk: Kiosk) -> None:
    from kiosk.domain.compartments import Spec

    send = kiosk.send
    assert send is not None
    kiosk.bank.specs = {
        "A01": Spec("A01", "S", 0, 0),
        "A08": Spec("A08", "M", 0, 7, accessible=True),
    }
    kiosk.set_accessible(True)
    assert send.accessible
    spec = kiosk.bank.choose("S", accessible=send.accessible)
    assert spec is not None
    assert spec.id == "A08"
    kiosk.set_accessible(False)
    assert not send.accessible
