"""The flows' one backend port over the real services: calls on the backend worker,
events through the durable outbox.

:class:`ServiceGateway` is what :class:`~kiosk.flows.ports.Gateway` describes: every call
a flow makes runs on the :class:`~kiosk.services.backend.BackendService` worker (so a slow
backend never freezes the screen) and answers on the GUI thread through exactly one of its
callbacks. Events get a kiosk-made UUID and go to the :class:`OutboxService`; ``on_done``
runs once the outbox reports the event committed to disk, so a flow shows "Thank you"
only for what can no longer be lost.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Slot

from kiosk.backend.api import (
    AppPairing,
    CourierSession,
    CourierTasks,
    Event,
    PickupResult,
    Rent,
    RentRequest,
    SendInfo,
    utcnow,
)
from kiosk.backend.offline import ResilientBackend
from kiosk.services.backend import BackendService
from kiosk.services.outbox import OutboxService

log = logging.getLogger("kiosk.services.gateway")

T = TypeVar("T")
OnError = Callable[[BaseException], None]


def _typed(kind: type[T], on_done: Callable[[T], None]) -> Callable[[Any], None]:
    """The worker hands back ``object``; the flows' callbacks get the type they expect."""

    def done(value: Any) -> None:
        assert isinstance(value, kind), f"expected {kind.__name__}, got {type(value).__name__}"
        on_done(value)

    return done


class ServiceGateway(QObject):
    """The :class:`~kiosk.flows.ports.Gateway` of a running kiosk.

    Args:
        backend: the backend service (its worker, its offline fallback for pickups).
        outbox: the outbox service events are committed to.
    """

    def __init__(
        self, backend: BackendService, outbox: OutboxService, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.outbox = outbox
        self._pending: dict[str, Callable[[], None]] = {}
        outbox.recorded.connect(self._on_recorded)
        outbox.record_failed.connect(self._on_record_failed)

    # ------------------------------------------------------------------ calls
    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: OnError,
    ) -> None:
        """#2, online first, else against the cached offline codes."""
        self.backend.verify_pickup(code, phone, on_done=on_done, on_error=on_error)

    def verify_send(
        self, code: str, on_done: Callable[[SendInfo], None], on_error: OnError
    ) -> None:
        """#3."""
        api = self.backend.backend
        self.backend.call(
            api.verify_send, code, on_done=_typed(SendInfo, on_done), on_error=on_error
        )

    def courier_login(
        self,
        on_done: Callable[[CourierSession], None],
        on_error: OnError,
        *,
        courier_id: str | None = None,
        pin: str | None = None,
        badge: str | None = None,
    ) -> None:
        """#4."""
        self.backend.call(
            self.backend.backend.courier_login,
            courier_id=courier_id,
            pin=pin,
            badge=badge,
            on_done=_typed(CourierSession, on_done),
            on_error=on_error,
        )

    def courier_logout(self, session_token: str) -> None:
        """#5; a failure is only logged (the session expires at the backend anyway)."""
        self.backend.call(self.backend.backend.courier_logout, session_token)

    def courier_tasks(
        self, session_token: str, on_done: Callable[[CourierTasks], None], on_error: OnError
    ) -> None:
        """#6."""
        self.backend.call(
            self.backend.backend.courier_tasks,
            session_token,
            on_done=_typed(CourierTasks, on_done),
            on_error=on_error,
        )

    def reserve_rent(
        self,
        rent_id: str,
        request: RentRequest,
        on_done: Callable[[Rent], None],
        on_error: OnError,
        *,
        session_token: str | None = None,
    ) -> None:
        """#7 (repeatable with the same ``rent_id``).

        With a backend that may reserve offline (a ResilientBackend with an outbox), made
        once every event recorded before it is on disk: offline, the backend queues the
        reservation in the outbox, and it must come after them (see
        ``OutboxService.after_writes``). Other backends never queue one, and are not kept
        waiting for a disk sync. The outbox's depth is read again afterwards.
        """

        def reserved(rent: Rent) -> None:
            self.outbox.refresh_stats()
            on_done(rent)

        def reserve() -> None:
            self.backend.call(
                self.backend.backend.reserve_rent,
                rent_id,
                request,
                session_token=session_token,
                on_done=_typed(Rent, reserved),
                on_error=on_error,
            )

        api = self.backend.backend
        if isinstance(api, ResilientBackend) and api.reserves_offline:
            self.outbox.after_writes(reserve)
        else:
            reserve()

    def app_pairing(self, on_done: Callable[[AppPairing], None], on_error: OnError) -> None:
        """#12."""
        self.backend.call(
            self.backend.backend.app_pairing,
            on_done=_typed(AppPairing, on_done),
            on_error=on_error,
        )

    # ------------------------------------------------------------------ events
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
        """Commit an event to the outbox, with ``event_id`` or a new kiosk-made UUID."""
        event = Event(
            event_id=event_id or str(uuid.uuid4()),
            type=event_type,
            at=utcnow(),
            compartment_id=compartment_id,
            rent_id=rent_id,
            actor=actor,
            detail=dict(detail) if detail else None,
        )
        if on_done is not None:
            self._pending[event.event_id] = on_done
        self.outbox.record(event)

    @Slot(str)
    def _on_recorded(self, event_id: str) -> None:
        callback = self._pending.pop(event_id, None)
        if callback is not None:
            callback()

    @Slot(str, object)
    def _on_record_failed(self, event_id: str, error: object) -> None:
        # The disk refused the write: nothing on this kiosk can keep the event safer. The
        # outbox logged it; let the person go on rather than trap them at the door.
        log.critical("event %s NOT committed: %s", event_id, error)
        callback = self._pending.pop(event_id, None)
        if callback is not None:
            callback()
