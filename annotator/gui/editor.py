"""The right-to-left annotation editor: read an article, highlight, saved at once.

A thin adapter over the core. The text is shown read-only in a
``QPlainTextEdit`` laid out right to left; selections become code-point ranges
(:mod:`annotator.gui.offsets`), snap to the project tokenizer's tokens, and
every edit is a core edit run through the project's session
(:mod:`annotator.gui.ops`: one transaction, in the file when it returns, then
pushed on the project's undo stack and broadcast). The screen is repainted
only after the file has the change, and repainted again when another window
or the undo stack changes this annotator's spans.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCursor,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QPlainTextEdit,
    QSplitter,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from annotator.core import tokenizer
from annotator.core.change import Change, Edit
from annotator.core.edits import AddSpan, RelabelSpan, RemoveSpan
from annotator.core.errors import AnnotatorError, SpanOverlapsEntity
from annotator.core.model import DocId, Label, Span
from annotator.gui.fonts import DEFAULT_POINT_SIZE, arabic_font
from annotator.gui.highlighter import SpanHighlighter, SpanIndex
from annotator.gui.offsets import block_of, display_text
from annotator.gui.ops import ProjectSession
from annotator.gui.palette import PaletteWidget, label_keys
from annotator.gui.span_list import SpanListWidget

__all__ = ["AnnotationEditor"]

_MIN_POINT_SIZE, _MAX_POINT_SIZE = 6.0, 72.0
_SNIPPET = 30
_warmed = False
_WARM_DELAY_MS = 1500


def _warm_tokenizer() -> None:
    """Load spaCy's tokenizer off the UI thread once, so the first snap is quick."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    # Not a daemon: interpreter shutdown while a daemon thread imports spaCy can crash.
    threading.Thread(target=tokenizer.get_nlp, name="warm-tokenizer").start()


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _when(stamp: str) -> str:
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


class _TextView(QPlainTextEdit):
    """The article view. Mouse and keys go to the editor; label tags are painted here."""

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._press_alt = False
        self._last_double: tuple[float, QPoint] | None = None
        self._in_triple = False
        self.show_tags = True

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
                self._editor._select_sentence_at(event.position().toPoint())
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
        self._editor._select_token_at(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        alt = self._press_alt or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._editor._selection_finished(exact=alt, sentence=self._in_triple)
        self._in_triple = False

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            # Qt's own Ctrl+wheel zoom would bypass the editor's size (and its tags).
            steps = event.angleDelta().y() // 120
            if steps:
                self._editor.zoom(steps)
            event.accept()
            return
        super().wheelEvent(event)

    # --- keys ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self._editor._handle_key(event):
            event.accept()
            return
        super().keyPressEvent(event)

    # --- tooltip and label tags ----------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self._editor._tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        # Span formats go on just before a block is first painted (highlighter.py).
        self._editor._format_visible(self, event.rect())
        super().paintEvent(event)
        if self.show_tags:
            self._editor._paint_tags(self, event.rect())


class AnnotationEditor(QWidget):
    """Read an article right to left and highlight entities, places and claims.

    :param session: the open project's session; every edit runs through it
        (in the file at once, on its undo stack, broadcast to other windows).
    """

    span_selected = Signal(str)
    spans_changed = Signal(int)
    status_message = Signal(str)

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._project = session.project
        self._annotator = ""
        self._doc_id: DocId | None = None
        self._title = ""
        self._precise = False
        self._sticky: str | None = None
        # The last selection made with Alt held: labelled with its exact characters.
        self._exact: tuple[int, int] | None = None
        self._point_size = float(DEFAULT_POINT_SIZE)
        self._labels: dict[str, Label] = {}
        self._keys: dict[str, str] = {}

        self._index = SpanIndex()
        self._view = _TextView(self)
        self._view.setReadOnly(True)
        self._view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._view.setUndoRedoEnabled(False)
        self._view.setMouseTracking(True)
        document = self._view.document()
        # setLayoutDirection alone leaves paragraphs left-aligned, and a paragraph
        # that starts with "CNN" or digits would run left to right (DESIGN.md).
        option = document.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        document.setDefaultTextOption(option)
        document.setUndoRedoEnabled(False)
        self._apply_font()
        self._highlighter = SpanHighlighter(document, self._index)
        self._view.selectionChanged.connect(self._text_selection_changed)

        self._palette = PaletteWidget(parent=self)
        self._palette.label_clicked.connect(self.apply_label)
        self._palette.sticky_label_changed.connect(self._palette_sticky_changed)
        self._span_list = SpanListWidget(self._index, parent=self)
        self._span_list.span_activated.connect(lambda span_id: self.select_span(span_id))
        self._span_list.delete_requested.connect(self._delete_span)

        self._precise_action = QAction(self.tr("Exact characters"), self)
        self._precise_action.setCheckable(True)
        self._precise_action.setToolTip(
            self.tr(
                "Keep the exact characters of a selection instead of whole tokens "
                "(or hold Alt while selecting)."
            )
        )
        self._precise_action.toggled.connect(self.set_precise_mode)

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self._palette)
        side_layout.addWidget(self._span_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._view)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.reload_labels()
        session.changes_did_happen.connect(self._on_changes)

    # --- public interface ----------------------------------------------------

    def set_annotator(self, name: str) -> None:
        """Whose spans are shown and edited; reloads the open document's spans."""
        self._annotator = name.strip()
        if self._doc_id is not None:
            self._load_spans()

    def annotator(self) -> str:
        return self._annotator

    def open_document(self, doc_id: int) -> None:
        """Show a document's text with this annotator's spans.

        :raises UnknownDocument: no such document in the project.
        """
        document = self._project.documents.get(doc_id)
        spans = self._spans_for(document.id)
        self._doc_id = document.id
        self._title = document.title
        self._exact = None
        # The index first: setPlainText formats every block as it loads them.
        self._index.reset(document.text, spans)
        self._view.setPlainText(display_text(document.text))
        self._highlighter.document_loaded()
        self._check_positions()
        self._span_list.refresh()
        self.span_selected.emit("")
        # After the window is up: spaCy's import (~0.4 s) must not delay the first paint.
        QTimer.singleShot(_WARM_DELAY_MS, _warm_tokenizer)

    def current_document(self) -> int | None:
        return self._doc_id

    def apply_label(self, label_name: str) -> None:
        """Label the selection (a new span) or relabel the selected span."""
        if not self._ready():
            return
        label = self._labels.get(label_name)
        if label is None:
            self.status_message.emit(
                self.tr("No label named {0} in this project.").format(label_name)
            )
            return
        cursor = self._view.textCursor()
        if cursor.hasSelection():
            self._add_span(label, *self._selection_range())
        elif self._index.selected:
            self._relabel(self._index.selected, label)
        else:
            self.status_message.emit(self.tr("Select some text (or click a span) first."))

    def delete_selected_span(self) -> None:
        if self._index.selected:
            self._delete_span(self._index.selected)

    def find(self, query: str, *, forward: bool = True) -> bool:
        """Select the next (or previous) match of ``query``, tolerant of tashkeel,
        tatweel and hamza forms; wraps around. Returns whether anything matched."""
        if self._doc_id is None or not query.strip():
            return False
        from annotator.core.text import find_all  # the core's normalised search

        matches = find_all(self._index.text, query)
        if not matches:
            self.status_message.emit(self.tr("Not found: {0}").format(query))
            return False
        start, end = (
            self._selection_range()
            if self._view.textCursor().hasSelection()
            else (self._cursor_offset(),) * 2
        )
        if forward:
            after = [m for m in matches if m[0] >= end and m != (start, end)]
            match = after[0] if after else matches[0]
        else:
            before = [m for m in matches if m[1] <= start and m != (start, end)]
            match = before[-1] if before else matches[-1]
        self._set_selection(*match)
        self._select("")
        self._view.ensureCursorVisible()
        return True

    def zoom(self, steps: int) -> None:
        """Make the text bigger (positive steps) or smaller, one point per step."""
        size = min(_MAX_POINT_SIZE, max(_MIN_POINT_SIZE, self._point_size + steps))
        if size != self._point_size:
            self._point_size = size
            self._apply_font()

    def point_size(self) -> float:
        return self._point_size

    def set_precise_mode(self, on: bool) -> None:
        """Keep exact characters (no snapping to tokens) for every selection."""
        self._precise = bool(on)
        if self._precise_action.isChecked() != self._precise:
            self._precise_action.setChecked(self._precise)

    def precise_mode(self) -> bool:
        return self._precise

    def precise_action(self) -> QAction:
        """A checkable action for the window's toolbar, in sync with set_precise_mode."""
        return self._precise_action

    def set_sticky_label(self, name: str | None) -> None:
        """Arm a label applied on every mouse release (``None`` disarms)."""
        if name is not None and name not in self._labels:
            self.status_message.emit(self.tr("No label named {0} in this project.").format(name))
            return
        self._sticky = name
        if self._palette.sticky_label() != name:
            self._palette.set_sticky_label(name)

    def sticky_label(self) -> str | None:
        return self._sticky

    def text_view(self) -> QPlainTextEdit:
        return self._view

    def palette_widget(self) -> QWidget:
        return self._palette

    def span_list_widget(self) -> QWidget:
        return self._span_list

    def selected_span(self) -> str:
        return self._index.selected

    def spans(self) -> list[Span]:
        """The shown spans (this annotator, open document), in text order."""
        return list(self._index.sorted_spans())

    def select_span(self, span_id: str, *, scroll: bool = True) -> None:
        """Select a span of the open document ("" clears); shows it when ``scroll``."""
        span = self._index.get(span_id) if span_id else None
        if span_id and span is None:
            return
        if span is not None:
            self._exact = None
            cursor = self._view.textCursor()
            cursor.setPosition(self._index.offsets.to_utf16(span.start))
            self._view.setTextCursor(cursor)
            if scroll:
                self._view.ensureCursorVisible()
        self._select(span_id)

    def reload_labels(self) -> None:
        """Re-read the project's labels (palette, keys, colours)."""
        labels = self._project.labels.list()
        self._labels = {label.name: label for label in labels}
        self._keys = label_keys(labels)
        self._highlighter.set_labels(labels)
        self._palette.set_labels(labels)
        self._span_list.set_labels({label.name: label.color for label in labels})
        self._highlighter.rehighlight()
        self._view.viewport().update()

    def set_show_label_tags(self, on: bool) -> None:
        self._view.show_tags = on
        self._view.viewport().update()

    # --- edits ---------------------------------------------------------------

    def _ready(self) -> bool:
        if self._doc_id is None:
            self.status_message.emit(self.tr("Open a document first."))
            return False
        if not self._annotator:
            self.status_message.emit(self.tr("Set the annotator's name first."))
            return False
        return True

    def _add_span(self, label: Label, start: int, end: int) -> None:
        assert self._doc_id is not None
        if not (self._precise or self._exact == (start, end)):
            start, end = self._snap(start, end)
        if start >= end:
            self.status_message.emit(self.tr("Nothing to label: the selection holds only spaces."))
            return
        edit = AddSpan(
            doc_id=self._doc_id, annotator=self._annotator, label=label.name, start=start, end=end
        )
        text = self.tr("Add {0} «{1}»").format(label.name, _snippet(self._index.text[start:end]))
        try:
            if not self._run(edit, text):
                return
        except SpanOverlapsEntity as exc:
            self.status_message.emit(self._overlap_message(label.name, exc))
            return
        assert edit.span_id is not None
        self._exact = None
        cursor = self._view.textCursor()
        cursor.clearSelection()
        self._view.setTextCursor(cursor)
        self._select(edit.span_id)
        if edit.replaced is not None:
            self.status_message.emit(
                self.tr("Replaced {0} with {1}.").format(edit.replaced.label, label.name)
            )

    def _relabel(self, span_id: str, label: Label) -> None:
        span = self._index.get(span_id)
        if span is None or span.label == label.name:
            return
        edit = RelabelSpan(span_id=span.id, label=label.name)
        text = self.tr("Relabel {0} → {1} «{2}»").format(
            span.label, label.name, _snippet(self._index.text[span.start : span.end])
        )
        try:
            self._run(edit, text)
        except SpanOverlapsEntity as exc:
            self.status_message.emit(self._overlap_message(label.name, exc))

    def _delete_span(self, span_id: str) -> None:
        span = self._index.get(span_id)
        if span is None:
            return
        text = self.tr("Delete {0} «{1}»").format(
            span.label, _snippet(self._index.text[span.start : span.end])
        )
        self._run(RemoveSpan(span_id=span.id), text)

    def _run(self, edit: Edit, text: str) -> bool:
        """Run ``edit`` through the session (in the file when this returns), then repaint.

        :returns: whether it was made (a full disk is reported in a dialog).
        :raises SpanOverlapsEntity: refused; nothing is stored or pushed.
        """
        try:
            change = self._session.run(edit, text=text, initiator=self)
        except SpanOverlapsEntity:
            raise
        except AnnotatorError as exc:
            self.status_message.emit(str(exc))
            return False
        if change is None:
            return False
        self._changed(change)
        return True

    def _on_changes(self, change: Change, initiator: object) -> None:
        if initiator is not self:  # this editor's own edits are shown already
            self._changed(change)

    def _changed(self, change: Change) -> None:
        """The file changed (edit, undo, redo, another window): refresh what is shown from it."""
        if change.labels_changed:
            self.reload_labels()
        if self._doc_id is not None and change.doc_id is None and change.documents_changed:
            self._load_spans()
            return
        if change.gold or change.doc_id is None:
            return
        if change.span_ids and change.doc_id == self._doc_id:
            blocks: set[int] = set()
            for span_id in change.span_ids:
                span = self._project.spans.get(span_id)
                if span.deleted is None and span.annotator == self._annotator:
                    blocks |= self._index.put(span)
                else:
                    was_selected = self._index.selected == span_id
                    blocks |= self._index.discard(span_id)
                    if was_selected:
                        self.span_selected.emit("")
            self._reformat(blocks)
            self._span_list.refresh()
            self._span_list.select_span(self._index.selected)
        if change.span_ids:
            self.spans_changed.emit(int(change.doc_id))

    def _overlap_message(self, label: str, exc: SpanOverlapsEntity) -> str:
        other = self._index.get(exc.existing_id) if exc.existing_id else None
        if other is None:
            return exc.message
        return self.tr(
            "Not added: {0} would overlap {1} «{2}». Delete that span first, or mark "
            "exactly the same characters to replace it."
        ).format(label, other.label, _snippet(self._index.text[other.start : other.end]))

    # --- selection -----------------------------------------------------------

    def _select(self, span_id: str) -> None:
        old = self._index.selected
        if old == span_id:
            return
        blocks: set[int] = set()
        for sid in (old, span_id):
            span = self._index.get(sid) if sid else None
            if span is not None:
                blocks |= set(self._index.blocks_of(span.start, span.end))
        self._index.selected = span_id
        self._reformat(blocks)
        self._span_list.select_span(span_id)
        self.span_selected.emit(span_id)

    def _selection_range(self) -> tuple[int, int]:
        cursor = self._view.textCursor()
        return self._index.offsets.range_to_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )

    def _cursor_offset(self, cursor: QTextCursor | None = None) -> int:
        cursor = cursor or self._view.textCursor()
        return self._index.offsets.to_code_point(cursor.position())

    def _set_selection(self, start: int, end: int) -> None:
        cursor = self._view.textCursor()
        cursor.setPosition(self._index.offsets.to_utf16(start))
        cursor.setPosition(self._index.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self._view.setTextCursor(cursor)

    def _text_selection_changed(self) -> None:
        if self._view.textCursor().hasSelection() and self._index.selected:
            self._select("")

    def _selection_finished(self, *, exact: bool, sentence: bool = False) -> None:
        """After a mouse release: snap the selection, select a clicked span, or
        apply the sticky label."""
        if self._doc_id is None:
            return
        cursor = self._view.textCursor()
        if not cursor.hasSelection():
            self._exact = None
            hits = self._spans_near(self._cursor_offset(cursor))
            self._select(hits[0].id if hits else "")
            return
        start, end = self._selection_range()
        if exact or self._precise:
            self._exact = (start, end)
        elif not sentence:
            self._exact = None
            snapped = self._snap(start, end)
            if snapped[0] >= snapped[1]:
                cursor.clearSelection()
                self._view.setTextCursor(cursor)
                return
            if snapped != (start, end):
                self._set_selection(*snapped)
        if self._sticky is not None:
            self.apply_label(self._sticky)

    def _spans_near(self, offset: int) -> list[Span]:
        """Spans under a click at ``offset`` (a boundary: the character after, else before)."""
        hits = self._index.at(offset)
        if not hits and offset > 0:
            hits = self._index.at(offset - 1)
        return hits

    def _offset_at(self, point: QPoint) -> int:
        return self._cursor_offset(self._view.cursorForPosition(point))

    def _select_token_at(self, point: QPoint) -> None:
        token = self._token_at(self._offset_at(point))
        if token is None:
            return
        self._exact = None
        self._set_selection(*token)

    def _select_sentence_at(self, point: QPoint) -> None:
        sentence = self._sentence_at(self._offset_at(point))
        if sentence is None:
            return
        self._exact = sentence  # a sentence is whole tokens already
        self._set_selection(*sentence)

    # --- tokens --------------------------------------------------------------

    def _window(self, start: int, end: int) -> tuple[int, int]:
        """Widen a range to whitespace on both sides.

        spaCy splits on whitespace before anything else, so tokenizing this
        window gives the same tokens as tokenizing the whole text, at a tiny
        fraction of the cost on a long document.
        """
        text = self._index.text
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        return start, end

    def _tokens(self, start: int, end: int) -> list[tuple[int, int]]:
        lo, hi = self._window(start, end)
        return [(lo + s, lo + e) for s, e in tokenizer.token_offsets(self._index.text[lo:hi])]

    def _snap(self, start: int, end: int) -> tuple[int, int]:
        return tokenizer.snap_to_tokens(self._tokens(start, end), start, end)

    def _token_at(self, offset: int) -> tuple[int, int] | None:
        tokens = self._tokens(offset, offset)
        for s, e in tokens:
            if s <= offset < e:
                return s, e
        for s, e in tokens:
            if s < offset <= e:
                return s, e
        return None

    def _sentence_at(self, offset: int) -> tuple[int, int] | None:
        text = self._index.text
        if not text:
            return None
        block = block_of(self._index.block_starts, min(offset, len(text) - 1))
        lo, hi = self._index.block_range(block)
        paragraph = text[lo:hi]
        tokens = tokenizer.token_offsets(paragraph)
        sentences = tokenizer.sentence_offsets(paragraph, tokens)
        rel = offset - lo
        for s, e in sentences:
            if s <= rel < e:
                return lo + s, lo + e
        for s, e in sentences:
            if s < rel <= e:
                return lo + s, lo + e
        return None

    # --- keys ----------------------------------------------------------------

    def _handle_key(self, event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._index.selected:
                self.delete_selected_span()
                return True
            return False
        if key == Qt.Key.Key_Escape:
            cursor = self._view.textCursor()
            cursor.clearSelection()
            self._view.setTextCursor(cursor)
            self._select("")
            return True
        text = event.text()
        label = self._keys.get(text.lower()) if text else None
        if label is None:
            return False
        self.apply_label(label)
        return True

    # --- painting ------------------------------------------------------------

    def _apply_font(self) -> None:
        font = arabic_font(self._point_size)
        self._view.setFont(font)
        self._view.document().setDefaultFont(font)
        self._tag_font = QFont(font)
        self._tag_font.setFamily("DejaVu Sans")
        self._tag_font.setPointSizeF(max(5.0, self._point_size * 0.42))
        self._tag_font.setBold(True)

    def _reformat(self, blocks: Iterable[int]) -> None:
        self._highlighter.rehighlight_blocks(blocks)
        self._view.viewport().update()

    def _format_visible(self, view: QPlainTextEdit, rect: QRect) -> None:
        for _ in self._visible_blocks(view, rect):
            pass

    def _visible_blocks(self, view: QPlainTextEdit, rect: QRect) -> Iterable[tuple[int, float]]:
        """Blocks that intersect ``rect`` (viewport coordinates), formatted first."""
        block = view.firstVisibleBlock()
        offset = view.contentOffset()
        while block.isValid():
            # Formats before geometry: setFormats drops the line layout, and
            # blockBoundingGeometry lays the block out (once, with its formats).
            self._highlighter.ensure_formatted(block)
            geometry = view.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > rect.bottom():
                break
            if block.isVisible():
                yield block.blockNumber(), geometry.top()
            block = block.next()

    def _paint_tags(self, view: QPlainTextEdit, rect: QRect) -> None:
        """A small label name at the start of each visible entity or place span."""
        if not len(self._index):
            return
        painter: QPainter | None = None
        metrics = QFontMetrics(self._tag_font)
        to16 = self._index.offsets.to_utf16
        for number, _top in self._visible_blocks(view, rect):
            spans = self._index.in_block(number)
            if not spans:
                continue
            block_start = self._index.block_starts[number]
            for span in spans:
                if span.start < block_start or self._highlighter.is_claim(span.label):
                    continue
                if painter is None:
                    painter = QPainter(view.viewport())
                    painter.setFont(self._tag_font)
                cursor = QTextCursor(view.document())
                cursor.setPosition(to16(span.start))
                caret = view.cursorRect(cursor)
                width = metrics.horizontalAdvance(span.label) + 4
                # The start of an RTL span is its right edge: the tag sits there, in
                # the line's top margin, pointing into the span.
                box = QRect(caret.left() - width, caret.top(), width, metrics.height())
                color = QColor(self._highlighter.color(span.label)).darker(170)
                painter.fillRect(box, color)
                painter.setPen(QColor("white"))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, span.label)
        if painter is not None:
            painter.end()

    def _tooltip_at(self, point: QPoint) -> str:
        if self._doc_id is None:
            return ""
        hits = self._spans_near(self._offset_at(point))
        lines = []
        for span in hits:
            label = self._labels.get(span.label)
            kind = label.kind.value if label else ""
            lines.append(f"<b>{span.label}</b> ({kind}) · {span.annotator} · {_when(span.updated)}")
        return "<br>".join(lines)

    # --- loading -------------------------------------------------------------

    def _spans_for(self, doc_id: int) -> list[Span]:
        if not self._annotator:
            return []
        return self._project.spans.for_document(doc_id, annotator=self._annotator)

    def _load_spans(self) -> None:
        assert self._doc_id is not None
        text = self._index.text
        self._index.reset(text, self._spans_for(self._doc_id))
        self._highlighter.rehighlight()
        self._view.viewport().update()
        self._span_list.refresh()
        self.span_selected.emit("")

    def _check_positions(self) -> None:
        # Every Qt position must map to the stored text (offsets.display_text); if
        # Qt ever folds characters, refuse to edit rather than store wrong offsets.
        expected = self._index.offsets.utf16_length
        if self._view.document().characterCount() - 1 != expected:
            self._doc_id = None
            raise AnnotatorError(
                f"Qt shows this text with {self._view.document().characterCount() - 1} "
                f"positions instead of {expected}; refusing to annotate it."
            )

    def _palette_sticky_changed(self, name: object) -> None:
        self._sticky = name if isinstance(name, str) else None
