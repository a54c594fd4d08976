"""The courier's screens: home, one step of a run, and the door grid to report on.

A courier reads these at arm's length with a parcel in each hand: one big figure, one
line about the last scan, and buttons a thumb can hit. Like every screen they only show
what the flow hands them and report taps as intents.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.screendata import (
    CourierGridData,
    CourierHomeData,
    CourierTaskData,
    Intent,
    ScreenName,
    Tone,
)
from kiosk.ui.base import (
    MIN_TOUCH_PX,
    ChoiceRow,
    Screen,
    TileButton,
    flip_layout,
    text_label,
    touch_button,
)
from kiosk.ui.door import BankPicture

_NOTE_STYLE: dict[Tone, str] = {"info": "Body", "success": "SuccessText", "error": "ErrorText"}


def _set_note(label: QLabel, text: str, tone: Tone) -> None:
    """Show ``text`` in the colour of its tone (or hide the label when empty)."""
    label.setObjectName(_NOTE_STYLE[tone])
    # The theme styles by object name: re-polish after changing it.
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def _compact(buttons: list[QPushButton]) -> None:
    """The theme's smaller type for answers stacked in a side column."""
    for button in buttons:
        button.setProperty("compact", True)
        button.style().unpolish(button)
        button.style().polish(button)


class CourierHomeScreen(Screen):
    """Who is logged in, what there is to do here, and the four ways on.

    Intents: ``choice`` with "deliver", "collect", "report" or "logout".
    """

    name = ScreenName.COURIER_HOME
    footer = "none"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = CourierHomeData("", "")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(20)
        top = QHBoxLayout()
        top.setSpacing(32)
        who = QVBoxLayout()
        who.setSpacing(4)
        self.headline = text_label("Headline", self)
        self.company = text_label("Body", self)
        who.addWidget(self.headline)
        who.addWidget(self.company)
        who.addStretch(1)
        top.addLayout(who, 3)
        self.deliver_count, self.deliver_label = self._figure(top)
        self.collect_count, self.collect_label = self._figure(top)
        outer.addLayout(top)
        self.note = text_label("Body", self)
        self.note.hide()
        outer.addWidget(self.note)

        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(24)
        self.deliver_button = TileButton("PrimaryAction", "pickup", 72, self)
        self.collect_button = TileButton("SecondaryAction", "send", 64, self)
        self.report_button = touch_button("SecondaryAction", "out_of_service", 48, self)
        self.report_button.setProperty("compact", True)
        self.logout_button = touch_button("QuietAction", "courier", 40, self)
        for button, key in (
            (self.deliver_button, "deliver"),
            (self.collect_button, "collect"),
            (self.report_button, "report"),
            (self.logout_button, "logout"),
        ):
            button.clicked.connect(lambda _=False, k=key: self.intent.emit(Intent.CHOICE, k))
        self.deliver_button.setMinimumHeight(240)
        self.collect_button.setMinimumHeight(240)
        self.report_button.setMinimumHeight(MIN_TOUCH_PX + 20)
        self.logout_button.setMinimumHeight(MIN_TOUCH_PX + 20)
        grid.addWidget(self.deliver_button, 0, 0)
        grid.addWidget(self.collect_button, 0, 1)
        grid.addWidget(self.report_button, 1, 0)
        grid.addWidget(self.logout_button, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 1)
        outer.addLayout(grid, 1)
        self.retranslate()

    def _figure(self, row: QHBoxLayout) -> tuple[QLabel, QLabel]:
        box = QVBoxLayout()
        box.setSpacing(0)
        count = text_label("CourierCounter", self, center=True)
        label = text_label("Body", self, center=True)
        box.addWidget(count)
        box.addWidget(label)
        box.addStretch(1)
        row.addLayout(box, 2)
        return count, label

    def show_data(self, data: Any) -> None:
        assert isinstance(data, CourierHomeData)
        self.data = data
        _set_note(self.note, data.note, data.tone)
        self.retranslate()

    def retranslate(self) -> None:
        d = self.data
        self.headline.setText(self.tr("Hello, %1").replace("%1", d.name))
        self.company.setText(d.company)
        self.deliver_count.setText(str(d.to_deliver))
        self.collect_count.setText(str(d.to_collect))
        self.deliver_label.setText(self.tr("to deliver here"))
        self.collect_label.setText(self.tr("to collect"))
        self.deliver_button.setText(self.tr("Deliver"))
        self.collect_button.setText(self.tr("Collect"))
        self.report_button.setText(self.tr("Report a problem"))
        self.logout_button.setText(self.tr("Log out"))


class CourierTaskScreen(Screen):
    """One step of a run: what to do, the big count, the last scan's news, the answers.

    Intents: ``choice`` (the key of a tapped answer). Scans reach the flow from the
    scanners directly, not through this screen.
    """

    name = ScreenName.COURIER_TASK
    footer = "none"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = CourierTaskData("")
        outer = self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(24)
        self.headline = text_label("Headline", self)
        self.body = text_label("Body", self)
        self.note = text_label("Body", self)
        self.note.hide()
        left.addWidget(self.headline)
        left.addWidget(self.body)
        left.addStretch(1)
        left.addWidget(self.note)
        left.addStretch(1)
        outer.addLayout(left, 3)
        right = self.right = QVBoxLayout()
        right.setSpacing(8)
        self.counter = text_label("CourierCounter", self, center=True)
        self.counter_label = text_label("Body", self, center=True)
        right.addWidget(self.counter)
        right.addWidget(self.counter_label)
        right.addStretch(1)
        self.choices = ChoiceRow(MIN_TOUCH_PX + 10, parent=self, vertical=True)
        self.choices.chosen.connect(lambda key: self.intent.emit(Intent.CHOICE, key))
        right.addWidget(self.choices)
        outer.addLayout(right, 2)

    def set_portrait(self, portrait: bool) -> None:
        flip_layout(self.outer, portrait, [self.choices], self.right)

    @property
    def buttons(self) -> list[QPushButton]:
        """The answer buttons now shown."""
        return self.choices.buttons

    def show_data(self, data: Any) -> None:
        assert isinstance(data, CourierTaskData)
        self.data = data
        self.headline.setText(data.headline)
        self.body.setText(data.body)
        self.body.setVisible(bool(data.body))
        self.counter.setText(data.counter)
        self.counter_label.setText(data.counter_label)
        _set_note(self.note, data.note, data.tone)
        self.choices.set_choices(data.choices)
        _compact(self.choices.buttons)


class CourierGridScreen(Screen):
    """The bank as a door grid: tap a compartment, then say what is wrong with it.

    Intents: ``cell_tapped`` (the compartment id), ``choice`` (a kind of problem, or
    "home").
    """

    name = ScreenName.COURIER_GRID
    footer = "none"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(40)
        self.picture = BankPicture(self)
        self.picture.tapped.connect(lambda comp: self.intent.emit(Intent.CELL_TAPPED, comp))
        outer.addWidget(self.picture, 5)
        right = self.right = QVBoxLayout()
        right.setSpacing(16)
        self.title = text_label("Headline", self)
        self.hint = text_label("Body", self)
        right.addWidget(self.title)
        right.addWidget(self.hint)
        right.addStretch(1)
        self.choices = ChoiceRow(MIN_TOUCH_PX + 10, parent=self, vertical=True)
        self.choices.chosen.connect(lambda key: self.intent.emit(Intent.CHOICE, key))
        right.addWidget(self.choices)
        outer.addLayout(right, 4)

    def set_portrait(self, portrait: bool) -> None:
        flip_layout(self.outer, portrait, [self.choices], self.right)

    @property
    def buttons(self) -> list[QPushButton]:
        """The answer buttons now shown."""
        return self.choices.buttons

    def show_data(self, data: Any) -> None:
        assert isinstance(data, CourierGridData)
        self.title.setText(data.title)
        self.hint.setText(data.hint)
        self.picture.set_cells(data.cells, data.selected)
        self.choices.set_choices(data.choices)
        _compact(self.choices.buttons)
