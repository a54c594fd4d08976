"""Compartment choice: the smallest free in-service one that fits, accessible ones last."""

from __future__ import annotations

import pytest

from kiosk.domain.compartments import (
    SIZE_ORDER,
    Bank,
    Spec,
    Status,
    fits,
    larger_sizes,
)


def bank() -> Bank:
    return Bank.of(
        [
            Spec("A01", "S"),
            Spec("A02", "S", accessible=True),
            Spec("A03", "M"),
            Spec("A04", "M", accessible=True),
            Spec("A05", "L"),
            Spec("A06", "XL"),
        ]
    )


def test_sizes_are_ordered_and_fit_upwards() -> None:
    assert sorted(SIZE_ORDER, key=SIZE_ORDER.__getitem__) == ["S", "M", "L", "XL"]
    assert fits("S", "XL")
    assert not fits("L", "M")
    assert larger_sizes("M") == ("L", "XL")
    assert larger_sizes("XL") == ()


def test_smallest_free_that_fits_is_chosen() -> None:
    b = bank()
    chosen = b.choose("S")
    assert chosen is not None
    assert chosen.id == "A01"
    chosen = b.choose("M")
    assert chosen is not None
    assert chosen.id == "A03"


def test_accessible_compartments_come_last_of_their_size_unless_asked() -> None:
    b = bank()
    chosen = b.choose("S")
    assert chosen is not None
    assert chosen.id == "A01"  # the ordinary S before the reachable S
    b.set_occupied("A01")
    chosen = b.choose("S")
    assert chosen is not None
    assert chosen.id == "A02"  # then the reachable S, never a larger ordinary door
    b.set_occupied("A02")
    asked = b.choose("S", accessible=True)
    assert asked is not None
    assert asked.id == "A04"  # who asks gets a reachable one, larger if need be


def test_small_parcels_never_fill_the_large_doors() -> None:
    # 30 small parcels in a bank of 10 S (half reachable), 10 M, 10 L: all of them fit,
    # the S first, and the L stay free for the large parcels still to come.
    specs = [Spec(f"S{i}", "S", accessible=i % 2 == 0) for i in range(10)]
    specs += [Spec(f"M{i}", "M") for i in range(10)] + [Spec(f"L{i}", "L") for i in range(10)]
    b = Bank.of(specs)
    placed = []
    for _ in range(20):
        chosen = b.choose("S")
        assert chosen is not None
        b.set_occupied(chosen.id)
        placed.append(chosen.size)
    assert placed == ["S"] * 10 + ["M"] * 10
    assert b.choose("L") is not None


def test_occupied_reserved_and_out_of_service_are_skipped() -> None:
    b = bank()
    b.set_occupied("A03")
    b.reserve("A05")
    b.set_out_of_service("A06")
    assert [s.id for s in b.free()] == ["A01", "A02", "A04"]
    chosen = b.choose("L")
    assert chosen is None
    chosen = b.choose("M")
    assert chosen is not None
    assert chosen.id == "A04"


def test_out_of_service_wins_over_occupied() -> None:
    b = bank()
    b.set_occupied("A01")
    b.set_out_of_service("A01")
    assert b.status("A01") is Status.OUT_OF_SERVICE
    b.set_out_of_service("A01", False)
    assert b.status("A01") is Status.OCCUPIED


def test_exclude_gives_another_one_and_exact_size_stays_in_size() -> None:
    b = bank()
    other = b.choose("S", exclude=["A01", "A02"])
    assert other is not None
    assert other.id == "A03"
    same = b.choose("M", exclude=["A03"], exact_size=True)
    assert same is not None
    assert same.id == "A04"
    assert b.choose("L", exclude=["A05"], exact_size=True) is None


def test_nothing_fits_gives_none() -> None:
    b = Bank.of([Spec("A01", "S")])
    assert b.choose("M") is None


def test_reserve_refuses_a_compartment_that_is_not_free() -> None:
    b = bank()
    b.set_occupied("A01")
    with pytest.raises(ValueError, match="not free"):
        b.reserve("A01")
    b.reserve("A03")
    b.release("A03")
    assert b.status("A03") is Status.FREE


def test_unknown_compartment_and_size_are_errors() -> None:
    b = bank()
    with pytest.raises(KeyError):
        b.status("Z99")
    with pytest.raises(ValueError, match="size"):
        b.choose("XXL")
