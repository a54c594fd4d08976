"""Without QtMultimedia (no libpulse0) the camera says so once; it is never imported early.

This module does not import QtMultimedia itself, so it runs on machines where it cannot load.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from types import ModuleType

import pytest
from pytestqt.qtbot import QtBot

from kiosk.scanning.decode import Decoder
from kiosk.services.camera import CameraScanner


def failing_import() -> ModuleType:
    raise ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")


def test_scan_camera_without_qtmultimedia_is_unavailable(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    scanner = CameraScanner(Decoder(), multimedia_loader=failing_import)
    with (
        caplog.at_level(logging.INFO, logger="kiosk.services.camera"),
        qtbot.waitSignal(scanner.unavailable) as blocker,
    ):
        assert not scanner.start()
    assert "libpulse" in blocker.args[0]
    lines = [r for r in caplog.records if r.name == "kiosk.services.camera"]
    assert len(lines) == 1
    assert lines[0].levelno == logging.WARNING
    assert scanner.video_sink() is None
    assert not scanner.active
    scanner.stop()


def test_scan_services_import_neither_qtmultimedia_nor_zbar() -> None:
    # QtMultimedia costs ~100 ms and needs libpulse0; libzbar is optional: both load on use.
    code = (
        "import sys, kiosk.services.camera, kiosk.services.scanner, kiosk.scanning.decode;"
        "print(sorted(m for m in sys.modules if 'QtMultimedia' in m or m.startswith('pyzbar')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
