"""Labels you can tell apart: a colour-blind-safe palette, kinds that differ in
greyscale, the selected span outlined, quoted Arabic that keeps its quotes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from test_editor import drag, key

from annotator.core.model import LabelKind
from annotator.core.store import Project
from annotator.gui.common import FSI, PDI

# Paul Tol's "light" scheme (https://personal.sron.nl/~pault/), made for
# backgrounds behind black text and safe for colour-blind readers.
TOL_LIGHT = {"#77aadd", "#ee8866", "#eedd88", "#ffaabb", "#99ddff", "#44bb99", "#bbcc33"}
TOL_LIGHT |= {"#aaaa00", "#dddddd"}


def test_a_new_project_gets_the_colour_blind_safe_palette(project_path: Path) -> None:
    with Project.create(project_path):
        pass
    with Project.open(project_path, readonly=True) as p:
        labels = p.labels.list()
    colours = {label.name: label.color.lower() for label in labels}
    entity_colours = [colours[la.name] for la in labels if la.kind is not LabelKind.CLAIM]
    assert set(entity_colours) <= TOL_LIGHT
    assert len(set(colours.values())) == len(colours)  # no two labels alike
    # GPE, LOC and FAC (the three greens/yellows of before) are far apart now.
    places = [QColor(colours[n]) for n in ("GPE", "LOC", "FAC")]
    for i, a in enumerate(places):
        for b in places[i + 1 :]:
            distance = (
                abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
            )
            assert distance > 120


def test_kinds_differ_without_colour(seed_editor) -> None:
    editor, _ = seed_editor
    highlighter = editor.text_view().highlighter
    entity = highlighter.char_format("PER", False, None, 0, False)
    place = highlighter.char_format("GPE", False, None, 0, False)
    claim = highlighter.char_format(None, False, "CLAIM", 1, False)
    assert (
        not entity.fontOverline() and entity.underlineStyle() == entity.UnderlineStyle.NoUnderline
    )
    assert place.fontOverline()
    assert claim.underlineStyle() == claim.UnderlineStyle.SingleUnderline


def _dark_pixels(image: QImage, rects) -> int:
    count = 0
    for rect in rects:
        r = rect.toRect().adjusted(-2, -1, 2, 1)
        for x in range(r.left(), r.right() + 1):
            for y in (r.top(), r.top() + 1, r.bottom(), r.bottom() - 1):
                if image.pixelColor(x, y).lightness() < 60:
                    count += 1
    return count


def test_the_selected_span_is_outlined_in_the_text(seed_editor, seed_text: str) -> None:
    editor, _ = seed_editor
    start = seed_text.index("البوكمال")
    drag(editor, start + 1, start + 4)
    key(editor, "g")
    span = editor.spans()[0]
    view = editor.text_view()
    editor.select_span("")
    rects = view.span_rects(span.start, span.end)
    assert rects
    plain = _dark_pixels(view.viewport().grab().toImage(), rects)
    editor.select_span(span.id)
    view.viewport().repaint()
    outlined = _dark_pixels(view.viewport().grab().toImage(), rects)
    assert outlined > plain + 20


def test_quoted_arabic_in_messages_is_isolated(seed_editor, seed_text: str) -> None:
    editor, _ = seed_editor
    start = seed_text.index("مدينة")
    drag(editor, start, start + 5)
    key(editor, "g")
    text = editor.undo_stack_for_tests.undoText()
    assert text == f"Add GPE «{FSI}مدينة{PDI}»"
