"""BackendService over the real server: verify, heartbeat, commands, all as signals."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import CodeUnknown, DoorState, PickupResult
from kiosk.backend.embedded import BackendCore
from kiosk.backend.offline import OfflineVerifier, ResilientBackend
from kiosk.backend.outbox import OutboxStats
from kiosk.backend.rest import RestBackend
from kiosk.backend.server import ServerHandle, create_app
from kiosk.services.backend import BackendService
from tests.backend.fixtures import LOCKER, Seeded, make_client, seed, served_backend


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[tuple[BackendCore, Seeded, str]]:
    with served_backend(tmp_path / "backend.db") as served:
        yield served


@pytest.fixture
def core(backend: tuple[BackendCore, Seeded, str]) -> BackendCore:
    return backend[0]


@pytest.fixture
def seeded(backend: tuple[BackendCore, Seeded, str]) -> Seeded:
    return backend[1]


@pytest.fixture
def server_url(backend: tuple[BackendCore, Seeded, str]) -> str:
    return backend[2]


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


def test_offline_codes_are_refreshed_at_start(
    qtbot: QtBot, tmp_path: Path, server_url: str, seeded: Seeded
) -> None:
    client = make_client(server_url)
    resilient = ResilientBackend(client, OfflineVerifier(tmp_path / "cache.db"))
    svc = BackendService(resilient, refresh_offline=resilient.refresh_offline_codes)
    try:
        with qtbot.waitSignal(svc.offline_codes_refreshed, timeout=5000) as blocker:
            svc.start(heartbeat=False, commands=False)
        assert blocker.args == [3]
        assert resilient.verifier.verify(seeded.code_a).offline is True
    finally:
        svc.stop()
        client.close()
        resilient.verifier.close()


def test_answered_after_an_online_check_not_after_an_offline_one(
    qtbot: QtBot, tmp_path: Path, server_url: str, seeded: Seeded
) -> None:
    """``answered`` kicks the outbox: an answer from the offline cache is not the backend."""
    client = make_client(server_url, timeout_s=1.0)
    resilient = ResilientBackend(client, OfflineVerifier(tmp_path / "cache.db"))
    resilient.refresh_offline_codes()
    unreachable = make_client("http://127.0.0.1:9/", timeout_s=1.0)
    down = ResilientBackend(unreachable, resilient.verifier)
    online = BackendService(resilient)
    offline = BackendService(down)
    heard: list[str] = []
    online.answered.connect(lambda: heard.append("online"))
    offline.answered.connect(lambda: heard.append("offline"))
    online.start(heartbeat=False, commands=False)
    offline.start(heartbeat=False, commands=False)
    try:
        with qtbot.waitSignal(offline.pickup_verified, timeout=5000) as got:
            offline.verify_pickup(seeded.code_a)
        assert got.args[0].offline is True
        with qtbot.waitSignal(online.answered, timeout=5000):
            online.verify_pickup(seeded.code_a)
        assert heard == ["online"]
    finally:
        online.stop()
        offline.stop()
        client.close()
        unreachable.close()
        resilient.verifier.close()


def test_backend_back_is_noticed_without_waiting_out_a_long_poll(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """After a failed poll the next ones do not wait: a long poll (30 s here) to a backend
    that has just come back would tell nobody for 30 s, and the outbox would wait too."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    core = BackendCore.open(tmp_path / "backend.db")
    seed(core)
    client = make_client(f"http://127.0.0.1:{port}/", timeout_s=1.0)
    svc = BackendService(client, heartbeat_s=3600, poll_wait_s=30, retry_ms=50)
    handle = None
    try:
        with qtbot.waitSignal(svc.reachable_changed, timeout=5000) as down:
            svc.start(heartbeat=False, commands=True)
        assert down.args == [False]
        with qtbot.waitSignal(svc.answered, timeout=10_000):
            handle = ServerHandle(create_app(core), "127.0.0.1", port).start()
    finally:
        if handle is not None:
            handle.stop()
        svc.stop()
        client.close()
        core.close()
