"""A mistake in the config file stops the kiosk with one line naming file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    cfg = load_config(None)
    assert cfg.board.baud == 19200
    assert cfg.board.unlock_reply == "status"
    assert cfg.backend.verify_timeout_s == 8.0


def test_a_valid_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[kiosk]
operator_name = "Paczkomat 7"
languages = ["pl", "en"]
default_language = "pl"
[board]
port = "/dev/ttyUSB0"
hook_closed_bit = 0
[backend]
base_url = "https://api.example.com/locker/"
locker_id = "WAW-07"
""",
    )
    cfg = load_config(path)
    assert cfg.kiosk.operator_name == "Paczkomat 7"
    assert cfg.board.hook_closed_bit == 0
    assert cfg.backend.locker_id == "WAW-07"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[board]\nbaud = 12345\n", "board.baud"),
        ("[board]\nbaud = 'fast'\n", "board.baud"),
        ("[board]\nbuad = 19200\n", "board.buad: unknown key"),
        ("[bord]\nbaud = 19200\n", "bord: unknown key"),
        ("[board]\ntimeout_ms = 1\n", "board.timeout_ms"),
        ("[kiosk]\nlanguages = ['en']\ndefault_language = 'de'\n", "kiosk"),
        ("[backend]\nkind = 'rest'\nbase_url = 'ftp://x'\n", "backend"),
        ("[kiosk]\ninactivity_timeout_s = -1\n", "kiosk.inactivity_timeout_s"),
        ("[board]\nboards = [1, 99]\n", "board.boards[1]"),
    ],
)
def test_mistakes_name_file_and_key(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "[board]\nbaud = 19200\nport = /dev/ttyUSB0\n")
    with pytest.raises(ConfigError, match=r"not valid TOML: .*line 3"):
        load_config(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file does not exist"):
        load_config(tmp_path / "nope.toml")


def test_binary_garbage_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_state_dir_defaults_to_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert Config().state_path() == tmp_path / "locker-kiosk"


@pytest.mark.parametrize(
    "text",
    [
        "a = " + "[" * 20_000 + "]" * 20_000 + "\n",
        "a = " + "{b = " * 5_000 + "1" + "}" * 5_000 + "\n",
        "[kiosk]\nlanguages = " + "[" * 300 + "'en'" + "]" * 300 + "\n",
    ],
    ids=["arrays", "inline-tables", "nested-value"],
)
def test_deeply_nested_toml_is_one_line_not_a_traceback(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://api.example.com/", True),
        ("http://api.example.com/", False),
        ("http://192.168.1.10:8080/", False),
        ("http://127.0.0.1:8080/", True),
        ("http://127.5.6.7/", True),
        ("http://localhost:8080/", True),
        ("http://[::1]:8080/", True),
        ("http://127.0.0.1.evil.example/", False),
        ("http://localhost.evil.example/", False),
    ],
)
def test_plain_http_only_to_loopback(tmp_path: Path, url: str, allowed: bool) -> None:
    path = write(tmp_path, f"[backend]\nkind = 'rest'\nbase_url = '{url}'\n")
    if allowed:
        assert load_config(path).backend.base_url == url
    else:
        with pytest.raises(ConfigError, match=r"backend: base_url is plain http://.*in clear"):
            load_config(path)


def test_plain_http_elsewhere_needs_the_explicit_switch(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[backend]\nkind = 'rest'\nbase_url = 'http://10.0.0.5/'\nallow_insecure_http = true\n",
    )
    assert load_config(path).backend.allow_insecure_http is True


def test_brackets_in_strings_and_comments_are_not_nesting(tmp_path: Path) -> None:
    text = (
        "# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ a comment\n"
        '[kiosk]\noperator_name = "[{[{[{[{[{[{[{[{[{[{[{[{[{[{[{[{[{"\n'
        "languages = ['en', 'de']  # ]]]]\n"
    )
    config = load_config(write(tmp_path, text))
    assert config.kiosk.operator_name.startswith("[{[{")
