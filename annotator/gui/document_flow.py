"""Moving through the documents: next, previous, go to, mark done (or skipped) and next."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from annotator.core.edits import SetStatus
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status
from annotator.gui.dialogs import GoToDocumentDialog
from annotator.gui.i18n import fill, translate

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = ["NEEDS_WORK", "DocumentFlow"]

NEEDS_WORK = (Status.NEW, Status.IN_PROGRESS)


class DocumentFlow(QObject):
    """The Go menu of one main window, over its document list."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def open_first_document(self) -> None:
        """Open the first document that still needs work (else the first one)."""
        window = self._window
        model = window.documents_model
        if model.status_filter() is None and not model.search():
            # The whole list: the core's one indexed query, without paging the list
            # through 90,000 finished documents (benchmarks/README.md, main window).
            first = window.project.documents.first_to_open(window.annotator())
            if first is not None:
                window.open_document(first)
            return
        row = model.find_row(-1, lambda d: model.status_of(d) in NEEDS_WORK)
        if row is None:
            row = model.find_row(-1, lambda _d: True)
        doc_id = model.doc_id_at(row) if row is not None else None
        if doc_id is not None:
            window.open_document(doc_id)

    def open_number(self, number: int) -> bool:
        """Open the ``number``-th document (1-based, project order)."""
        window = self._window
        infos = window.project.documents.list(number - 1, 1) if number >= 1 else []
        if not infos:
            window.show_message(fill(translate("MainWindow", "There is no document %1."), number))
            return False
        return window.open_document(infos[0].id)

    def _neighbour(
        self,
        *,
        forward: bool,
        wanted: Callable[[DocId], bool] | None = None,
        wrap: bool = False,
    ) -> DocId | None:
        window = self._window
        return window.documents_dock.neighbour(
            window.current_document(), forward=forward, wanted=wanted, wrap=wrap
        )

    def next_document(self) -> bool:
        doc = self._neighbour(forward=True)
        if doc is None:
            self._window.show_message(translate("MainWindow", "This is the last document."))
            return False
        return self._window.open_document(doc)

    def previous_document(self) -> bool:
        doc = self._neighbour(forward=False)
        if doc is None:
            self._window.show_message(translate("MainWindow", "This is the first document."))
            return False
        return self._window.open_document(doc)

    def go_to_document_dialog(self) -> GoToDocumentDialog | None:
        """Ctrl+G: a number (``12`` or ``١٢``) or words of a title."""
        window = self._window
        if window.is_busy():
            return None
        dialog = GoToDocumentDialog(window.project, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._go_to_chosen(dialog))
        dialog.open()
        return dialog

    def _go_to_chosen(self, dialog: GoToDocumentDialog) -> None:
        doc_id = dialog.selected_doc_id()
        if doc_id is not None:
            self._window.open_document(doc_id)
            self._window.focus_text()

    def mark_done_and_next(self) -> bool:
        """Ctrl+Enter: mark done (undoable), then open the next document that needs work."""
        return self._set_status_and_next(Status.DONE)

    def skip_and_next(self) -> bool:
        return self._set_status_and_next(Status.SKIPPED)

    def _set_status_and_next(self, status: Status) -> bool:
        window = self._window
        doc = window.current_document()
        if doc is None or window.is_busy():
            return False
        if not window.set_status(doc, status):
            return False
        model = window.documents_model
        # Suggestions → "most uncertain first" (active learning), else the list's order.
        following = window.actions.suggestions.next_in_queue(doc) or self._neighbour(
            forward=True, wrap=True, wanted=lambda d: model.status_of(d) in NEEDS_WORK
        )
        if following is None:
            window.show_message(translate("MainWindow", "Every document is done or skipped."))
            return True
        return window.open_document(following)

    def set_status(self, doc_id: DocId, status: Status) -> bool:
        """Set a status through the undo stack; it is in the file when this returns."""
        window = self._window
        text = {
            Status.DONE: translate("MainWindow", "Mark done"),
            Status.SKIPPED: translate("MainWindow", "Mark skipped"),
        }.get(status, translate("MainWindow", "Set status"))
        edit = SetStatus(doc_id, window.annotator(), status)
        try:
            change = window.session.run(edit, text=text, initiator=self)
        except AnnotatorError as exc:
            window.show_message(str(exc))
            return False
        if change is None:
            return False
        window.refresh_status(change)
        return True
