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
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from annotator.core import tokenizer
from annotator.core.change import Change
from annotator.core.model import DocId, Label, Span
from annotator.gui.article_view import ArticleView
from annotator.gui.claim_links import ClaimLinks
from annotator.gui.editor_keys import EditorKeys, own_keys
from annotator.gui.highlighter import SpanIndex
from annotator.gui.i18n import fill, translate
from annotator.gui.labelling import Labelling
from annotator.gui.ops import ProjectSession
from annotator.gui.palette import PaletteWidget, label_keys
from annotator.gui.selection_rules import SelectionRules
from annotator.gui.shown_spans import ShownSpans
from annotator.gui.span_edits import SpanEdits
from annotator.gui.span_list import SpanListWidget
from annotator.gui.suggestion_controls import EditorSuggestions

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
        self._title = ""
        self._labels: dict[str, Label] = {}
        self._keys: dict[str, str] = {}

        self._index = SpanIndex()
        self._view = ArticleView(self._index, self)
        self._highlighter = self._view.highlighter
        #: the editor's keys; a feature adds its handler here (tried before label keys)
        self.keys = EditorKeys(own_keys(self))
        self._view.key_handler = self.keys.handle
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
        self._span_list.delete_requested.connect(lambda span_id: self._labelling.delete(span_id))
        self._span_list.note_requested.connect(self._note_from_list)
        self._shown = ShownSpans(self._project, self._index, self._view, self._span_list, self)
        self._shown.selected.connect(self.span_selected)
        self._shown.changed.connect(self.spans_changed)

        self._rules = SelectionRules(self._view, self)
        self._labelling = Labelling(
            self._edits, self._shown, self._view, self._rules, message=self.status_message.emit
        )
        _lay_out(self, self._view, self._palette, self._span_list)
        self.reload_labels()
        session.changes_did_happen.connect(self._on_changes)
        #: a claim's claimer, cue and attributes: keys, picking, drawing (issue 13)
        self.claims = ClaimLinks(self)
        #: the open document's suggestions and their keys (Tab, Enter, Delete)
        self.suggestions = EditorSuggestions(self)

    # --- public interface ----------------------------------------------------

    @property
    def session(self) -> ProjectSession:
        """The open project's session (edits, undo stack, broadcast of changes)."""
        return self._session

    @property
    def _doc_id(self) -> DocId | None:
        return self._shown.doc_id

    @property
    def _annotator(self) -> str:
        return self._shown.annotator

    def set_annotator(self, name: str) -> None:
        """Whose spans are shown and edited; reloads the open document's spans."""
        self._shown.annotator = name.strip()
        if self._doc_id is not None:
            self._shown.reload()

    def annotator(self) -> str:
        return self._annotator

    def open_document(self, doc_id: int) -> None:
        """Show a document's text with this annotator's spans.

        :raises UnknownDocument: no such document in the project.
        """
        document = self._project.documents.get(doc_id)
        spans = self._shown.spans_for(document.id)
        self._shown.doc_id = document.id
        self._title = document.title
        self._rules.exact = None
        source = self._project.documents.source_tokens(document.id)
        self._rules.tokens = source.tokens if source is not None else None
        self._rules.clitics = self._project.clitics
        self._shown.show_text(document.text, spans)
        self.suggestions.load()
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
        label = self._labels.get(label_name)
        if label is None:
            self.status_message.emit(
                fill(
                    translate("AnnotationEditor", "No label named %1 in this project."), label_name
                )
            )
            return
        self._labelling.apply(label)

    def edit_note_of_selected_span(self) -> None:
        """Open the note editor of the selected span (F2)."""
        self._labelling.edit_note(parent=self)

    def _note_from_list(self, span_id: str) -> None:
        self.select_span(span_id)
        self.edit_note_of_selected_span()

    def delete_selected_span(self) -> None:
        if self._index.selected:
            self._labelling.delete(self._index.selected)

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
        if not span_id:
            self._select("")
        elif self._shown.show_span(span_id, scroll=scroll):
            self._rules.exact = None

    def reveal_span(self, span_id: str) -> None:
        """Show a span of the open document: selected when it is shown, else (a
        deleted one, about to come back) its characters selected in the text."""
        self._rules.exact = None
        self._shown.reveal(span_id)

    def set_selection(self, start: int, end: int) -> None:
        """Select code points ``start``–``end`` of the text (no span selected), in view."""
        self._rules.exact = None
        self._select("")
        self._view.set_selection(start, end)
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
        self._shown.others.shown = bool(on)
        self._shown.load_others()

    def show_others(self) -> bool:
        return self._shown.others.shown

    def others_spans(self) -> list[Span]:
        """Others' spans (and gold) of the open document as shown; empty when hidden."""
        return self._shown.others.spans()

    def set_show_label_tags(self, on: bool) -> None:
        self._view.show_tags = on
        self._view.viewport().update()

    # --- changes ---------------------------------------------------------------

    def _on_changes(self, change: Change, initiator: object) -> None:
        if initiator is not self:  # this editor's own edits are shown already
            self._changed(change)

    def _changed(self, change: Change) -> None:
        """The file changed (edit, undo, redo, another window): show it."""
        if change.meta_changed:  # the clitic policy, say: snap by the new one at once
            self._rules.clitics = self._project.clitics
        self._shown.apply(change, reload_labels=self.reload_labels)

    # --- selection -----------------------------------------------------------

    def _select(self, span_id: str) -> None:
        self._shown.select(span_id)

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

    def clear_selection(self) -> None:
        """No text and no span selected (Escape)."""
        cursor = self._view.textCursor()
        cursor.clearSelection()
        self._view.setTextCursor(cursor)
        self._select("")

    def label_keys(self) -> dict[str, str]:
        """Key → label name, as the palette shows them."""
        return self._keys

    def _tooltip_at(self, point: QPoint) -> str:
        if self._doc_id is None:
            return ""
        return self._view.spans_tooltip(self._view.offset_at(point), self._labels)

    def _palette_sticky_changed(self, name: object) -> None:
        self._rules.sticky = name if isinstance(name, str) else None


def _lay_out(editor: QWidget, view: QWidget, palette: QWidget, span_list: QWidget) -> None:
    """The text, and beside it (at its end side) the palette over the span list."""
    side = QWidget(editor)
    side_layout = QVBoxLayout(side)
    side_layout.setContentsMargins(0, 0, 0, 0)
    side_layout.addWidget(palette)
    side_layout.addWidget(span_list, 1)
    splitter = QSplitter(Qt.Orientation.Horizontal, editor)
    splitter.addWidget(view)
    splitter.addWidget(side)
    splitter.setStretchFactor(0, 4)
    splitter.setStretchFactor(1, 1)
    layout = QVBoxLayout(editor)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
