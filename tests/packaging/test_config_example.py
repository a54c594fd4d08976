"""The shipped example config loads with the kiosk's own loader and names every key.

A technician copies packaging/config.example.toml to /etc/locker-kiosk/config.toml: if it
failed validation the first start would fail, and a key missing from it is a setting nobody
finds.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

config = pytest.importorskip("kiosk.config")

EXAMPLE = Path(__file__).resolve().parents[2] / "packaging" / "config.example.toml"


def test_example_loads_with_the_kiosk_loader() -> None:
    cfg = config.load_config(EXAMPLE)
    # The example is for a real locker, not the demo defaults.
    assert cfg.board.kind == "serial"
    assert cfg.board.port == "/dev/lockerboard"
    assert cfg.backend.kind == "rest"
    assert cfg.kiosk.fullscreen
    assert cfg.kiosk.state_dir == "/var/lib/locker-kiosk"


def test_example_sets_every_key_of_every_section() -> None:
    with EXAMPLE.open("rb") as fh:
        data = tomllib.load(fh)
    root = config.Config
    assert set(data) == set(root.__struct_fields__)
    for section in root.__struct_fields__:
        section_type = type(getattr(root(), section))
        missing = set(section_type.__struct_fields__) - set(data[section])
        assert not missing, f"[{section}] lacks {sorted(missing)}"
