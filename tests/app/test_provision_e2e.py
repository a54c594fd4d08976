"""A standalone locker from nothing: provisioned with the command line, then serving a
courier's delivery and the recipient's pickup on real parts.

Nothing is seeded from Python: the locker, its courier and the parcel come from
``locker-kiosk-server locker add / courier add / parcel announce`` (or the kiosk's own
``provision``) on an empty database file; the kiosk runs on that file with the embedded
backend, its board driver talking over a pseudo-terminal to the simulator and a serial
scanner on another pty. The events it records are read back with ``events``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pty
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.app.cli import main as kiosk_main
from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.server import main as server_main
from kiosk.config import Config, load_config
from kiosk.flows.courier import CourierFlow
from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.hardware.simulator import SimulatedBus
from kiosk.services.scanner import SerialScanner

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).parents[2] / "packaging" / "layout.example.toml"
FAST = ("--kdf-iterations", "1000")
LOCKER = "S1"
BADGE = "S1-BADGE-7"
BARCODE = "JJD000000000042"


def write_config(tmp_path: Path, db: Path | None = None) -> Path:
    """A standalone kiosk's config: embedded backend for S1, simulated boards 1 and 2."""
    path = tmp_path / "config.toml"
    db_line = f'db_path = "{db}"\n' if db else ""
    path.write_text(
        f'[kiosk]\nstate_dir = "{tmp_path / "state"}"\n'
        '[board]\nkind = "simulator"\nboards = [1, 2]\ndoor_open_timeout_s = 3\n'
        f'[backend]\nkind = "embedded"\nlocker_id = "{LOCKER}"\n{db_line}'
    )
    return path


def provision_argv(config: Path) -> list[str]:
    """``locker-kiosk --config CONFIG provision --layout EXAMPLE``."""
    return ["--config", str(config), "provision", "--layout", str(EXAMPLE), *FAST]


def server(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    """``locker-kiosk-server ARGV``, which must succeed; its output lines."""
    code = server_main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out.splitlines()


def courier_and_parcel(capsys: pytest.CaptureFixture[str], db: Path) -> str:
    """A courier with a badge and one M parcel for S1, from the command line; the code."""
    server(
        capsys, "courier", "add", "--db", str(db), "--name", "Ann Lee", "--company", "Fast Co",
        "--pin", "2468", "--badge", BADGE, *FAST, "C7",
    )  # fmt: skip
    out = server(
        capsys, "parcel", "announce", "--db", str(db), "--barcode", BARCODE, "--size", "M",
        "--json", LOCKER,
    )  # fmt: skip
    return str(json.loads(out[0])["code"])


@dataclass
class Rig:
    kiosk: Kiosk
    services: KioskServices
    courier: CourierFlow
    sim: SimulatedBus
    scanner_fd: int

    def scan(self, code: str) -> None:
        os.write(self.scanner_fd, code.encode() + b"\r\n")

    def where(self, compartment: str) -> tuple[int, int]:
        assert self.services.prepared is not None
        c = next(c for c in self.services.prepared.locker.compartments if c.id == compartment)
        return c.board, c.lock


@contextmanager
def standalone_kiosk(qtbot: QtBot, config: Config, *, wait_ready: bool = True) -> Iterator[Rig]:
    """The real kiosk on ``config`` (embedded backend), with a serial scanner on a pty."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services, serial_scanner=SerialScanner(os.ttyname(slave)))
    kiosk.window.show()
    try:
        if wait_ready:
            with qtbot.waitSignal(services.ready, timeout=10000):
                kiosk.start()
            qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        else:
            kiosk.start()
        assert kiosk.courier is not None
        assert services.simulator is not None
        yield Rig(kiosk, services, kiosk.courier, services.simulator, master)
    finally:
        kiosk.shutdown()
        os.close(master)
        os.close(slave)


def deliver_then_pick_up(qtbot: QtBot, rig: Rig, code: str) -> str:
    """The courier brings the parcel (badge, scan, close); the recipient takes it out
    with ``code`` on the keypad. Returns the compartment."""
    flow = rig.courier
    # The session ends by itself once the courier stops touching the screen.
    flow.apply_settings(dataclasses.replace(flow.settings, inactivity_ms=500))
    rig.scan(BADGE)
    qtbot.waitUntil(lambda: flow.active(flow.home), timeout=15000)
    assert rig.kiosk.courier_home_screen.headline.text() == "Hello, Ann Lee"
    rig.kiosk.courier_home_screen.deliver_button.click()
    qtbot.waitUntil(lambda: flow.active(flow.ready))
    rig.scan(BARCODE)
    qtbot.waitUntil(lambda: flow.active(flow.door_open), timeout=15000)
    job = flow.cycle.job
    assert job is not None
    compartment = job.compartment_id
    board, lock = rig.where(compartment)
    assert len(rig.sim.requests(CMD_UNLOCK, board, lock)) == 1
    rig.sim.close_door(board, lock)
    qtbot.waitUntil(lambda: flow.delivered_count == 1, timeout=15000)
    qtbot.waitUntil(lambda: rig.kiosk.machine.state_name() == "idle", timeout=15000)
    # The recipient, with the code the operator's command printed.
    pickup = rig.kiosk.pickup
    assert pickup is not None
    rig.kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: rig.kiosk.host.current_name() == "code_entry")
    for digit in code:
        rig.kiosk.code_entry_screen.keypad.buttons[digit].click()
    rig.kiosk.code_entry_screen.ok_button.click()
    qtbot.waitUntil(lambda: len(rig.sim.requests(CMD_UNLOCK, board, lock)) == 2, timeout=10000)
    qtbot.waitUntil(pickup.door_open.active, timeout=5000)
    assert rig.kiosk.door_screen.compartment.text() == compartment
    rig.sim.close_door(board, lock)
    qtbot.waitUntil(pickup.closed.active, timeout=5000)
    assert rig.kiosk.message_screen.headline.text() == "Thank you!"
    return compartment


def recorded(capsys: pytest.CaptureFixture[str], db: Path) -> list[tuple[str, str]]:
    """(type, compartment) of the locker's accepted events, read with ``events --json``."""
    lines = server(capsys, "events", "--db", str(db), "--since", "1h", "--json", LOCKER)
    docs = [json.loads(line) for line in lines]
    return [(d["type"], d["compartment_id"]) for d in docs if d["status"] == "accepted"]


def test_a_locker_added_with_the_server_cli_serves_a_delivery_and_a_pickup(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "standalone.sqlite"
    assert not db.exists()
    out = server(capsys, "locker", "add", "--db", str(db), "--layout", str(EXAMPLE), *FAST, LOCKER)
    assert out[0].startswith(f"locker {LOCKER} created: 32 compartments")
    code = courier_and_parcel(capsys, db)
    config = load_config(write_config(tmp_path, db))
    with standalone_kiosk(qtbot, config) as rig:
        compartment = deliver_then_pick_up(qtbot, rig, code)
        qtbot.waitUntil(lambda: ("picked_up", compartment) in recorded(capsys, db), timeout=10000)
    events = recorded(capsys, db)
    assert events.count(("deposited", compartment)) == 1
    assert events.count(("picked_up", compartment)) == 1


def test_the_kiosk_provisions_itself_from_nothing_then_serves_a_pickup(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config_path = write_config(tmp_path)
    assert kiosk_main(provision_argv(config_path)) == 0
    db = tmp_path / "state" / "backend.sqlite"
    assert capsys.readouterr().out.startswith(f"locker {LOCKER} provisioned in {db}")
    code = courier_and_parcel(capsys, db)
    with standalone_kiosk(qtbot, load_config(config_path)) as rig:
        compartment = deliver_then_pick_up(qtbot, rig, code)
        qtbot.waitUntil(lambda: ("picked_up", compartment) in recorded(capsys, db), timeout=10000)


def test_a_running_kiosk_with_no_locker_comes_into_service_once_provisioned(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Today's start on an empty database: out of service, trying again; provisioning
    while it runs is picked up at the next try (shortened here from 15 s)."""
    config_path = write_config(tmp_path)
    config = load_config(config_path)
    with standalone_kiosk(qtbot, config, wait_ready=False) as rig:
        retry = rig.services.findChild(QTimer, "prepare-retry")
        assert retry is not None
        retry.setInterval(100)
        qtbot.waitUntil(lambda: rig.kiosk.machine.state_name() == "out_of_service")
        assert rig.services.prepared is None
        with qtbot.waitSignal(rig.services.ready, timeout=10000):
            assert kiosk_main(provision_argv(config_path)) == 0
        qtbot.waitUntil(lambda: rig.kiosk.machine.state_name() == "idle", timeout=5000)
        assert rig.services.prepared is not None
        assert len(rig.services.prepared.locker.compartments) == 32
