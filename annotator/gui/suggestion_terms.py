"""Gazetteer term lists, for the Suggestions menu: import a list (one term a line
for one label, or ``term,label`` CSV) and export the gazetteer as CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog

from annotator.core.errors import AnnotatorError
from annotator.core.gazetteer import build_gazetteer, read_term_list
from annotator.gui.i18n import fill, translate

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = ["TermLists"]


class TermLists:
    """The import and export of one window's gazetteer term lists."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window

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
