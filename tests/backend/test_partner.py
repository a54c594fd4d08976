"""Partner rules without HTTP: keys, pre-advice, cancel, sends, the webhook queue, retention.

A real SQLite file, a controllable clock, and a real webhook receiver on loopback; the
dispatcher's rounds are run by the test (``deliver_due``), so time moves only when the
test moves it.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from kiosk.backend.api import (
    AlreadyDelivered,
    BadRequest,
    Event,
    RentRequest,
    Unauthorized,
    UnknownParcel,
    utcnow,
)
from kiosk.backend.embedded import BackendCore
from kiosk.backend.partner import (
    DAY_S,
    AlreadyAnnounced,
    CodeInUse,
    Forbidden,
    PartnerKey,
    PartnerService,
    PreAdvice,
    SendCodeRequest,
    backoff_s,
    partner_main,
    purge_main,
    sign,
    verify_signature,
)
from tests.backend.fixtures import LOCKER, OTHER_LOCKER, FakeClock, Seeded, dump, seed
from tests.backend.partner_helpers import Receiver, add_partner, webhook_receiver


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def target(make_db: Callable[[str], str]) -> str:
    """The store (a SQLite file or a PostgreSQL schema): the tests run on both."""
    return make_db("partner")


@pytest.fixture
def pcore(target: str, clock: FakeClock) -> Iterator[BackendCore]:
    c = BackendCore.open(target, clock=clock)
    yield c
    c.close()


@pytest.fixture
def pseeded(pcore: BackendCore) -> Seeded:
    return seed(pcore)


@pytest.fixture
def partners(pcore: BackendCore, pseeded: Seeded, clock: FakeClock) -> PartnerService:
    return PartnerService(
        pcore, clock=clock, rng=random.Random(7), backoff_base_s=10, backoff_cap_s=600,
        max_attempts=5, timeout_s=5,
    )  # fmt: skip


@pytest.fixture
def shop(partners: PartnerService) -> PartnerKey:
    return add_partner(partners)[0]


@pytest.fixture
def receiver(partners: PartnerService, shop: PartnerKey, clock: FakeClock) -> Iterator[Receiver]:
    with webhook_receiver() as rec:
        rec.secret = partners.set_webhook(shop.partner_id, rec.url).secret
        rec.clock = clock
        yield rec


def advice(barcode: str = "PB1", **kw: object) -> PreAdvice:
    fields: dict[str, object] = {"barcode": barcode, "size": "M", "phone": "+48 600 123 456"}
    fields.update(kw)
    return msgspec.convert(fields, PreAdvice)


def deliver(core: BackendCore, s: Seeded, barcode: str, compartment: str = "B2") -> str:
    """A courier reserves and fills a compartment (the core's own calls, as the kiosk's)."""
    session = core.courier_login(LOCKER, courier_id="c1", pin=s.courier_pin)
    rent_id = str(uuid.uuid4())
    core.reserve_rent(
        LOCKER, rent_id, RentRequest(compartment, "delivery", barcode=barcode),
        session_token=session.session_token,
    )  # fmt: skip
    event(core, "deposited", rent_id, compartment)
    return rent_id


def event(core: BackendCore, type_: str, rent_id: str, compartment: str = "B2") -> str:
    event_id = str(uuid.uuid4())
    ev = Event(event_id, type_, utcnow(), compartment, rent_id)
    [result] = core.send_events(LOCKER, [ev])
    assert result.status == "accepted", result
    return event_id


def queue(core: BackendCore) -> list[sqlite3.Row]:
    return core.store.read().execute("SELECT * FROM webhook_deliveries ORDER BY seq").fetchall()


# ---------------------------------------------------------------- keys
def test_partner_api_key_is_stored_hashed_and_scoped_to_its_lockers(
    partners: PartnerService, pcore: BackendCore
) -> None:
    key, api_key = add_partner(partners, "Carrier", (LOCKER,))
    assert api_key.startswith("lkp_")
    assert len(api_key) > 40
    assert key.name == "Carrier"
    assert key.lockers == {LOCKER}
    assert api_key not in dump(pcore)
    with pytest.raises(Unauthorized):
        partners.authenticate("lkp_" + "x" * 43)
    with pytest.raises(Unauthorized):
        partners.authenticate(None)
    with pytest.raises(Forbidden):
        partners.pre_advise(key, OTHER_LOCKER, advice())
    with pytest.raises(Forbidden):
        partners.pre_advise(key, "nowhere", advice())
    with pytest.raises(ValueError, match="exists already"):
        partners.add_partner("Carrier", [LOCKER])
    with pytest.raises(ValueError, match="no locker"):
        partners.add_partner("Other", ["nowhere"])
    assert partners.revoke_keys("Carrier") == 1
    with pytest.raises(Unauthorized):
        partners.authenticate(api_key)


# ---------------------------------------------------------------- pre-advice
def test_partner_pre_advice_gets_a_code_in_the_locker_format_that_opens_the_parcel(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded
) -> None:
    parcel = partners.pre_advise(shop, LOCKER, advice())
    assert parcel.status == "announced"
    assert parcel.pickup_code is not None
    assert re.fullmatch(r"[0-9]{6}", parcel.pickup_code)
    session = pcore.courier_login(LOCKER, courier_id="c1", pin=pseeded.courier_pin)
    tasks = pcore.courier_tasks(LOCKER, session.session_token)
    [listed] = [p for p in tasks.deliveries if p.barcode == "PB1"]
    assert listed.recipient_hint == "+48 *** *** 456"
    rent_id = deliver(pcore, pseeded, "PB1")
    state = partners.parcel(shop, parcel.parcel_id)
    assert (state.status, state.compartment_id, state.pickup_code) == ("deposited", "B2", None)
    [opened] = pcore.verify_pickup(LOCKER, parcel.pickup_code).rents
    assert opened.rent_id == rent_id
    with pytest.raises(AlreadyAnnounced):
        partners.pre_advise(shop, LOCKER, advice())


def test_partner_pre_advice_validates_contact_code_and_expiry(
    partners: PartnerService, shop: PartnerKey, pseeded: Seeded, clock: FakeClock
) -> None:
    with pytest.raises(BadRequest, match="phone or e-mail"):
        partners.pre_advise(shop, LOCKER, advice(phone=None))
    with pytest.raises(BadRequest, match="at least 6 digits"):
        partners.pre_advise(shop, LOCKER, advice(phone="+48 (0)"))
    with pytest.raises(BadRequest, match="6 digits"):
        partners.pre_advise(shop, LOCKER, advice(pickup_code="12AB56"))
    # the seeded parcel in A1 holds 111111: a second parcel may not get it
    with pytest.raises(CodeInUse):
        partners.pre_advise(shop, LOCKER, advice(pickup_code="111-111"))
    past = datetime.fromtimestamp(clock.now - 60, UTC)
    with pytest.raises(BadRequest, match="past"):
        partners.pre_advise(shop, LOCKER, advice(expires_at=past))
    mine = partners.pre_advise(shop, LOCKER, advice(pickup_code="246 810", email="a@b.example"))
    assert mine.pickup_code is None  # the partner knows its own code
    with pytest.raises(msgspec.ValidationError):
        advice(email="not-an-address")


def test_partner_cancel_before_delivery_only_and_the_courier_no_longer_sees_it(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded
) -> None:
    first = partners.pre_advise(shop, LOCKER, advice("PB1"))
    second = partners.pre_advise(shop, LOCKER, advice("PB2"))
    assert partners.cancel(shop, first.parcel_id).status == "cancelled"
    assert partners.cancel(shop, first.parcel_id).status == "cancelled"  # a repeat is fine
    assert partners.parcel(shop, first.parcel_id).status == "cancelled"
    session = pcore.courier_login(LOCKER, courier_id="c1", pin=pseeded.courier_pin)
    barcodes = {p.barcode for p in pcore.courier_tasks(LOCKER, session.session_token).deliveries}
    assert "PB1" not in barcodes
    assert "PB2" in barcodes
    deliver(pcore, pseeded, "PB2")
    with pytest.raises(AlreadyDelivered):
        partners.cancel(shop, second.parcel_id)
    # another partner cannot see or cancel it
    other, _ = add_partner(partners, "Other shop")
    with pytest.raises(UnknownParcel):
        partners.parcel(other, second.parcel_id)
    with pytest.raises(UnknownParcel):
        partners.cancel(other, second.parcel_id)
    # a cancelled barcode may be pre-advised again
    assert partners.pre_advise(shop, LOCKER, advice("PB1")).status == "announced"


def test_partner_send_code_has_the_drop_off_shape_and_opens_the_send_flow(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore
) -> None:
    code = partners.create_send(shop, LOCKER, SendCodeRequest(size="S", kind="return"))
    assert re.fullmatch(r"R[2-9A-HJ-NP-Z]{7}", code.code)
    info = pcore.verify_send(LOCKER, code.code)
    assert (info.send_id, info.size, info.kind) == (code.send_id, "S", "return")
    with pytest.raises(Forbidden):
        partners.create_send(shop, OTHER_LOCKER, SendCodeRequest(size="S"))


# ---------------------------------------------------------------- webhooks
def test_partner_webhook_is_queued_once_per_event_in_the_event_transaction(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded,
    receiver: Receiver,
) -> None:  # fmt: skip
    parcel = partners.pre_advise(shop, LOCKER, advice())
    rent_id = deliver(pcore, pseeded, "PB1")
    assert [r["type"] for r in queue(pcore)] == ["deposited"]
    # The same event again (a kiosk's retry) is a duplicate: nothing more is queued.
    [row] = queue(pcore)
    ev = Event(str(row["event_id"]), "deposited", utcnow(), "B2", rent_id)
    assert pcore.send_events(LOCKER, [ev])[0].status == "duplicate"
    assert len(queue(pcore)) == 1

    # Parcels that are not a partner's send nothing.
    deliver(pcore, pseeded, "BC5", "B3")  # announced by the back office, not a partner
    assert len(queue(pcore)) == 1

    # A failure later in the same transaction takes the queued webhook back with it.
    def boom(*args: object) -> None:
        raise RuntimeError("fails after the partner listener")

    pcore.add_rent_listener(boom)
    with pytest.raises(RuntimeError):
        event(pcore, "picked_up", rent_id)
    assert len(queue(pcore)) == 1
    assert partners.parcel(shop, parcel.parcel_id).status == "deposited"


def test_partner_webhook_is_signed_retried_with_backoff_and_shows_failing_then_delivered(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded,
    receiver: Receiver, clock: FakeClock,
) -> None:  # fmt: skip
    partners.pre_advise(shop, LOCKER, advice())
    rent_id = deliver(pcore, pseeded, "PB1")
    event(pcore, "picked_up", rent_id)
    receiver.status = 500
    assert partners.deliver_due() == 0
    assert [r.answered for r in receiver.received] == [500]  # in order: picked_up waits
    [first, second] = queue(pcore)
    assert first["attempts"] == 1
    assert second["attempts"] == 0
    assert clock.now + 5 <= first["next_at"] <= clock.now + 10
    status = partners.webhook_status(shop.partner_id)
    assert (status.state, status.pending, status.delivered) == ("failing", 2, 0)
    assert status.last_error == "HTTP 500"
    assert partners.deliver_due() == 0  # not due yet: nothing posted
    assert len(receiver.received) == 1
    clock.advance(10)
    assert partners.deliver_due() == 0
    assert queue(pcore)[0]["next_at"] >= clock.now + 10  # the second wait is longer
    receiver.status = 200
    clock.advance(20)
    assert partners.deliver_due() == 2
    assert receiver.accepted_types() == ["deposited", "picked_up"]
    for got in receiver.received:
        assert got.valid, got.signature
    assert len({r.event_id for r in receiver.accepted()}) == 2
    status = partners.webhook_status(shop.partner_id)
    assert (status.state, status.pending, status.delivered) == ("delivered", 0, 2)
    assert partners.deliver_due() == 0  # delivered once, never again


def test_partner_webhook_gives_up_after_max_attempts_and_the_next_goes(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded,
    receiver: Receiver, clock: FakeClock,
) -> None:  # fmt: skip
    partners.pre_advise(shop, LOCKER, advice())
    deliver(pcore, pseeded, "PB1")
    receiver.status = 404
    for _ in range(5):
        partners.deliver_due()
        clock.advance(700)
    status = partners.webhook_status(shop.partner_id)
    assert (status.state, status.gave_up, status.pending) == ("failing", 1, 0)
    assert len(receiver.received) == 5


def test_partner_webhook_claim_keeps_a_second_process_off_a_delivery(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded,
    receiver: Receiver, clock: FakeClock, target: str,
) -> None:  # fmt: skip
    partners.pre_advise(shop, LOCKER, advice())
    deliver(pcore, pseeded, "PB1")
    # A second server process on the same database file.
    core2 = BackendCore.open(target, clock=clock)
    try:
        second = PartnerService(core2, clock=clock, timeout_s=5)
        claimed = partners._claim(shop.partner_id, clock.now)  # the first process, mid-post
        assert claimed is not None
        assert second.deliver_due() == 0
        assert receiver.received == []
        clock.advance(46)  # the first process died mid-post: its claim (3 * 5 + 30 s) lapses
        assert second.deliver_due() == 1
        assert len(receiver.accepted()) == 1
    finally:
        core2.close()


def test_partner_webhook_expired_is_queued_once_when_the_deadline_passes(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded,
    receiver: Receiver, clock: FakeClock,
) -> None:  # fmt: skip
    deadline = datetime.fromtimestamp(clock.now + DAY_S, UTC)
    parcel = partners.pre_advise(shop, LOCKER, advice(expires_at=deadline))
    rent_id = deliver(pcore, pseeded, "PB1")
    assert partners.parcel(shop, parcel.parcel_id).expires_at == deadline
    assert partners.expire_due() == 0
    clock.advance(DAY_S + 1)
    assert partners.expire_due() == 1
    assert partners.expire_due() == 0
    assert partners.parcel(shop, parcel.parcel_id).status == "expired"
    assert [r["type"] for r in queue(pcore)] == ["deposited", "expired"]
    event(pcore, "collected", rent_id)
    assert partners.deliver_due() == 3
    assert receiver.accepted_types() == ["deposited", "expired", "collected"]


def test_partner_webhook_cancelled_is_posted(
    partners: PartnerService, shop: PartnerKey, receiver: Receiver
) -> None:
    parcel = partners.pre_advise(shop, LOCKER, advice())
    partners.cancel(shop, parcel.parcel_id)
    partners.cancel(shop, parcel.parcel_id)
    assert partners.deliver_due() == 1
    [got] = receiver.accepted()
    body = msgspec.json.decode(got.body)
    assert body["type"] == "cancelled"
    assert body["parcel"]["parcel_id"] == parcel.parcel_id
    assert "phone" not in got.body.decode()
    assert "600" not in got.body.decode()


def test_partner_webhook_signature_scheme() -> None:
    body = b'{"event_id":"e1"}'
    header = sign("whsec_x", 1_800_000_000, body)
    assert re.fullmatch(r"t=1800000000,v1=[0-9a-f]{64}", header)
    assert verify_signature("whsec_x", header, body, now=1_800_000_100)
    assert not verify_signature("whsec_x", header, body, now=1_800_000_400)  # too old
    assert not verify_signature("whsec_y", header, body, now=1_800_000_000)
    assert not verify_signature("whsec_x", header, body + b" ", now=1_800_000_000)
    assert not verify_signature("whsec_x", "v1=abc", body, now=1_800_000_000)
    rotated = header + ",v1=" + "0" * 64
    assert verify_signature("whsec_x", rotated, body, now=1_800_000_000)


def test_partner_webhook_backoff_is_capped_and_jittered() -> None:
    rng = random.Random(1)
    waits = [backoff_s(n, 10, 600, rng) for n in range(1, 12)]
    assert 5 <= waits[0] <= 10
    assert 10 <= waits[1] <= 20
    assert all(300 <= w <= 600 for w in waits[7:])
    assert backoff_s(10_000, 10, 600, rng) <= 600


# ---------------------------------------------------------------- retention
def test_partner_retention_erases_contacts_of_collected_parcels_after_30_days(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, pseeded: Seeded,
    clock: FakeClock,
) -> None:  # fmt: skip
    parcel = partners.pre_advise(shop, LOCKER, advice(email="anna@shop.example"))
    rent_id = deliver(pcore, pseeded, "PB1")
    event(pcore, "picked_up", rent_id)
    # a back-office parcel picked up at the same time: its phone suffix goes too
    event(pcore, "picked_up", pseeded.rents["A1"], "A1")
    waiting = partners.pre_advise(shop, LOCKER, advice("PB9", phone="+48 600 999 999"))
    db = pcore.store.read()

    def contact(parcel_id: str) -> tuple[object, ...]:
        p = db.execute("SELECT * FROM partner_parcels WHERE parcel_id = ?", (parcel_id,)).fetchone()
        c = db.execute("SELECT * FROM parcels WHERE parcel_id = ?", (parcel_id,)).fetchone()
        return p["phone"], p["email"], c["phone_suffix"], c["recipient_hint"]

    clock.advance(29 * DAY_S)
    assert partners.purge() == 0
    assert contact(parcel.parcel_id) == ("+48 600 123 456", "anna@shop.example", "456",
                                          "+48 *** *** 456")  # fmt: skip
    clock.advance(2 * DAY_S)
    assert partners.purge() == 2  # PB1 and the back office's p1
    assert contact(parcel.parcel_id) == (None, None, None, "")
    assert (
        db.execute("SELECT phone_suffix FROM parcels WHERE parcel_id = 'p1'").fetchone()[
            "phone_suffix"
        ]
        is None
    )
    assert (
        db.execute("SELECT phone_suffix FROM rents WHERE rent_id = ?", (rent_id,)).fetchone()[
            "phone_suffix"
        ]
        is None
    )
    assert contact(waiting.parcel_id)[0] == "+48 600 999 999"  # not finished: kept
    assert ("picked_up", "accepted") in [(e.type, s) for e, s in pcore.stored_events(LOCKER)]
    assert partners.parcel(shop, parcel.parcel_id).status == "picked_up"  # state kept
    assert partners.purge() == 0
    # a shorter time, as the purge command's --older-than-days gives
    assert partners.purge(older_than_s=0) == 0


def test_partner_cli_add_webhook_status_and_purge(
    pcore: BackendCore, pseeded: Seeded, target: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    db = target
    assert partner_main(["add", "--db", db, "Shop", "--lockers", f"{LOCKER},{OTHER_LOCKER}"]) == 0
    api_key = capsys.readouterr().out.splitlines()[-1]  # the secret, alone on the last line
    assert re.fullmatch(r"lkp_\S{43}", api_key)
    assert partner_main(["webhook", "--db", db, "Shop", "https://shop.example/hook"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("whsec_")
    assert partner_main(["status", "--db", db]) == 0
    assert "Shop: delivered — 0 delivered, 0 pending" in capsys.readouterr().out
    assert partner_main(["add", "--db", db, "Shop", "--lockers", LOCKER]) == 2
    assert capsys.readouterr().err == "locker-kiosk-server: partner 'Shop' exists already\n"
    assert partner_main(["webhook", "--db", db, "Shop", "ftp://x"]) == 2
    assert partner_main(["status", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
    assert partner_main(["frobnicate"]) == 2
    assert purge_main(["--db", db, "--older-than-days", "30"]) == 0
    assert "erased the contact data of 0 parcel(s)" in capsys.readouterr().out
    assert purge_main(["--db", db, "--older-than-days", "-1"]) == 2
    assert purge_main(["--db", db, "--older-than-days", "nan"]) == 2
    svc = PartnerService(pcore)
    assert svc.authenticate(api_key).lockers == {LOCKER, OTHER_LOCKER}


def test_partner_expiry_in_the_answer(partners: PartnerService, shop: PartnerKey,
                                      clock: FakeClock) -> None:  # fmt: skip
    deadline = datetime.fromtimestamp(clock.now, UTC) + timedelta(days=2)
    parcel = partners.pre_advise(shop, LOCKER, advice(expires_at=deadline))
    assert parcel.expires_at == deadline


def test_partner_webhook_receiver_example_in_the_docs_verifies_our_signature() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "partner-api.md").read_text()
    [example] = re.findall(r"```python\n(.*?)```", doc, re.S)
    assert len([line for line in example.splitlines() if line.strip()]) <= 10
    namespace: dict[str, object] = {}
    exec(example, namespace)  # the receiver a partner would copy
    verify = namespace["verify"]
    assert callable(verify)
    body = b'{"event_id":"e1","type":"deposited"}'
    now = int(time.time())
    assert verify("whsec_k", sign("whsec_k", now, body), body)
    assert not verify("whsec_k", sign("whsec_k", now - 600, body), body)
    assert not verify("whsec_other", sign("whsec_k", now, body), body)


def test_partner_pre_advice_needs_a_phone_where_the_kiosk_asks_for_one(
    partners: PartnerService, pcore: BackendCore
) -> None:
    from kiosk.backend.api import LockerSettings
    from tests.backend.fixtures import ITERATIONS, layout

    pcore.create_locker(
        "P1", token="p1-token", name="Phone locker", compartments=layout(),
        settings=LockerSettings(pickup_requires_phone=True), kdf_iterations=ITERATIONS,
    )  # fmt: skip
    key, _ = add_partner(partners, "Phone shop", ("P1",))
    with pytest.raises(BadRequest, match="give phone"):
        partners.pre_advise(key, "P1", advice(phone=None, email="a@b.example"))
    parcel = partners.pre_advise(key, "P1", advice(phone="+48 600 123 456"))
    assert parcel.pickup_code is not None


def test_partner_webhook_for_a_drop_off_code_deposited_then_collected(
    partners: PartnerService, shop: PartnerKey, pcore: BackendCore, receiver: Receiver
) -> None:
    code = partners.create_send(shop, LOCKER, SendCodeRequest(size="S"))
    send = pcore.verify_send(LOCKER, code.code)
    rent_id = str(uuid.uuid4())
    rent = pcore.reserve_rent(LOCKER, rent_id, RentRequest("B2", "send", send_id=send.send_id))
    event(pcore, "deposited", rent_id)
    event(pcore, "collected", rent_id)
    assert partners.deliver_due() == 2
    bodies = [msgspec.json.decode(r.body) for r in receiver.accepted()]
    assert [b["type"] for b in bodies] == ["deposited", "collected"]
    parcel = bodies[0]["parcel"]
    assert (parcel["send_id"], parcel["kind"], parcel["receipt"]) == (
        code.send_id, "send", rent.receipt,
    )  # fmt: skip
    assert parcel["compartment_id"] == "B2"


def test_partner_webhook_two_server_processes_post_each_event_once(
    target: str, pcore: BackendCore, pseeded: Seeded
) -> None:
    """Two dispatchers on one database file, racing for the same queue."""
    fast = {"poll_s": 0.01, "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    first = PartnerService(pcore, **fast)  # type: ignore[arg-type]
    shop_key, _ = add_partner(first)
    core2 = BackendCore.open(target)
    second = PartnerService(core2, **fast)  # type: ignore[arg-type]
    with webhook_receiver() as rec:
        rec.secret = first.set_webhook(shop_key.partner_id, rec.url).secret
        for n in range(12):
            first.cancel(shop_key, first.pre_advise(shop_key, LOCKER, advice(f"PB{n}")).parcel_id)
        first.start()
        second.start()
        try:
            rec.wait_for(lambda r: len(r.accepted()) == 12)
        finally:
            first.stop()
            second.stop()
            core2.close()
    ids = [r.event_id for r in rec.received]
    assert len(ids) == len(set(ids)) == 12  # nothing posted twice
    assert all(r.valid for r in rec.received)
    assert first.webhook_status(shop_key.partner_id).delivered == 12
