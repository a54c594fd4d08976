"""Stopping a command-line program on SIGINT/SIGTERM with no lock in the signal handler.

Why not ``signal.signal(SIGINT, lambda *_: stop.set())`` with a ``threading.Event``: a
Python signal handler runs on the main thread between two bytecodes, wherever that thread
is, and ``Event.set()`` takes the Event's internal lock. A second signal arriving while the
handler of the first is inside ``set()`` (or while the main thread is in the locked part of
``Event.wait()``) runs ``set()`` again on the same thread, which then waits forever for a
lock it holds itself. Every later signal's handler queues up behind it the same way, so
the program ignores everything but SIGKILL: ``locker-kiosk-boardsim`` and the CLI's
``watch`` hung like this when signals came in quick succession during shutdown.

Here the Python handler only records the signal in a plain attribute, and the wake-up
goes through a pipe that the interpreter's C-level handler writes to
(:func:`signal.set_wakeup_fd`); the main loop waits on that pipe with ``select``. Nothing
in the handler can block, so any number of signals, at any moment, is harmless: the first
starts the shutdown, the others change nothing.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import threading
import time
from collections.abc import Iterable
from types import FrameType
from typing import Any

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class ShutdownSignals:
    """Context manager: catch SIGINT/SIGTERM and let the main loop wait for a stop.

    Outside the main thread (a test calling ``main()`` from a thread) no handler can be
    installed; :meth:`request` still works there, which is all such a caller needs.

    Attributes:
        received: The first signal caught, or None.
    """

    def __init__(self, signals: Iterable[signal.Signals] = _STOP_SIGNALS) -> None:
        self._signals = tuple(signals)
        self.received: int | None = None
        self._requested = False
        self._read_fd = -1
        self._write_fd = -1
        self._old_handlers: dict[signal.Signals, Any] = {}
        self._old_wakeup_fd: int | None = None

    def __enter__(self) -> ShutdownSignals:
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._read_fd, False)
        os.set_blocking(self._write_fd, False)
        if threading.current_thread() is threading.main_thread():
            self._old_wakeup_fd = signal.set_wakeup_fd(self._write_fd, warn_on_full_buffer=False)
            for signum in self._signals:
                self._old_handlers[signum] = signal.signal(signum, self._on_signal)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for signum, handler in self._old_handlers.items():
            signal.signal(signum, handler)
        self._old_handlers.clear()
        if self._old_wakeup_fd is not None:
            signal.set_wakeup_fd(self._old_wakeup_fd)
            self._old_wakeup_fd = None
        for fd in (self._read_fd, self._write_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._read_fd = self._write_fd = -1

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        # No lock, no I/O, no logging: see the module docstring. The C handler has already
        # written to the wake-up pipe.
        if self.received is None:
            self.received = signum

    @property
    def stopping(self) -> bool:
        """True once a signal arrived or :meth:`request` was called."""
        return self.received is not None or self._requested

    def request(self) -> None:
        """Ask for a stop from any thread (a "quit" typed on stdin, a duration ending)."""
        self._requested = True
        with contextlib.suppress(OSError):  # a full pipe already wakes the waiter
            os.write(self._write_fd, b"\0")

    def wait(self, timeout: float | None = None) -> bool:
        """Sleep until a stop is asked for or ``timeout`` seconds pass; return :attr:`stopping`."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self.stopping:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                break
            with contextlib.suppress(OSError, ValueError):
                select.select([self._read_fd], [], [], remaining)
            with contextlib.suppress(OSError):  # drain: other signals wake us up too
                while os.read(self._read_fd, 512):
                    pass
        return self.stopping
