"""Back-office commands end to end: a real ``locker-kiosk-server`` on loopback queues them
(``BackendCore.enqueue_command``, what ``locker-kiosk-server command`` does), the real kiosk
long-polls them, acts through the real board driver over a pseudo-terminal to the
simulator, and acknowledges each exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.backend.api import LockerSettings
from kiosk.backend.embedded import BackendCore
from kiosk.hardware.cu16 import CMD_UNLOCK
from kiosk.hardware.simulator import SimulatedBus
from tests.app.test_pickup_e2e import tap_code
from tests.backend.fixtures import LOCKER, Seeded
from tests.helpers.remote import ack_of, events_with_actor, served_kiosk

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path, server_url: str) -> Iterator[Kiosk]:
    with served_kiosk(qtbot, tmp_path, server_url) as k:
        yield k


def sim_of(kiosk: Kiosk) -> SimulatedBus:
    assert kiosk.services is not None
    assert kiosk.services.simulator is not None
    return kiosk.services.simulator


def test_command_backoffice_open_runs_the_door_cycle_and_acks_ok(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    sim, flow = sim_of(kiosk), kiosk.app_open
    assert flow is not None
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "B2"})
    qtbot.waitUntil(lambda: len(sim.requests(CMD_UNLOCK, 2, 2)) == 1, timeout=8000)
    qtbot.waitUntil(flow.cycle.door_open.active, timeout=5000)
    assert kiosk.door_screen.compartment.text() == "B2"
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "opened"), timeout=5000)
    sim.close_door(2, 2)
    qtbot.waitUntil(
        lambda: ("door_closed", "B2", "backoffice") in events_with_actor(core, LOCKER),
        timeout=10000,
    )
    assert ("door_opened", "B2", "backoffice") in events_with_actor(core, LOCKER)
    kiosk.message_screen.buttons[0].click()  # "Done"
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=5000)
    assert len(sim.requests(CMD_UNLOCK, 2, 2)) == 1


def test_command_whole_locker_out_of_service_and_back(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    off = core.enqueue_command(LOCKER, "set_out_of_service", {"compartment_id": None, "on": True})
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "out_of_service", timeout=8000)
    assert kiosk.host.current_name() == "out_of_service"
    qtbot.waitUntil(lambda: ack_of(core, off) == ("ok", "locker out of service"), timeout=8000)
    # While out of service, an app pickup is refused (a back-office open would run).
    app = core.enqueue_command(
        LOCKER, "open_compartment", {"compartment_id": "A1", "reason": "app_pickup"}
    )
    qtbot.waitUntil(lambda: ack_of(core, app) is not None, timeout=8000)
    assert ack_of(core, app) == ("refused", "the locker is out of service")
    on = core.enqueue_command(LOCKER, "set_out_of_service", {"compartment_id": None, "on": False})
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=8000)
    qtbot.waitUntil(lambda: ack_of(core, on) == ("ok", "locker in service"), timeout=8000)
    qtbot.waitUntil(
        lambda: [e[0] for e in events_with_actor(core, LOCKER)] == ["out_of_service", "in_service"],
        timeout=8000,
    )
    assert sim_of(kiosk).requests(CMD_UNLOCK) == []


def test_command_one_compartment_out_of_service_joins_the_bank(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    cid = core.enqueue_command(LOCKER, "set_out_of_service", {"compartment_id": "B3", "on": True})
    qtbot.waitUntil(lambda: ack_of(core, cid) is not None, timeout=8000)
    assert ack_of(core, cid) == ("ok", "B3 out of service")
    assert "B3" in kiosk.bank.out_of_service
    assert kiosk.machine.state_name() == "idle"  # the rest of the locker serves on
    # Recorded before the ack; delivered to the backend by the outbox soon after.
    qtbot.waitUntil(
        lambda: ("out_of_service", "B3", "backoffice") in events_with_actor(core, LOCKER),
        timeout=8000,
    )
    app = core.enqueue_command(
        LOCKER, "open_compartment", {"compartment_id": "B3", "reason": "app_send"}
    )
    qtbot.waitUntil(lambda: ack_of(core, app) is not None, timeout=8000)
    assert ack_of(core, app) == ("refused", "compartment B3 is out of service")
    back = core.enqueue_command(LOCKER, "set_out_of_service", {"compartment_id": "B3", "on": False})
    qtbot.waitUntil(lambda: ack_of(core, back) is not None, timeout=8000)
    assert "B3" not in kiosk.bank.out_of_service


def test_command_message_banner_shows_until_its_time(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    banner = kiosk.idle_screen.banner
    assert not banner.isVisible()
    until = datetime.now(UTC) + timedelta(seconds=3)
    cid = core.enqueue_command(
        LOCKER, "show_message", {"text": "Closed on Sunday", "until": until.isoformat()}
    )
    qtbot.waitUntil(banner.isVisible, timeout=8000)
    assert banner.text() == "Closed on Sunday"
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "shown"), timeout=5000)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=8000)  # its time is up
    assert kiosk.idle_data().message == ""


def test_command_message_banner_survives_a_kiosk_restart(
    qtbot: QtBot, tmp_path: Path, core: BackendCore, server_url: str
) -> None:
    """The command is acknowledged once and never sent again: the kiosk keeps the banner."""
    url = server_url
    until = datetime.now(UTC) + timedelta(minutes=10)
    with served_kiosk(qtbot, tmp_path, url) as kiosk:
        cid = core.enqueue_command(
            LOCKER, "show_message", {"text": "Closed on Sunday", "until": until.isoformat()}
        )
        qtbot.waitUntil(kiosk.idle_screen.banner.isVisible, timeout=8000)
        qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "shown"), timeout=5000)
    with served_kiosk(qtbot, tmp_path, url) as again:
        qtbot.waitUntil(again.idle_screen.banner.isVisible, timeout=8000)
        assert again.idle_screen.banner.text() == "Closed on Sunday"
        assert again.idle_data().message == "Closed on Sunday"
    assert core.pending_commands(LOCKER) == []


def test_command_reload_applies_the_backends_new_settings(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    pickup = kiosk.pickup
    assert pickup is not None
    assert pickup.settings.help_text == ""
    settings = LockerSettings(help_text="Call 0800 123 456", heartbeat_s=1)
    with core.store.transaction() as db:
        db.execute(
            "UPDATE lockers SET settings = ? WHERE locker_id = ?",
            (msgspec.json.encode(settings).decode(), LOCKER),
        )
    cid = core.enqueue_command(LOCKER, "reload_config")
    qtbot.waitUntil(lambda: ack_of(core, cid) is not None, timeout=8000)
    assert ack_of(core, cid) == ("ok", "layout and settings reloaded")
    assert pickup.settings.help_text == "Call 0800 123 456"
    assert kiosk.app_open is not None
    assert kiosk.app_open.help_text == "Call 0800 123 456"


def test_command_for_an_unknown_compartment_is_refused_and_opens_nothing(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "Z99"})
    unknown = core.enqueue_command(LOCKER, "launch_rocket", {})
    qtbot.waitUntil(lambda: ack_of(core, cid) is not None, timeout=8000)
    qtbot.waitUntil(lambda: ack_of(core, unknown) is not None, timeout=8000)
    assert ack_of(core, cid) == ("refused", "unknown compartment Z99")
    assert ack_of(core, unknown) == ("refused", "unknown command type 'launch_rocket'")
    assert sim_of(kiosk).requests(CMD_UNLOCK) == []
    assert kiosk.machine.state_name() == "idle"


def test_command_duplicate_id_is_acked_again_and_the_door_opens_once(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore
) -> None:
    sim = sim_of(kiosk)
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "A3"})
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "opened"), timeout=8000)
    # The backend loses the ack (restored from a backup) and sends the command again.
    with core.store.transaction() as db:
        db.execute(
            "UPDATE commands SET acked_at = NULL, result = NULL WHERE command_id = ?", (cid,)
        )
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "opened"), timeout=8000)
    sim.close_door(1, 3)
    qtbot.waitUntil(
        lambda: ("door_closed", "A3", "backoffice") in events_with_actor(core, LOCKER),
        timeout=10000,
    )
    assert len(sim.requests(CMD_UNLOCK, 1, 3)) == 1


def test_command_arriving_mid_pickup_waits_until_the_shopper_is_done(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, seeded: Seeded
) -> None:
    sim, pickup, app = sim_of(kiosk), kiosk.pickup, kiosk.app_open
    assert pickup is not None
    assert app is not None
    remote = kiosk.remote
    assert remote is not None
    tap_code(qtbot, kiosk, seeded.code_a)
    qtbot.waitUntil(pickup.door_open.active, timeout=8000)
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "B2"})
    qtbot.waitUntil(lambda: len(remote.queue) == 1, timeout=8000)
    sim.close_door(1, 1)
    qtbot.waitUntil(pickup.closed.active, timeout=5000)
    # The shopper is still at the screen ("Thank you", "Open again"): B2 stays shut.
    assert sim.requests(CMD_UNLOCK, 2, 2) == []
    assert ack_of(core, cid) is None
    kiosk.message_screen.buttons[0].click()  # "Done"
    qtbot.waitUntil(app.cycle.door_open.active, timeout=8000)
    assert len(sim.requests(CMD_UNLOCK, 2, 2)) == 1
    qtbot.waitUntil(lambda: ack_of(core, cid) == ("ok", "opened"), timeout=5000)
    sim.close_door(2, 2)
    qtbot.waitUntil(app.cycle.closed.active, timeout=5000)


def test_command_open_waiting_too_long_expires_and_never_opens(
    qtbot: QtBot, kiosk: Kiosk, core: BackendCore, seeded: Seeded
) -> None:
    """An app user who gave up waiting must not find a door opening later for nobody."""
    sim, pickup, remote = sim_of(kiosk), kiosk.pickup, kiosk.remote
    assert pickup is not None
    assert remote is not None
    remote.queue.expiry_s = 0.5
    tap_code(qtbot, kiosk, seeded.code_a)
    qtbot.waitUntil(pickup.door_open.active, timeout=8000)
    cid = core.enqueue_command(
        LOCKER,
        "open_compartment",
        {"compartment_id": "A2", "rent_id": seeded.rents["A2"], "reason": "app_pickup"},
    )
    qtbot.waitUntil(lambda: ack_of(core, cid) is not None, timeout=8000)
    assert ack_of(core, cid) == ("failed", "expired while the kiosk was busy")
    assert len(remote.queue) == 0
    sim.close_door(1, 1)
    qtbot.waitUntil(pickup.closed.active, timeout=5000)
    kiosk.message_screen.buttons[0].click()  # "Done"
    qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=5000)
    assert sim.requests(CMD_UNLOCK, 1, 2) == []
