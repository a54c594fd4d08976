"""``locker-kiosk --check-layout`` and ``locker-kiosk --config CFG provision``: a standalone
locker's layout written into its embedded database, offline, idempotently."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.app import provision
from kiosk.app.cli import main
from kiosk.app.parts import embedded_db_path
from kiosk.backend.demo import demo_layout
from kiosk.backend.embedded import BackendCore
from kiosk.backend.layout import to_toml
from kiosk.config import load_config

EXAMPLE = Path(__file__).parents[2] / "packaging" / "layout.example.toml"
FAST = ("--kdf-iterations", "1000")
SUMMARY = (
    "32 compartments (S 12, M 8, L 8, XL 4) on boards 1, 2; 16 accessible, 8 without item sensor"
)


def write_config(tmp_path: Path, body: str = "") -> Path:
    """A standalone kiosk: embedded backend for locker S1, simulated boards 1 and 2."""
    path = tmp_path / "config.toml"
    path.write_text(
        f'[kiosk]\nstate_dir = "{tmp_path / "state"}"\nlanguages = ["en", "pl"]\n'
        '[board]\nkind = "simulator"\nboards = [1, 2]\n'
        '[backend]\nkind = "embedded"\nlocker_id = "S1"\n' + body
    )
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def provision_run(
    capsys: pytest.CaptureFixture[str], config: Path, *argv: str
) -> tuple[int, list[str], list[str]]:
    return run(capsys, "--config", str(config), "provision", *FAST, *argv)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["provision", "--layout", "x"], True),
        (["--config", "c.toml", "provision"], True),
        (["--config=c.toml", "provision"], True),
        (["--config", "provision"], False),  # a config file named "provision"
        (["--demo", "provision"], False),
        (["--check-layout", "x.toml"], True),
        (["--check-layout=x.toml"], True),
        (["--demo"], False),
        ([], False),
    ],
)
def test_which_command_lines_are_provisioning(argv: list[str], expected: bool) -> None:
    assert provision.wants(argv) is expected


def test_the_database_is_where_the_kiosk_opens_it(tmp_path: Path) -> None:
    default = load_config(write_config(tmp_path))
    assert provision.embedded_db(default) == embedded_db_path(default)
    assert provision.embedded_db(default) == tmp_path / "state" / "backend.sqlite"
    chosen = load_config(write_config(tmp_path, f'db_path = "{tmp_path / "b.sqlite"}"\n'))
    assert provision.embedded_db(chosen) == embedded_db_path(chosen) == tmp_path / "b.sqlite"


# ---------------------------------------------------------------- --check-layout
def test_check_layout_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--check-layout", str(EXAMPLE)) == (0, [f"{EXAMPLE}: {SUMMARY}"], [])


def test_check_layout_prints_every_problem_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[compartment]]\nid = "A1"\nboard = 1\nlock = 20\nsize = "S"\ncolumn = 0\nrow = 0\n'
        '[[compartment]]\nid = "A2"\nboard = 1\nlock = 2\nsize = "XXL"\ncolumn = 0\nrow = 1\n'
    )
    code, out, err = run(capsys, "--check-layout", str(bad))
    assert (code, out) == (2, [])
    assert err == [
        f"locker-kiosk: {bad}: compartment #1 (A1): lock 20 is out of range 1..16",
        f"locker-kiosk: {bad}: compartment #2 (A2): size 'XXL' is not one of S, M, L, XL",
    ]


def test_check_layout_with_the_config_notes_boards_it_does_not_list(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    three = tmp_path / "three.toml"
    three.write_text(
        to_toml(demo_layout())
        + '[[compartment]]\nid = "C01"\nboard = 3\nlock = 1\nsize = "S"\ncolumn = 4\nrow = 0\n'
    )
    config = write_config(tmp_path)
    code, out, err = run(capsys, "--check-layout", str(three), "--config", str(config))
    assert code == 0
    assert out[0].startswith(f"{three}: 33 compartments")
    assert err == [
        "locker-kiosk: note: the layout uses board(s) 3, which the config's board.boards "
        "(1, 2) does not list"
    ]


def test_check_layout_needs_no_display_and_never_imports_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from kiosk.app import main\n"
        f"rc = main(['--check-layout', {str(EXAMPLE)!r}])\n"
        "print(rc, 'PySide6' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60,
        check=False,
    )  # fmt: skip
    assert result.stdout.split()[-2:] == ["0", "False"]


# ---------------------------------------------------------------- provision
def test_provision_from_nothing_then_again_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = write_config(tmp_path)
    db = tmp_path / "state" / "backend.sqlite"
    assert not db.parent.exists()
    code, out, err = provision_run(
        capsys, config, "--layout", str(EXAMPLE), "--name", "Corner Shop", "--timezone",
        "Europe/Berlin",
    )  # fmt: skip
    assert (code, err) == (0, [])
    assert out == [f"locker S1 provisioned in {db}: {SUMMARY}"]
    core = BackendCore.open(db)
    try:
        info = core.get_locker("S1")
        assert (info.name, info.timezone) == ("Corner Shop", "Europe/Berlin")
        assert info.settings.languages == ["en", "pl"]  # the config's, not only English
        assert len(info.compartments) == 32
    finally:
        core.close()
    code, out, err = provision_run(capsys, config, "--layout", str(EXAMPLE), "--locker-id", "S1")
    assert (code, out, err) == (
        0,
        [f"locker S1 is already provisioned with this layout in {db}"],
        [],
    )


def test_provision_refuses_another_layout_unless_replace_and_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = write_config(tmp_path)
    db = tmp_path / "state" / "backend.sqlite"
    assert provision_run(capsys, config, "--layout", str(EXAMPLE))[0] == 0
    smaller = tmp_path / "smaller.toml"
    smaller.write_text(to_toml(demo_layout()[:16]))
    code, out, err = provision_run(capsys, config, "--layout", str(smaller))
    assert (code, out) == (2, [])
    assert err == [
        f"locker-kiosk: locker S1 in {db} has another layout ({SUMMARY}): give --replace to "
        "change it"
    ]
    core = BackendCore.open(db)
    try:
        core.announce_parcel("S1", parcel_id="p1", barcode="B1", size="S", code="123456")
        core.place_parcel("S1", parcel_id="p1", compartment_id="A01")
        code, _, err = provision_run(capsys, config, "--layout", str(smaller), "--replace")
        assert code == 2
        assert err == [
            "locker-kiosk: locker 'S1' has 1 parcel(s) or reservation(s) in its compartments: "
            "empty it before changing its layout"
        ]
        assert len(core.get_locker("S1").compartments) == 32  # nothing changed
        db_handle = core.store.read()
        (rent,) = core.store.rents_in(db_handle, "S1", "A01", "deposited")
        core.store.set_rent_status(db_handle, str(rent["rent_id"]), "picked_up")
        code, out, _ = provision_run(capsys, config, "--layout", str(smaller), "--replace")
        assert code == 0
        assert out == [
            f"locker S1: layout replaced in {db}: 16 compartments (S 6, M 4, L 4, XL 2) on "
            "board 1; 8 accessible",
            "note: a running kiosk keeps the old layout until it restarts "
            "(systemctl restart locker-kiosk)",
        ]
        assert [c.id for c in core.get_locker("S1").compartments] == [
            c.id for c in demo_layout()[:16]
        ]
    finally:
        core.close()


def test_provision_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = write_config(tmp_path)

    def refused(*argv: str) -> str:
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, [])
        assert len(err) == 1
        return err[0]

    assert refused("provision", "--layout", str(EXAMPLE)) == (
        "locker-kiosk: provision needs --config: the kiosk's config names the locker and its "
        "database"
    )
    assert refused(
        "--config", str(config), "provision", "--layout", str(EXAMPLE), "--locker-id", "S2"
    ) == (
        "locker-kiosk: --locker-id 'S2' is not the config's backend.locker_id 'S1': the kiosk "
        "would not use it"
    )
    assert refused("--config", str(config), "provision") == (
        "locker-kiosk: the following arguments are required: --layout"
    )
    missing = tmp_path / "absent.toml"
    assert refused("--config", str(config), "provision", "--layout", str(missing)) == (
        f"locker-kiosk: {missing}: file does not exist"
    )
    rest = tmp_path / "rest.toml"
    rest.write_text(
        '[backend]\nkind = "rest"\nbase_url = "https://lockers.example.com/"\nlocker_id = "R1"\n'
    )
    assert refused("--config", str(rest), "provision", "--layout", str(EXAMPLE)) == (
        "locker-kiosk: backend.kind is 'rest': the central server holds this locker (there: "
        "locker-kiosk-server locker add --layout FILE ID)"
    )
    typo = tmp_path / "typo.toml"
    typo.write_text("[backend]\nkindd = 'embedded'\n")
    assert refused("--config", str(typo), "provision", "--layout", str(EXAMPLE)) == (
        f"locker-kiosk: config error: {typo}: backend.kindd: unknown key"
    )
    assert not (tmp_path / "state" / "backend.sqlite").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can be refused for being root")
def test_provision_as_root_refuses_the_kiosk_users_state_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    state = tmp_path / "state"
    state.mkdir()
    os.chown(state, 4321, 4321)
    code, _, err = provision_run(capsys, write_config(tmp_path), "--layout", str(EXAMPLE))
    assert code == 2
    assert err[0].startswith(f"locker-kiosk: running as root, but {state} belongs to another")
    assert not (state / "backend.sqlite").exists()
