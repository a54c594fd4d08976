"""The reliability trials: what a power cut, a vandal or a flaky bus does to the kiosk.

Each trial runs at a bounded size by default (what CI runs) and at full size when
``LOCKER_TRIALS=full`` is set, by hand::

    LOCKER_TRIALS=full uv run pytest tests/reliability -p no:randomly

Every trial reports its figures through the ``trial`` fixture; they are printed in
pytest's terminal summary (always, also without ``-s``), so a run by hand shows the
numbers the README's "Reliability" section quotes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

FULL = os.environ.get("LOCKER_TRIALS", "") == "full"

_REPORTS: list[str] = []


def trial_size(ci: int, full: int) -> int:
    """``ci`` normally, ``full`` with ``LOCKER_TRIALS=full``."""
    return full if FULL else ci


class Trial:
    """Collects one trial's figures for the summary."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.figures: dict[str, object] = {}

    def record(self, **figures: object) -> None:
        """Remember figures (counts, milliseconds, ratios) to print at the end."""
        self.figures.update(figures)


@pytest.fixture
def trial(request: pytest.FixtureRequest) -> Iterator[Trial]:
    """A :class:`Trial` named after the test; its figures are printed at the end."""
    t = Trial(request.node.nodeid)
    yield t
    if t.figures:
        size = "full" if FULL else "bounded"
        figures = ", ".join(f"{key}={value}" for key, value in t.figures.items())
        _REPORTS.append(f"[{size}] {t.name}: {figures}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every trial's figures, whatever the capture mode."""
    if _REPORTS:
        terminalreporter.section("reliability trials")
        for line in _REPORTS:
            terminalreporter.write_line(line)
