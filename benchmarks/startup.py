"""Time from process start to an interactive idle screen, against a bare PySide6 window.

Runs ``locker-kiosk --demo --quit-when-idle`` and a minimal PySide6 program that shows
one QWidget, alternately, offscreen, and reads the moment each prints its ready line.
Both pay the interpreter and Qt start-up; the ratio is what the kiosk itself adds.

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
w = QWidget(); w.resize(1280, 800); w.show()
def ready():
    print("ready", flush=True); app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

KIOSK = "import sys; from kiosk.app import main; sys.exit(main(sys.argv[1:]))"


def time_to_line(cmd: list[str], marker: str, env: dict[str, str]) -> float:
    """Seconds from spawning ``cmd`` until it prints a line containing ``marker``."""
    start = time.perf_counter()
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if marker in line:
                elapsed = time.perf_counter() - start
                break
        else:
            raise SystemExit(f"{cmd[:3]} never printed {marker!r} (exit {proc.wait()})")
        proc.wait(timeout=30)
    return elapsed


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
        time_to_line(kiosk_cmd, "idle screen interactive", env)
        time_to_line(bare_cmd, "ready", env)
        kiosk_s, bare_s = [], []
        for _ in range(args.runs):
            kiosk_s.append(time_to_line(kiosk_cmd, "idle screen interactive", env))
            bare_s.append(time_to_line(bare_cmd, "ready", env))
    k, b = statistics.median(kiosk_s), statistics.median(bare_s)
    print(f"runs: {args.runs} each, alternating, offscreen; cwd {Path.cwd()}")
    print(
        f"bare PySide6 window:          median {b * 1000:7.1f} ms  "
        f"(min {min(bare_s) * 1000:.1f}, max {max(bare_s) * 1000:.1f})"
    )
    print(
        f"locker-kiosk --demo idle:     median {k * 1000:7.1f} ms  "
        f"(min {min(kiosk_s) * 1000:.1f}, max {max(kiosk_s) * 1000:.1f})"
    )
    print(f"startup kiosk/bare ratio {k / b:.2f}")


if __name__ == "__main__":
    main()
