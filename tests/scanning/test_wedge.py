"""Keyboard-wedge bursts are told from people typing by their timing alone."""

from __future__ import annotations

from kiosk.scanning.sanitize import RejectReason
from kiosk.scanning.wedge import (
    ENTER,
    Garbage,
    Keystroke,
    Outcome,
    Release,
    Scan,
    WedgeDetector,
)


def typed(
    detector: WedgeDetector[int], text: str, start: float, step: float, enter: bool = True
) -> tuple[list[Outcome[int]], float]:
    """Feed ``text`` (and Enter) one key every ``step`` seconds; return outcomes and end time."""
    out: list[Outcome[int]] = []
    t = start
    chars = list(text) + ([ENTER] if enter else [])
    for i, ch in enumerate(chars):
        out.extend(detector.feed(Keystroke(t, ch, i)))
        t += step
    return out, t - step


def released_text(outcomes: list[Outcome[int]]) -> str:
    return "".join(k.char for o in outcomes if isinstance(o, Release) for k in o.keys)


def test_scan_wedge_fast_burst_with_enter_is_a_scan() -> None:
    d: WedgeDetector[int] = WedgeDetector()
    out, _ = typed(d, "5901234123457", 10.0, 0.012)
    assert out == [Scan("5901234123457")]
    assert not d.holding


def test_scan_wedge_human_typing_passes_through_in_order() -> None:
    d: WedgeDetector[int] = WedgeDetector()
    out, end = typed(d, "4711", 10.0, 0.150)
    out.extend(d.expire(end + 0.041))
    assert not any(isinstance(o, Scan) for o in out)
    assert released_text(out) == "4711" + ENTER
    payloads = [k.payload for o in out if isinstance(o, Release) for k in o.keys]
    assert payloads == [0, 1, 2, 3, 4]


def test_scan_wedge_held_key_waits_at_most_one_gap() -> None:
    d: WedgeDetector[int] = WedgeDetector(gap=0.040)
    assert d.feed(Keystroke(1.0, "7", 0)) == []
    assert d.holding
    assert d.deadline() == 1.040
    assert d.expire(1.030) == []
    out = d.expire(1.041)
    assert released_text(out) == "7"
    assert d.deadline() is None


def test_scan_wedge_short_fast_burst_is_typing() -> None:
    d: WedgeDetector[int] = WedgeDetector(min_length=6)
    out, _ = typed(d, "1234", 5.0, 0.010)
    assert released_text(out) == "1234" + ENTER


def test_scan_wedge_burst_that_slows_down_is_released() -> None:
    d: WedgeDetector[int] = WedgeDetector()
    out, end = typed(d, "ABCDEFG", 1.0, 0.010, enter=False)
    assert out == []
    out = d.feed(Keystroke(end + 0.300, ENTER, 99))
    assert released_text(out) == "ABCDEFG" + ENTER
    assert not any(isinstance(o, Scan) for o in out)


def test_scan_wedge_arrow_key_ends_burst_and_passes() -> None:
    d: WedgeDetector[int] = WedgeDetector()
    out, end = typed(d, "ABC", 1.0, 0.010, enter=False)
    out = d.feed(Keystroke(end + 0.005, "", 42))
    assert [k.payload for o in out if isinstance(o, Release) for k in o.keys] == [0, 1, 2, 42]


def test_scan_wedge_prefix_required_and_stripped() -> None:
    d: WedgeDetector[int] = WedgeDetector(prefix="~")
    # Without the prefix even a fast burst is typing, and passes at once (nothing held).
    out = d.feed(Keystroke(1.0, "9", 0))
    assert released_text(out) == "9"
    assert not d.holding
    out, _ = typed(d, "~PARCEL-42", 2.0, 0.008)
    assert out == [Scan("PARCEL-42")]


def test_scan_wedge_prefix_then_slow_typing_is_not_a_scan() -> None:
    d: WedgeDetector[int] = WedgeDetector(prefix="~")
    out, end = typed(d, "~PARCEL-42", 2.0, 0.120)
    out.extend(d.expire(end + 1))
    assert not any(isinstance(o, Scan) for o in out)
    assert released_text(out) == "~PARCEL-42" + ENTER


def test_scan_wedge_10kb_burst_is_garbage_and_swallowed() -> None:
    d: WedgeDetector[int] = WedgeDetector(max_length=4096)
    out, end = typed(d, "8" * 10_240, 1.0, 0.002)
    assert out == [Garbage(RejectReason.TOO_LONG, "burst longer than 4096 characters")]
    assert not d.holding
    # The next scan is recognised again.
    out, _ = typed(d, "ABCDEF12", end + 1.0, 0.010)
    assert out == [Scan("ABCDEF12")]


def test_scan_wedge_control_characters_in_burst_are_garbage() -> None:
    d: WedgeDetector[int] = WedgeDetector()
    out, _ = typed(d, "AB\x1bCDEF", 1.0, 0.010)
    assert len(out) == 1
    assert isinstance(out[0], Garbage)
    assert out[0].reason is RejectReason.CONTROL_CHARACTERS


def test_scan_wedge_default_limit_rejects_a_4096_digit_burst() -> None:
    """The contract's 64 characters, not 4,096: a stuck trigger never reaches a flow."""
    d: WedgeDetector[int] = WedgeDetector()
    out, _ = typed(d, "1" * 4096, 10.0, 0.008)
    assert out == [Garbage(RejectReason.TOO_LONG, "burst longer than 64 characters")]
    assert not d.holding
    out, _ = typed(d, "2" * 64, 20.0, 0.008)
    assert out == [Scan("2" * 64)]


def test_scan_wedge_url_burst_is_garbage() -> None:
    d: WedgeDetector[int] = WedgeDetector()
    out, _ = typed(d, "https://x.example/p?id=1", 10.0, 0.008)
    assert len(out) == 1
    assert isinstance(out[0], Garbage)
    assert out[0].reason is RejectReason.URL
