"""The on-site settings file: what a technician set in the admin panel.

``<state_dir>/site.toml`` is layered over the config file, which is never written (the
systemd unit has ``ProtectSystem=full``: ``/etc`` is read-only to the kiosk). The
precedence is :func:`kiosk.app.settings.effective`'s (on site > backend > config file);
the board kind is read at start-up only (:func:`apply_board_kind`).

Writes are atomic: a temporary file in the same directory, written, fsync'ed, renamed
over the old one, and the directory fsync'ed; the version before is kept as
``site.toml.prev``. A kill at any point leaves either the old or the new file, never half
of one. The values are validated like the config (msgspec, unknown keys refused) before
anything is written, and again when read.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from kiosk.config import Config, LanguageCode

log = logging.getLogger("kiosk.app.site")

FILE_NAME = "site.toml"


class SiteSettings(msgspec.Struct, forbid_unknown_fields=True, kw_only=True, frozen=True):
    """What can be set on site; an absent value falls through to the backend / config."""

    default_language: LanguageCode | None = None
    inactivity_timeout_s: Annotated[float, msgspec.Meta(ge=5, le=3600)] | None = None
    board_kind: Literal["serial", "simulator"] | None = None
    out_of_service: (
        Annotated[
            list[Annotated[str, msgspec.Meta(min_length=1, max_length=16)]],
            msgspec.Meta(max_length=256),
        ]
        | None
    ) = None
    """Compartments the technician took out of service: still out after a restart."""

    def as_dict(self) -> dict[str, object]:
        """The values that are set, by key (what :func:`effective` takes as ``site``)."""
        return {k: v for k, v in msgspec.structs.asdict(self).items() if v is not None}


class SiteSettingsError(ValueError):
    """Values or a file that cannot be used; ``str()`` is one line for the technician."""


def site_path(config: Config) -> Path:
    """Where the on-site settings live."""
    return config.state_path() / FILE_NAME


def validate(values: Mapping[str, object]) -> SiteSettings:
    """``values`` as settings, or :class:`SiteSettingsError` naming the key at fault."""
    try:
        return msgspec.convert(dict(values), SiteSettings)
    except msgspec.ValidationError as err:
        raise SiteSettingsError(f"on-site settings: {err}".replace("`", "")) from None


def load(path: Path) -> SiteSettings:
    """The settings in ``path``; empty when there is no file.

    Raises:
        SiteSettingsError: the file is not valid TOML or holds a bad value.
    """
    import tomllib

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return SiteSettings()
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise SiteSettingsError(f"{path}: {err}") from None
    try:
        return validate(data)
    except SiteSettingsError as err:
        raise SiteSettingsError(f"{path}: {err}") from None


def load_or_previous(path: Path) -> SiteSettings:
    """The settings, else the previous version, else none; a bad file is logged once."""
    try:
        return load(path)
    except SiteSettingsError as err:
        log.error("ignoring bad on-site settings: %s", err)
    try:
        return load(path.with_name(path.name + ".prev"))
    except SiteSettingsError as err:
        log.error("ignoring bad previous on-site settings: %s", err)
    return SiteSettings()


def to_toml(settings: SiteSettings) -> str:
    """The file's text (three flat keys: no TOML writer needed)."""
    lines = ["# Written by the locker-kiosk admin panel; overrides config.toml here."]
    for key, value in settings.as_dict().items():
        # JSON strings and lists of strings are valid TOML (ids and codes are plain ASCII).
        text = msgspec.json.encode(value).decode() if isinstance(value, str | list) else value
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def write(
    path: Path,
    values: Mapping[str, object],
    *,
    before_rename: Callable[[], None] | None = None,
) -> SiteSettings:
    """Validate ``values`` and write them atomically to ``path``, keeping the old file.

    Args:
        path: the site file.
        values: the settings by key.
        before_rename: called once the new file is on disk, before it replaces the old
            one (tests kill the process there).

    Raises:
        SiteSettingsError: a bad value (nothing was written), or the disk refused.
    """
    settings = validate(values)
    text = to_toml(settings)
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            _write_synced(path.with_name(path.name + ".prev"), path.read_bytes())
        with tmp.open("wb") as fh:
            fh.write(text.encode())
            fh.flush()
            os.fsync(fh.fileno())
        if before_rename is not None:
            before_rename()
        os.replace(tmp, path)
        _sync_dir(path.parent)
    except OSError as err:
        raise SiteSettingsError(f"{path}: cannot write ({err.strerror or err})") from None
    log.info("on-site settings written: %s", ", ".join(sorted(settings.as_dict())) or "none")
    return settings


def _write_synced(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def apply_board_kind(config: Config, settings: SiteSettings) -> Config:
    """``config`` with the on-site board kind (a bench test with the simulator)."""
    if settings.board_kind is None or settings.board_kind == config.board.kind:
        return config
    log.warning(
        "board kind %s set on site (config file: %s)", settings.board_kind, config.board.kind
    )
    return msgspec.structs.replace(
        config, board=msgspec.structs.replace(config.board, kind=settings.board_kind)
    )
