"""The courier journey can be tried by hand: ``--seed-demo`` prints the demo courier and
its parcels, ``--demo`` shows them on the idle screen, and they work."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.cli import demo_config
from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.demo import DEMO_DELIVERIES, courier_lines, seed_demo
from kiosk.backend.embedded import BackendCore
from tests.backend.fixtures import ITERATIONS
from tests.helpers.kiosk import make_config

pytestmark = pytest.mark.slow


def test_courier_demo_seed_names_the_courier_and_its_parcels(tmp_path: Path) -> None:
    core = BackendCore.open(tmp_path / "d.db")
    try:
        codes = seed_demo(core, rng=random.Random(3), kdf_iterations=ITERATIONS)
    finally:
        core.close()
    assert courier_lines() == ["courier: courier1 pin: 1234", "badge: DEMO-BADGE-1"]
    deliver = [c.line() for c in codes if c.kind == "deliver"]
    assert deliver == [f"deliver: {code} (size {size})" for code, size in DEMO_DELIVERIES]


def test_courier_demo_server_prints_the_courier_exactly(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.backend.server", "--db", str(tmp_path / "d.db"),
         "--port", "0", "--seed-demo", "--kdf-iterations", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("serving on "):
                break
    finally:
        proc.kill()
        proc.wait(10)
    assert "courier: courier1 pin: 1234" in lines
    assert "badge: DEMO-BADGE-1" in lines
    deliver = [ln for ln in lines if ln.startswith("deliver: ")]
    assert len(deliver) == len(DEMO_DELIVERIES)
    assert all(re.fullmatch(r"deliver: JJD\d{12} \(size (S|M|L|XL)\)", ln) for ln in deliver)


def test_courier_demo_idle_shows_the_courier_and_a_delivery_works(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = demo_config(make_config(tmp_path), tmp_path)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=15000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "idle")
        shown = kiosk.idle_screen.demo_courier.text()
        assert "courier: courier1 pin: 1234" in shown
        barcode, _size = DEMO_DELIVERIES[0]
        assert barcode in shown
        flow, sim = kiosk.courier, services.simulator
        assert flow is not None
        assert sim is not None
        kiosk.idle_screen.courier_button.click()
        qtbot.waitUntil(lambda: flow.active(flow.entering_id))
        for text in ("COURIER1", "1234"):
            for char in text:
                kiosk.code_entry_screen.keypad.buttons[char].click()
            kiosk.code_entry_screen.ok_button.click()
            qtbot.waitUntil(lambda: not flow.active(flow.entering_id), timeout=10000)
        qtbot.waitUntil(lambda: flow.active(flow.home), timeout=15000)
        assert kiosk.courier_home_screen.deliver_count.text() == str(len(DEMO_DELIVERIES))
        kiosk.machine.dispatch("scanned", barcode)
        qtbot.waitUntil(lambda: flow.active(flow.door_open), timeout=15000)
        job = flow.cycle.job
        assert job is not None
        compartment = job.compartment_id
        board, lock = (1 if compartment[0] == "A" else 2), int(compartment[1:])
        sim.close_door(board, lock)
        qtbot.waitUntil(lambda: flow.delivered_count == 1, timeout=15000)
    finally:
        kiosk.shutdown()
