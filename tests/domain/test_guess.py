"""The guess limiter: a burst, then one check per interval; refusals cost nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.domain.guess import Budget, GuessRule, spend


class GuessLimiter:
    """A :class:`Budget` held in memory and spent with :func:`spend`, as the server and the
    offline verifier do with theirs on disk.

    Args:
        rule: burst and interval.
        clock: a monotonic clock in seconds.
    """

    def __init__(self, rule: GuessRule, clock: Callable[[], float]) -> None:
        self.rule = rule
        self._clock = clock
        self.budget = Budget.full(rule, self._now())

    def _now(self) -> float:
        return float(self._clock())

    def try_check(self) -> float:
        """Spend one check: ``0.0`` when allowed, else the seconds to wait."""
        self.budget, wait = spend(self.budget, self.rule, self._now())
        return wait

    def set_rule(self, rule: GuessRule) -> None:
        """New settings from the backend; what is left carries over, capped."""
        now = self._now()
        current = self.budget.refilled(self.rule, now)
        self.rule = rule
        self.budget = Budget(min(current.tokens, float(rule.burst)), current.at)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_burst_then_one_check_per_interval() -> None:
    clock = Clock()
    limiter = GuessLimiter(GuessRule(burst=10, interval_s=30), clock)
    assert [limiter.try_check() for _ in range(10)] == [0.0] * 10
    assert limiter.try_check() == 30.0
    clock.now += 29.5
    assert limiter.try_check() == 1.0
    clock.now += 0.5
    assert limiter.try_check() == 0.0
    assert limiter.try_check() == 30.0


def test_refused_checks_neither_count_nor_extend_the_wait() -> None:
    clock = Clock()
    limiter = GuessLimiter(GuessRule(burst=2, interval_s=30), clock)
    limiter.try_check()
    limiter.try_check()
    for _ in range(1000):
        assert limiter.try_check() > 0
    clock.now += 30
    assert limiter.try_check() == 0.0  # a vandal's refused burst did not push it out


def test_checks_per_hour_stay_under_the_stated_bound() -> None:
    clock = Clock()
    rule = GuessRule()
    limiter = GuessLimiter(rule, clock)
    checked = 0
    for _ in range(3600 * 4):  # one attempt every quarter second for an hour
        if limiter.try_check() == 0.0:
            checked += 1
        clock.now += 0.25
    assert checked <= rule.per_hour()
    assert checked >= rule.per_hour() - 1
    assert rule.per_hour() == 130


def test_a_clock_that_jumps_back_refills_nothing() -> None:
    rule = GuessRule(burst=1, interval_s=30)
    budget, wait = spend(Budget.full(rule, 1000.0), rule, 1000.0)
    assert wait == 0.0
    budget, wait = spend(budget, rule, 10.0)  # wall clock set back by hours
    assert wait > 0
    budget, wait = spend(budget, rule, 1029.0)
    assert wait == 1.0


def test_budget_is_capped_at_the_burst_after_a_long_quiet() -> None:
    rule = GuessRule(burst=3, interval_s=30)
    budget = Budget(0.0, 0.0).refilled(rule, 1e9)
    assert budget.tokens == 3.0


def test_new_rule_keeps_what_is_left_capped() -> None:
    clock = Clock()
    limiter = GuessLimiter(GuessRule(burst=10, interval_s=30), clock)
    limiter.set_rule(GuessRule(burst=2, interval_s=60))
    assert limiter.try_check() == 0.0
    assert limiter.try_check() == 0.0
    assert limiter.try_check() == 60.0


@pytest.mark.parametrize(("burst", "interval"), [(0, 30.0), (5, 0.0), (5, -1.0)])
def test_nonsense_rules_are_refused(burst: int, interval: float) -> None:
    with pytest.raises(ValueError, match="guess_"):
        GuessRule(burst=burst, interval_s=interval)
