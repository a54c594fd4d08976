"""Courier speed on real parts: a 30-parcel delivery run, the courier acting instantly.

Builds the real kiosk (offscreen) on the embedded SQLite backend and the in-process board
simulator on a pseudo-terminal, logs a courier in by badge and delivers a van-load: each
parcel is scanned the moment the kiosk is ready, its door is closed in the simulator the
moment the kiosk has seen it open. Printed, per parcel, as p50 / p99:

* scan accepted → unlock frame on the wire: the kiosk's whole decision (look the parcel
  up, choose the compartment, reserve it with the backend on its worker, check the item
  sensor, command the board), stopped when the frame reaches the simulator's end of the pty;
* door closed → ready for the next scan: from the board service reporting the close on
  the GUI thread to the next-scan screen (``deposited`` committed to the outbox first);

and the whole run's time against the sum of the wire time (unlock frame → the open seen,
close → the close seen: the serial link and the board poll, which no kiosk code can beat).

Run: ``uv run python benchmarks/courier.py [--parcels 30] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.demo import demo_layout
from kiosk.backend.embedded import BackendCore
from kiosk.config import BackendConfig, BoardConfig, Config, KioskConfig
from kiosk.hardware.cu16 import CMD_UNLOCK

LOCKER = "bench"
BADGE = "BENCH-BADGE-1"


def pump_until(app: QApplication, condition: Callable[[], bool], timeout_s: float = 20) -> None:
    """Run the event loop until ``condition`` holds (as the real app would)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for the kiosk: {condition}")
        app.processEvents()
        time.sleep(0.0002)


def grew(count: Callable[[], int], start: int) -> Callable[[], bool]:
    """True once ``count()`` is past ``start``."""
    return lambda: count() > start


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def seed(db: Path, runs: int, parcels: int) -> list[list[str]]:
    """The demo layout's locker, a courier, and ``parcels`` parcels per run (largest first,
    as a van is loaded). Returns each run's barcodes."""
    core = BackendCore.open(db)
    core.create_locker(LOCKER, token="bench", name="Bench", compartments=demo_layout(),
                       kdf_iterations=1000)  # fmt: skip
    core.add_courier("bench", name="Bench Courier", company="Bench Co", pin="1234",
                     badge=BADGE, iterations=1000)  # fmt: skip
    sizes = (["XL"] * 4 + ["L"] * 8 + ["M"] * 8 + ["S"] * 12)[:parcels]
    plan = []
    for run in range(runs):
        barcodes = []
        for n, size in enumerate(sizes):
            barcode = f"R{run:02d}P{n:04d}"
            core.announce_parcel(LOCKER, parcel_id=f"p{run}_{n}", barcode=barcode, size=size,
                                 code=f"{run:02d}{n:04d}")  # fmt: skip
            barcodes.append(barcode)
        plan.append(barcodes)
    core.close()
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.parcels > 32:
        raise SystemExit("the demo layout has 32 compartments")
    app = QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="courier-bench-"))
    db = tmp / "backend.sqlite"
    plan = seed(db, args.runs, args.parcels)
    config = Config(
        kiosk=KioskConfig(state_dir=str(tmp / "state")),
        board=BoardConfig(kind="simulator", boards=[1, 2]),
        backend=BackendConfig(kind="embedded", locker_id=LOCKER, db_path=str(db)),
    )
    parts = open_parts(config)
    services = KioskServices(config, parts)
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    ready: list[Any] = []
    services.ready.connect(ready.append)
    kiosk.start()
    pump_until(app, lambda: bool(ready))
    sim, flow = services.simulator, kiosk.courier
    assert sim is not None
    assert flow is not None
    layout = {c.id: (c.board, c.lock) for c in ready[0].locker.compartments}
    # When the kiosk heard of each door (GUI thread) and when it was ready again.
    seen_open: dict[str, float] = {}
    seen_closed: dict[str, float] = {}
    ready_at: list[float] = []
    services.doors.door_opened.connect(lambda c: seen_open.__setitem__(c, time.monotonic()))
    services.doors.door_closed.connect(lambda c: seen_closed.__setitem__(c, time.monotonic()))
    flow.ready.entered.connect(lambda: ready_at.append(time.monotonic()))

    to_unlock: list[float] = []
    to_ready: list[float] = []
    totals: list[float] = []
    wires: list[float] = []
    for run, barcodes in enumerate(plan):
        pump_until(app, lambda: kiosk.machine.state_name() == "idle")
        # A badge scanned on the idle screen, as the kiosk routes it.
        flow.queue_code(BADGE)
        kiosk.machine.start_flow("courier")
        pump_until(app, flow.home.active)
        flow.handle("choice", "deliver")
        pump_until(app, flow.ready.active)
        wire = 0.0
        start = time.monotonic()
        for barcode in barcodes:
            before = len(sim.requests(CMD_UNLOCK))
            t_scan = time.monotonic()
            flow.handle("scanned", barcode)
            pump_until(app, grew(lambda: len(sim.requests(CMD_UNLOCK)), before))
            frame = sim.requests(CMD_UNLOCK)[-1]
            to_unlock.append((frame.at - t_scan) * 1000)
            job = flow.cycle.job
            assert job is not None
            compartment = job.compartment_id
            pump_until(app, flow.door_open.active)
            wire += seen_open[compartment] - frame.at
            n_ready = len(ready_at)
            t_close = time.monotonic()
            sim.close_door(*layout[compartment])
            pump_until(app, grew(lambda: len(ready_at), n_ready))
            wire += seen_closed[compartment] - t_close
            to_ready.append((ready_at[-1] - seen_closed[compartment]) * 1000)
        totals.append(time.monotonic() - start)
        wires.append(wire)
        if flow.delivered_count != len(barcodes):
            raise SystemExit(f"run {run}: {flow.delivered_count} of {len(barcodes)} delivered")
        flow.handle("choice", "home")
        pump_until(app, flow.home.active)
        flow.handle("choice", "logout")
        # The locker is emptied for the next run (the courier's parcels "picked up").
        for compartment in layout:
            flow.bank.set_occupied(compartment, False)
        pump_until(app, lambda: kiosk.machine.state_name() == "idle")
        empty_locker(db)
    kiosk.shutdown()
    app.processEvents()

    n = len(to_unlock)
    print(f"{args.runs} runs of {args.parcels} parcels ({n} deliveries), courier acting instantly")
    print(
        f"scan accepted -> unlock frame   p50 {statistics.median(to_unlock):6.1f} ms"
        f"  p99 {pct(to_unlock, 0.99):6.1f} ms  (goal p50 <= 30 ms)"
    )
    print(
        f"door closed -> ready for next   p50 {statistics.median(to_ready):6.1f} ms"
        f"  p99 {pct(to_ready, 0.99):6.1f} ms  (goal p50 <= 20 ms)"
    )
    total, wire = statistics.median(totals), statistics.median(wires)
    print(
        f"whole run (median)  {total:6.2f} s, of which wire and board poll {wire:6.2f} s "
        f"({wire / total:.0%}); the kiosk's own {total - wire:5.2f} s, "
        f"{(total - wire) / args.parcels * 1000:.0f} ms per parcel"
    )


def empty_locker(db: Path) -> None:
    """Mark every deposited rent picked up, so the next run finds the compartments free."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE rents SET status = 'picked_up' WHERE status = 'deposited'")


if __name__ == "__main__":
    main()
