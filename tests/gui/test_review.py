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
from PySide6.QtWidgets import QApplication, QPushButton

from annotator.core.adjudication import adjudicated_documents, score_against_gold
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import DocId, Status
from annotator.core.review import project_agreement
from annotator.core.samples import SAMPLE_ANNOTATORS, create_sample_project
from annotator.core.store import Project
from annotator.gui import review as review_module
from annotator.gui.heatmap import heat_color
from annotator.gui.review import ReviewWindow, open_review
from annotator.gui.review_models import METRICS, VALUE_ROLE

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
    window = ReviewWindow(project, adjudicator=LEAD)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: (
            not window.is_busy()
            and (window.agreement is not None or window.agreement_error is not None)
        ),
        timeout=30_000,
    )
    return window


def _row_index(window: ReviewWindow, kind: str, surface: str | None = None) -> int:
    text = window.project.documents.get(window.current_document()).text
    for i, row in enumerate(window.rows()):
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

    monkeypatch.setattr(review_module, "project_agreement", spy)
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


def test_heat_map_shows_the_numbers_of_project_agreement(qtbot, sample):
    _path, project = sample
    window = _window(qtbot, project)
    expected = project_agreement(project).to_json()
    heat = window.heatmap
    names = expected["annotators"]
    assert [heat.row_name(i) for i in range(heat.rows())] == names
    assert [heat.column_name(i) for i in range(heat.columns())] == names
    pairs = {frozenset((p["a"], p["b"])): p for p in expected["entities"]["pairs"]}
    claims = {frozenset((p["a"], p["b"])): p for p in expected["claims"]["pairs"]}
    for metric in METRICS:
        window.set_metric(metric)
        assert window.matrix_model.metric() == metric
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
    window.set_metric("exact_f1")
    assert heat.cell_value(0, 1) == pytest.approx(0.8)

    ents = expected["entities"]
    summary = window.summary_model
    assert summary.value_of("documents") == expected["documents"]
    for key in ("mean_exact_f1", "pooled_exact_f1", "krippendorff_alpha", "fleiss_kappa"):
        assert summary.value_of(key) == pytest.approx(ents[key])
    assert summary.value_of("claims_alpha") == pytest.approx(
        expected["claims"]["krippendorff_alpha"]
    )
    assert summary.value_of("label") == expected["disagreements"]["total"]["label"]

    per_label = window.per_label_model
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
    heat = window.heatmap
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
    window.set_metric("exact_f1")
    image = heat.grab().toImage()
    assert image.pixelColor(heat.cell_rect(0, 1).topLeft() + QPoint(3, 3)) == heat_color(0.8)
    assert image.pixelColor(heat.cell_rect(0, 0).topLeft() + QPoint(3, 3)) == heat_color(None)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    window.select_row(_row_index(window, "label", "بيروت"))
    window.accept_version("a")
    window.set_adjudicated(True)
    with qtbot.waitSignal(window.scores_ready, timeout=30_000):
        window.refresh_scores()
    for model in (
        window.matrix_model,
        window.per_label_model,
        window.summary_model,
        window.docs_model,
        window.rows_model,
        window.scores_model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
    window.set_metric("cohen_kappa")
    qtmodeltester.check(window.matrix_model, force_py=True)


def test_documents_are_sorted_by_disagreement(qtbot, trio):
    _path, project, ids = trio
    window = _window(qtbot, project)
    model = window.docs_model
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
    option = window.gold_view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    assert option.alignment() & Qt.AlignmentFlag.AlignAbsolute
    assert option.wrapMode() != QTextOption.WrapMode.NoWrap
    assert "Naskh" in window.gold_view.font().family()


# --- adjudication ----------------------------------------------------------------------


def test_accepting_annotator_two_writes_exactly_that_version(qtbot, sample):
    path, project = sample
    window = _window(qtbot, project)
    doc_id = window.current_document()
    assert doc_id is not None
    names = window.annotators()
    assert names == sorted(SAMPLE_ANNOTATORS)
    i = _row_index(window, "both", "الجيش العراقي")
    row = window.rows()[i]
    window.select_row(i)
    # The disputed characters are marked in the gold text, on the row's characters.
    marked = [
        (s.cursor.selectionStart(), s.cursor.selectionEnd())
        for s in window.gold_view.extraSelections()
        if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline
    ]
    text = project.documents.get(doc_id).text
    assert marked == [(_u16(text, a), _u16(text, b)) for a, b in row.disputed]
    assert window.versions.lines.keys() == {*names, "gold"}

    qtbot.keyClick(window.rows_view, "2")

    second = names[1]
    want = sorted((s.label, s.start, s.end, LEAD) for s in row.versions[second])
    assert want == [("ORG", row.start, row.end, LEAD)]  # sara's ORG over «الجيش العراقي»
    assert _gold(path, doc_id) == want
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        attrs = conn.execute("SELECT attrs FROM gold_spans WHERE deleted IS NULL").fetchall()
    assert attrs == [(f'{{"from": "{second}"}}',)]
    # The view shows what the file says, and the selection moved to the next row.
    assert window.rows_model.data(window.rows_model.index(i, 4)) == f"ORG {row.start}–{row.end}"
    assert window.selected_row() == window.rows()[i + 1]


def test_accepting_another_version_replaces_the_row_in_gold(qtbot, sample):
    path, project = sample
    window = _window(qtbot, project)
    doc_id = window.current_document()
    i = _row_index(window, "both", "الجيش العراقي")
    row = window.rows()[i]
    window.select_row(i)
    window.accept_version(2)
    window.select_row(i)
    window.accept_version(1)
    first = window.annotators()[0]
    assert _gold(path, doc_id) == sorted(
        (s.label, s.start, s.end, LEAD) for s in row.versions[first]
    )


def test_accept_majority_for_the_whole_document(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    qtbot.mouseClick(window.accept_majority_button, Qt.MouseButton.LeftButton)
    # دمشق: all three; بيروت: a and c say GPE; الرئيس: only a (majority: nothing);
    # وزير الخارجية: three different versions, no majority, left alone.
    want = sorted([("GPE", *_at(DISPUTED, "دمشق"), LEAD), ("GPE", *_at(DISPUTED, "بيروت"), LEAD)])
    assert _gold(path, ids["disputed"]) == want
    assert "left without a majority" in window.statusBar().currentMessage()


def test_reject_row_leaves_no_gold_there(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    i = _row_index(window, "label", "بيروت")
    window.select_row(i)
    # Arabic-Indic 1 (what the digit row types in an Arabic layout): annotator a.
    # QTest only types Latin-1, so the event is built by hand.
    event = QKeyEvent(QEvent.Type.KeyPress, 0x661, Qt.KeyboardModifier.NoModifier, "١")
    QApplication.sendEvent(window.rows_view, event)
    assert _gold(path, ids["disputed"]) == [("GPE", *_at(DISPUTED, "بيروت"), LEAD)]
    window.select_row(i)
    qtbot.keyClick(window.rows_view, "0")
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
    window.open_document(ids["disputed"])
    start, end = _at(DISPUTED, "وزير الخارجية")
    cursor = window.gold_view.textCursor()
    # A selection a space wider on each side: the gold span keeps only the words.
    cursor.setPosition(_u16(DISPUTED, start - 1))
    cursor.setPosition(_u16(DISPUTED, end + 1), QTextCursor.MoveMode.KeepAnchor)
    window.gold_view.setTextCursor(cursor)
    qtbot.keyClick(window.gold_view, "p")  # PER's letter
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]
    assert [(s.label, s.start, s.end) for s in window.gold_spans()] == [("PER", start, end)]

    window.activateWindow()
    window.gold_view.setFocus()
    qtbot.keyClick(window.gold_view, "z", Qt.KeyboardModifier.ControlModifier)  # Undo
    assert _gold(path, ids["disputed"]) == []
    assert window.gold_spans() == []
    window.undo_stack.redo()
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]

    # Digit keys pick labels in palette order: 5 is GPE.
    d0, d1 = _at(DISPUTED, "دمشق")
    cursor.setPosition(_u16(DISPUTED, d0))
    cursor.setPosition(_u16(DISPUTED, d1), QTextCursor.MoveMode.KeepAnchor)
    window.gold_view.setTextCursor(cursor)
    qtbot.keyClick(window.gold_view, "5")
    assert _gold(path, ids["disputed"]) == sorted(
        [("PER", start, end, LEAD), ("GPE", d0, d1, LEAD)]
    )

    # Click inside the PER span, then Delete removes it (and only it).
    cursor = window.gold_view.textCursor()
    cursor.setPosition(_u16(DISPUTED, start + 2))
    window.gold_view.setTextCursor(cursor)
    qtbot.keyClick(window.gold_view, Qt.Key.Key_Delete)
    assert _gold(path, ids["disputed"]) == [("GPE", d0, d1, LEAD)]
    window.undo_stack.undo()
    assert _gold(path, ids["disputed"]) == sorted(
        [("PER", start, end, LEAD), ("GPE", d0, d1, LEAD)]
    )


def test_overlapping_gold_edit_is_refused_with_a_message(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    start, end = _at(DISPUTED, "وزير الخارجية")
    cursor = window.gold_view.textCursor()
    cursor.setPosition(_u16(DISPUTED, start))
    cursor.setPosition(_u16(DISPUTED, end), QTextCursor.MoveMode.KeepAnchor)
    window.gold_view.setTextCursor(cursor)
    assert window.apply_gold_label("PER")
    # Crossing the PER (inside it would be a nested entity, which is allowed).
    inner = _at(DISPUTED, "الخارجية في")
    cursor.setPosition(_u16(DISPUTED, inner[0]))
    cursor.setPosition(_u16(DISPUTED, inner[1]), QTextCursor.MoveMode.KeepAnchor)
    window.gold_view.setTextCursor(cursor)
    assert not window.apply_gold_label("ORG")
    assert "overlaps" in window.statusBar().currentMessage()
    assert _gold(path, ids["disputed"]) == [("PER", start, end, LEAD)]
    assert window.undo_stack.count() == 1


def test_mark_adjudicated(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["nearly"])
    window.adjudicated_box.setChecked(True)
    with Project.open(path, readonly=True) as p:
        assert adjudicated_documents(p) == [ids["nearly"]]
    model = window.docs_model
    column = model.COLUMNS.index("Adjudicated")
    row = model.row_of(ids["nearly"])
    assert model.data(model.index(row, column)) == "✓"
    assert model.data(model.index(model.row_of(ids["agreed"]), column)) == ""
    window.adjudicated_box.setChecked(False)
    with Project.open(path, readonly=True) as p:
        assert adjudicated_documents(p) == []
    assert model.data(model.index(row, column)) == ""


def test_scores_tab_equals_score_against_gold(qtbot, trio):
    path, project, ids = trio
    window = _window(qtbot, project)
    window.open_document(ids["disputed"])
    window.accept_majority()
    window.set_adjudicated(True)
    window.open_document(ids["nearly"])
    window.accept_majority()  # الأمم المتحدة (all three) and عمان (a and b)
    window.select_row(_row_index(window, "missing", "عمان"))
    window.accept_version("c")  # c has nothing there: no gold span
    with Project.open(path, readonly=True) as p:
        assert [(s.label, s.start, s.end) for s in p.gold.for_document(ids["nearly"])] == [
            ("ORG", *_at(NEARLY, "الأمم المتحدة"))
        ]
    window.set_adjudicated(True)
    with qtbot.waitSignal(window.scores_ready, timeout=30_000):
        window.tabs.setCurrentWidget(window.scores_tab)
    with Project.open(path, readonly=True) as p:
        expected = score_against_gold(p).to_json()
    model = window.scores_model
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
    assert window.scores_model.rowCount() == 0


def test_agreement_can_be_cancelled(qtbot, sample, monkeypatch):
    _path, project = sample
    started = threading.Event()

    def slow(p, *, progress=None, **kwargs):
        started.set()
        for step in range(10_000):
            progress(step, 10_000)
            threading.Event().wait(0.001)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(review_module, "project_agreement", slow)
    window = ReviewWindow(project, adjudicator=LEAD)
    qtbot.addWidget(window)
    assert started.wait(10)
    qtbot.waitUntil(
        lambda: window.progress_dialog is not None and window.progress_dialog.maximum() == 10_000
    )
    with qtbot.waitSignal(window.agreement_failed, timeout=10_000) as blocker:
        window.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel
    assert blocker.args == ["cancelled"]
    assert window.agreement is None
    assert "cancelled" in window.agreement_status.text()
    assert window.recompute_button.isEnabled()


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
        assert window.docs_model.rowCount() == 0
        assert window.heatmap.rows() == 0
    finally:
        project.close()


def test_read_only_project_cannot_be_adjudicated(qtbot, sample):
    path, project = sample
    project.close()
    readonly = Project.open(path, readonly=True)
    try:
        window = _window(qtbot, readonly)
        window.select_row(_row_index(window, "both", "الجيش العراقي"))
        assert not window.accept_version(1)
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
    window.annotators_filter.setText(", ".join(chosen))
    window.labels_filter.setText(label)
    with qtbot.waitSignal(window.agreement_ready, timeout=30_000) as blocker:
        window.refresh_agreement()
    shown = blocker.args[0].to_json()
    expected = project_agreement(project, annotators=chosen, labels=[label]).to_json()
    assert shown == expected
    assert shown["annotators"] == chosen != names
    # An unknown name is explained, not computed.
    window.labels_filter.setText("NOPE")
    with qtbot.waitSignal(window.agreement_failed, timeout=30_000) as failed:
        window.refresh_agreement()
    assert "NOPE" in failed.args[0]
