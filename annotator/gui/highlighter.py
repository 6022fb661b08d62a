"""Painting spans: entities and places as backgrounds, claims as an underline.

:class:`SpanIndex` holds the open document's spans by block (paragraph), so
the highlighter finds a block's spans in O(1) and an edit repaints only the
blocks it touched, never the whole document. :class:`SpanHighlighter` turns
them into formats, only for the blocks being painted. Formats are built once per
look and cached: a ``QTextCharFormat`` setter per span would also hit the
PySide6 6.12 / CPython 3.11 ``none_dealloc`` abort (DESIGN.md, "Known platform
facts").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from annotator.core.model import Label, LabelKind, Span
from annotator.gui.common import mix
from annotator.gui.offsets import OffsetMap, block_of, block_starts

__all__ = ["SpanHighlighter", "SpanIndex"]


class SpanIndex:
    """The spans of the open document: in text order, by id, and per block.

    Built for a 1 MB article with 10,000 spans: loading does only cheap
    whole-list work (the core already returns spans in text order), and the
    spans of a block are found when that block is painted, by binary search
    over the span starts. A span may start in an earlier block (a claim over
    two paragraphs): it starts at most :attr:`_longest` characters earlier, so
    the search looks back that far.

    Offsets are code points (the core's); :attr:`offsets` converts them for Qt.
    """

    def __init__(self) -> None:
        self.reset("", [])

    def reset(self, text: str, spans: Iterable[Span]) -> None:
        self.text = text
        self.offsets = OffsetMap(text)
        self.block_starts = block_starts(text)
        self.selected = ""
        ordered = list(spans)
        keys = [(s.start, s.end, s.id) for s in ordered]
        if keys != sorted(keys):  # the core returns text order; C-speed check anyway
            pairs = sorted(zip(keys, ordered, strict=True), key=lambda p: p[0])
            keys = [k for k, _ in pairs]
            ordered = [s for _, s in pairs]
        #: spans in (start, end, id) order, their keys and starts, kept sorted on every change
        self._sorted: list[Span] = ordered
        self._keys: list[tuple[int, int, str]] = keys
        self._starts: list[int] = [k[0] for k in keys]
        self._longest = max((k[1] - k[0] for k in keys), default=0)
        self._by_id: dict[str, Span] | None = None
        self._blocks: dict[int, list[Span]] = {}

    def __len__(self) -> int:
        return len(self._sorted)

    @property
    def spans(self) -> dict[str, Span]:
        """Spans by id (built on first use)."""
        if self._by_id is None:
            self._by_id = {s.id: s for s in self._sorted}
        return self._by_id

    def blocks_of(self, start: int, end: int) -> range:
        """Block numbers a code-point range touches (an empty range: its block)."""
        first = block_of(self.block_starts, start)
        last = block_of(self.block_starts, max(start, end - 1))
        return range(first, last + 1)

    def block_range(self, block: int) -> tuple[int, int]:
        """Code-point range of a block's text, without its separator."""
        start = self.block_starts[block]
        if block + 1 < len(self.block_starts):
            return start, self.block_starts[block + 1] - 1
        return start, len(self.text)

    def in_block(self, block: int) -> list[Span]:
        """Spans touching block number ``block``, in text order."""
        found = self._blocks.get(block)
        if found is None:
            lo, hi = self.block_range(block)
            hi = max(hi, lo + 1)  # an empty block still "holds" a span crossing it
            first = bisect_left(self._starts, lo - self._longest)
            last = bisect_left(self._starts, hi)
            found = [s for s in self._sorted[first:last] if s.end > lo]
            self._blocks[block] = found
        return found

    def put(self, span: Span) -> set[int]:
        """Add or replace a span; returns the blocks to repaint."""
        selected = self.selected
        blocks = self.discard(span.id)
        self.selected = selected
        key = _key(span)
        i = bisect_left(self._keys, key)
        self._keys.insert(i, key)
        self._sorted.insert(i, span)
        self._starts.insert(i, span.start)
        self._longest = max(self._longest, span.end - span.start)
        if self._by_id is not None:
            self._by_id[span.id] = span
        touched = set(self.blocks_of(span.start, span.end))
        for block in touched:
            self._blocks.pop(block, None)
        return blocks | touched

    def discard(self, span_id: str) -> set[int]:
        """Forget a span (if present); returns the blocks to repaint."""
        old = self.spans.pop(span_id, None)
        if old is None:
            return set()
        i = bisect_left(self._keys, _key(old))
        if i < len(self._keys) and self._keys[i][2] == span_id:
            del self._keys[i]
            del self._sorted[i]
            del self._starts[i]
        if self.selected == span_id:
            self.selected = ""
        touched = set(self.blocks_of(old.start, old.end))
        for block in touched:
            self._blocks.pop(block, None)
        return touched

    def get(self, span_id: str) -> Span | None:
        return self.spans.get(span_id)

    def at(self, offset: int) -> list[Span]:
        """Spans holding the character at ``offset``, shortest first."""
        if not self.text:
            return []
        block = block_of(self.block_starts, min(offset, len(self.text) - 1))
        hits = [s for s in self.in_block(block) if s.start <= offset < s.end]
        return sorted(hits, key=lambda s: (s.end - s.start, s.start))

    def sorted_spans(self) -> list[Span]:
        """All spans by (start, end, id): the order of the span list. Do not modify."""
        return self._sorted

    def position(self, span_id: str) -> int:
        """Index of a span in :meth:`sorted_spans` (-1 when absent). O(log n)."""
        span = self.spans.get(span_id)
        if span is None:
            return -1
        i = bisect_left(self._keys, _key(span))
        return i if i < len(self._keys) and self._keys[i][2] == span_id else -1


def _key(span: Span) -> tuple[int, int, str]:
    return (span.start, span.end, span.id)


class SpanHighlighter:
    """Formats blocks from a :class:`SpanIndex`, lazily, as they are painted.

    A ``QSyntaxHighlighter`` formats every block of the document when the text
    loads (DESIGN.md's baseline: ~0.08 s for 10,000 spans over 1 MB). Here the
    view calls :meth:`ensure_formatted` for the blocks it is about to paint, so
    opening costs O(visible blocks) whatever the document's size, and an edit
    reformats only the blocks it touched (:meth:`rehighlight_blocks`).

    ``QTextLayout.setFormats`` is what ``QSyntaxHighlighter`` uses underneath;
    it drops the block's line layout, which ``QPlainTextDocumentLayout``
    redoes on the next ``blockBoundingRect`` (colour and underline never change
    a block's height, so nothing else moves).

    Entities and places never overlap each other (a core rule), so a block
    without claims needs one range per span. Claims may overlap anything: those
    blocks are cut at every span edge and each piece gets the combined look
    (entity background + claim underline).
    """

    def __init__(
        self, document: QTextDocument, index: SpanIndex, labels: Sequence[Label] = ()
    ) -> None:
        self._document = document
        self._index = index
        self._formats: dict[tuple[object, ...], QTextCharFormat] = {}
        self._colors: dict[str, QColor] = {}
        self._claim: dict[str, bool] = {}
        self._place: dict[str, bool] = {}
        #: blocks whose layout carries the current formats (numbers; reset on load)
        self._done: set[int] = set()
        self.set_labels(labels)

    def set_labels(self, labels: Sequence[Label]) -> None:
        self._colors = {label.name: QColor(label.color) for label in labels}
        self._claim = {label.name: label.kind is LabelKind.CLAIM for label in labels}
        self._place = {label.name: label.kind is LabelKind.PLACE for label in labels}
        self._formats.clear()

    def is_claim(self, label: str) -> bool:
        return self._claim.get(label, False)

    def color(self, label: str) -> QColor:
        return self._colors.get(label, QColor("#cccccc"))

    def document_loaded(self) -> None:
        """The document's text was (re)set: its blocks are new and unformatted."""
        self._done.clear()

    def rehighlight(self) -> None:
        """Every block is stale (new spans or colours): reformat as they are painted,
        and clear the formats of blocks that had some."""
        for number in list(self._done):
            block = self._document.findBlockByNumber(number)
            if block.isValid() and block.layout().formats():
                block.layout().setFormats([])
        self._done.clear()

    def rehighlight_blocks(self, blocks: Iterable[int]) -> None:
        """Reformat these blocks now (after an edit)."""
        for number in blocks:
            block = self._document.findBlockByNumber(number)
            if block.isValid():
                self._done.discard(number)
                self.ensure_formatted(block)

    def ensure_formatted(self, block: QTextBlock) -> None:
        """Give ``block`` its span formats unless it has them already."""
        number = block.blockNumber()
        if number in self._done:
            return
        self._done.add(number)
        layout = block.layout()
        ranges = self._ranges(block)
        # setFormats drops the line layout: skip it when nothing changes.
        if ranges or layout.formats():
            layout.setFormats(ranges)

    def char_format(
        self,
        entity: str | None,
        entity_selected: bool,
        claim: str | None,
        claims: int,
        claim_selected: bool,
    ) -> QTextCharFormat:
        key = (entity, entity_selected, claim, min(claims, 2), claim_selected)
        fmt = self._formats.get(key)
        if fmt is not None:
            return fmt
        fmt = QTextCharFormat()
        if entity is not None:
            color = QColor(self.color(entity))
            fmt.setBackground(color.darker(135) if entity_selected else color)
            # Places also carry a line over them: entities and places differ in
            # greyscale and for any eyes, not by colour alone.
            if self._place.get(entity, False):
                fmt.setFontOverline(True)
        elif claim is not None:
            # A light tint so a claim reads as one stretch; entities inside keep their
            # colour. Opaque (mixed with white): translucent pieces would darken
            # where two of them meet.
            fmt.setBackground(mix(self.color(claim), 0.32 if claim_selected else 0.13))
        if claim is not None:
            # Wave for two or more claims over the same characters.
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.WaveUnderline
                if claims > 1
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
            fmt.setUnderlineColor(self.color(claim))
        self._formats[key] = fmt
        return fmt

    def _range(self, start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
        r = QTextLayout.FormatRange()
        r.start = start
        r.length = length
        r.format = fmt
        return r

    def _ranges(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        spans = self._index.in_block(block.blockNumber())
        if not spans:
            return []
        base = block.position()
        length = block.length() - 1  # UTF-16 units
        to16 = self._index.offsets.to_utf16
        selected = self._index.selected
        pieces = []
        any_claim = False
        for span in spans:
            a = max(to16(span.start) - base, 0)
            b = min(to16(span.end) - base, length)
            if b > a:
                claim = self._claim.get(span.label, False)
                any_claim = any_claim or claim
                pieces.append((a, b, span, claim))
        if not any_claim:
            # Outer entities first: a nested one's colour is laid over its outer one's.
            pieces.sort(key=lambda p: p[0] - p[1])
            return [
                self._range(
                    a, b - a, self.char_format(span.label, span.id == selected, None, 0, False)
                )
                for a, b, span, _ in pieces
            ]
        ranges = []
        cuts = sorted({p for a, b, _, _ in pieces for p in (a, b)})
        for left, right in zip(cuts, cuts[1:], strict=False):
            entity = claim_label = None
            entity_selected = claim_selected = False
            entity_length: int | None = None
            claims = 0
            for a, b, span, claim in pieces:
                if a <= left and right <= b:
                    if claim:
                        claims += 1
                        if claim_label is None or span.id == selected:
                            claim_label = span.label
                        claim_selected = claim_selected or span.id == selected
                    elif entity_length is None or b - a < entity_length:
                        # The innermost entity shows (nested inside another).
                        entity, entity_selected = span.label, span.id == selected
                        entity_length = b - a
            if entity is not None or claims:
                ranges.append(
                    self._range(
                        left,
                        right - left,
                        self.char_format(
                            entity, entity_selected, claim_label, claims, claim_selected
                        ),
                    )
                )
        return ranges
