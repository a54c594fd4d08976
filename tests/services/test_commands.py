"""The command desk: checked, handed on once, acknowledged once (against a real server)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.backend.api import Command
from kiosk.backend.embedded import BackendCore
from kiosk.services.backend import BackendService
from kiosk.services.commands import (
    CommandDesk,
    CommandLedger,
    OpenQueue,
    OpenRequest,
    OutOfServiceRequest,
    Refused,
    parse,
)
from tests.backend.fixtures import LOCKER, Seeded, make_client

COMPARTMENTS = {"A1", "A2", "B1"}


def cmd(type_: str, **args: object) -> Command:
    return Command(command_id="c-1", type=type_, args=args)


def test_command_open_reasons_name_their_actor() -> None:
    app = parse(cmd("open_compartment", compartment_id="A1", reason="app_send"), COMPARTMENTS)
    assert isinstance(app, OpenRequest)
    assert (app.actor, app.reason, app.rent_id) == ("app", "app_send", None)
    office = parse(cmd("open_compartment", compartment_id="B1"), COMPARTMENTS)
    assert isinstance(office, OpenRequest)
    assert office.actor == "backoffice"


@pytest.mark.parametrize(
    ("command", "why"),
    [
        (cmd("self_destruct"), "unknown command type 'self_destruct'"),
        (cmd("open_compartment", compartment_id="Z9"), "unknown compartment Z9"),
        (cmd("open_compartment", compartment_id="A1", reason="prank"), "unknown reason 'prank'"),
        (cmd("set_out_of_service", compartment_id="A1"), "on must be true or false"),
        (cmd("set_out_of_service", compartment_id="Q", on=True), "unknown compartment Q"),
        (cmd("show_message", text="hi", until="tomorrow"), "until must be an RFC 3339 time"),
        (cmd("show_message", text="hi", until="2026-12-01T10:00:00"), "until must carry an offset"),
    ],
)
def test_command_that_cannot_be_carried_out_is_refused_with_why(command: Command, why: str) -> None:
    with pytest.raises(Refused, match=why):
        parse(command, COMPARTMENTS)


def test_command_whole_locker_out_of_service_is_null_compartment() -> None:
    request = parse(cmd("set_out_of_service", compartment_id=None, on=True), COMPARTMENTS)
    assert request == OutOfServiceRequest("c-1", None, True)


def test_command_open_queue_is_bounded_and_expires() -> None:
    queue = OpenQueue(limit=2, expiry_s=10)
    first = OpenRequest("c-1", "A1", None, "backoffice", "", "backoffice", received_at=0)
    second = OpenRequest("c-2", "A2", None, "backoffice", "", "backoffice", received_at=5)
    assert queue.push(first)
    assert queue.push(second)
    assert not queue.push(OpenRequest("c-3", "B1", None, "backoffice", "", "backoffice"))
    assert queue.next_expiry() == 10
    assert queue.expired(10) == [first]
    assert queue.pop() == second
    assert queue.pop() is None


@pytest.fixture
def service(qtbot: QtBot, server_url: str, seeded: Seeded) -> Iterator[BackendService]:
    client = make_client(server_url)
    svc = BackendService(client, poll_wait_s=0.5, retry_ms=100)
    yield svc
    svc.stop()
    client.close()


def acked(core: BackendCore, command_id: str) -> tuple[str, str] | None:
    row = core.store.command(core.store.read(), command_id)
    assert row is not None
    return None if row["acked_at"] is None else (row["result"], row["detail"])


def test_command_repeated_id_is_acknowledged_again_not_acted_on_twice(
    qtbot: QtBot, service: BackendService, core: BackendCore
) -> None:
    """The backend lost the ack (restored from a backup): the kiosk says it again."""
    desk = CommandDesk(service, lambda: COMPARTMENTS)
    desk.set_ready()
    handed: list[str] = []
    desk.message_requested.connect(lambda r: handed.append(r.command_id))
    desk.message_requested.connect(lambda r: desk.finish(r.command_id, "ok", "shown"))
    until = datetime(2099, 1, 1, tzinfo=UTC).isoformat()
    cid = core.enqueue_command(LOCKER, "show_message", {"text": "Hi", "until": until})
    service.start(heartbeat=False, commands=True)
    qtbot.waitUntil(lambda: acked(core, cid) == ("ok", "shown"), timeout=5000)
    with core.store.transaction() as db:
        db.execute(
            "UPDATE commands SET acked_at = NULL, result = NULL WHERE command_id = ?", (cid,)
        )
    qtbot.waitUntil(lambda: acked(core, cid) == ("ok", "shown"), timeout=5000)
    assert handed == [cid]
    desk.stop()


def test_command_unknown_type_is_refused_not_a_crash(
    qtbot: QtBot, service: BackendService, core: BackendCore
) -> None:
    desk = CommandDesk(service, lambda: COMPARTMENTS)
    desk.set_ready()
    cid = core.enqueue_command(LOCKER, "make_coffee", {"strength": 11})
    service.start(heartbeat=False, commands=True)
    qtbot.waitUntil(lambda: acked(core, cid) is not None, timeout=5000)
    assert acked(core, cid) == ("refused", "unknown command type 'make_coffee'")
    desk.stop()


def test_command_arriving_before_the_layout_waits_for_it(
    qtbot: QtBot, service: BackendService, core: BackendCore
) -> None:
    known: set[str] = set()
    desk = CommandDesk(service, lambda: known)
    opens: list[OpenRequest] = []
    desk.open_requested.connect(opens.append)
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "A1"})
    with qtbot.waitSignal(service.command_received, timeout=5000):
        service.start(heartbeat=False, commands=True)
    assert opens == []
    assert acked(core, cid) is None  # not refused as "unknown compartment"
    known.update(COMPARTMENTS)
    desk.set_ready()
    assert [o.compartment_id for o in opens] == ["A1"]
    desk.finish(cid, "ok", "opened")
    desk.finish(cid, "failed", "a second answer is ignored")
    qtbot.waitUntil(lambda: acked(core, cid) == ("ok", "opened"), timeout=5000)
    desk.stop()


def test_command_taken_on_before_a_restart_is_not_carried_out_again(
    qtbot: QtBot, tmp_path: Path, server_url: str, seeded: Seeded, core: BackendCore
) -> None:
    ledger = tmp_path / "commands.json"
    cid = core.enqueue_command(LOCKER, "open_compartment", {"compartment_id": "A1"})
    first_client = make_client(server_url)
    first = BackendService(first_client, poll_wait_s=0.5, retry_ms=100)
    desk = CommandDesk(first, lambda: COMPARTMENTS, ledger=CommandLedger(ledger))
    desk.set_ready()
    try:
        with qtbot.waitSignal(desk.open_requested, timeout=5000):
            first.start(heartbeat=False, commands=True)
    finally:
        first.stop()  # the kiosk dies with the door opening: no ack was sent
        first_client.close()
    assert acked(core, cid) is None
    # The kiosk starts again; the backend sends the command again.
    client = make_client(server_url)
    again = BackendService(client, poll_wait_s=0.5, retry_ms=100)
    restarted = CommandDesk(again, lambda: COMPARTMENTS, ledger=CommandLedger(ledger))
    restarted.set_ready()
    opens: list[object] = []
    restarted.open_requested.connect(opens.append)
    try:
        again.start(heartbeat=False, commands=True)
        qtbot.waitUntil(lambda: acked(core, cid) is not None, timeout=5000)
    finally:
        again.stop()
        client.close()
    assert acked(core, cid) == ("failed", "interrupted by a kiosk restart")
    assert opens == []


def test_command_ledger_unreadable_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "commands.json"
    path.write_text("{not json")
    ledger = CommandLedger(path)
    assert ledger.entries == {}
    ledger.finished("c-1", "ok", "opened")
    assert CommandLedger(path).entries == {"c-1": ("ok", "opened")}
