"""A flow that only tells the person something and returns to idle on OK.

For a button whose service this locker does not offer (yet) — better an honest "not
available here" with a way back than a button that does nothing — and for a scan on the
idle screen that is no code this locker knows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kiosk.flows.base import Flow
from kiosk.flows.screendata import Choice, Intent, MessageData, ScreenName, Tone


class NoticeFlow(Flow):
    """Shows one message with "Back to start"; ends on the answer or after ``timeout_ms``.

    Args:
        flow_name: the name it is started by.
        message: builds the message when the flow starts (so it is in the language of
            the moment).
        timeout_ms: back to idle by itself after this long.
    """

    _ok = Signal()

    def __init__(
        self,
        flow_name: str,
        message: Callable[[], tuple[str, str, Tone]],
        timeout_ms: int = 15000,
        parent: QObject | None = None,
    ) -> None:
        self.flow_name = flow_name
        super().__init__(parent)
        self._message = message
        self.first, timer = self.waiting_state("notice", timeout_ms)
        self.first.addTransition(self._ok, self.done)
        self.first.addTransition(timer.timeout, self.done)
        self.first.entered.connect(self._show)

    def _show(self) -> None:
        headline, body, tone = self._message()
        self.show(
            ScreenName.MESSAGE,
            MessageData(
                headline=headline,
                body=body,
                tone=tone,
                choices=(Choice("ok", self.tr("Back to start"), primary=True),),
            ),
        )

    def handle(self, intent: str, value: object) -> None:
        """Any answer on the message screen leads back to idle."""
        if intent in (Intent.CHOICE, Intent.CANCEL):
            self._ok.emit()


class Notices(QObject):
    """The texts of the kiosk's notices (their translation context)."""

    def unavailable(self) -> tuple[str, str, Tone]:
        """A service this locker does not offer."""
        return (
            self.tr("Not available at this locker"),
            self.tr("This service is not offered here yet. Please use the operator's app."),
            "info",
        )

    def unknown_scan(self) -> tuple[str, str, Tone]:
        """A scan on the idle screen that is no code of this locker."""
        return (
            self.tr("This code is not for this locker"),
            self.tr(
                "Please scan the code from your pickup or drop-off message, "
                "or tap a button to start."
            ),
            "error",
        )
