"""One precedence for every setting: on site over the backend over the config file."""

from __future__ import annotations

from pathlib import Path

import msgspec
from pytestqt.qtbot import QtBot

from kiosk.app.kiosk import Kiosk
from kiosk.app.settings import effective
from kiosk.backend.api import LockerSettings
from kiosk.config import Config
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk

SHIPPED = ("en", "de", "pl")


def config(**kiosk: object) -> Config:
    base = Config()
    return msgspec.structs.replace(base, kiosk=msgspec.structs.replace(base.kiosk, **kiosk))


def test_settings_config_file_alone() -> None:
    values = effective(config(inactivity_timeout_s=45.0), None, SHIPPED)
    assert values.inactivity_timeout_s == 45.0
    assert values.heartbeat_s == Config().backend.heartbeat_s
    assert values.door_open_timeout_s == Config().board.door_open_timeout_s
    assert values.languages == ("en", "de", "pl")


def test_settings_backend_over_config_file() -> None:
    backend = LockerSettings(
        idle_timeout_s=90, heartbeat_s=120, door_open_timeout_s=7, languages=["pl", "en"]
    )
    values = effective(config(inactivity_timeout_s=45.0), backend, SHIPPED)
    assert values.inactivity_timeout_s == 90.0
    assert values.heartbeat_s == 120.0
    assert values.door_open_timeout_s == 7.0
    assert values.languages == ("pl", "en")


def test_settings_on_site_over_backend() -> None:
    backend = LockerSettings(idle_timeout_s=90, languages=["en", "de"])
    values = effective(
        config(), backend, SHIPPED, site={"inactivity_timeout_s": 30, "default_language": "de"}
    )
    assert values.inactivity_timeout_s == 30.0
    assert values.default_language == "de"


def test_settings_languages_are_the_backends_that_are_shipped() -> None:
    backend = LockerSettings(languages=["fr", "pl", "xx"])
    values = effective(config(), backend, SHIPPED)
    assert values.languages == ("pl",)
    assert values.default_language == "pl"  # the configured "en" is not offered


def test_settings_backend_naming_no_shipped_language_keeps_the_config_files() -> None:
    backend = LockerSettings(languages=["fr"])
    values = effective(config(), backend, SHIPPED)
    assert values.languages == ("en", "de", "pl")


def test_settings_on_site_nonsense_falls_through() -> None:
    values = effective(
        config(), LockerSettings(idle_timeout_s=90), SHIPPED, site={"inactivity_timeout_s": "soon"}
    )
    assert values.inactivity_timeout_s == 90.0


def test_settings_the_backends_take_effect_in_the_kiosk(qtbot: QtBot, tmp_path: Path) -> None:
    config = make_config(tmp_path)
    with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as kiosk:
        assert isinstance(kiosk, Kiosk)
        kiosk._apply_precedence(LockerSettings(idle_timeout_s=77, languages=["pl", "en"]))
        assert kiosk.machine.inactivity.interval() == 77_000
        assert kiosk.languages.languages == ["pl", "en"]
        assert kiosk.idle_data().languages == ("pl", "en")
