"""Reject scanner garbage before it reaches a flow, with a reason the UI can show.

A scanner is an input device anyone can walk up to: a misconfigured one types control
characters, a stuck trigger sends a 10 kB burst, a serial line at the wrong baud rate gives
bytes that are not UTF-8, a shopper holds the wrong QR code (a web address) under the
camera. None of that is a pickup code, and if it reached a flow it would be checked as one
and cost the next customer one of the locker's guesses. Everything a scanner produces (a
keyboard-wedge burst, a serial line, a decoded camera frame) passes through :func:`sanitize`;
what fails raises :class:`RejectedInput` whose :class:`RejectReason` the screen turns into a
translated message. The rejected content itself is never logged: it may be a real code.

What passes is what the backend contract allows a code to be: at most 64 characters
(``MAX_CODE_LENGTH`` of specs/backend-api.md), printable ASCII only (pickup, send and
courier codes, parcel barcodes and badges are letters, digits and a little punctuation),
plus control characters a caller lists (the GS1 separator), and not a URL.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

#: Longest code accepted, in characters: the backend contract's limit for any code. A
#: longer burst is a stuck trigger, a misconfigured scanner or a QR code that is not ours.
MAX_CODE_LENGTH = 64

#: A URL or another QR payload with a scheme (``https://...``, ``www...``, ``mailto:``,
#: ``WIFI:``): a marketing or tracking QR held under the camera, never a locker code.
_URL_RE = re.compile(
    r"://|^www\.|^(?:mailto|tel|sms|smsto|geo|wifi|matmsg|market|bitcoin|upi):",
    re.IGNORECASE,
)


class RejectReason(StrEnum):
    """Why scanner input was refused; the value travels in ``rejected(str)`` signals."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    NOT_UTF8 = "not_utf8"
    NOT_ASCII = "not_ascii"
    URL = "url"


class RejectedInput(ValueError):
    """Scanner input that is not a code.

    Attributes:
        reason: the typed reason, for the UI message.
        detail: a short description safe to log (sizes and positions, never the content).
    """

    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(f"{reason.value}: {detail}")
        self.reason = reason
        self.detail = detail


def _control_at(text: str, allowed: str) -> int:
    for i, ch in enumerate(text):
        # Cc: C0, DEL and C1 controls; Cs: lone surrogates (from a broken decoder upstream).
        if unicodedata.category(ch) in ("Cc", "Cs") and ch not in allowed:
            return i
    return -1


def sanitize(
    raw: str | bytes,
    *,
    max_length: int = MAX_CODE_LENGTH,
    allowed_controls: str = "",
) -> str:
    """Return the code in ``raw`` without surrounding spaces, or raise :class:`RejectedInput`.

    Args:
        raw: what the scanner produced; bytes are decoded as strict UTF-8.
        max_length: longest accepted code, in characters (bytes are checked before decoding,
            at four bytes per character, so a huge burst is refused without decoding it).
        allowed_controls: control characters that are part of valid codes for this caller,
            e.g. ``"\\x1d"`` (GS, the GS1 field separator) for carrier labels.

    Raises:
        RejectedInput: empty, too long, contains control characters, is not UTF-8, has a
            character outside printable ASCII, or is a URL.
    """
    if isinstance(raw, bytes | bytearray):
        if len(raw) > 4 * max_length:
            raise RejectedInput(RejectReason.TOO_LONG, f"{len(raw)} bytes, limit {max_length}")
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RejectedInput(
                RejectReason.NOT_UTF8, f"invalid UTF-8 at byte {exc.start} of {len(raw)}"
            ) from None
    else:
        text = raw
    if len(text) > max_length:
        raise RejectedInput(RejectReason.TOO_LONG, f"{len(text)} characters, limit {max_length}")
    text = text.strip(" ")
    if not text:
        raise RejectedInput(RejectReason.EMPTY, "nothing but spaces")
    where = _control_at(text, allowed_controls)
    if where >= 0:
        raise RejectedInput(
            RejectReason.CONTROL_CHARACTERS,
            f"U+{ord(text[where]):04X} at position {where} of {len(text)}",
        )
    for i, ch in enumerate(text):
        if not (" " <= ch <= "~") and ch not in allowed_controls:
            raise RejectedInput(
                RejectReason.NOT_ASCII,
                f"U+{ord(ch):04X} at position {i} of {len(text)}: not printable ASCII",
            )
    if _URL_RE.search(text):
        raise RejectedInput(RejectReason.URL, f"a web address, {len(text)} characters")
    return text
