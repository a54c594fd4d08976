"""Logs rotate under the state directory and never carry a code, PIN or token."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs import redact, register_secret, setup_logging, start_rotation


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path, "DEBUG")
    assert path is not None
    yield path
    setup_logging(None)


def read(path: Path) -> str:
    for handler in logging.getLogger("kiosk").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_file_is_under_state_dir_and_named_per_subsystem(log_file: Path, tmp_path: Path) -> None:
    logging.getLogger("kiosk.hardware.driver").info("board %d online", 1)
    assert log_file == tmp_path / "log" / "kiosk.log"
    assert "kiosk.hardware.driver: board 1 online" in read(log_file)


@pytest.mark.parametrize(
    "message",
    [
        "Authorization: Bearer s3cr3t-token-value",
        "verify code=839201 failed",
        "login pin: 4711 rejected",
        "payload {'token': 'abcdEFGH'}",
    ],
)
def test_secret_shapes_are_masked(log_file: Path, message: str) -> None:
    logging.getLogger("kiosk.backend").warning(message)
    text = read(log_file)
    assert "<redacted>" in text
    for secret in ("s3cr3t-token-value", "839201", "4711", "abcdEFGH"):
        assert secret not in text


def test_registered_secret_is_masked_even_as_an_argument(log_file: Path) -> None:
    register_secret("K7Q2-PX91")
    logging.getLogger("kiosk.flows.pickup").info("scanned %s from wedge", "K7Q2-PX91")
    text = read(log_file)
    assert "K7Q2-PX91" not in text
    assert "scanned <redacted> from wedge" in text


def test_plain_messages_are_untouched() -> None:
    assert redact("door A07 opened after 120 ms") == "door A07 opened after 120 ms"


def test_unwritable_state_dir_falls_back_to_stderr(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a dir")
    assert setup_logging(blocker, "INFO") is None
    setup_logging(None)


def test_secret_list_is_bounded_and_keeps_the_newest() -> None:
    from kiosk import logs

    for n in range(logs.MAX_SECRETS + 50):
        register_secret(f"code-{n:05d}")
    assert len(logs._secrets) == logs.MAX_SECRETS
    newest = f"code-{logs.MAX_SECRETS + 49:05d}"
    assert redact(f"typed {newest}") == "typed <redacted>"
    assert redact("typed code-00000") == "typed code-00000"  # long forgotten


def test_backend_redact_is_keyed_not_a_plain_hash() -> None:
    import hashlib

    from kiosk.backend.api import redact as backend_redact

    shown = backend_redact("482913")
    assert shown == backend_redact("482913")
    assert hashlib.sha256(b"482913").hexdigest()[:8] not in shown


def test_a_plain_file_then_rotation_keeps_every_line(tmp_path: Path) -> None:
    """``locker-kiosk`` opens the file plainly before its first frame, then rotates it."""
    import logging.handlers

    path = setup_logging(tmp_path, "INFO", max_bytes=400, backups=2, rotate=False)
    assert path is not None
    log = logging.getLogger("kiosk.app")
    log.info("before the first frame")
    start_rotation()
    handlers = logging.getLogger("kiosk").handlers
    assert sum(isinstance(h, logging.handlers.RotatingFileHandler) for h in handlers) == 1
    assert sum(type(h) is logging.FileHandler for h in handlers) == 0
    log.info("after the first frame")
    lines = read(path).splitlines()
    assert lines[-2].endswith("before the first frame")
    assert lines[-1].endswith("after the first frame")
    for n in range(20):
        log.info("filler line %d to make the file rotate", n)
    assert (tmp_path / "log" / "kiosk.log.1").exists()
    setup_logging(None)
