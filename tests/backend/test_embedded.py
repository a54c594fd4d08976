"""The backend rules, through EmbeddedBackend on a real SQLite file."""

from __future__ import annotations

import random
import sqlite3
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path

import msgspec
import pytest

from kiosk.backend.api import (
    AlreadyCollected,
    AlreadyDelivered,
    AlreadyUsed,
    BadCredentials,
    BadRequest,
    CodeExpired,
    CodeUnknown,
    CompartmentTaken,
    CourierLocked,
    Event,
    Heartbeat,
    LockerBackend,
    RentConflict,
    RentRequest,
    SessionExpired,
    SizeMismatch,
    TooManyAttempts,
    UnknownCommand,
    UnknownCompartment,
    UnknownParcel,
    hash_code,
)
from kiosk.backend.demo import DEMO_LOCKER_ID, demo_layout, open_demo_backend, seed_demo
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from tests.backend.fixtures import (
    GUESS_CODE,
    GUESS_LOCKER,
    ITERATIONS,
    LOCKER,
    FakeClock,
    Seeded,
    dump,
    seed_guess_locker,
)


def ev(type_: str, rent_id: str | None = None, comp: str | None = None) -> Event:
    return Event(
        event_id=str(uuid.uuid4()), type=type_, at=datetime.now(UTC),
        compartment_id=comp, rent_id=rent_id,
    )  # fmt: skip


def test_embedded_is_a_locker_backend(embedded: EmbeddedBackend) -> None:
    assert isinstance(embedded, LockerBackend)
    info = embedded.get_locker()
    assert [c.id for c in info.compartments] == ["A1", "A2", "A3", "B1", "B2", "B3"]
    assert (info.settings.guess_burst, info.settings.guess_interval_s) == (8, 60)


def test_codes_are_stored_only_as_hashes(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    text = dump(embedded.core)
    assert "lockers: " in text
    for secret in (seeded.code_a, seeded.code_ab, seeded.send_code, seeded.courier_pin):
        assert f"'{secret}'" not in text


def test_pickup_opens_every_parcel_of_the_code(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    result = embedded.verify_pickup(seeded.code_ab)
    assert [r.compartment_id for r in result.rents] == ["A2", "A3"]
    assert result.rents[0].parcel is not None
    assert result.rents[0].parcel.barcode == "BC2"
    assert result.offline is False
    # typed with spaces and a dash: the same code
    assert embedded.verify_pickup(" 222-222 ").rents == result.rents


def guess(embedded: EmbeddedBackend, code: str) -> str:
    """One pickup attempt's outcome: ``ok``, ``checked`` (code_unknown) or ``refused``."""
    try:
        embedded.verify_pickup(code)
    except CodeUnknown:
        return "checked"
    except TooManyAttempts:
        return "refused"
    return "ok"


@pytest.fixture
def guessed(clocked_core: BackendCore) -> EmbeddedBackend:
    """Locker G1: the contract's default settings (burst 10, one check per 30 s)."""
    seed_guess_locker(clocked_core)
    return EmbeddedBackend(clocked_core, GUESS_LOCKER)


def test_a_valid_code_does_not_refill_the_budget(guessed: EmbeddedBackend) -> None:
    # "4 wrong, 1 valid" over and over, all at one moment: a right code used to reset the
    # count, so the wrong ones were never stopped.
    outcomes = [guess(guessed, code) for _ in range(40) for code in ["000001"] * 4 + [GUESS_CODE]]
    assert outcomes.count("checked") + outcomes.count("ok") == 10
    assert outcomes.count("checked") == 8
    assert outcomes[10:] == ["refused"] * 190


def test_the_right_code_waits_at_most_one_interval_after_a_vandal(
    guessed: EmbeddedBackend, backend_clock: FakeClock
) -> None:
    outcomes = [guess(guessed, "123456") for _ in range(1000)]
    assert outcomes.count("checked") == 10
    with pytest.raises(TooManyAttempts) as info:
        guessed.verify_pickup(GUESS_CODE)  # over budget: refused unchecked, right or wrong
    assert info.value.retry_after is not None
    assert 1 <= info.value.retry_after <= 30
    backend_clock.advance(info.value.retry_after)
    assert guessed.verify_pickup(GUESS_CODE).rents[0].compartment_id == "A1"


def test_refused_attempts_neither_count_nor_extend_the_wait(
    guessed: EmbeddedBackend, backend_clock: FakeClock
) -> None:
    for _ in range(10):
        guess(guessed, "000001")
    backend_clock.advance(20)
    assert [guess(guessed, "000001") for _ in range(50)] == ["refused"] * 50
    backend_clock.advance(10)  # 30 s after the budget ran out: one check is back
    assert guess(guessed, GUESS_CODE) == "ok"
    assert guess(guessed, GUESS_CODE) == "refused"
    # the burst refills to 10 and no further
    backend_clock.advance(3600)
    assert guessed.core.guess_tokens(GUESS_LOCKER) == 10


def test_a_right_code_is_not_used_up_by_being_checked(guessed: EmbeddedBackend) -> None:
    first = guessed.verify_pickup(GUESS_CODE)
    assert guessed.verify_pickup(GUESS_CODE) == first  # until picked_up is reported


def test_pickup_and_send_share_a_budget_couriers_have_their_own(
    guessed: EmbeddedBackend,
) -> None:
    core = guessed.core
    core.add_courier("gc", name="G", company="Co", pin="2468", iterations=ITERATIONS)
    send_code = "818181"
    core.add_send(GUESS_LOCKER, code=send_code, size="S")
    for _ in range(5):
        guess(guessed, "000001")
    for _ in range(5):
        with pytest.raises(CodeUnknown):
            guessed.verify_send("000001")
    with pytest.raises(TooManyAttempts):
        guessed.verify_send(send_code)
    with pytest.raises(TooManyAttempts):
        guessed.verify_pickup(GUESS_CODE)
    # courier logins: a budget of their own, PIN and badge alike
    assert guessed.courier_login(courier_id="gc", pin="2468").courier.id == "gc"
    for n in range(9):
        login: dict[str, str] = {"badge": f"B{n}"} if n % 2 else {"courier_id": "x", "pin": "0"}
        with pytest.raises(BadCredentials):
            guessed.courier_login(**login)
    with pytest.raises(TooManyAttempts):
        guessed.courier_login(courier_id="gc", pin="2468")


def test_a_code_longer_than_the_contract_is_bad_request_and_costs_nothing(
    guessed: EmbeddedBackend,
) -> None:
    for code in ("4" * 4096, "x" * 65):
        with pytest.raises(BadRequest):
            guessed.verify_pickup(code)
        with pytest.raises(BadRequest):
            guessed.verify_send(code)
        with pytest.raises(BadRequest):
            guessed.courier_login(courier_id="c1", pin=code)
    assert guessed.core.guess_tokens(GUESS_LOCKER) == 10
    assert guess(guessed, "9" * 64) == "checked"  # 64 is still a code


def test_parallel_attempts_never_get_more_than_the_budget_checked(
    clocked_core: BackendCore, backend_clock: FakeClock
) -> None:
    core = clocked_core
    seed_guess_locker(core)
    # Two cores on one file, as two server processes would be, each with 16 threads.
    cores = [core, BackendCore.open(core.store.path, clock=backend_clock)]
    start = threading.Barrier(32)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        backend = EmbeddedBackend(cores[n % 2], GUESS_LOCKER)
        start.wait()
        got = [guess(backend, f"{n:03d}{k:03d}") for k in range(4)]
        with lock:
            outcomes.extend(got)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    cores[1].close()
    assert outcomes.count("checked") == 10
    assert outcomes.count("refused") == 32 * 4 - 10
    # the right code after all that is refused, not checked
    assert guess(EmbeddedBackend(core, GUESS_LOCKER), GUESS_CODE) == "refused"


def test_expired_and_collected(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    with pytest.raises(CodeExpired):
        embedded.verify_pickup(seeded.code_expired)
    results = embedded.send_events([ev("picked_up", seeded.rents["A1"], "A1")])
    assert results[0].status == "accepted"
    with pytest.raises(AlreadyCollected):
        embedded.verify_pickup(seeded.code_a)


def test_events_are_deduplicated_for_ever(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    e = ev("door_opened", comp="A1")
    assert embedded.send_events([e])[0].status == "accepted"
    assert embedded.send_events([e, e])[0].status == "duplicate"
    assert embedded.core.store.count_events(embedded.core.store.read(), LOCKER) == 1


def test_a_store_made_before_event_details_gets_the_column(db_path: Path) -> None:
    now = datetime.now(UTC).replace(microsecond=0)  # stored as float seconds
    old = sqlite3.connect(db_path)
    old.execute(
        "CREATE TABLE events (event_id TEXT PRIMARY KEY, locker_id TEXT NOT NULL,"
        " type TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, compartment_id TEXT, rent_id TEXT,"
        " actor TEXT NOT NULL, status TEXT NOT NULL, code TEXT,"
        " received_at DOUBLE PRECISION NOT NULL, batch_pos INTEGER NOT NULL DEFAULT 0)"
    )
    old.commit()
    old.close()
    core = BackendCore.open(db_path)
    try:
        core.create_locker("X", token="x", name="X", compartments=[], kdf_iterations=ITERATIONS)
        event = Event(str(uuid.uuid4()), "door_forced", now, actor="unknown",
                      detail={"why": "no unlock"})  # fmt: skip
        assert core.send_events("X", [event])[0].status == "accepted"
        assert core.stored_events("X") == [(event, "accepted")]
    finally:
        core.close()


def test_event_rejections(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    batch = [
        ev("picked_up", str(uuid.uuid4())),
        ev("deposited", seeded.rents["A1"]),  # A1 is already deposited
        ev("teleported", comp="A1"),
        ev("door_opened", comp="Z9"),
        ev("door_closed", comp="A1"),
    ]
    results = embedded.send_events(batch)
    assert [(r.status, r.code) for r in results] == [
        ("rejected", "unknown_rent"),
        ("rejected", "invalid_transition"),
        ("rejected", "unknown_event_type"),
        ("rejected", "unknown_compartment"),
        ("accepted", None),
    ]
    # a rejected event sent again gets the same answer
    assert embedded.send_events([batch[0]])[0].code == "unknown_rent"


def test_courier_delivery_then_pickup(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    session = embedded.courier_login(courier_id="c1", pin=seeded.courier_pin)
    tasks = embedded.courier_tasks(session.session_token)
    assert [p.barcode for p in tasks.deliveries] == ["BC5", "BC6"]
    assert [(c.compartment_id, c.reason) for c in tasks.collections] == [("B1", "expired")]
    rent_id = str(uuid.uuid4())
    req = RentRequest(compartment_id="B2", kind="delivery", barcode="BC5")
    rent = embedded.reserve_rent(rent_id, req, session_token=session.session_token)
    assert rent.status == "reserved"
    assert rent.parcel_id == "p5"
    # the same PUT again: the same rent; the id with another body: a conflict
    assert embedded.reserve_rent(rent_id, req, session_token=session.session_token) == rent
    with pytest.raises(RentConflict):
        embedded.reserve_rent(
            rent_id, RentRequest("B3", "delivery", barcode="BC5"),
            session_token=session.session_token,
        )  # fmt: skip
    with pytest.raises(AlreadyDelivered):
        embedded.reserve_rent(str(uuid.uuid4()), RentRequest("B3", "delivery", barcode="BC5"),
                              session_token=session.session_token)  # fmt: skip
    with pytest.raises(CodeUnknown):  # not deposited yet
        embedded.verify_pickup("555555")
    assert embedded.send_events([ev("deposited", rent_id, "B2")])[0].status == "accepted"
    assert embedded.verify_pickup("555555").rents[0].compartment_id == "B2"
    embedded.courier_logout(session.session_token)
    with pytest.raises(SessionExpired):
        embedded.courier_tasks(session.session_token)


def test_rent_errors(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    token = embedded.courier_login(badge="BADGE-1").session_token
    cases = [
        (RentRequest("A1", "delivery", barcode="BC6"), CompartmentTaken),
        (RentRequest("B2", "delivery", barcode="BC6"), SizeMismatch),
        (RentRequest("B2", "delivery", barcode="NOPE"), UnknownParcel),
        (RentRequest("Z9", "delivery", barcode="BC6"), UnknownCompartment),
        (RentRequest("B2", "delivery"), BadRequest),
    ]
    for req, error in cases:
        with pytest.raises(error):
            embedded.reserve_rent(str(uuid.uuid4()), req, session_token=token)
    with pytest.raises(SessionExpired):
        embedded.reserve_rent(str(uuid.uuid4()), RentRequest("B3", "delivery", barcode="BC6"))


def test_send_flow(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    info = embedded.verify_send(seeded.send_code)
    assert info.size == "M"
    rent_id = str(uuid.uuid4())
    embedded.reserve_rent(rent_id, RentRequest("B2", "send", send_id=info.send_id))
    with pytest.raises(AlreadyUsed):
        embedded.verify_send(seeded.send_code)
    embedded.send_events([ev("cancelled", rent_id, "B2")])
    assert embedded.verify_send(seeded.send_code).send_id == info.send_id


def test_courier_pin_lockout(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    for _ in range(4):
        with pytest.raises(BadCredentials):
            embedded.courier_login(courier_id="c1", pin="0000")
    with pytest.raises(CourierLocked):
        embedded.courier_login(courier_id="c1", pin="0000")
    with pytest.raises(CourierLocked):
        embedded.courier_login(courier_id="c1", pin=seeded.courier_pin)
    with pytest.raises(BadRequest):
        embedded.courier_login(courier_id="c1")


def test_commands_stay_pending_until_acked(embedded: EmbeddedBackend) -> None:
    core = embedded.core
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "A1"})
    assert [c.command_id for c in embedded.poll_commands(0)] == [cid]
    assert [c.command_id for c in embedded.poll_commands(0)] == [cid]
    embedded.ack_command(cid, "ok", "opened")
    embedded.ack_command(cid, "ok", "opened")  # a repeat is fine
    assert embedded.poll_commands(0) == []
    with pytest.raises(UnknownCommand):
        embedded.ack_command("nope", "ok")


def test_heartbeat_is_stored(embedded: EmbeddedBackend) -> None:
    reply = embedded.heartbeat(Heartbeat("1.0", 5.0, 2, 3.5))
    assert reply.server_time.tzinfo is not None
    beat = embedded.core.last_heartbeat(LOCKER)
    assert beat is not None
    assert beat.outbox_depth == 2


def test_offline_codes_match_the_hash_format(embedded: EmbeddedBackend, seeded: Seeded) -> None:
    codes = embedded.offline_codes()
    assert codes.kdf.alg == "pbkdf2-sha256"
    assert codes.kdf.iterations == ITERATIONS
    by_comp = {r.compartment_id: r for r in codes.rents}
    assert "B1" not in by_comp  # expired
    assert by_comp["A1"].code_hash == hash_code(seeded.code_a, codes.kdf.salt, ITERATIONS)
    assert by_comp["A2"].code_hash == by_comp["A3"].code_hash


def test_offline_set_carries_sends_and_couriers_seen_here(
    embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    codes = embedded.offline_codes()
    [send] = codes.sends
    assert (send.send_id, send.size, send.kind) == (seeded.send_id, "M", "send")
    assert send.code_hash == hash_code(seeded.send_code, codes.kdf.salt, ITERATIONS)
    assert codes.couriers == []  # c1 never logged in here: not in this locker's set
    embedded.courier_logout(embedded.courier_login(badge="BADGE-1").session_token)
    codes = embedded.offline_codes()
    [courier] = codes.couriers
    assert (courier.courier_id, courier.name, courier.company) == ("c1", "Courier One", "Co")
    assert courier.pin_kdf is not None
    assert courier.pin_kdf.iterations == ITERATIONS
    assert courier.pin_hash == hash_code(
        seeded.courier_pin, courier.pin_kdf.salt, courier.pin_kdf.iterations
    )
    assert codes.badge_kdf is not None
    assert courier.badge_hash == hash_code("BADGE-1", codes.badge_kdf.salt, ITERATIONS)
    assert b"BADGE-1" not in msgspec.json.encode(codes)


def test_offline_reservations_sync_without_a_session(
    embedded: EmbeddedBackend, seeded: Seeded
) -> None:
    delivery = RentRequest("B2", "delivery", barcode="BC5", offline_courier_id="c1")
    rent_id = str(uuid.uuid4())
    rent = embedded.reserve_rent(rent_id, delivery)  # no session: the kiosk vouches
    assert (rent.status, rent.parcel_id) == ("reserved", "p5")
    assert embedded.reserve_rent(rent_id, delivery) == rent  # the outbox sent it twice
    with pytest.raises(BadRequest, match="not a courier"):
        embedded.reserve_rent(
            str(uuid.uuid4()), RentRequest("B3", "delivery", barcode="BC6", offline_courier_id="x")
        )
    with pytest.raises(SessionExpired):  # online, a delivery still needs a session
        embedded.reserve_rent(str(uuid.uuid4()), RentRequest("B3", "delivery", barcode="BC6"))
    send = RentRequest("B3", "send", send_id=seeded.send_id, receipt="R-ABCD-2345")
    assert embedded.reserve_rent(str(uuid.uuid4()), send).receipt == "R-ABCD-2345"
    for bad in (
        RentRequest("B3", "send", send_id=seeded.send_id, receipt="1234"),
        RentRequest("B3", "send", send_id=seeded.send_id, offline_courier_id="c1"),
        RentRequest(
            "B3", "delivery", barcode="BC6", offline_courier_id="c1", receipt="R-ABCD-2345"
        ),
    ):
        with pytest.raises(BadRequest):
            embedded.reserve_rent(str(uuid.uuid4()), bad)


def test_seed_demo(tmp_path: Path) -> None:
    core = BackendCore.open(tmp_path / "demo.db")
    try:
        codes = seed_demo(core, rng=random.Random(1), kdf_iterations=ITERATIONS)
        demo = EmbeddedBackend(core, DEMO_LOCKER_ID)
        info = demo.get_locker()
        ids = [c.id for c in info.compartments]
        assert ids == [f"A{i:02d}" for i in range(1, 17)] + [f"B{i:02d}" for i in range(1, 17)]
        assert {c.board for c in info.compartments if c.id.startswith("B")} == {2}
        assert {c.size for c in info.compartments} == {"S", "M", "L", "XL"}
        assert any(c.accessible for c in info.compartments)
        assert any(not c.sensor for c in info.compartments)
        for code in codes:
            if code.kind == "pickup":
                opened = [r.compartment_id for r in demo.verify_pickup(code.code).rents]
                assert tuple(opened) == code.compartments
                assert code.line().startswith(f"pickup code: {code.code} (compartment ")
        assert len(layout_ids := [c.id for c in demo_layout()]) == len(set(layout_ids)) == 32
        with pytest.raises(ValueError, match="already holds"):
            seed_demo(core)
    finally:
        core.close()


def test_open_demo_backend_for_the_kiosk(tmp_path: Path) -> None:
    backend, codes = open_demo_backend(
        tmp_path / "kiosk-demo.db", rng=random.Random(2), kdf_iterations=ITERATIONS
    )
    try:
        pickup = next(c for c in codes if c.kind == "pickup")
        assert backend.verify_pickup(pickup.code).rents[0].compartment_id == pickup.compartments[0]
        expired = next(c for c in codes if c.kind == "expired")
        with pytest.raises(CodeExpired):
            backend.verify_pickup(expired.code)
        send = next(c for c in codes if c.kind == "send")
        assert backend.verify_send(send.code).size == send.size
    finally:
        backend.close()
    with pytest.raises(ValueError, match="already holds"):
        open_demo_backend(tmp_path / "kiosk-demo.db")
