"""The review window: three tabs over one open project, one undo stack.

* **Agreement** (:class:`~annotator.gui.review.agreement_tab.AgreementTab`):
  computed in the background as soon as the window shows; its progress and
  Cancel sit in the status bar, seen from every tab.
* **Adjudicate** (:class:`~annotator.gui.review.adjudication_tab.AdjudicationTab`):
  documents most disputed first, into gold.
* **Scores against gold** (:class:`~annotator.gui.review.scores_tab.ScoresTab`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QTabWidget, QToolBar, QWidget

from annotator.core.agreement import AgreementResult
from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import ProjectSession, error_text
from annotator.gui.review.adjudication_tab import AdjudicationTab
from annotator.gui.review.agreement_tab import AgreementTab
from annotator.gui.review.scores_tab import ScoresTab
from annotator.gui.review.suggestions_tab import SuggestionsTab

__all__ = ["ReviewWindow", "open_review"]


def open_review(project: Project, adjudicator: str, parent: QWidget | None = None) -> ReviewWindow:
    """Open the review window on ``project``; agreement is computed in the background.

    :param adjudicator: the name gold spans and adjudications are recorded under.
    """
    window = ReviewWindow(project, adjudicator=adjudicator, parent=parent)
    window.show()
    return window


class ReviewWindow(QMainWindow):
    """Agreement, adjudication and scores against gold for one open project.

    :param project: the open project (writable, to adjudicate); every action is
        in its file when it returns.
    :param adjudicator: recorded on gold spans and adjudications.
    :signal agreement_ready(object): an :class:`AgreementResult` was computed.
    :signal agreement_failed(str): computing failed or was not possible (the reason).
    :signal scores_ready(object): the scores against gold (an :class:`AgreementResult`).
    :signal gold_changed(int): gold of this document changed in the file.
    :signal document_opened(int): a document is shown for adjudication.
    """

    agreement_ready = Signal(object)
    agreement_failed = Signal(str)
    scores_ready = Signal(object)
    gold_changed = Signal(int)
    document_opened = Signal(int)

    def __init__(
        self, project: Project, *, adjudicator: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.adjudicator = adjudicator.strip() or "lead"
        # The project's session: the main window's undo stack and broadcast, if it is open.
        self.session = ProjectSession.of(project)
        self.undo_stack = self.session.undo_stack
        self.setWindowTitle(fill(translate("Review", "Review — %1"), project.path.name))
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)

        self.agreement_tab = AgreementTab(project, self)
        self.adjudication_tab = AdjudicationTab(
            self.session, adjudicator=self.adjudicator, parent=self
        )
        self.scores_tab = ScoresTab(project, self)
        self.tabs.addTab(self.agreement_tab, translate("Review", "Agreement"))
        self.tabs.addTab(self.adjudication_tab, translate("Review", "Adjudicate"))
        self.tabs.addTab(self.scores_tab, translate("Review", "Scores against gold"))
        self.suggestions_tab = SuggestionsTab(project, self)
        self.tabs.addTab(self.suggestions_tab, translate("Review", "Suggestions"))
        self.tabs.currentChanged.connect(self._tab_changed)

        agreement = self.agreement_tab
        agreement.agreement_ready.connect(self._agreement_done)
        agreement.agreement_failed.connect(self.agreement_failed)
        self.statusBar().addPermanentWidget(agreement.progress_bar)
        self.statusBar().addPermanentWidget(agreement.cancel_button)
        adjudication = self.adjudication_tab
        adjudication.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        adjudication.document_opened.connect(self._document_opened)
        adjudication.gold_changed.connect(self._gold_changed)
        adjudication.adjudicated_changed.connect(self._scores_stale)
        self.scores_tab.scores_ready.connect(self.scores_ready)
        self.session.changes_did_happen.connect(self._on_changes)
        self.session.replay_refused.connect(self._replay_refused)
        self._build_toolbar()
        self.resize(1400, 900)
        self.agreement_tab.refresh()  # at once when the project is unchanged since the last

    # --- state ---------------------------------------------------------------------

    @property
    def agreement(self) -> AgreementResult | None:
        """The last agreement computed (``None`` before, or when it was not possible)."""
        return self.agreement_tab.result

    @property
    def agreement_error(self) -> str | None:
        return self.agreement_tab.error

    @property
    def scores(self) -> AgreementResult | None:
        return self.scores_tab.result

    @property
    def scores_error(self) -> str | None:
        return self.scores_tab.error

    def is_busy(self) -> bool:
        return self.agreement_tab.is_busy() or self.scores_tab.is_busy()

    def current_document(self) -> DocId | None:
        return self.adjudication_tab.current_document()

    # --- actions -------------------------------------------------------------------

    def refresh_agreement(self) -> None:
        """Compute agreement again off the UI thread; progress in the status bar."""
        self.agreement_tab.refresh(force=True)

    def refresh_scores(self) -> None:
        """Score every annotator against gold, off the UI thread."""
        self.scores_tab.refresh()

    def open_document(self, doc_id: int) -> None:
        """Show a document in the Adjudicate tab."""
        self.adjudication_tab.open_document(doc_id)

    # --- wiring --------------------------------------------------------------------

    def _agreement_done(self, result: AgreementResult) -> None:
        first = self.current_document() is None
        self.adjudication_tab.set_agreement(result)
        if first:  # the numbers first; the most disputed document waits in its tab
            self.tabs.setCurrentWidget(self.agreement_tab)
        self.agreement_ready.emit(result)

    def _document_opened(self, doc_id: int) -> None:
        self.tabs.setCurrentWidget(self.adjudication_tab)
        self.document_opened.emit(doc_id)

    def _gold_changed(self, doc_id: int) -> None:
        self._scores_stale()
        self.gold_changed.emit(doc_id)

    def _on_changes(self, change: Change, _initiator: object) -> None:
        if change.gold or change.adjudication_changed:
            self._scores_stale()
        if change.span_ids and not change.gold or change.status_changed or change.doc_id is None:
            self.agreement_tab.mark_stale()
        if change.suggestions_changed and self.tabs.currentWidget() is self.suggestions_tab:
            self.suggestions_tab.refresh()

    def _replay_refused(self, exc: AnnotatorError) -> None:
        self.statusBar().showMessage(
            fill(translate("Review", "Cannot undo or redo: %1"), error_text(exc)), 8000
        )

    def _scores_stale(self) -> None:
        self.scores_tab.dirty = True

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.scores_tab and self.scores_tab.dirty:
            self.refresh_scores()
        if self.tabs.currentWidget() is self.suggestions_tab:
            self.suggestions_tab.refresh()

    def _build_toolbar(self) -> None:
        bar = QToolBar(translate("Review", "Review"), self)
        bar.setObjectName("review_toolbar")
        self.addToolBar(bar)
        self.undo_action = self.undo_stack.createUndoAction(self, translate("Review", "Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, translate("Review", "Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        previous = QAction(translate("Review", "Previous document"), self)
        previous.setShortcut(QKeySequence("Ctrl+PgUp"))
        previous.triggered.connect(lambda: self.adjudication_tab.step_document(-1))
        following = QAction(translate("Review", "Next document"), self)
        following.setShortcut(QKeySequence("Ctrl+PgDown"))
        following.triggered.connect(lambda: self.adjudication_tab.step_document(1))
        bar.addAction(previous)
        bar.addAction(following)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.agreement_tab.stop()
        self.scores_tab.stop()
        super().closeEvent(event)
