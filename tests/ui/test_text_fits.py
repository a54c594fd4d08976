"""No button text is cut off, in any language or in the 40%-longer pseudo-locale.

Every screen is shown with the same representative data ``--screenshot`` uses; then every
visible push button's text must fit inside it (a TileButton's label must wrap within it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QPushButton
from pytestqt.exceptions import TimeoutError as QtWaitTimeout
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.screenshot import courier_shared_samples, sample_data, send_samples
from kiosk.ui.base import TileButton
from tests.helpers.kiosk import make_config, running_kiosk

pytestmark = pytest.mark.slow


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    with running_kiosk(qtbot, make_config(tmp_path)) as k:
        yield k


def overflowing(button: QPushButton) -> bool:
    if isinstance(button, TileButton):
        label = button.label
        return label.heightForWidth(label.width()) > label.height() + 2
    icon = button.iconSize().width() + 8 if not button.icon().isNull() else 0
    # The theme's horizontal padding (none on the keypad's keys).
    padding = 0 if button.objectName() == "KeypadKey" else 2 * 24
    return button.fontMetrics().horizontalAdvance(button.text()) + icon + padding > button.width()


@pytest.mark.parametrize("lang", ["en", "de", "pl", "pseudo"])
def test_every_button_text_fits(qtbot: QtBot, kiosk: Kiosk, lang: str) -> None:
    if lang == "pseudo":
        kiosk.languages.languages.append("pseudo")
    assert kiosk.languages.set_language(lang)
    qtbot.wait(0)
    problems = []
    samples = [(name, name, sample_data(kiosk, name)) for name in kiosk.host.names()]
    samples += send_samples()
    # Courier mode on the shared screens (the door with its answers, the PIN keypad).
    samples += courier_shared_samples()
    for label, name, data in samples:
        kiosk.host.show_screen(name, data)
        # The same screen shown again replaced its answer buttons (deleteLater): gone now.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        screen = kiosk.host.screen_named(name)
        buttons = [b for b in screen.findChildren(QPushButton) if b.isVisible() and b.text()]

        def settled(buttons: list[QPushButton] = buttons) -> bool:
            return not any(overflowing(b) for b in buttons)

        try:
            qtbot.waitUntil(settled, timeout=1000)
        except QtWaitTimeout:
            problems += [
                f"{label}: {b.text()!r} ({b.width()} px)" for b in buttons if overflowing(b)
            ]
    assert problems == [], problems
