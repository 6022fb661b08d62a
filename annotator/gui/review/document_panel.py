"""One document being adjudicated: its gold text, its rows, the chosen row's versions.

The panel shows what it is given and keeps its three views in step (choosing
a row scrolls the gold text to it; putting the cursor in the gold text
chooses the row there). It writes nothing: every key and button becomes a
signal the adjudication tab acts on.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication import Row
from annotator.core.model import Document, Label, LabelKind, Span
from annotator.core.store_notes import DocumentNote
from annotator.core.tokenizer import DEFAULT_CLITICS
from annotator.gui.common import is_plain_key
from annotator.gui.fonts import arabic_font
from annotator.gui.i18n import translate
from annotator.gui.palette import label_keys
from annotator.gui.review.adjudication_models import AdjudicationRowsModel
from annotator.gui.review.gold_view import GoldView
from annotator.gui.review.structures import Structures
from annotator.gui.review.versions import VersionsPanel

__all__ = ["DocumentPanel"]


class _RowsView(QTableView):
    """The rows of the open document; digit keys accept a version, 0/Delete reject."""

    number_pressed = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if is_plain_key(event):
            text = event.text()
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.number_pressed.emit(0)
                event.accept()
                return
            if len(text) == 1 and text.isdigit():
                self.number_pressed.emit(int(text))  # int() reads Arabic-Indic digits too
                event.accept()
                return
        super().keyPressEvent(event)


class DocumentPanel(QWidget):
    """The right side of the adjudication tab.

    :signal number_pressed(int): ``1``…``N`` (accept that version) or ``0`` (reject)
        in the rows table.
    :signal adjudicated_toggled(bool): the Adjudicated box was ticked or cleared.
    """

    number_pressed = Signal(int)
    adjudicated_toggled = Signal(bool)

    def __init__(self, labels: Sequence[Label], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._syncing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._actions())
        self.keys_hint = QLabel(self)
        self.keys_hint.setTextFormat(Qt.TextFormat.RichText)  # built from escaped pieces
        self.keys_hint.setWordWrap(True)
        layout.addWidget(self.keys_hint)
        vertical = QSplitter(Qt.Orientation.Vertical, self)
        self.gold_view = GoldView(vertical)
        self.gold_view.offset_chosen.connect(self._offset_chosen)
        vertical.addWidget(self.gold_view)
        vertical.addWidget(self._rows_table(vertical))
        self.versions = VersionsPanel(self)
        scroll = QScrollArea(vertical)
        scroll.setWidget(self.versions)
        scroll.setWidgetResizable(True)
        scroll.setMinimumHeight(120)
        vertical.addWidget(scroll)
        for i, stretch in enumerate((3, 3, 2)):
            vertical.setStretchFactor(i, stretch)
        vertical.setSizes([330, 260, 220])
        layout.addWidget(vertical, 1)
        self.set_labels(labels)

    # --- content -----------------------------------------------------------------

    def set_labels(self, labels: Sequence[Label]) -> None:
        """The project's labels: colours, layers, keys (again when they changed)."""
        self._layers = {label.name: label.kind.layer for label in labels}
        self._colors = {label.name: label.color for label in labels}
        self._claims = {label.name for label in labels if label.kind is LabelKind.CLAIM}
        self.gold_view.set_labels(labels)
        self.keys_hint.setText(self._hint(labels))

    def show_document(
        self,
        document: Document,
        names: Sequence[str],
        rows: Sequence[Row],
        gold: Sequence[Span],
        structures: Structures | None = None,
        *,
        tokens: Sequence[tuple[int, int]] | None = None,
        clitics: str = DEFAULT_CLITICS,
    ) -> None:
        """Show a document; ``structures``: its claims' attributes and links, read by the
        tab; ``tokens``, ``clitics``: what the gold view snaps to
        (:meth:`GoldView.set_document`)."""
        self._names = list(names)
        self.gold_view.set_document(document.text, gold, tokens=tokens, clitics=clitics)
        self.rows_model.set_document(document.text, names, rows, gold, self._layers, structures)
        self.rows_view.resizeColumnsToContents()
        self.rows_view.horizontalHeader().setStretchLastSection(True)
        who = ", ".join(names) or translate("Review", "nobody finished it")
        self.doc_title.setText(
            f"<b>{html.escape(document.title or f'#{document.id}')}</b> — {html.escape(who)}"
        )
        self._show_versions()

    def set_rows(
        self, names: Sequence[str], rows: Sequence[Row], structures: Structures | None = None
    ) -> None:
        """The annotators' versions changed (another window): new rows, same row chosen."""
        chosen = self.selected_row()
        self._names = list(names)
        gold = self.gold_view.spans()
        self.rows_model.set_document(
            self.gold_view.text(), names, rows, gold, self._layers, structures
        )
        again = self.rows_model.row_of(chosen) if chosen is not None else -1
        if again >= 0:
            self._syncing = True  # keep the gold text where the user has it
            try:
                self.select_row(again)
            finally:
                self._syncing = False
        self.gold_view.set_row(self.selected_row())
        self._show_versions()

    def set_gold(self, gold: Sequence[Span], structures: Structures | None = None) -> None:
        """Gold as the file now has it (and its claims' structure)."""
        self.gold_view.set_spans(gold)
        self.rows_model.set_gold(gold, structures)
        self._show_versions()

    def set_notes(self, notes: Mapping[str, DocumentNote]) -> None:
        """The annotators' notes on the document, by annotator, beside their versions."""
        self.versions.set_notes(notes)
        self._show_versions()

    def set_adjudicated(self, done: bool) -> None:
        """Tick the box without it asking for a change."""
        self._syncing = True
        try:
            self.adjudicated_box.setChecked(done)
        finally:
            self._syncing = False

    def set_writable(self, on: bool) -> None:
        for widget in (self.accept_majority_button, self.adjudicated_box):
            widget.setEnabled(on)

    def annotators(self) -> list[str]:
        return list(self._names)

    def selected_row(self) -> Row | None:
        index = self.rows_view.currentIndex()
        return self.rows_model.row_at(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        """Choose row number ``row`` (of the rows table as shown)."""
        index = self.rows_model.index(row, 0)
        self.rows_view.setCurrentIndex(index)
        self.rows_view.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def select_next_row(self) -> None:
        current = self.rows_view.currentIndex().row()
        if current + 1 < self.rows_model.rowCount():
            self.select_row(current + 1)

    # --- keeping the views in step ---------------------------------------------------

    def _row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.selected_row()
        self.gold_view.set_row(row)
        self._show_versions()
        if row is not None and not self._syncing:
            self.gold_view.show_offset(row.start)

    def _show_versions(self) -> None:
        row = self.selected_row()
        gold = self.rows_model.gold_of(row) if row is not None else []
        self.versions.show_row(
            self.gold_view.text(),
            self._names,
            row,
            gold,
            colors=self._colors,
            claims=self._claims,
            structures=self.rows_model.structures(),
        )

    def _offset_chosen(self, offset: int) -> None:
        """The cursor was put in the gold text: choose the row under it."""
        rows = [r for r in self.rows_model.rows() if r.start <= offset < r.end]
        if rows:
            rows.sort(key=lambda r: (r.layer != "ents", r.end - r.start))
            self._syncing = True
            try:
                self.select_row(self.rows_model.row_of(rows[0]))
            finally:
                self._syncing = False

    def _disputed_only_toggled(self, on: bool) -> None:
        row = self.selected_row()
        self.rows_model.set_disputed_only(on)
        if row is not None and self.rows_model.row_of(row) >= 0:
            self.select_row(self.rows_model.row_of(row))
        else:
            self._row_changed(QModelIndex(), QModelIndex())

    def _box_toggled(self, on: bool) -> None:
        if not self._syncing:
            self.adjudicated_toggled.emit(on)

    # --- building ----------------------------------------------------------------

    def _actions(self) -> QHBoxLayout:
        self.doc_title = QLabel(translate("Review", "Choose a document."), self)
        self.doc_title.setTextFormat(Qt.TextFormat.RichText)  # built from escaped pieces
        self.doc_title.setFont(arabic_font(12))
        self.accept_majority_button = QPushButton(
            translate("Review", "Accept majority (whole document)"), self
        )
        self.adjudicated_box = QCheckBox(translate("Review", "Adjudicated"), self)
        self.adjudicated_box.toggled.connect(self._box_toggled)
        self.disputed_only_box = QCheckBox(translate("Review", "Disputed rows only"), self)
        self.disputed_only_box.toggled.connect(self._disputed_only_toggled)
        actions = QHBoxLayout()
        actions.addWidget(self.doc_title, 1)
        actions.addWidget(self.disputed_only_box)
        actions.addWidget(self.accept_majority_button)
        actions.addWidget(self.adjudicated_box)
        return actions

    def _hint(self, labels: Sequence[Label]) -> str:
        colors = {label.name: QColor(label.color).name() for label in labels}
        keys = " · ".join(
            f'<span style="background-color:{colors[name]}">&nbsp;{html.escape(key)}&nbsp;'
            f"{html.escape(name)}&nbsp;</span>"
            for key, name in label_keys(labels).items()
            if not "\u0660" <= key <= "\u0669"
        )
        intro = translate(
            "Review",
            "Gold — select text and press a label key; Delete removes the "
            "clicked gold span. Keys: ",
        )
        return html.escape(intro) + keys

    def _rows_table(self, parent: QWidget) -> QTableView:
        self.rows_model = AdjudicationRowsModel(self)
        self.rows_view = _RowsView(parent)
        self.rows_view.setModel(self.rows_model)
        self.rows_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_view.verticalHeader().setDefaultSectionSize(24)
        self.rows_view.setFont(arabic_font(11))
        self.rows_view.setToolTip(
            translate(
                "Review", "1…N: accept that annotator's version · 0 or Delete: reject the row"
            )
        )
        self.rows_view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.rows_view.number_pressed.connect(self.number_pressed)
        return self.rows_view
