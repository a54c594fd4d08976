"""The kiosk's side of the back office's commands (#10, #11): check, hand on, acknowledge.

The backend keeps a command pending, and sends it again on every poll, until the kiosk
acknowledges it. So the rules here are about bookkeeping, not about what a command does
(the kiosk's wiring in ``kiosk/app/kiosk.py`` does that):

- every command is acknowledged exactly once, *after* it took effect (``ok``), or with why
  not (``failed`` / ``refused`` and a detail);
- a command id seen again (a poll that raced the ack, an ack the backend never got) is
  acknowledged again with the result already given, never acted on twice;
- a command whose type this kiosk does not know, whose arguments are wrong, or that names
  a compartment this locker does not have is ``refused`` here, and never reaches a flow;
- a command that arrives before the locker's layout is known waits for it (it is not
  refused as "unknown compartment" because the kiosk was still starting);
- an ack that did not reach the backend is sent again (with jitter) until it does;
- what the kiosk took on is written to a small file (:class:`CommandLedger`) before it
  acts, so a command that comes again after a restart is acknowledged again, not carried
  out twice (one the restart interrupted is answered ``failed``, never repeated: a door
  opens twice for nobody rather than never is the worse failure for a locker).

Opening a door for the app or the back office while a customer is mid-flow waits in an
:class:`OpenQueue` (bounded, each entry with an expiry): never two doors open for two
people at once.
"""

from __future__ import annotations

import json
import logging
import os
import random
import time
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.backend.api import AckResult, Command
from kiosk.services.backend import BackendService

log = logging.getLogger("kiosk.services.commands")

OPEN_COMPARTMENT = "open_compartment"
SET_OUT_OF_SERVICE = "set_out_of_service"
SHOW_MESSAGE = "show_message"
RELOAD_CONFIG = "reload_config"

#: ``open_compartment`` reasons and who the events name as their actor.
OPEN_REASONS = {"app_pickup": "app", "app_send": "app", "backoffice": "backoffice"}
#: A banner longer than this is cut (it must fit one line of the idle screen).
MAX_MESSAGE_CHARS = 160
#: A ``display_name`` longer than this is cut (it is shown at the open door).
MAX_NAME_CHARS = 40


@dataclass(frozen=True)
class OpenRequest:
    """``open_compartment``: open this door for the app or the back office."""

    command_id: str
    compartment_id: str
    rent_id: str | None
    reason: str  # app_pickup | app_send | backoffice
    display_name: str
    actor: str  # app | backoffice
    received_at: float = 0.0  # monotonic seconds, for the queue's expiry


@dataclass(frozen=True)
class OutOfServiceRequest:
    """``set_out_of_service``: one compartment (or the whole locker: None) off or back on."""

    command_id: str
    compartment_id: str | None
    on: bool


@dataclass(frozen=True)
class MessageRequest:
    """``show_message``: a banner on the idle screen until ``until`` (empty text: none)."""

    command_id: str
    text: str
    until: datetime


@dataclass(frozen=True)
class ReloadRequest:
    """``reload_config``: fetch the locker's layout and settings again."""

    command_id: str


Request = OpenRequest | OutOfServiceRequest | MessageRequest | ReloadRequest


class Refused(ValueError):
    """A command the kiosk will not carry out; ``str(err)`` is the ack's detail."""


def parse(command: Command, compartments: Collection[str], now: float = 0.0) -> Request:
    """The typed request of ``command``.

    Raises:
        Refused: an unknown type, arguments of the wrong shape, or a compartment this
            locker does not have.
    """
    args = command.args if isinstance(command.args, dict) else {}
    cid = command.command_id

    def compartment(value: object) -> str:
        if not isinstance(value, str) or not value:
            raise Refused("compartment_id must be a compartment id")
        if value not in compartments:
            raise Refused(f"unknown compartment {value}")
        return value

    if command.type == OPEN_COMPARTMENT:
        reason = args.get("reason", "backoffice")
        if reason not in OPEN_REASONS:
            raise Refused(f"unknown reason {reason!r}")
        rent_id = args.get("rent_id")
        if rent_id is not None and not isinstance(rent_id, str):
            raise Refused("rent_id must be a string")
        name = args.get("display_name") or ""
        if not isinstance(name, str):
            raise Refused("display_name must be a string")
        return OpenRequest(
            cid,
            compartment(args.get("compartment_id")),
            rent_id or None,
            str(reason),
            " ".join(name.split())[:MAX_NAME_CHARS],
            OPEN_REASONS[str(reason)],
            now,
        )
    if command.type == SET_OUT_OF_SERVICE:
        on = args.get("on")
        if not isinstance(on, bool):
            raise Refused("on must be true or false")
        raw = args.get("compartment_id")
        return OutOfServiceRequest(cid, None if raw is None else compartment(raw), on)
    if command.type == SHOW_MESSAGE:
        text = args.get("text", "")
        if not isinstance(text, str):
            raise Refused("text must be a string")
        until = args.get("until")
        if not isinstance(until, str):
            raise Refused("until must be an RFC 3339 time")
        try:
            when = datetime.fromisoformat(until)
        except ValueError:
            raise Refused("until must be an RFC 3339 time") from None
        if when.tzinfo is None:
            raise Refused("until must carry an offset")
        return MessageRequest(cid, " ".join(text.split())[:MAX_MESSAGE_CHARS], when)
    if command.type == RELOAD_CONFIG:
        return ReloadRequest(cid)
    raise Refused(f"unknown command type {command.type!r}")


class OpenQueue:
    """Door opens waiting for the person at the screen to finish, oldest first.

    Bounded (a back office that sends fifty opens to a busy kiosk gets ``refused`` for
    the surplus, not fifty doors later) and each entry expires: an app user who gave up
    waiting must not find a door opening minutes later for nobody.
    """

    def __init__(self, limit: int = 3, expiry_s: float = 120.0) -> None:
        self.limit = limit
        self.expiry_s = expiry_s
        self._waiting: deque[OpenRequest] = deque()

    def __len__(self) -> int:
        return len(self._waiting)

    def push(self, request: OpenRequest) -> bool:
        """Queue ``request``; False when the queue is full."""
        if len(self._waiting) >= self.limit:
            return False
        self._waiting.append(request)
        return True

    def expired(self, now: float) -> list[OpenRequest]:
        """Remove and return the entries older than the expiry."""
        gone = [r for r in self._waiting if now - r.received_at >= self.expiry_s]
        for request in gone:
            self._waiting.remove(request)
        return gone

    def push_front(self, request: OpenRequest) -> None:
        """Put back a request taken with :meth:`pop` that could not start after all."""
        self._waiting.appendleft(request)

    def pop(self) -> OpenRequest | None:
        """The oldest waiting request (call :meth:`expired` first)."""
        return self._waiting.popleft() if self._waiting else None

    def next_expiry(self) -> float | None:
        """When the oldest entry expires (monotonic seconds), or None when empty."""
        return self._waiting[0].received_at + self.expiry_s if self._waiting else None


#: The answer to a command a restart interrupted (taken on, never finished).
INTERRUPTED: tuple[AckResult, str] = ("failed", "interrupted by a kiosk restart")


class CommandLedger:
    """The command ids this kiosk took on, and their results, across restarts.

    A JSON object ``{command_id: [result, detail] | null}`` (null: taken on, not finished),
    replaced atomically on each change and capped at the newest ``keep`` ids. It is small
    (a few kB) and written without fsync: a kiosk process that crashes keeps it (the page
    cache survives), a power cut in the same second may not, and then the command is
    handled as new.

    Args:
        path: the file; None keeps nothing (tests, a kiosk without a state directory).
        keep: ids remembered.
    """

    def __init__(self, path: Path | None, keep: int = 500) -> None:
        self.path = path
        self.keep = keep
        self.entries: dict[str, tuple[AckResult, str] | None] = {}
        if path is not None and path.exists():
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
                for cid, value in raw.items():
                    self.entries[str(cid)] = None if value is None else (value[0], str(value[1]))
            except (OSError, ValueError, TypeError, IndexError, AttributeError) as err:
                log.warning("command ledger %s unreadable (%s): starting afresh", path, err)
                self.entries = {}

    def taken(self, command_id: str) -> None:
        """The kiosk is about to act on ``command_id``."""
        self.entries[command_id] = None
        self._save()

    def finished(self, command_id: str, result: AckResult, detail: str) -> None:
        """The kiosk is done with ``command_id``."""
        self.entries.pop(command_id, None)  # newest last, for the cap
        self.entries[command_id] = (result, detail)
        self._save()

    def _save(self) -> None:
        while len(self.entries) > self.keep:
            self.entries.pop(next(iter(self.entries)))
        if self.path is None:
            return
        tmp = self.path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(self.entries), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as err:
            log.error("command ledger %s not written: %s", self.path, err)


class CommandDesk(QObject):
    """Receives the backend's commands, hands each on once, acknowledges each once.

    Signals:
        open_requested(object): an :class:`OpenRequest` (answer with :meth:`finish`).
        out_of_service_requested(object): an :class:`OutOfServiceRequest`.
        message_requested(object): a :class:`MessageRequest`.
        reload_requested(object): a :class:`ReloadRequest`.
        finished(str, str, str): command id, result, detail, once the kiosk is done with
            it (the ack may still be on its way).

    Args:
        backend: the backend service (its ``command_received`` is connected here; acks
            go through it).
        compartments: this locker's compartment ids now (the kiosk's bank).
        parent: Qt parent.
        ack_retry_ms: delay before sending a failed ack again (±20 % jitter).
        clock: monotonic seconds (tests hand in their own).
        ledger: where taken-on commands are remembered across restarts (default: nowhere).
    """

    open_requested = Signal(object)
    out_of_service_requested = Signal(object)
    message_requested = Signal(object)
    reload_requested = Signal(object)
    finished = Signal(str, str, str)

    def __init__(
        self,
        backend: BackendService,
        compartments: Callable[[], Collection[str]],
        parent: QObject | None = None,
        *,
        ack_retry_ms: int = 5000,
        clock: Callable[[], float] = time.monotonic,
        ledger: CommandLedger | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.ledger = ledger or CommandLedger(None)
        self._compartments = compartments
        self._clock = clock
        self._ready = False
        self._held: list[Command] = []  # arrived before the layout
        self._working: set[str] = set()  # handed on, not finished yet
        self._results: dict[str, tuple[AckResult, str]] = {}  # finished, by command id
        self._order: deque[str] = deque()  # to forget the oldest results
        for cid, entry in list(self.ledger.entries.items()):
            done = entry
            if done is None:
                # Taken on before a restart and never finished: not carried out again.
                log.warning("command %s was interrupted by a restart", cid)
                done = INTERRUPTED
                self.ledger.finished(cid, *done)
            self._results[cid] = done
            self._order.append(cid)
        self._unacked: set[str] = set()
        self._retry = QTimer(self)
        self._retry.setObjectName("command-ack-retry")
        self._retry.setSingleShot(True)
        self._ack_retry_ms = ack_retry_ms
        self._retry.timeout.connect(self._ack_again)
        backend.command_received.connect(self.receive)
        backend.command_acked.connect(self._on_acked)
        backend.command_ack_failed.connect(self._on_ack_failed)

    def set_ready(self) -> None:
        """The locker's layout is known: commands held until now are handled."""
        self._ready = True
        held, self._held = self._held, []
        for command in held:
            self.receive(command)

    def stop(self) -> None:
        """Stop the ack retry timer (shutdown)."""
        self._retry.stop()

    def result(self, command_id: str) -> tuple[AckResult, str] | None:
        """The result given for ``command_id``, if the kiosk is done with it."""
        return self._results.get(command_id)

    @Slot(object)
    def receive(self, command: object) -> None:
        """A command from the backend's long poll (possibly one seen before)."""
        assert isinstance(command, Command)
        cid = command.command_id
        done = self._results.get(cid)
        if done is not None:
            # Acted on already: the backend did not get (or keep) the ack. Say it again.
            log.info("command %s seen again: acknowledged again, not repeated", cid)
            self._ack(cid)
            return
        if cid in self._working:
            return
        if not self._ready:
            if all(held.command_id != cid for held in self._held):
                self._held.append(command)
            return
        try:
            request = parse(command, set(self._compartments()), self._clock())
        except Refused as why:
            log.warning("command %s (%s) refused: %s", cid, command.type, why)
            self._working.add(cid)
            self.finish(cid, "refused", str(why))
            return
        self._working.add(cid)
        self.ledger.taken(cid)
        if isinstance(request, OpenRequest):
            self.open_requested.emit(request)
        elif isinstance(request, OutOfServiceRequest):
            self.out_of_service_requested.emit(request)
        elif isinstance(request, MessageRequest):
            self.message_requested.emit(request)
        else:
            self.reload_requested.emit(request)

    def finish(self, command_id: str, result: AckResult, detail: str = "") -> None:
        """The kiosk is done with ``command_id``: acknowledge it (once; later calls are
        ignored, so a flow that reports twice cannot change the answer)."""
        if command_id in self._results or command_id not in self._working:
            return
        self._working.discard(command_id)
        self._results[command_id] = (result, detail)
        self._order.append(command_id)
        while len(self._order) > 500:
            self._results.pop(self._order.popleft(), None)
        log.info("command %s: %s %s", command_id, result, detail)
        self.ledger.finished(command_id, result, detail)
        self.finished.emit(command_id, result, detail)
        self._ack(command_id)

    def _ack(self, command_id: str) -> None:
        result, detail = self._results[command_id]
        self._unacked.add(command_id)
        self.backend.ack_command(command_id, result, detail)

    @Slot(str)
    def _on_acked(self, command_id: str) -> None:
        self._unacked.discard(command_id)

    @Slot(str, object)
    def _on_ack_failed(self, command_id: str, error: object) -> None:
        if getattr(error, "code", "") == "unknown_command":
            # The backend no longer knows it (deleted by the back office): nothing to say.
            self._unacked.discard(command_id)
            return
        if command_id in self._unacked and not self._retry.isActive():
            self._retry.start(int(self._ack_retry_ms * random.uniform(0.8, 1.2)))

    @Slot()
    def _ack_again(self) -> None:
        for command_id in sorted(self._unacked):
            if command_id in self._results:
                self._ack(command_id)
