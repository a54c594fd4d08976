"""Offline pickup: verify codes against cached hashes when the backend is unreachable.

:class:`OfflineVerifier` keeps the last ``offline-codes`` answer (#13; hashes only, one salt
per locker) and the locker's guess limiter settings in SQLite, and checks a typed code with
one key derivation. The guess limiter of :mod:`kiosk.domain.guess` applies offline too, with
what is left of its budget on disk so a restart does not refill it.

:class:`ResilientBackend` wraps an online backend: ``verify_pickup`` asks the backend first
and falls back to the verifier only when the backend is *unreachable* (``Unavailable``).
An ``InvalidResponse`` is not a reason to open doors from a cache (a misconfigured proxy
must not turn the locker into an offline one); it is raised as it is. An online answer is
checked against the outbox: a pickup done offline and not yet delivered is not opened again.
Every other call is passed through.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import msgspec

from kiosk.backend.api import (
    KDF_ALG,
    MAX_CODE_LENGTH,
    AckResult,
    AlreadyCollected,
    AppPairing,
    BadRequest,
    CodeExpired,
    CodeUnknown,
    Command,
    CourierSession,
    CourierTasks,
    Event,
    EventResult,
    Heartbeat,
    HeartbeatReply,
    LockerBackend,
    LockerInfo,
    LockerSettings,
    OfflineCodes,
    PickupRent,
    PickupResult,
    Rent,
    RentRequest,
    SendInfo,
    TooManyAttempts,
    Unavailable,
    hash_code,
    normalize_code,
)
from kiosk.backend.statefile import open_state_db
from kiosk.backend.store import OfflineCacheStore
from kiosk.domain.guess import Budget, GuessRule, spend

log = logging.getLogger("kiosk.backend.offline")

#: Event types after which a rent's code must not open the door again offline.
DONE_TYPES = ("picked_up", "collected")


class HasEvents(Protocol):
    """What the verifier asks the outbox (:class:`~kiosk.backend.outbox.Outbox` has it)."""

    def has_event(self, rent_id: str, types: tuple[str, ...]) -> bool:
        """True if an event of one of ``types`` was recorded for ``rent_id``."""
        ...


class OfflineVerifier:
    """Cached offline codes and the offline guess limiter.

    Thread-safe; blocking (disk, one PBKDF2 derivation per check): call on a worker.

    The guess budget refills by ``monotonic`` time while this verifier lives. On disk it
    keeps only what is left (``guess_tokens``), and a verifier opened on the file counts
    no time as having passed since: a monotonic clock restarts at boot, and the wall
    clock of a kiosk that lost power may be wrong, so neither can say how long the kiosk
    was down. A restart therefore never refills the budget; at worst it makes the next
    person wait one interval longer than needed.

    Args:
        path: the SQLite file for the cache (may be the outbox's file).
        outbox: where picked_up/collected events are recorded; a rent with such an event
            no longer opens offline. None when the caller tracks that itself.
        clock: seconds since the epoch (rent expiry).
        monotonic: a monotonic clock in seconds (the guess budget's refills).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        outbox: HasEvents | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        # A damaged cache is moved aside and a fresh (empty) one started: the next refresh
        # fills it, and until then the kiosk simply has no offline codes.
        self._store = open_state_db(path, OfflineCacheStore, "offline-code cache")
        self._outbox = outbox
        self._clock = clock
        self._lock = threading.Lock()
        self._monotonic = monotonic
        #: The guess budget in monotonic time; loaded from disk at the first check.
        self._budget: Budget | None = None

    def close(self) -> None:
        """Close the database."""
        self._store.close()

    def update(self, codes: OfflineCodes, settings: LockerSettings | None = None) -> None:
        """Replace the cache with a fresh ``offline-codes`` answer (and the guess settings)."""
        meta = {
            "alg": codes.kdf.alg,
            "salt": codes.kdf.salt,
            "iterations": str(codes.kdf.iterations),
            "fetched_at": repr(self._clock()),
        }
        if settings is not None:
            meta["guess_burst"] = str(settings.guess_burst)
            meta["guess_interval_s"] = str(settings.guess_interval_s)
        rows = [
            (r.rent_id, r.compartment_id, r.expires_at.timestamp(), r.code_hash.lower())
            for r in codes.rents
        ]
        self._store.replace(meta, rows)
        log.info("offline codes cached: %d rents", len(rows))

    def refresh(self, backend: LockerBackend) -> int:
        """Fetch codes and settings from ``backend`` and cache them; returns the rent count."""
        settings = backend.get_locker().settings
        codes = backend.offline_codes()
        self.update(codes, settings)
        return len(codes.rents)

    def count(self) -> int:
        """Cached rents."""
        return self._store.count()

    def fetched_at(self) -> float | None:
        """When the cache was last refreshed (epoch seconds), None if never."""
        raw = self._store.meta().get("fetched_at")
        return None if raw is None else float(raw)

    def verify(self, code: str) -> PickupResult:
        """Check ``code`` against the cache; the answer is marked ``offline=True``.

        Raises:
            BadRequest: longer than any code can be (nothing spent, nothing checked).
            TooManyAttempts: over the guess budget (the code is not checked).
            CodeUnknown: no cached rent has this code, or there is no cache at all.
            AlreadyCollected: the rent's pickup was already recorded on this kiosk.
            CodeExpired: the rent is past its time.
        """
        if len(code) > MAX_CODE_LENGTH:
            raise BadRequest(f"code longer than {MAX_CODE_LENGTH} characters")
        with self._lock:
            meta = self._store.meta()
            self._take_guess(meta)
            now = self._clock()
            norm = normalize_code(code)
            rents: list[tuple[str, str, float]] = []
            if meta.get("alg") == KDF_ALG and "salt" in meta and norm:
                try:
                    digest = hash_code(norm, meta["salt"], int(meta["iterations"]))
                except (ValueError, KeyError):
                    log.error("offline cache has an unusable kdf; cannot verify offline")
                else:
                    rents = self._store.rents_by_hash(digest)
            if not rents:
                raise CodeUnknown("code matches no cached rent")
            if self._outbox is not None:
                open_rents = [r for r in rents if not self._outbox.has_event(r[0], DONE_TYPES)]
                if not open_rents:
                    raise AlreadyCollected("pickup already recorded on this kiosk")
                rents = open_rents
            valid = [r for r in rents if r[2] > now]
            if not valid:
                raise CodeExpired("rent expired (offline)")
            return PickupResult(
                rents=[PickupRent(rent_id=r[0], compartment_id=r[1]) for r in valid], offline=True
            )

    def guess_tokens(self) -> float:
        """Checks left in the offline budget now (for the admin panel and tests)."""
        with self._lock:
            rule = _guess_rule(self._store.meta())
            budget = self._loaded_budget(self._store.meta(), rule)
            return budget.refilled(rule, self._monotonic()).tokens

    def _loaded_budget(self, meta: dict[str, str], rule: GuessRule) -> Budget:
        """The budget in memory, or as left on disk with no time passed (see the class)."""
        if self._budget is None:
            try:
                tokens = float(meta.get("guess_tokens", rule.burst))
            except ValueError:
                tokens = 0.0
            if not math.isfinite(tokens) or tokens < 0:
                tokens = 0.0  # a damaged value refills from empty, never from full
            self._budget = Budget(tokens, self._monotonic())
        # New settings may have lowered the burst: what is left is capped by it.
        return Budget(min(self._budget.tokens, float(rule.burst)), self._budget.at)

    def _take_guess(self, meta: dict[str, str]) -> None:
        """Spend one check, written to disk before the check runs; or TooManyAttempts."""
        rule = _guess_rule(meta)
        budget, wait = spend(self._loaded_budget(meta, rule), rule, self._monotonic())
        if wait:
            raise TooManyAttempts("offline guess budget spent; code not checked", retry_after=wait)
        self._budget = budget
        self._store.set_meta("guess_tokens", repr(budget.tokens))


def _guess_rule(meta: dict[str, str]) -> GuessRule:
    """The cached settings' guess rule; the contract's defaults before the first refresh."""
    default = LockerSettings()
    try:
        return GuessRule(
            burst=int(meta.get("guess_burst", default.guess_burst)),
            interval_s=float(meta.get("guess_interval_s", default.guess_interval_s)),
        )
    except ValueError:
        log.error("offline cache has unusable guess settings; using the defaults")
        return GuessRule(burst=default.guess_burst, interval_s=float(default.guess_interval_s))


class ResilientBackend:
    """A :class:`~kiosk.backend.api.LockerBackend` that verifies pickups offline when it must.

    A pickup the kiosk opened while the backend was down is known only to the kiosk until
    its ``picked_up`` event has been delivered: for the backend the rent is still waiting to
    be collected. So an online answer is checked against the outbox too, and a rent whose
    closing event (``picked_up``, ``collected``) is recorded there is answered as already
    collected by the kiosk itself; otherwise the same code opens the door again the moment
    the backend is back (and the event is later rejected as ``invalid_transition``).

    Args:
        online: the real backend (usually :class:`~kiosk.backend.rest.RestBackend`).
        verifier: the offline cache, refreshed with :meth:`refresh_offline_codes`.
        outbox: where the kiosk records closing events (the
            :class:`~kiosk.backend.outbox.Outbox`); None when nothing is recorded locally.
    """

    def __init__(
        self,
        online: LockerBackend,
        verifier: OfflineVerifier,
        *,
        outbox: HasEvents | None = None,
    ) -> None:
        self.online = online
        self.verifier = verifier
        self.outbox = outbox

    @property
    def locker_id(self) -> str:
        """The locker this backend speaks for."""
        return self.online.locker_id

    def refresh_offline_codes(self) -> int:
        """Refresh the offline cache from the online backend (raises if unreachable)."""
        return self.verifier.refresh(self.online)

    def verify_pickup(self, code: str, phone: str | None = None) -> PickupResult:
        """Online first; offline only if the backend is unreachable.

        Raises:
            AlreadyCollected: also when the backend still offers rents whose closing event
                waits in this kiosk's outbox (see the class docstring).
        """
        try:
            result = self.online.verify_pickup(code, phone)
        except Unavailable as exc:
            log.warning("backend unreachable (%s); verifying the code offline", exc.detail)
            return self.verifier.verify(code)
        if self.outbox is None or not result.rents:
            return result
        outbox = self.outbox
        still_open = [r for r in result.rents if not outbox.has_event(r.rent_id, DONE_TYPES)]
        if not still_open:
            log.info("pickup already recorded on this kiosk, not yet delivered: not reopened")
            raise AlreadyCollected("pickup already recorded on this kiosk")
        if len(still_open) < len(result.rents):
            return msgspec.structs.replace(result, rents=still_open)
        return result

    def get_locker(self) -> LockerInfo:
        """#1."""
        return self.online.get_locker()

    def verify_send(self, code: str) -> SendInfo:
        """#3 (no offline fallback: sends need a reservation)."""
        return self.online.verify_send(code)

    def courier_login(
        self, *, courier_id: str | None = None, pin: str | None = None, badge: str | None = None
    ) -> CourierSession:
        """#4."""
        return self.online.courier_login(courier_id=courier_id, pin=pin, badge=badge)

    def courier_logout(self, session_token: str) -> None:
        """#5."""
        self.online.courier_logout(session_token)

    def courier_tasks(self, session_token: str) -> CourierTasks:
        """#6."""
        return self.online.courier_tasks(session_token)

    def reserve_rent(
        self, rent_id: str, request: RentRequest, *, session_token: str | None = None
    ) -> Rent:
        """#7."""
        return self.online.reserve_rent(rent_id, request, session_token=session_token)

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        """#8."""
        return self.online.send_events(events, idempotency_key=idempotency_key)

    def heartbeat(self, beat: Heartbeat) -> HeartbeatReply:
        """#9."""
        return self.online.heartbeat(beat)

    def poll_commands(self, wait_s: float) -> list[Command]:
        """#10."""
        return self.online.poll_commands(wait_s)

    def ack_command(self, command_id: str, result: AckResult, detail: str = "") -> None:
        """#11."""
        self.online.ack_command(command_id, result, detail)

    def app_pairing(self) -> AppPairing:
        """#12."""
        return self.online.app_pairing()

    def offline_codes(self) -> OfflineCodes:
        """#13."""
        return self.online.offline_codes()


__all__ = ["HasEvents", "OfflineVerifier", "ResilientBackend"]
