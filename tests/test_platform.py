"""Guards against known-broken platform packages, so CI says why instead of aborting."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    valued = Signal(int)


def test_signal_emit_keeps_python_refcounts() -> None:
    # PySide6 6.12.0 on CPython 3.11 drops a reference to True on every emit; a kiosk
    # emitting a few signals a second then dies with "Fatal Python error: bool_dealloc".
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.plain.emit()
        emitter.valued.emit(1)
    assert abs(sys.getrefcount(True) - before) < 20
