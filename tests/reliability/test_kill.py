"""Trial: kill -9 of the whole kiosk at random points of N pickups.

Real processes and real parts: ``locker-kiosk`` runs as its own process (offscreen) on a
real ``locker-kiosk-server`` on loopback, the board simulator on a pseudo-terminal (it
outlives every kiosk, as a real bus does), and a serial barcode scanner on another
pseudo-terminal through which this test "scans" each pickup code. A person stands at the
locker: when a door swings open they take the parcel out (the item sensor reads empty)
and shut the door a moment later.

For each code the kiosk is started, the code is scanned, and the kiosk is killed with
SIGKILL at a random point of the pickup: a random milestone (scan sent, unlock on the
wire, door open, door shut) plus a random few tens of milliseconds. Then the next kiosk
starts on the same state directory. At the end one last kiosk runs until the backend has
everything, and the figures are counted at the server and on the simulator's wire:

* events lost: a door that swung open whose rent has no ``picked_up`` (goal 0);
* duplicated: a rent with more than one ``picked_up`` stored (goal 0);
* rejected by the backend (an ``invalid_transition`` would mean a second closing event;
  goal 0);
* doors opened twice for one rent (goal 0).

The random delay picks the kill point; every wait for the kiosk is on a condition (a
frame on the wire, an event at the server), never on time alone.
"""

from __future__ import annotations

import functools
import os
import pty
import random
import signal
import subprocess
import sys
import threading
import time
import tty
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.backend.api import LockerSettings
from kiosk.backend.embedded import BackendCore, CompartmentSpec
from kiosk.backend.outbox import Outbox
from kiosk.backend.server import ServerHandle, create_app
from kiosk.hardware.cu16 import CMD_STATUS, CMD_UNLOCK
from kiosk.hardware.simulator import SimulatedBus
from tests.reliability.conftest import Trial, trial_size

# The full run (1,000 kiosk starts) takes far longer than the suite's 120 s per test.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(trial_size(600, 14_400))]

LOCKER = "KILL"
TOKEN = "kill-token"
MILESTONES = ("scanned", "unlock_sent", "door_open", "door_shut")


#: A bus holds at most 15 boards of 16 locks here: compartments are used again, rent after
#: rent, when a trial has more pickups than that.
MAX_COMPARTMENTS = 15 * 16


class Locker:
    """The trial's locker at the backend: one parcel at a time per compartment."""

    def __init__(self, core: BackendCore, compartments: int, sim: SimulatedBus) -> None:
        self.core = core
        self.sim = sim
        self.specs = [
            CompartmentSpec(f"C{i:04d}", 1 + i // 16, 1 + i % 16, "M", i // 16, i % 16)
            for i in range(compartments)
        ]
        core.create_locker(
            LOCKER, token=TOKEN, name="Kill trial",
            settings=LockerSettings(guess_burst=100_000, guess_interval_s=1),
            compartments=self.specs, kdf_iterations=1000,
        )  # fmt: skip
        self.current: dict[str, tuple[str, str]] = {}  # compartment -> (rent, code)
        self.parcels = 0

    def rent_for(self, index: int) -> tuple[str, str, str, int, int]:
        """(compartment, rent, code, board, lock) of the pickup ``index``.

        The compartment's parcel is still there (its door never opened, or the kiosk still
        holds its close): its code again. Picked up: a new parcel goes in.
        """
        spec = self.specs[index % len(self.specs)]
        held = self.current.get(spec.id)
        if held is not None:
            row = self.core.store.rent(self.core.store.read(), held[0])
            if row is not None and row["status"] == "deposited":
                return spec.id, held[0], held[1], spec.board, spec.lock
        self.parcels += 1
        code = f"{100_000 + self.parcels * 7:06d}"
        pid = f"p{self.parcels}"
        self.core.announce_parcel(LOCKER, parcel_id=pid, barcode=f"K{self.parcels}", size="M",
                                  code=code)  # fmt: skip
        rent = self.core.place_parcel(
            LOCKER, parcel_id=pid, compartment_id=spec.id, expires_in_s=7200
        )
        self.current[spec.id] = (rent, code)
        self.sim.set_item(spec.board, spec.lock, True)  # the parcel is in
        return spec.id, rent, code, spec.board, spec.lock


def stored_rent_events(core: BackendCore) -> list[tuple[str, str | None]]:
    """(type, rent) of every event the backend stored for the trial's locker."""
    db = core.store.read()
    rows = [core.store.event(db, eid) for eid in core.store.event_ids(db, LOCKER)]
    return [(r["type"], r["rent_id"]) for r in rows if r is not None]


class Person(threading.Thread):
    """Takes the parcel out of every door that swings open and shuts it a moment later."""

    def __init__(self, sim: SimulatedBus, rng: random.Random) -> None:
        super().__init__(daemon=True)
        self.sim = sim
        self.rng = rng
        self.stop = threading.Event()
        self.shut: set[tuple[int, int]] = set()

    def run(self) -> None:
        seen = 0
        while not self.stop.is_set():
            openings = self.sim.openings
            for opening in openings[seen:]:
                self.sim.set_item(opening.board, opening.lock, False)
                self.stop.wait(self.rng.uniform(0.05, 0.4))  # taking the parcel out
                self.sim.close_door(opening.board, opening.lock)
                self.shut.add((opening.board, opening.lock))
            seen = len(openings)
            self.stop.wait(0.01)


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[tuple[BackendCore, ServerHandle]]:
    core = BackendCore.open(tmp_path / "backend.sqlite")
    server = ServerHandle(create_app(core), "127.0.0.1", 0).start()
    yield core, server
    server.stop()
    core.close()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Wait until ``condition`` holds (polling a process we do not share a loop with)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def test_kill_9_at_random_points_of_pickups_loses_nothing(
    tmp_path: Path, backend: tuple[BackendCore, ServerHandle], trial: Trial
) -> None:
    n = trial_size(30, 1000)
    core, server = backend
    compartments = min(n, MAX_COMPARTMENTS)
    boards = list(range(1, (compartments + 15) // 16 + 1))
    sim = SimulatedBus(boards)  # as many boards as the locker has
    sim.start()
    locker = Locker(core, compartments, sim)
    rng = random.Random(int(os.environ.get("LOCKER_TRIAL_SEED", "20261130")))
    person = Person(sim, rng)
    person.start()
    master, slave = pty.openpty()
    tty.setraw(slave)
    token = tmp_path / "token"
    token.write_text(TOKEN)
    os.chmod(token, 0o600)
    state = tmp_path / "state"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[kiosk]\nstate_dir = "{state}"\n'
        f'[board]\nkind = "serial"\nport = "{sim.path}"\nboards = {boards}\n'
        "door_open_timeout_s = 3\n"
        f'[backend]\nkind = "rest"\nbase_url = "{server.url}"\nlocker_id = "{LOCKER}"\n'
        f'token_file = "{token}"\nverify_timeout_s = 4\ncommand_poll_s = 1\n'
        f'[scanner]\ncamera = false\nserial_port = "{os.ttyname(slave)}"\n'
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-c", "import sys; from kiosk.app import main; sys.exit(main())",
               "--config", str(config)]  # fmt: skip
    log = (tmp_path / "kiosk.log").open("ab")
    kills: Counter[str] = Counter()
    started_s: list[float] = []
    running: list[subprocess.Popen[bytes]] = []  # killed in any case at the end
    openings_of: Counter[str] = Counter()  # rent -> times its door swung open

    def start_kiosk() -> subprocess.Popen[bytes]:
        polls = len(sim.requests(CMD_STATUS))
        began = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        running.append(proc)
        # Ready when the layout is loaded and the board service polls the bus.
        wait_for(lambda: len(sim.requests(CMD_STATUS)) > polls, 60, "the kiosk to poll")
        started_s.append(time.monotonic() - began)
        return proc

    def opened_count(board: int, lock: int) -> int:
        return sum(1 for o in sim.openings if (o.board, o.lock) == (board, lock))

    try:
        for index in range(n):
            compartment, rent, code, board, lock = locker.rent_for(index)
            before = opened_count(board, lock)
            unlocks_before = len(sim.requests(CMD_UNLOCK, board, lock))
            proc = start_kiosk()
            milestone = rng.choice(MILESTONES)
            os.write(master, code.encode() + b"\r\n")
            spot = (board, lock)

            def unlocked(spot: tuple[int, int] = spot, n0: int = unlocks_before) -> bool:
                return len(sim.requests(CMD_UNLOCK, *spot)) > n0

            def swung_open(spot: tuple[int, int] = spot, n0: int = before) -> bool:
                return opened_count(*spot) > n0

            def shut(spot: tuple[int, int] = spot) -> bool:
                return sim.is_closed(*spot) and spot in person.shut

            try:
                if milestone != "scanned":
                    wait_for(unlocked, 20, f"the unlock of {compartment}")
                if milestone in ("door_open", "door_shut"):
                    wait_for(swung_open, 20, f"{compartment} to open")
                if milestone == "door_shut":
                    wait_for(shut, 20, f"{compartment} to shut")
            finally:
                time.sleep(rng.uniform(0.0, 0.08))  # a random point after the milestone
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
            kills[milestone] += 1
            # Whatever opened in this round opened for this rent.
            openings_of[rent] += opened_count(board, lock) - before
            # The person shuts what they opened before the next kiosk comes up.
            wait_for(functools.partial(sim.is_closed, board, lock), 20, f"{compartment} shut")
        # One last kiosk, left running until the backend has everything.
        proc = start_kiosk()
        opened_rents = {rent for rent, count in openings_of.items() if count > 0}

        def delivered() -> bool:
            picked = {rent for kind, rent in stored_rent_events(core) if kind == "picked_up"}
            return opened_rents <= picked

        wait_for(delivered, 120, "every close delivered")
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        for leftover in running:
            if leftover.poll() is None:
                leftover.kill()
                leftover.wait(timeout=30)
        person.stop.set()
        person.join(timeout=5)
        os.close(master)
        os.close(slave)
        log.close()
        sim.stop()

    picked_up = Counter(rent for kind, rent in stored_rent_events(core) if kind == "picked_up")
    lost = sorted(opened_rents - set(picked_up))
    duplicated = sorted(str(rent) for rent, count in picked_up.items() if count > 1)
    false_pickups = sorted(str(rent) for rent in set(picked_up) - opened_rents)
    twice = sorted(rent for rent, count in openings_of.items() if count > 1)
    outbox = Outbox(state / "outbox.sqlite")
    rejected = outbox.stats().rejected
    outbox.close()
    trial.record(
        pickups=n,
        kills=dict(kills),
        compartments=compartments,
        doors_opened=len(opened_rents),
        lost=len(lost),
        duplicated=len(duplicated),
        picked_up_without_opening=len(false_pickups),
        rejected=rejected,
        doors_opened_twice=len(twice),
        kiosk_start_p50_s=round(sorted(started_s)[len(started_s) // 2], 2),
    )
    assert lost == []
    assert duplicated == []
    assert false_pickups == []
    assert rejected == 0
    assert twice == []
