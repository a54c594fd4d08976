"""The diagnostics page says what applies to this kiosk (found in a user trial of --demo)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import msgspec

from kiosk.app.admin_ports import diagnostics
from kiosk.config import BackendConfig, BoardConfig
from tests.helpers.kiosk import make_config


def services(simulator_path: str | None) -> Any:
    stats = SimpleNamespace(depth=0, oldest_age_s=0.0, rejected=0)
    simulator = None if simulator_path is None else SimpleNamespace(path=simulator_path)
    return SimpleNamespace(board=None, outbox=SimpleNamespace(stats=stats), simulator=simulator)


def watch() -> Any:
    return SimpleNamespace(
        reachable=None, last_heartbeat=None, offline_codes=0, offline_codes_at=None,
        age=lambda at: "never" if at is None else "1 s ago",
    )  # fmt: skip


def test_admin_diagnostics_of_a_simulated_embedded_kiosk_name_its_pty_and_no_heartbeat(
    tmp_path: Path,
) -> None:
    config = make_config(tmp_path)
    config = msgspec.structs.replace(
        config, board=BoardConfig(kind="simulator", boards=[1]), backend=BackendConfig()
    )
    lines = diagnostics(config, services("/dev/pts/7"), watch())
    assert "serial port: /dev/pts/7 (simulator)" in lines
    assert "backend (embedded): local database, always reachable" in lines
    assert not any(line.startswith(("last heartbeat", "offline codes")) for line in lines)


def test_admin_diagnostics_of_a_rest_kiosk_show_heartbeat_and_offline_codes(
    tmp_path: Path,
) -> None:
    config = make_config(tmp_path)
    config = msgspec.structs.replace(
        config,
        backend=BackendConfig(kind="rest", base_url="https://backend.example/", locker_id="L1"),
    )
    lines = diagnostics(config, services(None), watch())
    assert f"serial port: {config.board.port} (serial)" in lines
    assert "last heartbeat: never" in lines
    assert "offline codes: 0, refreshed never" in lines
