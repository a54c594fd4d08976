"""A scan on the idle screen starts a pickup with that code (serial scanner over a pty)."""

from __future__ import annotations

import os
import pty
import tty
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.services.scanner import SerialScanner
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config


def test_pickup_serial_scan_on_idle_starts_a_pickup_with_the_code(
    qtbot: QtBot, tmp_path: Path
) -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)
    scanner = SerialScanner(os.ttyname(slave))
    gateway, doors = FakeGateway(), FakeDoors()
    kiosk = Kiosk(make_config(tmp_path), doors=doors, gateway=gateway, serial_scanner=scanner)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(scanner.ready, timeout=5000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        os.write(master, b"482913\r\n")
        qtbot.waitUntil(lambda: len(gateway.verifies) == 1, timeout=5000)
        assert gateway.verifies[0].code == "482913"
        assert kiosk.host.current_name() == "busy"
        # Garbage from the scanner is rejected, never verified.
        with qtbot.waitSignal(scanner.rejected, timeout=5000) as rejected:
            os.write(master, b"\x1b[2J\x07garbage\r\n")
        assert rejected.args == ["control_characters"]
        assert len(gateway.verifies) == 1
    finally:
        kiosk.shutdown()
        os.close(master)
        os.close(slave)


def test_pickup_scan_of_no_code_of_this_locker_is_said_and_costs_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    master, slave = pty.openpty()
    tty.setraw(slave)
    scanner = SerialScanner(os.ttyname(slave))
    gateway, doors = FakeGateway(), FakeDoors()
    kiosk = Kiosk(make_config(tmp_path), doors=doors, gateway=gateway, serial_scanner=scanner)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(scanner.ready, timeout=5000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        # A parcel's own barcode and a URL QR code: no pickup code of this operator.
        for junk in (b"JJD000482913\r\n", b"HTTPS://EXAMPLE.COM/TRACK/42\r\n"):
            os.write(master, junk)
            qtbot.waitUntil(lambda: kiosk.machine.current_flow() == "unknown_scan")
            assert kiosk.host.current_name() == "message"
            kiosk.message_screen.buttons[0].click()
            qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        # Garbage bytes from the scanner: said on screen too, not silently dropped.
        os.write(master, b"\x1b[2J\x07garbage\r\n")
        qtbot.waitUntil(lambda: kiosk.machine.current_flow() == "unknown_scan")
        assert gateway.verifies == []
    finally:
        kiosk.shutdown()
        os.close(master)
        os.close(slave)
