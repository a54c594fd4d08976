"""The one contract every screen keeps.

A screen is a page of the single QStackedWidget (:class:`kiosk.ui.host.ScreenHost`). It
takes what it shows through :meth:`Screen.show_data`, tells the world what the person
wants through its own signals, and knows no other screen and no I/O. Text is set in
:meth:`Screen.retranslate`, which runs again whenever the language changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QObject, QSize, Signal
from PySide6.QtGui import QFontMetrics, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
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
    #: What the window's footer offers under this screen: ``language`` (the language
    #: button: every customer screen), ``idle`` (language and accessible mode) or ``none``
    #: (staff screens).
    footer: ClassVar[str] = "language"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)
        self.portrait = False

    def set_portrait(self, portrait: bool) -> None:
        """Lay out for a portrait (taller than wide) or landscape area.

        Called when the screen's shape changes; the default changes nothing.
        """

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = self.height() > self.width()
        if portrait != self.portrait:
            self.portrait = portrait
            self.set_portrait(portrait)
        super().resizeEvent(event)

    def show_data(self, data: Any) -> None:
        """Replace what the screen shows. The default screen takes no data."""

    def refresh_data(self, data: Any) -> None:
        """The same data in another language: show it, keeping what the person typed.

        The default shows it afresh; a screen holding input overrides this.
        """
        self.show_data(data)

    def retranslate(self) -> None:
        """Set every visible string through ``self.tr``; called again on language change."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def flip_layout(
    outer: QBoxLayout, portrait: bool, movable: list[QWidget], home: QBoxLayout
) -> None:
    """Side by side in landscape, one above the other in portrait.

    ``outer`` holds the screen's two halves; ``movable`` (the answer buttons at the end
    of the text half, ``home``) go to the very bottom in portrait, under the picture or
    keypad, where a thumb (or a seated person) reaches them.
    """
    outer.setDirection(
        QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
    )
    for widget in movable:
        home.removeWidget(widget)
        outer.removeWidget(widget)
    for widget in movable:
        (outer if portrait else home).addWidget(widget)


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


class FitLabel(QLabel):
    """A word-wrapped label whose type is set smaller when its longest word is wider than
    the label ("zurückschicken" in a narrow tile): a word is never cut in two. With
    ``wrap=False`` the whole text is one line that must fit (a code being typed)."""

    def __init__(self, parent: QWidget | None = None, *, wrap: bool = True) -> None:
        super().__init__(parent)
        self._fitted_px = 0
        self._fitting = False
        self._wrap = wrap

    def setText(self, text: str) -> None:
        super().setText(text)
        self.fit_text()

    def minimumSizeHint(self) -> QSize:
        # A layout may make it narrower than its longest word at the theme's size: the
        # word is then set smaller (QLabel's own minimum would widen the whole screen).
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 80), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_text()

    def fit_text(self) -> None:
        """The largest font size (the theme's at most) at which every word fits."""
        if self._fitting or not self.text() or self.width() <= 0:
            return
        self._fitting = True
        try:
            if self._fitted_px:
                self._fitted_px = 0
                self.setStyleSheet("")
            font = self.font()
            theme_px = font.pixelSize()
            room = self.contentsRect().width()
            words = self.text().split() if self._wrap else [self.text()]

            def widest(metrics: QFontMetrics) -> int:
                return max((metrics.horizontalAdvance(w) for w in words), default=0)

            if theme_px <= 0 or widest(self.fontMetrics()) <= room:
                return
            px = theme_px
            for px in range(theme_px - 2, MIN_BUTTON_FONT_PX - 1, -2):
                font.setPixelSize(px)
                if widest(QFontMetrics(font)) <= room:
                    break
            self._fitted_px = px
            self.setStyleSheet(f"font-size: {px}px;")
        finally:
            self._fitting = False


def text_label(object_name: str, parent: QWidget, *, center: bool = False) -> QLabel:
    """A word-wrapped label styled by ``object_name`` (``Headline``, ``Body``, ...)."""
    label = FitLabel(parent)
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


#: The smallest type a button's text is set in when the theme's size does not fit.
MIN_BUTTON_FONT_PX = 20


class FitButton(QPushButton):
    """A push button whose text is set smaller, never below :data:`MIN_BUTTON_FONT_PX`,
    when the theme's size does not fit its width (a long German or Polish answer in a
    narrow column, the larger type of accessible mode): a smaller word beats a cut one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitted_px = 0
        self._fitting = False
        #: The smallest type for this button (the admin panel's staff buttons go smaller).
        self.min_px = MIN_BUTTON_FONT_PX

    def setText(self, text: str) -> None:
        super().setText(text)
        self.fit_text()

    def minimumSizeHint(self) -> QSize:
        # A layout may give it less than its text at the theme's size: it sets the text
        # smaller (QPushButton's own minimum is its full size hint).
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), max(MIN_TOUCH_PX, self.minimumWidth())), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_text()

    def fit_text(self) -> None:
        """Choose the largest font size (the theme's at most) at which the text fits."""
        if self._fitting or not self.text():
            return
        self._fitting = True
        try:
            if self._fitted_px:
                self._fitted_px = 0
                self.setStyleSheet("")  # the theme's size again, then measure
            font = self.font()
            theme_px = font.pixelSize()
            room = self.width()
            text_px = max(
                self.fontMetrics().horizontalAdvance(line) for line in self.text().split("\n")
            )
            extra = self.sizeHint().width() - text_px
            if theme_px <= 0 or extra + text_px <= room:
                return
            px = theme_px
            for px in range(theme_px - 2, self.min_px - 1, -2):
                font.setPixelSize(px)
                metrics = QFontMetrics(font)
                width = max(metrics.horizontalAdvance(line) for line in self.text().split("\n"))
                if extra + width <= room or px <= self.min_px + 1:
                    break
            self._fitted_px = px
            self.setStyleSheet(f"font-size: {px}px;")
        finally:
            self._fitting = False


def touch_button(
    object_name: str, icon: str | None = None, icon_px: int = 64, parent: QWidget | None = None
) -> QPushButton:
    """A push button sized for a finger, styled by ``object_name`` in the theme."""
    button = FitButton(parent)
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
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
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
        self._fit_icon()

    def text(self) -> str:
        return self.label.text()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_icon()

    def _fit_icon(self) -> None:
        """The icon gives way to the words when the tile is too low for both."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        width = self.width() - margins.left() - margins.right()
        room = self.height() - margins.top() - margins.bottom()
        words = self.label.heightForWidth(width)
        icon = self.icon_label.sizeHint().height() + layout.spacing()
        self.icon_label.setVisible(words + icon <= room)


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
        min_font_px: int = MIN_BUTTON_FONT_PX,
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
        self._min_font_px = min_font_px
        self.buttons: list[QPushButton] = []

    def set_choices(self, choices: tuple[Choice, ...]) -> None:
        """Replace the buttons: the primary answer in the accent colour."""
        for button in self.buttons:
            self._row.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        # With a primary answer the others step back ("Done" stronger than "Open again");
        # without one, every answer is a solid button.
        others = "QuietAction" if any(c.primary for c in choices) else "SecondaryAction"
        for choice in choices:
            style = "PrimaryAction" if choice.primary else others
            button = touch_button(style, parent=self)
            if isinstance(button, FitButton):
                button.min_px = self._min_font_px
            if self._compact:
                button.setProperty("compact", True)
            button.setText(choice.label)
            button.setMinimumHeight(self._height)
            button.setMaximumWidth(self._max_width)
            button.clicked.connect(lambda _=False, k=choice.key: self.chosen.emit(k))
            self._row.addWidget(button)
            self.buttons.append(button)
