"""The decoder reads real photos, says so when there is nothing, and survives without zbar."""

from __future__ import annotations

import ctypes.util
import logging
import random
from collections.abc import Sequence

import pytest

from kiosk.scanning.decode import CodeFormat, Decoder, GrayImage, ZbarDecode
from tests.scanning.images import sample

needs_zbar = pytest.mark.skipif(
    ctypes.util.find_library("zbar") is None,
    reason="libzbar0 is not installed (apt-get install libzbar0)",
)


def missing_zbar(symbols: Sequence[str]) -> ZbarDecode:
    raise ImportError("Unable to find zbar shared library")


@pytest.fixture(scope="module")
def decoder() -> Decoder:
    return Decoder()


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("qr-photo", CodeFormat.QR),
        ("code128-photo", CodeFormat.CODE_128),
        ("ean13-photo", CodeFormat.EAN_13),
        ("ean8-photo", CodeFormat.EAN_8),
        ("itf-photo", CodeFormat.ITF),
        ("code39-scan", CodeFormat.CODE_39),
        ("upca-photo", CodeFormat.UPC_A),
    ],
)
def test_scan_decode_real_photo_gives_exact_text_and_format(
    decoder: Decoder, name: str, fmt: CodeFormat
) -> None:
    image, expected = sample(name)
    found = decoder.decode(image)
    assert [(c.text, c.format) for c in found] == [(expected, fmt)]


def test_scan_decode_upca_is_13_digits_with_leading_zero(decoder: Decoder) -> None:
    image, expected = sample("upca-photo")
    (code,) = decoder.decode(image)
    assert len(expected) == 13
    assert code.text == expected
    assert code.text.startswith("0")
    assert code.format is CodeFormat.UPC_A


def test_scan_decode_image_without_code_finds_nothing(decoder: Decoder) -> None:
    rng = random.Random(5)
    width, height = 320, 240
    # Soft noise over a gradient: texture for the binarisers, no code.
    pixels = bytes(
        (x // 2 + y // 3 + rng.randrange(24)) % 256 for y in range(height) for x in range(width)
    )
    assert decoder.decode(GrayImage.from_bytes(pixels, width, height)) == []


def test_scan_decode_honours_stride_padding(decoder: Decoder) -> None:
    image, expected = sample("ean8-photo")
    pad = 13
    stride = image.stride + pad
    padded = b"".join(
        bytes(image.data[y * image.stride : y * image.stride + image.width])
        + b"\x00" * (stride - image.width)
        for y in range(image.height)
    )
    found = decoder.decode(GrayImage(padded, image.width, image.height, stride))
    assert [c.text for c in found] == [expected]


def test_scan_decode_limits_formats() -> None:
    image, _ = sample("qr-photo")
    assert Decoder([CodeFormat.EAN_13], use_zbar=False).decode(image) == []


def test_scan_decode_rejects_buffer_too_small() -> None:
    with pytest.raises(ValueError, match="needs"):
        GrayImage(b"\x00" * 99, 10, 10, 10)


@needs_zbar
def test_scan_decode_zbar_second_pass_reads_what_zxing_misses() -> None:
    image, expected = sample("ean13-blurred")
    assert Decoder(use_zbar=False, retry=False).decode(image) == []
    with_zbar = Decoder()
    assert with_zbar.zbar_available
    found = with_zbar.decode(image)
    assert [(c.text, c.format, c.engine) for c in found] == [(expected, CodeFormat.EAN_13, "zbar")]


def test_scan_decode_without_libzbar_logs_once_and_keeps_decoding(
    caplog: pytest.LogCaptureFixture,
) -> None:
    decoder = Decoder(zbar_loader=missing_zbar)
    photo, expected = sample("qr-photo")
    blurred, _ = sample("ean13-blurred")
    with caplog.at_level(logging.INFO, logger="kiosk.scanning.decode"):
        assert [c.text for c in decoder.decode(photo)] == [expected]
        assert decoder.decode(blurred) == []  # only zbar reads this one
        assert decoder.decode(blurred) == []
        assert not decoder.zbar_available
    lines = [r for r in caplog.records if r.name == "kiosk.scanning.decode"]
    assert len(lines) == 1
    assert "zbar" in lines[0].getMessage()
    assert "libzbar0" in lines[0].getMessage()


def test_scan_decode_zbar_disabled_logs_nothing(caplog: pytest.LogCaptureFixture) -> None:
    decoder = Decoder(use_zbar=False, zbar_loader=missing_zbar)
    blurred, _ = sample("ean13-blurred")
    with caplog.at_level(logging.DEBUG, logger="kiosk.scanning.decode"):
        assert decoder.decode(blurred) == []
    assert caplog.records == []


def test_scan_decode_second_look_reads_low_contrast_qr() -> None:
    image, expected = sample("qr-lowcontrast")
    assert Decoder(use_zbar=False, retry=False).decode(image) == []
    found = Decoder(zbar_loader=missing_zbar).decode(image)
    assert [(c.text, c.engine) for c in found] == [(expected, "zxing/binarized")]


def test_scan_decode_half_copy_keeps_pixels() -> None:
    image = GrayImage(bytes(range(16)), 4, 3, 5)  # rows start at 0, 5, 10
    half = image.half()
    assert (half.width, half.height) == (2, 2)
    assert half.packed() == bytes([0, 2, 10, 12])
