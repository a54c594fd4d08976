"""Detect Qt objects a test forgot to stop or close.

Timers and threads are tracked by wrapping ``QTimer.__init__`` and ``QThread.__init__`` for
the duration of one test; widgets by comparing ``QApplication.topLevelWidgets()`` before and
after, ignoring those already hidden or scheduled for deletion.
"""

from __future__ import annotations

import weakref
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QThread, QTimer
from PySide6.QtWidgets import QApplication


class LeakTracker:
    """Remembers what a test started, to report what is still running at its end."""

    def __init__(self) -> None:
        self._timers: weakref.WeakSet[QTimer] = weakref.WeakSet()
        self._threads: weakref.WeakSet[QThread] = weakref.WeakSet()
        self._widgets_before: set[int] = set()
        self._orig_timer_init: Any = None
        self._orig_thread_init: Any = None

    def before(self) -> None:
        """Start tracking; call before the test body runs."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._widgets_before = {id(w) for w in app.topLevelWidgets()}
        self._orig_timer_init = QTimer.__init__
        self._orig_thread_init = QThread.__init__
        timers, threads = self._timers, self._threads
        orig_timer_init, orig_thread_init = self._orig_timer_init, self._orig_thread_init

        # Record creation rather than start(): a timer started through a C++ connection
        # (``state.entered.connect(timer.start)``) never passes through a Python start().
        def timer_init(self: QTimer, *args: Any, **kwargs: Any) -> None:
            orig_timer_init(self, *args, **kwargs)
            timers.add(self)

        def thread_init(self: QThread, *args: Any, **kwargs: Any) -> None:
            orig_thread_init(self, *args, **kwargs)
            threads.add(self)

        QTimer.__init__ = timer_init  # type: ignore[method-assign]
        QThread.__init__ = thread_init  # type: ignore[method-assign]

    def after(self) -> list[str]:
        """Stop tracking and return a description of every leak found."""
        QTimer.__init__ = self._orig_timer_init  # type: ignore[method-assign]
        QThread.__init__ = self._orig_thread_init  # type: ignore[method-assign]
        # Let deleteLater() and queued stops run before judging.
        QCoreApplication.sendPostedEvents(None, 0)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        problems: list[str] = []
        for timer in list(self._timers):
            try:
                active = timer.isActive()
            except RuntimeError:  # C++ object already deleted
                continue
            if active:
                name = timer.objectName() or repr(timer)
                problems.append(f"QTimer still running: {name} interval={timer.interval()}ms")
        for thread in list(self._threads):
            try:
                running = thread.isRunning()
            except RuntimeError:
                continue
            if running:
                problems.append(f"QThread still running: {thread.objectName() or thread!r}")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            for widget in app.topLevelWidgets():
                if id(widget) in self._widgets_before:
                    continue
                try:
                    visible = widget.isVisible()
                except RuntimeError:
                    continue
                if visible:
                    problems.append(f"top-level widget still open: {type(widget).__name__}")
        return problems
