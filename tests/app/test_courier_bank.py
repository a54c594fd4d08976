"""The kiosk-wide compartment bank the courier chooses from, kept up to date by the app."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.backend.api import PickupRent, PickupResult
from kiosk.domain.compartments import Spec, Status
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk


def test_courier_bank_hears_of_a_compartment_a_pickup_emptied(qtbot: QtBot, tmp_path: Path) -> None:
    gateway, doors = FakeGateway(), FakeDoors()
    with running_kiosk(qtbot, make_config(tmp_path), doors=doors, gateway=gateway) as kiosk:
        kiosk.bank.specs = {"A07": Spec("A07", "M"), "A08": Spec("A08", "L")}
        kiosk.bank.set_occupied("A07")
        assert kiosk.courier is not None
        assert kiosk.pickup is not None
        flow = kiosk.pickup
        kiosk.machine.start_flow("pickup")
        qtbot.waitUntil(flow.entering_code.active)
        with qtbot.waitSignal(flow.verifying.entered):
            flow.handle("code_entered", "123456")
        with qtbot.waitSignal(flow.door_open.entered):
            gateway.verifies[0].on_done(PickupResult(rents=[PickupRent("r1", "A07")]))
            doors.door_opened.emit("A07")
        with qtbot.waitSignal(flow.closed.entered):
            doors.door_closed.emit("A07")
        assert kiosk.bank.status("A07") is Status.FREE
        chosen = kiosk.bank.choose("S")
        assert chosen is not None
        assert chosen.id == "A07"
        flow.handle("choice", "cancel")
