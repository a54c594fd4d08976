"""A kiosk that boots without network starts from the layout it saw last."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app.parts import cached_locker
from kiosk.backend.api import Compartment, InvalidResponse, LockerInfo, LockerSettings, Unavailable

LOCKER = LockerInfo(
    locker_id="WAW-07",
    name="Test",
    address="",
    timezone="UTC",
    compartments=[Compartment("A01", 1, 1, "S", 0, 0, True, True)],
    settings=LockerSettings(),
)


def down() -> LockerInfo:
    raise Unavailable("connection refused")


def test_layout_is_remembered_and_used_when_the_backend_is_down(tmp_path: Path) -> None:
    cache = tmp_path / "locker.json"
    assert cached_locker(lambda: LOCKER, cache) == LOCKER
    assert cache.exists()
    assert cached_locker(down, cache) == LOCKER


def test_nothing_remembered_means_unavailable(tmp_path: Path) -> None:
    with pytest.raises(Unavailable):
        cached_locker(down, tmp_path / "locker.json")


def test_a_damaged_cache_is_not_trusted(tmp_path: Path) -> None:
    cache = tmp_path / "locker.json"
    cache.write_bytes(b'{"locker_id": 7')
    with pytest.raises(Unavailable):
        cached_locker(down, cache)


def test_only_unreachable_falls_back(tmp_path: Path) -> None:
    cache = tmp_path / "locker.json"
    cached_locker(lambda: LOCKER, cache)

    def nonsense() -> LockerInfo:
        raise InvalidResponse("HTML error page")

    with pytest.raises(InvalidResponse):
        cached_locker(nonsense, cache)
