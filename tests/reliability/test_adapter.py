"""Trial: the USB adapter pulled and plugged back: out of service within 2 s, normal after.

At the level of the kiosk's BoardService with the production intervals (the defaults of
``BusSettings``: the port checked every second, reopened every second, idle boards read
every 3 s): the link to the simulator disappears, either the whole pty (what an unplugged
adapter does: I/O errors, the device node gone) or only the device path (udev removing
``/dev/lockerboard``). Every board must go offline; when the link is back every board comes
back online and a door opens again, with the same service object: no restart.

The time from pulling to the last ``board_offline`` is measured, not asserted (a loaded
CI machine is no stopwatch): the figure is what the README's "within 2 s" rests on. With
the defaults it is bounded by ``port_check_interval_s`` (1 s) plus one poll tick (50 ms).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.hardware.driver import Bus, BusSettings
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.board import BoardService, letter_layout
from tests.reliability.conftest import Trial, trial_size

CYCLES = trial_size(2, 10)
BOARDS = [1, 2]
# Generous waits for a signal: far above the goal, only there so a broken build fails.
WAIT_MS = 6000


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimulatedBus]:
    s = SimulatedBus(BOARDS, link=str(tmp_path / "lockerboard"))
    s.start()
    yield s
    s.stop()


@pytest.fixture
def service(qtbot: QtBot, sim: SimulatedBus) -> Iterator[BoardService]:
    svc = BoardService(Bus(BusSettings(port=sim.path)), letter_layout(BOARDS))
    with qtbot.waitSignals([svc.board_online] * len(BOARDS), timeout=WAIT_MS):
        svc.start()
    yield svc
    svc.stop()


def pull_pty(sim: SimulatedBus) -> Callable[[], None]:
    """Close the pty and remove its link: the adapter unplugged."""
    sim.vanish()
    return sim.reappear


def pull_path(sim: SimulatedBus) -> Callable[[], None]:
    """Remove only the device path (the pty itself still works): udev losing the name."""
    link = sim.path
    os.unlink(link)
    return lambda: os.symlink(sim.device, link)


def test_adapter_gone_and_back_without_restart(
    qtbot: QtBot, sim: SimulatedBus, service: BoardService, trial: Trial
) -> None:
    offline_at: list[float] = []
    online_at: list[float] = []
    service.board_offline.connect(lambda board: offline_at.append(time.monotonic()))
    service.board_online.connect(lambda board: online_at.append(time.monotonic()))
    worker = service._worker
    to_offline_ms: list[float] = []
    to_online_ms: list[float] = []
    doors_opened = 0
    for cycle in range(CYCLES):
        pull = pull_pty if cycle % 2 == 0 else pull_path
        offline_at.clear()
        with qtbot.waitSignals([service.board_offline] * len(BOARDS), timeout=WAIT_MS):
            pulled = time.monotonic()
            plug_back = pull(sim)
        to_offline_ms.append((max(offline_at) - pulled) * 1000)
        assert service.snapshot().offline_boards == tuple(BOARDS)
        assert set(service.snapshot().doors.values()) == {"unknown"}

        online_at.clear()
        with qtbot.waitSignals([service.board_online] * len(BOARDS), timeout=WAIT_MS):
            back = time.monotonic()
            plug_back()
        to_online_ms.append((max(online_at) - back) * 1000)

        compartment = f"{'AB'[cycle % 2]}{cycle % 16 + 1:02d}"
        board, lock = letter_layout(BOARDS)[compartment]
        with qtbot.waitSignal(service.door_opened, timeout=WAIT_MS) as opened:
            service.open(compartment)
        assert opened.args == [compartment]
        doors_opened += 1
        with qtbot.waitSignal(service.door_closed, timeout=WAIT_MS):
            sim.close_door(board, lock)
    # The same service and worker throughout: nothing was restarted.
    assert service._worker is worker
    assert worker.is_running()
    trial.record(
        cycles=CYCLES,
        pulled_to_offline_p50_ms=round(statistics.median(to_offline_ms)),
        pulled_to_offline_max_ms=round(max(to_offline_ms)),
        back_to_online_p50_ms=round(statistics.median(to_online_ms)),
        back_to_online_max_ms=round(max(to_online_ms)),
        doors_opened_after=doors_opened,
    )
