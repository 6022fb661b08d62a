"""The gold version of a document: the editor's article view, showing gold spans.

A :class:`~annotator.gui.article_view.ArticleView` (the editor's own view: the
same span index, highlighter, label tags, tooltips, double click for a token
and triple click for a sentence) with the editor's
:class:`~annotator.gui.selection_rules.SelectionRules` (a selection snaps to
the core tokenizer's tokens; Alt keeps the exact characters) and the shared
label keys; it snaps to the document's own tokens and the project's clitic
policy, as the editor does. On top, the chosen adjudication row: its extent underlined in
blue, its disputed characters with a red wave, hatched where gold has nothing
yet.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from annotator.core import tokenizer
from annotator.core.adjudication import Row
from annotator.core.model import Label, Span
from annotator.gui.article_view import ArticleView
from annotator.gui.common import is_plain_key, label_for_key
from annotator.gui.highlighter import SpanIndex
from annotator.gui.offsets import display_text
from annotator.gui.palette import label_keys
from annotator.gui.selection_rules import SelectionRules

__all__ = ["DISPUTED", "GoldView", "split_by"]

DISPUTED = QColor("#c0141c")
_EXTENT = QColor("#1f5fbf")
_POINT_SIZE = 15.0


class GoldView(ArticleView):
    """Gold spans of one document; label keys ask to mark, Delete to remove.

    :signal label_requested(str): a label key was pressed (the label's name).
    :signal delete_requested(str): Delete or Backspace on the chosen gold span.
    :signal offset_chosen(int): the cursor was put at this code-point offset.
    """

    label_requested = Signal(str)
    delete_requested = Signal(str)
    offset_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        self._gold = SpanIndex()
        super().__init__(self._gold, parent)
        self._point_size = _POINT_SIZE
        self.apply_font(self._point_size)
        self.rules = SelectionRules(self, self)
        self._keys: dict[str, str] = {}
        self._labels: dict[str, Label] = {}
        self._layers: dict[str, str] = {}
        self._row: Row | None = None
        self._loading = False
        self.key_handler = self._key
        self.tooltip_for = self._tooltip
        self.selection_finished.connect(self._selection_finished)
        self.zoom_requested.connect(self._zoom)
        self.cursorPositionChanged.connect(self._cursor_moved)

    # --- content ------------------------------------------------------------------

    def set_labels(self, labels: Sequence[Label]) -> None:
        self._keys = label_keys(labels)
        self._labels = {label.name: label for label in labels}
        self._layers = {label.name: label.kind.layer for label in labels}
        self.highlighter.set_labels(labels)
        self._repaint_spans()

    def set_document(
        self,
        text: str,
        spans: Sequence[Span],
        *,
        tokens: Sequence[tuple[int, int]] | None = None,
        clitics: str = tokenizer.DEFAULT_CLITICS,
    ) -> None:
        """Show a document's gold spans.

        :param tokens: the document's own tokens when it came tokenized (CoNLL,
            ``.spacy``); else selections snap to the project tokenizer's, with
            the project's ``clitics`` policy, as in the editor.
        """
        # The index first: setPlainText formats every block as it loads them.
        self._gold.reset(text, spans)
        self._row = None
        self.rules.exact = None
        self.rules.tokens = tokens
        self.rules.clitics = clitics
        self._loading = True
        try:
            self.setPlainText(display_text(text))
        finally:
            self._loading = False
        self.highlighter.document_loaded()
        self._paint_row()

    def set_spans(self, spans: Sequence[Span]) -> None:
        """Gold as the file now has it (the chosen span stays chosen if it is there)."""
        selected = self._gold.selected
        self._gold.reset(self._gold.text, spans)
        self._gold.selected = selected if self._gold.get(selected) else ""
        self._repaint_spans()

    def spans(self) -> list[Span]:
        return list(self._gold.sorted_spans())

    def text(self) -> str:
        return self._gold.text

    def selected_span(self) -> str:
        return self._gold.selected

    def select_span(self, span_id: str) -> None:
        if span_id != self._gold.selected and (not span_id or self._gold.get(span_id)):
            self._gold.selected = span_id
            self._repaint_spans()

    def selection(self) -> tuple[int, int] | None:
        """The selection as a span would take it, by the editor's rules (whole tokens
        unless chosen with Alt); ``None`` without one, ``(s, s)`` for only spaces."""
        if not self.textCursor().hasSelection():
            return None
        return self.rules.range_to_label(self._gold.text, *self.selection_range())

    def clear_selection(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)
        self.rules.exact = None

    def show_offset(self, offset: int) -> None:
        """Put the cursor at ``offset`` and scroll it to the middle (no span chosen)."""
        self._loading = True
        try:
            cursor = self.textCursor()
            cursor.setPosition(self._gold.offsets.to_utf16(offset))
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
        self.highlighter.rehighlight()
        self._paint_row()
        self.viewport().update()

    def _selection_of(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._gold.offsets.to_utf16(start))
        cursor.setPosition(self._gold.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
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
            for s in self._gold.sorted_spans()
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

    # --- keys, mouse, tooltips ------------------------------------------------------

    def _key(self, event: QKeyEvent) -> bool:
        if not is_plain_key(event):
            return False
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit(self._gold.selected)
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.clear_selection()
            self.select_span("")
            return True
        label = label_for_key(event, self._keys)
        if label is None:
            return False
        self.label_requested.emit(label)
        return True

    def _selection_finished(self, exact: bool, sentence: bool) -> None:
        if self.textCursor().hasSelection():
            self.rules.selection_finished(self._gold.text, exact=exact, sentence=sentence)

    def _tooltip(self, point: QPoint) -> str:
        return self.spans_tooltip(self.offset_at(point), self._labels)

    def _zoom(self, steps: int) -> None:
        self._point_size = min(48.0, max(8.0, self._point_size + steps))
        self.apply_font(self._point_size)

    def _cursor_moved(self) -> None:
        if self._loading or self.textCursor().hasSelection():
            return
        offset = self.cursor_offset()
        hits = self._gold.at(offset)
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
