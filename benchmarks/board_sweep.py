"""How close to the wire does the driver run?

Against 16 simulated KR-CU16 boards on a pty, with the simulator holding every reply back
for the wire time of request + reply at the configured baud (what a real RS485 line at
19200 baud costs), it measures:

* a full status sweep (one 0x30 read per board) through ``Bus.status``, its ratio to the
  pure wire time (goal <= 1.3x), and as a baseline measured in the same run the same sweep
  written with bare pyserial calls (no decoder, no retries, no events);
* the time from ``Bus.open()`` being called to the unlock frame reaching the other end of
  the port (p50/p99).

Run: ``uv run python benchmarks/board_sweep.py [--baud 19200] [--sweeps 20] [--opens 200]``.
Plain lines; the last one carries the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import time

import serial

from kiosk.hardware.cu16 import CMD_UNLOCK, REPLY_LENGTH, REQUEST_LENGTH, Cu16Protocol
from kiosk.hardware.driver import Bus, BusSettings
from kiosk.hardware.simulator import SimulatedBus

BOARDS = range(16)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bare_sweep(port: str, baud: int) -> float:
    """The same sweep with plain pyserial: write, read 9 bytes, next board."""
    proto = Cu16Protocol()
    frames = [proto.status_request(b).frame for b in BOARDS]
    with serial.Serial(port, baud, timeout=1.0) as ser:
        start = time.perf_counter()
        for frame in frames:
            ser.write(frame)
            if len(ser.read(REPLY_LENGTH)) != REPLY_LENGTH:
                raise RuntimeError("bare sweep: short reply")
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baud", type=int, default=19200)
    parser.add_argument("--sweeps", type=int, default=20)
    parser.add_argument("--opens", type=int, default=200)
    args = parser.parse_args()

    wire = len(BOARDS) * (REQUEST_LENGTH + REPLY_LENGTH) * 10 / args.baud
    sim = SimulatedBus(BOARDS, baud=args.baud, wire_delay=True)
    sim.start()
    try:
        bus = Bus(BusSettings(port=sim.path, baud=args.baud))
        bus.open_port()
        for board in BOARDS:  # warm-up: first contact, page faults, imports
            bus.status(board)

        sweeps = []
        for _ in range(args.sweeps):
            start = time.perf_counter()
            for board in BOARDS:
                bus.status(board)
            sweeps.append(time.perf_counter() - start)
        bare = [bare_sweep(sim.path, args.baud) for _ in range(args.sweeps)]

        latencies = []
        for i in range(args.opens):
            board, lock = i % 16, i % 16 + 1
            sent_before = len(sim.requests(CMD_UNLOCK))
            start = time.monotonic()
            bus.open(board, lock)
            frame = sim.requests(CMD_UNLOCK)[sent_before]
            latencies.append(frame.at - start)
            sim.close_door(board, lock)
        bus.close()
    finally:
        sim.stop()

    sweep = statistics.median(sweeps)
    bare_median = statistics.median(bare)
    print(f"boards: {len(BOARDS)}, baud: {args.baud}, sweeps: {args.sweeps}, opens: {args.opens}")
    print(f"wire time of one sweep: {wire * 1000:.1f} ms")
    print(f"bare pyserial sweep (baseline): median {bare_median * 1000:.1f} ms")
    print(
        f"driver sweep: median {sweep * 1000:.1f} ms, max {max(sweeps) * 1000:.1f} ms, "
        f"{sweep / bare_median:.3f}x the bare baseline"
    )
    print(
        f"open() -> unlock frame at the port: p50 {percentile(latencies, 0.5) * 1e6:.0f} us, "
        f"p99 {percentile(latencies, 0.99) * 1e6:.0f} us"
    )
    print(f"sweep / wire time ratio: {sweep / wire:.3f}x (goal <= 1.3x)")


if __name__ == "__main__":
    main()
