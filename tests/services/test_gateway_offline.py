"""The gateway with the backend unreachable: an offline reservation is queued behind every
event recorded before it, and offline answers do not count as the backend answering."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import CourierTasks, Event, Parcel, Rent, RentRequest
from kiosk.backend.offline import OfflineVerifier, ResilientBackend
from kiosk.backend.outbox import Outbox
from kiosk.services.backend import BackendService
from kiosk.services.gateway import ServiceGateway
from kiosk.services.outbox import OutboxService
from tests.backend.fixtures import make_client
from tests.backend.test_offline_resilient import closed_port
from tests.backend.test_offline_set import PIN, SETTINGS, offline_set


class GatedOutbox(Outbox):
    """An outbox whose event commits wait for ``gate`` (a slow disk), released at once when
    a reservation is queued (so a reservation queued too early is seen ahead of them)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.gate = threading.Event()

    def record(self, event: Event) -> bool:
        self.gate.wait(10)
        return super().record(event)

    def record_reservation(self, rent_id: str, request: RentRequest) -> bool:
        queued = super().record_reservation(rent_id, request)
        self.gate.set()
        return queued

    def kinds(self) -> list[str]:
        rows = self._store.read().execute("SELECT type FROM outbox ORDER BY seq").fetchall()
        return [str(r["type"]) for r in rows]


@dataclass
class Rig:
    outbox: GatedOutbox
    resilient: ResilientBackend
    backend: BackendService
    sender: OutboxService
    gateway: ServiceGateway


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    client = make_client(
        f"http://127.0.0.1:{closed_port()}/", timeout_s=1.0, connect_timeout_s=0.5, retries=0
    )
    outbox = GatedOutbox(tmp_path / "outbox.db")
    verifier = OfflineVerifier(tmp_path / "cache.db", outbox=outbox)
    verifier.update(offline_set(), SETTINGS)
    verifier.save_tasks("c7", CourierTasks(deliveries=[Parcel("p1", "BC1", "S")], collections=[]))
    resilient = ResilientBackend(client, verifier, outbox=outbox)
    backend = BackendService(resilient)
    sender = OutboxService(outbox, resilient, min_backoff_ms=60_000, max_backoff_ms=60_000)
    gateway = ServiceGateway(backend, sender)
    backend.start(heartbeat=False, commands=False)
    sender.start()
    yield Rig(outbox, resilient, backend, sender, gateway)
    outbox.gate.set()
    sender.stop()
    backend.stop()
    client.close()
    verifier.close()
    outbox.close()


def test_an_offline_reservation_is_queued_behind_the_events_recorded_before_it(
    qtbot: QtBot, rig: Rig
) -> None:
    """The courier's parcel did not fit: ``cancelled`` for the first rent is recorded, and
    the next compartment reserved at once. At sync the backend must hear the cancel before
    the new rent, or it refuses the new one as already delivered."""
    token = rig.resilient.courier_login(courier_id="c7", pin=PIN).session_token
    first = str(uuid.uuid4())
    rig.gateway.record_event("cancelled", "A1", first, actor="courier:c7")
    answers: list[object] = []
    rig.gateway.reserve_rent(
        str(uuid.uuid4()),
        RentRequest(compartment_id="A3", kind="delivery", barcode="BC1"),
        answers.append,
        answers.append,
        session_token=token,
    )
    # Whatever the backend worker was asked has run by now (nothing, if it waits).
    qtbot.waitUntil(lambda: rig.backend._calls.pending() == 0, timeout=5000)
    rig.outbox.gate.set()  # the disk catches up
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    assert isinstance(answers[0], Rent)
    assert rig.outbox.kinds() == ["cancelled", "reservation"]


def test_after_writes_waits_for_the_records_before_it(qtbot: QtBot, rig: Rig) -> None:
    ran: list[str] = []
    rig.sender.after_writes(lambda: ran.append("idle"))
    assert ran == ["idle"]  # nothing in flight: at once
    with qtbot.waitSignal(rig.sender.recorded, timeout=5000):
        rig.sender.record(Event(str(uuid.uuid4()), "door_opened", datetime.now(UTC), "A1", None))
        rig.sender.after_writes(lambda: ran.append("after"))
        assert ran == ["idle"]
        rig.outbox.gate.set()
    qtbot.waitUntil(lambda: ran == ["idle", "after"], timeout=5000)


def test_offline_answers_do_not_count_as_the_backend_answering(qtbot: QtBot, rig: Rig) -> None:
    """An offline answer must not kick the outbox (it would retry at once, and fail)."""
    answered: list[None] = []
    rig.backend.answered.connect(lambda: answered.append(None))
    sessions: list[object] = []
    rig.gateway.courier_login(sessions.append, sessions.append, courier_id="c7", pin=PIN)
    qtbot.waitUntil(lambda: len(sessions) == 1, timeout=5000)
    tasks: list[object] = []
    token = getattr(sessions[0], "session_token", "")
    rig.gateway.courier_tasks(token, tasks.append, tasks.append)
    qtbot.waitUntil(lambda: len(tasks) == 1, timeout=5000)
    assert isinstance(tasks[0], CourierTasks)
    assert answered == []
