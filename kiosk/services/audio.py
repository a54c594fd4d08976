"""Sound: short sounds for a key press, success and error, and spoken prompts per screen.

Both are off unless the operator's config turns them on (``[audio]``), and silent during
the configured night hours. The prompts are WAV files made ahead of time from the
translations with Debian's ``espeak-ng`` (``packaging/make-prompts``): one per language
and screen, never a voice fetched from the internet at run time.

QtMultimedia is imported the first time a sound is due (it costs ~100 ms and needs
libpulse0); a kiosk without a sound stack says so in one log line and stays silent.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QUrl

from kiosk.config import AudioConfig
from kiosk.resources import assets_dir

log = logging.getLogger("kiosk.services.audio")

SOUNDS = ("key", "success", "error")

#: The spoken prompt of each screen (translated like every text; the context ``Prompt``
#: is what ``packaging/make-prompts`` reads from each catalogue).
PROMPTS: dict[str, str] = {
    "idle": str(
        QT_TRANSLATE_NOOP(
            "Prompt",
            "Welcome. To pick up a parcel, tap the yellow button. To send or return one, "
            "tap the dark button next to it.",
        )
    ),
    "code_entry": str(
        QT_TRANSLATE_NOOP(
            "Prompt", "Type the code from your message on the keypad, then tap Open my door."
        )
    ),
    "phone_entry": str(QT_TRANSLATE_NOOP("Prompt", "Type your phone number, then tap Continue.")),
    "camera": str(QT_TRANSLATE_NOOP("Prompt", "Hold the code from your message up to the camera.")),
    "door": str(
        QT_TRANSLATE_NOOP(
            "Prompt", "Your door is open. The screen shows where it is. Close it when you are done."
        )
    ),
    "receipt": str(QT_TRANSLATE_NOOP("Prompt", "Thank you. Please take a photo of your receipt.")),
}


def import_multimedia() -> ModuleType:
    """The default loader: ``PySide6.QtMultimedia`` (ImportError without libpulse0)."""
    return importlib.import_module("PySide6.QtMultimedia")


def prompt_path(prompts_dir: Path, language: str, screen: str) -> Path | None:
    """The prompt for ``screen`` in ``language`` (``pt_BR`` falls back to ``pt``), or
    None: a prompt in another language than the screen's confuses more than silence."""
    for code in dict.fromkeys((language, language.split("_")[0])):
        path = prompts_dir / code / f"{screen}.wav"
        if path.is_file():
            return path
    return None


def is_night(now: time, start: str, end: str) -> bool:
    """Whether ``now`` is within the night hours ``start``-``end`` (``"22:00"``-``"07:00"``,
    across midnight too); never when they are not set."""
    if not start or not end:
        return False
    begin, finish = time.fromisoformat(start), time.fromisoformat(end)
    if begin <= finish:
        return begin <= now < finish
    return now >= begin or now < finish


class AudioFeedback(QObject):
    """Plays the short sounds and the screens' prompts the config asks for.

    Args:
        config: the ``[audio]`` section.
        clock: the local time now (tests pass a fixed one).
        multimedia_loader: imports QtMultimedia; tests pass a fake or one that raises.
        parent: the owning QObject.
    """

    def __init__(
        self,
        config: AudioConfig,
        *,
        clock: Callable[[], datetime] = datetime.now,
        multimedia_loader: Callable[[], ModuleType] = import_multimedia,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self._clock = clock
        self._load = multimedia_loader
        self._multimedia: ModuleType | None = None
        self.available = True  # until QtMultimedia failed to load
        self._effects: dict[str, Any] = {}
        self._prompt: Any = None
        self.played: list[str] = []  # what was played, newest last (diagnostics, tests)

    def quiet_now(self) -> bool:
        """Night hours: no sound at all."""
        c = self.config
        return is_night(self._clock().time(), c.night_start, c.night_end)

    def play(self, kind: str) -> None:
        """Play the ``key``, ``success`` or ``error`` sound, if sounds are on."""
        if not self.config.sounds or self.quiet_now():
            return
        effect = self._effects.get(kind)
        if effect is None:
            effect = self._effect(self._sound_file(kind))
            if effect is None:
                return
            self._effects[kind] = effect
        effect.play()
        self.played.append(kind)

    def prompt(self, screen: str, language: str) -> None:
        """Speak ``screen``'s prompt in ``language`` if the operator enabled it there."""
        if screen not in self.config.prompts or self.quiet_now():
            return
        path = prompt_path(Path(self.config.prompts_dir), language, screen)
        if path is None:
            log.debug("no %s prompt for screen %s", language, screen)
            return
        if self._prompt is not None:
            self._prompt.stop()
        self._prompt = self._effect(path)
        if self._prompt is not None:
            self._prompt.play()
            self.played.append(f"prompt:{language}/{screen}")

    def stop(self) -> None:
        """Stop whatever plays (shutdown)."""
        for effect in (*self._effects.values(), self._prompt):
            if effect is not None:
                effect.stop()

    def _sound_file(self, kind: str) -> Path:
        configured = str(getattr(self.config, f"{kind}_sound"))
        return Path(configured) if configured else assets_dir() / "sounds" / f"{kind}.wav"

    def _effect(self, path: Path) -> Any:
        """A ``QSoundEffect`` for ``path``; None (one log line, once) without QtMultimedia."""
        if not self.available:
            return None
        if self._multimedia is None:
            try:
                self._multimedia = self._load()
            except (ImportError, OSError) as exc:
                self.available = False
                log.warning(
                    "sound off: QtMultimedia cannot load (is libpulse0 installed?): %s", exc
                )
                return None
        effect = self._multimedia.QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(self.config.volume)
        return effect
