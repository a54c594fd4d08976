"""A general message screen: a headline, a sentence, and up to three big answers.

Flows use it for everything that is only words and choices ("Wrong code", "Door did not
open", "Thank you"). The flow translates the text before handing it over, so the screen
stays ignorant of what the message means.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.flows.screendata import Intent, MessageData, ScreenName
from kiosk.ui.base import ChoiceRow, Screen, text_label
from kiosk.ui.idle import svg_pixmap

_TONE_ICON = {"info": "pickup", "success": "done", "error": "out_of_service"}


class MessageScreen(Screen):
    """Headline, body text and answer buttons.

    Intents: ``choice`` (the ``key`` of the answer the person tapped).
    """

    name = ScreenName.MESSAGE
    footer = "help"

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
        self.choices = ChoiceRow(120, 520, parent=self)
        self.choices.chosen.connect(lambda key: self.intent.emit(Intent.CHOICE, key))
        layout.addWidget(self.choices)
        self.data = MessageData("")

    @property
    def buttons(self) -> list[QPushButton]:
        """The answer buttons now shown."""
        return self.choices.buttons

    def show_data(self, data: Any) -> None:
        assert isinstance(data, MessageData)
        self.data = data
        self.icon.setPixmap(svg_pixmap(_TONE_ICON[data.tone], QSize(128, 128)))
        self.headline.setText(data.headline)
        self.body.setText(data.body)
        self.body.setVisible(bool(data.body))
        self.choices.set_choices(data.choices)
