"""The send / return journey as a state machine, without widgets: every branch ends safely,
every reservation the shopper leaves is released with ``cancelled``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import (
    CompartmentTaken,
    Rent,
    RentRequest,
    SendInfo,
    TooManyAttempts,
    Unavailable,
)
from kiosk.domain.compartments import Bank, Spec
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.screendata import ReceiptData
from kiosk.flows.send import SendFlow, SendSettings
from tests.helpers.fakes import FakeDoors, FakeGateway, PendingCall
from tests.helpers.flows import Screens

CODE = "S7K3M9QD"


@dataclass
class Rig:
    flow: SendFlow
    gateway: FakeGateway
    doors: FakeDoors
    screens: Screens
    bank: Bank
    cooldown: Cooldown


FAST = SendSettings(
    verify_timeout_ms=300,
    reserve_timeout_ms=300,
    door_open_timeout_ms=300,
    door_left_open_ms=200,
    left_open_grace_ms=200,
    reopen_grace_ms=200,
    message_timeout_ms=400,
    receipt_timeout_ms=300,
    locker_name="Test locker",
)


def bank() -> Bank:
    """S1, S2 (S), M1 (M), L1 (L): no accessible ones, so the choice is by size alone."""
    return Bank.of([Spec("S1", "S"), Spec("S2", "S"), Spec("M1", "M"), Spec("L1", "L")])


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    gateway, doors, screens, b = FakeGateway(), FakeDoors(), Screens(), bank()
    cooldown = Cooldown()
    flow = SendFlow(
        gateway, doors, b, FAST, cooldown=cooldown, now=lambda: datetime(2026, 11, 30, tzinfo=UTC)
    )
    flow.screen_requested.connect(screens.show)
    yield Rig(flow, gateway, doors, screens, b, cooldown)
    flow.abort()


def calls(rig: Rig, name: str) -> list[PendingCall]:
    return [c for c in rig.gateway.calls if c.name == name]


def to_reserving(qtbot: QtBot, rig: Rig, size: str = "S", kind: str = "send") -> None:
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("code_entered", CODE.lower())
    assert calls(rig, "verify_send")[-1].args == (CODE,)
    with qtbot.waitSignal(rig.flow.reserving.entered):
        calls(rig, "verify_send")[-1].on_done(
            SendInfo(send_id="s_1", size=size, kind=kind)  # type: ignore[arg-type]
        )


def reserve_request(rig: Rig) -> tuple[str, RentRequest]:
    call = calls(rig, "reserve_rent")[-1]
    rent_id, request = call.args
    return rent_id, request


def grant(qtbot: QtBot, rig: Rig) -> Rent:
    call = calls(rig, "reserve_rent")[-1]
    rent_id, request = call.args
    rent = Rent(
        rent_id=rent_id,
        compartment_id=request.compartment_id,
        kind=request.kind,
        status="reserved",
        parcel_id=None,
        expires_at=datetime(2026, 12, 3, tzinfo=UTC),
        receipt="R-7F3K-92QD",
    )
    with qtbot.waitSignal(rig.flow.opening.entered):
        call.on_done(rent)
    return rent


def open_door(qtbot: QtBot, rig: Rig, compartment: str) -> None:
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit(compartment)


def test_send_return_send_happy_path_deposits_then_shows_the_receipt(
    qtbot: QtBot, rig: Rig
) -> None:
    to_reserving(qtbot, rig)
    _, request = reserve_request(rig)
    assert (request.compartment_id, request.kind, request.send_id) == ("S1", "send", "s_1")
    rent = grant(qtbot, rig)
    assert rig.doors.opened == ["S1"]
    open_door(qtbot, rig, "S1")
    assert [c.key for c in rig.screens.door().choices] == ["larger", "cancel"]
    assert rig.screens.door().body == "Put your parcel in and close the door."
    with qtbot.waitSignal(rig.flow.receipt.entered, timeout=2000):
        rig.doors.door_closed.emit("S1")  # closed screen, then its grace period runs out
    name, data = rig.screens.last
    assert name == "receipt"
    assert isinstance(data, ReceiptData)
    assert (data.receipt, data.compartment_id, data.locker) == ("R-7F3K-92QD", "S1", "Test locker")
    assert data.when == "2026-11-30 00:00"
    assert rig.gateway.events == [
        ("door_opened", "S1", rent.rent_id),
        ("deposited", "S1", rent.rent_id),
    ]
    assert "S1" in rig.bank.occupied
    assert rig.bank.rent_in("S1") == rent.rent_id  # a courier's stale collection never opens it
    with qtbot.waitSignal(rig.flow.finished, timeout=2000):
        pass  # the receipt times out back to idle


def test_send_return_return_reserves_a_return_rent(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig, size="M", kind="return")
    _, request = reserve_request(rig)
    assert (request.compartment_id, request.kind) == ("M1", "return")


def test_send_return_compartment_taken_marks_it_occupied_and_tries_the_next(
    qtbot: QtBot, rig: Rig
) -> None:
    to_reserving(qtbot, rig)
    calls(rig, "reserve_rent")[-1].on_error(CompartmentTaken("taken"))
    assert rig.bank.status("S1").value == "occupied"
    _, request = reserve_request(rig)
    assert request.compartment_id == "S2"
    grant(qtbot, rig)


def test_send_return_needs_a_larger_compartment_cancels_and_opens_the_next_size(
    qtbot: QtBot, rig: Rig
) -> None:
    to_reserving(qtbot, rig)
    first = grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("choice", "larger")
    assert rig.gateway.events[-1] == ("cancelled", "S1", first.rent_id)
    assert rig.gateway.recorded[-1].detail == {"reason": "too_small"}
    _, request = reserve_request(rig)
    assert request.compartment_id == "M1"  # the next size up, not the other S
    assert "S1" not in rig.bank.reserved
    grant(qtbot, rig)
    assert rig.doors.opened == ["S1", "M1"]
    open_door(qtbot, rig, "M1")
    assert rig.screens.door().body == (
        "Put your parcel in and close the door. Please also close door S1."
    )


def test_send_return_cancel_after_larger_names_both_open_doors(qtbot: QtBot, rig: Rig) -> None:
    """Larger, then Cancel: the too-small door may still stand open; both are named, and
    one already shut is not asked for again."""
    to_reserving(qtbot, rig)
    grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("choice", "larger")
    grant(qtbot, rig)
    open_door(qtbot, rig, "M1")
    with qtbot.waitSignal(rig.flow.cancelled.entered):
        rig.flow.handle("choice", "cancel")
    assert rig.screens.message().body == (
        "Please close doors S1 and M1. Your code was not used up."
    )


def test_send_return_cancel_after_larger_with_the_first_door_shut(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig)
    grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("choice", "larger")
    rig.doors.door_closed.emit("S1")  # they shut the small one first
    grant(qtbot, rig)
    open_door(qtbot, rig, "M1")
    assert rig.screens.door().body == "Put your parcel in and close the door."
    with qtbot.waitSignal(rig.flow.cancelled.entered):
        rig.flow.handle("choice", "cancel")
    assert rig.screens.message().body == "Please close door M1. Your code was not used up."


def test_send_return_no_larger_compartment_says_so_and_releases(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig, size="L")
    first = grant(qtbot, rig)
    open_door(qtbot, rig, "L1")
    assert [c.key for c in rig.screens.door().choices] == ["larger", "cancel"]
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.flow.handle("choice", "larger")
    assert rig.screens.message().headline == "There is no larger compartment free"
    assert rig.gateway.events[-1] == ("cancelled", "L1", first.rent_id)
    assert not rig.bank.reserved
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "cancel")


def test_send_return_cancel_at_the_open_door_records_cancelled(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig)
    rent = grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.cancelled.entered):
        rig.flow.handle("choice", "cancel")
    assert rig.screens.message().headline == "Nothing was sent"
    assert rig.screens.message().body == "Please close door S1. Your code was not used up."
    assert rig.gateway.event_types() == ["door_opened", "cancelled"]
    assert rig.gateway.events[-1][2] == rent.rent_id
    assert not rig.bank.reserved
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "done")


def test_send_return_reopen_once_then_receipt(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig)
    grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.closed.entered):
        rig.doors.door_closed.emit("S1")
    assert [c.key for c in rig.screens.message().choices] == ["done", "reopen"]
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "reopen")
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.closed.entered):
        rig.doors.door_closed.emit("S1")
    assert [c.key for c in rig.screens.message().choices] == ["done"]  # once only
    with qtbot.waitSignal(rig.flow.receipt.entered):
        rig.flow.handle("choice", "done")
    assert rig.gateway.event_types() == [
        "door_opened",
        "deposited",
        "reopened",
        "door_opened",
        "door_closed",
    ]


def test_send_return_door_left_open_reminds_and_reports(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig)
    grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.left_open.entered, timeout=2000):
        pass
    assert rig.screens.door().headline == "Please close door S1"
    with qtbot.waitSignal(rig.flow.finished, timeout=2000):
        pass
    assert rig.gateway.event_types() == ["door_opened", "door_left_open"]
    # The parcel may be inside: the reservation is not cancelled.
    assert "cancelled" not in rig.gateway.event_types()


def test_send_return_door_did_not_open_offers_another_of_the_same_size(
    qtbot: QtBot, rig: Rig
) -> None:
    to_reserving(qtbot, rig)
    first = grant(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("S1", "hook still closed")
    assert rig.screens.choice_keys() == ["retry", "other", "help"]
    with qtbot.waitSignal(rig.flow.reserving.entered):
        rig.flow.handle("choice", "other")
    assert rig.gateway.events[-1] == ("cancelled", "S1", first.rent_id)
    _, request = reserve_request(rig)
    assert request.compartment_id == "S2"
    grant(qtbot, rig)
    # No third S: "another of the same size" says so plainly.
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("S2", "hook still closed")
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.flow.handle("choice", "other")
    assert rig.screens.message().headline == "No other compartment of this size is free"


def test_send_return_unknown_code_and_a_pickup_shaped_code(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.start()
    rig.flow.handle("code_entered", "123456")  # a pickup code: never sent
    assert calls(rig, "verify_send") == []
    assert rig.screens.code_entry().error == "The code has 8 letter(s) or digit(s)."
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("code_entered", CODE)
    from kiosk.backend.api import CodeUnknown

    with qtbot.waitSignal(rig.flow.problem.entered):
        calls(rig, "verify_send")[-1].on_error(CodeUnknown("nope"))
    assert rig.screens.message().headline == "Wrong code"
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.handle("choice", "retry")


def test_send_return_too_many_attempts_shares_the_kiosk_cooldown(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("code_entered", CODE)
    with qtbot.waitSignal(rig.flow.problem.entered):
        calls(rig, "verify_send")[-1].on_error(TooManyAttempts("budget", retry_after=30))
    assert rig.cooldown.remaining_s() == 30  # the pickup flow holds the same Cooldown


def test_send_return_backend_down_says_so_and_reserves_nothing(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("code_entered", CODE)
    with qtbot.waitSignal(rig.flow.problem.entered):
        calls(rig, "verify_send")[-1].on_error(Unavailable("down"))
    assert rig.screens.message().headline == "We could not check your code right now"
    assert calls(rig, "reserve_rent") == []


def test_send_return_reservation_timeout_frees_the_compartment(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig)
    assert rig.bank.reserved == {"S1"}
    with qtbot.waitSignal(rig.flow.problem.entered, timeout=2000):
        pass  # the backend never answers the reservation
    assert not rig.bank.reserved
    calls(rig, "reserve_rent")[-1].on_done(None)  # a late answer is dropped


def test_send_return_walking_away_before_the_door_opens_releases(qtbot: QtBot, rig: Rig) -> None:
    to_reserving(qtbot, rig)
    rent = grant(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("S1", "hook still closed")
    rig.flow.abort()  # the kiosk's inactivity timeout
    assert rig.gateway.events[-1] == ("cancelled", "S1", rent.rent_id)
    assert not rig.bank.reserved


def test_send_return_receipt_even_when_the_outbox_is_slow_to_confirm(
    qtbot: QtBot, rig: Rig
) -> None:
    rig.gateway.commit_later = True
    rig.flow.set_timeouts({"recording": 100, "closed": 100})
    to_reserving(qtbot, rig)
    grant(qtbot, rig)
    open_door(qtbot, rig, "S1")
    with qtbot.waitSignal(rig.flow.receipt.entered, timeout=2000):
        rig.doors.door_closed.emit("S1")  # never confirmed: the cycle's backstop fires
    assert rig.gateway.event_types()[-1] == "deposited"
    assert "cancelled" not in rig.gateway.event_types()


def test_send_return_locker_full_for_the_size(qtbot: QtBot, rig: Rig) -> None:
    from kiosk.backend.api import SizeMismatch

    to_reserving(qtbot, rig, size="L")
    # The backend's layout differs from ours: L1 is not an L after all. Nothing else fits.
    with qtbot.waitSignal(rig.flow.problem.entered):
        calls(rig, "reserve_rent")[-1].on_error(SizeMismatch("too small"))
    assert rig.screens.message().headline == "The locker is full for a parcel of this size"
    assert not rig.bank.reserved


def test_send_return_code_not_in_the_offline_set_says_the_locker_is_offline(
    qtbot: QtBot, rig: Rig
) -> None:
    """Backend down and the code not in the offline set: not "wrong code", not "in a
    moment": the locker is offline, nothing was used up."""
    from kiosk.backend.offline import NotInOfflineSet

    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.start()
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("code_entered", CODE)
    with qtbot.waitSignal(rig.flow.problem.entered):
        calls(rig, "verify_send")[-1].on_error(NotInOfflineSet("not in the set"))
    message = rig.screens.message()
    assert message.headline == "This locker is offline"
    assert "Nothing was used up" in message.body
    assert calls(rig, "reserve_rent") == []


@pytest.mark.parametrize(("accessible", "expected"), [(False, "S1"), (True, "M2")])
def test_send_return_accessible_customer_gets_a_low_compartment_first(
    qtbot: QtBot, rig: Rig, accessible: bool, expected: str
) -> None:
    """A customer in accessible mode: a reachable compartment (if one fits) before the
    smallest that fits; everyone else: the smallest, the accessible ones kept free."""
    rig.bank.specs["M2"] = Spec("M2", "M", accessible=True)
    rig.flow.accessible = accessible
    to_reserving(qtbot, rig, "S")
    assert reserve_request(rig)[1].compartment_id == expected
