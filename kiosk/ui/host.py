"""The kiosk window: one QStackedWidget of screens, plus the demo side panel.

Flows never touch widgets; they ask for a screen by name with the data it should show,
and :class:`ScreenHost` switches the page. Screens stay alive for the life of the window
(building them again on every tap would cost more than keeping them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.resources import icon_path
from kiosk.ui.base import MIN_TOUCH_PX, Screen, set_enum_property, text_label, touch_button
from kiosk.ui.i18n import language_name

log = logging.getLogger("kiosk.ui.host")


class ScreenHost(QStackedWidget):
    """Holds every screen as a page and shows one at a time.

    Signals:
        screen_shown(str): the name of the screen now on top.
    """

    screen_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens: dict[str, Screen] = {}
        self._data: dict[str, Any] = {}

    def add(self, screen: Screen) -> None:
        """Register ``screen`` under its ``name``."""
        if not screen.name or screen.name in self._screens:
            raise ValueError(f"screen needs a unique name, got {screen.name!r}")
        self._screens[screen.name] = screen
        self.addWidget(screen)

    def screen_named(self, name: str) -> Screen:
        """The screen registered as ``name``."""
        return self._screens[name]

    def names(self) -> list[str]:
        """Every registered screen name, in registration order."""
        return list(self._screens)

    def current_name(self) -> str:
        """Name of the screen on top."""
        widget = self.currentWidget()
        return widget.name if isinstance(widget, Screen) else ""

    def show_screen(self, name: str, data: Any = None) -> None:
        """Give ``data`` to the screen ``name`` and bring it to the top.

        Raises:
            KeyError: no screen has that name — a flow asked for a screen that does not
                exist, a programming error a test must catch, not a log line.
        """
        screen = self._screens.get(name)
        if screen is None:
            raise KeyError(f"no screen named {name!r} (known: {', '.join(self._screens)})")
        if data is not None:
            screen.show_data(data)
            self._data[name] = data
        self.setCurrentWidget(screen)
        self.screen_shown.emit(name)

    def refresh_current(self, localise: Callable[[Any], Any]) -> None:
        """Give the screen on top its data again through ``localise`` (a new language),
        keeping what the person typed or chose there."""
        name = self.current_name()
        data = self._data.get(name)
        if data is None:
            return
        data = localise(data)
        self._data[name] = data
        self._screens[name].refresh_data(data)


def new_reference() -> str:
    """A short reference for the person to quote on the phone: the time and three
    letters no one confuses (no O/0, I/1)."""
    import secrets
    import time

    letters = "".join(secrets.choice("ACDEFGHJKMNPRTUVWXY34679") for _ in range(3))
    return f"{time.strftime('%H%M')}-{letters}"


class LanguagePicker(QFrame):
    """Every language offered, by its own name, in big buttons: opened from the footer.

    Signals:
        chosen(str): the language code tapped.
    """

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LanguagePicker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 24)
        layout.setSpacing(16)
        self.title = QLabel(self)
        self.title.setObjectName("PickerTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        layout.addLayout(self._grid)
        self.buttons: dict[str, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.columns = 3
        self.hide()

    def set_languages(self, languages: tuple[str, ...], current: str, columns: int) -> None:
        """One button per language (its own name), ``current`` checked."""
        if tuple(self.buttons) != languages or columns != self.columns:
            for button in self.buttons.values():
                self._group.removeButton(button)
                self._grid.removeWidget(button)
                button.deleteLater()
            self.buttons = {}
            self.columns = columns
            for index, code in enumerate(languages):
                button = touch_button("LanguageOption", parent=self)
                button.setText(language_name(code))
                button.setCheckable(True)
                button.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
                self._group.addButton(button)
                self._grid.addWidget(button, index // columns, index % columns)
                self.buttons[code] = button
        if current in self.buttons:
            self.buttons[current].setChecked(True)
        # The title in every offered language would not fit: in the current one, and the
        # buttons say each language in its own.
        self.title.setText(QCoreApplication.translate("LanguagePicker", "Choose your language"))


class Footer(QFrame):
    """The strip under every customer screen: the language button, and on the idle
    screen the accessible-mode button.

    Signals:
        language_pressed(): the language button was tapped (open or close the picker).
        accessible_pressed(bool): the accessible-mode button was toggled.
    """

    language_pressed = Signal()
    accessible_pressed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Footer")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 8)
        layout.setSpacing(16)
        self.accessible_button = touch_button("AccessibleButton", "accessible", 56, self)
        self.accessible_button.setCheckable(True)
        self.accessible_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.accessible_button.setFixedHeight(MIN_TOUCH_PX)
        self.accessible_button.clicked.connect(self.accessible_pressed)
        self.language_button = touch_button("LanguageButton", "language", 48, self)
        self.language_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.language_button.setFixedHeight(MIN_TOUCH_PX)
        self.language_button.setMinimumWidth(200)
        self.language_button.clicked.connect(self.language_pressed)
        # On the idle screen, where a scanned code goes: the scanner sits below the screen.
        self.hint = text_label("ScannerHint", self)
        # The buttons keep their size; the hint wraps in what is left.
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        set_enum_property(self.hint, "alignment", "AlignCenter")
        self.hint.hide()
        self.scanner = False
        # Under a message or out of service: whom to call, which locker, what to quote.
        self.locker_id = ""
        self.help = ""
        self.reference = ""
        self.footer = "language"
        layout.addWidget(self.accessible_button)
        layout.addWidget(self.hint, 1)
        layout.addStretch(0)
        layout.addWidget(self.language_button)
        self.retranslate()

    def set_screen(self, footer: str) -> None:
        """What the footer offers under a screen (see :attr:`Screen.footer`)."""
        self.setVisible(footer != "none")
        self.accessible_button.setVisible(footer == "idle")
        if footer == "help":
            # A fresh reference to quote to the help line; the log has it too.
            self.reference = new_reference()
            log.info("help reference %s", self.reference)
        self.footer = footer
        self._show_hint()

    def _show_hint(self) -> None:
        footer = self.footer
        if footer == "help":
            parts = []
            if self.locker_id:
                parts.append(
                    QCoreApplication.translate("Footer", "Locker %1").replace("%1", self.locker_id)
                )
            if self.help:
                parts.append(self.help)
            parts.append(
                QCoreApplication.translate("Footer", "Reference %1").replace("%1", self.reference)
            )
            self.hint.setText("  ·  ".join(parts))
            self.hint.setVisible(True)
            return
        self.hint.setText(
            QCoreApplication.translate(
                "Footer", "Code on your phone? Hold it under the scanner below the screen."
            )
        )
        self.hint.setVisible(footer == "idle" and self.scanner)

    def retranslate(self) -> None:
        self.accessible_button.setText(QCoreApplication.translate("Footer", "Accessible mode"))
        self._show_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class AccessibleHeader(QFrame):
    """Above the reachable part of the screen in accessible mode: nothing to tap here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AccessibleHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.setSpacing(16)
        layout.addStretch(1)
        icon = QLabel(self)
        icon.setPixmap(QIcon(str(icon_path("accessible"))).pixmap(QSize(128, 128)))
        set_enum_property(icon, "alignment", "AlignCenter")
        layout.addWidget(icon)
        self.text = QLabel(self)
        self.text.setObjectName("AccessibleHeaderText")
        self.text.setWordWrap(True)
        set_enum_property(self.text, "alignment", "AlignCenter")
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setText(
            QCoreApplication.translate(
                "AccessibleHeader", "Accessible mode: everything to tap is in the lower part."
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ScreenArea(QWidget):
    """What the shopper sees: the screens, the footer under them, and in accessible mode
    a header that keeps every control within reach of a seated person.

    ``reach`` is the part of the screen's height (from the bottom) a person in a
    wheelchair can reach, per orientation; in accessible mode the header takes the rest.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScreenArea")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = AccessibleHeader(self)
        self.host = ScreenHost(self)
        self.footer = Footer(self)
        column.addWidget(self.header)
        column.addWidget(self.host, 1)
        column.addWidget(self.footer)
        self.picker = LanguagePicker(self)
        self.accessible = False
        self.reach = {"portrait": 0.55, "landscape": 1.0}

    def is_portrait(self) -> bool:
        return self.height() > self.width()

    def set_accessible(self, on: bool) -> None:
        """Accessible mode on or off: the header above the reachable part."""
        self.accessible = on
        self.footer.accessible_button.setChecked(on)
        self._fit_header()

    def _fit_header(self) -> None:
        fraction = self.reach["portrait" if self.is_portrait() else "landscape"]
        height = round(self.height() * (1 - fraction))
        show = self.accessible and height >= 80
        if show:
            self.header.setFixedHeight(height)
        self.header.setVisible(show)
        self._place_picker()

    def reach_top(self) -> int:
        """The y (in this widget) above which nothing may be tapped in accessible mode."""
        if not self.accessible:
            return 0
        fraction = self.reach["portrait" if self.is_portrait() else "landscape"]
        return round(self.height() * (1 - fraction))

    def toggle_picker(self) -> None:
        self.picker.setVisible(not self.picker.isVisible())
        self._place_picker()

    def _place_picker(self) -> None:
        if not self.picker.isVisible():
            return
        margin = 24
        width = self.width() - 2 * margin
        height = self.picker.heightForWidth(width)
        if height < 0:
            height = self.picker.sizeHint().height()
        bottom = self.footer.geometry().top() if self.footer.isVisible() else self.height()
        self.picker.setGeometry(margin, max(0, bottom - height - margin), width, height)
        self.picker.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_header()


class KioskWindow(QWidget):
    """Top-level window: the screen area, and in demo mode a simulator panel at its side.

    Signals:
        language_chosen(str): a language was chosen in the picker.
        accessible_requested(bool): the accessible-mode button was toggled.
    """

    language_chosen = Signal(str)
    accessible_requested = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setWindowTitle("locker-kiosk")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        # The window is the display: it never grows past it for a screen that wants more
        # room (such a screen is cut off, which tests/ui/test_text_fits.py catches).
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.screen_area = ScreenArea(self)
        self.host = self.screen_area.host
        self.footer = self.screen_area.footer
        self.picker = self.screen_area.picker
        self._layout.addWidget(self.screen_area, 1)
        self.side_panel: QWidget | None = None
        self._languages: tuple[str, ...] = ()
        self._current = ""
        self.footer.language_pressed.connect(self.screen_area.toggle_picker)
        self.footer.accessible_pressed.connect(self.accessible_requested)
        self.picker.chosen.connect(self._chosen)
        self.host.screen_shown.connect(self._screen_shown)

    def set_languages(self, languages: tuple[str, ...], current: str) -> None:
        """The languages offered and the current one (footer button and picker)."""
        self._languages, self._current = tuple(languages), current
        self.footer.language_button.setText(language_name(current))
        self.footer.language_button.setVisible(len(languages) > 1)
        columns = 2 if self.screen_area.is_portrait() else 3
        self.picker.set_languages(self._languages, current, columns)

    def language_button(self, code: str) -> QPushButton:
        """The picker's button for ``code`` (tests, screenshots)."""
        return self.picker.buttons[code]

    def _chosen(self, code: str) -> None:
        self.picker.hide()
        self.language_chosen.emit(code)

    def _screen_shown(self, name: str) -> None:
        self.picker.hide()
        screen = self.host.currentWidget()
        self.footer.set_screen(screen.footer if isinstance(screen, Screen) else "none")

    def set_side_panel(self, panel: QWidget, width: int = 480) -> None:
        """Dock ``panel`` (the demo's simulator controls) at the right edge."""
        self.side_panel = panel
        panel.setParent(self)
        panel.setFixedWidth(width)
        self._layout.addWidget(panel)


class ActivityFilter(QObject):
    """Application-wide event filter that reports any touch, click or key press.

    Signals:
        activity(): the person did something; the inactivity timeout starts again.
        tapped(): a finger (or the mouse) pressed the screen: the key sound, never for
            a scanner's typing.
    """

    activity = Signal()
    tapped = Signal()
    _TAPS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
    _TYPES = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
            QEvent.Type.Wheel,
        }
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._TYPES:
            self.activity.emit()
            if event.type() in self._TAPS and isinstance(watched, QPushButton):
                self.tapped.emit()
        return False
