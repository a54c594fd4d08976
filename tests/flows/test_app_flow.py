"""The App flow on fakes: a door opened by command, answered once, the actor on every event."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pytestqt.qtbot import QtBot

from kiosk.flows.app_open import AppOpenFlow
from kiosk.flows.door_cycle import DoorTimeouts
from kiosk.services.commands import OpenRequest
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.flows import Screens

FAST = DoorTimeouts(
    opening_ms=300,
    failed_ms=300,
    help_ms=300,
    door_open_ms=2000,
    left_open_ms=2000,
    recording_ms=300,
    closed_ms=200,
)

PICKUP = OpenRequest("c-1", "A07", "r-1", "app_pickup", "Anna K.", "app")
BACKOFFICE = OpenRequest("c-2", "B02", None, "backoffice", "", "backoffice")


@dataclass
class Rig:
    flow: AppOpenFlow
    doors: FakeDoors
    gateway: FakeGateway
    screens: Screens
    answers: list[tuple[str, str, str]]


@pytest.fixture
def rig(qtbot: QtBot) -> Iterator[Rig]:
    doors, gateway, screens = FakeDoors(), FakeGateway(), Screens()
    flow = AppOpenFlow(gateway, doors, FAST)
    flow.screen_requested.connect(screens.show)
    answers: list[tuple[str, str, str]] = []
    flow.answered.connect(lambda *a: answers.append(a))
    yield Rig(flow, doors, gateway, screens, answers)
    flow.abort()


def start(qtbot: QtBot, rig: Rig, request: OpenRequest) -> None:
    rig.flow.prepare(request)
    with qtbot.waitSignal(rig.flow.cycle.opening.entered):
        rig.flow.start()


def test_app_flow_pickup_opens_answers_ok_once_and_records_picked_up_as_app(
    qtbot: QtBot, rig: Rig
) -> None:
    start(qtbot, rig, PICKUP)
    assert rig.doors.opened == ["A07"]
    assert rig.answers == []  # not before the door is seen open
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("A07")
    assert rig.answers == [("c-1", "ok", "opened")]
    door = rig.screens.door()
    assert door.headline == "Door A07 is open for your app"
    assert door.body == "Anna K., please take your parcel and close the door firmly."
    with qtbot.waitSignal(rig.flow.finished, timeout=3000):
        rig.doors.door_closed.emit("A07")
    assert rig.gateway.events == [("door_opened", "A07", "r-1"), ("picked_up", "A07", "r-1")]
    assert {e.actor for e in rig.gateway.recorded} == {"app"}
    assert rig.answers == [("c-1", "ok", "opened")]


def test_app_flow_backoffice_open_closes_as_door_closed_without_a_name(
    qtbot: QtBot, rig: Rig
) -> None:
    start(qtbot, rig, BACKOFFICE)
    with qtbot.waitSignal(rig.flow.cycle.door_open.entered):
        rig.doors.door_opened.emit("B02")
    assert rig.screens.door().headline == "Door B02 was opened by customer service"
    with qtbot.waitSignal(rig.flow.finished, timeout=3000):
        rig.doors.door_closed.emit("B02")
    assert rig.gateway.event_types() == ["door_opened", "door_closed"]
    assert {e.actor for e in rig.gateway.recorded} == {"backoffice"}
    assert rig.gateway.recorded[-1].detail == {"command_id": "c-2", "reason": "backoffice"}


def test_app_flow_door_that_never_opens_is_answered_failed(qtbot: QtBot, rig: Rig) -> None:
    rig.doors.fail_at_once = True
    start(qtbot, rig, PICKUP)
    with qtbot.waitSignal(rig.flow.finished, timeout=3000):
        pass  # door_failed → help → gave up, by their timeouts
    assert rig.answers == [("c-1", "failed", "the door did not open")]
    assert "picked_up" not in rig.gateway.event_types()


def test_app_flow_aborted_before_the_door_opened_is_answered_failed(qtbot: QtBot, rig: Rig) -> None:
    start(qtbot, rig, PICKUP)
    rig.flow.abort()
    assert rig.answers == [("c-1", "failed", "aborted before the door opened")]
