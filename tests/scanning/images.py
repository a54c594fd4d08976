"""Load test pictures as grayscale :class:`GrayImage` (tests may use Qt; kiosk.scanning not)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.scanning.decode import GrayImage

DATA = Path(__file__).parent / "data"


def load_gray(path: Path) -> GrayImage:
    image = QImage(str(path))
    assert not image.isNull(), f"QImage cannot read {path}"
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    return GrayImage(bytes(gray.constBits()), gray.width(), gray.height(), gray.bytesPerLine())


def sample(name: str) -> tuple[GrayImage, str]:
    """The picture ``name`` from ``data/`` and its expected text (bytes-exact)."""
    path = next(p for p in DATA.glob(name + ".*") if p.suffix != ".txt")
    return load_gray(path), (DATA / (name + ".txt")).read_bytes().decode("utf-8")
