"""BoardService: compartments in, door signals out, the bus on a worker over a real pty."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.hardware import cli
from kiosk.hardware.cu16 import CMD_STATUS, CMD_UNLOCK
from kiosk.hardware.driver import Bus
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.board import BoardService, letter_layout
from tests.hardware.conftest import fast_settings

LAYOUT = letter_layout([1, 2])


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedBus]:
    s = SimulatedBus(2, link=str(tmp_path / "lockerboard"))
    s.start()
    yield s
    s.stop()


def make_service(qtbot: QtBot, sim: SimulatedBus, **overrides: Any) -> BoardService:
    settings = fast_settings(sim.path, sensor_boards=frozenset({1}), **overrides)
    service = BoardService(Bus(settings), LAYOUT)
    return service


@pytest.fixture
def service(qtbot: QtBot, sim: SimulatedBus) -> Iterator[BoardService]:
    svc = make_service(qtbot, sim)
    with qtbot.waitSignals([svc.board_online, svc.board_online], timeout=3000):
        svc.start()
    yield svc
    svc.stop()


def test_letter_layout_names_compartments_by_board() -> None:
    assert LAYOUT["A01"] == (1, 1)
    assert LAYOUT["A16"] == (1, 16)
    assert LAYOUT["B03"] == (2, 3)
    assert len(LAYOUT) == 32


def test_open_then_close(qtbot: QtBot, sim: SimulatedBus, service: BoardService) -> None:
    with qtbot.waitSignal(service.door_opened, timeout=3000) as opened:
        service.open("A03")
    assert opened.args == ["A03"]
    assert not sim.is_closed(1, 3)
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert service.snapshot().doors["A03"] == "open"
    with qtbot.waitSignal(service.door_closed, timeout=3000) as closed:
        sim.close_door(1, 3)
    assert closed.args == ["A03"]
    assert service.snapshot().doors["A03"] == "closed"


def test_jammed_door_fails_after_the_timeout(
    qtbot: QtBot, sim: SimulatedBus, service: BoardService
) -> None:
    sim.jam(2, 5)
    with qtbot.waitSignal(service.open_failed, timeout=3000) as failed:
        service.open("B05")
    assert failed.args == ["B05", "did_not_open"]
    assert len(sim.requests(CMD_UNLOCK, board=2, lock=5)) == 2


def test_try_again_reads_the_door_before_any_new_unlock(
    qtbot: QtBot, sim: SimulatedBus, service: BoardService
) -> None:
    sim.jam(2, 5)
    with qtbot.waitSignal(service.open_failed, timeout=3000):
        service.open("B05")
    assert len(sim.requests(CMD_UNLOCK, board=2, lock=5)) == 2
    # The door came open after all (freed by hand); "try again" must not unlock blindly.
    sim.jam(2, 5, False)
    sim.open_door(2, 5)
    with qtbot.waitSignal(service.door_opened, timeout=3000) as opened:
        service.open("B05")
    assert opened.args == ["B05"]
    assert len(sim.requests(CMD_UNLOCK, board=2, lock=5)) == 2


def test_unknown_compartment(qtbot: QtBot, service: BoardService) -> None:
    with qtbot.waitSignal(service.open_failed, timeout=1000) as failed:
        service.open("Z99")
    assert failed.args == ["Z99", "unknown_compartment"]


def test_open_before_start_fails_cleanly(qtbot: QtBot, sim: SimulatedBus) -> None:
    svc = make_service(qtbot, sim)
    with qtbot.waitSignal(svc.open_failed, timeout=1000) as failed:
        svc.open("A01")
    assert failed.args == ["A01", "not_started"]


def test_forced_door(qtbot: QtBot, sim: SimulatedBus, service: BoardService) -> None:
    with qtbot.waitSignal(service.door_forced, timeout=3000) as forced:
        sim.open_door(2, 16)
    assert forced.args == ["B16"]


def test_item_sensor(qtbot: QtBot, sim: SimulatedBus, service: BoardService) -> None:
    with qtbot.waitSignal(service.item_changed, timeout=3000) as changed:
        sim.set_item(1, 7, True)
    assert changed.args == ["A07", True]
    snap = service.snapshot()
    assert snap.occupied["A07"] is True
    assert snap.occupied["A08"] is False
    assert snap.occupied["B07"] is None  # board 2 has no sensors: unknown, never empty


def test_port_lost_and_back_without_restart(
    qtbot: QtBot, sim: SimulatedBus, service: BoardService
) -> None:
    with qtbot.waitSignals([service.board_offline, service.board_offline], timeout=2000):
        sim.vanish()
    snap = service.snapshot()
    assert snap.offline_boards == (1, 2)
    assert set(snap.doors.values()) == {"unknown"}
    with qtbot.waitSignals([service.board_online, service.board_online], timeout=3000):
        sim.reappear()
    with qtbot.waitSignal(service.door_opened, timeout=3000):
        service.open("B01")


def test_cli_open_while_the_kiosk_runs_is_refused(
    qtbot: QtBot,
    sim: SimulatedBus,
    service: BoardService,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The CLI's unlock while the kiosk ran made the kiosk report the door as forced."""
    forced: list[str] = []
    service.door_forced.connect(forced.append)
    assert cli.main(["--port", sim.path, "--board", "1", "open", "--lock", "3"]) == 2
    assert "is in use by" in capsys.readouterr().err
    assert sim.requests(CMD_UNLOCK) == []
    with qtbot.waitSignal(service.door_opened, timeout=3000) as opened:
        service.open("A04")
    assert opened.args == ["A04"]
    assert sim.is_closed(1, 3)
    assert forced == []


def test_silent_board_goes_offline(qtbot: QtBot, sim: SimulatedBus, service: BoardService) -> None:
    with qtbot.waitSignal(service.board_offline, timeout=3000) as offline:
        sim.mute(2)
    assert offline.args == [2]
    with qtbot.waitSignal(service.open_failed, timeout=3000) as failed:
        service.open("B02")
    assert failed.args == ["B02", "board_not_answering"]


def test_port_missing_at_start_reports_boards_offline(qtbot: QtBot, tmp_path: Path) -> None:
    svc = BoardService(Bus(fast_settings(str(tmp_path / "nothing"))), LAYOUT)
    with qtbot.waitSignals([svc.board_offline, svc.board_offline], timeout=2000):
        svc.start()
    with qtbot.waitSignal(svc.open_failed, timeout=2000) as failed:
        svc.open("A01")
    assert failed.args == ["A01", "port_unavailable"]
    svc.stop()


def test_missing_port_is_named_in_the_kiosk_log_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One line naming the port and what is wrong, however often it is tried again."""
    port = tmp_path / "lockerboard"
    # Reopen due at every request: each open below is one more failed attempt.
    svc = BoardService(Bus(fast_settings(str(port), reopen_interval_s=0.0)), LAYOUT)
    caplog.set_level(logging.INFO, "kiosk.hardware.driver")
    with qtbot.waitSignals([svc.board_offline, svc.board_offline], timeout=2000):
        svc.start()
    for _ in range(3):
        with qtbot.waitSignal(svc.open_failed, timeout=2000) as failed:
            svc.open("A01")
        assert failed.args == ["A01", "port_unavailable"]
    svc.stop()
    lines = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert lines == [f"serial port {port} does not exist"]


def test_one_poll_job_at_a_time(qtbot: QtBot, tmp_path: Path) -> None:
    slow = SimulatedBus(2, reply_delay_s=0.03)
    slow.start()
    try:
        svc = BoardService(Bus(fast_settings(slow.path, poll_idle_s=0.0)), LAYOUT, tick_ms=1)
        svc.start()
        depth: list[int] = []

        def enough() -> bool:
            depth.append(svc._worker.pending())
            return len(slow.requests(CMD_STATUS)) >= 6

        qtbot.waitUntil(enough, timeout=3000)
        svc.stop()
        assert max(depth) == 1
    finally:
        slow.stop()


def test_stop_leaves_nothing_running(qtbot: QtBot, sim: SimulatedBus) -> None:
    svc = make_service(qtbot, sim)
    svc.start()
    svc.stop()
    svc.stop()
    assert not svc._worker.is_running()
