"""Barcode scanners as Qt signals: keyboard-wedge (USB HID) and serial (RS232 / USB CDC).

Both emit the same signals, so a flow does not care which scanner the operator installed:
``scanned(str)`` with a sanitised code, ``rejected(str)`` with a
:class:`~kiosk.scanning.sanitize.RejectReason` value the screen turns into a message.

Keyboard wedge: the approach
    The scanner types into whichever widget has focus. :class:`WedgeScanner` is an
    application-wide event filter that sees every key press at the window, before the focused
    widget does, and feeds it to :class:`~kiosk.scanning.wedge.WedgeDetector`. A key that may
    start or continue a burst is swallowed and *held*, a copy of the event kept. When the
    detector decides the keys were typing (the next key came later than the gap threshold, or
    a timer fired one threshold after the last key), the copies are sent again to the window
    they came from, in order, and reach the focused widget as if nothing happened: a person's
    keys arrive at most one threshold (40 ms) late. When the keys form a scan, the copies are
    dropped, so the code never lands in a line edit as well. With a prefix character
    configured only keys after the prefix are held.

    Only ``KeyPress`` events at a ``QWindow`` are looked at: that is where a real key press
    enters Qt (and where ``QTest.keyClick(window, ...)`` injects it). Key releases and
    modifier keys (Shift, which scanners press for capitals) pass untouched. Shortcuts are
    matched by Qt before the key press exists, so a scanner cannot be told apart from a person
    pressing a shortcut; the kiosk has none on its customer screens.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

import serial
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QWindow

from kiosk.scanning.sanitize import MAX_CODE_LENGTH
from kiosk.scanning.serial_lines import BadLine, Line, LineParser
from kiosk.scanning.wedge import ENTER, Garbage, Keystroke, Outcome, Release, Scan, WedgeDetector
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.services.scanner")

_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})

# The held copy of a key press and the window to send it to again.
_Held = tuple[QWindow, QKeyEvent]


def _copy(event: QKeyEvent) -> QKeyEvent:
    """A copy owned by Python (``QEvent.clone()``'s result is not, and would leak)."""
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
        event.device(),
    )


class WedgeScanner(QObject):
    """Recognises keyboard-wedge scanner bursts anywhere in the application.

    Signals:
        scanned(str): a sanitised code; its keys did not reach any widget.
        rejected(str): a burst that was not a code; the value of a ``RejectReason``
            (``too_long``, ``control_characters``, ...). Its keys were swallowed too.

    Args:
        gap_ms: longest pause between two keys of a scan (scanners: 7-16 ms; people: 100+).
        min_length: fewest characters in a scan (shorter fast bursts are typing).
        prefix: the character the scanner is configured to send first, or None.
        max_length: longest code accepted; longer bursts are rejected as ``too_long``.
        clock: monotonic seconds; tests pass a fake to control the timing of keys.
        parent: the owning QObject.
    """

    scanned = Signal(str)
    rejected = Signal(str)

    def __init__(
        self,
        *,
        gap_ms: int = 40,
        min_length: int = 6,
        prefix: str | None = None,
        max_length: int = MAX_CODE_LENGTH,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("wedge-scanner")
        self._detector: WedgeDetector[_Held] = WedgeDetector(
            gap=gap_ms / 1000, min_length=min_length, prefix=prefix, max_length=max_length
        )
        self._clock = clock
        self._timer = QTimer(self)
        self._timer.setObjectName("wedge-scanner-gap")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_gap_elapsed)
        self._replaying = False
        self._installed = False

    def start(self) -> None:
        """Install the application-wide event filter."""
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("WedgeScanner needs a QApplication")
        if not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def stop(self) -> None:
        """Remove the filter; keys still held are delivered as typing, not lost."""
        if self._installed:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._installed = False
        self._timer.stop()
        self._handle(self._detector.expire(math.inf), current=None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold, swallow or pass each key press arriving at a window."""
        if (
            self._replaying
            or event.type() != QEvent.Type.KeyPress
            or not isinstance(watched, QWindow)
            or not isinstance(event, QKeyEvent)
        ):
            return False
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        char = ENTER if key in _ENTER_KEYS else event.text()
        stroke = Keystroke(self._clock(), char, (watched, _copy(event)))
        outcomes = self._detector.feed(stroke)
        passed = self._handle(outcomes, current=stroke)
        self._arm_timer()
        return not passed

    def _handle(self, outcomes: list[Outcome[_Held]], current: Keystroke[_Held] | None) -> bool:
        """Act on the detector's answers; True if ``current`` itself may pass on unheld."""
        passed = False
        for outcome in outcomes:
            if isinstance(outcome, Release):
                for key in outcome.keys:
                    if key is current:
                        passed = True  # delivered by returning False from the filter
                    else:
                        self._replay(*key.payload)
            elif isinstance(outcome, Scan):
                log.info("scan received (%d characters)", len(outcome.text))
                self.scanned.emit(outcome.text)
            elif isinstance(outcome, Garbage):
                log.warning("scanner burst rejected: %s (%s)", outcome.reason.value, outcome.detail)
                self.rejected.emit(outcome.reason.value)
        return passed

    def _replay(self, window: QWindow, event: QKeyEvent) -> None:
        if not shiboken6.isValid(window):
            return  # the window closed while its keys were held: nobody to type into
        self._replaying = True
        try:
            QCoreApplication.sendEvent(window, event)
        finally:
            self._replaying = False

    def _arm_timer(self) -> None:
        deadline = self._detector.deadline()
        if deadline is None:
            self._timer.stop()
            return
        wait_ms = max(1, math.ceil((deadline - self._clock()) * 1000) + 1)
        self._timer.start(wait_ms)

    @Slot()
    def _on_gap_elapsed(self) -> None:
        self._handle(self._detector.expire(self._clock()), current=None)
        self._arm_timer()


class SerialScanner(QObject):
    """A scanner on a serial port (RS232, or USB in CDC/virtual COM mode) sending lines.

    The port is opened and read on its own :class:`~kiosk.services.worker.Worker` thread, a
    short read at a time, so :meth:`stop` returns within one read timeout.

    Signals:
        ready(): the port is open and being read (bytes sent before this may be lost:
            opening a port flushes its input buffer).
        scanned(str): a sanitised code, one per line received.
        rejected(str): a line that was not a code; the value of a ``RejectReason``.
        unavailable(str): the port could not be opened or failed while reading (unplugged);
            carries pyserial's error text. Reading stops; call :meth:`start` again to retry.

    Args:
        port: a device path (``/dev/ttyACM0``, ``/dev/serial/by-id/...``) or pyserial URL.
        baudrate: the scanner's configured rate (CDC devices ignore it).
        read_timeout: seconds one read waits; bounds how long :meth:`stop` takes.
        max_length: longest line accepted, in bytes.
        allowed_controls: control characters allowed inside a code (e.g. GS for GS1).
        parent: the owning QObject.
    """

    ready = Signal()
    scanned = Signal(str)
    rejected = Signal(str)
    unavailable = Signal(str)

    def __init__(
        self,
        port: str,
        baudrate: int = 9600,
        *,
        read_timeout: float = 0.1,
        max_length: int = MAX_CODE_LENGTH,
        allowed_controls: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("serial-scanner")
        self.port_name = port
        self._baudrate = baudrate
        self._timeout = read_timeout
        self._max_length = max_length
        self._allowed = allowed_controls
        self._parser = LineParser(max_length, allowed_controls)
        self._worker: Worker | None = None
        self._port: serial.SerialBase | None = None
        self._running = False

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`stop` (or a port failure)."""
        return self._running

    def start(self) -> None:
        """Open the port on the worker thread and start reading."""
        if self._running:
            return
        if self._worker is not None:
            self.stop()  # the leftovers of a failed port
        self._running = True
        self._parser = LineParser(self._max_length, self._allowed)
        self._worker = Worker("scanner", parent=self)
        self._worker.start()
        self._worker.submit(self._open, on_done=self._opened, on_error=self._failed)

    def stop(self) -> None:
        """Stop reading, join the worker thread and close the port."""
        self._running = False
        if self._worker is not None:
            self._worker.stop()
            self._worker.deleteLater()
            self._worker = None
        if self._port is not None:
            self._port.close()
            self._port = None

    def _open(self) -> serial.SerialBase:  # worker thread
        return serial.serial_for_url(self.port_name, baudrate=self._baudrate, timeout=self._timeout)

    @staticmethod
    def _read(port: serial.SerialBase) -> bytes:  # worker thread
        first = port.read(1)  # waits up to the timeout
        if not first:
            return b""
        # in_waiting exists on every real port class, not on SerialBase's type.
        waiting: int = getattr(port, "in_waiting", 0)
        return bytes(first) + (bytes(port.read(waiting)) if waiting else b"")

    def _opened(self, port: serial.SerialBase) -> None:
        if not self._running:
            port.close()
            return
        self._port = port
        log.info("serial scanner listening on %s", self.port_name)
        self._read_next()
        self.ready.emit()

    def _read_next(self) -> None:
        if self._running and self._worker is not None and self._port is not None:
            self._worker.submit(self._read, self._port, on_done=self._got, on_error=self._failed)

    def _got(self, data: bytes) -> None:
        for result in self._parser.feed(data):
            if isinstance(result, Line):
                log.info("scan received on %s (%d characters)", self.port_name, len(result.text))
                self.scanned.emit(result.text)
            elif isinstance(result, BadLine):
                log.warning(
                    "serial scanner line rejected: %s (%s)", result.reason.value, result.detail
                )
                self.rejected.emit(result.reason.value)
        self._read_next()

    def _failed(self, exc: BaseException) -> None:
        log.error("serial scanner on %s unavailable: %s", self.port_name, exc)
        was_running = self._running
        self._running = False
        if self._port is not None:
            self._port.close()
            self._port = None
        if was_running:
            self.unavailable.emit(str(exc))
