"""The admin panel's log view never shows a code, PIN or token; kiosk mode ignores the keys
that would leave fullscreen; ``locker-kiosk hash-pin`` and the start-up PIN-file check."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app.cli import DEMO_ADMIN_HASH, DEMO_ADMIN_PIN, demo_admin_hint
from kiosk.config import Config
from kiosk.flows.admin_pin import load_pin_hash, verify_pin
from kiosk.logs import register_secret
from kiosk.ui.admin_keys import KeyGuard
from tests.helpers.fakes import FakeDoors, FakeGateway
from tests.helpers.kiosk import make_config, running_kiosk

PIN = "4711"


def test_admin_log_view_holds_no_code_pin_or_token(qtbot: QtBot, tmp_path: Path) -> None:
    from kiosk.flows.admin_pin import hash_pin

    pin_file = tmp_path / "admin-pin"
    pin_file.write_text(hash_pin(PIN, n=16) + "\n")
    config = make_config(tmp_path, admin_pin_file=str(pin_file))
    with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as kiosk:
        logger = logging.getLogger("kiosk.backend.rest")
        old_level = logger.level
        logger.setLevel(logging.DEBUG)
        try:
            # What a careless line could hold: a bearer token, a code=..., a typed code.
            logger.info("sending Authorization: Bearer s3cr3t-t0ken-value")
            logger.info("retrying verify code=483920 for rent r_1")
            register_secret("771234")
            logger.info("pickup 771234 failed")
            # A wrong PIN and then the right one, typed on the keypad.
            with qtbot.waitSignal(kiosk.admin.pin.entered):
                kiosk.machine.start_flow("admin")
            kiosk.admin.handle("code_entered", "9999")
            kiosk.admin.handle("code_entered", PIN)
            qtbot.waitUntil(lambda: kiosk.host.current_name() == "admin")
            kiosk.admin.handle("choice", "page:logs")
            shown = kiosk.admin_screen.text.toPlainText()
            assert "retrying verify" in shown  # the lines are there...
            for secret in ("s3cr3t-t0ken-value", "483920", "771234", PIN, "9999"):
                assert secret not in shown  # ...their secrets are not
            kiosk.admin.handle("choice", "log:kiosk.flows")
            filtered = kiosk.admin_screen.text.toPlainText()
            assert "retrying verify" not in filtered
            assert "wrong admin PIN" in filtered
        finally:
            logger.setLevel(old_level)


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_admin_kiosk_mode_ignores_keys_that_leave(
    qtbot: QtBot, tmp_path: Path, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    config = make_config(tmp_path)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = KeyGuard()
    app.installEventFilter(guard)
    try:
        with running_kiosk(qtbot, config, doors=FakeDoors(), gateway=FakeGateway()) as kiosk:
            kiosk.idle_screen.pickup_button.click()
            qtbot.waitUntil(lambda: kiosk.host.current_name() == "code_entry")
            QTest.keyClick(kiosk.code_entry_screen, key, modifier)
            assert guard.ignored == 1
            # Escape would have cancelled the keypad: it did not.
            assert kiosk.host.current_name() == "code_entry"
            kiosk.window.close()  # a window manager's close request
            assert kiosk.window.isVisible()
            guard.allow_exit()  # the admin panel's restart / stop
    finally:
        app.removeEventFilter(guard)


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run(
        [sys.executable, "-c", "import sys; from kiosk.app import main; sys.exit(main())", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_admin_hash_pin_reads_stdin_and_prints_only_the_hash(tmp_path: Path) -> None:
    result = run_cli("hash-pin", stdin="482916\n")
    assert result.returncode == 0, result.stderr
    last = result.stdout.splitlines()[-1]
    assert "482916" not in result.stdout + result.stderr
    assert last.startswith("scrypt$n=16384,r=8,p=1$")
    assert verify_pin("482916", last)
    assert not verify_pin("482917", last)
    pin_file = tmp_path / "admin-pin"
    pin_file.write_text(last + "\n")
    assert load_pin_hash(pin_file) == last


def test_admin_hash_pin_refuses_a_pin_that_is_not_digits() -> None:
    result = run_cli("hash-pin", stdin="12ab\n")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_admin_a_pin_in_clear_is_refused_at_start_with_one_line(tmp_path: Path) -> None:
    pin_file = tmp_path / "admin-pin"
    pin_file.write_text("1234\n")
    config = tmp_path / "config.toml"
    config.write_text(f'[kiosk]\nadmin_pin_file = "{pin_file}"\n')
    result = run_cli("--config", str(config))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(pin_file) in lines[0]
    assert "hash-pin" in lines[0]
    assert "1234" not in lines[0].replace(str(pin_file), "")


def test_admin_demo_prints_the_gesture_and_pin() -> None:
    hint = demo_admin_hint(Config())
    assert "top-left" in hint
    assert "bottom-left" in hint
    assert DEMO_ADMIN_PIN in hint
    assert verify_pin(DEMO_ADMIN_PIN, DEMO_ADMIN_HASH)


def test_admin_demo_run_prints_the_gesture_and_pin(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path))
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from kiosk.app import main; sys.exit(main())",
            "--demo",
            "--quit-when-idle",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    hints = [line for line in result.stdout.splitlines() if line.startswith("admin panel:")]
    assert hints == [demo_admin_hint(Config())]
