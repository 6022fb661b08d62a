"""Others' spans (and gold) beside one's own, the sample's work on first start, nested entities."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from test_editor import caret_point, drag, key, stored

from annotator.core.edits import AddSpan
from annotator.core.store import Project


def _word(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


def test_the_toggle_shows_others_and_gold_read_only(qtbot, main_window, window_path: Path) -> None:
    window = main_window
    doc = window.current_document()
    text = window.editor.text()
    s1, e1 = _word(text, "البوكمال")
    s2, e2 = _word(text, "داعش")
    project = window.project
    project.apply(AddSpan(doc, "omar", "GPE", s1, e1))
    project.apply(AddSpan(doc, "lead", "ORG", s2, e2, gold=True))
    window.editor.open_document(doc)  # as after switching documents
    assert window.editor.others_spans() == []
    window.actions.show_others.trigger()
    shown = {(s.annotator, s.label, s.start, s.end) for s in window.editor.others_spans()}
    assert shown == {("omar", "GPE", s1, e1), ("gold", "ORG", s2, e2)}
    # Read-only: a label key on omar's span selects nothing of his and changes nothing.
    view = window.editor.text_view()
    point = (caret_point(window.editor, s1 + 2) + caret_point(window.editor, s1 + 3)) / 2
    assert "omar" in view.tooltip_for(point) and "read-only" in view.tooltip_for(point)
    window.editor.select_span("")
    key(window.editor, "l")
    with Project.open(window_path, readonly=True) as p:
        assert [(s.annotator, s.label) for s in p.spans.for_document(doc)] == [("omar", "GPE")]
    assert stored(window_path, doc, "sara") == []
    # Painted: dashed lines in omar's label colour under the word.
    image = view.viewport().grab().toImage()
    rect = view.span_rects(s1, e1)[0].toRect()
    assert _has_colour_in(image, rect, QColor(window.editor.label("GPE").color).darker(160))
    window.actions.show_others.trigger()
    assert window.editor.others_spans() == []


def _has_colour_in(image: QImage, rect, colour: QColor, tolerance: int = 60) -> bool:
    for x in range(rect.left(), rect.right()):
        for y in range(rect.top(), rect.bottom() + 1):
            c = image.pixelColor(x, y)
            if (
                abs(c.red() - colour.red())
                + abs(c.green() - colour.green())
                + abs(c.blue() - colour.blue())
                <= tolerance
            ):
                return True
    return False


def test_first_start_on_the_sample_shows_the_sample_annotators_work(qtbot, tmp_path: Path) -> None:
    from annotator.core.samples import create_sample_project
    from annotator.gui.app import open_main_window
    from annotator.gui.settings import Settings

    path = tmp_path / "sample.sqlite"
    create_sample_project(path)
    with Project.open(path, readonly=True) as p:
        sample_annotators = set(p.spans.annotators())
    settings = Settings.load()
    window = open_main_window(
        path, annotator="newcomer", doc=None, language="en", settings=settings, interactive=False
    )
    assert window is not None
    qtbot.addWidget(window)
    assert window.actions.show_others.isChecked()
    shown = {s.annotator for s in window.editor.others_spans()}
    assert shown and shown <= sample_annotators | {"gold"}
    assert "Showing the spans of" in window.statusBar().currentMessage()
    window.close()


def test_a_nested_entity_is_framed_inside_its_outer_one(seed_editor, seed_text: str) -> None:
    editor, _ = seed_editor
    start, end = _word(seed_text, "مدينة البوكمال")
    drag(editor, start, end)
    key(editor, "o")  # ORG over both words
    inner = seed_text.index("البوكمال", start)
    drag(editor, inner + 1, inner + 3)
    key(editor, "g")  # GPE inside it
    assert sorted((s.label, s.start, s.end) for s in editor.spans()) == [
        ("GPE", inner, end),
        ("ORG", start, end),
    ]
    editor.select_span("")
    view = editor.text_view()
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    inner_rect = view.span_rects(inner, end)[0].toRect()
    gpe = QColor(editor.label("GPE").color)
    # The inner one keeps its own colour over the outer one's, inside a darker frame.
    middle = inner_rect.center()
    assert _has_colour_in(image, inner_rect.adjusted(4, 4, -4, -4), gpe, tolerance=12)
    frame = gpe.darker(200)
    top_row = inner_rect.top() + 2
    framed = sum(
        _close(image.pixelColor(x, y), frame, 30)
        for x in range(inner_rect.left(), inner_rect.right())
        for y in (top_row, top_row + 1)
    )
    assert framed > inner_rect.width() // 2
    assert middle.y() > 0


def _close(a: QColor, b: QColor, tolerance: int) -> bool:
    return (
        abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance
    )
