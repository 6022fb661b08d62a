"""The review window: agreement at a glance, then adjudication into gold.

Open it with :func:`open_review` (or build a :class:`ReviewWindow`). Three tabs:

* **Agreement** — the pairwise matrix as a heat map (exact F1, overlap F1,
  Cohen's κ or claims overlap F1), the overall numbers and the per-label F1
  table. :func:`annotator.core.review.project_agreement` computes them on a
  worker thread, over its own read-only connection to the project file (the
  UI keeps writing through the window's), behind a progress dialog whose
  Cancel raises from the progress callback.
* **Adjudicate** — the documents, most disputed first; the open document's
  gold version (right to left, the bundled Arabic font), its rows
  (:func:`~annotator.core.adjudication.document_rows`) and, for the chosen row,
  every annotator's version stacked, one line each. Keys in the rows table:
  ``1``…``N`` accept that annotator's version, ``0``/Delete reject the row.
  Keys in the gold text: a label key (``1``–``9`` in palette order, or the
  label's letter) marks the selection as gold, Delete removes the gold span
  under the cursor. Every action is in the file when it returns, and undoable
  (Ctrl+Z).
* **Scores against gold** — each annotator against gold on adjudicated
  documents (:func:`~annotator.core.adjudication.score_against_gold`).
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QThread, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core import adjudication
from annotator.core.adjudication import Row, document_rows
from annotator.core.agreement import AgreementResult
from annotator.core.edits import AddSpan, Change, RemoveSpan
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Label, LabelKind, Span, utc_now
from annotator.core.review import project_agreement
from annotator.core.store import Project
from annotator.gui.fonts import arabic_font
from annotator.gui.heatmap import HeatMapWidget
from annotator.gui.offsets import OffsetMap, display_text
from annotator.gui.palette import label_keys
from annotator.gui.review_models import (
    METRICS,
    AdjudicationRowsModel,
    DisagreementDocumentsModel,
    GoldScoresModel,
    PairwiseMatrixModel,
    PerLabelModel,
    SummaryModel,
    review_text,
)
from annotator.gui.undo import EditCommand

__all__ = ["ReviewWindow", "open_review"]

_CONTEXT = 40  # characters either side of a row in the stacked versions
_DISPUTED = QColor("#c0141c")
_EXTENT = QColor("#1f5fbf")


def open_review(project: Project, adjudicator: str, parent: QWidget | None = None) -> ReviewWindow:
    """Open the review window on ``project`` and start computing agreement.

    :param adjudicator: the name gold spans and adjudications are recorded under.
    """
    window = ReviewWindow(project, adjudicator=adjudicator, parent=parent)
    window.show()
    return window


# --- work off the UI thread ------------------------------------------------------


class _Cancelled(Exception):
    """Raised from a progress callback: the core stops where it is."""


class _Job(QThread):
    """Runs ``work(progress)`` on a thread; reports the result, a failure or a cancel."""

    progressed = Signal(int, int)
    job_finished = Signal(object)
    job_failed = Signal(str)
    job_cancelled = Signal()

    def __init__(
        self, work: Callable[[Callable[[int, int], None]], Any], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            if self._cancel.is_set():
                raise _Cancelled
            self.progressed.emit(done, total)

        try:
            if self._cancel.is_set():
                raise _Cancelled
            result = self._work(progress)
        except _Cancelled:
            self.job_cancelled.emit()
            return
        except AnnotatorError as exc:
            self.job_failed.emit(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            self.job_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.job_finished.emit(result)


def _names(text: str) -> list[str] | None:
    """``"sara, omar"`` → ``["sara", "omar"]``; nothing written → ``None`` (all)."""
    names = [n.strip() for n in text.replace("،", ",").split(",") if n.strip()]
    return names or None


def _reader(project: Project) -> tuple[Project, bool]:
    """A second, read-only connection for a worker, so the UI's stays its own.

    Falls back to the shared connection (opened with ``check_same_thread=False``;
    the worker only reads) when the file cannot be opened a second time.
    """
    try:
        return Project.open(project.path, readonly=True), True
    except (AnnotatorError, OSError):
        return project, False


def _agreement_work(
    project: Project, *, annotators: list[str] | None = None, labels: list[str] | None = None
) -> Callable[[Callable[[int, int], None]], Any]:
    def work(progress: Callable[[int, int], None]) -> AgreementResult:
        reader, own = _reader(project)
        try:
            return project_agreement(
                reader, annotators=annotators, labels=labels, progress=progress
            )
        finally:
            if own:
                reader.close()

    return work


def _scores_work(project: Project) -> Callable[[Callable[[int, int], None]], Any]:
    def work(_progress: Callable[[int, int], None]) -> AgreementResult:
        reader, own = _reader(project)
        try:
            return adjudication.score_against_gold(reader)
        finally:
            if own:
                reader.close()

    return work


# --- undo ------------------------------------------------------------------------------


class _GoldSnapshotCommand(QUndoCommand):
    """Undo for the core's adjudication calls (accept a version, majority, reject).

    Those calls are single transactions without a revert of their own; this
    command keeps the document's gold rows (tombstones included) before and after
    and writes the difference back, in one transaction each way, with a fresh
    ``updated`` time so later merges see the undo as the newest change.
    """

    def __init__(
        self,
        project: Project,
        doc_id: DocId,
        before: dict[str, Span],
        after: dict[str, Span],
        text: str,
        *,
        on_change: Callable[[Change], None],
    ) -> None:
        super().__init__(text)
        self._project = project
        self._doc_id = doc_id
        self._before = before
        self._after = after
        self._changed = tuple(
            sid for sid, span in after.items() if _state(before.get(sid)) != _state(span)
        )
        self._on_change = on_change
        self._first = True

    def changed(self) -> bool:
        return bool(self._changed)

    def redo(self) -> None:
        if self._first:  # the window ran the call itself before pushing
            self._first = False
            return
        self._write(self._after)

    def undo(self) -> None:
        self._write(self._before)

    def _write(self, state: dict[str, Span]) -> None:
        gold = self._project.gold
        with self._project.transaction():
            now = utc_now()
            for sid in self._changed:
                span = state.get(sid)
                if span is None:  # did not exist on this side: a tombstone
                    gold.set_deleted(sid, now, updated=now)
                else:
                    gold.upsert(_restamped(span, now))
        self._on_change(Change(self._doc_id, self._changed))


def _state(span: Span | None) -> tuple[Any, ...] | None:
    if span is None:
        return None
    return (span.label, span.start, span.end, span.deleted is None)


def _restamped(span: Span, now: str) -> Span:
    return Span(
        span.id,
        span.doc_id,
        span.annotator,
        span.label,
        span.start,
        span.end,
        dict(span.attrs),
        span.created,
        now,
        span.deleted,
    )


def _gold_snapshot(project: Project, doc_id: DocId) -> dict[str, Span]:
    return {s.id: s for s in project.gold.for_document(doc_id, include_deleted=True)}


# --- widgets ---------------------------------------------------------------------------


def _configure_rtl(view: QPlainTextEdit | QTextEdit) -> None:
    """Right to left and right-aligned, even for a paragraph that starts in Latin."""
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    document = view.document()
    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)


class _GoldView(QPlainTextEdit):
    """The gold version of the document; label keys and Delete edit it."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setUndoRedoEnabled(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        _configure_rtl(self)
        self.setFont(arabic_font(15))
        self.document().setDefaultFont(arabic_font(15))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self._window._gold_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


class _RowsView(QTableView):
    """The rows of the open document; digit keys accept a version."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self._window = window

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if self._window._rows_key(event):
            event.accept()
            return
        super().keyPressEvent(event)


def _table(model: Any, parent: QWidget, *, stretch_last: bool = True) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    return view


def _mix(color: str | QColor, amount: float) -> str:
    """``color`` blended with white (``amount`` of the colour): a light tint, as hex."""
    c = QColor(color)
    r, g, b = (round(255 + (v - 255) * amount) for v in (c.red(), c.green(), c.blue()))
    return QColor(r, g, b).name()


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """A few words either side of ``start``–``end``, within its line."""
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    newline = text.rfind("\n", lo, start)
    if newline != -1:
        lo = newline + 1
    newline = text.find("\n", end, hi)
    if newline != -1:
        hi = newline
    if lo > 0 and not text[lo - 1].isspace():
        space = next((i for i in range(lo, start) if text[i].isspace()), None)
        lo = space + 1 if space is not None else lo
    if hi < len(text) and not text[hi].isspace():
        space = next((i for i in range(hi - 1, end - 1, -1) if text[i].isspace()), None)
        hi = space if space is not None else hi
    return lo, hi


def version_html(
    text: str,
    lo: int,
    hi: int,
    spans: Sequence[Span],
    *,
    colors: dict[str, str],
    claims: set[str],
    disputed: Sequence[tuple[int, int]] = (),
) -> str:
    """``text[lo:hi]`` as rich text: entities on their label colour, claims tinted and
    underlined, disputed characters in red. Colour-only changes keep Arabic letters
    joined (DESIGN.md, "Known platform facts")."""
    cuts = {lo, hi}
    for s in spans:
        cuts.update(p for p in (s.start, s.end) if lo < p < hi)
    for a, b in disputed:
        cuts.update(p for p in (a, b) if lo < p < hi)
    ordered = sorted(cuts)
    parts = ["…" if lo > 0 and text[lo - 1] != "\n" else ""]
    for a, b in zip(ordered, ordered[1:], strict=False):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        entity = next((s for s in covering if s.label not in claims), None)
        claim = next((s for s in covering if s.label in claims), None)
        style = []
        if entity is not None:
            style.append(f"background-color:{colors.get(entity.label, '#cccccc')}")
        elif claim is not None:
            style.append(f"background-color:{_mix(colors.get(claim.label, '#cccccc'), 0.25)}")
        if claim is not None:
            style.append("text-decoration:underline")
        if any(d0 <= a and b <= d1 for d0, d1 in disputed):
            style.append(f"color:{_DISPUTED.name()}")
        chunk = html.escape(text[a:b].replace("\n", " "))
        parts.append(f'<span style="{";".join(style)}">{chunk}</span>' if style else chunk)
    parts.append("…" if hi < len(text) and text[hi] != "\n" else "")
    return '<p dir="rtl" align="right" style="white-space:pre-wrap">' + "".join(parts) + "</p>"


class _VersionsPanel(QWidget):
    """The chosen row, once per annotator (and gold), stacked: one line each."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self._window = window
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setHorizontalSpacing(10)
        self._layout.setVerticalSpacing(4)
        self._layout.setColumnStretch(1, 1)
        self.lines: dict[str, QLabel] = {}
        self.accept_buttons: dict[str, QPushButton] = {}
        self.reject_button: QPushButton | None = None
        self._empty = QLabel(self.tr("Choose a row to see every annotator's version."), self)
        self._layout.addWidget(self._empty, 0, 0, 1, 3)

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # now: deleteLater only runs once the event loop gets to it
                widget.deleteLater()
        self.lines = {}
        self.accept_buttons = {}
        self.reject_button = None

    def show_row(
        self,
        text: str,
        names: Sequence[str],
        row: Row | None,
        gold: Sequence[Span],
        *,
        colors: dict[str, str],
        claims: set[str],
    ) -> None:
        self.clear()
        if row is None:
            self._empty = QLabel(self.tr("Choose a row to see every annotator's version."), self)
            self._layout.addWidget(self._empty, 0, 0, 1, 3)
            return
        lo, hi = _context(text, row.start, row.end)
        font = arabic_font(13)
        entries: list[tuple[str, str, Sequence[Span]]] = [
            (name, f"{i} · {name}", row.versions.get(name, ())) for i, name in enumerate(names, 1)
        ]
        entries.append(("", self.tr("Gold"), gold))
        for r, (name, title, spans) in enumerate(entries):
            described = "; ".join(f"{s.label} {s.start}–{s.end}" for s in spans) or "—"
            head = QLabel(f"<b>{html.escape(title)}</b><br>{html.escape(described)}", self)
            head.setTextFormat(Qt.TextFormat.RichText)
            line = QLabel(self)
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            line.setAlignment(
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignVCenter
            )
            line.setWordWrap(True)
            line.setFont(font)
            line.setFrameShape(QFrame.Shape.StyledPanel)
            line.setStyleSheet("QLabel { background: white; padding: 2px 6px; }")
            line.setText(
                version_html(
                    text, lo, hi, spans, colors=colors, claims=claims, disputed=row.disputed
                )
            )
            self._layout.addWidget(head, r, 0)
            self._layout.addWidget(line, r, 1)
            if name:
                button = QPushButton(self.tr("Accept ({0})").format(r + 1), self)
                button.setToolTip(self.tr("Put {0}'s version of this row into gold").format(name))
                button.clicked.connect(lambda _c=False, n=name: self._window.accept_version(n))
                self._layout.addWidget(button, r, 2)
                self.lines[name] = line
                self.accept_buttons[name] = button
            else:
                button = QPushButton(self.tr("Reject row (0)"), self)
                button.setToolTip(self.tr("No gold span here"))
                button.clicked.connect(lambda _c=False: self._window.reject_row())
                self._layout.addWidget(button, r, 2)
                self.lines["gold"] = line
                self.reject_button = button


# --- the window --------------------------------------------------------------------------


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
        self.undo_stack = QUndoStack(self)
        #: after accepting or rejecting a row, move to the next one
        self.advance_after_accept = True
        self._agreement: AgreementResult | None = None
        self._agreement_error: str | None = None
        self._scores: AgreementResult | None = None
        self._scores_error: str | None = None
        self._scores_dirty = True
        self._jobs: dict[str, _Job] = {}
        self.progress_dialog: QProgressDialog | None = None
        self._doc_id: DocId | None = None
        self._text = ""
        self._offsets = OffsetMap("")
        self._names: list[str] = []
        self._gold: list[Span] = []
        self._selected_gold = ""
        self._syncing = False
        self._load_labels()

        self.setWindowTitle(self.tr("Review — {0}").format(project.path.name))
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        self._build_agreement_tab()
        self._build_adjudication_tab()
        self._build_scores_tab()
        self._build_toolbar()
        self.tabs.currentChanged.connect(self._tab_changed)
        self.resize(1400, 900)
        self.refresh_agreement()

    # --- public: state ------------------------------------------------------------

    @property
    def agreement(self) -> AgreementResult | None:
        """The last agreement computed (``None`` before, or when it was not possible)."""
        return self._agreement

    @property
    def agreement_error(self) -> str | None:
        return self._agreement_error

    @property
    def scores(self) -> AgreementResult | None:
        return self._scores

    @property
    def scores_error(self) -> str | None:
        return self._scores_error

    def is_busy(self) -> bool:
        return any(job.isRunning() for job in self._jobs.values())

    def current_document(self) -> DocId | None:
        return self._doc_id

    def annotators(self) -> list[str]:
        """The annotators of the open document, in key order (``1`` is the first)."""
        return list(self._names)

    def rows(self) -> list[Row]:
        return self.rows_model.rows()

    def selected_row(self) -> Row | None:
        index = self.rows_view.currentIndex()
        if not index.isValid():
            return None
        return self.rows_model.row_at(index.row())

    def gold_spans(self) -> list[Span]:
        """Gold of the open document, as last read from the file."""
        return list(self._gold)

    # --- public: agreement --------------------------------------------------------

    def refresh_agreement(self) -> None:
        """(Re)compute agreement off the UI thread, with a progress dialog."""
        if "agreement" in self._jobs and self._jobs["agreement"].isRunning():
            return
        job = _Job(
            _agreement_work(
                self.project,
                annotators=_names(self.annotators_filter.text()),
                labels=_names(self.labels_filter.text()),
            ),
            self,
        )
        job.progressed.connect(self._agreement_progress)
        job.job_finished.connect(self._agreement_done)
        job.job_failed.connect(self._agreement_failed)
        job.job_cancelled.connect(self._agreement_cancelled)
        self._jobs["agreement"] = job
        self.agreement_status.setText(self.tr("Computing agreement…"))
        self.recompute_button.setEnabled(False)
        progress = QProgressDialog(self.tr("Computing agreement…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(self.tr("Agreement"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel_agreement)
        self.progress_dialog = progress
        job.start()

    def cancel_agreement(self) -> None:
        job = self._jobs.get("agreement")
        if job is not None and job.isRunning():
            job.cancel()
            self.agreement_status.setText(self.tr("Cancelling…"))

    def set_metric(self, metric: str) -> None:
        """Show ``metric`` (a key of ``review_models.METRICS``) in the heat map."""
        self.metric_combo.setCurrentIndex(list(METRICS).index(metric))

    # --- public: adjudication -------------------------------------------------------

    def open_document(self, doc_id: int) -> None:
        """Show a document for adjudication: gold, rows, versions; select it in the list."""
        document = self.project.documents.get(doc_id)
        names, rows = document_rows(self.project, document.id)
        self._doc_id = document.id
        self._text = document.text
        self._offsets = OffsetMap(document.text)
        self._names = names
        self._gold = self.project.gold.for_document(document.id)
        self._selected_gold = ""
        self._syncing = True
        try:
            self.gold_view.setPlainText(display_text(document.text))
        finally:
            self._syncing = False
        self.rows_model.set_document(document.text, names, rows, self._gold, self._layers)
        self.rows_view.resizeColumnsToContents()
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        who = ", ".join(names) or self.tr("nobody finished it")
        self.doc_title.setText(
            f"<b>{html.escape(document.title or f'#{document.id}')}</b> — {html.escape(who)}"
        )
        self._sync_adjudicated()
        self._paint_gold()
        self.versions.show_row(
            self._text, self._names, None, [], colors=self._colors, claims=self._claim_labels
        )
        row = self.docs_model.row_of(document.id)
        if row >= 0:
            self._syncing = True
            try:
                self.docs_view.selectRow(row)
            finally:
                self._syncing = False
        for widget in (self.accept_majority_button, self.adjudicated_box):
            widget.setEnabled(not self.project.readonly)
        self.tabs.setCurrentWidget(self.adjudication_tab)
        self.document_opened.emit(int(document.id))

    def select_row(self, row: int) -> None:
        """Choose row number ``row`` (of the rows table as shown)."""
        index = self.rows_model.index(row, 0)
        self.rows_view.setCurrentIndex(index)
        self.rows_view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def accept_version(self, annotator: str | int) -> bool:
        """Put ``annotator``'s version of the chosen row into gold.

        :param annotator: a name, or its number (``1`` is the first of :meth:`annotators`).
        """
        if isinstance(annotator, int):
            if not 1 <= annotator <= len(self._names):
                self._say(self.tr("No annotator number {0} here.").format(annotator))
                return False
            annotator = self._names[annotator - 1]
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
        doc_id = self._doc_id
        settled = 0

        def act() -> None:
            nonlocal settled
            settled = adjudication.accept_majority(
                self.project, doc_id, adjudicator=self.adjudicator
            )

        self._gold_action(act, self.tr("Accept the majority"))
        left = len(self.rows_model.rows()) - settled
        self._say(
            self.tr("Majority accepted for {0} rows; {1} left without a majority.").format(
                settled, left
            )
        )
        return settled

    def apply_gold_label(self, label_name: str) -> bool:
        """Mark the selection in the gold text as ``label_name`` (a new gold span)."""
        if self._doc_id is None or not self._writable():
            return False
        label = self._labels.get(label_name)
        if label is None:
            self._say(self.tr("No label named {0} in this project.").format(label_name))
            return False
        cursor = self.gold_view.textCursor()
        if not cursor.hasSelection():
            self._say(self.tr("Select some text in the gold version first."))
            return False
        start, end = self._offsets.range_to_code_points(
            cursor.selectionStart(), cursor.selectionEnd()
        )
        while start < end and self._text[start].isspace():
            start += 1
        while end > start and self._text[end - 1].isspace():
            end -= 1
        if start >= end:
            self._say(self.tr("Nothing to label: the selection holds only spaces."))
            return False
        edit = AddSpan(
            doc_id=self._doc_id,
            annotator=self.adjudicator,
            label=label.name,
            start=start,
            end=end,
            gold=True,
        )
        if not self._run_edit(
            edit, self.tr("Gold {0} «{1}»").format(label.name, self._text[start:end][:40])
        ):
            return False
        cursor.clearSelection()
        self.gold_view.setTextCursor(cursor)
        assert edit.span_id is not None
        self._select_gold(edit.span_id)
        return True

    def delete_gold_span(self, span_id: str | None = None) -> bool:
        """Remove a gold span (default: the one chosen in the gold text)."""
        if self._doc_id is None or not self._writable():
            return False
        span_id = span_id or self._selected_gold
        span = next((s for s in self._gold if s.id == span_id), None)
        if span is None:
            self._say(self.tr("Click a gold span first."))
            return False
        return self._run_edit(
            RemoveSpan(span_id=span.id, gold=True),
            self.tr("Remove gold {0} «{1}»").format(
                span.label, self._text[span.start : span.end][:40]
            ),
        )

    def set_adjudicated(self, done: bool = True) -> None:
        """Mark the open document adjudicated (or not), in the file."""
        if self._doc_id is None or not self._writable():
            return
        try:
            adjudication.mark_adjudicated(
                self.project, self._doc_id, adjudicator=self.adjudicator, done=done
            )
        except AnnotatorError as exc:
            self._say(exc.message)
        self._sync_adjudicated()
        self._scores_dirty = True
        self._say(self.tr("Marked adjudicated.") if done else self.tr("No longer adjudicated."))

    def adjudicated(self) -> set[int]:
        """Adjudicated documents, as the file says."""
        return {int(d) for d in adjudication.adjudicated_documents(self.project)}

    # --- public: scores -----------------------------------------------------------------

    def refresh_scores(self) -> None:
        """Score every annotator against gold, off the UI thread."""
        if "scores" in self._jobs and self._jobs["scores"].isRunning():
            return
        job = _Job(_scores_work(self.project), self)
        job.job_finished.connect(self._scores_done)
        job.job_failed.connect(self._scores_failed)
        self._jobs["scores"] = job
        self._scores_dirty = False
        self.scores_status.setText(self.tr("Scoring against gold…"))
        job.start()

    # --- building -----------------------------------------------------------------------

    def _load_labels(self) -> None:
        labels = self.project.labels.list()
        self._labels: dict[str, Label] = {label.name: label for label in labels}
        self._layers = {label.name: label.kind.layer for label in labels}
        self._colors = {label.name: label.color for label in labels}
        self._claim_labels = {label.name for label in labels if label.kind is LabelKind.CLAIM}
        self._keys = label_keys(labels)
        self._gold_formats: dict[tuple[str, bool], QTextCharFormat] = {}

    def _build_agreement_tab(self) -> None:
        tab = QWidget(self)
        layout = QGridLayout(tab)
        self.agreement_status = QLabel(tab)
        self.agreement_status.setWordWrap(True)
        self.recompute_button = QPushButton(self.tr("Recompute"), tab)
        self.recompute_button.clicked.connect(self.refresh_agreement)
        # The CLI's --annotators / --labels: comma-separated, empty for all.
        self.annotators_filter = QLineEdit(tab)
        self.annotators_filter.setPlaceholderText(self.tr("All annotators"))
        self.labels_filter = QLineEdit(tab)
        self.labels_filter.setPlaceholderText(self.tr("All labels"))
        for edit in (self.annotators_filter, self.labels_filter):
            edit.setClearButtonEnabled(True)
            edit.returnPressed.connect(self.refresh_agreement)
        top = QHBoxLayout()
        top.addWidget(self.agreement_status, 1)
        top.addWidget(self.annotators_filter)
        top.addWidget(self.labels_filter)
        top.addWidget(self.recompute_button)
        layout.addLayout(top, 0, 0, 1, 2)

        self.matrix_model = PairwiseMatrixModel(self)
        heat_box = QGroupBox(self.tr("Pairwise agreement"), tab)
        heat_layout = QVBoxLayout(heat_box)
        self.metric_combo = QComboBox(heat_box)
        for key, name in METRICS.items():
            self.metric_combo.addItem(review_text(name), key)
        self.metric_combo.currentIndexChanged.connect(
            lambda i: self.matrix_model.set_metric(self.metric_combo.itemData(i))
        )
        self.heatmap = HeatMapWidget(heat_box)
        self.heatmap.setModel(self.matrix_model)
        heat_layout.addWidget(self.metric_combo)
        scroll = QScrollArea(heat_box)
        scroll.setWidget(self.heatmap)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        heat_layout.addWidget(scroll, 1)
        layout.addWidget(heat_box, 1, 0)

        self.summary_model = SummaryModel(self)
        summary_box = QGroupBox(self.tr("Overall"), tab)
        summary_layout = QVBoxLayout(summary_box)
        self.summary_view = _table(self.summary_model, summary_box)
        self.summary_view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.summary_view.verticalHeader().hide()
        summary_layout.addWidget(self.summary_view)
        layout.addWidget(summary_box, 1, 1)

        self.per_label_model = PerLabelModel(self)
        per_label_box = QGroupBox(self.tr("Exact F1 per label"), tab)
        per_label_layout = QVBoxLayout(per_label_box)
        self.per_label_view = _table(self.per_label_model, per_label_box, stretch_last=False)
        self.per_label_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        per_label_layout.addWidget(self.per_label_view)
        layout.addWidget(per_label_box, 2, 0, 1, 2)
        layout.setRowStretch(1, 3)
        layout.setRowStretch(2, 2)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        self.agreement_tab = tab
        self.tabs.addTab(tab, self.tr("Agreement"))

    def _build_adjudication_tab(self) -> None:
        tab = QWidget(self)
        outer = QHBoxLayout(tab)
        outer.setContentsMargins(4, 4, 4, 4)
        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        outer.addWidget(splitter)

        self.docs_model = DisagreementDocumentsModel(self.project, self)
        self.docs_view = _table(self.docs_model, splitter, stretch_last=False)
        self.docs_view.setFont(arabic_font(11))
        header = self.docs_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(DisagreementDocumentsModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Narrow list: the title and the numbers that sort it; the rest in tooltips.
        for name in ("Annotators", "Claims F1"):
            self.docs_view.hideColumn(DisagreementDocumentsModel.COLUMNS.index(name))
        self.docs_view.selectionModel().currentRowChanged.connect(self._doc_row_changed)
        splitter.addWidget(self.docs_view)

        panel = QWidget(splitter)
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        self.doc_title = QLabel(self.tr("Choose a document."), panel)
        self.doc_title.setFont(arabic_font(12))
        actions = QHBoxLayout()
        self.accept_majority_button = QPushButton(
            self.tr("Accept majority (whole document)"), panel
        )
        self.accept_majority_button.clicked.connect(self.accept_majority)
        self.adjudicated_box = QCheckBox(self.tr("Adjudicated"), panel)
        self.adjudicated_box.toggled.connect(self._adjudicated_toggled)
        self.disputed_only_box = QCheckBox(self.tr("Disputed rows only"), panel)
        self.disputed_only_box.toggled.connect(self._disputed_only_toggled)
        actions.addWidget(self.doc_title, 1)
        actions.addWidget(self.disputed_only_box)
        actions.addWidget(self.accept_majority_button)
        actions.addWidget(self.adjudicated_box)
        panel_layout.addLayout(actions)

        keys = " · ".join(
            f'<span style="background-color:{self._colors[name]}">&nbsp;{key}&nbsp;{name}'
            "&nbsp;</span>"
            for key, name in self._keys.items()
            if not "\u0660" <= key <= "\u0669"
        )
        hint = QLabel(
            self.tr(
                "Gold — select text and press a label key; Delete removes the "
                "clicked gold span. Keys: "
            )
            + keys,
            panel,
        )
        hint.setTextFormat(Qt.TextFormat.RichText)
        hint.setWordWrap(True)
        panel_layout.addWidget(hint)

        vertical = QSplitter(Qt.Orientation.Vertical, panel)
        self.gold_view = _GoldView(self)
        self.gold_view.setParent(vertical)
        self.gold_view.cursorPositionChanged.connect(self._gold_cursor_moved)
        vertical.addWidget(self.gold_view)

        self.rows_model = AdjudicationRowsModel(self)
        self.rows_view = _RowsView(self)
        self.rows_view.setParent(vertical)
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.verticalHeader().setDefaultSectionSize(24)
        self.rows_view.setFont(arabic_font(11))
        self.rows_view.setToolTip(
            self.tr("1…N: accept that annotator's version · 0 or Delete: reject the row")
        )
        self.rows_view.selectionModel().currentRowChanged.connect(self._row_changed)
        vertical.addWidget(self.rows_view)

        self.versions = _VersionsPanel(self)
        versions_scroll = QScrollArea(vertical)
        versions_scroll.setWidget(self.versions)
        versions_scroll.setWidgetResizable(True)
        vertical.addWidget(versions_scroll)
        versions_scroll.setMinimumHeight(120)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 3)
        vertical.setStretchFactor(2, 2)
        vertical.setSizes([330, 260, 220])
        panel_layout.addWidget(vertical, 1)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 1020])
        self.adjudication_tab = tab
        self.tabs.addTab(tab, self.tr("Adjudicate"))

    def _build_scores_tab(self) -> None:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        top = QHBoxLayout()
        self.scores_status = QLabel(
            self.tr("Each annotator against gold, on adjudicated documents they finished."), tab
        )
        self.scores_status.setWordWrap(True)
        refresh = QPushButton(self.tr("Refresh"), tab)
        refresh.clicked.connect(self.refresh_scores)
        top.addWidget(self.scores_status, 1)
        top.addWidget(refresh)
        layout.addLayout(top)
        self.scores_model = GoldScoresModel(self)
        self.scores_view = _table(self.scores_model, tab)
        layout.addWidget(self.scores_view, 1)
        self.scores_tab = tab
        self.tabs.addTab(tab, self.tr("Scores against gold"))

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Review"), self)
        bar.setObjectName("review_toolbar")
        self.addToolBar(bar)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        bar.addSeparator()
        previous = QAction(self.tr("Previous document"), self)
        previous.setShortcut(QKeySequence("Ctrl+PgUp"))
        previous.triggered.connect(lambda: self._step_document(-1))
        following = QAction(self.tr("Next document"), self)
        following.setShortcut(QKeySequence("Ctrl+PgDown"))
        following.triggered.connect(lambda: self._step_document(1))
        bar.addAction(previous)
        bar.addAction(following)

    # --- agreement results ---------------------------------------------------------------

    def _agreement_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setRange(0, max(total, 1))
            self.progress_dialog.setValue(done)

    def _close_progress(self) -> None:
        job = self._jobs.get("agreement")
        if job is not None:
            job.wait()
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel_agreement)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.recompute_button.setEnabled(True)

    def _agreement_done(self, result: AgreementResult) -> None:
        self._close_progress()
        self._agreement = result
        self._agreement_error = None
        self.matrix_model.set_result(result)
        self.summary_model.set_result(result)
        self.per_label_model.set_result(result)
        self.docs_model.set_result(result)
        self.docs_model.set_adjudicated(self.adjudicated())
        self.agreement_status.setText(
            self.tr("Documents finished by two annotators or more: {0}. Annotators: {1}.").format(
                result.documents, ", ".join(result.annotators)
            )
        )
        if self._doc_id is None and self.docs_model.total():
            self.open_document(self.docs_model.doc_id_at(0))
            self.tabs.setCurrentWidget(self.agreement_tab)
        elif self._doc_id is not None:
            row = self.docs_model.row_of(self._doc_id)
            if row >= 0:
                self._syncing = True
                try:
                    self.docs_view.selectRow(row)
                finally:
                    self._syncing = False
        self.agreement_ready.emit(result)

    def _agreement_failed(self, message: str) -> None:
        self._close_progress()
        self._agreement_error = message
        self.agreement_status.setText(self.tr("No agreement: {0}").format(message))
        self.agreement_failed.emit(message)

    def _agreement_cancelled(self) -> None:
        self._close_progress()
        self._agreement_error = self.tr("cancelled")
        self.agreement_status.setText(
            self.tr("Agreement cancelled; press Recompute to start again.")
        )
        self.agreement_failed.emit(self._agreement_error)

    def _scores_done(self, result: AgreementResult) -> None:
        self._jobs["scores"].wait()
        self._scores = result
        self._scores_error = None
        self.scores_model.set_result(result)
        self.scores_status.setText(
            self.tr("Each annotator against gold on {0} adjudicated documents.").format(
                result.documents
            )
        )
        self.scores_ready.emit(result)

    def _scores_failed(self, message: str) -> None:
        self._jobs["scores"].wait()
        self._scores = None
        self._scores_error = message
        self.scores_model.set_result(None)
        self.scores_status.setText(message)
        self.scores_ready.emit(None)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.scores_tab and self._scores_dirty:
            self.refresh_scores()

    # --- adjudication: actions -------------------------------------------------------------

    def _writable(self) -> bool:
        if self.project.readonly:
            self._say(self.tr("This project is open read-only: nothing can be adjudicated."))
            return False
        return True

    def _settle_row(self, annotator: str | None) -> bool:
        row = self.selected_row()
        if self._doc_id is None or row is None:
            self._say(self.tr("Choose a row first."))
            return False
        if not self._writable():
            return False
        doc_id = self._doc_id
        if annotator is None:
            text = self.tr("Reject row «{0}»").format(self._text[row.start : row.end][:40])
        else:
            text = self.tr("Accept {0} for «{1}»").format(
                annotator, self._text[row.start : row.end][:40]
            )
        ok = self._gold_action(
            lambda: adjudication.accept_version(
                self.project, doc_id, row, annotator, adjudicator=self.adjudicator
            ),
            text,
        )
        if ok and self.advance_after_accept:
            current = self.rows_view.currentIndex().row()
            if current + 1 < self.rows_model.rowCount():
                self.select_row(current + 1)
        return ok

    def _gold_action(self, act: Callable[[], Any], text: str) -> bool:
        """Run an adjudication call (one transaction in the core) and make it undoable."""
        assert self._doc_id is not None
        doc_id = self._doc_id
        before = _gold_snapshot(self.project, doc_id)
        try:
            act()
        except AnnotatorError as exc:
            self._say(exc.message)
            return False
        after = _gold_snapshot(self.project, doc_id)
        command = _GoldSnapshotCommand(
            self.project, doc_id, before, after, text, on_change=self._gold_file_changed
        )
        if command.changed():
            self.undo_stack.push(command)
        self._gold_file_changed(Change(doc_id))
        return True

    def _run_edit(self, edit: AddSpan | RemoveSpan, text: str) -> bool:
        try:
            change = self.project.apply(edit)
        except AnnotatorError as exc:
            self._say(exc.message)
            return False
        self.undo_stack.push(
            EditCommand(
                self.project,
                edit,
                text,
                on_change=self._gold_file_changed,
                on_error=self._undo_failed,
            )
        )
        self._gold_file_changed(change)
        return True

    def _undo_failed(self, exc: AnnotatorError) -> None:
        self._say(self.tr("Cannot undo or redo: {0}").format(exc.message))

    def _gold_file_changed(self, change: Change) -> None:
        """Gold changed in the file (an action, undo or redo): show it from the file."""
        self._scores_dirty = True
        if change.doc_id != self._doc_id:
            self.open_document(change.doc_id)
        self._gold = self.project.gold.for_document(change.doc_id)
        if self._selected_gold not in {s.id for s in self._gold}:
            self._selected_gold = ""
        self.rows_model.set_gold(self._gold)
        self._paint_gold()
        self._show_versions()
        self.gold_changed.emit(int(change.doc_id))

    def _adjudicated_toggled(self, on: bool) -> None:
        if self._syncing or self._doc_id is None:
            return
        if on != (int(self._doc_id) in self.adjudicated()):
            self.set_adjudicated(on)

    def _sync_adjudicated(self) -> None:
        done = self.adjudicated()
        self.docs_model.set_adjudicated(done)
        self._syncing = True
        try:
            self.adjudicated_box.setChecked(self._doc_id is not None and int(self._doc_id) in done)
        finally:
            self._syncing = False

    def _disputed_only_toggled(self, on: bool) -> None:
        row = self.selected_row()
        self.rows_model.set_disputed_only(on)
        if row is not None and self.rows_model.row_of(row) >= 0:
            self.select_row(self.rows_model.row_of(row))
        else:
            self._row_changed(QModelIndex(), QModelIndex())

    def _step_document(self, step: int) -> None:
        if not self.docs_model.rowCount():
            return
        current = self.docs_model.row_of(self._doc_id) if self._doc_id is not None else -1
        target = min(max(current + step, 0), self.docs_model.total() - 1)
        if target != current:
            self.open_document(self.docs_model.doc_id_at(target))

    # --- adjudication: keys -----------------------------------------------------------------

    @staticmethod
    def _plain(event: QKeyEvent) -> bool:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return not mods & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )

    def _rows_key(self, event: QKeyEvent) -> bool:
        if not self._plain(event):
            return False
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.reject_row()
            return True
        text = event.text()
        if len(text) == 1 and text.isdigit():
            number = int(text)  # int() reads Arabic-Indic digits too
            if number == 0:
                self.reject_row()
            else:
                self.accept_version(number)
            return True
        return False

    def _gold_key(self, event: QKeyEvent) -> bool:
        if not self._plain(event):
            return False
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_gold_span()
            return True
        if event.key() == Qt.Key.Key_Escape:
            cursor = self.gold_view.textCursor()
            cursor.clearSelection()
            self.gold_view.setTextCursor(cursor)
            self._select_gold("")
            return True
        text = event.text()
        label = self._keys.get(text.lower()) if text else None
        if label is None:
            return False
        self.apply_gold_label(label)
        return True

    # --- adjudication: showing -----------------------------------------------------------

    def _doc_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        doc_id = self.docs_model.doc_id_at(current.row())
        if doc_id != self._doc_id:
            self.open_document(doc_id)

    def _row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.selected_row()
        self._paint_gold()
        self._show_versions()
        if row is not None and not self._syncing:
            self._syncing = True
            try:
                cursor = self.gold_view.textCursor()
                cursor.setPosition(self._offsets.to_utf16(row.start))
                self.gold_view.setTextCursor(cursor)
                self.gold_view.centerCursor()
            finally:
                self._syncing = False

    def _show_versions(self) -> None:
        row = self.selected_row()
        gold = self.rows_model.gold_of(row) if row is not None else []
        self.versions.show_row(
            self._text, self._names, row, gold, colors=self._colors, claims=self._claim_labels
        )

    def _gold_cursor_moved(self) -> None:
        if self._syncing or self._doc_id is None:
            return
        cursor = self.gold_view.textCursor()
        if cursor.hasSelection():
            return
        offset = self._offsets.to_code_point(cursor.position())
        hits = [s for s in self._gold if s.start <= offset < s.end]
        hits.sort(key=lambda s: s.end - s.start)
        self._select_gold(hits[0].id if hits else "")
        rows = [r for r in self.rows_model.rows() if r.start <= offset < r.end]
        if rows:
            rows.sort(key=lambda r: (r.layer != "ents", r.end - r.start))
            self._syncing = True
            try:
                self.select_row(self.rows_model.row_of(rows[0]))
            finally:
                self._syncing = False

    def _select_gold(self, span_id: str) -> None:
        if span_id != self._selected_gold:
            self._selected_gold = span_id
            self._paint_gold()

    def _gold_format(self, label: str, selected: bool) -> QTextCharFormat:
        key = (label, selected)
        fmt = self._gold_formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            color = QColor(self._colors.get(label, "#cccccc"))
            if label in self._claim_labels:
                fmt.setBackground(QColor(_mix(color, 0.45 if selected else 0.2)))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(color)
            else:
                fmt.setBackground(color.darker(135) if selected else color)
            self._gold_formats[key] = fmt
        return fmt

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.gold_view.document())
        cursor.setPosition(self._offsets.to_utf16(start))
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _paint_gold(self) -> None:
        """Gold spans in label colours; the chosen row's extent underlined in blue and its
        disputed characters with a red wave (hatched where gold has nothing yet).

        Extra selections, not a highlighter: a document has tens to hundreds of gold
        spans, and later selections merge over earlier ones in this order.
        """
        selections = []
        # Claims first: an entity inside a claim keeps its own colour.
        for span in sorted(self._gold, key=lambda s: (s.label not in self._claim_labels, s.start)):
            look = self._gold_format(span.label, span.id == self._selected_gold)
            selections.append(self._selection(span.start, span.end, look))
        row = self.selected_row()
        if row is not None:
            extent = QTextCharFormat()
            extent.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            extent.setUnderlineColor(_EXTENT)
            selections.append(self._selection(row.start, row.end, extent))
            covered = [
                (s.start, s.end) for s in self._gold if self._layers.get(s.label) == row.layer
            ]
            for start, end in row.disputed:
                for a, b, has_gold in _split_by(start, end, covered):
                    fmt = QTextCharFormat()
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                    fmt.setUnderlineColor(_DISPUTED)
                    if not has_gold:
                        fmt.setBackground(QBrush(_DISPUTED, Qt.BrushStyle.BDiagPattern))
                    selections.append(self._selection(a, b, fmt))
        self.gold_view.setExtraSelections(selections)

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        for job in self._jobs.values():
            if job.isRunning():
                job.cancel()
        for job in self._jobs.values():
            job.wait()
        super().closeEvent(event)


def _split_by(
    start: int, end: int, covered: Sequence[tuple[int, int]]
) -> list[tuple[int, int, bool]]:
    """``start``–``end`` cut into pieces inside and outside the ``covered`` ranges."""
    cuts = {start, end}
    for a, b in covered:
        cuts.update(p for p in (a, b) if start < p < end)
    ordered = sorted(cuts)
    return [
        (a, b, any(c0 <= a and b <= c1 for c0, c1 in covered))
        for a, b in zip(ordered, ordered[1:], strict=False)
    ]
