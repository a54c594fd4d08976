"""What flows need from the services below them: one backend port, one doors port.

Flows never call a backend or a board themselves; they ask these ports and get the answer
later, on the GUI thread, through a callback or a signal. The real implementations are
:class:`~kiosk.services.gateway.ServiceGateway` (over the backend service and the durable
outbox) and :class:`~kiosk.services.doors.DoorsRelay` (over the board service); tests hand
in the fakes of ``tests/helpers/fakes.py``.

Every event carries who caused it (``actor``): ``shopper``, ``app``, ``courier:<id>``,
``admin``, ``backoffice``, or ``unknown`` for a door nobody commanded (``door_forced``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from PySide6.QtCore import SignalInstance

from kiosk.backend.api import (
    AppPairing,
    CourierSession,
    CourierTasks,
    PickupResult,
    Rent,
    RentRequest,
    SendInfo,
)
from kiosk.backend.door_journal import Expectation

OnError = Callable[[BaseException], None]

#: The actors of the contract (``courier:<id>`` is built with :func:`courier_actor`).
SHOPPER = "shopper"
APP = "app"
ADMIN = "admin"
BACKOFFICE = "backoffice"
UNKNOWN = "unknown"


def courier_actor(courier_id: str) -> str:
    """The actor of an event a courier caused."""
    return f"courier:{courier_id}"


class Gateway(Protocol):
    """The backend as every flow sees it. Exactly one callback runs, on the GUI thread."""

    def verify_pickup(
        self,
        code: str,
        phone: str | None,
        on_done: Callable[[PickupResult], None],
        on_error: OnError,
    ) -> None:
        """#2: the rents a pickup code opens (online, else against cached offline codes)."""

    def verify_send(
        self, code: str, on_done: Callable[[SendInfo], None], on_error: OnError
    ) -> None:
        """#3: check a drop-off (send or return) code."""

    def courier_login(
        self,
        on_done: Callable[[CourierSession], None],
        on_error: OnError,
        *,
        courier_id: str | None = None,
        pin: str | None = None,
        badge: str | None = None,
    ) -> None:
        """#4: log a courier in by id + PIN or by badge."""

    def courier_logout(self, session_token: str) -> None:
        """#5: end the session at the backend (fire and forget: the kiosk is idle anyway)."""

    def courier_tasks(
        self, session_token: str, on_done: Callable[[CourierTasks], None], on_error: OnError
    ) -> None:
        """#6: what the courier should deliver and collect here."""

    def reserve_rent(
        self,
        rent_id: str,
        request: RentRequest,
        on_done: Callable[[Rent], None],
        on_error: OnError,
        *,
        session_token: str | None = None,
    ) -> None:
        """#7: reserve a compartment (repeatable with the same ``rent_id``)."""

    def app_pairing(self, on_done: Callable[[AppPairing], None], on_error: OnError) -> None:
        """#12: a fresh pairing URL for the idle screen's QR code."""

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
        """Commit an event to the durable outbox; ``on_done`` once it is on disk.

        ``event_id`` is given when it was made in advance (a door's closing event, written
        to the door journal before the door opened); otherwise a new one is made.
        """


class Doors(Protocol):
    """The board service as flows see it (signals carry compartment ids).

    Signals:
        door_opened(str), door_closed(str): a door's hook changed.
        open_failed(str, str): the compartment and why it did not open.
    """

    door_opened: SignalInstance
    door_closed: SignalInstance
    open_failed: SignalInstance

    def open(self, compartment_id: str, expect: Expectation | None = None) -> None:
        """Unlock the compartment's door; with ``expect``, write down first what its close
        will mean (the door journal), so the close is recorded whatever happens next."""

    def settle(self, compartment_id: str, closing_event_id: str) -> None:
        """The closing event with this id is committed: the journal entry is done."""

    def release(self, compartment_id: str) -> None:
        """The flow stops watching this open door (the person left): the doors service
        records its close when it comes."""

    def forget(self, compartment_id: str) -> None:
        """The door never opened for its expectation: nothing is to be recorded."""

    def occupied(self, compartment_id: str) -> bool | None:
        """The item sensor's last reading: True (something inside), False, or None
        (no sensor, or no reading yet)."""
