"""The preview of "label all occurrences" (Ctrl+Shift+L): what would be labelled,
counted per document, and what would be skipped with why, before anything is.

The preview is the core's (:func:`~annotator.core.occurrences.preview_label_all`),
computed again when the scope changes; the dialog itself writes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.occurrences import LabelAllPreview, Scope, preview_label_all
from annotator.core.store import Project
from annotator.gui.common import isolate, snippet
from annotator.gui.i18n import fill, translate

__all__ = ["LabelAllDialog"]


def _item(text: object, *, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))  # plain text: titles and words are data
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignTrailing)
    return item


class LabelAllDialog(QDialog):
    """Choose the scope, read the counts and the skipped occurrences, then label.

    :raises AnnotatorError: from the first preview (a claim, a span with no word).
    """

    def __init__(
        self,
        project: Project,
        span_id: str,
        *,
        scope: Scope = "document",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._project = project
        self._span_id = span_id
        self.setWindowTitle(translate("LabelAll", "Label all occurrences"))
        self.preview: LabelAllPreview = preview_label_all(project, span_id, scope=scope)
        span = self.preview.span
        text = project.documents.get(span.doc_id).text[span.start : span.end]
        heading = QLabel(
            fill(
                translate("LabelAll", "Every other occurrence of «%1» becomes %2 of %3."),
                isolate(snippet(text, 40)),
                span.label,
                span.annotator,
            ),
            self,
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)

        self.scope_box = QComboBox(self)
        self.scope_box.addItem(translate("LabelAll", "In this document"), "document")
        self.scope_box.addItem(translate("LabelAll", "In the whole corpus"), "corpus")
        self.scope_box.setCurrentIndex(0 if scope == "document" else 1)
        self.scope_box.currentIndexChanged.connect(lambda _i: self._recompute())
        scope_row = QHBoxLayout()
        scope_label = QLabel(translate("LabelAll", "Where:"), self)
        scope_label.setBuddy(self.scope_box)
        scope_row.addWidget(scope_label)
        scope_row.addWidget(self.scope_box, 1)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.documents = QTableWidget(0, 3, self)
        self.documents.setObjectName("label-all-documents")
        self.documents.setHorizontalHeaderLabels(
            [
                translate("LabelAll", "#"),
                translate("LabelAll", "Document"),
                translate("LabelAll", "To label"),
            ]
        )
        self.skipped_title = QLabel(self)
        self.skipped_title.setTextFormat(Qt.TextFormat.PlainText)
        self.skipped = QTableWidget(0, 3, self)
        self.skipped.setObjectName("label-all-skipped")
        self.skipped.setHorizontalHeaderLabels(
            [
                translate("LabelAll", "#"),
                translate("LabelAll", "Text"),
                translate("LabelAll", "Why"),
            ]
        )
        for table in (self.documents, self.skipped):
            table.verticalHeader().hide()
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(scope_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.documents, 2)
        layout.addWidget(self.skipped_title)
        layout.addWidget(self.skipped, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 520)
        self._show()

    def scope(self) -> Scope:
        return "corpus" if self.scope_box.currentData() == "corpus" else "document"

    def _recompute(self) -> None:
        try:
            self.preview = preview_label_all(self._project, self._span_id, scope=self.scope())
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self._show()

    def _show(self) -> None:
        preview = self.preview
        per_document = preview.per_document
        numbers = self._numbers(set(per_document) | {o.doc_id for o in preview.skipped})
        self.summary.setText(
            fill(
                translate("LabelAll", "%1 occurrences to label in %2 documents."),
                preview.total,
                len(per_document),
            )
        )
        self.documents.setRowCount(len(per_document))
        for row, (doc_id, count) in enumerate(per_document.items()):
            info = self._project.documents.info(doc_id)
            self.documents.setItem(row, 0, _item(numbers.get(doc_id, ""), number=True))
            self.documents.setItem(
                row, 1, _item(info.title or translate("DocumentsModel", "(untitled)"))
            )
            self.documents.setItem(row, 2, _item(count, number=True))
        self.skipped_title.setText(
            fill(
                translate("LabelAll", "Skipped (%1): an entity is there already"),
                len(preview.skipped),
            )
        )
        self.skipped.setRowCount(len(preview.skipped))
        for row, occ in enumerate(preview.skipped):
            self.skipped.setItem(row, 0, _item(numbers.get(occ.doc_id, ""), number=True))
            self.skipped.setItem(row, 1, _item(snippet(occ.text, 40)))
            self.skipped.setItem(row, 2, _item(occ.reason))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(preview.total > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            fill(translate("LabelAll", "Label %1"), preview.total)
        )

    def _numbers(self, doc_ids: set[int]) -> dict[int, int]:
        """Each document's 1-based position in the project (what the list shows)."""
        return {d: self._project.documents.info(d).order + 1 for d in doc_ids}
