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
        painter = QPainter(view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        font = QFont(view.tag_font)
        font.setPointSizeF(font.pointSizeF() * 1.4)  # a "?" alone must still read
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for s in visible:
            color = QColor(self._color_of(s.label)).darker(190)
            selected = s.id == self.selected
            pen = QPen(color, 2.5 if selected else 1.5)
            pen.setStyle(Qt.PenStyle.SolidLine if selected else Qt.PenStyle.DotLine)
            painter.setPen(pen)
            rects = view.span_rects(s.start, s.end)
            # One inside another (a nested term) is drawn inside the outer outline.
            inset = (
                3
                if any(
                    o is not s
                    and o.start <= s.start
                    and s.end <= o.end
                    and (o.end - o.start) > (s.end - s.start)
                    for o in visible
                )
                else 0
            )
            for r in rects:
                painter.drawRoundedRect(
                    r.adjusted(-1 + inset, 1 + inset, 1 - inset, -1 - inset), 3, 3
                )
            if rects:
                self._paint_tag(painter, metrics, rects[0], color, selected=selected)
        painter.end()

    @staticmethod
    def _paint_tag(
        painter: QPainter, metrics: QFontMetrics, first: QRectF, color: QColor, *, selected: bool
    ) -> None:
        # The start of a right-to-left span is its right edge: the "?" sits there,
        # above the line, like a span's label tag but hollow.
        width = metrics.horizontalAdvance(_TAG) + 4
        box = QRectF(first.right() - width / 2, first.top() - 1, width, metrics.height())
        if selected:
            painter.fillRect(box, color)
            painter.setPen(QColor("white"))
        else:
            painter.fillRect(box, QColor(255, 255, 255, 220))
            painter.setPen(color)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, _TAG)

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
