"""Serial scanner bytes become codes whatever pieces they arrive in."""

from __future__ import annotations

from kiosk.scanning.sanitize import RejectReason
from kiosk.scanning.serial_lines import BadLine, Line, LineParser


def test_scan_serial_lines_split_across_chunks_and_line_ends() -> None:
    p = LineParser()
    out = p.feed(b"ABC")
    out += p.feed(b"123\r")
    out += p.feed(b"\nXYZ\n590123412345")
    out += p.feed(b"7\r\n")
    assert out == [Line("ABC123"), Line("XYZ"), Line("5901234123457")]


def test_scan_serial_lines_reject_garbage_and_recover() -> None:
    p = LineParser(max_length=64)
    out = p.feed(b"\xff\xfe\x00\r\n")
    out += p.feed(b"AB\x07CD\r\n")
    out += p.feed(b"9" * 200)
    out += p.feed(b"9" * 200 + b"\r\nOK-1\r\n")
    assert [type(o) for o in out] == [BadLine, BadLine, BadLine, Line]
    assert [o.reason for o in out if isinstance(o, BadLine)] == [
        RejectReason.NOT_UTF8,
        RejectReason.CONTROL_CHARACTERS,
        RejectReason.TOO_LONG,
    ]
    assert out[-1] == Line("OK-1")


def test_scan_serial_lines_default_limit_and_printable_ascii_only() -> None:
    p = LineParser()
    out = p.feed(b"7" * 65 + b"\r\n" + "Zürich1\r\n".encode() + b"www.example.com\r\n12345678\r")
    assert [o.reason for o in out if isinstance(o, BadLine)] == [
        RejectReason.TOO_LONG,
        RejectReason.NOT_ASCII,
        RejectReason.URL,
    ]
    assert out[-1] == Line("12345678")
