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

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from annotator.core import tokenizer
from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Label, Span
from annotator.core.note_edits import span_flag, span_note
from annotator.gui.article_view import ArticleView
from annotator.gui.common import is_plain_key, isolate, label_for_key, snippet
from annotator.gui.highlighter import SpanIndex
from annotator.gui.i18n import fill, translate
from annotator.gui.note_dialog import NoteDialog
from annotator.gui.offsets import display_text
from annotator.gui.ops import ProjectSession
from annotator.gui.others_layer import OthersLayer
from annotator.gui.palette import PaletteWidget, label_keys
from annotator.gui.selection_rules import SelectionRules
from annotator.gui.span_edits import SpanEdits
from annotator.gui.span_list import SpanListWidget

__all__ = ["AnnotationEditor"]

_warmed = False
_WARM_DELAY_MS = 1500


def warm_tokenizer() -> None:
    """Load spaCy's tokenizer off the UI thread once, so the first snap is quick."""
    global _warmed
    if _warmed:
        return
    _warmed = True
    # Not a daemon: interpreter shutdown while a daemon thread imports spaCy can crash.
    threading.Thread(target=tokenizer.get_nlp, name="warm-tokenizer").start()


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
        self._labels: dict[str, Label] = {}
        self._keys: dict[str, str] = {}

        self._index = SpanIndex()
        self._view = ArticleView(self._index, self)
        self._others = OthersLayer(self._view)
        self._highlighter = self._view.highlighter
        self._view.key_handler = self._handle_key
        self._view.tooltip_for = self._tooltip_at
        self._view.selection_finished.connect(
            lambda exact, sentence: self._selection_finished(exact=exact, sentence=sentence)
        )
        self._view.zoom_requested.connect(self.zoom)
        self._view.selectionChanged.connect(self._text_selection_changed)
        self._edits = SpanEdits(
            session,
            self._index,
            initiator=self,
            shown=self._changed,
            message=self.status_message.emit,
        )

        self._palette = PaletteWidget(parent=self)
        self._palette.label_clicked.connect(self.apply_label)
        self._palette.sticky_label_changed.connect(self._palette_sticky_changed)
        self._span_list = SpanListWidget(self._index, parent=self)
        self._span_list.span_activated.connect(lambda span_id: self.select_span(span_id))
        self._span_list.delete_requested.connect(self._delete_span)
        self._span_list.note_requested.connect(self._note_from_list)

        self._rules = SelectionRules(self._view, self)

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
        self._rules.exact = None
        source = self._project.documents.source_tokens(document.id)
        self._rules.tokens = source.tokens if source is not None else None
        self._rules.clitics = self._project.clitics
        # The index first: setPlainText formats every block as it loads them.
        self._index.reset(document.text, spans)
        self._view.setPlainText(display_text(document.text))
        self._highlighter.document_loaded()
        if not self._view.positions_match():
            self._doc_id = None
            raise AnnotatorError(
                f"Qt shows this text with {self._view.document().characterCount() - 1} "
                f"positions instead of {self._index.offsets.utf16_length}; refusing to annotate it."
            )
        self._span_list.refresh()
        self._load_others()
        self.span_selected.emit("")
        # After the window is up: spaCy's import (~0.4 s) must not delay the first paint.
        QTimer.singleShot(_WARM_DELAY_MS, lambda: warm_tokenizer())

    def text(self) -> str:
        """The stored text of the open document (code points, as offsets count them)."""
        return self._index.text

    def label(self, name: str) -> Label:
        """A label of the project, as the palette shows it."""
        return self._labels[name]

    def current_document(self) -> int | None:
        return self._doc_id

    def apply_label(self, label_name: str) -> None:
        """Label the selection (a new span) or relabel the selected span."""
        if not self._ready():
            return
        label = self._labels.get(label_name)
        if label is None:
            self.status_message.emit(
                fill(
                    translate("AnnotationEditor", "No label named %1 in this project."), label_name
                )
            )
            return
        cursor = self._view.textCursor()
        if cursor.hasSelection():
            self._add_span(label, *self._view.selection_range())
        elif self._index.selected:
            self._relabel(self._index.selected, label)
        else:
            self.status_message.emit(
                translate("AnnotationEditor", "Select some text (or click a span) first.")
            )

    def edit_note_of_selected_span(self) -> None:
        """Open the note editor of the selected span (F2)."""
        span = self._index.get(self._index.selected) if self._index.selected else None
        if span is None:
            self.status_message.emit(
                translate("AnnotationEditor", "Click a span first, then F2 for its note.")
            )
            return
        dialog = NoteDialog(
            what=f"{span.label} «{isolate(snippet(self._index.text[span.start : span.end]))}»",
            note=span_note(span.attrs),
            flag=span_flag(span.attrs),
            parent=self,
        )
        if dialog.exec() == NoteDialog.DialogCode.Accepted:
            self._edits.set_note(span.id, dialog.note(), flag=dialog.flag())

    def _note_from_list(self, span_id: str) -> None:
        self.select_span(span_id)
        self.edit_note_of_selected_span()

    def delete_selected_span(self) -> None:
        if self._index.selected:
            self._delete_span(self._index.selected)

    def find(self, query: str, *, forward: bool = True) -> bool:
        """Select the next (or previous) match of ``query``, tolerant of tashkeel,
        tatweel and hamza forms; wraps around. Returns whether anything matched."""
        return self.find_match(query, forward=forward) is not None

    def find_match(self, query: str, *, forward: bool = True) -> tuple[int, int] | None:
        """:meth:`find`, saying which match is selected: ``(number, total)``, or
        ``None`` when nothing matches. The match stays selected, so a label key
        that follows labels it."""
        if self._doc_id is None or not query.strip():
            return None
        found = self._view.find_text(query, forward=forward)
        if found is None:
            self.status_message.emit(fill(translate("AnnotationEditor", "Not found: %1"), query))
            return None
        self._rules.exact = None
        self._select("")
        return found

    def zoom(self, steps: int) -> None:
        """Make the text bigger (positive steps) or smaller, one point per step."""
        self._view.zoom(steps)

    def point_size(self) -> float:
        return self._view.point_size

    def set_precise_mode(self, on: bool) -> None:
        """Keep exact characters (no snapping to tokens) for every selection."""
        self._rules.set_precise(on)

    def precise_mode(self) -> bool:
        return self._rules.precise

    def precise_action(self) -> QAction:
        """A checkable action for the window's toolbar, in sync with set_precise_mode."""
        return self._rules.precise_action

    def set_sticky_label(self, name: str | None) -> None:
        """Arm a label applied on every mouse release (``None`` disarms)."""
        if name is not None and name not in self._labels:
            self.status_message.emit(
                fill(translate("AnnotationEditor", "No label named %1 in this project."), name)
            )
            return
        self._rules.sticky = name
        if self._palette.sticky_label() != name:
            self._palette.set_sticky_label(name)

    def sticky_label(self) -> str | None:
        return self._rules.sticky

    def text_view(self) -> ArticleView:
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
            self._rules.exact = None
            cursor = self._view.textCursor()
            cursor.setPosition(self._index.offsets.to_utf16(span.start))
            self._view.setTextCursor(cursor)
            if scroll:
                self._view.ensureCursorVisible()
        self._select(span_id)

    def reveal_span(self, span_id: str) -> None:
        """Show a span of the open document: selected when it is shown, else (a
        deleted one, about to come back) its characters selected in the text."""
        if self._index.get(span_id) is not None:
            self.select_span(span_id)
            return
        try:
            span = self._project.spans.get(span_id)
        except AnnotatorError:
            return
        if span.doc_id != self._doc_id:
            return
        self._select("")
        self._view.set_selection(span.start, span.end)
        self._view.ensureCursorVisible()

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

    def set_show_others(self, on: bool) -> None:
        """Show other annotators' spans and gold beside one's own (read-only, dashed)."""
        self._others.shown = bool(on)
        self._load_others()

    def show_others(self) -> bool:
        return self._others.shown

    def others_spans(self) -> list[Span]:
        """Others' spans (and gold) of the open document as shown; empty when hidden."""
        return self._others.spans()

    def _load_others(self) -> None:
        self._others.load(self._project, self._doc_id, self._annotator, self._index.text)

    def set_show_label_tags(self, on: bool) -> None:
        self._view.show_tags = on
        self._view.viewport().update()

    # --- edits ---------------------------------------------------------------

    def _ready(self) -> bool:
        if self._doc_id is None:
            self.status_message.emit(translate("AnnotationEditor", "Open a document first."))
            return False
        if not self._annotator:
            self.status_message.emit(
                translate("AnnotationEditor", "Set the annotator's name first.")
            )
            return False
        return True

    def _add_span(self, label: Label, start: int, end: int) -> None:
        assert self._doc_id is not None
        start, end = self._rules.range_to_label(self._index.text, start, end)
        if start >= end:
            self.status_message.emit(
                translate("AnnotationEditor", "Nothing to label: the selection holds only spaces.")
            )
            return
        edit = self._edits.add(self._doc_id, self._annotator, label.name, start, end)
        if edit is None:
            return
        assert edit.span_id is not None
        self._rules.exact = None
        cursor = self._view.textCursor()
        cursor.clearSelection()
        self._view.setTextCursor(cursor)
        self._select(edit.span_id)

    def _relabel(self, span_id: str, label: Label) -> None:
        self._edits.relabel(span_id, label.name)

    def _delete_span(self, span_id: str) -> None:
        self._edits.delete(span_id)

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
        if self._others.shown and change.doc_id == self._doc_id:
            self._load_others()  # another window's or annotator's edit, or gold
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
            self._view.reformat(blocks)
            self._span_list.refresh()
            self._span_list.select_span(self._index.selected)
        if change.span_ids:
            self.spans_changed.emit(int(change.doc_id))

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
        self._view.reformat(blocks)
        self._span_list.select_span(span_id)
        self.span_selected.emit(span_id)

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
            self._rules.exact = None
            hits = self._view.spans_near(self._view.cursor_offset(cursor))
            self._select(hits[0].id if hits else "")
            return
        if not self._rules.selection_finished(self._index.text, exact=exact, sentence=sentence):
            return
        if self._rules.sticky is not None:
            self.apply_label(self._rules.sticky)

    # --- keys ----------------------------------------------------------------

    def _handle_key(self, event: QKeyEvent) -> bool:
        if not is_plain_key(event):
            return False
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self._index.selected:
                self.delete_selected_span()
                return True
            return False
        if key == Qt.Key.Key_F2:
            self.edit_note_of_selected_span()
            return True
        if key == Qt.Key.Key_Escape:
            cursor = self._view.textCursor()
            cursor.clearSelection()
            self._view.setTextCursor(cursor)
            self._select("")
            return True
        label = label_for_key(event, self._keys)
        if label is None:
            return False
        self.apply_label(label)
        return True

    def _tooltip_at(self, point: QPoint) -> str:
        if self._doc_id is None:
            return ""
        return self._view.spans_tooltip(self._view.offset_at(point), self._labels)

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
        self._load_others()
        self.span_selected.emit("")

    def _palette_sticky_changed(self, name: object) -> None:
        self._rules.sticky = name if isinstance(name, str) else None
