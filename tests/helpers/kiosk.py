"""Build a real :class:`~kiosk.app.kiosk.Kiosk` for tests, torn down cleanly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.backend.embedded import BackendCore
from kiosk.config import BackendConfig, BoardConfig, Config, KioskConfig
from tests.backend.fixtures import LOCKER, TOKEN


def make_config(tmp_path: Path, **kiosk_overrides: object) -> Config:
    """Defaults with state kept under ``tmp_path``."""
    base = Config()
    return msgspec.structs.replace(
        base,
        kiosk=msgspec.structs.replace(base.kiosk, state_dir=str(tmp_path), **kiosk_overrides),
    )


@contextmanager
def running_kiosk(qtbot: QtBot, config: Config, **kwargs: object) -> Iterator[Kiosk]:
    """A started kiosk at its idle screen, window shown (offscreen); shut down afterwards."""
    kiosk = Kiosk(config, **kwargs)  # type: ignore[arg-type]
    kiosk.window.show()
    with qtbot.waitSignal(kiosk.machine.idle_entered):
        kiosk.start()
    try:
        yield kiosk
    finally:
        kiosk.shutdown()


def stored_events(core: BackendCore, locker_id: str) -> list[tuple[str, str]]:
    """(type, compartment) of every event the backend stored for the locker, in arrival order."""
    db = core.store.read()
    rows = [core.store.event(db, eid) for eid in core.store.event_ids(db, locker_id)]
    return [(r["type"], r["compartment_id"]) for r in rows if r is not None]


def rest_config(
    tmp_path: Path,
    url: str,
    *,
    locker: str = LOCKER,
    token: str = TOKEN,
    board: BoardConfig | None = None,
    **backend: object,
) -> Config:
    """A kiosk on a REST backend at ``url`` (a private token file), simulated boards 1-2.

    ``board`` replaces the simulator (a serial port to an outside simulator); ``backend``
    overrides the REST client's settings.
    """
    token_file = tmp_path / "token"
    token_file.write_text(token)
    os.chmod(token_file, 0o600)
    settings: dict[str, object] = {
        "command_poll_s": 0.5,
        "verify_timeout_s": 4,
        "heartbeat_s": 60,
        **backend,
    }
    return Config(
        kiosk=KioskConfig(state_dir=str(tmp_path / "state")),
        board=board or BoardConfig(kind="simulator", boards=[1, 2], door_open_timeout_s=3),
        backend=BackendConfig(
            kind="rest",
            base_url=url,
            locker_id=locker,
            token_file=str(token_file),
            **settings,  # type: ignore[arg-type]
        ),
    )
