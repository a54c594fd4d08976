"""The admin panel end to end on real parts: the real app, the real board driver over a
pseudo-terminal to the simulator, a real ``locker-kiosk-server`` on loopback. Open one door
from the grid, open all (one unlock frame at a time), and the events reach the server with
actor ``admin``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore
from kiosk.config import BackendConfig, BoardConfig, Config, KioskConfig
from kiosk.flows.admin_pin import hash_pin
from kiosk.hardware.cu16 import CMD_UNLOCK
from tests.backend.fixtures import LOCKER, TOKEN, Seeded

pytestmark = pytest.mark.slow

PIN = "4711"
LOCKS = {"A1": (1, 1), "A2": (1, 2), "A3": (1, 3), "B1": (2, 1), "B2": (2, 2), "B3": (2, 3)}


def admin_events(core: BackendCore) -> list[tuple[str, str | None, str, object]]:
    db = core.store.read()
    rows = [core.store.event(db, eid) for eid in core.store.event_ids(db, LOCKER)]
    out = []
    for r in rows:
        if r is None or r["actor"] != "admin":
            continue
        detail = r["detail"]
        if isinstance(detail, str):
            detail = msgspec.json.decode(detail)
        action = (detail or {}).get("action") if isinstance(detail, dict) else None
        out.append((r["type"], r["compartment_id"], r["actor"], action))
    return out


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, server_url: str, seeded: Seeded) -> Iterator[Kiosk]:
    token = tmp_path / "token"
    token.write_text(TOKEN)
    os.chmod(token, 0o600)
    pin_file = tmp_path / "admin-pin"
    pin_file.write_text(hash_pin(PIN, n=16) + "\n")
    config = Config(
        kiosk=KioskConfig(state_dir=str(tmp_path / "state"), admin_pin_file=str(pin_file)),
        board=BoardConfig(kind="simulator", boards=[1, 2], door_open_timeout_s=3),
        backend=BackendConfig(
            kind="rest",
            base_url=server_url,
            locker_id=LOCKER,
            token_file=str(token),
            command_poll_s=0.5,
            verify_timeout_s=4,
            heartbeat_s=60,
        ),
    )
    services = KioskServices(config, open_parts(config))
    k = Kiosk(config, services=services)
    k.window.show()
    with qtbot.waitSignal(services.ready, timeout=10000):
        k.start()
    qtbot.waitUntil(lambda: k.host.current_name() == "idle", timeout=5000)
    yield k
    k.shutdown()


def log_in(qtbot: QtBot, kiosk: Kiosk) -> None:
    with qtbot.waitSignal(kiosk.admin.pin.entered):
        assert kiosk.machine.start_flow("admin")
    for digit in PIN:
        kiosk.code_entry_screen.keypad.buttons[digit].click()
    kiosk.code_entry_screen.ok_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")


def test_admin_grid_is_live_from_the_board_poller(qtbot: QtBot, kiosk: Kiosk) -> None:
    log_in(qtbot, kiosk)
    screen = kiosk.admin_screen
    qtbot.waitUntil(
        lambda: {c.compartment_id: c.door for c in screen.data.cells}.get("A2") == "closed",
        timeout=5000,
    )
    sim = kiosk.services.simulator if kiosk.services else None
    assert sim is not None
    sim.open_door(*LOCKS["A2"])  # somebody forces A2: the grid shows it open
    qtbot.waitUntil(
        lambda: {c.compartment_id: c.door for c in screen.data.cells}.get("A2") == "open",
        timeout=5000,
    )


def test_admin_open_one_door_over_the_pty(qtbot: QtBot, kiosk: Kiosk, core: BackendCore) -> None:
    services = kiosk.services
    assert services is not None
    sim = services.simulator
    assert sim is not None
    log_in(qtbot, kiosk)
    kiosk.admin_screen.picture.tapped.emit("B2")
    kiosk.admin_screen.button("open").click()
    qtbot.waitUntil(lambda: len(sim.requests(CMD_UNLOCK, 2, 2)) == 1, timeout=8000)
    qtbot.waitUntil(kiosk.admin.cycle.door_open.active, timeout=5000)
    sim.close_door(2, 2)
    qtbot.waitUntil(kiosk.admin.cycle.closed.active, timeout=5000)
    qtbot.waitUntil(
        lambda: ("admin_action", "B2", "admin", "open") in admin_events(core), timeout=10000
    )
    assert ("door_opened", "B2", "admin", "open") in admin_events(core)
    assert len(sim.requests(CMD_UNLOCK)) == 1  # nothing else opened


def test_admin_open_all_over_the_pty_one_at_a_time(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    services = kiosk.services
    assert services is not None
    sim = services.simulator
    assert sim is not None
    kiosk.admin.set_timeouts({"open_all_gap": 50})
    log_in(qtbot, kiosk)
    kiosk.admin_screen.button("open_all").click()
    assert sim.requests(CMD_UNLOCK) == []  # a confirmation first
    kiosk.admin_screen.button("open_all_go").click()
    qtbot.waitUntil(lambda: len(sim.requests(CMD_UNLOCK)) == 6, timeout=20000)
    qtbot.waitUntil(kiosk.admin.panel.active, timeout=5000)
    # Column by column, top down; never two unlocks for one door.
    order = [(r.board, r.lock) for r in sim.requests(CMD_UNLOCK)]
    assert order == [LOCKS[c] for c in ("A1", "A2", "A3", "B1", "B2", "B3")]
    assert "6 of 6" in kiosk.admin_screen.status.text()
    for board, lock in LOCKS.values():
        sim.close_door(board, lock)
    # Every close is recorded by the doors service, as the admin's action.
    qtbot.waitUntil(
        lambda: sum(1 for e in admin_events(core) if e[0] == "admin_action" and e[1]) == 6,
        timeout=15000,
    )
    assert ("admin_action", None, "admin", "open_all") in admin_events(core)
