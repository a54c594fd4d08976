"""Qt-facing backend service: backend calls, heartbeat and command long-poll off the GUI thread.

Three workers, because their calls block for very different times: ``backend`` runs what a
person waits for (verify a code, courier login, reserve), ``backend-heartbeat`` the periodic
heartbeat, ``backend-commands`` the long poll (which blocks up to ``poll_wait_s``). A slow
heartbeat therefore never delays a shopper's code check.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk import __version__
from kiosk.backend.api import (
    AckResult,
    BackendError,
    Command,
    DoorState,
    Heartbeat,
    HeartbeatReply,
    LockerBackend,
    PickupResult,
    redact,
)
from kiosk.backend.offline import OfflineMark
from kiosk.backend.outbox import OutboxStats
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.services.backend")

#: A clock further off than this from the server's is reported (``clock_skew``).
CLOCK_SKEW_WARN_S = 30.0


class BackendService(QObject):
    """Runs :class:`~kiosk.backend.api.LockerBackend` calls on workers; results as signals.

    Signals:
        pickup_verified(object): a :class:`~kiosk.backend.api.PickupResult` (``offline`` set
            when it was checked against cached codes).
        pickup_failed(object): the :class:`~kiosk.backend.api.BackendError` (CodeUnknown,
            TooManyAttempts with ``retry_after``, Unavailable, InvalidResponse, ...).
        heartbeat_sent(object): the :class:`~kiosk.backend.api.HeartbeatReply`.
        heartbeat_failed(object): the BackendError.
        reachable_changed(bool): whether the last heartbeat or long poll got an answer.
        answered(): the backend answered online: a heartbeat, a long poll, an ack, a pickup
            verified online (not from the offline cache) or any :meth:`call` that returned
            an online answer (not one a ResilientBackend served from its offline set).
            The outbox connects its ``kick`` here, so events recorded while the backend was
            down leave as soon as it is back instead of when their backoff ends.
        clock_skew(float): server time minus kiosk time in seconds, when it exceeds 30 s;
            once per change (out of step, or moved by more than 30 s since the last report),
            not at every heartbeat.
        command_received(object): a :class:`~kiosk.backend.api.Command`; emitted once per
            command id until it is acknowledged with :meth:`ack_command`.
        command_acked(str): the command id the backend accepted the ack for.
        command_ack_failed(str, object): command id and BackendError (retry by acking again).
        offline_codes_refreshed(int): rents in the offline cache after a refresh.
        offline_refresh_failed(object): the BackendError of a failed refresh.

    Args:
        backend: the backend (RestBackend, ResilientBackend, EmbeddedBackend).
        parent: Qt parent.
        heartbeat_s: seconds between heartbeats (the locker's ``settings.heartbeat_s``).
        poll_wait_s: long-poll wait sent to the backend.
        retry_ms: delay before polling again after a failed poll (with ±20 % jitter, so
            a fleet of kiosks does not reconnect in step). It bounds how long a kiosk takes
            to notice that its backend is back, hence the short default.
        doors: returns the doors' state for the heartbeat (from the board service).
        outbox_stats: returns the outbox's last stats (``OutboxService.stats``).
        refresh_offline: refreshes the offline-code cache (``ResilientBackend.
            refresh_offline_codes``); called at start and every ``offline_refresh_s``.
        offline_refresh_s: seconds between offline-code refreshes.
    """

    pickup_verified = Signal(object)
    pickup_failed = Signal(object)
    heartbeat_sent = Signal(object)
    heartbeat_failed = Signal(object)
    reachable_changed = Signal(bool)
    answered = Signal()
    clock_skew = Signal(float)
    command_received = Signal(object)
    command_acked = Signal(str)
    command_ack_failed = Signal(str, object)
    offline_codes_refreshed = Signal(int)
    offline_refresh_failed = Signal(object)

    def __init__(
        self,
        backend: LockerBackend,
        parent: QObject | None = None,
        *,
        heartbeat_s: float = 60.0,
        poll_wait_s: float = 25.0,
        retry_ms: int = 1500,
        doors: Callable[[], list[DoorState]] | None = None,
        outbox_stats: Callable[[], OutboxStats] | None = None,
        refresh_offline: Callable[[], int] | None = None,
        offline_refresh_s: float = 300.0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backend-service")
        self.backend = backend
        self._poll_wait_s = poll_wait_s
        self._retry_ms = retry_ms
        self._doors = doors or list
        self._outbox_stats = outbox_stats or (lambda: OutboxStats(0, 0.0, 0))
        self._started_at = time.monotonic()
        self._calls = Worker("backend", self)
        self._beats = Worker("backend-heartbeat", self)
        self._polls = Worker("backend-commands", self)
        self._heartbeat_timer = QTimer(self)
        self._heartbeat_timer.setInterval(max(1, int(heartbeat_s * 1000)))
        self._heartbeat_timer.timeout.connect(self.send_heartbeat)
        self._refresh_offline = refresh_offline
        self._offline_timer = QTimer(self)
        self._offline_timer.setInterval(max(1, int(offline_refresh_s * 1000)))
        self._offline_timer.timeout.connect(self.refresh_offline_codes)
        self._poll_timer = QTimer(self)
        self._poll_timer.setSingleShot(True)
        self._poll_timer.timeout.connect(self._poll)
        self._polling = False
        self._commands_on = False
        self._reachable: bool | None = None
        #: The clock skew last reported, None while the clock is in step.
        self._reported_skew: float | None = None
        # Commands handed to the app and not acked yet (every poll returns them again).
        self._in_hand: set[str] = set()

    # ------------------------------------------------------------ lifecycle
    def start(self, *, heartbeat: bool = True, commands: bool = True) -> None:
        """Start the workers, the heartbeat timer and the command long-poll loop."""
        self._calls.start()
        self._beats.start()
        self._polls.start()
        if heartbeat:
            self._heartbeat_timer.start()
            self.send_heartbeat()
        if self._refresh_offline is not None:
            self._offline_timer.start()
            self.refresh_offline_codes()
        if commands:
            self._commands_on = True
            self._poll_timer.start(0)

    def stop(self) -> None:
        """Stop timers and join the workers (a running long poll ends within its wait)."""
        self._commands_on = False
        self._heartbeat_timer.stop()
        self._offline_timer.stop()
        self._poll_timer.stop()
        # Ask all three first, then wait: shutdown takes the slowest (a long poll in
        # flight), not the sum of all.
        for worker in (self._calls, self._beats, self._polls):
            worker.request_stop()
        self._calls.join()
        self._beats.join()
        self._polls.join(int((self._poll_wait_s + 15) * 1000))

    def set_heartbeat_s(self, seconds: float) -> None:
        """A new heartbeat interval (the locker's ``settings.heartbeat_s`` arrived)."""
        self._heartbeat_timer.setInterval(max(1, int(seconds * 1000)))

    # ------------------------------------------------------------ calls people wait for
    def verify_pickup(
        self,
        code: str,
        phone: str | None = None,
        *,
        on_done: Callable[[PickupResult], None] | None = None,
        on_error: Callable[[BackendError], None] | None = None,
    ) -> None:
        """Check a pickup code; the answer comes as a signal (and to the callbacks)."""
        log.info("verifying pickup code %s", redact(code))

        def done(result: object) -> None:
            assert isinstance(result, PickupResult)
            if not result.offline:
                self.answered.emit()
            if on_done is not None:
                on_done(result)
            self.pickup_verified.emit(result)

        def failed(exc: BaseException) -> None:
            err = exc if isinstance(exc, BackendError) else _unexpected(exc)
            if on_error is not None:
                on_error(err)
            self.pickup_failed.emit(err)

        self._calls.submit(self.backend.verify_pickup, code, phone, on_done=done, on_error=failed)

    def call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BackendError], None] | None = None,
        **kwargs: Any,
    ) -> int:
        """Run any backend method (``service.call(service.backend.verify_send, code, ...)``).

        Errors reach ``on_error`` as BackendError (anything else is wrapped as one).
        Returns the worker's job id.
        """
        mark = getattr(self.backend, "offline_mark", None)
        marked = mark if isinstance(mark, OfflineMark) else None

        def run() -> tuple[Any, bool]:
            # On the worker: the mark is per thread, read right after the call set it.
            if marked is not None:
                marked.offline = False
            value = fn(*args, **kwargs)
            return value, marked is not None and marked.offline

        def done(answer: object) -> None:
            assert isinstance(answer, tuple)
            result, offline = answer
            if not offline:
                self.answered.emit()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            err = exc if isinstance(exc, BackendError) else _unexpected(exc)
            if on_error is not None:
                on_error(err)
            else:
                log.error("backend call %s failed: %s", getattr(fn, "__name__", fn), err.code)

        return self._calls.submit(run, on_done=done, on_error=failed)

    # ------------------------------------------------------------ heartbeat
    def send_heartbeat(self) -> None:
        """Send one heartbeat now (the timer calls this every ``heartbeat_s``)."""
        stats = self._outbox_stats()
        beat = Heartbeat(
            app_version=__version__,
            uptime_s=round(time.monotonic() - self._started_at, 1),
            outbox_depth=stats.depth,
            oldest_event_age_s=round(stats.oldest_age_s, 1),
            doors=self._doors(),
        )
        sent_at = time.time()

        def done(reply: object) -> None:
            assert isinstance(reply, HeartbeatReply)
            self._set_reachable(True)
            self.answered.emit()
            received = time.time()
            self._check_skew(reply.server_time.timestamp() - (sent_at + received) / 2)
            self.heartbeat_sent.emit(reply)

        def failed(exc: BaseException) -> None:
            err = exc if isinstance(exc, BackendError) else _unexpected(exc)
            self._set_reachable(False)
            log.info("heartbeat failed: %s", err.code)
            self.heartbeat_failed.emit(err)

        self._beats.submit(self.backend.heartbeat, beat, on_done=done, on_error=failed)

    def _check_skew(self, skew: float) -> None:
        """Report a wrong kiosk clock once per change, not at every heartbeat.

        A change is the clock going out of step, coming back in step, or moving by more
        than the threshold again (someone set it, or it drifts). Expiry offline does not
        depend on this report: the offline verifier keeps the server's time itself.
        """
        reported = self._reported_skew
        if abs(skew) <= CLOCK_SKEW_WARN_S:
            if reported is not None:
                log.info("kiosk clock back in step with the server's (%.0f s off)", -skew)
                self._reported_skew = None
            return
        if reported is not None and abs(skew - reported) <= CLOCK_SKEW_WARN_S:
            return
        self._reported_skew = skew
        log.warning("kiosk clock is %.0f s off the server's", -skew)
        self.clock_skew.emit(skew)

    def refresh_offline_codes(self) -> None:
        """Refresh the offline-code cache now (on the heartbeat worker)."""
        if self._refresh_offline is None:
            return

        def done(count: object) -> None:
            assert isinstance(count, int)
            self.offline_codes_refreshed.emit(count)

        def failed(exc: BaseException) -> None:
            err = exc if isinstance(exc, BackendError) else _unexpected(exc)
            log.info("offline codes not refreshed: %s", err.code)
            self.offline_refresh_failed.emit(err)

        self._beats.submit(self._refresh_offline, on_done=done, on_error=failed)

    # ------------------------------------------------------------ commands
    def ack_command(self, command_id: str, result: AckResult, detail: str = "") -> None:
        """Acknowledge a command; until the backend has the ack it keeps sending it."""

        def done(_: object) -> None:
            self.answered.emit()
            self._in_hand.discard(command_id)
            self.command_acked.emit(command_id)

        def failed(exc: BaseException) -> None:
            err = exc if isinstance(exc, BackendError) else _unexpected(exc)
            log.warning("ack of command %s failed: %s", command_id, err.code)
            self.command_ack_failed.emit(command_id, err)

        self._beats.submit(
            self.backend.ack_command, command_id, result, detail, on_done=done, on_error=failed
        )

    def _poll(self) -> None:
        if not self._commands_on or self._polling:
            return
        self._polling = True
        # Not known to be reachable (at start, or after a failed call): poll without waiting.
        # A long poll to a backend that has just come back would only return, and so only
        # tell anyone it is back, after the whole wait (25 s); a short one answers at once,
        # and the outbox is kicked (``answered``) within one retry interval of the recovery.
        wait = self._poll_wait_s if self._reachable else 0.0
        self._polls.submit(
            self.backend.poll_commands,
            wait,
            on_done=self._polled,
            on_error=self._poll_failed,
        )

    def _polled(self, commands: object) -> None:
        self._polling = False
        self._set_reachable(True)
        self.answered.emit()
        assert isinstance(commands, list)
        for command in commands:
            assert isinstance(command, Command)
            if command.command_id in self._in_hand:
                continue
            # One acked before comes back when the backend did not keep the ack (or this
            # poll raced it): handed on again, so the command desk acknowledges it again
            # (without acting twice). Skipped, it would stay pending at the backend for ever.
            self._in_hand.add(command.command_id)
            log.info("command %s: %s", command.command_id, command.type)
            self.command_received.emit(command)
        if self._commands_on:
            # Pending commands come back at once on the next poll: wait a little then.
            self._poll_timer.start(self._retry_ms if self._in_hand else 0)

    def _poll_failed(self, exc: BaseException) -> None:
        self._polling = False
        err = exc if isinstance(exc, BackendError) else _unexpected(exc)
        self._set_reachable(False)
        log.info("command poll failed: %s", err.code)
        if self._commands_on:
            self._poll_timer.start(int(self._retry_ms * random.uniform(0.8, 1.2)))

    def _set_reachable(self, value: bool) -> None:
        if value != self._reachable:
            self._reachable = value
            self.reachable_changed.emit(value)


def _unexpected(exc: BaseException) -> BackendError:
    log.error("unexpected error in a backend call: %s: %s", type(exc).__name__, exc)
    err = BackendError(f"{type(exc).__name__}")
    err.__cause__ = exc
    return err
