"""Switching the kiosk's language at runtime, and a pseudo-locale to find cut-off text.

Every user-visible string goes through ``self.tr()`` (context = class name) or
``QCoreApplication.translate``. Installing a translator makes Qt post a ``LanguageChange``
event to every widget; screens answer it in ``changeEvent`` by calling ``retranslate()``.

The pseudo-locale ``pseudo`` lengthens every string by 40% and brackets it, as Vorta's
``TRANS_SCALE`` does: render the screens with it and any text that no longer fits its
button is a layout that will break in German or Polish.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal

from kiosk.resources import translations_dir

log = logging.getLogger("kiosk.ui.i18n")

#: Names shown on the language buttons, in their own language (never translated).
LANGUAGE_NAMES = {
    "en": "English",
    "de": "Deutsch",
    "pl": "Polski",
    "nl": "Nederlands",
    "fr": "Français",
    "es": "Español",
    "pseudo": "Pseudo",
}


class PseudoTranslator(QTranslator):
    """Returns every source string 40% longer, in brackets, to expose tight layouts."""

    SCALE = 1.4

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if not source_text:
            return source_text
        extra = math.ceil(len(source_text) * (self.SCALE - 1))
        return f"[{source_text}{'~' * max(extra - 2, 0)}]"

    def isEmpty(self) -> bool:
        return False


class LanguageManager(QObject):
    """Installs the translator for the chosen language.

    Signals:
        language_changed(str): the new language code, after the translator is installed.
    """

    language_changed = Signal(str)

    def __init__(self, languages: list[str], default: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.languages = list(languages)
        self.default = default
        self.current = ""
        self._translator: QTranslator | None = None

    def set_language(self, code: str) -> bool:
        """Switch to ``code``; returns False (and keeps the current one) if it is unknown."""
        if code == self.current:
            return True
        app = QCoreApplication.instance()
        if app is None:
            return False
        translator: QTranslator
        if code == "pseudo":
            translator = PseudoTranslator(self)
        else:
            # English too: its catalogue holds the plural forms ("1 attempt", "2 attempts").
            translator = QTranslator(self)
            path = translations_dir() / f"kiosk_{code}.qm"
            if not translator.load(str(path)):
                log.error("no translation for language %r (looked for %s)", code, path)
                return False
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator = translator
        app.installTranslator(translator)
        self.current = code
        log.info("language set to %s", code)
        self.language_changed.emit(code)
        return True

    def uninstall(self) -> None:
        """Remove this manager's translator from the application (shutdown, tests)."""
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = None
        self.current = ""

    def reset(self) -> None:
        """Back to the default language: each new customer starts from it."""
        self.set_language(self.default)
