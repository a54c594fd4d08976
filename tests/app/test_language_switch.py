"""The language can be changed on every customer screen, and changing it mid-flow keeps
the flow where it is: the typed code stays, the flow's texts follow the new language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.flows.screendata import MessageData
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    gateway = FakeGateway()
    with running_kiosk(qtbot, make_config(tmp_path), doors=FakeDoors(), gateway=gateway) as k:
        qtbot.waitUntil(lambda: k.host.current_name() == "idle")
        yield k


def choose_language(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    """As a person does it: the footer's language button, then the language by name."""
    footer = kiosk.window.footer
    assert footer.isVisible()
    assert footer.language_button.isVisible()
    footer.language_button.click()
    qtbot.waitUntil(kiosk.window.picker.isVisible)
    kiosk.window.language_button(code).click()
    qtbot.waitUntil(lambda: kiosk.languages.current == code)
    assert not kiosk.window.picker.isVisible()


def test_language_switch_mid_pickup_keeps_the_typed_code(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    screen = kiosk.code_entry_screen
    assert screen.title.text() == "Enter your pickup code"
    for digit in "482":
        screen.keypad.buttons[digit].click()
    state = kiosk.pickup.state_name() if kiosk.pickup else ""
    choose_language(qtbot, kiosk, "de")
    assert kiosk.host.current_name() == "code_entry"
    assert screen.value == "482"
    assert screen.display.text() == "482 ___"
    assert screen.title.text() == "Abholcode eingeben"  # the flow's text, in German now
    assert screen.cancel_button.text() == "Abbrechen"  # the screen's own
    assert kiosk.pickup is not None
    assert kiosk.pickup.state_name() == state
    # The code goes on where it was: three more digits complete it.
    for digit in "913":
        screen.keypad.buttons[digit].click()
    assert screen.value == "482913"
    choose_language(qtbot, kiosk, "pl")
    assert screen.value == "482913"
    assert screen.title.text() == "Wpisz kod odbioru"


def test_language_button_is_on_every_customer_screen(qtbot: QtBot, kiosk: Kiosk) -> None:
    for name in ("idle", "code_entry", "phone_entry", "camera", "busy", "door", "message"):
        kiosk.host.show_screen(name)
        assert kiosk.window.footer.language_button.isVisible(), name
    for name in ("courier_home", "admin"):
        kiosk.host.show_screen(name)
        assert not kiosk.window.footer.isVisible(), name


def test_language_switch_translates_a_message_with_a_value(qtbot: QtBot, kiosk: Kiosk) -> None:
    """Texts with a placeholder ("Door %1 is open") keep their value in the new language."""
    from PySide6.QtCore import QCoreApplication

    headline = QCoreApplication.translate("DoorCycle", "Door %1 did not open").replace("%1", "B07")
    kiosk.host.show_screen("message", MessageData(headline, "", "error"))
    choose_language(qtbot, kiosk, "de")
    assert "B07" in kiosk.message_screen.headline.text()
    assert kiosk.message_screen.headline.text() != headline


def test_language_names_are_their_own(kiosk: Kiosk) -> None:
    names = {code: kiosk.window.language_button(code).text() for code in ("en", "de", "pl")}
    assert names == {"en": "English", "de": "Deutsch", "pl": "Polski"}
    assert kiosk.window.footer.language_button.text() == "English"


def test_language_back_to_default_at_idle(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    choose_language(qtbot, kiosk, "pl")
    with qtbot.waitSignal(kiosk.machine.idle_entered):
        kiosk.code_entry_screen.cancel_button.click()
    assert kiosk.languages.current == "en"
    assert kiosk.window.footer.language_button.text() == "English"


def test_language_choices_are_the_backends_that_the_kiosk_ships(kiosk: Kiosk) -> None:
    from kiosk.backend.api import LockerSettings

    kiosk._apply_precedence(LockerSettings(languages=["pl", "xx", "en"]))
    assert list(kiosk.window.picker.buttons) == ["pl", "en"]
    assert [b.text() for b in kiosk.window.picker.buttons.values()] == ["Polski", "English"]
