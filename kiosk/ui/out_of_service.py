"""Shown when the kiosk cannot serve anyone: no board answers, or staff said so."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.flows.screendata import ScreenName
from kiosk.ui.base import Screen, text_label
from kiosk.ui.idle import svg_pixmap


class OutOfServiceScreen(Screen):
    """A calm apology with the reason, never a stack trace."""

    name = ScreenName.OUT_OF_SERVICE
    footer = "help"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 80, 80, 80)
        layout.setSpacing(32)
        layout.addStretch(1)
        icon = QLabel(self)
        icon.setPixmap(svg_pixmap("out_of_service", QSize(160, 160)))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(icon)
        self.headline = text_label("Headline", self, center=True)
        self.body = text_label("Body", self, center=True)
        layout.addWidget(self.headline)
        layout.addWidget(self.body)
        layout.addStretch(2)
        self._reason = ""
        self.retranslate()

    def show_data(self, data: Any) -> None:
        """``data``: an already translated reason, or None for the generic text."""
        self._reason = str(data) if data else ""
        self.retranslate()

    def retranslate(self) -> None:
        self.headline.setText(self.tr("This locker is temporarily out of service"))
        self.body.setText(
            self._reason
            or self.tr("We are sorry. Please try again later or use another locker nearby.")
        )
