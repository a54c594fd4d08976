"""The backend's side of send and return: the drop-off code's kind, the rent's receipt
number, a reservation that moves when the parcel needs another compartment, and the demo's
drop-off codes (their own shape, printed by ``--seed-demo``)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.backend.api import Event, RentRequest
from kiosk.backend.demo import DROP_OFF_PATTERN, open_demo_backend
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.rest import RestBackend
from tests.backend.fixtures import ITERATIONS, LOCKER, Seeded

RECEIPT = re.compile(r"R-[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}")


def event(kind: str, compartment: str, rent_id: str) -> Event:
    return Event(
        event_id=str(uuid.uuid4()),
        type=kind,
        at=datetime.now(UTC),
        compartment_id=compartment,
        rent_id=rent_id,
        actor="shopper",
    )


def test_send_return_rent_carries_a_receipt_over_rest(client: RestBackend, seeded: Seeded) -> None:
    info = client.verify_send(seeded.send_code)
    assert (info.size, info.kind) == ("M", "send")
    rent_id = str(uuid.uuid4())
    request = RentRequest(compartment_id="B2", kind="send", send_id=info.send_id)
    rent = client.reserve_rent(rent_id, request)
    assert rent.receipt is not None
    assert RECEIPT.fullmatch(rent.receipt)
    # The same PUT again: the same rent, the same receipt.
    assert client.reserve_rent(rent_id, request).receipt == rent.receipt


def test_send_return_return_code_says_return(
    core: BackendCore, seeded: Seeded, embedded: EmbeddedBackend
) -> None:
    send_id = core.add_send(LOCKER, code="R8765432", size="S", kind="return")
    info = embedded.verify_send("r876-5432")
    assert (info.send_id, info.size, info.kind) == (send_id, "S", "return")
    rent = embedded.reserve_rent(
        str(uuid.uuid4()), RentRequest(compartment_id="B2", kind="return", send_id=send_id)
    )
    assert rent.kind == "return"
    assert rent.receipt is not None


def test_send_return_a_new_reservation_moves_the_old_one(
    core: BackendCore, seeded: Seeded, embedded: EmbeddedBackend
) -> None:
    """ "Larger compartment": the kiosk reserves again before its ``cancelled`` for the
    first compartment has left the outbox; the late cancel changes nothing."""
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    send_id = seeded.send_id
    embedded.reserve_rent(first_id, RentRequest(compartment_id="B2", kind="send", send_id=send_id))
    second = embedded.reserve_rent(
        second_id, RentRequest(compartment_id="B3", kind="send", send_id=send_id)
    )
    db = core.store.read()
    assert core.store.rent(db, first_id)["status"] == "cancelled"  # type: ignore[index]
    results = embedded.send_events(
        [
            event("cancelled", "B2", first_id),
            event("door_opened", "B3", second_id),
            event("deposited", "B3", second_id),
        ]
    )
    assert [r.status for r in results] == ["accepted", "accepted", "accepted"]
    db = core.store.read()
    assert core.store.rent(db, second_id)["status"] == "deposited"  # type: ignore[index]
    assert core.store.send(db, send_id)["status"] == "used"  # type: ignore[index]
    assert second.receipt is not None


def test_send_return_cancelled_reopens_the_code(
    core: BackendCore, seeded: Seeded, embedded: EmbeddedBackend
) -> None:
    rent_id = str(uuid.uuid4())
    embedded.reserve_rent(
        rent_id, RentRequest(compartment_id="B2", kind="send", send_id=seeded.send_id)
    )
    embedded.send_events([event("cancelled", "B2", rent_id)])
    assert embedded.verify_send(seeded.send_code).send_id == seeded.send_id


def test_send_return_a_store_without_receipts_gains_the_column(db_path: Path) -> None:
    core = BackendCore.open(db_path)
    with core.store.transaction() as db:
        db.execute("ALTER TABLE rents DROP COLUMN receipt")
        db.execute("DROP TABLE schema_version")  # a file from before the migrations table
    core.close()
    core = BackendCore.open(db_path)
    try:
        columns = {d[0] for d in core.store.read().execute("SELECT * FROM rents").description}
        assert "receipt" in columns
    finally:
        core.close()


def test_send_return_demo_seeds_send_and_return_codes_of_their_own_shape(
    tmp_path: Path,
) -> None:
    backend, codes = open_demo_backend(
        tmp_path / "demo.db", rng=random.Random(7), kdf_iterations=ITERATIONS
    )
    try:
        drop_offs = {c.kind: c for c in codes if c.kind in ("send", "return")}
        assert set(drop_offs) == {"send", "return"}
        for kind, code in drop_offs.items():
            assert re.fullmatch(DROP_OFF_PATTERN, code.code)
            assert code.line() == f"{kind} code: {code.code} (size {code.size})"
            assert backend.verify_send(code.code).kind == kind
        # A pickup code never has the drop-off shape: a scan can tell them apart.
        assert not any(re.fullmatch(DROP_OFF_PATTERN, c.code) for c in codes if c.kind == "pickup")
    finally:
        backend.close()


@pytest.mark.slow
def test_send_return_seed_demo_prints_send_and_return_codes(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk.backend.server", "--db", str(tmp_path / "d.db"),
         "--port", "0", "--seed-demo", "--kdf-iterations", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        lines = []
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("serving on "):
                break
        url = lines[-1].removeprefix("serving on ")
        found = {}
        for line in lines:
            m = re.fullmatch(rf"(send|return) code: ({DROP_OFF_PATTERN}) \(size (S|M|L|XL)\)", line)
            if m:
                found[m[1]] = m[2]
        assert set(found) == {"send", "return"}
        for kind, code in found.items():
            resp = requests.post(
                url + "v1/lockers/demo/sends", json={"code": code},
                headers={"Authorization": "Bearer demo"}, timeout=10,
            )  # fmt: skip
            assert resp.json()["kind"] == kind
    finally:
        proc.kill()
        proc.wait(10)
