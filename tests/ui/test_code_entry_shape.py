"""The keypad follows the operator's code shape: a flow's own data on the real screen.

A user trial found the keypad taking 9 digits for a 6-digit code, "Open my door" enabled
at 5, and an error about the shape (or a junk scan) wiping every digit typed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.domain.compartments import Bank, Spec
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.pickup import PickupFlow, PickupSettings
from kiosk.flows.screendata import CodeEntryData, Intent
from kiosk.flows.send import SendFlow, SendSettings
from kiosk.ui.keypad import CodeEntryScreen
from tests.helpers.fakes import FakeDoors, FakeGateway


def on_screen(qtbot: QtBot, flow: Flow) -> CodeEntryScreen:
    """The real code entry screen, fed by ``flow`` as the screen host does, and wired
    back to it; the flow is started and on its keypad."""
    screen = CodeEntryScreen()
    qtbot.addWidget(screen)

    def show(name: str, data: object) -> None:
        if name == "code_entry":
            screen.show_data(data)
            screen.show()

    flow.screen_requested.connect(show)
    screen.intent.connect(flow.handle)
    entering = flow.entering_code  # type: ignore[attr-defined]
    with qtbot.waitSignal(entering.entered):
        flow.start()
    return screen


@pytest.fixture
def pickup(qtbot: QtBot) -> Iterator[tuple[PickupFlow, FakeGateway, CodeEntryScreen]]:
    gateway = FakeGateway()
    flow = PickupFlow(gateway, FakeDoors(), PickupSettings(), cooldown=Cooldown())
    screen = on_screen(qtbot, flow)
    yield flow, gateway, screen
    flow.abort()


def type_(screen: CodeEntryScreen, chars: str) -> None:
    for char in chars:
        screen.keypad.buttons[char].click()


def test_pickup_keypad_stops_at_the_code_length(
    pickup: tuple[PickupFlow, FakeGateway, CodeEntryScreen],
) -> None:
    _, _, screen = pickup
    type_(screen, "123456789")
    assert screen.value == "123456"
    assert screen.display.text() == "123 456"


def test_pickup_open_my_door_waits_for_the_last_digit_then_is_the_strong_button(
    qtbot: QtBot, pickup: tuple[PickupFlow, FakeGateway, CodeEntryScreen]
) -> None:
    flow, gateway, screen = pickup
    type_(screen, "12345")
    assert not screen.ok_button.isEnabled()
    assert not screen.scan_button.property("quiet")
    QTest.keyClick(screen, Qt.Key.Key_Return)  # Enter on a physical keyboard sends nothing either
    assert gateway.verifies == []
    type_(screen, "6")
    assert screen.ok_button.isEnabled()
    assert screen.scan_button.property("quiet")  # "Open my door" is the strongest now
    with qtbot.waitSignal(flow.verifying.entered):
        screen.ok_button.click()
    assert gateway.verifies[0].code == "123456"


def test_pickup_wrong_shape_scan_is_said_without_wiping_the_typed_digits(
    qtbot: QtBot, pickup: tuple[PickupFlow, FakeGateway, CodeEntryScreen]
) -> None:
    flow, gateway, screen = pickup
    type_(screen, "482")
    flow.handle(Intent.SCANNED, "12345")
    assert "The code has 6 digit" in screen.error.text()
    assert screen.value == "482"
    flow.handle(Intent.SCANNED, "https://example.com/track?id=1")
    assert screen.error.isVisibleTo(screen)
    assert screen.value == "482"
    assert gateway.verifies == []
    type_(screen, "913")  # goes on where the person was
    with qtbot.waitSignal(flow.verifying.entered):
        screen.ok_button.click()
    assert gateway.verifies[0].code == "482913"


def test_pickup_rejected_junk_scan_leaves_the_typed_digits(
    pickup: tuple[PickupFlow, FakeGateway, CodeEntryScreen],
) -> None:
    flow, gateway, screen = pickup
    type_(screen, "7302")
    flow.handle(Intent.SCAN_REJECTED, "control_characters")
    assert screen.error.text() == "That was not a pickup code."
    assert screen.value == "7302"
    assert gateway.verifies == []


def test_send_drop_off_code_takes_exactly_its_eight_characters(qtbot: QtBot) -> None:
    gateway = FakeGateway()
    flow = SendFlow(
        gateway,
        FakeDoors(),
        Bank.of([Spec("S1", "S")]),
        SendSettings(),
        cooldown=Cooldown(),
        now=lambda: datetime(2026, 11, 30, tzinfo=UTC),
    )
    screen = on_screen(qtbot, flow)
    QTest.keyClicks(screen, "s7k3m9q")
    assert not screen.ok_button.isEnabled()
    QTest.keyClicks(screen, "dX")  # the ninth character is not taken
    assert screen.value == "S7K3M9QD"
    assert screen.ok_button.isEnabled()
    # Eight characters but not the shape (no S/R first): said, and the typing stays.
    screen.clear()
    QTest.keyClicks(screen, "A7K3M9QD")
    screen.confirm()
    assert "The code has 8 letter" in screen.error.text()
    assert screen.value == "A7K3M9QD"
    assert [c for c in gateway.calls if c.name == "verify_send"] == []
    flow.abort()


def test_courier_barcode_entry_has_no_length_of_its_own(qtbot: QtBot) -> None:
    # The courier flow's "Type the parcel barcode" data: barcodes vary in length.
    screen = CodeEntryScreen()
    qtbot.addWidget(screen)
    screen.show_data(
        CodeEntryData(
            title="Type the parcel barcode", max_length=30, min_length=3, alphabet="alnum"
        )
    )
    screen.show()
    QTest.keyClicks(screen, "JJD")
    assert screen.ok_button.isEnabled()
    QTest.keyClicks(screen, "0001234567890123")
    assert screen.value == "JJD0001234567890123"
    assert screen.ok_button.isEnabled()
    with qtbot.waitSignal(screen.intent) as sent:
        screen.confirm()
    assert sent.args == [Intent.CODE_ENTERED, "JJD0001234567890123"]
