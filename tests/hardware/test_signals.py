"""SIGINT/SIGTERM in quick succession stop the board programs, every time, promptly.

Real processes, real signals: the deadlock this guards against (a handler setting a
``threading.Event``, re-entered by the next signal while it holds the Event's lock) lives
in the interpreter's signal machinery and cannot be faked. ``signal_harness`` makes the
race certain (every line of a handler is interrupted by the same signal again); bursts of
real signals during the shutdown, the way the hang was found, come on top.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.hardware.signals import ShutdownSignals
from kiosk.hardware.simulator import SimulatedBus
from tests.hardware.test_cli import _script

RUNS = 3
# Long enough for thousands of signals, far shorter than the hang guard below.
BURST_S = 0.15
# Not a speed limit: a program still running after this has hung.
HUNG_S = 15.0
# What a prompt exit may look like: a clean 0, or killed by one of the signals once the
# interpreter has restored the default handlers while finalising.
EXITS = {0, -signal.SIGINT, -signal.SIGTERM}
# ``python -m tests.hardware.signal_harness`` needs the repository as working directory.
ROOT = Path(__file__).resolve().parents[2]


def burst(proc: subprocess.Popen[str]) -> int:
    """SIGINT, then SIGTERM and SIGINT alternately as fast as possible; return the count."""
    sent = 0
    end = time.monotonic() + BURST_S
    while time.monotonic() < end:
        try:
            os.kill(proc.pid, signal.SIGTERM if sent % 2 else signal.SIGINT)
        except ProcessLookupError:
            break
        sent += 1
        if sent % 200 == 0 and proc.poll() is not None:
            break
    return sent


@contextmanager
def running(argv: list[str]) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        stdin=subprocess.PIPE,  # open and silent, like a terminal nobody types in
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def stops_promptly(proc: subprocess.Popen[str]) -> int:
    try:
        code = proc.wait(HUNG_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {HUNG_S:g} s after the signals: hung")
    return code


def harnessed(module: str, *args: str) -> list[str]:
    """The program, run so that a second signal always lands inside the first's handler."""
    return [sys.executable, "-m", "tests.hardware.signal_harness", module, *args]


def test_boardsim_stops_when_a_signal_lands_inside_the_handler() -> None:
    with running(harnessed("kiosk.hardware.simulator", "--boards", "1")) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("/dev/pts/")
        proc.send_signal(signal.SIGINT)
        assert stops_promptly(proc) == 0


def test_board_watch_stops_when_a_signal_lands_inside_the_handler(sim: SimulatedBus) -> None:
    argv = harnessed("kiosk.hardware.cli", "--port", sim.path, "--board", "1", "watch")
    with running(argv) as proc:
        assert sim.wait_for_requests(2)  # scanned and watching
        proc.send_signal(signal.SIGINT)
        assert stops_promptly(proc) == 0


@pytest.mark.slow
def test_boardsim_survives_signals_in_quick_succession() -> None:
    for _ in range(RUNS):
        with running([*_script("locker-kiosk-boardsim"), "--boards", "2"]) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().startswith("/dev/pts/")
            assert burst(proc) > 1
            assert stops_promptly(proc) in EXITS


@pytest.mark.slow
def test_board_watch_survives_signals_in_quick_succession(
    make_sim: Callable[..., SimulatedBus],
) -> None:
    sim = make_sim(1)
    for _ in range(RUNS):
        sim.clear_received()
        argv = [*_script("locker-kiosk-board"), "--port", sim.path, "--board", "1", "watch"]
        with running(argv) as proc:
            assert sim.wait_for_requests(2)  # scanned and watching
            assert burst(proc) > 1
            assert stops_promptly(proc) in EXITS


def test_one_signal_stops_the_boardsim_cleanly(tmp_path: Path) -> None:
    link = f"{tmp_path}/lockerboard"
    argv = [*_script("locker-kiosk-boardsim"), "--boards", "1", "--link", link]
    with running(argv) as proc:
        assert proc.stdout is not None
        proc.stdout.readline()
        assert proc.stdout.readline().strip() == f"link {link}"
        proc.send_signal(signal.SIGINT)
        assert stops_promptly(proc) == 0
    assert not os.path.lexists(link)  # cleaned up: the pty closed, the link removed


def test_shutdown_signals_request_from_another_thread() -> None:
    with ShutdownSignals() as shutdown:
        assert not shutdown.wait(0.0)
        threading.Thread(target=shutdown.request).start()
        assert shutdown.wait(HUNG_S)
        assert shutdown.received is None


def test_shutdown_signals_catch_a_signal_and_restore_the_handler() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with ShutdownSignals() as shutdown:
        os.kill(os.getpid(), signal.SIGTERM)
        assert shutdown.wait(HUNG_S)
        assert shutdown.received == signal.SIGTERM
        os.kill(os.getpid(), signal.SIGINT)  # a second one changes nothing
        assert shutdown.received == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before
