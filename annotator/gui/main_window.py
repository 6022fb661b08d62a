"""The main window: document list, editor, palette and span list, menus, status bar.

The window is a thin shell over parts that each do one job: the documents
dock (:mod:`~annotator.gui.documents_dock`), the find bar, the time tracker,
the actions and menus (:mod:`~annotator.gui.main_actions`), the File menu's
work (:mod:`~annotator.gui.project_files`), moving through documents
(:mod:`~annotator.gui.document_flow`) and the editor. Every edit runs through
the project's :class:`~annotator.gui.ops.ProjectSession`, and the window shows
every change any window makes (``changes_did_happen``).

The project file holds every piece of state (each edit is in the file when it
returns), so there is nothing to save and the title never says "unsaved". The
layout is laid out for the *start* side of the text: the document list sits
in the left dock area, which Qt mirrors to the right when the interface is
Arabic (``Qt.RightToLeft``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QWidget,
)

from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.gui import i18n
from annotator.gui.document_flow import DocumentFlow
from annotator.gui.documents_model import DocumentsModel
from annotator.gui.editor import AnnotationEditor
from annotator.gui.editor_area import EditorArea
from annotator.gui.i18n import fill, translate
from annotator.gui.main_actions import MainActions
from annotator.gui.ops import UNDO, ProjectSession
from annotator.gui.project_files import ProjectFiles
from annotator.gui.settings import Settings
from annotator.gui.time_tracker import ActiveTimeTracker
from annotator.gui.window_dialogs import reveal_first
from annotator.gui.window_docks import WindowDocks
from annotator.gui.window_project import WindowProject
from annotator.gui.window_status import WindowStatus

if TYPE_CHECKING:
    from annotator.gui.review import ReviewWindow

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """The annotator's window over one open project (it owns and closes the project).

    :param remember: write settings (last project, language, zoom); off for screenshots.
    :param track_time: record time spent per document (off for screenshots).
    """

    DEFAULT_SIZE = QSize(1400, 900)

    def __init__(
        self,
        project: Project,
        *,
        annotator: str,
        settings: Settings | None = None,
        remember: bool = True,
        track_time: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else Settings.load()
        self._remember = remember
        self._busy = False
        self.setObjectName("MainWindow")
        self.resize(self.DEFAULT_SIZE)

        self.open = WindowProject(self, annotator=annotator)
        self.time_tracker = ActiveTimeTracker(self.open.write_time, parent=self)
        self.time_tracker.enabled = track_time
        if track_time:
            self.time_tracker.watch_application()

        self.area = EditorArea(self)
        self.find_bar = self.area.find_bar
        self.setCentralWidget(self.area)

        self.docks = WindowDocks(self)
        self.documents_dock = self.docks.documents
        self.documents_dock.document_chosen.connect(self.open_document)

        self.status = WindowStatus(self)

        self.files = ProjectFiles(self)
        self.flow = DocumentFlow(self)
        self.actions = MainActions(self, self.docks.all())
        self.open.install(project)
        self.retranslate_ui()
        if self._remember and self._settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self._settings.window_geometry.encode()))
        if self._settings.font_zoom:
            self.zoom(self._settings.font_zoom, remember=False)

    def retranslate_ui(self) -> None:
        self.actions.retranslate_ui()
        self.docks.retranslate_ui()
        self.find_bar.retranslate_ui()
        self.update_undo_actions()
        self._update_title()
        self.update_status_widgets()
        self.actions.fix_toolbar_sizes()

    # --- project -------------------------------------------------------------------------

    @property
    def _project(self) -> Project | None:
        return self.open.project

    @property
    def project(self) -> Project:
        assert self.open.project is not None
        return self.open.project

    @property
    def session(self) -> ProjectSession:
        """The open project's session: its undo stack and the broadcast of its changes."""
        assert self.open.session is not None
        return self.open.session

    @property
    def undo_stack(self) -> QUndoStack:
        return self.session.undo_stack

    @property
    def editor(self) -> AnnotationEditor:
        assert self.area.editor is not None
        return self.area.editor

    @property
    def documents_model(self) -> DocumentsModel:
        return self.documents_dock.model

    def annotator(self) -> str:
        return self.open.annotator

    def project_path(self) -> Path | None:
        return self._project.path if self._project is not None else None

    def recent_projects(self) -> list[str]:
        return list(self._settings.recent_projects)

    def remember_project(self, project: Project) -> None:
        """``project`` is now shown: remembered as the last one, title and status bar."""
        if self._remember:
            self._settings.remember_project(project.path)
            self._settings.save()
        self.update_undo_actions()
        self.update_status_widgets()
        self._update_title()

    def remember_annotator(self, name: str) -> None:
        if self._remember:
            self._settings.annotator = name
            self._settings.save()

    def open_project(self, path: str | Path) -> bool:
        return self.files.open_project(path)

    def new_project(self, path: str | Path) -> bool:
        return self.files.new_project(path)

    def replace_project(self, project: Project) -> None:
        """Show ``project`` instead of the open one, which is closed."""
        self.open.replace(project)
        self.open_first_document()

    # --- documents --------------------------------------------------------------------

    def current_document(self) -> DocId | None:
        doc = self.area.editor.current_document() if self.area.editor is not None else None
        return DocId(doc) if doc is not None else None

    def open_document(self, doc_id: int) -> bool:
        if self._busy or self.area.editor is None:
            return False
        previous = self.current_document()
        if previous == doc_id:
            self.documents_dock.show_current(previous)
            return True
        self.time_tracker.enter(None)
        try:
            self.area.editor.open_document(doc_id)
        except AnnotatorError as exc:
            self.show_message(str(exc))
            return False
        self.time_tracker.enter(DocId(doc_id))
        if previous is not None:
            self.documents_model.refresh_status(previous)
        self.documents_dock.show_current(self.current_document())
        self._update_title()
        self.update_status_widgets()
        self.actions.suggestions.document_opened(doc_id)  # the next ones, in the background
        return True

    def open_first_document(self) -> None:
        self.flow.open_first_document()

    def open_number(self, number: int) -> bool:
        return self.flow.open_number(number)

    def set_status(self, doc_id: DocId, status: Status) -> bool:
        return self.flow.set_status(doc_id, status)

    def show_change(self, change: Change, initiator: object) -> None:
        """Another window, the undo stack or an import changed the file: show it."""
        if initiator is self or self._project is None:
            return
        if change.documents_changed:
            self.documents_model.reload()
            self.documents_dock.size_number_columns(self.project.documents.count())
            self.documents_dock.show_current(self.current_document())
        self.refresh_status(change)
        # Show the document whose status came back, so the undo is visible.
        if initiator is UNDO and change.status_changed and change.doc_id is not None:
            if change.doc_id != self.current_document():
                self.open_document(change.doc_id)

    def refresh_status(self, change: Change) -> None:
        """Show ``change``'s status in the list and the status bar."""
        if change.doc_id is not None and (change.status_changed or change.span_ids):
            self.documents_model.refresh_status(change.doc_id)
        self.update_status_widgets()

    def replay_refused(self, exc: AnnotatorError) -> None:
        self.show_message(fill(translate("MainWindow", "Cannot undo or redo: %1"), str(exc)))

    # --- undo, find, zoom --------------------------------------------------------------

    def undo(self) -> None:
        """Undo the last edit; one of another document is first shown, not undone.

        An undo never acts unseen: when the span edit it would undo belongs to
        a document other than the open one, that document opens with the span
        selected and the status bar says to press Undo again.
        """
        if not self._busy and reveal_first(self, undo=True):
            self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the next edit; as with :meth:`undo`, another document's is shown first."""
        if not self._busy and reveal_first(self, undo=False):
            self.undo_stack.redo()

    def update_undo_actions(self) -> None:
        stack = self.open.session.undo_stack if self.open.session is not None else None
        self.actions.update_undo(stack, busy=self._busy)

    def set_show_others(self, on: bool) -> None:
        """Show other annotators' spans and gold beside this annotator's (read-only)."""
        if self.actions.show_others.isChecked() != bool(on):
            self.actions.show_others.setChecked(bool(on))  # comes back here
            return
        if self.area.editor is not None:
            self.area.editor.set_show_others(bool(on))

    def show_find_bar(self) -> None:
        self.find_bar.open_bar()

    def focus_text(self) -> None:
        self.area.focus_text()

    def zoom(self, steps: int, *, remember: bool = True) -> None:
        if self.area.zoom(steps) and remember and self._remember:
            self._settings.font_zoom = self.area.zoom_steps
            self._settings.save()

    def reset_zoom(self) -> None:
        self.zoom(-self.area.zoom_steps)

    # --- language and docks -------------------------------------------------------------

    def set_language(self, language: str) -> str:
        effective = i18n.set_language(language)
        # Qt posts LanguageChange; translate now so the switch is seen at once.
        self.retranslate_ui()
        if self._remember:
            self._settings.language = effective
            self._settings.save()
        self.actions.languages[effective].setChecked(True)
        return effective

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self.docks.place()
        super().changeEvent(event)

    def documents_dock_area(self) -> Qt.DockWidgetArea:
        return self.dockWidgetArea(self.documents_dock)

    def menu(self, name: str) -> QMenu:
        return self.actions.menu(name)

    # --- annotator and review ------------------------------------------------------------

    def open_review(self) -> ReviewWindow:
        """The lead's view: agreement heat map, disagreements, adjudication into gold.

        It shares this window's session: one undo stack, and each window shows
        the other's edits as they reach the file.
        """
        from annotator.gui.review import open_review

        self._review = open_review(self.project, self.annotator() or "lead", self)
        return self._review

    def switch_annotator(self, name: str) -> None:
        """Annotate as ``name`` from now on (its own spans, statuses and time)."""
        if not self._busy:
            self.open.switch_annotator(name)

    # --- busy, time, status ---------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """A worker writes (import) or reads (export): nothing may switch or edit meanwhile."""
        self._busy = busy
        if self.area.editor is not None:
            self.area.editor.setEnabled(not busy)
        self.actions.set_busy(busy)
        self.documents_dock.view.setEnabled(not busy)
        self.update_undo_actions()

    def is_busy(self) -> bool:
        return self._busy

    def _update_title(self) -> None:
        self.status.update_title(self._project, self.current_document())

    def update_status_widgets(self) -> None:
        if self._project is not None:
            self.status.update(self.project, self.annotator())

    def progress_text(self) -> str:
        return self.status.progress.text()

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.files.stop_workers()
        self.actions.suggestions.stop()
        QCoreApplication.processEvents()
        if self._remember:
            self._settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
            self._settings.save()
        self.time_tracker.stop()
        self.time_tracker.unwatch_application()
        self.open.close()
        super().closeEvent(event)
