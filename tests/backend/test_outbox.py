"""The durable outbox on a real SQLite file, delivering to the real server."""

from __future__ import annotations

import signal
import subprocess
import sys
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.backend.api import BadRequest, Event, EventResult, Unavailable
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.outbox import Outbox
from kiosk.backend.rest import RestBackend
from kiosk.backend.server import ServerHandle, create_app
from kiosk.backend.statefile import StateFileError
from tests.backend.fixtures import LOCKER, Seeded, make_client


def ev(type_: str = "door_opened", rent_id: str | None = None, comp: str | None = "A1") -> Event:
    return Event(str(uuid.uuid4()), type_, datetime.now(UTC), comp, rent_id)


def server_events(core: BackendCore) -> list[str]:
    return core.store.event_ids(core.store.read(), LOCKER)


def test_record_then_deliver_in_order(
    tmp_path: Path, client: RestBackend, core: BackendCore
) -> None:
    outbox = Outbox(tmp_path / "outbox.db", batch_size=4)
    events = [ev() for _ in range(10)]
    for e in events:
        assert outbox.record(e)
    assert not outbox.record(events[0])  # the same event id twice is one event
    assert outbox.stats().depth == 10
    assert outbox.deliver_all(client) == 10
    assert server_events(core) == [e.event_id for e in events]
    stats = outbox.stats()
    assert (stats.depth, stats.oldest_age_s, stats.rejected) == (0, 0.0, 0)
    assert outbox.deliver_once(client).sent == 0
    outbox.close()


def test_rejected_events_are_set_aside(
    tmp_path: Path, client: RestBackend, core: BackendCore, seeded: Seeded
) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    good1, bad, good2 = ev(), ev("picked_up", rent_id=str(uuid.uuid4())), ev()
    for e in (good1, bad, good2):
        outbox.record(e)
    report = outbox.deliver_once(client)
    assert (report.delivered, report.rejected, report.remaining) == (2, 1, 0)
    assert [(e.event_id, code) for e, code in outbox.rejected()] == [(bad.event_id, "unknown_rent")]
    assert outbox.stats().rejected == 1
    assert set(server_events(core)) == {good1.event_id, bad.event_id, good2.event_id}
    outbox.close()


class PoisonAware:
    """A backend that refuses any batch holding a "poison" event as a whole (400)."""

    def __init__(self, inner: EmbeddedBackend) -> None:
        self.inner = inner
        self.batches: list[int] = []

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        self.batches.append(len(events))
        if any(e.type == "poison" for e in events):
            raise BadRequest("malformed event")
        return self.inner.send_events(events)


def test_a_batch_refused_as_a_whole_is_split_to_find_the_bad_event(
    tmp_path: Path, embedded: EmbeddedBackend, core: BackendCore
) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    events = [ev(), ev(), ev("poison"), ev(), ev()]
    for e in events:
        outbox.record(e)
    backend = PoisonAware(embedded)
    outbox.deliver_all(backend)  # stops at the refused batch: an error
    outbox.deliver_all(backend)
    assert outbox.stats().depth == 0
    assert [code for _, code in outbox.rejected()] == ["bad_request"]
    assert server_events(core) == [e.event_id for e in events if e.type != "poison"]
    outbox.close()


def test_a_batch_sent_but_not_settled_is_resent_under_its_key(
    tmp_path: Path, client: RestBackend, core: BackendCore
) -> None:
    """A crash after the server answered but before the outbox settled: exactly once."""
    path = tmp_path / "outbox.db"
    outbox = Outbox(path)
    events = [ev() for _ in range(3)]
    for e in events:
        outbox.record(e)
    # what deliver_once does, minus the settle: the process "dies" after the POST
    rows = outbox._store.next_batch(50, str(uuid.uuid4()))
    client.send_events(events, idempotency_key=rows[0].batch_key)
    outbox.close()
    restarted = Outbox(path)
    assert restarted.stats().depth == 3
    report = restarted.deliver_once(client)
    assert report.delivered == 3
    assert server_events(core) == [e.event_id for e in events]
    restarted.close()


@pytest.mark.slow
def test_sigkill_between_commit_and_send_delivers_exactly_once(
    tmp_path: Path, client: RestBackend, core: BackendCore
) -> None:
    path = tmp_path / "outbox.db"
    child = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("outbox_child.py")), str(path), "5"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "committed"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    outbox = Outbox(path)
    assert outbox.stats().depth == 5
    assert outbox.deliver_all(client) == 5
    assert len(server_events(core)) == 5
    assert outbox.deliver_all(client) == 0
    assert len(server_events(core)) == 5
    outbox.close()


def test_outage_then_everything_exactly_once(
    tmp_path: Path, core: BackendCore, seeded: Seeded
) -> None:
    handle = ServerHandle(create_app(core), "127.0.0.1", 0).start()
    client = make_client(handle.url, timeout_s=2.0)
    outbox = Outbox(tmp_path / "outbox.db", batch_size=7)
    first = [ev() for _ in range(5)]
    for e in first:
        outbox.record(e)
    outbox.deliver_all(client)
    handle.stop()
    during = [ev() for _ in range(20)]
    for e in during:
        outbox.record(e)
    report = outbox.deliver_once(client)
    assert isinstance(report.error, Unavailable)
    assert report.remaining == 20
    assert outbox.stats().oldest_age_s >= 0
    back = ServerHandle(create_app(core), "127.0.0.1", handle.port).start()
    try:
        assert outbox.deliver_all(client) == 20
    finally:
        back.stop()
        client.close()
    assert server_events(core) == [e.event_id for e in first + during]
    outbox.close()


def _damage(path: Path, how: str) -> bytes:
    """Damage the SQLite file at ``path`` the way a power cut or a bad card does."""
    if how == "junk":
        path.write_bytes(b"\x8f\x00junk" * 700)
    elif how == "empty":
        path.write_bytes(b"")
    else:  # truncated: a real outbox with a few hundred events, cut in the middle
        outbox = Outbox(path)
        for i in range(300):
            outbox.record(ev("picked_up", rent_id=f"r{i}"))
        outbox.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return path.read_bytes()


@pytest.mark.parametrize("how", ["junk", "truncated", "empty"])
def test_a_damaged_outbox_is_moved_aside_and_a_fresh_one_started(
    tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "outbox.db"
    before = _damage(path, how)
    with caplog.at_level("ERROR", logger="kiosk.backend.statefile"):
        outbox = Outbox(path, clock=lambda: 1_800_000_000.0)
    aside = tmp_path / "outbox.db.damaged-20270115T080000Z"
    assert aside.read_bytes() == before  # kept as it was, never deleted
    [record] = [r for r in caplog.records if r.name == "kiosk.backend.statefile"]
    assert str(path) in record.getMessage()
    assert str(aside) in record.getMessage()
    assert outbox.record(ev())
    assert outbox.stats().depth == 1
    outbox.close()
    # A second damage in the same second does not overwrite the first copy.
    path.write_bytes(b"junk" * 100)
    Outbox(path, clock=lambda: 1_800_000_000.0).close()
    assert aside.read_bytes() == before
    assert (tmp_path / "outbox.db.damaged-20270115T080000Z-2").read_bytes() == b"junk" * 100


def test_a_healthy_outbox_is_not_moved(tmp_path: Path) -> None:
    path = tmp_path / "outbox.db"
    outbox = Outbox(path)
    outbox.record(ev())
    outbox.close()
    outbox = Outbox(path)
    assert outbox.stats().depth == 1
    outbox.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["outbox.db"]


def test_an_outbox_that_cannot_be_opened_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "outbox.db").mkdir()  # not a file at all: nothing to move aside
    with pytest.raises(StateFileError, match=r"cannot open the outbox .*outbox\.db"):
        Outbox(tmp_path / "outbox.db")
    assert (tmp_path / "outbox.db").is_dir()
