"""One precedence for every setting the kiosk takes from more than one place.

A setting can come from three places. From the highest to the lowest:

1. **on site** — what a technician set in the maintenance panel (``<state_dir>/site.toml``,
   when the panel exists); it wins because the person standing at the locker knows
   something the office does not (a broken door, a language the street needs);
2. **the backend** — the operator's ``LockerSettings`` for this locker (endpoint 1);
3. **the config file** — the kiosk's defaults from ``/etc/locker-kiosk/config.toml``.

A value absent at one level falls through to the next. Languages are the exception that
proves the rule: the backend names the languages to offer, but the kiosk can only offer
those it ships a catalogue for, so the offered list is the backend's that are shipped,
in the backend's order (the config file's list when the backend names none we ship).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kiosk.backend.api import LockerSettings
from kiosk.config import Config


@dataclass(frozen=True)
class Effective:
    """The values the kiosk runs with, after the precedence."""

    inactivity_timeout_s: float
    heartbeat_s: float
    door_open_timeout_s: float
    languages: tuple[str, ...]
    default_language: str


def effective(
    config: Config,
    backend: LockerSettings | None,
    shipped: Iterable[str],
    site: Mapping[str, object] | None = None,
) -> Effective:
    """Apply on site > backend > config file to every multi-source setting.

    Args:
        config: the config file's values.
        backend: the backend's settings (None before the locker is known).
        shipped: the language codes the kiosk has catalogues for.
        site: on-site overrides by key (``inactivity_timeout_s``, ``default_language``...).
    """
    site = site or {}
    k = config.kiosk
    inactivity = float(k.inactivity_timeout_s)
    heartbeat = float(config.backend.heartbeat_s)
    door_open = float(config.board.door_open_timeout_s)
    available = set(shipped)
    languages = [code for code in k.languages if code in available]
    if backend is not None:
        inactivity = float(backend.idle_timeout_s)
        heartbeat = float(backend.heartbeat_s)
        door_open = float(backend.door_open_timeout_s)
        offered = [code for code in backend.languages if code in available]
        if offered:
            languages = offered
    inactivity = float(_number(site.get("inactivity_timeout_s"), inactivity))
    languages = languages or [k.default_language]
    default = str(site.get("default_language") or k.default_language)
    if default not in languages:
        default = languages[0]
    return Effective(
        inactivity_timeout_s=inactivity,
        heartbeat_s=heartbeat,
        door_open_timeout_s=door_open,
        languages=tuple(dict.fromkeys(languages)),
        default_language=default,
    )


def _number(value: object, fallback: float) -> float:
    """An on-site number, or ``fallback`` when it is absent or not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return fallback
    return float(value)
