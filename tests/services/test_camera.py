"""Camera scanning: frames pushed through a real QVideoSink by a fake camera."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.scanning.decode import Decoder

try:
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat, QVideoSink
except ImportError as exc:  # pragma: no cover - depends on the machine
    pytest.skip(
        f"QtMultimedia cannot load (apt-get install libpulse0): {exc}", allow_module_level=True
    )

import qrcode

from kiosk.services.camera import CameraScanner, luminance


class FakeCamera:
    """A camera that sends the frames the test gives it (the one allowed mock)."""

    def __init__(self) -> None:
        self.sink: QVideoSink | None = None
        self.on_error: Callable[[str], None] | None = None
        self.closed = False

    def open(self, sink: QVideoSink, on_error: Callable[[str], None]) -> str | None:
        self.sink, self.on_error = sink, on_error
        return None

    def close(self) -> None:
        self.closed = True

    def push(self, frame: QVideoFrame | QImage) -> None:
        assert self.sink is not None
        self.sink.setVideoFrame(frame if isinstance(frame, QVideoFrame) else QVideoFrame(frame))


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def qr_image(text: str, module_px: int = 6, size: QSize | None = None) -> QImage:
    """A QR code drawn black on white, centred in an image of ``size`` (grayscale)."""
    qr = qrcode.QRCode(border=4)
    qr.add_data(text)
    matrix = qr.get_matrix()
    n = len(matrix) * module_px
    width, height = (size.width(), size.height()) if size else (n, n)
    ox, oy = (width - n) // 2, (height - n) // 2
    pixels = bytearray(b"\xff" * (width * height))
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                for y in range(oy + r * module_px, oy + (r + 1) * module_px):
                    start = y * width + ox + c * module_px
                    pixels[start : start + module_px] = b"\x00" * module_px
    image = QImage(bytes(pixels), width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels


def nv12_frame(gray: QImage) -> QVideoFrame:
    """The grayscale picture as an NV12 camera frame (Y plane, neutral chroma)."""
    fmt = QVideoFrameFormat(gray.size(), QVideoFrameFormat.PixelFormat.Format_NV12)
    frame = QVideoFrame(fmt)
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    y_stride, uv_stride = frame.bytesPerLine(0), frame.bytesPerLine(1)
    y_plane, uv_plane = memoryview(frame.bits(0)), memoryview(frame.bits(1))
    src = bytes(gray.constBits())
    for row in range(gray.height()):
        line = src[row * gray.bytesPerLine() : row * gray.bytesPerLine() + gray.width()]
        y_plane[row * y_stride : row * y_stride + gray.width()] = line
    uv_plane[: uv_stride * (gray.height() // 2)] = b"\x80" * (uv_stride * (gray.height() // 2))
    frame.unmap()
    return frame


@pytest.fixture
def camera() -> FakeCamera:
    return FakeCamera()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def scanner(qtbot: QtBot, camera: FakeCamera, clock: FakeClock) -> Iterator[CameraScanner]:
    s = CameraScanner(Decoder(), camera=camera, clock=clock)
    assert s.start()
    yield s
    s.stop()


def push_and_wait(qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera, image: QImage) -> None:
    done = scanner.frames_decoded + 1
    camera.push(image)
    qtbot.waitUntil(lambda: scanner.frames_decoded == done)


def test_scan_camera_frame_with_qr_is_scanned(
    qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera
) -> None:
    with qtbot.waitSignal(scanner.scanned) as blocker:
        camera.push(qr_image("LOCKER-A07-123456", size=QSize(640, 480)))
    assert blocker.args == ["LOCKER-A07-123456", "QR"]
    assert scanner.video_sink() is camera.sink


def test_scan_camera_repeat_within_window_is_ignored(
    qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera, clock: FakeClock
) -> None:
    got: list[str] = []
    scanner.scanned.connect(lambda text, fmt: got.append(text))
    code = qr_image("PICKUP-4711")
    push_and_wait(qtbot, scanner, camera, code)
    clock.now += 1.5
    push_and_wait(qtbot, scanner, camera, code)  # still in front of the camera
    clock.now += 1.5
    push_and_wait(qtbot, scanner, camera, code)  # 1.5 s after the last sighting: same scan
    assert got == ["PICKUP-4711"]
    clock.now += 2.5  # gone for longer than the window: a new scan
    push_and_wait(qtbot, scanner, camera, code)
    assert got == ["PICKUP-4711", "PICKUP-4711"]


def test_scan_camera_nv12_frame_uses_luma_plane(
    qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera
) -> None:
    gray = qr_image("NV12-PLANE-OK", size=QSize(320, 240))
    frame = nv12_frame(gray)
    assert frame.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_NV12
    image = luminance(frame)
    assert image is not None
    assert (image.width, image.height) == (320, 240)
    with qtbot.waitSignal(scanner.scanned) as blocker:
        camera.push(frame)
    assert blocker.args == ["NV12-PLANE-OK", "QR"]


def test_scan_camera_drops_frames_while_busy(
    qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera
) -> None:
    # Big code-less frames keep the one decoding thread busy for many milliseconds (both
    # engines and the second look all run); frames pushed meanwhile are dropped, not queued.
    width, height = 800, 600
    pixels = random.Random(3).randbytes(width * height)
    noise = QImage(pixels, width, height, width, QImage.Format.Format_Grayscale8).copy()
    for _ in range(8):
        camera.push(noise)
    assert scanner.frames_seen == 8
    assert scanner.frames_dropped >= 1
    qtbot.waitUntil(lambda: scanner.frames_decoded == 8 - scanner.frames_dropped)


def test_scan_camera_multiline_code_rejected(
    qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera
) -> None:
    with qtbot.waitSignal(scanner.rejected) as blocker:
        camera.push(qr_image("BEGIN:VCARD\r\nN:Doe;Jane\r\nEND:VCARD"))
    assert blocker.args == ["control_characters"]


def test_scan_camera_stopped_ignores_frames(
    qtbot: QtBot, camera: FakeCamera, clock: FakeClock
) -> None:
    scanner = CameraScanner(Decoder(), camera=camera, clock=clock)
    assert scanner.start()
    scanner.stop()
    assert camera.closed
    got: list[str] = []
    scanner.scanned.connect(lambda text, fmt: got.append(text))
    camera.push(qr_image("AFTER-STOP"))
    assert scanner.frames_seen == 0
    assert got == []


def test_scan_camera_without_camera_is_unavailable(qtbot: QtBot) -> None:
    scanner = CameraScanner(Decoder())  # the real QtCameraSource: this machine has no camera
    with qtbot.waitSignal(scanner.unavailable) as blocker:
        assert not scanner.start()
    assert blocker.args == ["no camera found"]
    assert not scanner.active
    scanner.stop()


def test_scan_camera_runtime_error_is_unavailable(
    qtbot: QtBot, scanner: CameraScanner, camera: FakeCamera
) -> None:
    assert camera.on_error is not None
    with qtbot.waitSignal(scanner.unavailable) as blocker:
        camera.on_error("Camera is in use by another application")
    assert blocker.args == ["Camera is in use by another application"]
    assert not scanner.active


def test_scan_camera_decodes_frames_of_a_given_preview_sink(
    qtbot: QtBot, camera: FakeCamera, clock: FakeClock
) -> None:
    # The screen may own the sink (QVideoWidget.videoSink()); the scanner decodes its frames.
    preview_sink = QVideoSink()
    scanner = CameraScanner(Decoder(), camera=camera, clock=clock)
    assert scanner.start(preview_sink)
    try:
        assert camera.sink is preview_sink
        assert scanner.video_sink() is preview_sink
        with qtbot.waitSignal(scanner.scanned) as blocker:
            preview_sink.setVideoFrame(QVideoFrame(qr_image("VIA-PREVIEW-SINK")))
        assert blocker.args == ["VIA-PREVIEW-SINK", "QR"]
    finally:
        scanner.stop()
