"""Command long polls (#10) on the reference server: they must not starve other requests.

A fleet holds one long poll per kiosk for ever, so the server must answer a verify while
any number of polls wait (issue 15). Everything over real HTTP on loopback; the conditions
waited on are the server's own state (how many polls have reached it, how many wait), never
a sleep.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from kiosk.backend.embedded import BackendCore
from kiosk.backend.server import DEFAULT_THREADS, LongPolls, ServerHandle, create_app
from tests.backend.fixtures import LOCKER, TOKEN, Seeded

AUTH = {"Authorization": f"Bearer {TOKEN}"}
POLLS = 20  # more than the server's threads


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Until ``condition()`` holds (checked every few ms); fails after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


class CountedAuth:
    """Counts the requests that reach the core: every request authenticates exactly once.

    Wraps the real method on this one core object, so a poll counts when a server thread
    (or the event loop's pool) has started on it, not when the client sent it.
    """

    def __init__(self, core: BackendCore) -> None:
        self.calls = 0
        self._lock = threading.Lock()
        self._real = core.authenticate
        core.authenticate = self  # type: ignore[method-assign]

    def __call__(self, bearer_token: str | None) -> str:
        with self._lock:
            self.calls += 1
        return self._real(bearer_token)


def poll(url: str, wait: float = 20, timeout: float = 30) -> requests.Response:
    """One long poll on its own connection."""
    return requests.get(
        url + f"v1/lockers/{LOCKER}/commands?wait={wait:g}", headers=AUTH, timeout=timeout
    )


def polls_of(handle_app: object) -> LongPolls:
    polls = handle_app.state.long_polls  # type: ignore[attr-defined]
    assert isinstance(polls, LongPolls)
    return polls


@pytest.fixture
def clients() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(POLLS + 2, thread_name_prefix="client") as pool:
        yield pool


def test_long_poll_twenty_waiting_do_not_delay_a_get(
    core: BackendCore, seeded: Seeded, clients: ThreadPoolExecutor
) -> None:
    """20 polls (more than the threads) wait; a GET and a verify still answer at once."""
    assert POLLS > DEFAULT_THREADS
    counted = CountedAuth(core)
    handle = ServerHandle(create_app(core), "127.0.0.1", 0).start()
    try:
        waiting: list[Future[requests.Response]] = [
            clients.submit(poll, handle.url) for _ in range(POLLS)
        ]
        # On a server where a poll holds a thread only `threads` of them ever get this far.
        wait_until(lambda: counted.calls >= POLLS, f"{POLLS} polls to reach the server")

        locker = requests.get(handle.url + f"v1/lockers/{LOCKER}", headers=AUTH, timeout=10)
        verify = requests.post(
            handle.url + f"v1/lockers/{LOCKER}/pickups",
            json={"code": seeded.code_a},
            headers=AUTH,
            timeout=10,
        )
        assert locker.json()["locker_id"] == LOCKER
        assert verify.json()["rents"][0]["compartment_id"] == "A1"
        assert not any(f.done() for f in waiting), "a poll ended before the GET was answered"

        command_id = core.enqueue_command(LOCKER, "reload_config")
        for f in waiting:
            answer = f.result(timeout=15)
            assert answer.status_code == 200
            assert [c["command_id"] for c in answer.json()["commands"]] == [command_id]
    finally:
        handle.stop()


def test_long_poll_wakes_when_a_command_is_queued_on_another_thread(
    core: BackendCore, seeded: Seeded, clients: ThreadPoolExecutor
) -> None:
    """The listener wakes the poll: the store is not looked at again for a minute."""
    app = create_app(core, poll_recheck_s=60)
    handle = ServerHandle(app, "127.0.0.1", 0).start()
    try:
        waiting = clients.submit(poll, handle.url, 30, 40)
        wait_until(lambda: polls_of(app).waiting == 1, "the poll to wait")
        queued: list[str] = []
        queuer = threading.Thread(
            target=lambda: queued.append(core.enqueue_command(LOCKER, "reload_config"))
        )
        queuer.start()
        queuer.join()
        answer = waiting.result(timeout=20)  # a lost wake would answer [] after 30 s
        assert answer.json()["commands"][0]["command_id"] == queued[0]
    finally:
        handle.stop()


def test_long_poll_ends_when_the_server_stops(
    core: BackendCore, seeded: Seeded, clients: ThreadPoolExecutor
) -> None:
    """Stopping with polls open answers them (empty) and does not wait out their minute."""
    app = create_app(core)
    handle = ServerHandle(app, "127.0.0.1", 0).start()
    waiting = [clients.submit(poll, handle.url, 60, 40) for _ in range(5)]
    try:
        wait_until(lambda: polls_of(app).waiting == 5, "five polls to wait")
    finally:
        handle.stop()
    for f in waiting:
        answer = f.result(timeout=10)  # stop() returned: the answers were sent
        assert (answer.status_code, answer.json()) == (200, {"commands": []})
    with pytest.raises(requests.ConnectionError):
        requests.get(handle.url + f"v1/lockers/{LOCKER}", headers=AUTH, timeout=5)


def test_long_poll_sees_a_command_queued_by_another_process_on_its_recheck(
    core: BackendCore, seeded: Seeded, clients: ThreadPoolExecutor
) -> None:
    """A command queued through another core (another process) calls no listener here."""
    app = create_app(core, poll_recheck_s=0.2)
    handle = ServerHandle(app, "127.0.0.1", 0).start()
    other = BackendCore.open(core.store.path)  # the same database: a file or a URL
    try:
        waiting = clients.submit(poll, handle.url, 30, 40)
        wait_until(lambda: polls_of(app).waiting == 1, "the poll to wait")
        command_id = other.enqueue_command(LOCKER, "reload_config")
        answer = waiting.result(timeout=20)
        assert answer.json()["commands"][0]["command_id"] == command_id
    finally:
        handle.stop()
        other.close()


def worker_pids(parent: int) -> list[int]:
    """The ``--workers`` processes of server ``parent`` (not multiprocessing's helpers)."""
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [
        int(pid) for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    ]


@pytest.mark.slow
def test_long_poll_cli_two_workers_on_one_sqlite_file(tmp_path: Path) -> None:
    """``--workers 2``: two processes on one port and one WAL file; polls do not block."""
    db = tmp_path / "d.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.backend.server", "--db", str(db), "--port", "0",
         "--workers", "2", "--seed-demo", "--kdf-iterations", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("serving on "):
                break
        url = lines[-1].removeprefix("serving on ")
        pickup = re.compile(r"pickup code: (\d+) \(compartment ([A-B]\d\d)\)")
        codes = [m.groups() for ln in lines if (m := pickup.fullmatch(ln))]
        demo = {"Authorization": "Bearer demo"}
        with ThreadPoolExecutor(POLLS) as pool:
            poll_url = url + "v1/lockers/demo/commands?wait=30"
            waiting = [
                pool.submit(requests.get, poll_url, headers=demo, timeout=40) for _ in range(POLLS)
            ]
            wait_until(lambda: len(worker_pids(proc.pid)) == 2, "two workers")
            for _ in range(10):  # new connections, spread over both workers
                got = requests.get(url + "v1/lockers/demo", headers=demo, timeout=10)
                assert got.json()["locker_id"] == "demo"
            code, comp = codes[0]
            verify = requests.post(
                url + "v1/lockers/demo/pickups", json={"code": code}, headers=demo, timeout=10
            )
            assert verify.json()["rents"][0]["compartment_id"] == comp
            assert not any(f.done() for f in waiting)
            queued = subprocess.run(
                [sys.executable, "-m", "kiosk.backend.server", "command", "--db", str(db),
                 "--locker", "demo", "reload"],
                capture_output=True, text=True, timeout=60, check=True,
            ).stdout.strip()  # fmt: skip
            for f in waiting:  # each worker finds it on its next look at the file
                assert f.result(timeout=20).json()["commands"][0]["command_id"] == queued
        workers = worker_pids(proc.pid)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        for pid in workers:
            assert not Path(f"/proc/{pid}").exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


def _status(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/status").read_bytes()
    except FileNotFoundError:
        return b"zombie"


@pytest.mark.slow
def test_long_poll_cli_one_process_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    """SIGTERM with a poll open: the poll is answered and the server exits 0."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.backend.server", "--db", str(tmp_path / "d.db"),
         "--port", "0", "--seed-demo", "--kdf-iterations", "1000", "-v"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stderr is not None
        url = next(ln for ln in proc.stdout if ln.startswith("serving on ")).split()[-1]
        demo = {"Authorization": "Bearer demo"}
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(
                requests.get, url + "v1/lockers/demo/commands?wait=60", headers=demo, timeout=40
            )
            for line in proc.stderr:  # -v: the server says when a poll starts to wait
                if "long poll for demo waits" in line:
                    break
            proc.send_signal(signal.SIGTERM)
            assert waiting.result(timeout=30).json() == {"commands": []}
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)


@pytest.mark.slow
def test_long_poll_fleet_benchmark_runs_with_three_kiosks() -> None:
    """``benchmarks/fleet.py`` keeps working against the server (tiny and short)."""
    bench = Path(__file__).parents[2] / "benchmarks" / "fleet.py"
    proc = subprocess.run(
        [sys.executable, str(bench), "--kiosks", "3", "--seconds", "2", "--baseline", "2",
         "--pickups", "2", "--reserves", "2", "--commands", "2"],
        capture_output=True, text=True, timeout=100, check=True,
    )  # fmt: skip
    assert "kiosks held: 3/3" in proc.stdout, proc.stdout + proc.stderr
    rows = {ln.split()[0]: ln.split() for ln in proc.stdout.splitlines() if ln.strip()}
    for op in ("verify", "reserve"):
        assert int(rows[op][1]) > 0, proc.stdout  # answered
        assert rows[op][5] == "0", proc.stdout  # no errors
    assert "errors:" not in proc.stdout
