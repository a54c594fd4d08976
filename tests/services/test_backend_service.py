"""BackendService over the real server: verify, heartbeat, commands, all as signals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import CodeUnknown, DoorState, PickupResult
from kiosk.backend.embedded import BackendCore
from kiosk.backend.outbox import OutboxStats
from kiosk.backend.rest import RestBackend
from kiosk.services.backend import BackendService
from tests.backend.conftest import LOCKER, Seeded, make_client

pytest_plugins = ["tests.backend.conftest"]


@pytest.fixture
def service(qtbot: QtBot, server_url: str) -> Iterator[BackendService]:
    client: RestBackend = make_client(server_url)
    svc = BackendService(
        client,
        heartbeat_s=3600,
        poll_wait_s=5,
        retry_ms=50,
        doors=lambda: [DoorState("A1", "closed", True, False)],
        outbox_stats=lambda: OutboxStats(4, 12.5, 1),
    )
    yield svc
    svc.stop()
    client.close()


def test_verify_pickup_as_signals(qtbot: QtBot, service: BackendService, seeded: Seeded) -> None:
    service.start(heartbeat=False, commands=False)
    got: list[PickupResult] = []
    with qtbot.waitSignal(service.pickup_verified, timeout=5000) as blocker:
        service.verify_pickup(seeded.code_ab, on_done=got.append)
    result = blocker.args[0]
    assert [r.compartment_id for r in result.rents] == ["A2", "A3"]
    assert got == [result]
    with qtbot.waitSignal(service.pickup_failed, timeout=5000) as failed:
        service.verify_pickup("000000")
    assert isinstance(failed.args[0], CodeUnknown)


def test_heartbeat_reports_outbox_and_doors(
    qtbot: QtBot, service: BackendService, core: BackendCore
) -> None:
    with qtbot.waitSignal(service.heartbeat_sent, timeout=5000):
        service.start(heartbeat=True, commands=False)
    beat = core.last_heartbeat(LOCKER)
    assert beat is not None
    assert (beat.outbox_depth, beat.oldest_event_age_s) == (4, 12.5)
    assert beat.doors == [DoorState("A1", "closed", True, False)]


def test_command_is_emitted_once_and_acked(
    qtbot: QtBot, service: BackendService, core: BackendCore
) -> None:
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "A1"})
    received: list[str] = []
    service.command_received.connect(lambda c: received.append(c.command_id))
    with qtbot.waitSignal(service.command_received, timeout=5000) as blocker:
        service.start(heartbeat=False, commands=True)
    assert blocker.args[0].args == {"compartment_id": "A1"}
    # the command is still pending on the server, so polls return it again: not re-emitted
    qtbot.waitUntil(lambda: len(core.poll_commands(LOCKER, 0)) == 1, timeout=2000)
    with qtbot.waitSignal(service.command_acked, timeout=5000):
        service.ack_command(cid, "ok", "opened")
    assert core.poll_commands(LOCKER, 0) == []
    assert received == [cid]
