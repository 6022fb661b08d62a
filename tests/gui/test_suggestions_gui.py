"""Suggestions in the editor, keyboard first, each action checked in the project file.

The gazetteer learns ``البوكمال`` (GPE) from a document another annotator marked
done; the seed article, which names the town seven times (once as
``بالبوكمال``-style forms too), then gets suggestions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.gazetteer import build_gazetteer
from annotator.core.model import Status
from annotator.core.store import Project
from annotator.core.suggestions import fill_suggestions

TOWN = "البوكمال"
LEARNT = f"سيطرت القوات على {TOWN} أمس، وعادت الحياة إلى {TOWN} ببطء."


def teach(project: Project, text: str = LEARNT, term: str = TOWN, label: str = "GPE") -> int:
    """``lead`` marks every ``term`` of ``text`` and marks the document done."""
    doc_id, _ = project.documents.add(text, title="learnt")
    start = text.find(term)
    while start >= 0:
        project.apply(AddSpan(doc_id, "lead", label, start, start + len(term)))
        start = text.find(term, start + len(term))
    project.apply(SetStatus(doc_id, "lead", Status.DONE))
    return doc_id


@pytest.fixture
def suggested(make_editor, project: Project, seed_text: str):
    """An editor on the seed article with the gazetteer's suggestions for it."""
    teach(project)
    editor, doc_id = make_editor(seed_text, title="seed")
    fill_suggestions(project, [doc_id], build_gazetteer(project))
    editor.suggestions.load()
    assert len(editor.suggestions.suggestions()) >= 5
    editor.text_view().setFocus()
    return editor, doc_id


def reread(project: Project):
    """A second, read-only connection: what the file holds."""
    return Project.open(project.path, readonly=True)


def test_suggestions_are_shown_apart_from_spans_with_their_source_in_the_tooltip(
    suggested,
) -> None:
    editor, doc_id = suggested
    shown = editor.suggestions.suggestions()
    assert all(editor.text()[s.start : s.end].endswith(TOWN) for s in shown)
    assert editor.spans() == []  # a suggestion is never a span until accepted
    first = shown[0]
    lines = editor.suggestions.layer.tooltip_lines(first.start + 1)
    assert any("GPE" in line and "gazetteer" in line and "score" in line for line in lines)
    editor.text_view().viewport().repaint()  # the overlay paints without error


def test_tab_selects_the_next_suggestion_and_shift_tab_the_previous(suggested) -> None:
    editor, _ = suggested
    view = editor.text_view()
    shown = editor.suggestions.suggestions()
    view.set_selection(0, 0)
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert editor.suggestions.selected() == shown[0]
    assert view.hasFocus()  # Tab did not move the focus out of the article
    QTest.keyClick(view, Qt.Key.Key_Tab)
    assert editor.suggestions.selected() == shown[1]
    QTest.keyClick(view, Qt.Key.Key_Backtab)
    assert editor.suggestions.selected() == shown[0]
    QTest.keyClick(view, Qt.Key.Key_Backtab)  # wraps to the last
    assert editor.suggestions.selected() == shown[-1]
    assert view.cursor_offset() == shown[-1].start  # scrolled to and the caret on it
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert editor.suggestions.selected() is None
    QTest.keyClick(view, Qt.Key.Key_Delete)  # nothing selected: nothing rejected
    assert len(editor.suggestions.suggestions()) == len(shown)


def test_enter_accepts_a_span_with_its_origin_and_undo_brings_the_suggestion_back(
    suggested, project: Project
) -> None:
    editor, doc_id = suggested
    view = editor.text_view()
    shown = editor.suggestions.suggestions()
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Return)
    with reread(project) as p:
        spans = p.spans.for_document(doc_id, annotator="ali")
        assert [(s.label, s.start, s.end) for s in spans] == [("GPE", shown[0].start, shown[0].end)]
        assert spans[0].attrs["suggested_by"] == "gazetteer"
        assert 0 < spans[0].attrs["score"] <= 1
        assert shown[0].id not in {s.id for s in p.suggestions.for_document(doc_id)}
    assert [s.start for s in editor.spans()] == [shown[0].start]
    assert editor.suggestions.selected() == shown[1]  # Enter, Enter… walks on
    editor.undo_stack_for_tests.undo()
    with reread(project) as p:
        assert p.spans.for_document(doc_id, annotator="ali") == []
        assert shown[0].id in {s.id for s in p.suggestions.for_document(doc_id)}
    assert editor.spans() == []
    assert shown[0] in editor.suggestions.suggestions()


def test_space_accepts_the_suggestion_under_the_cursor(suggested, project: Project) -> None:
    editor, doc_id = suggested
    target = editor.suggestions.suggestions()[2]
    editor.text_view().set_selection(target.start + 2, target.start + 2)
    QTest.keyClick(editor.text_view(), Qt.Key.Key_Space)
    with reread(project) as p:
        assert [(s.start, s.end) for s in p.spans.for_document(doc_id, annotator="ali")] == [
            (target.start, target.end)
        ]


def test_a_label_key_on_a_selected_suggestion_accepts_it_with_that_label(
    suggested, project: Project
) -> None:
    editor, doc_id = suggested
    QTest.keyClick(editor.text_view(), Qt.Key.Key_Tab)
    QTest.keyClicks(editor.text_view(), "l")  # LOC's key
    with reread(project) as p:
        assert [s.label for s in p.spans.for_document(doc_id, annotator="ali")] == ["LOC"]


def test_delete_rejects_and_the_rejection_is_remembered(suggested, project: Project) -> None:
    editor, doc_id = suggested
    view = editor.text_view()
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    # Every copy of the same text, label and source goes with it.
    assert editor.suggestions.suggestions() == []
    with reread(project) as p:
        assert p.suggestions.for_document(doc_id) == []
        assert p.spans.for_document(doc_id, annotator="ali") == []
    fill_suggestions(project, [doc_id], build_gazetteer(project))  # filling again
    editor.suggestions.load()
    assert editor.suggestions.suggestions() == []  # does not bring it back
    editor.undo_stack_for_tests.undo()
    assert len(editor.suggestions.suggestions()) >= 5
    with reread(project) as p:
        assert len(p.suggestions.for_document(doc_id)) >= 5


def test_delete_on_a_selected_span_still_deletes_the_span(suggested, project: Project) -> None:
    editor, doc_id = suggested
    view = editor.text_view()
    QTest.keyClick(view, Qt.Key.Key_Tab)
    QTest.keyClick(view, Qt.Key.Key_Return)
    span = editor.spans()[0]
    editor.select_span(span.id)
    assert editor.suggestions.selected() is None  # a span selected: no suggestion is
    QTest.keyClick(view, Qt.Key.Key_Delete)
    with reread(project) as p:
        assert p.spans.for_document(doc_id, annotator="ali") == []
        assert p.suggestions.rejections(doc_id) == set()


def test_accept_all_and_its_undo(suggested, project: Project) -> None:
    editor, doc_id = suggested
    count = len(editor.suggestions.suggestions())
    assert editor.suggestions.accept_all()
    with reread(project) as p:
        assert len(p.spans.for_document(doc_id, annotator="ali")) == count
        assert p.suggestions.for_document(doc_id) == []
    assert editor.suggestions.suggestions() == []
    assert editor.undo_stack_for_tests.count() == 1  # one undoable action
    editor.undo_stack_for_tests.undo()
    with reread(project) as p:
        assert p.spans.for_document(doc_id, annotator="ali") == []
        assert len(p.suggestions.for_document(doc_id)) == count
    assert len(editor.suggestions.suggestions()) == count


def test_a_suggestion_never_appears_in_an_export(suggested, project: Project, tmp_path) -> None:
    from annotator.core.export import export

    editor, doc_id = suggested
    QTest.keyClick(editor.text_view(), Qt.Key.Key_Tab)
    QTest.keyClick(editor.text_view(), Qt.Key.Key_Return)  # one accepted, the rest stay
    assert len(editor.suggestions.suggestions()) >= 4
    project.apply(SetStatus(doc_id, "ali", Status.DONE))
    export(project, tmp_path / "out", fmt="jsonl", annotator="ali")
    rows = [
        json.loads(line)
        for f in sorted((tmp_path / "out").glob("*.jsonl"))
        for line in f.read_text("utf-8").splitlines()
    ]
    seed = next(r for r in rows if TOWN in r["text"] and len(r["text"]) > 500)
    assert len(seed["spans"]) == 1  # the accepted one only


# --- the main window: menu keys, label all, preparation, the column ---------------------


@pytest.fixture
def window_path(window_path: Path) -> Path:
    """The shared window project, where ``lead`` confirmed ``دير الزور`` on a done document."""
    with Project.open(window_path) as project:
        teach(project, text="وصل وفد إلى دير الزور، ثم غادر دير الزور مساء.", term="دير الزور")
    return window_path


@pytest.fixture
def window(main_window):
    return main_window


def wait_prepared(qtbot, window) -> None:
    menu = window.actions.suggestions
    qtbot.waitUntil(
        lambda: not menu.preparation.preparation_pending() and menu.work.filling is None,
        timeout=20000,
    )


def test_opening_a_document_prepares_the_next_ones_and_they_show_at_once(
    qtbot, window, window_path: Path
) -> None:
    wait_prepared(qtbot, window)
    ids = window.project.documents.ids()
    with Project.open(window_path, readonly=True) as p:
        prepared = [d for d in ids if p.suggestions.for_document(d)]
    assert len(prepared) >= 3  # the open document and the next ones of the queue
    following = next(d for d in prepared if d != window.current_document())
    assert window.open_document(following)
    # In the file already: shown as the document opens, before any event runs.
    shown = window.editor.suggestions.suggestions()
    assert shown and all(window.editor.text()[s.start : s.end] == "دير الزور" for s in shown)
    # The document list shows their uncertainty, in a column shown once there is one.
    model = window.documents_model
    assert not window.documents_dock.view.isColumnHidden(model.COLUMN_UNCERTAINTY)
    row = model.row_of(following)
    text = model.data(model.index(row, model.COLUMN_UNCERTAINTY))
    assert text == f"{model.uncertainty_of(following):.2f}"


def test_ctrl_shift_a_accepts_all_in_the_window(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    doc = next(
        d for d in window.project.documents.ids() if window.project.suggestions.for_document(d)
    )
    window.open_document(doc)
    count = len(window.editor.suggestions.suggestions())
    window.editor.text_view().setFocus()
    QTest.keyClick(
        window.editor.text_view(),
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(window.project.spans.for_document(doc, annotator="sara")) == count
    assert window.editor.suggestions.suggestions() == []
    QTest.keyClick(window.editor.text_view(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.project.spans.for_document(doc, annotator="sara") == []
    assert len(window.editor.suggestions.suggestions()) == count


def test_label_all_occurrences_after_a_preview_and_its_undo(qtbot, window) -> None:
    from annotator.gui.label_all_dialog import LabelAllDialog

    project = window.project
    ids = project.documents.ids()
    doc = ids[1]  # "الأول: خبر قصير عن دير الزور."
    window.open_document(doc)
    editor = window.editor
    start = editor.text().index("دير الزور")
    editor.set_selection(start, start + len("دير الزور"))
    editor.apply_label("GPE")
    assert editor.selected_span()
    # One document already has it: the preview lists it as skipped.
    project.apply(AddSpan(ids[3], "sara", "GPE", start, start + len("دير الزور")))
    editor.text_view().setFocus()
    QTest.keyClick(
        editor.text_view(),
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(LabelAllDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.preview.total == 0  # nothing else in this short document
    dialog.scope_box.setCurrentIndex(1)  # the whole corpus
    per_document = dialog.preview.per_document
    assert dialog.documents.rowCount() == len(per_document) >= 3
    assert ids[3] not in per_document
    assert dialog.skipped.rowCount() == len(dialog.preview.skipped) >= 1
    assert any(
        dialog.skipped.item(r, 1).text() == "دير الزور" for r in range(dialog.skipped.rowCount())
    )
    dialog.accept()
    for d, count in per_document.items():
        labelled = [s for s in project.spans.for_document(d, annotator="sara") if s.label == "GPE"]
        assert len(labelled) >= count
    before = len(editor.spans())
    window.undo()
    for d in per_document:
        if d != doc:
            assert project.spans.for_document(d, annotator="sara") == []
    assert len(editor.spans()) <= before


def test_gazetteer_lists_import_and_export_from_the_menu(window, tmp_path: Path) -> None:
    menu = window.actions.suggestions
    listing = tmp_path / "places.txt"
    listing.write_text("الميادين\nالقورية\n", "utf-8")
    assert menu.terms.import_terms_dialog(str(listing), "GPE") == 2
    assert ("الميادين", "GPE") in window.project.suggestions.imported_terms()
    out = tmp_path / "gazetteer.csv"
    assert menu.terms.export_terms_dialog(str(out)) >= 3
    text = out.read_text("utf-8")
    assert "الميادين,GPE" in text and "دير الزور,GPE" in text
    bad = tmp_path / "bad.csv"
    bad.write_text("الميادين,NOPE\n", "utf-8")
    assert menu.terms.import_terms_dialog(str(bad), None) is None
    assert "E132" in window.statusBar().currentMessage()


def test_the_uncertain_first_queue_opens_the_least_sure_document(qtbot, window) -> None:
    from annotator.core.model import DocId

    menu = window.actions.suggestions
    project = window.project
    ids = project.documents.ids()
    project.suggestions.set_uncertainty([(ids[4], 0.9), (ids[2], 0.4)], source="test")
    menu.uncertain_first.setChecked(True)
    assert project.meta.get("suggestions.queue") == "uncertain"
    window.open_document(ids[1])
    window.flow.mark_done_and_next()
    assert window.current_document() == DocId(ids[4])


def test_the_shortcuts_sheet_lists_the_suggestion_keys() -> None:
    from annotator.gui.help import shortcut_rows

    keys = [k for k, _ in shortcut_rows([])]
    for wanted in ("Tab / Shift+Tab", "Ctrl+Shift+A", "Ctrl+Shift+L"):
        assert wanted in keys


@pytest.mark.slow
def test_a_model_trains_in_the_background_while_the_editor_saves_keys(
    qtbot, window, window_path: Path
) -> None:
    from annotator.gui.suggestion_work import MODEL_KEY

    menu = window.actions.suggestions
    menu.models.train_steps = 20
    op = menu.models.train_model()
    assert op is not None and op.isRunning()
    assert menu.models.progress is not None and menu.models.progress.isVisible()
    # The editor keeps taking keys, each in the file at once, while spaCy trains.
    editor = window.editor
    doc = window.current_document()
    view = editor.text_view()
    view.setFocus()
    start = editor.text().index("دير الزور")
    editor.set_selection(start, start + len("دير الزور"))
    QTest.keyClicks(view, "g")
    with Project.open(window_path, readonly=True) as p:
        assert [s.label for s in p.spans.for_document(doc, annotator="sara")] == ["GPE"]
    assert op.isRunning()
    qtbot.waitUntil(lambda: menu.work.training is None, timeout=240000)
    model = Path(window.project.meta.get(MODEL_KEY))
    assert (model / "meta.json").exists() and model.parent.name.endswith(".models")
    # It suggests from now on, beside the gazetteer.
    menu.preparation.suggest_for_document()
    qtbot.waitUntil(lambda: menu.work.filling is None, timeout=60000)
    sources = window.project.suggestions.counts_by_source()
    assert "gazetteer" in sources


@pytest.mark.slow
def test_cancelling_the_training_stops_spacy_and_keeps_no_model(qtbot, window) -> None:
    from annotator.core.training import models_dir
    from annotator.gui.suggestion_work import MODEL_KEY

    menu = window.actions.suggestions
    op = menu.models.train_model()
    assert op is not None
    cancelled = []
    op.cancelled.connect(lambda: cancelled.append(True))
    failed = []
    op.failed.connect(failed.append)
    from PySide6.QtWidgets import QPushButton

    menu.models.progress.findChild(QPushButton).click()  # the dialog's Cancel
    qtbot.waitUntil(lambda: menu.work.training is None, timeout=60000)
    assert cancelled and not failed, failed
    assert window.statusBar().currentMessage() == "Training cancelled."
    assert not window.project.meta.get(MODEL_KEY)
    root = models_dir(window.project.path)
    assert not root.exists() or not any(root.iterdir())


def test_the_review_window_counts_suggestions_per_source(qtbot, window) -> None:
    wait_prepared(qtbot, window)
    doc = next(
        d for d in window.project.documents.ids() if window.project.suggestions.for_document(d)
    )
    window.open_document(doc)
    controls = window.editor.suggestions
    opened = len(controls.suggestions())
    controls.select_next()
    controls.accept()
    review = window.open_review()
    qtbot.addWidget(review)
    review.tabs.setCurrentWidget(review.suggestions_tab)
    table = review.suggestions_tab.table
    cells = [table.item(0, c).text() for c in range(table.columnCount())]
    total_open = window.project.suggestions.count()
    assert cells[:4] == ["gazetteer", str(total_open), "1", "0"]
    controls.reject()  # shown in the review window as it happens
    assert table.item(0, 3).text() == "1"
    assert opened >= 2


def test_retraining_is_due_after_n_newly_done_documents(window) -> None:
    from annotator.gui.suggestion_work import TRAINED_AT_KEY

    work = window.actions.suggestions.work
    assert not work.retrain_due()  # off by default
    work.set_retrain_every(2)
    window.project.meta.set(TRAINED_AT_KEY, "1")  # one done at the last training
    assert not work.retrain_due()
    ids = window.project.documents.ids()
    window.project.apply(SetStatus(ids[1], "sara", Status.DONE))
    assert not work.retrain_due()
    window.project.apply(SetStatus(ids[2], "sara", Status.DONE))
    assert work.retrain_due()
    # Whose spans it learns from: sara's done documents now (she has some).
    assert work.training_data("sara") == ("sara", False)
    assert work.training_data("omar") == ("sara", False)  # whoever finished most


@pytest.mark.slow
def test_marking_the_nth_document_done_starts_a_retraining(qtbot, window) -> None:
    menu = window.actions.suggestions
    work = menu.work
    work.set_retrain_every(1)
    assert work.training is None
    window.flow.mark_done_and_next()  # one newly done document: due
    op = work.training
    assert op is not None and op.isRunning()
    assert menu.models.progress is None  # a quiet retraining: no dialog, the status bar says it
    assert "Training a model" in window.statusBar().currentMessage()
    op.cancel()
    qtbot.waitUntil(lambda: work.training is None, timeout=60000)
