"""Suggestions prepared ahead of the annotator, for the Suggestions menu: the
window's :class:`~annotator.gui.suggestion_work.SuggestionWork` (new workers for
each project opened), the open document and the next ones of the queue prepared in
the background once a document stays open a moment, and "Suggest for this / the
next documents".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from annotator.core.model import DocId
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import BackgroundOperation, ProjectSession
from annotator.gui.suggestion_work import SuggestionWork

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.suggestion_queue import SuggestionQueue

__all__ = ["NEXT_DOCUMENTS", "PREPARE_DELAY_MS", "SuggestionPreparation"]

NEXT_DOCUMENTS = 50
#: How long a document stays open before the next ones are prepared (the editor
#: warms spaCy's tokenizer after as long).
PREPARE_DELAY_MS = 1500


class SuggestionPreparation(QObject):
    """The window's suggestion workers, and what they prepare for the annotator."""

    # New workers for the session given (another project opened).
    workers_started = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        *,
        queue: SuggestionQueue,
        prepare_ahead: QAction,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._queue = queue
        self._work: SuggestionWork | None = None
        self._work_session: ProjectSession | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._prepare_now)
        self.prepare_ahead = prepare_ahead
        prepare_ahead.setCheckable(True)
        prepare_ahead.setChecked(True)
        prepare_ahead.toggled.connect(self._set_prepare)

    @property
    def work(self) -> SuggestionWork:
        """The open project's workers (new ones when another project opened)."""
        session = self._window.session
        if self._work is None or self._work_session is not session:
            if self._work is not None:
                self._work.stop()
                self._work.deleteLater()
            self._work = SuggestionWork(session, busy=self._window.is_busy, parent=self)
            self._work.message.connect(self._window.show_message)
            self._work.enabled = self.prepare_ahead.isChecked()
            self._work_session = session
            self.workers_started.emit(session)
        return self._work

    def stop(self) -> None:
        """The window closes: cancel and wait for every worker."""
        self._timer.stop()
        if self._work is not None:
            self._work.stop()

    # --- preparing ahead of the annotator ------------------------------------------------

    def document_opened(self, doc_id: int) -> None:
        """Prepare suggestions for this document and the next ones of the queue, once
        the annotator stays on it a moment (paging through documents starts nothing;
        spaCy's import never delays a window's first paint)."""
        self._timer.start(PREPARE_DELAY_MS)

    def preparation_pending(self) -> bool:
        """A preparation is about to start or running."""
        work = self._work
        return self._timer.isActive() or (work is not None and work.preparing is not None)

    def _prepare_now(self) -> BackgroundOperation | None:
        doc_id = self._window.current_document()
        work = self.work
        if doc_id is None or not work.enabled or self._window.is_busy():
            return None
        return work.prepare([doc_id, *self._queue.queue_after(doc_id, work.ahead)], shown=doc_id)

    def _set_prepare(self, on: bool) -> None:
        self.work.enabled = bool(on)

    # --- suggest -----------------------------------------------------------------------------

    def suggest_for_document(self) -> BackgroundOperation | None:
        doc_id = self._window.current_document()
        if doc_id is None or self._window.is_busy():
            return None
        self.work.forget(doc_id)
        return self._fill([doc_id])

    def suggest_for_next_documents(self, count: int | None = None) -> BackgroundOperation | None:
        doc_id = self._window.current_document()
        if doc_id is None or self._window.is_busy():
            return None
        if count is None:
            count, ok = QInputDialog.getInt(
                self._window,
                translate("Suggestions", "Suggest for the next documents"),
                translate("Suggestions", "How many documents (those not done, in queue order)?"),
                NEXT_DOCUMENTS,
                1,
                100000,
            )
            if not ok:
                return None
        return self._fill([doc_id, *self._queue.queue_after(doc_id, count - 1)])

    def _fill(self, doc_ids: list[DocId]) -> BackgroundOperation:
        op = self.work.fill(doc_ids)
        self._window.show_message(
            fill(translate("Suggestions", "Suggesting for %1 documents…"), len(doc_ids))
        )
        op.succeeded.connect(
            lambda _r: self._window.show_message(
                fill(translate("Suggestions", "Suggestions ready for %1 documents."), len(doc_ids))
            )
        )
        op.failed.connect(self._window.show_message)
        return op
