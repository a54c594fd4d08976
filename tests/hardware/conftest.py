"""Fixtures: a simulated bus on a real pseudo-terminal, and a driver with short timeouts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.hardware.driver import Bus, BusSettings, Event, Poller
from kiosk.hardware.simulator import SimulatedBus

# Short timeouts keep the fault tests at a fraction of a second each.
FAST: dict[str, Any] = {
    "timeout_ms": 60,
    "unlock_confirm_ms": 150,
    "door_open_timeout_s": 0.6,
    "confirm_poll_ms": 20,
    "reopen_interval_s": 0.2,
    "port_check_interval_s": 0.2,
    "poll_open_ms": 50,
    "poll_idle_s": 0.3,
}


def fast_settings(port: str, **overrides: Any) -> BusSettings:
    """Bus settings with test-sized timeouts."""
    return BusSettings(port=port, **{**FAST, **overrides})


@pytest.fixture
def make_sim(tmp_path: Path) -> Iterator[Callable[..., SimulatedBus]]:
    sims: list[SimulatedBus] = []

    def make(boards: int | list[int] = 2, *, link: bool = False, **kw: Any) -> SimulatedBus:
        sim = SimulatedBus(boards, link=str(tmp_path / "lockerboard") if link else None, **kw)
        sims.append(sim)
        sim.start()
        return sim

    yield make
    for sim in sims:
        sim.stop()


@pytest.fixture
def sim(make_sim: Callable[..., SimulatedBus]) -> SimulatedBus:
    return make_sim(2)


@pytest.fixture
def make_bus() -> Iterator[Callable[..., Bus]]:
    buses: list[Bus] = []

    def make(port: str, **overrides: Any) -> Bus:
        bus = Bus(fast_settings(port, **overrides))
        buses.append(bus)
        return bus

    yield make
    for bus in buses:
        bus.close()


@pytest.fixture
def bus(sim: SimulatedBus, make_bus: Callable[..., Bus]) -> Bus:
    return make_bus(sim.path, sensor_boards=frozenset({1}))


class EventLog:
    """Collects events from a background poll loop; tests wait on it with a timeout."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._cond = threading.Condition()

    def add(self, events: list[Event]) -> None:
        with self._cond:
            self.events += events
            self._cond.notify_all()

    def wait_for(self, event: Event, timeout: float = 3.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: event in self.events, timeout)


@pytest.fixture
def run_poller() -> Iterator[Callable[[Poller], EventLog]]:
    stops: list[tuple[threading.Event, threading.Thread]] = []

    def run(poller: Poller) -> EventLog:
        log = EventLog()
        stop = threading.Event()
        thread = threading.Thread(target=poller.run, args=(stop, log.add), daemon=True)
        thread.start()
        stops.append((stop, thread))
        return log

    yield run
    for stop, thread in stops:
        stop.set()
        thread.join(5)
