"""The scores tab: each annotator against gold, on adjudicated documents.

:func:`~annotator.core.adjudication.score_against_gold` runs on a worker
thread when the tab is shown after gold changed, or on Refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.core import adjudication
from annotator.core.agreement import AgreementResult
from annotator.core.store import Project
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import BackgroundOperation, Task
from annotator.gui.review.adjudication_models import GoldScoresModel
from annotator.gui.review.agreement_tab import table_view

__all__ = ["ScoresTab"]


class ScoresTab(QWidget):
    """Scores against gold.

    :signal scores_ready(object): the scores (an :class:`AgreementResult`), or
        ``None`` when there are none (:attr:`error` says why).
    """

    scores_ready = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._job: BackgroundOperation | None = None
        self._result: AgreementResult | None = None
        self._error: str | None = None
        # Gold changed since the last scores: recompute when next shown.
        self.dirty = True
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.status = QLabel(
            translate(
                "Review", "Each annotator against gold, on adjudicated documents they finished."
            ),
            self,
        )
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        refresh = QPushButton(translate("Review", "Refresh"), self)
        refresh.clicked.connect(self.refresh)
        top.addWidget(self.status, 1)
        top.addWidget(refresh)
        layout.addLayout(top)
        self.model = GoldScoresModel(self)
        self.view = table_view(self.model, self)
        layout.addWidget(self.view, 1)

    @property
    def result(self) -> AgreementResult | None:
        return self._result

    @property
    def error(self) -> str | None:
        return self._error

    def is_busy(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def refresh(self) -> None:
        """Score every annotator against gold, off the UI thread."""
        if self.is_busy():
            return

        def work(reader: Project, _task: Task) -> AgreementResult:
            return adjudication.score_against_gold(reader)

        job = BackgroundOperation(work, project=self._project, parent=self)
        job.succeeded.connect(self._done)
        job.failed.connect(self._failed)
        self._job = job
        self.dirty = False
        self.status.setText(translate("Review", "Scoring against gold…"))
        job.start()

    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job.wait()

    def _done(self, result: AgreementResult) -> None:
        assert self._job is not None
        self._job.wait()
        self._result = result
        self._error = None
        self.model.set_result(result)
        self.status.setText(
            fill(
                translate("Review", "Each annotator against gold on %1 adjudicated documents."),
                result.documents,
            )
        )
        self.scores_ready.emit(result)

    def _failed(self, message: str) -> None:
        assert self._job is not None
        self._job.wait()
        self._result = None
        self._error = message
        self.model.set_result(None)
        self.status.setText(message)
        self.scores_ready.emit(None)
