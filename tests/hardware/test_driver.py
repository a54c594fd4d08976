"""The bus driver against the simulator over a real pty: reads, unlocks, faults, port loss."""

from __future__ import annotations

import errno
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.hardware.cu16 import CMD_STATUS, CMD_UNLOCK, CMD_UNLOCK_ALL
from kiosk.hardware.driver import (
    BoardEvent,
    BoardNotAnswering,
    Bus,
    DoorDidNotOpen,
    DoorEvent,
    Poller,
    PortBusy,
    PortMissing,
    PortPermissionDenied,
    PortUnavailable,
    _classify_open_error,
    _process_name,
    port_holder,
)
from kiosk.hardware.protocol import DropReason
from kiosk.hardware.simulator import Fault, ReceivedFrame, SimulatedBus
from tests.hardware.conftest import EventLog, fast_settings

MakeSim = Callable[..., SimulatedBus]
MakeBus = Callable[..., Bus]


# ---------------------------------------------------------------- normal operation


def test_status_reads_hooks_and_items(sim: SimulatedBus, bus: Bus) -> None:
    sim.open_door(1, 3)
    sim.set_item(1, 1, True)
    status = bus.status(1)
    assert status.open_locks == [3]
    assert status.item(1) is True
    assert status.item(2) is False
    assert sim.requests(CMD_STATUS, board=1)[0].frame == bytes.fromhex("02 10 30 03 45")


def test_board_without_sensors_reports_unknown_occupancy(sim: SimulatedBus, bus: Bus) -> None:
    sim.set_item(2, 1, True)
    assert bus.status(2).items == (None,) * 16


def test_scan_finds_the_boards_present(sim: SimulatedBus, bus: Bus) -> None:
    assert bus.scan() == [1, 2]


def test_read_all_broadcast_collects_every_board(sim: SimulatedBus, bus: Bus) -> None:
    sim.open_door(2, 16)
    statuses = bus.read_all()
    assert [s.board for s in statuses] == [1, 2]
    assert statuses[1].open_locks == [16]
    assert sim.received[-1].frame == bytes.fromhex("02 F0 32 03 27")


def test_open_sends_one_unlock_and_reports_opened(sim: SimulatedBus, bus: Bus) -> None:
    bus.status(1)
    bus.take_events()
    status = bus.open(1, 3)
    assert status.open_locks == [3]
    assert not sim.is_closed(1, 3)
    assert [r.frame for r in sim.requests(CMD_UNLOCK)] == [bytes.fromhex("02 12 31 03 48")]
    assert bus.take_events() == [DoorEvent("opened", 1, 3)]
    sim.close_door(1, 3)
    bus.status(1)
    assert bus.take_events() == [DoorEvent("closed", 1, 3)]


def test_open_as_first_contact_still_reports_opened(sim: SimulatedBus, bus: Bus) -> None:
    bus.open(2, 7)
    assert DoorEvent("opened", 2, 7) in bus.take_events()


def test_open_all_opens_every_lock_with_one_frame(sim: SimulatedBus, bus: Bus) -> None:
    sim.jam(1, 9)
    status = bus.open_all(1)
    assert status.open_locks == [lock for lock in range(1, 17) if lock != 9]
    assert len(sim.requests(CMD_UNLOCK_ALL)) == 1
    opened = [e for e in bus.take_events() if isinstance(e, DoorEvent)]
    assert {e.kind for e in opened} == {"opened"}
    assert len(opened) == 15


def test_item_sensor_changes_become_events(sim: SimulatedBus, bus: Bus) -> None:
    bus.status(1)
    sim.set_item(1, 4, True)
    bus.status(1)
    sim.set_item(1, 4, False)
    bus.status(1)
    assert [e for e in bus.take_events() if isinstance(e, DoorEvent)] == [
        DoorEvent("item_in", 1, 4),
        DoorEvent("item_out", 1, 4),
    ]


@pytest.mark.parametrize("unlock_reply", ["status", "none"])
@pytest.mark.parametrize("hook_closed_bit", [1, 0])
@pytest.mark.parametrize("broadcast_addr", [0xF0, 0x00])
def test_every_board_variant(
    make_sim: MakeSim,
    make_bus: MakeBus,
    unlock_reply: str,
    hook_closed_bit: int,
    broadcast_addr: int,
) -> None:
    variant = {
        "unlock_reply": unlock_reply,
        "hook_closed_bit": hook_closed_bit,
        "broadcast_addr": broadcast_addr,
    }
    sim = make_sim(2, **variant)
    bus = make_bus(sim.path, **variant)
    assert bus.status(1).open_locks == []
    bus.open(1, 5)
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert bus.status(1).open_locks == [5]
    assert [s.board for s in bus.read_all()] == [1, 2]
    assert sim.received[-1].frame[1] == broadcast_addr


def test_mismatched_hook_polarity_reads_every_door_open(
    make_sim: MakeSim, make_bus: MakeBus
) -> None:
    """Why hook_closed_bit is a setting: the wrong one turns a shut bank into an open one."""
    sim = make_sim(1, hook_closed_bit=0)
    assert make_bus(sim.path).status(1).open_locks == list(range(1, 17))


# ---------------------------------------------------------------- bad input on the line


def test_garbage_before_the_reply(sim: SimulatedBus, bus: Bus) -> None:
    sim.inject(Fault.GARBAGE)
    assert bus.status(1).board == 1
    assert bus.drops[DropReason.NOISE] >= 1
    assert len(sim.requests(CMD_STATUS)) == 1


def test_garbage_with_no_request_outstanding_is_discarded(sim: SimulatedBus, bus: Bus) -> None:
    bus.status(2)
    # A stray "board 1: all open" frame with noise, sent while nothing is asked. Whether it
    # is still queued when the next request goes out or arrives just after, it must never
    # be taken for board 2's answer.
    sim.send_raw(b"\x55\xaa" + bytes.fromhex("02 10 35 00 00 00 00 03 4A"))
    assert bus.status(2).open_locks == []
    # Noise plus the frame (counted as unsolicited or wrong board; the kernel may even hand
    # it over in two pieces, then as truncated plus noise).
    assert sum(bus.drops.values()) >= 2


def test_wrong_sum_first_then_good(sim: SimulatedBus, bus: Bus) -> None:
    sim.inject(Fault.CORRUPT_SUM)
    assert bus.status(1).board == 1
    assert bus.drops == {DropReason.BAD_SUM: 1}
    assert len(sim.requests(CMD_STATUS)) == 2


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault.WRONG_BOARD, DropReason.WRONG_BOARD),
        (Fault.WRONG_COMMAND, DropReason.UNEXPECTED_COMMAND),
        (Fault.TRUNCATE, DropReason.TRUNCATED),
    ],
)
def test_bad_reply_is_dropped_and_retried(
    sim: SimulatedBus, bus: Bus, fault: Fault, reason: DropReason
) -> None:
    sim.inject(fault)
    assert bus.status(1).open_locks == []
    assert bus.drops.get(reason) == 1
    assert len(sim.requests(CMD_STATUS)) == 2


def test_no_reply_at_all_after_all_retries(sim: SimulatedBus, bus: Bus) -> None:
    bus.status(2)
    sim.mute(2)
    with pytest.raises(BoardNotAnswering) as info:
        bus.status(2)
    assert info.value.board == 2
    assert len(sim.requests(CMD_STATUS, board=2)) == 1 + 3  # one good read, then 1 + 2 retries
    assert bus.is_online(2) is False
    assert BoardEvent("offline", 2) in bus.take_events()
    sim.mute(2, False)
    bus.status(2)
    assert bus.take_events() == [BoardEvent("online", 2)]


def test_late_reply_is_not_taken_for_another_board(make_sim: MakeSim, make_bus: MakeBus) -> None:
    sim = make_sim(2, late_s=0.1)
    bus = make_bus(sim.path)
    sim.open_door(1, 1)
    sim.inject(Fault.LATE)
    assert bus.status(1).open_locks == [1]
    # Board 1's late and repeated replies are still arriving or queued: never board 2's.
    assert bus.status(2).open_locks == []
    assert bus.status(2).board == 2


# ---------------------------------------------------------------- the unlock rule


@pytest.mark.parametrize("fault", [Fault.DROP, Fault.CORRUPT_SUM, Fault.TRUNCATE])
def test_unlock_reply_lost_or_garbled_sends_exactly_one_unlock(
    sim: SimulatedBus, bus: Bus, fault: Fault
) -> None:
    sim.inject(fault)
    assert bus.open(1, 3).open_locks == [3]
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert len(sim.requests(CMD_STATUS, board=1)) >= 1
    assert DoorEvent("opened", 1, 3) in bus.take_events()


def test_late_unlock_reply_is_not_a_reason_to_resend(make_sim: MakeSim, make_bus: MakeBus) -> None:
    # The board answers the unlock only after the confirmation window: meanwhile no status
    # read gets an answer either, so the driver has no evidence the door is shut.
    sim = make_sim(1, late_s=0.3)
    bus = make_bus(sim.path)
    sim.inject(Fault.LATE)
    assert bus.open(1, 2).open_locks == [2]
    assert len(sim.requests(CMD_UNLOCK)) == 1


def test_reply_still_on_its_way_is_never_taken_for_the_unlocks(
    make_sim: MakeSim, make_bus: MakeBus
) -> None:
    """A late reply shifts the replies by one; the next unlock must not take the old one.

    The first unlock's reply comes after the timeout and answers the status read that
    followed; that read's own reply (door open) is still on its way when the door is shut,
    the lock jams and a second unlock goes out. Taken for the second unlock's answer, it
    would report a door "opened" that never opens.
    """
    sim = make_sim(1, reply_delay_s=0.02, late_s=0.08)  # a slow board: 20 ms per reply
    bus = make_bus(sim.path)
    sim.inject(Fault.LATE)
    assert bus.open(1, 3).open_locks == [3]  # answered by the late unlock reply
    sim.jam(1, 3)
    sim.close_door(1, 3)
    with pytest.raises(DoorDidNotOpen):
        bus.open(1, 3)
    assert DropReason.UNSOLICITED in bus.drops


def test_adapter_echo_of_our_own_frames_is_skipped(make_sim: MakeSim, make_bus: MakeBus) -> None:
    sim = make_sim(2, echo=True)
    bus = make_bus(sim.path)
    assert bus.status(2).open_locks == []
    bus.open(1, 1)
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert bus.scan() == [1, 2]


def test_unlock_reply_never_comes_by_setting(make_sim: MakeSim, make_bus: MakeBus) -> None:
    sim = make_sim(1, unlock_reply="none")
    bus = make_bus(sim.path, unlock_reply="none")
    assert bus.open(1, 16).open_locks == [16]
    assert [r.frame for r in sim.requests(CMD_UNLOCK)] == [bytes.fromhex("02 1F 31 03 55")]


def test_jammed_door_fails_after_timeout_with_one_resend(sim: SimulatedBus, bus: Bus) -> None:
    sim.jam(1, 2)
    with pytest.raises(DoorDidNotOpen) as info:
        bus.open(1, 2)
    assert (info.value.board, info.value.lock) == (1, 2)
    assert len(sim.requests(CMD_UNLOCK, board=1, lock=2)) == 2
    assert not any(isinstance(e, DoorEvent) for e in bus.take_events())


# The resend is decided from the door's history since the unlock, in every order of events.


class Hand:
    """A person at the locker, acting when the simulator receives the nth request of a kind.

    Runs on the simulator's serving thread before the request is answered, so the door is
    moved at an exact point of the driver's exchange: no timing, no sleeps.
    """

    def __init__(self, sim: SimulatedBus, board: int, lock: int) -> None:
        self.sim, self.board, self.lock = sim, board, lock
        self.plan: dict[int, str] = {}
        self.status_reads = 0
        sim.before_answer = self

    def on_status_read(self, number: int, action: str) -> Hand:
        """At the ``number``th status read of the board (from 1): "open" or "shut" the door."""
        self.plan[number] = action
        return self

    def __call__(self, frame: ReceivedFrame) -> None:
        if frame.command != CMD_STATUS or frame.board != self.board:
            return
        self.status_reads += 1
        action = self.plan.get(self.status_reads)
        if action == "open":
            self.sim.jam(self.board, self.lock, False)
            self.sim.open_door(self.board, self.lock)
        elif action == "shut":
            self.sim.close_door(self.board, self.lock)


@pytest.mark.parametrize("fault", [Fault.DROP, Fault.CORRUPT_SUM, Fault.TRUNCATE])
def test_door_shut_in_a_gap_of_the_history_is_not_unlocked_again(
    make_sim: MakeSim, make_bus: MakeBus, fault: Fault
) -> None:
    """Faulty unlock reply, a status read unanswered, then closed: no resend.

    The quick hand shuts the door while the first status read goes unanswered; every read
    after it says closed. One closed reading after a gap is no proof the door never opened.
    """
    sim = make_sim(1, late_s=0.1)
    bus = make_bus(sim.path)
    sim.inject(fault)  # the unlock's reply
    sim.inject(Fault.DROP)  # the first status read
    Hand(sim, 1, 3).on_status_read(1, "shut")
    with pytest.raises(DoorDidNotOpen):
        bus.open(1, 3)
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert [(o.board, o.lock) for o in sim.openings] == [(1, 3)]


def test_door_shut_in_a_gap_with_unlock_reply_none(make_sim: MakeSim, make_bus: MakeBus) -> None:
    sim = make_sim(1, unlock_reply="none")
    bus = make_bus(sim.path, unlock_reply="none")
    sim.inject(Fault.CORRUPT_SUM)  # the first status read
    Hand(sim, 1, 9).on_status_read(1, "shut")
    with pytest.raises(DoorDidNotOpen):
        bus.open(1, 9)
    assert len(sim.requests(CMD_UNLOCK)) == 1


def test_faulty_reply_then_door_reads_open(sim: SimulatedBus, bus: Bus) -> None:
    sim.inject(Fault.CORRUPT_SUM)
    sim.inject(Fault.DROP)  # even after a gap, an open reading is the answer
    assert bus.open(1, 4).open_locks == [4]
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert DoorEvent("opened", 1, 4) in bus.take_events()


def test_slow_hook_read_closed_then_open_then_shut_opens_once(sim: SimulatedBus, bus: Bus) -> None:
    """Closed, open (seen), shut again: opened once, then closed; never unlocked again."""
    bus.status(1)
    bus.take_events()
    sim.jam(1, 5)  # the hook pops late: the unlock itself does nothing yet
    sim.inject(Fault.DROP)  # the unlock's reply
    Hand(sim, 1, 5).on_status_read(3, "open").on_status_read(4, "shut")
    assert bus.open(1, 5).open_locks == [5]
    bus.status(1)
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert bus.take_events() == [DoorEvent("opened", 1, 5), DoorEvent("closed", 1, 5)]


def test_gap_then_the_door_opens_late_is_still_opened(sim: SimulatedBus, make_bus: MakeBus) -> None:
    bus = make_bus(sim.path, door_open_timeout_s=5.0)
    sim.jam(1, 6)
    sim.inject(Fault.DROP, 2)  # the unlock's reply and the first status read
    # Past the confirmation window (FAST: 150 ms; reads about every 20 ms), the hook pops.
    Hand(sim, 1, 6).on_status_read(12, "open")  # at least 10 confirm_poll_ms pauses later
    assert bus.open(1, 6).open_locks == [6]
    assert len(sim.requests(CMD_UNLOCK)) == 1


def test_closed_by_every_read_through_the_window_earns_the_one_resend(
    sim: SimulatedBus, bus: Bus
) -> None:
    """The unlock frame lost on the line (the board never acted): the resend opens it."""
    sim.jam(1, 7)  # the first unlock does nothing, as if it never arrived
    sim.inject(Fault.DROP)  # and nothing comes back
    unjam = threading.Event()

    def hand(frame: ReceivedFrame) -> None:
        if frame.command == CMD_UNLOCK and not unjam.is_set():
            unjam.set()  # from the second unlock on, the lock works
        elif frame.command == CMD_UNLOCK:
            sim.jam(1, 7, False)

    sim.before_answer = hand
    assert bus.open(1, 7).open_locks == [7]
    assert len(sim.requests(CMD_UNLOCK)) == 2
    assert [(o.board, o.lock) for o in sim.openings] == [(1, 7)]


def test_no_reading_at_all_sends_one_unlock(sim: SimulatedBus, bus: Bus) -> None:
    sim.inject(Fault.DROP, 1000)  # the board acts on the unlock but nothing comes back
    with pytest.raises(BoardNotAnswering):
        bus.open(1, 2)
    assert len(sim.requests(CMD_UNLOCK)) == 1
    assert [(o.board, o.lock) for o in sim.openings] == [(1, 2)]


def test_open_on_a_silent_board_says_board_not_answering(sim: SimulatedBus, bus: Bus) -> None:
    sim.mute(2)
    with pytest.raises(BoardNotAnswering):
        bus.open(2, 1)
    assert len(sim.requests(CMD_UNLOCK)) == 1


def test_door_opened_without_unlock_is_forced(sim: SimulatedBus, bus: Bus) -> None:
    poller = Poller(bus, [1, 2])
    poller.poll_due()
    sim.open_door(2, 11)
    poller.hurry(2)
    assert DoorEvent("forced", 2, 11) in poller.poll_due()


def test_reopening_after_an_open_without_unlock_is_forced(sim: SimulatedBus, bus: Bus) -> None:
    sim.open_door(1, 8)
    bus.status(1)
    bus.open(1, 8)  # already open: nothing to report, and nothing left pending
    sim.close_door(1, 8)
    bus.status(1)
    sim.open_door(1, 8)
    bus.status(1)
    assert [e for e in bus.take_events() if isinstance(e, DoorEvent)] == [
        DoorEvent("closed", 1, 8),
        DoorEvent("forced", 1, 8),
    ]


def test_poller_reads_open_doors_often(
    sim: SimulatedBus, bus: Bus, run_poller: Callable[[Poller], EventLog]
) -> None:
    poller = Poller(bus, [1, 2])
    log = run_poller(poller)
    assert log.wait_for(BoardEvent("online", 2))
    bus.open(1, 6)
    sim.close_door(1, 6)
    assert log.wait_for(DoorEvent("closed", 1, 6))
    assert DoorEvent("opened", 1, 6) in log.events


# ---------------------------------------------------------------- the port


def test_missing_port_is_a_clear_error(tmp_path: Path, make_bus: MakeBus) -> None:
    bus = make_bus(str(tmp_path / "ttyUSB9"))
    with pytest.raises(PortMissing, match="does not exist"):
        bus.open_port()


@pytest.mark.skipif(os.geteuid() == 0, reason="root opens any file")
def test_permission_denied_is_a_clear_error(tmp_path: Path, make_bus: MakeBus) -> None:
    dev = tmp_path / "ttyS9"
    dev.touch(mode=0o000)
    with pytest.raises(PortPermissionDenied):
        make_bus(str(dev)).open_port()


def test_open_errors_are_classified_by_errno(tmp_path: Path) -> None:
    there = str(tmp_path)
    denied = OSError(errno.EACCES, "Permission denied")
    assert isinstance(_classify_open_error(there, denied), PortPermissionDenied)
    gone = OSError(errno.ENOENT, "No such file")
    assert isinstance(_classify_open_error(there, gone), PortMissing)
    busy = _classify_open_error(there, OSError(errno.EBUSY, "busy"))
    assert isinstance(busy, PortBusy)
    other = _classify_open_error("/dev/null", OSError(errno.EIO, "I/O error"))
    assert type(other) is PortUnavailable


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _port_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "kiosk.hardware.driver" and r.levelno >= logging.ERROR
    ]


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("missing", "does not exist"),
        ("dangling link", "does not exist"),
        ("regular file", "is not a character device (it is a regular file)"),
        ("directory", "is not a character device (it is a directory)"),
        ("not a tty", "is not a tty (a character device, but no serial port)"),
    ],
)
def test_unusable_port_is_named_once_in_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: str, says: str
) -> None:
    """The kiosk opens its port only from the poller's checks: say once, by name, why not."""
    port = tmp_path / "lockerboard"
    if kind == "dangling link":
        port.symlink_to(tmp_path / "ttyUSB0")
    elif kind == "regular file":
        port.write_text("")
    elif kind == "directory":
        port.mkdir()
    elif kind == "not a tty":
        port.symlink_to("/dev/null")
    clock = FakeClock()
    bus = Bus(fast_settings(str(port)), clock=clock)
    poller = Poller(bus, [1], clock=clock)
    caplog.set_level(logging.INFO, "kiosk.hardware.driver")
    for _ in range(3):  # three reopen attempts, one interval apart
        poller.poll_due()
        clock.now += 1.0
    assert _port_errors(caplog) == [f"serial port {port} {says}"]
    assert not bus.port_is_open


def test_port_problem_logged_again_only_when_it_changes(
    tmp_path: Path, make_sim: MakeSim, caplog: pytest.LogCaptureFixture
) -> None:
    port = tmp_path / "lockerboard"
    clock = FakeClock()
    bus = Bus(fast_settings(str(port)), clock=clock)
    caplog.set_level(logging.INFO, "kiosk.hardware.driver")
    assert not bus.check_port()
    port.write_text("")
    clock.now += 1.0
    assert not bus.check_port()
    port.unlink()
    sim = make_sim(1)
    port.symlink_to(sim.device)
    clock.now += 1.0
    assert bus.check_port()
    bus.close()
    assert _port_errors(caplog) == [
        f"serial port {port} does not exist",
        f"serial port {port} is not a character device (it is a regular file)",
    ]
    assert f"serial port {port} open at 19200 baud" in caplog.messages


def test_second_opener_is_refused_naming_the_holder(
    sim: SimulatedBus, make_bus: MakeBus, caplog: pytest.LogCaptureFixture
) -> None:
    """Two programs on one bus take each other's replies: the second one is turned away."""
    first = make_bus(sim.path)
    first.status(1)
    second = make_bus(sim.path)
    caplog.set_level(logging.INFO, "kiosk.hardware.driver")
    with pytest.raises(PortBusy) as info:
        second.status(1)
    assert f"(pid {os.getpid()})" in str(info.value)
    assert str(info.value).startswith(f"serial port {sim.path} is in use by ")
    assert _port_errors(caplog) == [str(info.value)]
    assert len(sim.requests(CMD_STATUS)) == 1  # not one frame from the second opener
    assert first.status(1).board == 1
    first.close()
    second._next_reopen = 0.0  # its reopen interval, without waiting for it
    assert second.status(1).board == 1


def test_port_holder_is_found_in_proc_locks(sim: SimulatedBus, make_bus: MakeBus) -> None:
    assert port_holder(sim.path) is None  # the simulator keeps its end open, unlocked
    make_bus(sim.path).open_port()
    assert port_holder(sim.path) == f"{_process_name(os.getpid())} (pid {os.getpid()})"


def test_port_closed_mid_request_then_back(
    make_sim: MakeSim, make_bus: MakeBus, run_poller: Callable[[Poller], EventLog]
) -> None:
    sim = make_sim(2, link=True)
    bus = make_bus(sim.path, timeout_ms=5000)
    bus.status(1)
    bus.status(2)
    bus.take_events()
    sim.mute(1)
    failure: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        try:
            bus.status(1)
        except BaseException as exc:
            failure.append(exc)
        done.set()

    sent = len(sim.received)
    threading.Thread(target=read, daemon=True).start()
    assert sim.wait_for_requests(sent + 1)
    sim.vanish()
    assert done.wait(2)  # long before the 5 s reply timeout
    assert isinstance(failure[0], PortUnavailable)
    assert not bus.port_is_open
    assert bus.take_events() == [BoardEvent("offline", 1), BoardEvent("offline", 2)]

    sim.mute(1, False)
    sim.reappear()
    log = run_poller(Poller(bus, [1, 2]))
    assert log.wait_for(BoardEvent("online", 1))
    assert log.wait_for(BoardEvent("online", 2))
    assert bus.port_is_open


def test_vanished_port_noticed_by_idle_poller_within_two_seconds(
    make_sim: MakeSim, make_bus: MakeBus, run_poller: Callable[[Poller], EventLog]
) -> None:
    sim = make_sim(1, link=True)
    # Idle boards are read only every 30 s: only the port check can notice the loss.
    bus = make_bus(sim.path, poll_idle_s=30.0, port_check_interval_s=1.0, reopen_interval_s=1.0)
    log = run_poller(Poller(bus, [1]))
    assert log.wait_for(BoardEvent("online", 1))
    sim.vanish()
    assert log.wait_for(BoardEvent("offline", 1), timeout=2.0)
    sim.reappear()
    assert log.wait_for(BoardEvent("online", 1), timeout=3.0)
    sim.open_door(1, 1)
    bus.status(1)
    assert DoorEvent("forced", 1, 1) in bus.take_events()


def test_calls_while_the_port_is_down_fail_fast(make_sim: MakeSim, make_bus: MakeBus) -> None:
    sim = make_sim(1, link=True)
    bus = make_bus(sim.path, reopen_interval_s=60.0)
    bus.status(1)
    sim.vanish()
    with pytest.raises(PortUnavailable, match="lost"):
        bus.status(1)
    with pytest.raises(PortMissing):  # the one immediate reopen attempt
        bus.status(1)
    # That attempt failed: the next waits for the interval instead of hammering the device.
    with pytest.raises(PortUnavailable, match="waiting to reopen"):
        bus.status(1)
