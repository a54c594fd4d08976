"""Demo data: one locker ``demo`` with two 16-lock boards, parcels, a send code and a courier.

Used by ``locker-kiosk-server --seed-demo`` (which prints the codes) and by the kiosk's
``--demo`` (which seeds an :class:`~kiosk.backend.embedded.EmbeddedBackend` in-process and
shows the same kind of codes on its idle screen). Codes are random unless a seeded
``random.Random`` is passed: they are stored only as hashes, so this list is the one chance
to see them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kiosk.backend.api import DEFAULT_KDF_ITERATIONS, LockerSettings
from kiosk.backend.embedded import UNAMBIGUOUS, BackendCore, CompartmentSpec, EmbeddedBackend

DEMO_LOCKER_ID = "demo"
DEMO_TOKEN = "demo"
DEMO_COURIER_ID = "courier1"
DEMO_COURIER_PIN = "1234"
DEMO_COURIER_BADGE = "DEMO-BADGE-1"
#: Parcels the demo courier brings (barcode, size): ``--seed-demo`` prints them and
#: ``--demo`` shows them on the idle screen, so a delivery run can be tried by hand.
DEMO_DELIVERIES: tuple[tuple[str, str], ...] = (
    ("JJD000000000008", "S"),
    ("JJD000000000009", "M"),
    ("JJD000000000010", "L"),
    ("JJD000000000011", "S"),
)


@dataclass(frozen=True, slots=True)
class DemoCode:
    """A code seeded for the demo and what it does.

    Attributes:
        code: what to type.
        kind: ``pickup`` (opens ``compartments``), ``expired`` (answers ``expired``),
            ``send`` or ``return`` (a drop-off code for a parcel of ``size``), or
            ``deliver`` (a parcel barcode the demo courier delivers, of ``size``).
        compartments: the compartments a pickup code opens, in order.
        size: parcel size for a send code.
    """

    code: str
    kind: Literal["pickup", "expired", "send", "return", "deliver"]
    compartments: tuple[str, ...] = ()
    size: str = ""

    def line(self) -> str:
        """The line the server prints, e.g. ``pickup code: 123456 (compartment A03)``."""
        where = ", ".join(self.compartments)
        if self.kind == "pickup":
            return f"pickup code: {self.code} (compartment {where})"
        if self.kind == "expired":
            return f"expired pickup code: {self.code} (compartment {where})"
        if self.kind == "deliver":
            return f"deliver: {self.code} (size {self.size})"
        return f"{self.kind} code: {self.code} (size {self.size})"


def demo_layout() -> list[CompartmentSpec]:
    """Two boards of 16 locks: ``A01``..``A16`` on board 1, ``B01``..``B16`` on board 2.

    Each board is two columns of eight; sizes grow towards the floor (rows 0-2 S, 3-4 M,
    5-6 L, 7 XL); rows 2-5 are within reach from a wheelchair; board 2's second column has
    no occupancy sensors, as on older hardware.
    """
    sizes = ["S", "S", "S", "M", "M", "L", "L", "XL"]
    out: list[CompartmentSpec] = []
    for board, prefix in ((1, "A"), (2, "B")):
        for lock in range(1, 17):
            row = (lock - 1) % 8
            column = (board - 1) * 2 + (lock - 1) // 8
            out.append(
                CompartmentSpec(
                    id=f"{prefix}{lock:02d}",
                    board=board,
                    lock=lock,
                    size=sizes[row],
                    column=column,
                    row=row,
                    accessible=2 <= row <= 5,
                    sensor=not (board == 2 and lock > 8),
                )
            )
    return out


def _code(rng: random.Random, used: set[str]) -> str:
    while True:
        code = f"{rng.randrange(10**6):06d}"
        if code not in used:
            used.add(code)
            return code


# ---- send / return (drop-off) codes ------------------------------------------------
#: Drop-off codes have a shape of their own, so a scan on the idle screen can tell them
#: from the 6-digit pickup codes: a letter (``S`` send, ``R`` return) and 7 characters
#: without look-alikes (no 0/O, 1/I). The kiosk routes this shape to the send flow.
DROP_OFF_PATTERN = f"[SR][{UNAMBIGUOUS}]{{7}}"


def _drop_off_code(rng: random.Random, used: set[str], prefix: str) -> str:
    while True:
        code = prefix + "".join(rng.choice(UNAMBIGUOUS) for _ in range(7))
        if code not in used:
            used.add(code)
            return code


# -------------------------------------------------------------------------------------
def seed_demo(
    core: BackendCore,
    *,
    rng: random.Random | None = None,
    kdf_iterations: int = DEFAULT_KDF_ITERATIONS,
) -> list[DemoCode]:
    """Create the demo locker in ``core``'s store and return the codes it seeded.

    Raises:
        ValueError: the store already has a ``demo`` locker (its codes exist only as
            hashes, so they cannot be shown again: use a fresh database file).
    """
    if core.has_locker(DEMO_LOCKER_ID):
        raise ValueError(
            "the database already holds the demo locker; its codes are stored only as "
            "hashes and cannot be shown again: use a new --db file"
        )
    rng = rng or random.SystemRandom()
    used: set[str] = set()
    core.create_locker(
        DEMO_LOCKER_ID,
        token=DEMO_TOKEN,
        name="Demo locker",
        address="1 Example Street, Demo Town",
        timezone="Europe/Warsaw",
        settings=LockerSettings(
            code_length=6,
            code_alphabet="digits",
            guess_burst=10,
            guess_interval_s=30,
            languages=["en", "pl", "de"],
            help_text="Help: +48 000 000 000",
        ),
        compartments=demo_layout(),
        kdf_iterations=kdf_iterations,
    )
    codes: list[DemoCode] = []
    # (compartments, size) per code; one code holds two parcels for one recipient.
    plan: list[tuple[tuple[str, ...], str]] = [
        (("A02",), "S"),
        (("A04",), "M"),
        (("A06", "A07"), "L"),
        (("A12",), "M"),
        (("B08",), "XL"),
    ]
    n = 0
    for compartments, size in plan:
        code = _code(rng, used)
        for comp in compartments:
            n += 1
            parcel_id = f"p_demo{n}"
            core.announce_parcel(
                DEMO_LOCKER_ID,
                parcel_id=parcel_id,
                barcode=f"JJD00000000{n:04d}",
                size=size,
                code=code,
                recipient_hint="+48 *** *** 123",
                phone="+48 600 000 123",
            )
            core.place_parcel(DEMO_LOCKER_ID, parcel_id=parcel_id, compartment_id=comp)
        codes.append(DemoCode(code=code, kind="pickup", compartments=compartments))
    # An expired parcel: typing its code answers "expired"; the courier collects it.
    code = _code(rng, used)
    n += 1
    core.announce_parcel(
        DEMO_LOCKER_ID,
        parcel_id=f"p_demo{n}",
        barcode=f"JJD00000000{n:04d}",
        size="S",
        code=code,
        recipient_hint="+48 *** *** 456",
    )
    core.place_parcel(
        DEMO_LOCKER_ID, parcel_id=f"p_demo{n}", compartment_id="B01", expires_in_s=-3600.0
    )
    codes.append(DemoCode(code=code, kind="expired", compartments=("B01",)))
    # Parcels a courier will bring (scan these barcodes in the courier flow).
    deliveries = []
    for barcode, size in DEMO_DELIVERIES:
        n += 1
        core.announce_parcel(
            DEMO_LOCKER_ID,
            parcel_id=f"p_demo{n}",
            barcode=barcode,
            size=size,
            code=_code(rng, used),
            recipient_hint="+48 *** *** 789",
        )
        deliveries.append(DemoCode(code=barcode, kind="deliver", size=size))
    # ---- send / return: a shopper's drop-offs (the send flow) ----
    send_code = _drop_off_code(rng, used, "S")
    core.add_send(DEMO_LOCKER_ID, code=send_code, size="M")
    codes.append(DemoCode(code=send_code, kind="send", size="M"))
    return_code = _drop_off_code(rng, used, "R")
    core.add_send(DEMO_LOCKER_ID, code=return_code, size="S", kind="return")
    codes.append(DemoCode(code=return_code, kind="return", size="S"))
    # ---- end send / return ----
    core.add_courier(
        DEMO_COURIER_ID,
        name="Demo Courier",
        company="Demo Parcel Co.",
        pin=DEMO_COURIER_PIN,
        badge=DEMO_COURIER_BADGE,
        iterations=kdf_iterations,
    )
    return codes + deliveries


def courier_lines() -> list[str]:
    """How ``--seed-demo`` names the demo courier: its login, then its badge."""
    return [
        f"courier: {DEMO_COURIER_ID} pin: {DEMO_COURIER_PIN}",
        f"badge: {DEMO_COURIER_BADGE}",
    ]


def open_demo_backend(
    db_path: str | Path,
    *,
    rng: random.Random | None = None,
    kdf_iterations: int = DEFAULT_KDF_ITERATIONS,
) -> tuple[EmbeddedBackend, list[DemoCode]]:
    """For ``locker-kiosk --demo``: a fresh demo store at ``db_path`` and its codes.

    The kiosk shows the codes on its idle screen. Pass a new file (e.g. in a temporary
    directory): a file that already holds the demo locker raises ``ValueError``.
    Close the backend with ``backend.close()``.
    """
    core = BackendCore.open(db_path)
    try:
        codes = seed_demo(core, rng=rng, kdf_iterations=kdf_iterations)
    except BaseException:
        core.close()
        raise
    return EmbeddedBackend(core, DEMO_LOCKER_ID), codes
