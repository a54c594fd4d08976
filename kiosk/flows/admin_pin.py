"""The admin PIN: a salted slow hash on disk, and an escalating lockout for wrong PINs.

Plain Python (no Qt): ``locker-kiosk hash-pin`` and the start-up check use it with no
display. The hash is ``scrypt`` from the standard library, with its parameters in the
string (``scrypt$n=16384,r=8,p=1$<salt>$<hash>``, base64) so they can be raised later
without breaking a file written today. A file that is not such a string (an operator who
followed the old README and stored the PIN in clear) is refused, never compared as text.

Cost, measured on the 2-core build machine: one check takes about 40 ms (n=2**14, r=8,
16 MiB), short enough to run on the GUI thread once per PIN typed; the lockout below
keeps guessing slow, not the hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "AdminPinError",
    "Lockout",
    "hash_pin",
    "load_pin_hash",
    "verify_pin",
]

#: Parameters of new hashes. 2**14 x 8 x 128 B = 16 MiB of memory per check.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 64 * 1024 * 1024

_HASH_RE = re.compile(
    r"^scrypt\$n=(?P<n>\d+),r=(?P<r>\d+),p=(?P<p>\d+)\$(?P<salt>[A-Za-z0-9+/=]+)\$"
    r"(?P<hash>[A-Za-z0-9+/=]+)$"
)
#: A PIN: digits only (the keypad has nothing else), 4 to 12 of them.
PIN_RE = re.compile(r"^[0-9]{4,12}$")


class AdminPinError(ValueError):
    """An admin PIN file that cannot be used; ``str()`` is the one line for the operator."""


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N) -> str:
    """The string ``locker-kiosk hash-pin`` prints for ``pin``.

    Raises:
        AdminPinError: ``pin`` is not 4 to 12 digits.
    """
    if not PIN_RE.match(pin):
        raise AdminPinError("the PIN must be 4 to 12 digits")
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, maxmem=_MAXMEM, dklen=32
    )
    b64 = base64.b64encode
    return f"scrypt$n={n},r={SCRYPT_R},p={SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def is_pin_hash(text: str) -> bool:
    """Whether ``text`` is a hash :func:`verify_pin` can check (not a PIN in clear)."""
    match = _HASH_RE.match(text.strip())
    if match is None:
        return False
    n = int(match["n"])
    return n >= 2 and n & (n - 1) == 0 and int(match["r"]) > 0 and int(match["p"]) > 0


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches the ``stored`` hash (constant-time compare)."""
    match = _HASH_RE.match(stored.strip())
    if match is None or not PIN_RE.match(pin):
        return False
    try:
        salt = base64.b64decode(match["salt"], validate=True)
        expected = base64.b64decode(match["hash"], validate=True)
        digest = hashlib.scrypt(
            pin.encode(),
            salt=salt,
            n=int(match["n"]),
            r=int(match["r"]),
            p=int(match["p"]),
            maxmem=_MAXMEM,
            dklen=len(expected),
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


def load_pin_hash(path: str | os.PathLike[str]) -> str | None:
    """The hash in the admin PIN file; None when there is no file (the panel stays shut).

    Raises:
        AdminPinError: the file holds anything but one hash (a PIN in clear, say), or
            cannot be read. The message names the file and the remedy, never its content.
    """
    source = os.fspath(path)
    try:
        text = Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise AdminPinError(
            f"{source}: cannot read the admin PIN file ({err.__class__.__name__})"
        ) from None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 1 or not is_pin_hash(lines[0]):
        raise AdminPinError(
            f"{source}: not a PIN hash (a PIN in clear is refused); "
            "write the output of `locker-kiosk hash-pin` into it"
        )
    return lines[0]


@dataclass
class Lockout:
    """Wrong admin PINs lock the keypad for longer and longer.

    The first ``free`` wrong PINs cost nothing; then each one locks the keypad for
    ``base_s`` doubled per further wrong PIN, up to ``max_s``. A right PIN resets it. The
    clock is injected so tests need no sleeps.
    """

    free: int = 3
    base_s: float = 30.0
    max_s: float = 15 * 60.0
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    locked_until: float = field(default=0.0)

    def remaining_s(self) -> int:
        """Whole seconds the keypad stays locked (0: a PIN may be tried)."""
        left = self.locked_until - self.clock()
        return max(0, int(left + 0.999))

    def failed(self) -> int:
        """Count a wrong PIN; returns the seconds of the lock it starts (0: none)."""
        self.failures += 1
        over = self.failures - self.free
        if over <= 0:
            return 0
        seconds = min(self.max_s, self.base_s * 2 ** (over - 1))
        self.locked_until = self.clock() + seconds
        return int(seconds)

    def succeeded(self) -> None:
        """The right PIN: start again from zero."""
        self.failures = 0
        self.locked_until = 0.0
