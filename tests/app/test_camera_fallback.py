"""Without a usable camera, "Scan instead" comes back to the keypad with a message."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from pytestqt.qtbot import QtBot

from kiosk.services.camera import CameraScanner
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk


def no_multimedia() -> ModuleType:
    raise ImportError("libpulse.so.0: cannot open shared object file")


def test_pickup_scan_without_camera_falls_back_to_the_keypad(qtbot: QtBot, tmp_path: Path) -> None:
    camera = CameraScanner(multimedia_loader=no_multimedia)
    with running_kiosk(
        qtbot, make_config(tmp_path), doors=FakeDoors(), gateway=FakeGateway(), camera=camera
    ) as kiosk:
        kiosk.idle_screen.pickup_button.click()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
        kiosk.code_entry_screen.scan_button.click()
        qtbot.waitUntil(lambda: "not available" in kiosk.code_entry_screen.error.text())
        assert kiosk.host.current_name() == "code_entry"
        assert kiosk.pickup is not None
        assert kiosk.pickup.entering_code.active()
