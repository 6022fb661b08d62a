"""The review window: agreement views, adjudication into gold, scores against gold.

Every state change is checked in the project FILE, through a second read-only
connection, after the window acted.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor, QTextOption
from PySide6.QtWidgets import QApplication
from review_window import shown_review

from annotator.core.adjudication import adjudicated_documents, score_against_gold
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import DocId, Status
from annotator.core.review import project_agreement
from annotator.core.samples import SAMPLE_ANNOTATORS, create_sample_project
from annotator.core.store import Project
from annotator.core.tokenizer import snap_to_tokens, token_offsets
from annotator.gui.review import ReviewWindow, agreement_tab, open_review
from annotator.gui.review.heatmap import heat_color
from annotator.gui.review.models import METRICS, VALUE_ROLE

pytestmark = pytest.mark.gui

LEAD = "lead"

# Three short articles: agreed by all, nearly agreed, and disputed (with an emoji
# first, so every Qt position is one UTF-16 unit past its code point).
AGREED = "وصل الوفد إلى القاهرة صباح اليوم."
NEARLY = "قال المتحدث باسم الأمم المتحدة إن عمان ستستضيف المؤتمر."
DISPUTED = "🙂 زار الرئيس دمشق أمس والتقى وزير الخارجية في بيروت."


def _at(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _u16(text: str, offset: int) -> int:
    """Qt position of a code-point offset, computed independently of the app."""
    return len(text[:offset].encode("utf-16-le")) // 2


def _gold(path: Path, doc_id: int) -> list[tuple[str, int, int, str]]:
    """Live gold spans as the FILE has them (a second, read-only connection)."""
    with Project.open(path, readonly=True) as p:
        return sorted((s.label, s.start, s.end, s.annotator) for s in p.gold.for_document(doc_id))


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[tuple[Path, Project]]:
    path = create_sample_project(tmp_path / "s.sqlite")
    project = Project.open(path)
    yield path, project
    project.close()


@pytest.fixture
def trio(tmp_path: Path) -> Iterator[tuple[Path, Project, dict[str, DocId]]]:
    """Three annotators a, b, c on three documents, all marked done."""
    path = tmp_path / "trio.sqlite"
    project = Project.create(path)
    ids: dict[str, DocId] = {}
    for name, text in (("agreed", AGREED), ("nearly", NEARLY), ("disputed", DISPUTED)):
        ids[name] = project.documents.add(text, title=name)[0]
    marks = {
        "agreed": {a: [("القاهرة", "GPE")] for a in "abc"},
        "nearly": {
            "a": [("الأمم المتحدة", "ORG"), ("عمان", "GPE")],
            "b": [("الأمم المتحدة", "ORG"), ("عمان", "GPE")],
            "c": [("الأمم المتحدة", "ORG")],
        },
        "disputed": {
            "a": [("دمشق", "GPE"), ("بيروت", "GPE"), ("الرئيس", "PER"), ("وزير الخارجية", "PER")],
            "b": [("دمشق", "GPE"), ("بيروت", "LOC"), ("الخارجية", "PER")],
            "c": [("دمشق", "GPE"), ("بيروت", "GPE")],
        },
    }
    texts = {"agreed": AGREED, "nearly": NEARLY, "disputed": DISPUTED}
    for doc, by_annotator in marks.items():
        for annotator, spans in by_annotator.items():
            for surface, label in spans:
                start, end = _at(texts[doc], surface)
                project.apply(AddSpan(ids[doc], annotator, label, start, end))
            project.apply(SetStatus(ids[doc], annotator, Status.DONE))
    yield path, project, ids
    project.close()


def _window(qtbot, project: Project) -> ReviewWindow:
    return shown_review(qtbot, project, adjudicator=LEAD)


def _row_index(window: ReviewWindow, kind: str, surface: str | None = None) -> int:
    text = window.project.documents.get(window.current_document()).text
    for i, row in enumerate(window.adjudication_tab.rows()):
        if row.kind == kind and (surface is None or text[row.start : row.end] == surface):
            return i
    raise AssertionError(f"no {kind} row {surface!r}")


# --- agreement ------------------------------------------------------------------------


def test_open_review_computes_agreement_off_the_ui_thread(qtbot, sample, monkeypatch):
    _path, project = sample
    threads: list[threading.Thread] = []
    readers: list[Project] = []

    def spy(p, **kwargs):
        threads.append(threading.current_thread())
        readers.append(p)
        return project_agreement(p, **kwargs)

    monkeypatch.setattr(agreement_tab, "project_agreement", spy)
    window = open_review(project, LEAD)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.agreement_ready, timeout=30_000):
        pass
    assert threads and threads[0] is not threading.main_thread()
    assert readers and readers[0] is not project  # its own read-only connection
    assert readers[0].readonly
    assert window.isVisible()
    assert window.agreement is not None
    assert list(window.agreement.annotators) == sorted(SAMPLE_ANNOTATORS)


def test_agreement_of_an_unchanged_project_is_shown_without_computing(qtbot, sample, monkeypatch):
    path, project = sample
    calls: list[threading.Thread] = []

    def spy(p, **kwargs):
        calls.append(threading.current_thread())
        return project_agreement(p, **kwargs)

    monkeypatch.setattr(agreement_tab, "project_agreement", spy)
    first = _window(qtbot, project)
    assert len(calls) == 1
    first.close()
    # Opened again on the same, unchanged file (another connection, too): no worker.
    with Project.open(path, readonly=True) as again:
        second = _window(qtbot, again)
        assert len(calls) == 1
        assert second.agreement.to_json() == first.agreement.to_json()
        assert second.agreement_tab.heatmap.cell_value(0, 1) == pytest.approx(0.8)
        second.close()
    # Something agreement reads changes: computed again, and it shows the change.
    doc_id = project.documents.ids()[0]
    project.apply(SetStatus(doc_id, SAMPLE_ANNOTATORS[0], Status.IN_PROGRESS))
    third = _window(qtbot, project)
    assert len(calls) == 2
    assert third.agreement is None and "two" in third.agreement_error
    project.apply(SetStatus(doc_id, SAMPLE_ANNOTATORS[0], Status.DONE))
    # Recompute always computes.
    with qtbot.waitSignal(third.agreement_ready, timeout=30_000):
        qtbot.mouseClick(third.agreement_tab.recompute_button, Qt.MouseButton.LeftButton)
    assert len(calls) == 3


def test_heat_map_shows_the_numbers_of_project_agreement(qtbot, sample):
    _path, project = sample
    window = _window(qtbot, project)
    expected = project_agreement(project).to_json()
    heat = window.agreement_tab.heatmap
    names = expected["annotators"]
    assert [heat.row_name(i) for i in range(heat.rows())] == names
    assert [heat.column_name(i) for i in range(heat.columns())] == names
    pairs = {frozenset((p["a"], p["b"])): p for p in expected["entities"]["pairs"]}
    claims = {frozenset((p["a"], p["b"])): p for p in expected["claims"]["pairs"]}
    for metric in METRICS:
        window.agreement_tab.set_metric(metric)
        assert window.agreement_tab.matrix_model.metric() == metric
        for r, a in enumerate(names):
            for c, b in enumerate(names):
                if a == b:
                    assert heat.cell_value(r, c) is None
                    assert heat.cell_text(r, c) == "—"
                    continue
                if metric == "claims_overlap_f1":
                    want = claims[frozenset((a, b))]["overlap_f1"]
                else:
                    want = pairs[frozenset((a, b))][metric]
                assert heat.cell_value(r, c) == pytest.approx(want)
                assert heat.cell_text(r, c) == f"{want:.2f}"
    # The sample annotators disagree: the exact F1 cell is not a trivial 1.
    window.agreement_tab.set_metric("exact_f1")
    assert heat.cell_value(0, 1) == pytest.approx(0.8)

    ents = expected["entities"]
    summary = window.agreement_tab.summary_model
    assert summary.value_of("documents") == expected["documents"]
    for key in ("mean_exact_f1", "pooled_exact_f1", "krippendorff_alpha", "fleiss_kappa"):
        assert summary.value_of(key) == pytest.approx(ents[key])
    assert summary.value_of("claims_alpha") == pytest.approx(
        expected["claims"]["krippendorff_alpha"]
    )
    assert summary.value_of("label") == expected["disagreements"]["total"]["label"]

    per_label = window.agreement_tab.per_label_model
    pair = ents["pairs"][0]
    assert per_label.labels() == ents["labels"]
    for r, label in enumerate(per_label.labels()):
        got = per_label.data(per_label.index(r, 1), VALUE_ROLE)
        assert got == pytest.approx(pair["per_label"][label]["f1"])
        # With one pair, pooling over pairs is that pair's number.
        assert per_label.data(per_label.index(r, 0), VALUE_ROLE) == pytest.approx(got)


def test_heat_map_mirrors_in_right_to_left(qtbot, sample):
    _path, project = sample
    window = _window(qtbot, project)
    heat = window.agreement_tab.heatmap
    heat.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    assert heat.cell_rect(0, 0).x() < heat.cell_rect(0, 1).x()
    assert heat.row_header_rect(0).right() < heat.cell_rect(0, 0).left()
    heat.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert heat.cell_rect(0, 0).x() > heat.cell_rect(0, 1).x()
    assert heat.row_header_rect(0).left() > heat.cell_rect(0, 0).right()
    # Clicking a cell names the same cell whichever the direction.
    assert heat.cell_at(heat.cell_rect(1, 0).center()) == (1, 0)
    with qtbot.waitSignal(heat.cell_clicked) as blocker:
        qtbot.mouseClick(heat, Qt.MouseButton.LeftButton, pos=heat.cell_rect(0, 1).center())
    assert blocker.args == [0, 1]
    # The fill is the colour of the number (offscreen: one pixel per unit).
    window.agreement_tab.set_metric("exact_f1")
    image = heat.grab().toImage()
    assert image.pixelColor(heat.cell_rect(0, 1).topLeft() + QPoint(3, 3)) == heat_color(0.8)
    assert image.pixelColor(heat.cell_rect(0, 0).topLeft() + QPoint(3, 3)) == heat_color(None)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["disputed"])
    adj.select_row(_row_index(window, "label", "بيروت"))
    adj.accept_version("a")
    adj.set_adjudicated(True)
    with qtbot.waitSignal(window.scores_ready, timeout=30_000):
        window.refresh_scores()
    for model in (
        window.agreement_tab.matrix_model,
        window.agreement_tab.per_label_model,
        window.agreement_tab.summary_model,
        adj.docs_model,
        adj.rows_model,
        window.scores_tab.model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    window.agreement_tab.set_metric("cohen_kappa")
    qtmodeltester.check(window.agreement_tab.matrix_model, force_py=True)


def test_documents_are_sorted_by_disagreement(qtbot, trio):
    _path, project, ids = trio
    window = _window(qtbot, project)
    model = window.adjudication_tab.docs_model
    expected = sorted(window.agreement.per_document, key=lambda d: -d.disagreement)
    assert [model.doc_id_at(r) for r in range(model.rowCount())] == [d.doc_id for d in expected]
    column = model.COLUMNS.index("Disagreement")
    shown = [model.data(model.index(r, column), VALUE_ROLE) for r in range(model.rowCount())]
    assert shown == sorted(shown, reverse=True)
    # Hand-checked: the disputed article first, the agreed one last (no disagreement).
    assert model.doc_id_at(0) == ids["disputed"]
    assert model.doc_id_at(model.rowCount() - 1) == ids["agreed"]
    assert shown[-1] == 0
    assert model.data(model.index(0, 0)) == "disputed"
    # The most disputed document is opened first.
    assert window.current_document() == ids["disputed"]


def test_gold_text_is_right_to_left_in_the_bundled_font(qtbot, sample):
    _path, project = sample
    window = _window(qtbot, project)
    option = window.adjudication_tab.gold_view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert option.alignment() & Qt.AlignmentFlag.AlignAbsolute
    assert option.wrapMode() != QTextOption.WrapMode.NoWrap
    assert "Naskh" in window.adjudication_tab.gold_view.font().family()


# --- adjudication ----------------------------------------------------------------------


def test_accepting_annotator_two_writes_exactly_that_version(qtbot, sample):
    path, project = sample
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    doc_id = window.current_document()
    assert doc_id is not None
    names = adj.annotators()
    assert names == sorted(SAMPLE_ANNOTATORS)
    i = _row_index(window, "both", "الجيش العراقي")
    row = adj.rows()[i]
    adj.select_row(i)
    # The disputed characters are marked in the gold text, on the row's characters.
    marked = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in adj.gold_view.extraSelections()
        if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline
    ]
    text = project.documents.get(doc_id).text
    assert marked == [(_u16(text, a), _u16(text, b)) for a, b in row.disputed]
    assert adj.panel.versions.lines.keys() == {*names, "gold"}

    qtbot.keyClick(adj.panel.rows_view, "2")

    second = names[1]
    want = sorted((s.label, s.start, s.end, LEAD) for s in row.versions[second])
    assert want == [("ORG", row.start, row.end, LEAD)]  # sara's ORG over «الجيش العراقي»
    assert _gold(path, doc_id) == want
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        attrs = conn.execute("SELECT attrs FROM gold_spans WHERE deleted IS NULL").fetchall()
    assert attrs == [(f'{{"from": "{second}"}}',)]
    # The view shows what the file says, and the selection moved to the next row.
    assert adj.rows_model.data(adj.rows_model.index(i, 4)) == f"ORG {row.start}–{row.end}"
    assert adj.selected_row() == adj.rows()[i + 1]


def test_accepting_another_version_replaces_the_row_in_gold(qtbot, sample):
    path, project = sample
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    doc_id = window.current_document()
    i = _row_index(window, "both", "الجيش العراقي")
    row = adj.rows()[i]
    adj.select_row(i)
    adj.accept_version(2)
    adj.select_row(i)
    adj.accept_version(1)
    first = adj.annotators()[0]
    assert _gold(path, doc_id) == sorted(
        (s.label, s.start, s.end, LEAD) for s in row.versions[first]
    )


def test_accept_majority_for_the_whole_document(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    qtbot.mouseClick(
        window.adjudication_tab.panel.accept_majority_button, Qt.MouseButton.LeftButton
    )
    # دمشق: all three; بيروت: a and c say GPE; الرئيس: only a (majority: nothing);
    # وزير الخارجية: three different versions, no majority, left alone.
    want = sorted([("GPE", *_at(DISPUTED, "دمشق"), LEAD), ("GPE", *_at(DISPUTED, "بيروت"), LEAD)])
    assert _gold(path, ids["disputed"]) == want
    assert "left without a majority" in window.statusBar().currentMessage()


def test_reject_row_leaves_no_gold_there(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["disputed"])
    i = _row_index(window, "label", "بيروت")
    adj.select_row(i)
    # Arabic-Indic 1 (what the digit row types in an Arabic layout): annotator a.
    # QTest only types Latin-1, so the event is built by hand.
    event = QKeyEvent(QEvent.Type.KeyPress, 0x661, Qt.KeyboardModifier.NoModifier, "١")
    QApplication.sendEvent(adj.panel.rows_view, event)
    assert _gold(path, ids["disputed"]) == [("GPE", *_at(DISPUTED, "بيروت"), LEAD)]
    adj.select_row(i)
    qtbot.keyClick(adj.panel.rows_view, "0")
    assert _gold(path, ids["disputed"]) == []
    # Undo brings the accepted version back, in the file.
    window.undo_stack.undo()
    assert _gold(path, ids["disputed"]) == [("GPE", *_at(DISPUTED, "بيروت"), LEAD)]
    window.undo_stack.undo()
    assert _gold(path, ids["disputed"]) == []
    window.undo_stack.redo()
    assert _gold(path, ids["disputed"]) == [("GPE", *_at(DISPUTED, "بيروت"), LEAD)]


def test_gold_edit_by_label_key_and_undo(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["disputed"])
    start, end = _at(DISPUTED, "وزير الخارجية")
    cursor = adj.gold_view.textCursor()
    # A selection a space wider on each side: the gold span keeps only the words.
    cursor.setPosition(_u16(DISPUTED, start - 1))
    cursor.setPosition(_u16(DISPUTED, end + 1), QTextCursor.MoveMode.KeepAnchor)
    adj.gold_view.setTextCursor(cursor)
    qtbot.keyClick(adj.gold_view, "p")  # PER's letter
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]
    assert [(s.label, s.start, s.end) for s in adj.gold_spans()] == [("PER", start, end)]

    window.activateWindow()
    adj.gold_view.setFocus()
    qtbot.keyClick(adj.gold_view, "z", Qt.KeyboardModifier.ControlModifier)  # Undo
    assert _gold(path, ids["disputed"]) == []
    assert adj.gold_spans() == []
    window.undo_stack.redo()
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]

    # Digit keys pick labels in palette order: 5 is GPE.
    d0, d1 = _at(DISPUTED, "دمشق")
    cursor.setPosition(_u16(DISPUTED, d0))
    cursor.setPosition(_u16(DISPUTED, d1), QTextCursor.MoveMode.KeepAnchor)
    adj.gold_view.setTextCursor(cursor)
    qtbot.keyClick(adj.gold_view, "5")
    assert _gold(path, ids["disputed"]) == sorted(
        [("PER", start, end, LEAD), ("GPE", d0, d1, LEAD)]
    )

    # Click inside the PER span, then Delete removes it (and only it).
    cursor = adj.gold_view.textCursor()
    cursor.setPosition(_u16(DISPUTED, start + 2))
    adj.gold_view.setTextCursor(cursor)
    qtbot.keyClick(adj.gold_view, Qt.Key.Key_Delete)
    assert _gold(path, ids["disputed"]) == [("GPE", d0, d1, LEAD)]
    window.undo_stack.undo()
    assert _gold(path, ids["disputed"]) == sorted(
        [("PER", start, end, LEAD), ("GPE", d0, d1, LEAD)]
    )


def test_gold_marking_snaps_to_tokens_like_the_editor(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["disputed"])
    start, end = _at(DISPUTED, "وزير الخارجية")
    # A sloppy drag from inside وزير to inside الخارجية: both whole words.
    cursor = adj.gold_view.textCursor()
    cursor.setPosition(_u16(DISPUTED, start + 2))
    cursor.setPosition(_u16(DISPUTED, end - 3), QTextCursor.MoveMode.KeepAnchor)
    adj.gold_view.setTextCursor(cursor)
    tokens = token_offsets(DISPUTED)
    assert snap_to_tokens(tokens, start + 2, end - 3) == (start, end)
    assert adj.gold_view.selection() == (start, end)
    qtbot.keyClick(adj.gold_view, "p")
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]
    # Only spaces selected: nothing to label, nothing written.
    space = DISPUTED.index(" ", end)
    cursor.setPosition(_u16(DISPUTED, space))
    cursor.setPosition(_u16(DISPUTED, space + 1), QTextCursor.MoveMode.KeepAnchor)
    adj.gold_view.setTextCursor(cursor)
    assert not adj.apply_gold_label("GPE")
    assert "only spaces" in window.statusBar().currentMessage()
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]


def test_overlapping_gold_edit_is_refused_with_a_message(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["disputed"])
    start, end = _at(DISPUTED, "وزير الخارجية")
    cursor = adj.gold_view.textCursor()
    cursor.setPosition(_u16(DISPUTED, start))
    cursor.setPosition(_u16(DISPUTED, end), QTextCursor.MoveMode.KeepAnchor)
    adj.gold_view.setTextCursor(cursor)
    assert adj.apply_gold_label("PER")
    # Crossing the PER (inside it would be a nested entity, which is allowed).
    inner = _at(DISPUTED, "الخارجية في")
    cursor.setPosition(_u16(DISPUTED, inner[0]))
    cursor.setPosition(_u16(DISPUTED, inner[1]), QTextCursor.MoveMode.KeepAnchor)
    adj.gold_view.setTextCursor(cursor)
    assert not adj.apply_gold_label("ORG")
    assert "overlaps" in window.statusBar().currentMessage()
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]
    assert window.undo_stack.count() == 1
    # A label the project does not have: the core's error, with its code.
    assert not adj.apply_gold_label("NOPE")
    message = window.statusBar().currentMessage()
    assert "NOPE" in message and message.startswith("[E")
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]
    assert window.undo_stack.count() == 1


def test_mark_adjudicated(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["nearly"])
    adj.panel.adjudicated_box.setChecked(True)
    with Project.open(path, readonly=True) as p:
        assert adjudicated_documents(p) == [ids["nearly"]]
    model = adj.docs_model
    column = model.COLUMNS.index("Adjudicated")
    row = model.row_of(ids["nearly"])
    assert model.data(model.index(row, column)) == "✓"
    assert model.data(model.index(model.row_of(ids["agreed"]), column)) == ""
    adj.panel.adjudicated_box.setChecked(False)
    with Project.open(path, readonly=True) as p:
        assert adjudicated_documents(p) == []
    assert model.data(model.index(row, column)) == ""


def test_marking_adjudicated_is_undone_like_any_edit(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["nearly"])
    adj.panel.adjudicated_box.setChecked(True)
    window.undo_stack.undo()
    with Project.open(path, readonly=True) as p:
        assert adjudicated_documents(p) == []
    assert not adj.panel.adjudicated_box.isChecked()
    model = adj.docs_model
    column = model.COLUMNS.index("Adjudicated")
    assert model.data(model.index(model.row_of(ids["nearly"]), column)) == ""
    window.undo_stack.redo()
    with Project.open(path, readonly=True) as p:
        assert adjudicated_documents(p) == [ids["nearly"]]
    assert adj.panel.adjudicated_box.isChecked()


def test_scores_tab_equals_score_against_gold(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    adj = window.adjudication_tab
    window.open_document(ids["disputed"])
    adj.accept_majority()
    adj.set_adjudicated(True)
    window.open_document(ids["nearly"])
    adj.accept_majority()  # الأمم المتحدة (all three) and عمان (a and b)
    adj.select_row(_row_index(window, "missing", "عمان"))
    adj.accept_version("c")  # c has nothing there: no gold span
    with Project.open(path, readonly=True) as p:
        assert [(s.label, s.start, s.end) for s in p.gold.for_document(ids["nearly"])] == [
            ("ORG", *_at(NEARLY, "الأمم المتحدة"))
        ]
    adj.set_adjudicated(True)
    with qtbot.waitSignal(window.scores_ready, timeout=30_000):
        window.tabs.setCurrentWidget(window.scores_tab)
    with Project.open(path, readonly=True) as p:
        expected = score_against_gold(p).to_json()
    model = window.scores_tab.model
    assert sorted(model.annotators()) == ["a", "b", "c"]
    pairs = {
        p["a"] if p["b"] == "gold" else p["b"]: p
        for p in expected["entities"]["pairs"]
        if "gold" in (p["a"], p["b"])
    }
    claims = {
        p["a"] if p["b"] == "gold" else p["b"]: p
        for p in expected["claims"]["pairs"]
        if "gold" in (p["a"], p["b"])
    }
    for name in "abc":
        assert model.value(name, "Exact F1") == pytest.approx(pairs[name]["exact_f1"])
        assert model.value(name, "Overlap F1") == pytest.approx(pairs[name]["overlap_f1"])
        assert model.value(name, "Cohen's κ") == pytest.approx(pairs[name]["cohen_kappa"])
        assert model.value(name, "Documents") == pairs[name]["documents"] == 2
        assert model.value(name, "Claims overlap F1") == pytest.approx(claims[name]["overlap_f1"])
    # Hand-checked: gold is دمشق, بيروت (GPE) and الأمم المتحدة; c marked exactly those.
    assert model.value("c", "Exact F1") == pytest.approx(1.0)
    assert model.value("b", "Exact F1") < 1.0


def test_scores_without_adjudicated_documents_say_so(qtbot, trio):
    _path, project, _ids = trio
    window = _window(qtbot, project)
    with qtbot.waitSignal(window.scores_ready, timeout=30_000):
        window.refresh_scores()
    assert window.scores is None
    assert "adjudicated" in window.scores_error
    assert window.scores_tab.model.rowCount() == 0


def test_agreement_can_be_cancelled(qtbot, sample, monkeypatch):
    _path, project = sample
    started = threading.Event()

    def slow(p, *, progress=None, **kwargs):
        started.set()
        for step in range(10_000):
            progress(step, 10_000)
            threading.Event().wait(0.001)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(agreement_tab, "project_agreement", slow)
    window = ReviewWindow(project, adjudicator=LEAD)
    qtbot.addWidget(window)
    assert started.wait(10)
    tab = window.agreement_tab
    # Progress and Cancel are in the status bar, seen from every tab.
    assert tab.progress_bar.parent() is window.statusBar()
    qtbot.waitUntil(lambda: tab.progress_bar.maximum() == 10_000)
    assert not tab.cancel_button.isHidden()
    with qtbot.waitSignal(window.agreement_failed, timeout=10_000) as blocker:
        qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["cancelled"]
    assert tab.progress_bar.isHidden()
    assert window.agreement is None
    assert "cancelled" in window.agreement_tab.status.text()
    assert window.agreement_tab.recompute_button.isEnabled()


def test_no_agreement_is_explained(qtbot, tmp_path):
    path = tmp_path / "one.sqlite"
    with Project.create(path) as project:
        doc_id, _ = project.documents.add(AGREED)
        project.apply(AddSpan(doc_id, "a", "GPE", *_at(AGREED, "القاهرة")))
        project.apply(SetStatus(doc_id, "a", Status.DONE))
    project = Project.open(path)
    try:
        window = _window(qtbot, project)
        assert window.agreement is None
        assert "two annotators" in window.agreement_error
        assert window.adjudication_tab.docs_model.rowCount() == 0
        assert window.agreement_tab.heatmap.rows() == 0
    finally:
        project.close()


def test_read_only_project_cannot_be_adjudicated(qtbot, sample):
    path, project = sample
    project.close()
    readonly = Project.open(path, readonly=True)
    try:
        window = _window(qtbot, readonly)
        window.adjudication_tab.select_row(_row_index(window, "both", "الجيش العراقي"))
        assert not window.adjudication_tab.accept_version(1)
        assert "read-only" in window.statusBar().currentMessage()
    finally:
        readonly.close()
    assert _gold(path, 1) == []


def test_agreement_can_be_narrowed_to_labels_and_annotators(qtbot, trio):
    _path, project, _docs = trio
    window = _window(qtbot, project)
    names = list(window.agreement.annotators)
    chosen = names[:2]
    label = project.labels.list()[0].name
    window.agreement_tab.annotators_filter.setText(", ".join(chosen))
    window.agreement_tab.labels_filter.setText(label)
    with qtbot.waitSignal(window.agreement_ready, timeout=30_000) as blocker:
        window.refresh_agreement()
    shown = blocker.args[0].to_json()
    expected = project_agreement(project, annotators=chosen, labels=[label]).to_json()
    assert shown == expected
    assert shown["annotators"] == chosen != names
    # An unknown name is explained, not computed.
    window.agreement_tab.labels_filter.setText("NOPE")
    with qtbot.waitSignal(window.agreement_failed, timeout=30_000) as failed:
        window.refresh_agreement()
    assert "NOPE" in failed.args[0]
