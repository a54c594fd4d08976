"""A door open when the kiosk goes down still gets its close recorded (issue 17, item 6).

Real parts: the board simulator on a pseudo-terminal that outlives the kiosk (as a real
bus does), a real ``locker-kiosk-server`` on loopback, and two kiosks one after the other
on the same state directory. The first opens the door and goes down before the close;
the person closes the door (before or after the second kiosk starts); the second kiosk
finds the door in its journal and records ``picked_up`` — once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore
from kiosk.config import BoardConfig, Config
from kiosk.hardware.simulator import SimulatedBus
from tests.backend.fixtures import LOCKER, Seeded
from tests.helpers.kiosk import rest_config, stored_events

pytestmark = pytest.mark.slow


@pytest.fixture
def bus() -> Iterator[SimulatedBus]:
    sim = SimulatedBus([1, 2])
    sim.start()
    yield sim
    sim.stop()


def config(tmp_path: Path, url: str, port: str) -> Config:
    """The REST kiosk on the outside simulator's pty (it outlives each kiosk)."""
    board = BoardConfig(kind="serial", port=port, boards=[1, 2], door_open_timeout_s=3)
    return rest_config(tmp_path, url, board=board, command_poll_s=0.5)


def start_kiosk(qtbot: QtBot, cfg: Config) -> Kiosk:
    services = KioskServices(cfg, open_parts(cfg))
    kiosk = Kiosk(cfg, services=services)
    kiosk.window.show()
    with qtbot.waitSignal(services.ready, timeout=10000):
        kiosk.start()
    return kiosk


def open_a1(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    flow = kiosk.pickup
    assert flow is not None
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    for digit in code:
        kiosk.code_entry_screen.keypad.buttons[digit].click()
    kiosk.code_entry_screen.ok_button.click()
    qtbot.waitUntil(flow.door_open.active, timeout=8000)


def count(core: BackendCore, event: tuple[str, str]) -> int:
    return stored_events(core, LOCKER).count(event)


def test_door_journal_close_while_the_kiosk_was_down_is_recorded_after_restart(
    qtbot: QtBot, tmp_path: Path, server_url: str, core: BackendCore, seeded: Seeded,
    bus: SimulatedBus,
) -> None:  # fmt: skip
    cfg = config(tmp_path, server_url, bus.path)
    first = start_kiosk(qtbot, cfg)
    open_a1(qtbot, first, seeded.code_a)
    first.shutdown()  # down with the door open: picked_up was never recorded
    bus.close_door(1, 1)  # the person takes the parcel and shuts the door meanwhile
    assert count(core, ("picked_up", "A1")) == 0
    second = start_kiosk(qtbot, cfg)
    try:
        qtbot.waitUntil(lambda: count(core, ("picked_up", "A1")) == 1, timeout=10000)
        services = second.services
        assert services is not None
        qtbot.waitUntil(lambda: services.doors.pending_closes() == {}, timeout=5000)
    finally:
        second.shutdown()
    assert count(core, ("picked_up", "A1")) == 1
    assert count(core, ("door_forced", "A1")) == 0


def test_door_journal_door_still_open_at_restart_is_recorded_when_it_closes(
    qtbot: QtBot, tmp_path: Path, server_url: str, core: BackendCore, seeded: Seeded,
    bus: SimulatedBus,
) -> None:  # fmt: skip
    cfg = config(tmp_path, server_url, bus.path)
    first = start_kiosk(qtbot, cfg)
    open_a1(qtbot, first, seeded.code_a)
    first.shutdown()
    second = start_kiosk(qtbot, cfg)
    try:
        services = second.services
        assert services is not None
        qtbot.waitUntil(lambda: "A1" in services.doors.pending_closes(), timeout=5000)
        bus.close_door(1, 1)
        qtbot.waitUntil(lambda: count(core, ("picked_up", "A1")) == 1, timeout=10000)
    finally:
        second.shutdown()
    assert count(core, ("door_forced", "A1")) == 0


def test_door_journal_door_found_open_with_no_unlock_is_forced(
    qtbot: QtBot, tmp_path: Path, server_url: str, core: BackendCore, bus: SimulatedBus
) -> None:
    bus.open_door(2, 2)  # B2, opened while the kiosk was off, by nobody it knows
    kiosk = start_kiosk(qtbot, config(tmp_path, server_url, bus.path))
    try:
        qtbot.waitUntil(lambda: count(core, ("door_forced", "B2")) == 1, timeout=10000)
    finally:
        kiosk.shutdown()
    db = core.store.read()
    forced = [core.store.event(db, eid) for eid in core.store.event_ids(db, LOCKER)]
    assert [r["actor"] for r in forced if r is not None and r["type"] == "door_forced"] == [
        "unknown"
    ]


def test_door_journal_person_walked_away_door_closed_later_is_recorded(
    qtbot: QtBot, tmp_path: Path, server_url: str, core: BackendCore, seeded: Seeded,
    bus: SimulatedBus,
) -> None:  # fmt: skip
    kiosk = start_kiosk(qtbot, config(tmp_path, server_url, bus.path))
    try:
        flow = kiosk.pickup
        assert flow is not None
        flow.set_timeouts({"door_open": 100, "left_open": 100})
        open_a1(qtbot, kiosk, seeded.code_a)
        # The reminder runs out: the flow ends and stops watching the open door.
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=5000)
        bus.close_door(1, 1)
        qtbot.waitUntil(lambda: count(core, ("picked_up", "A1")) == 1, timeout=10000)
    finally:
        kiosk.shutdown()
    assert count(core, ("door_left_open", "A1")) == 1
