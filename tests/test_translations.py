"""Every user-visible string is in the catalogues, translated, and compiled.

Runs the same lupdate/lrelease as ``translations/update.sh`` into a temporary folder and
compares: a new ``self.tr()`` string without a German or Polish translation, or a .qm
left stale after editing a .ts, fails here rather than on a customer's screen.
"""

from __future__ import annotations

import ast
import re
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


# ---------------------------------------------------------------- issue 16
PLACEHOLDER = re.compile(r"%n|%L?\d|\{[a-z_]+\}")


@pytest.mark.parametrize("lang", LANGS)
def test_language_translation_keeps_every_placeholder(lang: str) -> None:
    """A translation that drops ``%1`` or ``%n`` shows a door or a count as nothing."""
    tree = ET.parse(ROOT / "translations" / f"kiosk_{lang}.ts")
    dropped = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        wanted = set(PLACEHOLDER.findall(source))
        translation = message.find("translation")
        if translation is None or not wanted:
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            # A singular form may say "one" instead of %n ("1 Versuch"), never lose %1.
            need = wanted - {"%n"} if len(forms) > 1 else wanted
            if form and not need <= set(PLACEHOLDER.findall(form)):
                dropped.append(f"{source!r} -> {form!r}")
    assert dropped == [], dropped


#: Calls that put their (first) string argument on a screen.
SHOWN_BY = {"setText", "setToolTip", "setPlaceholderText", "addItem"}
#: Screen-data records and the fields of theirs a person reads.
SHOWN_FIELDS = {
    "Choice": {1, "label"},
    "MessageData": {0, 1, "headline", "body"},
    "BusyData": {0, "text"},
    "CodeEntryData": {0, 1, "title", "hint", "error", "confirm_label"},
    "PhoneEntryData": {0, "title", "error"},
    "CameraData": {0, 1, "title", "hint"},
    "DoorData": {1, 2, "headline", "body", "step"},
    "CodeTexts": {0, 1, "title", "hint", "confirm_label"},
}


def _unmarked(node: ast.expr) -> bool:
    """A literal with words in it, not passed through tr()/translate()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_unmarked(v) for v in node.values if isinstance(v, ast.Constant))
    return False


def unmarked_strings(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        name = name or (node.func.id if isinstance(node.func, ast.Name) else "")
        shown: list[ast.expr] = []
        if name in SHOWN_BY and node.args:
            shown.append(node.args[0])
        for index in SHOWN_FIELDS.get(name, set()):
            if isinstance(index, int) and index < len(node.args):
                shown.append(node.args[index])
        shown += [k.value for k in node.keywords if k.arg in SHOWN_FIELDS.get(name, set())]
        found += [
            f"{path.relative_to(root)}:{arg.lineno}: {ast.unparse(arg)}"
            for arg in shown
            if _unmarked(arg)
        ]
    return found


def test_language_every_shown_string_is_marked_for_translation() -> None:
    """A text put on a screen in kiosk/ui or kiosk/flows goes through tr()/translate()."""
    sources = sorted(
        [*(ROOT / "kiosk" / "ui").glob("*.py"), *(ROOT / "kiosk" / "flows").glob("*.py")]
    )
    problems = [line for path in sources for line in unmarked_strings(path)]
    assert problems == [], "\n".join(problems)


def test_language_unmarked_string_check_catches_one(tmp_path: Path) -> None:
    sample = tmp_path / "screen.py"
    sample.write_text(
        'label.setText("Pick up a parcel")\n'
        'label.setText(self.tr("Pick up a parcel"))\n'
        'MessageData("Wrong code", self.tr("Try again"))\n'
        'Choice("retry", "Try again")\n'
        'label.setText("⌫")\n'
    )
    lines = [line.split(": ", 1)[1] for line in unmarked_strings(sample, tmp_path)]
    assert lines == ["'Pick up a parcel'", "'Wrong code'", "'Try again'"]
