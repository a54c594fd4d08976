"""The pickup journey as a state machine, without widgets: every branch ends safely."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.backend.api import (
    AlreadyCollected,
    CodeExpired,
    CodeUnknown,
    Parcel,
    PickupRent,
    PickupResult,
    TooManyAttempts,
    Unavailable,
)
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.pickup import PickupFlow, PickupSettings
from kiosk.flows.screendata import CodeEntryData
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.flows import Screens


@dataclass
class Rig:
    flow: PickupFlow
    gateway: FakeGateway
    doors: FakeDoors
    screens: Screens
    cooldown: Cooldown


FAST = PickupSettings(
    verify_timeout_ms=300,
    door_open_timeout_ms=300,
    door_left_open_ms=200,
    left_open_grace_ms=200,
    reopen_grace_ms=200,
    message_timeout_ms=400,
    help_text="Call 0800 123 456",
)


def rent(n: int = 1, compartment: str = "A07") -> PickupRent:
    return PickupRent(
        rent_id=f"00000000-0000-4000-8000-00000000000{n}",
        compartment_id=compartment,
        parcel=Parcel(parcel_id=f"p_{n}", barcode=f"JJD{n:010d}", size="M"),
    )


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    gateway, doors, screens = FakeGateway(), FakeDoors(), Screens()
    cooldown = Cooldown()
    flow = PickupFlow(gateway, doors, FAST, cooldown=cooldown)
    flow.screen_requested.connect(screens.show)
    yield Rig(flow, gateway, doors, screens, cooldown)
    flow.abort()


def start(qtbot: QtBot, rig: Rig) -> None:
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.start()
    assert rig.screens.last[0] == "code_entry"


def submit(qtbot: QtBot, rig: Rig, code: str = "123456") -> None:
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("code_entered", code)
    assert rig.screens.last[0] == "busy"


def verified(qtbot: QtBot, rig: Rig, *rents: PickupRent) -> None:
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.gateway.verifies[-1].on_done(PickupResult(rents=list(rents or [rent()])))


def open_and_close(qtbot: QtBot, rig: Rig, compartment: str = "A07") -> None:
    """The door reads open, then closed: the flow reaches "Thank you" (or the next)."""
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit(compartment)
    with qtbot.waitSignal(rig.flow.closed.entered):
        rig.doors.door_closed.emit(compartment)


def test_pickup_happy_path_records_events_in_order(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig, " 123456 ")
    assert rig.gateway.verifies[0].code == "123456"
    verified(qtbot, rig)
    assert rig.doors.opened == ["A07"]
    assert rig.screens.last[0] == "door"
    open_and_close(qtbot, rig, "A07")
    assert rig.screens.message().tone == "success"
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "cancel")
    assert rig.gateway.event_types() == ["door_opened", "picked_up"]


def test_pickup_thank_you_waits_for_the_outbox_commit(qtbot: QtBot, rig: Rig) -> None:
    rig.gateway.commit_later = True
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    with qtbot.waitSignal(rig.flow.recording.entered):
        rig.doors.door_closed.emit("A07")
    assert rig.screens.last[0] == "busy"
    assert not rig.flow.closed.active()
    with qtbot.waitSignal(rig.flow.closed.entered):
        rig.gateway.pending_commits.pop()()


def test_pickup_wrong_code_then_too_many_attempts_holds_the_keypad(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.gateway.verifies[-1].on_error(CodeUnknown("nope"))
    assert rig.screens.message().headline == "Wrong code"
    assert rig.screens.choice_keys() == ["retry", "cancel"]
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.handle("choice", "retry")
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.gateway.verifies[-1].on_error(TooManyAttempts("budget", retry_after=30))
    assert "Please wait 0:30" in rig.screens.message().body
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "cancel")
    start(qtbot, rig)
    assert rig.screens.code_entry().locked_s == 30
    # While the backend's wait runs, a code is not even sent to the backend.
    sent = len(rig.gateway.verifies)
    rig.flow.handle("code_entered", "999999")
    assert len(rig.gateway.verifies) == sent


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_pickup_too_many_attempts_counts_down_then_offers_the_keypad(qtbot: QtBot) -> None:
    gateway, screens, clock = FakeGateway(), Screens(), Clock()
    flow = PickupFlow(
        gateway, FakeDoors(), PickupSettings(message_timeout_ms=60000), cooldown=Cooldown(clock)
    )
    flow.screen_requested.connect(screens.show)
    flow.problems.ticker.setInterval(10)  # the screen's second, without waiting seconds
    with qtbot.waitSignal(flow.entering_code.entered):
        flow.start()
    with qtbot.waitSignal(flow.verifying.entered):
        flow.handle("code_entered", "123456")
    with qtbot.waitSignal(flow.problem.entered):
        gateway.verifies[-1].on_error(TooManyAttempts("budget", retry_after=11))
    assert rig_body(screens) == "Please wait 0:11 and try again."
    clock.t += 5
    qtbot.waitUntil(lambda: rig_body(screens) == "Please wait 0:06 and try again.")
    clock.t += 6
    qtbot.waitUntil(lambda: screens.message().headline == "You can try again now")
    assert screens.choice_keys() == ["retry", "cancel"]
    assert not flow.problems.ticker.isActive()
    with qtbot.waitSignal(flow.entering_code.entered):
        flow.handle("choice", "retry")
    assert screens.code_entry().locked_s == 0  # the keypad is usable again
    flow.abort()


def test_pickup_countdown_stops_when_the_person_leaves(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.problems.ticker.setInterval(10)
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.gateway.verifies[-1].on_error(TooManyAttempts("budget", retry_after=30))
    with qtbot.waitSignal(rig.flow.finished):
        rig.flow.handle("choice", "cancel")
    assert not rig.flow.problems.ticker.isActive()
    start(qtbot, rig)
    assert not rig.flow.problems.ticker.isActive()  # nothing will cover the keypad


def test_pickup_countdown_stops_when_the_flow_is_aborted(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.problems.ticker.setInterval(60000)  # only the abort may stop it
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.gateway.verifies[-1].on_error(TooManyAttempts("budget", retry_after=30))
    assert rig.flow.problems.ticker.isActive()
    with qtbot.waitSignal(rig.flow.machine.stopped):
        rig.flow.abort()  # inactivity: back to the idle screen
    assert not rig.flow.problems.ticker.isActive()


def rig_body(screens: Screens) -> str:
    return screens.message().body


def test_pickup_wait_survives_a_new_flow(qtbot: QtBot, rig: Rig) -> None:
    rig.cooldown.hold(30)
    start(qtbot, rig)
    assert rig.screens.code_entry().locked_s > 0


@pytest.mark.parametrize(
    ("error", "headline"),
    [
        (CodeExpired("x"), "This code has expired"),
        (AlreadyCollected("x"), "This parcel was already collected"),
    ],
)
def test_pickup_expired_and_collected_have_their_own_message_with_help(
    qtbot: QtBot, rig: Rig, error: Exception, headline: str
) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.gateway.verifies[-1].on_error(error)
    message = rig.screens.message()
    assert message.headline == headline
    assert message.body == "Call 0800 123 456"
    assert rig.cooldown.remaining_s() == 0  # no wait imposed


def test_pickup_backend_down_is_not_a_wrong_code(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered):
        rig.gateway.verifies[-1].on_error(Unavailable("connection refused"))
    assert rig.screens.message().headline == "We could not check your code right now"
    assert rig.screens.choice_keys() == ["retry", "cancel"]
    assert rig.cooldown.remaining_s() == 0


def test_pickup_verify_timeout_and_late_answer_ignored(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.problem.entered, timeout=3000):
        pass
    assert rig.screens.message().headline == "We could not check your code right now"
    rig.gateway.verifies[-1].on_done(PickupResult(rents=[rent()]))  # too late
    assert rig.doors.opened == []
    assert rig.flow.problem.active()


def test_pickup_door_does_not_open_then_try_again(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("A07", "hook still closed")
    assert rig.screens.message().headline == "Door A07 did not open"
    assert "door_failed" in rig.gateway.event_types()
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "retry")
    assert rig.doors.opened == ["A07", "A07"]
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")


def test_pickup_door_never_reported_times_out_to_failed_then_help(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered, timeout=3000):
        pass
    with qtbot.waitSignal(rig.flow.help.entered):
        rig.flow.handle("choice", "help")
    assert rig.screens.message().body == "Call 0800 123 456"
    with qtbot.waitSignal(rig.flow.finished, timeout=3000):
        pass


def test_pickup_door_left_open_reminds_then_reports_and_leaves(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    with qtbot.waitSignal(rig.flow.left_open.entered, timeout=3000):
        pass
    data = rig.screens.last[1]
    assert "Please close door A07" in getattr(data, "headline", "")
    with qtbot.waitSignal(rig.flow.finished, timeout=3000):
        pass
    assert rig.gateway.event_types() == ["door_opened", "door_left_open"]


def test_pickup_open_again_once_within_grace(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    open_and_close(qtbot, rig, "A07")
    assert rig.screens.choice_keys() == ["cancel", "reopen"]
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "reopen")
    open_and_close(qtbot, rig, "A07")
    assert rig.screens.choice_keys() == ["cancel"]
    with qtbot.waitSignal(rig.flow.finished, timeout=3000):
        pass
    # Picked up once; the second close after "open again" is only a door_closed.
    assert rig.gateway.event_types() == [
        "door_opened",
        "picked_up",
        "reopened",
        "door_opened",
        "door_closed",
    ]


def test_pickup_several_parcels_open_one_after_another(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig, rent(1, "A07"), rent(2, "B03"))
    for compartment in ("A07", "B03"):
        assert rig.doors.opened[-1] == compartment
        with qtbot.waitSignal(rig.flow.door_open.entered):
            rig.doors.door_opened.emit(compartment)
        assert "of 2" in getattr(rig.screens.last[1], "step", "")
        with qtbot.waitSignal(rig.flow.closed.entered):
            rig.doors.door_closed.emit(compartment)
        if compartment == "A07":
            with qtbot.waitSignal(rig.flow.opening.entered):
                rig.flow.handle("choice", "next")
    assert rig.doors.opened == ["A07", "B03"]


def test_pickup_other_doors_do_not_move_the_flow(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    rig.doors.door_opened.emit("B01")
    rig.doors.door_closed.emit("B01")
    assert rig.flow.opening.active()


def test_pickup_abort_with_door_open_reports_left_open(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    rig.flow.abort()
    assert rig.gateway.event_types()[-1] == "door_left_open"


def test_pickup_requires_phone_first_when_operator_says_so(qtbot: QtBot) -> None:
    gateway, doors, screens = FakeGateway(), FakeDoors(), Screens()
    settings = PickupSettings(requires_phone=True)
    flow = PickupFlow(gateway, doors, settings)
    flow.screen_requested.connect(screens.show)
    with qtbot.waitSignal(flow.entering_phone.entered):
        flow.start()
    assert screens.last[0] == "phone_entry"
    with qtbot.waitSignal(flow.entering_code.entered):
        flow.handle("phone_entered", "+48600100200")
    with qtbot.waitSignal(flow.verifying.entered):
        flow.handle("code_entered", "123456")
    assert gateway.verifies[0].phone == "+48600100200"
    flow.abort()


def test_pickup_scan_instead_then_camera_code_is_verified(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    with qtbot.waitSignal(rig.flow.scanning.entered):
        rig.flow.handle("scan_instead", None)
    assert rig.screens.last[0] == "camera"
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.handle("scanned", "482913")
    assert rig.gateway.verifies[-1].code == "482913"


def test_pickup_scan_camera_unavailable_falls_back_to_keypad(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    with qtbot.waitSignal(rig.flow.scanning.entered):
        rig.flow.handle("scan_instead", None)
    with qtbot.waitSignal(rig.flow.entering_code.entered):
        rig.flow.handle("camera_unavailable", "no camera found")
    data = rig.screens.last[1]
    assert isinstance(data, CodeEntryData)
    assert "not available" in data.error


def test_pickup_scan_garbage_is_rejected_with_a_message(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    rig.flow.handle("scan_rejected", "control_characters")
    data = rig.screens.last[1]
    assert isinstance(data, CodeEntryData)
    assert data.error == "That was not a pickup code."
    assert rig.gateway.verifies == []


def test_pickup_scan_on_idle_is_submitted_once_the_flow_asks(qtbot: QtBot, rig: Rig) -> None:
    rig.flow.queue_code("730264")
    with qtbot.waitSignal(rig.flow.verifying.entered):
        rig.flow.start()
    assert rig.gateway.verifies[0].code == "730264"


def test_pickup_door_refused_at_once_is_not_missed(qtbot: QtBot, rig: Rig) -> None:
    # A board service that answers synchronously (unknown compartment, not started)
    # emits open_failed while ``opening`` is still being entered.
    rig.doors.fail_at_once = True
    start(qtbot, rig)
    submit(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered, timeout=1000):
        rig.gateway.verifies[-1].on_done(PickupResult(rents=[rent()]))


def test_pickup_door_opening_late_still_counts(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered, timeout=3000):
        pass
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    assert rig.gateway.event_types() == ["door_failed", "door_opened"]


def test_pickup_camera_failing_at_once_falls_back(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    rig.flow.scanning.entered.connect(
        lambda: rig.flow.handle("camera_unavailable", "no camera found")
    )
    with qtbot.waitSignal(rig.flow.scanning.entered):
        rig.flow.handle("scan_instead", None)
    qtbot.waitUntil(rig.flow.entering_code.active)


def test_pickup_scanned_code_never_reaches_the_next_customer(qtbot: QtBot) -> None:
    gateway, doors = FakeGateway(), FakeDoors()
    flow = PickupFlow(gateway, doors, PickupSettings(requires_phone=True))
    flow.queue_code("730264")
    with qtbot.waitSignal(flow.entering_phone.entered):
        flow.start()
    with qtbot.waitSignal(flow.machine.stopped):
        flow.abort()  # walked away on the phone screen
    with qtbot.waitSignal(flow.entering_phone.entered):
        flow.start()
    with qtbot.waitSignal(flow.entering_code.entered):
        flow.handle("phone_entered", "+48600100200")
    assert gateway.verifies == []
    flow.abort()


def test_pickup_holds_the_screen_only_while_a_door_is_open(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    assert not rig.flow.holds_screen()
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    assert rig.flow.holds_screen()


def test_pickup_second_door_never_opens_by_itself(qtbot: QtBot, rig: Rig) -> None:
    # One code, two parcels; the person closes the first door and stands still (or
    # walks away with one parcel). The second door must wait for them, for ever.
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig, rent(1, "A07"), rent(2, "B03"))
    open_and_close(qtbot, rig, "A07")
    assert rig.screens.choice_keys() == ["next", "reopen"]
    # Nothing is scheduled that could move on without the person: no timer runs.
    running = [t.objectName() for t in rig.flow.machine.findChildren(QTimer) if t.isActive()]
    assert running == []
    assert rig.doors.opened == ["A07"]


def test_pickup_parcel_left_inside_asks_and_tells_the_backend(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    rig.doors.occupancy["A07"] = True  # the item sensor still sees the parcel
    with qtbot.waitSignal(rig.flow.closed.entered):
        rig.doors.door_closed.emit("A07")
    message = rig.screens.message()
    assert message.headline == "Is your parcel still inside?"
    assert message.choices[0].key == "reopen"
    assert message.choices[0].primary
    picked_up = rig.gateway.recorded[-1]
    assert picked_up.type == "picked_up"
    assert picked_up.detail == {"occupied_at_close": True}
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "reopen")


def test_pickup_code_of_the_wrong_shape_is_said_and_never_sent(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    for junk in ("12345", "1234567", "HTTPS://X.EU/1", "12 456"):
        rig.flow.handle("code_entered", junk)
        assert rig.screens.code_entry().error == "The code has 6 digit(s)."
    assert rig.gateway.verifies == []
    assert rig.flow.entering_code.active()


def test_pickup_events_carry_the_shopper_as_actor(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    open_and_close(qtbot, rig, "A07")
    assert {e.actor for e in rig.gateway.recorded} == {"shopper"}


def test_pickup_starts_again_right_after_an_abort(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    rig.flow.handle("code_entered", "12")  # half-typed, then the person walked away
    rig.flow.abort()
    with qtbot.waitSignals([rig.flow.machine.stopped, rig.flow.entering_code.entered]):
        rig.flow.start()  # the next person, in the same event-loop turn
    assert rig.flow.machine.isRunning()
    assert rig.flow.state_name() == "entering_code"


def test_pickup_stray_cancel_never_ends_the_journey_with_the_door_open(
    qtbot: QtBot, rig: Rig
) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    rig.flow.handle("cancel", None)  # an Escape key, a tap on a screen gone by
    assert rig.flow.door_open.active()
    with qtbot.waitSignal(rig.flow.closed.entered):
        rig.doors.door_closed.emit("A07")
    assert "picked_up" in rig.gateway.event_types()


def test_pickup_stray_cancel_answer_while_opening_is_ignored(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    rig.flow.handle("choice", "cancel")  # a tap on the screen before "Opening door…"
    assert rig.flow.opening.active()
    with qtbot.waitSignal(rig.flow.door_open.entered):
        rig.doors.door_opened.emit("A07")
    rig.flow.handle("choice", "cancel")
    assert rig.flow.door_open.active()


def test_pickup_jammed_first_door_does_not_keep_the_person_from_the_next_parcel(
    qtbot: QtBot, rig: Rig
) -> None:
    """One code, two parcels, the first door jammed: "open the next door" is offered on
    the failed screen, the jammed door is forgotten (a late open is not this person's)."""
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig, rent(1, "A06"), rent(2, "A07"))
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("A06", "hook still closed")
    assert rig.screens.choice_keys() == ["retry", "next", "help"]
    with qtbot.waitSignal(rig.flow.opening.entered):
        rig.flow.handle("choice", "next")
    assert rig.doors.opened == ["A06", "A07"]
    assert rig.doors.forgotten == ["A06"]
    open_and_close(qtbot, rig, "A07")
    assert rig.gateway.event_types()[-1] == "picked_up"
    assert rig.gateway.recorded[-1].compartment_id == "A07"


def test_pickup_last_parcels_failed_door_offers_no_next(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig)
    submit(qtbot, rig)
    verified(qtbot, rig)
    with qtbot.waitSignal(rig.flow.door_failed.entered):
        rig.doors.open_failed.emit("A07", "hook still closed")
    assert rig.screens.choice_keys() == ["retry", "help"]
