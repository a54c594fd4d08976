"""Composition root and command line of ``locker-kiosk``.

Reads the config, sets up logging, then builds everything (board, backend, services,
flows, screens) and starts Qt. The cheap paths (``--version``, ``--help``, a config
check and a config error) return before PySide6 is imported, so they work on a machine
with no display and answer in a few tens of milliseconds.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from kiosk import __version__
from kiosk.config import Config, ConfigError, load_config
from kiosk.logs import setup_logging, start_rotation

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from kiosk.app.kiosk import Kiosk
    from kiosk.app.shell import Shell
    from kiosk.services.watchdog import SystemdNotifier
    from kiosk.ui.admin_keys import KeyGuard
    from kiosk.ui.host import KioskWindow

log = logging.getLogger("kiosk.app")


def build_parser() -> argparse.ArgumentParser:
    """The ``locker-kiosk`` command line."""
    parser = argparse.ArgumentParser(
        prog="locker-kiosk",
        description="Touchscreen kiosk for a smart parcel locker.",
        epilog="Without --config every setting has its default; see packaging/config.example.toml.",
    )
    parser.add_argument("--version", action="version", version=f"locker-kiosk {__version__}")
    parser.add_argument("--config", metavar="PATH", help="TOML config file")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="simulated lock boards and an embedded backend seeded with demo parcels",
    )
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen (kiosk use)")
    parser.add_argument(
        "--check-config", action="store_true", help="validate the config file and exit"
    )
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        help="render every screen to DIR/<screen>.png offscreen and exit",
    )
    parser.add_argument("--lang", metavar="CODE", help="start in this language (e.g. de, pseudo)")
    # ---- provisioning a standalone locker (kiosk/app/provision.py; handled before argparse)
    parser.add_argument(
        "--check-layout",
        metavar="FILE",
        help="check a locker layout file (docs/layout.md) and exit; 'locker-kiosk --config "
        "CFG provision --layout FILE' creates the embedded backend's locker from one",
    )
    # ---- end provisioning
    # For benchmarks/startup.py: print a line once the idle screen is interactive, then quit.
    parser.add_argument("--quit-when-idle", action="store_true", help=argparse.SUPPRESS)
    return parser


def demo_config(config: Config, state_dir: Path) -> Config:
    """``config`` with the simulated board, a fresh embedded backend and the demo admin PIN."""
    pin_file = state_dir / "admin-pin"
    pin_file.write_text(DEMO_ADMIN_HASH + "\n")
    return msgspec.structs.replace(
        config,
        kiosk=msgspec.structs.replace(config.kiosk, admin_pin_file=str(pin_file)),
        board=msgspec.structs.replace(config.board, kind="simulator"),
        backend=msgspec.structs.replace(
            config.backend,
            kind="embedded",
            locker_id="demo",
            db_path=str(state_dir / "demo-backend.sqlite"),
        ),
    )


def _has_display() -> bool:
    return bool(
        os.environ.get("QT_QPA_PLATFORM")
        or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``locker-kiosk``; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["hash-pin"]:
        return hash_pin_command(argv[1:])
    # ---- provisioning a standalone locker: --check-layout, provision (no Qt)
    from kiosk.app import provision

    if provision.wants(argv):
        return provision.main(argv)
    # ---- end provisioning
    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.config)
    except ConfigError as err:
        print(f"locker-kiosk: config error: {err}", file=sys.stderr)
        return 2
    if not (args.demo or args.screenshot):
        # A PIN in clear (the old README's advice) is refused before anything starts.
        from kiosk.flows.admin_pin import AdminPinError, load_pin_hash

        try:
            load_pin_hash(config.kiosk.admin_pin_file)
        except AdminPinError as err:
            print(f"locker-kiosk: admin PIN error: {err}", file=sys.stderr)
            return 2
    if args.check_config:
        print(f"locker-kiosk: config OK ({args.config or 'built-in defaults'})")
        return 0
    if args.lang and args.lang not in (*config.kiosk.languages, "en", "pseudo"):
        print(
            f"locker-kiosk: --lang {args.lang}: not one of {config.kiosk.languages}",
            file=sys.stderr,
        )
        return 2
    if args.screenshot or args.quit_when_idle:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if not _has_display():
        # Without this check Qt aborts with a misleading hint about xcb-cursor0.
        print(
            "locker-kiosk: no display: set DISPLAY or WAYLAND_DISPLAY, or "
            "QT_QPA_PLATFORM=offscreen|wayland|linuxfb",
            file=sys.stderr,
        )
        return 2
    # The rotating handler comes after the first frame (see run_gui).
    setup_logging(config.state_path(), config.kiosk.log_level, rotate=False)
    log.info("locker-kiosk %s starting", __version__)
    from kiosk.app import site_settings

    # The on-site board kind (simulator for a bench test) is read once, at start-up.
    site = site_settings.load_or_previous(site_settings.site_path(config))
    config = site_settings.apply_board_kind(config, site)
    with tempfile.TemporaryDirectory(prefix="locker-kiosk-demo-") as tmp:
        if args.demo or args.screenshot:
            config = demo_config(config, Path(tmp))
        return run_gui(config, args)


# The admin PIN of ``--demo`` (printed at start; never valid anywhere else), and its hash
# made once (``hash_pin(DEMO_ADMIN_PIN)``): hashing it at every demo start would cost
# ~40 ms before the first frame.
DEMO_ADMIN_PIN = "2468"
DEMO_ADMIN_HASH = (
    "scrypt$n=16384,r=8,p=1$bG9ja2VyLWtpb3NrLWRlbW8=$NdG47lhZxlhTj5gi33XqbXVIB1fsnPcWS/En2FGGfOg="
)


def demo_admin_hint(config: Config) -> str:
    """How to open the admin panel in the demo: the gesture and the PIN."""
    corners = [c.replace("_", "-") for c in config.kiosk.admin_gesture]
    return (
        f"admin panel: hold the {corners[0]} corner for {config.kiosk.admin_long_press_s:g} s, "
        f"then tap {', '.join(corners[1:])}; PIN {DEMO_ADMIN_PIN}"
    )


def hash_pin_command(argv: list[str]) -> int:
    """``locker-kiosk hash-pin``: one PIN line from standard input, the hash on the last line.

    On a terminal the PIN is asked twice without echo; from a pipe (a provisioning script)
    one line is read and nothing is asked. Only the hash goes to standard output.
    """
    if argv:
        print("usage: locker-kiosk hash-pin  (reads the PIN from standard input)", file=sys.stderr)
        return 2
    from kiosk.flows.admin_pin import AdminPinError, hash_pin

    if sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("Admin PIN (4-12 digits): ")
        if getpass.getpass("Again: ") != pin:
            print("locker-kiosk: the two PINs differ", file=sys.stderr)
            return 2
    else:
        pin = sys.stdin.readline().strip()
    try:
        print(hash_pin(pin))
    except AdminPinError as err:
        print(f"locker-kiosk: {err}", file=sys.stderr)
        return 2
    return 0


def run_gui(config: Config, args: argparse.Namespace) -> int:
    """Create the QApplication, show the idle screen, build the rest, run the event loop.

    The idle screen (:class:`kiosk.app.shell.Shell`) is shown first; the services, flows
    and other screens are imported and built once its first frame has been painted, so a
    restarting kiosk has something on screen as early as Qt can draw it.
    """
    from PySide6.QtWidgets import QApplication

    from kiosk.app.shell import FirstPaint, Shell
    from kiosk.services.qtlog import install_qt_message_handler

    install_qt_message_handler()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("locker-kiosk")
    app.setApplicationVersion(__version__)
    shell = Shell(config, language=args.lang)
    if args.screenshot:
        start_rotation()
        kiosk = build_kiosk(config, args, shell)
        if kiosk is None:
            shell.close()
            return 2
        from kiosk.app.screenshot import render_all

        written = render_all(kiosk, Path(args.screenshot))
        for path in written:
            print(path)
        kiosk.shutdown()
        return 0

    started: list[tuple[Kiosk, SystemdNotifier]] = []

    def first_frame() -> None:
        """Everything the idle screen's first frame did not need."""
        if args.quit_when_idle:
            print("idle screen interactive", flush=True)
        start_rotation()
        quit_on_signals(app)
        from kiosk.ui.admin_keys import KeyGuard

        # Kiosk mode: Alt+F4, Ctrl+Q, Escape, Alt+Tab and window close requests are ignored
        # (installed after the first frame: it needs the ``Qt`` namespace).
        guard = KeyGuard(app)
        guards.append(guard)
        if fullscreen:
            app.installEventFilter(guard)
        failure: list[str] = []
        kiosk = build_kiosk(config, args, shell, failure)
        if kiosk is None:
            show_start_failure(app, shell, failure[0] if failure else "", args.quit_when_idle)
            return
        from kiosk.services.watchdog import SystemdNotifier

        # Under systemd (Type=notify): READY=1 once the kiosk is built and started, then
        # WATCHDOG=1 from a GUI-thread timer, so a frozen screen is restarted. Without
        # NOTIFY_SOCKET: nothing.
        notifier = SystemdNotifier(app)
        started.append((kiosk, notifier))
        # "Restart kiosk" / "Stop kiosk" in the admin panel: the only ways out in kiosk mode.
        kiosk.admin.exit_requested.connect(lambda status: leave(app, guard, status))
        kiosk.start()
        notifier.ready()
        notifier.start_watchdog()
        if args.quit_when_idle:
            print("kiosk ready", flush=True)
        if args.demo:
            print(demo_admin_hint(config), flush=True)
        if args.quit_when_idle:
            # exit(), not quit(): Qt 6's quit() first asks every window to close, and in
            # kiosk mode the key guard refuses that (the loop would never end).
            app.exit(0)

    fullscreen = args.fullscreen or config.kiosk.fullscreen
    guards: list[KeyGuard] = []
    FirstPaint(shell.idle_screen).painted.connect(first_frame)
    show_window(app, shell.window, fullscreen=fullscreen)
    code = app.exec()
    for guard in guards:
        guard.allow_exit()  # shutting down: the window may close now
    for kiosk, notifier in started:
        notifier.stopping()
        notifier.stop_watchdog()
        kiosk.shutdown()
    if not started:
        shell.close()
    return int(code)


# How long the out-of-service screen explains a failed start before the process exits
# (non-zero, so systemd starts it again).
START_FAILURE_SHOWN_MS = 20_000


def show_start_failure(app: QApplication, shell: Shell, reason: str, at_once: bool) -> None:
    """The kiosk could not start: say so on screen (out of service, with the technician's
    one line), then exit 2 so systemd tries again. The idle screen must not stay up, never
    served, as if the locker worked."""
    from PySide6.QtCore import QCoreApplication, QTimer

    from kiosk.flows.screendata import ScreenName
    from kiosk.ui.out_of_service import OutOfServiceScreen

    screen = OutOfServiceScreen()
    shell.window.host.add(screen)
    body = QCoreApplication.translate(
        "Startup", "The kiosk could not start. For the technician: %1"
    ).replace("%1", reason or QCoreApplication.translate("Startup", "see the log"))
    shell.window.host.show_screen(ScreenName.OUT_OF_SERVICE, body)
    if at_once:
        print(f"out of service: {reason}", flush=True)
        app.exit(2)
    else:
        QTimer.singleShot(START_FAILURE_SHOWN_MS, lambda: app.exit(2))


def build_kiosk(
    config: Config, args: argparse.Namespace, shell: Shell, failure: list[str] | None = None
) -> Kiosk | None:
    """Open the board and backend, then build the kiosk around ``shell``.

    Returns None (after one line in the log: stderr, i.e. the journal, and the log file
    when there is one, and that line appended to ``failure``) when a part cannot be opened;
    the caller shows it and exits non-zero, and systemd starts the kiosk again.
    """
    failure = failure if failure is not None else []
    from kiosk.app.kiosk import Kiosk
    from kiosk.app.parts import KioskServices, open_parts
    from kiosk.services.camera import CameraScanner
    from kiosk.services.scanner import SerialScanner, WedgeScanner

    try:
        parts = open_parts(config)
    except (OSError, ValueError) as err:
        # A token file others can read, a state directory we cannot write, a port path
        # that is not a device: the technician needs one line, not a traceback.
        log.critical("cannot start: %s", err)
        failure.append(str(err))
        return None
    except Exception as err:
        # Anything else escaping here would be swallowed by Qt's slot call and leave the
        # idle screen up, never served, with no READY=1 for systemd: say what it was, exit.
        log.critical("cannot start: %s: %s", type(err).__name__, err)
        failure.append(f"{type(err).__name__}: {err}")
        return None
    services = KioskServices(config, parts, poll_embedded_commands=bool(args.demo))
    if args.demo:
        # A second terminal can send the demo back-office commands (README: App flow).
        from kiosk.app.parts import embedded_db_path

        print(f"demo backend database: {embedded_db_path(config)}", file=sys.stderr, flush=True)
    scanner = config.scanner
    wedge = WedgeScanner(
        gap_ms=scanner.wedge_max_gap_ms,
        min_length=scanner.wedge_min_length,
        prefix=scanner.prefix or None,
    )
    camera = CameraScanner() if scanner.camera and not args.screenshot else None
    serial_scanner = (
        SerialScanner(scanner.serial_port, scanner.serial_baud)
        if scanner.serial_port and not args.screenshot
        else None
    )
    return Kiosk(
        config,
        services=services,
        camera=camera,
        wedge=wedge,
        serial_scanner=serial_scanner,
        shell=shell,
    )


def leave(app: QApplication, guard: KeyGuard, status: int) -> None:
    """Leave the event loop with ``status`` (the admin panel's restart or stop)."""
    log.warning("leaving with exit status %d (admin panel)", status)
    guard.allow_exit()
    app.exit(status)


def quit_on_signals(app: QApplication) -> None:
    """SIGTERM (``systemctl stop``) and SIGINT quit the event loop, so the shutdown runs.

    Python signal handlers run only when the interpreter gets control; a socket pair
    wakes the Qt event loop so that it does at once.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def woke() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(woke)
    for signum in (signal.SIGTERM, signal.SIGINT):
        # exit(), not quit(): quit() asks the windows to close first, which the kiosk-mode
        # key guard refuses; systemd's stop must end the kiosk whatever the screen shows.
        signal.signal(signum, lambda _signum, _frame: app.exit(0))
    _SIGNAL_SOCKETS.extend((reader, writer))  # alive as long as the process


_SIGNAL_SOCKETS: list[object] = []


def show_window(app: QApplication, window: KioskWindow, *, fullscreen: bool) -> None:
    """Show the kiosk window at the configured size, or fullscreen."""
    if fullscreen:
        window.showFullScreen()
    else:
        window.show()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
