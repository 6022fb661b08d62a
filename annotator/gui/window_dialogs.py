"""The main window's dialogs (labels, shortcuts, About, switching annotator), the
first-start view of others' work, and the rule that an undo never acts unseen.

Plain functions over the window's public methods, so the window class keeps only
its own state and wiring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.model import Status
from annotator.gui.dialogs import AnnotatorNameDialog
from annotator.gui.i18n import fill, translate

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = [
    "open_labels_dialog",
    "reveal_first",
    "show_about",
    "show_others_if_mine_are_empty",
    "show_shortcuts",
    "switch_annotator_dialog",
]


def reveal_first(window: MainWindow, *, undo: bool) -> bool:
    """Whether the next undo (redo) may run now: it is about the open document,
    or about none; else its document is opened, its span shown, and the status
    bar says to press Undo (Redo) again."""
    command = window.session.next_command(undo=undo)
    change = command.change if command is not None else None
    # Span edits only: a status undone shows in the document list, and its
    # document opens right after (MainWindow._on_changes).
    if change is None or change.doc_id is None or change.gold or not change.span_ids:
        return True
    if change.doc_id == window.current_document():
        return True
    if not window.open_document(change.doc_id):
        return False
    window.editor.reveal_span(change.span_ids[0])
    message = (
        translate("MainWindow", "Shown first: press Undo again to undo “%1” here.")
        if undo
        else translate("MainWindow", "Shown first: press Redo again to redo “%1” here.")
    )
    window.show_message(fill(message, command.text() if command is not None else ""))
    return False


def show_others_if_mine_are_empty(window: MainWindow) -> None:
    """A first start on the sample: this annotator has no spans yet, others do;
    their work is shown (the README promises an annotated article), and the
    status bar says how to hide it.

    "A first start": the annotator has no status anywhere and no span on the
    open document, which others' spans are on. Both are indexed reads; listing
    every span's annotator took 5 s on 100,000 documents and 6 M spans
    (benchmarks/README.md, main window).
    """
    project = window.project
    me = window.annotator()
    doc_id = window.current_document()
    if doc_id is None:
        return
    here = project.spans.for_document(doc_id)
    annotators = sorted({s.annotator for s in here} - {me})
    if not annotators or any(s.annotator == me for s in here):
        return
    if any(n for status, n in project.statuses.counts(me).items() if status is not Status.NEW):
        return  # has worked here before: others' spans stay hidden until asked for
    window.set_show_others(True)
    window.show_message(
        fill(
            translate(
                "MainWindow",
                "Showing the spans of %1 (dashed, read-only); "
                "View → Show others' spans hides them.",
            ),
            ", ".join(annotators),
        )
    )


def open_labels_dialog(window: MainWindow) -> None:
    """Annotator → Manage labels: every change a core edit, undoable."""
    from annotator.gui.labels_dialog import LabelsDialog

    LabelsDialog(window.session, window).exec()


def show_shortcuts(window: MainWindow) -> None:
    """Help → Keyboard shortcuts (also ``?`` and F1): the window's and the labels' keys."""
    from annotator.gui.help import ShortcutsDialog

    window.shortcuts_dialog = ShortcutsDialog(window.project.labels.list(), window)
    window.shortcuts_dialog.show()


def show_about(window: MainWindow) -> None:
    from annotator.gui.help import about_dialog

    window.about_dialog = about_dialog(window)
    window.about_dialog.show()


def switch_annotator_dialog(window: MainWindow) -> None:
    dialog = AnnotatorNameDialog(
        window.project.spans.annotators(), current=window.annotator(), parent=window
    )
    if dialog.exec() == AnnotatorNameDialog.DialogCode.Accepted:
        window.switch_annotator(dialog.name())
