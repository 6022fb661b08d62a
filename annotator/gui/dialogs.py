"""Small dialogs of the main window: annotator name, go to document, import options and
progress, export."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.gui.ops import BackgroundOperation, Task
from annotator.gui.ops.background import Work

if TYPE_CHECKING:
    from annotator.core.importer import ImportOptions, ImportReport

RESERVED_NAMES = frozenset({"gold"})
# Called by this name so that pyside6-lupdate finds the strings (see i18n.py).
translate = QCoreApplication.translate


# --- annotator name ------------------------------------------------------------


def valid_annotator_name(name: str) -> bool:
    name = name.strip()
    return bool(name) and name.lower() not in RESERVED_NAMES and len(name) <= 64


class AnnotatorNameDialog(QDialog):
    """Asks who is annotating; the name is stored with every span and status.

    :param known: annotators already in the project, offered in the list.
    """

    def __init__(
        self,
        known: Sequence[str],
        *,
        current: str = "",
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("Dialogs", "Annotator")
            if not first_start
            else translate("Dialogs", "Welcome to Annotator")
        )
        layout = QVBoxLayout(self)
        text = translate(
            "Dialogs",
            "Who is annotating? Your name is saved with every highlight, so the work "
            "of several annotators can be compared and merged.",
        )
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._combo = QComboBox()
        self._combo.setEditable(True)
        self._combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._combo.addItems([k for k in known if k.lower() not in RESERVED_NAMES])
        self._combo.setEditText(current)
        self._combo.lineEdit().setPlaceholderText(translate("Dialogs", "Your name"))
        layout.addWidget(self._combo)
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self.accept)
        self._buttons.rejected.connect(self.reject)
        layout.addWidget(self._buttons)
        self._combo.editTextChanged.connect(self._update_ok)
        self._update_ok()
        self.resize(420, self.sizeHint().height())

    def _update_ok(self) -> None:
        ok = self._buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(valid_annotator_name(self._combo.currentText()))

    def name(self) -> str:
        return self._combo.currentText().strip()

    def set_name(self, name: str) -> None:
        self._combo.setEditText(name)


# --- go to document ----------------------------------------------------------------


def parse_number(text: str) -> int | None:
    """A document number typed with Western or Arabic-Indic digits (``١٢`` is 12)."""
    text = text.strip().lstrip("#")
    if not text or not all(c.isdecimal() for c in text):
        return None
    return int(text)


class GoToDocumentDialog(QDialog):
    """Jump to a document by its number in the project or by words of its title."""

    MAX_MATCHES = 50

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self.setWindowTitle(translate("Dialogs", "Go to document"))
        layout = QVBoxLayout(self)
        self._edit = QLineEdit()
        self._edit.setPlaceholderText(translate("Dialogs", "Number or title"))
        self._edit.setClearButtonEnabled(True)
        layout.addWidget(self._edit)
        self._list = QListWidget()
        layout.addWidget(self._list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._edit.textChanged.connect(self._update)
        self._edit.returnPressed.connect(self.accept)
        self._list.itemActivated.connect(lambda _item: self.accept())
        self.resize(460, 360)
        self._update("")

    def set_query(self, text: str) -> None:
        self._edit.setText(text)

    def _update(self, text: str) -> None:
        self._list.clear()
        number = parse_number(text)
        total = self._project.documents.count()
        matches: list[tuple[int, Any]] = []
        if number is not None:
            if 1 <= number <= total:
                infos = self._project.documents.list(number - 1, 1)
                matches = [(number, info) for info in infos]
        elif text.strip():
            infos = self._project.documents.list(0, self.MAX_MATCHES, search=text.strip())
            matches = [(info.order + 1, info) for info in infos]
        for num, info in matches:
            item = QListWidgetItem(f"{num}. {info.title}")
            item.setData(Qt.ItemDataRole.UserRole, int(info.id))
            self._list.addItem(item)
        if self._list.count():
            self._list.setCurrentRow(0)
        self._ok.setEnabled(self._list.count() > 0)

    def selected_doc_id(self) -> DocId | None:
        item = self._list.currentItem()
        return DocId(int(item.data(Qt.ItemDataRole.UserRole))) if item is not None else None

    def accept(self) -> None:
        if self.selected_doc_id() is not None:
            super().accept()


# --- import ----------------------------------------------------------------------


# Files that carry annotations (not only text): the import asks how to read them.
ANNOTATION_SUFFIXES = frozenset(
    {".jsonl", ".json", ".ndjson", ".conll", ".iob", ".iob2", ".bio", ".bilou", ".tsv", ".spacy"}
)
_ENCODINGS = ("", "cp1256", "iso8859-6", "utf-8", "utf-16")


def needs_import_options(paths: Sequence[Path]) -> bool:
    """Folders and annotation files get the options dialog; plain articles do not."""
    return any(p.is_dir() or p.suffix.lower() in ANNOTATION_SUFFIXES for p in paths)


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

    def __init__(self, *, annotator: str, parent: QWidget | None = None) -> None:
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
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("Dialogs", "Import"))
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

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
                translate(
                    "Dialogs", "Write renamings as FROM=TO, e.g. PERS=PER (not “%1”)."
                ).replace("%1", str(exc))
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
        translate("Dialogs", "New documents: %1").replace("%1", str(data["documents_new"])),
        translate("Dialogs", "Already in the project: %1").replace(
            "%1", str(data["documents_existing"])
        ),
        translate("Dialogs", "Spans added: %1").replace("%1", str(data["spans_added"])),
    ]
    if data["labels_added"]:
        lines.append(
            translate("Dialogs", "Labels added: %1").replace("%1", ", ".join(data["labels_added"]))
        )
    if report.cancelled:
        lines.append(translate("Dialogs", "Cancelled: files read before cancelling were kept."))
    failed = report.failed
    if failed:
        lines.append(translate("Dialogs", "Files not imported: %1").replace("%1", str(len(failed))))
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
            translate("Dialogs", "%1 of %2 files: %3")
            .replace("%1", str(done))
            .replace("%2", str(total))
            .replace("%3", Path(path).name)
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


class ExportDialog(QDialog):
    """Choose a format, a folder and whose spans; export with progress; show the report.

    Emits ``export_done(report or None)`` when the worker has stopped.
    """

    export_done = Signal(object)

    def __init__(self, project: Project, *, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QCheckBox, QFileDialog, QFormLayout, QHBoxLayout

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
        row = QHBoxLayout()
        self.folder_edit = QLineEdit(str(project.path.with_name(project.path.stem + "-export")))
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
