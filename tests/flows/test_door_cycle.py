"""The door cycle on its own: open, wait, remind, record the close, open again once.

A minimal flow hosts it (``door`` → ``after`` → done), as courier, send and admin will.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.flows.base import Flow
from kiosk.flows.door_cycle import CLOSED, FAILED, LEFT_OPEN, DoorCycle, DoorJob, DoorTimeouts
from kiosk.flows.screendata import Choice
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.flows import Screens

FAST = DoorTimeouts(
    opening_ms=300,
    failed_ms=300,
    help_ms=300,
    door_open_ms=200,
    left_open_ms=200,
    recording_ms=300,
    closed_ms=200,
)

JOB = DoorJob(
    compartment_id="B04",
    rent_id="r-1",
    closing_event="deposited",
    actor="courier:c7",
    open_body="Put the parcel in and close the door.",
)


class Host(Flow):
    flow_name = "host"

    def __init__(self, doors: FakeDoors, gateway: FakeGateway, parent: QObject | None = None):
        super().__init__(parent)
        self.cycle = DoorCycle(self, doors, gateway, FAST)
        self.after = self.state("after")
        self.first = self.cycle.state
        self.cycle.state.addTransition(self.cycle.state.finished, self.after)
        self.outcomes: list[str] = []
        self.after.entered.connect(self._after)
        self.job = JOB

    def _after(self) -> None:
        self.outcomes.append(self.cycle.outcome)

    def on_start(self) -> None:
        self.cycle.reset()
        self.cycle.prepare(self.job)

    def on_abort(self) -> None:
        self.cycle.abandon()

    def handle(self, intent: str, value: object) -> None:
        if intent == "choice":
            self.cycle.handle_choice(str(value))


@dataclass
class Rig:
    flow: Host
    doors: FakeDoors
    gateway: FakeGateway
    screens: Screens


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    doors, gateway, screens = FakeDoors(), FakeGateway(), Screens()
    flow = Host(doors, gateway)
    flow.screen_requested.connect(screens.show)
    yield Rig(flow, doors, gateway, screens)
    flow.abort()


def run(qtbot: QtBot, rig: Rig, job: DoorJob = JOB) -> None:
    rig.flow.job = job
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.start()


def opened_and_closed(qtbot: QtBot, rig: Rig, compartment: str = "B04") -> None:
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit(compartment)
    with qtbot.waitSignal(rig.flow.cycle.closed.entered):
        rig.doors.door_closed.emit(compartment)


def test_door_cycle_records_the_closing_event_with_the_actor(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    assert rig.doors.opened == ["B04"]
    assert rig.screens.door().compartment_id == "B04"
    opened_and_closed(qtbot, rig)
    assert rig.gateway.event_types() == ["door_opened", "deposited"]
    assert {e.actor for e in rig.gateway.recorded} == {"courier:c7"}
    assert {e.rent_id for e in rig.gateway.recorded} == {"r-1"}
    with qtbot.waitSignal(rig.flow.after.entered, timeout=2000):
        pass  # the closed screen's grace runs out
    assert rig.flow.outcomes == [CLOSED]


def test_door_cycle_open_screen_says_what_the_job_says(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    door = rig.screens.door()
    assert door.headline == "Door B04 is open"
    assert door.body == "Put the parcel in and close the door."


def test_door_cycle_close_waits_for_the_outbox(qtbot: QtBot, rig: Rig) -> None:
    rig.gateway.commit_later = True
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    with qtbot.waitSignal(rig.flow.cycle.recording.entered):
        rig.doors.door_closed.emit("B04")
    assert rig.screens.last[0] == "busy"
    with qtbot.waitSignal(rig.flow.cycle.closed_recorded) as recorded:
        rig.gateway.pending_commits.pop()()
    assert recorded.args == ["B04"]
    assert rig.flow.cycle.closed.active()


def test_door_cycle_hung_outbox_lets_the_person_go(qtbot: QtBot, rig: Rig) -> None:
    rig.gateway.commit_later = True
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    with qtbot.waitSignal(rig.flow.cycle.closed.entered, timeout=2000):
        rig.doors.door_closed.emit("B04")  # never committed: the backstop fires


def test_door_cycle_did_not_open_then_try_again(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_failed.entered):
        rig.doors.open_failed.emit("B04", "hook still closed")
    assert rig.screens.choice_keys() == ["retry", "help"]
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.handle("choice", "retry")
    assert rig.doors.opened == ["B04", "B04"]
    assert rig.gateway.event_types() == ["door_failed"]


def test_door_cycle_help_ends_failed(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_failed.entered, timeout=2000):
        pass  # no open reported in time
    with qtbot.waitSignal(rig.flow.cycle.help.entered):
        rig.flow.handle("choice", "help")
    with qtbot.waitSignal(rig.flow.after.entered):
        rig.flow.handle("choice", "cancel")
    assert rig.flow.outcomes == [FAILED]


def test_door_cycle_late_open_on_the_help_screen_still_counts(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.help.entered, timeout=3000):
        pass  # opening → door_failed → help, both by timeout
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    assert rig.gateway.event_types()[-1] == "door_opened"


def test_door_cycle_left_open_reminds_then_reports(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    with qtbot.waitSignal(rig.flow.cycle.left_open.entered, timeout=2000):
        pass
    assert rig.screens.door().headline == "Please close door B04"
    with qtbot.waitSignal(rig.flow.after.entered, timeout=2000):
        pass
    assert rig.flow.outcomes == [LEFT_OPEN]
    assert rig.gateway.event_types() == ["door_opened", "door_left_open"]


def test_door_cycle_close_during_the_reminder_is_recorded(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    with qtbot.waitSignal(rig.flow.cycle.left_open.entered, timeout=2000):
        pass
    with qtbot.waitSignal(rig.flow.cycle.closed.entered):
        rig.doors.door_closed.emit("B04")
    assert rig.gateway.event_types() == ["door_opened", "deposited"]


def test_door_cycle_open_again_once_then_only_door_closed(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    opened_and_closed(qtbot, rig)
    assert rig.screens.choice_keys() == ["reopen"]
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.handle("choice", "reopen")
    opened_and_closed(qtbot, rig)
    assert rig.screens.choice_keys() == []  # once only
    assert rig.gateway.event_types() == [
        "door_opened",
        "deposited",
        "reopened",
        "door_opened",
        "door_closed",
    ]


def test_door_cycle_without_reopen_offers_none(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig, replace(JOB, reopen=False))
    opened_and_closed(qtbot, rig)
    assert rig.screens.choice_keys() == []


def test_door_cycle_job_answers_end_it_with_their_key(qtbot: QtBot, rig: Rig) -> None:
    job = replace(JOB, door_choices=(Choice("doesnt_fit", "Doesn't fit"),))
    run(qtbot, rig, job)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    assert rig.screens.choice_keys() == ["doesnt_fit"]
    rig.flow.handle("choice", "not_offered")  # a stale tap does nothing
    assert rig.flow.cycle.door_open.active()
    with qtbot.waitSignal(rig.flow.after.entered):
        rig.flow.handle("choice", "doesnt_fit")
    assert rig.flow.outcomes == ["doesnt_fit"]


def test_door_cycle_without_closed_screen_goes_straight_on(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig, replace(JOB, closed_screen=False))
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    with qtbot.waitSignal(rig.flow.after.entered):
        rig.doors.door_closed.emit("B04")
    assert rig.flow.outcomes == [CLOSED]
    assert rig.gateway.event_types() == ["door_opened", "deposited"]


def test_door_cycle_other_doors_change_nothing(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    rig.doors.door_opened.emit("A01")
    rig.doors.open_failed.emit("A01", "x")
    assert rig.flow.cycle.opening.active()
    assert rig.gateway.recorded == []


def test_door_cycle_abort_with_the_door_open_reports_left_open(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    assert rig.flow.cycle.holds_screen()
    rig.flow.abort()
    assert rig.gateway.event_types() == ["door_opened", "door_left_open"]


def test_door_cycle_entered_without_a_job_is_an_error(qtbot: QtBot, rig: Rig) -> None:
    with pytest.raises(RuntimeError, match="without a job"):
        rig.flow.cycle._on_cycle_entered()


def test_door_cycle_journals_the_close_before_the_unlock_and_settles_it(
    qtbot: QtBot, rig: Rig
) -> None:
    run(qtbot, rig)
    [expect] = rig.doors.expectations
    assert (expect.compartment_id, expect.rent_id) == ("B04", "r-1")
    assert (expect.closing_event, expect.actor) == ("deposited", "courier:c7")
    opened_and_closed(qtbot, rig)
    deposited = rig.gateway.recorded[-1]
    assert deposited.type == "deposited"
    assert deposited.event_id == expect.closing_event_id  # the id made before the open
    assert rig.doors.settled == [("B04", expect.closing_event_id)]


def test_door_cycle_reopen_journals_a_door_closed(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    opened_and_closed(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.handle("choice", "reopen")
    first, second = rig.doors.expectations
    assert second.closing_event == "door_closed"
    assert second.closing_event_id != first.closing_event_id


def test_door_cycle_walking_away_hands_the_open_door_over(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    rig.flow.abort()
    assert rig.doors.released == ["B04"]
    assert rig.doors.forgotten == []


def test_door_cycle_door_that_never_opened_is_forgotten(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.help.entered, timeout=3000):
        pass
    with qtbot.waitSignal(rig.flow.after.entered):
        rig.flow.handle("choice", "cancel")
    assert rig.doors.forgotten == ["B04"]


NOT_OPEN_JOB = replace(JOB, offer_not_open=True, rent_id="r-2", closing_event="picked_up")


def door_reads_open(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig, NOT_OPEN_JOB)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")


def test_door_cycle_door_did_not_open_is_offered_only_where_the_job_asks(
    qtbot: QtBot, rig: Rig
) -> None:
    run(qtbot, rig)  # a courier's job: it has "door is broken" of its own
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    assert "not_open" not in rig.screens.choice_keys()
    assert not rig.flow.cycle.handle_choice("not_open")
    assert rig.flow.cycle.door_open.active()


def test_door_cycle_door_did_not_open_then_try_again_sends_the_unlock_again(
    qtbot: QtBot, rig: Rig
) -> None:
    door_reads_open(qtbot, rig)
    assert rig.screens.choice_keys()[-1] == "not_open"
    with qtbot.waitSignal(rig.flow.cycle.not_open.entered):
        rig.flow.handle("choice", "not_open")
    message = rig.screens.message()
    assert message.headline == "Door B04 should be open"
    assert rig.screens.choice_keys() == ["retry", "help"]
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.handle("choice", "retry")
    assert rig.doors.opened == ["B04", "B04"]
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B04")
    with qtbot.waitSignal(rig.flow.cycle.closed.entered):
        rig.doors.door_closed.emit("B04")
    assert rig.gateway.event_types() == ["door_opened", "door_opened", "picked_up"]


def test_door_cycle_door_found_open_after_all_is_recorded_when_it_closes(
    qtbot: QtBot, rig: Rig
) -> None:
    door_reads_open(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.not_open.entered):
        rig.flow.handle("choice", "not_open")
    with qtbot.waitSignal(rig.flow.cycle.closed.entered):
        rig.doors.door_closed.emit("B04")  # they found it and shut it again
    assert rig.gateway.event_types() == ["door_opened", "picked_up"]


def test_door_cycle_door_did_not_open_then_help_hands_the_door_over(qtbot: QtBot, rig: Rig) -> None:
    """The board read it open: its close, whenever it comes, is still the door's close."""
    door_reads_open(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.not_open.entered):
        rig.flow.handle("choice", "not_open")
    with qtbot.waitSignal(rig.flow.cycle.help.entered):
        rig.flow.handle("choice", "help")
    assert "close it again" in rig.screens.message().body
    with qtbot.waitSignal(rig.flow.after.entered):
        rig.flow.handle("choice", "cancel")
    assert rig.flow.outcomes == [FAILED]
    assert rig.doors.released == ["B04"]
    assert rig.doors.forgotten == []
    # The back office hears of a door to check, with what the board read.
    failed = rig.gateway.recorded[-1]
    assert (failed.type, failed.detail) == (
        "door_failed",
        {"reported_by": "person", "door": "read_open"},
    )


def test_door_cycle_door_did_not_open_screen_times_back_to_the_open_door(
    qtbot: QtBot, rig: Rig
) -> None:
    door_reads_open(qtbot, rig)
    with qtbot.waitSignal(rig.flow.cycle.not_open.entered):
        rig.flow.handle("choice", "not_open")
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered, timeout=2000):
        pass  # nobody answered: the open door's screen again, its reminder running
    assert rig.screens.door().compartment_id == "B04"


def test_door_cycle_closed_text_drops_open_again_once_it_is_used(qtbot: QtBot, rig: Rig) -> None:
    run(qtbot, rig)
    opened_and_closed(qtbot, rig)
    assert "Open again" in rig.screens.message().body
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.handle("choice", "reopen")
    opened_and_closed(qtbot, rig)
    assert rig.screens.choice_keys() == []
    assert rig.screens.message().body == "Door B04 is closed."
