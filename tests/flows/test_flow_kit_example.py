"""The worked example in docs/architecture.md runs: the flow kit's documentation is true."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from kiosk.backend.api import PickupRent, PickupResult
from tests.helpers.fakes import FakeDoors, FakeGateway

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"

PRELUDE = """
from PySide6.QtCore import Signal
from kiosk.backend.api import PickupResult
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import CodeEntry, CodeFormat, CodeTexts, Cooldown
from kiosk.flows.door_cycle import DoorCycle, DoorJob, DoorTimeouts
from kiosk.flows.ports import SHOPPER, Doors, Gateway
from kiosk.flows.screendata import Intent
"""


def example_flow() -> Any:
    block = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block is not None, "docs/architecture.md lost its worked example"
    namespace: dict[str, Any] = {}
    exec(PRELUDE + block.group(1), namespace)  # the documented code, as written
    return namespace["ReopenFlow"]


def test_flow_kit_example_opens_the_door_and_records_door_closed(qtbot: QtBot) -> None:
    gateway, doors = FakeGateway(), FakeDoors()
    from kiosk.flows.code_entry import Cooldown

    flow = example_flow()(gateway, doors, Cooldown())
    with qtbot.waitSignal(flow.code.entering_code.entered):
        flow.start()
    with qtbot.waitSignal(flow.checking.entered):
        flow.handle("code_entered", "123456")
    rent = PickupRent(rent_id="r-9", compartment_id="A03")
    with qtbot.waitSignal(flow.cycle.opening.entered):
        gateway.verifies[-1].on_done(PickupResult(rents=[rent]))
    assert doors.opened == ["A03"]
    with qtbot.waitSignal(flow.cycle.door_open.entered):
        doors.door_opened.emit("A03")
    with qtbot.waitSignal(flow.cycle.closed.entered):
        doors.door_closed.emit("A03")
    assert gateway.event_types() == ["door_opened", "door_closed"]
    flow.abort()
