"""What a first-time shopper needs from each screen: where the door is in words, how long
the code is, a wait in minutes, the date in their language, whom to call and what to
quote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.flows.screendata import BankCell, CodeEntryData, DoorData, MessageData, ReceiptData
from tests.helpers.kiosk import make_config, running_kiosk


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    with running_kiosk(qtbot, make_config(tmp_path)) as k:
        qtbot.waitUntil(lambda: k.host.current_name() == "idle")
        yield k


def bank(rows: int, columns: int) -> tuple[BankCell, ...]:
    return tuple(
        BankCell(f"{chr(65 + c)}{r + 1:02d}", c, r) for c in range(columns) for r in range(rows)
    )


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("A08", "Bottom row, column 1 from the left"),
        ("B01", "Top row, column 2 from the left"),
        ("D07", "Row 2 from the bottom, column 1 from the right"),
        ("C03", "Row 3 from the top, column 2 from the right"),
    ],
)
def test_door_position_in_words(kiosk: Kiosk, target: str, words: str) -> None:
    kiosk.host.show_screen("door", DoorData(target, "Door is open", "", bank(8, 4)))
    assert kiosk.door_screen.position.text() == words
    assert kiosk.door_screen.position.isVisible()


def test_door_position_in_words_follows_the_language(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.host.show_screen("door", DoorData("A08", "Door is open", "", bank(8, 4)))
    kiosk.languages.set_language("de")
    qtbot.waitUntil(
        lambda: kiosk.door_screen.position.text() == "Unterste Reihe, Spalte 1 von links"
    )


def test_code_field_shows_how_long_the_code_is(kiosk: Kiosk) -> None:
    screen = kiosk.code_entry_screen
    kiosk.host.show_screen("code_entry", CodeEntryData("Enter your code", length=6))
    assert screen.display.text() == "___ ___"
    for digit in "4829":
        screen.keypad.buttons[digit].click()
    assert screen.display.text() == "482 9__"
    assert not screen.ok_button.isEnabled() or screen.scan_button.property("quiet") is False
    for digit in "13":
        screen.keypad.buttons[digit].click()
    # Complete: "Open my door" is the strong one, "Scan instead" steps back.
    assert screen.ok_button.isEnabled()
    assert screen.scan_button.property("quiet") is True


def test_lockout_wait_is_said_in_minutes_and_counts_down(qtbot: QtBot, kiosk: Kiosk) -> None:
    screen = kiosk.code_entry_screen
    kiosk.host.show_screen("code_entry", CodeEntryData("Enter your code", locked_s=278))
    assert screen.error.text() == "Too many attempts. Please wait 4:38."
    screen._tick_lock()
    assert screen.error.text() == "Too many attempts. Please wait 4:37."
    screen.hide()  # stops the countdown's timer


def test_receipt_date_in_the_language_of_the_person(qtbot: QtBot, kiosk: Kiosk) -> None:
    data = ReceiptData("Thank you", "R-1", "2026-11-30 05:12", "Demo", "B07")
    kiosk.host.show_screen("receipt", data)
    assert kiosk.receipt_screen.values["when"].text() == "30/11/2026 05:12"
    kiosk.languages.set_language("de")
    qtbot.waitUntil(lambda: kiosk.receipt_screen.values["when"].text() == "30.11.26 05:12")


def test_message_screen_shows_help_line_locker_and_a_reference(
    kiosk: Kiosk, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="kiosk.ui.host")
    footer = kiosk.window.footer
    footer.help = "Help: +48 000 000 000"
    kiosk.host.show_screen("message", MessageData("Door did not open", "", "error"))
    text = footer.hint.text()
    assert footer.hint.isVisible()
    assert "Locker demo" in text
    assert "Help: +48 000 000 000" in text
    assert f"Reference {footer.reference}" in text
    assert footer.reference in caplog.text  # support finds it in the log
    kiosk.host.show_screen("out_of_service")
    assert footer.hint.isVisible()
    assert "Locker demo" in footer.hint.text()


def test_phone_screen_says_why_and_the_prefix_can_change(kiosk: Kiosk) -> None:
    from kiosk.flows.screendata import PhoneEntryData

    kiosk.host.show_screen("phone_entry", PhoneEntryData("Enter your phone number"))
    screen = kiosk.phone_entry_screen
    assert "shows the parcel is yours" in screen.reason.text()
    assert screen.prefix.count() > 1
    screen.prefix.setCurrentText("+49")
    for digit in "15112345":
        screen.keypad.buttons[digit].click()
    assert screen.prefix.currentText() + screen.value == "+4915112345"


def test_thank_you_done_is_stronger_than_open_again(kiosk: Kiosk) -> None:
    from kiosk.flows.screendata import Choice

    choices = (Choice("cancel", "Done", primary=True), Choice("reopen", "Open again"))
    kiosk.host.show_screen("message", MessageData("Thank you!", "", "success", choices))
    done, again = kiosk.message_screen.buttons
    assert done.objectName() == "PrimaryAction"
    assert again.objectName() == "QuietAction"  # an outline, not a second solid button
