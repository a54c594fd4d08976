"""The assembled kiosk: buttons start flows, flows end at idle, unknown services say so."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.helpers.kiosk import make_config, running_kiosk


def test_send_button_explains_and_returns_to_idle(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(qtbot, make_config(tmp_path)) as kiosk:
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle")
        kiosk.idle_screen.send_button.click()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "message")
        assert kiosk.message_screen.headline.text() == "Not available at this locker"
        with qtbot.waitSignal(kiosk.machine.idle_entered):
            kiosk.message_screen.buttons[0].click()
        assert kiosk.host.current_name() == "idle"


def test_walking_away_returns_to_idle_in_default_language(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(qtbot, make_config(tmp_path), inactivity_timeout_ms=150) as kiosk:
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle")
        kiosk.idle_screen.top_bar.language_button("de").click()
        qtbot.waitUntil(lambda: kiosk.languages.current == "de")
        kiosk.idle_screen.courier_button.click()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "message")
        with qtbot.waitSignal(kiosk.machine.idle_entered, timeout=3000):
            pass
        assert kiosk.host.current_name() == "idle"
        assert kiosk.languages.current == "en"


def test_out_of_service_screen(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(qtbot, make_config(tmp_path)) as kiosk:
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle")
        kiosk.machine.set_out_of_service(True, "")
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "out_of_service")
        assert "out of service" in kiosk.out_of_service_screen.headline.text()
        kiosk.idle_screen.pickup_button.click()  # hidden page: nothing may start
        assert kiosk.machine.current_flow() == ""
