"""The flow base: named states with timeouts, late answers dropped, abort and restart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

from kiosk.flows.base import Flow


class TwoStep(Flow):
    """asking → waiting (times out to done) → done, with a request in ``waiting``."""

    flow_name = "two_step"
    go = Signal()
    answer = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.asking = self.state("asking")
        self.waiting, timer = self.waiting_state("waiting", 200)
        self.first = self.asking
        self.asking.addTransition(self.go, self.waiting)
        self.waiting.addTransition(self.answer, self.done)
        self.waiting.addTransition(timer.timeout, self.done)
        self.starts = 0
        self.aborts = 0
        self.answers: list[str] = []

    def on_start(self) -> None:
        self.starts += 1

    def on_abort(self) -> None:
        self.aborts += 1


@pytest.fixture
def flow(qtbot: QtBot) -> Iterator[TwoStep]:
    f = TwoStep()
    yield f
    f.abort()


def test_flow_base_states_are_named_and_active_while_entered(qtbot: QtBot, flow: TwoStep) -> None:
    seen: list[bool] = []
    flow.asking.entered.connect(lambda: seen.append(flow.active(flow.asking)))
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    assert seen == [True]  # also while Qt is still entering it
    assert flow.state_name() == "asking"
    assert flow.is_running()


def test_flow_base_waiting_state_owns_its_timer(qtbot: QtBot, flow: TwoStep) -> None:
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    assert not flow.timer("waiting").isActive()
    with qtbot.waitSignal(flow.waiting.entered):
        flow.go.emit()
    assert flow.timer("waiting").isActive()
    with qtbot.waitSignal(flow.finished, timeout=3000):
        pass  # the timeout leads to done
    assert not flow.timer("waiting").isActive()
    assert not flow.is_running()


def test_flow_base_set_timeouts_by_state_name(flow: TwoStep) -> None:
    flow.set_timeouts({"waiting": 1234})
    assert flow.timer("waiting").interval() == 1234
    with pytest.raises(KeyError):
        flow.set_timeouts({"no_such_state": 1})


def test_flow_base_two_waiting_states_of_one_name_are_refused(flow: TwoStep) -> None:
    with pytest.raises(ValueError, match="waiting"):
        flow.waiting_state("waiting", 10)


def test_flow_base_late_answers_are_dropped(qtbot: QtBot, flow: TwoStep) -> None:
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    first = flow.begin_request()
    late = flow.current_only(first, flow.answers.append)
    second = flow.begin_request()
    current = flow.current_only(second, flow.answers.append)
    late("stale")
    current("fresh")
    assert flow.answers == ["fresh"]
    flow.abort()
    current("after abort")
    assert flow.answers == ["fresh"]


def test_flow_base_abort_stops_timers_and_never_emits_finished(qtbot: QtBot, flow: TwoStep) -> None:
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    with qtbot.waitSignal(flow.waiting.entered):
        flow.go.emit()
    finished: list[bool] = []
    flow.finished.connect(lambda: finished.append(True))
    with qtbot.waitSignal(flow.machine.stopped):
        flow.abort()
    assert flow.aborts == 1
    assert not any(t.isActive() for t in flow.machine.findChildren(QTimer))
    assert finished == []
    assert not flow.is_running()


def test_flow_base_abort_of_a_flow_not_running_does_nothing(flow: TwoStep) -> None:
    flow.abort()
    assert flow.aborts == 0


def test_flow_base_restart_right_after_abort_in_the_same_turn(qtbot: QtBot, flow: TwoStep) -> None:
    # Qt queues QStateMachine.stop(): a start in the same turn would be refused as
    # "already running", and the queued stop would then leave the machine stopped.
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    with qtbot.waitSignal(flow.waiting.entered):
        flow.go.emit()
    with qtbot.waitSignals([flow.machine.stopped, flow.asking.entered]):
        flow.abort()
        flow.start()
    assert flow.machine.isRunning()
    assert flow.state_name() == "asking"
    assert flow.starts == 2


def test_flow_base_start_while_running_aborts_first(qtbot: QtBot, flow: TwoStep) -> None:
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    with qtbot.waitSignal(flow.waiting.entered):
        flow.go.emit()
    with qtbot.waitSignals([flow.machine.stopped, flow.asking.entered]):
        flow.start()
    assert flow.aborts == 1
    assert flow.state_name() == "asking"


def test_flow_base_start_abort_start_before_the_machine_ran(qtbot: QtBot, flow: TwoStep) -> None:
    # All three in one turn: the machine's own start is still queued when abort() stops
    # it, so Qt enters and stops once; the second start runs after that.
    with qtbot.waitSignal(flow.machine.stopped):
        flow.start()
        flow.abort()
        flow.start()
    qtbot.waitUntil(lambda: flow.machine.isRunning() and flow.state_name() == "asking")
    assert flow.is_running()
    assert flow.starts == 2


def test_flow_base_restart_after_finished(qtbot: QtBot, flow: TwoStep) -> None:
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()
    with qtbot.waitSignal(flow.waiting.entered):
        flow.go.emit()
    with qtbot.waitSignal(flow.finished):
        flow.answer.emit()
    with qtbot.waitSignal(flow.asking.entered):
        flow.start()  # from the finished handler's turn: the next parcel, the next person
    assert flow.is_running()


def test_flow_base_without_first_state_refuses_to_start() -> None:
    class Empty(Flow):
        flow_name = "empty"

    empty = Empty()
    with pytest.raises(RuntimeError, match="first state"):
        empty.start()
