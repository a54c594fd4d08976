"""A locker's layout file: one ``[[compartment]]`` table per door, checked before use.

The layout is what ties a compartment id the customer sees to the board and lock that
open its door. A mistake in it opens the wrong door, so nothing here guesses: every
problem is reported, with the file and the compartment it is in
(``layout.toml: compartment #3 (A03): size 'XXL' is not one of S, M, L, XL``), and a file
with any problem is refused as a whole. The format is documented in ``docs/layout.md``;
``packaging/layout.example.toml`` is the demo locker's layout in it.

Used by ``locker-kiosk-server locker add`` (:mod:`kiosk.backend.operator_cli`) and by the
kiosk's ``--check-layout`` and ``provision`` (:mod:`kiosk.app.provision`). No Qt.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kiosk.backend.embedded import CompartmentSpec
from kiosk.config import MAX_NESTING, _nesting_depth
from kiosk.domain.compartments import SIZES

__all__ = [
    "LOCKS_PER_BOARD",
    "MAX_BOARD",
    "LayoutError",
    "load_layout",
    "parse_layout",
    "summary",
    "to_toml",
]

#: The KR-CU16's address space (specs/board-protocol.md): boards 0-15, locks 1-16 each.
#: Kept here rather than imported from ``kiosk.hardware`` (the layers keep backend and
#: hardware apart); ``tests/backend/test_provision_layout.py`` checks they agree.
MAX_BOARD = 15
LOCKS_PER_BOARD = 16
#: A large bank has a few hundred doors (a few tens of KiB of TOML); more is not a layout.
MAX_LAYOUT_BYTES = 512 * 1024
MAX_COMPARTMENTS = 2000
#: Grid positions far beyond any real bank are typos (``row = 110`` for ``row = 1``).
MAX_GRID = 99
#: What a compartment id may be: shown on the door screen and typed in the admin panel.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,15}")

_REQUIRED: tuple[str, ...] = ("id", "board", "lock", "size", "column", "row")
_OPTIONAL: dict[str, bool] = {"accessible": False, "sensor": True}


class LayoutError(ValueError):
    """A layout that cannot be used; ``problems`` holds one line per problem.

    ``str()`` is the first problem, with a count of the others, for a one-line error.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "invalid layout"
        more = len(self.problems) - 1
        super().__init__(f"{first} (and {more} more)" if more > 0 else first)


@dataclass
class _Checker:
    source: str
    problems: list[str]

    def add(self, where: str, what: str) -> None:
        self.problems.append(
            f"{self.source}: {where}: {what}" if where else f"{self.source}: {what}"
        )


def _int(
    check: _Checker, where: str, table: dict[str, object], key: str, low: int, high: int
) -> int | None:
    if key not in table:
        return None  # said once, as a missing key
    value = table[key]
    # TOML booleans are Python ints: ``lock = true`` is a mistake, not lock 1.
    if isinstance(value, bool) or not isinstance(value, int):
        check.add(where, f"{key} must be a whole number, not {value!r}")
        return None
    if not low <= value <= high:
        check.add(where, f"{key} {value} is out of range {low}..{high}")
        return None
    return value


def _compartment(check: _Checker, index: int, table: object) -> CompartmentSpec | None:
    """One ``[[compartment]]`` table; every problem in it is reported, not just the first."""
    where = f"compartment #{index}"
    if not isinstance(table, dict):
        check.add(where, "must be a table ([[compartment]])")
        return None
    raw_id = table.get("id")
    if isinstance(raw_id, str) and raw_id:
        where = f"{where} ({raw_id})"
    before = len(check.problems)
    for key in sorted(set(table) - set(_REQUIRED) - set(_OPTIONAL)):
        check.add(where, f"unknown key {key!r}")
    for key in _REQUIRED:
        if key not in table:
            check.add(where, f"missing key {key!r}")
    cid = table.get("id")
    if cid is not None and (not isinstance(cid, str) or not ID_PATTERN.fullmatch(cid)):
        check.add(
            where,
            f"id {cid!r} must be 1-16 letters, digits, '-' or '_', starting with a letter or digit",
        )
    board = _int(check, where, table, "board", 0, MAX_BOARD)
    lock = _int(check, where, table, "lock", 1, LOCKS_PER_BOARD)
    column = _int(check, where, table, "column", 0, MAX_GRID)
    row = _int(check, where, table, "row", 0, MAX_GRID)
    size = table.get("size")
    if "size" in table and size not in SIZES:
        check.add(where, f"size {size!r} is not one of {', '.join(SIZES)}")
    flags: dict[str, bool] = {}
    for key, default in _OPTIONAL.items():
        value = table.get(key, default)
        if not isinstance(value, bool):
            check.add(where, f"{key} must be true or false, not {value!r}")
        flags[key] = bool(value)
    if len(check.problems) > before:
        return None
    assert board is not None
    assert lock is not None
    assert column is not None
    assert row is not None
    return CompartmentSpec(
        id=str(cid),
        board=board,
        lock=lock,
        size=str(size),
        column=column,
        row=row,
        accessible=flags["accessible"],
        sensor=flags["sensor"],
    )


def parse_layout(data: dict[str, object], source: str = "<layout>") -> list[CompartmentSpec]:
    """Check an already-parsed layout document and return its compartments, in file order.

    Raises:
        LayoutError: every problem found, one line each.
    """
    check = _Checker(source, [])
    for key in sorted(set(data) - {"compartment"}):
        check.add("", f"unknown key {key!r} (a layout holds only [[compartment]] tables)")
    tables = data.get("compartment")
    if tables is None:
        check.add("", "no [[compartment]] tables")
        raise LayoutError(check.problems)
    if not isinstance(tables, list):
        check.add("", "compartment must be an array of tables ([[compartment]])")
        raise LayoutError(check.problems)
    if len(tables) > MAX_COMPARTMENTS:
        check.add("", f"{len(tables)} compartments: more than {MAX_COMPARTMENTS}")
        raise LayoutError(check.problems)
    specs: list[tuple[int, CompartmentSpec]] = []
    for index, table in enumerate(tables, start=1):
        spec = _compartment(check, index, table)
        if spec is not None:
            specs.append((index, spec))
    ids: dict[str, int] = {}
    locks: dict[tuple[int, int], str] = {}
    cells: dict[tuple[int, int], str] = {}
    for index, spec in specs:
        where = f"compartment #{index} ({spec.id})"
        if spec.id in ids:
            check.add(where, f"id {spec.id!r} already used by compartment #{ids[spec.id]}")
        else:
            ids[spec.id] = index
        lock_key = (spec.board, spec.lock)
        if lock_key in locks:
            check.add(
                where,
                f"board {spec.board} lock {spec.lock} already opens compartment {locks[lock_key]}",
            )
        else:
            locks[lock_key] = spec.id
        cell = (spec.column, spec.row)
        if cell in cells:
            check.add(
                where,
                f"column {spec.column} row {spec.row} is already compartment {cells[cell]}",
            )
        else:
            cells[cell] = spec.id
    if check.problems:
        raise LayoutError(check.problems)
    return [spec for _, spec in specs]


def load_layout(path: str | os.PathLike[str]) -> list[CompartmentSpec]:
    """Read and check the layout file at ``path``.

    Raises:
        LayoutError: the file cannot be read, is not TOML, or holds a bad layout.
    """
    import tomllib

    source = os.fspath(path)
    try:
        with open(source, "rb") as fh:
            raw = fh.read(MAX_LAYOUT_BYTES + 1)
        if len(raw) > MAX_LAYOUT_BYTES:
            raise LayoutError([f"{source}: larger than {MAX_LAYOUT_BYTES // 1024} KiB"])
        text = raw.decode("utf-8")
        if _nesting_depth(text) > MAX_NESTING:
            # Refused before tomllib recurses into it (see kiosk.config.load_config).
            raise LayoutError([f"{source}: not valid TOML: values nested too deeply"])
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise LayoutError([f"{source}: file does not exist"]) from None
    except IsADirectoryError:
        raise LayoutError([f"{source}: is a directory, not a layout file"]) from None
    except PermissionError:
        raise LayoutError([f"{source}: permission denied"]) from None
    except OSError as err:
        raise LayoutError([f"{source}: cannot be read: {err.strerror or err}"]) from None
    except UnicodeDecodeError:
        raise LayoutError([f"{source}: not valid TOML: the file is not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as err:
        raise LayoutError([f"{source}: not valid TOML: {err}"]) from None
    return parse_layout(data, source)


def summary(specs: Iterable[CompartmentSpec]) -> str:
    """One line about a layout: ``32 compartments (S 12, M 8, L 8, XL 4) on boards 1, 2``."""
    specs = list(specs)
    sizes = Counter(s.size for s in specs)
    per_size = ", ".join(f"{size} {sizes[size]}" for size in SIZES if sizes[size])
    boards = ", ".join(str(b) for b in sorted({s.board for s in specs}))
    extras = []
    accessible = sum(s.accessible for s in specs)
    if accessible:
        extras.append(f"{accessible} accessible")
    unsensed = sum(not s.sensor for s in specs)
    if unsensed:
        extras.append(f"{unsensed} without item sensor")
    tail = f"; {', '.join(extras)}" if extras else ""
    noun = "compartment" if len(specs) == 1 else "compartments"
    plural = "board" if boards.count(",") == 0 else "boards"
    return f"{len(specs)} {noun} ({per_size}) on {plural} {boards}{tail}"


def to_toml(specs: Iterable[CompartmentSpec]) -> str:
    """``specs`` as a layout file (optional keys written only when not the default)."""
    out: list[str] = []
    for s in specs:
        out.append("[[compartment]]")
        out.append(f'id = "{s.id}"')
        out.append(f"board = {s.board}")
        out.append(f"lock = {s.lock}")
        out.append(f'size = "{s.size}"')
        out.append(f"column = {s.column}")
        out.append(f"row = {s.row}")
        if s.accessible:
            out.append("accessible = true")
        if not s.sensor:
            out.append("sensor = false")
        out.append("")
    return "\n".join(out)
