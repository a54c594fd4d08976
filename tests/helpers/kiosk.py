"""Build a real :class:`~kiosk.app.kiosk.Kiosk` for tests, torn down cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import msgspec
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.backend.embedded import BackendCore
from kiosk.config import Config


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
