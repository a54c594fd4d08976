"""The durable outbox: events the kiosk must not lose, delivered exactly once.

It holds two kinds of items in one order: events (#8) and reservations made while the
backend was unreachable (a PUT #7 to send later, :meth:`Outbox.record_reservation`). A
reservation is sent alone, before every event recorded after it, so the backend knows a rent
before its ``deposited`` arrives. Accepted, the outbox goes on; refused for good (a 4xx
answer: unknown parcel, compartment taken, already delivered, size mismatch) it is set aside
like a rejected event (kept, counted) and never holds back what follows; unreachable, it is
retried with the same backoff as events. A PUT is idempotent (the same rent id and body give
the same rent), so a crash between sending and settling simply sends it again.

:meth:`Outbox.record` commits the event to SQLite (WAL, ``synchronous=FULL``) before it
returns, so once the screen says "done" the event survives a crash or a power cut.
:meth:`Outbox.deliver_once` sends one batch, oldest first, and settles the answer; the
Qt service (:mod:`kiosk.services.outbox`) calls it on a worker thread and backs off while
the backend is down.

Exactly once at the backend: a batch keeps its ``Idempotency-Key`` until it is answered
(a retry after a crash sends the same body under the same key), and the backend
deduplicates by ``event_id`` for ever anyway. An event the server rejects for good is set
aside (kept, counted) and never holds back the ones after it. If the server refuses a
whole batch as malformed, the sender retries event by event so the bad one is found and
set aside alone.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import msgspec

from kiosk.backend.api import (
    BackendError,
    BadRequest,
    Event,
    EventResult,
    IdempotencyKeyReused,
    PayloadTooLarge,
    Rent,
    RentRequest,
)
from kiosk.backend.statefile import open_state_db
from kiosk.backend.store import OUTBOX_RESERVATION, OutboxRow, OutboxStore

log = logging.getLogger("kiosk.backend.outbox")

DEFAULT_BATCH = 50


class EventSink(Protocol):
    """The part of :class:`~kiosk.backend.api.LockerBackend` the outbox needs."""

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        """Deliver a batch, oldest first; one result per event."""
        ...


@runtime_checkable
class RentSink(Protocol):
    """What the outbox needs to send a queued reservation (a LockerBackend has it)."""

    def reserve_rent(
        self, rent_id: str, request: RentRequest, *, session_token: str | None = None
    ) -> Rent:
        """PUT #7."""
        ...


class QueuedReservation(msgspec.Struct, frozen=True):
    """A reservation in the outbox: the PUT #7 to send, exactly as it will be sent."""

    rent_id: str
    request: RentRequest


#: Key prefix of reservation rows (event ids are UUIDs, so the two never meet).
RESERVATION_KEY = "rent:"

DELIVERED_KEEP_S = 7 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class OutboxStats:
    """For the heartbeat and the admin panel.

    Attributes:
        depth: items (events and reservations) waiting to be delivered.
        oldest_age_s: age of the oldest waiting item, 0 when none waits.
        rejected: items the backend refused for good (set aside, kept).
    """

    depth: int
    oldest_age_s: float
    rejected: int


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one :meth:`Outbox.deliver_once` did.

    Attributes:
        sent: events in the batch sent (0 if nothing was pending).
        delivered: accepted or duplicate at the backend.
        rejected: set aside.
        remaining: events still pending afterwards.
        error: the error that stopped delivery (backend unreachable, ...), or None.
        rejected_events: (key, code) of each item set aside in this step: an event id,
            or ``rent:<rent_id>`` for a reservation.
    """

    sent: int
    delivered: int
    rejected: int
    remaining: int
    error: BackendError | None = None
    rejected_events: tuple[tuple[str, str], ...] = ()


class Outbox:
    """A durable FIFO of :class:`~kiosk.backend.api.Event` for one backend.

    Thread-safe: record from any thread while another delivers. Blocking (disk sync,
    network): never call it on the GUI thread.

    Args:
        path: the SQLite file (created if needed; a damaged one is moved aside and a
            fresh one started, see :mod:`kiosk.backend.statefile`).
        batch_size: events per POST.
        clock: seconds since the epoch (tests pass their own).

    Raises:
        StateFileError: the file cannot be opened or replaced (directory not writable).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        batch_size: int = DEFAULT_BATCH,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = open_state_db(path, OutboxStore, "outbox", clock=clock)
        self._batch_size = max(1, batch_size)
        self._clock = clock
        # One delivery at a time: two senders would send the same batch twice.
        self._deliver_lock = threading.Lock()
        self._single = False  # after a whole batch was refused: find the bad event alone

    @property
    def path(self) -> str:
        """The SQLite file."""
        return self._store.path

    def close(self) -> None:
        """Close the database."""
        self._store.close()

    def record(self, event: Event) -> bool:
        """Commit ``event``; returns when it is on disk. False if its id was already recorded."""
        new = self._store.insert(
            event_id=event.event_id,
            type_=event.type,
            rent_id=event.rent_id,
            body=msgspec.json.encode(event).decode(),
            created_at=self._clock(),
        )
        if new:
            log.debug("recorded %s %s", event.type, event.event_id)
        else:
            log.info("event %s was already recorded", event.event_id)
        return new

    def stats(self) -> OutboxStats:
        """Depth, oldest age and the rejected count."""
        depth, oldest, rejected = self._store.stats()
        age = 0.0 if oldest is None else max(0.0, self._clock() - oldest)
        return OutboxStats(depth=depth, oldest_age_s=age, rejected=rejected)

    def rejected(self) -> list[tuple[Event, str]]:
        """Events set aside, with the code the backend gave, oldest first."""
        out = []
        for _event_id, code, body in self._store.rejected():
            out.append((msgspec.json.decode(body, type=Event), code))
        return out

    def record_reservation(self, rent_id: str, request: RentRequest) -> bool:
        """Queue a PUT #7 behind what is already recorded; returns once it is on disk.

        False if a reservation of ``rent_id`` was already queued (it is not queued twice).
        """
        body = msgspec.json.encode(QueuedReservation(rent_id, request)).decode()
        new = self._store.insert(
            event_id=RESERVATION_KEY + rent_id,
            type_="reservation",
            rent_id=rent_id,
            body=body,
            created_at=self._clock(),
            kind=OUTBOX_RESERVATION,
        )
        if new:
            log.info("reservation %s queued for the backend", rent_id)
        return new

    def rejected_reservations(self) -> list[tuple[QueuedReservation, str]]:
        """Reservations the backend refused, with its code, oldest first."""
        return [
            (msgspec.json.decode(body, type=QueuedReservation), code)
            for _key, code, body in self._store.rejected(OUTBOX_RESERVATION)
        ]

    def has_event(self, rent_id: str, types: tuple[str, ...]) -> bool:
        """True if an event of one of ``types`` was recorded for ``rent_id``."""
        return self._store.has_event(rent_id, types)

    def deliver_once(self, backend: EventSink) -> DeliveryReport:
        """Send one batch and settle the answer. Never raises a BackendError: it is reported."""
        with self._deliver_lock:
            limit = 1 if self._single else self._batch_size
            rows = self._store.next_batch(limit, str(uuid.uuid4()))
            if not rows:
                self._single = False
                return DeliveryReport(0, 0, 0, 0)
            if rows[0].kind == OUTBOX_RESERVATION:
                return self._deliver_reservation(rows[0], backend)
            key = rows[0].batch_key
            events: list[Event] = []
            for row in rows:
                events.append(msgspec.json.decode(row.body, type=Event))
            try:
                results = backend.send_events(events, idempotency_key=key)
            except (BadRequest, PayloadTooLarge) as exc:
                if len(rows) > 1:
                    log.warning(
                        "backend refused a batch of %d (%s); retrying one by one",
                        len(rows),
                        exc.code,
                    )
                    self._single = True
                    self._store.clear_batch_keys()
                    return self._report(len(rows), 0, 0, exc)
                log.error("event %s refused by the backend: %s", rows[0].event_id, exc.code)
                aside = [(rows[0].event_id, exc.code)]
                self._store.settle([], aside, [], self._clock())
                self._single = False  # found it: back to full batches
                return self._report(1, 0, 1, None, aside)
            except IdempotencyKeyReused as exc:
                log.warning("batch key refused as reused; the batch gets a new key")
                self._store.clear_batch_keys()
                return self._report(len(rows), 0, 0, exc)
            except BackendError as exc:
                log.info("outbox delivery failed: %s", exc.code)
                return self._report(len(rows), 0, 0, exc)
            answered = {r.event_id: r for r in results}
            delivered = [e.event_id for e in events if e.event_id in answered
                         and answered[e.event_id].status != "rejected"]  # fmt: skip
            rejected = [
                (e.event_id, answered[e.event_id].code or "rejected")
                for e in events
                if e.event_id in answered and answered[e.event_id].status == "rejected"
            ]
            unanswered = [e.event_id for e in events if e.event_id not in answered]
            for event_id, code in rejected:
                log.warning("event %s rejected by the backend: %s", event_id, code)
            self._store.settle(delivered, rejected, unanswered, self._clock())
            return self._report(len(rows), len(delivered), len(rejected), None, rejected)

    def _deliver_reservation(self, row: OutboxRow, backend: EventSink) -> DeliveryReport:
        """PUT one queued reservation and settle the answer (see the module docstring)."""
        queued = msgspec.json.decode(row.body, type=QueuedReservation)
        if not isinstance(backend, RentSink):
            log.error("outbox backend cannot reserve; reservation %s waits", queued.rent_id)
            self._store.settle([], [], [row.event_id], self._clock())
            return self._report(1, 0, 0, BackendError("backend cannot reserve rents"))
        try:
            backend.reserve_rent(queued.rent_id, queued.request)
        except BackendError as exc:
            if _refused_for_good(exc):
                log.warning("reservation %s refused by the backend: %s", queued.rent_id, exc.code)
                aside = [(row.event_id, exc.code)]
                self._store.settle([], aside, [], self._clock())
                return self._report(1, 0, 1, None, aside)
            log.info("queued reservation not sent: %s", exc.code)
            self._store.settle([], [], [row.event_id], self._clock())
            return self._report(1, 0, 0, exc)
        log.info("queued reservation %s accepted", queued.rent_id)
        self._store.settle([row.event_id], [], [], self._clock())
        return self._report(1, 1, 0, None)

    def _report(
        self,
        sent: int,
        delivered: int,
        rejected: int,
        error: BackendError | None,
        aside: list[tuple[str, str]] | None = None,
    ) -> DeliveryReport:
        depth, _, _ = self._store.stats()
        return DeliveryReport(sent, delivered, rejected, depth, error, tuple(aside or ()))

    def deliver_all(self, backend: EventSink, max_batches: int = 1_000_000) -> int:
        """Deliver until empty or an error; returns events delivered or set aside."""
        done = 0
        for _ in range(max_batches):
            report = self.deliver_once(backend)
            done += report.delivered + report.rejected
            if report.error is not None or report.remaining == 0:
                break
        return done

    def purge(self) -> int:
        """Forget delivered events older than a week (rejected ones are kept)."""
        return self._store.purge_delivered(self._clock() - DELIVERED_KEEP_S)


def _refused_for_good(exc: BackendError) -> bool:
    """A 4xx answer about the reservation itself: sending it again changes nothing.

    Not a 401 (the kiosk's token was refused: once it is fixed the reservation is still
    good; events wait for the same fix), a 408 or a 429 (try later). Anything else
    (unreachable, 5xx, an answer that cannot be trusted) is retried.
    """
    return 400 <= exc.status < 500 and exc.status not in (401, 408, 429)
