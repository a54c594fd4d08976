"""Qt's messages in the kiosk's log: a missing optional library is not ten warnings."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import cast

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from kiosk.services.qtlog import _handler


def emit(category: str, message: str) -> None:
    context = cast(QMessageLogContext, SimpleNamespace(category=category))
    _handler(QtMsgType.QtWarningMsg, context, message)


def test_multimedia_library_search_is_debug_not_ten_warnings(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG, logger="kiosk.qt"):
        for lib in ("pipewire-0.3", "va-x11", "va-drm", "va", "va(in plugin)"):
            emit("qt.multimedia.symbolsresolver", f"Couldn't load {lib} library")
        emit("qt.qpa.xcb", "could not connect to display")
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.message for r in warnings] == ["could not connect to display"]
    assert sum(r.levelno == logging.DEBUG for r in caplog.records) == 5
