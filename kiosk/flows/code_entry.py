"""Asking for a code: the keypad, the camera, a scanner — and what is not a code.

Pickup codes, drop-off codes and courier PINs are all asked for the same way, so the
steps live here once, as a compound state of the owning flow's machine::

    entering_code ⇄ scanning (camera, with a timeout back to the keypad) ─▶ (accepted)

A code that cannot be one of the operator's (wrong length, wrong characters, a URL from
some other QR code) is answered at once on the keypad screen and never sent: it spends
nothing of the locker's guess budget. While the backend has said "too many attempts", the
keypad shows the wait and codes are not sent either (:class:`Cooldown`, one per kiosk).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.flows.base import Flow
from kiosk.flows.screendata import CameraData, CodeEntryData, Intent, ScreenName
from kiosk.logs import register_secret


@dataclass(frozen=True)
class CodeFormat:
    """What a code of this operator looks like."""

    length: int = 6
    alphabet: str = "digits"
    """"digits" or "alnum" (digits and capital letters)."""

    def pattern(self) -> re.Pattern[str]:
        """The whole code, after :func:`normalise`."""
        chars = "0-9" if self.alphabet == "digits" else "0-9A-Z"
        return re.compile(f"[{chars}]{{{self.length}}}")

    def matches(self, code: str) -> bool:
        """Whether ``code`` (normalised) can be a code of this format."""
        return bool(self.pattern().fullmatch(code))


def normalise(raw: str) -> str:
    """A typed or scanned code as it is checked: no surrounding blanks, upper case."""
    return raw.strip().upper()


class Cooldown:
    """The backend's "too many attempts, retry after N s", shared by every flow.

    The guess budget is per locker, whatever the button: a wait the backend announced to a
    pickup holds for a drop-off too. Monotonic, so a wrong wall clock changes nothing.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until = 0.0

    def hold(self, seconds: float) -> int:
        """The backend said wait ``seconds``; returns the whole seconds to show."""
        wait = max(1, int(seconds + 0.999))
        self._until = self._clock() + wait
        return wait

    def remaining_s(self) -> int:
        """Whole seconds still to wait (0: codes may be sent)."""
        return max(0, int(self._until - self._clock() + 0.999))


@dataclass(frozen=True)
class CodeTexts:
    """What the keypad screen says for one kind of code."""

    title: str
    hint: str = ""
    not_a_code: str = ""
    """Shown for a scan or a typed code that cannot be one ("That was not a pickup code.")."""
    confirm_label: str = ""
    masked: bool = False


class CodeEntry(QObject):
    """The code-asking steps of one flow, as a compound state of its machine.

    Args:
        flow: the owning flow.
        cooldown: the kiosk's shared :class:`Cooldown`.
        camera_timeout_ms: how long the camera screen waits for a code.

    The flow calls :meth:`configure` with the format and texts before entering
    :attr:`state`, routes intents to :meth:`handle`, and leaves :attr:`state` on
    :attr:`accepted`; the code is then in :attr:`code`.
    """

    accepted = Signal()
    _scan = Signal()
    _back = Signal()

    def __init__(self, flow: Flow, cooldown: Cooldown, camera_timeout_ms: int) -> None:
        super().__init__(flow)
        self.flow = flow
        self.cooldown = cooldown
        self.format = CodeFormat()
        self.texts = CodeTexts(title="")
        self.code = ""
        self.error = ""  # shown once, the next time the keypad appears
        self._queued = ""
        self.state = flow.state("code")
        self.entering_code = flow.state("entering_code", self.state)
        self.scanning, scan_timer = flow.waiting_state("scanning", camera_timeout_ms, self.state)
        self.state.setInitialState(self.entering_code)
        self.entering_code.addTransition(self._scan, self.scanning)
        self.scanning.addTransition(self._back, self.entering_code)
        self.scanning.addTransition(scan_timer.timeout, self.entering_code)
        self.entering_code.entered.connect(self._show_keypad)
        self.scanning.entered.connect(self._show_camera)

    def configure(self, code_format: CodeFormat, texts: CodeTexts) -> None:
        """The format codes must have and the texts of the keypad screen."""
        self.format = code_format
        self.texts = texts

    def queue(self, code: str) -> None:
        """A code scanned on the idle screen: submitted as soon as the keypad is shown."""
        self._queued = code

    def forget(self) -> None:
        """Drop a queued code and a pending error (the person left)."""
        self._queued = ""
        self.error = ""

    def data(self, error: str = "", keep_typed: bool = False) -> CodeEntryData:
        """The keypad screen's data now (with the cooldown's wait).

        A code of a known length takes exactly that many characters: the keypad stops
        there and "Open my door" waits for the last one, so a typo in length is never
        even submitted.
        """
        f, t = self.format, self.texts
        length = max(f.length, 0)
        return CodeEntryData(
            title=t.title,
            hint=t.hint,
            max_length=length or 12,
            min_length=length or 4,
            alphabet="alnum" if f.alphabet == "alnum" else "digits",
            error=error,
            locked_s=self.cooldown.remaining_s(),
            confirm_label=t.confirm_label,
            masked=t.masked,
            length=length,
            keep_typed=keep_typed,
        )

    def handle(self, intent: str, value: object) -> bool:
        """Take a keypad, scanner or camera intent; False when it is not one of ours."""
        f = self.flow
        if intent in (Intent.CODE_ENTERED, Intent.SCANNED) and f.active(
            self.entering_code, self.scanning
        ):
            self.submit(str(value))
        elif intent == Intent.SCAN_INSTEAD and f.active(self.entering_code):
            self._scan.emit()
        elif intent == Intent.BACK and f.active(self.scanning):
            self._back.emit()
        elif intent == Intent.CAMERA_UNAVAILABLE and f.active(self.scanning):
            self.error = self.tr(
                "Scanning with the camera is not available here. Please type your code."
            )
            self._back.emit()
        elif intent == Intent.SCAN_REJECTED and f.active(self.entering_code, self.scanning):
            self.reject(self.texts.not_a_code)
        else:
            return False
        return True

    def reject(self, error: str) -> None:
        """Say ``error`` on the keypad screen (back from the camera if it is up).

        What was typed on the keypad stays: a junk scan or a code of the wrong shape is
        the scanner's mistake or a slip, and the person should not have to start over.
        """
        if self.flow.active(self.scanning):
            self.error = error  # shown when the keypad comes back
            self._back.emit()
            return
        self.flow.show(ScreenName.CODE_ENTRY, self.data(error, keep_typed=True))

    def submit(self, raw: str) -> None:
        """A code typed or scanned: checked for its format, then :attr:`accepted`."""
        code = normalise(raw)
        if not code:
            return
        if not self.format.matches(code):
            # Not a code of this operator (a typo in length, a URL, a shop's barcode):
            # said at once, never sent, never spends a check of the guess budget.
            self.reject(self._format_hint())
            return
        register_secret(code)
        wait = self.cooldown.remaining_s()
        if wait > 0:
            self.reject(self.tr("Too many attempts. Please wait %n second(s).", "", wait))
            return
        self.code = code
        self.accepted.emit()

    def _format_hint(self) -> str:
        n = self.format.length
        if self.format.alphabet == "digits":
            return self.tr("The code has %n digit(s).", "", n)
        return self.tr("The code has %n letter(s) or digit(s).", "", n)

    @Slot()
    def _show_keypad(self) -> None:
        error, self.error = self.error, ""
        self.flow.show(ScreenName.CODE_ENTRY, self.data(error))
        if self._queued:
            code, self._queued = self._queued, ""
            self.submit(code)

    @Slot()
    def _show_camera(self) -> None:
        self.flow.show(
            ScreenName.CAMERA,
            CameraData(
                title=self.tr("Hold the code up to the camera"),
                hint=self.tr("The QR code or barcode from your message, about 20 cm away."),
            ),
        )
