"""The admin panel's view of the running kiosk: door readings, diagnostics, logs, settings.

:class:`~kiosk.flows.admin.AdminPorts` is a set of plain callables; this module builds
them from the kiosk's services, so the flow stays testable with fakes and the kiosk's
composition code stays one short block.
"""

from __future__ import annotations

import collections
import logging
import shutil
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Slot

from kiosk import __version__
from kiosk.app import site_settings
from kiosk.app.parts import KioskServices
from kiosk.config import Config
from kiosk.flows.admin_pin import AdminPinError, load_pin_hash
from kiosk.logs import LOG_FORMAT, redact
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.app.admin")

#: Log lines the panel keeps (the issue: "the last few hundred").
LOG_LINES = 400


class LogRing(logging.Handler):
    """The last :data:`LOG_LINES` log lines, redacted, for the panel's log view.

    Each line is redacted when it is stored *and* when it is shown (a secret registered
    after the line was written is masked as well). The root ``kiosk`` logger already has
    the redacting filter; this is the second line of defence the view relies on.
    """

    def __init__(self, size: int = LOG_LINES) -> None:
        super().__init__(logging.DEBUG)
        # (logger name, the whole line, time and message only)
        self.lines: collections.deque[tuple[str, str, str]] = collections.deque(maxlen=size)
        self.setFormatter(logging.Formatter(LOG_FORMAT, "%H:%M:%S"))
        self._short = logging.Formatter("%(asctime)s %(message)s", "%H:%M")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = redact(self.format(record))
            self.lines.append((record.name, line, redact(self._short.format(record))))
        except Exception:  # a log handler must never raise into the caller
            self.handleError(record)

    def tail(self, prefix: str = "") -> tuple[str, ...]:
        """The lines of loggers under ``prefix`` ("" for all), oldest first."""
        return tuple(
            redact(line)
            for name, line, _ in list(self.lines)
            if not prefix or name == prefix or name.startswith(prefix + ".")
        )

    def mentioning(self, word: str, limit: int = 8) -> tuple[str, ...]:
        """The last lines naming ``word`` (a compartment id) as a whole word."""
        import re

        pattern = re.compile(rf"\b{re.escape(word)}\b")
        found = [redact(short) for _, _, short in list(self.lines) if pattern.search(short)]
        return tuple(found[-limit:])


class BackendWatch(QObject):
    """What the diagnostics page says about the backend: reachable, last heartbeat,
    offline-code cache age (kept from the backend service's signals)."""

    def __init__(self, services: KioskServices, clock: Callable[[], float] = time.monotonic):
        super().__init__(services)
        self.clock = clock
        self.reachable: bool | None = None
        self.last_heartbeat: float | None = None
        self.offline_codes_at: float | None = None
        self.offline_codes = 0
        backend = services.backend
        backend.reachable_changed.connect(self._reachable)
        backend.heartbeat_sent.connect(self._heartbeat)
        backend.offline_codes_refreshed.connect(self._offline)

    @Slot(bool)
    def _reachable(self, value: bool) -> None:
        self.reachable = value

    @Slot(object)
    def _heartbeat(self, _reply: object) -> None:
        self.last_heartbeat = self.clock()
        self.reachable = True

    @Slot(int)
    def _offline(self, count: int) -> None:
        self.offline_codes_at = self.clock()
        self.offline_codes = count

    def age(self, at: float | None) -> str:
        return "never" if at is None else f"{int(self.clock() - at)} s ago"


def read_pin_hash(config: Config) -> Callable[[], str | None]:
    """The admin PIN hash, read once now (start-up already refused a bad file)."""
    try:
        stored = load_pin_hash(config.kiosk.admin_pin_file)
    except AdminPinError as err:
        log.error("admin panel shut: %s", err)
        stored = None
    if stored is None:
        log.warning("no admin PIN file: the admin panel stays shut")
    return lambda: stored


def diagnostics(
    config: Config,
    services: KioskServices | None,
    watch: BackendWatch | None,
) -> tuple[str, ...]:
    """The diagnostics page's lines."""
    lines = [f"locker-kiosk {__version__}"]
    if services is not None:
        board = services.board
        if board is None:
            lines.append("boards: layout not known yet")
        else:
            snapshot = board.snapshot()
            prepared = services.prepared
            compartments = prepared.locker.compartments if prepared is not None else ()
            boards = sorted({c.board for c in compartments})
            for number in boards:
                answering = number not in snapshot.offline_boards
                lines.append(f"board {number}: {'answering' if answering else 'NOT answering'}")
            drops = ", ".join(f"{k} {v}" for k, v in sorted(snapshot.drops.items())) or "none"
            lines.append(f"frames dropped (checksum, framing...): {drops}")
        simulator = services.simulator
        port = simulator.path if simulator is not None else config.board.port
        lines.append(f"serial port: {port} ({config.board.kind})")
        stats = services.outbox.stats
        lines.append(
            f"outbox: {stats.depth} waiting, oldest {int(stats.oldest_age_s)} s, "
            f"{stats.rejected} rejected"
        )
    if watch is not None:
        reach = {True: "reachable", False: "NOT reachable", None: "not tried yet"}
        if config.backend.kind == "embedded":
            # In this machine's own database: no heartbeat, no offline copy to keep.
            lines.append("backend (embedded): local database, always reachable")
        else:
            lines.append(f"backend ({config.backend.kind}): {reach[watch.reachable]}")
            lines.append(f"last heartbeat: {watch.age(watch.last_heartbeat)}")
            lines.append(
                f"offline codes: {watch.offline_codes}, "
                f"refreshed {watch.age(watch.offline_codes_at)}"
            )
    try:
        usage = shutil.disk_usage(config.state_path())
        lines.append(f"free disk: {usage.free // 2**20} MiB of {usage.total // 2**20} MiB")
    except OSError as err:
        lines.append(f"free disk: unknown ({err.strerror})")
    return tuple(redact(line) for line in lines)


class SiteStore(QObject):
    """The on-site settings as the panel reads and writes them.

    The write (with its fsyncs) runs on a worker thread: a flash card that takes a second
    to sync must not freeze the screen. Values are validated on the GUI thread first, so
    a bad value is said at once and nothing is written.
    """

    def __init__(
        self,
        path: Path,
        on_saved: Callable[[Mapping[str, object]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.on_saved = on_saved
        self.values: dict[str, object] = site_settings.load_or_previous(path).as_dict()
        self._worker: Worker | None = None

    def current(self) -> Mapping[str, object]:
        return dict(self.values)

    def save(self, values: Mapping[str, object], on_done: Callable[[str], None]) -> None:
        """Write ``values``; ``on_done`` gets "" when they are on disk, else the reason."""
        try:
            site_settings.validate(values)
        except site_settings.SiteSettingsError as err:
            on_done(str(err))
            return
        if self._worker is None:
            self._worker = Worker("site-settings", self)
            self._worker.start()

        def written(saved: object) -> None:
            assert isinstance(saved, site_settings.SiteSettings)
            self.values = saved.as_dict()
            self.on_saved(self.values)
            on_done("")

        def failed(exc: BaseException) -> None:
            log.error("on-site settings not written: %s", exc)
            on_done(str(exc))

        self._worker.submit(
            site_settings.write, self.path, dict(values), on_done=written, on_error=failed
        )

    def stop(self) -> None:
        """Finish a write under way and end the worker (the kiosk shuts down)."""
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
