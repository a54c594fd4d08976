"""Time from process start to an interactive idle screen, against a bare PySide6 window.

Runs ``locker-kiosk --demo --quit-when-idle`` and a minimal PySide6 program that shows
one QWidget, alternately, offscreen. Each prints a line once its window has been painted
for the first time and the event loop is running; the kiosk prints a second line once the
rest of it (services, flows, the other screens) is built and started, which is when it
tells systemd READY=1. Both programs pay the interpreter and Qt start-up; the ratio is what
the kiosk itself adds before its idle screen is on the glass and taking taps.

Usage: uv run python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
def ready():
    print("ready", flush=True); app.quit()
class Window(QWidget):
    painted = False
    def paintEvent(self, event):
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, ready)
w = Window(); w.resize(1280, 800); w.show()
app.exec()
"""

KIOSK = "import sys; from kiosk.app import main; sys.exit(main(sys.argv[1:]))"
KIOSK_LINES = ["idle screen interactive", "kiosk ready"]


def time_to_lines(cmd: list[str], markers: list[str], env: dict[str, str]) -> list[float]:
    """Seconds from spawning ``cmd`` until it prints a line containing each of ``markers``."""
    start = time.perf_counter()
    times: list[float] = []
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if markers[len(times)] in line:
                times.append(time.perf_counter() - start)
                if len(times) == len(markers):
                    break
        else:
            missing = markers[len(times)]
            raise SystemExit(f"{cmd[:3]} never printed {missing!r} (exit {proc.wait()})")
        proc.wait(timeout=30)
    return times


def compile_bytecode() -> None:
    """Compile every module both programs import, as an installed kiosk has them.

    Without .pyc files (``uv sync`` does not compile by default, and PYTHONDONTWRITEBYTECODE
    may be set) each run would pay for compiling the kiosk's extra modules from source,
    a cost no real locker pays.
    """
    import compileall
    import site

    import kiosk

    for path in [*site.getsitepackages(), str(Path(kiosk.__file__).parent)]:
        compileall.compile_dir(path, quiet=2, workers=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=state)
        kiosk_cmd = [sys.executable, "-c", KIOSK, "--demo", "--quit-when-idle"]
        bare_cmd = [sys.executable, "-c", BARE]
        # One warm-up each: the first run pays for cold disk caches.
        time_to_lines(kiosk_cmd, KIOSK_LINES, env)
        time_to_lines(bare_cmd, ["ready"], env)
        idle_s, ready_s, bare_s = [], [], []
        for _ in range(args.runs):
            idle, ready = time_to_lines(kiosk_cmd, KIOSK_LINES, env)
            idle_s.append(idle)
            ready_s.append(ready)
            bare_s.append(time_to_lines(bare_cmd, ["ready"], env)[0])
    print(f"runs: {args.runs} each, alternating, offscreen; cwd {Path.cwd()}")
    for label, times in (
        ("bare PySide6 window, painted", bare_s),
        ("kiosk --demo, idle painted  ", idle_s),
        ("kiosk --demo, fully started ", ready_s),
    ):
        # Each run against the bare run right after it: on a shared machine whose speed
        # drifts, the median of these pairs moves far less than a ratio of two medians.
        paired = statistics.median(t / bare for t, bare in zip(times, bare_s, strict=True))
        print(
            f"{label}: median {statistics.median(times) * 1000:7.1f} ms  "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})  "
            f"{paired:.2f}x bare (median of paired runs)"
        )
    idle_ratio = statistics.median(i / bare for i, bare in zip(idle_s, bare_s, strict=True))
    print(f"startup kiosk/bare ratio {idle_ratio:.2f} (idle screen painted, median of pairs)")


if __name__ == "__main__":
    main()
