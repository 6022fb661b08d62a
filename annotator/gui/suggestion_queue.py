"""The order the annotator works through the documents, for the Suggestions menu:
the document list's, or the model's uncertainty (least sure first) when the menu's
"Queue: most uncertain first" is on (kept in the project as ``suggestions.queue``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from annotator.core.model import DocId, Status
from annotator.gui.i18n import translate

if TYPE_CHECKING:
    from annotator.core.store import Project
    from annotator.gui.main_window import MainWindow

__all__ = ["QUEUE_KEY", "SuggestionQueue"]

#: project_meta: "uncertain" when Done-and-next opens the least sure document first.
QUEUE_KEY = "suggestions.queue"


class SuggestionQueue(QObject):
    """Which documents come next, by the document list or by uncertainty."""

    def __init__(self, window: MainWindow, *, uncertain_first: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        self.uncertain_first = uncertain_first
        uncertain_first.setCheckable(True)
        uncertain_first.toggled.connect(self._set_queue)

    def load(self, project: Project) -> None:
        """Show the project's choice (another project opened), writing nothing."""
        self.uncertain_first.blockSignals(True)
        self.uncertain_first.setChecked(project.meta.get(QUEUE_KEY) == "uncertain")
        self.uncertain_first.blockSignals(False)

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
