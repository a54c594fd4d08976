"""Boards lost put the kiosk out of service until they are back; a forced door is reported."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.cli import demo_config
from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import EmbeddedBackend
from tests.helpers.kiosk import make_config, stored_events


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


def test_a_forced_door_reaches_the_backend_as_an_event(qtbot: QtBot, tmp_path: Path) -> None:
    config = demo_config(make_config(tmp_path), tmp_path)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services)
    try:
        with qtbot.waitSignal(services.ready, timeout=15000):
            kiosk.start()
        sim, backend = services.simulator, services.parts.backend
        assert sim is not None
        assert isinstance(backend, EmbeddedBackend)
        # Once the boards have been read: a door already open at the first reading is
        # how the kiosk found it, not something that happened now.
        qtbot.waitUntil(
            lambda: (
                services.board is not None
                and services.board.snapshot().doors.get("A05") == "closed"
            )
        )
        sim.open_door(1, 5)  # nobody asked for A05 to open
        qtbot.waitUntil(
            lambda: (
                [e for e in stored_events(backend.core, "demo") if e[0] == "door_forced"]
                == [("door_forced", "A05")]
            ),
            timeout=8000,
        )
    finally:
        kiosk.shutdown()
