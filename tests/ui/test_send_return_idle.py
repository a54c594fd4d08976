"""The demo idle screen shows the seeded send and return codes beside the pickup codes,
without pushing the screen taller than the panel."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.flows.screendata import DemoCode
from tests.helpers.kiosk import make_config, running_kiosk

CODES = (
    DemoCode("482913", "A02"),
    DemoCode("105577", "A04"),
    DemoCode("730264", "A06, A07"),
    DemoCode("118822", "A12"),
    DemoCode("555123", "B08"),
    DemoCode("S7K3M9QD", "M", kind="send"),
    DemoCode("RH4W2XPB", "S", kind="return"),
)


def test_send_return_demo_codes_on_the_idle_screen(qtbot: QtBot, tmp_path: Path) -> None:
    with running_kiosk(qtbot, make_config(tmp_path)) as kiosk:
        height = kiosk.window.height()
        kiosk.demo_codes = CODES  # as the demo backend's seed hands them over
        kiosk.host.show_screen("idle", kiosk.idle_data())
        idle = kiosk.idle_screen
        lines = idle.demo_codes.text().splitlines()
        assert idle.demo_title.text() == "Demo codes"
        assert lines[-2:] == ["S7K3M9QD → send, size M", "RH4W2XPB → return, size S"]
        assert len(lines) == 6  # four pickup codes make room for the two drop-off codes
        qtbot.wait(0)
        assert kiosk.window.height() == height
        kiosk.languages.set_language("pl")
        qtbot.waitUntil(lambda: idle.demo_title.text() == "Kody (demo)")
        assert idle.demo_codes.text().splitlines()[-1] == "RH4W2XPB → zwrot, rozmiar S"
