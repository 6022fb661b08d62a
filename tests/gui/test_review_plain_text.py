"""Text from data is shown as plain text everywhere in the review window.

Annotator names, a title, a label name and the document text carry markup
(an image, a big font, a link). Each place that shows them is read back the
way Qt renders it: a label or tooltip Qt takes as rich text is rendered to
its plain characters, which must be the markup itself, with no image and no
link in the rendering.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from review_window import shown_review

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import Label, LabelKind, Status
from annotator.core.store import Project
from annotator.gui.review import ReviewWindow
from annotator.gui.review.models import VALUE_ROLE

pytestmark = pytest.mark.gui

IMG = '<img src="x.png"><font size=7>big</font> & co'
LINK = '<a href="x">link</a>'
TITLE = f"{LINK} {IMG}"
EVIL = "<b>EVIL</b>"
TEXT = 'زار الرئيس <i>دمشق</i> أمس والتقى <a href="y">وزير الخارجية</a> في بيروت.'
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _rich(text: str, fmt: Qt.TextFormat) -> bool:
    if fmt == Qt.TextFormat.PlainText:
        return False
    return fmt == Qt.TextFormat.RichText or GuiQt.mightBeRichText(text)


def _document(text: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(text)
    return document


def _no_image_or_link(document: QTextDocument) -> None:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            assert not fmt.isImageFormat(), it.fragment().text()
            assert not fmt.isAnchor(), it.fragment().text()
            it += 1
        block = block.next()


def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """The characters Qt shows for ``text`` in a label (or tooltip) of format ``fmt``."""
    if not _rich(text, fmt):
        return text
    document = _document(text)
    _no_image_or_link(document)
    return document.toPlainText()


def label_shows(label: QLabel) -> str:
    return shown(label.text(), label.textFormat())


@pytest.fixture
def marked(tmp_path: Path) -> Iterator[tuple[Path, Project, int]]:
    path = tmp_path / "markup.sqlite"
    project = Project.create(path)
    project.labels.add(Label(EVIL, LabelKind.ENTITY, "#ff00aa", "q"))
    doc_id = project.documents.add(TEXT, title=TITLE)[0]

    def at(surface: str) -> tuple[int, int]:
        start = TEXT.index(surface)
        return start, start + len(surface)

    for name, marks in {
        IMG: [("GPE", "دمشق"), ("PER", "وزير الخارجية"), (EVIL, "بيروت")],
        LINK: [("GPE", "دمشق"), ("ORG", "وزير الخارجية")],
    }.items():
        for label, surface in marks:
            project.apply(AddSpan(doc_id, name, label, *at(surface)))
        project.apply(SetStatus(doc_id, name, Status.DONE))
    yield path, project, doc_id
    project.close()


def _window(qtbot, project: Project) -> ReviewWindow:
    return shown_review(qtbot, project, adjudicator=LINK)


def test_agreement_tab_shows_names_as_typed(qtbot, marked):
    _path, project, _doc = marked
    window = _window(qtbot, project)
    tab = window.agreement_tab
    names = sorted([IMG, LINK])
    assert list(window.agreement.annotators) == names
    summary = label_shows(tab.status)
    assert IMG in summary and LINK in summary
    heat = tab.heatmap
    assert [heat.row_name(i) for i in range(heat.rows())] == names  # painted: plain
    tip = shown(tab.matrix_model.data(tab.matrix_model.index(0, 1), _TOOLTIP))
    assert f"{names[0]} × {names[1]}" in tip
    assert shown(tab.matrix_model.data(tab.matrix_model.index(0, 0), _TOOLTIP)) == names[0]
    per_label = tab.per_label_model
    assert per_label.headerData(1, Qt.Orientation.Horizontal) == f"{names[0]} × {names[1]}"
    assert EVIL in per_label.labels()
    row = per_label.labels().index("GPE")
    tip = shown(per_label.data(per_label.index(row, 1), _TOOLTIP))
    assert f"{names[0]}: 1 spans" in tip and f"{names[1]}: 1 spans" in tip


def test_adjudication_tab_shows_names_title_labels_and_text_as_typed(qtbot, marked):
    _path, project, doc_id = marked
    window = _window(qtbot, project)
    tab = window.adjudication_tab
    assert tab.current_document() == doc_id
    docs = tab.docs_model
    assert docs.data(docs.index(0, 0)) == TITLE
    assert shown(docs.data(docs.index(0, 0), _TOOLTIP)) == TITLE
    annotators = docs.COLUMNS.index("Annotators")
    assert shown(docs.data(docs.index(0, annotators), _TOOLTIP)) == ", ".join(sorted([IMG, LINK]))
    title = label_shows(tab.panel.doc_title)
    assert TITLE in title and IMG in title and LINK in title
    assert EVIL in label_shows(tab.panel.keys_hint)

    rows = tab.rows_model
    names = tab.annotators()
    for i, name in enumerate(names):
        assert rows.headerData(2 + i, Qt.Orientation.Horizontal) == f"{i + 1} · {name}"
    person = next(i for i, r in enumerate(tab.rows()) if r.kind == "label")
    start, end = rows.data(rows.index(person, 0), VALUE_ROLE)
    assert shown(rows.data(rows.index(person, 0), _TOOLTIP)) == TEXT[start:end]
    assert TEXT[start:end] == "وزير الخارجية"

    tab.select_row(person)
    heads = {key: label_shows(head) for key, head in tab.panel.versions.heads.items()}
    for name in names:
        assert name in heads[name]
    line = label_shows(tab.panel.versions.lines[names[0]])
    assert "<i>دمشق</i>" in line and '<a href="y">' in line
    for name, button in tab.panel.versions.accept_buttons.items():
        assert name in shown(button.toolTip())
    # The Undo menu: "&" is a mnemonic in an action's text; the name shows whole.
    assert tab.accept_version(IMG)
    assert f"Accept {IMG} for" in window.undo_action.iconText()


def test_no_label_of_the_window_renders_an_image_or_a_link(qtbot, marked):
    _path, project, _doc = marked
    window = _window(qtbot, project)
    window.adjudication_tab.select_row(0)
    window.adjudication_tab.set_adjudicated(True)
    with qtbot.waitSignal(window.scores_ready, timeout=30_000):
        window.refresh_scores()
    assert sorted(window.scores_tab.model.annotators()) == sorted([IMG, LINK])
    labels = window.findChildren(QLabel)
    assert len(labels) >= 10
    for label in labels:
        label_shows(label)  # asserts: no image, no link
