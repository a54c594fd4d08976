"""The assembled kiosk: buttons start flows, flows end at idle, unknown services say so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.shell import Shell
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
        kiosk.window.language_button("de").click()
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
        kiosk.machine.set_out_of_service("boards", True, "")
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "out_of_service")
        assert "out of service" in kiosk.out_of_service_screen.headline.text()
        kiosk.idle_screen.pickup_button.click()  # hidden page: nothing may start
        assert kiosk.machine.current_flow() == ""


def test_taps_made_while_the_kiosk_was_starting_are_served(qtbot: QtBot, tmp_path: Path) -> None:
    """``locker-kiosk`` shows the idle screen before it builds the rest: taps in that
    window wait in Qt's queue, and the kiosk acts on them once it is running."""
    config = make_config(tmp_path)
    shell = Shell(config)
    shell.window.show()
    idle = shell.idle_screen
    for widget in (shell.window.language_button("de"), idle.send_button):
        centre = widget.rect().center()
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            QCoreApplication.postEvent(
                widget,
                QMouseEvent(
                    kind,
                    QPointF(centre),
                    widget.mapToGlobal(QPointF(centre)),
                    Qt.MouseButton.LeftButton,
                    Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier,
                ),
            )
    kiosk = Kiosk(config, shell=shell)
    try:
        kiosk.start()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "message")
        assert kiosk.languages.current == "de"
        assert kiosk.message_screen.headline.text() == "An dieser Station nicht verfügbar"
    finally:
        kiosk.shutdown()
