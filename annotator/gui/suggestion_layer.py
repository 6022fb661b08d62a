"""The open document's suggestions as the article view paints them: a dotted
outline in the label's colour, no fill, a small "?" at the start; the selected
one framed solid. Never a span: they are read from ``project.suggestions``
and become one only when accepted (:mod:`annotator.gui.suggestion_controls`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextCursor

from annotator.core.suggestion_model import GAZETTEER, Suggestion
from annotator.core.suggestions import suggestion_at
from annotator.gui.common import plain
from annotator.gui.i18n import fill, translate

if TYPE_CHECKING:
    from annotator.gui.article_view import ArticleView

__all__ = ["SuggestionLayer", "source_name"]

_TAG = "?"


def source_name(source: str) -> str:
    """A source as the user reads it (the gazetteer is named in their language)."""
    return translate("Suggestions", "gazetteer") if source == GAZETTEER else source


class SuggestionLayer:
    """The suggestions of the open document, in text order, and which one is selected.

    :param color_of: a label's colour (the highlighter's), for the outline.
    """

    def __init__(self, color_of: Callable[[str], str]) -> None:
        self._color_of = color_of
        self._items: list[Suggestion] = []
        self._starts: list[int] = []
        self._longest = 0
        self._selected = ""
        self._selected_place: tuple[str, int, int] | None = None
        self.shown = True

    @property
    def selected(self) -> str:
        """The selected suggestion's id ("" for none)."""
        return self._selected

    @selected.setter
    def selected(self, suggestion_id: str) -> None:
        self._selected = suggestion_id
        s = self.get(suggestion_id) if suggestion_id else None
        self._selected_place = (s.label, s.start, s.end) if s is not None else None

    def set(self, suggestions: Sequence[Suggestion]) -> None:
        """Show these (the file's, for the open document); the selection is kept
        when the same suggestion is still there."""
        self._items = sorted(suggestions, key=lambda s: (s.start, s.end, s.id))
        self._starts = [s.start for s in self._items]
        self._longest = max((s.end - s.start for s in self._items), default=0)
        if self.selected and self.get(self.selected) is None:
            # Made again (new ids): the same label and characters stay selected.
            was = self._selected_place
            again = next((s for s in self._items if (s.label, s.start, s.end) == was), None)
            self.selected = again.id if again is not None else ""

    def suggestions(self) -> list[Suggestion]:
        return list(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def get(self, suggestion_id: str) -> Suggestion | None:
        return next((s for s in self._items if s.id == suggestion_id), None)

    def at(self, offset: int) -> Suggestion | None:
        """The suggestion under the cursor (the shortest holding ``offset``)."""
        return suggestion_at(self._items, offset)

    def overlapping(self, start: int, end: int) -> list[Suggestion]:
        """Suggestions touching ``start``–``end`` (binary search: a page of a long
        article is painted without walking every suggestion)."""
        first = bisect.bisect_left(self._starts, start - self._longest)
        last = bisect.bisect_right(self._starts, end)
        return [s for s in self._items[first:last] if s.start < end and start < s.end]

    # --- painting (called at the end of ArticleView.paintEvent) ----------------

    def paint(self, view: ArticleView, rect: QRect) -> None:
        if not self.shown or not self._items:
            return
        first, last = _visible_range(view, rect)
        visible = self.overlapping(first, last)
        if not visible:
            return
        # Gathered by colour and drawn in a few calls: per-suggestion Qt calls from
        # Python were most of the cost (bench_suggest_gui.py). No antialiasing and
        # one-pixel pens: an antialiased rounded dotted outline cost 0.2 ms each.
        outlines: dict[tuple[str, bool], list[QRectF]] = {}
        tags: dict[tuple[str, bool], list[QRectF]] = {}
        font = QFont(view.tag_font)
        font.setPointSizeF(font.pointSizeF() * 1.4)  # a "?" alone must still read
        metrics = QFontMetrics(font)
        width, height = metrics.horizontalAdvance(_TAG) + 4, metrics.height()
        for s in visible:
            key = (s.label, s.id == self.selected)
            rects = view.span_rects(s.start, s.end)
            if not rects:
                continue
            inset = 3 if _nested(s, visible) else 0  # drawn inside its outer one
            into = outlines.setdefault(key, [])
            for r in rects:
                outline = r.adjusted(-1 + inset, 1 + inset, 1 - inset, -1 - inset)
                # Two one-pixel outlines read as a two-pixel one at a fifth of its cost.
                into += [outline, outline.adjusted(1, 1, -1, -1)]
                if key[1]:
                    into.append(outline.adjusted(2, 2, -2, -2))
            # The start of a right-to-left span is its right edge: the "?" sits there,
            # above the line, like a span's label tag but hollow.
            first = rects[0]
            tags.setdefault(key, []).append(
                QRectF(first.right() - width / 2, first.top() - 1, width, height)
            )
        painter = QPainter(view.viewport())
        painter.setFont(font)
        white = QColor(255, 255, 255, 230)
        for (label, selected), rects in outlines.items():
            color = QColor(self._color_of(label)).darker(190)
            pen = QPen(color, 1)
            pen.setStyle(Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(rects)
            boxes = tags.get((label, selected), [])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color if selected else white)
            painter.drawRects(boxes)
            painter.setPen(QColor("white") if selected else color)
            for box in boxes:
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, _TAG)
        painter.end()

    # --- tooltip ----------------------------------------------------------------

    def tooltip_lines(self, offset: int) -> list[str]:
        """Rich-text lines (data escaped) for the suggestions at ``offset``."""
        lines = []
        for s in self.overlapping(offset, offset + 1):
            text = fill(
                translate("Suggestions", "Suggested %1 · %2 · score %3"),
                s.label,
                source_name(s.source),
                f"{s.score:.2f}",
            )
            counts = s.attrs.get("counts")
            if isinstance(counts, dict) and len(counts) > 1:
                seen = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
                text += " · " + fill(translate("Suggestions", "seen as %1"), seen)
            lines.append(f"<i>{plain(text)}</i>")
        if lines:
            lines.append(
                plain(translate("Suggestions", "Enter: accept · Delete: reject · Tab: next"))
            )
        return lines


def _nested(s: Suggestion, others: Sequence[Suggestion]) -> bool:
    """Whether ``s`` lies inside a longer one of ``others``."""
    length = s.end - s.start
    return any(o.start <= s.start and s.end <= o.end and o.end - o.start > length for o in others)


def _visible_range(view: ArticleView, rect: QRect) -> tuple[int, int]:
    """The code points of the blocks that intersect ``rect``."""
    block = view.firstVisibleBlock()
    offset = view.contentOffset()
    first = block.position()
    last = first
    while block.isValid():
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > rect.bottom():
            break
        last = block.position() + block.length()
        block = block.next()
    cursor = QTextCursor(view.document())
    cursor.setPosition(first)
    start = view.cursor_offset(cursor)
    cursor.setPosition(max(first, min(last, view.document().characterCount() - 1)))
    return start, view.cursor_offset(cursor)
