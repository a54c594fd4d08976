"""Suite-wide fixtures and checks.

``QT_QPA_PLATFORM`` is set before anything can create a QApplication: tests run with no
display, exactly as CI does. The autouse leak checks follow napari's: a test that leaves a
QTimer running, a QThread alive or a top-level widget open fails, because on a kiosk those
leaks become timers firing after the customer has left and threads holding the serial port.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Iterator

import pytest

from tests.helpers.leaks import LeakTracker


@pytest.fixture(autouse=True)
def _no_qt_leaks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test if it leaves Qt timers, threads or top-level widgets behind.

    Only active once the test has touched Qt (``qtbot`` or ``qapp``): pure tests of the
    domain, hardware and backend layers never import PySide6.
    """
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    tracker = LeakTracker()
    tracker.before()
    yield
    problems = tracker.after()
    if problems:
        pytest.fail("Qt objects leaked by this test:\n  " + "\n  ".join(problems))
