"""A flow for a button whose service this locker does not offer (yet).

Better an honest "not available here" with a way back than a button that does nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from kiosk.flows.base import Flow
from kiosk.flows.screendata import Choice, MessageData


class UnavailableFlow(Flow):
    """Shows "not available at this locker" and returns to idle on OK."""

    def __init__(self, flow_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.flow_name = flow_name

    def start(self) -> None:
        self.show(
            "message",
            MessageData(
                headline=self.tr("Not available at this locker"),
                body=self.tr(
                    "This service is not offered here yet. Please use the operator's app."
                ),
                tone="info",
                choices=(Choice("ok", self.tr("Back to start"), primary=True),),
            ),
        )

    @Slot(str, object)
    def handle(self, intent: str, value: object) -> None:
        """Any answer on the message screen leads back to idle."""
        if intent == "choice":
            self.finished.emit()

    def abort(self) -> None:
        self.finished.emit()
