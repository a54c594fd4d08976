"""Kerong KR-CU16 frames: encoding requests, decoding replies (spec: board-protocol.md).

Everything specific to the CU16 lives here, behind :class:`kiosk.hardware.protocol.BoardProtocol`.
The points where public code written against real boards disagrees are settings
(:class:`Cu16Settings`), never constants: whether an unlock is answered, which bit value
means "hook closed", and the broadcast address of the read-all command.

Frames::

    request:  STX ADDR CMD ETX SUM                    (5 bytes)
    reply:    STX ADDR RCMD H1 H2 I1 I2 ETX SUM       (9 bytes)
    SUM = sum of every byte before it, & 0xFF;  ADDR = board << 4 | lock index
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kiosk.hardware.protocol import BoardReply, DropReason, Request

STX = 0x02
ETX = 0x03
CMD_STATUS = 0x30
CMD_UNLOCK = 0x31
CMD_READ_ALL = 0x32
CMD_UNLOCK_ALL = 0x33
RCMD_STATUS = 0x35
RCMD_READ_ALL = 0x36
REQUEST_LENGTH = 5
REPLY_LENGTH = 9
LOCKS_PER_BOARD = 16
MAX_BOARD = 15

UnlockReply = Literal["status", "none"]
HookClosedBit = Literal[0, 1]


@dataclass(frozen=True, slots=True)
class Cu16Settings:
    """The CU16 points on which boards in the field differ.

    Attributes:
        unlock_reply: "status" when a board answers an unlock with a 0x35 status frame
            (default), "none" when it sends nothing back.
        hook_closed_bit: The bit value that means "hook closed" (1 by default; some NCU16L
            boards report the opposite).
        broadcast_addr: ADDR byte of the read-all (0x32) request: 0xF0 (default) or 0x00.
    """

    unlock_reply: UnlockReply = "status"
    hook_closed_bit: HookClosedBit = 1
    broadcast_addr: int = 0xF0

    def __post_init__(self) -> None:
        if self.unlock_reply not in ("status", "none"):
            raise ValueError(f"unlock_reply must be 'status' or 'none', not {self.unlock_reply!r}")
        if self.hook_closed_bit not in (0, 1):
            raise ValueError(f"hook_closed_bit must be 0 or 1, not {self.hook_closed_bit!r}")
        if self.broadcast_addr not in (0xF0, 0x00):
            raise ValueError(f"broadcast_addr must be 0xF0 or 0x00, not {self.broadcast_addr:#x}")


def checksum(data: bytes | bytearray) -> int:
    """SUM byte: the sum of every byte before it, truncated to 8 bits."""
    return sum(data) & 0xFF


def address(board: int, lock: int = 1) -> int:
    """ADDR byte for a board (0-15) and a lock counted from 1 (1-16)."""
    if not 0 <= board <= MAX_BOARD:
        raise ValueError(f"board must be 0..{MAX_BOARD}, not {board}")
    if not 1 <= lock <= LOCKS_PER_BOARD:
        raise ValueError(f"lock must be 1..{LOCKS_PER_BOARD}, not {lock}")
    return (board << 4) | (lock - 1)


def encode_request(addr: int, command: int) -> bytes:
    """A 5-byte request frame for a raw ADDR byte and command."""
    body = bytes((STX, addr & 0xFF, command & 0xFF, ETX))
    return body + bytes((checksum(body),))


def encode_reply(board: int, command: int, hooks: int, items: int) -> bytes:
    """A 9-byte reply frame; ``hooks``/``items`` are 16-bit masks, bit n = lock n+1.

    Used by the simulator and the tests; the bits are sent as given (the polarity of the
    hook bits is the caller's business).
    """
    body = bytes(
        (
            STX,
            (board & 0x0F) << 4,
            command & 0xFF,
            hooks & 0xFF,
            (hooks >> 8) & 0xFF,
            items & 0xFF,
            (items >> 8) & 0xFF,
            ETX,
        )
    )
    return body + bytes((checksum(body),))


def hook_mask(closed: tuple[bool, ...] | list[bool], hook_closed_bit: HookClosedBit) -> int:
    """16-bit H2H1 mask for per-lock closed states under the given polarity."""
    mask = 0
    for index, is_closed in enumerate(closed):
        bit = hook_closed_bit if is_closed else 1 - hook_closed_bit
        mask |= bit << index
    return mask


def bits(mask: int, count: int = LOCKS_PER_BOARD) -> tuple[bool, ...]:
    """The low ``count`` bits of ``mask`` as booleans, bit 0 first."""
    return tuple(bool((mask >> i) & 1) for i in range(count))


def decode_reply(frame: bytes | bytearray, hook_closed_bit: HookClosedBit = 1) -> BoardReply:
    """Decode one complete, already validated 9-byte reply frame."""
    hooks = frame[3] | (frame[4] << 8)
    items = frame[5] | (frame[6] << 8)
    return BoardReply(
        board=frame[1] >> 4,
        command=frame[2],
        closed=tuple(b == bool(hook_closed_bit) for b in bits(hooks)),
        items=bits(items),
    )


@dataclass
class Cu16Decoder:
    """Streaming reply decoder: resynchronises on STX, drops and counts bad frames.

    A frame is 9 bytes starting with STX with ETX at offset 7. A start byte whose frame has
    no ETX where it belongs is a truncated frame: only that byte is skipped, so a whole
    frame starting inside it is still found. A well-framed reply with a bad SUM is dropped
    whole. Valid frames are then checked against the outstanding request.
    """

    hook_closed_bit: HookClosedBit = 1
    _buffer: bytearray = field(default_factory=bytearray)
    _expected: Request | None = None
    _drops: dict[DropReason, int] = field(default_factory=dict)
    _after_truncation: bool = False

    @property
    def drops(self) -> dict[DropReason, int]:
        """Dropped frames (or noise runs) by reason, since this decoder was made."""
        return dict(self._drops)

    def expect(self, request: Request | None) -> None:
        """Accept replies to ``request`` from now on (None: accept nothing)."""
        self._expected = request

    def _drop(self, reason: DropReason) -> None:
        self._drops[reason] = self._drops.get(reason, 0) + 1

    def feed(self, data: bytes) -> list[BoardReply]:
        """Consume ``data``; return the accepted replies it completes, in order."""
        self._buffer += data
        buf = self._buffer
        replies: list[BoardReply] = []
        while buf:
            start = buf.find(STX)
            if start != 0:
                # Bytes before a start byte; the tail of a truncated frame is not noise.
                if not self._after_truncation:
                    self._drop(DropReason.NOISE)
                if start < 0:
                    buf.clear()
                    break
                del buf[:start]
            self._after_truncation = False
            if len(buf) < REPLY_LENGTH:
                break
            if buf[REPLY_LENGTH - 2] != ETX:
                self._drop(DropReason.TRUNCATED)
                self._after_truncation = True
                del buf[:1]
                continue
            frame = bytes(buf[:REPLY_LENGTH])
            del buf[:REPLY_LENGTH]
            if checksum(frame[:-1]) != frame[-1]:
                self._drop(DropReason.BAD_SUM)
                continue
            reply = decode_reply(frame, self.hook_closed_bit)
            reason = self._mismatch(reply)
            if reason is not None:
                self._drop(reason)
                continue
            replies.append(reply)
        return replies

    def _mismatch(self, reply: BoardReply) -> DropReason | None:
        expected = self._expected
        if expected is None or expected.reply_command is None:
            return DropReason.UNSOLICITED
        if reply.command != expected.reply_command:
            return DropReason.UNEXPECTED_COMMAND
        if not expected.broadcast and reply.board != expected.board:
            return DropReason.WRONG_BOARD
        return None

    def flush(self) -> None:
        """Drop a partial frame left over at the end of a reply window."""
        if self._buffer:
            if self._buffer[0] == STX:
                self._drop(DropReason.TRUNCATED)
            elif not self._after_truncation:
                self._drop(DropReason.NOISE)
            self._buffer.clear()
        self._after_truncation = False


@dataclass(frozen=True, slots=True)
class Cu16Protocol:
    """:class:`~kiosk.hardware.protocol.BoardProtocol` for the Kerong KR-CU16."""

    settings: Cu16Settings = field(default_factory=Cu16Settings)

    @property
    def locks_per_board(self) -> int:
        """Sixteen locks per board."""
        return LOCKS_PER_BOARD

    @property
    def max_board(self) -> int:
        """DIP switches set addresses 0-15."""
        return MAX_BOARD

    def status_request(self, board: int) -> Request:
        """``02 ADDR 30 03 SUM`` with lock index 0; answered by a 0x35 status frame."""
        return Request(encode_request(address(board), CMD_STATUS), board, RCMD_STATUS, REPLY_LENGTH)

    def _unlock_reply(self) -> int | None:
        return RCMD_STATUS if self.settings.unlock_reply == "status" else None

    def unlock_request(self, board: int, lock: int) -> Request:
        """``02 ADDR 31 03 SUM``; the reply (if any, by setting) is a 0x35 status frame."""
        return Request(
            encode_request(address(board, lock), CMD_UNLOCK),
            board,
            self._unlock_reply(),
            REPLY_LENGTH,
        )

    def unlock_all_request(self, board: int) -> Request:
        """``02 ADDR 33 03 SUM``; answered like an unlock."""
        return Request(
            encode_request(address(board), CMD_UNLOCK_ALL),
            board,
            self._unlock_reply(),
            REPLY_LENGTH,
        )

    def read_all_request(self) -> Request:
        """``02 BCAST 32 03 SUM``; every board present answers with a 0x36 frame."""
        return Request(
            encode_request(self.settings.broadcast_addr, CMD_READ_ALL),
            None,
            RCMD_READ_ALL,
            REPLY_LENGTH,
            broadcast=True,
        )

    def decoder(self) -> Cu16Decoder:
        """A fresh decoder applying this board's hook polarity."""
        return Cu16Decoder(hook_closed_bit=self.settings.hook_closed_bit)
