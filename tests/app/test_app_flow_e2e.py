"""The App flow end to end: the idle screen's pairing QR (decoded off the screen's pixels
by zxing-cpp), then ``open_compartment`` from the real server, the door through the real
driver over a pseudo-terminal, ``picked_up`` with the actor ``app``, the command acked."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.app.cli import demo_config
from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, embedded_db_path, open_parts
from kiosk.backend.embedded import PAIRING_S, BackendCore
from kiosk.backend.server import serve_in_thread
from kiosk.hardware.cu16 import CMD_UNLOCK
from tests.backend.fixtures import LOCKER, Seeded, seed
from tests.helpers.kiosk import make_config, running_kiosk
from tests.helpers.remote import ack_of, events_with_actor, served_kiosk

pytestmark = pytest.mark.slow


def qr_texts(image: QImage) -> list[str]:
    """The text of every QR code zxing-cpp finds in ``image``."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = bytes(gray.constBits())  # kept in a name: ImageView holds no reference
    view = zxingcpp.ImageView(
        pixels, gray.width(), gray.height(), zxingcpp.ImageFormat.Lum, gray.bytesPerLine(), 1
    )
    return [r.text for r in zxingcpp.read_barcodes(view) if r.format.name == "QRCode"]


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, server_url: str) -> Iterator[Kiosk]:
    with served_kiosk(qtbot, tmp_path, server_url) as k:
        yield k


def test_app_flow_pickup_from_pairing_qr_to_picked_up(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, seeded: Seeded
) -> None:
    idle, remote, flow = kiosk.idle_screen, kiosk.remote, kiosk.app_open
    assert remote is not None
    assert flow is not None
    qtbot.waitUntil(idle.pairing_box.isVisible, timeout=8000)
    assert idle.pairing_label.text() == "Open with the app"
    # What a phone sees on the screen is the pairing the backend made for this locker.
    assert qr_texts(kiosk.window.grab().toImage()) == [remote.pairing_url]
    nonce = remote.pairing_url.rsplit("/", 1)[1]
    row = (
        core.store.read()
        .execute("SELECT locker_id FROM app_pairings WHERE nonce = ?", (nonce,))
        .fetchone()
    )
    assert row["locker_id"] == LOCKER
    # The operator's app scanned it; the backend sends the open.
    cid = core.enqueue_command(
        LOCKER,
        "open_compartment",
        {
            "compartment_id": "A1",
            "rent_id": seeded.rents["A1"],
            "reason": "app_pickup",
            "display_name": "Anna",
        },
    )
    assert kiosk.services is not None
    sim = kiosk.services.simulator
    assert sim is not None
    qtbot.waitUntil(lambda: len(sim.requests(CMD_UNLOCK, 1, 1)) == 1, timeout=8000)
    qtbot.waitUntil(flow.cycle.door_open.active, timeout=5000)
    assert kiosk.door_screen.headline.text() == "Door A1 is open for your app"
    assert kiosk.door_screen.body.text() == (
        "Anna, please take your parcel and close the door firmly."
    )
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "opened"), timeout=5000)
    sim.close_door(1, 1)
    qtbot.waitUntil(
        lambda: ("picked_up", "A1", "app") in events_with_actor(core, LOCKER), timeout=10000
    )
    assert ("door_opened", "A1", "app") in events_with_actor(core, LOCKER)
    rent = core.store.rent(core.store.read(), seeded.rents["A1"])
    assert rent is not None
    assert rent["status"] == "picked_up"
    kiosk.message_screen.buttons[0].click()  # "Done"
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=5000)
    assert ack_of(core, cid) == ("ok", "opened")  # once, not changed at the close


def test_app_flow_qr_renewed_before_expiry_and_hidden_when_pairing_fails(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # A backend whose pairings live 3 s: the kiosk renews before expiry, then the backend
    # goes away and the QR disappears instead of showing a code that no longer pairs.
    core = BackendCore.open(tmp_path / "short.db", clock=lambda: time.time() - PAIRING_S + 3)
    seed(core)
    url, stop = serve_in_thread(core)
    try:
        with served_kiosk(qtbot, tmp_path, url) as kiosk:
            idle, remote = kiosk.idle_screen, kiosk.remote
            assert remote is not None
            qtbot.waitUntil(lambda: bool(idle.pairing_url), timeout=8000)
            first = idle.pairing_url
            qtbot.waitUntil(lambda: idle.pairing_url not in ("", first), timeout=8000)
            assert idle.pairing_box.isVisible()
            stop()
            qtbot.waitUntil(lambda: not idle.pairing_box.isVisible(), timeout=15000)
            assert kiosk.idle_data().pairing_url == ""
            assert qr_texts(kiosk.window.grab().toImage()) == []
    finally:
        stop()
        core.close()


def test_app_flow_qr_hidden_without_a_backend(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(qtbot, make_config(tmp_path)) as kiosk:
        assert kiosk.remote is None
        assert kiosk.idle_data().pairing_url == ""
        assert not kiosk.idle_screen.pairing_box.isVisible()


def test_app_flow_operator_cli_command_reaches_the_kiosk(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, db_path: Path
) -> None:
    """``locker-kiosk-server command`` from another process, as an operator would."""
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.backend.server", "command", "--db", str(db_path),
         "--locker", LOCKER, "open", "A2", "--app", "--name", "Ben"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cid = result.stdout.strip()
    assert kiosk.app_open is not None
    qtbot.waitUntil(kiosk.app_open.cycle.door_open.active, timeout=10000)
    assert kiosk.door_screen.compartment.text() == "A2"
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "opened"), timeout=5000)


def test_app_flow_demo_polls_its_embedded_backend(qtbot: QtBot, tmp_path: Path) -> None:
    """``--demo`` has no server: a command queued in its database still reaches it."""
    config = demo_config(make_config(tmp_path), tmp_path)
    services = KioskServices(config, open_parts(config), poll_embedded_commands=True)
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=20000):
            kiosk.start()
        result = subprocess.run(
            [sys.executable, "-m", "kiosk.backend.server", "command", "--db",
             str(embedded_db_path(config)), "--locker", "demo", "open", "A01"],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert kiosk.app_open is not None
        qtbot.waitUntil(kiosk.app_open.cycle.door_open.active, timeout=10000)
        assert kiosk.door_screen.compartment.text() == "A01"
    finally:
        kiosk.shutdown()
