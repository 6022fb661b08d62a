"""The suggestions tab: per source, how many are open, accepted and rejected.

What ``annotator stats`` prints under "suggestions from", read from the file
(three grouped queries: cheap on the UI thread) each time the tab is shown or
a suggestion is accepted or rejected in any window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annotator.core.store import Project
from annotator.gui.i18n import fill, translate
from annotator.gui.suggestion_layer import source_name

__all__ = ["SuggestionsTab", "suggestion_rows"]


def suggestion_rows(project: Project) -> list[tuple[str, int, int, int]]:
    """``(source, open, accepted, rejected)`` per source, sources in name order."""
    open_ = project.suggestions.counts_by_source()
    accepted = project.suggestions.accepted_by_source()
    rejected = project.suggestions.rejections_by_source()
    sources = sorted(set(open_) | set(accepted) | set(rejected))
    return [(s, open_.get(s, 0), accepted.get(s, 0), rejected.get(s, 0)) for s in sources]


def _item(text: object, *, number: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))  # plain text: a model's name is data
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
    return item


class SuggestionsTab(QWidget):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("suggestion-sources")
        self.table.setHorizontalHeaderLabels(
            [
                translate("Review", "Source"),
                translate("Review", "Open"),
                translate("Review", "Accepted"),
                translate("Review", "Rejected"),
                translate("Review", "Accepted of decided"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        rows = suggestion_rows(self._project)
        self.table.setRowCount(len(rows))
        for row, (source, open_, accepted, rejected) in enumerate(rows):
            decided = accepted + rejected
            rate = f"{accepted / decided:.0%}" if decided else "—"
            cells = [source_name(source), open_, accepted, rejected, rate]
            for column, value in enumerate(cells):
                self.table.setItem(row, column, _item(value, number=column > 0))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            fill(
                translate(
                    "Review",
                    "%1 spans came from accepted suggestions; %2 suggestions were rejected.",
                ),
                sum(r[2] for r in rows),
                sum(r[3] for r in rows),
            )
            if rows
            else translate(
                "Review", "No suggestions yet (the editor's Suggestions menu makes them)."
            )
        )
