"""Every user-visible string is in the catalogues, translated, and compiled.

Runs the same lupdate/lrelease as ``translations/update.sh`` into a temporary folder and
compares: a new ``self.tr()`` string without a German or Polish translation, or a .qm
left stale after editing a .ts, fails here rather than on a customer's screen.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Every catalogue in translations/: a language added there is checked without a test edit.
LANGS = tuple(
    sorted(p.stem.removeprefix("kiosk_") for p in (ROOT / "translations").glob("kiosk_*.ts"))
)
pytestmark = pytest.mark.slow


def tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found: it ships with PySide6-Essentials")
    return found


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ts")
    sources = sorted(str(p) for p in (ROOT / "kiosk").rglob("*.py"))
    for lang in LANGS:
        ts = out / f"kiosk_{lang}.ts"
        shutil.copy(ROOT / "translations" / f"kiosk_{lang}.ts", ts)
        plural_only = ["-pluralonly"] if lang == "en" else []
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-silent",
                "-no-obsolete",
                "-locations",
                "none",
                *plural_only,
                *sources,
                "-ts",
                str(ts),
            ],
            check=True,
        )
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_every_string_is_translated(refreshed: Path, lang: str) -> None:
    tree = ET.parse(refreshed / f"kiosk_{lang}.ts")
    missing = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        kind = translation.get("type") if translation is not None else "missing"
        text = "".join(translation.itertext()).strip() if translation is not None else ""
        if kind in ("missing", "unfinished", "vanished", "obsolete") or not text:
            missing.append(message.findtext("source"))
    assert missing == [], f"run translations/update.sh and translate: {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_committed_qm_matches_ts(tmp_path: Path, lang: str) -> None:
    ts = ROOT / "translations" / f"kiosk_{lang}.ts"
    qm = tmp_path / f"kiosk_{lang}.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
    committed = ROOT / "translations" / f"kiosk_{lang}.qm"
    assert qm.read_bytes() == committed.read_bytes(), "stale .qm: run translations/update.sh"
