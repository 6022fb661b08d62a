"""The open document's spans as the editor shows them, kept in step with the file.

One job: what is on screen (the span index, the article view's formats, the
span list, others' spans) follows the project file. It loads a document's
spans, selects one, and applies each :class:`~annotator.core.change.Change`
(an edit, an undo, another window's write) by reading the touched spans back
from the file, so the screen never shows what the file does not hold.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Span
from annotator.core.store import Project
from annotator.gui.article_view import ArticleView
from annotator.gui.highlighter import SpanIndex
from annotator.gui.offsets import display_text
from annotator.gui.others_layer import OthersLayer
from annotator.gui.span_list import SpanListWidget

__all__ = ["ShownSpans"]


class ShownSpans(QObject):
    """This annotator's spans of the open document, on screen and in the span list.

    :signal selected(str): the selected span's id ("" when none).
    :signal changed(int): spans of this document (id) changed in the file.
    """

    selected = Signal(str)
    changed = Signal(int)

    def __init__(
        self,
        project: Project,
        index: SpanIndex,
        view: ArticleView,
        span_list: SpanListWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._project = project
        self.index = index
        self._view = view
        self._span_list = span_list
        self.others = OthersLayer(view)
        self.doc_id: DocId | None = None
        self.annotator = ""

    def show_text(self, text: str, spans: list[Span]) -> None:
        """Show the text of document ``doc_id`` with ``spans``.

        :raises AnnotatorError: Qt counts the text's positions differently, so
            offsets would not match (nothing is open then).
        """
        # The index first: setPlainText formats every block as it loads them.
        self.index.reset(text, spans)
        self._view.setPlainText(display_text(text))
        self._view.highlighter.document_loaded()
        if not self._view.positions_match():
            self.doc_id = None
            raise AnnotatorError(
                f"Qt shows this text with {self._view.document().characterCount() - 1} "
                f"positions instead of {self.index.offsets.utf16_length}; refusing to annotate it."
            )
        self._span_list.refresh()
        self.load_others()
        self.selected.emit("")

    def spans_for(self, doc_id: int) -> list[Span]:
        if not self.annotator:
            return []
        return self._project.spans.for_document(doc_id, annotator=self.annotator)

    def reload(self) -> None:
        """Read the open document's spans again (another annotator, a merge)."""
        assert self.doc_id is not None
        self.index.reset(self.index.text, self.spans_for(self.doc_id))
        self._view.highlighter.rehighlight()
        self._view.viewport().update()
        self._span_list.refresh()
        self.load_others()
        self.selected.emit("")

    def load_others(self) -> None:
        self.others.load(self._project, self.doc_id, self.annotator, self.index.text)

    def select(self, span_id: str) -> None:
        """Select a shown span ("" clears): outlined in the text and in the list."""
        old = self.index.selected
        if old == span_id:
            return
        blocks: set[int] = set()
        for sid in (old, span_id):
            span = self.index.get(sid) if sid else None
            if span is not None:
                blocks |= set(self.index.blocks_of(span.start, span.end))
        self.index.selected = span_id
        self._view.reformat(blocks)
        self._span_list.select_span(span_id)
        self.selected.emit(span_id)

    def show_span(self, span_id: str, *, scroll: bool = True) -> bool:
        """Select a shown span with the cursor at its start; False when it is not shown."""
        span = self.index.get(span_id)
        if span is None:
            return False
        cursor = self._view.textCursor()
        cursor.setPosition(self.index.offsets.to_utf16(span.start))
        self._view.setTextCursor(cursor)
        if scroll:
            self._view.ensureCursorVisible()
        self.select(span_id)
        return True

    def reveal(self, span_id: str) -> None:
        """Show a span of the open document: selected when shown, else (a deleted
        one, about to come back) its characters selected in the text."""
        if self.show_span(span_id):
            return
        try:
            span = self._project.spans.get(span_id)
        except AnnotatorError:
            return
        if span.doc_id != self.doc_id:
            return
        self.select("")
        self._view.set_selection(span.start, span.end)
        self._view.ensureCursorVisible()

    def apply(self, change: Change, *, reload_labels: Callable[[], None]) -> None:
        """The file changed (edit, undo, redo, another window): refresh what is shown from it.

        :param reload_labels: called first when the change touched the label set.
        """
        if change.labels_changed:
            reload_labels()
        if (
            self.doc_id is not None
            and change.doc_id is None
            and (change.documents_changed or (change.span_ids and not change.gold))
        ):
            self.reload()  # an import, a merge, "label all" over the corpus
            return
        if self.others.shown and change.doc_id == self.doc_id:
            self.load_others()  # another window's or annotator's edit, or gold
        if change.gold or change.doc_id is None:
            return
        if change.span_ids and change.doc_id == self.doc_id:
            blocks: set[int] = set()
            for span_id in change.span_ids:
                span = self._project.spans.get(span_id)
                if span.deleted is None and span.annotator == self.annotator:
                    blocks |= self.index.put(span)
                else:
                    was_selected = self.index.selected == span_id
                    blocks |= self.index.discard(span_id)
                    if was_selected:
                        self.selected.emit("")
            self._view.reformat(blocks)
            self._span_list.refresh()
            self._span_list.select_span(self.index.selected)
        if change.span_ids:
            self.changed.emit(int(change.doc_id))
