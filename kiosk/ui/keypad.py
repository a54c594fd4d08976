"""Code and phone entry: a large on-screen keypad, also fed by a physical keyboard.

Keys are at least 90 px (15 mm) square with wide gaps, so a wet or gloved finger hits
the one it aims at. The typed value is shown large, grouped in threes for reading it back
against the text message.
"""

from __future__ import annotations

import string
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.screendata import CodeEntryData, Intent, PhoneEntryData, ScreenName
from kiosk.ui.base import (
    MIN_TOUCH_PX,
    FitLabel,
    Screen,
    flip_layout,
    text_label,
    touch_button,
)


def group(value: str, size: int = 3) -> str:
    """``"48291312"`` → ``"482 913 12"``: easier to compare with a message."""
    return " ".join(value[i : i + size] for i in range(0, len(value), size))


class Keypad(QWidget):
    """Digit keys (and letters when asked), backspace and clear.

    Signals:
        key(str): a character key was tapped.
        backspace(): the ⌫ key.
        clear(): the clear key.
    """

    key = Signal(str)
    backspace = Signal()
    clear = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setSpacing(10)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        self.alphabet = ""
        self.set_alphabet("digits")

    def set_alphabet(self, alphabet: str) -> None:
        """Lay out digit keys, or digits and letters for ``alnum`` codes."""
        if alphabet == self.alphabet:
            return
        self.alphabet = alphabet
        for button in self.buttons.values():
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        if alphabet == "alnum":
            # Eight columns of finger-sized keys, five rows: low enough for a landscape
            # screen with the footer under it.
            keys = [*string.digits[1:], "0", *string.ascii_uppercase, "clear", "back"]
            columns = 8
        else:
            keys = [*"123456789", "clear", "0", "back"]
            columns = 3
        for column in range(8):
            # Every column as wide as the next, whatever the worded keys say.
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, key in enumerate(keys):
            button = touch_button("KeypadKey", parent=self)
            button.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
            if key == "back":
                button.setText("⌫")
                button.setObjectName("KeypadAction")
                button.clicked.connect(self.backspace)
            elif key == "clear":
                button.setObjectName("KeypadAction")
                button.clicked.connect(self.clear)
            else:
                button.setText(key)
                button.clicked.connect(lambda _=False, k=key: self.key.emit(k))
            self.buttons[key] = button
            if alphabet == "alnum" and key in ("clear", "back"):
                # After Z, in the last row: two columns each, room for "Clear" worded.
                column = 4 if key == "clear" else 6
                self._grid.addWidget(button, 4, column, 1, 2)
            else:
                self._grid.addWidget(button, index // columns, index % columns)
        self.retranslate()

    def retranslate(self) -> None:
        """The clear key is the only worded key."""
        if "clear" in self.buttons:
            self.buttons["clear"].setText(self.tr("Clear"))


class _KeypadScreen(Screen):
    """The layout both entry screens share: what is asked on the left, the keypad and
    the OK key on the right. Subclasses fill ``left`` and define the key handlers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = ""
        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(48, 32, 48, 32)
        outer.setSpacing(48)
        self.left = QVBoxLayout()
        self.left.setSpacing(12)
        outer.addLayout(self.left, 5)
        right = QVBoxLayout()
        right.setSpacing(14)
        self.keypad = Keypad(self)
        self.keypad.key.connect(self.type_char)
        self.keypad.backspace.connect(self.backspace)
        self.keypad.clear.connect(self.clear)
        self.ok_button = touch_button("PrimaryAction", parent=self)
        self.ok_button.setMinimumHeight(110)
        self.ok_button.clicked.connect(self.confirm)
        right.addWidget(self.keypad, 1)
        # Under the keypad: the screen's other way on ("Scan instead") and OK, the
        # strongest, where the thumb ends after the last key.
        self.answer_row = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.answer_row.setSpacing(14)
        self.answer_row.addWidget(self.ok_button, 3)
        right.addLayout(self.answer_row)
        outer.addLayout(right, 4)
        self.outer = outer
        self.movable: list[QWidget] = []
        self.title = text_label("Headline", self)
        self.error = text_label("ErrorText", self)
        self.display = FitLabel(self, wrap=False)
        self.display.setObjectName("CodeDisplay")
        self.display.setMinimumHeight(110)
        # As wide as the column gives: a long code is set smaller, never widens the screen.
        self.display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.cancel_button = touch_button("QuietAction", parent=self)

    def set_portrait(self, portrait: bool) -> None:
        """Portrait: what is asked on top, the keypad under it, the other answers last."""
        flip_layout(self.outer, portrait, self.movable, self.left)
        # Portrait: the question takes the room its words need, the keypad the rest.
        self.outer.setStretch(0, 0 if portrait else 5)

    def type_char(self, char: str) -> None:
        """Append one character, if this screen takes it."""
        raise NotImplementedError

    def backspace(self) -> None:
        """Remove the last character."""
        raise NotImplementedError

    def clear(self) -> None:
        """Remove everything typed."""
        raise NotImplementedError

    def confirm(self) -> None:
        """OK: hand the value to the flow."""
        raise NotImplementedError


class CodeEntryScreen(_KeypadScreen):
    """Enter (or scan) a code.

    Intents: ``code_entered`` (the code), ``scan_instead`` ("Scan instead": camera),
    ``cancel`` (back to the start).
    """

    name = ScreenName.CODE_ENTRY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = CodeEntryData(title="")
        left = self.left
        self.hint = text_label("Body", self)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addWidget(self.display)
        left.addWidget(self.error)
        left.addStretch(1)
        # Stacked, each the column's full width: long labels (German, Polish) still fit.
        self.scan_button = touch_button("SecondaryAction", "scan", 48, self)
        self.scan_button.clicked.connect(lambda: self.intent.emit(Intent.SCAN_INSTEAD, None))
        self.cancel_button.clicked.connect(lambda: self.intent.emit(Intent.CANCEL, None))
        self.answer_row.insertWidget(0, self.scan_button, 2)
        left.addWidget(self.cancel_button)
        self.movable = [self.cancel_button]
        # Counts down a lockout on screen; runs only while a lockout is shown.
        self._lock_tick = QTimer(self)
        self._lock_tick.setObjectName("code-entry-lockout")
        self._lock_tick.setInterval(1000)
        self._lock_tick.timeout.connect(self._tick_lock)
        self._locked_s = 0
        # Keys from a physical keyboard (or a scanner the wedge filter let through as
        # typing) go to the screen itself: its buttons never take focus.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_data(self, data: Any) -> None:
        assert isinstance(data, CodeEntryData)
        self.data = data
        # An error about a scan or a wrong-shape code keeps what was typed; anything else
        # (a new question, a wrong PIN) starts empty.
        self.value = self.value[: data.max_length] if data.keep_typed else ""
        self.keypad.set_alphabet(data.alphabet)
        # The letter keypad is wide and five rows high: "Scan instead" beside OK; under
        # the narrower digit keypad, above it.
        alnum = data.alphabet == "alnum"
        self.answer_row.setDirection(
            QBoxLayout.Direction.LeftToRight if alnum else QBoxLayout.Direction.TopToBottom
        )
        # Beside the wide letter keypad the text column is narrow: "Cancel" joins the row
        # under the keypad, and the margins give the column what they can.
        self.left.removeWidget(self.cancel_button)
        self.answer_row.removeWidget(self.cancel_button)
        if alnum:
            self.answer_row.insertWidget(0, self.cancel_button, 2)
            self.answer_row.setStretchFactor(self.scan_button, 3)
            self.movable = []
        else:
            self.left.addWidget(self.cancel_button)
            self.movable = [self.cancel_button]
        self.outer.setContentsMargins(*((32, 32, 32, 32) if alnum else (48, 32, 48, 32)))
        self.outer.setSpacing(24 if alnum else 48)
        # In the row of three under the letter keypad "Scan instead" goes without its icon.
        self.scan_button.setIconSize(QSize(0, 0) if alnum else QSize(48, 48))
        self.set_portrait(self.portrait)
        # The letter keypad is wider: the text column's scan button takes the compact font.
        compact = data.alphabet == "alnum"
        if self.scan_button.property("compact") != compact:
            self.scan_button.setProperty("compact", compact)
            self.scan_button.style().unpolish(self.scan_button)
            self.scan_button.style().polish(self.scan_button)
        self.scan_button.setVisible(data.allow_scan)
        self._locked_s = data.locked_s
        if self._locked_s > 0:
            self._lock_tick.start()
        else:
            self._lock_tick.stop()
        self._refresh()
        self.retranslate()

    def refresh_data(self, data: Any) -> None:
        """New texts (another language): the code typed so far stays."""
        assert isinstance(data, CodeEntryData)
        self.data = data
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.data.title)
        self.hint.setText(self.data.hint)
        self.cancel_button.setText(self.tr("Cancel"))
        self.scan_button.setText(self.tr("Scan instead"))
        self.ok_button.setText(self.data.confirm_label or self.tr("Open my door"))
        self.keypad.retranslate()
        self._refresh()

    def _refresh(self) -> None:
        locked = self._locked_s > 0
        self.display.setText(self.shown_value())
        if locked:
            # Said in minutes and seconds, counting down: "Please wait 4:38".
            minutes, seconds = divmod(self._locked_s, 60)
            self.error.setText(
                self.tr("Too many attempts. Please wait %1.").replace(
                    "%1", f"{minutes}:{seconds:02d}"
                )
            )
        else:
            self.error.setText(self.data.error)
        self.error.setVisible(bool(self.error.text()))
        self.keypad.setEnabled(not locked)
        # A code of a known length is complete only at its last character: "Open my
        # door" is offered then, never for a code that cannot be one.
        self.ok_button.setEnabled(
            not locked and self.data.min_length <= len(self.value) <= self.data.max_length
        )
        # Once the code is complete, "Open my door" is the one strong button; "Scan
        # instead" steps back to second.
        complete = bool(self.data.length) and len(self.value) >= self.data.length
        quiet = complete or (not self.data.length and len(self.value) >= self.data.min_length)
        if self.scan_button.property("quiet") != quiet:
            self.scan_button.setProperty("quiet", quiet)
            self.scan_button.style().unpolish(self.scan_button)
            self.scan_button.style().polish(self.scan_button)

    def shown_value(self) -> str:
        """What the field shows: the code typed so far, and for a code of a fixed length a
        mark for each character still to come ("482 ___"), so the person knows how long
        the operator's codes are."""
        value = "•" * len(self.value) if self.data.masked else self.value
        length = self.data.length
        if length and not self.data.masked and len(value) <= length:
            return group(value + "_" * (length - len(value)))
        if not value:
            return "–" * 3
        return value if self.data.masked else group(value)

    def _tick_lock(self) -> None:
        self._locked_s -= 1
        if self._locked_s <= 0:
            self._locked_s = 0
            self._lock_tick.stop()
        self._refresh()

    def type_char(self, char: str) -> None:
        """Append one character (from the keypad or a physical keyboard)."""
        allowed = (
            string.digits
            if self.data.alphabet == "digits"
            else string.digits + string.ascii_uppercase
        )
        char = char.upper()
        if char in allowed and len(self.value) < self.data.max_length and self._locked_s == 0:
            self.value += char
            self._refresh()

    def backspace(self) -> None:
        """Remove the last character."""
        self.value = self.value[:-1]
        self._refresh()

    def clear(self) -> None:
        """Remove everything typed."""
        self.value = ""
        self._refresh()

    def confirm(self) -> None:
        """OK: hand the code to the flow."""
        if self.ok_button.isEnabled():
            self.intent.emit(Intent.CODE_ENTERED, self.value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key == Qt.Key.Key_Escape:
            self.intent.emit(Intent.CANCEL, None)
        elif event.text():
            self.type_char(event.text())
        else:
            super().keyPressEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._lock_tick.stop()
        self.value = ""
        super().hideEvent(event)


class PhoneEntryScreen(_KeypadScreen):
    """Phone number with a country prefix picker, for operators that require it.

    Intents: ``phone_entered`` (the full number, e.g. ``+48123456789``), ``cancel``.
    """

    name = ScreenName.PHONE_ENTRY

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = PhoneEntryData(title="")
        row = QHBoxLayout()
        self.prefix = QComboBox(self)
        self.prefix.setObjectName("PrefixPicker")
        self.prefix.setMinimumSize(160, MIN_TOUCH_PX)
        row.addWidget(self.prefix)
        row.addWidget(self.display, 1)
        # Why a stranger's screen asks for a phone number, and that the prefix can change.
        self.reason = text_label("Body", self)
        self.left.addWidget(self.title)
        self.left.addWidget(self.reason)
        self.left.addLayout(row)
        self.left.addWidget(self.error)
        self.left.addStretch(1)
        self.cancel_button.clicked.connect(lambda: self.intent.emit(Intent.CANCEL, None))
        self.left.addWidget(self.cancel_button)
        self.movable = [self.cancel_button]
        self.retranslate()

    def show_data(self, data: Any) -> None:
        assert isinstance(data, PhoneEntryData)
        self.data = data
        self.prefix.clear()
        self.prefix.addItems(list(data.prefixes))
        self.prefix.setCurrentText(data.default_prefix)
        self._set("")
        self.retranslate()

    def refresh_data(self, data: Any) -> None:
        """New texts (another language): the number typed and the prefix stay."""
        assert isinstance(data, PhoneEntryData)
        self.data = data
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.data.title)
        self.error.setText(self.data.error)
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("Continue"))
        self.reason.setText(
            self.tr("Your number shows the parcel is yours. Tap the country code to change it.")
        )
        self.keypad.retranslate()

    def _set(self, value: str) -> None:
        self.value = value
        self.display.setText(group(value) if value else "")
        self.ok_button.setEnabled(6 <= len(value) <= 12)

    def type_char(self, char: str) -> None:
        """Append a digit."""
        if char.isdigit() and len(self.value) < 12:
            self._set(self.value + char)

    def backspace(self) -> None:
        """Remove the last digit."""
        self._set(self.value[:-1])

    def clear(self) -> None:
        """Remove every digit."""
        self._set("")

    def confirm(self) -> None:
        """Hand the full number to the flow."""
        if self.ok_button.isEnabled():
            self.intent.emit(Intent.PHONE_ENTERED, self.prefix.currentText() + self.value)
