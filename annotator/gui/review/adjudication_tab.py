"""The adjudication tab: documents most disputed first, gold, rows, versions.

The open document's gold version (:class:`~annotator.gui.review.gold_view.GoldView`),
its rows (:func:`~annotator.core.adjudication.document_rows`) and, for the
chosen row, every annotator's version stacked. Keys in the rows table:
``1``…``N`` accept that annotator's version, ``0``/Delete reject the row. Keys
in the gold text: a label key marks the selection (snapped to tokens, as in
the editor), Delete removes the chosen gold span. Every action is in the file
when it returns, and undoable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QSplitter,
    QWidget,
)

from annotator.core import adjudication
from annotator.core.adjudication import (
    AcceptMajority,
    AcceptVersion,
    MarkAdjudicated,
    RejectRow,
    Row,
    document_rows,
)
from annotator.core.agreement import AgreementResult
from annotator.core.change import Change, Edit
from annotator.core.edits import AddSpan, RemoveSpan
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Span
from annotator.core.store_notes import DocumentNote
from annotator.gui.claim_painting import ClaimPainting
from annotator.gui.common import menu_text
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import REDO, UNDO, ProjectSession, error_text
from annotator.gui.review.adjudication_models import (
    DisagreementDocumentsModel,
)
from annotator.gui.review.disputed_documents import DisputedDocumentsView
from annotator.gui.review.document_panel import DocumentPanel
from annotator.gui.review.notes import notes_by_document
from annotator.gui.review.structures import GoldLinks, Structures

__all__ = ["AdjudicationTab"]


class AdjudicationTab(QWidget):
    """Settle one document at a time into gold.

    :signal document_opened(int): a document is shown for adjudication.
    :signal gold_changed(int): gold of this document changed in the file.
    :signal adjudicated_changed(): a document was marked adjudicated or not.
    :signal status_message(str): something to tell the user (the window shows it).
    """

    document_opened = Signal(int)
    gold_changed = Signal(int)
    adjudicated_changed = Signal()
    status_message = Signal(str)

    def __init__(
        self, session: ProjectSession, *, adjudicator: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.project = session.project
        self.adjudicator = adjudicator
        # After accepting or rejecting a row, move to the next one.
        self.advance_after_accept = True
        self._doc_id: DocId | None = None
        self._build()
        session.changes_did_happen.connect(self._on_changes)

    # --- state -------------------------------------------------------------------

    def current_document(self) -> DocId | None:
        return self._doc_id

    def annotators(self) -> list[str]:
        """The annotators of the open document, in key order (``1`` is the first)."""
        return self.panel.annotators()

    def rows(self) -> list[Row]:
        return self.rows_model.rows()

    def selected_row(self) -> Row | None:
        return self.panel.selected_row()

    def gold_spans(self) -> list[Span]:
        """Gold of the open document, as last read from the file."""
        return self.gold_view.spans()

    def adjudicated(self) -> set[int]:
        """Adjudicated documents, as the file says."""
        return {int(d) for d in adjudication.adjudicated_documents(self.project)}

    # --- documents and rows ----------------------------------------------------

    def set_agreement(self, result: AgreementResult | None) -> None:
        """The documents to adjudicate, most disputed first; opens the first one."""
        self.docs_model.set_result(result)
        self.docs_model.set_adjudicated(self.adjudicated())
        if self._doc_id is None and self.docs_model.total():
            self.open_document(self.docs_model.doc_id_at(0))
        elif self._doc_id is not None:
            self.docs_view.show_current(self._doc_id)

    def open_document(self, doc_id: int) -> None:
        """Show a document for adjudication: gold, rows, versions; select it in the list."""
        document = self.project.documents.get(doc_id)
        names, rows = document_rows(self.project, document.id)
        self._doc_id = document.id
        gold = self.project.gold.for_document(document.id)
        structures = Structures.read(self.project, rows, gold)
        source = self.project.documents.source_tokens(document.id)
        self.panel.versions.set_notes(self._notes_of(document.id))
        self.panel.show_document(
            document,
            names,
            rows,
            gold,
            structures,
            tokens=source.tokens if source is not None else None,
            clitics=self.project.clitics,
        )
        self.gold_links.reload(document.id)
        self._sync_adjudicated()
        self.docs_view.show_current(document.id)
        self.panel.set_writable(not self.project.readonly)
        self.document_opened.emit(int(document.id))

    def step_document(self, step: int) -> None:
        """Open the next (``1``) or previous (``-1``) document of the list."""
        target = self.docs_view.neighbour(self._doc_id, step)
        if target is not None:
            self.open_document(target)

    def select_row(self, row: int) -> None:
        """Choose row number ``row`` (of the rows table as shown)."""
        self.panel.select_row(row)

    # --- actions -----------------------------------------------------------------

    def accept_version(self, annotator: str | int) -> bool:
        """Put ``annotator``'s version of the chosen row into gold.

        :param annotator: a name, or its number (``1`` is the first of :meth:`annotators`).
        """
        if isinstance(annotator, int):
            names = self.panel.annotators()
            if not 1 <= annotator <= len(names):
                self._say(fill(translate("Review", "No annotator number %1 here."), annotator))
                return False
            annotator = names[annotator - 1]
        return self._settle_row(annotator)

    def reject_row(self) -> bool:
        """No gold span where the chosen row is."""
        return self._settle_row(None)

    def accept_majority(self) -> int:
        """For every row of the open document, accept the majority's version, if any.

        :returns: rows settled (rows without a majority are left as they are).
        """
        if self._doc_id is None or not self._writable():
            return 0
        edit = AcceptMajority(self._doc_id, self.adjudicator)
        if not self._run(edit, translate("Review", "Accept the majority")):
            return 0
        self._say(
            fill(
                translate("Review", "Majority accepted for %1 rows; %2 left without a majority."),
                edit.settled,
                edit.left,
            )
        )
        return edit.settled

    def apply_gold_label(self, label_name: str) -> bool:
        """Mark the selection in the gold text as ``label_name`` (a new gold span)."""
        if self._doc_id is None or not self._writable():
            return False
        chosen = self.gold_view.selection()
        if chosen is None:
            self._say(translate("Review", "Select some text in the gold version first."))
            return False
        start, end = chosen
        if start >= end:
            self._say(translate("Review", "Nothing to label: the selection holds only spaces."))
            return False
        edit = AddSpan(
            doc_id=self._doc_id,
            annotator=self.adjudicator,
            label=label_name,
            start=start,
            end=end,
            gold=True,
        )
        text = self.gold_view.text()
        if not self._run(
            edit, fill(translate("Review", "Gold %1 «%2»"), label_name, text[start:end][:40])
        ):
            return False
        self.gold_view.clear_selection()
        assert edit.span_id is not None
        self.gold_view.select_span(edit.span_id)
        return True

    def delete_gold_span(self, span_id: str | None = None) -> bool:
        """Remove a gold span (default: the one chosen in the gold text)."""
        if self._doc_id is None or not self._writable():
            return False
        span_id = span_id or self.gold_view.selected_span()
        span = next((s for s in self.gold_view.spans() if s.id == span_id), None)
        if span is None:
            self._say(translate("Review", "Click a gold span first."))
            return False
        text = self.gold_view.text()
        return self._run(
            RemoveSpan(span_id=span.id, gold=True),
            fill(
                translate("Review", "Remove gold %1 «%2»"),
                span.label,
                text[span.start : span.end][:40],
            ),
        )

    def set_adjudicated(self, done: bool = True) -> None:
        """Mark the open document adjudicated (or not), in the file."""
        if self._doc_id is None or not self._writable():
            return
        if done:
            undo_text = translate("Review", "Mark adjudicated")
            said = translate("Review", "Marked adjudicated.")
        else:
            undo_text = translate("Review", "Mark not adjudicated")
            said = translate("Review", "No longer adjudicated.")
        if self._run(MarkAdjudicated(self._doc_id, self.adjudicator, done), undo_text):
            self._say(said)
        else:
            self._sync_adjudicated()  # the box shows the file, not the click

    # --- writing -----------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.status_message.emit(message)

    def _writable(self) -> bool:
        if self.project.readonly:
            self._say(
                translate("Review", "This project is open read-only: nothing can be adjudicated.")
            )
            return False
        return True

    def _settle_row(self, annotator: str | None) -> bool:
        row = self.selected_row()
        if self._doc_id is None or row is None:
            self._say(translate("Review", "Choose a row first."))
            return False
        if not self._writable():
            return False
        piece = self.gold_view.text()[row.start : row.end][:40]
        if annotator is None:
            edit: Edit = RejectRow(self._doc_id, row, self.adjudicator)
            text = fill(translate("Review", "Reject row «%1»"), piece)
        else:
            edit = AcceptVersion(self._doc_id, row, annotator, self.adjudicator)
            text = fill(translate("Review", "Accept %1 for «%2»"), annotator, piece)
        ok = self._run(edit, text)
        if ok and self.advance_after_accept:
            self.panel.select_next_row()
        return ok

    def _run(self, edit: Edit, text: str) -> bool:
        """Run a core edit through the session (file, undo stack, every window), show it."""
        try:
            change = self.session.run(edit, text=menu_text(text), initiator=self)
        except AnnotatorError as exc:
            self._say(error_text(exc))
            return False
        if change is None:  # the disk refused it: the session showed why
            return False
        self._show_change(change)
        return True

    def _on_changes(self, change: Change, initiator: object) -> None:
        if initiator is self:  # this tab's own edits are shown already
            return
        if initiator in (UNDO, REDO) and change.gold and change.doc_id not in (None, self._doc_id):
            self.open_document(change.doc_id)  # show the document the undo or redo changed
            return
        self._show_change(change, rows=True)

    def _show_change(self, change: Change, *, rows: bool = False) -> None:
        """Show from the file what ``change`` touched; ``rows``: annotators' spans too."""
        if change.labels_changed:
            self.panel.set_labels(self.project.labels.list())
        if change.document_note_changed or change.doc_id is None:
            self.docs_model.refresh_notes(change.doc_id)
        if self._doc_id is None:
            return
        if change.doc_id is None:  # an import or a merge: anything may have changed
            self.open_document(self._doc_id)
            return
        if change.doc_id != self._doc_id:
            return
        if change.document_note_changed:
            self.panel.set_notes(self._notes_of(change.doc_id))
        if change.adjudication_changed:
            self._sync_adjudicated()
            self.adjudicated_changed.emit()
        if change.gold:
            gold = self.project.gold.for_document(change.doc_id)
            structures = Structures.read(self.project, self.rows_model.rows_all(), gold)
            self.panel.set_gold(gold, structures)
            self.gold_links.reload(change.doc_id)
            self.gold_changed.emit(int(change.doc_id))
        elif rows and (change.span_ids or change.status_changed):
            names, doc_rows = document_rows(self.project, change.doc_id)
            gold = self.gold_view.spans()
            self.panel.set_rows(names, doc_rows, Structures.read(self.project, doc_rows, gold))

    # --- showing -----------------------------------------------------------------

    def _notes_of(self, doc_id: DocId) -> dict[str, DocumentNote]:
        return notes_by_document(self.project, [doc_id]).get(doc_id, {})

    def _sync_adjudicated(self) -> None:
        done = self.adjudicated()
        self.docs_model.set_adjudicated(done)
        self.panel.set_adjudicated(self._doc_id is not None and int(self._doc_id) in done)

    def _adjudicated_toggled(self, on: bool) -> None:
        if self._doc_id is not None and on != (int(self._doc_id) in self.adjudicated()):
            self.set_adjudicated(on)

    def _document_chosen(self, doc_id: int) -> None:
        if doc_id != self._doc_id:
            self.open_document(doc_id)

    # --- building ----------------------------------------------------------------

    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(splitter)

        self.docs_model = DisagreementDocumentsModel(self.project, self)
        self.docs_view = DisputedDocumentsView(self.docs_model, splitter)
        self.docs_view.document_chosen.connect(self._document_chosen)
        splitter.addWidget(self.docs_view)

        self.panel = DocumentPanel(self.project.labels.list(), splitter)
        panel = self.panel
        # The panel's views the tab works with most.
        self.gold_view, self.rows_model = panel.gold_view, panel.rows_model
        # Gold's claimers and cues, framed when a gold claim is chosen, as in the editor.
        self.gold_links = GoldLinks(self.project, self.gold_view)
        self.gold_view.overlays.append(ClaimPainting(self.gold_links))
        panel.number_pressed.connect(lambda n: self.accept_version(n) if n else self.reject_row())
        panel.adjudicated_toggled.connect(self._adjudicated_toggled)
        panel.accept_majority_button.clicked.connect(self.accept_majority)
        panel.gold_view.label_requested.connect(self.apply_gold_label)
        panel.gold_view.delete_requested.connect(lambda _span: self.delete_gold_span())
        panel.versions.accept_requested.connect(self.accept_version)
        panel.versions.reject_requested.connect(self.reject_row)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 1020])
