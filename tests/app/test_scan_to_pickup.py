"""A scan on the idle screen starts the journey its code belongs to (serial scanner over a
pty); a scan that is no code of this locker is said and costs nothing."""

from __future__ import annotations

import os
import pty
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.services.scanner import SerialScanner
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config


@dataclass
class Scanning:
    kiosk: Kiosk
    gateway: FakeGateway
    scanner: SerialScanner
    master: int  # write here: the scanner "reads" it


@contextmanager
def scanning_kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Scanning]:
    """A kiosk at idle with a serial scanner on a pty; torn down afterwards."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    scanner = SerialScanner(os.ttyname(slave))
    gateway = FakeGateway()
    kiosk = Kiosk(make_config(tmp_path), doors=FakeDoors(), gateway=gateway, serial_scanner=scanner)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(scanner.ready, timeout=5000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        yield Scanning(kiosk, gateway, scanner, master)
    finally:
        kiosk.shutdown()
        os.close(master)
        os.close(slave)


def test_pickup_serial_scan_on_idle_starts_a_pickup_with_the_code(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with scanning_kiosk(qtbot, tmp_path) as s:
        os.write(s.master, b"482913\r\n")
        qtbot.waitUntil(lambda: len(s.gateway.verifies) == 1, timeout=5000)
        assert s.gateway.verifies[0].code == "482913"
        assert s.kiosk.host.current_name() == "busy"
        # Garbage from the scanner is rejected, never verified.
        with qtbot.waitSignal(s.scanner.rejected, timeout=5000) as rejected:
            os.write(s.master, b"\x1b[2J\x07garbage\r\n")
        assert rejected.args == ["control_characters"]
        assert len(s.gateway.verifies) == 1


def test_pickup_scan_of_no_code_of_this_locker_is_said_and_costs_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with scanning_kiosk(qtbot, tmp_path) as s:
        kiosk = s.kiosk
        # A parcel's own barcode and a URL QR code: no pickup code of this operator.
        for junk in (b"JJD000482913\r\n", b"HTTPS://EXAMPLE.COM/TRACK/42\r\n"):
            os.write(s.master, junk)
            qtbot.waitUntil(lambda: kiosk.machine.current_flow() == "unknown_scan")
            assert kiosk.host.current_name() == "message"
            kiosk.message_screen.buttons[0].click()
            qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        # Garbage bytes from the scanner: said on screen too, not silently dropped.
        os.write(s.master, b"\x1b[2J\x07garbage\r\n")
        qtbot.waitUntil(lambda: kiosk.machine.current_flow() == "unknown_scan")
        assert s.gateway.verifies == []
