"""Wrong-code lockout: limited tries, escalating waits, reset only by success."""

from __future__ import annotations

from kiosk.domain.attempts import AttemptLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_pickup_lockout_after_max_failures_then_escalates() -> None:
    clock = Clock()
    limiter = AttemptLimiter(max_failures=3, lockout_s=30, clock=clock)
    assert limiter.failure() == 0
    assert limiter.attempts_left() == 2
    assert limiter.failure() == 0
    assert limiter.failure() == 30
    assert limiter.locked_for() == 30
    clock.now += 31
    assert limiter.locked_for() == 0
    assert limiter.attempts_left() == 3
    for _ in range(2):
        assert limiter.failure() == 0
    assert limiter.failure() == 60  # second lockout doubles


def test_pickup_failure_while_locked_does_not_extend_or_count() -> None:
    clock = Clock()
    limiter = AttemptLimiter(max_failures=1, lockout_s=10, clock=clock)
    assert limiter.failure() == 10
    clock.now += 4
    assert limiter.failure() == 6
    clock.now += 6
    assert limiter.locked_for() == 0


def test_pickup_success_resets_everything() -> None:
    clock = Clock()
    limiter = AttemptLimiter(max_failures=2, lockout_s=10, clock=clock)
    limiter.failure()
    limiter.success()
    assert limiter.attempts_left() == 2
    limiter.failure()
    assert limiter.failure() == 10  # first lockout again, not a doubled one


def test_pickup_lockout_is_capped() -> None:
    clock = Clock()
    limiter = AttemptLimiter(max_failures=1, lockout_s=1000, max_lockout_s=1500, clock=clock)
    assert limiter.failure() == 1000
    clock.now += 1000
    assert limiter.failure() == 1500
