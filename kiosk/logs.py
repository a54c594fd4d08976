"""Logging set-up: one named logger per subsystem, a rotating file, nothing secret.

Loggers are named after the layer and part they belong to (``kiosk.hardware.driver``,
``kiosk.flows.pickup``), so a technician can raise one subsystem to DEBUG from the config
without drowning in the rest. Everything goes to stderr (journald on a real locker) and to
a rotating file under the state directory, which the admin panel can show.

Secrets: callers never format a pickup code, PIN or token into a message. As a second line
of defence, :class:`RedactingFilter` masks bearer tokens, ``code=``/``pin=``/``token=``
pairs, and any value registered with :func:`register_secret` (e.g. a code the person just
typed) before a record reaches any handler.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_KEY_VALUE = re.compile(
    r"(?i)\b(bearer\s+|(?:code|pin|token|session_token|password)['\"]?\s*[=:]\s*)(['\"]?)[^\s'\",}]+"
)
#: The most recent secrets, newest last; bounded so a kiosk that runs for months does not
#: slow every log record down. Kept sorted longest-first for :func:`redact`.
MAX_SECRETS = 256
_secrets: dict[str, None] = {}
_secrets_sorted: list[str] = []
_secrets_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Mask ``value`` wherever it would appear in a log message from now on.

    Very short values (under 4 characters) are not registered: masking every "12" in the
    log would make it unreadable and protects nothing.
    """
    global _secrets_sorted
    if len(value) >= 4:
        with _secrets_lock:
            _secrets.pop(value, None)
            _secrets[value] = None
            while len(_secrets) > MAX_SECRETS:
                del _secrets[next(iter(_secrets))]
            _secrets_sorted = sorted(_secrets, key=len, reverse=True)


def redact(text: str) -> str:
    """Return ``text`` with known secret shapes and registered secrets masked."""
    text = _KEY_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}<redacted>", text)
    for secret in _secrets_sorted:  # replaced whole, never mutated: no lock needed
        if secret in text:
            text = text.replace(secret, "<redacted>")
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message with :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True


#: The plain file handler waiting for :func:`start_rotation`, with its size limits.
_rotation: tuple[logging.FileHandler, int, int] | None = None
_FORMATTER = logging.Formatter(LOG_FORMAT)
_REDACTOR = RedactingFilter()


def setup_logging(
    state_dir: Path | None,
    level: str = "INFO",
    *,
    max_bytes: int = 2_000_000,
    backups: int = 5,
    rotate: bool = True,
) -> Path | None:
    """Configure the ``kiosk`` logger tree; return the log file path (None without one).

    A state directory that cannot be created is not fatal: the kiosk keeps running with
    stderr logging only, and says so.

    With ``rotate=False`` the file is first written by a plain ``FileHandler``, and
    :func:`start_rotation` swaps in the rotating handler later. ``locker-kiosk`` does this
    so its first frame does not wait for ``logging.handlers`` and the socket and pickle
    modules it imports (about 18 ms on a small machine).
    """
    global _rotation
    _rotation = None
    root = logging.getLogger("kiosk")
    root.setLevel(level)
    root.propagate = False
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    stream = logging.StreamHandler(sys.stderr)
    _dress(stream)
    root.addHandler(stream)
    if state_dir is None:
        return None
    log_path = state_dir / "log" / "kiosk.log"
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = (
            _rotating_handler(log_path, max_bytes, backups)
            if rotate
            else logging.FileHandler(log_path, encoding="utf-8")
        )
    except OSError as err:
        root.warning("no log file (%s); logging to stderr only", err)
        return None
    _dress(file_handler)
    root.addHandler(file_handler)
    if not rotate:
        _rotation = (file_handler, max_bytes, backups)
    return log_path


def start_rotation() -> None:
    """Replace the plain log-file handler of ``setup_logging(rotate=False)`` by a rotating one.

    Call it before other threads log: the swap is not atomic. Does nothing when the file
    already rotates or there is no file.
    """
    global _rotation
    if _rotation is None:
        return
    plain, max_bytes, backups = _rotation
    _rotation = None
    root = logging.getLogger("kiosk")
    try:
        rotating = _rotating_handler(Path(plain.baseFilename), max_bytes, backups)
    except OSError as err:
        root.warning("log file will not rotate (%s)", err)
        return
    _dress(rotating)
    root.removeHandler(plain)
    plain.close()
    root.addHandler(rotating)


def _dress(handler: logging.Handler) -> None:
    handler.setFormatter(_FORMATTER)
    handler.addFilter(_REDACTOR)


def _rotating_handler(path: Path, max_bytes: int, backups: int) -> logging.FileHandler:
    import logging.handlers

    return logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
