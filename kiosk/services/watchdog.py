"""Tell systemd the kiosk is up (``READY=1``) and still alive (``WATCHDOG=1``).

The unit (``packaging/systemd/locker-kiosk.service``) is ``Type=notify`` with
``WatchdogSec=30``: systemd waits for ``READY=1`` before it calls the kiosk started, and
restarts it when no ``WATCHDOG=1`` arrives for 30 s. The pings come from a QTimer on the GUI
thread, so they stop exactly when the screen freezes — a blocked GUI thread is the failure we
want systemd to repair, and a ping from a helper thread would hide it.

Why our own sd_notify instead of the ``sdnotify`` package: that package (0.3.2) has had no
release since 2017, knows no abstract-namespace sockets, sends with a blocking call, and
swallows every error. The protocol is one datagram of ``KEY=VALUE`` lines to the
``AF_UNIX`` socket named by ``$NOTIFY_SOCKET`` (a leading ``@`` means the Linux abstract
namespace); the ~30 lines below do that, never block the GUI thread (``MSG_DONTWAIT``) and
log what went wrong.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer, Slot

log = logging.getLogger("kiosk.services.watchdog")


def notify_address(environ: Mapping[str, str]) -> str | None:
    """Return the socket address from ``$NOTIFY_SOCKET`` in ``socket`` module form.

    ``None`` when unset or empty (not started by systemd, or a unit that is not
    ``Type=notify``). ``@name`` becomes ``"\\0name"``, the abstract namespace. ``vsock:``
    addresses (systemd 254+, for VMs) are not supported and give ``None`` with a warning.
    """
    raw = environ.get("NOTIFY_SOCKET", "")
    if not raw:
        return None
    if raw.startswith("@"):
        return "\0" + raw[1:]
    if raw.startswith("/"):
        return raw
    log.warning("NOTIFY_SOCKET=%r is not an AF_UNIX address; systemd notifications off", raw)
    return None


def sd_notify(address: str, state: str, sock: socket.socket | None = None) -> bool:
    """Send one notification datagram; True if the kernel accepted it.

    Never blocks: with ``MSG_DONTWAIT`` a full receive queue is an error (logged) rather than a
    stalled GUI thread. Never raises for socket errors either: a kiosk must keep serving when
    systemd is briefly unreachable (it is restarted by the watchdog if that persists).

    Args:
        address: filesystem path, or ``"\\0name"`` for the abstract namespace.
        state: newline-separated assignments, e.g. ``"READY=1"`` or ``"WATCHDOG=1"``.
        sock: an unbound ``AF_UNIX``/``SOCK_DGRAM`` socket to reuse; a fresh one if None.
    """
    own = sock is None
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) if own else sock
    assert s is not None
    try:
        s.sendto(state.encode("utf-8"), socket.MSG_DONTWAIT, address)
    except OSError as exc:
        log.warning("sd_notify %s failed: %s", state.split("\n", 1)[0], exc)
        return False
    finally:
        if own:
            s.close()
    return True


class SystemdNotifier(QObject):
    """The kiosk's side of systemd's ``Type=notify`` and watchdog protocol.

    Created once by the app with the process environment. Without ``$NOTIFY_SOCKET``
    (``--demo``, a developer's terminal, tests) every method is a no-op and one debug line
    says so.

    Signals: none. The pings are fire-and-forget; a failed send is logged as a warning.

    Under cage the app is the compositor's child: systemd sets ``WATCHDOG_PID`` to cage's pid,
    which the unit accepts from us because of ``NotifyAccess=all``. A ``WATCHDOG_PID`` that is
    neither this process nor its parent means the watchdog is meant for someone else, so we
    do not ping.

    Args:
        parent: Qt parent (the application object).
        environ: the environment to read; ``os.environ`` when None (tests pass a dict).
    """

    def __init__(
        self, parent: QObject | None = None, environ: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("systemd-notifier")
        self._environ: Mapping[str, str] = os.environ if environ is None else environ
        self._address = notify_address(self._environ)
        self._sock: socket.socket | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("systemd-watchdog")
        self._timer.timeout.connect(self._ping)
        if self._address is None:
            log.debug("NOTIFY_SOCKET not set: not started by systemd, notifications off")
        else:
            self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self.destroyed.connect(self._sock.close)

    @property
    def enabled(self) -> bool:
        """True when systemd gave us a notification socket."""
        return self._address is not None

    @property
    def watchdog_interval_ms(self) -> int:
        """The ping interval in ms while the watchdog runs, else 0."""
        return self._timer.interval() if self._timer.isActive() else 0

    def notify(self, state: str) -> bool:
        """Send raw ``KEY=VALUE`` lines; False when disabled or the send failed."""
        if self._address is None:
            return False
        return sd_notify(self._address, state, self._sock)

    def ready(self) -> bool:
        """Say start-up is done (call once the idle screen is shown)."""
        sent = self.notify("READY=1")
        if sent:
            log.info("told systemd READY=1")
        return sent

    def status(self, text: str) -> bool:
        """Set the one-line status shown by ``systemctl status locker-kiosk``."""
        return self.notify("STATUS=" + text.replace("\n", " "))

    def stopping(self) -> bool:
        """Say a clean shutdown has begun, and stop pinging."""
        self.stop_watchdog()
        return self.notify("STOPPING=1")

    def start_watchdog(self) -> bool:
        """Ping ``WATCHDOG=1`` now and then every ``WATCHDOG_USEC / 2`` from the GUI thread.

        Returns True if the timer runs. False (with a log line saying why) when there is no
        socket, no or a bad ``WATCHDOG_USEC``, or a ``WATCHDOG_PID`` that is not ours.
        """
        if self._address is None:
            return False
        raw_usec = self._environ.get("WATCHDOG_USEC", "")
        if not raw_usec:
            log.info("WATCHDOG_USEC not set: the unit has no WatchdogSec, no pings")
            return False
        try:
            usec = int(raw_usec)
        except ValueError:
            usec = 0
        if usec <= 0:
            log.warning("WATCHDOG_USEC=%r is not a positive integer: no pings", raw_usec)
            return False
        raw_pid = self._environ.get("WATCHDOG_PID", "")
        if raw_pid and raw_pid not in (str(os.getpid()), str(os.getppid())):
            log.warning("WATCHDOG_PID=%s is neither us nor our parent: no pings", raw_pid)
            return False
        interval_ms = max(1, usec // 2000)
        self._timer.start(interval_ms)
        log.info("systemd watchdog: pinging every %d ms", interval_ms)
        self._ping()
        return True

    def stop_watchdog(self) -> None:
        """Stop pinging (systemd restarts us after ``WatchdogSec`` unless we exit first)."""
        self._timer.stop()

    @Slot()
    def _ping(self) -> None:
        self.notify("WATCHDOG=1")
