"""What flows hand to screens: plain, immutable data, no widgets.

This module is the contract between ``kiosk.flows`` (which decides what to show) and
``kiosk.ui`` (which draws it). Texts in here are already translated by the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Tone = Literal["info", "success", "error"]


@dataclass(frozen=True, slots=True)
class DemoCode:
    """A pickup code the demo backend seeded, shown so the person can try it."""

    code: str
    compartment: str


@dataclass(frozen=True, slots=True)
class IdleData:
    """What the idle screen shows besides its fixed buttons."""

    operator_name: str
    languages: tuple[str, ...]
    current_language: str
    demo_codes: tuple[DemoCode, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    """One answer button: ``key`` is what the flow receives, ``label`` what is shown."""

    key: str
    label: str
    primary: bool = False


@dataclass(frozen=True, slots=True)
class MessageData:
    """A headline, a sentence and up to three answers."""

    headline: str
    body: str = ""
    tone: Tone = "info"
    choices: tuple[Choice, ...] = field(default_factory=tuple)
