"""The simulator answers byte for byte per the spec, over a real pty, and fails on demand."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import serial

from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.hardware.simulator import Fault, SimulatedBus, main, run_command

MakeSim = Callable[..., SimulatedBus]
GOLDEN = Path(__file__).parent.parent / "data" / "serial" / "cu16_boards_0_1.txt"
# Longer than the simulator ever takes to answer: a read that times out means "no answer".
QUIET_S = 0.15


@pytest.fixture
def port(sim: SimulatedBus) -> Iterator[serial.Serial]:
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        yield ser


def ask(ser: serial.Serial, request: str, expect: int = 9) -> bytes:
    ser.write(bytes.fromhex(request))
    return bytes(ser.read(expect))


def test_golden_session_replays_byte_for_byte(make_sim: MakeSim) -> None:
    sim = make_sim([0, 1])
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        expected: bytes | None = None
        for number, raw in enumerate(GOLDEN.read_text().splitlines(), 1):
            kind, _, rest = raw.partition(" ")
            if kind == "!":
                action, board, lock = rest.split()
                if action == "item":
                    sim.set_item(int(board), int(lock), True)
                else:
                    sim.close_door(int(board), int(lock))
            elif kind == ">":
                ser.write(bytes.fromhex(rest))
            elif kind == "<":
                expected = bytes.fromhex(rest)
                got = ser.read(max(len(expected), 1))
                assert got == expected, f"line {number}: {got.hex(' ')} != {rest}"
    assert expected == b""


def test_status_reply_matches_the_spec_vector(make_sim: MakeSim) -> None:
    sim = make_sim([1], has_sensors=False)
    sim.open_door(1, 3)
    sim.set_item(1, 1, True)  # no sensors: reported as 0
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        assert ask(ser, "02 10 30 03 45") == bytes.fromhex("02 10 35 FB FF 00 00 03 44")


def test_inverted_polarity_and_broadcast_00(make_sim: MakeSim) -> None:
    sim = make_sim([0], hook_closed_bit=0, broadcast_addr=0x00)
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        assert ask(ser, "02 00 32 03 37") == bytes.fromhex("02 00 36 00 00 00 00 03 3B")
        assert ask(ser, "02 F0 32 03 27") == b""


def test_unlock_reply_none_opens_silently(make_sim: MakeSim) -> None:
    sim = make_sim([1], unlock_reply="none")
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        assert ask(ser, "02 12 31 03 48") == b""
    assert not sim.is_closed(1, 3)
    assert [r.lock for r in sim.requests(CMD_UNLOCK)] == [3]


def test_jammed_lock_stays_closed(sim: SimulatedBus, port: serial.Serial) -> None:
    sim.jam(1, 3)
    assert ask(port, "02 12 31 03 48") == bytes.fromhex("02 10 35 FF FF 00 00 03 48")
    sim.jam(1, 3, False)
    assert ask(port, "02 12 31 03 48") == bytes.fromhex("02 10 35 FB FF 00 00 03 44")


def test_request_split_across_writes_is_understood(sim: SimulatedBus, port: serial.Serial) -> None:
    port.write(b"\x00\x02\x10")
    assert sim.received == []  # half a request is not a request
    port.write(b"\x30\x03\x45")
    assert len(port.read(9)) == 9


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        (Fault.DROP, lambda r: r == b""),
        (Fault.CORRUPT_SUM, lambda r: len(r) == 9 and sum(r[:8]) & 0xFF != r[8]),
        (Fault.WRONG_BOARD, lambda r: r[1] == 0x20 and sum(r[:8]) & 0xFF == r[8]),
        (Fault.WRONG_COMMAND, lambda r: r[2] == 0x36 and sum(r[:8]) & 0xFF == r[8]),
        (Fault.TRUNCATE, lambda r: r == bytes.fromhex("02 10 35 FF")),
        (Fault.GARBAGE, lambda r: r.endswith(bytes.fromhex("02 10 35 FF FF 00 00 03 48"))),
    ],
)
def test_faults_apply_to_the_next_reply_only(
    sim: SimulatedBus, port: serial.Serial, fault: Fault, check: Callable[[bytes], bool]
) -> None:
    sim.inject(fault)
    assert check(ask(port, "02 10 30 03 45", expect=15))
    assert ask(port, "02 10 30 03 45") == bytes.fromhex("02 10 35 FF FF 00 00 03 48")


def test_late_reply_comes_after_the_delay(make_sim: MakeSim) -> None:
    sim = make_sim([1], late_s=0.3)
    sim.inject(Fault.LATE)
    with serial.Serial(sim.path, 19200, timeout=0.05) as ser:
        assert ask(ser, "02 10 30 03 45") == b""
        ser.timeout = 2
        assert len(ser.read(9)) == 9


def test_auto_close(make_sim: MakeSim) -> None:
    sim = make_sim([1], auto_close_s=0.05)
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        assert ask(ser, "02 12 31 03 48") == bytes.fromhex("02 10 35 FB FF 00 00 03 44")
        assert sim.wait_for_door(1, 3, closed=True, timeout=2)
        assert ask(ser, "02 10 30 03 45") == bytes.fromhex("02 10 35 FF FF 00 00 03 48")


def test_vanish_and_reappear_keep_the_link(make_sim: MakeSim) -> None:
    sim = make_sim(1, link=True)
    first = sim.device
    assert os.path.realpath(sim.path) == first
    sim.vanish()
    assert sim.vanished
    assert not os.path.lexists(sim.path)
    sim.reappear()
    assert os.path.realpath(sim.path) == sim.device
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        assert len(ask(ser, "02 10 30 03 45")) == 9


def test_driver_closing_its_end_does_not_stop_the_simulator(sim: SimulatedBus) -> None:
    for _ in range(3):
        with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
            assert len(ask(ser, "02 20 30 03 55")) == 9


def test_locks_snapshot_for_the_panel(sim: SimulatedBus) -> None:
    sim.jam(2, 16)
    sim.set_item(1, 1, True)
    locks = sim.locks()
    assert len(locks) == 32
    assert locks[0].item
    assert locks[-1].jammed
    with pytest.raises(ValueError, match="no simulated board"):
        sim.close_door(9, 1)


def test_cli_rejects_bad_lock_reference(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--jam", "nonsense"])
    assert "BOARD:LOCK" in capsys.readouterr().err


def test_console_commands_act_on_the_world(sim: SimulatedBus) -> None:
    assert run_command(sim, "open 1 3") == "ok"
    assert not sim.is_closed(1, 3)
    assert run_command(sim, "close 1 3") == "ok"
    assert sim.is_closed(1, 3)
    assert run_command(sim, "item 2 1") == "ok"
    assert run_command(sim, "jam 2 1") == "ok"
    assert "2:1 closed item jammed" in run_command(sim, "state").splitlines()
    assert run_command(sim, "fault corrupt_sum 2") == "ok"
    assert run_command(sim, "fault nonsense").startswith("error:")
    assert run_command(sim, "close 9 1").startswith("error:")
    assert run_command(sim, "dance").startswith("commands:")
    assert run_command(sim, "") == ""


def test_echo_sends_the_request_back_first(make_sim: MakeSim) -> None:
    sim = make_sim([1], echo=True)
    with serial.Serial(sim.path, 19200, timeout=QUIET_S) as ser:
        got = ask(ser, "02 10 30 03 45", expect=14)
    assert got == bytes.fromhex("02 10 30 03 45 02 10 35 FF FF 00 00 03 48")
