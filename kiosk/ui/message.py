"""A general message screen: a headline, a sentence, and up to three big answers.

Flows use it for everything that is only words and choices ("Wrong code", "Door did not
open", "Thank you"). The flow translates the text before handing it over, so the screen
stays ignorant of what the message means.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flows.screendata import MessageData
from kiosk.ui.base import Screen, text_label, touch_button
from kiosk.ui.idle import svg_pixmap

_TONE_ICON = {"info": "pickup", "success": "done", "error": "out_of_service"}


class MessageScreen(Screen):
    """Headline, body text and answer buttons.

    Signals:
        chosen(str): the ``key`` of the answer the person tapped.
    """

    name = "message"
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.setSpacing(28)
        layout.addStretch(1)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.icon)
        self.headline = text_label("Headline", self, center=True)
        self.body = text_label("Body", self, center=True)
        layout.addWidget(self.headline)
        layout.addWidget(self.body)
        layout.addStretch(1)
        self._buttons_row = QHBoxLayout()
        self._buttons_row.setSpacing(32)
        layout.addLayout(self._buttons_row)
        self.buttons: list[QPushButton] = []
        self.data = MessageData("")

    def show_data(self, data: Any) -> None:
        assert isinstance(data, MessageData)
        self.data = data
        self.icon.setPixmap(svg_pixmap(_TONE_ICON[data.tone], QSize(128, 128)))
        self.headline.setText(data.headline)
        self.body.setText(data.body)
        self.body.setVisible(bool(data.body))
        for button in self.buttons:
            self._buttons_row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for choice in data.choices:
            button = touch_button(
                "PrimaryAction" if choice.primary else "SecondaryAction", parent=self
            )
            button.setText(choice.label)
            button.setMinimumHeight(120)
            button.setMaximumWidth(520)
            button.clicked.connect(lambda _=False, k=choice.key: self.chosen.emit(k))
            self._buttons_row.addWidget(button)
            self.buttons.append(button)
