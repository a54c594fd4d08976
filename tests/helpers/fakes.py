"""Stand-ins for the services, for testing flows without boards or a backend.

They behave like the real services as the flows see them: answers arrive later, on the
GUI thread, through the same callbacks and signals. Tests decide when.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.backend.api import PickupResult
from kiosk.backend.door_journal import Expectation


@dataclass
class PendingVerify:
    code: str
    phone: str | None
    on_done: Callable[[PickupResult], None]
    on_error: Callable[[BaseException], None]


@dataclass
class PendingCall:
    """Any other gateway call: its name, arguments and the two callbacks."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None]


@dataclass
class RecordedEvent:
    type: str
    compartment_id: str | None
    rent_id: str | None
    actor: str
    detail: Mapping[str, object] | None
    event_id: str | None = None


@dataclass
class FakeGateway:
    """Records requests and events; the test answers them."""

    verifies: list[PendingVerify] = field(default_factory=list)
    calls: list[PendingCall] = field(default_factory=list)
    recorded: list[RecordedEvent] = field(default_factory=list)
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

    def _call(self, name: str, on_done: Any, on_error: Any, *args: Any, **kwargs: Any) -> None:
        self.calls.append(PendingCall(name, args, kwargs, on_done, on_error))

    def verify_send(self, code: str, on_done: Any, on_error: Any) -> None:
        self._call("verify_send", on_done, on_error, code)

    def courier_login(self, on_done: Any, on_error: Any, **credentials: Any) -> None:
        self._call("courier_login", on_done, on_error, **credentials)

    def courier_logout(self, session_token: str) -> None:
        self._call("courier_logout", _ignore, _ignore, session_token)

    def courier_tasks(self, session_token: str, on_done: Any, on_error: Any) -> None:
        self._call("courier_tasks", on_done, on_error, session_token)

    def reserve_rent(
        self, rent_id: str, request: Any, on_done: Any, on_error: Any, **kwargs: Any
    ) -> None:
        self._call("reserve_rent", on_done, on_error, rent_id, request, **kwargs)

    def app_pairing(self, on_done: Any, on_error: Any) -> None:
        self._call("app_pairing", on_done, on_error)

    def record_event(
        self,
        event_type: str,
        compartment_id: str | None,
        rent_id: str | None,
        *,
        actor: str,
        detail: Mapping[str, object] | None = None,
        on_done: Callable[[], None] | None = None,
        event_id: str | None = None,
    ) -> None:
        self.recorded.append(
            RecordedEvent(event_type, compartment_id, rent_id, actor, detail, event_id)
        )
        if on_done is not None:
            if self.commit_later:
                self.pending_commits.append(on_done)
            else:
                on_done()

    @property
    def events(self) -> list[tuple[str, str | None, str | None]]:
        """(type, compartment, rent) of every event, in order."""
        return [(e.type, e.compartment_id, e.rent_id) for e in self.recorded]

    def event_types(self) -> list[str]:
        return [e.type for e in self.recorded]


class FakeDoors(QObject):
    """Records open requests; the test says when a door opens or closes."""

    door_opened = Signal(str)
    door_closed = Signal(str)
    open_failed = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []
        self.fail_at_once = False
        self.occupancy: dict[str, bool | None] = {}
        self.expectations: list[Expectation] = []
        self.settled: list[tuple[str, str]] = []
        self.released: list[str] = []
        self.forgotten: list[str] = []

    def open(self, compartment_id: str, expect: Expectation | None = None) -> None:
        self.opened.append(compartment_id)
        if expect is not None:
            self.expectations.append(expect)
        if self.fail_at_once:
            self.open_failed.emit(compartment_id, "not_started")

    def occupied(self, compartment_id: str) -> bool | None:
        return self.occupancy.get(compartment_id)

    def settle(self, compartment_id: str, closing_event_id: str) -> None:
        self.settled.append((compartment_id, closing_event_id))

    def release(self, compartment_id: str) -> None:
        self.released.append(compartment_id)

    def forget(self, compartment_id: str) -> None:
        self.forgotten.append(compartment_id)


def _ignore(_: object) -> None:
    """A callback nobody waits for (fire-and-forget calls)."""
