"""No text is cut off, on any screen, in any language, portrait or landscape, accessible
mode or not.

Every screen is shown with the same representative data ``--screenshot`` uses, in every
language the kiosk has a catalogue for and in the 40%-longer pseudo-locale; every visible
text must fit its widget and every widget must lie within the screen (see
:mod:`tests.helpers.screens`). The last tests show the check itself fails on text that is
too long.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.ui.i18n import shipped_languages
from tests.helpers.kiosk import make_config, running_kiosk
from tests.helpers.screens import display_size, settle, text_problems, views

pytestmark = pytest.mark.slow

# Every language with a catalogue, in both orientations, normal and accessible; the
# pseudo-locale (every text 40% longer) in both orientations at the normal size.
COMBINATIONS = [
    *(
        (lang, orientation, mode)
        for lang in shipped_languages()
        for orientation in ("landscape", "portrait")
        for mode in ("normal", "accessible")
    ),
    ("pseudo", "landscape", "normal"),
    ("pseudo", "portrait", "normal"),
]


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    with running_kiosk(qtbot, make_config(tmp_path)) as k:
        yield k


@pytest.mark.parametrize(("lang", "orientation", "mode"), COMBINATIONS)
def test_text_fits_on_every_screen(
    qtbot: QtBot, kiosk: Kiosk, lang: str, orientation: str, mode: str
) -> None:
    if lang not in kiosk.languages.languages:
        kiosk.languages.languages.append(lang)
    assert kiosk.languages.set_language(lang)
    problems = []
    size = display_size(kiosk, orientation)
    for view, _image in views(kiosk, orientation, accessible=mode == "accessible"):
        problems += [f"{view}: {p}" for p in text_problems(kiosk.window.screen_area, size)]
    assert problems == [], "\n".join(problems)


def _area(qtbot: QtBot, *widgets: QWidget) -> QWidget:
    area = QWidget()
    qtbot.addWidget(area)
    layout = QVBoxLayout(area)
    for widget in widgets:
        layout.addWidget(widget)
    area.resize(300, 400)
    area.show()
    settle()
    return area


def test_text_fits_check_catches_a_label_too_long(qtbot: QtBot) -> None:
    label = QLabel("A sentence far too long for a label three hundred pixels wide")
    label.setFixedWidth(200)
    area = _area(qtbot, label)
    assert any("needs" in p for p in text_problems(area))


def test_text_fits_check_catches_a_wrapped_label_too_tall(qtbot: QtBot) -> None:
    label = QLabel(" ".join(["word"] * 80))
    label.setWordWrap(True)
    label.setFixedSize(200, 40)
    area = _area(qtbot, label)
    assert any("high" in p for p in text_problems(area))


def test_text_fits_check_catches_a_button_too_narrow(qtbot: QtBot) -> None:
    button = QPushButton("Larger compartment, please")
    button.setFixedWidth(80)
    area = _area(qtbot, button)
    assert any("Larger" in p for p in text_problems(area))


def test_text_fits_check_passes_text_that_fits(qtbot: QtBot) -> None:
    label = QLabel("Short")
    button = QPushButton("OK")
    area = _area(qtbot, label, button)
    assert text_problems(area) == []
