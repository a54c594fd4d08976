"""Scanners as the app sees them: wedge bursts swallowed, typing untouched, serial over a pty."""

from __future__ import annotations

import contextlib
import os
import pty
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.services.scanner import SerialScanner, WedgeScanner


class FakeClock:
    """Monotonic seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def screen(qtbot: QtBot) -> Iterator[tuple[QWindow, QLineEdit]]:
    """A shown window with a focused line edit, as on the code entry screen."""
    root = QWidget()
    qtbot.addWidget(root)
    edit = QLineEdit(root)
    QVBoxLayout(root).addWidget(edit)
    root.show()
    qtbot.waitExposed(root)
    edit.setFocus()
    window = root.windowHandle()
    assert window is not None
    yield window, edit
    root.close()


def type_keys(window: QWindow, clock: FakeClock, text: str, step: float, enter: bool) -> None:
    for ch in text:
        QTest.keyClick(window, ord(ch))
        clock.now += step
    if enter:
        QTest.keyClick(window, Qt.Key.Key_Return)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def wedge(qtbot: QtBot, clock: FakeClock) -> Iterator[WedgeScanner]:
    scanner = WedgeScanner(clock=clock)
    scanner.start()
    yield scanner
    scanner.stop()


def test_scan_wedge_burst_is_scanned_and_swallowed(
    qtbot: QtBot, screen: tuple[QWindow, QLineEdit], clock: FakeClock, wedge: WedgeScanner
) -> None:
    window, edit = screen
    with qtbot.waitSignal(wedge.scanned) as blocker:
        type_keys(window, clock, "PX-7731-QK", 0.010, enter=True)
    assert blocker.args == ["PX-7731-QK"]
    assert edit.text() == ""


def test_scan_wedge_human_typing_reaches_line_edit(
    qtbot: QtBot, screen: tuple[QWindow, QLineEdit], clock: FakeClock, wedge: WedgeScanner
) -> None:
    window, edit = screen
    scans: list[str] = []
    wedge.scanned.connect(scans.append)
    returned: list[bool] = []
    edit.returnPressed.connect(lambda: returned.append(True))
    type_keys(window, clock, "4711AB", 0.150, enter=True)
    clock.now += 0.150
    qtbot.waitUntil(lambda: bool(returned))
    assert edit.text() == "4711AB"
    assert scans == []


def test_scan_wedge_last_typed_key_released_by_timer(
    qtbot: QtBot, screen: tuple[QWindow, QLineEdit], clock: FakeClock, wedge: WedgeScanner
) -> None:
    window, edit = screen
    type_keys(window, clock, "A7", 0.200, enter=False)
    # "A" was released when "7" came too late to be part of a burst; "7" itself stays held
    # until the gap timer fires and finds the (fake) clock past its deadline.
    assert edit.text() == "A"
    qtbot.waitUntil(lambda: edit.text() == "A7")


def test_scan_wedge_prefix_lets_typing_through_at_once(
    qtbot: QtBot, screen: tuple[QWindow, QLineEdit], clock: FakeClock
) -> None:
    window, edit = screen
    scanner = WedgeScanner(prefix="#", clock=clock)
    scanner.start()
    try:
        # Fast, long and ending with Enter, but without the prefix: typing, delivered at once.
        type_keys(window, clock, "123456", 0.010, enter=False)
        assert edit.text() == "123456"
        with qtbot.waitSignal(scanner.scanned) as blocker:
            type_keys(window, clock, "#ABC-99-XY", 0.008, enter=True)
        assert blocker.args == ["ABC-99-XY"]
        assert edit.text() == "123456"
    finally:
        scanner.stop()


def test_scan_wedge_overlong_burst_rejected(
    qtbot: QtBot, screen: tuple[QWindow, QLineEdit], clock: FakeClock
) -> None:
    window, edit = screen
    scanner = WedgeScanner(max_length=64, clock=clock)
    scanner.start()
    try:
        with qtbot.waitSignal(scanner.rejected) as blocker:
            type_keys(window, clock, "9" * 200, 0.005, enter=True)
        assert blocker.args == ["too_long"]
        assert edit.text() == ""
    finally:
        scanner.stop()


@pytest.fixture
def pty_port() -> Iterator[tuple[int, str]]:
    """A pseudo-terminal: the test writes to the master, the scanner opens the slave path."""
    master, slave = pty.openpty()
    tty.setraw(slave)  # no echo, no CR->LF rewriting: bytes arrive as the scanner sent them
    name = os.ttyname(slave)
    yield master, name
    for fd in (master, slave):
        with contextlib.suppress(OSError):
            os.close(fd)


def test_scan_serial_scanner_lines_over_pty(qtbot: QtBot, pty_port: tuple[int, str]) -> None:
    master, name = pty_port
    scanner = SerialScanner(name)
    got: list[str] = []
    bad: list[str] = []
    scanner.scanned.connect(got.append)
    scanner.rejected.connect(bad.append)
    with qtbot.waitSignal(scanner.ready):
        scanner.start()
    try:
        os.write(master, b"5901234")
        os.write(master, b"123457\r\nPX-77")
        os.write(master, b"31\r\n\xff\xfe\r\nA\x1bB\r\n")
        os.write(master, b"OK-9\n")
        qtbot.waitUntil(lambda: len(got) == 3)
        assert got == ["5901234123457", "PX-7731", "OK-9"]
        assert bad == ["not_utf8", "control_characters"]
    finally:
        scanner.stop()
    assert not scanner.running


def test_scan_serial_scanner_missing_port_is_unavailable(qtbot: QtBot, tmp_path: Path) -> None:
    scanner = SerialScanner(str(tmp_path / "ttyNOPE"))
    with qtbot.waitSignal(scanner.unavailable) as blocker:
        scanner.start()
    assert "ttyNOPE" in blocker.args[0]
    assert not scanner.running
    scanner.stop()


def test_scan_serial_scanner_unplugged_is_unavailable(
    qtbot: QtBot, pty_port: tuple[int, str]
) -> None:
    master, name = pty_port
    scanner = SerialScanner(name)
    got: list[str] = []
    scanner.scanned.connect(got.append)
    with qtbot.waitSignal(scanner.ready):
        scanner.start()
    os.write(master, b"BEFORE-1\r\n")
    qtbot.waitUntil(lambda: got == ["BEFORE-1"])
    with qtbot.waitSignal(scanner.unavailable):
        os.close(master)  # the far end goes away, as an unplugged USB scanner does
    assert not scanner.running
    scanner.stop()


def test_scan_wedge_default_limit_rejects_a_3000_digit_burst(
    qtbot: QtBot, screen: tuple[QWindow, QLineEdit], wedge: WedgeScanner, clock: FakeClock
) -> None:
    """With the app's default settings a stuck trigger is rejected, not checked as a code."""
    window, edit = screen
    got: list[str] = []
    wedge.scanned.connect(got.append)
    with qtbot.waitSignal(wedge.rejected) as blocker:
        type_keys(window, clock, "1" * 3000, 0.005, enter=True)
    assert blocker.args == ["too_long"]
    assert got == []
    assert edit.text() == ""


def test_scan_serial_scanner_rejects_urls_and_overlong_lines(
    qtbot: QtBot, pty_port: tuple[int, str]
) -> None:
    master, name = pty_port
    scanner = SerialScanner(name)
    got: list[str] = []
    bad: list[str] = []
    scanner.scanned.connect(got.append)
    scanner.rejected.connect(bad.append)
    with qtbot.waitSignal(scanner.ready):
        scanner.start()
    try:
        os.write(master, b"https://track.example.com/p?id=123456\r\n")
        os.write(master, b"4" * 4096 + b"\r\n")
        os.write(master, "Zürich-1\r\n".encode())
        os.write(master, b"123456\r\n")
        qtbot.waitUntil(lambda: got == ["123456"])
        assert bad == ["url", "too_long", "not_ascii"]
    finally:
        scanner.stop()
