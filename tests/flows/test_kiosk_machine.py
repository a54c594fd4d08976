"""The top-level machine: idle ↔ flow ↔ out of service, and the inactivity timeout."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.flows.base import Flow
from kiosk.flows.kiosk_machine import KioskMachine
from kiosk.flows.screendata import ScreenName


class RecordingFlow(Flow):
    """A flow that records what the machine asked of it."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow_name = name
        self.calls: list[str] = []
        self.holding = False

    def holds_screen(self) -> bool:
        return self.holding

    def start(self) -> None:
        self.calls.append("start")
        self.show(ScreenName.MESSAGE, "hello")

    def abort(self) -> None:
        self.calls.append("abort")

    def handle(self, intent: str, value: object) -> None:
        self.calls.append(f"{intent}:{value}")


@pytest.fixture
def machine(qtbot: QtBot) -> Iterator[KioskMachine]:
    m = KioskMachine(inactivity_timeout_ms=200)
    m.add_flow(RecordingFlow("pickup"))
    with qtbot.waitSignal(m.idle_entered):
        m.start()
    yield m
    m.stop()


def test_starts_in_idle(machine: KioskMachine) -> None:
    assert machine.state_name() == "idle"
    assert machine.current_flow() == ""


def test_flow_runs_and_returns_to_idle(qtbot: QtBot, machine: KioskMachine) -> None:
    flow = machine.flow("pickup")
    assert isinstance(flow, RecordingFlow)
    with qtbot.waitSignal(machine.screen_requested) as shown:
        assert machine.start_flow("pickup")
    assert shown.args == ["message", "hello"]
    qtbot.waitUntil(lambda: machine.state_name() == "in_flow")
    machine.dispatch("choice", "ok")
    assert flow.calls == ["start", "choice:ok"]
    with qtbot.waitSignal(machine.idle_entered):
        flow.finished.emit()
    assert machine.current_flow() == ""


def test_unknown_flow_and_second_flow_are_refused(qtbot: QtBot, machine: KioskMachine) -> None:
    assert not machine.start_flow("teleport")
    assert machine.start_flow("pickup")
    qtbot.waitUntil(lambda: machine.state_name() == "in_flow")
    assert not machine.start_flow("pickup")


def test_inactivity_aborts_the_flow_and_returns_to_idle(
    qtbot: QtBot, machine: KioskMachine
) -> None:
    flow = machine.flow("pickup")
    assert isinstance(flow, RecordingFlow)
    machine.start_flow("pickup")
    with qtbot.waitSignal(machine.idle_entered, timeout=3000):
        pass
    assert flow.calls == ["start", "abort"]
    assert machine.state_name() == "idle"
    assert not machine.inactivity.isActive()


def test_activity_restarts_the_inactivity_timer(qtbot: QtBot, machine: KioskMachine) -> None:
    machine.start_flow("pickup")
    qtbot.waitUntil(lambda: machine.inactivity.isActive())
    # Keep touching: remaining time goes back up to the full interval each time.
    qtbot.waitUntil(lambda: machine.inactivity.remainingTime() < 150)
    machine.user_activity()
    assert machine.inactivity.remainingTime() > 150
    assert machine.state_name() == "in_flow"


def test_out_of_service_from_idle_and_back(qtbot: QtBot, machine: KioskMachine) -> None:
    with qtbot.waitSignal(machine.out_of_service_entered) as oos:
        machine.set_out_of_service("boards", True, "no board answers")
    assert oos.args == ["no board answers"]
    assert not machine.start_flow("pickup")
    with qtbot.waitSignal(machine.idle_entered):
        machine.set_out_of_service("boards", False)


def test_out_of_service_waits_for_the_running_flow(qtbot: QtBot, machine: KioskMachine) -> None:
    flow = machine.flow("pickup")
    machine.start_flow("pickup")
    qtbot.waitUntil(lambda: machine.state_name() == "in_flow")
    machine.set_out_of_service("admin", True, "maintenance")
    qtbot.wait(0)  # queued transitions, if any, have had their chance
    assert machine.state_name() == "in_flow"
    with qtbot.waitSignal(machine.out_of_service_entered):
        flow.finished.emit()


def test_inactivity_waits_while_the_flow_holds_the_screen(
    qtbot: QtBot, machine: KioskMachine
) -> None:
    flow = machine.flow("pickup")
    assert isinstance(flow, RecordingFlow)
    flow.holding = True  # a door stands open: taking the parcel needs no touch
    machine.start_flow("pickup")
    qtbot.waitUntil(lambda: machine.state_name() == "in_flow")
    with qtbot.waitSignal(machine.inactivity.timeout, timeout=3000):
        pass
    qtbot.wait(0)
    assert machine.state_name() == "in_flow"
    assert machine.inactivity.isActive()
    assert flow.calls == ["start"]
    flow.holding = False
    with qtbot.waitSignal(machine.idle_entered, timeout=3000):
        pass
    assert flow.calls == ["start", "abort"]


def test_out_of_service_reasons_are_a_set(qtbot: QtBot, machine: KioskMachine) -> None:
    with qtbot.waitSignal(machine.out_of_service_entered):
        machine.set_out_of_service("boards", True, "no board answers")
    with qtbot.waitSignal(machine.out_of_service_entered) as shown:
        machine.set_out_of_service("admin", True, "maintenance")
    assert shown.args == ["maintenance"]
    # The boards coming back do not clear the technician's reason.
    with qtbot.waitSignal(machine.out_of_service_entered) as shown:
        machine.set_out_of_service("boards", False)
    assert shown.args == ["maintenance"]
    assert machine.state_name() == "out_of_service"
    assert machine.out_of_service_reasons() == {"admin"}
    with qtbot.waitSignal(machine.idle_entered):
        machine.set_out_of_service("admin", False)


def test_only_an_allowed_flow_starts_from_out_of_service(
    qtbot: QtBot, machine: KioskMachine
) -> None:
    admin = RecordingFlow("admin")
    admin.allowed_out_of_service = True
    machine.add_flow(admin)
    with qtbot.waitSignal(machine.out_of_service_entered):
        machine.set_out_of_service("boards", True, "no board answers")
    assert not machine.start_flow("pickup")
    assert machine.start_flow("admin")
    qtbot.waitUntil(lambda: machine.state_name() == "in_flow")
    # When it ends the kiosk goes back to where the reasons say: still out of service.
    with qtbot.waitSignal(machine.out_of_service_entered):
        admin.finished.emit()


def test_inactivity_timeout_can_be_changed(machine: KioskMachine) -> None:
    machine.set_inactivity_timeout(4321)
    assert machine.inactivity.interval() == 4321
