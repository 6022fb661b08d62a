"""The main window: navigation, status through the undo stack, settings, language, import.

State is checked in the project FILE through a second, read-only connection.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox  # noqa: E402

from annotator.core.edits import SetStatus  # noqa: E402
from annotator.core.importer import ImportReport  # noqa: E402
from annotator.core.model import DocId, Status, StatusRecord  # noqa: E402
from annotator.core.store import NewDocument, Project  # noqa: E402
from annotator.gui import i18n  # noqa: E402
from annotator.gui.dialogs import GoToDocumentDialog, parse_number  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"
TITLES = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس"]


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("ANNOTATOR_CONFIG_HOME", str(home))
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "data"))
    return home


@pytest.fixture(autouse=True)
def english_afterwards(qapp) -> Iterator[None]:
    yield
    i18n.set_language("en", qapp)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """The seed article, then five short documents."""
    path = tmp_path / "window.sqlite"
    with Project.create(path) as project:
        project.documents.add(SEED.read_text("utf-8"), title="البوكمال.. معركة دولية")
        with project.transaction():
            project.documents.add_many(
                [NewDocument(f"{title}: خبر قصير عن دير الزور.", title=title) for title in TITLES]
            )
    return path


@pytest.fixture
def make_window(qtbot, path: Path) -> Callable[..., MainWindow]:
    def make(annotator: str = "sara", **kwargs) -> MainWindow:  # type: ignore[no-untyped-def]
        window = MainWindow(
            Project.open(path), annotator=annotator, settings=Settings.load(), **kwargs
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.open_first_document()
        return window

    return make


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def doc_ids(path: Path) -> list[DocId]:
    with Project.open(path, readonly=True) as project:
        return project.documents.ids()


def status_in_file(path: Path, doc_id: int, annotator: str = "sara") -> StatusRecord | None:
    with Project.open(path, readonly=True) as project:
        return project.statuses.get(doc_id, annotator)


def press(
    qtbot,
    window: MainWindow,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """A key pressed while the article has the focus, as an annotator would."""
    view = window.editor.text_view()
    view.setFocus()
    qtbot.keyClick(view, key, modifiers)


# --- navigation --------------------------------------------------------------------------


def test_opens_the_first_document_and_lists_all(window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    assert window.current_document() == ids[0]
    assert window.documents_model.rowCount() == len(ids)
    assert window.documents_dock.view.currentIndex().row() == 0
    assert "البوكمال" in window.windowTitle()
    assert "unsaved" not in window.windowTitle().lower()
    assert "*" not in window.windowTitle()


def test_page_down_and_page_up(qtbot, window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.current_document() == ids[1]
    press(qtbot, window, Qt.Key.Key_PageDown)
    assert window.current_document() == ids[2]
    assert window.documents_dock.view.currentIndex().row() == 2
    press(qtbot, window, Qt.Key.Key_PageUp)
    assert window.current_document() == ids[1]


def test_clicking_a_row_opens_its_document(qtbot, window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    view = window.documents_dock.view
    index = window.documents_model.index(4, 1)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_document() == ids[4]


def test_ctrl_enter_marks_done_in_the_file_and_opens_the_next_not_done(
    qtbot, window: MainWindow, path: Path
) -> None:
    ids = doc_ids(path)
    with Project.open(path, readonly=True) as reader:
        assert reader.statuses.get(ids[0], "sara") is None
    # The second document is already done: Ctrl+Enter must pass over it.
    window.project.apply(SetStatus(ids[1], "sara", Status.DONE))
    window.documents_model.refresh_status(ids[1])

    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    record = status_in_file(path, ids[0])
    assert record is not None and record.status is Status.DONE
    assert window.current_document() == ids[2]
    assert window.progress_text() == "2 / 6 done"
    assert window.documents_model.status_of(ids[0]) is Status.DONE


def test_ctrl_enter_on_the_last_document_wraps_to_an_earlier_one(
    qtbot, window: MainWindow, path: Path
) -> None:
    ids = doc_ids(path)
    window.open_document(ids[-1])
    press(qtbot, window, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)  # keypad Enter
    assert status_in_file(path, ids[-1]).status is Status.DONE
    assert window.current_document() == ids[0]


def test_undo_and_redo_of_mark_done(qtbot, window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    press(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert status_in_file(path, ids[0]).status is Status.DONE
    assert window.current_document() == ids[1]

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    record = status_in_file(path, ids[0])
    assert record is None or record.status is not Status.DONE
    assert window.current_document() == ids[0]  # the undone document is shown again
    assert window.progress_text() == "0 / 6 done"

    press(
        qtbot,
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert status_in_file(path, ids[0]).status is Status.DONE
    assert window.progress_text() == "1 / 6 done"


def test_go_to_document_by_number_and_by_title(qtbot, window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(GoToDocumentDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.query_edit, "4")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert window.current_document() == ids[3]

    dialog = window.flow.go_to_document_dialog()
    assert dialog is not None
    dialog.set_query("الخامس")  # QTest types ASCII only
    assert dialog.selected_doc_id() == ids[5]
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert window.current_document() == ids[5]


def test_go_to_numbers_accept_arabic_indic_digits() -> None:
    assert parse_number("١٢") == 12
    assert parse_number(" 7 ") == 7
    assert parse_number("#3") == 3
    assert parse_number("البوكمال") is None


def test_find_bar_selects_the_next_match(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.edit.setText("داعش")  # QTest types ASCII only
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    cursor = window.editor.text_view().textCursor()
    first = cursor.selectionStart()
    assert cursor.selectedText() == "داعش"
    window.find_bar.edit.setFocus()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert window.editor.text_view().textCursor().selectionStart() > first
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_filter_and_search_narrow_the_list(qtbot, window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    window.set_status(ids[2], Status.DONE)
    window.documents_dock.status_filter.setCurrentIndex(
        window.documents_dock.status_filter.findData(Status.DONE.value)
    )
    model = window.documents_model
    qtbot.waitUntil(lambda: model.rowCount() == 1)  # the view fetches the rows
    assert model.doc_id_at(0) == ids[2]
    window.documents_dock.status_filter.setCurrentIndex(0)
    window.documents_dock.search_edit.setText("الثالث")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.doc_id_at(0) == ids[3]


# --- status bar, annotator, time ----------------------------------------------------------


def test_status_bar_shows_progress_and_annotator(window: MainWindow) -> None:
    assert window.progress_text() == "0 / 6 done"
    assert "sara" in window.status.annotator.text()


def test_switch_annotator_shows_their_statuses(window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    window.project.apply(SetStatus(ids[0], "omar", Status.DONE))
    window.switch_annotator("omar")
    assert window.annotator() == "omar"
    assert window.editor.annotator() == "omar"
    assert window.documents_model.status_of(ids[0]) is Status.DONE
    assert window.progress_text() == "1 / 6 done"
    assert Settings.load().annotator == "omar"


def test_time_spent_is_recorded_when_leaving_with_idle_gaps_capped(
    window: MainWindow, path: Path
) -> None:
    ids = doc_ids(path)
    now = [1000.0]
    tracker = window.time_tracker
    tracker.clock = lambda: now[0]
    tracker.idle_cap = 60.0
    tracker.set_active(True)
    window.open_document(ids[1])  # starts the clock on the second document
    now[0] += 20
    tracker.touch()
    now[0] += 600  # a long pause: counts as the cap
    tracker.touch()
    tracker.set_active(False)  # another application in front: nothing counts
    now[0] += 300
    tracker.set_active(True)
    now[0] += 5
    window.open_document(ids[2])  # leaving stores the time
    record = status_in_file(path, ids[1])
    assert record is not None
    assert record.seconds == pytest.approx(20 + 60 + 5)
    assert record.status is Status.IN_PROGRESS
    assert window.documents_model.status_of(ids[1]) is Status.IN_PROGRESS


def test_closing_stores_the_time_and_releases_the_project(window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    now = [0.0]
    tracker = window.time_tracker
    tracker.clock = lambda: now[0]
    tracker.set_active(True)
    window.open_document(ids[3])
    now[0] += 42
    window.close()
    assert status_in_file(path, ids[3]).seconds == pytest.approx(42)
    Project.open(path).close()  # not locked any more


# --- settings and language ------------------------------------------------------------------


def test_settings_are_remembered_across_two_windows(
    make_window, path: Path, config_home: Path
) -> None:
    first = make_window()
    first.resize(700, 650)  # within the offscreen screen, above the docks' minimum
    first_size = (first.width(), first.height())
    first.switch_annotator("omar")
    first.zoom(2)
    first.set_language("ar")
    size = first.editor.point_size()
    first.close()
    assert (config_home / "settings.json").exists()

    settings = Settings.load()
    assert settings.annotator == "omar"
    assert settings.font_zoom == 2
    assert settings.language == "ar"
    assert Path(settings.last_project) == path.resolve()
    assert settings.recent_projects[0] == str(path.resolve())
    i18n.set_language("en")
    second = make_window(annotator=settings.annotator)
    assert second.editor.point_size() == size
    assert (
        (second.width(), second.height())
        == first_size
        != (
            MainWindow.DEFAULT_SIZE.width(),
            MainWindow.DEFAULT_SIZE.height(),
        )
    )


def test_language_switch_mirrors_the_window(qapp, window: MainWindow) -> None:
    assert window.documents_dock_area() == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.menu("file").title() == "&File"
    window.actions.languages["ar"].trigger()
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.documents_dock_area() == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.menu("file").title() == "&ملف"
    assert window.progress_text() == "0 / 6 منجز"
    assert Settings.load().language == "ar"
    window.set_language("en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.documents_dock_area() == Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.menu("file").title() == "&File"


def test_the_arabic_translation_is_complete(tmp_path: Path) -> None:
    import subprocess
    import sys
    import xml.etree.ElementTree as ET

    ts = i18n.translations_dir() / "annotator_ar.ts"
    qm = i18n.translations_dir() / "annotator_ar.qm"
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert unfinished == []
    # The shipped .qm is the .ts compiled: by content, not file dates (a checkout
    # sets those in whatever order it writes).
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed beside this Python")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(fresh)], check=True, capture_output=True)
    assert fresh.read_bytes() == qm.read_bytes(), "run pyside6-lrelease on the .ts"


# --- projects, import ----------------------------------------------------------------------------


def test_opening_a_broken_project_keeps_the_current_one(
    window: MainWindow, path: Path, tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("not a database", "utf-8")
    assert window.open_project(bogus) is False
    shown = [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert shown[0].startswith("[E001]")  # errors are shown with their code
    assert "not an Annotator project" in shown[0]
    assert bogus.read_text("utf-8") == "not a database"
    assert window.project.path == path
    assert window.current_document() is not None


def test_new_and_open_project(window: MainWindow, path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    assert window.new_project(other)
    assert window.project.path == other
    assert window.documents_model.rowCount() == 0
    assert window.current_document() is None
    assert window.open_project(path)
    assert window.current_document() == doc_ids(path)[0]
    assert Settings.load().recent_projects[:2] == [str(path.resolve()), str(other.resolve())]


def test_import_runs_in_a_worker_and_blocks_edits_meanwhile(
    qtbot, window: MainWindow, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.core.importer as importer

    folder = tmp_path / "incoming"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"عنوان {i}\nنص الخبر رقم {i} عن الرقة.\n", "utf-8")
    release = threading.Event()
    real_import = importer.import_paths
    seen_threads: list[bool] = []

    def slow_import(project, paths, **kwargs):  # type: ignore[no-untyped-def]
        seen_threads.append(threading.current_thread() is threading.main_thread())
        assert release.wait(10)
        return real_import(project, paths, **kwargs)

    monkeypatch.setattr(importer, "import_paths", slow_import)
    dialog = window.files.import_paths([folder])
    assert dialog is not None
    qtbot.waitUntil(lambda: seen_threads != [])
    assert seen_threads == [False]
    assert window.is_busy()
    assert not window.editor.isEnabled()
    assert not window.actions.done_next.isEnabled()
    assert window.flow.mark_done_and_next() is False
    release.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert not window.is_busy() and window.editor.isEnabled()
    assert dialog.report.to_json()["documents_new"] == 3
    assert len(doc_ids(path)) == 9
    window.documents_model.fetchMore(QModelIndex())
    assert window.documents_model.rowCount() == 9
    dialog.accept()


def test_import_can_be_cancelled(
    qtbot, window: MainWindow, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.core.importer as importer

    started = threading.Event()

    def endless(project, paths, *, options, progress, cancel):  # type: ignore[no-untyped-def]
        started.set()
        while not cancel.wait(0.01):
            progress(0, 10, str(paths[0]))
        report = ImportReport()
        report.cancelled = True
        return report

    monkeypatch.setattr(importer, "import_paths", endless)
    dialog = window.files.import_paths([tmp_path])
    assert started.wait(5)
    dialog.reject()  # Escape / Cancel
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    assert dialog.report.cancelled
    assert not window.is_busy()
    assert len(doc_ids(path)) == 6
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_quit_leaves_nothing_unsaved(qtbot, window: MainWindow, path: Path) -> None:
    ids = doc_ids(path)
    window.set_status(ids[0], Status.SKIPPED)
    window.actions.quit.trigger()
    assert not window.isVisible()
    assert status_in_file(path, ids[0]).status is Status.SKIPPED
    assert QApplication.instance() is not None


def test_export_dialog_writes_training_data(
    qtbot, window: MainWindow, path: Path, tmp_path: Path
) -> None:
    from annotator.core.edits import AddSpan

    ids = doc_ids(path)
    window.project.apply(AddSpan(ids[1], "sara", "GPE", 0, 5))
    window.set_status(ids[1], Status.DONE)
    assert window.actions.export is not None and window.actions.export.isVisible()
    dialog = window.files.export_dialog()
    assert dialog is not None
    out = tmp_path / "out"
    dialog.folder_edit.setText(str(out))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("jsonl"))
    assert dialog.options() == {
        "fmt": "jsonl",
        "annotator": "sara",
        "gold": False,
        "include_unfinished": False,
        "split": "0.8,0.1,0.1",
        "seed": 0,
    }
    dialog.export_button.click()
    assert window.is_busy()
    qtbot.waitUntil(lambda: dialog.report is not None or dialog.error is not None, timeout=30_000)
    assert dialog.error is None
    assert dialog.report.documents == 1
    assert not window.is_busy()
    written = "".join(p.read_text("utf-8") for p in out.glob("*.jsonl"))
    assert '"GPE"' in written
    dialog.reject()


def test_toolbar_exact_characters_toggle_keeps_a_partial_word(
    window: MainWindow, path: Path
) -> None:
    editor = window.editor
    toggle = editor.precise_action()
    assert toggle in window.actions.toolbar.actions()
    toggle.trigger()
    assert editor.precise_mode()
    text = Project.open(path, readonly=True).documents.get(doc_ids(path)[0]).text
    start = text.index("والمعلومات") + 1  # leave out the proclitic و
    editor.text_view().set_selection(start, start + len("المعلومات"))
    editor.text_view().selection_finished.emit(False, False)  # the mouse button let go
    editor.apply_label("GPE")
    with Project.open(path, readonly=True) as project:
        (span,) = project.spans.for_document(doc_ids(path)[0], annotator="sara")
    assert text[span.start : span.end] == "المعلومات"


def test_import_of_annotation_files_asks_how_and_follows_the_answer(
    window: MainWindow, path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    import json

    from annotator.gui import import_dialogs as dialogs

    jsonl = tmp_path / "other.jsonl"
    text = "التقى أحمد بوفد من دمشق."
    start = text.index("دمشق")
    jsonl.write_text(
        json.dumps(
            {
                "text": text,
                "spans": [
                    {"start": start, "end": start + 4, "label": "LOCATION"},
                    {"start": 6, "end": 10, "label": "WEAPON"},
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        "utf-8",
    )
    answered = {}

    def answer(dialog: dialogs.ImportOptionsDialog) -> int:
        dialog.annotator_box.setCurrentIndex(1)  # the current annotator, "sara"
        dialog.add_labels.setChecked(True)
        dialog.label_map.setText("LOCATION=GPE")
        answered["asked"] = True
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(dialogs.ImportOptionsDialog, "exec", answer)
    import_dialog = window.files.import_with_options([jsonl])
    assert answered == {"asked": True}
    assert import_dialog is not None and import_dialog.wait_finished()
    qtbot.waitUntil(lambda: not window.is_busy())
    with Project.open(path, readonly=True) as project:
        doc = next(d for d in project.documents.iter() if d.text == text)
        spans = {
            (s.annotator, s.label, text[s.start : s.end])
            for s in project.spans.for_document(doc.id)
        }
        assert project.labels.get("WEAPON").kind.value == "entity"
    assert spans == {("sara", "GPE", "دمشق"), ("sara", "WEAPON", "أحمد")}


def test_import_options_refuse_a_malformed_renaming(qtbot) -> None:
    from annotator.gui.import_dialogs import ImportOptionsDialog, needs_import_options

    dialog = ImportOptionsDialog(annotator="sara")
    qtbot.addWidget(dialog)
    dialog.label_map.setText("PERS=PER, LOCATION")
    dialog.import_button.click()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "LOCATION" in dialog.message.text()
    assert not needs_import_options([Path("a.txt")])
    assert needs_import_options([Path("a.conll")])
