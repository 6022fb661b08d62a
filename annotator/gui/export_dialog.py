"""Exporting behind a dialog: format, whose spans, folder; progress and the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.store import Project
from annotator.gui.dialogs import RESERVED_NAMES
from annotator.gui.i18n import translate
from annotator.gui.ops import BackgroundOperation, Task
from annotator.gui.ops.background import Work

# --- export ------------------------------------------------------------------------


EXPORT_FORMATS = (
    ("spacy", "spaCy DocBin (.spacy + config.cfg)"),
    ("conll", "CoNLL (IOB2)"),
    ("jsonl", "JSONL (Prodigy)"),
)
GOLD = "\x00gold"  # the "whose spans" choice meaning adjudicated spans


def export_available() -> bool:
    """Whether the core exporter is installed (it landed separately)."""
    from importlib.util import find_spec

    try:
        return find_spec("annotator.core.export") is not None
    except (ImportError, ValueError):
        return False


def export_work(out_dir: Path, options: dict[str, Any]) -> Work:
    """The export as a background operation's work (it only reads)."""

    def work(project: Project, task: Task) -> Any:
        from annotator.core.export import export

        return export(project, out_dir, **options, progress=task.report, cancel=task.cancel_event)

    return work


def default_export_folder(project_path: Path) -> Path:
    """Beside the project, unless the project lives in a hidden folder (the default
    project sits in ``~/.local/share``): then in the user's Documents folder."""
    resolved = project_path.resolve()
    beside = resolved.with_name(resolved.stem + "-export")
    if not any(part.startswith(".") for part in resolved.parent.parts):
        return beside
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(documents) if documents else Path.home()
    return base / "Annotator exports" / beside.name


class ExportDialog(QDialog):
    """Choose a format, a folder and whose spans; export with progress; show the report.

    Emits ``export_done(report or None)`` when the worker has stopped.
    """

    export_done = Signal(object)

    def __init__(self, project: Project, *, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QFileDialog, QHBoxLayout

        self._project = project
        self._file_dialog = QFileDialog
        self.setWindowTitle(translate("Dialogs", "Export"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format_combo = QComboBox()
        for key, text in EXPORT_FORMATS:
            self.format_combo.addItem(text, key)
        form.addRow(translate("Dialogs", "Format:"), self.format_combo)
        self.who_combo = QComboBox()
        annotators = [a for a in project.spans.annotators() if a.lower() not in RESERVED_NAMES]
        if annotator and annotator not in annotators:
            annotators.insert(0, annotator)
        for name in annotators:
            self.who_combo.addItem(name, name)
        self.who_combo.addItem(translate("Dialogs", "Gold (adjudicated)"), GOLD)
        self.who_combo.setCurrentIndex(max(0, self.who_combo.findData(annotator)))
        form.addRow(translate("Dialogs", "Spans of:"), self.who_combo)
        self.unfinished_check = QCheckBox(translate("Dialogs", "Include documents not marked done"))
        form.addRow("", self.unfinished_check)
        self.split_edit = QLineEdit("0.8,0.1,0.1")
        self.split_edit.setToolTip(
            translate(
                "Dialogs",
                "Train, dev[, test] fractions summing to 1; with two or more documents "
                "dev is never empty.",
            )
        )
        form.addRow(translate("Dialogs", "Split (train, dev, test):"), self.split_edit)
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self.seed_box.setToolTip(
            translate("Dialogs", "Another seed puts other documents into dev and test.")
        )
        form.addRow(translate("Dialogs", "Seed:"), self.seed_box)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(default_export_folder(project.path)))
        browse = QPushButton(translate("Dialogs", "Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow(translate("Dialogs", "Folder:"), row)
        layout.addLayout(form)
        self._bar = QProgressBar()
        self._bar.setRange(0, 1)
        self._bar.setValue(0)
        layout.addWidget(self._bar)
        self._report_view = QPlainTextEdit()
        self._report_view.setReadOnly(True)
        self._report_view.hide()
        layout.addWidget(self._report_view)
        self._buttons = QDialogButtonBox()
        self.export_button = self._buttons.addButton(
            translate("Dialogs", "Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self._buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self._buttons)
        self.report: Any = None
        self.error: str | None = None
        self._thread: BackgroundOperation | None = None
        self.resize(560, 280)

    def _browse(self) -> None:
        folder = self._file_dialog.getExistingDirectory(
            self, translate("Dialogs", "Export into folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def options(self) -> dict[str, Any]:
        who = self.who_combo.currentData()
        return {
            "fmt": self.format_combo.currentData(),
            "annotator": None if who == GOLD else who,
            "gold": who == GOLD,
            "include_unfinished": self.unfinished_check.isChecked(),
            "split": self.split_edit.text().strip() or "0.8,0.1,0.1",
            "seed": self.seed_box.value(),
        }

    def start(self) -> None:
        if self.is_running():
            return
        self.report, self.error = None, None
        self._thread = BackgroundOperation(
            export_work(Path(self.folder_edit.text()), self.options()),
            project=self._project,
            parent=self,
        )
        self._thread.progressed.connect(self._on_progress)
        self._thread.succeeded.connect(self._on_finished)
        self._thread.failed.connect(self._on_failed)
        self.export_button.setEnabled(False)
        self.close_button.setText(translate("Dialogs", "Cancel"))
        self._bar.setRange(0, 0)
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def wait_finished(self, ms: int = 60_000) -> bool:
        return self._thread is None or self._thread.wait(ms)

    def reject(self) -> None:
        if self._thread is not None and self._thread.isRunning():
            self._thread.cancel()
            return
        super().reject()

    def _on_progress(self, done: int, total: int, _title: str) -> None:
        self._bar.setRange(0, max(total, 1))
        self._bar.setValue(done)

    def _stopped(self, text: str) -> None:
        if self._thread is not None:
            self._thread.wait()
        self._bar.setRange(0, 1)
        self._bar.setValue(1)
        self._report_view.setPlainText(text)
        self._report_view.show()
        self.export_button.setEnabled(True)
        self.close_button.setText(translate("Dialogs", "Close"))
        self.resize(max(self.width(), 640), 460)

    def _on_finished(self, report: Any) -> None:
        self.report = report
        if report.cancelled:
            self._stopped(translate("Dialogs", "Export cancelled; nothing was written."))
        else:
            self._stopped("\n".join(report.summary_lines()))
        self.export_done.emit(report)

    def _on_failed(self, message: str) -> None:
        self.error = message
        self._stopped(message)
        self.export_done.emit(None)
