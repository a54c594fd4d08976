"""The command line: cheap paths need no display; mistakes are one line and exit 2."""

from __future__ import annotations

import os
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
    assert all((out / n).stat().st_size > 5000 for n in names)


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
HEAVY = ["kiosk.app.kiosk", "kiosk.app.services", "kiosk.backend.api", "kiosk.hardware.driver",
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
