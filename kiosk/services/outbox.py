"""Qt-facing outbox: record events off the GUI thread, deliver them in the background.

Two workers, so that a slow or unreachable backend never delays a record (the screen waits
for ``recorded`` before it says "done"): ``outbox-write`` commits, ``outbox-send`` delivers.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.backend.api import Event
from kiosk.backend.outbox import DeliveryReport, EventSink, Outbox, OutboxStats
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.services.outbox")


class OutboxService(QObject):
    """Records events durably and delivers them with backoff while the backend is down.

    Signals:
        recorded(str): an event id, emitted once the event is committed to disk.
        record_failed(str, object): event id and the exception (disk full, ...).
        delivered(int): events accepted (or duplicate) in one batch.
        rejected(str, str): event id and the backend's code; the event was set aside.
        stats_changed(object): an :class:`~kiosk.backend.outbox.OutboxStats` after each
            record or delivery (depth, oldest age, rejected count).
        backend_reachable(bool): False when a delivery failed, True when one succeeded.

    Args:
        outbox: the durable outbox (its file is opened by the caller).
        backend: where to deliver (RestBackend, EmbeddedBackend, ...).
        parent: Qt parent.
        idle_ms: how often to look for work when nothing happens.
        min_backoff_ms / max_backoff_ms: retry delays after a failed delivery (doubling,
            with jitter).
    """

    recorded = Signal(str)
    record_failed = Signal(str, object)
    delivered = Signal(int)
    rejected = Signal(str, str)
    stats_changed = Signal(object)
    backend_reachable = Signal(bool)

    def __init__(
        self,
        outbox: Outbox,
        backend: EventSink,
        parent: QObject | None = None,
        *,
        idle_ms: int = 5000,
        min_backoff_ms: int = 1000,
        max_backoff_ms: int = 30_000,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outbox-service")
        self._outbox = outbox
        self._backend = backend
        self._idle_ms = idle_ms
        self._min_backoff_ms = min_backoff_ms
        self._max_backoff_ms = max_backoff_ms
        self._backoff_ms = 0
        self._writer = Worker("outbox-write", self)
        self._sender = Worker("outbox-send", self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._send_step)
        self._sending = False
        self._kicked = False
        self._running = False
        self._reachable: bool | None = None
        self._last_stats = OutboxStats(0, 0.0, 0)
        #: Records handed to the writer and not yet answered (see after_writes).
        self._writing = 0

    @property
    def stats(self) -> OutboxStats:
        """The last known depth, oldest age and rejected count (no disk access)."""
        return self._last_stats

    def start(self) -> None:
        """Start both workers and the delivery loop."""
        self._running = True
        self._writer.start()
        self._sender.start()
        self._writer.submit(self._outbox.purge)  # delivered rows older than a week
        self._refresh_stats()
        self._schedule(0)

    def stop(self) -> None:
        """Stop the loop and join both workers (a running send finishes first)."""
        self._running = False
        self._timer.stop()
        # Events handed over just before shutdown (a door left open at the last moment)
        # are committed, not dropped.
        self._writer.stop(drain=True)
        self._sender.stop()

    def record(self, event: Event) -> None:
        """Commit ``event`` on the writer thread; ``recorded`` follows, then a delivery try."""

        def done(_new: object) -> None:
            self._writing -= 1
            self.recorded.emit(event.event_id)
            self._refresh_stats()
            if self._running and not self._sending and self._backoff_ms == 0:
                self._schedule(0)

        def failed(exc: BaseException) -> None:
            self._writing -= 1
            log.error("could not record event %s: %s", event.event_id, exc)
            self.record_failed.emit(event.event_id, exc)

        self._writing += 1
        self._writer.submit(self._outbox.record, event, on_done=done, on_error=failed)

    def after_writes(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` (on the GUI thread) once every event handed to :meth:`record` so far
        is on disk: at once if none is in flight.

        A reservation made offline is queued in the outbox by the backend worker; an event
        recorded just before it (the ``cancelled`` of the parcel's previous rent) must be
        ahead of it in the outbox, or the backend hears of the new rent before the old one
        is cancelled and refuses it as already delivered. The writer runs jobs in order,
        so a no-op submitted now finishes after every record before it.
        """
        if self._writing == 0:
            fn()
            return
        self._writer.submit(_nothing, on_done=lambda _: fn(), on_error=lambda _: fn())

    def refresh_stats(self) -> None:
        """Read the depth and counts again (something was queued by another path, such as
        a reservation made offline); ``stats_changed`` follows."""
        self._refresh_stats()

    def kick(self) -> None:
        """Try to deliver now: the backend answered (a heartbeat, a poll, an online call).

        The backoff is forgotten, so events recorded during an outage leave at once rather
        than when the last retry delay ends (up to ``max_backoff_ms``). A kick that comes
        while a delivery is under way (one started before the backend came back, which may
        still fail) is kept and acted on when that delivery returns.
        """
        self._backoff_ms = 0
        if not self._running:
            return
        if self._sending:
            self._kicked = True
        else:
            self._schedule(0)

    # ------------------------------------------------------------ loop
    def _schedule(self, delay_ms: int) -> None:
        self._timer.start(max(0, delay_ms))

    def _send_step(self) -> None:
        if not self._running or self._sending:
            return
        self._sending = True
        self._sender.submit(
            self._outbox.deliver_once, self._backend, on_done=self._sent, on_error=self._crashed
        )

    def _sent(self, report: object) -> None:
        assert isinstance(report, DeliveryReport)
        self._sending = False
        kicked, self._kicked = self._kicked, False
        if report.delivered:
            self.delivered.emit(report.delivered)
        for event_id, code in report.rejected_events:
            self.rejected.emit(event_id, code)
        self._refresh_stats()
        if report.error is not None:
            self._set_reachable(False)
            self._backoff_ms = min(
                self._max_backoff_ms, max(self._min_backoff_ms, self._backoff_ms * 2)
            )
            # Kicked meanwhile: the backend answered after this delivery had started.
            delay = 0 if kicked else int(self._backoff_ms * random.uniform(0.8, 1.2))
            log.info("outbox delivery failed (%s); retry in %d ms", report.error.code, delay)
            if self._running:
                self._schedule(delay)
            return
        if report.sent:
            self._set_reachable(True)
        self._backoff_ms = 0
        if self._running:
            self._schedule(0 if report.remaining else self._idle_ms)

    def _crashed(self, exc: BaseException) -> None:
        # deliver_once reports backend errors; anything else is a bug or a disk failure.
        log.error("outbox sender failed: %s: %s", type(exc).__name__, exc)
        self._sending = False
        self._backoff_ms = self._max_backoff_ms
        if self._running:
            self._schedule(self._backoff_ms)

    def _refresh_stats(self) -> None:
        def got(stats: object) -> None:
            assert isinstance(stats, OutboxStats)
            self._last_stats = stats
            self.stats_changed.emit(stats)

        self._writer.submit(self._outbox.stats, on_done=got)

    def _set_reachable(self, value: bool) -> None:
        if value != self._reachable:
            self._reachable = value
            self.backend_reachable.emit(value)


def _nothing() -> None:
    """A job that only marks its place in the writer's queue (:meth:`after_writes`)."""
