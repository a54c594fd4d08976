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


def test_every_key_is_explained_by_a_comment_above_it() -> None:
    """Each key has its own comment right above it, or shares one that names it."""
    undocumented: list[str] = []
    comment: list[str] = []
    previous = "other"
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comment = [*comment, stripped] if previous == "comment" else [stripped]
            previous = "comment"
        elif "=" in stripped and not stripped.startswith("["):
            key = stripped.split("=", 1)[0].strip()
            shared = previous == "key" and f"`{key}`" in " ".join(comment)
            if previous != "comment" and not shared:
                undocumented.append(key)
            previous = "key"
        else:
            previous = "other"
    assert not undocumented
