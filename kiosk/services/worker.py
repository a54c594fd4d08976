"""The one pattern for blocking I/O: a worker thread per device, fed by a queue.

A kiosk whose GUI thread waits on a serial port, a socket or a disk sync is a frozen screen
in front of a customer. Every blocking call therefore goes through a :class:`Worker`: the
GUI thread submits a plain callable, the worker runs the callables one at a time in
submission order (one device, one request at a time), and the result or the exception comes
back on the GUI thread, either to the callbacks given to :meth:`Worker.submit` or through the
``finished``/``failed`` signals.

Example::

    worker = Worker("board", parent=self)
    worker.start()
    worker.submit(bus.status, 1, on_done=self._show_status, on_error=self._board_failed)
    ...
    worker.stop()          # at shutdown: drains nothing, finishes the running job, joins
"""

from __future__ import annotations

import itertools
import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger("kiosk.services.worker")

_STOP = object()


@dataclass(frozen=True, slots=True)
class _Job:
    job_id: int
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


class _Thread(QThread):
    """Runs jobs from the queue; emits its results, never touches a widget."""

    result = Signal(int, object)
    error = Signal(int, object)

    def __init__(self, jobs: queue.SimpleQueue[object], name: str) -> None:
        super().__init__()
        self._jobs = jobs
        self.setObjectName(f"worker-{name}")

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            assert isinstance(job, _Job)
            try:
                value = job.fn(*job.args, **job.kwargs)
            except BaseException as exc:  # handed to the GUI thread, never swallowed
                self.error.emit(job.job_id, exc)
            else:
                self.result.emit(job.job_id, value)


class Worker(QObject):
    """A named worker thread with a FIFO queue of jobs.

    Signals:
        finished(int, object): job id and the callable's return value.
        failed(int, object): job id and the exception the callable raised.

    Both are emitted on the GUI thread (the thread that owns the Worker), after the
    job's own ``on_done``/``on_error`` callback has run.
    """

    finished = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"worker-{name}")
        self.name = name
        self._jobs: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._ids = itertools.count(1)
        self._callbacks: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None]
        ] = {}
        self._thread = _Thread(self._jobs, name)
        # Queued: the slots run on this object's (the GUI) thread.
        self._thread.result.connect(self._on_result)
        self._thread.error.connect(self._on_error)
        self._log = logging.getLogger(f"kiosk.services.worker.{name}")

    def start(self) -> None:
        """Start the thread; jobs submitted before this wait in the queue."""
        if not self._thread.isRunning():
            self._thread.start()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        **kwargs: Any,
    ) -> int:
        """Queue ``fn(*args, **kwargs)`` for the worker thread and return the job id."""
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        self._jobs.put(_Job(job_id, fn, args, kwargs))
        return job_id

    def pending(self) -> int:
        """Jobs submitted whose result has not reached the GUI thread yet."""
        return len(self._callbacks)

    def is_running(self) -> bool:
        """True while the thread runs."""
        return self._thread.isRunning()

    def request_stop(self, *, drain: bool = False) -> None:
        """Ask the thread to end after the running job (and, with ``drain``, the queued
        ones); returns at once. :meth:`join` waits for it. Several workers asked first and
        joined after stop in the time of the slowest, not the sum."""
        dropped = 0
        while not drain:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                break
            dropped += 1
        if dropped:
            self._log.debug("dropping %d queued jobs at stop", dropped)
        self._callbacks.clear()
        if self._thread.isRunning():
            self._jobs.put(_STOP)

    def join(self, timeout_ms: int = 5000) -> bool:
        """Wait for the thread to end; False if it did not within ``timeout_ms`` (it is
        then left to finish on its own: a stuck driver call must not hang the shutdown)."""
        if not self._thread.isRunning():
            return True
        ended = bool(self._thread.wait(timeout_ms))
        if not ended:
            self._log.error("worker %s did not stop within %d ms", self.name, timeout_ms)
        return ended

    def stop(self, timeout_ms: int = 5000, *, drain: bool = False) -> bool:
        """Let the running job finish, drop the queued ones (or run them: ``drain``), join.

        ``drain`` is for work that must not be lost at shutdown, such as outbox commits;
        their callbacks are not run any more. Returns False if the thread did not end
        within ``timeout_ms``.
        """
        self.request_stop(drain=drain)
        return self.join(timeout_ms)

    @Slot(int, object)
    def _on_result(self, job_id: int, value: object) -> None:
        on_done, _ = self._callbacks.pop(job_id, (None, None))
        if on_done is not None:
            on_done(value)
        self.finished.emit(job_id, value)

    @Slot(int, object)
    def _on_error(self, job_id: int, exc: object) -> None:
        _, on_error = self._callbacks.pop(job_id, (None, None))
        assert isinstance(exc, BaseException)
        if on_error is not None:
            on_error(exc)
        else:
            self._log.error(
                "job %d failed with no error handler: %s: %s", job_id, type(exc).__name__, exc
            )
        self.failed.emit(job_id, exc)
