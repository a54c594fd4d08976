"""The kiosk's configuration: one TOML file, validated before anything else starts.

A technician edits this file on a locker in the field. A mistake must stop the kiosk with
one line that names the file and the key (or the line of a TOML syntax error), never a
traceback and never a kiosk that runs with a silently ignored setting. Validation is done
by msgspec (it imports in a few milliseconds; startup is measured) against the typed
sections below; ranges and choices live next to each field as ``Meta`` constraints.

This module never imports Qt: ``locker-kiosk --check-config`` runs with no display.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec

__all__ = [
    "AudioConfig",
    "BackendConfig",
    "BoardConfig",
    "Config",
    "ConfigError",
    "KioskConfig",
    "ScannerConfig",
    "load_config",
]

Seconds = Annotated[float, msgspec.Meta(gt=0, le=86400)]
Corner = Literal["top_left", "top_right", "bottom_right", "bottom_left"]
LanguageCode = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2}(_[A-Z]{2})?$|^pseudo$")]


class _Section(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """Base of every section: unknown keys are errors, not silently ignored typos."""


class KioskConfig(_Section, frozen=True):
    """What the person at the screen sees and how the kiosk behaves."""

    operator_name: Annotated[str, msgspec.Meta(min_length=1, max_length=40)] = "Parcel Point"
    languages: Annotated[list[LanguageCode], msgspec.Meta(min_length=1)] = msgspec.field(
        default_factory=lambda: ["en", "de", "pl"]
    )
    default_language: LanguageCode = "en"
    fullscreen: bool = False
    width: Annotated[int, msgspec.Meta(ge=480, le=7680)] = 1280
    height: Annotated[int, msgspec.Meta(ge=320, le=4320)] = 800
    inactivity_timeout_s: Annotated[float, msgspec.Meta(ge=5, le=3600)] = 60.0
    state_dir: str = ""
    """Where logs and local databases live; empty means the XDG state directory."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    admin_pin_file: str = "/etc/locker-kiosk/admin-pin"
    """The output of ``locker-kiosk hash-pin`` (a PIN in clear is refused at start-up)."""
    admin_gesture: Annotated[list[Corner], msgspec.Meta(min_length=2, max_length=8)] = (
        msgspec.field(
            default_factory=lambda: ["top_left", "top_right", "bottom_right", "bottom_left"]
        )
    )
    """The corners of the admin gesture in order: a long press in the first, then a tap in
    each of the others."""
    admin_long_press_s: Annotated[float, msgspec.Meta(ge=1, le=10)] = 2.0
    admin_logout_s: Annotated[float, msgspec.Meta(ge=15, le=3600)] = 120.0
    """The admin panel logs out after this long without a touch."""
    hide_cursor: bool = False
    # ---- brand and accessible mode (issue 16) ----
    accent_colour: Annotated[str, msgspec.Meta(pattern=r"^#[0-9a-fA-F]{6}$")] = "#ffb400"
    """The operator's brand colour (``#rrggbb``): primary buttons, the target door. An accent
    no text reads on at 4.5:1 is corrected, with a log line."""
    logo: str = ""
    """The operator's logo (an SVG or PNG file); empty: the built-in one."""
    accessible_reach_portrait: Annotated[float, msgspec.Meta(ge=0.3, le=1.0)] = 0.55
    """In accessible mode, the part of a portrait screen's height (from the bottom) that
    holds every control: 0.55 keeps them below about 120 cm on a 21-32" portrait display
    whose lower edge is at about 80 cm."""
    accessible_reach_landscape: Annotated[float, msgspec.Meta(ge=0.3, le=1.0)] = 1.0
    """The same for a landscape screen: a 21-32" landscape display is at most 40 cm tall,
    so mounted at 80 cm all of it is within reach."""
    accessible_timeout_factor: Annotated[float, msgspec.Meta(ge=1, le=5)] = 2.0
    """Every timeout is this many times longer for a customer in accessible mode."""
    # ---- end brand and accessible mode ----

    def __post_init__(self) -> None:
        if self.default_language not in self.languages:
            raise ValueError(f"default_language {self.default_language!r} is not in languages")


class BoardConfig(_Section, frozen=True):
    """The lock-control boards on the serial bus (see specs/board-protocol.md)."""

    kind: Literal["serial", "simulator"] = "serial"
    port: str = "/dev/lockerboard"
    baud: Literal[9600, 19200, 38400, 57600, 115200] = 19200
    timeout_ms: Annotated[int, msgspec.Meta(ge=20, le=5000)] = 150
    retries: Annotated[int, msgspec.Meta(ge=0, le=5)] = 2
    unlock_reply: Literal["status", "none"] = "status"
    hook_closed_bit: Literal[0, 1] = 1
    broadcast_addr: Literal[0, 240] = 240
    unlock_confirm_ms: Annotated[int, msgspec.Meta(ge=50, le=10000)] = 500
    door_open_timeout_s: Annotated[float, msgspec.Meta(ge=1, le=120)] = 10.0
    boards: Annotated[
        list[Annotated[int, msgspec.Meta(ge=0, le=15)]], msgspec.Meta(min_length=1)
    ] = msgspec.field(default_factory=lambda: [1, 2])


class BackendConfig(_Section, frozen=True):
    """The operator's central backend, or the embedded one for a standalone locker."""

    kind: Literal["rest", "embedded"] = "embedded"
    base_url: str = ""
    locker_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] = "demo"
    token_file: str = "/etc/locker-kiosk/token"
    ca_bundle: str = ""
    """A PEM file of CAs to trust instead of the system's; empty means the system store."""
    verify_timeout_s: Annotated[float, msgspec.Meta(ge=1, le=60)] = 8.0
    connect_timeout_s: Annotated[float, msgspec.Meta(ge=0.5, le=30)] = 3.0
    db_path: str = ""
    """SQLite file of the embedded backend; empty means ``<state_dir>/backend.sqlite``."""
    heartbeat_s: Annotated[float, msgspec.Meta(ge=5, le=3600)] = 60.0
    command_poll_s: Annotated[float, msgspec.Meta(ge=0.5, le=55)] = 25.0
    """Long-poll wait for back-office commands (the server holds the request this long)."""
    allow_insecure_http: bool = False
    """Accept a plain ``http://`` base_url to a host that is not loopback. The bearer token
    and every pickup code then cross the network in clear: for a lab network only."""

    def __post_init__(self) -> None:
        if self.kind != "rest":
            return
        if not re.match(r"^https?://", self.base_url):
            raise ValueError("base_url must be an http(s) URL when kind = 'rest'")
        if (
            self.base_url.startswith("http://")
            and not self.allow_insecure_http
            and not _is_loopback(self.base_url)
        ):
            raise ValueError(
                "base_url is plain http:// to a host that is not loopback: the token would "
                "travel in clear; use https:// (or set allow_insecure_http = true)"
            )


def _is_loopback(url: str) -> bool:
    """Whether ``url``'s host is this machine (127.0.0.0/8, ::1 or ``localhost``)."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return False
    if host == "localhost":
        return True
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ScannerConfig(_Section, frozen=True):
    """Barcode input: keyboard-wedge USB scanners, serial scanners and the camera."""

    wedge_max_gap_ms: Annotated[int, msgspec.Meta(ge=5, le=200)] = 40
    wedge_min_length: Annotated[int, msgspec.Meta(ge=3, le=64)] = 6
    prefix: Annotated[str, msgspec.Meta(max_length=1)] = ""
    serial_port: str = ""
    serial_baud: Literal[9600, 19200, 38400, 57600, 115200] = 9600
    camera: bool = True


ClockTime = Annotated[str, msgspec.Meta(pattern=r"^$|^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class AudioConfig(_Section, frozen=True):
    """Sound: short sounds for a key press, success and error, and spoken prompts."""

    sounds: bool = False
    """Play the short sounds (off by default: many lockers stand in quiet hallways)."""
    volume: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.6
    key_sound: str = ""
    """A WAV file for a key press; empty: the built-in one. Likewise the next two."""
    success_sound: str = ""
    error_sound: str = ""
    night_start: ClockTime = ""
    """From this local time (``"22:00"``) until ``night_end`` no sound is played; empty:
    no night hours."""
    night_end: ClockTime = ""
    prompts: list[str] = msgspec.field(default_factory=list)
    """Screens whose spoken prompt is played when they appear (e.g. ``["idle", "door"]``),
    from ``prompts_dir``; empty: none."""
    prompts_dir: str = "/usr/share/locker-kiosk/prompts"
    """``<prompts_dir>/<language>/<screen>.wav``, made by ``packaging/make-prompts``."""

    def __post_init__(self) -> None:
        if bool(self.night_start) != bool(self.night_end):
            raise ValueError("night_start and night_end go together (both or neither)")


class Config(_Section, frozen=True):
    """The whole file. Every section is optional; defaults suit a real locker."""

    kiosk: KioskConfig = msgspec.field(default_factory=KioskConfig)
    board: BoardConfig = msgspec.field(default_factory=BoardConfig)
    backend: BackendConfig = msgspec.field(default_factory=BackendConfig)
    scanner: ScannerConfig = msgspec.field(default_factory=ScannerConfig)
    audio: AudioConfig = msgspec.field(default_factory=AudioConfig)

    def state_path(self) -> Path:
        """The state directory: config value, else ``$XDG_STATE_HOME/locker-kiosk``."""
        if self.kiosk.state_dir:
            return Path(self.kiosk.state_dir).expanduser()
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        return Path(base) / "locker-kiosk"


class ConfigError(Exception):
    """A config file that cannot be used; ``str()`` is the one line shown to the technician."""


_PATH_RE = re.compile(r" - at `\$\.(?P<path>[^`]+)`$")
_UNKNOWN_RE = re.compile(r"^Object contains unknown field `(?P<field>[^`]+)`")


def _describe(err: msgspec.ValidationError) -> tuple[str, str]:
    """Turn msgspec's message into (dotted key, reason)."""
    text = str(err)
    key = ""
    match = _PATH_RE.search(text)
    if match:
        key = re.sub(r"\[(\d+)\]", r"[\1]", match.group("path"))
        text = text[: match.start()]
    unknown = _UNKNOWN_RE.match(text)
    if unknown:
        key = f"{key}.{unknown.group('field')}" if key else unknown.group("field")
        return key, "unknown key"
    return key or "(top level)", text.replace("`", "")


def parse_config(data: dict[str, Any], source: str = "<config>") -> Config:
    """Validate an already-parsed TOML document."""
    try:
        return msgspec.convert(data, Config)
    except msgspec.ValidationError as err:
        key, reason = _describe(err)
        raise ConfigError(f"{source}: {key}: {reason}") from None


#: A kiosk's config is a few kilobytes; anything far larger is not one.
MAX_CONFIG_BYTES = 1024 * 1024
#: Arrays and inline tables nested deeper than this are refused (a real config nests two).
MAX_NESTING = 32


def _nesting_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in ``text``, outside quoted strings.

    An over-estimate is fine (table headers count as one or two levels): it only has to
    catch thousands of levels before a recursive parser meets them.
    """
    depth = deepest = 0
    quote = ""
    for char in text:
        if quote:
            if char == quote or char == "\n":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            quote = "\n"  # a comment runs to the end of the line
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(0, depth - 1)
    return deepest


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read and validate the TOML file at ``path`` (None: all defaults).

    Raises:
        ConfigError: with one line naming the file and the key or line at fault.
    """
    if path is None:
        return Config()
    import tomllib  # only with a file: its regexes cost ~9 ms of start-up to compile

    source = os.fspath(path)
    try:
        with open(source, "rb") as fh:
            raw = fh.read(MAX_CONFIG_BYTES + 1)
        if len(raw) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{source}: larger than {MAX_CONFIG_BYTES // 1024} KiB")
        text = raw.decode("utf-8")
        if _nesting_depth(text) > MAX_NESTING:
            # Refused before tomllib sees it: it parses nesting recursively, and running the
            # stack out leaves half-finalised objects behind, not just an exception.
            raise ConfigError(f"{source}: not valid TOML: values nested too deeply")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{source}: file does not exist") from None
    except IsADirectoryError:
        raise ConfigError(f"{source}: is a directory, not a config file") from None
    except PermissionError:
        raise ConfigError(f"{source}: permission denied") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{source}: not valid TOML: {err}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{source}: not valid TOML: the file is not UTF-8 text") from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively: ``a = [[[[...`` a few
        # thousand deep exhausts the stack. No real config nests more than two levels.
        raise ConfigError(f"{source}: not valid TOML: values nested too deeply") from None
    try:
        return parse_config(data, source)
    except RecursionError:
        raise ConfigError(f"{source}: values nested too deeply") from None
