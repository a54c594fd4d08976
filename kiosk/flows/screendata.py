"""What flows hand to screens: plain, immutable data, no widgets.

This module is the contract between ``kiosk.flows`` (which decides what to show) and
``kiosk.ui`` (which draws it). Texts in here are already translated by the flow.

The records are frozen ``msgspec.Struct`` classes rather than dataclasses: they behave the
same here, and defining them costs a fraction of a millisecond instead of several (start-up
to the idle screen is measured).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

import msgspec

Tone = Literal["info", "success", "error"]


class ScreenName(StrEnum):
    """Every screen a flow may ask for; the screen host refuses any other name."""

    IDLE = "idle"
    CODE_ENTRY = "code_entry"
    PHONE_ENTRY = "phone_entry"
    CAMERA = "camera"
    BUSY = "busy"
    DOOR = "door"
    MESSAGE = "message"
    OUT_OF_SERVICE = "out_of_service"
    # ---- send / return ----
    RECEIPT = "receipt"
    # ---- end send / return ----
    # --- courier mode (kiosk/flows/courier.py)
    COURIER_HOME = "courier_home"
    COURIER_TASK = "courier_task"
    COURIER_GRID = "courier_grid"
    # ---- admin panel ----
    ADMIN = "admin"
    # ---- end admin panel ----


class Intent(StrEnum):
    """What a person did on a screen: the first argument of every screen's ``intent``.

    Values carried with each (the second argument):
    ``CHOICE`` the :class:`Choice` key; ``CODE_ENTERED`` / ``PHONE_ENTERED`` / ``SCANNED``
    the text; ``SCAN_REJECTED`` / ``CAMERA_UNAVAILABLE`` the reason; ``CELL_TAPPED`` the
    compartment id; ``START_FLOW`` the flow name; ``LANGUAGE`` the language code;
    ``CANCEL``, ``SCAN_INSTEAD`` and ``BACK`` carry None.
    """

    CHOICE = "choice"
    CODE_ENTERED = "code_entered"
    PHONE_ENTERED = "phone_entered"
    SCANNED = "scanned"
    SCAN_REJECTED = "scan_rejected"
    CAMERA_UNAVAILABLE = "camera_unavailable"
    CANCEL = "cancel"
    SCAN_INSTEAD = "scan_instead"
    BACK = "back"
    CELL_TAPPED = "cell_tapped"
    START_FLOW = "start_flow"
    LANGUAGE = "language"


class DemoCode(msgspec.Struct, frozen=True):
    """A pickup code the demo backend seeded, shown so the person can try it."""

    code: str
    compartment: str
    kind: str = "pickup"
    """``pickup``, or ``send`` / ``return`` (then ``compartment`` holds the parcel size)."""


class IdleData(msgspec.Struct, frozen=True):
    """What the idle screen shows besides its fixed buttons."""

    operator_name: str
    languages: tuple[str, ...]
    current_language: str
    demo_codes: tuple[DemoCode, ...] = ()
    demo_courier: tuple[str, ...] = ()
    """The demo courier's login and the barcodes it delivers (``--demo`` only)."""
    # ---- App flow and back-office message ----
    pairing_url: str = ""
    """The app-pairing URL to show as a QR code; empty: no QR (no backend, or the pairing
    call failed or expired: never a stale code)."""
    message: str = ""
    """The back office's banner (``show_message``); empty: none."""
    # ---- end App flow and back-office message ----
    # ---- a screen that helps (issue 16) ----
    locker_id: str = ""
    address: str = ""
    help: str = ""
    """The operator's help line (``LockerSettings.help_text``); empty: not shown."""
    offered: tuple[str, ...] = ("pickup", "send")
    """The shopper flows this locker offers: a tile for each, none for the others."""
    accessible: bool = False
    """Accessible mode is on: larger type, so the demo's codes are fewer."""


class Choice(msgspec.Struct, frozen=True):
    """One answer button: ``key`` is what the flow receives, ``label`` what is shown."""

    key: str
    label: str
    primary: bool = False


class MessageData(msgspec.Struct, frozen=True):
    """A headline, a sentence and up to three answers."""

    headline: str
    body: str = ""
    tone: Tone = "info"
    choices: tuple[Choice, ...] = ()


class CodeEntryData(msgspec.Struct, frozen=True):
    """The keypad screen: what to ask for and which keys to offer."""

    title: str
    hint: str = ""
    max_length: int = 12
    min_length: int = 4
    alphabet: Literal["digits", "alnum"] = "digits"
    error: str = ""
    allow_scan: bool = True
    locked_s: int = 0
    """Seconds the keypad stays locked after too many attempts (0: not locked)."""
    confirm_label: str = ""
    """The confirm key's label ("Open my door", "Log in"); empty: the screen's default."""
    masked: bool = False
    """Show dots instead of the characters typed (a PIN)."""
    length: int = 0
    """How many characters the operator's codes have: the field shows a mark for each
    still to type ("482 ___"); 0: not known (the field shows what is typed)."""
    keep_typed: bool = False
    """Keep what the person already typed (an error said about a scan or a code of the
    wrong shape must not wipe the digits on the keypad); False: start empty."""


class PhoneEntryData(msgspec.Struct, frozen=True):
    """The phone-number screen: the country prefixes to offer and the default."""

    title: str
    prefixes: tuple[str, ...] = ("+48", "+49", "+44", "+33", "+420", "+1")
    default_prefix: str = "+48"
    error: str = ""


class BusyData(msgspec.Struct, frozen=True):
    """A spinner with one sentence, shown while waiting for the backend."""

    text: str


CellState = Literal["plain", "free", "occupied", "open", "out_of_service", "unknown"]


class BankCell(msgspec.Struct, frozen=True):
    """One compartment as drawn in the picture of the locker bank."""

    compartment_id: str
    column: int
    row: int
    height: int = 1
    """Rows it spans (an XL compartment is taller than an S)."""
    state: CellState = "plain"
    """How to draw it on a door grid (the courier's and the admin's); "plain" on a
    shopper's picture, where only the target stands out."""


class DoorData(msgspec.Struct, frozen=True):
    """The "your door is open" screen: where the door is and what to do."""

    compartment_id: str
    headline: str
    body: str
    cells: tuple[BankCell, ...] = ()
    step: str = ""
    """"Parcel 1 of 2" when one code opens several doors; else empty."""
    choices: tuple[Choice, ...] = ()


class CameraData(msgspec.Struct, frozen=True):
    """The camera scan screen: what to hold up, and a way back to the keypad."""

    title: str
    hint: str = ""


# ---- send / return ----
class ReceiptData(msgspec.Struct, frozen=True):
    """The drop-off receipt: the number as a QR code and a barcode, and what it proves.

    ``when``, ``locker`` and ``compartment_id`` are shown as they are (the flow formats
    the date); the screen labels them in the person's language.
    """

    headline: str
    receipt: str
    when: str
    locker: str
    compartment_id: str
    body: str = ""
    choices: tuple[Choice, ...] = ()


# ---- end send / return ----
# ---------------------------------------------------------------- courier mode
class CourierHomeData(msgspec.Struct, frozen=True):
    """The courier's home: who is logged in and what there is to do here.

    The screen's fixed buttons report ``CHOICE`` with "deliver", "collect", "report" and
    "logout".
    """

    name: str
    company: str
    to_deliver: int = 0
    to_collect: int = 0
    note: str = ""
    """One line about what just happened ("Compartment A07 is out of service")."""
    tone: Tone = "info"


class CourierTaskData(msgspec.Struct, frozen=True):
    """One step of a courier run: "Scan the next parcel", "Collect: B01 next".

    ``counter`` is the big figure ("3 / 30"), ``note`` what happened to the last scan
    (with its ``tone``), ``choices`` the answers stacked beside it.
    """

    headline: str
    body: str = ""
    counter: str = ""
    counter_label: str = ""
    note: str = ""
    tone: Tone = "info"
    choices: tuple[Choice, ...] = ()


class CourierGridData(msgspec.Struct, frozen=True):
    """The bank as a door grid to pick a compartment on ("Report a problem").

    A tap on a cell reports ``CELL_TAPPED``; ``selected`` is drawn highlighted and the
    ``choices`` (the kinds of problem) apply to it.
    """

    title: str
    hint: str = ""
    cells: tuple[BankCell, ...] = ()
    selected: str = ""
    choices: tuple[Choice, ...] = ()


# ---- admin panel ----
AdminPage = Literal["doors", "compartment", "diagnostics", "logs", "settings", "open_all"]
DoorReading = Literal["open", "closed", "unknown"]


class AdminCell(msgspec.Struct, frozen=True):
    """One compartment on the admin panel's door grid, with everything a technician checks:
    where it is, its size, the door (open / closed / unknown), the item sensor (occupied /
    empty / unknown: None) and whether it is in service."""

    compartment_id: str
    column: int
    row: int
    height: int = 1
    size: str = ""
    door: DoorReading = "unknown"
    occupied: bool | None = None
    in_service: bool = True


class AdminData(msgspec.Struct, frozen=True):
    """One page of the admin panel (the flow translates every text).

    ``page`` says how the screen lays it out: ``doors`` and ``open_all`` draw ``cells`` as
    the bank; the others list ``lines`` (a compartment's facts and last events,
    diagnostics, log lines, the settings now in force). ``choices`` are the page's
    actions, ``options`` a row of toggles (a log filter, a setting's values: the
    ``primary`` one is chosen), ``status`` one sentence (saved, progress, an error).
    """

    page: AdminPage
    title: str
    cells: tuple[AdminCell, ...] = ()
    selected: str = ""
    lines: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    options: tuple[Choice, ...] = ()
    status: str = ""
    tone: Tone = "info"


# ---- end admin panel ----
