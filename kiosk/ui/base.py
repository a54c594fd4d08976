"""The one contract every screen keeps.

A screen is a page of the single QStackedWidget (:class:`kiosk.ui.host.ScreenHost`). It
takes what it shows through :meth:`Screen.show_data`, tells the world what the person
wants through its own signals, and knows no other screen and no I/O. Text is set in
:meth:`Screen.retranslate`, which runs again whenever the language changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.flows.screendata import Choice
from kiosk.resources import icon_path

#: The smallest touch target: 15 mm on a 10" 1280x800 panel is about 90 px.
MIN_TOUCH_PX = 90


class Screen(QWidget):
    """Base class of the kiosk's screens (pages of the screen host).

    Every screen has the same contract: it takes its data through :meth:`show_data` and
    reports what the person did through one signal, so the kiosk wires every screen to
    the running flow in one loop.

    Signals:
        intent(str, object): an :class:`~kiosk.flows.screendata.Intent` and its value.
    """

    intent = Signal(str, object)

    #: Key under which the host knows the screen; also the screenshot file name.
    name: ClassVar[str] = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)

    def show_data(self, data: Any) -> None:
        """Replace what the screen shows. The default screen takes no data."""

    def retranslate(self) -> None:
        """Set every visible string through ``self.tr``; called again on language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set the enum or flags property ``name`` by its key names, e.g. ``"AlignCenter"``.

    The idle screen is built before its first frame, and PySide6 builds all 93 Python
    enums of its ``Qt`` namespace the first time anything imports it: about 30 ms of
    start-up on a small machine. Qt's meta-object system converts key names itself (as
    style sheets and ``.ui`` files do), so the modules the first frame needs set enum
    properties this way and never import ``Qt``.

    Raises:
        ValueError: ``obj`` has no such property, or a key is not one of its enum's.
    """
    if not obj.setProperty(name, keys):
        raise ValueError(f"cannot set {type(obj).__name__}.{name} to {keys!r}")


def text_label(object_name: str, parent: QWidget, *, center: bool = False) -> QLabel:
    """A word-wrapped label styled by ``object_name`` (``Headline``, ``Body``, ...)."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    if center:
        set_enum_property(label, "alignment", "AlignCenter")
    return label


def _make_touch_target(button: QPushButton, object_name: str) -> None:
    """Style name, finger size and growth of every kiosk button; it never takes focus."""
    button.setObjectName(object_name)
    button.setMinimumSize(MIN_TOUCH_PX, MIN_TOUCH_PX)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    # No keyboard focus: a scanner's Enter must never "press" a button that kept focus.
    set_enum_property(button, "focusPolicy", "NoFocus")


def touch_button(
    object_name: str, icon: str | None = None, icon_px: int = 64, parent: QWidget | None = None
) -> QPushButton:
    """A push button sized for a finger, styled by ``object_name`` in the theme."""
    button = QPushButton(parent)
    _make_touch_target(button, object_name)
    if icon:
        button.setIcon(QIcon(str(icon_path(icon))))
        button.setIconSize(QSize(icon_px, icon_px))
    return button


class TileButton(QPushButton):
    """A large button with its icon above a word-wrapped label.

    A plain QPushButton puts icon and text on one line that cannot wrap: German and Polish
    labels (and the 40% pseudo-locale) would be cut off on the main actions.
    """

    def __init__(
        self, object_name: str, icon: str, icon_px: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        _make_touch_target(self, object_name)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addStretch(1)
        self.icon_label = QLabel(self)
        self.icon_label.setPixmap(QIcon(str(icon_path(icon))).pixmap(QSize(icon_px, icon_px)))
        set_enum_property(self.icon_label, "alignment", "AlignCenter")
        self.label = text_label(f"{object_name}Label", self, center=True)
        # A tap on either label reaches the button: a QLabel without text interaction
        # ignores mouse events, so Qt hands them on to its parent.
        layout.addWidget(self.icon_label)
        layout.addWidget(self.label)
        layout.addStretch(1)

    def setText(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()


class ChoiceRow(QWidget):
    """A row of big answer buttons built from a flow's :class:`Choice` list.

    ``vertical`` stacks them instead, each the full width: for answers beside a picture,
    where two side by side would be too narrow for a German or Polish label.

    Signals:
        chosen(str): the ``key`` of the tapped answer.
    """

    chosen = Signal(str)

    def __init__(
        self,
        height: int,
        max_width: int = 16777215,
        parent: QWidget | None = None,
        *,
        vertical: bool = False,
        compact: bool = False,
    ):
        super().__init__(parent)
        # Stacked (``vertical``) in a narrow column, each answer the column's full width,
        # in the compact font: long answers ("Larger compartment") fit in every language.
        self._row = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(20 if vertical else 32)
        self._height = height
        self._max_width = max_width
        self._compact = compact
        self.buttons: list[QPushButton] = []

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        """Replace the buttons: the primary answer in the accent colour."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for choice in choices:
            style = "PrimaryAction" if choice.primary else "SecondaryAction"
            button = touch_button(style, parent=self)
            if self._compact:
                button.setProperty("compact", True)
            button.setText(choice.label)
            button.setMinimumHeight(self._height)
            button.setMaximumWidth(self._max_width)
            button.clicked.connect(lambda _=False, k=choice.key: self.chosen.emit(k))
            self._row.addWidget(button)
            self.buttons.append(button)
