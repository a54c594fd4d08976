"""The operator's brand from the config: logo (SVG or PNG), accent colour, name."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.app.shell import Shell
from kiosk.ui.theme import AA_TEXT, accent_theme, contrast, current
from tests.helpers.kiosk import make_config

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" height="50">
<rect width="200" height="50" fill="#e30613"/></svg>"""


def shell(qtbot: QtBot, tmp_path: Path, **kiosk: object) -> Shell:
    made = Shell(make_config(tmp_path, **kiosk))
    qtbot.addWidget(made.window)
    return made


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_operator_logo_from_the_config(qtbot: QtBot, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"logo.{kind}"
    if kind == "svg":
        path.write_text(SVG)
    else:
        image = QImage(400, 100, QImage.Format.Format_RGB32)
        image.fill(QColor("#e30613"))
        assert image.save(str(path))
    made = shell(qtbot, tmp_path, logo=str(path), operator_name="Red Parcel")
    pixmap = made.idle_screen.top_bar.logo.pixmap()
    assert pixmap.height() == 64
    assert pixmap.width() == 256  # the logo's own shape, 4:1
    assert pixmap.toImage().pixelColor(10, 10).name() == "#e30613"
    assert made.idle_screen.top_bar.operator.text() == "Red Parcel"
    made.close()


def test_unreadable_logo_keeps_the_built_in_with_one_log_line(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="kiosk.ui.idle"):
        made = shell(qtbot, tmp_path, logo=str(tmp_path / "absent.svg"))
    assert [r.message for r in caplog.records if "logo" in r.message] == [
        f"logo {tmp_path / 'absent.svg'} cannot be read (SVG or PNG): using the built-in one"
    ]
    assert made.idle_screen.top_bar.logo.pixmap().height() == 64
    made.close()


def test_accent_colour_from_the_config_colours_the_primary_buttons(
    qtbot: QtBot, tmp_path: Path
) -> None:
    made = shell(qtbot, tmp_path, accent_colour="#1a4fa0")
    made.window.show()
    tile = made.idle_screen.pickup_button
    qtbot.waitUntil(lambda: tile.width() > 100)
    image = tile.grab().toImage()
    assert image.pixelColor(image.width() // 2, 12).name() == "#1a4fa0"
    # Blue is dark: the words on it are white, not navy.
    assert current().on_accent == "#ffffff"
    made.close()


def test_accent_no_text_reads_on_is_corrected_with_a_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.theme"):
        theme = accent_theme("#808080")
    assert theme.accent != "#808080"
    assert contrast(theme.accent, theme.on_accent) >= AA_TEXT
    assert len(caplog.records) == 1
    assert "#808080 gives text a contrast of 4.0:1 only" in caplog.records[0].message
