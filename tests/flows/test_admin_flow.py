"""The admin panel as a state machine, with fakes: PIN, lockout, auto-logout, the door grid,
open one, open all, out of service, and every action an ``admin`` event."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from kiosk.domain.compartments import Bank, Spec
from kiosk.flows.admin import EXIT_RESTART, EXIT_STOP, AdminFlow, AdminPorts, AdminSettings
from kiosk.flows.admin_pin import Lockout, hash_pin
from kiosk.flows.door_cycle import DoorTimeouts
from kiosk.flows.screendata import AdminData, BankCell, CodeEntryData
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.flows import Screens

PIN = "4711"
#: A cheap hash for tests (n is in the string); the real one costs ~40 ms.
PIN_HASH = hash_pin(PIN, n=16)
CELLS = (BankCell("A1", 0, 0), BankCell("A2", 0, 1), BankCell("B1", 1, 0, height=2))

FAST = AdminSettings(
    pin_timeout_ms=2000,
    logout_ms=300,
    open_all_gap_ms=20,
    door=DoorTimeouts(
        opening_ms=300,
        failed_ms=300,
        help_ms=300,
        door_open_ms=2000,
        left_open_ms=300,
        recording_ms=300,
        closed_ms=300,
    ),
)


@dataclass
class Rig:
    flow: AdminFlow
    gateway: FakeGateway
    doors: FakeDoors
    screens: Screens
    bank: Bank
    clock: list[float]
    locker_off: list[bool]


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    gateway, doors, screens = FakeGateway(), FakeDoors(), Screens()
    bank = Bank.of([Spec("A1", "S", 0, 0), Spec("A2", "M", 0, 1), Spec("B1", "L", 1, 0)])
    clock = [1000.0]
    locker_off: list[bool] = []
    ports = AdminPorts(
        pin_hash=lambda: PIN_HASH,
        door_readings=lambda: ({"A1": "closed", "A2": "open"}, {"A1": True, "A2": None}),
        set_locker_out_of_service=locker_off.append,
        locker_out_of_service=lambda: bool(locker_off and locker_off[-1]),
    )
    flow = AdminFlow(gateway, doors, bank, ports, FAST, lockout=Lockout(clock=lambda: clock[0]))
    flow.apply_layout(CELLS)
    flow.screen_requested.connect(screens.show)
    yield Rig(flow, gateway, doors, screens, bank, clock, locker_off)
    flow.abort()


def admin_page(rig: Rig) -> AdminData:
    name, data = rig.screens.last
    assert name == "admin", name
    assert isinstance(data, AdminData)
    return data


def admin_events(rig: Rig) -> list[tuple[str, object]]:
    return [
        (e.type, (e.detail or {}).get("action")) for e in rig.gateway.recorded if e.actor == "admin"
    ]


def log_in(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.pin.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.panel.entered):
        rig.flow.handle("code_entered", PIN)


def test_admin_starts_at_a_masked_pin_screen_without_scan(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.pin.entered):
        rig.flow.start()
    data = rig.screens.code_entry()
    assert isinstance(data, CodeEntryData)
    assert data.masked
    assert not data.allow_scan
    assert rig.flow.allowed_out_of_service


def test_admin_right_pin_opens_the_door_grid_and_is_an_event(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    page = admin_page(rig)
    assert page.page == "doors"
    cells = {c.compartment_id: c for c in page.cells}
    assert cells["A1"].door == "closed"
    assert cells["A1"].occupied is True
    assert cells["A1"].size == "S"
    assert cells["A2"].door == "open"
    assert cells["A2"].occupied is None
    assert cells["B1"].door == "unknown"
    assert cells["B1"].height == 2
    assert admin_events(rig) == [("admin_action", "login")]


def test_admin_wrong_pins_lock_out_escalating_each_recorded(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.pin.entered):
        rig.flow.start()
    for _ in range(3):
        rig.flow.handle("code_entered", "0000")
        assert rig.screens.code_entry().locked_s == 0  # the first three cost nothing
    rig.flow.handle("code_entered", "0000")
    first_lock = rig.screens.code_entry().locked_s
    assert first_lock == 30
    # While locked even the right PIN is refused and nothing is checked or recorded.
    recorded = len(rig.gateway.recorded)
    rig.flow.handle("code_entered", PIN)
    assert rig.flow.active(rig.flow.pin)
    assert len(rig.gateway.recorded) == recorded
    rig.clock[0] += 31
    rig.flow.handle("code_entered", "0000")
    assert rig.screens.code_entry().locked_s == 60  # doubled
    assert [a for t, a in admin_events(rig)] == ["pin_failed"] * 5
    details = [e.detail for e in rig.gateway.recorded]
    assert all(d is not None and PIN not in str(d) and "0000" not in str(d) for d in details)
    rig.clock[0] += 61
    with qtbot.waitSignal(rig.flow.panel.entered):
        rig.flow.handle("code_entered", PIN)
    assert rig.flow.lockout.failures == 0


def test_admin_without_a_pin_file_never_opens(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.ports.pin_hash = lambda: None
    with qtbot.waitSignal(rig.flow.pin.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", PIN)
    assert rig.flow.active(rig.flow.pin)
    assert rig.screens.code_entry().error


def test_admin_logs_out_after_inactivity_and_a_touch_keeps_it(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    assert rig.flow.holds_screen()  # the kiosk's shorter inactivity timer waits
    with qtbot.waitSignal(rig.flow.finished, timeout=2000):
        pass
    assert ("admin_action", "logout") in admin_events(rig)
    assert rig.gateway.recorded[-1].detail == {"action": "logout", "why": "inactivity"}


def test_admin_close_logs_out_at_once(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    with qtbot.waitSignal(rig.flow.finished, timeout=1000):
        rig.flow.handle("choice", "close")
    assert rig.gateway.recorded[-1].detail == {"action": "logout", "why": "close"}


def test_admin_pin_screen_cancel_ends_without_login(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.pin.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.finished, timeout=1000):
        rig.flow.handle("cancel", None)
    assert admin_events(rig) == []


def test_admin_open_one_door_through_the_door_cycle(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("cell_tapped", "A1")
    page = admin_page(rig)
    assert page.page == "compartment"
    assert page.selected == "A1"
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.handle("choice", "open")
    assert rig.doors.opened == ["A1"]
    expect = rig.doors.expectations[-1]
    assert (expect.closing_event, expect.actor, expect.rent_id) == ("admin_action", "admin", None)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("A1")
    with qtbot.waitSignal(rig.flow.cycle.closed.entered):
        rig.doors.door_closed.emit("A1")
    with qtbot.waitSignal(rig.flow.panel.entered):
        rig.flow.handle("choice", "back")
    events = [(e.type, e.compartment_id, e.actor) for e in rig.gateway.recorded]
    assert ("door_opened", "A1", "admin") in events
    assert ("admin_action", "A1", "admin") in events
    closing = [e for e in rig.gateway.recorded if e.compartment_id == "A1"][-1]
    assert closing.detail == {"action": "open", "occupied": None}
    assert admin_page(rig).page == "compartment"


def test_admin_open_all_one_at_a_time_with_progress(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "open_all")
    assert admin_page(rig).page == "open_all"  # the confirmation first
    assert rig.doors.opened == []
    rig.flow.handle("choice", "open_all_go")
    for comp in ("A1", "A2", "B1"):
        qtbot.waitUntil(lambda c=comp: rig.doors.opened[-1:] == [c], timeout=2000)  # type: ignore[misc]
        # One door at a time: the next is asked for only after this one opened.
        assert rig.doors.opened.count(comp) == 1
        page = admin_page(rig)
        assert page.page == "open_all"
        assert page.choices[0].key == "stop_all"
        rig.doors.door_opened.emit(comp)
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.panel), timeout=2000)
    assert rig.doors.released == ["A1", "A2", "B1"]  # their closes are the doors service's
    assert "3 of 3" in admin_page(rig).status
    assert ("admin_action", "open_all") in admin_events(rig)


def test_admin_open_all_stop_and_a_door_that_does_not_open(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "open_all")
    rig.flow.handle("choice", "open_all_go")
    qtbot.waitUntil(lambda: rig.doors.opened == ["A1"], timeout=1000)
    with qtbot.waitSignal(rig.flow.gap.entered, timeout=2000):
        rig.doors.open_failed.emit("A1", "did_not_open")
    assert rig.doors.forgotten == ["A1"]
    qtbot.waitUntil(lambda: rig.doors.opened == ["A1", "A2"], timeout=1000)
    rig.flow.handle("choice", "stop_all")
    with qtbot.waitSignal(rig.flow.panel.entered, timeout=2000):
        rig.doors.door_opened.emit("A2")
    assert rig.doors.opened == ["A1", "A2"]  # B1 never opened
    status = admin_page(rig).status
    assert "1 of 3" in status
    assert "A1" in status


def test_admin_out_of_service_takes_the_compartment_out_of_the_choice(
    qtbot: QtBot, rig: Rig
) -> None:
    assert rig.bank.choose("S") is not None
    assert rig.bank.choose("S").id == "A1"  # type: ignore[union-attr]
    log_in(qtbot, rig)
    rig.flow.handle("cell_tapped", "A1")
    rig.flow.handle("choice", "service")
    # Send and courier choose from this same Bank: A1 is no longer offered.
    assert rig.bank.choose("S").id == "A2"  # type: ignore[union-attr]
    assert not {c.compartment_id: c for c in admin_page(rig).cells}["A1"].in_service
    rig.flow.handle("choice", "service")
    assert rig.bank.choose("S").id == "A1"  # type: ignore[union-attr]
    kinds = [(e.type, e.compartment_id, e.actor) for e in rig.gateway.recorded[1:]]
    assert kinds == [("out_of_service", "A1", "admin"), ("in_service", "A1", "admin")]


def test_admin_whole_locker_out_of_service(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "locker_service")
    assert rig.locker_off == [True]
    rig.flow.handle("choice", "locker_service")
    assert rig.locker_off == [True, False]
    kinds = [(e.type, e.compartment_id) for e in rig.gateway.recorded[1:]]
    assert kinds == [("out_of_service", None), ("in_service", None)]


def test_admin_restart_and_stop_exit_with_their_status(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    with qtbot.waitSignal(rig.flow.exit_requested) as stop:
        rig.flow.handle("choice", "stop")
    assert stop.args == [EXIT_STOP]
    with qtbot.waitSignal(rig.flow.exit_requested) as restart:
        rig.flow.handle("choice", "restart")
    assert restart.args == [EXIT_RESTART]
    assert [a for _, a in admin_events(rig)][-2:] == ["stop", "restart"]


def test_admin_scanner_test_shows_the_scan_only_on_diagnostics(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "page:diagnostics")
    rig.flow.handle("scanned", "HELLO-123")
    assert any("HELLO-123" in line for line in admin_page(rig).lines)


def test_admin_login_needs_no_backend(qtbot: QtBot, rig: Rig) -> None:
    # Offline the panel still opens: the hash is local, the event goes to the outbox.
    log_in(qtbot, rig)
    assert rig.gateway.calls == []
    assert rig.gateway.verifies == []


def test_admin_camera_test_shows_each_decoded_code_live(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "page:diagnostics")
    rig.flow.handle("choice", "camera")
    name, data = rig.screens.last
    assert name == "camera"
    rig.flow.handle("scanned", "QR-TEXT-1")
    name, data = rig.screens.last
    assert name == "camera"
    assert "QR-TEXT-1" in data.hint  # type: ignore[attr-defined]
    rig.flow.handle("back", None)
    assert admin_page(rig).page == "diagnostics"
    assert any("QR-TEXT-1" in line for line in admin_page(rig).lines)
    rig.flow.handle("choice", "camera")
    rig.flow.handle("camera_unavailable", "no camera")
    assert admin_page(rig).tone == "error"


def test_admin_unknown_actions_and_values_change_nothing(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    for key in ("page:nowhere", "page:compartment", "open", "service", "idle:abc", "frobnicate"):
        rig.flow.handle("choice", key)
    rig.flow.handle("cell_tapped", "Z99")  # not a door of this locker
    assert rig.doors.opened == []
    assert rig.bank.out_of_service == set()
    assert admin_page(rig).page in ("doors", "settings")


def test_admin_out_of_service_is_kept_on_site_and_restored(qtbot: QtBot, rig: Rig) -> None:
    saved: list[dict[str, object]] = []

    def save(values: object, on_done: object) -> None:
        saved.append(dict(values))  # type: ignore[call-overload]
        on_done("")  # type: ignore[operator]

    rig.flow.ports.save_site_settings = save
    rig.flow.ports.site_settings = lambda: {"default_language": "de"}
    log_in(qtbot, rig)
    rig.flow.handle("cell_tapped", "A2")
    rig.flow.handle("choice", "service")
    assert saved[-1] == {"default_language": "de", "out_of_service": ["A2"]}
    # After a restart: a fresh bank, the layout arrives, A2 is out of the choice again.
    fresh = Bank.of([Spec("A1", "S", 0, 0), Spec("A2", "M", 0, 1), Spec("B1", "L", 1, 0)])
    again = AdminFlow(
        rig.gateway,
        rig.doors,
        fresh,
        AdminPorts(site_settings=lambda: saved[-1]),
        FAST,
    )
    again.apply_layout(CELLS)
    assert fresh.out_of_service == {"A2"}
    assert fresh.choose("M").id == "B1"  # type: ignore[union-attr]
