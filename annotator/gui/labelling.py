"""What a label key, a palette click, Delete and F2 do to the editor's selection.

The selected text becomes a new span (snapped by the selection rules), the
selected span is relabelled, deleted or given a note; each through
:class:`~annotator.gui.span_edits.SpanEdits`, so each is a core edit run
through the session. The status bar says why nothing happened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from annotator.core.model import Label
from annotator.gui.article_view import ArticleView
from annotator.gui.i18n import translate
from annotator.gui.selection_rules import SelectionRules
from annotator.gui.shown_spans import ShownSpans
from annotator.gui.span_edits import SpanEdits

__all__ = ["Labelling"]


class Labelling:
    """Label, relabel, delete and annotate the selection of one editor."""

    def __init__(
        self,
        edits: SpanEdits,
        shown: ShownSpans,
        view: ArticleView,
        rules: SelectionRules,
        *,
        message: Callable[[str], None],
    ) -> None:
        self._edits = edits
        self._shown = shown
        self._view = view
        self._rules = rules
        self._message = message

    def ready(self) -> bool:
        """A document is open and the annotator has a name (else the status bar says so)."""
        if self._shown.doc_id is None:
            self._message(translate("AnnotationEditor", "Open a document first."))
            return False
        if not self._shown.annotator:
            self._message(translate("AnnotationEditor", "Set the annotator's name first."))
            return False
        return True

    def apply(self, label: Label) -> None:
        """Label the selected text (a new span) or relabel the selected span."""
        if not self.ready():
            return
        index = self._shown.index
        if self._view.textCursor().hasSelection():
            self._add(label, *self._view.selection_range())
        elif index.selected:
            self._edits.relabel(index.selected, label.name)
        else:
            self._message(
                translate("AnnotationEditor", "Select some text (or click a span) first.")
            )

    def _add(self, label: Label, start: int, end: int) -> None:
        doc_id = self._shown.doc_id
        assert doc_id is not None
        start, end = self._rules.range_to_label(self._shown.index.text, start, end)
        if start >= end:
            self._message(
                translate("AnnotationEditor", "Nothing to label: the selection holds only spaces.")
            )
            return
        edit = self._edits.add(doc_id, self._shown.annotator, label.name, start, end)
        if edit is None:
            return
        assert edit.span_id is not None
        self._rules.exact = None
        cursor = self._view.textCursor()
        cursor.clearSelection()
        self._view.setTextCursor(cursor)
        self._shown.select(edit.span_id)

    def delete(self, span_id: str) -> None:
        self._edits.delete(span_id)

    def edit_note(self, *, parent: QWidget) -> None:
        """Open the note editor of the selected span (F2)."""
        selected = self._shown.index.selected
        if not selected:
            self._message(
                translate("AnnotationEditor", "Click a span first, then F2 for its note.")
            )
            return
        self._edits.edit_note(selected, parent=parent)
