"""The main window's Suggestions menu: accept all, label all occurrences, suggest for
this or the next documents, choose or train a model, order the queue by the
model's uncertainty, import and export gazetteer lists.

The menu holds the actions; its parts do the work:
:class:`~annotator.gui.suggestion_queue.SuggestionQueue` (the queue's order),
:class:`~annotator.gui.suggestion_preparation.SuggestionPreparation` (the window's
:class:`~annotator.gui.suggestion_work.SuggestionWork`, which suggests for many
documents and trains off the UI thread; the editor keeps working meanwhile),
:class:`~annotator.gui.suggestion_models.SuggestionModels` and
:class:`~annotator.gui.suggestion_terms.TermLists`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId
from annotator.gui.i18n import fill, translate
from annotator.gui.label_all_dialog import LabelAllDialog
from annotator.gui.ops import ProjectSession
from annotator.gui.suggestion_models import SuggestionModels
from annotator.gui.suggestion_preparation import SuggestionPreparation
from annotator.gui.suggestion_queue import QUEUE_KEY, SuggestionQueue
from annotator.gui.suggestion_terms import TermLists
from annotator.gui.suggestion_work import SuggestionWork

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.suggestion_controls import EditorSuggestions

__all__ = ["ACCEPT_ALL_KEY", "LABEL_ALL_KEY", "QUEUE_KEY", "SuggestionsMenu"]

ACCEPT_ALL_KEY = "Ctrl+Shift+A"
LABEL_ALL_KEY = "Ctrl+Shift+L"


class SuggestionsMenu(QObject):
    """The Suggestions menu of one main window, over its queue, workers, models and lists."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.menu = QMenu(window)
        w = window
        self.prepare_ahead = self._action(None)
        self.uncertain_first = self._action(None)
        self.queue = SuggestionQueue(window, uncertain_first=self.uncertain_first, parent=self)
        self.preparation = SuggestionPreparation(
            window, queue=self.queue, prepare_ahead=self.prepare_ahead, parent=self
        )
        self.preparation.workers_started.connect(self._workers_started)
        self.models = SuggestionModels(window, preparation=self.preparation, parent=self)
        self.terms = TermLists(window)
        self.accept_all = self._action(lambda: self._controls_do("accept_all"), ACCEPT_ALL_KEY)
        self.label_all = self._action(self.label_all_dialog, LABEL_ALL_KEY)
        self.suggest_here = self._action(self.preparation.suggest_for_document)
        self.suggest_next = self._action(self.preparation.suggest_for_next_documents)
        self.choose_model = self._action(self.models.choose_model_dialog)
        self.gazetteer_only = self._action(lambda: self.models.use_model(""))
        self.train = self._action(self.models.train_model)
        self.retrain = self._action(self.models.retrain_dialog)
        self.import_terms = self._action(self.terms.import_terms_dialog)
        self.export_terms = self._action(self.terms.export_terms_dialog)
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
        return self.preparation.work

    def _workers_started(self, session: ProjectSession) -> None:
        session.changes_did_happen.connect(self._on_changes)
        self.queue.load(session.project)

    def controls(self) -> EditorSuggestions | None:
        editor = self._window.area.editor
        return getattr(editor, "suggestions", None) if editor is not None else None

    def _controls_do(self, name: str) -> None:
        controls = self.controls()
        if controls is not None and not self._window.is_busy():
            getattr(controls, name)()

    def stop(self) -> None:
        """The window closes: cancel and wait for every worker."""
        self.preparation.stop()

    def document_opened(self, doc_id: int) -> None:
        """Prepare suggestions for this document and the next ones of the queue, soon."""
        self.preparation.document_opened(doc_id)

    def next_in_queue(self, current: DocId | None) -> DocId | None:
        """Done-and-next's document when the queue follows the uncertainty, else ``None``."""
        return self.queue.next_in_queue(current)

    def _on_changes(self, change: Change, _initiator: object) -> None:
        if change.suggestions_changed or change.documents_changed:
            self._window.documents_model.refresh_uncertainty()
        if change.status_changed and self.work.retrain_due():
            self.models.train_model(quiet=True)

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
