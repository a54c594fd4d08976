"""The code entry screen: keypad taps and a physical keyboard both type the code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.flows.screendata import CodeEntryData, Intent
from kiosk.ui.keypad import CodeEntryScreen, group


def make(qtbot: QtBot, **kwargs: object) -> CodeEntryScreen:
    screen = CodeEntryScreen()
    qtbot.addWidget(screen)
    screen.show_data(CodeEntryData(title="Enter your pickup code", **kwargs))  # type: ignore[arg-type]
    screen.show()
    return screen


def test_pickup_keypad_taps_build_the_code_and_ok_sends_it(qtbot: QtBot) -> None:
    screen = make(qtbot, min_length=4)
    assert not screen.ok_button.isEnabled()
    for digit in "48291":
        screen.keypad.buttons[digit].click()
    screen.keypad.backspace.emit()
    assert screen.display.text() == "482 9"
    with qtbot.waitSignal(screen.intent) as sent:
        screen.ok_button.click()
    assert sent.args == [Intent.CODE_ENTERED, "4829"]


def test_pickup_physical_keyboard_types_into_the_focused_screen(qtbot: QtBot) -> None:
    screen = make(qtbot)
    qtbot.waitUntil(screen.hasFocus)
    QTest.keyClicks(screen, "7302")
    QTest.keyClick(screen, Qt.Key.Key_Backspace)
    QTest.keyClicks(screen, "64x")  # a letter is ignored for a digits-only code
    assert screen.value == "73064"
    with qtbot.waitSignal(screen.intent) as sent:
        QTest.keyClick(screen, Qt.Key.Key_Return)
    assert sent.args == [Intent.CODE_ENTERED, "73064"]


def test_pickup_lockout_disables_the_keypad_and_counts_down(qtbot: QtBot) -> None:
    screen = make(qtbot, locked_s=2)
    assert not screen.keypad.isEnabled()
    assert "Please wait 0:02" in screen.error.text()
    screen.type_char("1")
    assert screen.value == ""
    qtbot.waitUntil(screen.keypad.isEnabled, timeout=4000)
    screen.hide()


def test_pickup_alnum_codes_get_letter_keys(qtbot: QtBot) -> None:
    screen = make(qtbot, alphabet="alnum")
    assert "Q" in screen.keypad.buttons
    screen.keypad.buttons["Q"].click()
    QTest.keyClicks(screen, "k7")
    assert screen.value == "QK7"


def test_group_reads_back_in_threes() -> None:
    assert group("48291312") == "482 913 12"


def test_pin_entry_is_masked_with_its_own_confirm_label(qtbot: QtBot) -> None:
    screen = make(qtbot, masked=True, confirm_label="Log in", min_length=4)
    for digit in "1234":
        screen.keypad.buttons[digit].click()
    assert screen.display.text() == "••••"
    assert screen.ok_button.text() == "Log in"
    with qtbot.waitSignal(screen.intent) as sent:
        screen.ok_button.click()
    assert sent.args == [Intent.CODE_ENTERED, "1234"]
