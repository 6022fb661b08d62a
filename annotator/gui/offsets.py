"""Code points <-> Qt positions, at the one boundary where they meet.

The core stores Python code-point offsets into the stored text (DESIGN.md,
"Offsets — the invariant"). Qt counts UTF-16 code units, and a
``QTextDocument`` counts one position per block separator. Both maps here are
built from the *stored* text, never from text read back out of a widget
(``toPlainText()`` turns NBSP into spaces and paragraph separators into ``\\n``).

Pure Python: no Qt import, so it is tested without a display.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

__all__ = ["BLOCK_SEPARATORS", "OffsetMap", "block_of", "block_starts", "display_text"]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# Characters a QTextDocument turns into a block boundary when it loads plain text.
# Each becomes exactly one position, except "\r\n", which Qt folds into one:
# display_text() breaks that pair up so positions never shift.
BLOCK_SEPARATORS = "\n\r\u2029\ufdd0\ufdd1"
_SEPARATOR = re.compile("[" + BLOCK_SEPARATORS + "]")


def display_text(text: str) -> str:
    """The text to hand to ``QPlainTextEdit.setPlainText``: same length, same positions.

    Only ``\\r`` changes (to ``\\n``): Qt would fold ``\\r\\n`` into one block
    separator and shift every later position by one. Cleaned text has no CRLF,
    but a stray ``\\r`` must not break the invariant.
    """
    return text.replace("\r", "\n") if "\r" in text else text


def block_starts(text: str) -> list[int]:
    """Code-point offset where each block (paragraph) of the Qt document starts."""
    if not any(sep in text for sep in BLOCK_SEPARATORS[1:]):
        # Only "\n" (the usual case): split and add up, ~3× faster than a regex scan.
        starts = [0]
        starts += accumulate(len(line) + 1 for line in text.split("\n")[:-1])
        return starts
    return [0] + [m.end() for m in _SEPARATOR.finditer(text)]


class OffsetMap:
    """Converts between code-point offsets and UTF-16 positions of one text.

    Every character outside the Basic Multilingual Plane (emoji, some CJK) is
    two UTF-16 units, so each shifts the Qt positions after it by one. A text
    without any costs nothing: both conversions are the identity.
    """

    __slots__ = ("_astral", "_astral_u16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        #: code-point offsets of the astral characters, ascending
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        #: UTF-16 position of each of them (each earlier one adds one unit)
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral)]
        self.length = len(text)
        self.utf16_length = len(text) + len(self._astral)

    @property
    def identity(self) -> bool:
        """True when code points and UTF-16 positions coincide (no astral characters)."""
        return not self._astral

    def to_utf16(self, offset: int) -> int:
        """UTF-16 position of code-point ``offset`` (0 ≤ offset ≤ len(text))."""
        if not 0 <= offset <= self.length:
            raise ValueError(f"code-point offset {offset} outside 0..{self.length}")
        if not self._astral:
            return offset
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, position: int, *, round_up: bool = False) -> int:
        """Code-point offset of UTF-16 ``position``.

        A position between the two halves of a surrogate pair (Qt should never
        give one, but a click can land there through an input method) goes to
        the start of that character, or past it with ``round_up``, so a range
        never cuts a character in two.
        """
        if not 0 <= position <= self.utf16_length:
            raise ValueError(f"UTF-16 position {position} outside 0..{self.utf16_length}")
        if not self._astral:
            return position
        # astral characters that start strictly before `position`
        k = bisect_left(self._astral_u16, position)
        if k and self._astral_u16[k - 1] + 1 == position:  # inside a surrogate pair
            return self._astral[k - 1] + (1 if round_up else 0)
        return position - k

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)

    def range_to_code_points(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 range as a code-point range that covers every character it touches."""
        if start > end:
            start, end = end, start
        return self.to_code_point(start), self.to_code_point(end, round_up=True)


def block_of(starts: list[int], offset: int) -> int:
    """Index of the block holding code-point ``offset`` (``starts`` from :func:`block_starts`)."""
    return bisect_right(starts, offset) - 1
