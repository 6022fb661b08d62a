"""Importing behind dialogs: how to read annotation files, then progress and the report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.store import Project
from annotator.gui.dialogs import valid_annotator_name
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import BackgroundOperation, Task
from annotator.gui.ops.background import Work

if TYPE_CHECKING:
    from annotator.core.importer import ImportOptions, ImportReport


# --- import options ----------------------------------------------------------------------


# Files that carry annotations (not only text): the import asks how to read them.
ANNOTATION_SUFFIXES = frozenset(
    {".jsonl", ".json", ".ndjson", ".conll", ".iob", ".iob2", ".bio", ".bilou", ".tsv", ".spacy"}
)
_ENCODINGS = ("", "cp1256", "iso8859-6", "utf-8", "utf-16")


_CONLL_SUFFIXES = frozenset({".conll", ".iob", ".iob2", ".bio", ".bilou", ".tsv"})
_SCAN_LIMIT = 20_000  # entries looked at in chosen folders before asking everything


def input_suffixes(paths: Sequence[Path]) -> set[str]:
    """The file suffixes among ``paths`` and inside chosen folders (recursively).

    A folder too big to scan quickly counts as holding every kind.
    """
    suffixes: set[str] = set()
    for path in paths:
        if not path.is_dir():
            suffixes.add(path.suffix.lower())
            continue
        for n, entry in enumerate(path.rglob("*")):
            if n >= _SCAN_LIMIT:
                return suffixes | ANNOTATION_SUFFIXES
            if entry.suffix:
                suffixes.add(entry.suffix.lower())
    return suffixes


def needs_import_options(paths: Sequence[Path]) -> bool:
    """Annotation files (also inside folders) get the options dialog; plain articles do not."""
    return bool(input_suffixes(paths) & ANNOTATION_SUFFIXES)


def parse_label_map(text: str) -> dict[str, str]:
    """``"PERS=PER, LOCATION=LOC"`` → mapping; raises ValueError naming the bad pair."""
    mapping: dict[str, str] = {}
    for pair in text.replace("،", ",").split(","):
        if not pair.strip():
            continue
        source, sep, target = (part.strip() for part in pair.partition("="))
        if not sep or not source or not target:
            raise ValueError(pair.strip())
        mapping[source] = target
    return mapping


class ImportOptionsDialog(QDialog):
    """How to read annotation files: whose spans, new labels, label names, encoding.

    The same choices as ``annotator import`` (``--annotator``, ``--add-labels``,
    ``--label-map``, ``--encoding``, ``--iob1``).
    """

    def __init__(
        self,
        *,
        annotator: str,
        suffixes: set[str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """:param suffixes: the chosen files' suffixes (:func:`input_suffixes`): only
        the questions they need are asked (IOB1 only for CoNLL, encoding only for
        text formats)."""
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "Import options"))
        form = QFormLayout(self)
        self.annotator_box = QComboBox()
        self.annotator_box.setEditable(True)
        self.annotator_box.addItem(translate("Dialogs", "As named in the files"), None)
        if annotator:
            self.annotator_box.addItem(annotator, annotator)
        form.addRow(translate("Dialogs", "Spans belong to:"), self.annotator_box)
        self.add_labels = QCheckBox(translate("Dialogs", "Add labels the project lacks"))
        form.addRow(self.add_labels)
        self.label_map = QLineEdit()
        self.label_map.setPlaceholderText("PERS=PER, LOCATION=LOC")
        form.addRow(translate("Dialogs", "Rename labels:"), self.label_map)
        self.encoding = QComboBox()
        for name in _ENCODINGS:
            self.encoding.addItem(name or translate("Dialogs", "Detect"), name or None)
        form.addRow(translate("Dialogs", "Text encoding:"), self.encoding)
        self.iob1 = QCheckBox(translate("Dialogs", "CoNLL: accept IOB1 tags"))
        form.addRow(self.iob1)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(translate("Dialogs", "Import"))
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if suffixes is not None:
            conll = bool(suffixes & _CONLL_SUFFIXES)
            text = bool(suffixes - {".spacy"})
            form.setRowVisible(self.iob1, conll)
            form.setRowVisible(self.encoding, text)

    def _annotator(self) -> str | None:
        text = self.annotator_box.currentText().strip()
        if self.annotator_box.currentIndex() == 0 and text == self.annotator_box.itemText(0):
            return None
        return text or None

    def _accept_if_valid(self) -> None:
        try:
            parse_label_map(self.label_map.text())
        except ValueError as exc:
            self.message.setText(
                fill(
                    translate("Dialogs", "Write renamings as FROM=TO, e.g. PERS=PER (not “%1”)."),
                    exc,
                )
            )
            return
        name = self._annotator()
        if name is not None and not valid_annotator_name(name):
            self.message.setText(translate("Dialogs", "Choose another annotator name."))
            return
        self.accept()

    def options(self) -> ImportOptions:
        from annotator.core.importer import ImportOptions

        return ImportOptions(
            annotator=self._annotator(),
            add_labels=self.add_labels.isChecked(),
            label_map=parse_label_map(self.label_map.text()),
            encoding=self.encoding.currentData(),
            iob1=self.iob1.isChecked(),
        )


def import_work(paths: Sequence[Path], options: ImportOptions | None) -> Work:
    """The import as a background operation's work (it writes: the window waits)."""
    paths = list(paths)

    def work(project: Project, task: Task) -> ImportReport:
        # Imported here: the readers pull in heavy modules the window does not need.
        from annotator.core.importer import ImportOptions, import_paths

        return import_paths(
            project,
            paths,
            options=options or ImportOptions(),
            progress=task.report,
            cancel=task.cancel_event,
        )

    return work


def summarize_report(report: ImportReport) -> str:
    data = report.to_json()
    lines = [
        fill(translate("Dialogs", "New documents: %1"), data["documents_new"]),
        fill(translate("Dialogs", "Already in the project: %1"), data["documents_existing"]),
        fill(translate("Dialogs", "Spans added: %1"), data["spans_added"]),
    ]
    if data["labels_added"]:
        lines.append(
            fill(translate("Dialogs", "Labels added: %1"), ", ".join(data["labels_added"]))
        )
    if report.cancelled:
        lines.append(translate("Dialogs", "Cancelled: files read before cancelling were kept."))
    failed = report.failed
    if failed:
        lines.append(fill(translate("Dialogs", "Files not imported: %1"), len(failed)))
        lines.extend(f"  • {f.error}" for f in failed[:50])
    return "\n".join(lines)


class ImportDialog(QDialog):
    """Progress of an import, with Cancel; then its report.

    Emits ``import_done(report or None)`` once the worker has stopped.
    """

    import_done = Signal(object)

    def __init__(
        self,
        project: Project,
        paths: Sequence[Path],
        *,
        options: ImportOptions | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "Import"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self._label = QLabel(translate("Dialogs", "Reading files…"))
        self._label.setTextFormat(Qt.TextFormat.PlainText)  # it names files
        self._label.setWordWrap(True)
        layout.addWidget(self._label)
        self._bar = QProgressBar()
        self._bar.setRange(0, 0)
        layout.addWidget(self._bar)
        self._report_view = QPlainTextEdit()
        self._report_view.setReadOnly(True)
        self._report_view.hide()
        layout.addWidget(self._report_view)
        self._button = QPushButton(translate("Dialogs", "Cancel"))
        self._button.clicked.connect(self._on_button)
        layout.addWidget(self._button, alignment=Qt.AlignmentFlag.AlignRight)
        self.report: ImportReport | None = None
        self.error: str | None = None
        self._thread = BackgroundOperation(
            import_work(paths, options), project=project, writes=True, parent=self
        )
        self._thread.progressed.connect(self._on_progress)
        self._thread.succeeded.connect(self._on_finished)
        self._thread.failed.connect(self._on_failed)
        self.resize(520, 160)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def cancel(self) -> None:
        self._thread.cancel()
        self._label.setText(translate("Dialogs", "Cancelling after the current batch…"))
        self._button.setEnabled(False)

    def wait_finished(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def _on_button(self) -> None:
        if self._thread.isRunning():
            self.cancel()
        else:
            self.accept()

    def reject(self) -> None:
        # Escape or the close button: cancel first; the dialog closes once the worker stops.
        if self._thread.isRunning():
            self.cancel()
        else:
            super().reject()

    def _on_progress(self, done: int, total: int, path: str) -> None:
        self._bar.setRange(0, max(total, 1))
        self._bar.setValue(done)
        self._label.setText(
            fill(translate("Dialogs", "%1 of %2 files: %3"), done, total, Path(path).name)
        )

    def _on_finished(self, report: ImportReport) -> None:
        self._thread.wait()
        self.report = report
        self._bar.setRange(0, 1)
        self._bar.setValue(1)
        self._label.setText(
            translate("Dialogs", "Import cancelled.")
            if report.cancelled
            else translate("Dialogs", "Import finished.")
        )
        self._show_text(summarize_report(report))
        self.import_done.emit(report)

    def _on_failed(self, message: str) -> None:
        self._thread.wait()
        self.error = message
        self._bar.setRange(0, 1)
        self._bar.setValue(0)
        self._label.setText(
            translate("Dialogs", "Import failed; nothing from the failed batch was stored.")
        )
        self._show_text(message)
        self.import_done.emit(None)

    def _show_text(self, text: str) -> None:
        self._report_view.setPlainText(text)
        self._report_view.show()
        self._button.setText(translate("Dialogs", "Close"))
        self._button.setEnabled(True)
        self.resize(max(self.width(), 560), 360)
