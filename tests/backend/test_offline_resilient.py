"""ResilientBackend with the backend unreachable: courier sessions, task lists and
reservations served from the offline set, their PUTs queued in the outbox.

"Unreachable" is a real REST client to a loopback port nothing listens on; the offline set
is built by hand (``tests/backend/test_offline_set.py``), so these run without a server.
"""

from __future__ import annotations

import re
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from kiosk.backend.api import (
    AlreadyDelivered,
    AlreadyUsed,
    BadCredentials,
    CompartmentTaken,
    CourierTasks,
    Event,
    OfflineRent,
    Parcel,
    RentRequest,
    SessionExpired,
    Unavailable,
    UnknownParcel,
)
from kiosk.backend.embedded import BackendCore
from kiosk.backend.offline import (
    OFFLINE_TOKEN_PREFIX,
    NotInOfflineSet,
    OfflineVerifier,
    ResilientBackend,
)
from kiosk.backend.outbox import Outbox
from kiosk.backend.rest import RestBackend
from tests.backend.fixtures import Seeded, make_client
from tests.backend.test_offline_set import (
    BADGE,
    PIN,
    RETURN_CODE,
    SEND_CODE,
    SETTINGS,
    Ticks,
    offline_set,
)
from tests.helpers.offline import RestartableServer

RECEIPT = re.compile(r"^R-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$")


@dataclass
class Down:
    backend: ResilientBackend
    outbox: Outbox
    verifier: OfflineVerifier


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def down(tmp_path: Path) -> Iterator[Down]:
    client = make_client(
        f"http://127.0.0.1:{closed_port()}/", timeout_s=1.0, connect_timeout_s=0.5, retries=0
    )
    outbox = Outbox(tmp_path / "outbox.db")
    verifier = OfflineVerifier(tmp_path / "cache.db", outbox=outbox)
    verifier.update(offline_set(), SETTINGS)
    verifier.save_tasks(
        "c7",
        CourierTasks(
            deliveries=[Parcel("p1", "BC1", "S"), Parcel("p2", "BC2", "M")], collections=[]
        ),
    )
    backend = ResilientBackend(client, verifier, outbox=outbox)
    yield Down(backend, outbox, verifier)
    client.close()
    verifier.close()
    outbox.close()


def deposit(outbox: Outbox, rent_id: str, compartment: str) -> None:
    outbox.record(
        Event(str(uuid.uuid4()), "deposited", datetime.now(UTC), compartment, rent_id, "x")
    )


def test_an_offline_courier_session_delivers_from_the_cached_list(down: Down) -> None:
    backend, outbox = down.backend, down.outbox
    session = backend.courier_login(courier_id="c7", pin=PIN)
    assert backend.offline_mark.offline is True
    assert session.session_token.startswith(OFFLINE_TOKEN_PREFIX)
    assert session.courier.name == "Courier Seven"
    tasks = backend.courier_tasks(session.session_token)
    assert [p.barcode for p in tasks.deliveries] == ["BC1", "BC2"]
    rent_id = str(uuid.uuid4())
    request = RentRequest(compartment_id="A1", kind="delivery", barcode="BC1")
    rent = backend.reserve_rent(rent_id, request, session_token=session.session_token)
    assert (rent.rent_id, rent.compartment_id, rent.status) == (rent_id, "A1", "reserved")
    assert rent.parcel_id == "p1"
    assert outbox.stats().depth == 1  # the PUT, queued before any event of the rent
    deposit(outbox, rent_id, "A1")
    left = backend.courier_tasks(session.session_token)
    assert [p.barcode for p in left.deliveries] == ["BC2"]
    with pytest.raises(AlreadyDelivered):
        backend.reserve_rent(str(uuid.uuid4()), request, session_token=session.session_token)
    with pytest.raises(UnknownParcel):
        backend.reserve_rent(
            str(uuid.uuid4()),
            RentRequest(compartment_id="A2", kind="delivery", barcode="NOT-ON-LIST"),
            session_token=session.session_token,
        )
    backend.courier_logout(session.session_token)  # local only: nothing to reach
    assert backend.offline_mark.offline is True
    # The queued PUT carries the courier the kiosk checked, and nothing else changed.
    rows = outbox._store.next_batch(50, "k")
    assert rows[0].kind == "reservation"
    assert '"offline_courier_id":"c7"' in rows[0].body


def test_a_badge_logs_in_offline_and_a_wrong_pin_is_refused(down: Down) -> None:
    backend = down.backend
    assert backend.courier_login(badge=BADGE).courier.id == "c7"
    with pytest.raises(BadCredentials):
        backend.courier_login(courier_id="c7", pin="0000")
    with pytest.raises(NotInOfflineSet):
        backend.courier_login(courier_id="c99", pin=PIN)
    # three checks spent (a refill of one per minute may have begun meanwhile)
    assert down.verifier.guess_tokens("courier_guess_tokens") < SETTINGS.guess_burst - 2


def test_an_offline_session_with_no_cached_list_has_nothing_to_deliver(down: Down) -> None:
    session = down.backend.courier_login(courier_id="c8", pin="1111")
    tasks = down.backend.courier_tasks(session.session_token)
    assert (tasks.deliveries, tasks.collections) == ([], [])


def test_an_offline_send_gets_a_kiosk_receipt_and_is_used_once_deposited(down: Down) -> None:
    backend, outbox = down.backend, down.outbox
    info = backend.verify_send(SEND_CODE)
    assert backend.offline_mark.offline is True
    rent_id = str(uuid.uuid4())
    rent = backend.reserve_rent(
        rent_id, RentRequest(compartment_id="B2", kind=info.kind, send_id=info.send_id)
    )
    assert rent.receipt is not None
    assert RECEIPT.match(rent.receipt)
    rows = outbox._store.next_batch(50, "k")
    assert f'"receipt":"{rent.receipt}"' in rows[0].body
    outbox._store.clear_batch_keys()
    deposit(outbox, rent_id, "B2")
    with pytest.raises(AlreadyUsed):
        backend.verify_send(SEND_CODE)
    assert backend.verify_send(RETURN_CODE).kind == "return"
    with pytest.raises(NotInOfflineSet):
        backend.verify_send("S2222222")


def test_what_cannot_be_reserved_offline_says_unreachable(down: Down) -> None:
    backend = down.backend
    # A send not in the offline set, and a delivery with no session this kiosk knows.
    for request in (
        RentRequest(compartment_id="B2", kind="send", send_id="unknown"),
        RentRequest(compartment_id="A1", kind="delivery", barcode="BC1"),
    ):
        with pytest.raises(Unavailable):
            backend.reserve_rent(str(uuid.uuid4()), request, session_token="server-token")
    # A queued PUT on its way from the outbox is never reserved offline again.
    queued = RentRequest(
        compartment_id="A1", kind="delivery", barcode="BC1", offline_courier_id="c7"
    )
    with pytest.raises(Unavailable):
        backend.reserve_rent(str(uuid.uuid4()), queued)
    assert down.outbox.stats().depth == 0


def test_no_outbox_no_offline_reservation(tmp_path: Path) -> None:
    client = make_client(f"http://127.0.0.1:{closed_port()}/", timeout_s=1.0, retries=0)
    verifier = OfflineVerifier(tmp_path / "cache.db")
    verifier.update(offline_set(), SETTINGS)
    backend = ResilientBackend(client, verifier)
    info = backend.verify_send(SEND_CODE)
    with pytest.raises(Unavailable):
        backend.reserve_rent(
            str(uuid.uuid4()), RentRequest(compartment_id="B2", kind="send", send_id=info.send_id)
        )
    client.close()
    verifier.close()


@pytest.fixture
def restartable(tmp_path: Path, core: BackendCore, seeded: Seeded) -> Iterator[Restartable]:
    server = RestartableServer(core)
    client = make_client(server.url, timeout_s=2.0, connect_timeout_s=0.5, retries=0)
    outbox = Outbox(tmp_path / "outbox.db")
    verifier = OfflineVerifier(tmp_path / "cache.db", outbox=outbox)
    backend = ResilientBackend(client, verifier, outbox=outbox)
    yield Restartable(server, client, backend, outbox)
    server.close()
    client.close()
    verifier.close()
    outbox.close()


@dataclass
class Restartable:
    server: RestartableServer
    client: RestBackend
    backend: ResilientBackend
    outbox: Outbox


def test_a_drop_off_made_offline_is_used_online_before_and_after_it_is_synced(
    restartable: Restartable, seeded: Seeded
) -> None:
    r = restartable
    r.backend.refresh_offline_codes()
    r.server.stop()
    info = r.backend.verify_send(seeded.send_code)
    rent_id = str(uuid.uuid4())
    request = RentRequest(compartment_id="B2", kind="send", send_id=info.send_id)
    rent = r.backend.reserve_rent(rent_id, request)
    deposit(r.outbox, rent_id, "B2")
    r.server.start()
    # The server still offers the send: the kiosk knows better until it has heard.
    with pytest.raises(AlreadyUsed):
        r.backend.verify_send(seeded.send_code)
    assert r.backend.offline_mark.offline is False  # answered online
    assert r.outbox.deliver_all(r.client) == 2
    with pytest.raises(AlreadyUsed):  # and now the server says so itself
        r.client.verify_send(seeded.send_code)
    assert r.server.puts_for(rent_id) == 1
    # The PUT again (a retry after a crash) returns the same rent, with the kiosk's receipt.
    again = r.client.reserve_rent(rent_id, msgspec.structs.replace(request, receipt=rent.receipt))
    assert (again.rent_id, again.status, again.receipt) == (rent_id, "deposited", rent.receipt)


def test_an_online_session_reserves_offline_when_the_backend_goes_away(
    restartable: Restartable, seeded: Seeded
) -> None:
    """Logged in online, then the backend drops: the kept task list and offline
    reservations carry the courier on; online again, the list leaves out what was deposited
    here until the server has heard of it."""
    r = restartable
    session = r.backend.courier_login(courier_id="c1", pin=seeded.courier_pin)
    token = session.session_token
    assert not token.startswith(OFFLINE_TOKEN_PREFIX)
    assert [p.barcode for p in r.backend.courier_tasks(token).deliveries] == ["BC5", "BC6"]
    r.server.stop()
    cached = r.backend.courier_tasks(token)
    assert r.backend.offline_mark.offline is True
    assert [p.barcode for p in cached.deliveries] == ["BC5", "BC6"]
    rent_id = str(uuid.uuid4())
    request = RentRequest(compartment_id="B2", kind="delivery", barcode="BC5")
    assert r.backend.reserve_rent(rent_id, request, session_token=token).parcel_id == "p5"
    deposit(r.outbox, rent_id, "B2")
    r.server.start()
    online = r.backend.courier_tasks(token)
    assert r.backend.offline_mark.offline is False
    assert [p.barcode for p in online.deliveries] == ["BC6"]
    assert r.outbox.deliver_all(r.client) == 2
    assert r.server.puts_for(rent_id) == 1
    assert [p.barcode for p in r.client.courier_tasks(token).deliveries] == ["BC6"]


def test_an_offline_session_ends_after_eight_hours_as_an_online_one(tmp_path: Path) -> None:
    ticks = Ticks()
    client = make_client(f"http://127.0.0.1:{closed_port()}/", timeout_s=1.0, retries=0)
    outbox = Outbox(tmp_path / "outbox.db")
    verifier = OfflineVerifier(tmp_path / "cache.db", outbox=outbox, monotonic=ticks)
    verifier.note_server_time(datetime.now(UTC).timestamp())
    verifier.update(offline_set(), SETTINGS)
    backend = ResilientBackend(client, verifier, outbox=outbox)
    session = backend.courier_login(badge=BADGE)
    assert session.expires_at.timestamp() == pytest.approx(verifier.now() + 8 * 3600, abs=1)
    ticks.now += 8 * 3600 - 1
    backend.courier_tasks(session.session_token)
    ticks.now += 2
    with pytest.raises(SessionExpired):
        backend.courier_tasks(session.session_token)
    with pytest.raises(SessionExpired):
        backend.reserve_rent(
            str(uuid.uuid4()),
            RentRequest(compartment_id="A1", kind="delivery", barcode="BC1"),
            session_token=session.session_token,
        )
    backend.courier_logout(session.session_token)  # local, as always offline
    assert backend.offline_mark.offline is True
    # A token made here and no longer known is never sent to the backend.
    with pytest.raises(SessionExpired):
        backend.courier_tasks(session.session_token)
    backend.courier_logout(session.session_token)
    assert backend.offline_mark.offline is True  # not tried online
    client.close()
    verifier.close()
    outbox.close()


def test_offline_a_compartment_holding_a_parcel_is_not_reserved(down: Down) -> None:
    """A parcel of the offline set in A1, and one this kiosk deposited in A2: neither door
    opens for the next parcel (the flows choose another, as on the backend's answer)."""
    backend, outbox, verifier = down.backend, down.outbox, down.verifier
    codes = offline_set()
    later = datetime.now(UTC) + timedelta(days=1)
    waiting = OfflineRent("r-waiting", "A1", later, "00" * 32)
    verifier.update(msgspec.structs.replace(codes, rents=[waiting]), SETTINGS)
    token = backend.courier_login(courier_id="c7", pin=PIN).session_token

    def reserve(compartment: str, barcode: str) -> str:
        rent_id = str(uuid.uuid4())
        request = RentRequest(compartment_id=compartment, kind="delivery", barcode=barcode)
        backend.reserve_rent(rent_id, request, session_token=token)
        return rent_id

    with pytest.raises(CompartmentTaken):
        reserve("A1", "BC1")
    first = reserve("A2", "BC1")
    cancelled = reserve("A3", "BC2")  # reserved, then cancelled: the door is free again
    outbox.record(Event(str(uuid.uuid4()), "cancelled", datetime.now(UTC), "A3", cancelled))
    deposit(outbox, first, "A2")
    with pytest.raises(CompartmentTaken):
        reserve("A2", "BC2")
    reserve("A3", "BC2")
    # Once the parcel in A1 is picked up (recorded here), A1 is free for the kiosk.
    outbox.record(Event(str(uuid.uuid4()), "picked_up", datetime.now(UTC), "A1", "r-waiting"))
    assert not verifier.compartment_held("A1")
    assert verifier.compartment_held("A2")
