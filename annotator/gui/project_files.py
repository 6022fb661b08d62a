"""The File menu's work: new, open and recent projects; import and export behind dialogs.

:class:`ProjectFiles` asks (file dialogs, import options), then hands over to
the window (switching projects) or to a dialog that runs the work as a
:class:`~annotator.gui.ops.BackgroundOperation`; the window is busy while an
import writes or an export reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog

from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.export_dialog import ExportDialog
from annotator.gui.i18n import translate
from annotator.gui.import_dialogs import (
    ImportDialog,
    ImportOptionsDialog,
    input_suffixes,
    needs_import_options,
)
from annotator.gui.ops import show_error

if TYPE_CHECKING:
    from annotator.core.importer import ImportOptions
    from annotator.gui.main_window import MainWindow

__all__ = ["ProjectFiles"]


class ProjectFiles(QObject):
    """New, Open, Recent, Import and Export for one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.import_dialog: ImportDialog | None = None
        self.export_dialog_open: ExportDialog | None = None

    # --- projects ----------------------------------------------------------------------

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            translate("MainWindow", "New project"),
            "project.sqlite",
            translate("MainWindow", "Annotator projects (*.sqlite)"),
        )
        if path:
            if not path.endswith(".sqlite"):
                path += ".sqlite"
            self._window.new_project(path)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            translate("MainWindow", "Open project"),
            "",
            translate("MainWindow", "Annotator projects (*.sqlite);;All files (*)"),
        )
        if path:
            self._window.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        """Switch to another project file; on error, say why and keep the current one."""
        window = self._window
        path = Path(path)
        current = window.project_path()
        if current is not None and _same_file(path, current):
            return True
        if window.is_busy():
            return False
        try:
            project = Project.open(path)
        except AnnotatorError as exc:
            show_error(window, translate("MainWindow", "Cannot open the project"), exc)
            return False
        window.replace_project(project)
        return True

    def new_project(self, path: str | Path) -> bool:
        window = self._window
        if window.is_busy():
            return False
        try:
            project = Project.create(path)
        except (AnnotatorError, OSError) as exc:  # FileExistsError is an OSError
            show_error(window, translate("MainWindow", "Cannot create the project"), exc)
            return False
        window.replace_project(project)
        return True

    # --- import ------------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self._window,
            translate("MainWindow", "Import files"),
            "",
            translate(
                "MainWindow",
                "Articles and annotations (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy)"
                ";;All files (*)",
            ),
        )
        if files:
            self.import_with_options([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, translate("MainWindow", "Import a folder")
        )
        if folder:
            self.import_with_options([Path(folder)])

    def import_with_options(self, paths: list[Path]) -> ImportDialog | None:
        """Plain articles import at once; annotation files and folders ask how first."""
        options = None
        if needs_import_options(paths):
            dialog = ImportOptionsDialog(
                annotator=self._window.annotator(),
                suffixes=input_suffixes(paths),
                parent=self._window,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            options = dialog.options()
        return self.import_paths(paths, options=options)

    def import_paths(
        self, paths: list[Path], *, options: ImportOptions | None = None
    ) -> ImportDialog | None:
        """Import in a worker thread behind a modal progress dialog; edits wait meanwhile."""
        window = self._window
        if window.is_busy():
            return None
        window.time_tracker.flush()
        window.set_busy(True)
        dialog = ImportDialog(window.project, paths, options=options, parent=window)
        dialog.import_done.connect(self._on_import_done)
        self.import_dialog = dialog
        dialog.start()
        dialog.show()
        return dialog

    def _on_import_done(self, _report: Any) -> None:
        window = self._window
        window.set_busy(False)
        # Documents and perhaps labels were added: every window reloads what it shows.
        window.session.broadcast(Change.everything(), None)
        if window.current_document() is None:
            window.open_first_document()

    # --- export ------------------------------------------------------------------------

    def export_dialog(self) -> ExportDialog | None:
        """Export training data; edits wait while the worker reads the project."""
        window = self._window
        if window.is_busy():
            return None
        window.time_tracker.flush()
        dialog = ExportDialog(window.project, annotator=window.annotator(), parent=window)
        dialog.setModal(True)
        dialog.export_button.clicked.connect(lambda: window.set_busy(dialog.is_running()))
        dialog.export_done.connect(lambda _report: window.set_busy(False))
        self.export_dialog_open = dialog
        dialog.show()
        return dialog

    def stop_workers(self) -> None:
        """Closing: cancel a running import or export and wait for it."""
        for dialog in (self.import_dialog, self.export_dialog_open):
            if dialog is not None and dialog.is_running():
                dialog.reject()  # cancels the worker
                dialog.wait_finished()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
