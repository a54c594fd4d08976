"""What the back office and the operator's app can make the kiosk do, wired to the kiosk.

:class:`~kiosk.services.commands.CommandDesk` checks each command and answers it once;
this module carries the checked commands out on the running kiosk:

- ``open_compartment``: the App flow (:class:`~kiosk.flows.app_open.AppOpenFlow`) at
  once when the kiosk is idle; while a person is mid-flow it waits in a bounded queue with
  an expiry and starts when that person is done (never two doors for two people at once);
- ``set_out_of_service``: the whole locker joins the kiosk's out-of-service reasons
  (``backoffice``), a single compartment is marked in the kiosk's one ``Bank``; either way
  an ``out_of_service`` / ``in_service`` event is committed before the ack;
- ``show_message``: a banner on the idle screen until ``until``;
- ``reload_config``: the locker's layout and settings fetched again and applied as at
  start-up.

It also keeps the idle screen's app-pairing QR code fresh (#12): a new pairing before the
old one expires, and no QR at all while there is none that is valid.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.backend.api import AppPairing, BackendError, LockerInfo
from kiosk.flows.app_open import AppOpenFlow
from kiosk.flows.kiosk_machine import BACKOFFICE as OOS_BACKOFFICE
from kiosk.flows.ports import APP, BACKOFFICE, Gateway
from kiosk.services.commands import (
    CommandDesk,
    CommandLedger,
    MessageRequest,
    OpenQueue,
    OpenRequest,
    OutOfServiceRequest,
    ReloadRequest,
)

if TYPE_CHECKING:
    from kiosk.app.kiosk import Kiosk
    from kiosk.app.parts import KioskServices

log = logging.getLogger("kiosk.app.remote")

# The longest interval a QTimer takes (ms); a banner shown for longer is re-armed.
MAX_TIMER_MS = 2**31 - 1
# A failed pairing call is tried again after this long (±20 %).
PAIRING_RETRY_MS = 30000


class RemoteControl(QObject):
    """Carries out the back office's commands and keeps the pairing QR fresh.

    Args:
        kiosk: the kiosk (its machine, bank, screens and ``_on_ready``).
        services: the kiosk's services (backend service and gateway).
        flow: the App flow, registered with the kiosk machine as ``app_open`` (None when
            the kiosk has no doors: every open is refused).
        queue: where opens wait while a person is mid-flow.
        clock: monotonic seconds (for the queue's expiry).
    """

    def __init__(
        self,
        kiosk: Kiosk,
        services: KioskServices,
        flow: AppOpenFlow | None,
        *,
        queue: OpenQueue | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(kiosk)
        self.kiosk = kiosk
        self.services = services
        self.gateway: Gateway = services.gateway
        self.flow = flow
        self.queue = queue or OpenQueue()
        self._clock = clock
        self.desk = CommandDesk(
            services.backend,
            lambda: kiosk.bank.specs.keys(),
            self,
            ledger=CommandLedger(kiosk.config.state_path() / "commands.json"),
        )
        self.desk.open_requested.connect(self._on_open)
        self.desk.out_of_service_requested.connect(self._on_out_of_service)
        self.desk.message_requested.connect(self._on_message)
        self.desk.reload_requested.connect(self._on_reload)
        if flow is not None:
            flow.answered.connect(self.desk.finish)
        self.message = ""
        self._message_until: datetime | None = None
        # The banner outlives a restart: its command is acknowledged (never sent again),
        # so the kiosk keeps it itself until its time is up.
        self._banner_path = kiosk.config.state_path() / "banner.json"
        self.pairing_url = ""
        self._stopped = False

        def timer(name: str, slot: Callable[[], None]) -> QTimer:
            t = QTimer(self)
            t.setObjectName(name)
            t.setSingleShot(True)
            t.timeout.connect(slot)
            return t

        self._serve = timer("remote-serve-queue", self._serve_queue)
        self._serve.setInterval(0)
        self._expiry = timer("remote-open-expiry", self._serve_queue)
        self._message_timer = timer("remote-message-until", self._message_check)
        self._pairing_refresh = timer("pairing-refresh", self.refresh_pairing)
        self._pairing_expiry = timer("pairing-expiry", self._pairing_expired)
        self._load_banner()
        # Back at idle (or out of service, for a back-office open): a waiting open goes.
        kiosk.machine.idle_entered.connect(self._serve.start)
        kiosk.machine.out_of_service_entered.connect(lambda _text: self._serve.start())

    # ------------------------------------------------------------------ life cycle
    def ready(self) -> None:
        """The locker's layout is known: commands are handled, the pairing QR is made."""
        self.desk.set_ready()
        if not self.pairing_url and not self._pairing_refresh.isActive():
            self.refresh_pairing()
        if self.message:  # kept from before a restart
            self.kiosk.refresh_idle_now()

    def stop(self) -> None:
        """Stop every timer (shutdown)."""
        self._stopped = True
        self.desk.stop()
        for t in (
            self._serve,
            self._expiry,
            self._message_timer,
            self._pairing_refresh,
            self._pairing_expiry,
        ):
            t.stop()

    # ------------------------------------------------------------------ open_compartment
    @Slot(object)
    def _on_open(self, request: object) -> None:
        assert isinstance(request, OpenRequest)
        refusal = self._refusal(request)
        if refusal:
            self.desk.finish(request.command_id, "refused", refusal)
            return
        if self.queue or not self._start(request):
            if not self.queue.push(request):
                self.desk.finish(request.command_id, "refused", "busy: too many opens waiting")
                return
            log.info("open of %s waits for the person at the screen", request.compartment_id)
            self._arm_expiry()

    def _refusal(self, request: OpenRequest) -> str:
        """Why ``request`` cannot be carried out now and never will be ("" if it can)."""
        if self.flow is None:
            return "this kiosk cannot open doors"
        if request.actor == APP and self.kiosk.machine.out_of_service_reasons():
            return "the locker is out of service"
        if request.actor == APP and request.compartment_id in self.kiosk.bank.out_of_service:
            return f"compartment {request.compartment_id} is out of service"
        return ""

    def _start(self, request: OpenRequest) -> bool:
        """Start the App flow for ``request`` if nobody is using the screen."""
        machine = self.kiosk.machine
        assert self.flow is not None
        if machine.current_flow():
            return False
        state = machine.state_name()
        if not (state == "idle" or (state == "out_of_service" and request.actor == BACKOFFICE)):
            return False
        self.flow.prepare(request)
        # A technician's open from the back office works while the locker is out of
        # service; the app's never does (refused above).
        self.flow.allowed_out_of_service = request.actor == BACKOFFICE
        return machine.start_flow(self.flow.flow_name)

    @Slot()
    def _serve_queue(self) -> None:
        if self._stopped:
            return
        for gone in self.queue.expired(self._clock()):
            log.warning("open of %s expired while the kiosk was busy", gone.compartment_id)
            self.desk.finish(gone.command_id, "failed", "expired while the kiosk was busy")
        request = self.queue.pop()
        while request is not None:
            refusal = self._refusal(request)
            if refusal:
                self.desk.finish(request.command_id, "refused", refusal)
            elif self._start(request):
                break
            else:
                self.queue.push_front(request)
                break
            request = self.queue.pop()
        self._arm_expiry()

    def _arm_expiry(self) -> None:
        due = self.queue.next_expiry()
        if due is None:
            self._expiry.stop()
        else:
            self._expiry.start(max(0, int((due - self._clock()) * 1000) + 1))

    # ------------------------------------------------------------------ set_out_of_service
    @Slot(object)
    def _on_out_of_service(self, request: object) -> None:
        assert isinstance(request, OutOfServiceRequest)
        cid, on = request.compartment_id, request.on
        if cid is None:
            self.kiosk.machine.set_out_of_service(
                OOS_BACKOFFICE,
                on,
                self.tr("This locker is out of service. We are sorry for the inconvenience."),
            )
        else:
            self.kiosk.bank.set_out_of_service(cid, on)
        where = cid or "locker"
        self.gateway.record_event(
            "out_of_service" if on else "in_service",
            cid,
            None,
            actor=BACKOFFICE,
            detail={"command_id": request.command_id},
            on_done=lambda: self.desk.finish(
                request.command_id, "ok", f"{where} {'out of' if on else 'in'} service"
            ),
        )

    # ------------------------------------------------------------------ show_message
    @Slot(object)
    def _on_message(self, request: object) -> None:
        assert isinstance(request, MessageRequest)
        if request.text and request.until > datetime.now(UTC):
            self.message = request.text
            self._message_until = request.until
            self._save_banner()
            self._message_check()
            detail = "shown"
        else:
            self._clear_message()
            detail = "cleared"
        self.kiosk.refresh_idle_now()
        self.desk.finish(request.command_id, "ok", detail)

    @Slot()
    def _message_check(self) -> None:
        until = self._message_until
        if until is None:
            return
        left_ms = (until - datetime.now(UTC)).total_seconds() * 1000
        if left_ms <= 0:
            self._clear_message()
            self.kiosk.refresh_idle_now()
        else:
            self._message_timer.start(min(MAX_TIMER_MS, int(left_ms) + 1))

    def _clear_message(self) -> None:
        self.message = ""
        self._message_until = None
        self._message_timer.stop()
        with contextlib.suppress(FileNotFoundError):
            self._banner_path.unlink()

    def _save_banner(self) -> None:
        assert self._message_until is not None
        body = {"text": self.message, "until": self._message_until.isoformat()}
        tmp = self._banner_path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(body), encoding="utf-8")
            os.replace(tmp, self._banner_path)
        except OSError as err:
            log.error("banner not kept for a restart (%s): %s", self._banner_path, err)

    def _load_banner(self) -> None:
        """The banner a back-office command put up before a restart, while its time lasts."""
        try:
            raw = json.loads(self._banner_path.read_text(encoding="utf-8"))
            text, until = str(raw["text"]), datetime.fromisoformat(str(raw["until"]))
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.warning("banner file %s unreadable, dropped: %s", self._banner_path, err)
            with contextlib.suppress(OSError):
                self._banner_path.unlink()
            return
        if until.tzinfo is None or until <= datetime.now(UTC) or not text:
            self._clear_message()
            return
        self.message, self._message_until = text, until
        self._message_check()

    # ------------------------------------------------------------------ reload_config
    @Slot(object)
    def _on_reload(self, request: object) -> None:
        assert isinstance(request, ReloadRequest)
        backend = self.services.backend

        def done(locker: object) -> None:
            assert isinstance(locker, LockerInfo)
            self.kiosk.apply_locker(locker)
            self.desk.finish(request.command_id, "ok", "layout and settings reloaded")

        def failed(error: BackendError) -> None:
            self.desk.finish(request.command_id, "failed", f"locker not fetched: {error.code}")

        backend.call(backend.backend.get_locker, on_done=done, on_error=failed)

    # ------------------------------------------------------------------ pairing QR
    @Slot()
    def refresh_pairing(self) -> None:
        """Ask the backend for a new pairing (#12); the QR shows it when it comes."""
        if self._stopped:
            return
        self.gateway.app_pairing(self._paired, self._pairing_failed)

    def _paired(self, pairing: AppPairing) -> None:
        if self._stopped:
            return
        left_s = (pairing.expires_at - datetime.now(UTC)).total_seconds()
        if left_s <= 1:
            log.warning("app pairing expired on arrival (kiosk clock ahead?)")
            self._pairing_failed(BackendError("pairing expired on arrival"))
            return
        self.pairing_url = pairing.url
        # Hidden at expiry whatever happens; renewed a fifth of its life (at most a
        # minute) before that, so a phone never scans a code about to lapse.
        self._pairing_expiry.start(min(MAX_TIMER_MS, int(left_s * 1000)))
        self._pairing_refresh.start(min(MAX_TIMER_MS, int((left_s - min(60, left_s / 5)) * 1000)))
        self.kiosk.refresh_idle_now()

    def _pairing_failed(self, error: BaseException) -> None:
        if self._stopped:
            return
        log.info("app pairing not available: %s", getattr(error, "code", error))
        if self.pairing_url:
            self.pairing_url = ""
            self.kiosk.refresh_idle_now()
        self._pairing_expiry.stop()
        self._pairing_refresh.start(int(PAIRING_RETRY_MS * random.uniform(0.8, 1.2)))

    @Slot()
    def _pairing_expired(self) -> None:
        # The refresh did not come in time: no QR rather than one that no longer pairs.
        self.pairing_url = ""
        self.kiosk.refresh_idle_now()
        if not self._pairing_refresh.isActive():
            self.refresh_pairing()
