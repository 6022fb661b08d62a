"""A document that came tokenized (CoNLL, .spacy) is annotated on its own tokens."""

from __future__ import annotations

from pathlib import Path

from test_editor import drag, key, stored

from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project
from annotator.gui.editor import AnnotationEditor
from annotator.gui.ops import ProjectSession

# "ق.م." is one token in ANERcorp; the project tokenizer would cut it in three.
CONLL = "ولد O\nعام O\n500 O\nق.م. O\nفي O\nدمشق B-GPE\n"


def test_a_sloppy_drag_takes_the_whole_source_token(
    qtbot, project: Project, project_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "c.conll"
    source.write_text(CONLL, encoding="utf-8")
    assert import_paths(project, [source], options=ImportOptions()).ok
    [doc_id] = project.documents.ids()
    editor = AnnotationEditor(ProjectSession(project))
    qtbot.addWidget(editor)
    editor.set_annotator("ali")
    editor.resize(900, 500)
    editor.open_document(doc_id)
    editor.show()
    qtbot.waitExposed(editor)
    text = editor.text()
    start = text.index("500")
    drag(editor, start, text.index("ق.م.") + 2)  # ends inside "ق.م."
    key(editor, "4")  # MISC
    assert stored(project_path, doc_id) == [("MISC", start, text.index("ق.م.") + 4)]
