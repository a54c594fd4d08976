"""Split the byte stream of a serial (or USB CDC) barcode scanner into codes.

Serial scanners send each code followed by CR, LF or CR LF, in whatever pieces the UART and
the driver deliver. :class:`LineParser` is fed those pieces and answers with the complete
codes and the rejected lines, so the Qt service only moves bytes. A line that never ends
(a wrong baud rate, a stuck scanner) is cut at ``max_length`` and reported once; what follows
it up to the next line end is dropped, and memory stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.scanning.sanitize import MAX_CODE_LENGTH, RejectedInput, RejectReason, sanitize


@dataclass(frozen=True, slots=True)
class Line:
    """A sanitised code received on the line."""

    text: str


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that is not a code."""

    reason: RejectReason
    detail: str


class LineParser:
    """Turns chunks of bytes into :class:`Line` and :class:`BadLine` results.

    Args:
        max_length: longest accepted line in bytes (before decoding).
        allowed_controls: control characters allowed inside a code (see ``sanitize``).
    """

    def __init__(self, max_length: int = MAX_CODE_LENGTH, allowed_controls: str = "") -> None:
        self.max_length = max_length
        self.allowed_controls = allowed_controls
        self._buffer = bytearray()
        self._overflowed = False

    def feed(self, chunk: bytes) -> list[Line | BadLine]:
        """Take the next bytes from the port; return every line they complete, in order."""
        out: list[Line | BadLine] = []
        start = 0
        for i, byte in enumerate(chunk):
            if byte not in (0x0D, 0x0A):
                continue
            out.extend(self._add(chunk[start:i]))
            out.extend(self._end_line())
            start = i + 1
        out.extend(self._add(chunk[start:]))
        return out

    def _add(self, piece: bytes) -> list[Line | BadLine]:
        if self._overflowed or not piece:
            return []
        self._buffer += piece
        if len(self._buffer) <= self.max_length:
            return []
        self._buffer.clear()
        self._overflowed = True
        return [BadLine(RejectReason.TOO_LONG, f"line longer than {self.max_length} bytes")]

    def _end_line(self) -> list[Line | BadLine]:
        if self._overflowed:
            self._overflowed = False
            return []
        if not self._buffer:
            return []  # the LF of a CR LF, or a blank line: not worth a message
        raw = bytes(self._buffer)
        self._buffer.clear()
        try:
            return [
                Line(
                    sanitize(
                        raw, max_length=self.max_length, allowed_controls=self.allowed_controls
                    )
                )
            ]
        except RejectedInput as exc:
            return [BadLine(exc.reason, exc.detail)]
