"""The command line: cheap paths need no display; mistakes are one line and exit 2."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import __version__


def run(*args: str, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-c", "import sys; from kiosk.app import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_version_needs_no_display() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"locker-kiosk {__version__}"


def test_help_lists_the_options() -> None:
    result = run("--help")
    assert result.returncode == 0
    for option in ("--demo", "--config", "--screenshot", "--fullscreen", "--check-config"):
        assert option in result.stdout


def test_cheap_paths_never_import_qt(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[board]\nbaud = 5\n")
    code = (
        "import sys\n"
        "from kiosk.app import main\n"
        f"rc = main(['--config', {str(config)!r}])\n"
        "rc2 = main(['--check-config'])\n"
        "print(rc, rc2, 'PySide6' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.split()[-3:] == ["2", "0", "False"]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[board]\nbaud = 5\n", "board.baud"),
        ("[kiosk]\nfulscreen = true\n", "kiosk.fulscreen: unknown key"),
        ("[kiosk\n", "line 1"),
    ],
)
def test_config_mistake_is_one_line_exit_2(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    result = run("--config", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert needle in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_config_file(tmp_path: Path) -> None:
    result = run("--config", str(tmp_path / "absent.toml"))
    assert result.returncode == 2
    assert "file does not exist" in result.stderr


def test_no_display_is_a_clear_error_not_a_qt_abort(tmp_path: Path) -> None:
    result = run("--demo", env_extra={"XDG_STATE_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "no display" in result.stderr


@pytest.mark.slow
def test_screenshot_renders_every_screen(tmp_path: Path) -> None:
    out = tmp_path / "shots" / "nested"
    result = run("--screenshot", str(out), env_extra={"XDG_STATE_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    assert {"idle.png", "message.png", "out_of_service.png"} <= set(names)
    # Both orientations unless one is asked for: every landscape view has its portrait.
    assert {"idle-portrait.png", "door-portrait.png", "language_picker-portrait.png"} <= set(names)
    assert all((out / n).stat().st_size > 5000 for n in names)


@pytest.mark.slow
def test_screenshot_language_orientation_and_accessible_without_a_config(
    tmp_path: Path,
) -> None:
    out = tmp_path / "shots"
    result = run(
        "--lang",
        "pl",
        "--orientation",
        "portrait",
        "--accessible",
        "--screenshot",
        str(out),
        env_extra={"XDG_STATE_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.glob("*.png")}
    assert {"idle-portrait.png", "code_entry-portrait.png", "door-portrait.png"} <= names
    assert not any(name.endswith(("idle.png", "door.png")) for name in names)


def test_language_without_a_catalogue_is_refused_naming_those_there_are(tmp_path: Path) -> None:
    result = run("--lang", "xx", "--screenshot", str(tmp_path))
    assert result.returncode == 2
    assert "--lang xx: no catalogue" in result.stderr
    assert "de" in result.stderr
    assert "pseudo" in result.stderr


def test_language_choices_are_the_catalogues_there_are() -> None:
    from kiosk.app.cli import catalogue_languages
    from kiosk.resources import translations_dir

    shipped = {p.stem.removeprefix("kiosk_") for p in translations_dir().glob("kiosk_*.qm")}
    assert set(catalogue_languages()) == shipped | {"en", "pseudo"}


FIRST_FRAME_PROBE = """
import builtins, sys
import PySide6.QtCore as QtCore
from kiosk.app import main
seen = []
real_print = builtins.print
def probe(*args, **kwargs):
    if args and args[0] == "idle screen interactive":
        seen.append(sorted(m for m in HEAVY if m in sys.modules))
        seen.append("Qt" in vars(QtCore))
    real_print(*args, **kwargs)
HEAVY = ["kiosk.app.kiosk", "kiosk.app.parts", "kiosk.backend.api", "kiosk.hardware.driver",
         "kiosk.flows.pickup", "kiosk.ui.keypad", "requests"]
builtins.print = probe
rc = main(["--demo", "--quit-when-idle"])
real_print("PROBE", rc, seen)
"""


def test_idle_screen_is_painted_before_the_rest_is_imported(tmp_path: Path) -> None:
    """The first frame needs only the idle screen: services, flows and PySide's ``Qt``
    namespace (~30 ms of enums) come after it, so a restarting kiosk shows its screen early.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[:2] == ["idle screen interactive", "kiosk ready"], result.stderr
    assert lines[-1] == "PROBE 0 [[], False]"


def _start(tmp_path: Path, state_dir: Path) -> subprocess.CompletedProcess[str]:
    """``locker-kiosk`` offscreen on the simulator and the embedded demo backend, with
    ``state_dir`` as its state directory; it quits once the kiosk is ready."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[kiosk]\nstate_dir = "{state_dir}"\n'
        '[board]\nkind = "simulator"\n'
        '[backend]\nkind = "embedded"\nlocker_id = "demo"\n'
        "[scanner]\ncamera = false\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", "import sys; from kiosk.app import main; sys.exit(main())",
         "--config", str(config), "--quit-when-idle"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def _cannot_start_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "cannot start" in line]


@pytest.mark.slow
def test_a_state_dir_that_is_a_file_stops_the_kiosk_with_one_line(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.write_text("not a directory")
    result = _start(tmp_path, state)
    assert result.returncode != 0  # systemd starts it again
    [line] = _cannot_start_lines(result.stderr)
    assert f"state_dir {state} is not a directory" in line
    assert "Traceback" not in result.stderr
    assert "kiosk ready" not in result.stdout
    # On screen too: out of service with the technician's line, not an idle screen that
    # is never served.
    assert f"out of service: state_dir {state} is not a directory" in result.stdout
    assert result.returncode == 2
    assert state.read_text() == "not a directory"


@pytest.mark.slow
def test_an_outbox_sqlite_cannot_open_stops_the_kiosk_and_says_so_in_the_log(
    tmp_path: Path,
) -> None:
    """An SQLite error at start-up (here the outbox's path is a directory) used to escape
    into Qt: the idle screen stayed up, never served, with no READY=1 and no log line."""
    state = tmp_path / "state"
    (state / "outbox.sqlite").mkdir(parents=True)
    result = _start(tmp_path, state)
    assert result.returncode != 0
    [line] = _cannot_start_lines(result.stderr)
    assert f"{state / 'outbox.sqlite'}" in line
    assert "Traceback" not in result.stderr
    log_file = (state / "log" / "kiosk.log").read_text()
    assert _cannot_start_lines(log_file) == [line]


@pytest.mark.slow
def test_a_junk_outbox_is_moved_aside_and_the_kiosk_starts(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / "outbox.sqlite").write_bytes(b"\x00junk" * 1000)
    result = _start(tmp_path, state)
    assert result.returncode == 0, result.stderr
    assert "kiosk ready" in result.stdout
    [aside] = state.glob("outbox.sqlite.damaged-*")
    assert aside.read_bytes() == b"\x00junk" * 1000
    logged = [
        line
        for line in (state / "log" / "kiosk.log").read_text().splitlines()
        if "moved aside" in line
    ]
    assert len(logged) == 1
    assert str(aside) in logged[0]
    assert "ERROR" in logged[0]


@pytest.mark.slow
def test_a_state_dir_nobody_can_write_stops_the_kiosk_with_one_line(tmp_path: Path) -> None:
    """/proc: a directory that even root cannot create files in (tests run as root)."""
    result = _start(tmp_path, Path("/proc"))
    assert result.returncode != 0
    [line] = _cannot_start_lines(result.stderr)
    assert "state_dir /proc is not writable" in line
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_fullscreen_kiosk_ends_on_sigterm_and_quit_when_idle(tmp_path: Path) -> None:
    # In kiosk mode the key guard refuses window close requests; Qt 6's quit() asks the
    # windows to close first, so a quit() would never end the loop: systemd's stop and
    # --quit-when-idle must still end the process.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path))
    command = [sys.executable, "-c", "import sys; from kiosk.app import main; sys.exit(main())",
               "--demo", "--fullscreen"]  # fmt: skip
    quick = subprocess.run(
        [*command, "--quit-when-idle"], env=env, capture_output=True, text=True, timeout=60,
        check=False,
    )  # fmt: skip
    assert quick.returncode == 0, quick.stderr[-2000:]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        for line in proc.stdout:  # the demo prints the admin hint once it has started
            if line.startswith("admin panel:"):
                break
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
