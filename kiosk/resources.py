"""Where the kiosk's data files are, in a source checkout and in an installed wheel.

In a checkout (``uv run``) the files sit beside the package in ``assets/`` and
``translations/``; the wheel carries the same folders inside the package as ``_assets``
and ``_translations`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def assets_dir() -> Path:
    """The folder holding the QSS theme and the SVG icons."""
    return _first_existing(_PACKAGE.parent / "assets", _PACKAGE / "_assets")


def translations_dir() -> Path:
    """The folder holding ``kiosk_<lang>.ts`` sources and compiled ``.qm`` files."""
    return _first_existing(_PACKAGE.parent / "translations", _PACKAGE / "_translations")


def icon_path(name: str) -> Path:
    """Path of ``assets/icons/<name>.svg``."""
    return assets_dir() / "icons" / f"{name}.svg"
