"""What the person is told when a code check goes wrong, whichever code it was.

The contract's error families are the same for pickup codes, drop-off codes and courier
logins (unknown, expired, used, too many attempts, backend unreachable), and so are the
answers a person needs: try again, or a way out. One place words them, so a shopper hears
the same thing at every button.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

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
from kiosk.flows.code_entry import Cooldown
from kiosk.flows.screendata import Choice, MessageData

log = logging.getLogger("kiosk.flows")

# The choice keys these messages offer: "retry" goes back to the code, "cancel" ends.
RETRY = "retry"
CANCEL = "cancel"


class CodeProblems(QObject):
    """Turns a code check's error into the message to show (its translation context)."""

    def __init__(self, cooldown: Cooldown, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cooldown = cooldown

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
            wait = self.cooldown.hold(error.retry_after or 30.0)
            return MessageData(
                self.tr("Too many attempts"),
                self.tr("Please wait %n second(s) and try again.", "", wait),
                "error",
                ok,
            )
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
