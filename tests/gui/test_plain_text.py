"""Text that comes from data is shown as plain text everywhere: names, labels, titles, notes.

A name from a JSONL ``_annotator_id`` or a merged file can hold markup; Qt would
render ``<img src=…>`` (a local image) or ``<a href>`` (a link) wherever it
guesses rich text. Each place is checked the way Qt shows it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMessageBox

from annotator.core.edits import AddSpan
from annotator.core.errors import UnknownDocument
from annotator.core.model import Label, LabelKind
from annotator.core.store import Project, default_labels
from annotator.gui.dialogs import GoToDocumentDialog
from annotator.gui.documents_model import DocumentsModel
from annotator.gui.import_dialogs import ImportOptionsDialog
from annotator.gui.main_window import MainWindow
from annotator.gui.ops import show_error
from annotator.gui.settings import Settings

IMAGE = '<img src="x.png"><font size=7>big</font>'
LINK = '<a href="x">link</a>'
# Label names have no spaces; the markup still renders if not kept plain.
LABEL = '<b>PERX</b><img/src="x.png">'
TEXT = "قال أحمد الخميس إن الجيش العراقي دخل البوكمال."


def shown(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt displays for ``text`` in a widget with ``text_format`` (a tooltip: AutoText)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    document = QTextDocument()
    if rich:
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText()


def label_shows(label: QLabel, literal: str) -> bool:
    return literal in shown(label.text(), label.textFormat())


@pytest.fixture
def marked_path(tmp_path: Path) -> Path:
    """A project whose titles, sources, label and annotator names hold markup."""
    path = tmp_path / "markup.sqlite"
    labels = [
        *default_labels(),
        Label(LABEL, LabelKind.ENTITY, "#336699", "x", f"{IMAGE} and {LINK}", LINK),
    ]
    with Project.create(path, labels=labels) as project:
        doc = project.documents.add(TEXT, title=IMAGE, source=LINK)[0]
        project.documents.add("خبر ثان عن دير الزور.", title=LINK)
        start = TEXT.index("البوكمال")
        project.apply(AddSpan(doc, IMAGE, LABEL, start, start + len("البوكمال")))
    return path


@pytest.fixture
def window(qtbot, marked_path: Path) -> Iterator[MainWindow]:
    window = MainWindow(
        Project.open(marked_path), annotator=IMAGE, settings=Settings.load(), track_time=False
    )
    qtbot.addWidget(window)
    window.show()
    window.open_first_document()
    yield window


def test_main_window_title_and_status_bar(window: MainWindow) -> None:
    assert window.windowTitle().startswith(IMAGE)  # a window title is never rich text
    assert label_shows(window.status.annotator, IMAGE)
    window.switch_annotator(LINK)
    assert label_shows(window.status.annotator, LINK)


def test_document_list(window: MainWindow) -> None:
    model: DocumentsModel = window.documents_model
    titles = [model.index(row, DocumentsModel.COLUMN_TITLE) for row in range(2)]
    assert [model.data(i) for i in titles] == [IMAGE, LINK]  # item views paint plain text
    tips = [model.data(i, Qt.ItemDataRole.ToolTipRole) for i in titles]
    assert IMAGE in shown(tips[0]) and LINK in shown(tips[1])


def test_palette_buttons_and_their_tooltips(window: MainWindow) -> None:
    palette = window.editor.palette_widget()
    button = palette.button(LABEL)
    assert button.text().startswith(LABEL)
    tip = shown(button.toolTip())
    assert LABEL in tip and IMAGE in tip and LINK in tip
    palette.sticky_box.setChecked(True)
    button.click()
    hints = [w for w in palette.findChildren(QLabel) if LABEL in w.text()]
    assert hints and all(label_shows(w, LABEL) for w in hints)


def test_span_list_and_editor_tooltip(window: MainWindow) -> None:
    editor = window.editor
    window.switch_annotator(IMAGE)
    (span,) = editor.spans()
    listing = editor.span_list_widget()
    model = listing.model
    assert model.data(model.index(0, 0)) == LABEL
    assert IMAGE in shown(model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole))
    tip = shown(editor.text_view().spans_tooltip(span.start + 1, {LABEL: editor.label(LABEL)}))
    assert LABEL in tip and IMAGE in tip


def test_undo_menu_keeps_names_as_they_are(window: MainWindow) -> None:
    editor = window.editor
    start = TEXT.index("الجيش")
    editor.text_view().set_selection(start, start + len("الجيش"))
    editor.apply_label(LABEL)
    undo = window.actions.undo.text()
    assert LABEL in undo and "&&" not in LABEL


def test_go_to_dialog_lists_titles_as_text(qtbot, window: MainWindow) -> None:
    dialog = GoToDocumentDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.set_query("link")
    (listing,) = dialog.findChildren(QListWidget)
    assert [listing.item(i).text() for i in range(listing.count())] == [f"2. {LINK}"]


def test_import_options_quote_what_was_typed_as_text(qtbot) -> None:
    dialog = ImportOptionsDialog(annotator=IMAGE)
    qtbot.addWidget(dialog)
    dialog.label_map.setText(f"={LINK}")  # no source: refused, quoted back
    dialog.import_button.click()
    assert label_shows(dialog.message, LINK)
    assert dialog.annotator_box.itemText(1) == IMAGE  # combo items are plain


def test_error_dialogs_are_plain_text(qtbot, window: MainWindow) -> None:
    box = show_error(window, "x", UnknownDocument(f"No document {IMAGE} in {LINK}."))
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert IMAGE in box.text() and box.text().startswith("[E010]")
    box.close()
    assert all(
        w.textFormat() == Qt.TextFormat.PlainText
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.isVisible()
    )
