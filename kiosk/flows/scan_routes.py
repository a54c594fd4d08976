"""Which flow a scan on the idle screen belongs to, by what the code looks like.

A person who scans at the idle screen has not said what they came for: a pickup code, a
drop-off code and a courier badge all arrive as the same burst of characters. The
operator's codes differ in their shape (length, letters, a prefix), so the kiosk routes a
scan by configurable patterns, first match wins, and a scan that matches nothing starts no
flow and spends nothing of the guess budget: it is only said to be unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.flows.code_entry import normalise


@dataclass(frozen=True)
class ScanRoute:
    """Codes matching ``pattern`` (the whole code, normalised) go to the flow ``flow``."""

    pattern: re.Pattern[str]
    flow: str


class ScanRouter:
    """Routes idle-screen scans; the routes can be replaced when the settings change."""

    def __init__(self, routes: Iterable[ScanRoute] = ()) -> None:
        self.routes = list(routes)

    def route(self, raw: str) -> str | None:
        """The flow for this scan, or None when it is no code this locker knows."""
        code = normalise(raw)
        for route in self.routes:
            if route.pattern.fullmatch(code):
                return route.flow
        return None
