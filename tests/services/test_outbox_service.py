"""OutboxService: records committed off the GUI thread, delivered in the background."""

from __future__ import annotations

import socket
import uuid
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.backend.api import Event, Unavailable
from kiosk.backend.embedded import BackendCore
from kiosk.backend.outbox import Outbox, OutboxStats
from kiosk.services.outbox import OutboxService
from tests.backend.conftest import LOCKER, Seeded, make_client

pytest_plugins = ["tests.backend.conftest"]


def ev(type_: str = "door_opened", rent_id: str | None = None) -> Event:
    return Event(str(uuid.uuid4()), type_, datetime.now(UTC), "A1", rent_id)


def test_record_then_delivered(
    qtbot: QtBot, tmp_path: Path, server_url: str, core: BackendCore, seeded: Seeded
) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    client = make_client(server_url)
    service = OutboxService(outbox, client, idle_ms=60_000)
    service.start()
    try:
        good, bad = ev(), ev("picked_up", rent_id=str(uuid.uuid4()))
        with qtbot.waitSignal(service.recorded, timeout=5000) as rec:
            service.record(good)
        assert rec.args == [good.event_id]
        with qtbot.waitSignal(service.rejected, timeout=5000) as rej:
            service.record(bad)
        assert rej.args == [bad.event_id, "unknown_rent"]
        qtbot.waitUntil(lambda: service.stats == OutboxStats(0, 0.0, 1), timeout=5000)
        assert core.store.event_ids(core.store.read(), LOCKER) == [good.event_id, bad.event_id]
    finally:
        service.stop()
        client.close()
        outbox.close()


def test_backend_down_is_reported_and_events_wait(qtbot: QtBot, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    outbox = Outbox(tmp_path / "outbox.db")
    client = make_client(f"http://127.0.0.1:{port}/", timeout_s=1.0)
    service = OutboxService(outbox, client, min_backoff_ms=50, max_backoff_ms=100)
    failures: list[bool] = []
    service.backend_reachable.connect(failures.append)
    service.start()
    try:
        with qtbot.waitSignal(service.backend_reachable, timeout=5000) as down:
            service.record(ev())
        assert down.args == [False]
        qtbot.waitUntil(lambda: service.stats.depth == 1, timeout=5000)
        assert isinstance(outbox.deliver_once(client).error, Unavailable)
    finally:
        service.stop()
        client.close()
        outbox.close()
