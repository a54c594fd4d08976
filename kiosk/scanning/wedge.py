"""Tell a keyboard-wedge scanner from a person typing, by the timing of the keys.

A USB barcode scanner in keyboard-wedge mode types the code as keystrokes, 7-16 ms apart,
and ends it with Enter; a person types 100 ms or more apart. :class:`WedgeDetector` is the
pure logic of that distinction, fed with timestamped keystrokes and answering with what to
do: release keys to the focused widget as normal typing, report a scan, or report garbage.

Keys arrive before it is known whether they belong to a scan, so the detector *holds* them:
each held key waits at most one gap threshold (default 40 ms). If the next key comes within
the threshold the burst goes on; if it does not, the held keys are released as typing, in
their order, so a person's keys reach the line edit at most 40 ms late. A burst of at least
``min_length`` keys ending with Enter within the threshold is a scan: its keys and its Enter
are swallowed. With a configured prefix character (a setting most scanners have) only bursts
starting with it are held, so ordinary typing is never delayed.

The caller owns the clock and the timer: it passes each key's timestamp to :meth:`feed`, and
calls :meth:`expire` once :meth:`deadline` has passed (the Qt service arms a QTimer for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from kiosk.scanning.sanitize import MAX_CODE_LENGTH, RejectedInput, RejectReason, sanitize

T = TypeVar("T")

#: What :class:`Keystroke.char` holds for Enter / Return.
ENTER = "\r"
_ENTERS = ("\r", "\n")


@dataclass(frozen=True, slots=True)
class Keystroke(Generic[T]):
    """One key press.

    Attributes:
        timestamp: seconds, from a monotonic clock.
        char: the text the key types (``ENTER`` for Enter); ``""`` for a key that types
            nothing (arrows, function keys), which always ends a burst.
        payload: the caller's own event, handed back when the key is released as typing.
    """

    timestamp: float
    char: str
    payload: T


@dataclass(frozen=True, slots=True)
class Release(Generic[T]):
    """Deliver these keys, in order, as normal typing."""

    keys: tuple[Keystroke[T], ...]


@dataclass(frozen=True, slots=True)
class Scan:
    """A complete scan; its keys were swallowed. ``text`` is sanitised, prefix removed."""

    text: str


@dataclass(frozen=True, slots=True)
class Garbage:
    """A scanner burst that is not a code; its keys were swallowed."""

    reason: RejectReason
    detail: str


Outcome = Release[T] | Scan | Garbage


class WedgeDetector(Generic[T]):
    """Groups keystrokes into scanner bursts; everything else is released as typing.

    Args:
        gap: longest pause between two keys of one scan, in seconds.
        min_length: fewest characters (before Enter, without the prefix) in a scan.
        prefix: a character the scanner is configured to send first, or None.
        max_length: a burst longer than this is reported as :class:`Garbage` (TOO_LONG), and
            the rest of it is swallowed until it pauses or ends with Enter.
    """

    def __init__(
        self,
        gap: float = 0.040,
        min_length: int = 6,
        prefix: str | None = None,
        max_length: int = MAX_CODE_LENGTH,
    ) -> None:
        if gap <= 0:
            raise ValueError("gap must be positive")
        if prefix is not None and len(prefix) != 1:
            raise ValueError("prefix must be one character")
        self.gap = gap
        self.min_length = max(1, min_length)
        self.prefix = prefix
        self.max_length = max_length
        self._held: list[Keystroke[T]] = []
        self._last: float | None = None
        self._discarding = False

    @property
    def holding(self) -> bool:
        """Whether keys are held back, waiting to see if a burst goes on."""
        return bool(self._held) or self._discarding

    def deadline(self) -> float | None:
        """When :meth:`expire` must be called if no key comes before; None when idle."""
        if self._last is None or not self.holding:
            return None
        return self._last + self.gap

    def expire(self, now: float) -> list[Outcome[T]]:
        """The burst ended without Enter if ``now`` is past the deadline: release its keys."""
        deadline = self.deadline()
        if deadline is None or now <= deadline:
            return []
        return self._end_burst()

    def feed(self, key: Keystroke[T]) -> list[Outcome[T]]:
        """Take one key press and return what to do, in order (often nothing yet)."""
        out: list[Outcome[T]] = []
        if self.holding and self._last is not None and key.timestamp - self._last > self.gap:
            out.extend(self._end_burst())
        if not self.holding:
            if not self._starts_burst(key):
                out.append(Release((key,)))
                return out
            self._held = [key]
            self._last = key.timestamp
            return out
        self._last = key.timestamp
        if self._discarding:
            if key.char in _ENTERS or key.char == "":
                self._discarding = False
            return out
        if key.char == "":
            out.extend(self._end_burst())
            out.append(Release((key,)))
            return out
        if key.char in _ENTERS:
            out.extend(self._finish(key))
            return out
        self._held.append(key)
        if self._body_length() > self.max_length:
            self._held = []
            self._discarding = True
            detail = f"burst longer than {self.max_length} characters"
            out.append(Garbage(RejectReason.TOO_LONG, detail))
        return out

    def _starts_burst(self, key: Keystroke[T]) -> bool:
        if self.prefix is not None:
            return key.char == self.prefix
        return key.char != "" and key.char not in _ENTERS

    def _body(self) -> str:
        keys = self._held[1:] if self.prefix is not None else self._held
        return "".join(k.char for k in keys)

    def _body_length(self) -> int:
        return len(self._held) - (1 if self.prefix is not None else 0)

    def _finish(self, enter: Keystroke[T]) -> list[Outcome[T]]:
        if self._body_length() < self.min_length:
            released = (*self._held, enter)
            self._held = []
            return [Release(released)]
        body = self._body()
        self._held = []
        try:
            return [Scan(sanitize(body, max_length=self.max_length))]
        except RejectedInput as exc:
            return [Garbage(exc.reason, exc.detail)]

    def _end_burst(self) -> list[Outcome[T]]:
        self._discarding = False
        if not self._held:
            return []
        released = tuple(self._held)
        self._held = []
        return [Release(released)]
