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
import re
from typing import Any

import msgspec
from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

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


#: The locale (dates, numbers) of a language code where it is not the code itself.
LOCALE_OF = {"en": "en_GB", "pseudo": "en_GB"}


def language_name(code: str) -> str:
    """``code``'s name in its own language ("Deutsch", "Polski"), never the bare code.

    From :data:`LANGUAGE_NAMES`, else from Qt's locale data (a language added by dropping
    in its catalogue is still named properly).
    """
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    native = QLocale(code).nativeLanguageName()
    if not native or QLocale(code).language() == QLocale.Language.C:
        return code
    return native[:1].upper() + native[1:]


def shipped_languages() -> list[str]:
    """The languages with a compiled catalogue, English first."""
    codes = sorted(
        path.stem.removeprefix("kiosk_") for path in translations_dir().glob("kiosk_*.qm")
    )
    return sorted(codes, key=lambda code: code != "en")


class PseudoTranslator(QTranslator):
    """Returns every source string 40% longer, in brackets, to expose tight layouts."""

    SCALE = 1.4

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if not source_text:
            return source_text
        extra = math.ceil(len(source_text) * (self.SCALE - 1))
        # The padding is a word of its own: longer text, not one 30-letter word no
        # language has (it would measure the font, not the layout).
        tildes = "~" * max(extra - 3, 0)
        return f"[{source_text} {' '.join(tildes[i : i + 6] for i in range(0, len(tildes), 6))}]"

    def isEmpty(self) -> bool:
        return False


Key = tuple[str, str, str | None, int]
_PLACEHOLDER = re.compile(r"%(?:n|L?\d)")


class Catalogue:
    """Every text the kiosk translated, in any language, back to where it came from.

    Flows translate their texts before they hand them to a screen (the screen data are
    plain strings). When the person switches language in the middle of a flow, the
    texts on the screen are looked up here and translated again, so the flow keeps its
    state and the screen speaks the new language. Texts with placeholders ("Door %1 is
    open", "%n attempt(s) left") are matched as patterns and the values carried over.
    """

    def __init__(self) -> None:
        # Every (context, source) a text came from: PySide's ``self.tr`` asks the class's
        # context first, then its base classes' while the answer is untranslated.
        self._exact: dict[str, list[Key]] = {}
        self._patterns: dict[str, tuple[re.Pattern[str], Key]] = {}

    def record(self, key: Key, result: str) -> None:
        if not result:
            return
        keys = self._exact.setdefault(result, [])
        if key not in keys:
            keys.append(key)
        if _PLACEHOLDER.search(result) and result not in self._patterns:
            parts = _PLACEHOLDER.split(result)
            names = _PLACEHOLDER.findall(result)
            pattern = ""
            for index, part in enumerate(parts):
                pattern += re.escape(part)
                if index < len(names):
                    pattern += r"(\d+)" if names[index] == "%n" else "(.+?)"
            self._patterns[result] = (re.compile(f"^{pattern}$", re.DOTALL), key)

    def retranslate(self, text: str) -> str:
        """``text`` (a translation made earlier, in any language) in the current language;
        a text never translated comes back as it is."""
        if not text:
            return text
        keys = self._exact.get(text)
        if keys:
            return _translate_any(list(keys))
        for template, (pattern, key) in reversed(self._patterns.items()):
            match = pattern.match(text)
            if match is None:
                continue
            names = _PLACEHOLDER.findall(template)
            n = key[3]
            values = dict(zip(names, match.groups(), strict=True))
            if "%n" in values:
                n = int(values["%n"])
            similar = [k for k in self._exact.get(template, [key]) if k[1] == key[1]]
            result = _translate_any([(k[0], k[1], k[2], n) for k in similar] or [key])
            for name, value in values.items():
                if name != "%n":
                    result = result.replace(name, value)
            return result
        if "\n" in text:
            return "\n".join(self.retranslate(line) for line in text.split("\n"))
        return text

    def localise(self, data: Any) -> Any:
        """A screen-data record (or string, or tuple of them) with every text in the
        current language."""
        if isinstance(data, str):
            return self.retranslate(data)
        if isinstance(data, tuple):
            return tuple(self.localise(item) for item in data)
        if isinstance(data, msgspec.Struct):
            changes = {}
            for name in data.__struct_fields__:
                value = getattr(data, name)
                if isinstance(value, str | tuple | msgspec.Struct):
                    new = self.localise(value)
                    if new != value:
                        changes[name] = new
            return msgspec.structs.replace(data, **changes) if changes else data
        return data


def _translate(key: Key) -> str:
    context, source, disambiguation, n = key
    return QCoreApplication.translate(context, source, disambiguation, n)


def _translate_any(keys: list[Key]) -> str:
    """The first of ``keys`` the current language translates (as PySide's ``tr`` walks a
    class's bases), else the source text."""
    for key in keys:
        result = _translate(key)
        if result != key[1]:
            return result
    return _translate(keys[0])


class RecordingTranslator(QTranslator):
    """Hands every lookup to the language's own translator and notes the result in the
    :class:`Catalogue`."""

    def __init__(self, inner: QTranslator, catalogue: Catalogue, parent: QObject) -> None:
        super().__init__(parent)
        self.inner = inner
        self.catalogue = catalogue

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        result = self.inner.translate(context, source_text, disambiguation, n)
        self.catalogue.record((context, source_text, disambiguation, n), result or source_text)
        # Untranslated: the source text, as Qt itself would fall back to (an empty string
        # from Python would count as a translation).
        return result or source_text

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
        self.catalogue = Catalogue()

    def set_language(self, code: str) -> bool:
        """Switch to ``code``; returns False (and keeps the current one) if it is unknown."""
        if code == self.current:
            return True
        app = QCoreApplication.instance()
        if app is None:
            return False
        inner: QTranslator
        if code == "pseudo":
            inner = PseudoTranslator(self)
        else:
            # English too: its catalogue holds the plural forms ("1 attempt", "2 attempts").
            inner = QTranslator(self)
            path = translations_dir() / f"kiosk_{code}.qm"
            if not inner.load(str(path)):
                log.error("no translation for language %r (looked for %s)", code, path)
                inner.deleteLater()
                return False
        translator = RecordingTranslator(inner, self.catalogue, self)
        inner.setParent(translator)
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator.deleteLater()
        self._translator = translator
        # Dates, times and numbers in the language's own way (the receipt's date); English
        # as written in Europe (24-hour clock, day before month).
        QLocale.setDefault(QLocale(LOCALE_OF.get(code, code)))
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
