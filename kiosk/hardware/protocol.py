"""The interface between the bus driver and one family of lock-control boards.

The driver (:mod:`kiosk.hardware.driver`) knows about serial ports, timeouts, retries and
the unlock rule; it knows nothing about bytes. A board family (Kerong KR-CU16 today, CU12,
CU48 or Winnsen later) implements :class:`BoardProtocol`: it turns intents into request
frames and turns the bytes coming back into :class:`BoardReply` objects, through a
streaming :class:`ReplyDecoder` that survives noise on the line. Adding a family means
adding one module next to :mod:`kiosk.hardware.cu16`, never touching the driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class DropReason(StrEnum):
    """Why a decoder threw bytes away; counted for the diagnostics page."""

    NOISE = "noise"
    """Bytes before a start-of-frame byte (line noise, a half frame from before)."""
    BAD_SUM = "bad_sum"
    """A well-framed reply whose checksum does not match."""
    TRUNCATED = "truncated"
    """A start-of-frame byte not followed by a whole frame."""
    WRONG_BOARD = "wrong_board"
    """A valid reply from a board other than the one asked."""
    UNEXPECTED_COMMAND = "unexpected_command"
    """A valid reply carrying a reply command the request does not produce."""
    UNSOLICITED = "unsolicited"
    """A valid reply arriving while no request is outstanding."""


@dataclass(frozen=True, slots=True)
class Request:
    """One request frame and what its answer looks like.

    Attributes:
        frame: The bytes to put on the wire.
        board: The board addressed, or None for a broadcast.
        reply_command: The command byte the reply carries, or None when the board sends
            no reply to this request (some boards never answer an unlock).
        reply_length: Length in bytes of one reply frame (for wire-time estimates).
        broadcast: True when every board present answers (one reply each).
    """

    frame: bytes
    board: int | None
    reply_command: int | None
    reply_length: int
    broadcast: bool = False


@dataclass(frozen=True, slots=True)
class BoardReply:
    """A decoded status reply, with the hook polarity of the board already applied.

    Attributes:
        board: The board address that answered (0-15).
        command: The reply command byte (for the CU16: 0x35 or 0x36).
        closed: Per lock (index 0 = lock 1): True when the hook reads closed.
        items: Per lock: True when the item sensor sees something. A board without
            sensors reports all False; the driver turns that into "unknown".
    """

    board: int
    command: int
    closed: tuple[bool, ...]
    items: tuple[bool, ...]


class ReplyDecoder(Protocol):
    """A streaming decoder: bytes in, replies out, bad frames dropped and counted.

    The driver tells the decoder what it waits for with :meth:`expect`; a valid frame that
    does not match (wrong board, wrong reply command, nothing outstanding) is dropped and
    counted, so a late reply to an earlier request is never taken for the current one.
    """

    @property
    def drops(self) -> dict[DropReason, int]:
        """How many frames (or noise runs) were dropped, by reason."""
        ...

    def expect(self, request: Request | None) -> None:
        """Set the request whose replies are accepted; None when nothing is outstanding."""
        ...

    def feed(self, data: bytes) -> list[BoardReply]:
        """Consume bytes and return every accepted reply completed by them."""
        ...

    def flush(self) -> None:
        """End of a reply window: count and drop any partial frame left in the buffer."""
        ...


class BoardProtocol(Protocol):
    """What the driver needs from one family of lock-control boards."""

    @property
    def locks_per_board(self) -> int:
        """Number of locks one board drives."""
        ...

    @property
    def max_board(self) -> int:
        """Highest board address on a bus (addresses start at 0)."""
        ...

    def status_request(self, board: int) -> Request:
        """Read the hooks and item sensors of one board."""
        ...

    def unlock_request(self, board: int, lock: int) -> Request:
        """Unlock one lock (counted from 1)."""
        ...

    def unlock_all_request(self, board: int) -> Request:
        """Unlock every lock of one board."""
        ...

    def read_all_request(self) -> Request:
        """Ask every board on the bus for its status (one reply per board)."""
        ...

    def decoder(self) -> ReplyDecoder:
        """A fresh streaming decoder for replies of this family."""
        ...
