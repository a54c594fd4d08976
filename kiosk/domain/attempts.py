"""The wrong-code lockout: a fixed number of tries, then an escalating wait.

Guessing pickup codes at the screen is the cheapest attack on a locker, so wrong codes
are limited per kiosk screen, not per flow: starting the flow again, switching language
or walking away does not reset the count. After ``max_failures`` wrong codes the screen
locks for ``lockout_s``; each further lockout doubles the wait (capped at ``max_lockout_s``).
A correct code resets everything. Pure logic with an injected clock, so it is tested
without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class AttemptLimiter:
    """Counts wrong codes and decides when and for how long input is locked."""

    max_failures: int = 5
    lockout_s: float = 60.0
    max_lockout_s: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    _failures: int = field(default=0, init=False)
    _lockouts: int = field(default=0, init=False)
    _locked_until: float = field(default=0.0, init=False)

    def locked_for(self) -> float:
        """Seconds until input is accepted again (0 when not locked)."""
        return max(0.0, self._locked_until - self.clock())

    def attempts_left(self) -> int:
        """Wrong codes still allowed before the next lockout."""
        return max(0, self.max_failures - self._failures)

    def failure(self) -> float:
        """Record a wrong code; returns the lockout it causes in seconds (0 for none)."""
        if self.locked_for() > 0:
            return self.locked_for()
        self._failures += 1
        if self._failures < self.max_failures:
            return 0.0
        wait = float(min(self.lockout_s * 2.0**self._lockouts, self.max_lockout_s))
        self._lockouts += 1
        self._failures = 0
        self._locked_until = self.clock() + wait
        return wait

    def success(self) -> None:
        """A correct code: the next person starts with a clean slate."""
        self._failures = 0
        self._lockouts = 0
        self._locked_until = 0.0
