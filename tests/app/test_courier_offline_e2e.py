"""Courier mode with the backend down, end to end on real parts: the real app, the real
board driver over a pseudo-terminal to the simulator, a serial scanner on a pty, and a real
``locker-kiosk-server`` on loopback that is stopped (nothing listens on its port) and
started again on the same port and database.

The courier logs in online once (so the server counts them as seen at this locker and the
kiosk keeps their task list), the offline set is synced, the server goes down; the courier
logs in by PIN and by badge against the set and delivers; the server comes back and the
outbox brings it every reservation (PUT #7) and every ``deposited`` exactly once.
"""

from __future__ import annotations

import os
import pty
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.api import CourierTasks
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.offline import COURIER_POOL, OFFLINE_TOKEN_PREFIX, ResilientBackend
from kiosk.backend.outbox import Outbox
from kiosk.flows.courier import CourierFlow
from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.scanner import SerialScanner
from tests.backend.fixtures import ITERATIONS, layout
from tests.helpers.kiosk import rest_config, stored_events
from tests.helpers.offline import RestartableServer

pytestmark = pytest.mark.slow

LOCKER = "OFF1"
TOKEN = "off1-secret-token"
PIN = "2468"
BADGE = "BADGE-9"
#: Announced for this locker: barcode -> size.
PARCELS = {"X1": "S", "X2": "M", "X3": "S", "X4": "L"}


@dataclass
class Rig:
    kiosk: Kiosk
    services: KioskServices
    flow: CourierFlow
    sim: SimulatedBus
    core: BackendCore
    server: RestartableServer
    scanner_fd: int

    @property
    def backend(self) -> ResilientBackend:
        backend = self.services.parts.backend
        assert isinstance(backend, ResilientBackend)
        return backend

    @property
    def outbox(self) -> Outbox:
        return self.services.parts.outbox

    def scan(self, code: str) -> None:
        os.write(self.scanner_fd, code.encode() + b"\r\n")

    def where(self, compartment: str) -> tuple[int, int]:
        info = EmbeddedBackend(self.core, LOCKER).get_locker()
        c = next(c for c in info.compartments if c.id == compartment)
        return c.board, c.lock

    def events(self) -> list[tuple[str, str]]:
        return stored_events(self.core, LOCKER)

    def rent(self, rent_id: str) -> dict[str, object] | None:
        row = self.core.store.rent(self.core.store.read(), rent_id)
        return None if row is None else {k: row[k] for k in ("status", "compartment_id")}


def seed(core: BackendCore) -> None:
    core.create_locker(
        LOCKER, token=TOKEN, name="Offline", compartments=layout(), kdf_iterations=ITERATIONS
    )
    core.add_courier(
        "c9", name="Van Nine", company="Fast Co", pin=PIN, badge=BADGE, iterations=ITERATIONS
    )
    for n, (barcode, size) in enumerate(PARCELS.items()):
        core.announce_parcel(
            LOCKER, parcel_id=f"p-{barcode}", barcode=barcode, size=size, code=f"90000{n}"
        )


@contextmanager
def offline_kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Rig]:
    core = BackendCore.open(tmp_path / "backend.sqlite")
    seed(core)
    server = RestartableServer(core)
    master, slave = pty.openpty()
    tty.setraw(slave)
    config = rest_config(tmp_path, server.url, locker=LOCKER, token=TOKEN, connect_timeout_s=0.5)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services, serial_scanner=SerialScanner(os.ttyname(slave)))
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=10000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        assert kiosk.courier is not None
        assert services.simulator is not None
        yield Rig(kiosk, services, kiosk.courier, services.simulator, core, server, master)
    finally:
        kiosk.shutdown()
        server.close()
        core.close()
        os.close(master)
        os.close(slave)


def type_on_keypad(kiosk: Kiosk, text: str) -> None:
    screen = kiosk.code_entry_screen
    for char in text:
        screen.keypad.buttons[char].click()
    screen.ok_button.click()


def enter_pin(qtbot: QtBot, r: Rig, pin: str) -> None:
    r.kiosk.idle_screen.courier_button.click()
    qtbot.waitUntil(lambda: r.flow.active(r.flow.entering_id))
    type_on_keypad(r.kiosk, "C9")
    qtbot.waitUntil(lambda: r.flow.active(r.flow.entering_pin))
    type_on_keypad(r.kiosk, pin)


def at_home(qtbot: QtBot, r: Rig) -> None:
    qtbot.waitUntil(lambda: r.flow.active(r.flow.home), timeout=15000)


def log_out(qtbot: QtBot, r: Rig) -> None:
    if not r.flow.active(r.flow.home):
        done = next(b for b in r.kiosk.courier_task_screen.buttons if b.text() == "Done")
        done.click()
        at_home(qtbot, r)
    r.kiosk.courier_home_screen.logout_button.click()
    qtbot.waitUntil(lambda: r.kiosk.machine.state_name() == "idle", timeout=10000)


def deliver(qtbot: QtBot, r: Rig, barcode: str) -> str:
    """Scan, wait for the door to stand open, close it, wait until counted."""
    before = r.flow.delivered_count
    r.scan(barcode)
    qtbot.waitUntil(lambda: r.flow.active(r.flow.door_open), timeout=15000)
    job = r.flow.cycle.job
    assert job is not None
    r.sim.close_door(*r.where(job.compartment_id))
    qtbot.waitUntil(lambda: r.flow.delivered_count == before + 1, timeout=15000)
    return job.compartment_id


def seen_online_then_down(qtbot: QtBot, r: Rig) -> None:
    """The courier logs in online once (their task list kept, the server counts the
    visit), the offline set is synced, and the server stops."""
    r.scan(BADGE)
    at_home(qtbot, r)
    assert r.flow.session is not None
    assert not r.flow.session.session_token.startswith(OFFLINE_TOKEN_PREFIX)
    assert r.kiosk.courier_home_screen.deliver_count.text() == "4"
    log_out(qtbot, r)
    with qtbot.waitSignal(r.services.backend.offline_codes_refreshed, timeout=10000):
        r.services.backend.refresh_offline_codes()
    r.server.stop()


def offline_session(r: Rig) -> str:
    assert r.flow.session is not None
    token = r.flow.session.session_token
    assert token.startswith(OFFLINE_TOKEN_PREFIX)
    return token


def test_courier_offline_pin_and_badge_deliver_three_parcels_synced_exactly_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with offline_kiosk(qtbot, tmp_path) as r:
        seen_online_then_down(qtbot, r)
        events_before = len(r.events())

        # ---- offline: by PIN, two parcels
        enter_pin(qtbot, r, PIN)
        at_home(qtbot, r)
        offline_session(r)
        home = r.kiosk.courier_home_screen
        assert home.headline.text() == "Hello, Van Nine"
        assert home.deliver_count.text() == "4"  # the list kept from the online login
        doors = [deliver(qtbot, r, "X1"), deliver(qtbot, r, "X2")]
        log_out(qtbot, r)

        # ---- offline: by badge, one more; the two delivered are off the list
        r.scan(BADGE)
        at_home(qtbot, r)
        offline_session(r)
        assert home.deliver_count.text() == "2"
        doors.append(deliver(qtbot, r, "X3"))
        log_out(qtbot, r)
        assert len(set(doors)) == 3
        assert len(r.sim.requests(CMD_UNLOCK)) == 3

        # The server heard nothing; everything waits in the outbox: 3 PUTs, their events.
        assert len(r.events()) == events_before
        assert r.outbox.stats().depth >= 6
        rents = [rid for rid, code in _queued_rents(r)]
        assert len(rents) == 3

        # ---- the server comes back on the same port and database
        r.server.start()
        qtbot.waitUntil(lambda: r.outbox.stats().depth == 0, timeout=30000)
        assert r.outbox.stats().rejected == 0
        for rent_id, door in zip(rents, doors, strict=True):
            assert r.server.puts_for(rent_id) == 1
            rent = r.rent(rent_id)
            assert rent is not None
            assert (rent["status"], rent["compartment_id"]) == ("deposited", door)
        deposited = [c for t, c in r.events() if t == "deposited"]
        assert sorted(deposited) == sorted(doors)  # each once

        # The parcels are off the courier's task list at the server.
        backend = EmbeddedBackend(r.core, LOCKER)
        session = backend.courier_login(courier_id="c9", pin=PIN)
        tasks: CourierTasks = backend.courier_tasks(session.session_token)
        assert [p.barcode for p in tasks.deliveries] == ["X4"]

        # Online again at once: the next login goes to the server.
        r.scan(BADGE)
        at_home(qtbot, r)
        assert r.flow.session is not None
        assert not r.flow.session.session_token.startswith(OFFLINE_TOKEN_PREFIX)
        assert home.deliver_count.text() == "1"
        log_out(qtbot, r)


def _queued_rents(r: Rig) -> list[tuple[str, str]]:
    """(rent id, key) of the reservations waiting in the outbox, oldest first."""
    rows = (
        r.outbox._store.read()
        .execute("SELECT rent_id, event_id FROM outbox WHERE kind = 'reservation' ORDER BY seq")
        .fetchall()
    )
    return [(str(row["rent_id"]), str(row["event_id"])) for row in rows]


def test_courier_offline_wrong_pin_is_refused_and_spends_the_budget(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with offline_kiosk(qtbot, tmp_path) as r:
        seen_online_then_down(qtbot, r)
        before = r.backend.verifier.guess_tokens(COURIER_POOL)
        enter_pin(qtbot, r, "0000")
        qtbot.waitUntil(lambda: r.flow.active(r.flow.login_problem), timeout=15000)
        assert r.kiosk.message_screen.headline.text() == "Wrong courier ID or PIN"
        assert r.backend.verifier.guess_tokens(COURIER_POOL) < before - 0.5
        assert r.sim.requests(CMD_UNLOCK) == []
        assert r.flow.session is None


def test_courier_offline_reservation_refused_at_sync_is_set_aside_and_blocks_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """While the kiosk was offline the back office put parcel X1 somewhere else: its
    reservation is refused at sync (already delivered) and set aside, with its events;
    the delivery after it reaches the server all the same."""
    with offline_kiosk(qtbot, tmp_path) as r:
        seen_online_then_down(qtbot, r)
        enter_pin(qtbot, r, PIN)
        at_home(qtbot, r)
        offline_session(r)
        deliver(qtbot, r, "X1")
        good_door = deliver(qtbot, r, "X2")
        log_out(qtbot, r)
        refused, good = (rid for rid, _ in _queued_rents(r))
        r.core.place_parcel(LOCKER, parcel_id="p-X1", compartment_id="A3")
        r.server.start()
        qtbot.waitUntil(lambda: r.outbox.stats().depth == 0, timeout=30000)
        [(queued, code)] = r.outbox.rejected_reservations()
        assert (queued.rent_id, code) == (refused, "already_delivered")
        assert r.outbox.stats().rejected >= 2  # the PUT and the refused rent's deposited
        assert r.rent(refused) is None
        rent = r.rent(good)
        assert rent is not None
        assert (rent["status"], rent["compartment_id"]) == ("deposited", good_door)
        assert r.server.puts_for(refused) == 1
        assert r.server.puts_for(good) == 1


def test_courier_offline_doesnt_fit_then_a_larger_door_syncs_in_order(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Offline, the first door is too small: its rent is cancelled and a larger one reserved
    for the same parcel. At sync the server hears PUT, cancel, then the new PUT, in that
    order (the other order is refused as already delivered)."""
    with offline_kiosk(qtbot, tmp_path) as r:
        seen_online_then_down(qtbot, r)
        r.scan(BADGE)
        at_home(qtbot, r)
        offline_session(r)
        r.scan("X1")
        qtbot.waitUntil(lambda: r.flow.active(r.flow.door_open), timeout=15000)
        job = r.flow.cycle.job
        assert job is not None
        small = job.compartment_id
        next(b for b in r.kiosk.door_screen.buttons if b.text() == "Doesn't fit").click()
        qtbot.waitUntil(lambda: r.flow.active(r.flow.close_first), timeout=10000)
        r.sim.close_door(*r.where(small))
        qtbot.waitUntil(lambda: r.flow.active(r.flow.door_open), timeout=15000)
        job = r.flow.cycle.job
        assert job is not None
        larger = job.compartment_id
        assert larger != small
        r.sim.close_door(*r.where(larger))
        qtbot.waitUntil(lambda: r.flow.delivered_count == 1, timeout=15000)
        log_out(qtbot, r)
        first, second = (rid for rid, _ in _queued_rents(r))
        r.server.start()
        qtbot.waitUntil(lambda: r.outbox.stats().depth == 0, timeout=30000)
        assert r.outbox.stats().rejected == 0
        cancelled, deposited = r.rent(first), r.rent(second)
        assert cancelled is not None
        assert deposited is not None
        assert (cancelled["status"], cancelled["compartment_id"]) == ("cancelled", small)
        assert (deposited["status"], deposited["compartment_id"]) == ("deposited", larger)
        assert (r.server.puts_for(first), r.server.puts_for(second)) == (1, 1)
