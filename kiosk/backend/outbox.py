"""The durable outbox: events the kiosk must not lose, delivered exactly once.

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
from typing import Protocol

import msgspec

from kiosk.backend.api import (
    BackendError,
    BadRequest,
    Event,
    EventResult,
    IdempotencyKeyReused,
    PayloadTooLarge,
)
from kiosk.backend.statefile import open_state_db
from kiosk.backend.store import OutboxStore

log = logging.getLogger("kiosk.backend.outbox")

DEFAULT_BATCH = 50


class EventSink(Protocol):
    """The part of :class:`~kiosk.backend.api.LockerBackend` the outbox needs."""

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        """Deliver a batch, oldest first; one result per event."""
        ...


DELIVERED_KEEP_S = 7 * 24 * 3600.0


@dataclass(frozen=True, slots=True)
class OutboxStats:
    """For the heartbeat and the admin panel.

    Attributes:
        depth: events waiting to be delivered.
        oldest_age_s: age of the oldest waiting event, 0 when none waits.
        rejected: events the backend refused for good (set aside, kept).
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
        rejected_events: (event id, code) of each event set aside in this step.
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
