"""Courier mode end to end on real parts: taps and scanner bursts on the real app → the
real board driver over a pseudo-terminal to the simulator → a real ``locker-kiosk-server``
on loopback, which ends up holding every event exactly once.

The scanner is a real :class:`~kiosk.services.scanner.SerialScanner` on a pty; the courier
"acts" by writing barcodes to it and closing doors in the simulator.
"""

from __future__ import annotations

import dataclasses
import os
import pty
import tty
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.api import Event, RentRequest, SessionExpired, utcnow
from kiosk.backend.demo import demo_layout
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.server import serve_in_thread
from kiosk.flows.courier import CourierFlow
from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.scanner import SerialScanner
from tests.backend.fixtures import ITERATIONS, LOCKER, TOKEN, Seeded
from tests.helpers.kiosk import rest_config, stored_events

pytestmark = pytest.mark.slow

BIG = "C32"
BIG_TOKEN = "c32-secret-token"


@dataclass
class Rig:
    kiosk: Kiosk
    flow: CourierFlow
    sim: SimulatedBus
    core: BackendCore
    locker: str
    scanner_fd: int

    def scan(self, code: str) -> None:
        os.write(self.scanner_fd, code.encode() + b"\r\n")

    def events(self) -> list[tuple[str, str]]:
        return stored_events(self.core, self.locker)

    def where(self, compartment: str) -> tuple[int, int]:
        """(board, lock) of a compartment of this locker."""
        info = EmbeddedBackend(self.core, self.locker).get_locker()
        c = next(c for c in info.compartments if c.id == compartment)
        return c.board, c.lock


@contextmanager
def courier_kiosk(
    qtbot: QtBot, tmp_path: Path, core: BackendCore, locker: str, token: str
) -> Iterator[Rig]:
    url, stop = serve_in_thread(core)
    master, slave = pty.openpty()
    tty.setraw(slave)
    scanner = SerialScanner(os.ttyname(slave))
    config = rest_config(tmp_path, url, locker=locker, token=token)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services, serial_scanner=scanner)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=10000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        assert kiosk.courier is not None
        assert services.simulator is not None
        yield Rig(kiosk, kiosk.courier, services.simulator, core, locker, master)
    finally:
        kiosk.shutdown()
        stop()
        os.close(master)
        os.close(slave)


@pytest.fixture
def rig(qtbot: QtBot, tmp_path: Path, core: BackendCore, seeded: Seeded) -> Iterator[Rig]:
    """Locker L1 of the shared fixtures: A1-A3, B1-B3; B2 and B3 free; B1 expired."""
    with courier_kiosk(qtbot, tmp_path, core, LOCKER, TOKEN) as r:
        yield r


def type_on_keypad(qtbot: QtBot, kiosk: Kiosk, text: str) -> None:
    screen = kiosk.code_entry_screen
    for char in text:
        screen.keypad.buttons[char].click()
    screen.ok_button.click()


def log_in_with_pin(qtbot: QtBot, r: Rig, courier_id: str = "C1", pin: str = "9876") -> None:
    r.kiosk.idle_screen.courier_button.click()
    qtbot.waitUntil(lambda: r.flow.active(r.flow.entering_id))
    type_on_keypad(qtbot, r.kiosk, courier_id)
    qtbot.waitUntil(lambda: r.flow.active(r.flow.entering_pin))
    assert r.kiosk.code_entry_screen.display.text() == "" or "•" in (
        r.kiosk.code_entry_screen.display.text() + "•"
    )
    type_on_keypad(qtbot, r.kiosk, pin)
    qtbot.waitUntil(lambda: r.flow.active(r.flow.home), timeout=15000)


def deliver_one(qtbot: QtBot, r: Rig, barcode: str) -> str:
    """Scan, wait for the door to stand open, close it, wait for the next-scan screen."""
    before = r.flow.delivered_count
    r.scan(barcode)
    qtbot.waitUntil(lambda: r.flow.active(r.flow.door_open), timeout=15000)
    job = r.flow.cycle.job
    assert job is not None
    r.sim.close_door(*r.where(job.compartment_id))
    qtbot.waitUntil(lambda: r.flow.delivered_count == before + 1, timeout=15000)
    return job.compartment_id


def open_locks(sim: SimulatedBus) -> list[tuple[int, int]]:
    return [(s.board, s.lock) for s in sim.locks() if not s.closed]


# ---------------------------------------------------------------- logging in and out
def test_courier_e2e_login_by_pin_then_logout_ends_the_session_at_the_backend(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in_with_pin(qtbot, rig)
    assert rig.kiosk.host.current_name() == "courier_home"
    screen = rig.kiosk.courier_home_screen
    assert screen.headline.text() == "Hello, Courier One"
    assert screen.deliver_count.text() == "2"  # BC5 and BC6
    assert screen.collect_count.text() == "1"  # the expired parcel in B1
    assert rig.flow.session is not None
    token = rig.flow.session.session_token
    screen.logout_button.click()
    qtbot.waitUntil(lambda: rig.kiosk.machine.state_name() == "idle", timeout=10000)
    backend = EmbeddedBackend(rig.core, LOCKER)

    def logged_out() -> bool:
        try:
            backend.courier_tasks(token)
        except SessionExpired:
            return True
        return False

    qtbot.waitUntil(logged_out, timeout=10000)


def test_courier_e2e_wrong_pin_is_said_and_opens_nothing(qtbot: QtBot, rig: Rig) -> None:
    rig.kiosk.idle_screen.courier_button.click()
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.entering_id))
    type_on_keypad(qtbot, rig.kiosk, "C1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.entering_pin))
    type_on_keypad(qtbot, rig.kiosk, "0000")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.login_problem), timeout=15000)
    assert rig.kiosk.message_screen.headline.text() == "Wrong courier ID or PIN"
    assert rig.sim.requests(CMD_UNLOCK) == []


def test_courier_e2e_badge_scanned_on_idle_logs_in_straight_away(qtbot: QtBot, rig: Rig) -> None:
    rig.scan("BADGE-1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=15000)
    assert rig.kiosk.courier_home_screen.headline.text() == "Hello, Courier One"
    # A pickup-shaped scan on idle is still a pickup, never a courier login.
    assert rig.kiosk.scan_router.route("123456") == "pickup"


def test_courier_e2e_inactivity_logs_out_back_to_idle(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.apply_settings(dataclasses.replace(rig.flow.settings, inactivity_ms=400))
    rig.scan("BADGE-1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=15000)
    assert rig.flow.session is not None
    token = rig.flow.session.session_token
    qtbot.waitUntil(lambda: rig.kiosk.machine.state_name() == "idle", timeout=10000)
    backend = EmbeddedBackend(rig.core, LOCKER)

    def logged_out() -> bool:
        try:
            backend.courier_tasks(token)
        except SessionExpired:
            return True
        return False

    qtbot.waitUntil(logged_out, timeout=10000)


def test_courier_e2e_session_expired_at_the_backend_ends_the_session(
    qtbot: QtBot, rig: Rig, core: BackendCore
) -> None:
    rig.scan("BADGE-1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=15000)
    assert rig.flow.session is not None
    # The back office ends the session while the courier stands at the kiosk.
    core.courier_logout(LOCKER, rig.flow.session.session_token)
    rig.scan("BC5")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.session_over), timeout=15000)
    assert rig.kiosk.message_screen.headline.text() == "Your session has ended"
    rig.kiosk.message_screen.buttons[0].click()
    qtbot.waitUntil(lambda: rig.kiosk.machine.state_name() == "idle", timeout=10000)
    assert rig.sim.requests(CMD_UNLOCK) == []


# ---------------------------------------------------------------- delivering
def test_courier_e2e_parcel_not_in_the_list_then_the_locker_fills_up(
    qtbot: QtBot, rig: Rig, core: BackendCore
) -> None:
    core.announce_parcel(LOCKER, parcel_id="p7", barcode="BC7", size="S", code="777000")
    rig.scan("BADGE-1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=15000)
    rig.kiosk.courier_home_screen.deliver_button.click()
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.ready))
    rig.scan("NOT-HERE-9")
    note = rig.kiosk.courier_task_screen.note
    qtbot.waitUntil(lambda: "not on your list" in note.text(), timeout=10000)
    # A1-A3 and B1 hold parcels the kiosk never heard of: the backend says so, the
    # kiosk remembers and takes the free ones.
    assert deliver_one(qtbot, rig, "BC5") == "B2"
    assert deliver_one(qtbot, rig, "BC6") == "B3"
    rig.scan("BC7")
    qtbot.waitUntil(lambda: "No free compartment" in note.text(), timeout=15000)
    assert rig.flow.active(rig.flow.ready)
    events = rig.events()
    qtbot.waitUntil(lambda: rig.events().count(("deposited", "B3")) == 1, timeout=15000)
    events = rig.events()
    assert events.count(("deposited", "B2")) == 1
    assert {c for _, c in events} <= {"B2", "B3"}
    assert len(rig.sim.requests(CMD_UNLOCK)) == 2


def seed_big_locker(core: BackendCore, parcels: int) -> list[str]:
    """Locker C32: the demo's 32 compartments, empty, and ``parcels`` parcels to bring."""
    core.create_locker(
        BIG, token=BIG_TOKEN, name="Big", compartments=demo_layout(), kdf_iterations=ITERATIONS
    )
    core.add_courier(
        "c9", name="Van Nine", company="Fast Co", pin="2468", badge="BADGE-9",
        iterations=ITERATIONS,
    )  # fmt: skip
    # Largest first, as a courier loads a van: with the accessible compartments chosen
    # last (Bank.choose), 4 XL, 8 L, 7 M and 11 S fill the 32 doors but two.
    sizes = ["XL"] * 4 + ["L"] * 8 + ["M"] * 7 + ["S"] * 11
    barcodes = []
    for n, size in enumerate(sizes[:parcels], start=1):
        barcode = f"JJD{n:012d}"
        core.announce_parcel(
            BIG, parcel_id=f"b{n}", barcode=barcode, size=size, code=f"{n:06d}",
            recipient_hint=f"+48 *** *** {n:03d}",
        )  # fmt: skip
        barcodes.append(barcode)
    return barcodes


def test_courier_e2e_thirty_parcels_with_one_doesnt_fit_and_one_broken_door(
    qtbot: QtBot, tmp_path: Path, core: BackendCore
) -> None:
    barcodes = seed_big_locker(core, 30)
    with courier_kiosk(qtbot, tmp_path, core, BIG, BIG_TOKEN) as r:
        r.scan("BADGE-9")
        qtbot.waitUntil(lambda: r.flow.active(r.flow.home), timeout=15000)
        assert r.kiosk.courier_home_screen.deliver_count.text() == "30"
        # A small compartment is broken: it never unlocks.
        r.sim.jam(2, 1)
        opened: list[str] = []
        for n, barcode in enumerate(barcodes, start=1):
            r.scan(barcode)
            qtbot.waitUntil(
                # A jammed lock is sent its unlock again before the driver gives up.
                lambda: r.flow.active(r.flow.door_open, r.flow.door_failed),
                timeout=20000,
            )
            job = r.flow.cycle.job
            assert job is not None
            # Never two doors at once: every other door is shut when this one opens.
            assert len(open_locks(r.sim)) <= 1
            if n == 20:  # the first S: its S compartment is too small after all
                assert job.compartment_id == "A01"
                assert f"+48 *** *** {n:03d}" in r.kiosk.door_screen.body.text()
                doesnt_fit = next(
                    b for b in r.kiosk.door_screen.buttons if b.text() == "Doesn't fit"
                )
                doesnt_fit.click()
                qtbot.waitUntil(lambda: r.flow.active(r.flow.close_first), timeout=10000)
                r.sim.close_door(1, 1)
                qtbot.waitUntil(lambda: r.flow.active(r.flow.door_open), timeout=15000)
                job = r.flow.cycle.job
                assert job is not None
                assert job.compartment_id != "A01"
                assert r.flow.bank.specs[job.compartment_id].size == "M"
            if r.flow.active(r.flow.door_failed):
                assert job.compartment_id == "B01"
                broken = next(
                    b for b in r.kiosk.message_screen.buttons if b.text() == "Use another door"
                )
                broken.click()
                qtbot.waitUntil(lambda: r.flow.active(r.flow.door_open), timeout=15000)
                job = r.flow.cycle.job
                assert job is not None
            opened.append(job.compartment_id)
            r.sim.close_door(*r.where(job.compartment_id))

            def counted(n: int = n) -> bool:
                return r.flow.delivered_count == n

            qtbot.waitUntil(counted, timeout=15000)
        assert r.flow.delivered_count == 30
        assert "B01" not in opened
        assert len(set(opened)) == 30

        def all_there() -> bool:
            return r.events().count(("out_of_service", "B01")) == 1 and (
                sum(1 for t, _ in r.events() if t == "deposited") == 30
            )

        qtbot.waitUntil(all_there, timeout=20000)
        events = r.events()
        assert sorted(c for t, c in events if t == "deposited") == sorted(opened)
        assert ("cancelled", "A01") in events
        db = core.store.read()
        statuses = [
            core.store.rent_for_parcel(db, f"b{n}")["status"]  # type: ignore[index]
            for n in range(1, 31)
        ]
        assert statuses == ["deposited"] * 30
        # The bank is full but for B01 (out of service) and one accessible S.
        left = set(r.flow.bank.specs) - set(opened)
        assert len(left) == 2
        assert "B01" in left


# ---------------------------------------------------------------- collecting
def test_courier_e2e_collects_expired_parcels_and_returns(
    qtbot: QtBot, rig: Rig, core: BackendCore, seeded: Seeded
) -> None:
    # A return deposited by a shopper in B2.
    send_id = core.add_send(LOCKER, code="909090", size="M", kind="return")
    rent_id = str(uuid.uuid4())
    core.reserve_rent(LOCKER, rent_id, RentRequest("B2", "return", send_id=send_id))
    core.send_events(
        LOCKER,
        [Event(str(uuid.uuid4()), "deposited", utcnow(), "B2", rent_id, "shopper")],
    )
    rig.scan("BADGE-1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=15000)
    assert rig.kiosk.courier_home_screen.collect_count.text() == "2"
    rig.kiosk.courier_home_screen.collect_button.click()
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.collect_prompt))
    task = rig.kiosk.courier_task_screen
    assert task.headline.text() == "Collect from compartment B1"
    next(b for b in task.buttons if b.text() == "Collect all").click()
    for compartment, lock in (("B1", 1), ("B2", 2)):

        def at_door(compartment: str = compartment) -> bool:
            job = rig.flow.cycle.job
            return rig.flow.active(rig.flow.door_open) and (
                job is not None and job.compartment_id == compartment
            )

        qtbot.waitUntil(at_door, timeout=15000)
        assert len(open_locks(rig.sim)) == 1
        rig.sim.close_door(2, lock)
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=10000)
    assert rig.kiosk.courier_home_screen.collect_count.text() == "0"  # refreshed
    qtbot.waitUntil(lambda: rig.events().count(("collected", "B2")) == 1, timeout=15000)
    assert rig.events().count(("collected", "B1")) == 1
    db = core.store.read()
    assert core.store.rent(db, seeded.rents["B1"])["status"] == "collected"  # type: ignore[index]
    assert core.store.rent(db, rent_id)["status"] == "collected"  # type: ignore[index]


# ---------------------------------------------------------------- reporting
def test_courier_e2e_reports_a_broken_door_on_the_bank_picture(
    qtbot: QtBot, rig: Rig, core: BackendCore
) -> None:
    rig.scan("BADGE-1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=15000)
    rig.kiosk.courier_home_screen.report_button.click()
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.reporting))
    picture = rig.kiosk.courier_grid_screen.picture
    cell = next(rect for c, rect in picture._geometry() if c.compartment_id == "B3")
    QTest.mouseClick(
        picture,
        Qt.MouseButton.LeftButton,
        pos=QPoint(int(cell.center().x()), int(cell.center().y())),
    )
    buttons = rig.kiosk.courier_grid_screen.buttons
    qtbot.waitUntil(
        lambda: (
            any(b.text() == "Broken door" for b in buttons)
            or any(b.text() == "Broken door" for b in rig.kiosk.courier_grid_screen.buttons)
        )
    )
    next(b for b in rig.kiosk.courier_grid_screen.buttons if b.text() == "Broken door").click()
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.home), timeout=10000)
    assert "B3" in rig.kiosk.courier_home_screen.note.text()
    qtbot.waitUntil(lambda: ("out_of_service", "B3") in rig.events(), timeout=15000)
    stored = [
        e for e, _ in EmbeddedBackend(core, LOCKER).core.stored_events(LOCKER)
        if e.type == "out_of_service"
    ]  # fmt: skip
    assert [(e.compartment_id, e.actor, e.detail) for e in stored] == [
        ("B3", "courier:c1", {"reason": "broken_door"})
    ]
    # The domain's choice skips it from now on: BC6 (XL) has nowhere to go.
    rig.kiosk.courier_home_screen.deliver_button.click()
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.ready))
    rig.scan("BC6")
    note = rig.kiosk.courier_task_screen.note
    qtbot.waitUntil(lambda: "No free compartment" in note.text(), timeout=10000)
    assert rig.sim.requests(CMD_UNLOCK) == []
