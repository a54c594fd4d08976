"""Offline pickup: verify codes against cached hashes when the backend is unreachable.

:class:`OfflineVerifier` keeps the last ``offline-codes`` answer (#13; hashes only, one salt
per locker) and the locker's guess limiter settings in SQLite, and checks a typed code with
one key derivation. The guess limiter of :mod:`kiosk.domain.guess` applies offline too, with
what is left of its budget on disk so a restart does not refill it.

Time offline is the backend's, not the wall clock's: a kiosk computer may have no
battery-backed clock, and a clock set back must not revive expired codes (nor one set
ahead refuse valid ones while the kiosk knows better). See :meth:`OfflineVerifier.now`.

:class:`ResilientBackend` wraps an online backend: ``verify_pickup`` asks the backend first
and falls back to the verifier only when the backend is *unreachable* (``Unavailable``).
An ``InvalidResponse`` is not a reason to open doors from a cache (a misconfigured proxy
must not turn the locker into an offline one); it is raised as it is. An online answer is
checked against the outbox: a pickup done offline and not yet delivered is not opened again.
Every heartbeat's ``server_time`` is handed to the verifier as its clock. Every other call
is passed through.
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

#: A cache not refreshed for this long is wiped rather than used: a kiosk that has not
#: reached its backend for a day no longer opens doors from what it knew a day ago (rents
#: picked up through the app or cancelled since), and its disk stops holding the hashes.
MAX_CACHE_AGE_S = 24 * 3600.0


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

    Expiry and the cache's age are judged by :meth:`now`, the backend's clock carried
    forward by ``monotonic``, never by the wall clock alone (see :meth:`now`).

    Args:
        path: the SQLite file for the cache (may be the outbox's file).
        outbox: where picked_up/collected events are recorded; a rent with such an event
            no longer opens offline. None when the caller tracks that itself.
        clock: the kiosk's wall clock, seconds since the epoch; trusted only as far as
            :meth:`now` says.
        monotonic: a monotonic clock in seconds (the guess budget's refills, and time
            elapsed since the backend last told its time).
        max_age_s: a cache older than this is wiped at the next check, and codes are
            unknown offline until the next refresh.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        outbox: HasEvents | None = None,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        max_age_s: float = MAX_CACHE_AGE_S,
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
        self._max_age_s = max_age_s
        #: (server epoch seconds, monotonic then): the backend's clock, told in this process.
        self._server: tuple[float, float] | None = None
        #: (last server time known on disk, monotonic when read): the floor after a restart.
        self._floor: tuple[float, float] | None = None
        #: Monotonic time of this process's last refresh (its age needs no wall clock).
        self._fetched_mono: float | None = None

    def close(self) -> None:
        """Close the database."""
        self._store.close()

    def update(self, codes: OfflineCodes, settings: LockerSettings | None = None) -> None:
        """Replace the cache with a fresh ``offline-codes`` answer (and the guess settings).

        Once the backend has told its time, rents already past their expiry are not cached
        (the contract's server leaves them out; one that does not is not trusted to): a
        stolen disk holds no more than the codes that can still open a door. Before that,
        all are kept: a wall clock running ahead must not empty the cache.
        """
        with self._lock:
            now = self._now()
            meta = {
                "alg": codes.kdf.alg,
                "salt": codes.kdf.salt,
                "iterations": str(codes.kdf.iterations),
                "fetched_at": repr(now),
            }
            if settings is not None:
                meta["guess_burst"] = str(settings.guess_burst)
                meta["guess_interval_s"] = str(settings.guess_interval_s)
                meta["pickup_requires_phone"] = "1" if settings.pickup_requires_phone else "0"
            meta.update(self._floor_meta(now))
            rows = [
                (
                    r.rent_id,
                    r.compartment_id,
                    r.expires_at.timestamp(),
                    r.code_hash.lower(),
                    r.phone_suffix,
                )
                for r in codes.rents
                if self._server is None or r.expires_at.timestamp() > now
            ]
            self._store.replace(meta, rows)
            self._fetched_mono = self._monotonic()
            log.info(
                "offline codes cached: %d rents (%d past expiry left out)",
                len(rows),
                len(codes.rents) - len(rows),
            )

    def note_server_time(self, server_time: float, rtt_s: float = 0.0) -> None:
        """The backend's clock (a heartbeat's ``server_time``), read ``rtt_s`` ago at most.

        From now on :meth:`now` is this time carried forward by the monotonic clock. The
        midpoint of the round trip is taken as the moment the server read its clock.
        """
        with self._lock:
            self._server = (server_time, self._monotonic() - max(0.0, rtt_s) / 2)
            now = self._now()
            values = self._floor_meta(now)
            if self._fetched_mono is not None:
                # This process's refresh may have been stamped by a wrong wall clock before
                # the backend told its time: restamp it in the backend's time.
                values["fetched_at"] = repr(now - (self._monotonic() - self._fetched_mono))
            self._store.set_metas(values)

    def now(self) -> float:
        """Seconds since the epoch as far as the kiosk can trust them.

        - Once the backend has told its time in this process (:meth:`note_server_time`):
          that time plus the monotonic time elapsed since. The wall clock is not used.
        - Before that (a restart with the backend unreachable): the later of the wall
          clock and the last server time this cache knew, carried forward by the
          monotonic clock from when it was read. A clock set back (a computer with no
          battery-backed clock boots in 1970 or at its build date) therefore does not
          revive codes that expired before the restart; what stays unseen is the time
          the kiosk was off.
        """
        with self._lock:
            return self._now()

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
        """When the cache was last refreshed (epoch seconds as :meth:`now` counts), or None."""
        raw = self._store.meta().get("fetched_at")
        return None if raw is None else float(raw)

    def verify(self, code: str, phone: str | None = None) -> PickupResult:
        """Check ``code`` against the cache; the answer is marked ``offline=True``.

        When the locker requires the phone number for a pickup, a rent opens only if the
        typed ``phone`` ends with the rent's ``phone_suffix``, as online (a rent cached
        without a suffix then does not open offline at all).

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
            now = self._now()
            self._take_guess(meta, now)
            if self._too_old(meta, now) and self._store.count():
                self._store.clear_rents()
                log.warning(
                    "offline cache older than %.0f h: wiped until the next refresh",
                    self._max_age_s / 3600,
                )
            norm = normalize_code(code)
            rents: list[tuple[str, str, float, str | None]] = []
            if meta.get("alg") == KDF_ALG and "salt" in meta and norm:
                try:
                    digest = hash_code(norm, meta["salt"], int(meta["iterations"]))
                except (ValueError, KeyError):
                    log.error("offline cache has an unusable kdf; cannot verify offline")
                else:
                    rents = self._store.rents_by_hash(digest)
            if meta.get("pickup_requires_phone") == "1":
                typed = "".join(ch for ch in phone or "" if ch.isdigit())
                rents = [r for r in rents if r[3] and typed.endswith(r[3])]
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

    def _take_guess(self, meta: dict[str, str], now: float) -> None:
        """Spend one check, written to disk before the check runs; or TooManyAttempts.

        The budget refills by the monotonic clock only: a wall clock set forward by a
        year refills nothing.
        """
        rule = _guess_rule(meta)
        budget, wait = spend(self._loaded_budget(meta, rule), rule, self._monotonic())
        if wait:
            raise TooManyAttempts("offline guess budget spent; code not checked", retry_after=wait)
        self._budget = budget
        values = {"guess_tokens": repr(budget.tokens)}
        values.update(self._floor_meta(now))
        self._store.set_metas(values)

    def _now(self) -> float:
        """:meth:`now` with the lock held."""
        mono = self._monotonic()
        if self._server is not None:
            return self._server[0] + (mono - self._server[1])
        if self._floor is None:
            try:
                floor = float(self._store.meta().get("server_time_floor", "0"))
            except ValueError:
                floor = 0.0
            self._floor = (floor if math.isfinite(floor) else 0.0, mono)
        floor, read_at = self._floor
        return max(self._clock(), floor + (mono - read_at))

    def _floor_meta(self, now: float) -> dict[str, str]:
        """What to write as the last known server time: only a time the backend vouched for.

        A wall-clock reading is never written as the floor: a clock running years ahead
        would otherwise expire every code at every later start.
        """
        return {} if self._server is None else {"server_time_floor": repr(now)}

    def _too_old(self, meta: dict[str, str], now: float) -> bool:
        """The cache was refreshed longer than ``max_age_s`` ago (in monotonic time if it
        was refreshed in this process, else in :meth:`now`'s terms)."""
        if self._fetched_mono is not None:
            return self._monotonic() - self._fetched_mono > self._max_age_s
        raw = meta.get("fetched_at")
        if raw is None:
            return False
        try:
            fetched = float(raw)
        except ValueError:
            return True
        return not math.isfinite(fetched) or now - fetched > self._max_age_s


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
            return self.verifier.verify(code, phone)
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
        """#9; the reply's ``server_time`` becomes the offline verifier's clock."""
        sent = time.monotonic()
        reply = self.online.heartbeat(beat)
        self.verifier.note_server_time(reply.server_time.timestamp(), time.monotonic() - sent)
        return reply

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


__all__ = ["MAX_CACHE_AGE_S", "HasEvents", "OfflineVerifier", "ResilientBackend"]
