"""The models that suggest, for the Suggestions menu: use a spaCy pipeline beside
the gazetteer (or the gazetteer alone), train one from the project in the
background with progress and cancel, and retrain every N newly done documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QProgressDialog

from annotator.core.errors import AnnotatorError
from annotator.core.training import models_dir
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import BackgroundOperation

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.gui.suggestion_preparation import SuggestionPreparation

__all__ = ["SuggestionModels"]


class SuggestionModels(QObject):
    """Choosing, training and retraining the model the window's workers suggest with."""

    #: spaCy training steps of a model trained from the menu (a few minutes on a CPU)
    train_steps = 200

    def __init__(
        self, window: MainWindow, *, preparation: SuggestionPreparation, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._preparation = preparation
        # The last training's progress dialog (none for a quiet retraining).
        self.progress: QProgressDialog | None = None

    def use_model(self, name: str) -> None:
        """Suggest with this model (folder or package) beside the gazetteer; "" for none."""
        if self._window.project.readonly:
            return
        self._preparation.work.set_model(name)
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
        work = self._preparation.work
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
            self._preparation.work.retrain_every(),
            0,
            10000,
        )
        if ok and not self._window.project.readonly:
            self._preparation.work.set_retrain_every(n)


def _show_progress(dialog: QProgressDialog, done: int, total: int) -> None:
    if total > 0:
        dialog.setMaximum(total)
        dialog.setValue(done)
