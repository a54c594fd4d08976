"""No button text of any admin panel page is cut off, in any language or the pseudo-locale
(the shared test renders only the panel's first page)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.screenshot import admin_samples
from tests.helpers.kiosk import make_config, running_kiosk
from tests.helpers.screens import settle, text_problems

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    with running_kiosk(qtbot, make_config(tmp_path)) as k:
        yield k


@pytest.mark.parametrize("lang", ["en", "de", "pl", "pseudo"])
def test_admin_every_page_button_text_fits(qtbot: QtBot, kiosk: Kiosk, lang: str) -> None:
    if lang == "pseudo":
        kiosk.languages.languages.append("pseudo")
    assert kiosk.languages.set_language(lang)
    problems = []
    for stem, name, data in admin_samples():  # built after the switch: in that language
        kiosk.host.show_screen(name, data)
        settle()
        problems += [f"{stem}: {p}" for p in text_problems(kiosk.window.screen_area)]
    assert problems == [], problems
