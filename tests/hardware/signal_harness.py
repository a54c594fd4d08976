"""Run a program's ``main()`` so that a second signal always lands inside the first's handler.

Used by ``test_signals.py`` as ``python -m tests.hardware.signal_harness MODULE [ARGS]``.
The race it makes certain: a handler that takes a lock (``threading.Event.set``) and is
interrupted by the next signal while holding it deadlocks the main thread for good. Real
signals hit that window only now and then; here every Python line run by the outermost
handler sends the process the same signal once more, so the nested handler runs at each point of
the outer one, the locked part included. A handler that takes no lock shrugs it off.

The program is untouched: ``signal.signal`` is wrapped only to know when a handler runs,
and a trace function on the main thread does the sending.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import TraceFunction

_depth = 0
_sent = 0
_signum = signal.SIGTERM
LIMIT = 50  # extra signals per outermost handler run; plenty to cover a few lines


def _wrap(handler: Any) -> Any:
    if not callable(handler):
        return handler

    def wrapped(signum: int, frame: FrameType | None) -> Any:
        global _depth, _sent, _signum
        if _depth == 0:  # before _depth says "inside": these lines are traced too
            _sent = 0
            _signum = signal.Signals(signum)
        _depth += 1
        try:
            return handler(signum, frame)
        finally:
            _depth -= 1

    return wrapped


def _trace(frame: FrameType, event: str, arg: Any) -> TraceFunction:
    global _sent
    if event == "line" and _depth == 1 and _sent < LIMIT:
        _sent += 1
        os.kill(os.getpid(), _signum)
    return _trace


def main() -> int:
    module = importlib.import_module(sys.argv[1])
    real_signal = signal.signal
    signal.signal = lambda signum, handler: real_signal(signum, _wrap(handler))  # type: ignore[assignment]
    sys.settrace(_trace)
    code: int = module.main(sys.argv[2:])
    return code


if __name__ == "__main__":
    sys.exit(main())
