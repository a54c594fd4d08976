"""The partner API's rules: retailers and carriers pre-advise parcels and get signed webhooks.

No web framework here (``partner_http.py`` puts this on Starlette), so the rules are tested
without HTTP and run the same in every server process.

* **Partners and API keys.** A key is ``lkp_`` + 43 random characters, shown once, stored
  as its SHA-256 (like locker tokens), and scoped to one partner and a list of lockers.
* **Parcels.** A pre-advice becomes a parcel of the core (the courier's delivery list shows
  it) and a ``partner_parcels`` row with the full contact (phone, e-mail) and the partner's
  pickup deadline; both are written in one transaction. The server makes the pickup code in
  the locker's format unless the partner gives one; a code still live at that locker is
  never given to a second parcel (one code opens every parcel it matches).
* **Webhooks.** A partner hears about its own parcels and drop-off codes only (not about
  everything in a locker it may use: a shared locker holds other retailers' parcels).
  Each state change is queued in ``webhook_deliveries`` inside the transaction that makes
  it (a rent listener of the core, keyed by event id: an event is queued once), and a
  dispatcher thread posts it, signed, in order per partner, retrying with capped
  exponential backoff and jitter. The queue is a table, so it survives restarts; a claim
  (compare-and-set on ``claimed_until``) keeps two server processes from posting one
  delivery at the same time.
* **Retention.** Phone numbers and e-mails of finished parcels are erased after
  ``retention_s`` (30 days by default); events and deliveries never held them.

Times are UNIX seconds; SQL is portable (SQLite and PostgreSQL). Secrets (API keys, pickup
codes) are never logged; webhook secrets are stored in clear because the server signs with
them.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import logging
import random
import secrets
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Literal, NoReturn
from urllib.parse import urlsplit

import msgspec
import requests

from kiosk.backend.api import (
    AlreadyDelivered,
    BackendError,
    BadRequest,
    Event,
    LockerSettings,
    Size,
    Timestamp,
    Unauthorized,
    UnknownParcel,
    normalize_code,
)
from kiosk.backend.embedded import RENT_DAYS_S, BackendCore, token_hash
from kiosk.backend.operator_cli import (
    OperatorError,
    new_drop_off_code,
    new_pickup_code,
    open_core,
    pickup_code_format,
)
from kiosk.backend.store import Connection, Row

log = logging.getLogger("kiosk.backend.partner")

#: The connection a store transaction yields (SQLite or PostgreSQL, the same SQL).
Db = Connection

KEY_PREFIX = "lkp_"
#: Parcel states a partner sees. ``announced``: pre-advised, not (yet) in a compartment
#: (a kiosk's reservation that is dropped again does not change it).
ParcelStatus = Literal["announced", "deposited", "picked_up", "expired", "collected", "cancelled"]
#: Webhook event types, one per parcel state change.
WEBHOOK_TYPES: frozenset[str] = frozenset(
    {"deposited", "picked_up", "expired", "collected", "cancelled"}
)
#: Rent statuses (core) that a partner sees under another name.
_RENT_TO_PARCEL = {"reserved": "announced", "cancelled": "announced"}
DEFAULT_RETENTION_DAYS = 30
DAY_S = 24 * 3600.0
#: How far ahead a pickup deadline or a drop-off code's expiry may be set.
MAX_EXPIRY_S = 90 * DAY_S
#: Signature header and how old a signed timestamp a receiver should still accept.
SIGNATURE_HEADER = "X-Locker-Signature"
EVENT_ID_HEADER = "X-Locker-Event-Id"
EVENT_TYPE_HEADER = "X-Locker-Event-Type"
SIGNATURE_TOLERANCE_S = 300
#: Namespace of event ids the server makes itself (expiry): one rent expires once, so its
#: id is derived from the rent and two processes queue it once.
_EVENT_NS = uuid.UUID("6f1d8a6e-4a5b-4c1e-9a61-2f0c2a5b7d11")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS partners (
    partner_id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at DOUBLE PRECISION NOT NULL,
    webhook_url TEXT,
    webhook_secret TEXT
);
CREATE TABLE IF NOT EXISTS partner_keys (
    key_hash TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(partner_id),
    lockers TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS partner_parcels (
    parcel_id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(partner_id),
    locker_id TEXT NOT NULL,
    barcode TEXT NOT NULL,
    size TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    expires_at DOUBLE PRECISION,
    created_at DOUBLE PRECISION NOT NULL,
    cancelled_at DOUBLE PRECISION,
    erased_at DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS partner_parcels_barcode ON partner_parcels (locker_id, barcode);
CREATE TABLE IF NOT EXISTS partner_sends (
    send_id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(partner_id),
    locker_id TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    event_id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners(partner_id),
    seq BIGINT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    next_at DOUBLE PRECISION NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_until DOUBLE PRECISION NOT NULL DEFAULT 0,
    delivered_at DOUBLE PRECISION,
    gave_up_at DOUBLE PRECISION,
    last_attempt_at DOUBLE PRECISION,
    last_status INTEGER,
    last_error TEXT
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_queue
    ON webhook_deliveries (partner_id, delivered_at, gave_up_at, seq);
"""


# ====================================================================== errors
class Forbidden(BackendError):
    """The API key is good but not for this locker."""

    code = "forbidden"
    status = 403
    title = "Forbidden"


class CodeInUse(BackendError):
    """The given pickup code is live for another parcel at this locker."""

    code = "code_in_use"
    status = 409
    title = "Code in use"


class AlreadyAnnounced(BackendError):
    """This partner pre-advised this barcode for this locker already (and did not cancel)."""

    code = "already_announced"
    status = 409
    title = "Already announced"


class NoWebhook(BackendError):
    """The partner has no webhook URL registered."""

    code = "no_webhook"
    status = 404
    title = "No webhook registered"


# ====================================================================== wire objects
class PartnerWire(msgspec.Struct, frozen=True, forbid_unknown_fields=False):
    """Base of the partner API's bodies: unknown fields are ignored so the API can grow."""


Barcode = Annotated[str, msgspec.Meta(min_length=1, max_length=64, pattern=r"^[\x21-\x7e]+$")]
Phone = Annotated[str, msgspec.Meta(min_length=6, max_length=32, pattern=r"^\+?[0-9 ()./-]+$")]
Email = Annotated[
    str, msgspec.Meta(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
]
GivenCode = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
WebhookUrl = Annotated[str, msgspec.Meta(min_length=8, max_length=2000)]


class PreAdvice(PartnerWire, frozen=True):
    """``POST /v1/partner/lockers/{locker_id}/parcels``: a parcel a courier will bring.

    ``expires_at``: the last moment the recipient may pick the parcel up (the locker's
    default, three days after the courier reserves a compartment, when absent).
    ``pickup_code``: the partner's own code, in the locker's format; the server makes one
    when absent (and returns it, once).
    """

    barcode: Barcode
    size: Size
    phone: Phone | None = None
    email: Email | None = None
    expires_at: Timestamp | None = None
    pickup_code: GivenCode | None = None


class PartnerParcel(PartnerWire, frozen=True, omit_defaults=True):
    """A pre-advised parcel as its partner sees it (``pickup_code`` only in the answer that
    created it, and only if the server made it)."""

    parcel_id: str
    locker_id: str
    barcode: str
    size: Size
    status: ParcelStatus
    compartment_id: str | None = None
    expires_at: datetime | None = None
    pickup_code: str | None = None


class SendCodeRequest(PartnerWire, frozen=True):
    """``POST /v1/partner/lockers/{locker_id}/sends``: a drop-off code for a shopper."""

    size: Size
    kind: Literal["send", "return"] = "send"
    expires_at: Timestamp | None = None


class SendCode(PartnerWire, frozen=True):
    """A drop-off code the shopper types or scans at the locker (shown once)."""

    send_id: str
    locker_id: str
    kind: Literal["send", "return"]
    size: Size
    code: str
    expires_at: datetime


class WebhookRequest(PartnerWire, frozen=True):
    """``PUT /v1/partner/webhook``."""

    url: WebhookUrl


class WebhookRegistration(PartnerWire, frozen=True):
    """The answer to a registration: the signing secret, shown once."""

    url: str
    secret: str


class WebhookStatus(PartnerWire, frozen=True):
    """Delivery health of one partner's webhook (``GET /v1/partner/webhook``, CLI status).

    ``state``: ``delivered`` (nothing waits, or what waits has not failed yet), ``failing``
    (the oldest waiting delivery failed at least once), ``none`` (no URL registered).
    """

    partner: str
    url: str | None
    state: Literal["delivered", "failing", "none"]
    delivered: int
    pending: int
    gave_up: int
    attempts_of_oldest: int = 0
    oldest_pending_at: datetime | None = None
    last_delivered_at: datetime | None = None
    last_error: str | None = None


class WebhookParcel(PartnerWire, frozen=True):
    """What a webhook says about the parcel or drop-off (never the recipient's contact)."""

    locker_id: str
    status: str
    parcel_id: str | None = None
    barcode: str | None = None
    send_id: str | None = None
    kind: str | None = None
    compartment_id: str | None = None
    expires_at: datetime | None = None
    receipt: str | None = None


class WebhookEvent(PartnerWire, frozen=True):
    """The body of one webhook post; ``event_id`` is unique (deduplicate by it)."""

    event_id: str
    type: str
    at: datetime
    parcel: WebhookParcel


@dataclass(frozen=True, slots=True)
class PartnerKey:
    """Who an API key belongs to and which lockers it may act on."""

    partner_id: str
    name: str
    lockers: frozenset[str]

    def check_locker(self, locker_id: str) -> None:
        """Refuse a locker outside the key's scope (403, known or not)."""
        if locker_id not in self.lockers:
            raise Forbidden("this API key is not for that locker")


# ====================================================================== signing
def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The ``X-Locker-Signature`` value: ``t=<unix>,v1=<hex HMAC-SHA256(secret, "t.body")>``."""
    mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify_signature(
    secret: str,
    header: str,
    body: bytes,
    *,
    now: float | None = None,
    tolerance_s: float = SIGNATURE_TOLERANCE_S,
) -> bool:
    """What a receiver does: the header parses, ``v1`` matches, ``t`` is recent.

    Several ``v1`` values are allowed (a secret being rotated): one matching is enough.
    """
    parts = [p.partition("=") for p in header.split(",")]
    stamps = [v for k, _, v in parts if k.strip() == "t"]
    macs = [v.strip() for k, _, v in parts if k.strip() == "v1"]
    if len(stamps) != 1 or not macs or not stamps[0].strip().isdigit():
        return False
    timestamp = int(stamps[0])
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance_s:
        return False
    expected = sign(secret, timestamp, body).rpartition("v1=")[2]
    return any(hmac.compare_digest(expected, m) for m in macs)


# ====================================================================== helpers
def _ts(value: float) -> datetime:
    return datetime.fromtimestamp(value, UTC)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def recipient_hint(phone: str | None, email: str | None) -> str:
    """What the kiosk may show of a recipient: ``+48 *** *** 123`` or ``j***@example.com``."""
    if phone:
        first = phone.split()[0]
        # The country code, when written apart ("+48 600 ..."), tells nothing about a person.
        prefix = first + " " if first.startswith("+") and 2 <= len(first) <= 4 else ""
        return f"{prefix}*** *** {_digits(phone)[-3:]}"
    if email:
        local, _, domain = email.partition("@")
        return f"{local[:1]}***@{domain}"
    return ""


def new_api_key() -> str:
    """A partner API key: a prefix that says what it is, then 256 random bits."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def backoff_s(attempts: int, base_s: float, cap_s: float, rng: random.Random) -> float:
    """Wait before retry number ``attempts`` (1 = after the first failure).

    Exponential (``base * 2**(attempts-1)``), capped at ``cap_s``, then "equal jitter":
    a random point in the upper half, so receivers that failed together do not all get
    their retries in the same second, and no wait is shorter than half its step.
    """
    step = min(cap_s, base_s * 2.0 ** min(attempts - 1, 62))
    return step / 2 + rng.uniform(0, step / 2)


def check_webhook_url(url: str) -> str:
    """An absolute http(s) URL with a host, no credentials, no fragment.

    Raises:
        BadRequest: it is not.
    """
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number raises here
    except ValueError:
        raise BadRequest("webhook url does not parse") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BadRequest("webhook url must be an absolute http or https URL")
    if parts.username or parts.password or parts.fragment:
        raise BadRequest("webhook url must not hold credentials or a fragment")
    return url


# ====================================================================== service
class PartnerService:
    """Partners, their keys, pre-advised parcels, drop-off codes, webhooks and retention.

    Thread-safe (every call is its own store transaction). Construct it once per server
    process over the process's :class:`BackendCore`: it creates its tables and registers
    its rent listener; :meth:`start` runs the webhook dispatcher, :meth:`stop` ends it.

    Args:
        core: the backend core (its store holds the partner tables too).
        clock: seconds since the epoch; tests hand in a controllable one.
        session: the HTTP session webhooks are posted with.
        rng: randomness of the backoff's jitter (codes and keys use ``secrets``).
        backoff_base_s / backoff_cap_s: first retry wait, and the longest.
        max_attempts: after this many failures a delivery is given up (counted in status).
        timeout_s: per post; the claim lasts longer than a post can.
        poll_s: how often the dispatcher looks for due work.
        retention_s: how long after a parcel is finished its contact data is kept.
    """

    def __init__(
        self,
        core: BackendCore,
        *,
        clock: Callable[[], float] = time.time,
        session: requests.Session | None = None,
        rng: random.Random | None = None,
        backoff_base_s: float = 10.0,
        backoff_cap_s: float = 3600.0,
        max_attempts: int = 30,
        timeout_s: float = 10.0,
        poll_s: float = 1.0,
        retention_s: float = DEFAULT_RETENTION_DAYS * DAY_S,
    ) -> None:
        self.core = core
        self.store = core.store
        self._clock = clock
        self._session = session or requests.Session()
        self._rng = rng or random.Random()
        self._base_s = backoff_base_s
        self._cap_s = backoff_cap_s
        self._max_attempts = max_attempts
        self._timeout_s = timeout_s
        self._claim_s = 3 * timeout_s + 30.0
        self._poll_s = poll_s
        self.retention_s = retention_s
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_purge = 0.0
        with self.store.transaction() as db:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
        core.add_rent_listener(self._on_rent_change)

    # ------------------------------------------------------------ partners and keys
    def add_partner(self, name: str, lockers: Sequence[str]) -> tuple[str, str]:
        """Create a partner with one API key for ``lockers``; returns (partner_id, key).

        Raises:
            ValueError: the name is taken, empty, or a locker is unknown.
        """
        name = name.strip()
        if not name:
            raise ValueError("a partner needs a name")
        partner_id = "pt_" + uuid.uuid4().hex[:12]
        with self.store.transaction() as db:
            if db.execute("SELECT 1 FROM partners WHERE name = ?", (name,)).fetchone():
                raise ValueError(f"partner {name!r} exists already")
            db.execute(
                "INSERT INTO partners (partner_id, name, created_at) VALUES (?, ?, ?)",
                (partner_id, name, self._clock()),
            )
            key = self._add_key(db, partner_id, lockers)
        return partner_id, key

    def add_key(self, name: str, lockers: Sequence[str]) -> str:
        """Another API key for an existing partner (e.g. to rotate); returns the key."""
        with self.store.transaction() as db:
            return self._add_key(db, self._partner_id(db, name), lockers)

    def _add_key(self, db: Db, partner_id: str, lockers: Sequence[str]) -> str:
        wanted = sorted({locker.strip() for locker in lockers if locker.strip()})
        if not wanted:
            raise ValueError("an API key needs at least one locker")
        for locker_id in wanted:
            if self.store.locker(db, locker_id) is None:
                raise ValueError(f"no locker {locker_id!r}")
        key = new_api_key()
        db.execute(
            "INSERT INTO partner_keys (key_hash, partner_id, lockers, created_at)"
            " VALUES (?, ?, ?, ?)",
            (token_hash(key), partner_id, msgspec.json.encode(wanted).decode(), self._clock()),
        )
        return key

    def revoke_keys(self, name: str) -> int:
        """Delete every API key of a partner; returns how many there were."""
        with self.store.transaction() as db:
            partner_id = self._partner_id(db, name)
            cur = db.execute("DELETE FROM partner_keys WHERE partner_id = ?", (partner_id,))
            return int(cur.rowcount)

    def _partner_id(self, db: Db, name: str) -> str:
        row = db.execute("SELECT partner_id FROM partners WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise ValueError(f"no partner {name!r}")
        return str(row["partner_id"])

    def authenticate(self, api_key: str | None) -> PartnerKey:
        """The partner and lockers of a bearer API key; :class:`Unauthorized` otherwise."""
        if not api_key or not api_key.startswith(KEY_PREFIX):
            raise Unauthorized("missing or malformed partner API key")
        row = (
            self.store.read()
            .execute(
                "SELECT k.partner_id, k.lockers, p.name FROM partner_keys k"
                " JOIN partners p ON p.partner_id = k.partner_id WHERE k.key_hash = ?",
                (token_hash(api_key),),
            )
            .fetchone()
        )
        if row is None:
            raise Unauthorized("unknown partner API key")
        lockers = msgspec.json.decode(str(row["lockers"]), type=list[str])
        return PartnerKey(str(row["partner_id"]), str(row["name"]), frozenset(lockers))

    # ------------------------------------------------------------ parcels
    def _locker_settings(self, db: Db, locker_id: str) -> LockerSettings:
        row = self.store.locker(db, locker_id)
        if row is None:
            raise Forbidden("this API key is not for that locker")
        return msgspec.json.decode(str(row["settings"]), type=LockerSettings)

    def _expiry(self, when: datetime | None, now: float) -> float | None:
        if when is None:
            return None
        at = when.timestamp()
        if at <= now:
            raise BadRequest("expires_at is in the past")
        if at > now + MAX_EXPIRY_S:
            raise BadRequest("expires_at is more than 90 days ahead")
        return at

    def _code_live(self, db: Db, locker_id: str, code_hash: str) -> bool:
        """A parcel at this locker not yet taken out already has this code."""
        row = db.execute(
            "SELECT 1 FROM parcels p WHERE p.locker_id = ? AND p.code_hash = ? AND NOT EXISTS"
            " (SELECT 1 FROM rents r WHERE r.parcel_id = p.parcel_id"
            "  AND r.status IN ('picked_up', 'collected'))",
            (locker_id, code_hash),
        ).fetchone()
        return row is not None

    def pre_advise(self, key: PartnerKey, locker_id: str, advice: PreAdvice) -> PartnerParcel:
        """Announce a parcel for a locker; the answer carries the pickup code if made here.

        Raises:
            Forbidden: the key is not for this locker.
            BadRequest: no contact, a code not in the locker's format, a bad deadline.
            AlreadyAnnounced: this barcode is pre-advised here by this partner already.
            CodeInUse: the given code is live for another parcel at this locker.
        """
        key.check_locker(locker_id)
        if not advice.phone and not advice.email:
            raise BadRequest("give the recipient's phone or e-mail")
        now = self._clock()
        expires_at = self._expiry(advice.expires_at, now)
        if advice.phone is not None and len(_digits(advice.phone)) < 6:
            raise BadRequest("phone must hold at least 6 digits")
        settings = self._locker_settings(self.store.read(), locker_id)
        if settings.pickup_requires_phone and not advice.phone:
            # The kiosk asks for the phone number's last digits: without them nobody
            # could ever take the parcel out.
            raise BadRequest("this locker asks for the recipient's phone at pickup: give phone")
        given = advice.pickup_code
        if given is not None:
            given = normalize_code(given)
            if not pickup_code_format(settings).fullmatch(given):
                raise BadRequest(
                    f"pickup_code must be {settings.code_length} "
                    f"{'digits' if settings.code_alphabet == 'digits' else 'digits or capitals'}"
                )
        parcel_id = "pp_" + uuid.uuid4().hex[:16]
        for _ in range(50):
            code = given if given is not None else new_pickup_code(settings)
            # PBKDF2 (tens of ms) outside the write transaction, as the core does.
            code_hash = self.core.code_hash(locker_id, code)
            with self.store.transaction() as db:
                # One parcel per barcode and locker: the courier's scan finds it by barcode.
                # (A cancelled pre-advice left the core's table and may be made again.)
                taken = self.store.parcel_by_barcode(db, locker_id, advice.barcode)
                if taken is not None:
                    raise AlreadyAnnounced("barcode already announced for this locker")
                if self._code_live(db, locker_id, code_hash):
                    if given is not None:
                        raise CodeInUse("that pickup code is in use at this locker")
                    continue  # a made code collided: make another
                self.store.add_parcel(
                    db,
                    locker_id,
                    parcel_id=parcel_id,
                    barcode=advice.barcode,
                    size=advice.size,
                    recipient_hint=recipient_hint(advice.phone, advice.email),
                    code_hash=code_hash,
                    phone_suffix=_digits(advice.phone)[-3:] if advice.phone else None,
                )
                db.execute(
                    "INSERT INTO partner_parcels (parcel_id, partner_id, locker_id, barcode,"
                    " size, phone, email, expires_at, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (parcel_id, key.partner_id, locker_id, advice.barcode, advice.size,
                     advice.phone, advice.email, expires_at, now),
                )  # fmt: skip
            log.info("partner %s pre-advised %s for %s", key.name, parcel_id, locker_id)
            return PartnerParcel(
                parcel_id=parcel_id,
                locker_id=locker_id,
                barcode=advice.barcode,
                size=advice.size,
                status="announced",
                expires_at=None if expires_at is None else _ts(expires_at),
                pickup_code=None if given is not None else code,
            )
        raise BackendError("no free pickup code found; try again")  # pragma: no cover

    def _own_parcel(self, db: Db, key: PartnerKey, parcel_id: str) -> Row:
        row: Row | None = db.execute(
            "SELECT * FROM partner_parcels WHERE parcel_id = ? AND partner_id = ?",
            (parcel_id, key.partner_id),
        ).fetchone()
        if row is None or str(row["locker_id"]) not in key.lockers:
            raise UnknownParcel("no such parcel of this partner")
        return row

    def parcel(self, key: PartnerKey, parcel_id: str) -> PartnerParcel:
        """The parcel's state now.

        Raises:
            UnknownParcel: not a parcel of this partner (at a locker of this key).
        """
        db = self.store.read()
        row = self._own_parcel(db, key, parcel_id)
        rent = (
            None if row["cancelled_at"] is not None else self.store.rent_for_parcel(db, parcel_id)
        )
        return self._parcel_state(row, rent)

    @staticmethod
    def _parcel_state(row: Row, rent: Row | None) -> PartnerParcel:
        if row["cancelled_at"] is not None:
            status = "cancelled"
        elif rent is None:
            status = "announced"
        else:
            status = _RENT_TO_PARCEL.get(str(rent["status"]), str(rent["status"]))
        placed = rent is not None and status != "announced"
        expires = row["expires_at"]
        if placed and rent is not None:
            expires = rent["expires_at"]
        return PartnerParcel(
            parcel_id=str(row["parcel_id"]),
            locker_id=str(row["locker_id"]),
            barcode=str(row["barcode"]),
            size=row["size"],
            status=status,  # type: ignore[arg-type]
            compartment_id=str(rent["compartment_id"]) if placed and rent is not None else None,
            expires_at=None if expires is None else _ts(float(expires)),
        )

    def cancel(self, key: PartnerKey, parcel_id: str) -> PartnerParcel:
        """Withdraw a parcel not yet in a compartment; a repeat is fine.

        The core's parcel row goes (the courier's list no longer shows it); the partner's
        row stays, ``cancelled``, and a ``cancelled`` webhook is queued.

        Raises:
            UnknownParcel: not a parcel of this partner.
            AlreadyDelivered: a courier has reserved or filled a compartment for it.
        """
        now = self._clock()
        with self.store.transaction() as db:
            row = self._own_parcel(db, key, parcel_id)
            if row["cancelled_at"] is None:
                rent = self.store.rent_for_parcel(db, parcel_id)
                if rent is not None:
                    raise AlreadyDelivered(f"parcel is {rent['status']} in a compartment")
                db.execute("DELETE FROM parcels WHERE parcel_id = ?", (parcel_id,))
                db.execute(
                    "UPDATE partner_parcels SET cancelled_at = ? WHERE parcel_id = ?",
                    (now, parcel_id),
                )
                row = self._own_parcel(db, key, parcel_id)
                state = self._parcel_state(row, None)
                self._enqueue(
                    db,
                    key.partner_id,
                    str(uuid.uuid4()),
                    "cancelled",
                    now,
                    WebhookParcel(
                        locker_id=state.locker_id,
                        status="cancelled",
                        parcel_id=parcel_id,
                        barcode=state.barcode,
                        kind="delivery",
                    ),
                )
            state = self._parcel_state(row, None)
        self._wake.set()
        return state

    # ------------------------------------------------------------ drop-off codes
    def create_send(self, key: PartnerKey, locker_id: str, req: SendCodeRequest) -> SendCode:
        """A drop-off code (``S...`` or ``R...``, the shape the kiosk routes to sending).

        Raises:
            Forbidden: the key is not for this locker.
            BadRequest: a bad expiry.
        """
        key.check_locker(locker_id)
        now = self._clock()
        expires_at = self._expiry(req.expires_at, now) or now + RENT_DAYS_S
        code = new_drop_off_code(req.kind)
        send_id = self.core.add_send(
            locker_id, code=code, size=req.size, kind=req.kind, expires_in_s=expires_at - now
        )
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO partner_sends (send_id, partner_id, locker_id, created_at)"
                " VALUES (?, ?, ?, ?)",
                (send_id, key.partner_id, locker_id, now),
            )
        return SendCode(
            send_id=send_id,
            locker_id=locker_id,
            kind=req.kind,
            size=req.size,
            code=code,
            expires_at=_ts(expires_at),
        )

    # ------------------------------------------------------------ webhooks: registration
    def set_webhook(self, partner_id: str, url: str) -> WebhookRegistration:
        """Register (or replace) the partner's webhook URL with a fresh signing secret."""
        check_webhook_url(url)
        secret = "whsec_" + secrets.token_urlsafe(32)
        with self.store.transaction() as db:
            db.execute(
                "UPDATE partners SET webhook_url = ?, webhook_secret = ? WHERE partner_id = ?",
                (url, secret, partner_id),
            )
        self._wake.set()
        return WebhookRegistration(url=url, secret=secret)

    def set_webhook_by_name(self, name: str, url: str) -> WebhookRegistration:
        """:meth:`set_webhook` for the operator CLI.

        Raises:
            ValueError: no such partner.
        """
        return self.set_webhook(self._partner_id(self.store.read(), name), url)

    def webhook_status(self, partner_id: str) -> WebhookStatus:
        """Delivered / pending / failing for one partner."""
        db = self.store.read()
        p = db.execute("SELECT * FROM partners WHERE partner_id = ?", (partner_id,)).fetchone()
        if p is None:
            raise Unauthorized("unknown partner")
        counts = db.execute(
            "SELECT"
            " SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered,"
            " SUM(CASE WHEN delivered_at IS NULL AND gave_up_at IS NULL THEN 1 ELSE 0 END)"
            "  AS pending,"
            " SUM(CASE WHEN gave_up_at IS NOT NULL THEN 1 ELSE 0 END) AS gave_up,"
            " MAX(delivered_at) AS last_delivered"
            " FROM webhook_deliveries WHERE partner_id = ?",
            (partner_id,),
        ).fetchone()
        head = self._head(db, partner_id)
        last = db.execute(
            "SELECT last_error FROM webhook_deliveries WHERE partner_id = ?"
            " AND last_error IS NOT NULL ORDER BY last_attempt_at DESC LIMIT 1",
            (partner_id,),
        ).fetchone()
        url = p["webhook_url"]
        failing = (head is not None and int(head["attempts"]) > 0) or bool(counts["gave_up"])
        state = "none" if url is None else "failing" if failing else "delivered"
        return WebhookStatus(
            partner=str(p["name"]),
            url=url,
            state=state,  # type: ignore[arg-type]
            delivered=int(counts["delivered"] or 0),
            pending=int(counts["pending"] or 0),
            gave_up=int(counts["gave_up"] or 0),
            attempts_of_oldest=0 if head is None else int(head["attempts"]),
            oldest_pending_at=None if head is None else _ts(float(head["created_at"])),
            last_delivered_at=(
                None if counts["last_delivered"] is None else _ts(float(counts["last_delivered"]))
            ),
            last_error=None if last is None or state != "failing" else str(last["last_error"]),
        )

    def all_statuses(self) -> list[WebhookStatus]:
        """:meth:`webhook_status` of every partner, by name (operator CLI)."""
        rows = self.store.read().execute("SELECT partner_id FROM partners ORDER BY name")
        return [self.webhook_status(str(r["partner_id"])) for r in rows.fetchall()]

    # ------------------------------------------------------------ webhooks: queueing
    def _enqueue(
        self,
        db: Db,
        partner_id: str,
        event_id: str,
        type_: str,
        at: float,
        parcel: WebhookParcel,
    ) -> bool:
        """Queue one delivery in the caller's transaction; False if the event is queued."""
        has_url = db.execute(
            "SELECT 1 FROM partners WHERE partner_id = ? AND webhook_url IS NOT NULL",
            (partner_id,),
        ).fetchone()
        if has_url is None:
            return False  # nobody listens; the state query still answers
        body = msgspec.json.encode(
            WebhookEvent(event_id=event_id, type=type_, at=_ts(at), parcel=parcel)
        ).decode()
        seq = db.execute(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM webhook_deliveries WHERE partner_id = ?",
            (partner_id,),
        ).fetchone()["n"]
        now = self._clock()
        cur = db.execute(
            "INSERT INTO webhook_deliveries (event_id, partner_id, seq, type, body, created_at,"
            " next_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, partner_id, int(seq), type_, body, now, now),
        )
        return int(cur.rowcount) == 1

    def _owner(self, db: Db, rent: Row) -> tuple[str, Row | None] | None:
        """(partner_id, partner_parcels row or None for a send) of a rent, if a partner's."""
        if rent["parcel_id"] is not None:
            row = db.execute(
                "SELECT * FROM partner_parcels WHERE parcel_id = ?", (rent["parcel_id"],)
            ).fetchone()
            return None if row is None else (str(row["partner_id"]), row)
        if rent["send_id"] is not None:
            row = db.execute(
                "SELECT partner_id FROM partner_sends WHERE send_id = ?", (rent["send_id"],)
            ).fetchone()
            return None if row is None else (str(row["partner_id"]), None)
        return None

    def _on_rent_change(
        self, db: Db, locker_id: str, rent: Row, new_status: str, event: Event
    ) -> None:
        """The core's rent listener: inside the event's transaction, queue the webhook.

        A kiosk's ``cancelled`` of a reservation is not a parcel state change (the parcel
        is still waiting for a compartment) and sends nothing. On ``deposited`` the
        partner's pickup deadline, if it gave one, becomes the rent's.
        """
        if new_status not in WEBHOOK_TYPES or new_status == "cancelled":
            return
        owner = self._owner(db, rent)
        if owner is None:
            return
        partner_id, pparcel = owner
        expires_at = float(rent["expires_at"])
        if new_status == "deposited" and pparcel is not None and pparcel["expires_at"]:
            expires_at = float(pparcel["expires_at"])
            db.execute(
                "UPDATE rents SET expires_at = ? WHERE rent_id = ?", (expires_at, rent["rent_id"])
            )
        self._enqueue(
            db,
            partner_id,
            event.event_id,
            new_status,
            event.at.timestamp(),
            self._webhook_parcel(
                locker_id,
                rent,
                new_status,
                expires_at,
                None if pparcel is None else pparcel["barcode"],
            ),
        )
        self._wake.set()

    @staticmethod
    def _webhook_parcel(
        locker_id: str, rent: Row, status: str, expires_at: float, barcode: str | None
    ) -> WebhookParcel:
        return WebhookParcel(
            locker_id=locker_id,
            status=status,
            parcel_id=rent["parcel_id"],
            barcode=barcode,
            send_id=rent["send_id"],
            kind=str(rent["kind"]),
            compartment_id=str(rent["compartment_id"]),
            expires_at=_ts(expires_at) if rent["kind"] == "delivery" else None,
            receipt=rent["receipt"],
        )

    def expire_due(self, now: float | None = None) -> int:
        """Mark partners' parcels past their deadline and still in a compartment ``expired``.

        Queues an ``expired`` webhook for each, with an event id derived from the rent (a
        second server process doing the same queues nothing more). Only partners' rents:
        other rents keep the core's behaviour (a late code answers ``expired`` either way).
        Returns how many expired.
        """
        now = self._clock() if now is None else now
        count = 0
        with self.store.transaction() as db:
            rows = db.execute(
                "SELECT r.*, pp.partner_id AS owner, pp.barcode AS pbarcode FROM rents r"
                " JOIN partner_parcels pp ON pp.parcel_id = r.parcel_id"
                " WHERE r.status = 'deposited' AND r.expires_at <= ?",
                (now,),
            ).fetchall()
            for r in rows:
                cur = db.execute(
                    "UPDATE rents SET status = 'expired'"
                    " WHERE rent_id = ? AND status = 'deposited'",
                    (r["rent_id"],),
                )
                if int(cur.rowcount) != 1:
                    continue
                count += 1
                event_id = str(uuid.uuid5(_EVENT_NS, f"{r['rent_id']}:expired"))
                self._enqueue(
                    db,
                    str(r["owner"]),
                    event_id,
                    "expired",
                    float(r["expires_at"]),
                    self._webhook_parcel(
                        str(r["locker_id"]), r, "expired", float(r["expires_at"]), r["pbarcode"]
                    ),
                )
        return count

    # ------------------------------------------------------------ webhooks: delivering
    def _head(self, db: Db, partner_id: str) -> Row | None:
        row: Row | None = db.execute(
            "SELECT * FROM webhook_deliveries WHERE partner_id = ? AND delivered_at IS NULL"
            " AND gave_up_at IS NULL ORDER BY seq, event_id LIMIT 1",
            (partner_id,),
        ).fetchone()
        return row

    def _claim(self, partner_id: str, now: float) -> tuple[Row, str, str] | None:
        """Claim the partner's oldest waiting delivery if it is due: (row, url, secret).

        Deliveries go out in order per partner (a receiver never hears ``picked_up`` before
        ``deposited``), so only the head of the partner's queue is tried. The claim is a
        compare-and-set on ``claimed_until``: of two processes only one gets the row, and a
        claim left by a process that died lapses after ``claim_s``.
        """
        with self.store.transaction() as db:
            head = self._head(db, partner_id)
            if head is None or float(head["next_at"]) > now:
                return None
            p = db.execute(
                "SELECT webhook_url, webhook_secret FROM partners WHERE partner_id = ?",
                (partner_id,),
            ).fetchone()
            if p is None or p["webhook_url"] is None:
                return None
            cur = db.execute(
                "UPDATE webhook_deliveries SET claimed_until = ? WHERE event_id = ?"
                " AND claimed_until < ? AND delivered_at IS NULL",
                (now + self._claim_s, head["event_id"], now),
            )
            if int(cur.rowcount) != 1:
                return None
            return head, str(p["webhook_url"]), str(p["webhook_secret"])

    def _post(self, url: str, secret: str, row: Row) -> tuple[int | None, str | None]:
        """POST one delivery; (HTTP status or None, error text or None if it was 2xx)."""
        body = str(row["body"]).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "locker-kiosk-webhooks/1",
            EVENT_ID_HEADER: str(row["event_id"]),
            EVENT_TYPE_HEADER: str(row["type"]),
            SIGNATURE_HEADER: sign(secret, int(self._clock()), body),
        }
        try:
            resp = self._session.post(
                url, data=body, headers=headers, timeout=self._timeout_s, allow_redirects=False
            )
        except requests.RequestException as exc:
            return None, type(exc).__name__
        resp.close()
        if 200 <= resp.status_code < 300:
            return resp.status_code, None
        return resp.status_code, f"HTTP {resp.status_code}"

    def deliver_due(self) -> int:
        """One round: for each partner, post due deliveries in order until one fails.

        Returns the number delivered. Called by the dispatcher thread; tests call it directly
        with a controlled clock.
        """
        now = self._clock()
        partners = [
            str(r["partner_id"])
            for r in self.store.read()
            .execute(
                "SELECT DISTINCT partner_id FROM webhook_deliveries WHERE delivered_at IS NULL"
                " AND gave_up_at IS NULL AND next_at <= ?",
                (now,),
            )
            .fetchall()
        ]
        delivered = 0
        for partner_id in partners:
            while not self._stopping.is_set():
                claimed = self._claim(partner_id, self._clock())
                if claimed is None:
                    break
                row, url, secret = claimed
                status, error = self._post(url, secret, row)
                if not self._record(row, status, error):
                    break
                delivered += 1
        return delivered

    def _record(self, row: Row, status: int | None, error: str | None) -> bool:
        """Store the outcome of a post; True if it was delivered."""
        now = self._clock()
        attempts = int(row["attempts"]) + 1
        with self.store.transaction() as db:
            if error is None:
                db.execute(
                    "UPDATE webhook_deliveries SET delivered_at = ?, attempts = ?,"
                    " last_attempt_at = ?, last_status = ?, last_error = NULL,"
                    " claimed_until = 0 WHERE event_id = ?",
                    (now, attempts, now, status, row["event_id"]),
                )
                return True
            gave_up = now if attempts >= self._max_attempts else None
            next_at = now + backoff_s(attempts, self._base_s, self._cap_s, self._rng)
            db.execute(
                "UPDATE webhook_deliveries SET attempts = ?, next_at = ?, gave_up_at = ?,"
                " last_attempt_at = ?, last_status = ?, last_error = ?, claimed_until = 0"
                " WHERE event_id = ?",
                (attempts, next_at, gave_up, now, status, error, row["event_id"]),
            )
        log.warning(
            "webhook %s (%s) to partner %s failed (%s), attempt %d%s",
            row["event_id"], row["type"], row["partner_id"], error, attempts,
            ", giving up" if gave_up else f", next in {next_at - now:.0f} s",
        )  # fmt: skip
        return False

    # ------------------------------------------------------------ dispatcher thread
    def start(self) -> None:
        """Run the dispatcher (expiry, deliveries, hourly retention) on a daemon thread."""
        if self._thread is not None:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="webhook-dispatcher", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 15.0) -> None:
        """End the dispatcher; a post under way finishes (its claim would lapse otherwise)."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def wake(self) -> None:
        """Look for due work now rather than at the next poll."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.expire_due()
                self.deliver_due()
                now = self._clock()
                if now - self._last_purge >= 3600.0:
                    self._last_purge = now
                    self.purge(now)
            except Exception:
                # A database hiccup must not end webhook delivery for good.
                log.exception("webhook dispatcher round failed")
            self._wake.wait(self._poll_s)
            self._wake.clear()

    # ------------------------------------------------------------ retention
    def purge(self, now: float | None = None, older_than_s: float | None = None) -> int:
        """Erase recipients' phone numbers and e-mails of parcels finished long enough ago.

        Finished: picked up or collected (the time is when the server received that
        event), or cancelled by the partner. Erased: the partner's full contact, and the
        core's phone suffix and recipient hint (parcel and rent rows). Events, rents and
        webhook deliveries stay (they never held a contact). Returns how many parcels
        were erased.
        """
        now = self._clock() if now is None else now
        cutoff = now - (self.retention_s if older_than_s is None else older_than_s)
        with self.store.transaction() as db:
            done = db.execute(
                "SELECT r.rent_id, r.parcel_id FROM rents r JOIN events e"
                " ON e.rent_id = r.rent_id AND e.type = r.status AND e.status = 'accepted'"
                " WHERE r.status IN ('picked_up', 'collected') AND r.parcel_id IS NOT NULL"
                " AND e.received_at < ?"
                " AND (r.phone_suffix IS NOT NULL OR EXISTS (SELECT 1 FROM parcels p"
                "  WHERE p.parcel_id = r.parcel_id"
                "  AND (p.phone_suffix IS NOT NULL OR p.recipient_hint <> ''))"
                " OR EXISTS (SELECT 1 FROM partner_parcels pp WHERE pp.parcel_id = r.parcel_id"
                "  AND pp.erased_at IS NULL))",
                (cutoff,),
            ).fetchall()
            parcels = {str(r["parcel_id"]) for r in done}
            for r in done:
                db.execute(
                    "UPDATE rents SET phone_suffix = NULL WHERE rent_id = ?", (r["rent_id"],)
                )
            cancelled = db.execute(
                "SELECT parcel_id FROM partner_parcels WHERE cancelled_at IS NOT NULL"
                " AND cancelled_at < ? AND erased_at IS NULL",
                (cutoff,),
            ).fetchall()
            parcels |= {str(r["parcel_id"]) for r in cancelled}
            for parcel_id in sorted(parcels):
                db.execute(
                    "UPDATE parcels SET phone_suffix = NULL, recipient_hint = ''"
                    " WHERE parcel_id = ?",
                    (parcel_id,),
                )
                db.execute(
                    "UPDATE partner_parcels SET phone = NULL, email = NULL, erased_at = ?"
                    " WHERE parcel_id = ? AND erased_at IS NULL",
                    (now, parcel_id),
                )
        if parcels:
            log.info("retention: erased recipients' contact of %d parcels", len(parcels))
        return len(parcels)


# ====================================================================== operator CLI
PROG = "locker-kiosk-server"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (``locker-kiosk-server: <what>``, exit 2), like the
    provisioning commands."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{PROG}: {message}\n")
        raise SystemExit(2)


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: {message}\n")
    return 2


@contextmanager
def _open(target: str) -> Iterator[PartnerService]:
    core = open_core(target)  # a file that is not there is an error, never a new database
    try:
        yield PartnerService(core)
    finally:
        core.close()


def partner_parser() -> argparse.ArgumentParser:
    """``locker-kiosk-server partner add|key|revoke|webhook|status --db FILE ...``."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--db", required=True, help="the server's database (SQLite file or postgresql:// URL)"
    )
    parser = _Parser(
        prog=f"{PROG} partner",
        description="Partners of the partner API (/v1/partner/): retailers and carriers that "
        "pre-advise parcels and receive signed webhooks (docs/partner-api.md). A secret a "
        "command makes is printed once, alone on the last line, and cannot be shown again.",
    )
    sub = parser.add_subparsers(dest="what", required=True, metavar="ACTION")
    add = sub.add_parser("add", parents=[common], help="create a partner; prints its API key")
    add.add_argument("name")
    add.add_argument("--lockers", required=True, help="comma-separated locker ids, e.g. A,B")
    key = sub.add_parser("key", parents=[common], help="another API key; prints it")
    key.add_argument("name")
    key.add_argument("--lockers", required=True, help="comma-separated locker ids")
    revoke = sub.add_parser("revoke", parents=[common], help="delete every key of a partner")
    revoke.add_argument("name")
    hook = sub.add_parser(
        "webhook", parents=[common], help="register a webhook URL; prints its signing secret"
    )
    hook.add_argument("name")
    hook.add_argument("url")
    sub.add_parser(
        "status", parents=[common], help="webhook delivery per partner: delivered / failing"
    )
    return parser


def partner_main(argv: Sequence[str]) -> int:
    """``locker-kiosk-server partner ACTION --db FILE ...``; the exit status."""
    try:
        args = partner_parser().parse_args(list(argv))
    except SystemExit as exc:  # --help (0) or a usage error, already said in one line
        return int(exc.code or 0)
    try:
        with _open(args.db) as svc:
            if args.what == "add":
                partner_id, api_key = svc.add_partner(args.name, args.lockers.split(","))
                print(f"partner {args.name} ({partner_id}); its API key, shown once:")
                print(api_key)
            elif args.what == "key":
                api_key = svc.add_key(args.name, args.lockers.split(","))
                print(f"a new API key for {args.name}, shown once:")
                print(api_key)
            elif args.what == "revoke":
                print(f"revoked {svc.revoke_keys(args.name)} key(s) of {args.name}")
            elif args.what == "webhook":
                reg = svc.set_webhook_by_name(args.name, args.url)
                print(f"webhook of {args.name}: {reg.url}; its signing secret, shown once:")
                print(reg.secret)
            else:
                for st in svc.all_statuses():
                    print(_status_line(st))
    except (ValueError, BadRequest, OperatorError) as exc:
        return _fail(str(exc))
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"database {args.db}: {exc}")
    return 0


def _status_line(st: WebhookStatus) -> str:
    line = (
        f"{st.partner}: {st.state} — {st.delivered} delivered, {st.pending} pending, "
        f"{st.gave_up} given up"
    )
    if st.url:
        line += f" — {st.url}"
    if st.state == "failing":
        line += f" — oldest tried {st.attempts_of_oldest}x"
        if st.last_error:
            line += f", last error {st.last_error}"
    return line


def purge_main(argv: Sequence[str]) -> int:
    """``locker-kiosk-server purge --db FILE [--older-than-days 30]``: retention, by hand."""
    parser = _Parser(
        prog=f"{PROG} purge",
        description="Erase recipients' phone numbers and e-mails of parcels picked up, "
        "collected or cancelled longer ago than the given number of days (events are kept). "
        "The server does this hourly on its own; this is for cron or a one-off.",
    )
    parser.add_argument(
        "--db", required=True, help="the server's database (SQLite file or postgresql:// URL)"
    )
    parser.add_argument("--older-than-days", type=float, default=DEFAULT_RETENTION_DAYS)
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.older_than_days >= 0:
        return _fail("--older-than-days must be 0 or more")
    try:
        with _open(args.db) as svc:
            n = svc.purge(older_than_s=args.older_than_days * DAY_S)
    except OperatorError as exc:
        return _fail(str(exc))
    except (sqlite3.Error, OSError) as exc:
        return _fail(f"database {args.db}: {exc}")
    print(f"erased the contact data of {n} parcel(s)")
    return 0
