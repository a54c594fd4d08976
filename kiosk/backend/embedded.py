"""The backend's rules: the reference server's core and the standalone backend.

:class:`BackendCore` knows every locker in its store and enforces the contract (code hashes
with one salt per locker, the guess limiter of :mod:`kiosk.domain.guess`, rent
transitions, event dedup by ``event_id`` for ever, commands pending until acknowledged).
The HTTP server (:mod:`kiosk.backend.server`) puts it on the wire; :class:`EmbeddedBackend`
binds it to one locker and is a :class:`~kiosk.backend.api.LockerBackend` for standalone
lockers and ``--demo``.

Secrets (codes, PINs, badges, tokens) are stored only as hashes and never logged.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.backend.api import (
    DEFAULT_KDF_ITERATIONS,
    EVENT_TYPES,
    MAX_CODE_LENGTH,
    MAX_EVENT_DETAIL_BYTES,
    AckResult,
    AlreadyCollected,
    AlreadyDelivered,
    AlreadyUsed,
    AppPairing,
    BadCredentials,
    BadRequest,
    CodeExpired,
    CodeUnknown,
    Collection,
    Command,
    Compartment,
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
    LockerInfo,
    LockerSettings,
    OfflineCodes,
    OfflineCourier,
    OfflineRent,
    OfflineSend,
    Parcel,
    PickupRent,
    PickupResult,
    Rent,
    RentConflict,
    RentRequest,
    SendInfo,
    SessionExpired,
    SizeMismatch,
    TooManyAttempts,
    Unauthorized,
    UnknownCommand,
    UnknownCompartment,
    UnknownLocker,
    UnknownParcel,
    hash_code,
    hashes_equal,
    normalize_code,
)
from kiosk.backend.store import BackendStore, Connection, Row
from kiosk.domain.compartments import SIZE_ORDER
from kiosk.domain.guess import Budget, GuessRule, spend

log = logging.getLogger("kiosk.backend.embedded")

#: ``(db, locker_id, rent_row_before, new_status, event)``: see
#: :meth:`BackendCore.add_rent_listener`.
RentListener = Callable[[Connection, str, Row, str, Event], None]

RENT_DAYS_S = 3 * 24 * 3600.0
#: Offline codes (#13) are handed out only for rents expiring within this: the normal rent
#: time and more, so no ordinary parcel is left out, while a rent kept for months by
#: mistake does not sit on every kiosk disk.
OFFLINE_HORIZON_S = 7 * 24 * 3600.0
COURIER_SESSION_S = 8 * 3600.0
#: A courier who logged in at a locker within this time may log in there offline (#13).
OFFLINE_COURIER_DAYS_S = 30 * 24 * 3600.0
#: What :func:`new_receipt` makes; a kiosk that reserved offline sends its own (#7).
RECEIPT_RE = re.compile(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}")
COURIER_MAX_FAILED = 5
COURIER_LOCK_S = 15 * 60.0
PAIRING_S = 300.0
#: Guess budgets per locker: shoppers' pickup and drop-off codes share one (one person
#: guessing is one person, whatever the button); courier logins have their own.
CODE_POOL = "code"
COURIER_POOL = "courier"
#: Longest long poll the core serves; longer ``wait`` values are cut to this.
MAX_POLL_WAIT_S = 60.0
#: On PostgreSQL, how often a waiting long poll re-reads the store unwoken (a safety net:
#: ``NOTIFY`` wakes it). Longer than the 20 s polls of the tests, which thereby show that
#: a command queued through another process really wakes a poll.
POSTGRES_RECHECK_S = 30.0

#: Rent transitions an event causes: event type -> (allowed current statuses, new status).
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "deposited": (frozenset({"reserved"}), "deposited"),
    "picked_up": (frozenset({"deposited", "expired"}), "picked_up"),
    "collected": (frozenset({"deposited", "expired"}), "collected"),
    "cancelled": (frozenset({"reserved"}), "cancelled"),
}


def token_hash(token: str) -> str:
    """How bearer and session tokens are stored: SHA-256 hex (they are long random strings)."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


#: Characters of receipt numbers and drop-off codes: no 0/O, 1/I, that a person reads
#: wrongly off a screen or a photo.
UNAMBIGUOUS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_receipt() -> str:
    """A receipt number for a send/return rent, ``R-7F3K-92QD`` (40 bits of randomness:
    the shopper's proof of the drop-off is not to be guessed from another one)."""
    chars = "".join(secrets.choice(UNAMBIGUOUS) for _ in range(8))
    return f"R-{chars[:4]}-{chars[4:]}"


def _ts(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def guess_rule(settings: LockerSettings) -> GuessRule:
    """The locker's guess limiter rule from its settings."""
    return GuessRule(burst=settings.guess_burst, interval_s=float(settings.guess_interval_s))


@dataclass(frozen=True, slots=True)
class CompartmentSpec:
    """A compartment to create with :meth:`BackendCore.create_locker`."""

    id: str
    board: int
    lock: int
    size: str
    column: int
    row: int
    accessible: bool = False
    sensor: bool = True


class BackendCore:
    """The contract's rules over a :class:`BackendStore`, for any number of lockers.

    Thread-safe: each call runs in its own store transaction; long polls wait on a
    condition that :meth:`wake_commands` notifies. Several processes may share one
    PostgreSQL store: its write transactions are serialized across them (see
    :mod:`kiosk.backend.db`), and a command queued by one process wakes the long polls of
    all of them (``NOTIFY``, heard by one ``LISTEN`` thread per process).

    Args:
        store: the SQLite or PostgreSQL store (opened by the caller, closed by
            :meth:`close`).
        clock: seconds since the epoch; tests hand in a controllable one.
        app_url: prefix of the phone-app pairing URL; the nonce is appended.
    """

    def __init__(
        self,
        store: BackendStore,
        *,
        clock: Callable[[], float] = time.time,
        app_url: str = "https://app.example.com/pair/",
    ) -> None:
        self.store = store
        self._clock = clock
        self._app_url = app_url
        self._commands = threading.Condition()
        #: Counts :meth:`wake_commands` calls (under ``_commands``), so a poll that read
        #: the store just before a wake-up does not then sleep through it.
        self._wakes = 0
        self._closing = False
        self._command_listeners: list[Callable[[str], None]] = []
        self._rent_listeners: list[RentListener] = []
        self._stop_listening: Callable[[], None] | None = None
        self._listen_lock = threading.Lock()
        #: How often a waiting long poll re-reads the store even if nothing woke it: on
        #: SQLite another process (the ``command`` CLI) may write the file unheard; on
        #: PostgreSQL every process hears every command, and a lost ``LISTEN`` connection
        #: wakes every poll when it is back, so this is only a safety net.
        self._recheck_s = 1.0 if store.dialect == "sqlite" else POSTGRES_RECHECK_S

    def add_command_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(locker_id)`` after a command is queued for that locker.

        Called from the thread that queued it, after the commit, and, on PostgreSQL, for
        commands queued by other server processes (from this process's ``LISTEN`` thread).
        An asynchronous server wakes its long polls from here instead of holding a thread
        per poll.
        """
        self._command_listeners.append(listener)
        self._listen()

    def _listen(self) -> None:
        """Start hearing other processes' commands (PostgreSQL), once, when first needed.

        Lazily: a core that never serves a long poll (a CLI, most tests) opens no extra
        connection and no thread.
        """
        with self._listen_lock:
            if self._stop_listening is None and not self._closing:
                self._stop_listening = self.store.listen_commands(self.wake_commands) or (
                    lambda: None
                )

    def wake_commands(self, locker_id: str | None) -> None:
        """Wake the long polls of ``locker_id`` (every locker's if None) and tell listeners.

        Called after a local :meth:`enqueue_command` commits and by the ``LISTEN`` thread
        for a command queued by any process (its own included: a spurious wake-up is
        harmless, a poll re-reads the store). None comes after the ``LISTEN`` connection
        was (re)made, when notifications may have been missed.
        """
        with self._commands:
            self._wakes += 1
            self._commands.notify_all()
        if locker_id is None:
            if not self._command_listeners:
                return
            try:
                lockers = self.store.lockers_with_pending_commands(self.store.read())
            except Exception:
                log.exception("cannot list lockers with pending commands")
                return
        else:
            lockers = [locker_id]
        for locker in lockers:
            for listener in list(self._command_listeners):
                try:
                    listener(locker)
                except Exception:
                    log.exception("command listener failed")

    def add_rent_listener(self, listener: RentListener) -> None:
        """Call ``listener(db, locker_id, rent_row, new_status, event)`` on a rent's change.

        Called inside the transaction that applies the event, so whatever the listener
        writes with ``db`` (a webhook delivery, say) commits or rolls back with the change
        itself: it is recorded exactly once per accepted event.
        """
        self._rent_listeners.append(listener)

    @classmethod
    def open(cls, target: str | Path, **kwargs: object) -> BackendCore:
        """Open (creating or upgrading if needed) a store and wrap it.

        ``target`` is a SQLite file path or a ``postgresql://`` / ``postgres://``
        connection string (see :mod:`kiosk.backend.db`).
        """
        return cls(BackendStore(target), **kwargs)  # type: ignore[arg-type]

    def close(self) -> None:
        """Wake every long poll and close the store."""
        with self._commands:
            self._closing = True
            self._commands.notify_all()
        with self._listen_lock:
            stop, self._stop_listening = self._stop_listening, None
        if stop is not None:
            stop()
        self.store.close()

    # ================================================================ administration
    def create_locker(
        self,
        locker_id: str,
        *,
        token: str,
        name: str,
        address: str = "",
        timezone: str = "UTC",
        settings: LockerSettings | None = None,
        compartments: Iterable[CompartmentSpec] = (),
        kdf_iterations: int = DEFAULT_KDF_ITERATIONS,
    ) -> None:
        """Create a locker with a fresh salt for its code hashes.

        Raises:
            ValueError: the settings hold an impossible guess limiter.
        """
        settings = settings or LockerSettings()
        guess_rule(settings)
        with self.store.transaction() as db:
            self.store.add_locker(
                db,
                locker_id=locker_id,
                name=name,
                address=address,
                timezone=timezone,
                token_hash=token_hash(token),
                settings_json=msgspec.json.encode(settings).decode(),
                kdf_salt=secrets.token_hex(16),
                kdf_iterations=kdf_iterations,
            )
            self.add_compartments(db, locker_id, compartments)

    def add_compartments(
        self, db: Connection, locker_id: str, compartments: Iterable[CompartmentSpec]
    ) -> None:
        """Write a locker's doors inside the caller's transaction (creation, a new layout)."""
        for c in compartments:
            self.store.add_compartment(
                db,
                locker_id,
                compartment_id=c.id,
                board=c.board,
                lock=c.lock,
                size=c.size,
                column=c.column,
                row=c.row,
                accessible=c.accessible,
                sensor=c.sensor,
            )

    def has_locker(self, locker_id: str) -> bool:
        """True if the store knows the locker."""
        return self.store.locker(self.store.read(), locker_id) is not None

    def code_hash(self, locker_id: str, code: str) -> str:
        """The stored hash of ``code`` for this locker (its salt and work factor)."""
        row = self._locker_row(self.store.read(), locker_id)
        return hash_code(code, str(row["kdf_salt"]), int(row["kdf_iterations"]))

    def announce_parcel(
        self,
        locker_id: str,
        *,
        parcel_id: str,
        barcode: str,
        size: str,
        code: str,
        recipient_hint: str = "",
        phone: str | None = None,
    ) -> None:
        """Record a parcel a courier will bring, with the pickup code its recipient gets."""
        code_hash = self.code_hash(locker_id, code)
        with self.store.transaction() as db:
            self.store.add_parcel(
                db,
                locker_id,
                parcel_id=parcel_id,
                barcode=barcode,
                size=size,
                recipient_hint=recipient_hint,
                code_hash=code_hash,
                phone_suffix=_digits(phone)[-3:] if phone else None,
            )

    def place_parcel(
        self,
        locker_id: str,
        *,
        parcel_id: str,
        compartment_id: str,
        expires_in_s: float = RENT_DAYS_S,
        status: str = "deposited",
    ) -> str:
        """Put an announced parcel straight into a compartment (demo and test set-up)."""
        with self.store.transaction() as db:
            parcel = self.store.parcel(db, parcel_id)
            if parcel is None:
                raise UnknownParcel(parcel_id)
            rent_id = str(uuid.uuid4())
            self.store.add_rent(
                db,
                locker_id,
                rent_id=rent_id,
                compartment_id=compartment_id,
                kind="delivery",
                status=status,
                parcel_id=parcel_id,
                send_id=None,
                code_hash=str(parcel["code_hash"]),
                phone_suffix=parcel["phone_suffix"],
                expires_at=self._clock() + expires_in_s,
                fingerprint="seeded",
            )
        return rent_id

    def add_send(
        self,
        locker_id: str,
        *,
        code: str,
        size: str,
        kind: str = "send",
        expires_in_s: float = RENT_DAYS_S,
    ) -> str:
        """Issue a drop-off code for a shopper's parcel; returns the ``send_id``."""
        code_hash = self.code_hash(locker_id, code)
        send_id = "s_" + uuid.uuid4().hex[:12]
        with self.store.transaction() as db:
            self.store.add_send(
                db,
                locker_id,
                send_id=send_id,
                code_hash=code_hash,
                size=size,
                kind=kind,
                expires_at=self._clock() + expires_in_s,
            )
        return send_id

    def add_courier(
        self,
        courier_id: str,
        *,
        name: str,
        company: str,
        pin: str,
        badge: str | None = None,
        iterations: int = DEFAULT_KDF_ITERATIONS,
    ) -> None:
        """Register a courier; the PIN is stored as a salted PBKDF2 hash.

        The badge is stored twice: a fast hash to find the courier by badge online, and a
        PBKDF2 hash under the database's one badge salt for the offline set (#13), so a
        kiosk holding the set cannot read badges back from it cheaply.
        """
        salt = secrets.token_hex(16)
        badge_kdf_hash = None
        if badge:
            badge_salt = self.store.secret("badge_kdf").hex()
            badge_kdf_hash = f"{iterations}:{hash_code(badge, badge_salt, iterations)}"
        with self.store.transaction() as db:
            self.store.add_courier(
                db,
                courier_id=courier_id,
                name=name,
                company=company,
                pin_salt=f"{iterations}:{salt}",
                pin_hash=hash_code(pin, salt, iterations),
                badge_hash=token_hash(badge) if badge else None,
                badge_kdf_hash=badge_kdf_hash,
            )

    def enqueue_command(
        self, locker_id: str, type_: str, args: dict[str, object] | None = None
    ) -> str:
        """Queue a back-office command for a locker and wake its long poll."""
        command_id = str(uuid.uuid4())
        with self.store.transaction() as db:
            self._locker_row(db, locker_id)
            self.store.add_command(
                db,
                locker_id,
                command_id=command_id,
                type_=type_,
                args_json=msgspec.json.encode(args or {}).decode(),
                created_at=self._clock(),
            )
            self.store.notify_commands(db, locker_id)
        self.wake_commands(locker_id)
        return command_id

    # ================================================================ helpers
    def _locker_row(self, db: Connection, locker_id: str) -> Row:
        row = self.store.locker(db, locker_id)
        if row is None:
            raise UnknownLocker(f"no locker {locker_id!r}")
        return row

    def _settings(self, row: Row) -> LockerSettings:
        return msgspec.json.decode(str(row["settings"]), type=LockerSettings)

    def authenticate(self, bearer_token: str | None) -> str:
        """The locker a bearer token belongs to; :class:`Unauthorized` otherwise."""
        if not bearer_token:
            raise Unauthorized("missing bearer token")
        locker_id = self.store.locker_for_token(self.store.read(), token_hash(bearer_token))
        if locker_id is None:
            raise Unauthorized("unknown bearer token")
        return locker_id

    def _take_guess(self, locker_id: str, pool: str) -> Row:
        """Spend one check from the locker's guess budget; returns the locker's row.

        The budget is read and written in one write transaction (writers take turns, in any
        process), so parallel requests queue for it and never get more checks than it
        holds. The check itself
        (a PBKDF2 derivation and a lookup) runs after that transaction: holding the write
        lock for the derivation would serialize every locker's checks. A crash between the
        two loses one check; it never grants one.

        Raises:
            TooManyAttempts: over budget; nothing was spent and the code is not checked.
        """
        now = self._clock()
        with self.store.transaction() as db:
            row = self._locker_row(db, locker_id)
            rule = guess_rule(self._settings(row))
            stored = self.store.guess_budget(db, locker_id, pool)
            budget = Budget.full(rule, now) if stored is None else Budget(*stored)
            budget, wait = spend(budget, rule, now)
            if not wait:
                self.store.save_guess_budget(db, locker_id, pool, budget.tokens, budget.at)
        # Raised after the transaction ended (nothing to write for a refusal).
        if wait:
            log.debug("locker %s: %s guess budget spent, next check in %.0f s", locker_id,
                      pool, wait)  # fmt: skip
            raise TooManyAttempts("guess budget spent; code not checked", retry_after=wait)
        return row

    def guess_tokens(self, locker_id: str, pool: str = CODE_POOL) -> float:
        """Checks left in a locker's budget now (for the back office and tests)."""
        db = self.store.read()
        rule = guess_rule(self._settings(self._locker_row(db, locker_id)))
        stored = self.store.guess_budget(db, locker_id, pool)
        now = self._clock()
        budget = Budget.full(rule, now) if stored is None else Budget(*stored)
        return budget.refilled(rule, now).tokens

    @staticmethod
    def _check_length(value: str, what: str) -> None:
        """Refuse (400, no check spent) input longer than any code can be."""
        if len(value) > MAX_CODE_LENGTH:
            raise BadRequest(f"{what} longer than {MAX_CODE_LENGTH} characters")

    def _hash_typed(self, row: Row, code: str) -> str | None:
        norm = normalize_code(code)
        if not norm:
            return None
        return hash_code(norm, str(row["kdf_salt"]), int(row["kdf_iterations"]))

    def _rent(self, row: Row) -> Rent:
        return Rent(
            rent_id=str(row["rent_id"]),
            compartment_id=str(row["compartment_id"]),
            kind=row["kind"],
            status=row["status"],
            parcel_id=row["parcel_id"],
            expires_at=_ts(float(row["expires_at"])),
            receipt=row["receipt"],
        )

    @staticmethod
    def _parcel(row: Row) -> Parcel:
        return Parcel(
            parcel_id=str(row["parcel_id"]),
            barcode=str(row["barcode"]),
            size=row["size"],
            recipient_hint=str(row["recipient_hint"]),
        )

    # ================================================================ contract
    def get_locker(self, locker_id: str) -> LockerInfo:
        """#1."""
        db = self.store.read()
        row = self._locker_row(db, locker_id)
        comps = [
            Compartment(
                id=str(c["compartment_id"]),
                board=int(c["board"]),
                lock=int(c["lock_no"]),
                size=c["size"],
                column=int(c["col"]),
                row=int(c["row_no"]),
                accessible=bool(c["accessible"]),
                sensor=bool(c["sensor"]),
            )
            for c in self.store.compartments(db, locker_id)
        ]
        return LockerInfo(
            locker_id=locker_id,
            name=str(row["name"]),
            address=str(row["address"]),
            timezone=str(row["timezone"]),
            compartments=comps,
            settings=self._settings(row),
        )

    def verify_pickup(self, locker_id: str, code: str, phone: str | None = None) -> PickupResult:
        """#2: every deposited rent the code opens; every checked code spends a guess."""
        self._check_length(code, "code")
        row = self._take_guess(locker_id, CODE_POOL)
        now = self._clock()
        db = self.store.read()
        settings = self._settings(row)
        code_hash = self._hash_typed(row, code)
        rents = [] if code_hash is None else self.store.rents_by_code(db, locker_id, code_hash)
        if settings.pickup_requires_phone:
            typed = _digits(phone or "")
            rents = [
                r for r in rents if r["phone_suffix"] and typed.endswith(str(r["phone_suffix"]))
            ]
        ready = [r for r in rents if r["status"] == "deposited" and float(r["expires_at"]) > now]
        if ready:
            out: list[PickupRent] = []
            for r in ready:
                parcel = self.store.parcel(db, str(r["parcel_id"])) if r["parcel_id"] else None
                out.append(
                    PickupRent(
                        rent_id=str(r["rent_id"]),
                        compartment_id=str(r["compartment_id"]),
                        parcel=None if parcel is None else self._parcel(parcel),
                    )
                )
            return PickupResult(rents=out)
        statuses = {str(r["status"]) for r in rents}
        if statuses & {"picked_up", "collected"}:
            raise AlreadyCollected("parcel already taken out")
        if statuses & {"expired", "deposited"}:
            raise CodeExpired("rent expired")
        raise CodeUnknown("pickup code matches nothing")

    def verify_send(self, locker_id: str, code: str) -> SendInfo:
        """#3: a drop-off code that is open and not expired (shares the pickup budget)."""
        self._check_length(code, "code")
        row = self._take_guess(locker_id, CODE_POOL)
        now = self._clock()
        db = self.store.read()
        code_hash = self._hash_typed(row, code)
        sends = [] if code_hash is None else self.store.sends_by_code(db, locker_id, code_hash)
        for s in sends:
            if s["status"] == "open" and float(s["expires_at"]) > now:
                return SendInfo(send_id=str(s["send_id"]), size=s["size"], kind=s["kind"])
        if any(s["status"] != "open" for s in sends):
            raise AlreadyUsed("drop-off code already used")
        if sends:
            raise CodeExpired("drop-off code expired")
        raise CodeUnknown("drop-off code matches nothing")

    def courier_login(
        self,
        locker_id: str,
        *,
        courier_id: str | None = None,
        pin: str | None = None,
        badge: str | None = None,
    ) -> CourierSession:
        """#4: PIN or badge login.

        Every login attempt spends from the locker's courier guess budget (apart from the
        shoppers' codes); on top of it, five wrong PINs lock that courier for 15 minutes.
        """
        if badge is not None and courier_id is None and pin is None:
            pin_login: tuple[str, str] | None = None
        elif courier_id is not None and pin is not None and badge is None:
            self._check_length(pin, "PIN")
            pin_login = (courier_id, pin)
        else:
            raise BadRequest("give courier_id and pin, or badge")
        self._take_guess(locker_id, COURIER_POOL)
        now = self._clock()
        db = self.store.read()
        if pin_login is None:
            courier = self.store.courier_by_badge(db, token_hash(badge or ""))
            if courier is None:
                raise BadCredentials("badge not known")
        else:
            courier = self.store.courier(db, pin_login[0])
            if courier is None:
                raise BadCredentials("courier id or PIN wrong")
        if float(courier["locked_until"]) > now:
            raise CourierLocked("courier locked", retry_after=float(courier["locked_until"]) - now)
        if pin_login is not None:
            courier_id, typed = pin_login
            iterations, salt = str(courier["pin_salt"]).split(":", 1)
            if not typed or not hashes_equal(
                hash_code(typed, salt, int(iterations)), str(courier["pin_hash"])
            ):
                with self.store.transaction() as tx:
                    failed = self.store.count_courier_failure(tx, courier_id)
                    if failed >= COURIER_MAX_FAILED:
                        self.store.set_courier_attempts(tx, courier_id, 0, now + COURIER_LOCK_S)
                if failed >= COURIER_MAX_FAILED:
                    raise CourierLocked("too many wrong PINs", retry_after=COURIER_LOCK_S)
                raise BadCredentials("courier id or PIN wrong")
        session_token = secrets.token_urlsafe(32)
        expires = now + COURIER_SESSION_S
        with self.store.transaction() as tx:
            self.store.set_courier_attempts(tx, str(courier["courier_id"]), 0, 0.0)
            self.store.note_courier_visit(tx, str(courier["courier_id"]), locker_id, now)
            self.store.add_session(
                tx,
                token_hash=token_hash(session_token),
                courier_id=str(courier["courier_id"]),
                locker_id=locker_id,
                expires_at=expires,
            )
        return CourierSession(
            session_token=session_token,
            courier=Courier(
                id=str(courier["courier_id"]),
                name=str(courier["name"]),
                company=str(courier["company"]),
            ),
            expires_at=_ts(expires),
        )

    def courier_logout(self, locker_id: str, session_token: str | None) -> None:
        """#5: idempotent."""
        if not session_token:
            return
        with self.store.transaction() as db:
            session = self.store.session(db, token_hash(session_token))
            if session is not None and session["locker_id"] == locker_id:
                self.store.delete_session(db, token_hash(session_token))

    def _session(self, locker_id: str, session_token: str | None) -> Row:
        if not session_token:
            raise SessionExpired("no courier session")
        row = self.store.session(self.store.read(), token_hash(session_token))
        if (
            row is None
            or row["locker_id"] != locker_id
            or float(row["expires_at"]) <= self._clock()
        ):
            raise SessionExpired("courier session unknown or over")
        return row

    def courier_tasks(self, locker_id: str, session_token: str | None) -> CourierTasks:
        """#6."""
        self._session(locker_id, session_token)
        db = self.store.read()
        deliveries = [self._parcel(p) for p in self.store.undelivered_parcels(db, locker_id)]
        collections = []
        for r in self.store.collectable_rents(db, locker_id, self._clock()):
            kind = str(r["kind"])
            reason = "expired" if kind == "delivery" else kind
            collections.append(
                Collection(
                    rent_id=str(r["rent_id"]),
                    compartment_id=str(r["compartment_id"]),
                    reason=reason,  # type: ignore[arg-type]
                )
            )
        return CourierTasks(deliveries=deliveries, collections=collections)

    def reserve_rent(
        self,
        locker_id: str,
        rent_id: str,
        request: RentRequest,
        *,
        session_token: str | None = None,
    ) -> Rent:
        """#7: reserve a compartment; the same PUT again returns the same rent."""
        fingerprint = hashlib.sha256(msgspec.json.encode(request)).hexdigest()
        now = self._clock()
        if (request.barcode is None) == (request.send_id is None):
            raise BadRequest("give exactly one of barcode and send_id")
        if request.barcode is not None:
            if request.kind != "delivery":
                raise BadRequest("a barcode rent is a delivery")
            if request.receipt is not None:
                raise BadRequest("a delivery has no receipt")
            if request.offline_courier_id is None:
                self._session(locker_id, session_token)
            elif self.store.courier(self.store.read(), request.offline_courier_id) is None:
                # Reserved while the backend was unreachable, by a courier the kiosk checked
                # against its offline set: the kiosk's token vouches for it, no session.
                raise BadRequest("offline_courier_id is not a courier")
        elif request.kind == "delivery":
            raise BadRequest("a send_id rent is a send or a return")
        elif request.offline_courier_id is not None:
            raise BadRequest("offline_courier_id is for deliveries")
        if request.receipt is not None and not RECEIPT_RE.fullmatch(request.receipt):
            raise BadRequest("receipt must look like R-XXXX-XXXX")
        with self.store.transaction() as db:
            self._locker_row(db, locker_id)
            existing = self.store.rent(db, rent_id)
            if existing is not None:
                if existing["locker_id"] == locker_id and existing["request_fingerprint"] == (
                    fingerprint
                ):
                    return self._rent(existing)
                raise RentConflict("rent id already used for another rent")
            comp = self.store.compartment(db, locker_id, request.compartment_id)
            if comp is None:
                raise UnknownCompartment(f"no compartment {request.compartment_id!r}")
            if self.store.active_rent_in(db, locker_id, request.compartment_id) is not None:
                raise CompartmentTaken(f"compartment {request.compartment_id} is taken")
            receipt: str | None = None
            if request.barcode is not None:
                parcel = self.store.parcel_by_barcode(db, locker_id, request.barcode)
                if parcel is None:
                    raise UnknownParcel("barcode not announced for this locker")
                if self.store.rent_for_parcel(db, str(parcel["parcel_id"])) is not None:
                    raise AlreadyDelivered("parcel already has a rent")
                size, parcel_id = str(parcel["size"]), str(parcel["parcel_id"])
                code_hash, phone_suffix = str(parcel["code_hash"]), parcel["phone_suffix"]
            else:
                assert request.send_id is not None
                send = self.store.send(db, request.send_id)
                if send is None or send["locker_id"] != locker_id:
                    raise UnknownParcel("send id not known at this locker")
                if send["kind"] != request.kind:
                    raise BadRequest(f"send id is for a {send['kind']}")
                held = self.store.rent_for_send(db, request.send_id)
                if held is not None and held["status"] == "reserved":
                    # The shopper's parcel did not fit, or the door did not open: the kiosk
                    # reserves another compartment before its ``cancelled`` for the first
                    # one has left its outbox. A send holds one reservation: it moves.
                    self.store.set_rent_status(db, str(held["rent_id"]), "cancelled")
                elif send["status"] not in ("open", "reserved") or held is not None:
                    raise AlreadyDelivered("send id already has a rent")
                size, parcel_id, code_hash, phone_suffix = str(send["size"]), None, None, None
                receipt = request.receipt or new_receipt()
                self.store.set_send_status(db, request.send_id, "reserved")
            if SIZE_ORDER[str(comp["size"])] < SIZE_ORDER[size]:
                raise SizeMismatch(f"a {size} parcel does not fit a {comp['size']} compartment")
            self.store.add_rent(
                db,
                locker_id,
                rent_id=rent_id,
                compartment_id=request.compartment_id,
                kind=request.kind,
                status="reserved",
                parcel_id=parcel_id,
                send_id=request.send_id,
                code_hash=code_hash,
                phone_suffix=phone_suffix,
                expires_at=now + RENT_DAYS_S,
                fingerprint=fingerprint,
                receipt=receipt,
            )
            created = self.store.rent(db, rent_id)
            assert created is not None
            return self._rent(created)

    def send_events(self, locker_id: str, events: Sequence[Event]) -> list[EventResult]:
        """#8: one transaction per batch; an event id is answered once, for ever."""
        now = self._clock()
        results: list[EventResult] = []
        with self.store.transaction() as db:
            self._locker_row(db, locker_id)
            for pos, ev in enumerate(events):
                seen = self.store.event(db, ev.event_id)
                if seen is not None:
                    if seen["status"] == "rejected":
                        results.append(EventResult(ev.event_id, "rejected", seen["code"]))
                    else:
                        results.append(EventResult(ev.event_id, "duplicate"))
                    continue
                detail_json = None if ev.detail is None else msgspec.json.encode(ev.detail)
                if detail_json is not None and len(detail_json) > MAX_EVENT_DETAIL_BYTES:
                    code: str | None = "detail_too_large"
                    detail_json = None
                else:
                    code = self._apply_event(db, locker_id, ev)
                status = "accepted" if code is None else "rejected"
                self.store.add_event(
                    db,
                    locker_id,
                    event_id=ev.event_id,
                    type_=ev.type,
                    at=ev.at.timestamp(),
                    compartment_id=ev.compartment_id,
                    rent_id=ev.rent_id,
                    actor=ev.actor,
                    status=status,
                    code=code,
                    received_at=now,
                    batch_pos=pos,
                    detail_json=None if detail_json is None else detail_json.decode(),
                )
                results.append(EventResult(ev.event_id, status, code))  # type: ignore[arg-type]
        return results

    def stored_events(self, locker_id: str) -> list[tuple[Event, str]]:
        """Every event stored for a locker with its status, in arrival order (back office)."""
        db = self.store.read()
        out: list[tuple[Event, str]] = []
        for event_id in self.store.event_ids(db, locker_id):
            row = self.store.event(db, event_id)
            if row is None:  # pragma: no cover - events are never deleted
                continue
            event = Event(
                event_id=str(row["event_id"]),
                type=str(row["type"]),
                at=_ts(float(row["at"])),
                compartment_id=row["compartment_id"],
                rent_id=row["rent_id"],
                actor=str(row["actor"]),
                detail=None if row["detail"] is None else msgspec.json.decode(row["detail"]),
            )
            out.append((event, str(row["status"])))
        return out

    def _apply_event(self, db: Connection, locker_id: str, ev: Event) -> str | None:
        """Apply an event's effect; return a rejection code or None."""
        store = self.store
        if ev.type not in EVENT_TYPES:
            return "unknown_event_type"
        if ev.compartment_id is not None and (
            store.compartment(db, locker_id, ev.compartment_id) is None
        ):
            return "unknown_compartment"
        rent = None
        if ev.rent_id is not None:
            rent = store.rent(db, ev.rent_id)
            if rent is None or rent["locker_id"] != locker_id:
                return "unknown_rent"
        transition = TRANSITIONS.get(ev.type)
        if transition is None:
            return None
        if rent is None:
            return "unknown_rent"
        allowed, new_status = transition
        if ev.type == "cancelled" and rent["status"] == "cancelled" and rent["send_id"]:
            # A send's reservation already moved to another compartment (see reserve_rent):
            # the kiosk's own cancel of it arrives after; nothing is left to do.
            return None
        if rent["status"] not in allowed:
            return "invalid_transition"
        store.set_rent_status(db, str(rent["rent_id"]), new_status)
        for listener in self._rent_listeners:
            listener(db, locker_id, rent, new_status, ev)
        if rent["send_id"]:
            send_status = {"deposited": "used", "cancelled": "open"}.get(ev.type)
            if send_status == "open" and store.rent_for_send(db, str(rent["send_id"])):
                send_status = None  # another reservation of the same send is live
            if send_status:
                store.set_send_status(db, str(rent["send_id"]), send_status)
        return None

    def heartbeat(self, locker_id: str, beat: Heartbeat) -> HeartbeatReply:
        """#9."""
        now = self._clock()
        with self.store.transaction() as db:
            self._locker_row(db, locker_id)
            self.store.save_heartbeat(db, locker_id, msgspec.json.encode(beat).decode(), now)
        return HeartbeatReply(server_time=_ts(now))

    def last_heartbeat(self, locker_id: str) -> Heartbeat | None:
        """The last heartbeat a locker sent (for the back office and tests)."""
        row = self.store.last_heartbeat(self.store.read(), locker_id)
        return None if row is None else msgspec.json.decode(str(row["body"]), type=Heartbeat)

    def poll_commands(self, locker_id: str, wait_s: float) -> list[Command]:
        """#10: pending commands now, or as soon as one arrives within ``wait_s``."""
        deadline = time.monotonic() + max(0.0, min(wait_s, MAX_POLL_WAIT_S))
        self._locker_row(self.store.read(), locker_id)
        if wait_s > 0:
            self._listen()
        while True:
            with self._commands:
                woken = self._wakes
            pending = self.pending_commands(locker_id)
            if pending:
                return pending
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self._closing:
                return []
            with self._commands:
                # A wake-up between the read above and here is not lost: no wait then.
                if self._wakes == woken:
                    self._commands.wait(min(remaining, self._recheck_s))

    def pending_commands(self, locker_id: str) -> list[Command]:
        """The commands not yet acknowledged, now, without waiting (see :meth:`poll_commands`)."""
        return [
            Command(
                command_id=str(r["command_id"]),
                type=str(r["type"]),
                args=msgspec.json.decode(str(r["args"])),
            )
            for r in self.store.pending_commands(self.store.read(), locker_id)
        ]

    def ack_command(self, locker_id: str, command_id: str, result: AckResult, detail: str) -> None:
        """#11: a repeat is fine."""
        with self.store.transaction() as db:
            row = self.store.command(db, command_id)
            if row is None or row["locker_id"] != locker_id:
                raise UnknownCommand(f"no command {command_id!r}")
            self.store.ack_command(db, command_id, result, detail, self._clock())

    def app_pairing(self, locker_id: str) -> AppPairing:
        """#12."""
        nonce = secrets.token_urlsafe(16)
        expires = self._clock() + PAIRING_S
        with self.store.transaction() as db:
            self._locker_row(db, locker_id)
            self.store.add_pairing(db, locker_id, nonce, expires)
        return AppPairing(nonce=nonce, url=self._app_url + nonce, expires_at=_ts(expires))

    def offline_codes(self, locker_id: str) -> OfflineCodes:
        """#13: hashes of the pickup codes that may open a door of this locker now.

        What a stolen kiosk disk can yield is bounded here: deliveries deposited in this
        locker, not expired, and expiring within :data:`OFFLINE_HORIZON_S` (a rent kept
        longer than that is checked online only). With ``pickup_requires_phone`` each rent
        carries its ``phone_suffix``, which the kiosk checks offline as the server does.
        """
        now = self._clock()
        db = self.store.read()
        row = self._locker_row(db, locker_id)
        # The phone suffix leaves the server only when the kiosk must ask for it.
        phone = self._settings(row).pickup_requires_phone
        rents = [
            OfflineRent(
                rent_id=str(r["rent_id"]),
                compartment_id=str(r["compartment_id"]),
                expires_at=_ts(float(r["expires_at"])),
                code_hash=str(r["code_hash"]),
                phone_suffix=str(r["phone_suffix"]) if phone and r["phone_suffix"] else None,
            )
            for r in self.store.offline_rents(db, locker_id, now, now + OFFLINE_HORIZON_S)
        ]
        sends = [
            OfflineSend(
                send_id=str(r["send_id"]),
                size=r["size"],
                expires_at=_ts(float(r["expires_at"])),
                code_hash=str(r["code_hash"]),
                kind=r["kind"],
            )
            for r in self.store.offline_sends(db, locker_id, now, now + OFFLINE_HORIZON_S)
        ]
        couriers, badge_kdf = self._offline_couriers(db, locker_id, now)
        return OfflineCodes(
            kdf=Kdf(
                alg="pbkdf2-sha256",
                salt=str(row["kdf_salt"]),
                iterations=int(row["kdf_iterations"]),
            ),
            rents=rents,
            sends=sends,
            couriers=couriers,
            badge_kdf=badge_kdf,
        )

    def _offline_couriers(
        self, db: Connection, locker_id: str, now: float
    ) -> tuple[list[OfflineCourier], Kdf | None]:
        """Who may log in at this locker offline: couriers seen here in the last 30 days.

        A courier's PIN hash keeps its own salt (``pin_kdf``). Badges share one salt and
        one work factor (``badge_kdf``) so a scanned badge costs the kiosk one derivation;
        a badge hashed with another work factor (a courier made with other settings) is
        left out and logs in online only.
        """
        rows = self.store.offline_couriers(db, locker_id, now - OFFLINE_COURIER_DAYS_S)
        badge_iterations: int | None = None
        out: list[OfflineCourier] = []
        for r in rows:
            pin_iterations, pin_salt = str(r["pin_salt"]).split(":", 1)
            badge_hash = None
            if r["badge_kdf_hash"]:
                iterations_text, hashed = str(r["badge_kdf_hash"]).split(":", 1)
                if badge_iterations is None:
                    badge_iterations = int(iterations_text)
                if int(iterations_text) == badge_iterations:
                    badge_hash = hashed
            out.append(
                OfflineCourier(
                    courier_id=str(r["courier_id"]),
                    name=str(r["name"]),
                    company=str(r["company"]),
                    pin_hash=str(r["pin_hash"]),
                    pin_kdf=Kdf(alg="pbkdf2-sha256", salt=pin_salt, iterations=int(pin_iterations)),
                    badge_hash=badge_hash,
                )
            )
        badge_kdf = None
        if badge_iterations is not None:
            badge_kdf = Kdf(
                alg="pbkdf2-sha256",
                salt=self.store.secret("badge_kdf").hex(),
                iterations=badge_iterations,
            )
        return out, badge_kdf


class EmbeddedBackend:
    """A :class:`~kiosk.backend.api.LockerBackend` on a local SQLite file, for one locker.

    Used by standalone lockers with no central server and by ``locker-kiosk --demo``
    (seed it with :func:`kiosk.backend.demo.seed_demo`). Blocking (disk): call it on a
    worker thread.

    Args:
        core: the core over the store; several EmbeddedBackends may share one.
        locker_id: the locker this kiosk is.
    """

    def __init__(self, core: BackendCore, locker_id: str) -> None:
        self.core = core
        self._locker_id = locker_id

    @classmethod
    def open(cls, path: str | Path, locker_id: str) -> EmbeddedBackend:
        """Open a store file for one locker."""
        return cls(BackendCore.open(path), locker_id)

    @property
    def locker_id(self) -> str:
        """The locker this backend speaks for."""
        return self._locker_id

    def close(self) -> None:
        """Close the store."""
        self.core.close()

    def get_locker(self) -> LockerInfo:
        """#1."""
        return self.core.get_locker(self._locker_id)

    def verify_pickup(self, code: str, phone: str | None = None) -> PickupResult:
        """#2."""
        return self.core.verify_pickup(self._locker_id, code, phone)

    def verify_send(self, code: str) -> SendInfo:
        """#3."""
        return self.core.verify_send(self._locker_id, code)

    def courier_login(
        self, *, courier_id: str | None = None, pin: str | None = None, badge: str | None = None
    ) -> CourierSession:
        """#4."""
        return self.core.courier_login(self._locker_id, courier_id=courier_id, pin=pin, badge=badge)

    def courier_logout(self, session_token: str) -> None:
        """#5."""
        self.core.courier_logout(self._locker_id, session_token)

    def courier_tasks(self, session_token: str) -> CourierTasks:
        """#6."""
        return self.core.courier_tasks(self._locker_id, session_token)

    def reserve_rent(
        self, rent_id: str, request: RentRequest, *, session_token: str | None = None
    ) -> Rent:
        """#7."""
        return self.core.reserve_rent(
            self._locker_id, rent_id, request, session_token=session_token
        )

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        """#8 (the key is irrelevant in-process: events are deduplicated by id)."""
        return self.core.send_events(self._locker_id, events)

    def heartbeat(self, beat: Heartbeat) -> HeartbeatReply:
        """#9."""
        return self.core.heartbeat(self._locker_id, beat)

    def poll_commands(self, wait_s: float) -> list[Command]:
        """#10."""
        return self.core.poll_commands(self._locker_id, wait_s)

    def ack_command(self, command_id: str, result: AckResult, detail: str = "") -> None:
        """#11."""
        self.core.ack_command(self._locker_id, command_id, result, detail)

    def app_pairing(self) -> AppPairing:
        """#12."""
        return self.core.app_pairing(self._locker_id)

    def offline_codes(self) -> OfflineCodes:
        """#13."""
        return self.core.offline_codes(self._locker_id)
