"""Reservations made offline in the outbox: one order with events, PUT before the events
after it, refused ones set aside without blocking, exactly once across a crash."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.backend.api import (
    BackendError,
    CompartmentTaken,
    Event,
    EventResult,
    Rent,
    RentRequest,
    Unauthorized,
    Unavailable,
)
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.outbox import Outbox
from kiosk.backend.rest import RestBackend
from tests.backend.fixtures import LOCKER, Seeded


def ev(type_: str = "door_opened", rent_id: str | None = None, comp: str = "A1") -> Event:
    return Event(str(uuid.uuid4()), type_, datetime.now(UTC), comp, rent_id, "shopper")


def send_request(seeded: Seeded, comp: str = "B2") -> RentRequest:
    return RentRequest(
        compartment_id=comp, kind="send", send_id=seeded.send_id, receipt="R-2345-6789"
    )


class Recorder:
    """The embedded backend, noting every call in order; a reservation may be made to fail."""

    def __init__(self, inner: EmbeddedBackend) -> None:
        self.inner = inner
        self.calls: list[str] = []
        self.refuse: BackendError | None = None

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        self.calls.append("events:" + ",".join(e.type for e in events))
        return self.inner.send_events(events)

    def reserve_rent(
        self, rent_id: str, request: RentRequest, *, session_token: str | None = None
    ) -> Rent:
        self.calls.append(f"put:{request.compartment_id}")
        if self.refuse is not None:
            raise self.refuse
        return self.inner.reserve_rent(rent_id, request, session_token=session_token)


def server_events(core: BackendCore) -> list[tuple[str, str]]:
    db = core.store.read()
    rows = [core.store.event(db, e) for e in core.store.event_ids(db, LOCKER)]
    return [(str(r["type"]), str(r["status"])) for r in rows if r is not None]


def test_a_reservation_is_sent_alone_before_the_events_after_it(
    tmp_path: Path, embedded: EmbeddedBackend, core: BackendCore, seeded: Seeded
) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    rent_id = str(uuid.uuid4())
    outbox.record(ev("door_opened", None, "A1"))
    outbox.record(ev("door_closed", None, "A1"))
    assert outbox.record_reservation(rent_id, send_request(seeded))
    assert not outbox.record_reservation(rent_id, send_request(seeded))  # queued once
    outbox.record(ev("door_opened", rent_id, "B2"))
    outbox.record(ev("deposited", rent_id, "B2"))
    assert outbox.stats().depth == 5
    sink = Recorder(embedded)
    assert outbox.deliver_all(sink) == 5
    assert sink.calls == [
        "events:door_opened,door_closed",
        "put:B2",
        "events:door_opened,deposited",
    ]
    rent = core.store.rent(core.store.read(), rent_id)
    assert rent is not None
    assert rent["status"] == "deposited"
    assert ("deposited", "accepted") in server_events(core)
    assert outbox.stats().depth == 0
    outbox.close()


def test_a_reservation_refused_for_good_is_set_aside_and_blocks_nothing(
    tmp_path: Path, embedded: EmbeddedBackend, core: BackendCore, seeded: Seeded
) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    refused, later = str(uuid.uuid4()), ev("out_of_service", None, "A3")
    outbox.record_reservation(refused, send_request(seeded))
    outbox.record(ev("deposited", refused, "B2"))
    outbox.record(later)
    sink = Recorder(embedded)
    sink.refuse = CompartmentTaken("taken")
    report = outbox.deliver_once(sink)
    assert report.error is None
    assert report.rejected_events == (("rent:" + refused, "compartment_taken"),)
    assert outbox.deliver_all(sink) == 2
    # The rent's own event is refused by the server (it never heard of the rent) and set
    # aside too; the one after it went through.
    stats = outbox.stats()
    assert (stats.depth, stats.rejected) == (0, 2)
    [(queued, code)] = outbox.rejected_reservations()
    assert (queued.rent_id, queued.request, code) == (
        refused,
        send_request(seeded),
        "compartment_taken",
    )
    assert [code for _, code in outbox.rejected()] == ["unknown_rent"]
    assert server_events(core)[-1] == ("out_of_service", "accepted")
    outbox.close()


def test_a_reservation_not_sent_is_retried_and_holds_back_what_follows(
    tmp_path: Path, embedded: EmbeddedBackend, core: BackendCore, seeded: Seeded
) -> None:
    """Unreachable, or the kiosk's token refused: the reservation is still good."""
    outbox = Outbox(tmp_path / "outbox.db")
    rent_id = str(uuid.uuid4())
    outbox.record_reservation(rent_id, send_request(seeded))
    outbox.record(ev("deposited", rent_id, "B2"))
    sink = Recorder(embedded)
    for error in (Unavailable("down"), Unauthorized("token")):
        sink.refuse = error
        report = outbox.deliver_once(sink)
        assert report.error is error
        assert (report.delivered, report.rejected, report.remaining) == (0, 0, 2)
    sink.refuse = None
    assert outbox.deliver_all(sink) == 2
    assert sink.calls == ["put:B2", "put:B2", "put:B2", "events:deposited"]
    assert server_events(core) == [("deposited", "accepted")]
    outbox.close()


def test_a_reservation_sent_but_not_settled_is_sent_again_harmlessly(
    tmp_path: Path, client: RestBackend, core: BackendCore, seeded: Seeded
) -> None:
    """A crash after the server answered the PUT, before the outbox settled it: the same
    PUT again returns the same rent, and the rent's events follow once."""
    path = tmp_path / "outbox.db"
    outbox = Outbox(path)
    rent_id = str(uuid.uuid4())
    outbox.record_reservation(rent_id, send_request(seeded))
    outbox.record(ev("deposited", rent_id, "B2"))
    # what deliver_once does, minus the settle: the process "dies" after the PUT
    [row] = outbox._store.next_batch(50, str(uuid.uuid4()))
    assert row.kind == "reservation"
    first = client.reserve_rent(rent_id, send_request(seeded))
    outbox.close()
    restarted = Outbox(path)
    assert restarted.stats().depth == 2
    assert restarted.deliver_all(client) == 2
    rent = core.store.rent(core.store.read(), rent_id)
    assert rent is not None
    assert rent["status"] == "deposited"
    assert first.rent_id == rent_id
    assert server_events(core) == [("deposited", "accepted")]
    restarted.close()


def test_an_outbox_from_before_reservations_keeps_its_events(
    tmp_path: Path, embedded: EmbeddedBackend, core: BackendCore
) -> None:
    """A kiosk upgraded with events in its outbox: the table gains ``kind``, nothing lost."""
    path = tmp_path / "outbox.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE outbox (seq INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE,"
        " type TEXT NOT NULL, rent_id TEXT, body TEXT NOT NULL,"
        " created_at DOUBLE PRECISION NOT NULL, state TEXT NOT NULL DEFAULT 'pending',"
        " batch_key TEXT, attempts INTEGER NOT NULL DEFAULT 0, reject_code TEXT,"
        " done_at DOUBLE PRECISION);"
    )
    old = [ev("door_opened"), ev("door_closed")]
    for i, e in enumerate(old):
        db.execute(
            "INSERT INTO outbox (event_id, type, rent_id, body, created_at, batch_key)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (e.event_id, e.type, None, msgspec.json.encode(e).decode(), 1.0 + i, "k1"),
        )
    db.commit()
    db.close()
    outbox = Outbox(path)
    assert outbox.stats().depth == 2
    outbox.record(ev("in_service"))
    assert outbox.deliver_all(embedded) == 3
    assert [t for t, _ in server_events(core)] == ["door_opened", "door_closed", "in_service"]
    outbox.close()


def test_a_sink_that_cannot_reserve_leaves_the_reservation_waiting(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    class EventsOnly:
        def send_events(
            self, events: Sequence[Event], *, idempotency_key: str | None = None
        ) -> list[EventResult]:
            return embedded.send_events(events)

    outbox = Outbox(tmp_path / "outbox.db")
    outbox.record_reservation(str(uuid.uuid4()), send_request(seeded))
    report = outbox.deliver_once(EventsOnly())
    assert report.error is not None
    assert report.remaining == 1
    outbox.close()
