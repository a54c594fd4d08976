"""Pickup end to end on real parts: keypad taps on the real app → real board driver over a
pseudo-terminal to the simulator → unlock frame for the right lock → the simulator closes
the door → ``picked_up`` delivered to a real ``locker-kiosk-server`` on loopback, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore
from kiosk.hardware.cu16 import CMD_UNLOCK
from tests.backend.fixtures import LOCKER, Seeded
from tests.helpers.kiosk import rest_config, stored_events

pytestmark = pytest.mark.slow


def events_of(core: BackendCore) -> list[tuple[str, str]]:
    return stored_events(core, LOCKER)


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, server_url: str) -> Iterator[Kiosk]:
    config = rest_config(tmp_path, server_url, verify_timeout_s=4, heartbeat_s=60)
    services = KioskServices(config, open_parts(config))
    k = Kiosk(config, services=services)
    k.window.show()
    with qtbot.waitSignal(services.ready, timeout=10000):
        k.start()
    yield k
    k.shutdown()


def tap_code(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    for digit in code:
        kiosk.code_entry_screen.keypad.buttons[digit].click()
    kiosk.code_entry_screen.ok_button.click()


def test_pickup_end_to_end_over_pty_and_loopback(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, seeded: Seeded
) -> None:
    services, flow = kiosk.services, kiosk.pickup
    assert services is not None
    assert services.simulator is not None
    assert flow is not None
    sim = services.simulator
    tap_code(qtbot, kiosk, seeded.code_a)
    # Compartment A1 is board 1, lock 1: exactly that unlock frame goes on the wire.
    qtbot.waitUntil(lambda: len(sim.requests(CMD_UNLOCK, 1, 1)) == 1, timeout=8000)
    assert sim.requests(CMD_UNLOCK, 2) == []
    qtbot.waitUntil(flow.door_open.active, timeout=5000)
    assert kiosk.door_screen.compartment.text() == "A1"
    sim.close_door(1, 1)
    qtbot.waitUntil(flow.closed.active, timeout=5000)
    assert kiosk.message_screen.headline.text() == "Thank you!"
    qtbot.waitUntil(lambda: ("picked_up", "A1") in events_of(core), timeout=10000)
    assert events_of(core).count(("picked_up", "A1")) == 1
    assert ("door_opened", "A1") in events_of(core)
    db = core.store.read()
    rent = core.store.rent(db, seeded.rents["A1"])
    assert rent is not None
    assert rent["status"] == "picked_up"
    assert len(sim.requests(CMD_UNLOCK, 1, 1)) == 1


def test_pickup_wrong_code_costs_an_attempt_and_opens_nothing(
    qtbot: QtBot, kiosk: Kiosk, seeded: Seeded
) -> None:
    services, flow = kiosk.services, kiosk.pickup
    assert services is not None
    assert services.simulator is not None
    assert flow is not None
    tap_code(qtbot, kiosk, "987654")
    qtbot.waitUntil(flow.problem.active, timeout=8000)
    assert kiosk.message_screen.headline.text() == "Wrong code"
    assert [b.text() for b in kiosk.message_screen.buttons] == ["Try again", "Cancel"]
    assert services.simulator.requests(CMD_UNLOCK) == []


def _nothing() -> None:
    """A server already stopped."""


def test_pickup_offline_when_the_backend_is_down_then_delivered_once_it_is_back(
    qtbot: QtBot, tmp_path: Path, core: BackendCore, seeded: Seeded
) -> None:
    from kiosk.backend.server import serve_in_thread

    url, stop = serve_in_thread(core)
    config = rest_config(tmp_path, url, verify_timeout_s=3, connect_timeout_s=0.5)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    refreshed: list[int] = []
    services.backend.offline_codes_refreshed.connect(refreshed.append)
    try:
        with qtbot.waitSignal(services.ready, timeout=10000):
            kiosk.start()
        # The offline cache is filled at start; then the backend goes away.
        qtbot.waitUntil(lambda: bool(refreshed), timeout=10000)
        assert refreshed[0] >= 3
        stop()
        stop = _nothing
        flow, sim = kiosk.pickup, services.simulator
        assert flow is not None
        assert sim is not None
        tap_code(qtbot, kiosk, seeded.code_a)
        qtbot.waitUntil(flow.door_open.active, timeout=10000)
        sim.close_door(1, 1)
        qtbot.waitUntil(flow.closed.active, timeout=5000)
        assert events_of(core) == []  # nothing reached the backend yet: kept in the outbox
        # The backend comes back on the same address: the events arrive, each once.
        port = int(url.rstrip("/").rsplit(":", 1)[1])
        _, stop = serve_in_thread(core, port=port)
        services.outbox.kick()
        qtbot.waitUntil(lambda: ("picked_up", "A1") in events_of(core), timeout=20000)
        assert events_of(core).count(("picked_up", "A1")) == 1
        assert events_of(core).count(("door_opened", "A1")) == 1
    finally:
        kiosk.shutdown()
        stop()
