"""Scanner garbage is refused with a typed reason; real codes pass untouched."""

from __future__ import annotations

import pytest

from kiosk.scanning.sanitize import MAX_CODE_LENGTH, RejectedInput, RejectReason, sanitize


def test_scan_sanitize_accepts_code_and_trims_spaces() -> None:
    assert sanitize(" AB12-CD34 ") == "AB12-CD34"
    assert sanitize(b"1PEF224A4") == "1PEF224A4"
    assert sanitize("ABC-123/4.5+6%$ *") == "ABC-123/4.5+6%$ *"  # Code 39's full alphabet


def test_scan_sanitize_limit_is_the_contracts_64_characters() -> None:
    """A 4,096-digit burst used to pass and cost the next customer an attempt."""
    assert MAX_CODE_LENGTH == 64
    assert sanitize("7" * 64) == "7" * 64
    for raw in ("7" * 65, "7" * 4096, ("7" * 65).encode(), "1" * 3000):
        with pytest.raises(RejectedInput) as info:
            sanitize(raw)
        assert info.value.reason is RejectReason.TOO_LONG


@pytest.mark.parametrize(
    "raw",
    ["Zürich-ÅÄÖ", "Zürich".encode(), "１２３４５６", "12\u200b3456", "ABC\u00a0123", "😀1234"],
)
def test_scan_sanitize_rejects_anything_but_printable_ascii(raw: str | bytes) -> None:
    with pytest.raises(RejectedInput) as info:
        sanitize(raw)
    assert info.value.reason is RejectReason.NOT_ASCII
    assert "Zür" not in str(info.value)


@pytest.mark.parametrize(
    "raw",
    [
        "https://tracking.example.com/p?id=123456",
        "HTTP://EXAMPLE.COM/123",
        "www.example.com",
        "mailto:help@example.com",
        "WIFI:S:locker;T:WPA;P:secret;;",
        "tel:+48600111222",
        "ftp://x/y",
    ],
)
def test_scan_sanitize_rejects_urls(raw: str) -> None:
    with pytest.raises(RejectedInput) as info:
        sanitize(raw)
    assert info.value.reason is RejectReason.URL
    assert "example" not in str(info.value)


@pytest.mark.parametrize("raw", ["AB\x00CD", "12\x1b[2J", "abc\x7f", "x\x85y", "A\tB", "1\r\n2"])
def test_scan_sanitize_rejects_control_characters(raw: str) -> None:
    with pytest.raises(RejectedInput) as info:
        sanitize(raw)
    assert info.value.reason is RejectReason.CONTROL_CHARACTERS
    assert "U+" in info.value.detail


def test_scan_sanitize_allows_listed_controls() -> None:
    gs1 = "0109504000059101\x1d10ABC"
    assert sanitize(gs1, allowed_controls="\x1d") == gs1


def test_scan_sanitize_rejects_10kb_burst_without_echoing_it() -> None:
    burst = "7" * 10_240
    with pytest.raises(RejectedInput) as info:
        sanitize(burst)
    assert info.value.reason is RejectReason.TOO_LONG
    assert "7777" not in str(info.value)
    with pytest.raises(RejectedInput) as info_bytes:
        sanitize(burst.encode() * 4)
    assert info_bytes.value.reason is RejectReason.TOO_LONG
    assert sanitize("7" * MAX_CODE_LENGTH) == "7" * MAX_CODE_LENGTH


@pytest.mark.parametrize("raw", [b"\xff\xfe12", b"AB\xc3", b"\xed\xa0\x80"])
def test_scan_sanitize_rejects_invalid_utf8(raw: bytes) -> None:
    with pytest.raises(RejectedInput) as info:
        sanitize(raw)
    assert info.value.reason is RejectReason.NOT_UTF8


def test_scan_sanitize_rejects_empty() -> None:
    with pytest.raises(RejectedInput) as info:
        sanitize("   ")
    assert info.value.reason is RejectReason.EMPTY
