"""Offline pickup: cached hashes, the same guess limiter, fallback only when unreachable."""

from __future__ import annotations

import socket
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from kiosk.backend.api import (
    AlreadyCollected,
    BadRequest,
    CodeExpired,
    CodeUnknown,
    Event,
    InvalidResponse,
    LockerSettings,
    OfflineCodes,
    TooManyAttempts,
)
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.offline import OfflineVerifier, ResilientBackend
from kiosk.backend.outbox import Outbox
from kiosk.backend.rest import RestBackend
from kiosk.backend.server import ServerHandle, create_app
from tests.backend.fixtures import LOCKER, OTHER_LOCKER, Seeded, layout, make_client


def test_verify_offline_from_the_cache(tmp_path: Path, client: RestBackend, seeded: Seeded) -> None:
    verifier = OfflineVerifier(tmp_path / "kiosk.db")
    assert verifier.refresh(client) == 3
    result = verifier.verify(seeded.code_ab)
    assert result.offline is True
    assert [r.compartment_id for r in result.rents] == ["A2", "A3"]
    assert [r.rent_id for r in result.rents] == [seeded.rents["A2"], seeded.rents["A3"]]
    assert verifier.fetched_at() is not None
    # the file holds hashes only
    assert seeded.code_ab.encode() not in (tmp_path / "kiosk.db").read_bytes()
    verifier.close()


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


def offline_outcome(verifier: OfflineVerifier, code: str) -> str:
    try:
        verifier.verify(code)
    except CodeUnknown:
        return "checked"
    except TooManyAttempts:
        return "refused"
    return "ok"


def test_offline_guess_budget_uses_the_locker_settings(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    ticks = Ticks()
    verifier = OfflineVerifier(tmp_path / "kiosk.db", monotonic=ticks)
    verifier.refresh(embedded)  # guess_burst=8, guess_interval_s=60
    # a right code spends like a wrong one and refills nothing
    outcomes = [offline_outcome(verifier, c) for c in ["000000", seeded.code_a] * 10]
    assert outcomes[:8] == ["checked", "ok"] * 4
    assert outcomes[8:] == ["refused"] * 12
    with pytest.raises(TooManyAttempts) as info:
        verifier.verify(seeded.code_a)
    assert info.value.retry_after == 60
    ticks.now += 59  # refused attempts did not push the wait out
    assert offline_outcome(verifier, seeded.code_a) == "refused"
    ticks.now += 1
    assert offline_outcome(verifier, seeded.code_a) == "ok"
    assert offline_outcome(verifier, seeded.code_a) == "refused"
    verifier.close()


def test_offline_budget_survives_a_restart_without_refilling(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    ticks = Ticks()
    verifier = OfflineVerifier(tmp_path / "kiosk.db", monotonic=ticks)
    verifier.refresh(embedded)
    for _ in range(8):
        assert offline_outcome(verifier, "000000") == "checked"
    verifier.close()
    # A new process: its monotonic clock starts anywhere (here far ahead); the time the
    # kiosk was down does not count, so the budget is still spent.
    ticks.now += 10_000
    verifier = OfflineVerifier(tmp_path / "kiosk.db", monotonic=ticks)
    with pytest.raises(TooManyAttempts) as info:
        verifier.verify(seeded.code_a)
    assert info.value.retry_after == 60
    ticks.now += 60
    assert offline_outcome(verifier, seeded.code_a) == "ok"
    verifier.close()


def test_offline_long_code_is_bad_request_and_costs_nothing(
    tmp_path: Path, embedded: EmbeddedBackend
) -> None:
    verifier = OfflineVerifier(tmp_path / "kiosk.db", monotonic=Ticks())
    verifier.refresh(embedded)
    with pytest.raises(BadRequest):
        verifier.verify("1" * 4096)
    assert verifier.guess_tokens() == 8
    verifier.close()


def test_offline_expired_and_already_picked_up(
    tmp_path: Path, embedded: EmbeddedBackend, core: BackendCore, seeded: Seeded
) -> None:
    now = [datetime.now(UTC).timestamp()]
    outbox = Outbox(tmp_path / "kiosk.db")
    verifier = OfflineVerifier(tmp_path / "kiosk.db", outbox=outbox, clock=lambda: now[0])
    verifier.refresh(embedded)
    assert verifier.verify(seeded.code_a).rents
    outbox.record(
        Event(str(uuid.uuid4()), "picked_up", datetime.now(UTC), "A1", seeded.rents["A1"])
    )
    with pytest.raises(AlreadyCollected):
        verifier.verify(seeded.code_a)
    now[0] += 7200  # past the rents' expiry
    with pytest.raises(CodeExpired):
        verifier.verify(seeded.code_ab)
    verifier.close()
    outbox.close()


def test_no_cache_means_code_unknown(tmp_path: Path) -> None:
    verifier = OfflineVerifier(tmp_path / "kiosk.db")
    with pytest.raises(CodeUnknown):
        verifier.verify("123456")
    verifier.update(_empty_codes())
    with pytest.raises(CodeUnknown):
        verifier.verify("123456")
    verifier.close()


def _empty_codes() -> OfflineCodes:
    from kiosk.backend.api import Kdf

    return OfflineCodes(kdf=Kdf(alg="pbkdf2-sha256", salt="00" * 16, iterations=1000), rents=[])


def test_resilient_backend_falls_back_only_when_unreachable(
    tmp_path: Path, core: BackendCore, seeded: Seeded
) -> None:
    handle = ServerHandle(create_app(core), "127.0.0.1", 0).start()
    client = make_client(handle.url, timeout_s=2.0)
    backend = ResilientBackend(client, OfflineVerifier(tmp_path / "kiosk.db"))
    assert backend.refresh_offline_codes() == 3
    assert backend.verify_pickup(seeded.code_a).offline is False
    handle.stop()
    result = backend.verify_pickup(seeded.code_a)
    assert result.offline is True
    assert result.rents[0].compartment_id == "A1"
    client.close()
    backend.verifier.close()


def test_invalid_response_does_not_fall_back(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    # A server that answers HTML to everything: a misconfigured proxy, not an outage.
    with socket.socket() as srv:
        srv.bind(("127.0.0.1", 0))
        srv.listen(1)
        port = srv.getsockname()[1]
        import threading

        def answer() -> None:
            conn, _ = srv.accept()
            with conn:
                conn.recv(65536)
                body = b"<html>proxy error</html>"
                conn.sendall(
                    b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\nConnection: close\r\n\r\n"
                    + body
                )

        t = threading.Thread(target=answer)
        t.start()
        verifier = OfflineVerifier(tmp_path / "kiosk.db")
        verifier.refresh(embedded)
        backend = ResilientBackend(make_client(f"http://127.0.0.1:{port}/"), verifier)
        with pytest.raises(InvalidResponse):
            backend.verify_pickup(seeded.code_a)
        t.join(5)
        verifier.close()


def test_pickup_done_offline_is_not_reopened_online_before_delivery(
    tmp_path: Path, core: BackendCore, seeded: Seeded
) -> None:
    """Server down, code served offline, ``picked_up`` waiting in the outbox; server back:
    the same code must not verify online (the server does not know yet)."""
    handle = ServerHandle(create_app(core), "127.0.0.1", 0).start()
    port = handle.port
    client = make_client(handle.url, timeout_s=2.0)
    outbox = Outbox(tmp_path / "outbox.db")
    verifier = OfflineVerifier(tmp_path / "kiosk.db", outbox=outbox)
    backend = ResilientBackend(client, verifier, outbox=outbox)
    backend.refresh_offline_codes()
    handle.stop()
    try:
        assert backend.verify_pickup(seeded.code_a).offline is True
        both = backend.verify_pickup(seeded.code_ab)
        assert [r.compartment_id for r in both.rents] == ["A2", "A3"]
        outbox.record(Event(str(uuid.uuid4()), "picked_up", datetime.now(UTC), "A1",
                            seeded.rents["A1"]))  # fmt: skip
        outbox.record(Event(str(uuid.uuid4()), "picked_up", datetime.now(UTC), "A2",
                            seeded.rents["A2"]))  # fmt: skip
        handle = ServerHandle(create_app(core), "127.0.0.1", port).start()
        with pytest.raises(AlreadyCollected):
            backend.verify_pickup(seeded.code_a)
        rest = backend.verify_pickup(seeded.code_ab)
        assert rest.offline is False
        assert [r.compartment_id for r in rest.rents] == ["A3"]
        # Once delivered, the server says so itself.
        assert outbox.deliver_all(client) == 2
        with pytest.raises(AlreadyCollected):
            backend.verify_pickup(seeded.code_a)
    finally:
        handle.stop()
        client.close()
        verifier.close()
        outbox.close()


def _many_codes(n: int) -> OfflineCodes:
    from kiosk.backend.api import Kdf, OfflineRent

    later = datetime.fromtimestamp(datetime.now(UTC).timestamp() + 3600, UTC)
    return OfflineCodes(
        kdf=Kdf(alg="pbkdf2-sha256", salt="00" * 16, iterations=1000),
        rents=[OfflineRent(f"r{i}", "A1", later, f"{i:064x}") for i in range(n)],
    )


@pytest.mark.parametrize("how", ["junk", "truncated", "empty"])
def test_a_damaged_offline_cache_is_moved_aside_and_refilled(
    tmp_path: Path,
    how: str,
    embedded: EmbeddedBackend,
    seeded: Seeded,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "offline-codes.sqlite"
    if how == "junk":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    elif how == "empty":
        path.touch()
    else:
        verifier = OfflineVerifier(path)
        verifier.update(_many_codes(2000))
        verifier.close()
        path.write_bytes(path.read_bytes()[:20000])
    before = path.read_bytes()
    with caplog.at_level("ERROR", logger="kiosk.backend.statefile"):
        verifier = OfflineVerifier(path)
    [aside] = tmp_path.glob("offline-codes.sqlite.damaged-*")
    assert aside.read_bytes() == before
    assert any(str(aside) in r.getMessage() for r in caplog.records)
    with pytest.raises(CodeUnknown):  # an empty cache until the next refresh
        verifier.verify(seeded.code_a)
    assert verifier.refresh(embedded) == 3
    assert verifier.verify(seeded.code_a).rents
    verifier.close()


def test_offline_codes_hold_only_this_lockers_deposited_unexpired_deliveries(
    core: BackendCore, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    """What a stolen kiosk disk can yield is bounded by what #13 hands out."""
    # a compartment reserved for a parcel not yet in it
    core.place_parcel(LOCKER, parcel_id="p5", compartment_id="B2", status="reserved")
    # a parcel kept far beyond the normal rent time
    core.place_parcel(LOCKER, parcel_id="p6", compartment_id="B3", expires_in_s=30 * 86400)
    # a parcel deposited in another locker
    core.announce_parcel(OTHER_LOCKER, parcel_id="o1", barcode="OBC1", size="S", code="919191")
    core.place_parcel(OTHER_LOCKER, parcel_id="o1", compartment_id="A1")
    codes = embedded.offline_codes()
    assert sorted(r.rent_id for r in codes.rents) == sorted(
        seeded.rents[c] for c in ("A1", "A2", "A3")
    )  # not B1 (expired), B2 (reserved), B3 (beyond the horizon), nor the other locker's


def test_rents_past_expiry_are_not_cached(tmp_path: Path) -> None:
    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    codes = _many_codes(2)
    stale = msgspec.structs.replace(codes.rents[0], expires_at=now - timedelta(minutes=1))
    fresh = msgspec.structs.replace(codes.rents[1], expires_at=now + timedelta(hours=1))
    verifier = OfflineVerifier(tmp_path / "kiosk.db", clock=lambda: 0.0)
    verifier.note_server_time(now.timestamp())  # a heartbeat told the server's time
    verifier.update(msgspec.structs.replace(codes, rents=[stale, fresh]))
    assert verifier.count() == 1
    verifier.close()


def test_a_cache_older_than_its_maximum_age_is_wiped(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    ticks = Ticks()
    verifier = OfflineVerifier(tmp_path / "kiosk.db", monotonic=ticks, max_age_s=1800)
    verifier.refresh(embedded)
    assert verifier.verify(seeded.code_a).rents
    ticks.now += 1801
    with pytest.raises(CodeUnknown):
        verifier.verify(seeded.code_a)
    assert verifier.count() == 0
    verifier.close()


def test_a_cache_found_too_old_at_a_restart_is_wiped(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    now = [datetime.now(UTC).timestamp()]
    verifier = OfflineVerifier(tmp_path / "kiosk.db", clock=lambda: now[0], max_age_s=1800)
    verifier.refresh(embedded)
    verifier.close()
    now[0] += 1801  # the kiosk was off, its clock kept running
    verifier = OfflineVerifier(tmp_path / "kiosk.db", clock=lambda: now[0], max_age_s=1800)
    with pytest.raises(CodeUnknown):
        verifier.verify(seeded.code_a)
    assert verifier.count() == 0
    verifier.close()


def test_a_locker_that_requires_the_phone_asks_for_it_offline_too(
    tmp_path: Path, core: BackendCore
) -> None:
    """Offline, a code alone must not open what online needs the phone number for."""
    core.create_locker(
        "P1", token="p1-token", name="Phone", compartments=layout(), kdf_iterations=1000,
        settings=LockerSettings(pickup_requires_phone=True),
    )  # fmt: skip
    core.announce_parcel(
        "P1", parcel_id="ph1", barcode="PH1", size="S", code="121212", phone="+48 600 111 222"
    )
    core.place_parcel("P1", parcel_id="ph1", compartment_id="A1")
    verifier = OfflineVerifier(tmp_path / "kiosk.db", monotonic=Ticks())
    unreachable = make_client("http://127.0.0.1:9/", timeout_s=1.0)
    backend = ResilientBackend(unreachable, verifier)
    try:
        verifier.refresh(EmbeddedBackend(core, "P1"))
        with pytest.raises(CodeUnknown):
            backend.verify_pickup("121212")
        with pytest.raises(CodeUnknown):
            backend.verify_pickup("121212", "+48 600 111 999")
        result = backend.verify_pickup("121212", "600 111 222")
        assert result.offline is True
        assert [r.compartment_id for r in result.rents] == ["A1"]
    finally:
        unreachable.close()
        verifier.close()


def test_the_phone_suffix_is_sent_only_to_lockers_that_ask_for_it(
    embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    assert embedded.offline_codes().rents
    assert all(r.phone_suffix is None for r in embedded.offline_codes().rents)


def test_a_cache_written_before_phone_suffixes_opens_and_is_refilled(
    tmp_path: Path, embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE offline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE offline_rents (rent_id TEXT PRIMARY KEY, compartment_id TEXT NOT NULL,"
            " expires_at DOUBLE PRECISION NOT NULL, code_hash TEXT NOT NULL);"
        )
    db.close()
    verifier = OfflineVerifier(path)
    assert verifier.refresh(embedded) == 3
    assert verifier.verify(seeded.code_a).rents
    verifier.close()
    assert not list(tmp_path.glob("old.sqlite.damaged-*"))
