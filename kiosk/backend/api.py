"""The backend contract in Python: wire objects, typed errors and the ``LockerBackend`` protocol.

Everything the kiosk exchanges with a backend is a ``msgspec.Struct`` declared here, so the
REST client, the embedded backend and the reference server decode and encode the same
shapes (``openapi.yaml`` documents them for people and for schemathesis). ``msgspec`` was
chosen because it validates while it decodes and imports in a few milliseconds: kiosk
start-up time is measured.

Errors are one exception class per ``code`` family of the contract. The kiosk chooses what
it tells a person from the exception type (never from ``detail``), and an answer it cannot
trust is always :class:`InvalidResponse`, never a wrong code.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, ClassVar, Literal, Protocol, runtime_checkable

import msgspec

# ------------------------------------------------------------------ scalar types

#: RFC 3339 time that must carry an offset: a naive time on the wire is a bug.
Timestamp = Annotated[datetime, msgspec.Meta(tz=True)]
Size = Literal["S", "M", "L", "XL"]
RentKind = Literal["delivery", "send", "return"]
RentStatus = Literal["reserved", "deposited", "picked_up", "expired", "collected", "cancelled"]
EventStatus = Literal["accepted", "duplicate", "rejected"]
AckResult = Literal["ok", "failed", "refused"]
DoorReading = Literal["open", "closed", "unknown"]
CodeAlphabet = Literal["digits", "alnum"]
CollectionReason = Literal["expired", "send", "return"]

#: Event types the contract names. The server rejects other types per event (code
#: ``unknown_event_type``) rather than failing the whole batch, so a newer kiosk never
#: blocks its outbox on an older server.
EVENT_TYPES: frozenset[str] = frozenset(
    {
        "door_opened",
        "door_closed",
        "deposited",
        "picked_up",
        "door_failed",
        "reopened",
        "collected",
        "cancelled",
        "out_of_service",
        "in_service",
        "door_left_open",
        "door_forced",
        "admin_action",
    }
)

#: Who caused an event, besides ``courier:<id>``. ``unknown``: nobody commanded it (a door
#: read open with no unlock, ``door_forced``).
ACTORS: frozenset[str] = frozenset({"shopper", "app", "admin", "backoffice", "unknown"})

#: Largest ``Event.detail``, as encoded JSON: a few facts, not a log.
MAX_EVENT_DETAIL_BYTES = 1024

#: Command types the contract names (#10).
COMMAND_TYPES: frozenset[str] = frozenset(
    {"open_compartment", "set_out_of_service", "reload_config", "show_message"}
)


KDF_ALG = "pbkdf2-sha256"
#: Default PBKDF2 work factor for pickup codes (about 35 ms per check on a kiosk CPU):
#: one derivation per typed code, whatever the number of rents, thanks to one salt per locker.
DEFAULT_KDF_ITERATIONS = 100_000
#: Longest code the kiosk or server hashes; longer input cannot be a code.
MAX_CODE_LENGTH = 64


def utcnow() -> datetime:
    """Now, timezone-aware in UTC (the only kind of time this package handles)."""
    return datetime.now(UTC)


def normalize_code(code: str) -> str:
    """Canonical form of a typed or scanned code: NFKC, no spaces or dashes, upper case.

    The same function runs on the server and offline on the kiosk, so both derive the same
    hash from what a person types (``ab-12 34`` and ``AB1234`` are one code).
    """
    folded = unicodedata.normalize("NFKC", code)
    return "".join(ch for ch in folded if ch not in " -\t\r\n").upper()


def hash_code(code: str, salt_hex: str, iterations: int) -> str:
    """The stored form of a pickup/send code: hex PBKDF2-HMAC-SHA256 of the normalized code.

    This is exactly the ``offline-codes`` format (#13): ``kdf.salt`` is ``salt_hex``,
    ``kdf.iterations`` is ``iterations`` and ``code_hash`` is the return value.
    """
    raw = normalize_code(code).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha256", raw, bytes.fromhex(salt_hex), iterations).hex()


def hashes_equal(a: str, b: str) -> bool:
    """Constant-time comparison of two hex hashes."""
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


#: Key of :func:`redact`, new in every process: a plain hash prefix of a 6-digit code could
#: be reversed from the log by trying all 10^6 codes; a keyed one cannot.
_REDACT_KEY = secrets.token_bytes(16)


def redact(secret: str) -> str:
    """What a log may show of a code, PIN or token: a keyed hash prefix, never the value.

    Equal secrets give equal prefixes within one run of the process (so a log can show that
    the same code was tried twice), and nothing that can be turned back into the code.
    """
    digest = hmac.new(_REDACT_KEY, secret.encode("utf-8", "replace"), hashlib.sha256)
    return "h:" + digest.hexdigest()[:8]


# ------------------------------------------------------------------ wire objects


class Wire(msgspec.Struct, frozen=True, forbid_unknown_fields=False):
    """Base of every wire object: unknown fields are ignored so the contract can grow."""


class Compartment(Wire, frozen=True):
    """One door of the locker bank and where it sits on the lock boards."""

    id: str
    board: int
    lock: int
    size: Size
    column: int
    row: int
    accessible: bool
    sensor: bool


class LockerSettings(Wire, frozen=True):
    """Per-locker behaviour the backend sets and the kiosk obeys."""

    code_length: int = 6
    code_alphabet: CodeAlphabet = "digits"
    pickup_requires_phone: bool = False
    #: The guess limiter (:mod:`kiosk.domain.guess`): at most ``guess_burst`` codes checked
    #: at once, then one per ``guess_interval_s`` seconds, per locker.
    guess_burst: Annotated[int, msgspec.Meta(ge=1)] = 10
    guess_interval_s: Annotated[int, msgspec.Meta(ge=1)] = 30
    door_open_timeout_s: int = 10
    door_left_open_s: int = 60
    idle_timeout_s: int = 60
    heartbeat_s: int = 60
    languages: list[str] = msgspec.field(default_factory=lambda: ["en"])
    help_text: str = ""


class LockerInfo(Wire, frozen=True):
    """Answer of #1: the locker, its compartments and its settings."""

    locker_id: str
    name: str
    address: str
    timezone: str
    compartments: list[Compartment]
    settings: LockerSettings


class Parcel(Wire, frozen=True):
    """A parcel as the kiosk may show it (the hint is already masked by the backend)."""

    parcel_id: str
    barcode: str
    size: Size
    recipient_hint: str = ""


class PickupRent(Wire, frozen=True):
    """One compartment to open for a pickup; ``parcel`` is None when verified offline."""

    rent_id: str
    compartment_id: str
    parcel: Parcel | None = None


class PickupRequest(Wire, frozen=True):
    """Body of #2."""

    code: str
    phone: str | None = None


class PickupResult(Wire, frozen=True, omit_defaults=True):
    """Answer of #2: every compartment the code opens, in the order to open them.

    ``offline`` is never sent by a server; the kiosk sets it when the code was checked
    against the cached offline codes because the backend was unreachable.
    """

    rents: list[PickupRent]
    offline: bool = False


class SendRequest(Wire, frozen=True):
    """Body of #3."""

    code: str


class SendInfo(Wire, frozen=True):
    """Answer of #3: a drop-off code is good for a parcel of this size.

    ``kind`` says whether the shopper sends a parcel or returns one to a shop: the rent
    the kiosk reserves with #7 must be of the same kind. A server that does not say is
    taken to mean ``send``.
    """

    send_id: str
    size: Size
    kind: Literal["send", "return"] = "send"


class CourierLogin(Wire, frozen=True):
    """Body of #4: either ``courier_id`` + ``pin`` or ``badge``."""

    courier_id: str | None = None
    pin: str | None = None
    badge: str | None = None


class Courier(Wire, frozen=True):
    """Who is logged in."""

    id: str
    name: str
    company: str


class CourierSession(Wire, frozen=True):
    """Answer of #4; ``session_token`` goes into ``X-Courier-Session``."""

    session_token: str
    courier: Courier
    expires_at: Timestamp


class Collection(Wire, frozen=True):
    """A rent the courier should take out of the locker."""

    rent_id: str
    compartment_id: str
    reason: CollectionReason


class CourierTasks(Wire, frozen=True):
    """Answer of #6."""

    deliveries: list[Parcel]
    collections: list[Collection]


class RentRequest(Wire, frozen=True):
    """Body of #7: ``barcode`` (courier delivery) or ``send_id`` (shopper send/return)."""

    compartment_id: str
    kind: RentKind
    barcode: str | None = None
    send_id: str | None = None
    #: Only for a delivery the kiosk reserved while the backend was unreachable and sends
    #: from its outbox later: the courier it checked against the offline set (#13). The
    #: kiosk's token vouches for it instead of a courier session, which is long gone.
    offline_courier_id: str | None = None
    #: Only for a send or return reserved offline: the receipt number the kiosk made and
    #: already showed the shopper; the server keeps it instead of making its own.
    receipt: str | None = None


class Rent(Wire, frozen=True):
    """A compartment reserved or holding a parcel."""

    rent_id: str
    compartment_id: str
    kind: RentKind
    status: RentStatus
    parcel_id: str | None
    expires_at: Timestamp
    receipt: str | None = None
    """Send and return rents: the number the shopper keeps as proof of the drop-off
    (``R-7F3K-92QD``), shown on the kiosk as a QR code and a Code 128 barcode."""


class Event(Wire, frozen=True):
    """Something that happened at the locker; ``event_id`` is a UUID made on the kiosk.

    ``actor`` is one of :data:`ACTORS` or ``courier:<id>``. ``detail`` is a small JSON
    object (what an ``admin_action`` did, the kind of a problem report), at most
    :data:`MAX_EVENT_DETAIL_BYTES` encoded; a server rejects a larger one per event.
    """

    event_id: str
    type: str
    at: Timestamp
    compartment_id: str | None = None
    rent_id: str | None = None
    actor: str = "shopper"
    detail: dict[str, object] | None = None


class EventBatch(Wire, frozen=True):
    """Body of #8, oldest event first."""

    events: list[Event]


class EventResult(Wire, frozen=True):
    """Per-event answer of #8; ``code`` is set for ``rejected``."""

    event_id: str
    status: EventStatus
    code: str | None = None


class EventResults(Wire, frozen=True):
    """Answer of #8."""

    results: list[EventResult]


class DoorState(Wire, frozen=True):
    """One door in the heartbeat."""

    compartment_id: str
    door: DoorReading
    occupied: bool | None
    out_of_service: bool


class Heartbeat(Wire, frozen=True):
    """Body of #9."""

    app_version: str
    uptime_s: float
    outbox_depth: int
    oldest_event_age_s: float
    doors: list[DoorState] = msgspec.field(default_factory=list)


class HeartbeatReply(Wire, frozen=True):
    """Answer of #9; the kiosk compares ``server_time`` with its clock."""

    server_time: Timestamp


class Command(Wire, frozen=True):
    """A job from the back office; stays pending until acknowledged (#11)."""

    command_id: str
    type: str
    args: dict[str, object] = msgspec.field(default_factory=dict)


class Commands(Wire, frozen=True):
    """Answer of #10."""

    commands: list[Command]


class CommandAck(Wire, frozen=True):
    """Body of #11."""

    result: AckResult
    detail: str = ""


class AppPairing(Wire, frozen=True):
    """Answer of #12: the kiosk shows ``url`` as a QR code until ``expires_at``."""

    nonce: str
    url: str
    expires_at: Timestamp


class Kdf(Wire, frozen=True):
    """How offline code hashes were derived: one salt for the whole locker."""

    alg: Literal["pbkdf2-sha256"]
    salt: str
    iterations: Annotated[int, msgspec.Meta(ge=1, le=10_000_000)]


class OfflineRent(Wire, frozen=True):
    """A rent the kiosk may open offline if the typed code hashes to ``code_hash``.

    ``phone_suffix``: the last digits of the recipient's phone number, sent only when the
    locker's ``pickup_requires_phone`` is on, so that the offline check asks for the phone
    number as the online one does (without it a code alone would open offline).
    """

    rent_id: str
    compartment_id: str
    expires_at: Timestamp
    code_hash: str
    phone_suffix: str | None = None


class OfflineSend(Wire, frozen=True):
    """A drop-off code the kiosk may accept offline (hashed with the locker's ``kdf``)."""

    send_id: str
    size: Size
    expires_at: Timestamp
    code_hash: str
    kind: Literal["send", "return"] = "send"


class OfflineCourier(Wire, frozen=True):
    """A courier who may log in offline.

    ``pin_hash`` is PBKDF2-SHA256 of the PIN under the courier's own ``pin_kdf`` (the
    server keeps a salt per courier); ``badge_hash`` is PBKDF2-SHA256 of the badge under
    the set's ``badge_kdf`` (one salt for all badges, so a scanned badge costs one key
    derivation). Either may be absent: that way of logging in is then online only.
    """

    courier_id: str
    name: str
    company: str
    pin_hash: str | None = None
    pin_kdf: Kdf | None = None
    badge_hash: str | None = None


class OfflineCodes(Wire, frozen=True):
    """Answer of #13."""

    kdf: Kdf
    rents: list[OfflineRent]
    sends: list[OfflineSend] = msgspec.field(default_factory=list)
    couriers: list[OfflineCourier] = msgspec.field(default_factory=list)
    badge_kdf: Kdf | None = None


class Problem(Wire, frozen=True):
    """RFC 9457 problem document; ``code`` is the stable word the kiosk acts on."""

    type: str
    title: str
    status: int
    code: str
    detail: str = ""


# ------------------------------------------------------------------ errors


class BackendError(Exception):
    """Base of every error a backend call raises.

    Attributes:
        code: the contract's stable machine word (``code_unknown``, ...).
        status: the HTTP status that goes with it on the wire.
        detail: free text for logs; never shown to a person, never contains a secret.
        retry_after: seconds to wait, for 429/503 answers that carried ``Retry-After``.
    """

    code: ClassVar[str] = "backend_error"
    status: ClassVar[int] = 500
    title: ClassVar[str] = "Backend error"

    def __init__(self, detail: str = "", *, retry_after: float | None = None) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.retry_after = retry_after

    def problem(self) -> Problem:
        """This error as the problem document the server sends."""
        return Problem(
            type=f"https://locker-kiosk.example/problems/{self.code}",
            title=self.title,
            status=self.status,
            code=self.code,
            detail=self.detail,
        )


class UnexpectedError(BackendError):
    """A well-formed problem answer with a ``code`` this kiosk version does not know."""

    def __init__(self, code: str, status: int, detail: str = "") -> None:
        super().__init__(detail)
        self.code = code  # type: ignore[misc]  # instance value shadows the ClassVar on purpose
        self.status = status  # type: ignore[misc]


class BadRequest(BackendError):
    """The request body did not parse or had a field of the wrong type."""

    code = "bad_request"
    status = 400
    title = "Bad request"


class Unauthorized(BackendError):
    """No, a wrong, or another locker's bearer token."""

    code = "unauthorized"
    status = 401
    title = "Unauthorized"


class BadCredentials(BackendError):
    """Courier id + PIN or badge not accepted."""

    code = "bad_credentials"
    status = 401
    title = "Bad credentials"


class SessionExpired(BackendError):
    """The courier session is unknown or over."""

    code = "session_expired"
    status = 401
    title = "Courier session expired"


class NotFound(BackendError):
    """No such route (a wrong ``base_url`` usually ends here)."""

    code = "not_found"
    status = 404
    title = "Not found"


class UnknownLocker(Unauthorized):
    """The locker id is not known to the store.

    On the wire it is the same 401 ``unauthorized`` as another locker's id, so that
    locker ids cannot be enumerated; the class only tells an embedded caller why.
    """


class CodeUnknown(BackendError):
    """The code was checked (one guess spent) and matches nothing."""

    code = "code_unknown"
    status = 404
    title = "Code unknown"


class UnknownParcel(BackendError):
    """The barcode is not a parcel announced for this locker."""

    code = "unknown_parcel"
    status = 404
    title = "Unknown parcel"


class UnknownCompartment(BackendError):
    """The compartment id is not one of this locker's."""

    code = "unknown_compartment"
    status = 404
    title = "Unknown compartment"


class UnknownCommand(BackendError):
    """The command id is not one of this locker's."""

    code = "unknown_command"
    status = 404
    title = "Unknown command"


class MethodNotAllowed(BackendError):
    """The route exists but not with this method."""

    code = "method_not_allowed"
    status = 405
    title = "Method not allowed"


class AlreadyCollected(BackendError):
    """The parcel of this code was already taken out."""

    code = "already_collected"
    status = 409
    title = "Already collected"


class CodeExpired(BackendError):
    """The code's rent or send is past its time."""

    code = "expired"
    status = 409
    title = "Code expired"


class AlreadyUsed(BackendError):
    """The drop-off code was already used for a parcel."""

    code = "already_used"
    status = 409
    title = "Code already used"


class CompartmentTaken(BackendError):
    """Another rent holds the compartment."""

    code = "compartment_taken"
    status = 409
    title = "Compartment taken"


class AlreadyDelivered(BackendError):
    """The parcel already has a rent."""

    code = "already_delivered"
    status = 409
    title = "Already delivered"


class RentConflict(BackendError):
    """The rent id exists with other content (a kiosk-made UUID used twice)."""

    code = "rent_conflict"
    status = 409
    title = "Rent id used for another rent"


class PayloadTooLarge(BackendError):
    """The request body exceeds the server's limit."""

    code = "payload_too_large"
    status = 413
    title = "Payload too large"


class UnsupportedMediaType(BackendError):
    """The request body is not JSON."""

    code = "unsupported_media_type"
    status = 415
    title = "Unsupported media type"


class SizeMismatch(BackendError):
    """The parcel does not fit the compartment."""

    code = "size_mismatch"
    status = 422
    title = "Size mismatch"


class IdempotencyKeyReused(BackendError):
    """The same ``Idempotency-Key`` came with another request body."""

    code = "idempotency_key_reused"
    status = 422
    title = "Idempotency key reused"


class CourierLocked(BackendError):
    """Too many wrong PINs for this courier."""

    code = "courier_locked"
    status = 423
    title = "Courier locked"


class TooManyAttempts(BackendError):
    """Over the locker's guess budget: the code was not checked at all.

    ``retry_after`` is the number of seconds until the next check is allowed (at most
    ``guess_interval_s``). Right and wrong codes are refused alike.
    """

    code = "too_many_attempts"
    status = 429
    title = "Too many attempts"


class ServerError(BackendError):
    """The server failed; the kiosk treats it as unreachable."""

    code = "internal_error"
    status = 500
    title = "Internal server error"


class Unavailable(BackendError):
    """The backend cannot be reached: timeout, refused connection, TLS failure or 5xx."""

    code = "unavailable"
    status = 503
    title = "Backend unavailable"


class InvalidResponse(BackendError):
    """An answer the client cannot trust: not JSON, wrong types, HTML page, truncated body.

    Never turned into a code the person sees as "wrong code", never costs an attempt.
    """

    code = "invalid_response"
    status = 502
    title = "Invalid response from backend"


#: Wire ``code`` -> exception class, for the client's problem parser.
ERRORS_BY_CODE: dict[str, type[BackendError]] = {
    cls.code: cls
    for cls in (
        BadRequest,
        Unauthorized,
        BadCredentials,
        SessionExpired,
        NotFound,
        CodeUnknown,
        UnknownParcel,
        UnknownCompartment,
        UnknownCommand,
        MethodNotAllowed,
        AlreadyCollected,
        CodeExpired,
        AlreadyUsed,
        CompartmentTaken,
        AlreadyDelivered,
        RentConflict,
        PayloadTooLarge,
        UnsupportedMediaType,
        SizeMismatch,
        IdempotencyKeyReused,
        CourierLocked,
        TooManyAttempts,
        ServerError,
        Unavailable,
    )
}


# ------------------------------------------------------------------ the interface


@runtime_checkable
class LockerBackend(Protocol):
    """What the kiosk needs from a backend; ``RestBackend`` and ``EmbeddedBackend`` provide it.

    Every method blocks (network or disk): call it on a worker thread, never on the GUI
    thread. Every method raises only :class:`BackendError` subclasses.
    """

    @property
    def locker_id(self) -> str:
        """The locker this backend speaks for."""
        ...

    def get_locker(self) -> LockerInfo:
        """#1: the locker's layout and settings."""
        ...

    def verify_pickup(self, code: str, phone: str | None = None) -> PickupResult:
        """#2: the rents a pickup code opens."""
        ...

    def verify_send(self, code: str) -> SendInfo:
        """#3: check a drop-off code."""
        ...

    def courier_login(
        self, *, courier_id: str | None = None, pin: str | None = None, badge: str | None = None
    ) -> CourierSession:
        """#4: start a courier session."""
        ...

    def courier_logout(self, session_token: str) -> None:
        """#5: end a courier session (no error if it is already over)."""
        ...

    def courier_tasks(self, session_token: str) -> CourierTasks:
        """#6: what the courier should deliver and collect here."""
        ...

    def reserve_rent(
        self,
        rent_id: str,
        request: RentRequest,
        *,
        session_token: str | None = None,
    ) -> Rent:
        """#7: reserve a compartment for a parcel (repeatable with the same ``rent_id``)."""
        ...

    def send_events(
        self, events: Sequence[Event], *, idempotency_key: str | None = None
    ) -> list[EventResult]:
        """#8: deliver a batch of events, oldest first."""
        ...

    def heartbeat(self, beat: Heartbeat) -> HeartbeatReply:
        """#9: report health; the reply carries the server's clock."""
        ...

    def poll_commands(self, wait_s: float) -> list[Command]:
        """#10: long-poll for pending commands (returns early when one arrives)."""
        ...

    def ack_command(self, command_id: str, result: AckResult, detail: str = "") -> None:
        """#11: acknowledge a command so it stops being sent."""
        ...

    def app_pairing(self) -> AppPairing:
        """#12: a fresh nonce and URL for the phone-app QR code."""
        ...

    def offline_codes(self) -> OfflineCodes:
        """#13: hashes of every code the kiosk may check offline."""
        ...
