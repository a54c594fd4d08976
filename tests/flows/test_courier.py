"""The courier session as a state machine, without widgets: log in, deliver, collect, report.

Fakes for the backend and the doors (``tests/helpers/fakes.py``); the test answers each
request. The whole journey through the real board driver and server is in
``tests/app/test_courier_e2e.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import (
    AlreadyDelivered,
    BadCredentials,
    Collection,
    CompartmentTaken,
    Courier,
    CourierLocked,
    CourierSession,
    CourierTasks,
    Parcel,
    Rent,
    RentRequest,
    SessionExpired,
    TooManyAttempts,
)
from kiosk.domain.compartments import Bank, Spec, Status
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.courier import CourierFlow, CourierSettings
from kiosk.flows.door_cycle import DoorTimeouts
from kiosk.flows.screendata import (
    CodeEntryData,
    CourierGridData,
    CourierHomeData,
    CourierTaskData,
)
from tests.helpers.fakes import FakeDoors, FakeGateway, PendingCall
from tests.helpers.flows import Screens

FAST = CourierSettings(
    verify_timeout_ms=500,
    message_timeout_ms=500,
    inactivity_ms=300,
    door=DoorTimeouts(
        opening_ms=300,
        failed_ms=300,
        help_ms=300,
        door_open_ms=2000,
        left_open_ms=2000,
        recording_ms=300,
        closed_ms=200,
    ),
    close_first_ms=2000,
    collect_gap_ms=50,
    reserve_retry_ms=20,
)
WHEN = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
SESSION = CourierSession("tok-1", Courier("c1", "Courier One", "Co"), WHEN)


def layout() -> Bank:
    """A1 S (accessible), A2 M, A3 L, B1 S, B2 M, B3 XL."""
    return Bank.of(
        [
            Spec("A1", "S", 0, 0, accessible=True),
            Spec("A2", "M", 0, 1),
            Spec("A3", "L", 0, 2),
            Spec("B1", "S", 1, 0),
            Spec("B2", "M", 1, 1),
            Spec("B3", "XL", 1, 2),
        ]
    )


def parcel(n: int, size: str = "S") -> Parcel:
    return Parcel(f"p{n}", f"BC{n}", size, recipient_hint="+48 *** *** 123")  # type: ignore[arg-type]


TASKS = CourierTasks(
    deliveries=[parcel(1, "S"), parcel(2, "M"), parcel(3, "S"), parcel(4, "L")],
    collections=[
        Collection("r-exp", "A2", "expired"),
        Collection("r-ret", "B2", "return"),
    ],
)


@dataclass
class Rig:
    flow: CourierFlow
    gateway: FakeGateway
    doors: FakeDoors
    screens: Screens
    bank: Bank
    cooldown: Cooldown

    def call(self, name: str) -> PendingCall:
        """The last pending call of that name."""
        return [c for c in self.gateway.calls if c.name == name][-1]

    def calls(self, name: str) -> list[PendingCall]:
        return [c for c in self.gateway.calls if c.name == name]


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    gateway, doors, screens, bank = FakeGateway(), FakeDoors(), Screens(), layout()
    cooldown = Cooldown()
    flow = CourierFlow(gateway, doors, bank, FAST, cooldown=cooldown)
    flow.screen_requested.connect(screens.show)
    yield Rig(flow, gateway, doors, screens, bank, cooldown)
    flow.abort()


def rent_for(call: PendingCall) -> Rent:
    rent_id, request = call.args
    assert isinstance(request, RentRequest)
    return Rent(rent_id, request.compartment_id, "delivery", "reserved", "p", WHEN)


def log_in(qtbot: QtBot, rig: Rig, tasks: CourierTasks = TASKS) -> None:
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", "C1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.entering_pin))
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.handle("code_entered", "9876")
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.call("courier_login").on_done(SESSION)
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.call("courier_tasks").on_done(tasks)


def scan(qtbot: QtBot, rig: Rig, barcode: str) -> None:
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("scanned", barcode)


def reserve_ok(qtbot: QtBot, rig: Rig) -> str:
    """Answer the pending reservation; returns the compartment that is being opened."""
    call = rig.call("reserve_rent")
    with qtbot.waitSignal(rig.flow.opening.entered):
        call.on_done(rent_for(call))
    request = call.args[1]
    assert isinstance(request, RentRequest)
    return request.compartment_id


def open_and_close(qtbot: QtBot, rig: Rig, compartment: str) -> None:
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit(compartment)
    with qtbot.waitSignal(rig.flow.ready.entered):
        rig.doors.door_closed.emit(compartment)


def task(rig: Rig) -> CourierTaskData:
    name, data = rig.screens.last
    assert name == "courier_task", name
    assert isinstance(data, CourierTaskData)
    return data


# ---------------------------------------------------------------- logging in
def test_courier_login_by_pin_shows_home_with_counts(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", "C1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.entering_pin))
    pin_screen = rig.screens.code_entry()
    assert pin_screen.masked
    assert pin_screen.confirm_label == "Log in"
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.handle("code_entered", "9876")
    # The keypad types capitals; the id goes out as the back office writes it.
    assert rig.call("courier_login").kwargs == {"courier_id": "c1", "pin": "9876"}
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.call("courier_login").on_done(SESSION)
    assert rig.call("courier_tasks").args == ("tok-1",)
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.call("courier_tasks").on_done(TASKS)
    name, data = rig.screens.last
    assert name == "courier_home"
    assert isinstance(data, CourierHomeData)
    assert (data.name, data.company, data.to_deliver, data.to_collect) == (
        "Courier One",
        "Co",
        4,
        2,
    )


def test_courier_badge_scanned_on_idle_logs_in_straight_away(qtbot: QtBot, rig: Rig) -> None:
    assert rig.flow.is_badge("demo-badge-1")
    assert not rig.flow.is_badge("123456")
    rig.flow.queue_code("BADGE-1")
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.start()
    assert rig.call("courier_login").kwargs == {"badge": "BADGE-1"}
    assert "code_entry" not in rig.screens.names()


def test_courier_a_parcel_scanned_at_login_is_no_badge_and_spends_nothing(
    qtbot: QtBot, rig: Rig
) -> None:
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", "C1")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.entering_pin))
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.handle("scanned", "JJD000000000008")
    assert rig.screens.code_entry().error == "That was not a courier badge."
    assert rig.calls("courier_login") == []
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.handle("scanned", "badge-1")
    assert rig.call("courier_login").kwargs == {"badge": "BADGE-1"}


def test_courier_wrong_pin_says_so_and_tries_again(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", "C1")
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.handle("code_entered", "0000")
    with qtbot.waitSignal(rig.flow.login_problem.entered):
        rig.call("courier_login").on_error(BadCredentials("wrong"))
    assert rig.screens.message().headline == "Wrong courier ID or PIN"
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.handle("choice", "retry")
    assert rig.doors.opened == []


def test_courier_locked_is_said_as_such(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.queue_code("BADGE-1")
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.login_problem.entered):
        rig.call("courier_login").on_error(CourierLocked("locked"))
    assert rig.screens.message().headline == "This courier account is locked"
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "cancel")


def test_courier_too_many_attempts_holds_the_pin_keypad_apart_from_pickups(
    qtbot: QtBot, rig: Rig
) -> None:
    pickup_cooldown = Cooldown()  # the kiosk's other one: pickup codes are counted apart
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", "C1")
    with qtbot.waitSignal(rig.flow.logging_in.entered):
        rig.flow.handle("code_entered", "1111")
    with qtbot.waitSignal(rig.flow.login_problem.entered):
        rig.call("courier_login").on_error(TooManyAttempts("slow down", retry_after=30))
    assert rig.screens.message().headline == "Too many attempts"
    assert rig.cooldown.remaining_s() == 30
    assert pickup_cooldown.remaining_s() == 0
    with qtbot.waitSignal(rig.flow.entering_id.entered):
        rig.flow.handle("choice", "retry")
    rig.flow.handle("code_entered", "C1")
    assert rig.screens.code_entry().locked_s == 30
    rig.flow.handle("code_entered", "9876")  # refused on the kiosk: nothing sent
    assert len(rig.calls("courier_login")) == 1


# ---------------------------------------------------------------- delivering
def test_courier_delivers_into_the_smallest_fitting_non_accessible_compartment(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "deliver")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.ready))
    assert task(rig).counter == "0 / 4"
    scan(qtbot, rig, "bc1")
    call = rig.call("reserve_rent")
    assert call.args[1] == RentRequest("B1", "delivery", barcode="BC1")  # A1 is accessible
    assert call.kwargs == {"session_token": "tok-1"}
    assert reserve_ok(qtbot, rig) == "B1"
    assert rig.doors.opened == ["B1"]
    open_and_close(qtbot, rig, "B1")
    door = [d for n, d in rig.screens.shown if n == "door"][-1]
    assert "+48 *** *** 123" in door.body  # type: ignore[attr-defined]
    deposited = [e for e in rig.gateway.recorded if e.type == "deposited"]
    assert [(e.compartment_id, e.actor) for e in deposited] == [("B1", "courier:c1")]
    assert rig.bank.status("B1") is Status.OCCUPIED
    data = task(rig)
    assert data.counter == "1 / 4"
    assert "B1" in data.note
    assert "message" not in rig.screens.names()  # no "Thank you" screen in the fast path


def test_courier_scan_while_a_door_is_open_is_queued_never_two_doors(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig)
    scan(qtbot, rig, "BC1")  # a scan on the home screen starts delivering
    assert reserve_ok(qtbot, rig) == "B1"
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("B1")
    rig.flow.handle("scanned", "BC1")  # the parcel in hand, scanned again: ignored
    assert "scanned" not in rig.screens.door().step
    rig.flow.handle("scanned", "BC3")
    rig.flow.handle("scanned", "BC3")  # a double scan is one parcel
    # The courier sees the scan was taken, on the door screen still up.
    assert "· 1 more parcel" in rig.screens.door().step  # (the plural is the catalogue's)
    assert rig.calls("reserve_rent")[-1].args[1].barcode == "BC1"
    assert rig.doors.opened == ["B1"]
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.doors.door_closed.emit("B1")
    assert len(rig.calls("reserve_rent")) == 2
    # The only S left is the accessible one: of its size it comes after the ordinary S,
    # but before any larger door.
    assert reserve_ok(qtbot, rig) == "A1"
    assert rig.doors.opened == ["B1", "A1"]
    open_and_close(qtbot, rig, "A1")
    assert rig.flow.delivered_count == 2
    assert task(rig).note == "Parcel BC3 is in compartment A1."  # nothing else queued


def test_courier_doesnt_fit_frees_it_and_opens_the_next_size_up_after_it_shuts(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig)
    scan(qtbot, rig, "BC1")
    first = rig.call("reserve_rent")
    assert reserve_ok(qtbot, rig) == "B1"
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("B1")
    assert "doesnt_fit" in rig.screens.choice_keys()
    with qtbot.waitSignal(rig.flow.close_first.entered):
        rig.flow.handle("choice", "doesnt_fit")
    assert ("cancelled", "B1", first.args[0]) in rig.gateway.events
    assert rig.screens.door().compartment_id == "B1"  # "close door B1" first
    assert len(rig.calls("reserve_rent")) == 1
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.doors.door_closed.emit("B1")
    second = rig.call("reserve_rent")
    assert second.args[1].compartment_id == "A2"  # the next size up: M
    assert second.args[0] != first.args[0]
    # The cancel may not have reached the backend yet: "already delivered" is tried again.
    with qtbot.waitSignal(rig.flow.reserving.entered):
        second.on_error(AlreadyDelivered("rent still reserved"))
    assert reserve_ok(qtbot, rig) == "A2"
    open_and_close(qtbot, rig, "A2")
    assert rig.bank.status("B1") is Status.FREE
    assert rig.bank.status("A2") is Status.OCCUPIED
    assert rig.doors.opened == ["B1", "A2"]


def test_courier_doesnt_fit_the_largest_skips_it_and_the_next_door_waits_for_the_close(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig, CourierTasks(deliveries=[parcel(1, "S"), parcel(5, "XL")], collections=[]))
    scan(qtbot, rig, "BC5")
    assert reserve_ok(qtbot, rig) == "B3"
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("B3")
    with qtbot.waitSignal(rig.flow.ready.entered):
        rig.flow.handle("choice", "doesnt_fit")  # nothing is larger than XL
    assert "No free compartment" in task(rig).note
    assert rig.bank.status("B3") is Status.FREE
    scan(qtbot, rig, "BC1")
    call = rig.call("reserve_rent")
    with qtbot.waitSignal(rig.flow.close_first.entered):
        call.on_done(rent_for(call))
    assert rig.doors.opened == ["B3"]  # B3 still stands open: nothing else opens
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.doors.door_closed.emit("B3")
    assert rig.doors.opened == ["B3", "B1"]


def test_courier_broken_door_goes_out_of_service_and_another_opens(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    scan(qtbot, rig, "BC2")
    rent_id = rig.call("reserve_rent").args[0]
    assert reserve_ok(qtbot, rig) == "A2"
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("A2", "no_reply")
    assert "broken" in rig.screens.choice_keys()
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("choice", "broken")
    oos = [e for e in rig.gateway.recorded if e.type == "out_of_service"]
    assert [(e.compartment_id, e.actor, e.detail) for e in oos] == [
        ("A2", "courier:c1", {"reason": "broken_door"})
    ]
    assert ("cancelled", "A2", rent_id) in rig.gateway.events
    assert rig.bank.status("A2") is Status.OUT_OF_SERVICE
    assert reserve_ok(qtbot, rig) == "B2"
    assert rig.bank.choose("M", exclude=["B2"]) is None or (
        rig.bank.choose("M", exclude=["B2"]).id != "A2"  # type: ignore[union-attr]
    )


def test_courier_compartment_not_empty_goes_out_of_service_with_the_reading(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig)
    rig.doors.occupancy["B1"] = True
    scan(qtbot, rig, "BC1")
    call = rig.call("reserve_rent")
    with qtbot.waitSignal(rig.flow.reserving.entered):
        call.on_done(rent_for(call))
    assert rig.doors.opened == []  # the occupied one never opens
    oos = [e for e in rig.gateway.recorded if e.type == "out_of_service"]
    assert [(e.compartment_id, e.detail) for e in oos] == [
        ("B1", {"reason": "not_empty", "occupied": True})
    ]
    assert ("cancelled", "B1", call.args[0]) in rig.gateway.events
    assert reserve_ok(qtbot, rig) == "A1"


def test_courier_compartment_taken_at_the_backend_is_remembered_and_another_chosen(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig)
    scan(qtbot, rig, "BC1")
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.call("reserve_rent").on_error(CompartmentTaken("taken"))
    assert rig.bank.status("B1") is Status.OCCUPIED
    assert rig.call("reserve_rent").args[1].compartment_id == "A1"


def test_courier_parcel_not_in_the_list_or_already_delivered_says_so_and_goes_on(
    qtbot: QtBot, rig: Rig
) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "deliver")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.ready))
    rig.flow.handle("scanned", "NOPE-1")
    assert "not on your list" in task(rig).note
    assert rig.calls("reserve_rent") == []
    scan(qtbot, rig, "BC1")
    assert reserve_ok(qtbot, rig) == "B1"
    open_and_close(qtbot, rig, "B1")
    rig.flow.handle("scanned", "BC1")
    assert "already delivered" in task(rig).note
    scan(qtbot, rig, "BC2")
    with qtbot.waitSignal(rig.flow.ready.entered):
        rig.call("reserve_rent").on_error(AlreadyDelivered("by another courier"))
    assert "already delivered" in task(rig).note
    assert rig.bank.status("A2") is Status.FREE  # its reservation given back


def test_courier_full_locker_skips_the_parcel_and_the_run_goes_on(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    for spec in ("A3", "B3"):
        rig.bank.set_occupied(spec)
    rig.flow.handle("choice", "deliver")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.ready))
    rig.flow.handle("scanned", "BC4")  # size L: no L or XL free
    assert "No free compartment" in task(rig).note
    assert rig.calls("reserve_rent") == []
    scan(qtbot, rig, "BC1")


def test_courier_session_expired_at_the_backend_ends_the_session(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    scan(qtbot, rig, "BC1")
    with qtbot.waitSignal(rig.flow.session_over.entered):
        rig.call("reserve_rent").on_error(SessionExpired("over"))
    assert rig.screens.message().headline == "Your session has ended"
    assert rig.call("courier_logout").args == ("tok-1",)
    assert rig.bank.status("B1") is Status.FREE
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "cancel")
    assert len(rig.calls("courier_logout")) == 1


# ---------------------------------------------------------------- collecting
def test_courier_collects_one_door_after_another_skips_and_refreshes(
    qtbot: QtBot, rig: Rig
) -> None:
    for compartment in ("A2", "B2"):
        rig.bank.set_occupied(compartment)
    log_in(qtbot, rig)
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    assert task(rig).headline == "Collect from compartment A2"
    assert task(rig).body == "Expired parcel"
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "open")
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A2")
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.doors.door_closed.emit("A2")
    assert ("collected", "A2", "r-exp") in rig.gateway.events
    assert rig.bank.status("A2") is Status.FREE
    assert task(rig).headline == "Collect from compartment B2"
    assert task(rig).body == "Return"
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "skip")
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.call("courier_tasks").on_done(
            CourierTasks(deliveries=[], collections=[Collection("r-ret", "B2", "return")])
        )
    _name, data = rig.screens.last
    assert isinstance(data, CourierHomeData)
    assert data.to_collect == 1
    assert rig.doors.opened == ["A2"]


def test_courier_collect_all_opens_them_one_at_a_time(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.flow.handle("choice", "all")
        rig.doors.door_opened.emit("A2")
    with qtbot.waitSignal(rig.flow.collect_gap.entered):
        rig.doors.door_closed.emit("A2")
    assert rig.doors.opened == ["A2"]  # the next one waits for the gap
    with qtbot.waitSignal(rig.flow.opening.entered):
        pass
    assert rig.doors.opened == ["A2", "B2"]
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("B2")
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.doors.door_closed.emit("B2")
    collected = [e for e in rig.gateway.recorded if e.type == "collected"]
    assert [(e.compartment_id, e.rent_id) for e in collected] == [
        ("A2", "r-exp"),
        ("B2", "r-ret"),
    ]


def home(rig: Rig) -> CourierHomeData:
    name, data = rig.screens.last
    assert name == "courier_home", name
    assert isinstance(data, CourierHomeData)
    return data


def collect_a2(qtbot: QtBot, rig: Rig) -> None:
    """From home: Collect, open A2 (``r-exp``), take it out; back on the prompt."""
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    assert task(rig).headline == "Collect from compartment A2"
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "open")
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A2")
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.doors.door_closed.emit("A2")


def collected(rig: Rig) -> list[tuple[str | None, str | None]]:
    return [(e.compartment_id, e.rent_id) for e in rig.gateway.recorded if e.type == "collected"]


def test_courier_collected_door_is_never_offered_again_and_home_counts_follow(
    qtbot: QtBot, rig: Rig
) -> None:
    for compartment in ("A2", "B2"):
        rig.bank.set_occupied(compartment)
    log_in(qtbot, rig)
    collect_a2(qtbot, rig)
    assert task(rig).headline == "Collect from compartment B2"
    assert task(rig).counter == "1 / 1"
    # "Done" after a collect run: the list comes fresh from the backend, which has not
    # heard the ``collected`` yet (it is still in the outbox) and lists A2 again.
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "home")
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.call("courier_tasks").on_done(TASKS)
    assert (home(rig).to_deliver, home(rig).to_collect) == (4, 1)
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    assert task(rig).headline == "Collect from compartment B2"
    assert task(rig).counter == "1 / 1"
    # The refresh fails: the list in hand is the old one, and A2 is still not in it.
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "home")
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.call("courier_tasks").on_error(ConnectionError("backend down"))
    assert home(rig).to_collect == 1
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    assert task(rig).headline == "Collect from compartment B2"
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "skip")  # nothing left: refreshed again
    assert rig.doors.opened == ["A2"]
    assert collected(rig) == [("A2", "r-exp")]


def test_courier_door_refilled_after_its_collection_is_never_opened_for_it(
    qtbot: QtBot, rig: Rig
) -> None:
    for compartment in ("A2", "B2"):
        rig.bank.set_occupied(compartment)
    log_in(qtbot, rig)
    collect_a2(qtbot, rig)
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "home")
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.call("courier_tasks").on_done(TASKS)  # A2's collection listed again
    # The M parcel goes into A2, emptied a minute ago: A2 now holds a shopper's parcel.
    scan(qtbot, rig, "BC2")
    delivery = rig.call("reserve_rent").args[0]
    assert reserve_ok(qtbot, rig) == "A2"
    open_and_close(qtbot, rig, "A2")
    assert rig.bank.rent_in("A2") == delivery
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.flow.handle("choice", "home")
    assert (home(rig).to_deliver, home(rig).to_collect) == (3, 1)
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    assert task(rig).headline == "Collect from compartment B2"
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.flow.handle("choice", "all")
        rig.doors.door_opened.emit("B2")
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.doors.door_closed.emit("B2")
    assert rig.doors.opened == ["A2", "A2", "B2"]  # collected, delivered, collected
    assert collected(rig) == [("A2", "r-exp"), ("B2", "r-ret")]

    # A new session, and the backend still lists both (the outbox is offline): what
    # this kiosk collected is not offered to the next courier either.
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "logout")
    log_in(qtbot, rig)
    assert home(rig).to_collect == 0
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "collect")
    assert rig.doors.opened == ["A2", "A2", "B2"]


def test_courier_collection_for_a_door_the_kiosk_refilled_is_never_opened(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.bank.set_occupied("B2")
    log_in(qtbot, rig)
    assert home(rig).to_collect == 2
    # The expired parcel in A2 is picked up by its shopper after all (the kiosk hears
    # of it; the courier's list does not), and the courier's M parcel goes into A2.
    rig.bank.set_occupied("A2", False)
    scan(qtbot, rig, "BC2")
    assert reserve_ok(qtbot, rig) == "A2"
    open_and_close(qtbot, rig, "A2")
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.flow.handle("choice", "home")
    assert (home(rig).to_deliver, home(rig).to_collect) == (3, 1)
    with qtbot.waitSignal(rig.flow.collect_prompt.entered):
        rig.flow.handle("choice", "collect")
    assert task(rig).headline == "Collect from compartment B2"
    with qtbot.waitSignal(rig.flow.loading.entered):
        rig.flow.handle("choice", "skip")
    assert rig.doors.opened == ["A2"]
    assert collected(rig) == []


# ---------------------------------------------------------------- reporting
def test_courier_reports_a_problem_on_the_bank_picture(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.settings = CourierSettings(cells=())  # cells come from the layout in the app
    log_in(qtbot, rig)
    with qtbot.waitSignal(rig.flow.reporting.entered):
        rig.flow.handle("choice", "report")
    _name, grid = rig.screens.last
    assert isinstance(grid, CourierGridData)
    assert [c.key for c in grid.choices] == ["home"]  # nothing picked yet
    rig.flow.handle("cell_tapped", "B3")
    _, grid = rig.screens.last
    assert isinstance(grid, CourierGridData)
    assert grid.selected == "B3"
    assert [c.key for c in grid.choices] == ["broken_door", "dirty", "other", "home"]
    with qtbot.waitSignal(rig.flow.home.entered):
        rig.flow.handle("choice", "dirty")
    oos = [e for e in rig.gateway.recorded if e.type == "out_of_service"]
    assert [(e.compartment_id, e.actor, e.detail) for e in oos] == [
        ("B3", "courier:c1", {"reason": "dirty"})
    ]
    assert rig.bank.status("B3") is Status.OUT_OF_SERVICE
    _, home = rig.screens.last
    assert isinstance(home, CourierHomeData)
    assert "B3" in home.note


# ---------------------------------------------------------------- ending
def test_courier_logout_button_ends_at_the_backend_and_goes_idle(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "logout")
    assert rig.call("courier_logout").args == ("tok-1",)
    assert rig.flow.session is None


def test_courier_inactivity_logs_out_but_never_while_a_door_is_open(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    assert rig.flow.holds_screen()  # the kiosk's shorter timeout defers to the courier's
    scan(qtbot, rig, "BC1")
    assert reserve_ok(qtbot, rig) == "B1"
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("B1")
    # Three inactivity periods pass with the door open: still logged in.
    with qtbot.waitSignal(rig.flow.timer("door_open").timeout, timeout=3000):
        pass
    assert rig.flow.session is not None
    assert rig.calls("courier_logout") == []
    with qtbot.waitSignal(rig.flow.ready.entered):
        rig.doors.door_closed.emit("B1")
    with qtbot.waitSignal(rig.flow.finished, timeout=2000):
        pass
    assert rig.call("courier_logout").args == ("tok-1",)


def test_courier_abort_logs_out_at_the_backend(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.abort()
    assert rig.call("courier_logout").args == ("tok-1",)
    rig.flow.abort()
    assert len(rig.calls("courier_logout")) == 1


def test_courier_typed_barcode_delivers_like_a_scan(qtbot: QtBot, rig: Rig) -> None:
    log_in(qtbot, rig)
    rig.flow.handle("choice", "deliver")
    qtbot.waitUntil(lambda: rig.flow.active(rig.flow.ready))
    with qtbot.waitSignal(rig.flow.typing.entered):
        rig.flow.handle("choice", "type")
    entry = rig.screens.code_entry()
    assert isinstance(entry, CodeEntryData)
    assert entry.alphabet == "alnum"
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("code_entered", "BC2")
    assert rig.call("reserve_rent").args[1].barcode == "BC2"
