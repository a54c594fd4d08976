"""Sounds and spoken prompts: off unless configured, silent at night, the right file for
the language or none, and one log line when the kiosk has no sound stack."""

from __future__ import annotations

import logging
from datetime import datetime, time
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QObject, QUrl
from pytestqt.qtbot import QtBot

from kiosk.config import AudioConfig
from kiosk.services.audio import PROMPTS, AudioFeedback, is_night, prompt_path


class FakeEffect:
    """Records what a QSoundEffect would have played."""

    plays: list[str] = []  # noqa: RUF012 (shared by every instance: the test reads it)

    def __init__(self, parent: QObject) -> None:
        self.source = ""

    def setSource(self, url: QUrl) -> None:
        self.source = url.toLocalFile()

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def play(self) -> None:
        FakeEffect.plays.append(Path(self.source).name)

    def stop(self) -> None:
        pass


def fake_multimedia() -> ModuleType:
    FakeEffect.plays = []
    return SimpleNamespace(QSoundEffect=FakeEffect)  # type: ignore[return-value]


def broken_multimedia() -> ModuleType:
    raise ImportError("libpulse.so.0: cannot open shared object file")


def audio(config: AudioConfig, at: str = "12:00", loader: Any = fake_multimedia) -> AudioFeedback:
    now = datetime.combine(datetime(2026, 11, 30).date(), time.fromisoformat(at))
    return AudioFeedback(config, clock=lambda: now, multimedia_loader=loader)


@pytest.mark.parametrize(
    ("now", "start", "end", "night"),
    [
        ("23:30", "22:00", "07:00", True),
        ("06:59", "22:00", "07:00", True),
        ("07:00", "22:00", "07:00", False),
        ("12:00", "22:00", "07:00", False),
        ("13:00", "12:00", "14:00", True),
        ("03:00", "", "", False),
    ],
)
def test_night_hours(now: str, start: str, end: str, night: bool) -> None:
    assert is_night(time.fromisoformat(now), start, end) is night


def test_sounds_are_off_by_default_and_nothing_is_loaded(qtbot: QtBot) -> None:
    def never() -> ModuleType:
        raise AssertionError("QtMultimedia loaded although sound is off")

    player = audio(AudioConfig(), loader=never)
    player.play("key")
    player.prompt("idle", "en")
    assert player.played == []


def test_sounds_play_by_day_not_at_night(qtbot: QtBot) -> None:
    config = AudioConfig(sounds=True, night_start="22:00", night_end="07:00")
    day = audio(config, "12:00")
    day.play("success")
    day.play("error")
    assert FakeEffect.plays == ["success.wav", "error.wav"]
    night = audio(config, "23:00")
    night.play("key")
    assert night.played == []


def test_no_sound_stack_is_one_log_line(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    player = audio(AudioConfig(sounds=True), loader=broken_multimedia)
    with caplog.at_level(logging.WARNING, logger="kiosk.services.audio"):
        for kind in ("key", "success", "error", "key"):
            player.play(kind)
    assert [r.message for r in caplog.records].count(caplog.records[0].message) == 1
    assert len(caplog.records) == 1
    assert "sound off" in caplog.records[0].message
    assert player.played == []


def test_prompt_is_the_languages_own_file_or_silence(tmp_path: Path) -> None:
    for lang in ("de", "pt"):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "idle.wav").write_bytes(b"RIFF")
    assert prompt_path(tmp_path, "de", "idle") == tmp_path / "de" / "idle.wav"
    assert prompt_path(tmp_path, "pt_BR", "idle") == tmp_path / "pt" / "idle.wav"
    # No English prompt to a Polish customer: nothing rather than the wrong language.
    assert prompt_path(tmp_path, "pl", "idle") is None
    assert prompt_path(tmp_path, "de", "door") is None


def test_prompt_plays_only_on_the_screens_the_operator_chose(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    for screen in ("idle", "door"):
        (tmp_path / "de" / f"{screen}.wav").write_bytes(b"RIFF")
    player = audio(AudioConfig(prompts=["idle"], prompts_dir=str(tmp_path)))
    player.prompt("idle", "de")
    player.prompt("door", "de")
    assert player.played == ["prompt:de/idle"]


def test_every_prompt_screen_exists() -> None:
    from kiosk.flows.screendata import ScreenName

    assert set(PROMPTS) <= {name.value for name in ScreenName}
