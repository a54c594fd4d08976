"""KR-CU16 frames: every test vector of the spec, and the streaming decoder's resync rules."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.hardware.cu16 import (
    RCMD_READ_ALL,
    RCMD_STATUS,
    Cu16Decoder,
    Cu16Protocol,
    Cu16Settings,
    address,
    checksum,
    decode_reply,
    encode_reply,
    hook_mask,
)
from kiosk.hardware.protocol import BoardProtocol, DropReason


def hx(text: str) -> bytes:
    return bytes.fromhex(text)


CU16 = Cu16Protocol()

# ---------------------------------------------------------------- spec test vectors (requests)


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        pytest.param(CU16.unlock_request(0, 1).frame, "02 00 31 03 36", id="unlock b0 l1"),
        pytest.param(CU16.unlock_request(0, 16).frame, "02 0F 31 03 45", id="unlock b0 l16"),
        pytest.param(CU16.unlock_request(1, 3).frame, "02 12 31 03 48", id="unlock b1 l3"),
        pytest.param(CU16.status_request(0).frame, "02 00 30 03 35", id="status b0"),
        pytest.param(CU16.status_request(1).frame, "02 10 30 03 45", id="status b1"),
        pytest.param(CU16.status_request(2).frame, "02 20 30 03 55", id="status b2"),
        pytest.param(CU16.unlock_all_request(0).frame, "02 00 33 03 38", id="unlock-all b0"),
        pytest.param(CU16.read_all_request().frame, "02 F0 32 03 27", id="read-all F0"),
    ],
)
def test_request_vectors(frame: bytes, expected: str) -> None:
    assert frame == hx(expected)


def test_read_all_with_broadcast_setting_00() -> None:
    proto = Cu16Protocol(Cu16Settings(broadcast_addr=0x00))
    assert proto.read_all_request().frame == hx("02 00 32 03 37")


def test_cu16_satisfies_the_board_protocol_interface() -> None:
    proto: BoardProtocol = CU16
    assert proto.locks_per_board == 16
    assert proto.max_board == 15


def test_unlock_reply_setting_decides_whether_a_reply_is_expected() -> None:
    assert CU16.unlock_request(1, 3).reply_command == RCMD_STATUS
    none = Cu16Protocol(Cu16Settings(unlock_reply="none"))
    assert none.unlock_request(1, 3).reply_command is None
    assert none.unlock_all_request(1).reply_command is None
    assert none.status_request(1).reply_command == RCMD_STATUS


# ---------------------------------------------------------------- spec test vectors (replies)

ALL_CLOSED_BUT_3 = tuple(lock != 3 for lock in range(1, 17))


def test_reply_vector_board0_lock3_open_item_in_lock1() -> None:
    frame = hx("02 00 35 FB FF 01 00 03 35")
    assert encode_reply(0, RCMD_STATUS, hook_mask(ALL_CLOSED_BUT_3, 1), 0x0001) == frame
    reply = decode_reply(frame)
    assert reply.board == 0
    assert reply.command == RCMD_STATUS
    assert reply.closed == ALL_CLOSED_BUT_3
    assert reply.items == (True,) + (False,) * 15


def test_reply_vector_board1_lock3_open_no_items() -> None:
    frame = hx("02 10 35 FB FF 00 00 03 44")
    assert encode_reply(1, RCMD_STATUS, hook_mask(ALL_CLOSED_BUT_3, 1), 0) == frame
    reply = decode_reply(frame)
    assert reply.board == 1
    assert reply.closed == ALL_CLOSED_BUT_3
    assert reply.items == (False,) * 16


def test_reply_vector_read_all_board0_all_closed() -> None:
    frame = hx("02 00 36 FF FF 00 00 03 39")
    assert encode_reply(0, RCMD_READ_ALL, hook_mask((True,) * 16, 1), 0) == frame
    reply = decode_reply(frame)
    assert reply.command == RCMD_READ_ALL
    assert reply.closed == (True,) * 16


def test_inverted_hook_polarity_reads_the_same_bytes_the_other_way() -> None:
    reply = decode_reply(hx("02 10 35 FB FF 00 00 03 44"), hook_closed_bit=0)
    assert reply.closed == tuple(not c for c in ALL_CLOSED_BUT_3)
    assert hook_mask(ALL_CLOSED_BUT_3, 0) == 0x0004


def test_reply_address_low_nibble_is_ignored() -> None:
    body = hx("02 1A 35 FF FF 00 00 03")
    reply = decode_reply(body + bytes((checksum(body),)))
    assert reply.board == 1


def test_checksum_wraps_to_a_byte() -> None:
    assert checksum(hx("02 F0 32 03")) == 0x27


@pytest.mark.parametrize(("board", "lock"), [(-1, 1), (16, 1), (0, 0), (0, 17)])
def test_address_rejects_out_of_range(board: int, lock: int) -> None:
    with pytest.raises(ValueError, match="must be"):
        address(board, lock)


@pytest.mark.parametrize(
    "kwargs",
    [{"unlock_reply": "maybe"}, {"hook_closed_bit": 2}, {"broadcast_addr": 0x10}],
)
def test_settings_reject_values_outside_the_spec(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="must be"):
        Cu16Settings(**kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------- streaming decoder

GOOD_B1 = hx("02 10 35 FB FF 00 00 03 44")


def decoder_for_board(board: int = 1) -> Cu16Decoder:
    dec = CU16.decoder()
    dec.expect(CU16.status_request(board))
    return dec


def test_garbage_before_a_frame_is_skipped_and_counted() -> None:
    dec = decoder_for_board()
    replies = dec.feed(b"\xff\x00\x13\x37" + GOOD_B1)
    assert [r.board for r in replies] == [1]
    assert dec.drops == {DropReason.NOISE: 1}


def test_frame_fed_byte_by_byte_is_decoded_once() -> None:
    dec = decoder_for_board()
    out = []
    for b in GOOD_B1:
        out += dec.feed(bytes((b,)))
    assert len(out) == 1
    assert dec.drops == {}


def test_bad_sum_is_dropped_then_the_good_frame_accepted() -> None:
    dec = decoder_for_board()
    bad = GOOD_B1[:-1] + b"\x00"
    assert dec.feed(bad) == []
    assert dec.feed(GOOD_B1)[0].closed == ALL_CLOSED_BUT_3
    assert dec.drops == {DropReason.BAD_SUM: 1}


def test_reply_from_the_wrong_board_is_dropped() -> None:
    dec = decoder_for_board(2)
    assert dec.feed(GOOD_B1) == []
    assert dec.drops == {DropReason.WRONG_BOARD: 1}


def test_reply_with_unexpected_reply_command_is_dropped() -> None:
    dec = decoder_for_board(0)
    assert dec.feed(hx("02 00 36 FF FF 00 00 03 39")) == []
    assert dec.drops == {DropReason.UNEXPECTED_COMMAND: 1}


def test_truncated_frame_then_whole_frame() -> None:
    dec = decoder_for_board()
    replies = dec.feed(GOOD_B1[:4] + GOOD_B1)
    assert len(replies) == 1
    assert dec.drops == {DropReason.TRUNCATED: 1}


def test_partial_frame_at_end_of_window_counts_as_truncated() -> None:
    dec = decoder_for_board()
    assert dec.feed(GOOD_B1[:5]) == []
    dec.flush()
    assert dec.drops == {DropReason.TRUNCATED: 1}
    # The rest arriving later is noise, not a frame.
    assert dec.feed(GOOD_B1[5:]) == []


def test_reply_with_no_request_outstanding_is_discarded() -> None:
    dec = CU16.decoder()
    assert dec.feed(GOOD_B1) == []
    assert dec.drops == {DropReason.UNSOLICITED: 1}


def test_read_all_accepts_every_board() -> None:
    dec = CU16.decoder()
    dec.expect(CU16.read_all_request())
    b0 = hx("02 00 36 FF FF 00 00 03 39")
    b1 = encode_reply(1, RCMD_READ_ALL, 0xFFFF, 0)
    assert [r.board for r in dec.feed(b0 + b1)] == [0, 1]


def test_unlock_without_reply_accepts_nothing() -> None:
    proto = Cu16Protocol(Cu16Settings(unlock_reply="none"))
    dec = proto.decoder()
    dec.expect(proto.unlock_request(1, 3))
    assert dec.feed(GOOD_B1) == []
    assert dec.drops == {DropReason.UNSOLICITED: 1}


frames = st.builds(
    lambda board, hooks, items: encode_reply(board, RCMD_STATUS, hooks, items),
    st.just(1),
    st.integers(0, 0xFFFF),
    st.integers(0, 0xFFFF),
)


@given(noise=st.binary(max_size=40).map(lambda b: b.replace(b"\x02", b"")), frame=frames)
def test_any_noise_without_stx_never_hides_the_next_frame(noise: bytes, frame: bytes) -> None:
    dec = decoder_for_board()
    replies = dec.feed(noise + frame)
    assert len(replies) == 1
    assert replies[0] == decode_reply(frame)


@given(data=st.binary(max_size=200), cuts=st.lists(st.integers(0, 200), max_size=6))
def test_arbitrary_bytes_in_any_chunks_never_raise(data: bytes, cuts: list[int]) -> None:
    dec = decoder_for_board()
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    for a, b in itertools.pairwise(bounds):
        for reply in dec.feed(data[a:b]):
            assert reply.board == 1
    dec.flush()


@given(stream=st.lists(frames, min_size=1, max_size=5), cut=st.integers(1, 8))
def test_chunking_does_not_change_what_is_decoded(stream: list[bytes], cut: int) -> None:
    whole = b"".join(stream)
    one = decoder_for_board()
    expected = one.feed(whole)
    chunked = decoder_for_board()
    got = []
    for i in range(0, len(whole), cut):
        got += chunked.feed(whole[i : i + cut])
    assert got == expected
    assert len(got) == len(stream)
