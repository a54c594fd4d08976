"""The operator's commands of ``locker-kiosk-server``: set up lockers, couriers, parcels.

``locker-kiosk-server`` serves the kiosk contract; these subcommands fill the same
database from a shell, so a locker can be brought into service without Python::

    locker-kiosk-server locker add --db FILE --layout LAYOUT.toml ID   (prints a token)
    locker-kiosk-server locker token --db FILE ID                      (a new token)
    locker-kiosk-server courier add --db FILE --name N --company C --pin-stdin ID
    locker-kiosk-server parcel announce --db FILE --barcode B --size S LOCKER
    locker-kiosk-server send add --db FILE --size S [--kind return] LOCKER
    locker-kiosk-server events --db FILE --since 1h LOCKER

A secret the command makes (a kiosk token, a pickup or drop-off code) is printed once,
alone on the last line, and stored only as a hash: it cannot be shown again. A secret the
operator gives (a courier PIN, a badge) is never printed back. ``--json`` prints one JSON
object instead (JSON lines for ``events``). Bad input is one line,
``locker-kiosk-server: <what is wrong>``, and exit status 2.

The SQL written here (the token, a layout's replacement, events since a time) goes
through ``core.store`` with portable statements, as the store's own does.
"""

from __future__ import annotations

import argparse
import getpass
import re
import secrets
import sqlite3
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import NoReturn, TextIO

import msgspec

from kiosk.backend.api import (
    DEFAULT_KDF_ITERATIONS,
    MAX_CODE_LENGTH,
    LockerSettings,
    normalize_code,
)
from kiosk.backend.db import is_postgres
from kiosk.backend.demo import DROP_OFF_PATTERN
from kiosk.backend.embedded import (
    RENT_DAYS_S,
    UNAMBIGUOUS,
    BackendCore,
    CompartmentSpec,
    token_hash,
)
from kiosk.backend.layout import LayoutError, load_layout, summary
from kiosk.domain.compartments import SIZE_ORDER, SIZES

PROG = "locker-kiosk-server"
#: The first word of argv that :func:`main` handles (``command`` is the App flow's).
COMMANDS = ("locker", "courier", "parcel", "send", "events")
#: Rent statuses that hold a parcel or a reservation in a compartment.
ACTIVE_RENTS = ("reserved", "deposited", "expired")
#: What the kiosk's keypad can type for a courier id (digits and capitals, 16 at most).
KEYPAD_ID = re.compile(r"[0-9A-Z]{1,16}")
PIN_PATTERN = re.compile(r"[0-9]{4,12}")


class OperatorError(Exception):
    """Bad input or a refused change; ``str()`` is the one line the operator reads."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``locker-kiosk-server: <what>``, exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{PROG}: {message}\n")
        raise SystemExit(2)


# ====================================================================== operations
def new_token() -> str:
    """A kiosk bearer token: 256 random bits, URL-safe (it goes into a header and a file)."""
    return secrets.token_urlsafe(32)


def create_locker(
    core: BackendCore,
    locker_id: str,
    specs: Sequence[CompartmentSpec],
    *,
    name: str,
    address: str = "",
    timezone: str = "UTC",
    settings: LockerSettings | None = None,
    kdf_iterations: int = DEFAULT_KDF_ITERATIONS,
) -> str:
    """Create a locker with its compartments; returns its (only) token in clear.

    Raises:
        OperatorError: the id is taken.
    """
    if core.has_locker(locker_id):
        raise OperatorError(f"locker {locker_id!r} already exists")
    token = new_token()
    core.create_locker(
        locker_id,
        token=token,
        name=name,
        address=address,
        timezone=timezone,
        settings=settings,
        compartments=specs,
        kdf_iterations=kdf_iterations,
    )
    return token


def rotate_token(core: BackendCore, locker_id: str) -> str:
    """A new token for the locker; the old one stops working at once.

    Stored as :func:`~kiosk.backend.embedded.token_hash`, the form ``authenticate`` checks.
    """
    token = new_token()
    with core.store.transaction() as db:
        cur = db.execute(
            "UPDATE lockers SET token_hash = ? WHERE locker_id = ?",
            (token_hash(token), locker_id),
        )
        if cur.rowcount != 1:
            raise OperatorError(f"no locker {locker_id!r}")
    return token


def stored_layout(core: BackendCore, locker_id: str) -> list[CompartmentSpec]:
    """The locker's compartments as stored, ordered by board and lock."""
    return [
        CompartmentSpec(
            id=str(r["compartment_id"]),
            board=int(r["board"]),
            lock=int(r["lock_no"]),
            size=str(r["size"]),
            column=int(r["col"]),
            row=int(r["row_no"]),
            accessible=bool(r["accessible"]),
            sensor=bool(r["sensor"]),
        )
        for r in core.store.compartments(core.store.read(), locker_id)
    ]


def same_layout(a: Sequence[CompartmentSpec], b: Sequence[CompartmentSpec]) -> bool:
    """Whether two layouts describe the same doors (order does not matter)."""
    return sorted(a, key=lambda s: s.id) == sorted(b, key=lambda s: s.id)


def replace_layout(core: BackendCore, locker_id: str, specs: Sequence[CompartmentSpec]) -> None:
    """Put ``specs`` in place of the locker's compartments, if no rent is active.

    A parcel in a compartment (or a reservation for one) is tied to that compartment's
    id; changing the doors under it could open the wrong one, so it is refused.

    Raises:
        OperatorError: a rent is active at the locker.
    """
    marks = ", ".join("?" for _ in ACTIVE_RENTS)
    with core.store.transaction() as db:
        row = db.execute(
            f"SELECT COUNT(*) AS n FROM rents WHERE locker_id = ? AND status IN ({marks})",
            (locker_id, *ACTIVE_RENTS),
        ).fetchone()
        if int(row["n"]):
            raise OperatorError(
                f"locker {locker_id!r} has {int(row['n'])} parcel(s) or reservation(s) in "
                "its compartments: empty it before changing its layout"
            )
        db.execute("DELETE FROM compartments WHERE locker_id = ?", (locker_id,))
        core.add_compartments(db, locker_id, specs)


@dataclass(frozen=True)
class StoredEvent:
    """An event as the back office lists it (no codes: events never hold one)."""

    event_id: str
    type: str
    at: float
    compartment_id: str | None
    rent_id: str | None
    actor: str
    status: str
    code: str | None
    received_at: float
    detail: object


def events_since(core: BackendCore, locker_id: str, since: float) -> list[StoredEvent]:
    """The locker's events that happened at or after ``since`` (UNIX s), oldest first.

    Filtered on the kiosk's ``at`` (when it happened), not on arrival: an event recorded
    offline and delivered later still shows at its time.
    """
    rows = (
        core.store.read()
        .execute(
            "SELECT event_id, type, at, compartment_id, rent_id, actor, status, code,"
            " received_at, detail FROM events WHERE locker_id = ? AND at >= ?"
            " ORDER BY at, received_at, batch_pos",
            (locker_id, since),
        )
        .fetchall()
    )
    return [
        StoredEvent(
            event_id=str(r["event_id"]),
            type=str(r["type"]),
            at=float(r["at"]),
            compartment_id=r["compartment_id"],
            rent_id=r["rent_id"],
            actor=str(r["actor"]),
            status=str(r["status"]),
            code=r["code"],
            received_at=float(r["received_at"]),
            detail=None if r["detail"] is None else msgspec.json.decode(r["detail"]),
        )
        for r in rows
    ]


def _code_taken(core: BackendCore, locker_id: str, code_hash: str) -> bool:
    row = (
        core.store.read()
        .execute(
            "SELECT COUNT(*) AS n FROM parcels WHERE locker_id = ? AND code_hash = ?",
            (locker_id, code_hash),
        )
        .fetchone()
    )
    return int(row["n"]) > 0


def pickup_code_format(settings: LockerSettings) -> re.Pattern[str]:
    """What the kiosk's keypad accepts as this locker's pickup code (normalised)."""
    chars = "0-9" if settings.code_alphabet == "digits" else "0-9A-Z"
    return re.compile(f"[{chars}]{{{settings.code_length}}}")


def new_pickup_code(settings: LockerSettings) -> str:
    """A random pickup code of the locker's length and alphabet."""
    if settings.code_alphabet == "digits":
        n = settings.code_length
        return f"{secrets.randbelow(10**n):0{n}d}"
    return "".join(secrets.choice(UNAMBIGUOUS) for _ in range(settings.code_length))


def new_drop_off_code(kind: str) -> str:
    """A drop-off code: ``S`` (send) or ``R`` (return) and 7 characters without look-alikes."""
    prefix = "R" if kind == "return" else "S"
    return prefix + "".join(secrets.choice(UNAMBIGUOUS) for _ in range(7))


# ====================================================================== command line
def build_parser() -> argparse.ArgumentParser:
    """``locker-kiosk-server locker|courier|parcel|send|events``."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        required=True,
        help="the database: a SQLite file or a postgresql:// URL",
    )
    common.add_argument("--json", action="store_true", help="print one JSON object")
    parser = _Parser(
        prog=PROG,
        description="Set up lockers, couriers, parcels and drop-off codes in the database "
        "locker-kiosk-server serves (serve it with: locker-kiosk-server --db FILE --port P).",
    )
    groups = parser.add_subparsers(dest="group", required=True, metavar="COMMAND")

    locker = groups.add_parser("locker", help="create a locker, or give it a new token")
    locker_sub = locker.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = locker_sub.add_parser(
        "add",
        parents=[common],
        help="create a locker from a layout file; prints its kiosk token once",
        description="Create a locker and its compartments from a layout file (docs/layout.md). "
        "The kiosk token is printed once, alone on the last line, and stored hashed.",
    )
    add.add_argument("locker_id", metavar="ID", help="the locker's id (the kiosk's locker_id)")
    add.add_argument("--layout", required=True, type=Path, help="layout TOML file")
    add.add_argument("--name", help="shown on the kiosk (default: the id)")
    add.add_argument("--address", default="", help="street address")
    add.add_argument("--timezone", default="UTC", help="IANA time zone, e.g. Europe/Warsaw")
    settings_options(add)
    add.add_argument(
        "--kdf-iterations",
        type=int,
        default=DEFAULT_KDF_ITERATIONS,
        help=argparse.SUPPRESS,  # tests only: a lower PBKDF2 work factor
    )
    token = locker_sub.add_parser(
        "token",
        parents=[common],
        help="a new kiosk token (the old one stops working)",
        description="Make a new bearer token for the locker's kiosk, printed once, alone on "
        "the last line; the old token stops working at once.",
    )
    token.add_argument("locker_id", metavar="ID")

    courier = groups.add_parser("courier", help="register a courier")
    courier_sub = courier.add_subparsers(dest="action", required=True, metavar="ACTION")
    cadd = courier_sub.add_parser(
        "add",
        parents=[common],
        help="register a courier (PIN from standard input)",
        description="Register a courier for every locker in the database. The PIN (4-12 "
        "digits) is read from standard input with --pin-stdin (it stays out of the shell "
        "history), or given with --pin in scripts. Neither PIN nor badge is printed back.",
    )
    cadd.add_argument("courier_id", metavar="ID", help="what the courier types (0-9, A-Z)")
    cadd.add_argument("--name", required=True)
    cadd.add_argument("--company", required=True)
    pin = cadd.add_mutually_exclusive_group(required=True)
    pin.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    pin.add_argument("--pin", help="the PIN (visible in the process list and shell history)")
    cadd.add_argument("--badge", help="the badge's barcode, for login by scanning")
    cadd.add_argument("--kdf-iterations", type=int, default=DEFAULT_KDF_ITERATIONS,
                      help=argparse.SUPPRESS)  # fmt: skip

    parcel = groups.add_parser("parcel", help="announce a parcel a courier will bring")
    parcel_sub = parcel.add_subparsers(dest="action", required=True, metavar="ACTION")
    announce = parcel_sub.add_parser(
        "announce",
        parents=[common],
        help="announce a parcel; prints the recipient's pickup code once",
        description="Announce a parcel for a locker. A courier delivers it by scanning its "
        "barcode at the kiosk; its recipient picks it up with the code printed once, alone "
        "on the last line (made by the server unless --code is given).",
    )
    announce.add_argument("locker_id", metavar="LOCKER")
    announce.add_argument("--barcode", required=True, help="the label the courier scans")
    announce.add_argument("--size", required=True, choices=SIZES)
    announce.add_argument("--code", help="the pickup code (default: a random one)")
    announce.add_argument(
        "--share-code",
        action="store_true",
        help="--code may already belong to another parcel here (one recipient, two parcels)",
    )
    announce.add_argument("--phone", help="the recipient's phone (its last 3 digits are kept)")
    announce.add_argument("--recipient-hint", default="", help="shown to the courier, masked")
    announce.add_argument("--parcel-id", help="the parcel's id (default: a new one)")

    send = groups.add_parser("send", help="issue a drop-off code (send or return)")
    send_sub = send.add_subparsers(dest="action", required=True, metavar="ACTION")
    sadd = send_sub.add_parser(
        "add",
        parents=[common],
        help="issue a drop-off code; prints it once",
        description="Issue a drop-off code a shopper types at the kiosk to put a parcel in. "
        "Printed once, alone on the last line.",
    )
    sadd.add_argument("locker_id", metavar="LOCKER")
    sadd.add_argument("--size", required=True, choices=SIZES)
    sadd.add_argument("--kind", choices=["send", "return"], default="send")
    sadd.add_argument("--code", help="the drop-off code (default: a random one, e.g. S7F3K92QD)")
    sadd.add_argument(
        "--valid-days", type=float, default=RENT_DAYS_S / 86400, help="default %(default)g"
    )

    events = groups.add_parser(
        "events",
        parents=[common],
        help="list a locker's events",
        description="A locker's events since a time, oldest first, one per line (JSON lines "
        "with --json).",
    )
    events.add_argument("locker_id", metavar="LOCKER")
    events.add_argument(
        "--since",
        required=True,
        help="an ISO time (2026-12-01T08:00, local time without an offset) or a duration "
        "ago: 3600, 90s, 30m, 12h, 7d",
    )
    return parser


def settings_options(p: argparse.ArgumentParser) -> None:
    """The locker settings an operator sets at creation (the rest keep their defaults)."""
    p.add_argument("--code-length", type=int, default=6, help="pickup code length, 4-12")
    p.add_argument("--code-alphabet", choices=["digits", "alnum"], default="digits")
    p.add_argument("--languages", help="offered languages, e.g. en,de,pl (default en)")
    p.add_argument("--help-text", default="", help="shown on the kiosk's help screen")
    p.add_argument(
        "--pickup-requires-phone",
        action="store_true",
        help="a pickup needs the last digits of the recipient's phone too",
    )


def settings_from(
    args: argparse.Namespace, default_languages: Sequence[str] = ("en",)
) -> LockerSettings:
    """The :class:`LockerSettings` of ``--code-length`` etc. (:func:`settings_options`).

    Raises:
        OperatorError: a value out of range.
    """
    if not 4 <= args.code_length <= 12:
        raise OperatorError(f"--code-length {args.code_length} is out of range 4..12")
    given = ",".join(default_languages) if args.languages is None else str(args.languages)
    languages = [code.strip() for code in given.split(",") if code.strip()]
    bad = [code for code in languages if not re.fullmatch(r"[a-z]{2}(_[A-Z]{2})?", code)]
    if not languages or bad:
        raise OperatorError(f"--languages {given!r}: give codes like en,de,pl")
    return LockerSettings(
        code_length=args.code_length,
        code_alphabet=args.code_alphabet,
        languages=languages,
        help_text=args.help_text,
        pickup_requires_phone=args.pickup_requires_phone,
    )


def check_timezone(name: str) -> None:
    """Refuse a time zone name the kiosk could not use.

    Raises:
        OperatorError: not an IANA time zone known on this machine.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise OperatorError(f"--timezone {name!r} is not a known time zone") from None


def parse_since(text: str, now: float) -> float:
    """``--since``: an ISO time or a duration ago (``3600``, ``90s``, ``30m``, ``12h``, ``7d``).

    Raises:
        OperatorError: neither.
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if match:
        unit = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]
        return now - float(match.group(1)) * unit
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise OperatorError(
            f"--since {text!r} is neither an ISO time nor a duration like 12h"
        ) from None
    if when.tzinfo is None:
        when = when.astimezone()  # the operator's local time
    return when.timestamp()


def open_core(path: str, *, create: bool = False) -> BackendCore:
    """Open the database (a SQLite file or a ``postgresql://`` URL); a missing file is an
    error unless ``create`` (a typo must not make a new, empty database).

    Raises:
        OperatorError: the file is missing or is not a database this server can open.
    """
    if not create and not is_postgres(path) and not Path(path).is_file():
        raise OperatorError(f"no database {path}")
    try:
        return BackendCore.open(path)
    except (sqlite3.Error, OSError) as exc:
        raise OperatorError(f"cannot open database {path}: {exc}") from None


def _need_locker(core: BackendCore, locker_id: str, db: str) -> LockerSettings:
    row = core.store.locker(core.store.read(), locker_id)
    if row is None:
        raise OperatorError(f"no locker {locker_id!r} in {db}")
    return msgspec.json.decode(str(row["settings"]), type=LockerSettings)


def _read_pin(stdin: TextIO) -> str:
    if stdin.isatty():
        pin = getpass.getpass("Courier PIN (4-12 digits): ")
        if getpass.getpass("Again: ") != pin:
            raise OperatorError("the two PINs differ")
        return pin
    return stdin.readline().strip()


@dataclass
class Output:
    """What a command prints: lines of text, or one JSON object with ``--json``."""

    lines: list[str]
    obj: dict[str, object]


def _locker_add(core: BackendCore, args: argparse.Namespace) -> Output:
    try:
        specs = load_layout(args.layout)
    except LayoutError as err:
        raise OperatorError(str(err)) from None
    settings = settings_from(args)
    check_timezone(args.timezone)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", args.locker_id):
        raise OperatorError(f"locker id {args.locker_id!r}: 1-64 letters, digits, '.', '-' or '_'")
    token = create_locker(
        core,
        args.locker_id,
        specs,
        name=args.name or args.locker_id,
        address=args.address,
        timezone=args.timezone,
        settings=settings,
        kdf_iterations=args.kdf_iterations,
    )
    return Output(
        [
            f"locker {args.locker_id} created: {summary(specs)}",
            "kiosk token (shown once; put it in the kiosk's backend.token_file):",
            token,
        ],
        {
            "locker_id": args.locker_id,
            "compartments": len(specs),
            "boards": sorted({s.board for s in specs}),
            "token": token,
        },
    )


def _locker_token(core: BackendCore, args: argparse.Namespace) -> Output:
    _need_locker(core, args.locker_id, args.db)
    token = rotate_token(core, args.locker_id)
    return Output(
        [
            f"new kiosk token for locker {args.locker_id} (the old one no longer works; "
            "shown once):",
            token,
        ],
        {"locker_id": args.locker_id, "token": token},
    )


def _courier_add(core: BackendCore, args: argparse.Namespace, stdin: TextIO) -> Output:
    cid = args.courier_id
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}", cid):
        raise OperatorError(f"courier id {cid!r}: 1-64 letters, digits, '.', '-' or '_'")
    pin = args.pin if args.pin is not None else _read_pin(stdin)
    if not PIN_PATTERN.fullmatch(pin):
        raise OperatorError("the PIN must be 4-12 digits (the kiosk's keypad)")
    if not args.name.strip() or not args.company.strip():
        raise OperatorError("--name and --company must not be empty")
    db = core.store.read()
    if core.store.courier(db, cid) is not None:
        raise OperatorError(f"courier {cid!r} already exists")
    badge = args.badge
    if badge is not None:
        badge = badge.strip()
        if not badge or len(badge) > MAX_CODE_LENGTH:
            raise OperatorError(f"--badge must be 1-{MAX_CODE_LENGTH} characters")
        if core.store.courier_by_badge(db, token_hash(badge)) is not None:
            raise OperatorError("that badge already belongs to another courier")
    core.add_courier(
        cid,
        name=args.name.strip(),
        company=args.company.strip(),
        pin=pin,
        badge=badge,
        iterations=args.kdf_iterations,
    )
    lines = [f"courier {cid} added ({args.name.strip()}, {args.company.strip()})"]
    if not KEYPAD_ID.fullmatch(cid):
        lines.append(
            f"note: the kiosk's keypad types only 0-9 and A-Z, 16 at most: {cid} can log "
            "in by badge only"
        )
    return Output(lines, {"courier_id": cid, "badge": badge is not None})


def _parcel_announce(core: BackendCore, args: argparse.Namespace) -> Output:
    settings = _need_locker(core, args.locker_id, args.db)
    barcode = args.barcode.strip()
    # What a scanner reads and the courier's keypad can type: printable ASCII, no spaces
    # (the kiosk's scanner layer drops anything else, so such a parcel could never be
    # delivered). The partner API takes the same.
    if not (0 < len(barcode) <= MAX_CODE_LENGTH) or not all("!" <= ch <= "~" for ch in barcode):
        raise OperatorError(
            f"--barcode must be 1-{MAX_CODE_LENGTH} printable ASCII characters without spaces"
        )
    db = core.store.read()
    if core.store.parcel_by_barcode(db, args.locker_id, barcode) is not None:
        raise OperatorError(f"barcode {barcode} is already announced for {args.locker_id}")
    sizes = {str(r["size"]) for r in core.store.compartments(db, args.locker_id)}
    if not any(SIZE_ORDER[s] >= SIZE_ORDER[args.size] for s in sizes):
        raise OperatorError(f"no compartment of {args.locker_id} fits a {args.size} parcel")
    parcel_id = args.parcel_id or "p_" + uuid.uuid4().hex[:12]
    if core.store.parcel(db, parcel_id) is not None:
        raise OperatorError(f"parcel {parcel_id!r} already exists")
    phone = args.phone
    if phone is not None and sum(ch.isdigit() for ch in phone) < 3:
        raise OperatorError("--phone must hold at least 3 digits")
    if settings.pickup_requires_phone and phone is None:
        raise OperatorError(f"locker {args.locker_id} asks for the phone at pickup: give --phone")
    shape = pickup_code_format(settings)
    chars = "digits" if settings.code_alphabet == "digits" else "digits or capital letters"
    what = f"{settings.code_length} {chars}"
    if args.code is not None:
        code = normalize_code(args.code)
        if not shape.fullmatch(code):
            raise OperatorError(f"--code must be {what} (the locker's code format)")
        if not args.share_code and _code_taken(
            core, args.locker_id, core.code_hash(args.locker_id, code)
        ):
            raise OperatorError(
                "--code already belongs to another parcel at this locker: choose another "
                "(or --share-code for the same recipient)"
            )
    else:
        for _ in range(20):
            code = new_pickup_code(settings)
            if not _code_taken(core, args.locker_id, core.code_hash(args.locker_id, code)):
                break
        else:  # pragma: no cover - 20 collisions in a row: the code space is full
            raise OperatorError("no free pickup code left: use a longer --code-length")
    core.announce_parcel(
        args.locker_id,
        parcel_id=parcel_id,
        barcode=barcode,
        size=args.size,
        code=code,
        recipient_hint=args.recipient_hint,
        phone=phone,
    )
    return Output(
        [
            f"parcel {parcel_id} announced for {args.locker_id} (barcode {barcode}, size "
            f"{args.size}); the recipient's pickup code (shown once):",
            code,
        ],
        {
            "parcel_id": parcel_id,
            "locker_id": args.locker_id,
            "barcode": barcode,
            "size": args.size,
            "code": code,
        },
    )


def _send_add(core: BackendCore, args: argparse.Namespace, now: float) -> Output:
    _need_locker(core, args.locker_id, args.db)
    if not 0 < args.valid_days <= 366:
        raise OperatorError(f"--valid-days {args.valid_days:g} is out of range (0, 366]")
    prefix = "R" if args.kind == "return" else "S"
    if args.code is not None:
        code = normalize_code(args.code)
        if not re.fullmatch(DROP_OFF_PATTERN, code) or not code.startswith(prefix):
            raise OperatorError(
                f"--code must be {prefix} and 7 of {UNAMBIGUOUS} (a {args.kind} code's shape)"
            )
        if core.store.sends_by_code(
            core.store.read(), args.locker_id, core.code_hash(args.locker_id, code)
        ):
            raise OperatorError("--code is already a drop-off code at this locker")
    else:
        for _ in range(20):
            code = new_drop_off_code(args.kind)
            code_hash = core.code_hash(args.locker_id, code)
            if not core.store.sends_by_code(core.store.read(), args.locker_id, code_hash):
                break
        else:  # pragma: no cover - 32**7 codes
            raise OperatorError("no free drop-off code left")
    expires_in = args.valid_days * 86400
    send_id = core.add_send(
        args.locker_id, code=code, size=args.size, kind=args.kind, expires_in_s=expires_in
    )
    until = datetime.fromtimestamp(now + expires_in, UTC).isoformat(timespec="seconds")
    return Output(
        [
            f"{args.kind} {send_id} for {args.locker_id} (size {args.size}, valid until "
            f"{until}); the drop-off code (shown once):",
            code,
        ],
        {
            "send_id": send_id,
            "locker_id": args.locker_id,
            "kind": args.kind,
            "size": args.size,
            "expires_at": until,
            "code": code,
        },
    )


def _local(timezone: str) -> tzinfo:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _events(core: BackendCore, args: argparse.Namespace, now: float, out: TextIO) -> int:
    _need_locker(core, args.locker_id, args.db)
    since = parse_since(args.since, now)
    row = core.store.locker(core.store.read(), args.locker_id)
    assert row is not None
    zone = _local(str(row["timezone"]))
    for ev in events_since(core, args.locker_id, since):
        at = datetime.fromtimestamp(ev.at, zone).isoformat(timespec="seconds")
        if args.json:
            obj = {
                "event_id": ev.event_id,
                "type": ev.type,
                "at": at,
                "compartment_id": ev.compartment_id,
                "rent_id": ev.rent_id,
                "actor": ev.actor,
                "status": ev.status,
                "code": ev.code,
                "received_at": datetime.fromtimestamp(ev.received_at, UTC).isoformat(
                    timespec="seconds"
                ),
                "detail": ev.detail,
            }
            out.write(msgspec.json.encode(obj).decode() + "\n")
        else:
            status = ev.status if ev.code is None else f"{ev.status} ({ev.code})"
            rent = f" rent {ev.rent_id}" if ev.rent_id else ""
            out.write(
                f"{at}  {ev.type:<14} {ev.compartment_id or '-':<6} {ev.actor:<12} {status}{rent}\n"
            )
    out.flush()
    return 0


def main(
    argv: Sequence[str],
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: Callable[[], float] = time.time,
) -> int:
    """``locker-kiosk-server locker|courier|parcel|send|events ...``; the exit status.

    Args:
        argv: the arguments after the program name, starting with the command.
        stdin: where ``--pin-stdin`` reads (standard input by default).
        stdout: where results go (standard output by default).
        clock: seconds since the epoch (``--since`` durations, validity shown).
    """
    stdin = stdin or sys.stdin
    out = stdout or sys.stdout
    try:
        args = build_parser().parse_args(list(argv))
    except SystemExit as exc:  # --help (0) or a usage error, already said in one line
        return int(exc.code or 0)
    now = clock()
    try:
        creating = (args.group, getattr(args, "action", "")) == ("locker", "add")
        core = open_core(args.db, create=creating)
    except OperatorError as err:
        sys.stderr.write(f"{PROG}: {err}\n")
        return 2
    try:
        if args.group == "events":
            return _events(core, args, now, out)
        if args.group == "locker":
            result = _locker_add(core, args) if args.action == "add" else _locker_token(core, args)
        elif args.group == "courier":
            result = _courier_add(core, args, stdin)
        elif args.group == "parcel":
            result = _parcel_announce(core, args)
        else:
            result = _send_add(core, args, now)
    except OperatorError as err:
        sys.stderr.write(f"{PROG}: {err}\n")
        return 2
    except sqlite3.Error as err:  # a locked or damaged file, a disk full
        sys.stderr.write(f"{PROG}: database {args.db}: {err}\n")
        return 2
    finally:
        core.close()
    if args.json:
        out.write(msgspec.json.encode(result.obj).decode() + "\n")
    else:
        out.write("\n".join(result.lines) + "\n")
    out.flush()
    return 0
