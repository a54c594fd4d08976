"""``locker-kiosk --check-layout FILE`` and ``locker-kiosk --config CFG provision``.

A standalone locker (``backend.kind = "embedded"``) has no central server to tell it its
compartments. Until its database holds the locker named by ``backend.locker_id``, the
kiosk cannot prepare it and stays out of service ("starting up"), trying again every
15 s. ``provision`` writes that locker, from a layout file, into the database the kiosk
opens, offline::

    sudo -u locker-kiosk locker-kiosk --config /etc/locker-kiosk/config.toml \\
        provision --layout /etc/locker-kiosk/layout.toml

Run again with the same layout it changes nothing (exit 0), so a provisioning script may
run it at every install; a different layout is refused (exit 2) unless ``--replace``,
and even then only while no parcel or reservation is in the locker. A kiosk already
running picks the locker up at its next retry.

Parcels, couriers and drop-off codes go into the same database with the operator's
commands, ``locker-kiosk-server parcel announce --db <that file> ...``.

No Qt here: these commands run on a locker with no display, like ``--check-config``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from kiosk.config import Config

# The kiosk.backend modules are imported inside the functions: ``locker-kiosk`` asks
# :func:`wants` at every start, and the idle screen's first frame must not wait for them.

PROG = "locker-kiosk"


def wants(argv: Sequence[str]) -> bool:
    """Whether ``argv`` is one of this module's commands (checked before argparse)."""
    return (
        "--check-layout" in argv
        or any(a.startswith("--check-layout=") for a in argv)
        or (_provision_at(argv) is not None)
    )


def _provision_at(argv: Sequence[str]) -> int | None:
    """Where the ``provision`` word is, when only ``--config CFG`` comes before it."""
    i = 0
    while i < len(argv):
        if argv[i] == "provision":
            return i
        if argv[i] == "--config":
            i += 2
        elif argv[i].startswith("--config="):
            i += 1
        else:
            return None
    return None


def main(argv: Sequence[str]) -> int:
    """Run ``--check-layout`` or ``provision``; the exit status."""
    at = _provision_at(argv)
    if at is not None:
        return provision(list(argv[:at]) + list(argv[at + 1 :]))
    return check_layout(list(argv))


class _Refused(Exception):
    """Bad input or a refused change: one line for the technician, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors, exit 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{PROG}: {message}\n")
        raise SystemExit(2)


def embedded_db(config: Config) -> Path:
    """The embedded backend's database, where the kiosk opens it.

    The same rule as :func:`kiosk.app.parts.embedded_db_path` (a test holds them equal),
    repeated so that provisioning never imports Qt.
    """
    if config.backend.db_path:
        return Path(config.backend.db_path)
    return config.state_path() / "backend.sqlite"


def _load(path: str | None) -> Config:
    from kiosk.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as err:
        raise _Refused(f"config error: {err}") from None


def check_layout(argv: list[str]) -> int:
    """``locker-kiosk --check-layout FILE [--config CFG]``: a summary, or every problem."""
    parser = _Parser(prog=f"{PROG} --check-layout")
    parser.add_argument("--check-layout", required=True, metavar="FILE")
    parser.add_argument("--config", metavar="PATH")
    try:
        args, _ = parser.parse_known_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from kiosk.backend.layout import LayoutError, load_layout, summary

    try:
        specs = load_layout(args.check_layout)
    except LayoutError as err:
        for problem in err.problems:
            sys.stderr.write(f"{PROG}: {problem}\n")
        return 2
    sys.stdout.write(f"{args.check_layout}: {summary(specs)}\n")
    if args.config:
        try:
            config = _load(args.config)
        except _Refused as err:
            sys.stderr.write(f"{PROG}: {err}\n")
            return 2
        for note in _board_notes(config, {s.board for s in specs}):
            sys.stderr.write(f"{PROG}: note: {note}\n")
    return 0


def _board_notes(config: Config, boards: set[int]) -> list[str]:
    missing = sorted(boards - set(config.board.boards))
    if not missing:
        return []
    listed = ", ".join(str(b) for b in sorted(config.board.boards))
    return [
        f"the layout uses board(s) {', '.join(map(str, missing))}, which the config's "
        f"board.boards ({listed}) does not list"
    ]


def _provision_parser() -> argparse.ArgumentParser:
    from kiosk.backend.api import DEFAULT_KDF_ITERATIONS
    from kiosk.backend.operator_cli import settings_options

    parser = _Parser(
        prog=f"{PROG} --config CFG provision",
        description="Create this kiosk's locker (backend.locker_id) in its embedded "
        "database from a layout file, offline. Idempotent for the same layout.",
    )
    parser.add_argument("--config", metavar="PATH", help="the kiosk's config file")
    parser.add_argument("--layout", required=True, type=Path, help="layout TOML file")
    parser.add_argument(
        "--locker-id", help="the locker id to expect (must be the config's backend.locker_id)"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace a different layout already provisioned (only with the locker empty)",
    )
    parser.add_argument("--name", help="shown on the kiosk (default: the operator name)")
    parser.add_argument("--address", default="")
    parser.add_argument("--timezone", default="UTC", help="IANA time zone, e.g. Europe/Warsaw")
    settings_options(parser)
    parser.add_argument(
        "--kdf-iterations", type=int, default=DEFAULT_KDF_ITERATIONS, help=argparse.SUPPRESS
    )
    return parser


def provision(argv: list[str]) -> int:
    """``locker-kiosk --config CFG provision --layout FILE``; the exit status."""
    try:
        args = _provision_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from kiosk.backend.operator_cli import OperatorError

    try:
        lines = _provision(args)
    except (OperatorError, _Refused) as err:
        sys.stderr.write(f"{PROG}: {err}\n")
        return 2
    for line in lines:
        sys.stdout.write(line + "\n")
    return 0


def _provision(args: argparse.Namespace) -> list[str]:
    from kiosk.backend.layout import LayoutError, load_layout, summary
    from kiosk.backend.operator_cli import (
        OperatorError,
        check_timezone,
        create_locker,
        open_core,
        replace_layout,
        same_layout,
        settings_from,
        stored_layout,
    )

    if not args.config:
        raise OperatorError(
            "provision needs --config: the kiosk's config names the locker and its database"
        )
    config = _load(args.config)
    backend = config.backend
    if backend.kind != "embedded":
        raise OperatorError(
            f"backend.kind is {backend.kind!r}: the central server holds this locker "
            "(there: locker-kiosk-server locker add --layout FILE ID)"
        )
    locker_id = backend.locker_id
    if args.locker_id is not None and args.locker_id != locker_id:
        raise OperatorError(
            f"--locker-id {args.locker_id!r} is not the config's backend.locker_id "
            f"{locker_id!r}: the kiosk would not use it"
        )
    try:
        specs = load_layout(args.layout)
    except LayoutError as err:
        raise OperatorError(str(err)) from None
    settings = settings_from(args, config.kiosk.languages)
    check_timezone(args.timezone)
    db_path = embedded_db(config)
    _check_owner(db_path.parent)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OperatorError(f"cannot create {db_path.parent}: {err.strerror or err}") from None
    core = open_core(str(db_path), create=True)
    try:
        if core.has_locker(locker_id):
            stored = stored_layout(core, locker_id)
            if same_layout(stored, specs):
                lines = [f"locker {locker_id} is already provisioned with this layout in {db_path}"]
            elif not args.replace:
                raise OperatorError(
                    f"locker {locker_id} in {db_path} has another layout ({summary(stored)}): "
                    "give --replace to change it"
                )
            else:
                replace_layout(core, locker_id, specs)
                lines = [
                    f"locker {locker_id}: layout replaced in {db_path}: {summary(specs)}",
                    # The embedded kiosk reads its layout once, when it prepares the locker.
                    "note: a running kiosk keeps the old layout until it restarts "
                    "(systemctl restart locker-kiosk)",
                ]
        else:
            # The token of an embedded locker is never used (there is no HTTP between the
            # kiosk and its own database); it is made, hashed and forgotten.
            create_locker(
                core,
                locker_id,
                specs,
                name=args.name or config.kiosk.operator_name,
                address=args.address,
                timezone=args.timezone,
                settings=settings,
                kdf_iterations=args.kdf_iterations,
            )
            lines = [f"locker {locker_id} provisioned in {db_path}: {summary(specs)}"]
    finally:
        core.close()
    if config.board.kind == "simulator":
        lines += [f"note: {n}" for n in _board_notes(config, {s.board for s in specs})]
    return lines


def _check_owner(directory: Path) -> None:
    """Refuse to make root-owned database files in the kiosk user's state directory.

    ``sudo locker-kiosk ... provision`` would leave ``backend.sqlite`` (and its ``-wal``
    and ``-shm``) owned by root, and the kiosk, running as its own user, could then not
    write a single event.
    """
    if os.geteuid() != 0:
        return
    probe = directory
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        owner = probe.stat().st_uid
    except OSError:
        return
    if owner != 0:
        raise _Refused(
            f"running as root, but {probe} belongs to another user: run it as the kiosk's "
            f"user (sudo -u locker-kiosk {PROG} ...) so the kiosk can write its database"
        )
