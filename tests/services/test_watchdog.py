"""SystemdNotifier speaks systemd's notify protocol to a real AF_UNIX datagram socket."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.services.watchdog import SystemdNotifier, notify_address, sd_notify


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    """A bound datagram socket standing in for systemd, and its $NOTIFY_SOCKET value."""
    path = str(tmp_path / "notify")
    if len(path) >= 100:  # sun_path is 108 bytes; fall back to the abstract namespace
        path = "@locker-kiosk-test-" + secrets.token_hex(8)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path.replace("@", "\0", 1) if path.startswith("@") else path)
    sock.settimeout(5)
    yield sock, path
    sock.close()


@pytest.fixture
def abstract_listener() -> Iterator[tuple[socket.socket, str]]:
    name = "locker-kiosk-test-" + secrets.token_hex(8)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(5)
    yield sock, "@" + name
    sock.close()


def drain(sock: socket.socket) -> list[bytes]:
    """Everything queued on the socket right now, without waiting."""
    got: list[bytes] = []
    timeout = sock.gettimeout()
    sock.setblocking(False)
    try:
        while True:
            try:
                got.append(sock.recv(4096))
            except BlockingIOError:
                return got
    finally:
        sock.settimeout(timeout)


def test_ready_sends_ready_1(qtbot: QtBot, listener: tuple[socket.socket, str]) -> None:
    sock, path = listener
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": path})
    assert notifier.enabled
    assert notifier.ready()
    assert sock.recv(4096) == b"READY=1"


def test_abstract_namespace_address(
    qtbot: QtBot, abstract_listener: tuple[socket.socket, str]
) -> None:
    sock, name = abstract_listener
    assert notify_address({"NOTIFY_SOCKET": name}) == "\0" + name[1:]
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": name})
    assert notifier.status("idle\nscreen")
    assert sock.recv(4096) == b"STATUS=idle screen"


def test_without_notify_socket_everything_is_a_quiet_no_op(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="kiosk.services.watchdog"):
        notifier = SystemdNotifier(environ={"WATCHDOG_USEC": "30000000"})
        assert not notifier.enabled
        assert not notifier.ready()
        assert not notifier.start_watchdog()
        assert notifier.watchdog_interval_ms == 0
    records = [r for r in caplog.records if r.name == "kiosk.services.watchdog"]
    assert len(records) == 1
    assert records[0].levelno == logging.DEBUG


@pytest.mark.parametrize("value", ["", "relative/path", "vsock:2:1234"])
def test_unusable_notify_socket_values_disable(value: str) -> None:
    assert notify_address({"NOTIFY_SOCKET": value}) is None


def test_watchdog_pings_from_a_gui_timer_at_half_the_interval(
    qtbot: QtBot, listener: tuple[socket.socket, str]
) -> None:
    sock, path = listener
    notifier = SystemdNotifier(
        environ={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "100000", "WATCHDOG_PID": str(os.getpid())}
    )
    try:
        assert notifier.start_watchdog()
        assert notifier.watchdog_interval_ms == 50
        # The first ping goes out at once; later ones need the event loop (the GUI thread).
        assert sock.recv(4096) == b"WATCHDOG=1"
        pings: list[bytes] = []
        qtbot.waitUntil(lambda: len(pings.__iadd__(drain(sock))) >= 3, timeout=5000)
        assert set(pings) == {b"WATCHDOG=1"}
    finally:
        notifier.stop_watchdog()
    assert notifier.watchdog_interval_ms == 0


def test_watchdog_pid_of_our_parent_is_accepted(
    qtbot: QtBot, listener: tuple[socket.socket, str]
) -> None:
    """Under cage, systemd's WATCHDOG_PID is cage, our parent process."""
    sock, path = listener
    env = {"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}
    notifier = SystemdNotifier(environ=env)
    try:
        assert notifier.start_watchdog()
        assert notifier.watchdog_interval_ms == 15000
        assert sock.recv(4096) == b"WATCHDOG=1"
    finally:
        notifier.stop_watchdog()


def test_stopping_stops_the_pings(qtbot: QtBot, listener: tuple[socket.socket, str]) -> None:
    sock, path = listener
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": path, "WATCHDOG_USEC": "30000000"})
    assert notifier.start_watchdog()
    assert notifier.stopping()
    assert notifier.watchdog_interval_ms == 0
    assert drain(sock) == [b"WATCHDOG=1", b"STOPPING=1"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "WATCHDOG_USEC not set"),
        ({"WATCHDOG_USEC": "soon"}, "not a positive integer"),
        ({"WATCHDOG_USEC": "0"}, "not a positive integer"),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, "neither us nor our parent"),
    ],
)
def test_watchdog_not_started_without_a_valid_request(
    qtbot: QtBot,
    listener: tuple[socket.socket, str],
    caplog: pytest.LogCaptureFixture,
    env: dict[str, str],
    message: str,
) -> None:
    sock, path = listener
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": path, **env})
    with caplog.at_level(logging.INFO, logger="kiosk.services.watchdog"):
        assert not notifier.start_watchdog()
    assert notifier.watchdog_interval_ms == 0
    assert message in caplog.text
    assert drain(sock) == []


def test_no_listener_is_logged_not_raised(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = SystemdNotifier(environ={"NOTIFY_SOCKET": str(tmp_path / "gone")})
    with caplog.at_level(logging.WARNING, logger="kiosk.services.watchdog"):
        assert not notifier.ready()
    assert "sd_notify READY=1 failed" in caplog.text


def test_full_receive_queue_never_blocks_the_caller(
    listener: tuple[socket.socket, str], caplog: pytest.LogCaptureFixture
) -> None:
    """systemd not reading its socket must not freeze the GUI thread: sends fail instead."""
    _sock, path = listener
    address = path.replace("@", "\0", 1) if path.startswith("@") else path
    sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        with caplog.at_level(logging.CRITICAL, logger="kiosk.services.watchdog"):
            results = [sd_notify(address, "WATCHDOG=1", sender) for _ in range(5000)]
    finally:
        sender.close()
    assert results[0] is True
    assert False in results
