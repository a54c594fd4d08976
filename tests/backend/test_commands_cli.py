"""``locker-kiosk-server command``: the operator queues back-office commands from a shell."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import msgspec
import pytest

from kiosk.backend.embedded import BackendCore
from kiosk.backend.server import main
from tests.backend.fixtures import LOCKER, Seeded

# The command CLI takes the SQLite file's path (``--db FILE``, checked to exist).
pytestmark = pytest.mark.sqlite_only


def queued(core: BackendCore, command_id: str) -> tuple[str, dict[str, object]]:
    row = core.store.command(core.store.read(), command_id)
    assert row is not None
    assert row["locker_id"] == LOCKER
    return str(row["type"]), msgspec.json.decode(str(row["args"]))


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["command", "--db", str(db), "--locker", LOCKER, *args])
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_command_cli_open_prints_the_command_id_and_queues_it(
    capsys: pytest.CaptureFixture[str], core: BackendCore, seeded: Seeded, db_path: Path
) -> None:
    code, out, _ = run(capsys, db_path, "open", "B2")
    assert code == 0
    assert queued(core, out) == (
        "open_compartment",
        {"compartment_id": "B2", "reason": "backoffice"},
    )
    code, out, _ = run(capsys, db_path, "open", "A1", "--app", "--name", "Anna")
    assert code == 0
    assert queued(core, out) == (
        "open_compartment",
        {
            "compartment_id": "A1",
            "reason": "app_pickup",
            "rent_id": seeded.rents["A1"],
            "display_name": "Anna",
        },
    )
    assert [c.command_id for c in core.poll_commands(LOCKER, 0)][-1] == out


def test_command_cli_out_of_service_message_reload_and_status(
    capsys: pytest.CaptureFixture[str], core: BackendCore, seeded: Seeded, db_path: Path
) -> None:
    _, locker_off, _ = run(capsys, db_path, "out-of-service", "all", "on")
    assert queued(core, locker_off) == ("set_out_of_service", {"compartment_id": None, "on": True})
    _, one_on, _ = run(capsys, db_path, "out-of-service", "A2", "off")
    assert queued(core, one_on) == ("set_out_of_service", {"compartment_id": "A2", "on": False})
    _, message, _ = run(capsys, db_path, "message", "Closed Sunday", "--until", "2026-12-01T18:00")
    kind, args = queued(core, message)
    assert kind == "show_message"
    assert args["text"] == "Closed Sunday"
    assert datetime.fromisoformat(str(args["until"])).tzinfo is not None  # local time, offset
    _, reload, _ = run(capsys, db_path, "reload")
    assert queued(core, reload) == ("reload_config", {})
    assert run(capsys, db_path, "status", reload) == (0, "pending", "")
    core.ack_command(LOCKER, reload, "ok", "layout and settings reloaded")
    assert run(capsys, db_path, "status", reload)[1] == "ok: layout and settings reloaded"


def test_command_cli_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    core: BackendCore,
    seeded: Seeded,
    db_path: Path,
    tmp_path: Path,
) -> None:
    assert run(capsys, db_path, "message", "x", "--until", "soon")[::2] == (
        2,
        "locker-kiosk-server: --until 'soon' is not an ISO time",
    )
    assert run(capsys, db_path, "open", "B2", "--app")[::2] == (
        2,
        "locker-kiosk-server: no parcel waiting in B2: give --rent",
    )
    code = main(["command", "--db", str(db_path), "--locker", "nope", "reload"])
    assert code == 2
    assert "no locker 'nope'" in capsys.readouterr().err
    missing = tmp_path / "typo.db"
    assert main(["command", "--db", str(missing), "--locker", LOCKER, "reload"]) == 2
    assert not missing.exists()  # a typo does not create an empty database
    assert core.poll_commands(LOCKER, 0) == []
