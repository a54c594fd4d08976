"""The on-site settings file (``<state_dir>/site.toml``): validated, written atomically
(write, fsync, rename), the previous version kept, a kill between write and rename leaves
the old file whole, and its values win over the backend's and the config file's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import site_settings
from kiosk.app.settings import effective
from kiosk.backend.api import LockerSettings
from kiosk.config import Config
from kiosk.flows.screendata import AdminData
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk

KILL_BETWEEN_WRITE_AND_RENAME = """
import os, sys
from pathlib import Path
from kiosk.app import site_settings
site_settings.write(
    Path(sys.argv[1]),
    {"default_language": "pl", "inactivity_timeout_s": 30},
    before_rename=lambda: os.kill(os.getpid(), 9),
)
"""


def test_admin_site_settings_survive_a_kill_between_write_and_rename(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    site_settings.write(path, {"default_language": "de", "inactivity_timeout_s": 90})
    result = subprocess.run(
        [sys.executable, "-c", KILL_BETWEEN_WRITE_AND_RENAME, str(path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == -9  # killed, as planned, after the new file was synced
    assert (tmp_path / "site.toml.tmp").exists()  # the new one, never renamed
    # The old file is whole and valid; the leftover temporary file is ignored.
    loaded = site_settings.load(path)
    assert loaded.as_dict() == {"default_language": "de", "inactivity_timeout_s": 90}
    # The next save works over the leftover.
    site_settings.write(path, {"default_language": "pl"})
    assert site_settings.load(path).as_dict() == {"default_language": "pl"}
    prev = site_settings.load(tmp_path / "site.toml.prev")
    assert prev.as_dict() == {"default_language": "de", "inactivity_timeout_s": 90}


@pytest.mark.parametrize(
    ("values", "needle"),
    [
        ({"inactivity_timeout_s": 1}, "inactivity_timeout_s"),
        ({"board_kind": "usb"}, "board_kind"),
        ({"default_language": "klingon"}, "default_language"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_admin_site_settings_are_validated_before_anything_is_written(
    tmp_path: Path, values: dict[str, object], needle: str
) -> None:
    path = tmp_path / "site.toml"
    with pytest.raises(site_settings.SiteSettingsError, match=needle):
        site_settings.write(path, values)
    assert not path.exists()


def test_admin_a_damaged_site_file_falls_back_to_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    site_settings.write(path, {"default_language": "de"})
    site_settings.write(path, {"default_language": "pl"})
    path.write_text("default_language = [")  # damaged by hand
    assert site_settings.load_or_previous(path).as_dict() == {"default_language": "de"}


def test_admin_site_values_win_over_backend_and_config(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    backend = LockerSettings(idle_timeout_s=45, languages=["en", "de", "pl"])
    values = effective(
        config, backend, ["en", "de", "pl"], site={"inactivity_timeout_s": 30.0,
                                                  "default_language": "pl"}
    )  # fmt: skip
    assert values.inactivity_timeout_s == 30.0
    assert values.default_language == "pl"


def test_admin_site_board_kind_applies_at_start(tmp_path: Path) -> None:
    config = Config()
    assert config.board.kind == "serial"
    bench = site_settings.apply_board_kind(
        config, site_settings.validate({"board_kind": "simulator"})
    )
    assert bench.board.kind == "simulator"


def test_admin_settings_page_saves_to_site_toml(qtbot: QtBot, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as kiosk:
        flow = kiosk.admin
        flow.ports.pin_hash = lambda: None
        with qtbot.waitSignal(flow.pin.entered):
            kiosk.machine.start_flow("admin")
        flow._logged_in.emit()  # the PIN is tested elsewhere
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
        flow.handle("choice", "page:settings")
        flow.handle("choice", "lang:de")
        flow.handle("choice", "idle:90")
        flow.handle("choice", "board:simulator")
        kiosk.admin_screen.button("save").click()
        qtbot.waitUntil(lambda: kiosk.admin_screen.data.status == "Saved.")
        data = kiosk.admin_screen.data
        assert isinstance(data, AdminData)
        saved = site_settings.load(tmp_path / "site.toml").as_dict()
        assert saved == {
            "default_language": "de",
            "inactivity_timeout_s": 90,
            "board_kind": "simulator",
        }
        assert kiosk.config.board.kind == "serial"  # the config is never rewritten
        events = [e for e in kiosk.admin.gateway.recorded if e.actor == "admin"]  # type: ignore[attr-defined]
        assert events[-1].detail["action"] == "settings"


def test_admin_settings_page_says_a_bad_value_and_writes_nothing(
    qtbot: QtBot, tmp_path: Path
) -> None:
    config = make_config(tmp_path)
    with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as kiosk:
        flow = kiosk.admin
        with qtbot.waitSignal(flow.pin.entered):
            kiosk.machine.start_flow("admin")
        flow._logged_in.emit()
        qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
        flow.handle("choice", "page:settings")
        flow.handle("choice", "idle:2")  # not one the page offers: a bad value all the same
        kiosk.admin_screen.button("save").click()
        assert kiosk.admin_screen.data.tone == "error"
        assert "inactivity_timeout_s" in kiosk.admin_screen.data.status
        assert not (tmp_path / "site.toml").exists()


def test_admin_out_of_service_list_round_trips_through_site_toml(tmp_path: Path) -> None:
    path = tmp_path / "site.toml"
    site_settings.write(path, {"out_of_service": ["A03", "B12"], "default_language": "pl"})
    assert site_settings.load(path).as_dict() == {
        "default_language": "pl",
        "out_of_service": ["A03", "B12"],
    }
