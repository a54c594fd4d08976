"""Send and return end to end on real parts: keypad taps (or a serial scan) on the real
app → a real ``locker-kiosk-server`` on loopback checks the drop-off code and reserves →
the real board driver over a pseudo-terminal unlocks the chosen door of the simulator →
the simulator closes it → ``deposited`` reaches the server once → the receipt on screen is
the rent's receipt.

The test locker (``tests/backend/fixtures.py``) has A1 (S, accessible), A2 (M), A3 (L),
B1 (S), B2 (M), B3 (XL); A1-A3 and B1 hold parcels. The kiosk does not know that: the
server's ``compartment_taken`` answers teach it, and a small parcel ends up in B2.
"""

from __future__ import annotations

import os
import pty
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore
from kiosk.flows.send import SendFlow
from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.services.scanner import SerialScanner
from tests.backend.fixtures import LOCKER, Seeded
from tests.helpers.kiosk import rest_config, stored_events

pytestmark = pytest.mark.slow

SEND = "S2345678"  # a small parcel to send
RETURN = "R8765432"  # a medium parcel going back to a shop
#: compartment → (board, lock) in the test layout
LOCKS = {"A1": (1, 1), "A2": (1, 2), "A3": (1, 3), "B1": (2, 1), "B2": (2, 2), "B3": (2, 3)}


@pytest.fixture
def codes(core: BackendCore, seeded: Seeded) -> dict[str, str]:
    """The drop-off codes (send, return) added to the seeded locker: code → send_id."""
    return {
        SEND: core.add_send(LOCKER, code=SEND, size="S"),
        RETURN: core.add_send(LOCKER, code=RETURN, size="M", kind="return"),
    }


@pytest.fixture
def scanner_pty() -> Iterator[tuple[int, SerialScanner]]:
    master, slave = pty.openpty()
    tty.setraw(slave)
    yield master, SerialScanner(os.ttyname(slave))
    os.close(master)
    os.close(slave)


@pytest.fixture
def kiosk(
    qtbot: QtBot,
    tmp_path: Path,
    server_url: str,
    codes: dict[str, str],
    scanner_pty: tuple[int, SerialScanner],
) -> Iterator[Kiosk]:
    config = rest_config(tmp_path, server_url)
    services = KioskServices(config, open_parts(config))
    k = Kiosk(config, services=services, serial_scanner=scanner_pty[1])
    k.window.show()
    with qtbot.waitSignal(services.ready, timeout=10000):
        k.start()
    qtbot.waitUntil(lambda: k.machine.state_name() == "idle")
    yield k
    k.shutdown()


def flow_of(kiosk: Kiosk) -> SendFlow:
    assert kiosk.send is not None
    return kiosk.send


def sim_of(kiosk: Kiosk):  # type: ignore[no-untyped-def]
    assert kiosk.services is not None
    assert kiosk.services.simulator is not None
    return kiosk.services.simulator


def tap_code(qtbot: QtBot, kiosk: Kiosk, code: str) -> None:
    kiosk.idle_screen.send_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    for key in code:
        kiosk.code_entry_screen.keypad.buttons[key].click()
    kiosk.code_entry_screen.ok_button.click()


def door_opens(qtbot: QtBot, kiosk: Kiosk, compartment: str) -> None:
    flow, sim = flow_of(kiosk), sim_of(kiosk)
    board, lock = LOCKS[compartment]
    qtbot.waitUntil(lambda: len(sim.requests(CMD_UNLOCK, board, lock)) >= 1, timeout=8000)
    qtbot.waitUntil(lambda: flow.door_open.active() or flow.left_open.active(), timeout=5000)
    assert kiosk.door_screen.compartment.text() == compartment


def close(kiosk: Kiosk, compartment: str) -> None:
    sim_of(kiosk).close_door(*LOCKS[compartment])


def tap(kiosk: Kiosk, label: str, screen: str = "door") -> None:
    buttons = {
        "door": kiosk.door_screen.buttons,
        "message": kiosk.message_screen.buttons,
        "receipt": kiosk.receipt_screen.buttons,
    }[screen]
    next(b for b in buttons if b.text() == label).click()


def server_rent(core: BackendCore, compartment: str, send_id: str) -> dict[str, object]:
    db = core.store.read()
    row = db.execute(
        "SELECT * FROM rents WHERE send_id = ? AND compartment_id = ?", (send_id, compartment)
    ).fetchone()
    assert row is not None, f"no rent for the send in {compartment}"
    return dict(row)


def events_of(core: BackendCore) -> list[tuple[str, str]]:
    return stored_events(core, LOCKER)


def test_send_return_send_journey_deposits_and_shows_the_servers_receipt(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    tap_code(qtbot, kiosk, SEND)
    # B1 (S) and A2 (M) are taken at the server: the kiosk learns it and goes on to B2.
    door_opens(qtbot, kiosk, "B2")
    assert {"B1", "A2"} <= kiosk.bank.occupied
    assert kiosk.door_screen.body.text() == "Put your parcel in and close the door."
    close(kiosk, "B2")
    flow = flow_of(kiosk)
    qtbot.waitUntil(flow.closed.active, timeout=5000)
    tap(kiosk, "Show my receipt", "message")
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "receipt")
    rent = server_rent(core, "B2", codes[SEND])
    assert kiosk.receipt_screen.number.text() == rent["receipt"]
    assert str(rent["receipt"]).startswith("R-")
    qtbot.waitUntil(lambda: ("deposited", "B2") in events_of(core), timeout=10000)
    assert events_of(core).count(("deposited", "B2")) == 1
    rent = server_rent(core, "B2", codes[SEND])
    assert rent["status"] == "deposited"
    assert len(sim_of(kiosk).requests(CMD_UNLOCK, 2, 2)) == 1
    tap(kiosk, "Done", "receipt")
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")


def test_send_return_return_journey_from_a_scan_on_the_idle_screen(
    qtbot: QtBot,
    kiosk: Kiosk,
    core: BackendCore,
    codes: dict[str, str],
    scanner_pty: tuple[int, SerialScanner],
) -> None:
    flow_of(kiosk).set_timeouts({"closed": 300})  # the "Open again" grace, short
    os.write(scanner_pty[0], RETURN.encode() + b"\r\n")
    qtbot.waitUntil(lambda: kiosk.machine.current_flow() == "send", timeout=5000)
    # A medium return: A2 is taken, B2 is free.
    door_opens(qtbot, kiosk, "B2")
    close(kiosk, "B2")
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "receipt", timeout=10000)
    rent = server_rent(core, "B2", codes[RETURN])
    assert rent["kind"] == "return"
    assert kiosk.receipt_screen.number.text() == rent["receipt"]
    qtbot.waitUntil(lambda: ("deposited", "B2") in events_of(core), timeout=10000)


def test_send_return_needs_a_larger_compartment(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    tap_code(qtbot, kiosk, SEND)
    door_opens(qtbot, kiosk, "B2")
    tap(kiosk, "Larger compartment")
    # The next size up from M is L (A3, taken), then XL: B3.
    door_opens(qtbot, kiosk, "B3")
    close(kiosk, "B2")  # the shopper shuts the empty one
    close(kiosk, "B3")
    qtbot.waitUntil(lambda: ("deposited", "B3") in events_of(core), timeout=10000)
    assert server_rent(core, "B2", codes[SEND])["status"] == "cancelled"
    assert server_rent(core, "B3", codes[SEND])["status"] == "deposited"
    assert ("cancelled", "B2") in events_of(core)


def test_send_return_cancel_at_the_open_door_releases_the_reservation(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    tap_code(qtbot, kiosk, SEND)
    door_opens(qtbot, kiosk, "B2")
    tap(kiosk, "Cancel")
    qtbot.waitUntil(lambda: kiosk.message_screen.headline.text() == "Nothing was sent")
    close(kiosk, "B2")
    qtbot.waitUntil(lambda: ("cancelled", "B2") in events_of(core), timeout=10000)
    assert server_rent(core, "B2", codes[SEND])["status"] == "cancelled"
    assert "deposited" not in [t for t, _ in events_of(core)]
    tap(kiosk, "OK", "message")
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
    # The code was not used up: it works again.
    tap_code(qtbot, kiosk, SEND)
    door_opens(qtbot, kiosk, "B2")


def test_send_return_reopen_after_the_close(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    tap_code(qtbot, kiosk, SEND)
    door_opens(qtbot, kiosk, "B2")
    close(kiosk, "B2")
    flow = flow_of(kiosk)
    qtbot.waitUntil(flow.closed.active, timeout=5000)
    tap(kiosk, "Open again", "message")
    qtbot.waitUntil(lambda: len(sim_of(kiosk).requests(CMD_UNLOCK, 2, 2)) == 2, timeout=8000)
    qtbot.waitUntil(flow.door_open.active, timeout=5000)
    close(kiosk, "B2")
    qtbot.waitUntil(flow.closed.active, timeout=5000)
    assert "Open again" not in [b.text() for b in kiosk.message_screen.buttons]
    tap(kiosk, "Show my receipt", "message")
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "receipt")
    qtbot.waitUntil(lambda: ("door_closed", "B2") in events_of(core), timeout=10000)
    assert [t for t, c in events_of(core) if c == "B2"] == [
        "door_opened",
        "deposited",
        "reopened",
        "door_opened",
        "door_closed",
    ]


def test_send_return_door_left_open_is_reported(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    flow = flow_of(kiosk)
    flow.set_timeouts({"door_open": 300, "left_open": 300})
    tap_code(qtbot, kiosk, SEND)
    door_opens(qtbot, kiosk, "B2")
    qtbot.waitUntil(flow.left_open.active, timeout=5000)
    assert kiosk.door_screen.headline.text() == "Please close door B2"
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=5000)
    qtbot.waitUntil(lambda: ("door_left_open", "B2") in events_of(core), timeout=10000)
    # The parcel may be in there: the reservation stands for the back office.
    assert server_rent(core, "B2", codes[SEND])["status"] == "reserved"


def test_send_return_unknown_code_opens_nothing(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    tap_code(qtbot, kiosk, "S9999999")
    flow = flow_of(kiosk)
    qtbot.waitUntil(flow.problem.active, timeout=8000)
    assert kiosk.message_screen.headline.text() == "Wrong code"
    assert sim_of(kiosk).requests(CMD_UNLOCK) == []


def test_send_return_used_code_is_said_as_such(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    flow_of(kiosk).set_timeouts({"closed": 300})
    tap_code(qtbot, kiosk, SEND)
    door_opens(qtbot, kiosk, "B2")
    close(kiosk, "B2")
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "receipt", timeout=10000)
    qtbot.waitUntil(lambda: ("deposited", "B2") in events_of(core), timeout=10000)
    tap(kiosk, "Done", "receipt")
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
    tap_code(qtbot, kiosk, SEND)
    qtbot.waitUntil(flow_of(kiosk).problem.active, timeout=8000)
    assert kiosk.message_screen.headline.text() == "This code was already used"


def test_send_return_wrong_pickup_codes_spend_the_same_guess_budget(
    qtbot: QtBot, kiosk: Kiosk, server_url: str, codes: dict[str, str]
) -> None:
    """One person guessing is one person, whatever the button: wrong pickup codes use up
    the budget a drop-off code is checked from, and the kiosk's wait holds for both."""
    from kiosk.backend.api import CodeUnknown, TooManyAttempts
    from tests.backend.fixtures import SETTINGS, make_client

    client = make_client(server_url)
    try:
        for n in range(SETTINGS.guess_burst):
            with pytest.raises(CodeUnknown):
                client.verify_pickup(f"90000{n}")
        with pytest.raises(TooManyAttempts):
            client.verify_pickup("900099")
    finally:
        client.close()
    tap_code(qtbot, kiosk, SEND)
    qtbot.waitUntil(flow_of(kiosk).problem.active, timeout=8000)
    assert kiosk.message_screen.headline.text() == "Too many attempts"
    assert sim_of(kiosk).requests(CMD_UNLOCK) == []
    tap(kiosk, "OK", "message")
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
    kiosk.idle_screen.pickup_button.click()
    qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
    assert not kiosk.code_entry_screen.keypad.isEnabled()  # the same wait, on pickup


def test_send_return_expired_code_is_said_as_such(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, codes: dict[str, str]
) -> None:
    core.add_send(LOCKER, code="S3456789", size="S", expires_in_s=-60)
    tap_code(qtbot, kiosk, "S3456789")
    qtbot.waitUntil(flow_of(kiosk).problem.active, timeout=8000)
    assert kiosk.message_screen.headline.text() == "This code has expired"
    assert kiosk.message_screen.body.text() == "Please ask the carrier or the shop for a new code."
    assert sim_of(kiosk).requests(CMD_UNLOCK) == []
