"""The layout file: the example parses to the demo's layout; every mistake is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.backend.demo import demo_layout
from kiosk.backend.embedded import CompartmentSpec
from kiosk.backend.layout import (
    LOCKS_PER_BOARD,
    MAX_BOARD,
    MAX_LAYOUT_BYTES,
    LayoutError,
    load_layout,
    summary,
    to_toml,
)
from kiosk.hardware import cu16

EXAMPLE = Path(__file__).parents[2] / "packaging" / "layout.example.toml"

GOOD = """
[[compartment]]
id = "A1"
board = 1
lock = 1
size = "S"
column = 0
row = 0
accessible = true

[[compartment]]
id = "A2"
board = 1
lock = 2
size = "XL"
column = 0
row = 1
sensor = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "layout.toml"
    path.write_text(text)
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(LayoutError) as info:
        load_layout(path)
    assert all(p.startswith(f"{path}: ") for p in info.value.problems)
    return [p.removeprefix(f"{path}: ") for p in info.value.problems]


def door(**keys: object) -> str:
    """One [[compartment]] table; ``None`` drops a key."""
    base: dict[str, object] = {
        "id": "A1",
        "board": 1,
        "lock": 1,
        "size": "S",
        "column": 0,
        "row": 0,
    }
    base.update(keys)
    lines = ["[[compartment]]"]
    for key, value in base.items():
        if value is None:
            continue
        if isinstance(value, bool):
            lines.append(f"{key} = {str(value).lower()}")
        elif isinstance(value, str):
            lines.append(f'{key} = "{value}"')
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def test_the_example_layout_is_the_demo_locker() -> None:
    assert load_layout(EXAMPLE) == demo_layout()


def test_the_board_bounds_are_the_cu16s() -> None:
    assert cu16.Cu16Protocol().max_board == MAX_BOARD
    assert cu16.Cu16Protocol().locks_per_board == LOCKS_PER_BOARD


def test_a_good_layout_with_defaults_for_the_optional_keys(tmp_path: Path) -> None:
    assert load_layout(write(tmp_path, GOOD)) == [
        CompartmentSpec("A1", 1, 1, "S", 0, 0, accessible=True, sensor=True),
        CompartmentSpec("A2", 1, 2, "XL", 0, 1, accessible=False, sensor=False),
    ]


def test_to_toml_round_trips(tmp_path: Path) -> None:
    assert load_layout(write(tmp_path, to_toml(demo_layout()))) == demo_layout()


def test_summary_counts_sizes_boards_and_extras() -> None:
    assert summary(demo_layout()) == (
        "32 compartments (S 12, M 8, L 8, XL 4) on boards 1, 2; "
        "16 accessible, 8 without item sensor"
    )
    assert summary(demo_layout()[:1]) == "1 compartment (S 1) on board 1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (door(colour="red"), "compartment #1 (A1): unknown key 'colour'"),
        (door(lock=None), "compartment #1 (A1): missing key 'lock'"),
        (door(size="XXL"), "compartment #1 (A1): size 'XXL' is not one of S, M, L, XL"),
        (door(row=-1), "compartment #1 (A1): row -1 is out of range 0..99"),
        (door(column=-2), "compartment #1 (A1): column -2 is out of range 0..99"),
        (door(lock=0), "compartment #1 (A1): lock 0 is out of range 1..16"),
        (door(lock=17), "compartment #1 (A1): lock 17 is out of range 1..16"),
        (door(board=16), "compartment #1 (A1): board 16 is out of range 0..15"),
        (door(board=True), "compartment #1 (A1): board must be a whole number, not True"),
        (door(lock="3"), "compartment #1 (A1): lock must be a whole number, not '3'"),
        (door(sensor="no"), "compartment #1 (A1): sensor must be true or false, not 'no'"),
        (door(accessible=1), "compartment #1 (A1): accessible must be true or false, not 1"),
        (
            door(id="A 1"),
            "compartment #1 (A 1): id 'A 1' must be 1-16 letters, digits, '-' or '_', "
            "starting with a letter or digit",
        ),
        (door(id=None), "compartment #1: missing key 'id'"),
        ("", "no [[compartment]] tables"),
        ("compartment = 3\n", "compartment must be an array of tables ([[compartment]])"),
    ],
)
def test_each_mistake_is_named_with_file_and_compartment(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert problems(tmp_path, text) == [expected]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    assert problems(tmp_path, "name = 'x'\n" + door()) == [
        "unknown key 'name' (a layout holds only [[compartment]] tables)"
    ]


def test_duplicates_between_compartments(tmp_path: Path) -> None:
    text = (
        door()
        + door(id="A1", lock=2, row=1)  # same id
        + door(id="A3", lock=1, row=2)  # same board and lock as A1
        + door(id="A4", lock=4, row=0)  # same grid cell as A1
        + door(id="B1", board=2, lock=1, column=1)  # fine: another board
    )
    assert problems(tmp_path, text) == [
        "compartment #2 (A1): id 'A1' already used by compartment #1",
        "compartment #3 (A3): board 1 lock 1 already opens compartment A1",
        "compartment #4 (A4): column 0 row 0 is already compartment A1",
    ]


def test_every_problem_of_a_file_is_reported_and_str_is_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, door(size="XXL", colour=1) + door(id="A2", lock=99, row=1))
    with pytest.raises(LayoutError) as info:
        load_layout(path)
    assert len(info.value.problems) == 3
    assert str(info.value) == (f"{path}: compartment #1 (A1): unknown key 'colour' (and 2 more)")


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match="file does not exist"):
        load_layout(tmp_path / "absent.toml")
    with pytest.raises(LayoutError, match="is a directory"):
        load_layout(tmp_path)
    assert problems(tmp_path, "[[compartment]\n")[0].startswith("not valid TOML: ")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'# caf\xe9\n[[compartment]]\nid = "A1"\n')
    with pytest.raises(LayoutError, match="not UTF-8"):
        load_layout(bad)
    assert problems(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n") == [
        "not valid TOML: values nested too deeply"
    ]


def test_a_file_too_large_is_refused_before_parsing(tmp_path: Path) -> None:
    text = door() + "#" * MAX_LAYOUT_BYTES
    assert problems(tmp_path, text) == [f"larger than {MAX_LAYOUT_BYTES // 1024} KiB"]
