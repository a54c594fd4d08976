"""Partner API end to end on real parts (issue 15's "done when").

A partner pre-advises a parcel over HTTP; the real kiosk (REST backend, board simulator on
the kiosk's bus, scanner on a pseudo-terminal) has a courier deliver it and the shopper
pick it up with the code the server made; the partner's webhook receiver (a loopback HTTP
server) gets ``deposited`` and ``picked_up`` once each, correctly signed, although it
answered 500 for a while and the server was stopped and started again on the same
database file in between.
"""

from __future__ import annotations

import json
import os
import pty
import tty
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore, EmbeddedBackend
from kiosk.backend.partner import PartnerService
from kiosk.backend.server import ServerHandle, create_app
from kiosk.flows.screendata import Intent
from kiosk.services.scanner import SerialScanner
from tests.backend.fixtures import LOCKER, seed
from tests.backend.partner_helpers import Receiver, webhook_receiver
from tests.helpers.kiosk import rest_config

pytestmark = pytest.mark.slow


@dataclass
class Backend:
    """One run of the server process: its core, partner service and URL."""

    core: BackendCore
    partners: PartnerService
    url: str


@contextmanager
def backend(db: Path, port: int = 0) -> Iterator[Backend]:
    """``locker-kiosk-server`` on ``db``: the kiosk API and the partner API in one app.

    Stopping ends the webhook dispatcher (the app's lifespan) and closes the store, as a
    server process that is stopped does. Quick retries, so the test does not wait long.
    """
    core = BackendCore.open(db)
    partners = PartnerService(core, poll_s=0.05, backoff_base_s=0.1, backoff_cap_s=0.4)
    try:
        app = create_app(core, partners=partners)
        handle = ServerHandle(app, "127.0.0.1", port).start()
        try:
            yield Backend(core, partners, handle.url)
        finally:
            handle.stop()
    finally:
        core.close()


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port


def accepted(rec: Receiver, type_: str) -> bool:
    return type_ in rec.accepted_types()


def test_partner_webhook_e2e_pre_advise_deliver_pick_up_across_a_restart(
    qtbot: QtBot, tmp_path: Path
) -> None:
    db = tmp_path / "backend.db"
    with webhook_receiver() as rec, ExitStack() as stack:
        rec.status = 500  # the partner's system is down at first
        http = stack.enter_context(requests.Session())
        with backend(db) as first:
            seed(first.core)
            _, api_key = first.partners.add_partner("Shop", [LOCKER])
            http.headers["Authorization"] = f"Bearer {api_key}"
            api = first.url + "v1/partner/"
            rec.secret = http.put(api + "webhook", json={"url": rec.url}).json()["secret"]
            resp = http.post(
                api + f"lockers/{LOCKER}/parcels",
                json={"barcode": "PARTNER-1", "size": "M", "phone": "+48 600 123 456"},
            )
            assert resp.status_code == 201, resp.text
            parcel_id, code = resp.json()["parcel_id"], resp.json()["pickup_code"]

            # ---- the kiosk (it outlives this server run): a courier delivers the parcel
            master, slave = pty.openpty()
            stack.callback(os.close, master)
            stack.callback(os.close, slave)
            tty.setraw(slave)
            config = rest_config(tmp_path, first.url, verify_timeout_s=4)
            services = KioskServices(config, open_parts(config))
            scanner = SerialScanner(os.ttyname(slave))
            kiosk = Kiosk(config, services=services, serial_scanner=scanner)
            stack.callback(kiosk.shutdown)
            kiosk.window.show()
            with qtbot.waitSignal(services.ready, timeout=10000):
                kiosk.start()
            qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle")
            courier, sim = kiosk.courier, services.simulator
            assert courier is not None
            assert sim is not None
            os.write(master, b"BADGE-1\r\n")
            qtbot.waitUntil(lambda: courier.active(courier.home), timeout=15000)
            kiosk.courier_home_screen.deliver_button.click()
            qtbot.waitUntil(lambda: courier.active(courier.ready))
            os.write(master, b"PARTNER-1\r\n")
            qtbot.waitUntil(lambda: courier.active(courier.door_open), timeout=15000)
            job = courier.cycle.job
            assert job is not None
            info = EmbeddedBackend(first.core, LOCKER).get_locker()
            where = {c.id: (c.board, c.lock) for c in info.compartments}
            compartment = job.compartment_id
            sim.close_door(*where[compartment])
            qtbot.waitUntil(lambda: courier.delivered_count == 1, timeout=15000)
            kiosk.courier_task_screen.intent.emit(Intent.CHOICE, "home")
            qtbot.waitUntil(lambda: courier.active(courier.home), timeout=10000)
            kiosk.courier_home_screen.logout_button.click()
            qtbot.waitUntil(lambda: kiosk.machine.state_name() == "idle", timeout=10000)

            # ---- the receiver answers 500: the dispatcher retries, the status says so
            # (Waiting with the event loop running: the kiosk's outbox sends from it.)
            qtbot.waitUntil(lambda: sum(1 for x in rec.received if x.answered == 500) >= 2,
                            timeout=15000)  # fmt: skip
            assert rec.accepted() == []
            assert http.get(api + "webhook").json()["state"] == "failing"
            port = port_of(first.url)
        # ---- the server is stopped, with the webhook still waiting in its queue
        rec.status = 200  # the partner's system is back while the server is down
        with backend(db, port) as second:
            api = second.url + "v1/partner/"
            qtbot.waitUntil(lambda: accepted(rec, "deposited"), timeout=15000)
            assert http.get(api + f"parcels/{parcel_id}").json()["status"] == "deposited"

            # ---- the shopper picks the parcel up with the code the server made
            pickup = kiosk.pickup
            assert pickup is not None
            kiosk.idle_screen.pickup_button.click()
            qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
            for digit in code:
                kiosk.code_entry_screen.keypad.buttons[digit].click()
            kiosk.code_entry_screen.ok_button.click()
            qtbot.waitUntil(pickup.door_open.active, timeout=10000)
            assert kiosk.door_screen.compartment.text() == compartment
            sim.close_door(*where[compartment])
            qtbot.waitUntil(pickup.closed.active, timeout=10000)
            qtbot.waitUntil(lambda: accepted(rec, "picked_up"), timeout=15000)
            assert http.get(api + f"parcels/{parcel_id}").json()["status"] == "picked_up"
            # Nothing is left to send: what was delivered is never posted again.
            assert second.partners.deliver_due() == 0
            status = http.get(api + "webhook").json()
            assert (status["state"], status["delivered"], status["pending"]) == (
                "delivered", 2, 0,
            )  # fmt: skip

        # ---- what the partner's system took in: each event once, in order, signed
        assert rec.accepted_types() == ["deposited", "picked_up"]
        ids = [r.event_id for r in rec.accepted()]
        assert len(set(ids)) == 2
        for got in rec.received:
            assert got.valid, got.signature
            assert json.loads(got.body)["event_id"] == got.event_id
        for event_id in ids:
            posts = [r for r in rec.received if r.event_id == event_id]
            assert posts[-1].answered == 200  # no post after the one that was taken in
        deposited = json.loads(rec.accepted()[0].body)
        assert deposited["parcel"]["parcel_id"] == parcel_id
        assert deposited["parcel"]["compartment_id"] == compartment
        assert "600 123" not in rec.accepted()[0].body.decode()
