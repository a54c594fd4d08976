"""The secret gesture on the real kiosk: it opens the PIN screen from idle and from out of
service; ordinary taps, fast taps in the corners, and a long press alone never do. Time is
an injected clock: a two-second press takes no two seconds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.flows.admin_pin import hash_pin
from kiosk.flows.kiosk_machine import BOARDS
from kiosk.ui.gesture import GestureDetector
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk

PIN = "4711"


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, clock: Clock) -> Iterator[Kiosk]:
    pin_file = tmp_path / "admin-pin"
    pin_file.write_text(hash_pin(PIN, n=16) + "\n")
    config = make_config(tmp_path, admin_pin_file=str(pin_file))
    with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as k:
        k.admin_gesture.clock = clock
        qtbot.waitUntil(lambda: k.host.current_name() == "idle")
        yield k


def corner_point(screen: QWidget, corner: str) -> QPoint:
    x = 10 if "left" in corner else screen.width() - 10
    y = 10 if "top" in corner else screen.height() - 10
    return QPoint(x, y)


def touch(screen: QWidget, point: QPoint, clock: Clock, hold_s: float = 0.1) -> None:
    """A finger down and up at ``point`` of ``screen``, on the widget that is there."""
    target = screen.childAt(point) or screen
    local = target.mapFrom(screen, point)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    clock.now += hold_s
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, local)
    clock.now += 0.3


def gesture(screen: QWidget, clock: Clock, first_hold_s: float = 2.5) -> None:
    corners = ("top_left", "top_right", "bottom_right", "bottom_left")
    touch(screen, corner_point(screen, corners[0]), clock, first_hold_s)
    for corner in corners[1:]:
        touch(screen, corner_point(screen, corner), clock)


def test_admin_gesture_opens_the_pin_screen_from_idle(
    qtbot: QtBot, kiosk: Kiosk, clock: Clock
) -> None:
    gesture(kiosk.window.screen_area, clock)
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    assert kiosk.machine.current_flow() == "admin"
    assert kiosk.code_entry_screen.data.masked
    # The bottom-left tap sat on the "Courier" button: it was part of the gesture, not a press.
    assert kiosk.machine.current_flow() != "courier"


def test_admin_gesture_works_at_the_displays_corners_not_the_screens(
    qtbot: QtBot, kiosk: Kiosk, clock: Clock
) -> None:
    """The physical corners lie in the top bar and the footer (the language and accessible
    mode buttons): the gesture counts there, and presses none of those buttons."""
    area = kiosk.window.screen_area
    bottom_left = area.childAt(corner_point(area, "bottom_left"))
    assert bottom_left is not None
    assert not kiosk.idle_screen.isAncestorOf(bottom_left)  # the footer, not the screen
    gesture(area, clock)
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    assert kiosk.machine.current_flow() == "admin"
    assert not kiosk.window.footer.accessible_button.isChecked()


def test_admin_fast_corner_taps_never_open_it(qtbot: QtBot, kiosk: Kiosk, clock: Clock) -> None:
    for _ in range(3):
        gesture(kiosk.window.screen_area, clock, first_hold_s=0.2)
    assert kiosk.machine.current_flow() == ""
    assert kiosk.host.current_name() == "idle"


def test_admin_long_press_in_a_wrong_corner_or_wrong_order_never_opens_it(
    qtbot: QtBot, kiosk: Kiosk, clock: Clock
) -> None:
    screen = kiosk.window.screen_area
    touch(screen, corner_point(screen, "top_right"), clock, 3.0)
    for corner in ("top_left", "bottom_right", "bottom_left"):
        touch(screen, corner_point(screen, corner), clock)
    touch(screen, corner_point(screen, "top_left"), clock, 3.0)
    for corner in ("bottom_right", "top_right", "bottom_left"):
        touch(screen, corner_point(screen, corner), clock)
    assert kiosk.machine.current_flow() == ""


def test_admin_gesture_with_a_long_pause_starts_over(
    qtbot: QtBot, kiosk: Kiosk, clock: Clock
) -> None:
    screen = kiosk.window.screen_area
    touch(screen, corner_point(screen, "top_left"), clock, 3.0)
    touch(screen, corner_point(screen, "top_right"), clock)
    clock.now += 10
    touch(screen, corner_point(screen, "bottom_right"), clock)
    touch(screen, corner_point(screen, "bottom_left"), clock)
    assert kiosk.machine.current_flow() == ""


def test_admin_ordinary_taps_work_as_before(qtbot: QtBot, kiosk: Kiosk, clock: Clock) -> None:
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.machine.current_flow() == "pickup")
    assert kiosk.machine.current_flow() != "admin"


def test_admin_gesture_from_out_of_service_and_back_there_on_close(
    qtbot: QtBot, kiosk: Kiosk, clock: Clock
) -> None:
    kiosk.machine.set_out_of_service(BOARDS, True, "broken")
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "out_of_service")
    gesture(kiosk.window.screen_area, clock)
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    for digit in PIN:
        kiosk.code_entry_screen.keypad.buttons[digit].click()
    kiosk.code_entry_screen.ok_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
    assert kiosk.admin_screen.title.text() == "Doors"
    kiosk.admin_screen.button("close").click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "out_of_service")
    assert kiosk.machine.state_name() == "out_of_service"


def test_admin_panel_outlives_the_kiosk_inactivity_timeout(
    qtbot: QtBot, tmp_path: Path, clock: Clock
) -> None:
    pin_file = tmp_path / "admin-pin"
    pin_file.write_text(hash_pin(PIN, n=16) + "\n")
    config = make_config(tmp_path, admin_pin_file=str(pin_file))
    with running_kiosk(
        qtbot, config, doors=FakeDoors(), gateway=FakeGateway(), inactivity_timeout_ms=50
    ) as kiosk:
        kiosk.admin.set_timeouts({"panel": 400})
        with qtbot.waitSignal(kiosk.admin.pin.entered):
            assert kiosk.machine.start_flow("admin")
        kiosk.admin.handle("code_entered", PIN)
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
        # The kiosk's 50 ms inactivity passes many times; the panel's own 400 ms decides.
        with qtbot.waitSignal(kiosk.machine.idle_entered, timeout=3000):
            pass
        assert not kiosk.admin.is_running()


def test_admin_gesture_detector_refuses_an_unknown_corner() -> None:
    with pytest.raises(ValueError, match="corners"):
        GestureDetector(["top_left", "middle"])


def test_admin_locker_out_of_service_until_the_panel_puts_it_back(
    qtbot: QtBot, kiosk: Kiosk, clock: Clock
) -> None:
    # The panel, send and courier share one Bank: a door out of service is out for all.
    assert kiosk.admin.bank is kiosk.bank
    assert kiosk.send is not None
    assert kiosk.send.bank is kiosk.bank
    with qtbot.waitSignal(kiosk.admin.pin.entered):
        kiosk.machine.start_flow("admin")
    kiosk.admin.handle("code_entered", PIN)
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
    kiosk.admin_screen.button("locker_service").click()
    kiosk.admin_screen.button("close").click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "out_of_service")
    assert kiosk.out_of_service_screen.body.text() == "Maintenance in progress."
    gesture(kiosk.window.screen_area, clock)
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    kiosk.admin.handle("code_entered", PIN)
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
    kiosk.admin_screen.button("locker_service").click()
    kiosk.admin_screen.button("close").click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle")
