"""The guess limiter: how many codes may be checked at one locker, and when.

Guessing codes is the cheapest attack on a parcel locker, and a lockout that refuses
everybody after a few wrong codes hands a vandal the power to close the locker for the
next customer. So codes are not counted as right or wrong at all: *every checked code*
spends from one budget per locker, a token bucket.

- The bucket holds at most ``burst`` checks (default 10): a family with three parcels and
  a typo or two never notices it.
- It refills by one check every ``interval_s`` seconds (default 30). Over an hour at most
  ``burst + 3600 / interval_s`` codes are checked (130 with the defaults, then 120 an
  hour, 2,890 a day), while the person with the right code, arriving after a vandal,
  waits at most one interval. Against 6-digit codes (10^6) that bounds the rate, not the
  outcome: even odds at one given code take 500,000 checks (about six months), but a
  locker holding 50 live codes gives even odds of hitting one of them in about 14,000
  checks, under five days (about 13 % a day). A locker whose budget stays spent is
  being guessed at; where that risk is too high, codes need more room
  (``pickup_requires_phone``, longer or alphanumeric codes).
- Over budget, a code (right or wrong, pickup, send or courier PIN) is refused *unchecked*
  with the seconds until the next check is allowed. A refused request spends nothing and
  does not push the wait further out.
- A successful check neither resets the budget (else one valid code, repeated, would
  launder thousands of wrong ones) nor uses the code up.

The same rule runs on the server (state in its database, taken inside a write
transaction) and on the kiosk for offline checks (state on disk), both through
:func:`spend`. Pure logic, no clock of its own: the caller passes ``now`` — a monotonic
clock where one process owns the budget, so a wrong wall clock cannot refill it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULT_BURST = 10
DEFAULT_INTERVAL_S = 30.0


@dataclass(frozen=True)
class GuessRule:
    """How many checks may come at once (``burst``) and how fast they refill."""

    burst: int = DEFAULT_BURST
    interval_s: float = DEFAULT_INTERVAL_S

    def __post_init__(self) -> None:
        if self.burst < 1:
            raise ValueError(f"guess_burst must be at least 1, got {self.burst}")
        if not self.interval_s > 0:
            raise ValueError(f"guess_interval_s must be positive, got {self.interval_s}")

    def per_hour(self) -> float:
        """The most checks one hour can hold: a full bucket plus an hour of refills."""
        return self.burst + 3600.0 / self.interval_s


@dataclass(frozen=True)
class Budget:
    """What is left in the bucket (``tokens``) as of the time ``at``."""

    tokens: float
    at: float

    @classmethod
    def full(cls, rule: GuessRule, now: float) -> Budget:
        """A fresh locker (or one never guessed at): the whole burst is available."""
        return cls(float(rule.burst), now)

    def refilled(self, rule: GuessRule, now: float) -> Budget:
        """The budget at ``now``: refills since ``at``, capped at the burst.

        A clock that went backwards (a wall clock corrected by NTP) refills nothing; the
        budget is kept at its old time so the jump cannot be used to mint checks.
        """
        if now <= self.at:
            return Budget(self.tokens, self.at)
        tokens = min(float(rule.burst), self.tokens + (now - self.at) / rule.interval_s)
        return Budget(tokens, now)


def spend(budget: Budget, rule: GuessRule, now: float) -> tuple[Budget, float]:
    """Try to spend one check at ``now``.

    Returns:
        The new budget and ``0.0`` when the check may run (one token spent), or the
        unchanged budget and the seconds to wait (``Retry-After``, rounded up to a whole
        second, at least 1) when it may not.
    """
    current = budget.refilled(rule, now)
    if current.tokens >= 1.0:
        return Budget(current.tokens - 1.0, current.at), 0.0
    wait = (1.0 - current.tokens) * rule.interval_s
    return budget, float(max(1, math.ceil(wait - 1e-9)))
