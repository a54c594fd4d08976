"""WCAG AA contrast on every rendered screen, normal and accessible mode.

The colours are read from what is drawn (see :mod:`tests.helpers.screens`): every text
against the background behind it, 4.5:1 (3:1 for large text), and every button whose
fill does not stand out by its outline, 3:1. The theme's own arithmetic is checked too:
an accent colour no text reads on is corrected.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.ui.door import CELL_COLOURS, cell_label_colour
from kiosk.ui.theme import AA_TEXT, accent_theme, contrast
from tests.helpers.kiosk import make_config, running_kiosk
from tests.helpers.screens import contrast_problems, settle, views

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    with running_kiosk(qtbot, make_config(tmp_path)) as k:
        yield k


@pytest.mark.parametrize("mode", ["normal", "accessible"])
@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["en", "pl"])
def test_contrast_aa_on_every_screen(kiosk: Kiosk, lang: str, orientation: str, mode: str) -> None:
    assert kiosk.languages.set_language(lang)
    problems = []
    for view, image in views(kiosk, orientation, accessible=mode == "accessible"):
        problems += [f"{view}: {p}" for p in contrast_problems(kiosk.window.screen_area, image)]
    assert problems == [], "\n".join(problems)


def _render(qtbot: QtBot, *widgets: QWidget) -> list[str]:
    area = QWidget()
    qtbot.addWidget(area)
    area.setStyleSheet("QWidget { background: #f4f6fa; }")
    layout = QVBoxLayout(area)
    for widget in widgets:
        layout.addWidget(widget)
    area.resize(400, 300)
    area.show()
    settle()
    return contrast_problems(area, area.grab().toImage())


def test_contrast_check_catches_grey_text(qtbot: QtBot) -> None:
    label = QLabel("Pale text")
    label.setStyleSheet("color: #b0b8c4; font-size: 18px;")
    assert any("Pale text" in p for p in _render(qtbot, label))


def test_contrast_check_catches_a_faint_button_outline(qtbot: QtBot) -> None:
    # The old courier button: dark text, but an outline of 1.4:1 that looked disabled.
    button = QPushButton("Courier")
    button.setStyleSheet(
        "background: transparent; color: #0d2240; border: 3px solid #c9d3e3; padding: 12px;"
    )
    assert any("outline" in p for p in _render(qtbot, button))


def test_contrast_check_passes_dark_text(qtbot: QtBot) -> None:
    label = QLabel("Dark text")
    label.setStyleSheet("color: #0d2240; font-size: 18px;")
    assert _render(qtbot, label) == []


@pytest.mark.parametrize("accent", ["#ffb400", "#e30613", "#ffee00", "#1a4fa0", "#7fbf7f"])
@pytest.mark.parametrize("accessible", [False, True])
def test_contrast_of_any_accent_colour_is_corrected(accent: str, accessible: bool) -> None:
    theme = accent_theme(accent, accessible=accessible)
    assert contrast(theme.accent, theme.on_accent) >= AA_TEXT
    assert contrast(theme.ink, theme.page) >= AA_TEXT
    assert contrast(theme.muted, theme.page) >= AA_TEXT
    assert contrast(theme.control_line, theme.page) >= 3.0


def test_contrast_of_door_labels_in_the_bank_picture() -> None:
    for state, (fill, _line) in CELL_COLOURS.items():
        assert contrast(cell_label_colour(state), fill) >= AA_TEXT, state
