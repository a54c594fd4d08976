"""The pickup flow's gateway to the backend and the outbox, off the GUI thread.

Verification is a network call (or a PBKDF2 check against cached hashes) and recording an
event is an SQLite commit with ``synchronous=FULL``: both block for milliseconds to
seconds, so each runs on its own :class:`~kiosk.services.worker.Worker`. The answer comes
back on the GUI thread through the callbacks the flow passed in.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.backend.api import Event, LockerBackend, PickupResult, utcnow
from kiosk.backend.outbox import Outbox
from kiosk.services.worker import Worker

log = logging.getLogger("kiosk.services.pickup")


class PickupGatewayService(QObject):
    """Implements :class:`kiosk.flows.pickup.PickupGateway` over real parts.

    Args:
        backend: the verifying backend (REST with offline fallback, or embedded).
        outbox: the durable event outbox.
        backend_worker: the worker that owns calls to ``backend``.
        outbox_worker: the worker that owns commits to ``outbox``.
        actor: the ``actor`` written into events.
    """

    def __init__(
        self,
        backend: LockerBackend,
        outbox: Outbox,
        backend_worker: Worker,
        outbox_worker: Worker,
        actor: str = "shopper",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend = backend
        self.outbox = outbox
        self.backend_worker = backend_worker
        self.outbox_worker = outbox_worker
        self.actor = actor

    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Ask the backend about ``code``; exactly one of the callbacks runs."""

        def done(result: object) -> None:
            assert isinstance(result, PickupResult)
            on_done(result)

        self.backend_worker.submit(
            self.backend.verify_pickup, code, phone, on_done=done, on_error=on_error
        )

    def record_event(
        self,
        event_type: str,
        compartment_id: str,
        rent_id: str | None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """Commit an event with a kiosk-made UUID; ``on_done`` runs once it is on disk."""
        event = Event(
            event_id=str(uuid.uuid4()),
            type=event_type,
            at=utcnow(),
            compartment_id=compartment_id,
            rent_id=rent_id,
            actor=self.actor,
        )

        def committed(_: object) -> None:
            log.info("event %s %s committed", event_type, compartment_id)
            if on_done is not None:
                on_done()

        def failed(error: BaseException) -> None:
            # The disk refused the write: nothing on this kiosk can keep the event safer.
            # Say so loudly, and let the person go on rather than trap them at the door.
            log.critical(
                "event %s %s NOT committed: %s: %s",
                event_type,
                compartment_id,
                type(error).__name__,
                error,
            )
            if on_done is not None:
                on_done()

        self.outbox_worker.submit(self.outbox.record, event, on_done=committed, on_error=failed)
