"""The shipped unit keeps the properties a locker depends on.

`systemd-analyze verify` (packaging/ci-check, as root) checks the syntax; these checks pin
the choices: the watchdog contract with kiosk.services.watchdog, cage without VT switching,
the unprivileged user on tty1, and the linuxfb fallback replacing the compositor.
"""

from __future__ import annotations

import shlex
from pathlib import Path

SYSTEMD = Path(__file__).resolve().parents[2] / "packaging" / "systemd"


def parse(path: Path) -> list[tuple[str, str, str]]:
    """(section, key, value) for every assignment, repeats kept (systemd allows them)."""
    entries: list[tuple[str, str, str]] = []
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        entries.append((section, key.strip(), value.strip()))
    return entries


def values(entries: list[tuple[str, str, str]], section: str, key: str) -> list[str]:
    return [v for s, k, v in entries if s == section and k == key]


def test_service_is_a_watched_notify_service_as_the_kiosk_user_on_tty1() -> None:
    unit = parse(SYSTEMD / "locker-kiosk.service")
    one = {(s, k): v for s, k, v in unit}
    assert one["Service", "Type"] == "notify"
    # The app is cage's child, so the main-process default would drop its READY=1.
    assert one["Service", "NotifyAccess"] == "all"
    assert one["Service", "WatchdogSec"] == "30"
    assert one["Service", "Restart"] == "always"
    assert one["Unit", "StartLimitIntervalSec"] == "0"
    assert one["Service", "User"] == "locker-kiosk"
    assert "dialout" in one["Service", "SupplementaryGroups"].split()
    assert one["Service", "TTYPath"] == "/dev/tty1"
    assert one["Service", "PAMName"] == "locker-kiosk"
    assert "getty@tty1.service" in values(unit, "Unit", "Conflicts")
    assert "QT_QPA_PLATFORM=wayland" in values(unit, "Service", "Environment")


def test_cage_runs_the_app_without_vt_switching() -> None:
    unit = parse(SYSTEMD / "locker-kiosk.service")
    (exec_start,) = values(unit, "Service", "ExecStart")
    argv = shlex.split(exec_start)
    assert argv[0] == "/usr/bin/cage"
    cage_options = argv[1 : argv.index("--")]
    assert "-s" not in cage_options
    app = argv[argv.index("--") + 1 :]
    assert app[0] == "/opt/locker-kiosk/bin/locker-kiosk"
    assert app[app.index("--config") + 1] == "/etc/locker-kiosk/config.toml"


def test_linuxfb_dropin_replaces_cage_with_the_app_itself() -> None:
    dropin = parse(SYSTEMD / "locker-kiosk-linuxfb.conf")
    assert values(dropin, "Service", "ExecStart")[0] == ""  # reset, then replace
    (exec_start,) = values(dropin, "Service", "ExecStart")[1:]
    assert shlex.split(exec_start)[0] == "/opt/locker-kiosk/bin/locker-kiosk"
    platforms = [
        env.split("=", 1)[1]
        for env in values(dropin, "Service", "Environment")
        if env.startswith("QT_QPA_PLATFORM=")
    ]
    assert platforms
    assert platforms[-1].startswith("linuxfb")
