"""The idle screen reads well at arm's length, in every language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.ui.base import MIN_TOUCH_PX, set_enum_property
from tests.helpers.kiosk import make_config, running_kiosk


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Kiosk]:
    with running_kiosk(qtbot, make_config(tmp_path)) as k:
        qtbot.waitUntil(lambda: k.host.current_name() == "idle")
        yield k


def idle_buttons(kiosk: Kiosk) -> list[QPushButton]:
    idle = kiosk.idle_screen
    return [
        idle.pickup_button,
        idle.send_button,
        idle.courier_button,
        kiosk.window.footer.language_button,
        kiosk.window.footer.accessible_button,
    ]


def test_every_touch_target_is_at_least_15_mm(kiosk: Kiosk) -> None:
    for button in idle_buttons(kiosk):
        assert button.isVisible()
        assert button.width() >= MIN_TOUCH_PX, button.text()
        assert button.height() >= MIN_TOUCH_PX, button.text()


def test_main_actions_are_the_biggest(kiosk: Kiosk) -> None:
    idle = kiosk.idle_screen
    pickup = idle.pickup_button.size()
    assert pickup.width() * pickup.height() > 2 * (
        idle.courier_button.width() * idle.courier_button.height()
    )


@pytest.mark.parametrize(
    ("code", "expected"),
    [("de", "Paket abholen"), ("pl", "Odbierz paczkę"), ("en", "Pick up a parcel")],
)
def test_language_button_translates_the_screen(
    qtbot: QtBot, kiosk: Kiosk, code: str, expected: str
) -> None:
    if code == "en":
        kiosk.window.language_button("de").click()
        qtbot.waitUntil(lambda: kiosk.idle_screen.pickup_button.text() == "Paket abholen")
    kiosk.window.language_button(code).click()
    qtbot.waitUntil(lambda: kiosk.idle_screen.pickup_button.text() == expected)
    assert kiosk.window.language_button(code).isChecked()


def test_pseudo_locale_text_still_fits(qtbot: QtBot, kiosk: Kiosk) -> None:
    kiosk.languages.languages.append("pseudo")
    assert kiosk.languages.set_language("pseudo")
    qtbot.waitUntil(lambda: kiosk.idle_screen.pickup_button.text().startswith("["))
    idle = kiosk.idle_screen
    for tile in (idle.pickup_button, idle.send_button):
        label = tile.label
        longest_word = max(label.text().split(), key=label.fontMetrics().horizontalAdvance)
        assert label.fontMetrics().horizontalAdvance(longest_word) <= label.width()

        # Layouts settle on the next pass of the event loop.
        def wrapped_text_fits(label: QLabel = label) -> bool:
            return label.heightForWidth(label.width()) <= label.height()

        qtbot.waitUntil(wrapped_text_fits)
        assert label.geometry().bottom() <= tile.height()
    courier = idle.courier_button
    text_px = courier.fontMetrics().horizontalAdvance(courier.text())
    assert text_px + courier.iconSize().width() + 24 <= courier.width(), courier.text()


def test_clock_runs_only_while_visible(qtbot: QtBot, kiosk: Kiosk) -> None:
    tick = kiosk.idle_screen.top_bar._tick
    assert tick.isActive()
    kiosk.host.show_screen("out_of_service")
    qtbot.waitUntil(lambda: not tick.isActive())


@pytest.mark.parametrize("part", ["label", "icon_label"])
def test_a_tap_on_a_tile_label_presses_the_tile(kiosk: Kiosk, qtbot: QtBot, part: str) -> None:
    """The labels inside a tile ignore the mouse, so the tap reaches the button itself."""
    tile = kiosk.idle_screen.send_button
    with qtbot.waitSignal(tile.clicked):
        QTest.mouseClick(getattr(tile, part), Qt.MouseButton.LeftButton)


def test_an_unknown_enum_key_is_an_error_not_a_silent_default(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    set_enum_property(label, "alignment", "AlignRight|AlignVCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    with pytest.raises(ValueError, match=r"QLabel\.alignment"):
        set_enum_property(label, "alignment", "AlignSideways")
    with pytest.raises(ValueError, match=r"QLabel\.no_such_property"):
        set_enum_property(label, "no_such_property", "AlignLeft")
