"""The technician CLI, in process and as installed programs, against the pty simulator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.hardware.cli import main
from kiosk.hardware.cu16 import CMD_STATUS, CMD_UNLOCK
from kiosk.hardware.driver import Bus, BusSettings, _process_name
from kiosk.hardware.simulator import SimulatedBus

MakeSim = Callable[..., SimulatedBus]


def lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_open_then_status_shows_only_that_lock_open(
    sim: SimulatedBus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--port", sim.path, "--board", "1", "open", "--lock", "3"]) == 0
    assert lines(capsys.readouterr().out) == [{"board": 1, "lock": 3, "opened": True}]
    assert main(["--port", sim.path, "--board", "1", "status"]) == 0
    rows = lines(capsys.readouterr().out)
    assert len(rows) == 16
    assert rows[2] == {"board": 1, "lock": 3, "closed": False, "item": None}
    assert [r["lock"] for r in rows if r["closed"]] == [n for n in range(1, 17) if n != 3]


def test_status_with_sensors_reports_items(
    sim: SimulatedBus, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.set_item(2, 5, True)
    assert main(["--port", sim.path, "--board", "2", "--sensors", "status"]) == 0
    rows = lines(capsys.readouterr().out)
    assert rows[4]["item"] is True
    assert rows[5]["item"] is False


def test_status_without_board_reads_every_board(
    sim: SimulatedBus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--port", sim.path, "--timeout", "40", "status"]) == 0
    rows = lines(capsys.readouterr().out)
    assert {r["board"] for r in rows} == {1, 2}
    assert len(rows) == 32


def test_scan_lists_boards(sim: SimulatedBus, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", sim.path, "--timeout", "40", "scan"]) == 0
    assert lines(capsys.readouterr().out) == [{"board": 1}, {"board": 2}]


def test_open_of_jammed_lock_exits_1_and_says_so(
    sim: SimulatedBus, capsys: pytest.CaptureFixture[str]
) -> None:
    sim.jam(1, 4)
    argv = ["--port", sim.path, "--board", "1", "--open-timeout", "0.8", "open", "--lock", "4"]
    assert main(argv) == 1
    assert "did not open" in capsys.readouterr().err
    assert len(sim.requests(CMD_UNLOCK)) == 2


def test_open_all(sim: SimulatedBus, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", sim.path, "--board", "2", "open-all"]) == 0
    rows = lines(capsys.readouterr().out)
    assert [r["closed"] for r in rows] == [False] * 16


def test_unlock_reply_none_variant(make_sim: MakeSim, capsys: pytest.CaptureFixture[str]) -> None:
    sim = make_sim(1, unlock_reply="none", hook_closed_bit=0)
    argv = ["--port", sim.path, "--board", "1", "--unlock-reply", "none", "--hook-closed-bit", "0"]
    assert main([*argv, "open", "--lock", "9"]) == 0
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert main([*argv, "status"]) == 0
    rows = lines(capsys.readouterr().out)[1:]
    assert [r["lock"] for r in rows if not r["closed"]] == [9]


def test_watch_prints_door_changes(sim: SimulatedBus, capsys: pytest.CaptureFixture[str]) -> None:
    codes: list[int] = []
    argv = ["--port", sim.path, "--board", "1", "watch", "--duration", "1.0", "--interval", "0.05"]
    thread = threading.Thread(target=lambda: codes.append(main(argv)))
    thread.start()
    assert sim.wait_for_requests(1)
    sim.open_door(1, 2)
    thread.join(5)
    assert codes == [0]
    assert {"event": "forced", "board": 1, "lock": 2} in lines(capsys.readouterr().out)


def test_missing_port_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--port", str(tmp_path / "ttyUSB7"), "scan"]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens any file")
def test_permission_denied_names_the_dialout_group(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = tmp_path / "ttyS7"
    dev.touch(mode=0o000)
    assert main(["--port", str(dev), "scan"]) == 2
    assert "dialout" in capsys.readouterr().err


def test_no_board_answering_exits_2(make_sim: MakeSim, capsys: pytest.CaptureFixture[str]) -> None:
    sim = make_sim([3])
    sim.mute(3)
    assert main(["--port", sim.path, "--timeout", "20", "scan"]) == 2
    assert "no board answering" in capsys.readouterr().err
    assert main(["--port", sim.path, "--timeout", "20", "--board", "3", "status"]) == 2
    assert "board 3 is not answering" in capsys.readouterr().err
    assert len(sim.requests(CMD_STATUS, board=3)) == 1 + 3


def test_port_held_by_another_opener_exits_2_naming_it(
    sim: SimulatedBus, capsys: pytest.CaptureFixture[str]
) -> None:
    with Bus(BusSettings(port=sim.path)) as kiosk:
        kiosk.open_port()
        assert main(["--port", sim.path, "--board", "1", "open", "--lock", "3"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"locker-kiosk-board: serial port {sim.path} is in use by "
        f"{_process_name(os.getpid())} (pid {os.getpid()}); stop it first"
    ]
    assert sim.requests() == []  # not one frame on the bus
    assert sim.is_closed(1, 3)


def test_not_a_serial_port_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "ttyUSB0"
    plain.write_text("")
    assert main(["--port", str(plain), "scan"]) == 2
    assert "is not a character device (it is a regular file)" in capsys.readouterr().err


def test_open_without_board_is_a_usage_error(
    sim: SimulatedBus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--port", sim.path, "open", "--lock", "1"]) == 2
    assert "--board" in capsys.readouterr().err


def _script(name: str) -> list[str]:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} not installed")
    return [found]


@pytest.fixture
def boardsim(tmp_path: Path) -> Iterator[str]:
    link = tmp_path / "lockerboard"
    proc = subprocess.Popen(
        [*_script("locker-kiosk-boardsim"), "--boards", "2", "--link", str(link)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    device = proc.stdout.readline().strip()
    linked = proc.stdout.readline().strip()
    try:
        assert device.startswith("/dev/pts/")
        assert linked == f"link {link}"
        assert os.path.realpath(link) == device
        yield str(link)
    finally:
        proc.terminate()
        assert proc.wait(5) == 0


@pytest.mark.slow
def test_installed_programs_open_lock_3(boardsim: str) -> None:
    board = [*_script("locker-kiosk-board"), "--port", boardsim, "--board", "1"]
    opened = subprocess.run([*board, "open", "--lock", "3"], capture_output=True, text=True)
    assert opened.returncode == 0, opened.stderr
    status = subprocess.run([*board, "status"], capture_output=True, text=True, check=True)
    rows = lines(status.stdout)
    assert [r["lock"] for r in rows if not r["closed"]] == [3]
    assert sum(1 for r in rows if r["closed"]) == 15


@pytest.mark.slow
def test_cli_refused_while_the_watching_cli_holds_the_bus(sim: SimulatedBus) -> None:
    """A second program is refused with one line naming the first, found from /proc."""
    watcher = subprocess.Popen(
        [*_script("locker-kiosk-board"), "--port", sim.path, "--board", "1", "watch"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert sim.wait_for_requests(1)  # it has the port and polls
        board = [*_script("locker-kiosk-board"), "--port", sim.path, "--board", "1"]
        opened = subprocess.run([*board, "open", "--lock", "3"], capture_output=True, text=True)
        assert opened.returncode == 2
        assert opened.stderr.splitlines() == [
            f"locker-kiosk-board: serial port {sim.path} is in use by "
            f"locker-kiosk-board (pid {watcher.pid}); stop it first"
        ]
        assert sim.requests(CMD_UNLOCK) == []
        assert sim.is_closed(1, 3)
    finally:
        watcher.terminate()
        watcher.wait(5)
