"""The article as the editor shows it: read-only, right to left, spans painted lazily.

:class:`ArticleView` turns mouse gestures into requests for the editor
(a double click asks for the token, a triple click for the sentence, a
release says a selection is finished), formats only the blocks it is about to
paint (:class:`~annotator.gui.highlighter.SpanHighlighter`) and paints a small
label tag at the start of every visible entity.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QTextCursor,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip, QWidget

from annotator.core.model import Label, Span
from annotator.gui.common import configure_rtl, plain, when
from annotator.gui.fonts import DEFAULT_POINT_SIZE, arabic_font
from annotator.gui.highlighter import SpanHighlighter, SpanIndex
from annotator.gui.span_painting import SpanPainting

__all__ = ["ArticleView", "Overlay"]

_MIN_POINT_SIZE, _MAX_POINT_SIZE = 6.0, 72.0


class Overlay(Protocol):
    """Something an editor feature paints over the article (see ``ArticleView.overlays``)."""

    def paint(self, view: ArticleView, rect: QRect) -> None:
        """Paint on ``view.viewport()`` within ``rect`` (``view.span_rects`` places spans)."""


class ArticleView(QPlainTextEdit):
    """The article view. Mouse and keys go to the editor; label tags are painted here.

    :signal token_requested(QPoint): a double click there (select the token).
    :signal sentence_requested(QPoint): a triple click there (select the sentence).
    :signal selection_finished(bool, bool): the left button was released;
        ``exact`` (Alt held) and ``sentence`` (it ended a triple click).
    :signal zoom_requested(int): Ctrl+wheel, in steps.
    """

    token_requested = Signal(QPoint)
    sentence_requested = Signal(QPoint)
    selection_finished = Signal(bool, bool)
    zoom_requested = Signal(int)

    def __init__(self, index: SpanIndex, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._index = index
        self._press_alt = False
        self._last_double: tuple[float, QPoint] | None = None
        self._in_triple = False
        self.show_tags = True
        #: the editor's key handling (labels, Delete, Escape); True when it took the key
        self.key_handler: Callable[[QKeyEvent], bool] = lambda _event: False
        #: the tooltip text (rich text, data escaped) for a point of the viewport
        self.tooltip_for: Callable[[QPoint], str] = lambda _point: ""
        #: plain-text lines a feature adds under a span in the tooltip (its attributes, links)
        self.span_details: Callable[[Span], list[str]] = lambda _span: []
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        configure_rtl(self)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self.setMouseTracking(True)
        self.document().setUndoRedoEnabled(False)
        self.tag_font = QFont()
        self.point_size = float(DEFAULT_POINT_SIZE)
        self.apply_font(self.point_size)
        self.highlighter = SpanHighlighter(self.document(), index)
        #: other annotators' spans (and gold), shown read-only as dashed frames
        #: beside one's own; ``None`` when the toggle is off.
        self.others: SpanIndex | None = None
        self.painting = SpanPainting(self, index)
        #: what features of the editor paint over the text (suggestions, claim
        #: links), after the built-in frames and before the label tags
        self.overlays: list[Overlay] = []

    def zoom(self, steps: int) -> None:
        """Bigger (positive steps) or smaller text, one point per step, within 6–72 points."""
        size = min(_MAX_POINT_SIZE, max(_MIN_POINT_SIZE, self.point_size + steps))
        if size != self.point_size:
            self.point_size = size
            self.apply_font(size)

    def apply_font(self, point_size: float) -> None:
        font = arabic_font(point_size)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.tag_font = QFont(font)
        self.tag_font.setFamily("DejaVu Sans")
        self.tag_font.setPointSizeF(max(5.0, point_size * 0.42))
        self.tag_font.setBold(True)

    def stored_text(self) -> str:
        """The document's stored text (not ``toPlainText()``, which folds NBSP and separators)."""
        return self._index.text

    # --- offsets (code points of the stored text, never Qt's positions) --------

    def selection_range(self) -> tuple[int, int]:
        """The selection as a code-point range of the stored text."""
        cursor = self.textCursor()
        return self._index.offsets.range_to_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )

    def set_selection(self, start: int, end: int) -> None:
        """Select code points ``start``–``end`` (as a drag or Shift+arrows would)."""
        offsets = self._index.offsets
        cursor = self.textCursor()
        cursor.setPosition(offsets.to_utf16(start))
        cursor.setPosition(offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def cursor_offset(self, cursor: QTextCursor | None = None) -> int:
        """The code-point offset of ``cursor`` (default: the caret)."""
        cursor = cursor or self.textCursor()
        return self._index.offsets.to_code_point(cursor.position())

    def offset_at(self, point: QPoint) -> int:
        """The code-point offset under a point of the viewport."""
        return self.cursor_offset(self.cursorForPosition(point))

    def positions_match(self) -> bool:
        """Every Qt position maps to the stored text (``offsets.display_text``).

        If Qt ever folded characters, the editor refuses to edit rather than
        store wrong offsets.
        """
        return self.document().characterCount() - 1 == self._index.offsets.utf16_length

    def find_text(self, query: str, *, forward: bool = True) -> tuple[int, int] | None:
        """Select the next (previous) match after (before) the selection, wrapping around.

        The core's normalised search: tashkeel, tatweel and hamza forms do not matter.

        :returns: ``(number, total)``: the selected match is the ``number``-th
            (from 1) of ``total``; ``None`` when nothing matches.
        """
        from annotator.core.text import find_all

        matches = find_all(self._index.text, query)
        if not matches:
            return None
        start, end = (
            self.selection_range()
            if self.textCursor().hasSelection()
            else (self.cursor_offset(),) * 2
        )
        if forward:
            after = [i for i, m in enumerate(matches) if m[0] >= end and m != (start, end)]
            number = after[0] if after else 0
        else:
            before = [i for i, m in enumerate(matches) if m[1] <= start and m != (start, end)]
            number = before[-1] if before else len(matches) - 1
        self.set_selection(*matches[number])
        self.ensureCursorVisible()
        return number + 1, len(matches)

    def spans_near(self, offset: int) -> list[Span]:
        """Spans under a click at ``offset`` (a boundary: the character after, else before)."""
        hits = self._index.at(offset)
        if not hits and offset > 0:
            hits = self._index.at(offset - 1)
        return hits

    def spans_tooltip(self, offset: int, labels: Mapping[str, Label]) -> str:
        """Label, kind, annotator and time of the spans at ``offset``, as tooltip rich text."""
        lines = []
        for span in self.spans_near(offset):
            label = labels.get(span.label)
            kind = label.kind.value if label else ""
            # A tooltip is rich text: the label and annotator names are data, escaped.
            lines.append(
                f"<b>{plain(span.label)}</b> ({kind}) · {plain(span.annotator)}"
                f" · {when(span.updated)}"
            )
            lines.extend(f"&nbsp;&nbsp;{plain(line)}" for line in self.span_details(span))
        lines.extend(self.others_tooltip(offset))
        return "<br>".join(lines)

    def reformat(self, blocks: Iterable[int]) -> None:
        self.highlighter.rehighlight_blocks(blocks)
        self.viewport().update()

    # --- mouse ---------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press_alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._in_triple = False
        if event.button() == Qt.MouseButton.LeftButton and self._last_double is not None:
            when, where = self._last_double
            self._last_double = None
            near = (
                event.position().toPoint() - where
            ).manhattanLength() <= QApplication.startDragDistance() * 2
            if near and (time.monotonic() - when) * 1000 < QApplication.doubleClickInterval():
                self._in_triple = True
                self.sentence_requested.emit(event.position().toPoint())
                event.accept()
                return
        cursor = self.textCursor()
        if event.button() == Qt.MouseButton.LeftButton and cursor.hasSelection():
            # A press inside the selection would start dragging the text out (Qt's
            # default); an annotator means to make a new selection.
            cursor.clearSelection()
            self.setTextCursor(cursor)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        # Not Qt's word: the project tokenizer's token (و”داعش” is three tokens).
        self._last_double = (time.monotonic(), event.position().toPoint())
        self.token_requested.emit(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        alt = self._press_alt or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        sentence = self._in_triple
        self._in_triple = False
        self.selection_finished.emit(alt, sentence)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Qt's own Ctrl+wheel zoom would bypass the editor's size (and its tags).
            steps = event.angleDelta().y() // 120
            if steps:
                self.zoom_requested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)

    # --- keys ----------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab and Shift+Tab would move the focus before keyPressEvent sees them:
        # the editor's handlers get the first say (picking a claimer steps with Tab).
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
            and self.key_handler(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- tooltip and label tags ----------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tooltip_for(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        # Span formats go on just before a block is first painted (highlighter.py).
        self.painting.format_visible(event.rect())
        super().paintEvent(event)
        self.painting.paint_frames(event.rect())
        self.painting.paint_selected_outline()
        for overlay in self.overlays:
            overlay.paint(self, event.rect())
        if self.show_tags:
            self.painting.paint_tags(event.rect())

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering code points ``start``–``end``, one per line piece."""
        return self.painting.span_rects(start, end)

    def others_tooltip(self, offset: int) -> list[str]:
        """Tooltip lines (rich text, data escaped) for others' spans at ``offset``."""
        if self.others is None:
            return []
        return [
            f"{plain(span.label)} · {plain(span.annotator)} (read-only)"
            for span in self.others.at(offset)
        ]
