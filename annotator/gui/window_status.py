"""The main window's title and status bar: document, project, progress, annotator."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.gui.i18n import fill, translate

__all__ = ["WindowStatus"]


class WindowStatus(QObject):
    """The title (document — project — Annotator) and the permanent status-bar labels.

    Every text is plain: titles and annotator names are data.
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.progress = QLabel()
        self.annotator = QLabel()
        for label in (self.progress, self.annotator):
            label.setTextFormat(Qt.TextFormat.PlainText)
            window.statusBar().addPermanentWidget(label)

    def update(self, project: Project, annotator: str) -> None:
        counts = project.statuses.counts(annotator)
        self.progress.setText(
            fill(translate("MainWindow", "%1 / %2 done"), counts[Status.DONE], sum(counts.values()))
        )
        self.annotator.setText(fill(translate("MainWindow", "Annotator: %1"), annotator))

    def update_title(self, project: Project | None, doc: DocId | None) -> None:
        if project is None:
            self._window.setWindowTitle("Annotator")
            return
        parts = []
        if doc is not None:
            try:
                parts.append(project.documents.info(doc).title)
            except AnnotatorError:
                pass
        parts += [project.path.name, translate("MainWindow", "Annotator")]
        self._window.setWindowTitle(" — ".join(p for p in parts if p))
