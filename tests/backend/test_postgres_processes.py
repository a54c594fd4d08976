"""Two ``locker-kiosk-server`` processes on one PostgreSQL database, as a fleet runs them.

Each test starts two real server processes (``--db postgresql://...``, their own ports on
127.0.0.1) on one fresh database and talks to both over HTTP with the kiosk's REST client:
reservations racing for one compartment, one event batch sent to both at once, and a long
poll held on one process woken by a command queued through the other.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from kiosk.backend.api import BackendError, CompartmentTaken, Event, RentRequest
from kiosk.backend.embedded import BackendCore
from kiosk.backend.rest import RestBackend
from tests.backend.fixtures import LOCKER, Seeded, make_client, seed
from tests.backend.pg import Cluster

pytestmark = pytest.mark.slow

RACERS = 16


class Server:
    """One ``locker-kiosk-server`` process on the given database."""

    def __init__(self, url: str, log: Path) -> None:
        self._log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk.backend.server", "--db", url, "--port", "0",
             "--threads", "12"],
            stdout=subprocess.PIPE, stderr=self._log, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith("serving on "):
            self.stop()
            raise RuntimeError(f"server did not start: {line!r} {log.read_text()}")
        self.url = line.strip().removeprefix("serving on ")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._log.close()


@pytest.fixture
def fleet(pg_cluster: Cluster, tmp_path: Path) -> Iterator[tuple[Seeded, str, Server, Server]]:
    """(seeded, database URL, server A, server B): both on one freshly seeded database."""
    url = pg_cluster.clean_database(1)
    core = BackendCore.open(url)
    try:
        seeded = seed(core)
        for i in range(RACERS):  # parcels that will race for one compartment
            core.announce_parcel(LOCKER, parcel_id=f"race{i}", barcode=f"RACE{i}", size="S",
                                 code=f"{900000 + i}")  # fmt: skip
    finally:
        core.close()
    a = Server(url, tmp_path / "a.log")
    try:
        b = Server(url, tmp_path / "b.log")
    except BaseException:
        a.stop()
        raise
    yield seeded, url, a, b
    b.stop()
    a.stop()


@pytest.fixture
def clients(fleet: tuple[Seeded, str, Server, Server]) -> Iterator[list[RestBackend]]:
    """A kiosk client of server A and one of server B (one locker, two doors into it)."""
    _, _, a, b = fleet
    made = [make_client(server.url, timeout_s=30.0, retries=0) for server in (a, b)]
    yield made
    for c in made:
        c.close()


def run_together(jobs: list[tuple[RestBackend, object]], work: object) -> list[object]:
    """Run ``work(client, arg)`` for every job on its own thread, all released at once."""
    start = threading.Barrier(len(jobs))
    out: list[object] = [None] * len(jobs)

    def run(i: int, client: RestBackend, arg: object) -> None:
        start.wait()
        try:
            out[i] = work(client, arg)  # type: ignore[operator]
        except BackendError as exc:
            out[i] = exc

    threads = [
        threading.Thread(target=run, args=(i, client, arg)) for i, (client, arg) in enumerate(jobs)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_postgres_two_processes_reserve_one_compartment_exactly_once(
    fleet: tuple[Seeded, str, Server, Server], clients: list[RestBackend]
) -> None:
    """16 different rents for compartment B3 at once, spread over both processes: one wins,
    every other one is ``compartment_taken``."""
    seeded = fleet[0]
    session = clients[0].courier_login(courier_id="c1", pin=seeded.courier_pin).session_token

    def reserve(client: RestBackend, i: object) -> object:
        request = RentRequest(compartment_id="B3", kind="delivery", barcode=f"RACE{i}")
        return client.reserve_rent(f"race-rent-{i}", request, session_token=session)

    results = run_together([(clients[i % 2], i) for i in range(RACERS)], reserve)
    won = [r for r in results if not isinstance(r, BackendError)]
    lost = [r for r in results if isinstance(r, BackendError)]
    assert len(won) == 1, results
    assert all(isinstance(r, CompartmentTaken) for r in lost), lost
    # Both processes see the one rent.
    for client in clients:
        tasks = client.courier_tasks(session)
        assert f"RACE{won[0].parcel_id.removeprefix('race')}" not in {  # type: ignore[attr-defined]
            d.barcode for d in tasks.deliveries
        }


def test_postgres_two_processes_accept_each_event_once(
    fleet: tuple[Seeded, str, Server, Server], clients: list[RestBackend]
) -> None:
    """The same batch sent to both processes at once, four times each: each event is
    accepted exactly once and its effect (a pickup) applied once."""
    seeded = fleet[0]
    now = datetime.now(UTC)
    batch = [
        Event(str(uuid.uuid4()), "door_opened", now, compartment_id="A1"),
        Event(str(uuid.uuid4()), "picked_up", now, compartment_id="A1", rent_id=seeded.rents["A1"]),
        Event(str(uuid.uuid4()), "door_closed", now, compartment_id="A1"),
    ]

    def send(client: RestBackend, key: object) -> object:
        return client.send_events(batch, idempotency_key=str(key))

    answers = run_together([(clients[i % 2], f"k{i}") for i in range(8)], send)
    assert not [a for a in answers if isinstance(a, BaseException)], answers
    for pos, event in enumerate(batch):
        statuses = sorted(a[pos].status for a in answers)  # type: ignore[index]
        assert statuses == ["accepted"] + ["duplicate"] * 7, (event.type, statuses)
    core = BackendCore.open(fleet[1])
    try:
        stored = core.stored_events(LOCKER)
    finally:
        core.close()
    assert sorted(e.event_id for e, _ in stored) == sorted(e.event_id for e in batch)


def listening(url: str) -> int:
    """How many connections of the database LISTEN for commands (one per polled process)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND query LIKE 'LISTEN %'"
        ).fetchone()
    return 0 if row is None else int(row[0])


def wait_until(condition: Callable[[], bool], timeout_s: float = 15.0) -> None:
    """Wait for a condition another process brings about (checked every 20 ms)."""
    tick = threading.Event()
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        tick.wait(0.02)


def test_postgres_a_poll_on_each_process_wakes_for_a_command_queued_elsewhere(
    fleet: tuple[Seeded, str, Server, Server], clients: list[RestBackend]
) -> None:
    """A kiosk's long polls (20 s) held by processes A and B both return the command the
    back office queued through a third connection, well before their end (unwoken, a
    process re-reads the store only every 30 s); acknowledged through A, it is delivered
    by neither again."""
    _, url, _, _ = fleet
    got: dict[int, list[str]] = {}
    returned = [threading.Event(), threading.Event()]

    def poll(i: int) -> None:
        got[i] = [c.command_id for c in clients[i].poll_commands(20.0)]
        returned[i].set()

    pollers = [threading.Thread(target=poll, args=(i,)) for i in (0, 1)]
    for t in pollers:
        t.start()
    wait_until(lambda: listening(url) >= 2)  # both polls are under way
    core = BackendCore.open(url)  # the back office
    try:
        command_id = core.enqueue_command(LOCKER, "reload_config")
        for i, name in enumerate("AB"):
            assert returned[i].wait(15.0), f"the poll on {name} was not woken by the command"
        for t in pollers:
            t.join()
        assert got == {0: [command_id], 1: [command_id]}
        clients[0].ack_command(command_id, "ok", "reloaded")
        clients[1].ack_command(command_id, "ok", "reloaded")  # a repeat is fine
        assert clients[1].poll_commands(0) == []
        assert clients[0].poll_commands(0) == []
        row = core.store.command(core.store.read(), command_id)
        assert row is not None
        assert (row["result"], row["detail"]) == ("ok", "reloaded")
    finally:
        core.close()
