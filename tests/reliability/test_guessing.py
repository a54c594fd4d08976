"""Trial: guessing pickup codes at one locker through the real server on loopback.

Three guessers, each against a fresh ``locker-kiosk-server`` core (uvicorn on 127.0.0.1,
SQLite in a file) with the contract's default settings (burst 10, one check per 30 s):

- sequential: one connection guesses until refused, waits a while, guesses again;
- interleaved: the same, with a valid code after every four wrong ones (a right code
  used to reset the wrong-code count);
- parallel: 32 connections guess at the same moment, round after round.

The server's clock is injected and moves only between rounds, so an hour of guessing
runs in seconds and every request of a round sees the same moment. The bound checked is
the limiter's own: in any window of an hour at most ``burst + 3600 / interval`` codes
(130) are checked, however many are sent.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from kiosk.backend.api import LockerSettings
from kiosk.backend.embedded import BackendCore, guess_rule
from kiosk.backend.server import serve_in_thread
from tests.backend.fixtures import (
    GUESS_CODE,
    GUESS_LOCKER,
    GUESS_TOKEN,
    FakeClock,
    seed_guess_locker,
)
from tests.reliability.conftest import Trial, trial_size

HOUR = 3600.0
RULE = guess_rule(LockerSettings())
PARALLEL = 32
MAX_PER_ROUND = 200

pytestmark = pytest.mark.slow


@dataclass
class Server:
    """A served core whose clock the trial moves."""

    url: str
    clock: FakeClock
    start: float

    def pickups(self) -> str:
        return self.url + f"v1/lockers/{GUESS_LOCKER}/pickups"


@dataclass
class Tally:
    """What the guesser got: the simulated time of every checked code, and the refusals."""

    checked_at: list[float] = field(default_factory=list)
    wrong_checked: int = 0
    right_accepted: int = 0
    refused: int = 0
    sent: int = 0
    max_retry_after: float = 0.0

    def add(self, outcome: str, code: str, at: float, retry_after: float) -> None:
        self.sent += 1
        if outcome == "refused":
            self.refused += 1
            self.max_retry_after = max(self.max_retry_after, retry_after)
            return
        self.checked_at.append(at)
        if code == GUESS_CODE:
            assert outcome == "ok", "a checked right code must be accepted"
            self.right_accepted += 1
        else:
            assert outcome == "checked"
            self.wrong_checked += 1


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    clock = FakeClock()
    core = BackendCore.open(tmp_path / "trial.db", clock=clock)
    try:
        seed_guess_locker(core)
        url, stop = serve_in_thread(core)
        try:
            yield Server(url, clock, clock.now)
        finally:
            stop()
    finally:
        core.close()


def session() -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {GUESS_TOKEN}"
    return s


def attempt(http: requests.Session, url: str, code: str) -> tuple[str, float]:
    """One pickup request: (``ok`` | ``checked`` | ``refused``, Retry-After)."""
    resp = http.post(url, json={"code": code}, timeout=30)
    if resp.status_code == 200:
        return "ok", 0.0
    if resp.status_code == 404:
        return "checked", 0.0
    assert resp.status_code == 429, resp.text
    return "refused", float(resp.headers["Retry-After"])


def most_in_any_hour(times: list[float]) -> int:
    """The most checks that fall into one window of an hour, wherever it starts."""
    times = sorted(times)
    most, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - HOUR:
            lo += 1
        most = max(most, hi - lo + 1)
    return most


def per_hour(times: list[float], start: float, hours: int) -> list[int]:
    counts = [0] * hours
    for t in times:
        counts[min(hours - 1, int((t - start) // HOUR))] += 1
    return counts


def check_and_record(trial: Trial, tally: Tally, server: Server, hours: int) -> None:
    most = most_in_any_hour(tally.checked_at)
    trial.record(
        simulated_hours=hours,
        requests=tally.sent,
        checked_per_hour=per_hour(tally.checked_at, server.start, hours),
        most_checked_in_any_hour=most,
        bound_per_hour=int(RULE.per_hour()),
        wrong_checked=tally.wrong_checked,
        refused=tally.refused,
        max_retry_after_s=tally.max_retry_after,
    )
    assert most <= RULE.per_hour()
    assert tally.max_retry_after <= RULE.interval_s
    # The guesser was kept busy: the bound was nearly reached, not merely not approached
    # (short of it only by the wait after the last round of the hour).
    assert most >= 0.9 * RULE.per_hour()


def guess_in_rounds(server: Server, codes: Iterator[str], hours: int, seed: int) -> Tally:
    """One connection: guess until refused, wait 0.5-40 s of server time, again."""
    rng = random.Random(seed)
    tally = Tally()
    url = server.pickups()
    with session() as http:
        while server.clock.now < server.start + hours * HOUR:
            for _ in range(MAX_PER_ROUND):  # a limiter that never refuses ends the round
                code = next(codes)
                outcome, retry_after = attempt(http, url, code)
                tally.add(outcome, code, server.clock.now, retry_after)
                if outcome == "refused":
                    break
            server.clock.advance(rng.uniform(0.5, 40.0))
    return tally


def wrong_codes(rng: random.Random) -> Iterator[str]:
    while True:
        code = f"{rng.randrange(10**6):06d}"
        if code != GUESS_CODE:
            yield code


def test_sequential_guessing(server: Server, trial: Trial) -> None:
    hours = trial_size(1, 6)
    tally = guess_in_rounds(server, wrong_codes(random.Random(1)), hours, seed=2)
    check_and_record(trial, tally, server, hours)


def test_guessing_interleaved_with_a_valid_code(server: Server, trial: Trial) -> None:
    hours = trial_size(1, 6)
    wrong = wrong_codes(random.Random(3))

    def four_wrong_one_right() -> Iterator[str]:
        while True:
            for _ in range(4):
                yield next(wrong)
            yield GUESS_CODE

    tally = guess_in_rounds(server, four_wrong_one_right(), hours, seed=4)
    check_and_record(trial, tally, server, hours)
    assert tally.right_accepted > 0


def test_guessing_from_32_parallel_connections(server: Server, trial: Trial) -> None:
    hours = trial_size(1, 3)
    rng = random.Random(5)
    wrong = wrong_codes(random.Random(6))
    tally = Tally()
    lock = threading.Lock()
    local = threading.local()
    url = server.pickups()
    sessions: list[requests.Session] = []

    def one(code: str) -> tuple[str, str, float]:
        http = getattr(local, "http", None)
        if http is None:
            http = local.http = session()
            with lock:
                sessions.append(http)
        outcome, retry_after = attempt(http, url, code)
        return outcome, code, retry_after

    with ThreadPoolExecutor(PARALLEL) as pool:
        first = True
        while server.clock.now < server.start + hours * HOUR:
            at = server.clock.now
            codes = [next(wrong) for _ in range(PARALLEL)]
            results = list(pool.map(one, codes))
            for outcome, code, retry_after in results:
                tally.add(outcome, code, at, retry_after)
            if first:
                # A full bucket and 32 guesses at one moment: exactly the burst is
                # checked, and the right code right after is refused, not checked.
                assert len(tally.checked_at) == RULE.burst
                with session() as http:
                    assert attempt(http, url, GUESS_CODE)[0] == "refused"
                first = False
            # Rounds far enough apart that the trial stays quick, close enough that 32
            # guesses always outnumber the checks the budget has regained.
            server.clock.advance(rng.uniform(10.0, 110.0))
    for http in sessions:
        http.close()
    check_and_record(trial, tally, server, hours)
