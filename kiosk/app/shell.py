"""The first frame: the window, the theme, the language and the idle screen, and nothing else.

A kiosk that restarts (after a power cut, an update or the watchdog) should show its idle
screen as soon as Qt can draw it, not after every service, flow and screen has been
imported and built. :class:`Shell` is the part of the kiosk that the first frame needs;
``locker-kiosk`` shows it, and builds the rest (:class:`kiosk.app.kiosk.Kiosk`, which
takes the shell) once that frame is on the glass. This module therefore imports only the
idle screen, the window and the translator: everything it pulls in is paid before the
first frame.

A tap that arrives while the rest is being built is not lost: Qt holds it in the event
queue and delivers it once the kiosk has wired the idle screen's buttons, and the kiosk
serves it as soon as its state machine has entered idle.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from kiosk.config import Config
from kiosk.flows.screendata import IdleData
from kiosk.resources import assets_dir
from kiosk.ui import theme
from kiosk.ui.host import KioskWindow
from kiosk.ui.i18n import LanguageManager
from kiosk.ui.idle import IdleScreen

log = logging.getLogger("kiosk.app")

#: Width of the demo's simulator panel, docked at the right of the kiosk screen.
SIDE_PANEL_WIDTH = 480


def load_theme() -> str:
    """The QSS theme; an unreadable theme file leaves Qt's default look, with a log line."""
    path = assets_dir() / "theme.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        log.error("theme not loaded (%s): using Qt's default look", err)
        return ""


class FirstPaint(QObject):
    """Reports the first time a widget has been painted.

    Signals:
        painted(): the widget has finished its first paint event.
    """

    painted = Signal()

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            # Reported from the event loop: the paint in progress finishes first.
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)
        return False


class Shell:
    """The kiosk window with its idle screen, themed and translated, ready to be shown.

    Attributes:
        window: the top-level window; its screen host holds the idle screen.
        idle_screen: the idle screen, showing the operator's name and languages.
        languages: the runtime language switcher, already in the default language.
    """

    def __init__(self, config: Config, *, language: str | None = None) -> None:
        kiosk = config.kiosk
        self.theme_template = load_theme()
        self.accent = kiosk.accent_colour
        self.accessible = False
        theme.apply(self.theme_template, theme.accent_theme(self.accent))
        languages = list(kiosk.languages)
        if language and language not in languages:
            # ``--lang nl`` with a config that does not list it: offered for this run.
            languages.append(language)
        self.languages = LanguageManager(languages, language or kiosk.default_language)
        self.languages.reset()
        self.window = KioskWindow()
        self.window.screen_area.reach = {
            "portrait": kiosk.accessible_reach_portrait,
            "landscape": kiosk.accessible_reach_landscape,
        }
        self.idle_screen = IdleScreen()
        if kiosk.logo:
            self.idle_screen.top_bar.set_logo(kiosk.logo)
        self.window.host.add(self.idle_screen)
        self.idle_screen.show_data(
            IdleData(
                operator_name=kiosk.operator_name,
                languages=tuple(self.languages.languages),
                current_language=self.languages.current,
            )
        )
        self.window.set_languages(tuple(self.languages.languages), self.languages.current)
        self.languages.language_changed.connect(
            lambda code: self.window.set_languages(tuple(self.languages.languages), code)
        )
        self.size = (kiosk.width, kiosk.height)
        self.demo = config.board.kind == "simulator"
        self.set_size(kiosk.width, kiosk.height)

    def set_size(self, width: int, height: int) -> None:
        """The kiosk's screen size (the screenshot tool renders portrait and landscape)."""
        self.size = (width, height)
        if self.demo:
            # Room for the simulator panel the demo docks at the side once it is built,
            # so the window does not jump when it arrives.
            self.window.screen_area.setFixedSize(width, height)
            self.window.resize(width + SIDE_PANEL_WIDTH, height)
        else:
            self.window.resize(width, height)

    def set_accessible(self, on: bool) -> None:
        """Accessible mode on or off: high contrast, larger type, controls within reach."""
        if on == self.accessible:
            return
        self.accessible = on
        theme.apply(self.theme_template, theme.accent_theme(self.accent, accessible=on))
        self.window.screen_area.set_accessible(on)

    def close(self) -> None:
        """Remove the translator and close the window (at shutdown, or when no kiosk came)."""
        self.languages.uninstall()
        self.window.close()
        self.window.deleteLater()
