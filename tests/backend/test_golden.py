"""Golden REST answers (tests/data/rest/) through the client's parsers and the offline verifier.

These are the contract's examples as a backend would send them; if a wire type changes in a
way that breaks them, the kiosk would break against a real backend too.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest

from kiosk.backend.api import (
    CodeUnknown,
    EventResults,
    LockerInfo,
    OfflineCodes,
    PickupResult,
)
from kiosk.backend.offline import OfflineVerifier
from kiosk.backend.rest import parse_response

DATA = Path(__file__).parents[1] / "data" / "rest"
JSON = {"Content-Type": "application/json"}
PROBLEM = {"Content-Type": "application/problem+json"}


def golden(name: str) -> bytes:
    return (DATA / name).read_bytes()


def test_locker_info_tolerates_new_settings() -> None:
    info = parse_response(200, JSON, golden("locker.json"), LockerInfo)
    assert [c.id for c in info.compartments] == ["A07", "B16"]
    assert info.compartments[1].sensor is False
    assert info.settings.languages == ["en", "pl"]
    assert (info.settings.guess_burst, info.settings.guess_interval_s) == (10, 30)


def test_pickup_with_two_parcels() -> None:
    result = parse_response(200, JSON, golden("pickup.json"), PickupResult)
    assert [r.compartment_id for r in result.rents] == ["A07", "A08"]
    assert result.offline is False
    # the kiosk never sends "offline" back on the wire
    assert b"offline" not in msgspec.json.encode(result)


def test_event_results() -> None:
    results = parse_response(200, JSON, golden("event_results.json"), EventResults).results
    assert [(r.status, r.code) for r in results] == [
        ("accepted", None),
        ("duplicate", None),
        ("rejected", "invalid_transition"),
    ]


def test_problem_maps_to_its_exception() -> None:
    with pytest.raises(CodeUnknown):
        parse_response(404, PROBLEM, golden("problem_code_unknown.json"), PickupResult)


def test_offline_codes_verify_the_documented_hash(tmp_path: Path) -> None:
    codes = parse_response(200, JSON, golden("offline_codes.json"), OfflineCodes)
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC).timestamp()
    verifier = OfflineVerifier(tmp_path / "cache.db", clock=lambda: now)
    verifier.update(codes)
    assert verifier.verify("123-456").rents[0].compartment_id == "A07"
    with pytest.raises(CodeUnknown):
        verifier.verify(str(uuid.uuid4()))
    verifier.close()
