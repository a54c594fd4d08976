"""packaging/make-prompts: every translated prompt is found, espeak-ng renders them."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "make-prompts"


def load() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("make_prompts", str(SCRIPT))
    spec = importlib.util.spec_from_loader("make_prompts", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_make_prompts_finds_every_screens_prompt_in_every_language() -> None:
    from kiosk.services.audio import PROMPTS

    found = load().prompts_by_language(ROOT / "translations")
    assert found["en"] == PROMPTS
    for lang in ("de", "pl"):
        assert set(found[lang]) == set(PROMPTS), lang
        assert found[lang]["idle"] != PROMPTS["idle"]


def test_make_prompts_without_espeak_says_so(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path), "--espeak", "no-such-espeak"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "apt install espeak-ng" in result.stderr


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_make_prompts_renders_a_wav_per_screen(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--lang", "de"], check=True)
    assert (tmp_path / "de" / "idle.wav").read_bytes()[:4] == b"RIFF"
