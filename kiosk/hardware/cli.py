"""``locker-kiosk-board``: the technician's tool for a bus of lock-control boards.

Talks to the boards with the same driver as the kiosk, so what works here works there::

    locker-kiosk-board --port /dev/lockerboard scan
    locker-kiosk-board --port /dev/lockerboard --board 1 status
    locker-kiosk-board --port /dev/lockerboard --board 1 open --lock 3
    locker-kiosk-board --port /dev/lockerboard --board 1 open-all
    locker-kiosk-board --port /dev/lockerboard watch

Output is one JSON object per line, so it can be piped into ``jq``. Exit codes: 0 done,
1 the lock never read open, 2 the bus could not be used (port missing, not a serial port,
permission denied, in use by another program such as the running kiosk, no board
answering) — each with a sentence on stderr saying what to do.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from kiosk.hardware.cu16 import HookClosedBit, UnlockReply
from kiosk.hardware.driver import (
    BoardEvent,
    BoardNotAnswering,
    BoardStatus,
    Bus,
    BusSettings,
    DoorDidNotOpen,
    Event,
    Poller,
    PortBusy,
    PortMissing,
    PortNotSerial,
    PortPermissionDenied,
    PortUnavailable,
)
from kiosk.hardware.signals import ShutdownSignals

log = logging.getLogger("kiosk.hardware.cli")

EXIT_OK = 0
EXIT_NOT_OPENED = 1
EXIT_BUS = 2


class _Usage(Exception):
    """A command-line mistake found after parsing (exit 2 with the message)."""


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="locker-kiosk-board",
        description="Scan, read and open KR-CU16 lock-control boards on a serial bus.",
    )
    p.add_argument("--port", required=True, help="serial device, e.g. /dev/ttyUSB0")
    p.add_argument("--baud", type=int, default=19200)
    p.add_argument("--board", type=int, help="board address 0-15")
    p.add_argument("--timeout", type=int, default=150, metavar="MS", help="reply timeout")
    p.add_argument("--unlock-reply", choices=("status", "none"), default="status")
    p.add_argument("--hook-closed-bit", type=int, choices=(0, 1), default=1)
    p.add_argument("--broadcast-addr", type=lambda s: int(s, 0), choices=(0xF0, 0x00), default=0xF0)
    p.add_argument("--sensors", action="store_true", help="the boards have item sensors")
    p.add_argument("--open-timeout", type=float, default=5.0, metavar="S", help="door-open timeout")
    p.add_argument("-v", "--verbose", action="store_true", help="log the driver's steps")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("scan", help="list the boards that answer")
    sub.add_parser("status", help="one JSON line per lock")
    open_p = sub.add_parser("open", help="open one lock; exit 0 once it reads open")
    open_p.add_argument("--lock", type=int, required=True, help="lock 1-16")
    sub.add_parser("open-all", help="open every lock of --board")
    watch = sub.add_parser("watch", help="print door changes live")
    watch.add_argument("--duration", type=float, metavar="S", help="stop after S seconds")
    watch.add_argument(
        "--interval", type=float, default=0.5, metavar="S", help="read closed boards every S s"
    )
    return p


def _lock_lines(status: BoardStatus) -> list[str]:
    return [
        json.dumps(
            {
                "board": status.board,
                "lock": i + 1,
                "closed": closed,
                "item": status.items[i],
            }
        )
        for i, closed in enumerate(status.closed)
    ]


def _event_line(event: Event) -> str:
    if isinstance(event, BoardEvent):
        return json.dumps({"event": event.kind, "board": event.board})
    return json.dumps({"event": event.kind, "board": event.board, "lock": event.lock})


def _boards(bus: Bus, board: int | None) -> list[int]:
    if board is not None:
        return [board]
    found = bus.scan()
    if not found:
        raise BoardNotAnswering(-1)
    return found


def _need_board(board: int | None, command: str) -> int:
    if board is None:
        raise _Usage(f"'{command}' needs --board N")
    return board


def _watch(bus: Bus, boards: list[int], duration: float | None, out: TextIO) -> None:
    """Print door changes until SIGINT/SIGTERM or ``duration`` seconds.

    The wait between polls is :class:`ShutdownSignals`, whose handler takes no lock: a
    ``threading.Event`` set from a handler deadlocked when a second signal came during
    shutdown, after which only SIGKILL ended the program.
    """
    poller = Poller(bus, boards)
    end = None if duration is None else time.monotonic() + duration
    with ShutdownSignals() as shutdown:
        while True:
            events = poller.poll_due()
            if events:
                print("\n".join(map(_event_line, events)), file=out, flush=True)
            pause = max(0.005, poller.seconds_to_next())
            if end is not None:
                pause = min(pause, end - time.monotonic())
                if pause <= 0:
                    return
            if shutdown.wait(pause):
                return


def _run(args: argparse.Namespace, bus: Bus) -> int:
    out = sys.stdout
    if args.command == "scan":
        boards = _boards(bus, None)
        for board in boards:
            print(json.dumps({"board": board}), file=out)
    elif args.command == "status":
        for board in _boards(bus, args.board):
            print("\n".join(_lock_lines(bus.status(board))), file=out)
    elif args.command == "open":
        board = _need_board(args.board, "open")
        try:
            bus.open(board, args.lock)
        except DoorDidNotOpen as exc:
            print(f"locker-kiosk-board: {exc}; it may be jammed", file=sys.stderr)
            return EXIT_NOT_OPENED
        print(json.dumps({"board": board, "lock": args.lock, "opened": True}), file=out)
    elif args.command == "open-all":
        board = _need_board(args.board, "open-all")
        print("\n".join(_lock_lines(bus.open_all(board))), file=out)
    elif args.command == "watch":
        boards = _boards(bus, args.board)
        _watch(bus, boards, args.duration, out)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``locker-kiosk-board``; returns the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(name)s: %(message)s",
    )
    unlock_reply: UnlockReply = args.unlock_reply
    hook_closed_bit: HookClosedBit = args.hook_closed_bit
    board_range = range(16)
    if args.board is not None and args.board not in board_range:
        print("locker-kiosk-board: --board must be 0..15", file=sys.stderr)
        return EXIT_BUS
    settings = BusSettings(
        port=args.port,
        baud=args.baud,
        timeout_ms=args.timeout,
        unlock_reply=unlock_reply,
        hook_closed_bit=hook_closed_bit,
        broadcast_addr=args.broadcast_addr,
        door_open_timeout_s=args.open_timeout,
        sensor_boards=frozenset(board_range) if args.sensors else frozenset(),
        poll_idle_s=getattr(args, "interval", 3.0),
    )
    bus = Bus(settings)
    name = "locker-kiosk-board"
    try:
        bus.open_port()
        return _run(args, bus)
    except PortMissing:
        print(
            f"{name}: serial port {args.port} does not exist; is the USB-RS485 adapter "
            "plugged in? (see /dev/serial/by-id/)",
            file=sys.stderr,
        )
    except PortPermissionDenied:
        print(
            f"{name}: permission denied on {args.port}; add your user to the 'dialout' "
            "group (sudo usermod -aG dialout $USER) and log in again",
            file=sys.stderr,
        )
    except PortBusy as exc:
        # The kiosk (or another tool) is on the bus: two programs would take each other's
        # replies and doors. One line naming the holder, and no frame sent.
        print(f"{name}: {exc}; stop it first", file=sys.stderr)
    except PortNotSerial as exc:
        print(f"{name}: {exc}; check --port (see /dev/serial/by-id/)", file=sys.stderr)
    except PortUnavailable as exc:
        print(f"{name}: {exc}", file=sys.stderr)
    except BoardNotAnswering as exc:
        where = "no board" if exc.board < 0 else f"board {exc.board} is not"
        print(
            f"{name}: {where} answering on {args.port}; check power, wiring (A/B), "
            f"the DIP address and --baud {args.baud}",
            file=sys.stderr,
        )
    except _Usage as exc:
        print(f"{name}: {exc}", file=sys.stderr)
    except ValueError as exc:  # a lock or board out of range
        print(f"{name}: {exc}", file=sys.stderr)
    finally:
        bus.close()
    return EXIT_BUS


if __name__ == "__main__":
    sys.exit(main())
