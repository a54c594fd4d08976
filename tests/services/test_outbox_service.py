"""OutboxService: records committed off the GUI thread, delivered in the background."""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.backend.api import Event, EventResult, Unavailable
from kiosk.backend.embedded import BackendCore
from kiosk.backend.outbox import Outbox, OutboxStats
from kiosk.backend.server import ServerHandle, create_app
from kiosk.services.backend import BackendService
from kiosk.services.outbox import OutboxService
from tests.backend.fixtures import LOCKER, make_client, seed, served_backend


def ev(type_: str = "door_opened", rent_id: str | None = None) -> Event:
    return Event(str(uuid.uuid4()), type_, datetime.now(UTC), "A1", rent_id)


def test_record_then_delivered(qtbot: QtBot, tmp_path: Path) -> None:
    with served_backend(tmp_path / "backend.db") as (core, _seeded, server_url):
        _record_then_delivered(qtbot, tmp_path, server_url, core)


def _record_then_delivered(
    qtbot: QtBot, tmp_path: Path, server_url: str, core: BackendCore
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


def test_backend_back_sends_the_outbox_at_once_not_after_backoff(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The long poll finds the backend back: the outbox is kicked (as KioskServices wires
    it), though its own backoff (a minute here) has far to run."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    core = BackendCore.open(tmp_path / "backend.db")
    seed(core)
    outbox = Outbox(tmp_path / "outbox.db")
    client = make_client(f"http://127.0.0.1:{port}/", timeout_s=1.0)
    sender = OutboxService(outbox, client, min_backoff_ms=60_000, max_backoff_ms=60_000)
    backend = BackendService(client, heartbeat_s=3600, poll_wait_s=0.2, retry_ms=50)
    backend.answered.connect(sender.kick)
    sender.start()
    backend.start(heartbeat=False, commands=True)
    handle = None
    try:
        with qtbot.waitSignal(sender.backend_reachable, timeout=5000) as down:
            sender.record(ev())
        assert down.args == [False]
        with qtbot.waitSignal(sender.delivered, timeout=10_000):
            handle = ServerHandle(create_app(core), "127.0.0.1", port).start()
        assert len(core.store.event_ids(core.store.read(), LOCKER)) == 1
    finally:
        backend.stop()
        sender.stop()
        if handle is not None:
            handle.stop()
        client.close()
        outbox.close()
        core.close()


class GatedSink:
    """A backend whose first delivery blocks until released, then fails (unreachable)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        self.calls += 1
        if self.calls == 1:
            self.entered.set()
            self.release.wait(10)
            raise Unavailable("connection refused")
        return [EventResult(e.event_id, "accepted") for e in events]


def test_kick_during_a_failing_delivery_is_not_lost(qtbot: QtBot, tmp_path: Path) -> None:
    """A delivery that started before the backend came back fails; the kick that came
    meanwhile sends again at once instead of after the backoff."""
    outbox = Outbox(tmp_path / "outbox.db")
    sink = GatedSink()
    service = OutboxService(outbox, sink, min_backoff_ms=60_000, max_backoff_ms=60_000)
    service.start()
    try:
        service.record(ev())
        qtbot.waitUntil(sink.entered.is_set, timeout=5000)
        service.kick()
        with qtbot.waitSignal(service.delivered, timeout=5000):
            sink.release.set()
        assert sink.calls == 2
    finally:
        sink.release.set()
        service.stop()
        outbox.close()
