"""Clock trust: a kiosk whose wall clock is wrong still judges offline codes by the server's time.

A kiosk computer may have no battery-backed clock: it boots in 1970, at its image's build
date, or wherever the last NTP sync left it. The offline verifier takes the heartbeat's
``server_time`` and carries it forward by the monotonic clock; the guess budget refills by
the monotonic clock only. Every clock here is injected: the server's (``FakeClock`` in the
core), the kiosk's wall clock and its monotonic clock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import CodeExpired, CodeUnknown, Heartbeat, TooManyAttempts
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.offline import MAX_CACHE_AGE_S, OfflineVerifier, ResilientBackend
from kiosk.services.backend import BackendService
from tests.backend.fixtures import LOCKER, FakeClock, Seeded, seed

YEAR_S = 365 * 24 * 3600.0
#: A parcel placed for three days next to the seeded ones (which expire in one hour).
LONG_CODE = "818181"


class Ticks:
    """A monotonic clock the test moves; it starts anywhere, like a fresh process's."""

    def __init__(self, start: float = 500.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class Kiosk:
    """What one kiosk process holds: its clocks and its verifier behind ResilientBackend."""

    def __init__(self, path: Path, online: EmbeddedBackend, wall: float) -> None:
        self.wall = wall
        self.ticks = Ticks()
        self.verifier = OfflineVerifier(path, clock=lambda: self.wall, monotonic=self.ticks)
        self.backend = ResilientBackend(online, self.verifier)

    def heartbeat(self) -> None:
        self.backend.heartbeat(Heartbeat("test", 1.0, 0, 0.0))

    def outcome(self, code: str) -> str:
        try:
            self.verifier.verify(code)
        except CodeExpired:
            return "expired"
        except CodeUnknown:
            return "unknown"
        except TooManyAttempts:
            return "refused"
        return "ok"

    def close(self) -> None:
        self.verifier.close()


@pytest.fixture
def server_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def online(tmp_path: Path, server_clock: FakeClock) -> Iterator[tuple[EmbeddedBackend, Seeded]]:
    core = BackendCore.open(tmp_path / "backend.db", clock=server_clock)
    seeded = seed(core)
    core.announce_parcel(LOCKER, parcel_id="long", barcode="BC-LONG", size="S", code=LONG_CODE)
    core.place_parcel(LOCKER, parcel_id="long", compartment_id="B2", expires_in_s=3 * 86400)
    yield EmbeddedBackend(core, LOCKER), seeded
    core.close()


@pytest.mark.parametrize("off_s", [-5 * YEAR_S, 5 * YEAR_S], ids=["behind", "ahead"])
def test_a_wrong_wall_clock_neither_revives_nor_expires_codes(
    tmp_path: Path,
    online: tuple[EmbeddedBackend, Seeded],
    server_clock: FakeClock,
    off_s: float,
) -> None:
    backend, seeded = online
    kiosk = Kiosk(tmp_path / "kiosk.db", backend, wall=server_clock.now + off_s)
    kiosk.heartbeat()
    kiosk.backend.refresh_offline_codes()
    # the backend is now unreachable: the verifier alone decides
    assert kiosk.outcome(seeded.code_a) == "ok"  # expires in one hour
    assert kiosk.outcome(LONG_CODE) == "ok"
    kiosk.ticks.now += 3601  # one hour later, by the monotonic clock
    kiosk.wall += 3601
    assert kiosk.outcome(seeded.code_a) == "expired"
    assert kiosk.outcome(LONG_CODE) == "ok"
    kiosk.close()


def test_a_clock_set_back_at_a_restart_does_not_revive_expired_codes(
    tmp_path: Path, online: tuple[EmbeddedBackend, Seeded], server_clock: FakeClock
) -> None:
    backend, seeded = online
    kiosk = Kiosk(tmp_path / "kiosk.db", backend, wall=server_clock.now)
    kiosk.heartbeat()
    kiosk.backend.refresh_offline_codes()
    # Two hours pass, heartbeats go on; then the backend goes down and the kiosk restarts
    # with no battery-backed clock: its wall clock says 1970.
    kiosk.ticks.now += 7200
    server_clock.advance(7200)
    kiosk.heartbeat()
    kiosk.close()
    restarted = Kiosk(tmp_path / "kiosk.db", backend, wall=0.0)
    assert restarted.outcome(seeded.code_a) == "expired"
    assert restarted.outcome(LONG_CODE) == "ok"
    # and time goes on from there by the monotonic clock: a day later the cache is too old
    restarted.ticks.now += MAX_CACHE_AGE_S
    assert restarted.outcome(LONG_CODE) == "unknown"
    restarted.close()


def test_a_wall_clock_later_than_the_last_server_time_counts_after_a_restart(
    tmp_path: Path, online: tuple[EmbeddedBackend, Seeded], server_clock: FakeClock
) -> None:
    """With no server time yet in this process, the later of the two clocks is used."""
    backend, seeded = online
    kiosk = Kiosk(tmp_path / "kiosk.db", backend, wall=server_clock.now)
    kiosk.heartbeat()
    kiosk.backend.refresh_offline_codes()
    kiosk.close()
    restarted = Kiosk(tmp_path / "kiosk.db", backend, wall=server_clock.now + 7200)
    assert restarted.outcome(seeded.code_a) == "expired"
    assert restarted.outcome(LONG_CODE) == "ok"
    restarted.close()


def test_the_cache_is_wiped_when_older_than_its_maximum_age_whatever_the_wall_clock(
    tmp_path: Path, online: tuple[EmbeddedBackend, Seeded], server_clock: FakeClock
) -> None:
    backend, _ = online
    # The kiosk's clock is far behind when it refreshes, before any heartbeat: the cache's
    # age is counted by the monotonic clock, so the first heartbeat does not make it look
    # years old and wipe it.
    kiosk = Kiosk(tmp_path / "kiosk.db", backend, wall=server_clock.now - YEAR_S)
    kiosk.backend.refresh_offline_codes()
    kiosk.heartbeat()
    assert kiosk.outcome(LONG_CODE) == "ok"
    kiosk.close()
    # The same when the clock runs ahead: the refresh before the first heartbeat keeps
    # every rent rather than dropping them as "expired".
    kiosk = Kiosk(tmp_path / "ahead.db", backend, wall=server_clock.now + YEAR_S)
    kiosk.backend.refresh_offline_codes()
    kiosk.heartbeat()
    assert kiosk.outcome(LONG_CODE) == "ok"
    kiosk.ticks.now += MAX_CACHE_AGE_S + 1
    kiosk.wall -= YEAR_S  # a wall clock going back changes nothing
    assert kiosk.outcome(LONG_CODE) == "unknown"
    assert kiosk.verifier.count() == 0
    kiosk.close()


def test_the_guess_budget_is_not_refilled_by_a_clock_jump(
    tmp_path: Path, online: tuple[EmbeddedBackend, Seeded], server_clock: FakeClock
) -> None:
    backend, seeded = online
    kiosk = Kiosk(tmp_path / "kiosk.db", backend, wall=server_clock.now)
    kiosk.heartbeat()
    kiosk.backend.refresh_offline_codes()  # guess_burst=8, guess_interval_s=60
    for _ in range(8):
        assert kiosk.outcome("000000") == "unknown"
    kiosk.wall += YEAR_S
    server_clock.advance(YEAR_S)
    kiosk.heartbeat()  # even the server's clock jumping refills nothing
    assert kiosk.outcome(seeded.code_a) == "refused"
    kiosk.ticks.now += 60
    assert kiosk.outcome("000000") == "unknown"
    assert kiosk.outcome("000000") == "refused"
    kiosk.close()


def test_a_wrong_clock_is_logged_once_per_change_not_at_every_heartbeat(
    qtbot: QtBot,
    online: tuple[EmbeddedBackend, Seeded],
    server_clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    backend, _ = online
    service = BackendService(backend)
    skews: list[float] = []
    service.clock_skew.connect(skews.append)
    caplog.set_level(logging.INFO, "kiosk.services.backend")

    def beat(server_off_s: float) -> None:
        server_clock.now = time.time() + server_off_s
        with qtbot.waitSignal(service.heartbeat_sent, timeout=5000):
            service.send_heartbeat()

    service.start(heartbeat=False, commands=False)
    try:
        for off in (3600, 3600, 3601, 0, 0, -YEAR_S, -YEAR_S):
            beat(off)
    finally:
        service.stop()
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.name == "kiosk.services.backend" and r.levelno >= logging.WARNING
    ]
    assert len(warnings) == 2, warnings
    assert len(skews) == 2
    assert skews[0] == pytest.approx(3600, abs=5)
    assert skews[1] == pytest.approx(-YEAR_S, abs=5)
    assert any("back in step" in r.getMessage() for r in caplog.records)
