"""Code point <-> UTF-16 conversion (pure Python, no Qt)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.gui.offsets import OffsetMap, block_of, block_starts, display_text


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_identity_without_astral_characters() -> None:
    m = OffsetMap("البوكمال\u00a0١ كم")
    assert m.identity
    assert [m.to_utf16(i) for i in range(5)] == list(range(5))
    assert m.utf16_length == len("البوكمال\u00a0١ كم")


def test_emoji_shifts_later_positions_by_one() -> None:
    text = "🙂 في البوكمال"
    m = OffsetMap(text)
    start = text.index("البوكمال")
    assert m.to_utf16(start) == start + 1
    assert m.to_code_point(start + 1) == start
    assert m.range_to_code_points(start + 1, start + 1 + len("البوكمال")) == (
        start,
        start + len("البوكمال"),
    )


def test_inside_a_surrogate_pair_rounds_to_a_whole_character() -> None:
    m = OffsetMap("a😀b")
    assert m.to_code_point(2) == 1  # between the halves: the emoji's start
    assert m.to_code_point(2, round_up=True) == 2
    assert m.range_to_code_points(2, 2) == (1, 2)


def test_out_of_range_is_an_error() -> None:
    m = OffsetMap("abc")
    with pytest.raises(ValueError):
        m.to_utf16(4)
    with pytest.raises(ValueError):
        m.to_code_point(-1)


def test_blocks_follow_qt_separators() -> None:
    text = "a\nbb\u2029c\rd\u2028e"
    starts = block_starts(text)
    assert starts == [0, 2, 5, 7]  # \u2028 is a line break inside a block, not a block
    assert block_of(starts, 0) == 0 and block_of(starts, 4) == 1 and block_of(starts, 8) == 3
    assert display_text("x\r\ny") == "x\n\ny"  # Qt would fold \r\n into one position
    assert len(display_text("x\r\ny")) == 4


@given(st.text(alphabet=st.sampled_from("اب ت\n\u00a0😀🙂x𝔸"), max_size=60))
def test_round_trip_matches_utf16_encoding(text: str) -> None:
    m = OffsetMap(text)
    assert m.utf16_length == utf16_len(text)
    for i in range(len(text) + 1):
        u = m.to_utf16(i)
        assert u == utf16_len(text[:i])
        assert m.to_code_point(u) == i
