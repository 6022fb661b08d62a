"""Snapping in the editor leaves punctuation out; exact mode keeps it, and the list marks it."""

from __future__ import annotations

from pathlib import Path

from test_editor import ALT, drag, key, selection, stored

from annotator.gui.span_list import LOOSE_EDGE_MARK


def test_a_drag_over_a_comma_and_two_words_leaves_the_comma_out(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = seed_text.index("، مدينة البوكمال")
    end = start + len("، مدينة البوكمال")
    drag(editor, start, end + 1)  # the comma, both words and the space after
    assert selection(editor) == "مدينة البوكمال"
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start + 2, end)]


def test_quotes_around_a_name_stay_out(seed_editor, project_path: Path, seed_text: str) -> None:
    editor, doc = seed_editor
    start = seed_text.index("“داعش”")
    drag(editor, start, start + len("“داعش”"))
    key(editor, "o")
    assert stored(project_path, doc) == [("ORG", start + 1, start + 5)]


def test_exact_mode_keeps_the_comma_and_the_span_list_marks_it(
    seed_editor, project_path: Path, seed_text: str
) -> None:
    editor, doc = seed_editor
    start = seed_text.index("، مدينة البوكمال")
    end = start + len("، مدينة البوكمال")
    drag(editor, start, end, ALT)
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start, end)]
    model = editor.span_list_widget().model
    shown = model.data(model.index(0, 1))
    assert shown.startswith(LOOSE_EDGE_MARK)
    assert "punctuation" in model.data(model.index(0, 1), 3)  # the tooltip says why


def test_a_clean_span_is_not_marked(seed_editor, seed_text: str) -> None:
    editor, _ = seed_editor
    start = seed_text.index("البوكمال")
    drag(editor, start + 1, start + 4)
    key(editor, "g")
    model = editor.span_list_widget().model
    assert model.data(model.index(0, 1)) == "البوكمال"


def test_with_clitics_outside_a_drag_leaves_the_proclitic_out(
    make_editor, project, project_path: Path
) -> None:
    project.set_clitics("outside")
    text = "قصفت الطائرات مواقع بالبوكمال صباح اليوم."
    editor, doc = make_editor(text)
    start = text.index("البوكمال")
    drag(editor, start - 1, start + 3)  # a sloppy drag over the ب and part of the name
    assert selection(editor) == "بالبوكمال"  # the ب is a token of its own: touched
    drag(editor, start + 1, start + 4)
    assert selection(editor) == "البوكمال"
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start, start + len("البوكمال"))]


def test_with_clitics_inside_the_same_drag_takes_the_whole_word(
    make_editor, project_path: Path
) -> None:
    text = "قصفت الطائرات مواقع بالبوكمال صباح اليوم."
    editor, doc = make_editor(text)
    start = text.index("البوكمال")
    drag(editor, start + 1, start + 4)
    key(editor, "g")
    assert stored(project_path, doc) == [("GPE", start - 1, start + len("البوكمال"))]
