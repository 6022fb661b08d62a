"""The agreement tab: the pairwise heat map, the overall numbers, F1 per label, and
agreement on claims' structure (each attribute and the claimer, per pair).

:func:`annotator.core.review.project_agreement` computes them on a worker
thread (:class:`~annotator.gui.ops.BackgroundOperation`, its own read-only
connection); the tab shows at once and fills in when the numbers arrive. The
progress bar and its Cancel button are the tab's, for the window to place
(its status bar), so they are seen from every tab. The last result of each
project file is kept with the file's ``data_version``: opened again on an
unchanged project, with the same filters, the numbers show without computing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import AgreementResult
from annotator.core.claim_agreement import ClaimAgreement, project_claim_agreement
from annotator.core.review import project_agreement
from annotator.core.store import Project
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import BackgroundOperation, Task
from annotator.gui.review.claim_structure_model import ClaimStructureModel
from annotator.gui.review.heatmap import HeatMapWidget
from annotator.gui.review.models import (
    METRICS,
    PairwiseMatrixModel,
    PerLabelModel,
    SummaryModel,
    TableModel,
    review_text,
)

__all__ = ["AgreementTab", "names", "table_view"]

# The last agreement of each project file: the filters, the file's data_version
# it was read at, the result. Reopening the window on an unchanged project shows
# it at once; one result per file (a record per document) is all it keeps.
_last: dict[
    Path,
    tuple[tuple[tuple[str, ...], tuple[str, ...]], str, tuple[AgreementResult, ClaimAgreement]],
] = {}


def names(text: str) -> list[str] | None:
    """``"sara, omar"`` → ``["sara", "omar"]``; nothing written → ``None`` (all)."""
    found = [n.strip() for n in text.replace("،", ",").split(",") if n.strip()]
    return found or None


def table_view(
    model: TableModel,
    parent: QWidget,
    *,
    stretch_last: bool = True,
    view: QTableView | None = None,
) -> QTableView:
    """A read-only table of whole rows, one selected at a time (``view``: set up this one)."""
    view = view or QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    return view


class AgreementTab(QWidget):
    """Agreement of the project's annotators, computed in the background.

    :signal agreement_ready(object): an :class:`AgreementResult` was computed.
    :signal agreement_failed(str): computing failed, was cancelled or was not
        possible (the reason).
    """

    agreement_ready = Signal(object)
    agreement_failed = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._job: BackgroundOperation | None = None
        self._result: AgreementResult | None = None
        self._structure: ClaimAgreement | None = None
        self._error: str | None = None
        self._stale = False
        self._build()

    # --- public ----------------------------------------------------------------

    @property
    def result(self) -> AgreementResult | None:
        """The last agreement computed (``None`` before, or when it was not possible)."""
        return self._result

    @property
    def claim_structure(self) -> ClaimAgreement | None:
        """Agreement on claims' attributes and claimers, computed with :attr:`result`."""
        return self._structure

    @property
    def error(self) -> str | None:
        return self._error

    def is_busy(self) -> bool:
        return self._job is not None and self._job.isRunning()

    def refresh(self, *, force: bool = False) -> None:
        """(Re)compute agreement off the UI thread, with the filters as written.

        :param force: compute even when the project is unchanged since the last
            agreement of these filters (which is otherwise shown at once).
        """
        if self.is_busy():
            return
        annotators = names(self.annotators_filter.text())
        labels = names(self.labels_filter.text())
        asked = (tuple(annotators or ()), tuple(labels or ()))
        version = self._project.data_version()  # a few index lookups
        cached = _last.get(self._project.path.resolve())
        if not force and cached is not None and cached[:2] == (asked, version):
            both = cached[2]
            QTimer.singleShot(0, lambda: self._done(both))  # as a worker would, at once
            return

        def work(reader: Project, task: Task) -> tuple[AgreementResult, ClaimAgreement]:
            spans = project_agreement(
                reader, annotators=annotators, labels=labels, progress=task.step
            )
            # Claims' attributes and claimers over matched claims (agreement --json's
            # claim_structure); the labels filter is the spans'.
            return spans, project_claim_agreement(reader, annotators=annotators)

        def computed(both: tuple[AgreementResult, ClaimAgreement]) -> None:
            _last[self._project.path.resolve()] = (asked, version, both)
            self._done(both)

        job = BackgroundOperation(work, project=self._project, parent=self)
        job.progressed.connect(self._progressed)
        job.succeeded.connect(computed)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self._job = job
        self.status.setText(translate("Review", "Computing agreement…"))
        self.recompute_button.setEnabled(False)
        self.progress_bar.setRange(0, 0)  # busy until the first report
        self.progress_bar.show()
        self.cancel_button.show()
        job.start()

    def cancel(self) -> None:
        if self._job is not None and self._job.isRunning():
            self._job.cancel()
            self.status.setText(translate("Review", "Cancelling…"))

    def stop(self) -> None:
        """Cancel and wait for the worker (the window is closing)."""
        if self._job is not None:
            self._job.cancel()
            self._job.wait()

    def mark_stale(self) -> None:
        """The project changed since these numbers: say so (Recompute updates them)."""
        if self._result is not None and not self._stale and not self.is_busy():
            self._stale = True
            note = translate("Review", "The project changed since; press Recompute.")
            self.status.setText(f"{self.status.text()} {note}")

    def is_stale(self) -> bool:
        return self._stale

    def set_metric(self, metric: str) -> None:
        """Show ``metric`` (a key of ``models.METRICS``) in the heat map."""
        self.metric_combo.setCurrentIndex(list(METRICS).index(metric))

    # --- results ---------------------------------------------------------------

    def _progressed(self, done: int, total: int, _what: str = "") -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _finish(self) -> None:
        if self._job is not None:
            self._job.wait()
        self.progress_bar.hide()
        self.cancel_button.hide()
        self.recompute_button.setEnabled(True)

    def _done(self, both: tuple[AgreementResult, ClaimAgreement]) -> None:
        result, structure = both
        self._finish()
        self._result = result
        self._structure = structure
        self._error = None
        self._stale = False
        for model in (self.matrix_model, self.summary_model, self.per_label_model):
            model.set_result(result)
        self.structure_model.set_result(structure)
        self.structure_box.setTitle(
            fill(translate("Review", "Claim structure over %1 matched claims"), structure.units)
        )
        self.status.setText(
            fill(
                translate(
                    "Review", "Documents finished by two annotators or more: %1. Annotators: %2."
                ),
                result.documents,
                ", ".join(result.annotators),
            )
        )
        self.agreement_ready.emit(result)

    def _failed(self, message: str) -> None:
        self._finish()
        self._error = message
        self.status.setText(fill(translate("Review", "No agreement: %1"), message))
        self.agreement_failed.emit(message)

    def _cancelled(self) -> None:
        self._finish()
        self._error = translate("Review", "cancelled")
        self.status.setText(
            translate("Review", "Agreement cancelled; press Recompute to start again.")
        )
        self.agreement_failed.emit(self._error)

    # --- building --------------------------------------------------------------

    def _build(self) -> None:
        layout = QGridLayout(self)
        # Names come from data: never read as markup.
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.recompute_button = QPushButton(translate("Review", "Recompute"), self)
        self.recompute_button.clicked.connect(lambda: self.refresh(force=True))
        # The CLI's --annotators / --labels: comma-separated, empty for all.
        self.annotators_filter = QLineEdit(self)
        self.annotators_filter.setPlaceholderText(translate("Review", "All annotators"))
        self.labels_filter = QLineEdit(self)
        self.labels_filter.setPlaceholderText(translate("Review", "All labels"))
        for edit in (self.annotators_filter, self.labels_filter):
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(lambda: self.refresh())
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setFormat(translate("Review", "Agreement %p%"))
        self.cancel_button = QPushButton(translate("Review", "Cancel"), self)
        self.cancel_button.setToolTip(translate("Review", "Stop computing agreement"))
        self.cancel_button.clicked.connect(self.cancel)
        for widget in (self.progress_bar, self.cancel_button):
            widget.hide()
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.annotators_filter)
        top.addWidget(self.labels_filter)
        top.addWidget(self.recompute_button)
        layout.addLayout(top, 0, 0, 1, 2)
        layout.addWidget(self._heat_box(), 1, 0)
        layout.addWidget(self._summary_box(), 1, 1)
        layout.addWidget(self._per_label_box(), 2, 0)
        layout.addWidget(self._structure_box(), 2, 1)
        layout.setRowStretch(1, 3)
        layout.setRowStretch(2, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)

    def _heat_box(self) -> QGroupBox:
        self.matrix_model = PairwiseMatrixModel(self)
        box = QGroupBox(translate("Review", "Pairwise agreement"), self)
        layout = QVBoxLayout(box)
        self.metric_combo = QComboBox(box)
        for key, name in METRICS.items():
            self.metric_combo.addItem(review_text(name), key)
        self.metric_combo.currentIndexChanged.connect(
            lambda i: self.matrix_model.set_metric(self.metric_combo.itemData(i))
        )
        self.heatmap = HeatMapWidget(box)
        self.heatmap.setModel(self.matrix_model)
        layout.addWidget(self.metric_combo)
        scroll = QScrollArea(box)
        scroll.setWidget(self.heatmap)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        return box

    def _summary_box(self) -> QGroupBox:
        self.summary_model = SummaryModel(self)
        box = QGroupBox(translate("Review", "Overall"), self)
        layout = QVBoxLayout(box)
        self.summary_view = table_view(self.summary_model, box)
        self.summary_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.summary_view.verticalHeader().hide()
        layout.addWidget(self.summary_view)
        return box

    def _structure_box(self) -> QGroupBox:
        self.structure_model = ClaimStructureModel(self)
        box = QGroupBox(translate("Review", "Claim structure"), self)
        layout = QVBoxLayout(box)
        self.structure_view = table_view(self.structure_model, box)
        self.structure_view.verticalHeader().hide()
        header = self.structure_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the pair's names
        layout.addWidget(self.structure_view)
        self.structure_box = box
        return box

    def _per_label_box(self) -> QGroupBox:
        self.per_label_model = PerLabelModel(self)
        box = QGroupBox(translate("Review", "Exact F1 per label"), self)
        layout = QVBoxLayout(box)
        self.per_label_view = table_view(self.per_label_model, box, stretch_last=False)
        self.per_label_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.per_label_view)
        return box
