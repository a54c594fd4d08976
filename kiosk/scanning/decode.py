"""Decode QR codes and barcodes from 8-bit grayscale images (camera frames, photos).

Two engines, best first. zxing-cpp reads every format the kiosk accepts, including the
DataMatrix, PDF417 and Aztec codes on carrier labels, and is the faster of the two. zbar
(through pyzbar) reads a few damaged or blurred 1-D codes that zxing-cpp misses, so it runs as
a second pass when zxing-cpp found nothing. zbar is a system library (``libzbar0``): where it
is missing only that pass is disabled, with one log line, and the kiosk keeps scanning.

When both engines miss, a last try runs on a copy that gives them a different view of the same
picture: zxing-cpp with a global-histogram (binarised) threshold, then both engines on a
half-size copy. On the 215 photos of ``testdata/barcodes`` this takes the share decoded from
190 (zxing-cpp alone) and 201 (both) to 203, at no cost to the common case, where zxing-cpp
succeeds at once.

Pure Python with no Qt and no numpy: images travel as a :class:`GrayImage` over any bytes-like
buffer, so the camera service can hand over the luminance plane of a video frame as it is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import zxingcpp

log = logging.getLogger("kiosk.scanning.decode")


class CodeFormat(StrEnum):
    """The symbologies the kiosk accepts; the value is the name shown in logs and signals."""

    QR = "QR"
    EAN_13 = "EAN-13"
    EAN_8 = "EAN-8"
    UPC_A = "UPC-A"
    CODE_128 = "Code128"
    CODE_39 = "Code39"
    ITF = "ITF"
    DATA_MATRIX = "DataMatrix"
    PDF417 = "PDF417"
    AZTEC = "Aztec"


#: Everything the kiosk accepts: codes from shop notifications and carrier labels.
KIOSK_FORMATS: frozenset[CodeFormat] = frozenset(CodeFormat)

_ZXING_FORMAT: dict[CodeFormat, zxingcpp.BarcodeFormat] = {
    CodeFormat.QR: zxingcpp.BarcodeFormat.QRCode,
    CodeFormat.EAN_13: zxingcpp.BarcodeFormat.EAN13,
    CodeFormat.EAN_8: zxingcpp.BarcodeFormat.EAN8,
    CodeFormat.UPC_A: zxingcpp.BarcodeFormat.UPCA,
    CodeFormat.CODE_128: zxingcpp.BarcodeFormat.Code128,
    CodeFormat.CODE_39: zxingcpp.BarcodeFormat.Code39,
    CodeFormat.ITF: zxingcpp.BarcodeFormat.ITF,
    CodeFormat.DATA_MATRIX: zxingcpp.BarcodeFormat.DataMatrix,
    CodeFormat.PDF417: zxingcpp.BarcodeFormat.PDF417,
    CodeFormat.AZTEC: zxingcpp.BarcodeFormat.Aztec,
}
# zxing-cpp 3 reports specialisations (Code32 and PZN are Code 39, ITF14 is ITF); their
# ``symbology`` is the family, which is what the kiosk cares about.
_FROM_ZXING: dict[zxingcpp.BarcodeFormat, CodeFormat] = {v: k for k, v in _ZXING_FORMAT.items()}

# zbar's symbol names; zbar reads none of the 2-D carrier formats.
_ZBAR_SYMBOL: dict[CodeFormat, str] = {
    CodeFormat.QR: "QRCODE",
    CodeFormat.EAN_13: "EAN13",
    CodeFormat.EAN_8: "EAN8",
    CodeFormat.UPC_A: "UPCA",
    CodeFormat.CODE_128: "CODE128",
    CodeFormat.CODE_39: "CODE39",
    CodeFormat.ITF: "I25",
}
_FROM_ZBAR: dict[str, CodeFormat] = {v: k for k, v in _ZBAR_SYMBOL.items()}

#: A half-size copy of a picture smaller than this (shorter side, pixels) is too coarse to help.
_MIN_SIDE_FOR_HALF = 160


@dataclass(frozen=True, slots=True)
class GrayImage:
    """An 8-bit grayscale image in a caller's buffer, one byte per pixel.

    Attributes:
        data: bytes-like; row ``y`` starts at ``y * stride``. Not copied.
        width: pixels per row.
        height: rows.
        stride: bytes from one row to the next (>= width; video frames pad their rows).
    """

    data: bytes | bytearray | memoryview
    width: int
    height: int
    stride: int

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ValueError(f"empty image {self.width}x{self.height}")
        if self.stride < self.width:
            raise ValueError(f"stride {self.stride} shorter than width {self.width}")
        needed = self.stride * (self.height - 1) + self.width
        if len(self.data) < needed:
            raise ValueError(f"buffer holds {len(self.data)} bytes, image needs {needed}")

    @classmethod
    def from_bytes(cls, data: bytes | bytearray | memoryview, width: int, height: int) -> GrayImage:
        """An image whose rows are packed (stride == width)."""
        return cls(data, width, height, width)

    def packed(self) -> bytes:
        """The pixels without row padding: what zbar needs (it has no stride)."""
        view = memoryview(self.data)
        if self.stride == self.width:
            return bytes(view[: self.width * self.height])
        return b"".join(
            view[y * self.stride : y * self.stride + self.width] for y in range(self.height)
        )

    def half(self) -> GrayImage:
        """Every second pixel of every second row: a cheap half-size copy, no filtering."""
        # Slicing bytes (not a memoryview, whose strided slices join() refuses) copies
        # each row once; a 1600x1200 picture takes about a millisecond.
        data = self.data if isinstance(self.data, bytes) else bytes(self.data)
        rows = [
            data[y * self.stride : y * self.stride + self.width : 2]
            for y in range(0, self.height, 2)
        ]
        width = (self.width + 1) // 2
        return GrayImage(b"".join(rows), width, len(rows), width)


@dataclass(frozen=True, slots=True)
class DecodedCode:
    """One code found in an image.

    Attributes:
        text: the content as encoded (zxing-cpp's ``TextMode.Plain``); UPC-A in its 13-digit
            GTIN form with the leading 0, whichever engine read it.
        format: the symbology.
        engine: which pass found it: ``zxing``, ``zbar``, ``zxing/binarized``, ``zxing/half``
            or ``zbar/half`` (for benchmarks and diagnostics).
    """

    text: str
    format: CodeFormat
    engine: str


#: zbar pass: packed grayscale pixels, width, height -> (data, zbar symbol name) pairs.
ZbarDecode = Callable[[bytes, int, int], list[tuple[bytes, str]]]
#: Builds the zbar pass for a set of zbar symbol names; raises ImportError/OSError when
#: libzbar is not installed.
ZbarLoader = Callable[[Sequence[str]], ZbarDecode]


def load_pyzbar(symbols: Sequence[str]) -> ZbarDecode:
    """The default :data:`ZbarLoader`: imports pyzbar (and with it libzbar) on first use.

    Raises:
        ImportError: libzbar (Debian package ``libzbar0``) or pyzbar is missing.
    """
    from pyzbar import pyzbar  # lazy: loading libzbar costs start-up time and may fail

    wanted = [pyzbar.ZBarSymbol[name] for name in symbols]

    def decode(pixels: bytes, width: int, height: int) -> list[tuple[bytes, str]]:
        found: Any = pyzbar.decode((pixels, width, height), symbols=wanted)
        return [(bytes(d.data), str(d.type)) for d in found]

    return decode


def _zbar_code(data: bytes, symbol: str, engine: str) -> DecodedCode | None:
    fmt = _FROM_ZBAR.get(symbol)
    if fmt is None:
        return None
    text = data.decode("utf-8", errors="replace")
    # zbar gives UPC-A as 12 digits when UPC-A is enabled; zxing-cpp 3 always gives the
    # 13-digit GTIN form with the leading 0 (as does the test set). One code, one text.
    if fmt is CodeFormat.UPC_A and len(text) == 12:
        text = "0" + text
    return DecodedCode(text, fmt, engine)


def _is_upca(code: DecodedCode) -> bool:
    # An EAN-13 starting with 0 is a UPC-A with its number system digit widened; both
    # engines report it as EAN-13 when EAN-13 is enabled (zbar: when UPC-A is not).
    return code.format is CodeFormat.EAN_13 and len(code.text) == 13 and code.text[0] == "0"


class Decoder:
    """Finds the codes in a grayscale image with zxing-cpp, then zbar, then a second look.

    One instance may be used from one thread at a time (the camera's decoding thread); the
    lazy zbar load is locked, so creating the decoder on the GUI thread is fine.

    Args:
        formats: the symbologies to look for (fewer is faster and avoids false hits).
        use_zbar: False to run zxing-cpp only.
        zbar_loader: builds the zbar pass; the default imports pyzbar lazily. Tests pass a
            loader that raises ImportError to run the path of a machine without libzbar.
        retry: when both engines miss, try the binarised and half-size copies.
    """

    def __init__(
        self,
        formats: Iterable[CodeFormat] = KIOSK_FORMATS,
        *,
        use_zbar: bool = True,
        zbar_loader: ZbarLoader = load_pyzbar,
        retry: bool = True,
    ) -> None:
        self.formats = frozenset(formats)
        if not self.formats:
            raise ValueError("no formats to decode")
        # A list: combining formats with | is deprecated in zxing-cpp 3. The BarcodeFormats
        # wrapper is built per call (microseconds): a nanobind object kept alive in a
        # long-lived decoder is reported as leaked when the interpreter exits.
        self._zxing_formats = [_ZXING_FORMAT[f] for f in CodeFormat if f in self.formats]
        self._zbar_symbols = [_ZBAR_SYMBOL[f] for f in CodeFormat if f in self._zbar_formats()]
        self._use_zbar = use_zbar and bool(self._zbar_symbols)
        self._zbar_loader = zbar_loader
        self._zbar: ZbarDecode | None = None
        self._zbar_tried = False
        self._zbar_lock = threading.Lock()
        self._retry = retry

    def _zbar_formats(self) -> frozenset[CodeFormat]:
        return self.formats & frozenset(_ZBAR_SYMBOL)

    @property
    def zbar_available(self) -> bool:
        """Whether the zbar pass runs (loads libzbar on first call)."""
        return self._load_zbar() is not None

    def _load_zbar(self) -> ZbarDecode | None:
        if not self._use_zbar:
            return None
        with self._zbar_lock:
            if not self._zbar_tried:
                self._zbar_tried = True
                try:
                    self._zbar = self._zbar_loader(self._zbar_symbols)
                except (ImportError, OSError) as exc:
                    log.warning(
                        "zbar second pass disabled, decoding with zxing-cpp only "
                        "(install libzbar0 to enable it): %s",
                        exc,
                    )
        return self._zbar

    def decode(self, image: GrayImage) -> list[DecodedCode]:
        """Every code found in ``image``; empty when there is none.

        Never raises for what is in the picture; a broken engine is logged and skipped.
        """
        found = self._zxing(image, "zxing")
        if found:
            return found
        zbar = self._load_zbar()
        if zbar is not None:
            found = self._zbar_pass(zbar, image.packed(), image.width, image.height, "zbar")
            if found:
                return found
        if not self._retry:
            return []
        found = self._zxing(image, "zxing/binarized", binarizer=zxingcpp.Binarizer.GlobalHistogram)
        if found:
            return found
        if min(image.width, image.height) < _MIN_SIDE_FOR_HALF:
            return []
        small = image.half()
        found = self._zxing(small, "zxing/half")
        if found:
            return found
        if zbar is not None:
            return self._zbar_pass(zbar, small.packed(), small.width, small.height, "zbar/half")
        return []

    def decode_buffer(
        self,
        data: bytes | bytearray | memoryview,
        width: int,
        height: int,
        stride: int | None = None,
    ) -> list[DecodedCode]:
        """:meth:`decode` for a raw buffer (``stride`` defaults to ``width``)."""
        return self.decode(GrayImage(data, width, height, width if stride is None else stride))

    def _zxing(
        self,
        image: GrayImage,
        engine: str,
        binarizer: zxingcpp.Binarizer = zxingcpp.Binarizer.LocalAverage,
    ) -> list[DecodedCode]:
        view = zxingcpp.ImageView(
            image.data, image.width, image.height, zxingcpp.ImageFormat.Lum, image.stride, 1
        )
        try:
            results = zxingcpp.read_barcodes(
                view,
                formats=zxingcpp.BarcodeFormats(self._zxing_formats),
                text_mode=zxingcpp.TextMode.Plain,
                binarizer=binarizer,
            )
        except (RuntimeError, ValueError) as exc:
            log.error("zxing-cpp failed on a %dx%d image: %s", image.width, image.height, exc)
            return []
        found: list[DecodedCode] = []
        for result in results:
            fmt = _FROM_ZXING.get(result.format) or _FROM_ZXING.get(result.symbology)
            if fmt is None:
                continue
            found.append(DecodedCode(result.text, fmt, engine))
        return self._normalised(found)

    def _zbar_pass(
        self, zbar: ZbarDecode, pixels: bytes, width: int, height: int, engine: str
    ) -> list[DecodedCode]:
        try:
            raw = zbar(pixels, width, height)
        except Exception as exc:  # a foreign library: never let it take the camera down
            log.error("zbar failed on a %dx%d image: %s", width, height, exc)
            return []
        codes = (_zbar_code(data, symbol, engine) for data, symbol in raw)
        return self._normalised([c for c in codes if c is not None])

    def _normalised(self, codes: list[DecodedCode]) -> list[DecodedCode]:
        if CodeFormat.UPC_A in self.formats:
            codes = [
                DecodedCode(c.text, CodeFormat.UPC_A, c.engine) if _is_upca(c) else c for c in codes
            ]
        return [c for c in codes if c.format in self.formats]
