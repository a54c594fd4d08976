"""What the person is told when a code check goes wrong, whichever code it was.

The contract's error families are the same for pickup codes, drop-off codes and courier
logins (unknown, expired, used, too many attempts, backend unreachable), and so are the
answers a person needs: try again, or a way out. One place words them, so a shopper hears
the same thing at every button.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.backend.api import (
    AlreadyCollected,
    AlreadyUsed,
    BadCredentials,
    CodeExpired,
    CodeUnknown,
    CourierLocked,
    TooManyAttempts,
)
from kiosk.backend.offline import NotInOfflineSet
from kiosk.flows.base import Flow
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.screendata import Choice, MessageData, ScreenName

log = logging.getLogger("kiosk.flows")

# The choice keys these messages offer: "retry" goes back to the code, "cancel" ends.
RETRY = "retry"
CANCEL = "cancel"


def minutes_seconds(seconds: int) -> str:
    """A wait as the rest of the UI says it: ``4:38``, ``0:11``."""
    minutes, rest = divmod(max(0, seconds), 60)
    return f"{minutes}:{rest:02d}"


class CodeProblems(QObject):
    """Turns a code check's error into the message to show (its translation context).

    A "too many attempts" message counts its wait down while the owning flow (the
    ``parent``) shows it, and offers "Try again" once the wait is over: a fixed "wait 11
    seconds" still on screen 17 s later reads as a kiosk that hangs.
    """

    def __init__(self, cooldown: Cooldown, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cooldown = cooldown
        self._flow = parent if isinstance(parent, Flow) else None
        self._waiting: MessageData | None = None  # the wait message, while it counts
        self._shown: Any = None  # what the flow last asked a screen to show
        self.ticker = QTimer(self)
        self.ticker.setObjectName("too-many-attempts-countdown")
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        if self._flow is not None:
            self._flow.screen_requested.connect(self._on_screen)
            self._flow.finished.connect(self._stop)
            self._flow.machine.stopped.connect(self._stop)  # aborted: walked away

    def message(self, error: BaseException, help_text: str = "") -> MessageData:
        """The message for ``error``; a "too many attempts" also starts the cooldown."""
        retry = (Choice(RETRY, self.tr("Try again"), primary=True),)
        cancel = (Choice(CANCEL, self.tr("Cancel")),)
        ok = (Choice(CANCEL, self.tr("OK"), primary=True),)
        if isinstance(error, CodeUnknown):
            return MessageData(
                self.tr("Wrong code"),
                self.tr("Please check the code in your message."),
                "error",
                retry + cancel,
            )
        if isinstance(error, BadCredentials):
            return MessageData(
                self.tr("Wrong courier ID or PIN"),
                self.tr("Please check and try again."),
                "error",
                retry + cancel,
            )
        if isinstance(error, CourierLocked):
            return MessageData(
                self.tr("This courier account is locked"),
                help_text or self.tr("Please contact your dispatcher."),
                "error",
                ok,
            )
        if isinstance(error, CodeExpired):
            return MessageData(
                self.tr("This code has expired"),
                help_text or self.tr("Your parcel was returned. Please contact the sender."),
                "error",
                ok,
            )
        if isinstance(error, AlreadyCollected):
            return MessageData(
                self.tr("This parcel was already collected"),
                help_text or self.tr("If this was not you, please contact customer service."),
                "error",
                ok,
            )
        if isinstance(error, AlreadyUsed):
            return MessageData(
                self.tr("This code was already used"),
                help_text or self.tr("Each drop-off code works once."),
                "error",
                ok,
            )
        if isinstance(error, TooManyAttempts):
            self.cooldown.hold(error.retry_after or 30.0)
            self._waiting = self.wait_message()
            if self._flow is not None:
                self.ticker.start()
            return self._waiting
        if isinstance(error, NotInOfflineSet):
            # Not "wrong": the locker is offline and its copy of the codes may be older
            # than this one. Said plainly, so nobody waits "a moment" for hours.
            return MessageData(
                self.tr("This locker is offline"),
                self.tr(
                    "It cannot check this code until it is back online. Please try again"
                    " later. Nothing was used up."
                ),
                "error",
                ok,
            )
        log.warning("code check failed: %s", type(error).__name__)
        return self.unreachable()

    def wait_message(self) -> MessageData:
        """The "too many attempts" message as of now: the wait left in minutes and
        seconds, or, once it is over, "Try again"."""
        wait = self.cooldown.remaining_s()
        if wait <= 0:
            return MessageData(
                self.tr("You can try again now"),
                self.tr("The wait is over."),
                "info",
                (
                    Choice(RETRY, self.tr("Try again"), primary=True),
                    Choice(CANCEL, self.tr("Cancel")),
                ),
            )
        return MessageData(
            self.tr("Too many attempts"),
            self.tr("Please wait %1 and try again.").replace("%1", minutes_seconds(wait)),
            "error",
            (Choice(CANCEL, self.tr("OK"), primary=True),),
        )

    @Slot(str, object)
    def _on_screen(self, name: str, data: object) -> None:
        self._shown = data
        if self._waiting is not None and data is not self._waiting:
            self._stop()  # the person moved on: nothing to count down

    @Slot()
    def _tick(self) -> None:
        flow = self._flow
        if flow is None or self._waiting is None or not flow.machine.isRunning():
            self._stop()
            return
        if self._shown is not self._waiting:
            return  # not on screen yet (the flow shows it when its problem state is entered)
        self._waiting = self.wait_message()
        over = self.cooldown.remaining_s() <= 0
        flow.show(ScreenName.MESSAGE, self._waiting)
        if over:
            self._stop()

    @Slot()
    def _stop(self) -> None:
        self.ticker.stop()
        self._waiting = None

    def unreachable(self) -> MessageData:
        """The backend did not answer (in time): nothing was used up."""
        return MessageData(
            self.tr("We could not check your code right now"),
            self.tr("Please try again in a moment. Your code was not used up."),
            "error",
            (
                Choice(RETRY, self.tr("Try again"), primary=True),
                Choice(CANCEL, self.tr("Cancel")),
            ),
        )
