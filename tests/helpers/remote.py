"""A real kiosk on the pty simulator and a real ``locker-kiosk-server`` on loopback, for
the App flow and back-office command tests; and a reader of the commands' acks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.parts import KioskServices, open_parts
from kiosk.backend.embedded import BackendCore
from tests.helpers.kiosk import rest_config


@contextmanager
def served_kiosk(qtbot: QtBot, tmp_path: Path, url: str) -> Iterator[Kiosk]:
    """A kiosk with simulated boards and a REST backend at ``url``, ready (layout known)."""
    config = rest_config(tmp_path, url, verify_timeout_s=4, heartbeat_s=60)
    services = KioskServices(config, open_parts(config))
    kiosk = Kiosk(config, services=services)
    kiosk.window.show()
    try:
        with qtbot.waitSignal(services.ready, timeout=10000):
            kiosk.start()
        yield kiosk
    finally:
        kiosk.shutdown()


def ack_of(core: BackendCore, command_id: str) -> tuple[str, str] | None:
    """(result, detail) the kiosk acknowledged ``command_id`` with, or None while pending."""
    row = core.store.command(core.store.read(), command_id)
    assert row is not None
    return None if row["acked_at"] is None else (str(row["result"]), str(row["detail"]))


def events_with_actor(core: BackendCore, locker_id: str) -> list[tuple[str, str, str]]:
    """(type, compartment, actor) of every event the backend stored, in arrival order."""
    db = core.store.read()
    rows = [core.store.event(db, eid) for eid in core.store.event_ids(db, locker_id)]
    return [(r["type"], r["compartment_id"], r["actor"]) for r in rows if r is not None]
