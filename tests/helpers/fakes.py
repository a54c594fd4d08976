"""Stand-ins for the services, for testing flows without boards or a backend.

They behave like the real services as the flows see them: answers arrive later, on the
GUI thread, through the same callbacks and signals. Tests decide when.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from kiosk.backend.api import PickupResult


@dataclass
class PendingVerify:
    code: str
    phone: str | None
    on_done: Callable[[PickupResult], None]
    on_error: Callable[[BaseException], None]


@dataclass
class FakeGateway:
    """Records verify requests and events; the test answers them."""

    verifies: list[PendingVerify] = field(default_factory=list)
    events: list[tuple[str, str, str | None]] = field(default_factory=list)
    commit_later: bool = False
    pending_commits: list[Callable[[], None]] = field(default_factory=list)

    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.verifies.append(PendingVerify(code, phone, on_done, on_error))

    def record_event(
        self,
        event_type: str,
        compartment_id: str,
        rent_id: str | None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        self.events.append((event_type, compartment_id, rent_id))
        if on_done is not None:
            if self.commit_later:
                self.pending_commits.append(on_done)
            else:
                on_done()

    def event_types(self) -> list[str]:
        return [e[0] for e in self.events]


class FakeDoors(QObject):
    """Records open requests; the test says when a door opens or closes."""

    door_opened = Signal(str)
    door_closed = Signal(str)
    open_failed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.fail_at_once = False

    def open(self, compartment_id: str) -> None:
        self.opened.append(compartment_id)
        if self.fail_at_once:
            self.open_failed.emit(compartment_id, "not_started")
