"""Compartments as the kiosk reasons about them: sizes, what is free, which one to open.

Courier delivery, shopper send/return and the admin panel all ask the same questions —
which compartment should this parcel go in, what is out of service, what is the next size
up when a parcel does not fit — so the answers live here once, in plain Python, tested
without Qt, a board or a backend.

The choice rule: the smallest free, in-service compartment the parcel fits in. Accessible
(low, wheelchair-reachable) compartments are kept for the people who need them: of one
size they come after the ordinary ones for everybody else, and they come first (before
smaller ordinary ones) when the parcel or the person asks for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

Size = Literal["S", "M", "L", "XL"]

#: Sizes from the smallest up; a parcel fits its own size and every larger one.
SIZES: tuple[Size, ...] = ("S", "M", "L", "XL")
SIZE_ORDER: dict[str, int] = {size: rank for rank, size in enumerate(SIZES)}


def fits(parcel: str, compartment: str) -> bool:
    """Whether a parcel of size ``parcel`` fits a compartment of size ``compartment``."""
    return SIZE_ORDER[compartment] >= SIZE_ORDER[parcel]


def larger_sizes(size: str) -> tuple[Size, ...]:
    """Every size strictly larger than ``size``, smallest first ("doesn't fit")."""
    return SIZES[SIZE_ORDER[size] + 1 :]


class Status(Enum):
    """What a compartment can be used for right now."""

    FREE = "free"
    OCCUPIED = "occupied"
    RESERVED = "reserved"
    OUT_OF_SERVICE = "out_of_service"


@dataclass(frozen=True)
class Spec:
    """One door of the bank: its size and where it is (column, row from the top)."""

    id: str
    size: Size
    column: int = 0
    row: int = 0
    accessible: bool = False
    sensor: bool = True


@dataclass
class Bank:
    """The compartments of one locker and what each is used for.

    The kiosk keeps one ``Bank`` and updates it as rents, sensor readings and
    out-of-service reports arrive; every flow that places a parcel asks :meth:`choose`.
    """

    specs: dict[str, Spec]
    occupied: set[str] = field(default_factory=set)
    reserved: set[str] = field(default_factory=set)
    out_of_service: set[str] = field(default_factory=set)
    # The rent this kiosk put in each compartment it filled (``deposited``), as far as it
    # knows: a collection for any other rent in that door is stale (collected here, and
    # the door refilled since) and must not open it on a shopper's parcel.
    rents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, specs: Iterable[Spec]) -> Bank:
        """A bank of these compartments, all free and in service."""
        return cls({spec.id: spec for spec in specs})

    def status(self, compartment_id: str) -> Status:
        """The compartment's status (out of service wins over everything else)."""
        if compartment_id not in self.specs:
            raise KeyError(f"no compartment {compartment_id!r}")
        if compartment_id in self.out_of_service:
            return Status.OUT_OF_SERVICE
        if compartment_id in self.occupied:
            return Status.OCCUPIED
        if compartment_id in self.reserved:
            return Status.RESERVED
        return Status.FREE

    def set_out_of_service(self, compartment_id: str, on: bool = True) -> None:
        """Take a compartment out of (``on``) or back into service."""
        self.status(compartment_id)  # raises for an unknown id
        if on:
            self.out_of_service.add(compartment_id)
        else:
            self.out_of_service.discard(compartment_id)

    def set_occupied(
        self, compartment_id: str, on: bool = True, *, rent_id: str | None = None
    ) -> None:
        """A parcel is in it (``on``), or it was emptied; a reservation ends either way.

        ``rent_id`` is the rent of the parcel this kiosk just put in, when it knows it;
        any other change forgets which rent the compartment holds (see :meth:`rent_in`).
        """
        self.status(compartment_id)
        self.reserved.discard(compartment_id)
        self.rents.pop(compartment_id, None)
        if on:
            self.occupied.add(compartment_id)
            if rent_id:
                self.rents[compartment_id] = rent_id
        else:
            self.occupied.discard(compartment_id)

    def rent_in(self, compartment_id: str) -> str | None:
        """The rent this kiosk put in the compartment, or None when it does not know."""
        return self.rents.get(compartment_id)

    def reserve(self, compartment_id: str) -> None:
        """Hold a free compartment for a parcel about to go in."""
        if self.status(compartment_id) is not Status.FREE:
            raise ValueError(f"compartment {compartment_id} is not free")
        self.reserved.add(compartment_id)

    def release(self, compartment_id: str) -> None:
        """Give a reservation back (cancelled, did not fit, door broken)."""
        self.reserved.discard(compartment_id)

    def free(self) -> list[Spec]:
        """Every free, in-service compartment."""
        return [spec for spec in self.specs.values() if self.status(spec.id) is Status.FREE]

    def choose(
        self,
        size: str,
        *,
        accessible: bool = False,
        exclude: Iterable[str] = (),
        exact_size: bool = False,
    ) -> Spec | None:
        """The compartment a parcel of ``size`` should go in, or None when none fits.

        Args:
            size: the parcel's size.
            accessible: the parcel or the person asks for a reachable compartment; those
                are then preferred (still smallest first) instead of kept for last.
            exclude: compartments not to offer (the one that just did not fit or open).
            exact_size: only compartments of exactly ``size`` ("another one of the same
                size" after a door did not open).
        """
        if size not in SIZE_ORDER:
            raise ValueError(f"unknown size {size!r}")
        skip = set(exclude)
        candidates = [
            spec
            for spec in self.free()
            if spec.id not in skip and (spec.size == size if exact_size else fits(size, spec.size))
        ]
        if not candidates:
            return None

        def rank(spec: Spec) -> tuple[int, int, str]:
            # For everybody else: the smallest that fits, and of that size the ordinary
            # ones before the accessible ones (kept for the people who need them) — never
            # a large ordinary door for a small parcel, which would fill a locker with
            # half-empty XLs. For who asks: reachable first, then the smallest.
            reach = 0 if spec.accessible == accessible else 1
            size = SIZE_ORDER[spec.size]
            return (reach, size, spec.id) if accessible else (size, reach, spec.id)

        return min(candidates, key=rank)
