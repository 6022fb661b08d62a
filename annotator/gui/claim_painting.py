"""What the editor draws of claims' links (an overlay of the article view).

When a claim is selected its claimer and cue are framed in the claim's colour
(claimer solid, cue dotted), each with a small tag naming the link; an implicit
claimer is a tag on the claim itself (``claimer: unnamed source``). Selecting
an entity frames, dashed, the claims it is the claimer of. While picking
(:class:`~annotator.gui.claim_links.ClaimLinks`), every candidate is dashed and
the highlighted one framed thick. Rectangles come from the view
(:meth:`ArticleView.span_rects`), so a span that runs right to left, or over two
lines, is framed piece by piece; tags hang from the span's start (its right
edge) or end (its left edge).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen

from annotator.core.links import CLAIMER, Link
from annotator.core.model import Label, Span

if TYPE_CHECKING:
    from annotator.gui.article_view import ArticleView
    from annotator.gui.claim_links import Picking

__all__ = ["ClaimPainting", "LinkSource"]


class LinkSource(Protocol):
    """What is painted: the editor's links (:class:`~annotator.gui.claim_links.ClaimLinks`)
    or gold's (the review window's gold text)."""

    labels: Mapping[str, Label]
    picking: Picking | None

    def shown(self) -> dict[str, Span]: ...
    def selected_span(self) -> str: ...
    def links_of(self, head_id: str) -> list[Link]: ...
    def links_to(self, child_id: str) -> list[Link]: ...


def _visible_range(view: ArticleView, rect: QRect) -> tuple[int, int]:
    """Code points that may show in ``rect``: from the start of the first line's
    paragraph to the end of the last's (right to left or not, the corners say)."""
    corners = (rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight())
    offsets = [view.offset_at(point) for point in corners]
    text = view.stored_text()
    lo = text.rfind("\n", 0, min(offsets)) + 1
    hi = text.find("\n", max(offsets))
    return lo, len(text) if hi == -1 else hi


class ClaimPainting:
    """Paints the claim links of one view, as its :class:`LinkSource` knows them."""

    def __init__(self, links: LinkSource) -> None:
        self._links = links

    def paint(self, view: ArticleView, rect: QRect) -> None:
        """Frames and tags of the selected span's links, or of the candidates being picked."""
        links = self._links
        spans = links.shown()
        painter = QPainter(view.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        try:
            picking = links.picking
            if picking is not None and picking.head.id not in spans:
                links.picking = picking = None  # another document is shown
            if picking is not None:
                color = self._color(picking.head)
                current = picking.highlighted()
                lo, hi = _visible_range(view, rect)
                for span in picking.candidates:
                    # Only what is in view: a long article has a thousand candidates.
                    if span is not current and span.start <= hi and span.end >= lo:
                        self._frame(painter, view, span, color, 1.2, Qt.PenStyle.DashLine)
                if current is not None:
                    self._frame(painter, view, current, color, 3.0, Qt.PenStyle.SolidLine)
                    self._tag(painter, view, current, picking.link_type.name + "?", color)
                return
            selected = spans.get(links.selected_span())
            if selected is None:
                return
            color = self._color(selected)
            implicit = []
            for link in links.links_of(selected.id):
                child = spans.get(link.child) if link.child else None
                if child is None:
                    implicit.append(f"{link.type}: {link.value}")
                    continue
                style = Qt.PenStyle.SolidLine if link.type == CLAIMER else Qt.PenStyle.DotLine
                self._frame(painter, view, child, color, 2.5, style)
                self._tag(painter, view, child, link.type, color)
            if implicit:
                self._tag(painter, view, selected, " · ".join(implicit), color, at_start=True)
            for link in links.links_to(selected.id):
                head = spans.get(link.head)
                if head is not None:
                    head_color = self._color(head)
                    self._frame(painter, view, head, head_color, 1.5, Qt.PenStyle.DashLine)
                    self._tag(painter, view, head, f"{link.type} ←", head_color, at_start=True)
        finally:
            painter.end()

    def _color(self, span: Span) -> QColor:
        label = self._links.labels.get(span.label)
        return QColor(label.color if label is not None else "#aa3377")

    @staticmethod
    def _frame(
        painter: QPainter,
        view: ArticleView,
        span: Span,
        color: QColor,
        width: float,
        style: Qt.PenStyle,
    ) -> None:
        painter.setPen(QPen(color, width, style))
        for r in view.span_rects(span.start, span.end):
            painter.drawRoundedRect(r.adjusted(-2, -1, 2, 1), 3, 3)

    @staticmethod
    def _tag(
        painter: QPainter,
        view: ArticleView,
        span: Span,
        text: str,
        color: QColor,
        *,
        at_start: bool = False,
    ) -> None:
        """A small box under the span's end (its left edge, right to left), or its start."""
        rects = view.span_rects(span.start, span.end)
        if not rects:
            return
        metrics = QFontMetrics(view.tag_font)
        width = metrics.horizontalAdvance(text) + 6
        height = metrics.height()
        # Right to left, a span starts at the right edge of its first piece and
        # ends at the left edge of its last: the tag hangs inwards from there.
        piece = rects[0] if at_start else rects[-1]
        left = piece.right() - width if at_start else piece.left()
        box = QRectF(left, piece.bottom() - height / 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color.darker(130))
        painter.drawRoundedRect(box, 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setFont(view.tag_font)
        painter.setPen(QColor("white"))
        # drawText paints plain text: a link type or value from a label file stays text.
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
