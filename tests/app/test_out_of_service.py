"""When the boards stop answering, the kiosk goes out of service, and comes back by itself."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.cli import demo_config
from kiosk.app.kiosk import Kiosk
from kiosk.app.services import KioskServices, open_parts
from tests.helpers.kiosk import make_config


def test_boards_lost_means_out_of_service_then_back_to_idle(qtbot: QtBot, tmp_path: Path) -> None:
    config = demo_config(make_config(tmp_path), tmp_path)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=15000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle")
        assert kiosk.demo_codes, "the demo codes are on the idle screen"
        sim = services.simulator
        assert sim is not None
        sim.vanish()  # the USB adapter is pulled
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "out_of_service", timeout=5000)
        assert kiosk.out_of_service_screen.body.text() == "The doors cannot be opened right now."
        kiosk.idle_screen.pickup_button.click()
        assert kiosk.machine.current_flow() == ""
        sim.reappear()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle", timeout=8000)
    finally:
        kiosk.shutdown()
