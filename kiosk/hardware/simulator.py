"""A simulated RS485 bus of KR-CU16 boards, served byte for byte over a pseudo-terminal.

The driver under test opens a real device path with pyserial; on the other end of the pty
this simulator parses request frames and answers exactly as the spec says, with every
spec setting as an option (unlock reply or none, hook polarity, broadcast address, item
sensors). It can also misbehave on purpose: drop replies, corrupt SUMs, answer late, answer
as the wrong board or with the wrong reply command, cut a reply short, put noise on the
line, jam a lock, leave a door open, and vanish (close the pty) and come back.

In process (tests, ``--demo``)::

    sim = SimulatedBus(boards=2)          # boards 1 and 2
    sim.start()
    bus = Bus(BusSettings(port=sim.path))
    ...
    sim.close_door(1, 3)
    sim.stop()

As a program: ``locker-kiosk-boardsim --boards 2 --link /tmp/lockerboard`` prints the
device path (then ``link PATH``) and serves until interrupted; ``--link`` keeps a stable
symlink to the current pty, so a driver configured with the link finds the simulator again
after it comes back. Lines on stdin act on the world (``close 1 3``, ``item 1 3``,
``jam 1 3``, ``fault drop``, ``vanish``, ``back``, ``state``; anything else lists them).

A door opened by an unlock stays open until someone closes it (:meth:`SimulatedBus.close_door`,
the demo's side panel), or after ``auto_close_s`` when given.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import pty
import random
import select
import sys
import threading
import time
import tty
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.hardware.cu16 import (
    CMD_READ_ALL,
    CMD_STATUS,
    CMD_UNLOCK,
    CMD_UNLOCK_ALL,
    ETX,
    LOCKS_PER_BOARD,
    RCMD_READ_ALL,
    RCMD_STATUS,
    REQUEST_LENGTH,
    STX,
    Cu16Settings,
    HookClosedBit,
    UnlockReply,
    checksum,
    encode_reply,
    hook_mask,
)
from kiosk.hardware.signals import ShutdownSignals

log = logging.getLogger("kiosk.hardware.simulator")


class Fault(StrEnum):
    """One-shot misbehaviours, applied to the next replies in order of injection."""

    DROP = "drop"
    """Send nothing."""
    CORRUPT_SUM = "corrupt_sum"
    """Send the reply with its SUM byte wrong."""
    WRONG_BOARD = "wrong_board"
    """Send the reply with another board's address."""
    WRONG_COMMAND = "wrong_command"
    """Send the reply with an unexpected reply command byte."""
    TRUNCATE = "truncate"
    """Send only the first half of the reply."""
    GARBAGE = "garbage"
    """Send noise bytes, then the reply."""
    LATE = "late"
    """Send the reply after ``late_s`` (later than a driver's timeout)."""


@dataclass(frozen=True, slots=True)
class LockState:
    """What the simulator knows about one lock (for the demo side panel and tests)."""

    board: int
    lock: int
    closed: bool
    item: bool
    jammed: bool


@dataclass
class _Board:
    address: int
    closed: list[bool] = field(default_factory=lambda: [True] * LOCKS_PER_BOARD)
    items: list[bool] = field(default_factory=lambda: [False] * LOCKS_PER_BOARD)
    jammed: set[int] = field(default_factory=set)
    muted: bool = False


@dataclass(frozen=True, slots=True)
class ReceivedFrame:
    """A valid request frame the simulator received, and when (monotonic clock)."""

    frame: bytes
    at: float

    @property
    def command(self) -> int:
        """The request's command byte."""
        return self.frame[2]

    @property
    def board(self) -> int:
        """The board addressed (high nibble of ADDR)."""
        return self.frame[1] >> 4

    @property
    def lock(self) -> int:
        """The lock addressed, counted from 1 (low nibble of ADDR + 1)."""
        return (self.frame[1] & 0x0F) + 1


@dataclass(frozen=True, slots=True)
class Opening:
    """An unlock that opened a closed door: which, and when (monotonic clock)."""

    board: int
    lock: int
    at: float


NOISE = b"\xff\x00\x13\x37\x03\xaa"


class SimulatedBus:
    """N simulated KR-CU16 boards on one pseudo-terminal.

    Args:
        boards: Number of boards (addresses 1..N) or an explicit list of addresses.
        unlock_reply: "status" (answer an unlock with a 0x35 status frame) or "none".
        hook_closed_bit: Bit value sent for a closed hook.
        broadcast_addr: ADDR byte the read-all request must carry to be answered.
        has_sensors: Whether the boards report item sensors (else I1/I2 are always 0).
        link: Path of a symlink kept pointing at the current pty (survives vanish/reappear).
        baud: Line speed, used only when ``wire_delay`` is set.
        wire_delay: Wait the wire time of request + reply before answering, as a real
            19200-baud line would (for benchmarks).
        reply_delay_s: Extra delay before every reply (a slow board).
        late_s: Delay of a reply hit by :attr:`Fault.LATE`.
        auto_close_s: Close a door this long after it opened (None: only close_door does).
        drop_rate: Probability of dropping any reply (random faults for the CLI).
        corrupt_rate: Probability of corrupting the SUM of any reply.
        late_rate: Probability of sending any reply ``late_s`` late.
        seed: Seed of the random faults.
        echo: Send every received request back first, as RS485 adapters with local echo
            do (the driver must skip its own frames).
    """

    def __init__(
        self,
        boards: int | Iterable[int] = 1,
        *,
        unlock_reply: UnlockReply = "status",
        hook_closed_bit: HookClosedBit = 1,
        broadcast_addr: int = 0xF0,
        has_sensors: bool = True,
        link: str | None = None,
        baud: int = 19200,
        wire_delay: bool = False,
        reply_delay_s: float = 0.0,
        late_s: float = 0.4,
        auto_close_s: float | None = None,
        drop_rate: float = 0.0,
        corrupt_rate: float = 0.0,
        late_rate: float = 0.0,
        seed: int | None = None,
        echo: bool = False,
    ) -> None:
        self.echo = echo
        self.settings = Cu16Settings(unlock_reply, hook_closed_bit, broadcast_addr)
        addresses = range(1, boards + 1) if isinstance(boards, int) else sorted(set(boards))
        self._boards = {a: _Board(a) for a in addresses}
        if any(not 0 <= a <= 15 for a in self._boards):
            raise ValueError("board addresses must be 0..15")
        self.has_sensors = has_sensors
        self.link = link
        self.baud = baud
        self.wire_delay = wire_delay
        self.reply_delay_s = reply_delay_s
        self.late_s = late_s
        self.auto_close_s = auto_close_s
        self.drop_rate = drop_rate
        self.corrupt_rate = corrupt_rate
        self.late_rate = late_rate
        self.faults_applied = 0
        self.before_answer: Callable[[ReceivedFrame], None] | None = None
        """Called on the serving thread with each valid request before it is answered:
        the hand of a person acting at an exact point of a driver's exchange (tests)."""
        self._openings: list[Opening] = []
        self._random = random.Random(seed)
        self._state = threading.RLock()
        self._received: list[ReceivedFrame] = []
        self._received_cond = threading.Condition(self._state)
        self._changed = threading.Condition(self._state)
        self._faults: deque[Fault] = deque()
        self._auto_close: dict[tuple[int, int], float] = {}
        self._master: int | None = None
        self._slave: int | None = None
        self._device = ""
        self._inbuf = bytearray()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        self._ops: deque[tuple[Callable[[], None], threading.Event]] = deque()
        self.replies_sent = 0
        self._open_pty()

    # ------------------------------------------------------------------ pty plumbing
    def _open_pty(self) -> None:
        master, slave = pty.openpty()
        # Raw before anyone opens it: a cooked pty would echo our replies back to us.
        tty.setraw(slave)
        # Holding the slave open keeps the master readable when the driver closes its end.
        self._master, self._slave = master, slave
        self._device = os.ttyname(slave)
        self._inbuf.clear()
        if self.link:
            tmp = f"{self.link}.tmp{os.getpid()}"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.symlink(self._device, tmp)
            os.replace(tmp, self.link)
        log.info("simulated bus on %s", self._device)

    def _close_pty(self) -> None:
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.link)
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None

    @property
    def path(self) -> str:
        """The path a driver should open: the stable link if any, else the pty device."""
        return self.link or self._device

    @property
    def device(self) -> str:
        """The current pty slave device (changes after vanish/reappear)."""
        return self._device

    @property
    def vanished(self) -> bool:
        """True between :meth:`vanish` and :meth:`reappear`."""
        return self._master is None

    @property
    def boards(self) -> list[int]:
        """Addresses of the simulated boards."""
        return sorted(self._boards)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        """Serve on a background thread until :meth:`stop`."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="boardsim", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the pty (idempotent)."""
        if self._thread is not None:
            self._stop.set()
            os.write(self._wake_w, b"x")
            self._thread.join(5)
            self._thread = None
        self._close_pty()
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._wake_r = self._wake_w = -1

    def __enter__(self) -> SimulatedBus:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _call(self, op: Callable[[], None]) -> None:
        """Run ``op`` on the serving thread (it owns the fds), or here if not serving."""
        if self._thread is None or threading.current_thread() is self._thread:
            op()
            return
        done = threading.Event()
        self._ops.append((op, done))
        os.write(self._wake_w, b"o")
        done.wait(5)

    def vanish(self) -> None:
        """Close the pty (and remove the link), as an unplugged USB adapter would."""
        self._call(self._close_pty)

    def reappear(self) -> None:
        """Open a new pty (and point the link at it), as a re-plugged adapter would."""

        def op() -> None:
            if self._master is None:
                self._open_pty()

        self._call(op)

    # ------------------------------------------------------------------ the world
    def _board(self, board: int) -> _Board:
        try:
            return self._boards[board]
        except KeyError:
            raise ValueError(f"no simulated board {board}") from None

    @staticmethod
    def _index(lock: int) -> int:
        if not 1 <= lock <= LOCKS_PER_BOARD:
            raise ValueError(f"lock must be 1..{LOCKS_PER_BOARD}, not {lock}")
        return lock - 1

    def close_door(self, board: int, lock: int) -> None:
        """Someone shuts the door: the hook reads closed again."""
        with self._state:
            self._board(board).closed[self._index(lock)] = True
            self._auto_close.pop((board, lock), None)
            self._changed.notify_all()

    def open_door(self, board: int, lock: int) -> None:
        """The door is open with no unlock (forced, or left open): the hook reads open."""
        with self._state:
            self._board(board).closed[self._index(lock)] = False
            self._changed.notify_all()

    def set_item(self, board: int, lock: int, present: bool) -> None:
        """Put an item in (True) or take it out (False) of a compartment."""
        with self._state:
            self._board(board).items[self._index(lock)] = present

    def jam(self, board: int, lock: int, jammed: bool = True) -> None:
        """A jammed lock ignores unlocks: its hook keeps reading closed."""
        with self._state:
            b = self._board(board)
            if jammed:
                b.jammed.add(lock)
            else:
                b.jammed.discard(lock)

    def mute(self, board: int, muted: bool = True) -> None:
        """A muted board answers nothing (powered off, cable cut)."""
        with self._state:
            self._board(board).muted = muted

    def wait_for_door(self, board: int, lock: int, closed: bool, timeout: float = 5.0) -> bool:
        """Block until the hook of a lock reads ``closed`` (True) or open (False)."""
        with self._changed:
            return self._changed.wait_for(
                lambda: self._board(board).closed[self._index(lock)] is closed, timeout
            )

    def is_closed(self, board: int, lock: int) -> bool:
        """Whether the hook of a lock is closed."""
        with self._state:
            return self._board(board).closed[self._index(lock)]

    def locks(self) -> list[LockState]:
        """Every lock of every board, for display; quick, never blocks on I/O."""
        with self._state:
            return [
                LockState(a, i + 1, b.closed[i], b.items[i], (i + 1) in b.jammed)
                for a, b in sorted(self._boards.items())
                for i in range(LOCKS_PER_BOARD)
            ]

    def inject(self, fault: Fault, count: int = 1) -> None:
        """Apply ``fault`` to the next ``count`` replies."""
        with self._state:
            self._faults.extend([fault] * count)

    def clear_faults(self) -> None:
        """Forget faults not yet applied."""
        with self._state:
            self._faults.clear()

    def send_raw(self, data: bytes) -> None:
        """Write bytes on the line now, unasked (noise, a stray frame)."""

        def op() -> None:
            if self._master is not None:
                os.write(self._master, data)

        self._call(op)

    # ------------------------------------------------------------------ observing the driver
    @property
    def received(self) -> list[ReceivedFrame]:
        """Every valid request frame received so far, in order."""
        with self._state:
            return list(self._received)

    def requests(
        self, command: int | None = None, board: int | None = None, lock: int | None = None
    ) -> list[ReceivedFrame]:
        """Received requests filtered by command byte, board and lock (counted from 1)."""
        return [
            r
            for r in self.received
            if (command is None or r.command == command)
            and (board is None or r.board == board)
            and (lock is None or r.lock == lock)
        ]

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> bool:
        """Block until at least ``count`` requests have been received in total."""
        with self._received_cond:
            return self._received_cond.wait_for(lambda: len(self._received) >= count, timeout)

    @property
    def openings(self) -> list[Opening]:
        """Every time an unlock swung a closed door open, in order (a door already open
        that gets another unlock is not opened again)."""
        with self._state:
            return list(self._openings)

    def clear_received(self) -> None:
        """Forget the received requests (between test phases)."""
        with self._state:
            self._received.clear()

    # ------------------------------------------------------------------ serving
    def _run(self) -> None:
        while not self._stop.is_set():
            fds = [self._wake_r] + ([self._master] if self._master is not None else [])
            try:
                ready, _, _ = select.select(fds, [], [], 0.05)
            except (OSError, ValueError):  # an fd closed under us; loop and rebuild
                continue
            if self._wake_r in ready:
                os.read(self._wake_r, 64)
            while self._ops:
                op, done = self._ops.popleft()
                try:
                    op()
                finally:
                    done.set()
            self._run_auto_close()
            master = self._master
            if master is not None and master in ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    continue
                self._handle_bytes(data)

    def _run_auto_close(self) -> None:
        if not self._auto_close:
            return
        now = time.monotonic()
        with self._state:
            for (board, lock), when in list(self._auto_close.items()):
                if when <= now:
                    del self._auto_close[(board, lock)]
                    self._boards[board].closed[lock - 1] = True
                    self._changed.notify_all()

    def _handle_bytes(self, data: bytes) -> None:
        buf = self._inbuf
        buf += data
        while True:
            start = buf.find(STX)
            if start < 0:
                buf.clear()
                return
            del buf[:start]
            if len(buf) < REQUEST_LENGTH:
                return
            frame = bytes(buf[:REQUEST_LENGTH])
            if frame[3] != ETX or checksum(frame[:4]) != frame[4]:
                del buf[:1]  # not a request frame: a real board ignores it
                continue
            del buf[:REQUEST_LENGTH]
            received = ReceivedFrame(frame, time.monotonic())
            with self._received_cond:
                self._received.append(received)
                self._received_cond.notify_all()
            if self.before_answer is not None:
                self.before_answer(received)
            if self.echo and self._master is not None:
                os.write(self._master, frame)
            self._answer(frame)

    def _answer(self, frame: bytes) -> None:
        addr, command = frame[1], frame[2]
        board_addr, index = addr >> 4, addr & 0x0F
        replies: list[bytes] = []
        with self._state:
            if command == CMD_READ_ALL:
                if addr == self.settings.broadcast_addr:
                    replies = [
                        self._status_frame(b, RCMD_READ_ALL)
                        for b in self._boards.values()
                        if not b.muted
                    ]
            else:
                board = self._boards.get(board_addr)
                if board is None or board.muted:
                    return
                if command == CMD_STATUS:
                    replies = [self._status_frame(board, RCMD_STATUS)]
                elif command in (CMD_UNLOCK, CMD_UNLOCK_ALL):
                    targets = [index + 1] if command == CMD_UNLOCK else range(1, 17)
                    for lock in targets:
                        self._unlock(board, lock)
                    if self.settings.unlock_reply == "status":
                        replies = [self._status_frame(board, RCMD_STATUS)]
                # 0x37, 0x39 and unknown commands: no answer (not simulated).
        for reply in replies:
            self._send_reply(frame, reply)

    def _unlock(self, board: _Board, lock: int) -> None:
        if lock in board.jammed:
            log.info("board %d lock %d is jammed: unlock ignored", board.address, lock)
            return
        if board.closed[lock - 1]:
            self._openings.append(Opening(board.address, lock, time.monotonic()))
        board.closed[lock - 1] = False
        self._changed.notify_all()
        if self.auto_close_s is not None:
            self._auto_close[(board.address, lock)] = time.monotonic() + self.auto_close_s

    def _status_frame(self, board: _Board, rcmd: int) -> bytes:
        hooks = hook_mask(board.closed, self.settings.hook_closed_bit)
        items = hook_mask(board.items, 1) if self.has_sensors else 0
        return encode_reply(board.address, rcmd, hooks, items)

    def _send_reply(self, request: bytes, reply: bytes) -> None:
        with self._state:
            fault = self._faults.popleft() if self._faults else None
        if fault is None and self.drop_rate and self._random.random() < self.drop_rate:
            fault = Fault.DROP
        if fault is None and self.corrupt_rate and self._random.random() < self.corrupt_rate:
            fault = Fault.CORRUPT_SUM
        if fault is None and self.late_rate and self._random.random() < self.late_rate:
            fault = Fault.LATE
        if fault is not None:
            self.faults_applied += 1
        delay = self.reply_delay_s
        if self.wire_delay:
            delay += (len(request) + len(reply)) * 10 / self.baud
        if fault is Fault.DROP:
            return
        if fault is Fault.LATE:
            delay += self.late_s
        elif fault is Fault.CORRUPT_SUM:
            reply = reply[:-1] + bytes(((reply[-1] + 1) & 0xFF,))
        elif fault is Fault.WRONG_BOARD:
            body = bytes((reply[0], (reply[1] + 0x10) & 0xFF)) + reply[2:-1]
            reply = body + bytes((checksum(body),))
        elif fault is Fault.WRONG_COMMAND:
            wrong = RCMD_READ_ALL if reply[2] == RCMD_STATUS else RCMD_STATUS
            body = reply[:2] + bytes((wrong,)) + reply[3:-1]
            reply = body + bytes((checksum(body),))
        elif fault is Fault.TRUNCATE:
            reply = reply[: len(reply) // 2]
        elif fault is Fault.GARBAGE:
            reply = NOISE + reply
        if delay > 0 and self._stop.wait(delay):
            return
        master = self._master
        if master is None:
            return
        try:
            os.write(master, reply)
        except OSError as exc:
            log.debug("reply not written: %s", exc)
            return
        self.replies_sent += 1


def _lock_ref(text: str) -> tuple[int, int]:
    try:
        board, lock = text.split(":")
        return int(board), int(lock)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected BOARD:LOCK, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="locker-kiosk-boardsim",
        description="Simulated KR-CU16 lock boards on a pseudo-terminal.",
    )
    p.add_argument("--boards", type=int, default=1, help="number of boards (default 1)")
    p.add_argument("--first-board", type=int, default=1, help="address of the first board")
    p.add_argument("--link", help="keep a symlink to the pty at this path")
    p.add_argument("--unlock-reply", choices=("status", "none"), default="status")
    p.add_argument("--hook-closed-bit", type=int, choices=(0, 1), default=1)
    p.add_argument("--broadcast-addr", type=lambda s: int(s, 0), default=0xF0)
    p.add_argument("--no-sensors", action="store_true", help="boards without item sensors")
    p.add_argument("--auto-close", type=float, metavar="S", help="close doors S s after opening")
    p.add_argument("--wire-delay", action="store_true", help="answer after the wire time")
    p.add_argument("--reply-delay-ms", type=float, default=0.0)
    p.add_argument("--drop-rate", type=float, default=0.0, help="probability to drop a reply")
    p.add_argument("--corrupt-rate", type=float, default=0.0, help="probability of a bad SUM")
    p.add_argument("--late-rate", type=float, default=0.0, help="probability of a late reply")
    p.add_argument("--seed", type=int)
    p.add_argument("--echo", action="store_true", help="echo requests (adapter local echo)")
    p.add_argument("--jam", type=_lock_ref, action="append", default=[], metavar="B:L")
    p.add_argument("--leave-open", type=_lock_ref, action="append", default=[], metavar="B:L")
    p.add_argument("--item", type=_lock_ref, action="append", default=[], metavar="B:L")
    p.add_argument("--vanish-after", type=float, metavar="S", help="vanish after S seconds")
    p.add_argument("--vanish-for", type=float, default=3.0, metavar="S")
    return p


COMMANDS = (
    "commands: close B L | open B L | item B L [0|1] | jam B L [0|1] | mute B [0|1] | "
    "fault NAME [N] | vanish | back | state | quit"
)


def run_command(sim: SimulatedBus, line: str) -> str:
    """Carry out one console command; return what to print (the CLI's stdin control)."""
    words = line.split()
    if not words:
        return ""
    name, rest = words[0], words[1:]
    try:
        numbers = [int(w) for w in rest] if name != "fault" else []
        if name == "close" and len(numbers) == 2:
            sim.close_door(*numbers)
        elif name == "open" and len(numbers) == 2:
            sim.open_door(*numbers)
        elif name == "item" and len(numbers) in (2, 3):
            sim.set_item(numbers[0], numbers[1], bool(numbers[2]) if len(numbers) == 3 else True)
        elif name == "jam" and len(numbers) in (2, 3):
            sim.jam(numbers[0], numbers[1], bool(numbers[2]) if len(numbers) == 3 else True)
        elif name == "mute" and len(numbers) in (1, 2):
            sim.mute(numbers[0], bool(numbers[1]) if len(numbers) == 2 else True)
        elif name == "fault" and len(rest) in (1, 2):
            sim.inject(Fault(rest[0]), int(rest[1]) if len(rest) == 2 else 1)
        elif name == "vanish" and not rest:
            sim.vanish()
        elif name == "back" and not rest:
            sim.reappear()
            return f"ok {sim.device}"
        elif name == "state" and not rest:
            return "\n".join(
                f"{s.board}:{s.lock} {'closed' if s.closed else 'open'}"
                + (" item" if s.item else "")
                + (" jammed" if s.jammed else "")
                for s in sim.locks()
            )
        else:
            return COMMANDS
    except ValueError as exc:
        return f"error: {exc}"
    return "ok"


def _stdin_is_ours() -> bool:
    """Whether reading console commands from stdin is safe.

    Not when stdin is the terminal of a background job (``timeout 3 locker-kiosk-boardsim``
    puts it in its own process group): a read there stops the whole process with SIGTTIN,
    and a stopped simulator ignores SIGTERM and SIGINT until someone sends SIGCONT.
    """
    try:
        return not os.isatty(0) or os.tcgetpgrp(0) == os.getpgrp()
    except OSError:  # no stdin at all
        return False


def _read_commands(sim: SimulatedBus, quit_: Callable[[], None]) -> None:
    for line in sys.stdin:
        if line.strip() == "quit":
            quit_()
            return
        answer = run_command(sim, line)
        if answer:
            print(answer, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``locker-kiosk-boardsim``: serve until SIGINT/SIGTERM."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    try:
        sim = SimulatedBus(
            range(args.first_board, args.first_board + args.boards),
            unlock_reply=args.unlock_reply,
            hook_closed_bit=args.hook_closed_bit,
            broadcast_addr=args.broadcast_addr,
            has_sensors=not args.no_sensors,
            link=args.link,
            wire_delay=args.wire_delay,
            reply_delay_s=args.reply_delay_ms / 1000,
            auto_close_s=args.auto_close,
            drop_rate=args.drop_rate,
            corrupt_rate=args.corrupt_rate,
            late_rate=args.late_rate,
            seed=args.seed,
            echo=args.echo,
        )
        for board, lock in args.jam:
            sim.jam(board, lock)
        for board, lock in args.leave_open:
            sim.open_door(board, lock)
        for board, lock in args.item:
            sim.set_item(board, lock, True)
    except (ValueError, OSError) as exc:
        print(f"locker-kiosk-boardsim: {exc}", file=sys.stderr)
        return 2
    # Handlers installed before anything starts and kept until everything is stopped: a
    # signal arriving at any moment, also a second one during the shutdown, only asks for
    # the stop that is already under way (see kiosk.hardware.signals for the deadlock the
    # old Event-based handler had).
    with ShutdownSignals() as shutdown:
        sim.start()
        try:
            print(sim.device, flush=True)
            if args.link:
                print(f"link {args.link}", flush=True)
            if _stdin_is_ours():
                threading.Thread(
                    target=_read_commands, args=(sim, shutdown.request), daemon=True
                ).start()
            if args.vanish_after is not None and not shutdown.wait(args.vanish_after):
                sim.vanish()
                print("vanished", flush=True)
                if not shutdown.wait(args.vanish_for):
                    sim.reappear()
                    print(f"back on {sim.device}", flush=True)
            shutdown.wait()
        finally:
            sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
