"""Scan QR codes and barcodes with a camera, decoding frames off the GUI thread.

The pipeline (see PLATFORM-NOTES "Decoding"): a ``QMediaCaptureSession`` sends the camera's
frames to a ``QVideoSink``; on each ``videoFrameChanged`` (a direct connection, so on the
thread that delivers the frame) the frame is offered to a one-thread ``QThreadPool`` with
``tryStart``: while the previous frame is still being decoded the new one is dropped, so a
slow decoder lowers the scan rate instead of building a queue. The decoding thread copies only
the luminance plane (Y8, NV12/NV21, YUV420P/YV12/YUV422P, YUYV/UYVY; anything else through
``toImage()``), runs :class:`~kiosk.scanning.decode.Decoder`, and hands the codes back to the
GUI thread as a signal. A code seen again within ``repeat_window_s`` of its last sighting is
ignored, so a QR held in front of the camera is reported once.

QtMultimedia is imported only in :meth:`CameraScanner.start`: it costs ~100 ms and needs the
system library libpulse0. Where it cannot load, or there is no camera, the scanner emits
``unavailable(reason)`` with one log line and the kiosk carries on with keypad and scanner.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.scanning.decode import DecodedCode, Decoder, GrayImage
from kiosk.scanning.sanitize import RejectedInput, sanitize

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QVideoFrame, QVideoSink

log = logging.getLogger("kiosk.services.camera")

#: GS, the GS1 field separator: part of valid carrier-label codes, unlike other controls.
CAMERA_ALLOWED_CONTROLS = "\x1d"


def import_multimedia() -> ModuleType:
    """The default loader: ``PySide6.QtMultimedia`` (ImportError without libpulse0)."""
    return importlib.import_module("PySide6.QtMultimedia")


class CameraSource(Protocol):
    """Where frames come from: the real camera, or a test's fake one."""

    def open(self, sink: QVideoSink, on_error: Callable[[str], None]) -> str | None:
        """Start sending frames to ``sink``; return why not, or None when running.

        ``on_error`` is called (on the GUI thread) if the camera fails later.
        """

    def close(self) -> None:
        """Stop sending frames and release the device."""


class QtCameraSource:
    """The first (or the given) video input through QMediaCaptureSession.

    Args:
        device_id: ``QCameraDevice.id()`` of the camera to use; None for the default one.
        max_width: the widest camera format to ask for; more pixels only slow decoding.
        parent: owner of the QCamera and the capture session.
    """

    def __init__(
        self, device_id: bytes | None = None, max_width: int = 1280, parent: QObject | None = None
    ) -> None:
        self._device_id = device_id
        self._max_width = max_width
        self._parent = parent
        self._camera: Any = None
        self._session: Any = None

    def open(self, sink: QVideoSink, on_error: Callable[[str], None]) -> str | None:
        """Find the camera, pick a modest format, and start it."""
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices

        inputs = QMediaDevices.videoInputs()
        if not inputs:
            return "no camera found"
        device = QMediaDevices.defaultVideoInput()
        if self._device_id is not None:
            matches = [d for d in inputs if bytes(d.id().data()) == self._device_id]
            if not matches:
                return f"camera {self._device_id!r} not found"
            device = matches[0]
        camera = QCamera(device, self._parent)
        formats = [f for f in device.videoFormats() if f.resolution().width() <= self._max_width]
        if formats:
            best = max(formats, key=lambda f: (f.resolution().width(), f.maxFrameRate()))
            camera.setCameraFormat(best)
        camera.errorOccurred.connect(lambda _err, text: on_error(text))
        session = QMediaCaptureSession(self._parent)
        session.setCamera(camera)
        session.setVideoSink(sink)
        camera.start()
        self._camera, self._session = camera, session
        log.info("camera %s started", device.description())
        return None

    def close(self) -> None:
        """Stop the camera and drop the session."""
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
        if self._session is not None:
            self._session.deleteLater()
        self._camera = self._session = None


def luminance(frame: QVideoFrame) -> GrayImage | None:
    """Copy the luminance (Y) of ``frame`` as a grayscale image; None if it cannot be read."""
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    pf = QVideoFrameFormat.PixelFormat
    fmt = frame.pixelFormat()
    width, height = frame.width(), frame.height()
    if width <= 0 or height <= 0:
        return None
    # Formats whose plane 0 is the Y plane, one byte per pixel.
    planar = {
        pf.Format_Y8,
        pf.Format_NV12,
        pf.Format_NV21,
        pf.Format_YUV420P,
        pf.Format_YV12,
        pf.Format_YUV422P,
        pf.Format_IMC1,
        pf.Format_IMC2,
        pf.Format_IMC3,
        pf.Format_IMC4,
    }
    packed = {pf.Format_YUYV: 0, pf.Format_UYVY: 1}
    if fmt in planar or fmt in packed:
        if not frame.map(QVideoFrame.MapMode.ReadOnly):
            return None
        try:
            stride = frame.bytesPerLine(0)
            plane = frame.bits(0)
            if plane is None:
                return None
            if fmt in packed:
                # Y is every second byte of a packed 4:2:2 row; rows stay aligned.
                data = bytes(memoryview(plane)[: stride * height])[packed[fmt] :: 2]
                return GrayImage(data, width, height, stride // 2)
            return GrayImage(bytes(memoryview(plane)[: stride * height]), width, height, stride)
        finally:
            frame.unmap()
    image = frame.toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    if image.isNull():
        return None
    return GrayImage(bytes(image.constBits()), image.width(), image.height(), image.bytesPerLine())


class _FrameJob(QRunnable):
    """One frame for the pool. A QRunnable, not a callable: PySide6 6.12's
    ``QThreadPool.tryStart(callable)`` returns a truthy garbage value instead of False when the
    pool is busy, which would make frame dropping silently fail."""

    def __init__(self, decode: Callable[[QVideoFrame], None], frame: QVideoFrame) -> None:
        super().__init__()
        self._decode_fn = decode
        self._frame = frame

    def run(self) -> None:
        self._decode_fn(self._frame)


class CameraScanner(QObject):
    """Decodes codes from camera frames on a worker thread, dropping frames while busy.

    Signals:
        scanned(str, str): a sanitised code and its format (``"QR"``, ``"EAN-13"``, ... the
            values of :class:`~kiosk.scanning.decode.CodeFormat`).
        rejected(str): a decoded code that is not acceptable (``RejectReason`` value, e.g.
            ``control_characters`` for a multi-line vCard QR).
        unavailable(str): the camera cannot be used: QtMultimedia does not load (libpulse0
            missing), there is no camera, or it failed while running. Human-readable reason.

    Args:
        decoder: the decoder; a default :class:`Decoder` (zxing-cpp + zbar) if None.
        camera: the frame source; the real camera (:class:`QtCameraSource`) if None.
        clock: monotonic seconds, for the repeat window; tests pass a fake.
        repeat_window_s: a code seen again within this many seconds of its last sighting
            is not reported again.
        multimedia_loader: imports QtMultimedia; tests pass one that raises ImportError.
        parent: the owning QObject.
    """

    scanned = Signal(str, str)
    rejected = Signal(str)
    unavailable = Signal(str)
    # From the decoding thread to the GUI thread (queued): the frame's codes.
    _decoded = Signal(object)

    def __init__(
        self,
        decoder: Decoder | None = None,
        *,
        camera: CameraSource | None = None,
        clock: Callable[[], float] = time.monotonic,
        repeat_window_s: float = 2.0,
        multimedia_loader: Callable[[], ModuleType] = import_multimedia,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("camera-scanner")
        self._decoder = decoder if decoder is not None else Decoder()
        self._camera = camera
        self._clock = clock
        self._repeat_window = repeat_window_s
        self._load_multimedia = multimedia_loader
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName("camera-decoder")
        self._sink: QVideoSink | None = None
        self._own_sink = False
        self._active = False
        self._last_seen: dict[str, float] = {}  # code -> when it was last in a frame
        self.frames_seen = 0
        self.frames_dropped = 0
        self.frames_decoded = 0
        self._decoded.connect(self._on_decoded, Qt.ConnectionType.QueuedConnection)

    @property
    def active(self) -> bool:
        """True while frames are being decoded."""
        return self._active

    def video_sink(self) -> QVideoSink | None:
        """The sink the frames arrive in, for a preview widget (None before :meth:`start`).

        A preview connects to its ``videoFrameChanged`` and paints the frame (or pass the
        sink of a ``QVideoWidget`` to :meth:`start` instead).
        """
        return self._sink

    def start(self, video_sink: QVideoSink | None = None) -> bool:
        """Load QtMultimedia, open the camera and start decoding; False if unavailable.

        Args:
            video_sink: decode the frames of this sink (e.g. ``QVideoWidget.videoSink()``,
                so the preview renders them natively); by default the scanner makes its own.
        """
        if self._active:
            return True
        try:
            multimedia = self._load_multimedia()
        except (ImportError, OSError) as exc:
            reason = f"QtMultimedia cannot load (is libpulse0 installed?): {exc}"
            log.warning("camera scanning unavailable: %s", reason)
            self.unavailable.emit(reason)
            return False
        if video_sink is not None and video_sink is not self._sink:
            self._drop_sink()
            self._sink, self._own_sink = video_sink, False
            self._connect_sink()
        elif self._sink is None:
            self._sink, self._own_sink = multimedia.QVideoSink(self), True
            self._connect_sink()
        assert self._sink is not None
        if self._camera is None:
            self._camera = QtCameraSource(parent=self)
        self._active = True  # before open: a source may deliver its first frame at once
        error = self._camera.open(self._sink, self._on_camera_error)
        if error is not None:
            self._active = False
            log.warning("camera scanning unavailable: %s", error)
            self.unavailable.emit(error)
            return False
        return True

    def stop(self, timeout_ms: int = 2000) -> None:
        """Stop the camera, drop further frames and wait for the frame being decoded."""
        was_active = self._active
        self._active = False
        if was_active and self._camera is not None:
            self._camera.close()
        if not self._pool.waitForDone(timeout_ms):
            log.error("camera decoder did not finish within %d ms", timeout_ms)

    def _connect_sink(self) -> None:
        assert self._sink is not None
        # Direct: runs on the thread delivering the frame; it only offers it to the pool.
        self._sink.videoFrameChanged.connect(self._on_frame, Qt.ConnectionType.DirectConnection)

    def _drop_sink(self) -> None:
        if self._sink is None:
            return
        self._sink.videoFrameChanged.disconnect(self._on_frame)
        if self._own_sink:
            self._sink.deleteLater()
        self._sink = None

    def _on_frame(self, frame: QVideoFrame) -> None:  # any thread
        if not self._active or not frame.isValid():
            return
        self.frames_seen += 1
        held = type(frame)(frame)  # a shallow copy that outlives this call
        if not self._pool.tryStart(_FrameJob(self._decode, held)):
            self.frames_dropped += 1

    def _decode(self, frame: QVideoFrame) -> None:  # decoding thread
        codes: list[DecodedCode] = []
        try:
            image = luminance(frame)
            if image is not None:
                codes = self._decoder.decode(image)
        except Exception:  # a bad frame must not end the scanning
            log.exception("decoding a %dx%d frame failed", frame.width(), frame.height())
        self._decoded.emit(codes)

    @Slot(object)
    def _on_decoded(self, codes: list[DecodedCode]) -> None:  # GUI thread
        self.frames_decoded += 1
        if not self._active:
            return
        now = self._clock()
        self._last_seen = {
            t: seen for t, seen in self._last_seen.items() if now - seen < self._repeat_window
        }
        for code in codes:
            repeat = code.text in self._last_seen
            self._last_seen[code.text] = now
            if repeat:
                continue
            try:
                text = sanitize(code.text, allowed_controls=CAMERA_ALLOWED_CONTROLS)
            except RejectedInput as exc:
                log.warning("camera code rejected: %s (%s)", exc.reason.value, exc.detail)
                self.rejected.emit(exc.reason.value)
                continue
            log.info("camera scan: %s code (%d characters)", code.format.value, len(text))
            self.scanned.emit(text, code.format.value)

    def _on_camera_error(self, text: str) -> None:
        log.error("camera failed: %s", text)
        self._active = False
        self.unavailable.emit(text)
