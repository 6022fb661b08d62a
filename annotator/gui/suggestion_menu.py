"""The main window's Suggestions menu: accept all, label all occurrences, suggest for
this or the next documents, choose or train a model, order the queue by the
model's uncertainty, import and export gazetteer lists.

Work that takes long (suggesting for many documents, training) runs in the
window's :class:`~annotator.gui.suggestion_work.SuggestionWork`, off the UI
thread; the editor keeps working meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QProgressDialog

from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.gazetteer import build_gazetteer, read_term_list
from annotator.core.model import DocId, Status
from annotator.core.training import models_dir
from annotator.gui.i18n import fill, translate
from annotator.gui.label_all_dialog import LabelAllDialog
from annotator.gui.ops import BackgroundOperation, ProjectSession
from annotator.gui.suggestion_work import SuggestionWork

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.suggestion_controls import EditorSuggestions

__all__ = ["ACCEPT_ALL_KEY", "LABEL_ALL_KEY", "QUEUE_KEY", "SuggestionsMenu"]

ACCEPT_ALL_KEY = "Ctrl+Shift+A"
LABEL_ALL_KEY = "Ctrl+Shift+L"
#: project_meta: "uncertain" when Done-and-next opens the least sure document first.
QUEUE_KEY = "suggestions.queue"
NEXT_DOCUMENTS = 50
#: How long a document stays open before the next ones are prepared (the editor
#: warms spaCy's tokenizer after as long).
PREPARE_DELAY_MS = 1500


class SuggestionsMenu(QObject):
    """The Suggestions menu of one main window, and the window's suggestion workers."""

    #: spaCy training steps of a model trained from the menu (a few minutes on a CPU)
    train_steps = 200

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._work: SuggestionWork | None = None
        self._work_session: ProjectSession | None = None
        self.progress: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._prepare_now)
        self.menu = QMenu(window)
        w = window
        self.accept_all = self._action(lambda: self._controls_do("accept_all"), ACCEPT_ALL_KEY)
        self.label_all = self._action(self.label_all_dialog, LABEL_ALL_KEY)
        self.suggest_here = self._action(self.suggest_for_document)
        self.suggest_next = self._action(self.suggest_for_next_documents)
        self.prepare_ahead = self._action(None)
        self.prepare_ahead.setCheckable(True)
        self.prepare_ahead.setChecked(True)
        self.prepare_ahead.toggled.connect(self._set_prepare)
        self.choose_model = self._action(self.choose_model_dialog)
        self.gazetteer_only = self._action(lambda: self.use_model(""))
        self.train = self._action(self.train_model)
        self.retrain = self._action(self.retrain_dialog)
        self.uncertain_first = self._action(None)
        self.uncertain_first.setCheckable(True)
        self.uncertain_first.toggled.connect(self._set_queue)
        self.import_terms = self._action(self.import_terms_dialog)
        self.export_terms = self._action(self.export_terms_dialog)
        for action in (self.accept_all, self.label_all):
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in (self.suggest_here, self.suggest_next, self.prepare_ahead):
            self.menu.addAction(action)
        self.menu.addSeparator()
        for action in (self.choose_model, self.gazetteer_only, self.train, self.retrain):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.uncertain_first)
        self.menu.addSeparator()
        self.menu.addAction(self.import_terms)
        self.menu.addAction(self.export_terms)
        self.menu.aboutToShow.connect(self._update_actions)
        w.addActions([self.accept_all, self.label_all])

    def _action(self, slot: object, key: str | None = None) -> QAction:
        action = QAction(self._window)
        if key:
            action.setShortcut(QKeySequence(key))
        if callable(slot):
            action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- the window's parts -------------------------------------------------------------

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
            session.changes_did_happen.connect(self._on_changes)
            self.uncertain_first.blockSignals(True)
            self.uncertain_first.setChecked(session.project.meta.get(QUEUE_KEY) == "uncertain")
            self.uncertain_first.blockSignals(False)
        return self._work

    def controls(self) -> EditorSuggestions | None:
        editor = self._window.area.editor
        return getattr(editor, "suggestions", None) if editor is not None else None

    def _controls_do(self, name: str) -> None:
        controls = self.controls()
        if controls is not None and not self._window.is_busy():
            getattr(controls, name)()

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
        return work.prepare([doc_id, *self.queue_after(doc_id, work.ahead)], shown=doc_id)

    def queue_after(self, doc_id: DocId, count: int) -> list[DocId]:
        """The documents the annotator will open next (not done nor skipped by them)."""
        window = self._window
        model = window.documents_model
        if self.uncertain_first.isChecked():
            return self._uncertain_queue(doc_id)[:count]
        found: list[DocId] = []
        current: DocId | None = doc_id
        while len(found) < count:
            current = window.documents_dock.neighbour(
                window.project,
                current,
                forward=True,
                wanted=lambda d: model.status_of(d) in (Status.NEW, Status.IN_PROGRESS),
            )
            if current is None or current in found or current == doc_id:
                break
            found.append(current)
        return found

    def _uncertain_queue(self, current: DocId | None) -> list[DocId]:
        model = self._window.documents_model
        return [
            d
            for d in self._window.project.suggestions.most_uncertain_first()
            if d != current and model.status_of(d) in (Status.NEW, Status.IN_PROGRESS)
        ]

    def next_in_queue(self, current: DocId | None) -> DocId | None:
        """Done-and-next's document when the queue follows the uncertainty, else ``None``."""
        if not self.uncertain_first.isChecked():
            return None
        queue = self._uncertain_queue(current)
        return queue[0] if queue else None

    def _set_prepare(self, on: bool) -> None:
        self.work.enabled = bool(on)

    def _set_queue(self, on: bool) -> None:
        project = self._window.project
        if not project.readonly:
            project.meta.set(QUEUE_KEY, "uncertain" if on else "")
        if on and not project.suggestions.uncertainty():
            self._window.show_message(
                translate(
                    "Suggestions",
                    "No document has an uncertainty yet: suggest for the next documents first.",
                )
            )

    def _on_changes(self, change: Change, _initiator: object) -> None:
        if change.suggestions_changed or change.documents_changed:
            self._window.documents_model.refresh_uncertainty()
        if change.status_changed and self.work.retrain_due():
            self.train_model(quiet=True)

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
        return self._fill([doc_id, *self.queue_after(doc_id, count - 1)])

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

    # --- models ---------------------------------------------------------------------------

    def use_model(self, name: str) -> None:
        """Suggest with this model (folder or package) beside the gazetteer; "" for none."""
        if self._window.project.readonly:
            return
        self.work.set_model(name)
        self._window.show_message(
            fill(translate("Suggestions", "Suggestions now come from the gazetteer and %1."), name)
            if name
            else translate("Suggestions", "Suggestions now come from the gazetteer alone.")
        )

    def choose_model_dialog(self) -> None:
        start = models_dir(self._window.project.path)
        folder = QFileDialog.getExistingDirectory(
            self._window,
            translate("Suggestions", "A folder holding a spaCy pipeline"),
            str(start if start.exists() else start.parent),
        )
        if not folder:
            return
        try:
            from annotator.core.training import load_model_source

            load_model_source(folder)
        except AnnotatorError as exc:
            self._window.show_message(str(exc))
            return
        self.use_model(folder)

    def train_model(self, *, quiet: bool = False) -> BackgroundOperation | None:
        """Train a model on the done documents, in the background, with progress and cancel."""
        if self._window.project.readonly:
            return None
        work = self.work
        op = work.train(annotator=self._window.annotator(), max_steps=self.train_steps)
        if op is None:
            self._window.show_message(translate("Suggestions", "A model is training already."))
            return None
        who, gold = work.training_data(self._window.annotator())
        self._window.show_message(
            translate("Suggestions", "Training a model on gold…")
            if gold
            else fill(translate("Suggestions", "Training a model on %1's done documents…"), who)
        )
        if not quiet:
            dialog = QProgressDialog(
                translate("Suggestions", "Training a model on the done documents…"),
                translate("Suggestions", "Cancel"),
                0,
                0,
                self._window,
            )
            dialog.setWindowTitle(translate("Suggestions", "Train a model"))
            dialog.setWindowModality(Qt.WindowModality.NonModal)  # the editor keeps working
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(op.cancel)
            op.progressed.connect(lambda done, total, _what: _show_progress(dialog, done, total))
            op.finished.connect(dialog.close)
            dialog.show()
            self.progress = dialog
        op.succeeded.connect(
            lambda path: self._window.show_message(
                fill(translate("Suggestions", "Model trained: %1. It suggests from now on."), path)
            )
        )
        op.failed.connect(
            lambda text: self._window.show_message(
                fill(translate("Suggestions", "Training stopped: %1"), text)
            )
        )
        op.cancelled.connect(
            lambda: self._window.show_message(translate("Suggestions", "Training cancelled."))
        )
        return op

    def retrain_dialog(self) -> None:
        n, ok = QInputDialog.getInt(
            self._window,
            translate("Suggestions", "Retrain automatically"),
            translate("Suggestions", "Retrain after this many newly done documents (0: never):"),
            self.work.retrain_every(),
            0,
            10000,
        )
        if ok and not self._window.project.readonly:
            self.work.set_retrain_every(n)

    # --- label all ----------------------------------------------------------------------------

    def label_all_dialog(self) -> LabelAllDialog | None:
        """Ctrl+Shift+L: preview, then label every other occurrence of the selected span."""
        controls = self.controls()
        editor = self._window.area.editor
        if controls is None or editor is None or self._window.is_busy():
            return None
        span_id = editor.selected_span()
        if not span_id:
            self._window.show_message(
                translate("Suggestions", "Select a span first (click it), then label all.")
            )
            return None
        try:
            dialog = LabelAllDialog(self._window.project, span_id, parent=self._window)
        except AnnotatorError as exc:
            self._window.show_message(str(exc))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: controls.label_all(scope=dialog.scope(), span_id=span_id))
        dialog.open()
        return dialog

    # --- gazetteer lists ------------------------------------------------------------------------

    def import_terms_dialog(self, path: str | None = None, label: str | None = None) -> int | None:
        """Add a term list (one term a line for one label, or ``term,label`` CSV)."""
        window = self._window
        project = window.project
        if project.readonly or window.is_busy():
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                window,
                translate("Suggestions", "Import a term list"),
                "",
                translate("Suggestions", "Term lists (*.csv *.txt);;All files (*)"),
            )
            if not path:
                return None
            if not path.lower().endswith(".csv"):
                names = project.labels.names()
                label, ok = QInputDialog.getItem(
                    window,
                    translate("Suggestions", "Import a term list"),
                    translate("Suggestions", "One term a line: which label are they?"),
                    names,
                    0,
                    False,
                )
                if not ok:
                    return None
        try:
            terms = read_term_list(Path(path), label=label, known=project.labels.names())
            with project.transaction():
                added = project.suggestions.add_terms(terms)
        except AnnotatorError as exc:
            window.show_message(str(exc))
            return None
        window.show_message(
            fill(
                translate("Suggestions", "%1 new terms in the gazetteer (of %2 read)."),
                added,
                len(terms),
            )
        )
        return added

    def export_terms_dialog(self, path: str | None = None) -> int | None:
        """Write the gazetteer (confirmed spans and imported lists) as ``term,label`` CSV."""
        window = self._window
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                window,
                translate("Suggestions", "Export the gazetteer"),
                str(window.project.path.with_name(window.project.path.stem + "-gazetteer.csv")),
                translate("Suggestions", "CSV (*.csv)"),
            )
            if not path:
                return None
        gazetteer = build_gazetteer(window.project)
        try:
            Path(path).write_text(gazetteer.export_csv(), encoding="utf-8")
        except OSError as exc:
            window.show_message(
                fill(translate("Suggestions", "Cannot write %1: %2"), path, exc.strerror)
            )
            return None
        window.show_message(
            fill(translate("Suggestions", "%1 terms written to %2."), len(gazetteer), path)
        )
        return len(gazetteer)

    # --- texts ---------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        project = self._window.project
        writable = not project.readonly and not self._window.is_busy()
        for action in (self.suggest_here, self.suggest_next, self.train, self.import_terms):
            action.setEnabled(writable)
        self.train.setEnabled(writable and self.work.training is None)
        model = self.work.model_name()
        self.gazetteer_only.setEnabled(bool(model))
        self.choose_model.setText(
            fill(translate("Suggestions", "&Model: %1…"), Path(model).name)
            if model
            else translate("Suggestions", "Use a &model…")
        )

    def retranslate_ui(self) -> None:
        self.menu.setTitle(translate("Suggestions", "&Suggestions"))
        self.accept_all.setText(translate("Suggestions", "&Accept all in this document"))
        self.label_all.setText(translate("Suggestions", "&Label all occurrences…"))
        self.suggest_here.setText(translate("Suggestions", "Suggest for &this document"))
        self.suggest_next.setText(translate("Suggestions", "Suggest for the &next documents…"))
        self.prepare_ahead.setText(
            translate("Suggestions", "&Prepare the next documents in the background")
        )
        self.choose_model.setText(translate("Suggestions", "Use a &model…"))
        self.gazetteer_only.setText(translate("Suggestions", "&Gazetteer alone (no model)"))
        self.train.setText(translate("Suggestions", "&Train a model from the project…"))
        self.retrain.setText(translate("Suggestions", "&Retrain every N done documents…"))
        self.uncertain_first.setText(translate("Suggestions", "Queue: most &uncertain first"))
        self.uncertain_first.setToolTip(
            translate("Suggestions", "Done and next opens the document the model is least sure of")
        )
        self.import_terms.setText(translate("Suggestions", "&Import a term list…"))
        self.export_terms.setText(translate("Suggestions", "&Export the gazetteer…"))


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(done)
