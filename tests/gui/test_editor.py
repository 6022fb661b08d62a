"""The annotation editor, driven like a user drives it; every check reads the project FILE."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.model import DocId, Span, SpanId
from annotator.core.store import Project
from annotator.gui.editor import AnnotationEditor
from annotator.gui.offsets import OffsetMap
from annotator.gui.ops import ProjectSession

ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


# --- helpers -------------------------------------------------------------------


def stored_spans(path: Path, doc_id: int, annotator: str = "ali") -> list[Span]:
    """The live spans as the project FILE has them, through a second, read-only connection."""
    with Project.open(path, readonly=True) as p:
        return p.spans.for_document(doc_id, annotator=annotator)


def stored(path: Path, doc_id: int, annotator: str = "ali") -> list[tuple[str, int, int]]:
    return [(s.label, s.start, s.end) for s in stored_spans(path, doc_id, annotator)]


def caret_point(editor: AnnotationEditor, offset: int) -> QPoint:
    """Viewport point of the caret before code point ``offset``, scrolled into view."""
    view = editor.text_view()
    pos = OffsetMap(editor.text()).to_utf16(offset)
    cursor = QTextCursor(view.document())
    cursor.setPosition(pos)
    rect = view.cursorRect(cursor)
    if not view.viewport().rect().contains(rect.center()):
        keep = view.textCursor()
        view.setTextCursor(cursor)
        view.centerCursor()
        view.setTextCursor(keep)
        rect = view.cursorRect(cursor)
    # Qt draws an RTL caret a pixel or two off its hit-test boundary: take the
    # nearest point that Qt itself maps back to this position, as a careful user would.
    center = rect.center()
    for dx in sorted(range(-8, 9), key=abs):
        point = QPoint(center.x() + dx, center.y())
        if view.cursorForPosition(point).position() == pos:
            return point
    return center


def drag(editor: AnnotationEditor, start: int, end: int, modifiers=NONE) -> None:
    """Press at the caret before ``start``, move, release at the caret before ``end``."""
    viewport = editor.text_view().viewport()
    a = caret_point(editor, start)
    b = caret_point(editor, end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, a)
    QTest.mouseMove(viewport, (a + b) / 2)
    QTest.mouseMove(viewport, b)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, b)


def click(editor: AnnotationEditor, offset: int) -> None:
    """Click in the middle of the character at ``offset``."""
    viewport = editor.text_view().viewport()
    a, b = caret_point(editor, offset), caret_point(editor, offset + 1)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, NONE, (a + b) / 2)


def key(editor: AnnotationEditor, text: str) -> None:
    view = editor.text_view()
    for char in text:
        if char.isascii():
            QTest.keyClicks(view, char)
        else:  # QTest maps only ASCII to keys; an Arabic layout sends the character
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(view, QKeyEvent(kind, 0, NONE, char))


def nth(text: str, word: str, n: int = 0) -> int:
    i = -1
    for _ in range(n + 1):
        i = text.index(word, i + 1)
    return i


def selection(editor: AnnotationEditor) -> str:
    start, end = editor.text_view().selection_range()
    return editor.text()[start:end]


# --- layout --------------------------------------------------------------------


def test_text_is_right_to_left_and_right_aligned_even_after_latin(make_editor) -> None:
    text = "CNN تقول إن المعركة بدأت\n2017 عام المعركة\nالبوكمال مدينة"
    editor, _ = make_editor(text)
    view = editor.text_view()
    option = view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight
    width = view.viewport().width()
    for start in (0, text.index("2017"), text.index("البوكمال")):
        block = view.document().findBlock(start)
        assert block.textDirection() == Qt.LayoutDirection.RightToLeft
        # The paragraph starts at the right edge, whatever its first word.
        assert caret_point(editor, start).x() > width * 0.8


def test_bundled_arabic_font_is_used(seed_editor) -> None:
    editor, _ = seed_editor
    assert editor.text_view().font().family() == "Noto Naskh Arabic"


def test_zoom_changes_the_text_size(seed_editor) -> None:
    editor, _ = seed_editor
    before = editor.text_view().font().pointSizeF()
    editor.zoom(3)
    assert editor.text_view().font().pointSizeF() == before + 3
    editor.zoom(-100)
    assert editor.text_view().font().pointSizeF() == 6


def test_text_is_read_only(seed_editor, project_path: Path, seed_text: str) -> None:
    editor, doc = seed_editor
    key(editor, "xyz")
    view = editor.text_view()
    assert view.isReadOnly()
    assert view.document().characterCount() - 1 == len(seed_text)
    assert stored(project_path, doc) == []


# --- offsets: a drag stores exactly the code points of the word --------------------

OFFSET_TEXTS = {
    "emoji": "خبر عاجل 🙂🙂 اليوم\nمعركة 🔥 في البوكمال مع داعش",
    "nbsp_lines": "عنوان\n\n\u00a0\n\n\u00a0\n\nمعركة في البوكمال مع داعش",
    "paragraphs": "فقرة أولى.\n\nفقرة ثانية طويلة.\nو\u200cفقرة ثالثة في البوكمال مع داعش",
    # Import cleaning removes CRLF, but a stray one must not shift positions (Qt folds it).
    "crlf": "سطر أول\r\nسطر\u2029ثان 🙂\rفي البوكمال مع داعش",
}


@pytest.mark.parametrize("case", sorted(OFFSET_TEXTS))
def test_drag_stores_the_code_point_range_of_the_word(
    make_editor, project_path: Path, case: str
) -> None:
    text = OFFSET_TEXTS[case]
    editor, doc = make_editor(text)
    start = text.index("البوكمال")
    end = start + len("البوكمال")
    drag(editor, start, end)
    assert selection(editor) == "البوكمال"
    key(editor, "5")  # GPE
    assert stored(project_path, doc) == [("GPE", start, end)]
    assert text[start:end] == "البوكمال"
    # The same word again, with Alt: exact characters, same offsets.
    start2 = text.index("داعش")
    drag(editor, start2, start2 + 4, ALT)
    key(editor, "2")
    assert ("ORG", start2, start2 + 4) in stored(project_path, doc)


def test_highlight_is_painted_on_the_characters_after_an_emoji(make_editor) -> None:
    text = "🙂🙂🙂 كلمة البوكمال كلمة"
    editor, doc = make_editor(text)
    start = text.index("البوكمال")
    drag(editor, start, start + len("البوكمال"))
    key(editor, "g")
    editor.select_span("")  # the selected look is darker; check the plain colour
    image = editor.text_view().viewport().grab().toImage()
    gpe = QColor(editor.label("GPE").color)
    inside = (caret_point(editor, start + 2) + caret_point(editor, start + 3)) / 2
    before = (caret_point(editor, start - 3) + caret_point(editor, start - 2)) / 2
    after = (caret_point(editor, start + 9) + caret_point(editor, start + 10)) / 2
    assert has_color_near(image, inside, gpe)
    assert not has_color_near(image, before, gpe)
    assert not has_color_near(image, after, gpe)


def has_color_near(image: QImage, point: QPoint, color: QColor, radius: int = 3) -> bool:
    for dx in range(-radius, radius + 1):
        for dy in range(-radius * 3, radius * 3 + 1):
            pixel = image.pixelColor(point.x() + dx, point.y() + dy)
            if (
                abs(pixel.red() - color.red())
                + abs(pixel.green() - color.green())
                + abs(pixel.blue() - color.blue())
            ) <= 6:
                return True
    return False


# --- snapping and precise mode -----------------------------------------------------


def test_sloppy_drag_snaps_to_the_token(seed_editor, project_path: Path, seed_text: str) -> None:
    editor, doc = seed_editor
    start = nth(seed_text, "البوكمال", 2)
    end = start + len("البوكمال")
    drag(editor, start + 1, end - 1)  # لبوكما
    assert selection(editor) == "البوكمال"
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start, end)]


def test_snapping_leaves_out_quotes_and_proclitics_split_by_the_tokenizer(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = seed_text.index("لـ”داعش”") + len("لـ”")
    drag(editor, start + 1, start + 3)  # inside داعش
    key(editor, "o")
    assert stored(project_path, doc) == [("ORG", start, start + len("داعش"))]


def test_alt_drag_keeps_exact_characters(seed_editor, project_path: Path, seed_text: str) -> None:
    editor, doc = seed_editor
    start = nth(seed_text, "البوكمال", 2)
    drag(editor, start + 2, start + len("البوكمال"), ALT)  # بوكمال, leaving out ال
    assert selection(editor) == "بوكمال"
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start + 2, start + len("البوكمال"))]


def test_precise_mode_keeps_exact_characters(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    editor.set_precise_mode(True)
    assert editor.precise_action().isChecked()
    start = nth(seed_text, "البوكمال", 2)
    drag(editor, start + 1, start + 6)
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start + 1, start + 6)]
    editor.precise_action().setChecked(False)
    assert not editor.precise_mode()


def test_keyboard_selection_is_snapped_when_labelled(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = nth(seed_text, "البوكمال", 2)
    editor.text_view().set_selection(start + 1, start + 4)  # as Shift+arrows would leave it
    key(editor, "l")
    assert stored(project_path, doc) == [("LOC", start, start + len("البوكمال"))]


def test_double_click_selects_the_token_and_triple_click_the_sentence(
    seed_editor, seed_text: str
) -> None:
    editor, _ = seed_editor
    viewport = editor.text_view().viewport()
    start = nth(seed_text, "البوكمال", 2)
    point = (caret_point(editor, start + 3) + caret_point(editor, start + 4)) / 2
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, NONE, point)
    assert selection(editor) == "البوكمال"
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, NONE, point)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, NONE, point)
    sentence = selection(editor)
    assert sentence.startswith("تتسارع أحداث المنطقة")
    assert sentence.endswith("صفيح ساخن")  # its full stop stays out, as snapping does


# --- label keys, relabel, delete ----------------------------------------------------

WORDS = [
    "أحداث",
    "المنطقة",
    "الشرقية",
    "لتتجه",
    "نحو",
    "السكون",
    "الميداني",
    "مدينة",
    "ستكون",
    "مسرحا",
    "لآخر",
    "المعارك",
    "الكبرى",
    "بهدف",
    "إنهاء",
    "وجوده",
    "الفعلي",
    "يمكن",
    "القول",
    "المشتركة",
]


def test_each_label_key_stores_its_label(
    seed_editor, project, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    labels = project.labels.list()
    presses = [(str(i + 1), label.name) for i, label in enumerate(labels[:9])]
    presses += [(label.shortcut, label.name) for label in labels if label.shortcut]
    presses += [("١", labels[0].name)]  # Arabic-Indic digit row
    presses += [("ح", "PER")]  # the "p" key on the Arabic layout
    assert len(presses) <= len(WORDS)
    expected = []
    for (pressed, label), word in zip(presses, WORDS, strict=False):
        start = seed_text.index(word)
        drag(editor, start + 1, start + len(word) - 1)
        key(editor, pressed)
        expected.append((label, start, start + len(word)))
    assert sorted(stored(project_path, doc)) == sorted(expected)


def test_clicking_a_span_selects_it_and_a_label_key_relabels_it(
    seed_editor, qtbot, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = nth(seed_text, "البوكمال", 2)
    drag(editor, start, start + len("البوكمال"))
    key(editor, "p")
    [span] = stored_spans(project_path, doc)
    click(editor, 0)  # elsewhere: deselect
    assert editor.selected_span() == ""
    with qtbot.waitSignal(editor.span_selected) as blocker:
        click(editor, start + 4)
    assert blocker.args == [span.id]
    key(editor, "g")
    [relabelled] = stored_spans(project_path, doc)
    assert (relabelled.id, relabelled.label) == (span.id, "GPE")


def test_delete_removes_the_selected_span(seed_editor, project_path: Path, seed_text: str) -> None:
    editor, doc = seed_editor
    start = nth(seed_text, "البوكمال", 2)
    drag(editor, start, start + 3)
    key(editor, "g")
    assert len(stored(project_path, doc)) == 1
    click(editor, start + 2)
    QTest.keyClick(editor.text_view(), Qt.Key.Key_Delete)
    assert stored(project_path, doc) == []
    assert editor.spans() == []


def test_span_list_click_selects_and_delete_removes(
    seed_editor, qtbot, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    for word in ("مدينة", "ستكون"):
        start = seed_text.index(word)
        drag(editor, start, start + len(word))
        key(editor, "m")
    span_list = editor.span_list_widget()
    view = span_list.view
    first = span_list.model.index(0, 0)
    with qtbot.waitSignal(editor.span_selected):
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, NONE, view.visualRect(first).center()
        )
    assert editor.selected_span() == stored_spans(project_path, doc)[0].id
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert [s[1] for s in stored(project_path, doc)] == [seed_text.index("ستكون")]


def test_span_list_model(seed_editor, qtmodeltester, seed_text: str) -> None:
    editor, _ = seed_editor
    start = seed_text.index("مدينة")
    drag(editor, start, start + 5)
    key(editor, "1")
    qtmodeltester.check(editor.span_list_widget().model)


# --- layers: overlap refusal and identical replace --------------------------------


def test_overlapping_entity_is_refused_with_a_message(
    seed_editor, qtbot, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    name = seed_text.index("محمود عبد اللطيف")
    drag(editor, name, name + len("محمود عبد"))
    key(editor, "p")
    before = stored(project_path, doc)
    other = name + len("محمود ")
    drag(editor, other, other + len("عبد اللطيف"))
    with qtbot.waitSignal(editor.status_message) as blocker:
        key(editor, "o")
    assert "PER" in blocker.args[0] and "overlap" in blocker.args[0]
    assert stored(project_path, doc) == before
    assert editor.undo_stack_for_tests.count() == 1
    # A claim over the same characters is another layer: allowed.
    drag(editor, other, other + len("عبد اللطيف"))
    key(editor, "c")
    assert ("CLAIM", other, other + len("عبد اللطيف")) in stored(project_path, doc)


def test_same_characters_replace_the_old_entity_and_undo_brings_it_back(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = seed_text.index("شام إف إم")
    end = start + len("شام إف إم")
    drag(editor, start, end)
    key(editor, "p")
    [old] = stored_spans(project_path, doc)
    drag(editor, start, end)
    key(editor, "o")
    [new] = stored_spans(project_path, doc)
    assert (new.label, new.start, new.end) == ("ORG", start, end) and new.id != old.id
    editor.undo_stack_for_tests.undo()
    assert [(s.id, s.label) for s in stored_spans(project_path, doc)] == [(old.id, "PER")]
    assert [s.id for s in editor.spans()] == [old.id]


# --- undo / redo -----------------------------------------------------------------


def test_undo_and_redo_restore_the_file(
    seed_editor, qtbot, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    stack = editor.undo_stack_for_tests
    start = seed_text.index("مدينة")
    drag(editor, start, start + 5)
    key(editor, "p")  # add
    after_add = stored(project_path, doc)
    key(editor, "o")  # relabel the new (selected) span
    after_relabel = stored(project_path, doc)
    QTest.keyClick(editor.text_view(), Qt.Key.Key_Delete)
    assert stored(project_path, doc) == []
    assert stack.count() == 3
    with qtbot.waitSignal(editor.spans_changed) as blocker:
        stack.undo()
    assert blocker.args == [doc]
    assert stored(project_path, doc) == after_relabel == [("ORG", start, start + 5)]
    stack.undo()
    assert stored(project_path, doc) == after_add == [("PER", start, start + 5)]
    stack.undo()
    assert stored(project_path, doc) == [] and editor.spans() == []
    stack.redo()
    stack.redo()
    assert stored(project_path, doc) == after_relabel
    assert [(s.label, s.start) for s in editor.spans()] == [("ORG", start)]
    stack.redo()
    assert stored(project_path, doc) == [] and editor.spans() == []


def test_undo_works_across_documents(make_editor, qtbot, project, project_path: Path) -> None:
    editor, first = make_editor("معركة في البوكمال", title="one")
    second, _ = project.documents.add("خبر آخر عن دير الزور", title="two")
    start = "معركة في البوكمال".index("البوكمال")
    drag(editor, start, start + 8)
    key(editor, "g")
    editor.open_document(second)
    with qtbot.waitSignal(editor.spans_changed) as blocker:
        editor.undo_stack_for_tests.undo()
    assert blocker.args == [first]
    assert stored(project_path, first) == []
    assert editor.current_document() == second
    editor.undo_stack_for_tests.redo()
    assert stored(project_path, first) == [("GPE", start, start + 8)]


# --- sticky label, tooltip, find ---------------------------------------------------


def test_sticky_label_applies_on_mouse_release(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    editor.set_sticky_label("GPE")
    expected = []
    for word in ("مدينة", "ستكون"):
        start = seed_text.index(word)
        drag(editor, start + 1, start + 3)
        expected.append(("GPE", start, start + len(word)))
    assert stored(project_path, doc) == expected
    editor.set_sticky_label(None)
    start = seed_text.index("مسرحا")
    drag(editor, start, start + 3)
    assert stored(project_path, doc) == expected


def test_palette_click_applies_and_sticky_arms(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    palette = editor.palette_widget()
    start = seed_text.index("مدينة")
    drag(editor, start, start + 5)
    palette.button("FAC").click()
    assert stored(project_path, doc) == [("FAC", start, start + 5)]
    palette.sticky_box.setChecked(True)
    palette.button("LOC").click()
    assert editor.sticky_label() == "LOC"


def test_tooltip_names_label_and_annotator(seed_editor, seed_text: str) -> None:
    editor, _ = seed_editor
    start = seed_text.index("مدينة")
    drag(editor, start, start + 5)
    key(editor, "g")
    tip = editor.text_view().tooltip_for(
        (caret_point(editor, start + 2) + caret_point(editor, start + 3)) / 2
    )
    assert "GPE" in tip and "ali" in tip and "UTC" in tip


def test_find_is_tolerant_and_selects_the_next_match(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    pytest.importorskip("annotator.core.text")
    editor, doc = seed_editor
    # Tatweel and tashkeel in the query still find the plain word.
    assert editor.find("البـوكمَال")
    first = selection(editor)
    start1, _ = editor.text_view().selection_range()
    assert editor.find("البـوكمَال")
    start2, _ = editor.text_view().selection_range()
    assert start2 > start1 and "البوكمال" in first
    key(editor, "g")
    assert [s[0] for s in stored(project_path, doc)] == ["GPE"]
    assert not editor.find("لا يوجد هذا النص")
    # A hamza form the text writes differently (إنهاء) and backwards search.
    editor.find("انهاء")
    assert selection(editor) == "إنهاء"
    here, _ = editor.text_view().selection_range()
    assert editor.find("البوكمال", forward=False)
    assert editor.text_view().selection_range()[0] < here


def test_no_annotator_means_no_edit(make_editor, qtbot, project_path: Path) -> None:
    editor, doc = make_editor("معركة في البوكمال", annotator="")
    drag(editor, 0, 5)
    with qtbot.waitSignal(editor.status_message):
        key(editor, "g")
    assert stored(project_path, doc, annotator="") == []


# --- painting at scale --------------------------------------------------------------


def test_stress_20000_spans_are_built_and_painted(qtbot, project: Project, seed_text: str) -> None:
    """PySide6 6.12 on CPython 3.11 aborted after a few thousand format calls."""
    text = "\n".join([seed_text] * 40)
    doc, _ = project.documents.add(text, title="big")
    words = list(_words(text))
    assert len(words) >= 16_000
    labels = ("PER", "ORG", "GPE", "LOC")
    spans = [
        Span(SpanId(f"e{i}"), DocId(doc), "ali", labels[i % 4], s, e, {}, "t", "t")
        for i, (s, e) in enumerate(words[:16_000])
    ]
    # Claims over four words each, overlapping the entities and each other.
    spans += [
        Span(
            SpanId(f"c{i}"), DocId(doc), "ali", "CLAIM", words[k][0], words[k + 3][1], {}, "t", "t"
        )
        for i, k in enumerate(range(0, 4 * 4_000, 4))
    ]
    with project.transaction():
        project.spans.insert_many(spans)
    assert len(spans) == 20_000
    editor = AnnotationEditor(ProjectSession(project))
    qtbot.addWidget(editor)
    editor.set_annotator("ali")
    editor.resize(900, 700)
    editor.open_document(doc)
    editor.show()
    qtbot.waitExposed(editor)
    assert len(editor.spans()) == 20_000
    view = editor.text_view()
    bar = view.verticalScrollBar()
    # Page through the whole article: every block is formatted and painted once.
    value = 0
    while True:
        bar.setValue(value)
        assert not view.viewport().grab().isNull()  # renders now, whatever the platform
        if value >= bar.maximum():
            break
        value = min(bar.maximum(), value + max(1, bar.pageStep()))
    formatted = 0
    block = view.document().begin()
    while block.isValid():
        formatted += len(block.layout().formats())
        block = block.next()
    assert formatted >= 20_000
    image = editor.grab().toImage()
    assert not image.isNull()
    QApplication.processEvents()


def _words(text: str):
    import re

    for match in re.finditer(r"[\u0621-\u064a]+", text):
        yield match.start(), match.end()


def test_ctrl_wheel_zooms_through_the_editor(seed_editor) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    editor, _ = seed_editor
    view = editor.text_view()
    before = editor.point_size()
    centre = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        centre,
        view.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert editor.point_size() == before + 2
    assert view.font().pointSizeF() == before + 2
