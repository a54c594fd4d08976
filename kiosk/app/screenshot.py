"""``locker-kiosk --screenshot DIR``: every screen rendered to a PNG, offscreen.

Used for the README and for looking at the UI as a shopper would. Each screen is shown
with representative data (the same kind of data its flow gives it), the window is laid
out at the configured size, and ``QWidget.grab()`` writes the pixels.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop

from kiosk.app.kiosk import Kiosk
from kiosk.flows.screendata import Choice, DemoCode, IdleData, MessageData

log = logging.getLogger("kiosk.app.screenshot")


def sample_data(kiosk: Kiosk, name: str) -> Any:
    """Representative data for the screen ``name``."""
    if name == "idle":
        codes = kiosk.demo_codes or (
            DemoCode("482913", "A03"),
            DemoCode("105577", "A11"),
            DemoCode("730264", "B02"),
        )
        return IdleData(
            kiosk.config.kiosk.operator_name,
            tuple(kiosk.languages.languages),
            kiosk.languages.current,
            codes,
        )
    if name == "message":
        return MessageData(
            headline=QCoreApplication.translate("PickupFlow", "Wrong code"),
            body=QCoreApplication.translate(
                "PickupFlow", "Please check the code in your message. 2 attempts left."
            ),
            tone="error",
            choices=(
                Choice(
                    "retry", QCoreApplication.translate("PickupFlow", "Try again"), primary=True
                ),
                Choice("cancel", QCoreApplication.translate("PickupFlow", "Cancel")),
            ),
        )
    return None


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def render_all(kiosk: Kiosk, outdir: Path) -> list[Path]:
    """Render every screen of ``kiosk`` into ``outdir`` (created if needed)."""
    outdir.mkdir(parents=True, exist_ok=True)
    kiosk.languages.reset()
    window = kiosk.window
    window.show()
    written: list[Path] = []
    for name in kiosk.host.names():
        kiosk.host.show_screen(name, sample_data(kiosk, name))
        _settle()
        path = outdir / f"{name}.png"
        if not window.grab().save(str(path)):
            log.error("could not write %s", path)
            continue
        written.append(path)
    window.hide()
    return written
