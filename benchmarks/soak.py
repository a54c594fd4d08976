"""Soak: 10,000 pickups through the real state machines at full speed; does anything leak?

Builds the real kiosk (offscreen, every screen, the top-level machine and the pickup flow
with its door cycle and code entry) on a gateway and doors that answer at once, on the
next turn of the event loop, so nothing but the kiosk's own code runs. Each pickup is a
whole journey: tap "Pick up", type the code, the door opens, the door closes, the close is
committed, "Done", back to idle.

It prints, after a warm-up and at the end:
* resident memory (RSS) and its growth (goal ≤ 10 MiB over the whole run);
* live QObjects under the kiosk, running QTimers, Python threads (goal: no growth);
* pickups per second over the first and the last thousand (the ratio is the baseline
  measured in the same run: a leak shows as a slowdown too).

Run: ``uv run python benchmarks/soak.py [--pickups 10000]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.app.kiosk import Kiosk
from kiosk.backend.api import PickupRent, PickupResult
from kiosk.backend.door_journal import Expectation
from kiosk.config import Config
from kiosk.flows.screendata import Intent, MessageData
from tests.helpers.fakes import FakeDoors, FakeGateway


class InstantGateway(FakeGateway):
    """Answers every verify with one parcel in A07 and commits every event at once."""

    def __init__(self) -> None:
        super().__init__()
        self.committed = 0

    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        rent = PickupRent(rent_id=f"r-{code}", compartment_id="A07")
        QTimer.singleShot(0, lambda: on_done(PickupResult(rents=[rent])))

    def record_event(
        self,
        event_type: str,
        compartment_id: str | None,
        rent_id: str | None,
        *,
        actor: str,
        detail: Mapping[str, object] | None = None,
        on_done: Callable[[], None] | None = None,
        event_id: str | None = None,
    ) -> None:
        self.committed += 1
        if on_done is not None:
            QTimer.singleShot(0, on_done)


class InstantDoors(FakeDoors):
    """A door that opens on the next turn after its unlock, and closes on the turn after."""

    def open(self, compartment_id: str, expect: Expectation | None = None) -> None:
        QTimer.singleShot(0, lambda: self.door_opened.emit(compartment_id))
        QTimer.singleShot(1, lambda: self.door_closed.emit(compartment_id))


def rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def census(kiosk: Kiosk) -> tuple[int, int, int]:
    """(QObjects under the kiosk, running QTimers anywhere under it, Python threads)."""
    objects = kiosk.findChildren(QObject) + kiosk.window.findChildren(QObject)
    timers = [t for t in objects if isinstance(t, QTimer) and t.isActive()]
    return len(objects), len(timers), threading.active_count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pickups", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=1_000)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    state = Path(tempfile.mkdtemp(prefix="soak-"))
    base = Config()
    import msgspec

    config = msgspec.structs.replace(
        base, kiosk=msgspec.structs.replace(base.kiosk, state_dir=str(state))
    )
    gateway, doors = InstantGateway(), InstantDoors()
    kiosk = Kiosk(config, doors=doors, gateway=gateway)
    kiosk.window.show()
    kiosk.start()
    done = {"n": 0}

    def on_screen(name: str, data: object) -> None:
        # "Thank you!": the person taps Done (on the next turn, as a finger would).
        if isinstance(data, MessageData) and data.tone == "success":
            QTimer.singleShot(0, lambda: kiosk.machine.dispatch(Intent.CHOICE, "cancel"))

    def on_idle() -> None:
        done["n"] += 1
        if done["n"] <= args.pickups:
            QTimer.singleShot(0, start_one)
        else:
            app.quit()

    def start_one() -> None:
        kiosk.machine.start_flow("pickup")
        code = f"{done['n'] % 1_000_000:06d}"
        QTimer.singleShot(0, lambda: kiosk.machine.dispatch(Intent.CODE_ENTERED, code))

    kiosk.machine.screen_requested.connect(on_screen)
    kiosk.machine.idle_entered.connect(on_idle)

    marks: dict[int, tuple[float, float, tuple[int, int, int]]] = {}
    checkpoints = sorted({args.warmup, args.pickups - args.warmup, args.pickups, 0})

    def checkpoint() -> None:
        n = done["n"] - 1
        if n in checkpoints and n not in marks:
            gc.collect()
            marks[n] = (time.perf_counter(), rss_mib(), census(kiosk))

    kiosk.machine.idle_entered.connect(checkpoint)
    app.exec()
    kiosk.shutdown()

    first, warm = marks[0], marks[args.warmup]
    late, last = marks[args.pickups - args.warmup], marks[args.pickups]
    rate_first = args.warmup / (warm[0] - first[0])
    rate_last = args.warmup / (last[0] - late[0])
    print(f"pickups: {args.pickups} (events committed: {gateway.committed})")
    print(
        f"RSS after {args.warmup}: {warm[1]:.1f} MiB, at the end: {last[1]:.1f} MiB, "
        f"growth {last[1] - warm[1]:+.1f} MiB (goal <= 10)"
    )
    print(
        f"QObjects {warm[2][0]} -> {last[2][0]} ({last[2][0] - warm[2][0]:+d}), "
        f"running timers {warm[2][1]} -> {last[2][1]} ({last[2][1] - warm[2][1]:+d}), "
        f"threads {warm[2][2]} -> {last[2][2]} ({last[2][2] - warm[2][2]:+d}) (goal: +0 each)"
    )
    print(
        f"pickups/s: first {args.warmup} {rate_first:.0f}, last {args.warmup} {rate_last:.0f}, "
        f"ratio last/first {rate_last / rate_first:.2f}"
    )


if __name__ == "__main__":
    main()
