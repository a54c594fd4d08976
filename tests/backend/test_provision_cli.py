"""``locker-kiosk-server locker|courier|parcel|send|events``: the operator's set-up commands.

Each runs on a real SQLite file through ``locker-kiosk-server``'s own ``main`` (and, where
the process boundary matters — standard input, the console script — as a subprocess).
Secrets the server makes are printed once, alone on the last line; secrets the operator
gives are never printed back; bad input is one line and exit 2.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.backend.api import (
    BadCredentials,
    CodeUnknown,
    Event,
    LockerSettings,
    Unauthorized,
    utcnow,
)
from kiosk.backend.demo import DROP_OFF_PATTERN, demo_layout
from kiosk.backend.embedded import BackendCore
from kiosk.backend.layout import to_toml
from kiosk.backend.operator_cli import main as operator_main
from kiosk.backend.rest import RestBackend, RestConfig
from kiosk.backend.server import main, serve_in_thread
from kiosk.domain.compartments import SIZE_ORDER

EXAMPLE = Path(__file__).parents[2] / "packaging" / "layout.example.toml"
FAST = ("--kdf-iterations", "1000")
PROG = "locker-kiosk-server"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "fresh" / "server.sqlite"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """(exit status, stdout lines, stderr) of ``locker-kiosk-server ARGV``."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def add_locker(capsys: pytest.CaptureFixture[str], db: Path, locker: str = "L9") -> str:
    """``locker add`` with the example layout; returns the token."""
    db.parent.mkdir(parents=True, exist_ok=True)
    code, out, err = run(
        capsys, "locker", "add", "--db", str(db), "--layout", str(EXAMPLE), *FAST, locker
    )
    assert (code, err) == (0, "")
    return out[-1]


def one_line_error(result: tuple[int, list[str], str], text: str) -> None:
    code, out, err = result
    assert code == 2
    assert out == []
    assert err.splitlines() == [f"{PROG}: {text}"]


# ---------------------------------------------------------------- locker add / token
def test_locker_add_from_nothing_prints_the_layout_and_the_token_last(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    db.parent.mkdir()
    code, out, err = run(
        capsys,
        "locker", "add", "--db", str(db), "--layout", str(EXAMPLE), "--name", "Main Street",
        "--address", "1 Main St", "--timezone", "Europe/Warsaw", "--code-length", "8",
        "--languages", "en,pl", *FAST, "L9",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out[0] == (
        "locker L9 created: 32 compartments (S 12, M 8, L 8, XL 4) on boards 1, 2; "
        "16 accessible, 8 without item sensor"
    )
    token = out[-1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    core = BackendCore.open(db)
    try:
        info = core.get_locker("L9")
        assert (info.name, info.address, info.timezone) == ("Main Street", "1 Main St",
                                                            "Europe/Warsaw")  # fmt: skip
        assert info.settings.code_length == 8
        assert info.settings.languages == ["en", "pl"]
        assert [c.id for c in info.compartments] == [c.id for c in demo_layout()]
        assert core.authenticate(token) == "L9"
        # Stored hashed: the token itself is nowhere in the database.
        assert token.encode() not in db.read_bytes()
    finally:
        core.close()


def test_locker_add_json(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    db.parent.mkdir()
    code, out, _ = run(
        capsys, "locker", "add", "--json", "--db", str(db), "--layout", str(EXAMPLE), *FAST, "L9"
    )
    assert code == 0
    assert len(out) == 1
    doc = json.loads(out[0])
    assert doc["locker_id"] == "L9"
    assert doc["compartments"] == 32
    assert doc["boards"] == [1, 2]
    assert len(doc["token"]) == 43


def test_locker_add_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    add_locker(capsys, db)
    base = ("locker", "add", "--db", str(db), *FAST)
    one_line_error(run(capsys, *base, "--layout", str(EXAMPLE), "L9"), "locker 'L9' already exists")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[compartment]]\nid = "A1"\nboard = 1\nlock = 1\nsize = "XXL"\n')
    one_line_error(
        run(capsys, *base, "--layout", str(bad), "L8"),
        f"{bad}: compartment #1 (A1): missing key 'column' (and 2 more)",
    )
    one_line_error(
        run(capsys, *base, "--layout", str(EXAMPLE), "--timezone", "Mars/Olympus", "L8"),
        "--timezone 'Mars/Olympus' is not a known time zone",
    )
    one_line_error(
        run(capsys, *base, "--layout", str(EXAMPLE), "--code-length", "3", "L8"),
        "--code-length 3 is out of range 4..12",
    )
    one_line_error(
        run(capsys, *base, "--layout", str(EXAMPLE), "L 8"),
        "locker id 'L 8': 1-64 letters, digits, '.', '-' or '_'",
    )
    one_line_error(
        run(capsys, "locker", "add", "--db", str(db), "L8"),
        "the following arguments are required: --layout",
    )
    nowhere = tmp_path / "no" / "such" / "dir" / "x.sqlite"
    code, _, err = run(
        capsys, "locker", "add", "--db", str(nowhere), "--layout", str(EXAMPLE), "L8"
    )
    assert code == 2
    assert err.startswith(f"{PROG}: cannot open database {nowhere}")
    assert len(err.splitlines()) == 1
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("hello " * 1000)
    code, _, err = run(capsys, "locker", "token", "--db", str(not_a_db), "L9")
    assert code == 2
    assert err.startswith(f"{PROG}: cannot open database {not_a_db}")


def test_commands_other_than_locker_add_never_create_a_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    typo = tmp_path / "typo.sqlite"
    one_line_error(run(capsys, "locker", "token", "--db", str(typo), "L9"), f"no database {typo}")
    one_line_error(
        run(capsys, "events", "--db", str(typo), "--since", "1h", "L9"), f"no database {typo}"
    )
    assert not typo.exists()


def test_locker_token_is_shown_once_works_over_rest_and_the_old_one_stops(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    first = add_locker(capsys, db)
    core = BackendCore.open(db)
    url, stop = serve_in_thread(core)
    try:

        def client(token: str) -> RestBackend:
            return RestBackend(
                RestConfig(base_url=url, locker_id="L9", token=token, timeout_s=4.0, retries=0)
            )

        old = client(first)
        assert len(old.get_locker().compartments) == 32
        code, out, err = run(capsys, "locker", "token", "--db", str(db), "L9")
        assert (code, err) == (0, "")
        assert out[0].startswith("new kiosk token for locker L9")
        second = out[-1]
        assert second != first
        new = client(second)
        assert new.get_locker().locker_id == "L9"
        with pytest.raises(Unauthorized):
            old.get_locker()
        code, out, _ = run(capsys, "locker", "token", "--json", "--db", str(db), "L9")
        third = json.loads(out[0])["token"]
        with pytest.raises(Unauthorized):
            new.get_locker()
        assert client(third).get_locker().locker_id == "L9"
        one_line_error(
            run(capsys, "locker", "token", "--db", str(db), "L0"), f"no locker 'L0' in {db}"
        )
    finally:
        stop()
        core.close()


# ---------------------------------------------------------------- courier add
def courier_add(db: Path, *args: str, pin: str = "2468\n") -> tuple[int, str, str]:
    out = io.StringIO()
    code = operator_main(
        ["courier", "add", "--db", str(db), *FAST, *args], stdin=io.StringIO(pin), stdout=out
    )
    return code, out.getvalue(), ""


def test_courier_add_pin_from_stdin_never_printed_and_the_courier_logs_in(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    add_locker(capsys, db)
    code, out, _ = courier_add(
        db, "--name", "Ann Lee", "--company", "Fast Co", "--pin-stdin", "--badge",
        "ANN-BADGE-7", "C7",
    )  # fmt: skip
    assert code == 0
    assert out == "courier C7 added (Ann Lee, Fast Co)\n"
    assert "2468" not in out
    assert "ANN-BADGE-7" not in out
    core = BackendCore.open(db)
    try:
        assert core.courier_login("L9", courier_id="C7", pin="2468").courier.name == "Ann Lee"
        assert core.courier_login("L9", badge="ANN-BADGE-7").courier.id == "C7"
        with pytest.raises(BadCredentials):
            core.courier_login("L9", courier_id="C7", pin="1111")
    finally:
        core.close()


def test_courier_add_with_pin_json_and_a_keypad_note(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    add_locker(capsys, db)
    code, out, err = run(
        capsys, "courier", "add", "--db", str(db), "--json", "--name", "Bo", "--company", "X",
        "--pin", "13579", *FAST, "C8",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert json.loads(out[0]) == {"courier_id": "C8", "badge": False}
    code, out, _ = run(
        capsys, "courier", "add", "--db", str(db), "--name", "Cy", "--company", "X",
        "--pin", "13579", *FAST, "cy.lee",
    )  # fmt: skip
    assert code == 0
    assert "can log in by badge only" in out[-1]
    assert "13579" not in "\n".join(out)


def test_courier_add_bad_input(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    add_locker(capsys, db)
    base = ("courier", "add", "--db", str(db), "--name", "Ann", "--company", "Co", *FAST)
    assert run(capsys, *base, "--pin", "1234", "--badge", "B-1", "C1")[0] == 0
    one_line_error(run(capsys, *base, "--pin", "1234", "C1"), "courier 'C1' already exists")
    one_line_error(
        run(capsys, *base, "--pin", "12a4", "C2"),
        "the PIN must be 4-12 digits (the kiosk's keypad)",
    )
    one_line_error(
        run(capsys, *base, "--pin", "1234", "--badge", "B-1", "C2"),
        "that badge already belongs to another courier",
    )
    one_line_error(run(capsys, *base, "C2"), "one of the arguments --pin-stdin --pin is required")
    one_line_error(
        run(capsys, *base, "--pin", "1234", "C 2"),
        "courier id 'C 2': 1-64 letters, digits, '.', '-' or '_'",
    )
    code, _, _ = courier_add(db, "--name", "D", "--company", "Co", "--pin-stdin", "C3", pin="")
    assert code == 2


# ---------------------------------------------------------------- parcel announce
def stored_parcel(db: Path, barcode: str) -> tuple[BackendCore, str]:
    core = BackendCore.open(db)
    row = core.store.parcel_by_barcode(core.store.read(), "L9", barcode)
    assert row is not None
    return core, str(row["code_hash"])


def test_parcel_announce_prints_a_code_of_the_lockers_shape_once(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    add_locker(capsys, db)
    code, out, err = run(
        capsys, "parcel", "announce", "--db", str(db), "--barcode", "JJD0001", "--size", "M",
        "--phone", "+48 600 000 123", "--recipient-hint", "A*** L**", "L9",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out[0].startswith("parcel p_")
    assert "(barcode JJD0001, size M)" in out[0]
    pickup = out[-1]
    assert re.fullmatch(r"[0-9]{6}", pickup)
    core, code_hash = stored_parcel(db, "JJD0001")
    try:
        assert code_hash == core.code_hash("L9", pickup)
        assert pickup.encode() not in db.read_bytes()
        # Announced, not delivered: the code opens nothing yet.
        with pytest.raises(CodeUnknown):
            core.verify_pickup("L9", pickup)
        (parcel,) = core.store.undelivered_parcels(core.store.read(), "L9")
        assert parcel["phone_suffix"] == "123"
        assert parcel["recipient_hint"] == "A*** L**"
    finally:
        core.close()


def test_parcel_announce_with_a_given_code_and_json(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    add_locker(capsys, db)
    base = ("parcel", "announce", "--db", str(db), "--size", "S")
    code, out, _ = run(
        capsys, *base, "--barcode", "B1", "--code", "12-34 56", "--parcel-id", "p-one", "--json",
        "L9",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out[0]) == {
        "parcel_id": "p-one",
        "locker_id": "L9",
        "barcode": "B1",
        "size": "S",
        "code": "123456",
    }
    one_line_error(
        run(capsys, *base, "--barcode", "B2", "--code", "123456", "L9"),
        "--code already belongs to another parcel at this locker: choose another "
        "(or --share-code for the same recipient)",
    )
    code, out, _ = run(capsys, *base, "--barcode", "B2", "--code", "123456", "--share-code", "L9")
    assert (code, out[-1]) == (0, "123456")


def test_parcel_announce_bad_input(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    add_locker(capsys, db)
    base = ("parcel", "announce", "--db", str(db), "--size", "S")
    assert run(capsys, *base, "--barcode", "B1", "L9")[0] == 0
    one_line_error(
        run(capsys, *base, "--barcode", "B1", "L9"), "barcode B1 is already announced for L9"
    )
    one_line_error(run(capsys, *base, "--barcode", "B2", "L0"), f"no locker 'L0' in {db}")
    for unscannable in ("bad barcode", "JJDü123", "x" * 65):  # no kiosk could read it
        one_line_error(
            run(capsys, *base, "--barcode", unscannable, "L9"),
            "--barcode must be 1-64 printable ASCII characters without spaces",
        )
    one_line_error(
        run(capsys, *base, "--barcode", "B2", "--code", "12345", "L9"),
        "--code must be 6 digits (the locker's code format)",
    )
    one_line_error(
        run(capsys, *base, "--barcode", "B2", "--phone", "12", "L9"),
        "--phone must hold at least 3 digits",
    )
    one_line_error(
        run(capsys, "parcel", "announce", "--db", str(db), "--size", "XXL", "--barcode", "B", "L9"),
        "argument --size: invalid choice: 'XXL' (choose from 'S', 'M', 'L', 'XL')",
    )
    small = tmp_path / "small.toml"
    small.write_text(to_toml([c for c in demo_layout() if c.size == "S"]))
    run(capsys, "locker", "add", "--db", str(db), "--layout", str(small), *FAST,
        "--pickup-requires-phone", "--code-alphabet", "alnum", "--code-length", "8",
        "SMALL")  # fmt: skip
    announce_m = ("parcel", "announce", "--db", str(db), "--size", "M", "--barcode", "B")
    one_line_error(
        run(capsys, *announce_m, "--phone", "600 000 123", "SMALL"),
        "no compartment of SMALL fits a M parcel",
    )
    one_line_error(
        run(capsys, *base, "--barcode", "B3", "SMALL"),
        "locker SMALL asks for the phone at pickup: give --phone",
    )
    code, out, _ = run(capsys, *base, "--barcode", "B3", "--phone", "600 000 123", "SMALL")
    assert code == 0
    assert re.fullmatch(r"[0-9A-Z]{8}", out[-1])


# ---------------------------------------------------------------- send add
def test_send_add_prints_a_drop_off_code_the_kiosk_accepts(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    add_locker(capsys, db)
    code, out, err = run(capsys, "send", "add", "--db", str(db), "--size", "M", "L9")
    assert (code, err) == (0, "")
    send_code = out[-1]
    assert re.fullmatch(DROP_OFF_PATTERN, send_code)
    assert send_code.startswith("S")
    code, out, _ = run(
        capsys, "send", "add", "--db", str(db), "--size", "S", "--kind", "return", "--json", "L9"
    )
    doc = json.loads(out[0])
    assert doc["kind"] == "return"
    assert doc["code"].startswith("R")
    core = BackendCore.open(db)
    try:
        sent = core.verify_send("L9", send_code)
        assert (sent.size, sent.kind) == ("M", "send")
        returned = core.verify_send("L9", doc["code"])
        assert (returned.size, returned.kind, returned.send_id) == ("S", "return", doc["send_id"])
    finally:
        core.close()


def test_send_add_bad_input(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    add_locker(capsys, db)
    base = ("send", "add", "--db", str(db), "--size", "M")
    assert run(capsys, *base, "--code", "s7f3k92q", "L9")[1][-1] == "S7F3K92Q"
    one_line_error(
        run(capsys, *base, "--code", "S7F3K92Q", "L9"),
        "--code is already a drop-off code at this locker",
    )
    one_line_error(
        run(capsys, *base, "--code", "S7F3K92O", "L9"),
        "--code must be S and 7 of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (a send code's shape)",
    )
    one_line_error(
        run(capsys, *base, "--kind", "return", "--code", "S7F3K92Z", "L9"),
        "--code must be R and 7 of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ (a return code's shape)",
    )
    one_line_error(
        run(capsys, *base, "--valid-days", "0", "L9"), "--valid-days 0 is out of range (0, 366]"
    )
    one_line_error(run(capsys, *base, "L0"), f"no locker 'L0' in {db}")


# ---------------------------------------------------------------- events
def test_events_since_lists_events_in_the_lockers_time_zone_without_codes(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    db.parent.mkdir()
    run(capsys, "locker", "add", "--db", str(db), "--layout", str(EXAMPLE),
        "--timezone", "Europe/Warsaw", *FAST, "L9")  # fmt: skip
    now = utcnow()
    core = BackendCore.open(db)
    try:
        core.send_events(
            "L9",
            [
                Event("e-old", "door_opened", now - timedelta(days=2), "A01", actor="admin"),
                Event("e1", "door_opened", now - timedelta(minutes=5), "A02", actor="admin"),
                Event("e2", "picked_up", now - timedelta(minutes=4), "A02", "no-such-rent"),
                Event(
                    "e3",
                    "door_forced",
                    now - timedelta(minutes=3),
                    "B16",
                    actor="unknown",
                    detail={"reading": "open"},
                ),
            ],
        )
    finally:
        core.close()
    code, out, err = run(capsys, "events", "--db", str(db), "--since", "1h", "L9")
    assert (code, err) == (0, "")
    assert len(out) == 3
    assert out[0].split()[1:] == ["door_opened", "A02", "admin", "accepted"]
    assert out[1].split()[1:] == [
        "picked_up", "A02", "shopper", "rejected", "(unknown_rent)", "rent", "no-such-rent"
    ]  # fmt: skip
    at = datetime.fromisoformat(out[2].split()[0])
    assert at.utcoffset() in (timedelta(hours=1), timedelta(hours=2))  # Warsaw
    assert abs(at - (now - timedelta(minutes=3))) < timedelta(seconds=1)
    code, out, _ = run(capsys, "events", "--db", str(db), "--since", "3d", "--json", "L9")
    docs = [json.loads(line) for line in out]
    assert [d["event_id"] for d in docs] == ["e-old", "e1", "e2", "e3"]
    assert docs[3]["detail"] == {"reading": "open"}
    assert docs[2]["code"] == "unknown_rent"
    since = (now - timedelta(minutes=4, seconds=30)).astimezone(UTC).isoformat()
    code, out, _ = run(capsys, "events", "--db", str(db), "--since", since, "L9")
    assert [line.split()[1] for line in out] == ["picked_up", "door_forced"]
    one_line_error(
        run(capsys, "events", "--db", str(db), "--since", "soon", "L9"),
        "--since 'soon' is neither an ISO time nor a duration like 12h",
    )
    one_line_error(
        run(capsys, "events", "--db", str(db), "L9"),
        "the following arguments are required: --since",
    )


# ---------------------------------------------------------------- the process
@pytest.mark.slow
def test_the_console_command_reads_the_pin_from_a_pipe_and_fails_in_one_line(
    tmp_path: Path,
) -> None:
    db = tmp_path / "server.sqlite"
    script = "import sys; from kiosk.backend.server import main; sys.exit(main())"

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", script, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    added = cli("locker", "add", "--db", str(db), "--layout", str(EXAMPLE), *FAST, "L9")
    assert added.returncode == 0, added.stderr
    courier = cli(
        "courier", "add", "--db", str(db), "--name", "Ann", "--company", "Co", "--pin-stdin",
        *FAST, "C1", stdin="97531\n",
    )  # fmt: skip
    assert courier.returncode == 0, courier.stderr
    assert "97531" not in courier.stdout + courier.stderr
    core = BackendCore.open(db)
    try:
        assert core.courier_login("L9", courier_id="C1", pin="97531").courier.name == "Ann"
    finally:
        core.close()
    wrong = cli("parcel", "announce", "--db", str(db), "--barcode", "B", "--size", "M", "L0")
    assert wrong.returncode == 2
    assert wrong.stderr == f"{PROG}: no locker 'L0' in {db}\n"
    assert wrong.stdout == ""


def test_the_generated_pickup_code_follows_the_lockers_settings() -> None:
    from kiosk.backend.operator_cli import new_pickup_code, pickup_code_format

    for settings in (
        LockerSettings(),
        LockerSettings(code_length=10, code_alphabet="alnum"),
    ):
        for _ in range(50):
            assert pickup_code_format(settings).fullmatch(new_pickup_code(settings))
    assert SIZE_ORDER  # the sizes the CLI offers are the domain's


def test_operator_commands_run_on_either_store(
    capsys: pytest.CaptureFixture[str], make_db: Callable[[str], str], store_kind: str
) -> None:
    """A fleet keeps its lockers in PostgreSQL: the same commands take its URL for --db."""
    target = make_db("operator")
    if store_kind == "sqlite":
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    code, out, err = run(
        capsys, "locker", "add", "--db", target, "--layout", str(EXAMPLE), *FAST, "F1"
    )
    assert (code, err) == (0, "")
    token = out[-1]
    code, out, err = run(
        capsys, "parcel", "announce", "--db", target, "--barcode", "JJD7", "--size", "M", "F1"
    )
    assert (code, err) == (0, "")
    pickup_code = out[-1]
    code, out, err = run(
        capsys,
        "command",
        "--db",
        target,
        "--locker",
        "F1",
        "message",
        "Hi",
        "--until",
        "2099-01-01T00:00:00+00:00",
    )
    assert (code, err) == (0, "")
    core = BackendCore.open(target)
    try:
        assert core.authenticate(token) == "F1"
        assert [c.type for c in core.pending_commands("F1")] == ["show_message"]
        parcel = core.store.parcel_by_barcode(core.store.read(), "F1", "JJD7")
        assert parcel is not None
        assert parcel["code_hash"] == core.code_hash("F1", pickup_code)
    finally:
        core.close()


def test_server_main_dispatches_partner_and_purge(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    add_locker(capsys, db)
    code, out, err = run(capsys, "partner", "add", "--db", str(db), "--lockers", "L9", "Shop")
    assert (code, err) == (0, "")
    assert out[-1].startswith("lkp_")  # the API key, alone on the last line
    code, out, err = run(capsys, "purge", "--db", str(db))
    assert (code, err) == (0, "")
    one_line_error(run(capsys, "partner", "add", "--db", str(db), "--lockers", "NOPE", "X"),
                   "no locker 'NOPE'")  # fmt: skip


def test_server_refuses_a_retention_outside_its_range(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    for bad in ("0", "-3", "4000"):
        with pytest.raises(SystemExit) as ended:
            main(["--db", str(db), "--retention-days", bad])
        assert ended.value.code == 2
        assert "--retention-days must be more than 0" in capsys.readouterr().err
    assert not db.exists()  # refused before anything was opened
