"""The export dialog has split and seed and a visible folder; import asks only what is needed."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFormLayout

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import Status
from annotator.gui.export_dialog import default_export_folder
from annotator.gui.import_dialogs import (
    ImportOptionsDialog,
    input_suffixes,
    needs_import_options,
)


def test_export_with_split_and_seed_from_the_dialog(
    qtbot, main_window, window_path: Path, tmp_path: Path
) -> None:
    window = main_window
    project = window.project
    for doc_id in project.documents.ids():
        text = project.documents.get(doc_id).text
        start = text.index("دير الزور") if "دير الزور" in text else text.index("البوكمال")
        project.apply(AddSpan(doc_id, "sara", "GPE", start, start + 3))
        project.apply(SetStatus(doc_id, "sara", Status.DONE))
    dialog = window.files.export_dialog()
    assert Path(dialog.folder_edit.text()) == window_path.resolve().with_name("window-export")
    out = tmp_path / "out"
    dialog.folder_edit.setText(str(out))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("jsonl"))
    dialog.split_edit.setText("0.5,0.5")
    dialog.seed_box.setValue(3)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None, timeout=30_000)
    assert dialog.error is None
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["split"] == [0.5, 0.5] and report["seed"] == 3
    assert report["parts"]["dev"]["documents"] >= 1  # six documents: dev is never empty
    dialog.reject()


def test_a_bad_split_is_refused_with_its_code(qtbot, main_window, tmp_path: Path) -> None:
    window = main_window
    project = window.project
    doc_id = project.documents.ids()[0]
    project.apply(AddSpan(doc_id, "sara", "GPE", 0, 3))
    project.apply(SetStatus(doc_id, "sara", Status.DONE))
    dialog = window.files.export_dialog()
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.split_edit.setText("0.9,0.9")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None, timeout=30_000)
    assert dialog.error is not None and "E0" in dialog.error and "sum" in dialog.error
    assert not (tmp_path / "out").exists()
    dialog.reject()


def test_the_default_folder_is_visible(tmp_path: Path) -> None:
    assert default_export_folder(tmp_path / "p.sqlite") == tmp_path.resolve() / "p-export"
    hidden = tmp_path / ".local" / "share" / "annotator" / "default.sqlite"
    folder = default_export_folder(hidden)
    assert not any(part.startswith(".") for part in folder.parts)
    assert folder.name == "default-export"


def test_plain_text_files_and_folders_ask_nothing(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("خبر", "utf-8")
    assert not needs_import_options([articles / "a.txt"])
    assert not needs_import_options([articles])


def test_annotation_files_get_only_their_questions(qtbot, tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{}", "utf-8")
    (tmp_path / "b.conll").write_text("x O", "utf-8")
    jsonl = ImportOptionsDialog(annotator="sara", suffixes=input_suffixes([tmp_path / "a.jsonl"]))
    qtbot.addWidget(jsonl)
    form = jsonl.layout()
    assert isinstance(form, QFormLayout)
    assert not form.isRowVisible(jsonl.iob1)
    assert form.isRowVisible(jsonl.label_map)
    conll = ImportOptionsDialog(annotator="sara", suffixes=input_suffixes([tmp_path]))
    qtbot.addWidget(conll)
    assert conll.layout().isRowVisible(conll.iob1)
