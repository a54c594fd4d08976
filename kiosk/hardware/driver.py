"""The lock-board bus: one serial port, one request at a time, the spec's unlock rule.

:class:`Bus` owns the port and speaks through a :class:`~kiosk.hardware.protocol.BoardProtocol`
(the KR-CU16 by default), so the bytes of a board family never leak in here. Everything is
synchronous and blocking: the Qt service runs it on a worker thread, the technician CLI
runs it directly. Nothing here imports Qt.

What it guarantees (spec ``board-protocol.md``, "What the driver must survive"):

* a status read is retried ``retries`` more times before the board counts as not answering;
* an unlock is never re-sent blindly: after a missing, garbled or (by setting) absent reply
  the board's status is read, and only a hook read closed by every read through
  ``unlock_confirm_ms`` (no read unanswered: the door's history, not one reading) earns one
  more unlock frame; still closed at ``door_open_timeout_s`` is a failure;
* bad frames are dropped and counted (``Bus.drops``), stale bytes are discarded;
* a lost port (``SerialException``, ``EIO``, the device path gone) turns every board
  offline at once and is reopened every ``reopen_interval_s`` without a restart.

Every status read, whoever asked for it, is compared with the last one and turned into
:class:`DoorEvent` / :class:`BoardEvent` objects, collected until :meth:`Bus.take_events`.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import serial

from kiosk.hardware.cu16 import Cu16Protocol, Cu16Settings, HookClosedBit, UnlockReply
from kiosk.hardware.protocol import BoardProtocol, BoardReply, DropReason, Request

log = logging.getLogger("kiosk.hardware.driver")

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class BusSettings:
    """Everything about the bus that differs between installations.

    Attributes:
        port: Serial device path (``/dev/ttyUSB0``, ``/dev/lockerboard``, a pty).
        baud: Line speed; the boards' factory default is 19200 8N1.
        timeout_ms: How long to wait for a reply to one request.
        retries: Extra attempts for a status read before a board counts as not answering.
        unlock_reply: "status" if boards answer an unlock, "none" if they never do.
        hook_closed_bit: Bit value meaning "hook closed" (1, or 0 on some NCU16L boards).
        broadcast_addr: ADDR byte of the read-all request (0xF0 or 0x00).
        unlock_confirm_ms: How long a hook may still read closed after an unlock before the
            unlock is sent one more time.
        door_open_timeout_s: After this long with the hook still closed, the door failed.
        confirm_poll_ms: Pause between status reads while waiting for a hook to open.
        reopen_interval_s: How often a lost port is reopened (at least once a second).
        port_check_interval_s: How often the poller checks an idle port is still there.
        poll_open_ms: Poll interval for boards with an open door or an unlock in flight.
        poll_idle_s: Poll interval for the other boards (admin panel, heartbeat).
        sensor_boards: Boards whose compartments have item sensors; on the others
            occupancy is unknown (None), never "empty".
    """

    port: str
    baud: int = 19200
    timeout_ms: int = 150
    retries: int = 2
    unlock_reply: UnlockReply = "status"
    hook_closed_bit: HookClosedBit = 1
    broadcast_addr: int = 0xF0
    unlock_confirm_ms: int = 500
    door_open_timeout_s: float = 5.0
    confirm_poll_ms: int = 50
    reopen_interval_s: float = 1.0
    port_check_interval_s: float = 1.0
    poll_open_ms: int = 200
    poll_idle_s: float = 3.0
    sensor_boards: frozenset[int] = field(default_factory=frozenset)

    def cu16(self) -> Cu16Settings:
        """The CU16 protocol settings carried by these bus settings."""
        return Cu16Settings(
            unlock_reply=self.unlock_reply,
            hook_closed_bit=self.hook_closed_bit,
            broadcast_addr=self.broadcast_addr,
        )


@dataclass(frozen=True, slots=True)
class BoardStatus:
    """One board's hooks and item sensors at one moment.

    Attributes:
        board: Board address.
        closed: Per lock (index 0 = lock 1): True when the hook reads closed.
        items: Per lock: True/False from an item sensor, None where the board has none.
    """

    board: int
    closed: tuple[bool, ...]
    items: tuple[bool | None, ...]

    def lock_closed(self, lock: int) -> bool:
        """Whether lock ``lock`` (counted from 1) reads closed."""
        return self.closed[lock - 1]

    def item(self, lock: int) -> bool | None:
        """Item sensor of lock ``lock`` (counted from 1); None when unknown."""
        return self.items[lock - 1]

    @property
    def open_locks(self) -> list[int]:
        """Locks (counted from 1) whose hook reads open."""
        return [i + 1 for i, c in enumerate(self.closed) if not c]


DoorEventKind = Literal["opened", "closed", "forced", "item_in", "item_out"]
BoardEventKind = Literal["online", "offline"]


@dataclass(frozen=True, slots=True)
class DoorEvent:
    """A change seen on one lock: opened after an unlock, closed, forced, item in/out."""

    kind: DoorEventKind
    board: int
    lock: int


@dataclass(frozen=True, slots=True)
class BoardEvent:
    """A board started or stopped answering (or its port came or went)."""

    kind: BoardEventKind
    board: int


Event = DoorEvent | BoardEvent


class BusError(Exception):
    """Base of everything the bus raises on purpose."""


class PortUnavailable(BusError):
    """The serial port cannot be used (missing, lost, or not openable)."""

    def __init__(self, port: str, reason: str) -> None:
        super().__init__(f"serial port {port} {reason}")
        self.port = port
        self.reason = reason


class PortMissing(PortUnavailable):
    """The device path does not exist (adapter unplugged, wrong name)."""


class PortPermissionDenied(PortUnavailable):
    """The device exists but this user may not open it (not in the ``dialout`` group)."""


class PortNotSerial(PortUnavailable):
    """The path exists but is no serial port: a regular file, a directory, ``/dev/null``.

    Always a wrong setting (a typo in the port name, a udev rule pointing elsewhere), never
    something that mends itself, so it is worth its own sentence in the log.
    """


class PortBusy(PortUnavailable):
    """Another program holds the port: the technician CLI while the kiosk runs, or the
    other way round, or a second kiosk.

    Two programs on one half-duplex bus interleave their frames: each takes the other's
    replies and doors for its own (the kiosk reported ``door_forced`` for a door the CLI
    opened). The port is therefore opened with an exclusive lock, and the one that finds
    it taken says who holds it.

    Attributes:
        holder: "NAME (pid N)" of the holder when ``/proc/locks`` names it, else None.
    """

    def __init__(self, port: str, holder: str | None) -> None:
        super().__init__(port, f"is in use by {holder or 'another program'}")
        self.holder = holder


class BoardNotAnswering(BusError):
    """No valid reply from a board after every retry."""

    def __init__(self, board: int) -> None:
        super().__init__(f"board {board} is not answering")
        self.board = board


class DoorDidNotOpen(BusError):
    """The hook still read closed when the door-open timeout ran out (a jammed lock)."""

    def __init__(self, board: int, lock: int, timeout_s: float) -> None:
        super().__init__(f"lock {lock} of board {board} did not open within {timeout_s:g} s")
        self.board = board
        self.lock = lock


def _process_name(pid: int) -> str:
    """A readable name for a process: its program, not the Python interpreter running it."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        raw = b""
    args = [a.decode(errors="replace") for a in raw.split(b"\0") if a]
    if args and os.path.basename(args[0]).startswith("python"):
        rest = args[1:]
        while rest and rest[0].startswith("-") and rest[0] not in ("-m", "-c"):
            # Interpreter options (-u, -X dev, -W error): skip them and their values.
            rest = rest[2:] if rest[0] in ("-X", "-W") else rest[1:]
        if len(rest) >= 2 and rest[0] == "-m":
            return rest[1]
        if rest and rest[0] != "-c":
            return os.path.basename(rest[0])
    if args:
        return os.path.basename(args[0])
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() or "another program"
    except OSError:
        return "another program"


def port_holder(port: str) -> str | None:
    """Who holds the exclusive (``flock``) lock on ``port``: "NAME (pid N)", or None.

    Read from ``/proc/locks``, which names the locking process by pid and the locked file
    by device and inode; every other opener of the device (the simulator keeping its pty
    alive, a ``cat``) holds no lock and is rightly not named.
    """
    try:
        st = os.stat(port)
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return None
    wanted = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in lines:
        fields = line.split()
        # "1: FLOCK  ADVISORY  WRITE 1234 00:1a:3 0 EOF"; waiters carry "->" after the id.
        if len(fields) < 6 or fields[1] != "FLOCK":
            continue
        if fields[5] == wanted and fields[4].isdigit():
            pid = int(fields[4])
            return f"{_process_name(pid)} (pid {pid})"
    return None


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a device")


def _classify_open_error(port: str, exc: BaseException) -> PortUnavailable:
    """Turn a failed open into the one sentence a technician needs: what is wrong."""
    code = getattr(exc, "errno", None)
    try:
        st: os.stat_result | None = os.stat(port)
    except FileNotFoundError:
        return PortMissing(port, "does not exist")
    except OSError:
        st = None  # e.g. a parent directory we may not search; the errno says more
    if code == errno.ENOENT:
        return PortMissing(port, "does not exist")
    if code in (errno.EACCES, errno.EPERM):
        return PortPermissionDenied(port, "cannot be opened: permission denied")
    if code in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EBUSY):
        # EAGAIN: another opener holds our flock; EBUSY: a tty put in TIOCEXCL mode.
        return PortBusy(port, port_holder(port))
    if st is not None and not stat.S_ISCHR(st.st_mode):
        return PortNotSerial(port, f"is not a character device (it is {_file_kind(st.st_mode)})")
    if code == errno.ENOTTY or (code is None and "configure port" in str(exc)):
        # pyserial reports a failed tcgetattr ("Inappropriate ioctl") without an errno.
        return PortNotSerial(port, "is not a tty (a character device, but no serial port)")
    return PortUnavailable(port, f"cannot be opened ({exc})")


class Bus:
    """One RS485 bus of lock-control boards behind one serial port.

    Thread-safe (one lock around every transaction), but meant to be driven from a single
    worker thread. All methods block for at most a few request timeouts, except
    :meth:`open`, which may wait up to ``door_open_timeout_s``.
    """

    def __init__(
        self,
        settings: BusSettings,
        protocol: BoardProtocol | None = None,
        *,
        clock: Clock = time.monotonic,
    ) -> None:
        self.settings = settings
        self.protocol: BoardProtocol = protocol or Cu16Protocol(settings.cu16())
        self._clock = clock
        self._decoder = self.protocol.decoder()
        self._serial: serial.Serial | None = None
        self._lock = threading.RLock()
        self._next_reopen = 0.0
        self._ever_opened = False
        self._port_problem: str | None = None
        # A request went unanswered since the line was last settled: its reply may be late.
        self._reply_owed = False
        self._known: dict[int, BoardStatus] = {}
        self._online: dict[int, bool] = {}
        self._pending_unlock: dict[tuple[int, int], float] = {}
        self._events: list[Event] = []
        self.frames_sent = 0

    # ------------------------------------------------------------------ port
    @property
    def port_is_open(self) -> bool:
        """True while the serial port is open (it may still have just vanished)."""
        return self._serial is not None

    @property
    def drops(self) -> dict[DropReason, int]:
        """Frames dropped by the decoder, by reason (diagnostics)."""
        return self._decoder.drops

    def open_port(self) -> None:
        """Open the port now; raise :class:`PortUnavailable` (or a subclass) if it fails.

        The port is opened exclusively (an ``flock``, pyserial's ``exclusive=True``): a
        second program on the bus would take our replies for its own. Whoever comes second
        gets :class:`PortBusy` naming the holder.
        """
        with self._lock:
            if self._serial is not None:
                return
            port = self.settings.port
            try:
                ser = serial.Serial(
                    port, self.settings.baud, timeout=0, write_timeout=1.0, exclusive=True
                )
            except (serial.SerialException, OSError) as exc:
                self._next_reopen = self._clock() + self.settings.reopen_interval_s
                raise _classify_open_error(port, exc) from exc
            self._serial = ser
            self._port_problem = None
            self._decoder.expect(None)
            if self._ever_opened:
                log.info("serial port %s reopened", port)
            else:
                log.info("serial port %s open at %d baud", port, self.settings.baud)
            self._ever_opened = True

    def close(self) -> None:
        """Close the port (idempotent). Known board states are kept."""
        with self._lock:
            ser, self._serial = self._serial, None
            if ser is not None:
                try:
                    ser.close()
                except (serial.SerialException, OSError) as exc:  # already gone
                    log.debug("closing %s: %s", self.settings.port, exc)

    def __enter__(self) -> Bus:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _ensure_port(self) -> serial.Serial:
        if self._serial is None:
            if self._clock() < self._next_reopen:
                raise PortUnavailable(self.settings.port, "was lost; waiting to reopen")
            try:
                self.open_port()
            except PortUnavailable as exc:
                # The kiosk opens the port only through here (the poller's port check, a
                # request): say once what is wrong, by name, and again only if it changes,
                # not once a second for as long as the adapter stays unplugged.
                if str(exc) != self._port_problem:
                    self._port_problem = str(exc)
                    log.error("%s", exc)
                raise
        assert self._serial is not None
        return self._serial

    def _lose_port(self, exc: BaseException) -> PortUnavailable:
        log.warning("serial port %s lost: %s", self.settings.port, exc)
        self.close()
        # One immediate reopen attempt is allowed; after a failure, one per interval.
        self._next_reopen = self._clock()
        for board, online in sorted(self._online.items()):
            if online:
                self._online[board] = False
                self._events.append(BoardEvent("offline", board))
        return PortUnavailable(self.settings.port, f"was lost ({exc})")

    def check_port(self) -> bool:
        """Make sure the port is still there, reopening it if it is due; True if usable.

        Cheap enough to call every second: a path check and one ``ioctl``. A vanished
        adapter is noticed here even when no board has been polled for a while.
        """
        with self._lock:
            if self._serial is None:
                try:
                    self._ensure_port()
                except PortUnavailable:
                    return False
                return True
            try:
                if not os.path.exists(self.settings.port):
                    raise OSError(errno.ENOENT, "device path gone")
                _ = self._serial.in_waiting
            except (serial.SerialException, OSError) as exc:
                self._lose_port(exc)
                return False
            return True

    # ------------------------------------------------------------------ transactions
    def _transact(
        self, request: Request, timeout_s: float | None = None, *, settle: bool = False
    ) -> list[BoardReply]:
        """Send one request and collect the replies it earns (empty on timeout).

        With ``settle``, a reply that may still be on its way to an earlier request (one
        went unanswered since the line was last settled) is waited out and discarded
        before the request goes out. The CU16 has no sequence numbers: a late reply, or
        the reply to a read that a late reply already answered, is indistinguishable from
        the answer to the next request to the same board. For a status read that is a
        reading a few tens of milliseconds old; for an unlock it would be a hook read open
        *before* the unlock, reported as "opened" for a door that may never open.
        """
        ser = self._ensure_port()
        timeout = self.settings.timeout_ms / 1000 if timeout_s is None else timeout_s
        try:
            stale = ser.in_waiting
            if stale:
                self._decoder.expect(None)
                self._decoder.feed(ser.read(stale))
                self._decoder.flush()
            if settle and self._reply_owed:
                self._settle_line(ser)
            self._decoder.expect(request)
            ser.write(request.frame)
            self.frames_sent += 1
            if request.reply_command is None:
                return []
            replies: list[BoardReply] = []
            fd = ser.fileno()
            deadline = self._clock() + timeout
            while True:
                remaining = deadline - self._clock()
                if remaining <= 0:
                    break
                ready, _, _ = select.select([fd], [], [], remaining)
                if not ready:
                    break
                chunk = ser.read(max(1, ser.in_waiting))
                if not chunk:
                    raise serial.SerialException("device readable but returned no data")
                replies += self._decoder.feed(chunk)
                if replies and not request.broadcast:
                    break
            if not replies:
                self._reply_owed = True
            return replies
        except (serial.SerialException, OSError) as exc:
            raise self._lose_port(exc) from exc
        finally:
            self._decoder.flush()
            self._decoder.expect(None)

    def _settle_line(self, ser: serial.Serial) -> None:
        """Read and drop whatever arrives for one reply timeout (nothing is outstanding)."""
        self._reply_owed = False
        fd = ser.fileno()
        deadline = self._clock() + self.settings.timeout_ms / 1000
        self._decoder.expect(None)
        while (remaining := deadline - self._clock()) > 0:
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                break
            chunk = ser.read(max(1, ser.in_waiting))
            if not chunk:
                raise serial.SerialException("device readable but returned no data")
            self._decoder.feed(chunk)
        self._decoder.flush()

    def _try_status(self, board: int, attempts: int) -> BoardStatus | None:
        request = self.protocol.status_request(board)
        for attempt in range(attempts):
            replies = self._transact(request)
            if replies:
                return self._accept(replies[-1])
            log.debug("board %d: no status reply (attempt %d/%d)", board, attempt + 1, attempts)
        return None

    def status(self, board: int, *, retries: int | None = None) -> BoardStatus:
        """Read one board's hooks and sensors.

        Raises:
            BoardNotAnswering: no valid reply after ``1 + retries`` attempts.
            PortUnavailable: the port is missing or was lost.
        """
        with self._lock:
            attempts = 1 + (self.settings.retries if retries is None else retries)
            status = self._try_status(board, attempts)
            if status is None:
                self._set_online(board, False)
                raise BoardNotAnswering(board)
            return status

    def read_all(self) -> list[BoardStatus]:
        """Broadcast read-all (0x32): the status of every board that answers."""
        with self._lock:
            request = self.protocol.read_all_request()
            replies = self._transact(request)
            return [self._accept(r) for r in replies]

    def scan(self) -> list[int]:
        """Board addresses that answer a status read (one attempt each)."""
        with self._lock:
            found = []
            for board in range(self.protocol.max_board + 1):
                if self._try_status(board, 1) is not None:
                    found.append(board)
            return found

    def open(self, board: int, lock: int) -> BoardStatus:
        """Unlock one lock and return once its hook reads open.

        The one re-send the spec allows is decided from the door's history since the
        unlock, not from one reading: the unlock goes out again only if every status read
        since it was answered and read the hook closed, up to the end of the confirmation
        window. A read that went unanswered is a stretch in which the door may have been
        opened and shut again by a quick hand; a closed hook after it proves nothing, and
        a re-send would swing open a door someone has just closed. Such a door is watched
        until the door-open timeout instead, and fails as "did not open" if it never reads
        open (the caller's "try again" reads the door before it unlocks anything).

        Raises:
            DoorDidNotOpen: the hook still read closed at ``door_open_timeout_s``.
            BoardNotAnswering: the board never answered a status read meanwhile.
            PortUnavailable: the port is missing or was lost.
        """
        with self._lock:
            s = self.settings
            request = self.protocol.unlock_request(board, lock)
            start = self._clock()
            give_up = start + s.door_open_timeout_s
            confirm_until = start + s.unlock_confirm_ms / 1000
            # Remembered so that this opening is reported as "opened", not "forced".
            self._pending_unlock[(board, lock)] = give_up + s.poll_idle_s
            log.info("unlock board %d lock %d", board, lock)
            try:
                answered = self._send_unlock(request, board, lock)
                if answered is not None and not answered.lock_closed(lock):
                    return answered
                resent = False
                seen_board = answered is not None
                # True while no status read since the unlock has gone unanswered: the
                # door's history has no gap in which it could have opened and shut unseen.
                unbroken = True
                while True:
                    status = self._try_status(board, 1)
                    if status is None:
                        unbroken = False
                    else:
                        seen_board = True
                        if not status.lock_closed(lock):
                            return status
                    now = self._clock()
                    if now >= give_up:
                        break
                    if not resent and now >= confirm_until and status is not None:
                        resent = True  # decided once, either way
                        if unbroken:
                            # Read closed by every read through the window: the one resend.
                            log.warning(
                                "board %d lock %d still closed; unlock sent again", board, lock
                            )
                            answered = self._send_unlock(request, board, lock)
                            if answered is not None and not answered.lock_closed(lock):
                                return answered
                            continue
                        log.warning(
                            "board %d lock %d reads closed, but a status read went unanswered "
                            "since the unlock: it may have been opened and shut; not sent again",
                            board,
                            lock,
                        )
                    time.sleep(min(s.confirm_poll_ms / 1000, max(0.0, give_up - now)))
            finally:
                # Opened (the event is out), failed or interrupted: a later opening of this
                # lock with no new unlock is forced.
                self._pending_unlock.pop((board, lock), None)
            if not seen_board:
                self._set_online(board, False)
                raise BoardNotAnswering(board)
            log.warning("board %d lock %d did not open", board, lock)
            raise DoorDidNotOpen(board, lock, s.door_open_timeout_s)

    def _send_unlock(self, request: Request, board: int, lock: int) -> BoardStatus | None:
        replies = self._transact(request, settle=True)
        if replies:
            return self._accept(replies[-1])
        if request.reply_command is not None:
            log.info("board %d lock %d: unlock reply missing; reading status", board, lock)
        return None

    def open_all(self, board: int) -> BoardStatus:
        """Unlock every lock of one board (sent once) and return the status read after."""
        with self._lock:
            request = self.protocol.unlock_all_request(board)
            self._pending_unlock[(board, 0)] = (
                self._clock() + self.settings.door_open_timeout_s + self.settings.poll_idle_s
            )
            log.info("unlock all locks of board %d", board)
            answered = self._send_unlock(request, board, 0)
            deadline = self._clock() + self.settings.unlock_confirm_ms / 1000
            status = answered
            # Give the hooks the confirmation window to read open; never resend.
            while status is None or not status.open_locks:
                if self._clock() >= deadline:
                    break
                status = self._try_status(board, 1) or status
                time.sleep(self.settings.confirm_poll_ms / 1000)
            if status is None:
                return self.status(board)
            return status

    # ------------------------------------------------------------------ state and events
    def known(self, board: int) -> BoardStatus | None:
        """Last status read from ``board``, or None if never read."""
        return self._known.get(board)

    def is_online(self, board: int) -> bool | None:
        """Whether ``board`` answered its last request; None if never asked."""
        return self._online.get(board)

    def unlock_in_flight(self, board: int) -> bool:
        """True while an unlock of this board waits to be seen open."""
        now = self._clock()
        return any(b == board and until > now for (b, _), until in self._pending_unlock.items())

    def take_events(self) -> list[Event]:
        """Return and forget the events collected since the last call."""
        with self._lock:
            events, self._events = self._events, []
            return events

    def _set_online(self, board: int, online: bool) -> None:
        previous = self._online.get(board)
        self._online[board] = online
        if previous is not online and (online or previous is True):
            kind: BoardEventKind = "online" if online else "offline"
            log.log(logging.INFO if online else logging.WARNING, "board %d %s", board, kind)
            self._events.append(BoardEvent(kind, board))

    def _unlock_pending(self, board: int, lock: int, now: float) -> bool:
        for key in ((board, lock), (board, 0)):
            until = self._pending_unlock.get(key)
            if until is not None:
                if until > now:
                    return True
                del self._pending_unlock[key]
        return False

    def _accept(self, reply: BoardReply) -> BoardStatus:
        board = reply.board
        sensors = board in self.settings.sensor_boards
        status = BoardStatus(
            board=board,
            closed=reply.closed,
            items=tuple(reply.items) if sensors else tuple(None for _ in reply.items),
        )
        previous = self._known.get(board)
        self._known[board] = status
        self._set_online(board, True)
        now = self._clock()
        for index, closed in enumerate(status.closed):
            lock = index + 1
            was_closed = previous.closed[index] if previous is not None else None
            pending = self._unlock_pending(board, lock, now)
            if not closed and (was_closed is True or (was_closed is None and pending)):
                kind: DoorEventKind = "opened" if pending else "forced"
                self._pending_unlock.pop((board, lock), None)
                if kind == "forced":
                    log.warning("board %d lock %d opened without an unlock", board, lock)
                self._events.append(DoorEvent(kind, board, lock))
            elif closed and was_closed is False:
                self._events.append(DoorEvent("closed", board, lock))
            if previous is None:
                continue
            before, after = previous.items[index], status.items[index]
            if before is not None and after is not None and before != after:
                self._events.append(DoorEvent("item_in" if after else "item_out", board, lock))
        return status


class Poller:
    """Decides which boards to read when, and turns the reads into events.

    Boards with an open door or an unlock in flight are read every ``poll_open_ms``, the
    others every ``poll_idle_s``; the port itself is checked every ``port_check_interval_s``
    so a vanished adapter is reported within about a second. Not a thread: call
    :meth:`poll_due` from whoever owns the bus (the Qt service's worker, the CLI loop).
    """

    def __init__(self, bus: Bus, boards: Iterable[int], *, clock: Clock = time.monotonic) -> None:
        self.bus = bus
        self.boards = sorted(set(boards))
        self._clock = clock
        self._next_due: dict[int, float] = dict.fromkeys(self.boards, 0.0)
        self._next_port_check = 0.0
        self._port_was_up = True

    def hurry(self, board: int) -> None:
        """Read ``board`` at the next call (e.g. right after an unlock)."""
        self._next_due[board] = 0.0

    def _fast(self, board: int) -> bool:
        known = self.bus.known(board)
        return self.bus.unlock_in_flight(board) or bool(known and known.open_locks)

    def poll_due(self) -> list[Event]:
        """Check the port if due, read every board that is due; return the new events."""
        s = self.bus.settings
        now = self._clock()
        if now >= self._next_port_check:
            self._next_port_check = now + s.port_check_interval_s
            up = self.bus.check_port()
            if up and not self._port_was_up:
                for board in self.boards:  # back: read everything at once
                    self._next_due[board] = 0.0
            self._port_was_up = up
        if self.bus.port_is_open:
            for board in self.boards:
                if self._next_due[board] > now:
                    continue
                try:
                    self.bus.status(board)
                except BoardNotAnswering:
                    pass
                except PortUnavailable:
                    self._port_was_up = False
                    break
                finally:
                    interval = s.poll_open_ms / 1000 if self._fast(board) else s.poll_idle_s
                    self._next_due[board] = self._clock() + interval
        return self.bus.take_events()

    def seconds_to_next(self) -> float:
        """How long the caller may sleep before :meth:`poll_due` has work again."""
        due = min([self._next_port_check, *self._next_due.values()])
        return max(0.0, due - self._clock())

    def run(self, stop: threading.Event, on_events: Callable[[list[Event]], None]) -> None:
        """Poll until ``stop`` is set, handing each non-empty batch of events on.

        For plain-Python owners of the bus (tests, scripts); the Qt service drives
        :meth:`poll_due` from its own timer, and the CLI's ``watch`` from a loop that
        waits on :class:`~kiosk.hardware.signals.ShutdownSignals` (never set ``stop``
        from a signal handler: ``Event.set`` takes a lock).
        """
        while not stop.is_set():
            events = self.poll_due()
            if events:
                on_events(events)
            stop.wait(max(0.005, self.seconds_to_next()))
