"""Offline operation: pickups, drop-offs and couriers served from cached hashes when the
backend is unreachable.

:class:`OfflineVerifier` keeps the last ``offline-codes`` answer (#13; hashes only: one salt
per locker for pickup and drop-off codes, one for badges, one per courier for PINs), the
couriers' last task lists (#6), the rents this kiosk reserved, and the locker's guess limiter
settings in SQLite. It checks a typed code with one key derivation. The guess limiter of
:mod:`kiosk.domain.guess` applies offline too, one budget for shoppers' codes and one for
courier logins (as on the server), with what is left of them on disk so a restart does not
refill them.

Time offline is the backend's, not the wall clock's: a kiosk computer may have no
battery-backed clock, and a clock set back must not revive expired codes (nor one set
ahead refuse valid ones while the kiosk knows better). See :meth:`OfflineVerifier.now`.

:class:`ResilientBackend` wraps an online backend. Every call goes online first and falls
back to the cache only when the backend is *unreachable* (``Unavailable``). An
``InvalidResponse`` is not a reason to open doors from a cache (a misconfigured proxy must
not turn the locker into an offline one); it is raised as it is. So the moment the backend
answers again, the next check is online.

Offline reservations: a compartment reserved while the backend is unreachable (a courier's
delivery, a shopper's drop-off) is recorded here and its PUT #7 queued in the outbox ahead
of the rent's events, carrying ``offline_courier_id`` or the ``receipt`` the kiosk made and
showed (see :meth:`ResilientBackend.reserve_rent`).

Courier sessions made offline (a token starting ``offline.``) stay offline for their whole
life: the backend never issued the token, so it is never sent online. The courier's tasks
come from the cached list and their reservations are queued, also once the backend is back
(the outbox sends them within seconds); the next login is online again.
"""

from __future__ import annotations

import logging
import math
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

import msgspec

from kiosk.backend.api import (
    KDF_ALG,
    MAX_CODE_LENGTH,
    AckResult,
    AlreadyCollected,
    AlreadyDelivered,
    AlreadyUsed,
    AppPairing,
    BadCredentials,
    BadRequest,
    CodeExpired,
    CodeUnknown,
    Command,
    CompartmentTaken,
    Courier,
    CourierLocked,
    CourierSession,
    CourierTasks,
    Event,
    EventResult,
    Heartbeat,
    HeartbeatReply,
    Kdf,
    LockerBackend,
    LockerInfo,
    LockerSettings,
    OfflineCodes,
    OfflineCourier,
    PickupRent,
    PickupResult,
    Rent,
    RentRequest,
    SendInfo,
    SessionExpired,
    Size,
    TooManyAttempts,
    Unavailable,
    UnknownParcel,
    hash_code,
    hashes_equal,
    normalize_code,
)
from kiosk.backend.embedded import new_receipt
from kiosk.backend.statefile import open_state_db
from kiosk.backend.store import CachedCourier, CachedSend, OfflineCacheStore
from kiosk.domain.guess import Budget, GuessRule, spend

log = logging.getLogger("kiosk.backend.offline")

#: Event types after which a rent's code must not open the door again offline.
DONE_TYPES = ("picked_up", "collected")
#: The event after which a delivery is off the task list and a drop-off code used up.
DEPOSITED = ("deposited",)

#: Guess pools, as on the server: shoppers' pickup and drop-off codes share one budget,
#: courier logins have their own. The meta key holds what is left of each.
CODE_POOL = "guess_tokens"
COURIER_POOL = "courier_guess_tokens"

#: As on the server: this many wrong PINs in a row lock that courier for COURIER_LOCK_S.
COURIER_MAX_FAILED = 5
COURIER_LOCK_S = 15 * 60.0
#: An offline courier session lasts as long as an online one.
OFFLINE_SESSION_S = 8 * 3600.0
#: Prefix of a courier session token made on the kiosk (never sent to the backend).
OFFLINE_TOKEN_PREFIX = "offline."
#: Reservations this kiosk made are remembered this long (the offline set's horizon).
RESERVATION_KEEP_S = 7 * 24 * 3600.0
#: ``expires_at`` of a rent reserved offline (shown to nobody): the backend sets the real
#: one when it receives the reservation.
OFFLINE_RENT_S = 3 * 24 * 3600.0

#: A cache not refreshed for this long is wiped rather than used: a kiosk that has not
#: reached its backend for a day no longer opens doors from what it knew a day ago (rents
#: picked up through the app or cancelled since), and its disk stops holding the hashes.
MAX_CACHE_AGE_S = 24 * 3600.0


class HasEvents(Protocol):
    """What the verifier asks the outbox (:class:`~kiosk.backend.outbox.Outbox` has it)."""

    def has_event(self, rent_id: str, types: tuple[str, ...]) -> bool:
        """True if an event of one of ``types`` was recorded for ``rent_id``."""
        ...


@runtime_checkable
class QueuesReservations(HasEvents, Protocol):
    """The outbox as :class:`ResilientBackend` uses it: events asked, reservations queued."""

    def record_reservation(self, rent_id: str, request: RentRequest) -> bool:
        """Queue a PUT #7 behind everything recorded so far; returns once on disk."""
        ...


class NotInOfflineSet(Unavailable):
    """The backend is unreachable and the offline set cannot answer for this code, badge or
    courier (it was checked: one guess spent). Not "wrong": the set may simply be older
    than the code. The person is told the locker is offline, and that nothing was used."""


class OfflineMark(threading.local):
    """Whether the last call on this thread was answered from the cache (per thread)."""

    def __init__(self) -> None:
        self.offline = False


@dataclass(frozen=True, slots=True)
class _Session:
    """A courier session this kiosk knows: its courier, whether the kiosk made it, and
    (when it did) when it ends, in :meth:`OfflineVerifier.now` terms."""

    courier: Courier
    offline: bool
    expires_at: float = math.inf


class OfflineVerifier:
    """The offline set (pickup codes, drop-off codes, couriers), the couriers' last task
    lists, the reservations made here, and the offline guess limiters.

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
        #: The guess budgets (per pool) in monotonic time; loaded from disk at first use.
        self._budgets: dict[str, Budget] = {}
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

        Once the backend has told its time, rents and sends already past their expiry are
        not cached (the contract's server leaves them out; one that does not is not trusted
        to): a stolen disk holds no more than the codes that can still open a door. Before
        that, all are kept: a wall clock running ahead must not empty the cache. Couriers
        are replaced as sent; their task lists and this kiosk's reservations stay (the
        reservations until a week old).
        """
        with self._lock:
            now = self._now()
            meta = {
                "alg": codes.kdf.alg,
                "salt": codes.kdf.salt,
                "iterations": str(codes.kdf.iterations),
                "fetched_at": repr(now),
            }
            drop: list[str] = []
            if codes.badge_kdf is not None:
                meta["badge_salt"] = codes.badge_kdf.salt
                meta["badge_iterations"] = str(codes.badge_kdf.iterations)
            else:
                drop += ["badge_salt", "badge_iterations"]
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
            sends = [
                (s.send_id, s.size, s.kind, s.expires_at.timestamp(), s.code_hash.lower())
                for s in codes.sends
                if self._server is None or s.expires_at.timestamp() > now
            ]
            couriers = [_cached_courier(c) for c in codes.couriers]
            self._store.replace(meta, rows, sends, couriers, drop)
            self._store.purge_reservations(now - RESERVATION_KEEP_S)
            self._fetched_mono = self._monotonic()
            log.info(
                "offline set cached: %d rents, %d sends (%d past expiry left out), %d couriers",
                len(rows),
                len(sends),
                len(codes.rents) + len(codes.sends) - len(rows) - len(sends),
                len(couriers),
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
            meta, now = self._spend_check(CODE_POOL)
            rents: list[tuple[str, str, float, str | None]] = []
            if meta.get("alg") == KDF_ALG:
                digest = self._digest(
                    normalize_code(code), meta.get("salt"), meta.get("iterations")
                )
                rents = self._store.rents_by_hash(digest) if digest else []
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

    def verify_send(self, code: str) -> SendInfo:
        """Check a drop-off code against the cached sends (one guess from the code pool).

        A send whose parcel this kiosk already recorded as deposited is used up, whatever a
        later refresh says, until the backend has heard of it.

        Raises:
            BadRequest: longer than any code can be (nothing spent, nothing checked).
            TooManyAttempts: over the guess budget (the code is not checked).
            NotInOfflineSet: no cached send has this code (it may be newer than the set).
            AlreadyUsed: a parcel for it was deposited on this kiosk.
            CodeExpired: the send is past its time.
        """
        if len(code) > MAX_CODE_LENGTH:
            raise BadRequest(f"code longer than {MAX_CODE_LENGTH} characters")
        with self._lock:
            meta, now = self._spend_check(CODE_POOL)
            norm = normalize_code(code)
            digest = self._digest(norm, meta.get("salt"), meta.get("iterations"))
            sends = self._store.sends_by_hash(digest) if digest else []
            if not sends:
                raise NotInOfflineSet("drop-off code not in the offline set")
            open_sends = [s for s in sends if not self._send_used(s.send_id)]
            if not open_sends:
                raise AlreadyUsed("drop-off already recorded on this kiosk")
            valid = [s for s in open_sends if s.expires_at > now]
            if not valid:
                raise CodeExpired("drop-off code expired (offline)")
            return _send_info(valid[0])

    def send_used(self, send_id: str) -> bool:
        """A parcel for ``send_id`` was deposited on this kiosk (recorded in the outbox)."""
        with self._lock:
            return self._send_used(send_id)

    def _send_used(self, send_id: str) -> bool:
        if self._outbox is None:
            return False
        outbox = self._outbox
        return any(
            outbox.has_event(rent_id, DEPOSITED)
            for rent_id in self._store.reservations_for_send(send_id)
        )

    def cached_send(self, send_id: str) -> SendInfo | None:
        """The cached send ``send_id`` (after it was verified), or None."""
        with self._lock:
            self._wipe_if_old(self._store.meta(), self._now())
            send = self._store.send(send_id)
        return None if send is None else _send_info(send)

    def courier_login(
        self, *, courier_id: str | None = None, pin: str | None = None, badge: str | None = None
    ) -> Courier:
        """Check a courier's PIN or badge against the cached couriers (courier pool).

        As online: every attempt spends from the courier guess budget, and
        :data:`COURIER_MAX_FAILED` wrong PINs in a row lock that courier for
        :data:`COURIER_LOCK_S` (kept on disk, in the backend's time).

        Raises:
            BadRequest: neither ``courier_id`` + ``pin`` nor ``badge``, or input longer than
                any PIN or badge can be (nothing spent).
            TooManyAttempts: over the courier guess budget (nothing checked).
            NotInOfflineSet: no cached courier has this id or badge.
            CourierLocked: too many wrong PINs for this courier.
            BadCredentials: the PIN is wrong.
        """
        by_badge = badge is not None and courier_id is None and pin is None
        if not by_badge and (courier_id is None or pin is None or badge is not None):
            raise BadRequest("give courier_id and pin, or badge")
        secret = (badge if by_badge else pin) or ""
        if len(secret) > MAX_CODE_LENGTH or len(courier_id or "") > MAX_CODE_LENGTH:
            raise BadRequest(f"longer than {MAX_CODE_LENGTH} characters")
        with self._lock:
            meta, now = self._spend_check(COURIER_POOL)
            if by_badge:
                digest = self._digest(
                    normalize_code(secret), meta.get("badge_salt"), meta.get("badge_iterations")
                )
                courier = self._store.courier_by_badge(digest) if digest else None
                if courier is None:
                    raise NotInOfflineSet("badge not in the offline set")
            else:
                courier = self._store.courier(courier_id or "")
                if courier is None or courier.pin_hash is None:
                    raise NotInOfflineSet("courier not in the offline set")
            locked_key = f"courier_locked:{courier.courier_id}"
            failed_key = f"courier_failed:{courier.courier_id}"
            locked_until = _float(meta.get(locked_key), 0.0)
            if locked_until > now:
                raise CourierLocked("courier locked (offline)", retry_after=locked_until - now)
            if not by_badge and not self._pin_matches(courier, secret):
                failed = int(_float(meta.get(failed_key), 0.0)) + 1
                if failed >= COURIER_MAX_FAILED:
                    self._store.set_metas({failed_key: "0", locked_key: repr(now + COURIER_LOCK_S)})
                    raise CourierLocked("too many wrong PINs (offline)", retry_after=COURIER_LOCK_S)
                self._store.set_metas({failed_key: str(failed)})
                raise BadCredentials("courier id or PIN wrong (offline)")
            if meta.get(failed_key, "0") != "0" or locked_key in meta:
                self._store.set_metas({failed_key: "0", locked_key: "0"})
            return Courier(id=courier.courier_id, name=courier.name, company=courier.company)

    def _pin_matches(self, courier: CachedCourier, pin: str) -> bool:
        if not pin or courier.pin_hash is None or courier.pin_salt is None:
            return False
        digest = self._digest(pin, courier.pin_salt, str(courier.pin_iterations))
        return digest is not None and hashes_equal(digest, courier.pin_hash.lower())

    @staticmethod
    def _digest(norm: str, salt: str | None, iterations: str | None) -> str | None:
        """``hash_code`` under a cached kdf; None when there is none (or it is unusable)."""
        if not norm or salt is None or iterations is None:
            return None
        try:
            return hash_code(norm, salt, int(iterations))
        except ValueError:
            log.error("offline cache has an unusable kdf; cannot verify offline")
            return None

    def is_courier_cached(self, courier_id: str) -> bool:
        """The courier is in the offline set."""
        return self._store.courier(courier_id) is not None

    def save_tasks(self, courier_id: str, tasks: CourierTasks) -> None:
        """Keep ``tasks`` as the courier's last task list (replacing the one before)."""
        with self._lock:
            now = self._now()
            self._store.save_tasks(courier_id, msgspec.json.encode(tasks).decode(), now)

    def tasks(self, courier_id: str) -> CourierTasks | None:
        """The courier's last task list minus what this kiosk has done since.

        Deliveries whose parcel was deposited here and collections collected here are left
        out (their events may still wait in the outbox). None: no list is cached.
        """
        with self._lock:
            self._wipe_if_old(self._store.meta(), self._now())
            body = self._store.tasks(courier_id)
            if body is None:
                return None
            try:
                cached = msgspec.json.decode(body, type=CourierTasks)
            except (msgspec.DecodeError, msgspec.ValidationError):
                log.error("cached task list of %s is unreadable; none offline", courier_id)
                return None
            return self._minus_done(cached)

    def minus_done(self, tasks: CourierTasks) -> CourierTasks:
        """``tasks`` without what this kiosk deposited or collected (see :meth:`tasks`)."""
        with self._lock:
            return self._minus_done(tasks)

    def _minus_done(self, tasks: CourierTasks) -> CourierTasks:
        outbox = self._outbox
        if outbox is None:
            return tasks
        deposited = self._deposited_barcodes()
        deliveries = [p for p in tasks.deliveries if normalize_code(p.barcode) not in deposited]
        collections = [
            c for c in tasks.collections if not outbox.has_event(c.rent_id, ("collected",))
        ]
        if len(deliveries) == len(tasks.deliveries) and len(collections) == len(tasks.collections):
            return tasks
        return CourierTasks(deliveries=deliveries, collections=collections)

    def delivered_here(self, barcode: str) -> bool:
        """A parcel with this barcode was deposited on this kiosk."""
        with self._lock:
            return normalize_code(barcode) in self._deposited_barcodes()

    def _deposited_barcodes(self) -> set[str]:
        outbox = self._outbox
        if outbox is None:
            return set()
        return {
            normalize_code(barcode)
            for rent_id, barcode in self._store.delivery_reservations()
            if outbox.has_event(rent_id, DEPOSITED)
        }

    def compartment_held(self, compartment_id: str) -> bool:
        """As far as this kiosk knows offline, ``compartment_id`` holds a parcel.

        A rent of the offline set in it that this kiosk has not recorded as picked up or
        collected, or a parcel this kiosk deposited in it and has not seen taken out. Not
        the whole truth (the set leaves out expired parcels waiting to be collected), but
        enough to keep a door with a parcel behind it shut to the next one.
        """
        outbox = self._outbox
        if outbox is None:
            return False
        with self._lock:
            self._wipe_if_old(self._store.meta(), self._now())
            held = [
                rent_id
                for rent_id in self._store.rents_in(compartment_id)
                if not outbox.has_event(rent_id, DONE_TYPES)
            ]
            held += [
                rent_id
                for rent_id in self._store.reservations_in(compartment_id)
                if outbox.has_event(rent_id, DEPOSITED)
                and not outbox.has_event(rent_id, DONE_TYPES)
            ]
        return bool(held)

    def note_reservation(
        self, rent_id: str, request: RentRequest, courier_id: str | None = None
    ) -> None:
        """Remember a rent reserved through this kiosk (online or offline)."""
        with self._lock:
            self._store.add_reservation(
                rent_id=rent_id,
                kind=request.kind,
                compartment_id=request.compartment_id,
                barcode=request.barcode,
                send_id=request.send_id,
                courier_id=courier_id,
                at=self._now(),
            )

    def guess_tokens(self, pool: str = CODE_POOL) -> float:
        """Checks left in an offline budget now (for the admin panel and tests).

        Args:
            pool: :data:`CODE_POOL` (pickup and drop-off codes) or :data:`COURIER_POOL`.
        """
        with self._lock:
            rule = _guess_rule(self._store.meta())
            budget = self._loaded_budget(self._store.meta(), rule, pool)
            return budget.refilled(rule, self._monotonic()).tokens

    def _loaded_budget(self, meta: dict[str, str], rule: GuessRule, pool: str) -> Budget:
        """The budget in memory, or as left on disk with no time passed (see the class)."""
        budget = self._budgets.get(pool)
        if budget is None:
            try:
                tokens = float(meta.get(pool, rule.burst))
            except ValueError:
                tokens = 0.0
            if not math.isfinite(tokens) or tokens < 0:
                tokens = 0.0  # a damaged value refills from empty, never from full
            budget = self._budgets[pool] = Budget(tokens, self._monotonic())
        # New settings may have lowered the burst: what is left is capped by it.
        return Budget(min(budget.tokens, float(rule.burst)), budget.at)

    def _spend_check(self, pool: str) -> tuple[dict[str, str], float]:
        """Under the lock, before a code, PIN or badge is checked: the cache's meta and the
        time, one check spent from ``pool`` (on disk first) and a stale cache wiped."""
        meta = self._store.meta()
        now = self._now()
        self._take_guess(meta, now, pool)
        self._wipe_if_old(meta, now)
        return meta, now

    def _take_guess(self, meta: dict[str, str], now: float, pool: str) -> None:
        """Spend one check, written to disk before the check runs; or TooManyAttempts.

        The budget refills by the monotonic clock only: a wall clock set forward by a
        year refills nothing.
        """
        rule = _guess_rule(meta)
        budget, wait = spend(self._loaded_budget(meta, rule, pool), rule, self._monotonic())
        if wait:
            raise TooManyAttempts("offline guess budget spent; not checked", retry_after=wait)
        self._budgets[pool] = budget
        values = {pool: repr(budget.tokens)}
        values.update(self._floor_meta(now))
        self._store.set_metas(values)

    def _wipe_if_old(self, meta: dict[str, str], now: float) -> None:
        """Forget everything the backend said if it said it too long ago (``max_age_s``)."""
        if self._too_old(meta, now) and self._store.has_cached():
            self._store.clear_cached()
            log.warning(
                "offline cache older than %.0f h: wiped until the next refresh",
                self._max_age_s / 3600,
            )

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


def _cached_courier(c: OfflineCourier) -> CachedCourier:
    kdf: Kdf | None = c.pin_kdf
    return CachedCourier(
        courier_id=c.courier_id,
        name=c.name,
        company=c.company,
        pin_hash=c.pin_hash.lower() if c.pin_hash and kdf else None,
        pin_salt=kdf.salt if c.pin_hash and kdf else None,
        pin_iterations=kdf.iterations if c.pin_hash and kdf else None,
        badge_hash=c.badge_hash.lower() if c.badge_hash else None,
    )


_SIZES: dict[str, Size] = {"S": "S", "M": "M", "L": "L", "XL": "XL"}


def _send_info(send: CachedSend) -> SendInfo:
    """A cached send as #3 answers it (the cache only holds what #13 validated)."""
    size = _SIZES.get(send.size, "XL")
    if send.kind == "return":
        return SendInfo(send_id=send.send_id, size=size, kind="return")
    return SendInfo(send_id=send.send_id, size=size, kind="send")


def _float(raw: str | None, default: float) -> float:
    try:
        value = float(raw) if raw is not None else default
    except ValueError:
        return default
    return value if math.isfinite(value) else default


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
    """A :class:`~kiosk.backend.api.LockerBackend` that serves from the offline set when it must.

    A pickup the kiosk opened while the backend was down is known only to the kiosk until
    its ``picked_up`` event has been delivered: for the backend the rent is still waiting to
    be collected. So an online answer is checked against the outbox too, and a rent whose
    closing event (``picked_up``, ``collected``) is recorded there is answered as already
    collected by the kiosk itself; otherwise the same code opens the door again the moment
    the backend is back (and the event is later rejected as ``invalid_transition``). The
    same holds for a drop-off code whose parcel was deposited here (already used) and for a
    courier's task list (parcels deposited here are left out).

    Offline answers set :attr:`offline_mark` on the calling thread, so the service running
    the call can tell that the backend did not answer (and not kick the outbox for it).

    Args:
        online: the real backend (usually :class:`~kiosk.backend.rest.RestBackend`).
        verifier: the offline cache, refreshed with :meth:`refresh_offline_codes`.
        outbox: where the kiosk records events and queues offline reservations (the
            :class:`~kiosk.backend.outbox.Outbox`); None when nothing is recorded locally
            (then nothing can be reserved offline).
        max_sessions: courier sessions remembered (a session never logged out, after a
            crash of the flow, must not grow the table for ever).
    """

    def __init__(
        self,
        online: LockerBackend,
        verifier: OfflineVerifier,
        *,
        outbox: HasEvents | None = None,
        max_sessions: int = 64,
    ) -> None:
        self.online = online
        self.verifier = verifier
        self.outbox = outbox
        self.offline_mark = OfflineMark()
        self._sessions: dict[str, _Session] = {}
        self._sessions_lock = threading.Lock()
        self._max_sessions = max(1, max_sessions)

    @property
    def locker_id(self) -> str:
        """The locker this backend speaks for."""
        return self.online.locker_id

    @property
    def reserves_offline(self) -> bool:
        """Reservations may be queued in the outbox (it has one that takes them)."""
        return isinstance(self.outbox, QueuesReservations)

    def refresh_offline_codes(self) -> int:
        """Refresh the offline cache from the online backend (raises if unreachable)."""
        return self.verifier.refresh(self.online)

    def _answered_offline(self, what: str, exc: Unavailable) -> None:
        log.warning("backend unreachable (%s); %s offline", exc.detail, what)
        self.offline_mark.offline = True

    def verify_pickup(self, code: str, phone: str | None = None) -> PickupResult:
        """Online first; offline only if the backend is unreachable.

        Raises:
            AlreadyCollected: also when the backend still offers rents whose closing event
                waits in this kiosk's outbox (see the class docstring).
        """
        self.offline_mark.offline = False
        try:
            result = self.online.verify_pickup(code, phone)
        except Unavailable as exc:
            self._answered_offline("verifying the code", exc)
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
        self.offline_mark.offline = False
        return self.online.get_locker()

    def verify_send(self, code: str) -> SendInfo:
        """#3 online first; offline against the cached sends if the backend is unreachable.

        Raises:
            AlreadyUsed: also when the backend still offers a send whose parcel was
                deposited here and waits in the outbox.
            NotInOfflineSet: unreachable, and the code is not in the offline set.
        """
        self.offline_mark.offline = False
        try:
            info = self.online.verify_send(code)
        except Unavailable as exc:
            self._answered_offline("verifying the drop-off code", exc)
            return self.verifier.verify_send(code)
        if self.verifier.send_used(info.send_id):
            log.info("drop-off already recorded on this kiosk, not yet delivered")
            raise AlreadyUsed("drop-off already recorded on this kiosk")
        return info

    def courier_login(
        self, *, courier_id: str | None = None, pin: str | None = None, badge: str | None = None
    ) -> CourierSession:
        """#4 online first; offline against the cached couriers if unreachable.

        An offline session's token starts with :data:`OFFLINE_TOKEN_PREFIX` and is known
        only to this object (see the module docstring).
        """
        self.offline_mark.offline = False
        try:
            session = self.online.courier_login(courier_id=courier_id, pin=pin, badge=badge)
        except Unavailable as exc:
            self._answered_offline("checking the courier", exc)
            courier = self.verifier.courier_login(courier_id=courier_id, pin=pin, badge=badge)
            token = OFFLINE_TOKEN_PREFIX + secrets.token_urlsafe(32)
            ends = self.verifier.now() + OFFLINE_SESSION_S
            self._remember(token, _Session(courier, offline=True, expires_at=ends))
            log.info("courier %s logged in offline", courier.id)
            return CourierSession(
                session_token=token,
                courier=courier,
                expires_at=datetime.fromtimestamp(ends, UTC),
            )
        self._remember(session.session_token, _Session(session.courier, offline=False))
        return session

    def _remember(self, token: str, session: _Session) -> None:
        with self._sessions_lock:
            while len(self._sessions) >= self._max_sessions:
                self._sessions.pop(next(iter(self._sessions)))  # the oldest
            self._sessions[token] = session

    def _session(self, token: str | None) -> _Session | None:
        """The session of ``token`` if this object knows it.

        Raises:
            SessionExpired: an offline session past its end (as the backend would say), or
                one this object no longer knows.
        """
        if not token:
            return None
        with self._sessions_lock:
            session = self._sessions.get(token)
        if session is None and token.startswith(OFFLINE_TOKEN_PREFIX):
            # Made here and forgotten (the table was full): never sent to the backend.
            raise SessionExpired("offline courier session unknown")
        if session is not None and session.offline and session.expires_at <= self.verifier.now():
            raise SessionExpired("offline courier session over")
        return session

    def courier_logout(self, session_token: str) -> None:
        """#5; an offline session ends here only (the backend never knew it)."""
        self.offline_mark.offline = False
        with self._sessions_lock:
            session = self._sessions.pop(session_token, None)
        if (session is not None and session.offline) or session_token.startswith(
            OFFLINE_TOKEN_PREFIX
        ):
            self.offline_mark.offline = True
            log.info("courier logged out (offline session)")
            return
        self.online.courier_logout(session_token)

    def courier_tasks(self, session_token: str) -> CourierTasks:
        """#6; kept as the courier's last list, served from it offline (minus what this
        kiosk has done since). An offline session is always served from it; a courier
        with no list cached gets an empty one."""
        self.offline_mark.offline = False
        session = self._session(session_token)
        if session is not None and session.offline:
            self.offline_mark.offline = True
            return self._cached_tasks(session.courier.id)
        try:
            tasks = self.online.courier_tasks(session_token)
        except Unavailable as exc:
            if session is None:
                raise
            self._answered_offline("serving the last task list", exc)
            return self._cached_tasks(session.courier.id)
        if session is not None:
            self.verifier.save_tasks(session.courier.id, tasks)
        return self.verifier.minus_done(tasks)

    def _cached_tasks(self, courier_id: str) -> CourierTasks:
        tasks = self.verifier.tasks(courier_id)
        if tasks is None:
            log.info("no task list cached for courier %s", courier_id)
            return CourierTasks(deliveries=[], collections=[])
        return tasks

    def reserve_rent(
        self, rent_id: str, request: RentRequest, *, session_token: str | None = None
    ) -> Rent:
        """#7 online first; offline (recorded here, the PUT queued) if unreachable.

        A request that carries ``offline_courier_id`` or ``receipt`` is a queued offline
        reservation on its way from the outbox: it only ever goes online. A delivery of an
        offline courier session is always reserved offline (the backend does not know the
        session); one of an online session, and a drop-off whose send is in the offline
        set, are reserved offline when the backend is unreachable.

        Raises:
            Unavailable: unreachable, and the rent cannot be reserved offline (no outbox,
                a send not in the offline set, a session this object does not know).
            UnknownParcel: offline, a barcode not on the courier's cached task list.
            CompartmentTaken: offline, the compartment holds a parcel as far as the kiosk
                knows (:meth:`OfflineVerifier.compartment_held`).
            AlreadyDelivered / AlreadyUsed: offline, deposited here already.
        """
        self.offline_mark.offline = False
        if request.offline_courier_id is not None or request.receipt is not None:
            return self.online.reserve_rent(rent_id, request, session_token=session_token)
        session = self._session(session_token)
        if session is not None and session.offline and request.barcode is not None:
            self.offline_mark.offline = True
            return self._reserve_offline(rent_id, request, session.courier.id)
        try:
            rent = self.online.reserve_rent(rent_id, request, session_token=session_token)
        except Unavailable as exc:
            if request.barcode is not None and session is not None:
                self._answered_offline("reserving", exc)
                return self._reserve_offline(rent_id, request, session.courier.id)
            if request.send_id is not None and self.verifier.cached_send(request.send_id):
                self._answered_offline("reserving", exc)
                return self._reserve_offline(rent_id, request, None)
            raise
        if request.barcode is not None:
            # So that a later offline task list leaves this parcel out once deposited.
            self.verifier.note_reservation(
                rent_id, request, session.courier.id if session else None
            )
        return rent

    def _reserve_offline(self, rent_id: str, request: RentRequest, courier_id: str | None) -> Rent:
        """Record the reservation here and queue its PUT (see :meth:`reserve_rent`)."""
        outbox = self.outbox
        if not isinstance(outbox, QueuesReservations):
            raise Unavailable("no outbox to queue an offline reservation")
        receipt: str | None = None
        parcel_id: str | None = None
        if request.barcode is not None:
            assert courier_id is not None
            if self.verifier.delivered_here(request.barcode):
                raise AlreadyDelivered("parcel already deposited on this kiosk")
            tasks = self._cached_tasks(courier_id)
            wanted = normalize_code(request.barcode)
            parcel = next(
                (p for p in tasks.deliveries if normalize_code(p.barcode) == wanted), None
            )
            if parcel is None:
                raise UnknownParcel("barcode not on the cached task list")
            parcel_id = parcel.parcel_id
            queued = msgspec.structs.replace(request, offline_courier_id=courier_id)
        else:
            if request.send_id is None or self.verifier.cached_send(request.send_id) is None:
                raise Unavailable("drop-off not in the offline set: cannot reserve offline")
            if self.verifier.send_used(request.send_id):
                raise AlreadyUsed("drop-off already recorded on this kiosk")
            receipt = new_receipt()
            queued = msgspec.structs.replace(request, receipt=receipt)
        if self.verifier.compartment_held(request.compartment_id):
            # The flows choose another door, as for the backend's own answer.
            raise CompartmentTaken(f"compartment {request.compartment_id} holds a parcel")
        self.verifier.note_reservation(rent_id, request, courier_id)
        outbox.record_reservation(rent_id, queued)
        log.info("compartment %s reserved offline (%s)", request.compartment_id, request.kind)
        return Rent(
            rent_id=rent_id,
            compartment_id=request.compartment_id,
            kind=request.kind,
            status="reserved",
            parcel_id=parcel_id,
            expires_at=datetime.fromtimestamp(self.verifier.now() + OFFLINE_RENT_S, UTC),
            receipt=receipt,
        )

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
        self.offline_mark.offline = False
        return self.online.app_pairing()

    def offline_codes(self) -> OfflineCodes:
        """#13."""
        return self.online.offline_codes()


__all__ = [
    "CODE_POOL",
    "COURIER_POOL",
    "MAX_CACHE_AGE_S",
    "OFFLINE_TOKEN_PREFIX",
    "HasEvents",
    "NotInOfflineSet",
    "OfflineMark",
    "OfflineVerifier",
    "QueuesReservations",
    "ResilientBackend",
]
