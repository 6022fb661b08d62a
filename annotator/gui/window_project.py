"""The main window's open project: installing one, replacing it, closing it,
and who annotates it.

One job: the project, its :class:`~annotator.gui.ops.ProjectSession` and the
annotator's name come and go together with what listens to them (the editor,
the document list, the guidelines panel, the undo actions), so a window never
shows one project or annotator while its session writes another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from annotator.core.edits import AddTime
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.gui.ops import ProjectSession

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = ["WindowProject"]


class WindowProject(QObject):
    """The project a main window shows (it owns and closes it) and its session."""

    def __init__(self, window: MainWindow, *, annotator: str) -> None:
        super().__init__(window)
        self._window = window
        self.annotator = annotator
        self.project: Project | None = None
        self.session: ProjectSession | None = None

    def install(self, project: Project) -> None:
        """Show ``project``: a new session, the editor and the docks over it."""
        w = self._window
        if self.session is not None:
            w.actions.suggestions.stop()  # its workers read the project that goes
            self.session.close()
            self.session.deleteLater()
        session = ProjectSession(project, w)
        session.dialog_parent = w
        session.changes_did_happen.connect(w.show_change)
        session.replay_refused.connect(w.replay_refused)
        stack = session.undo_stack
        for signal in (stack.canUndoChanged, stack.canRedoChanged, stack.indexChanged):
            signal.connect(lambda *_: w.update_undo_actions())
        self.session = session

        editor = w.area.install(session, self.annotator)
        editor.status_message.connect(w.show_message)
        editor.set_show_others(w.actions.show_others.isChecked())
        w.docks.guidelines_panel.set_session(session)
        w.docks.corpus_find_panel.set_session(session)
        if w.docks.guidelines_panel.text().strip():
            w.docks.guidelines.show()
            w.docks.guidelines.raise_()
        w.actions.set_editor_action(editor.precise_action())
        w.docks.show_editor_panels(editor)
        self.project = project
        w.documents_dock.set_project(project, self.annotator)
        w.remember_project(project)

    def replace(self, project: Project) -> None:
        """Show ``project`` instead of the open one, which is closed."""
        self._window.time_tracker.enter(None)
        old = self.project
        self.install(project)
        if old is not None:
            old.close()

    def close(self) -> None:
        """Close the session and the project; nothing may ask it for rows afterwards."""
        w = self._window
        if self.session is not None:
            self.session.close()
        if self.project is not None:
            w.documents_dock.close_project()
            if w.area.editor is not None:
                w.area.editor.setEnabled(False)
            self.project.close()
            self.project = None

    def switch_annotator(self, name: str) -> None:
        """Annotate as ``name``: their spans, statuses and time from now on."""
        w = self._window
        name = name.strip()
        if not name or name == self.annotator or self.session is None:
            return
        w.time_tracker.enter(None)
        self.session.undo_stack.clear()  # edits of another annotator are not undone under this name
        self.annotator = name
        w.editor.set_annotator(name)
        w.documents_model.set_annotator(name)
        w.remember_annotator(name)
        w.time_tracker.enter(w.current_document())
        w.documents_dock.show_current(w.current_document())
        w.update_status_widgets()

    def write_time(self, doc_id: DocId, seconds: float) -> bool:
        """Record ``seconds`` spent on a document (the time tracker calls this)."""
        w = self._window
        if w.is_busy() or self.session is None:
            return False
        try:
            self.session.run(AddTime(doc_id, self.annotator, seconds), initiator=w, undoable=False)
        except AnnotatorError as exc:
            w.show_message(str(exc))
        # Written, refused or failed on a full disk (a dialog said so): never retried.
        w.documents_model.refresh_status(doc_id)
        w.update_status_widgets()
        return True
