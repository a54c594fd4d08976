"""Scan a code with the camera: a live preview, a frame to aim at, a way back.

The preview is a ``QVideoWidget`` (QtMultimediaWidgets), created the first time the
screen is shown: QtMultimedia costs ~100 ms to import and needs libpulse0, so a kiosk
that never scans by camera never pays for it, and one without the library still runs.
The app hands the preview's video sink to the camera scanner service; the screen itself
does no I/O.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.flows.screendata import CameraData, Intent, ScreenName
from kiosk.ui.base import Screen, flip_layout, text_label, touch_button

log = logging.getLogger("kiosk.ui.camera")


class CameraScreen(Screen):
    """Live camera preview while the scanner looks for a code.

    Intents: ``back`` (return to the keypad), ``cancel`` (back to the start).
    """

    name = ScreenName.CAMERA

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = CameraData(title="")
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.setSpacing(40)
        self.outer = outer
        left = self.left = QVBoxLayout()
        left.setSpacing(24)
        self.title = text_label("Headline", self)
        self.hint = text_label("Body", self)
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addStretch(1)
        self.back_button = touch_button("SecondaryAction", parent=self)
        self.back_button.setProperty("compact", True)
        self.back_button.setMinimumHeight(110)
        self.back_button.clicked.connect(lambda: self.intent.emit(Intent.BACK, None))
        self.cancel_button = touch_button("QuietAction", parent=self)
        self.cancel_button.clicked.connect(lambda: self.intent.emit(Intent.CANCEL, None))
        left.addWidget(self.back_button)
        left.addWidget(self.cancel_button)
        outer.addLayout(left, 1)
        self.preview_frame = QWidget(self)
        self.preview_frame.setObjectName("CameraPreview")
        self._preview_layout = QVBoxLayout(self.preview_frame)
        self._preview_layout.setContentsMargins(8, 8, 8, 8)
        self.placeholder = text_label("Body", self.preview_frame, center=True)
        self._preview_layout.addWidget(self.placeholder)
        self.video: QWidget | None = None
        outer.addWidget(self.preview_frame, 1)
        self.retranslate()

    def set_portrait(self, portrait: bool) -> None:
        flip_layout(self.outer, portrait, [self.back_button, self.cancel_button], self.left)
        # Portrait: the words take the room they need, the picture the rest.
        self.outer.setStretch(0, 0 if portrait else 1)

    def video_sink(self) -> Any:
        """The preview's ``QVideoSink``, creating the preview on first use; None if
        QtMultimedia is not available."""
        if self.video is None:
            try:
                from PySide6.QtMultimediaWidgets import QVideoWidget
            except (ImportError, OSError) as exc:
                log.warning("no camera preview: QtMultimediaWidgets does not load: %s", exc)
                return None
            self.video = QVideoWidget(self.preview_frame)
            self._preview_layout.addWidget(self.video)
            self.placeholder.hide()
        return self.video.videoSink()  # type: ignore[attr-defined]

    def show_data(self, data: Any) -> None:
        assert isinstance(data, CameraData)
        self.data = data
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.data.title)
        self.hint.setText(self.data.hint)
        self.back_button.setText(self.tr("Type the code instead"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.placeholder.setText(self.tr("Starting the camera…"))
