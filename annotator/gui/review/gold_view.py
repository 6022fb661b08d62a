"""The gold version of a document, painted and marked the way the editor does it.

The same :class:`~annotator.gui.highlighter.SpanIndex` and
:class:`~annotator.gui.highlighter.SpanHighlighter` as the annotation editor
(entities on their label colour, claims tinted and underlined, the chosen
span darker), the same snapping of a selection to the project tokenizer's
tokens (Alt keeps the exact characters), the same label keys. On top, the
chosen adjudication row: its extent underlined in blue, its disputed
characters with a red wave, hatched where gold has nothing yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from annotator.core import tokenizer
from annotator.core.adjudication import Row
from annotator.core.model import Label, Span
from annotator.gui.fonts import arabic_font
from annotator.gui.highlighter import SpanHighlighter, SpanIndex
from annotator.gui.offsets import display_text
from annotator.gui.palette import label_keys

__all__ = ["DISPUTED", "GoldView", "split_by"]

DISPUTED = QColor("#c0141c")
_EXTENT = QColor("#1f5fbf")


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """The editor's snapping: whole tokens of the project tokenizer, in a window
    widened to whitespace (spaCy splits on whitespace first, so the tokens are
    those of the whole text)."""
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    tokens = [(lo + s, lo + e) for s, e in tokenizer.token_offsets(text[lo:hi])]
    return tokenizer.snap_to_tokens(tokens, start, end)


def _plain(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return not mods & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )


class GoldView(QPlainTextEdit):
    """Gold spans of one document; label keys ask to mark, Delete to remove.

    :signal label_requested(str): a label key was pressed (the label's name).
    :signal delete_requested(str): Delete or Backspace on the chosen gold span.
    :signal offset_chosen(int): the cursor was put at this code-point offset.
    """

    label_requested = Signal(str)
    delete_requested = Signal(str)
    offset_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Right to left and right-aligned, even for a paragraph that starts in Latin.
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        document = self.document()
        option = document.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setUndoRedoEnabled(False)
        self.setFont(arabic_font(15))
        document.setDefaultFont(arabic_font(15))
        self._index = SpanIndex()
        self._highlighter = SpanHighlighter(document, self._index)
        self._keys: dict[str, str] = {}
        self._layers: dict[str, str] = {}
        self._exact: tuple[int, int] | None = None
        self._row: Row | None = None
        self._loading = False
        self.cursorPositionChanged.connect(self._cursor_moved)

    # --- content ------------------------------------------------------------------

    def set_labels(self, labels: Sequence[Label]) -> None:
        self._keys = label_keys(labels)
        self._layers = {label.name: label.kind.layer for label in labels}
        self._highlighter.set_labels(labels)
        self._repaint_spans()

    def set_document(self, text: str, spans: Sequence[Span]) -> None:
        self._index.reset(text, spans)
        self._row = None
        self._exact = None
        self._loading = True
        try:
            self.setPlainText(display_text(text))
        finally:
            self._loading = False
        self._highlighter.document_loaded()
        self._paint_row()

    def set_spans(self, spans: Sequence[Span]) -> None:
        """Gold as the file now has it (the chosen span stays chosen if it is there)."""
        selected = self._index.selected
        self._index.reset(self._index.text, spans)
        self._index.selected = selected if self._index.get(selected) else ""
        self._repaint_spans()

    def spans(self) -> list[Span]:
        return list(self._index.sorted_spans())

    def text(self) -> str:
        return self._index.text

    def selected_span(self) -> str:
        return self._index.selected

    def select_span(self, span_id: str) -> None:
        if span_id != self._index.selected and (not span_id or self._index.get(span_id)):
            self._index.selected = span_id
            self._repaint_spans()

    def selection(self) -> tuple[int, int] | None:
        """The selection as a span would take it: snapped to tokens (unless chosen with
        Alt), whitespace dropped; ``None`` without a selection, ``(s, s)`` when it
        holds only spaces."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self._index.offsets.range_to_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )
        if self._exact == (start, end):
            return start, end
        return _snap(self._index.text, start, end)

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self._exact = None

    def show_offset(self, offset: int) -> None:
        """Put the cursor at ``offset`` and scroll it to the middle (no span chosen)."""
        self._loading = True
        try:
            cursor = self.textCursor()
            cursor.setPosition(self._index.offsets.to_utf16(offset))
            self.setTextCursor(cursor)
            self.centerCursor()
        finally:
            self._loading = False

    def set_row(self, row: Row | None) -> None:
        """Mark this adjudication row over the gold text (``None``: none)."""
        self._row = row
        self._paint_row()

    # --- painting -----------------------------------------------------------------

    def _repaint_spans(self) -> None:
        self._highlighter.rehighlight()
        self._paint_row()
        self.viewport().update()

    def _selection_of(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._index.offsets.to_utf16(start))
        cursor.setPosition(self._index.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _paint_row(self) -> None:
        """Extra selections over the highlighter's formats: the row's extent, then its
        disputed pieces (a document has a few of these, so no index is needed)."""
        row = self._row
        if row is None:
            self.setExtraSelections([])
            return
        extent = QTextCharFormat()
        extent.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        extent.setUnderlineColor(_EXTENT)
        selections = [self._selection_of(row.start, row.end, extent)]
        covered = [
            (s.start, s.end)
            for s in self._index.sorted_spans()
            if self._layers.get(s.label) == row.layer
        ]
        for start, end in row.disputed:
            for a, b, has_gold in split_by(start, end, covered):
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(DISPUTED)
                if not has_gold:
                    fmt.setBackground(QBrush(DISPUTED, Qt.BrushStyle.BDiagPattern))
                selections.append(self._selection_of(a, b, fmt))
        self.setExtraSelections(selections)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        # Span formats go on just before a block is first painted (highlighter.py).
        self._format_visible(event.rect())
        super().paintEvent(event)

    def _format_visible(self, rect: QRect) -> None:
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        while block.isValid():
            # Formats before geometry: setFormats drops the line layout.
            self._highlighter.ensure_formatted(block)
            if self.blockBoundingGeometry(block).translated(offset).top() > rect.bottom():
                break
            block = block.next()

    # --- keys and mouse -----------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if _plain(event) and self._key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit(self._index.selected)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.clear_selection()
            self.select_span("")
            return True
        text = event.text()
        label = self._keys.get(text.lower()) if text else None
        if label is None:
            return False
        self.label_requested.emit(label)
        return True

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or not self.textCursor().hasSelection():
            return
        cursor = self.textCursor()
        start, end = self._index.offsets.range_to_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self._exact = (start, end)  # Alt: exactly these characters
            return
        self._exact = None
        snapped = _snap(self._index.text, start, end)
        if snapped[0] >= snapped[1]:
            self.clear_selection()
        elif snapped != (start, end):
            to16 = self._index.offsets.to_utf16
            cursor.setPosition(to16(snapped[0]))
            cursor.setPosition(to16(snapped[1]), QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)

    def _cursor_moved(self) -> None:
        if self._loading or self.textCursor().hasSelection():
            return
        offset = self._index.offsets.to_code_point(self.textCursor().position())
        hits = self._index.at(offset)
        self.select_span(hits[0].id if hits else "")
        self.offset_chosen.emit(offset)


def split_by(
    start: int, end: int, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """``start``–``end`` cut into pieces inside and outside the ``covered`` ranges."""
    cuts = {start, end}
    for a, b in covered:
        cuts.update(p for p in (a, b) if start < p < end)
    ordered = sorted(cuts)
    return [
        (a, b, any(c0 <= a and b <= c1 for c0, c1 in covered))
        for a, b in zip(ordered, ordered[1:], strict=False)
    ]
