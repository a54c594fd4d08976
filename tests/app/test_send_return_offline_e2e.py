"""Send and return with the backend down, end to end on real parts: keypad taps on the real
app, the real board driver over a pseudo-terminal to the simulator, and a real
``locker-kiosk-server`` on loopback that is stopped and started again on the same port and
database.

A drop-off code in the synced offline set is accepted offline: the kiosk reserves a
compartment itself, opens it, and shows a receipt number it made; when the server is back,
the outbox sends the reservation (with that receipt) and ``deposited`` once each, and the
server keeps the receipt. A code not in the set is refused plainly: the locker is offline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore
from kiosk.backend.outbox import Outbox
from kiosk.flows.send import SendFlow
from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.hardware.simulator import SimulatedBus
from tests.backend.fixtures import ITERATIONS, layout
from tests.helpers.kiosk import rest_config, stored_events
from tests.helpers.offline import RestartableServer

pytestmark = pytest.mark.slow

LOCKER = "OFF2"
TOKEN = "off2-secret-token"
SEND = "S2345678"  # a small parcel to send, in the offline set
RETURN = "R8765432"  # a medium parcel going back to a shop, in the offline set
LATE = "S9876543"  # issued after the last sync: not in the offline set
#: compartment → (board, lock) in the test layout
LOCKS = {"A1": (1, 1), "A2": (1, 2), "A3": (1, 3), "B1": (2, 1), "B2": (2, 2), "B3": (2, 3)}
RECEIPT = re.compile(r"^R-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")


@dataclass
class Rig:
    kiosk: Kiosk
    services: KioskServices
    flow: SendFlow
    sim: SimulatedBus
    core: BackendCore
    server: RestartableServer
    sends: dict[str, str]  # code -> send_id

    @property
    def outbox(self) -> Outbox:
        return self.services.parts.outbox

    def events(self) -> list[tuple[str, str]]:
        return stored_events(self.core, LOCKER)

    def server_rents(self, send_id: str) -> list[dict[str, object]]:
        rows = (
            self.core.store.read()
            .execute("SELECT * FROM rents WHERE send_id = ? ORDER BY rent_id", (send_id,))
            .fetchall()
        )
        return [dict(r) for r in rows]


@contextmanager
def offline_kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Rig]:
    core = BackendCore.open(tmp_path / "backend.sqlite")
    core.create_locker(
        LOCKER, token=TOKEN, name="Offline", compartments=layout(), kdf_iterations=ITERATIONS
    )
    sends = {
        SEND: core.add_send(LOCKER, code=SEND, size="S"),
        RETURN: core.add_send(LOCKER, code=RETURN, size="M", kind="return"),
    }
    server = RestartableServer(core)
    config = rest_config(tmp_path, server.url, locker=LOCKER, token=TOKEN, connect_timeout_s=0.5)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=10000):
            kiosk.start()
        qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
        assert kiosk.send is not None
        assert services.simulator is not None
        # The set as of now (the start-up refresh may still be on its way).
        with qtbot.waitSignal(services.backend.offline_codes_refreshed, timeout=10000):
            services.backend.refresh_offline_codes()
        # Issued after the sync: the kiosk cannot know it offline.
        sends[LATE] = core.add_send(LOCKER, code=LATE, size="S")
        yield Rig(kiosk, services, kiosk.send, services.simulator, core, server, sends)
    finally:
        kiosk.shutdown()
        server.close()
        core.close()


def tap_code(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    kiosk.idle_screen.send_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    for key in code:
        kiosk.code_entry_screen.keypad.buttons[key].click()
    kiosk.code_entry_screen.ok_button.click()


def door_opens(qtbot: QtBot, r: Rig) -> str:
    qtbot.waitUntil(lambda: r.flow.door_open.active() or r.flow.left_open.active(), timeout=8000)
    compartment = r.kiosk.door_screen.compartment.text()
    assert len(r.sim.requests(CMD_UNLOCK, *LOCKS[compartment])) == 1
    return compartment


def tap(kiosk: Kiosk, label: str, screen: str) -> None:
    buttons = {
        "door": kiosk.door_screen.buttons,
        "message": kiosk.message_screen.buttons,
        "receipt": kiosk.receipt_screen.buttons,
    }[screen]
    next(b for b in buttons if b.text() == label).click()


def drop_off(qtbot: QtBot, r: Rig, code: str) -> tuple[str, str]:
    """Type the code, put the parcel in, close: (compartment, receipt shown)."""
    tap_code(qtbot, r.kiosk, code)
    compartment = door_opens(qtbot, r)
    r.sim.close_door(*LOCKS[compartment])
    qtbot.waitUntil(r.flow.closed.active, timeout=5000)
    tap(r.kiosk, "Show my receipt", "message")
    qtbot.waitUntil(lambda: r.kiosk.host.current_name() == "receipt", timeout=5000)
    receipt = r.kiosk.receipt_screen.number.text()
    tap(r.kiosk, "Done", "receipt")
    qtbot.waitUntil(lambda: r.kiosk.machine.state_name() == "idle", timeout=5000)
    return compartment, receipt


def test_send_return_offline_drop_off_with_a_cached_code_syncs_with_its_receipt(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with offline_kiosk(qtbot, tmp_path) as r:
        r.server.stop()
        send_door, send_receipt = drop_off(qtbot, r, SEND)
        return_door, return_receipt = drop_off(qtbot, r, RETURN)
        assert RECEIPT.match(send_receipt)
        assert RECEIPT.match(return_receipt)
        assert send_receipt != return_receipt
        assert r.events() == []  # nothing reached the server yet

        # Used offline: the same code again is refused by the kiosk itself.
        tap_code(qtbot, r.kiosk, SEND)
        qtbot.waitUntil(lambda: r.kiosk.host.current_name() == "message", timeout=8000)
        assert r.kiosk.message_screen.headline.text() == "This code was already used"
        tap(r.kiosk, "OK", "message")
        qtbot.waitUntil(lambda: r.kiosk.machine.state_name() == "idle", timeout=5000)

        r.server.start()
        qtbot.waitUntil(lambda: r.outbox.stats().depth == 0, timeout=30000)
        assert r.outbox.stats().rejected == 0
        for code, door, receipt, kind in (
            (SEND, send_door, send_receipt, "send"),
            (RETURN, return_door, return_receipt, "return"),
        ):
            [rent] = r.server_rents(r.sends[code])
            assert (rent["status"], rent["compartment_id"], rent["kind"]) == (
                "deposited",
                door,
                kind,
            )
            assert rent["receipt"] == receipt  # the number the shopper photographed
            assert r.server.puts_for(str(rent["rent_id"])) == 1
        deposited = [c for t, c in r.events() if t == "deposited"]
        assert sorted(deposited) == sorted([send_door, return_door])  # each once


def test_send_return_offline_unknown_code_says_the_locker_is_offline(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with offline_kiosk(qtbot, tmp_path) as r:
        r.server.stop()
        tap_code(qtbot, r.kiosk, LATE)
        qtbot.waitUntil(lambda: r.kiosk.host.current_name() == "message", timeout=8000)
        assert r.kiosk.message_screen.headline.text() == "This locker is offline"
        assert "Nothing was used up" in r.kiosk.message_screen.body.text()
        assert r.sim.requests(CMD_UNLOCK) == []
        assert r.outbox.stats().depth == 0
        # Back online, the same code works at once.
        tap(r.kiosk, "OK", "message")
        qtbot.waitUntil(lambda: r.kiosk.machine.state_name() == "idle", timeout=5000)
        r.server.start()
        door, receipt = drop_off(qtbot, r, LATE)
        [rent] = r.server_rents(r.sends[LATE])
        assert (rent["compartment_id"], rent["receipt"]) == (door, receipt)
