"""The offline set's sends and couriers: cached as hashes, checked with the same budgets.

These build the #13 answer by hand (hashes made with ``hash_code`` exactly as the contract
says), so they test the kiosk's cache and checks on their own; the end-to-end tests in
``tests/app`` take the set from a real server.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.backend.api import (
    AlreadyUsed,
    BadCredentials,
    BadRequest,
    CodeExpired,
    Collection,
    CourierLocked,
    CourierTasks,
    Event,
    Kdf,
    LockerSettings,
    OfflineCodes,
    OfflineCourier,
    OfflineSend,
    Parcel,
    RentRequest,
    TooManyAttempts,
    hash_code,
)
from kiosk.backend.offline import (
    CODE_POOL,
    COURIER_POOL,
    NotInOfflineSet,
    OfflineVerifier,
)
from kiosk.backend.outbox import Outbox

SALT = "11" * 16
BADGE_SALT = "22" * 16
PIN_SALT = "33" * 16
ITER = 1000
SEND_CODE = "S7XK4P2M"
RETURN_CODE = "R9QW3ZT5"
PIN = "4321"
BADGE = "BADGE-77"
SETTINGS = LockerSettings(guess_burst=4, guess_interval_s=60)


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def offline_set(now: datetime | None = None) -> OfflineCodes:
    """Two sends (a send and a return), two couriers (PIN and badge; PIN only)."""
    later = (now or datetime.now(UTC)) + timedelta(days=2)
    return OfflineCodes(
        kdf=Kdf(alg="pbkdf2-sha256", salt=SALT, iterations=ITER),
        rents=[],
        sends=[
            OfflineSend("s1", "M", later, hash_code(SEND_CODE, SALT, ITER), "send"),
            OfflineSend("s2", "S", later, hash_code(RETURN_CODE, SALT, ITER), "return"),
        ],
        couriers=[
            OfflineCourier(
                "c7",
                "Courier Seven",
                "Co",
                pin_hash=hash_code(PIN, PIN_SALT, ITER),
                pin_kdf=Kdf(alg="pbkdf2-sha256", salt=PIN_SALT, iterations=ITER),
                badge_hash=hash_code(BADGE, BADGE_SALT, ITER),
            ),
            OfflineCourier(
                "c8",
                "Courier Eight",
                "Co",
                pin_hash=hash_code("1111", "44" * 16, 500),
                pin_kdf=Kdf(alg="pbkdf2-sha256", salt="44" * 16, iterations=500),
            ),
        ],
        badge_kdf=Kdf(alg="pbkdf2-sha256", salt=BADGE_SALT, iterations=ITER),
    )


@pytest.fixture
def ticks() -> Ticks:
    return Ticks()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.db")
    yield box
    box.close()


@pytest.fixture
def verifier(tmp_path: Path, ticks: Ticks, outbox: Outbox) -> Iterator[OfflineVerifier]:
    v = OfflineVerifier(tmp_path / "cache.db", outbox=outbox, monotonic=ticks)
    v.update(offline_set(), SETTINGS)
    yield v
    v.close()


def deposited(outbox: Outbox, rent_id: str, compartment: str = "A1") -> None:
    outbox.record(Event(str(uuid.uuid4()), "deposited", datetime.now(UTC), compartment, rent_id))


# ------------------------------------------------------------------ sends


def test_a_cached_send_is_verified_offline_with_its_size_and_kind(
    verifier: OfflineVerifier,
) -> None:
    info = verifier.verify_send(SEND_CODE.lower())  # typed in lower case: same code
    assert (info.send_id, info.size, info.kind) == ("s1", "M", "send")
    back = verifier.verify_send(RETURN_CODE)
    assert (back.send_id, back.size, back.kind) == ("s2", "S", "return")


def test_an_unknown_send_code_offline_is_not_in_the_set_and_spends_a_guess(
    verifier: OfflineVerifier,
) -> None:
    before = verifier.guess_tokens(CODE_POOL)
    with pytest.raises(NotInOfflineSet):
        verifier.verify_send("S2222222")
    assert verifier.guess_tokens(CODE_POOL) == before - 1
    assert verifier.guess_tokens(COURIER_POOL) == SETTINGS.guess_burst


def test_send_codes_share_the_code_budget_and_are_refused_over_it(
    verifier: OfflineVerifier,
) -> None:
    for _ in range(SETTINGS.guess_burst):
        with pytest.raises(NotInOfflineSet):
            verifier.verify_send("S2222222")
    with pytest.raises(TooManyAttempts) as info:
        verifier.verify_send(SEND_CODE)  # the right code, not checked
    assert info.value.retry_after == 60


def test_a_send_deposited_here_is_used_offline(verifier: OfflineVerifier, outbox: Outbox) -> None:
    info = verifier.verify_send(SEND_CODE)
    rent_id = str(uuid.uuid4())
    request = RentRequest(compartment_id="A2", kind="send", send_id=info.send_id)
    verifier.note_reservation(rent_id, request)
    # Reserved but not deposited (the shopper cancelled): still good.
    assert verifier.verify_send(SEND_CODE).send_id == "s1"
    deposited(outbox, rent_id, "A2")
    with pytest.raises(AlreadyUsed):
        verifier.verify_send(SEND_CODE)
    # A refresh that still lists the send (its PUT not delivered yet) does not revive it.
    verifier.update(offline_set(), SETTINGS)
    with pytest.raises(AlreadyUsed):
        verifier.verify_send(SEND_CODE)


def test_an_expired_send_offline(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    codes = offline_set()
    expired = [
        OfflineSend(s.send_id, s.size, now - timedelta(minutes=1), s.code_hash, s.kind)
        for s in codes.sends
    ]
    verifier = OfflineVerifier(tmp_path / "cache.db")
    verifier.update(OfflineCodes(codes.kdf, [], sends=expired))  # no server time: kept
    with pytest.raises(CodeExpired):
        verifier.verify_send(SEND_CODE)
    verifier.note_server_time(now.timestamp())
    verifier.update(OfflineCodes(codes.kdf, [], sends=expired))  # now left out
    with pytest.raises(NotInOfflineSet):
        verifier.verify_send(SEND_CODE)
    verifier.close()


def test_a_long_send_code_is_bad_request_and_costs_nothing(verifier: OfflineVerifier) -> None:
    with pytest.raises(BadRequest):
        verifier.verify_send("S" * 65)
    assert verifier.guess_tokens(CODE_POOL) == SETTINGS.guess_burst


# ------------------------------------------------------------------ couriers


def test_a_cached_courier_logs_in_offline_by_pin_and_by_badge(verifier: OfflineVerifier) -> None:
    by_pin = verifier.courier_login(courier_id="c7", pin=PIN)
    assert (by_pin.id, by_pin.name, by_pin.company) == ("c7", "Courier Seven", "Co")
    by_badge = verifier.courier_login(badge="badge-77")  # normalised like the server does
    assert by_badge.id == "c7"
    # Each courier's PIN under its own salt and work factor.
    assert verifier.courier_login(courier_id="c8", pin="1111").id == "c8"


def test_a_wrong_pin_offline_is_refused_and_spends_the_courier_budget(
    verifier: OfflineVerifier,
) -> None:
    with pytest.raises(BadCredentials):
        verifier.courier_login(courier_id="c7", pin="0000")
    assert verifier.guess_tokens(COURIER_POOL) == SETTINGS.guess_burst - 1
    assert verifier.guess_tokens(CODE_POOL) == SETTINGS.guess_burst
    # A right PIN spends too (as online), and over the budget nothing is checked.
    verifier.courier_login(courier_id="c7", pin=PIN)
    verifier.courier_login(courier_id="c7", pin=PIN)
    verifier.courier_login(courier_id="c7", pin=PIN)
    with pytest.raises(TooManyAttempts):
        verifier.courier_login(courier_id="c7", pin=PIN)


def test_couriers_not_in_the_set_and_unknown_badges_are_not_wrong_credentials(
    verifier: OfflineVerifier,
) -> None:
    with pytest.raises(NotInOfflineSet):
        verifier.courier_login(courier_id="nobody", pin=PIN)
    with pytest.raises(NotInOfflineSet):
        verifier.courier_login(badge="BADGE-78")
    with pytest.raises(NotInOfflineSet):  # c8 has no badge hash: PIN only offline
        verifier.courier_login(badge="")
    assert verifier.guess_tokens(COURIER_POOL) == SETTINGS.guess_burst - 3


def test_five_wrong_pins_lock_the_courier_offline(tmp_path: Path, ticks: Ticks) -> None:
    verifier = OfflineVerifier(tmp_path / "cache.db", monotonic=ticks)
    verifier.update(offline_set(), LockerSettings(guess_burst=50, guess_interval_s=1))
    for _ in range(4):
        with pytest.raises(BadCredentials):
            verifier.courier_login(courier_id="c7", pin="0000")
    with pytest.raises(CourierLocked):
        verifier.courier_login(courier_id="c7", pin="0000")
    with pytest.raises(CourierLocked):  # the right PIN too, while locked
        verifier.courier_login(courier_id="c7", pin=PIN)
    verifier.close()
    # The lock is on disk: a restart does not lift it.
    verifier = OfflineVerifier(tmp_path / "cache.db", monotonic=ticks)
    with pytest.raises(CourierLocked):
        verifier.courier_login(courier_id="c7", pin=PIN)
    assert verifier.courier_login(courier_id="c8", pin="1111").id == "c8"
    verifier.close()


def test_bad_login_shapes_are_bad_requests_and_cost_nothing(verifier: OfflineVerifier) -> None:
    for kwargs in ({}, {"courier_id": "c7"}, {"pin": PIN}, {"courier_id": "c7", "badge": BADGE}):
        with pytest.raises(BadRequest):
            verifier.courier_login(**kwargs)
    with pytest.raises(BadRequest):
        verifier.courier_login(courier_id="c7", pin="1" * 65)
    assert verifier.guess_tokens(COURIER_POOL) == SETTINGS.guess_burst


def test_the_cache_file_holds_no_code_pin_or_badge_in_clear(
    tmp_path: Path, verifier: OfflineVerifier
) -> None:
    verifier.save_tasks("c7", CourierTasks(deliveries=[], collections=[]))
    data = b"".join(p.read_bytes() for p in tmp_path.glob("cache.db*"))
    for secret in (SEND_CODE, RETURN_CODE, PIN, BADGE):
        assert secret.encode() not in data


# ------------------------------------------------------------------ task lists


def tasks() -> CourierTasks:
    return CourierTasks(
        deliveries=[
            Parcel("p1", "BC1", "S", "+48 *** 1"),
            Parcel("p2", "BC2", "M"),
            Parcel("p3", "BC3", "L"),
        ],
        collections=[Collection("r9", "B1", "expired")],
    )


def test_a_task_list_is_kept_per_courier_minus_what_was_done_here(
    verifier: OfflineVerifier, outbox: Outbox
) -> None:
    assert verifier.tasks("c7") is None
    verifier.save_tasks("c7", tasks())
    assert verifier.tasks("c7") == tasks()
    assert verifier.tasks("c8") is None
    rent = str(uuid.uuid4())
    verifier.note_reservation(
        rent, RentRequest(compartment_id="A2", kind="delivery", barcode="BC2"), "c7"
    )
    assert verifier.tasks("c7") == tasks()  # reserved, not deposited: still to deliver
    deposited(outbox, rent, "A2")
    outbox.record(Event(str(uuid.uuid4()), "collected", datetime.now(UTC), "B1", "r9"))
    left = verifier.tasks("c7")
    assert left is not None
    assert [p.barcode for p in left.deliveries] == ["BC1", "BC3"]
    assert left.collections == []
    assert verifier.delivered_here("bc2")
    assert not verifier.delivered_here("BC1")
    # A new online list replaces the old one.
    verifier.save_tasks("c7", CourierTasks(deliveries=[Parcel("p4", "BC4", "S")], collections=[]))
    again = verifier.tasks("c7")
    assert again is not None
    assert [p.barcode for p in again.deliveries] == ["BC4"]


def test_a_cache_not_refreshed_for_a_day_forgets_sends_couriers_and_tasks(
    verifier: OfflineVerifier, ticks: Ticks
) -> None:
    verifier.save_tasks("c7", tasks())
    verifier.courier_login(courier_id="c7", pin=PIN)
    ticks.now += 24 * 3600 + 1
    with pytest.raises(NotInOfflineSet):
        verifier.courier_login(courier_id="c7", pin=PIN)
    assert verifier.tasks("c7") is None
    with pytest.raises(NotInOfflineSet):
        verifier.verify_send(SEND_CODE)
    assert verifier.cached_send("s1") is None


def test_a_refresh_without_couriers_or_badge_kdf_drops_them(verifier: OfflineVerifier) -> None:
    codes = offline_set()
    verifier.update(OfflineCodes(codes.kdf, [], sends=codes.sends), SETTINGS)
    with pytest.raises(NotInOfflineSet):
        verifier.courier_login(courier_id="c7", pin=PIN)
    with pytest.raises(NotInOfflineSet):
        verifier.courier_login(badge=BADGE)


def test_a_cache_from_before_sends_and_couriers_opens_and_is_refilled(tmp_path: Path) -> None:
    """A kiosk upgraded with a cache of rents only: the new tables are added."""
    path = tmp_path / "cache.db"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE offline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE offline_rents (rent_id TEXT PRIMARY KEY, compartment_id TEXT NOT NULL,"
        " expires_at DOUBLE PRECISION NOT NULL, code_hash TEXT NOT NULL,"
        " phone_suffix TEXT);"
        "INSERT INTO offline_meta VALUES ('guess_tokens', '3.0');"
    )
    db.commit()
    db.close()
    verifier = OfflineVerifier(path, monotonic=Ticks())
    assert verifier.guess_tokens(CODE_POOL) == 3.0
    verifier.update(offline_set(), SETTINGS)
    assert verifier.verify_send(SEND_CODE).send_id == "s1"
    assert verifier.courier_login(badge=BADGE).id == "c7"
    verifier.close()
