"""The editor's edits: a selection or a span becomes a core edit, run through the session.

Each method builds the edit (:mod:`annotator.core.edits`) and its Undo-menu
text, runs it with :meth:`~annotator.gui.ops.ProjectSession.run` and says in
the status bar why it was refused (an overlap names the span in the way).
Showing the change is the editor's job (:meth:`AnnotationEditor._changed`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.change import Change, Edit
from annotator.core.edits import AddSpan, RelabelSpan, RemoveSpan, links_a_relabel_drops
from annotator.core.errors import AnnotatorError, SpanOverlapsEntity
from annotator.core.model import DocId, Span
from annotator.core.note_edits import SetSpanNote, span_flag, span_note
from annotator.core.store import Project
from annotator.gui.common import isolate, snippet
from annotator.gui.highlighter import SpanIndex
from annotator.gui.i18n import fill, translate
from annotator.gui.note_dialog import NoteDialog
from annotator.gui.ops import ProjectSession

__all__ = ["SpanEdits", "ask_delete_linked", "confirm_delete_linked"]


class SpanEdits:
    """Span edits of one editor.

    :param initiator: the editor (it shows its own changes and skips their broadcast).
    :param shown: called with each change made, to show it.
    :param message: a line for the status bar.
    """

    def __init__(
        self,
        session: ProjectSession,
        index: SpanIndex,
        *,
        initiator: object,
        shown: Callable[[Change], None],
        message: Callable[[str], None],
    ) -> None:
        self._session = session
        self._index = index
        self._initiator = initiator
        self._shown = shown
        self._message = message

    def _quote(self, span: Span | tuple[int, int]) -> str:
        start, end = (span.start, span.end) if isinstance(span, Span) else span
        # Isolated: the guillemets around it come out right in either direction.
        return isolate(snippet(self._index.text[start:end]))

    def add(
        self, doc_id: DocId, annotator: str, label: str, start: int, end: int
    ) -> AddSpan | None:
        """A new span (or the replacement of one covering the same characters).

        :returns: the edit made, ``None`` when refused or not saved.
        """
        edit = AddSpan(doc_id=doc_id, annotator=annotator, label=label, start=start, end=end)
        text = fill(translate("AnnotationEditor", "Add %1 «%2»"), label, self._quote((start, end)))
        try:
            made = self._run(edit, text)
        except SpanOverlapsEntity as exc:
            self._message(self._overlap_message(label, exc))
            return None
        if not made:
            return None
        if edit.replaced is not None:
            self._message(
                fill(
                    translate("AnnotationEditor", "Replaced %1 with %2."),
                    edit.replaced.label,
                    label,
                )
            )
        return edit

    def relabel(self, span_id: str, label: str) -> None:
        span = self._index.get(span_id)
        if span is None or span.label == label:
            return
        text = fill(
            translate("AnnotationEditor", "Relabel %1 → %2 «%3»"),
            span.label,
            label,
            self._quote(span),
        )
        parent = self._initiator if isinstance(self._initiator, QWidget) else None
        if not confirm_relabel_linked(self._session.project, span, label, self._index.text, parent):
            return  # a claim's claimer the new label cannot be: the user said no
        try:
            self._run(RelabelSpan(span_id=span.id, label=label), text)
        except SpanOverlapsEntity as exc:
            self._message(self._overlap_message(label, exc))

    def delete(self, span_id: str) -> None:
        span = self._index.get(span_id)
        if span is None:
            return
        parent = self._initiator if isinstance(self._initiator, QWidget) else None
        if not confirm_delete_linked(self._session.project, span, self._index.text, parent):
            return  # a claim's claimer or cue: the user said no
        text = fill(translate("AnnotationEditor", "Delete %1 «%2»"), span.label, self._quote(span))
        self._run(RemoveSpan(span_id=span.id), text)

    def edit_note(self, span_id: str, *, parent: QWidget) -> None:
        """Ask for the span's note and "unsure" flag in a dialog, then set them."""
        span = self._index.get(span_id)
        if span is None:
            return
        dialog = NoteDialog(
            what=f"{span.label} «{self._quote(span)}»",
            note=span_note(span.attrs),
            flag=span_flag(span.attrs),
            parent=parent,
        )
        if dialog.exec() == NoteDialog.DialogCode.Accepted:
            self.set_note(span.id, dialog.note(), flag=dialog.flag())

    def set_note(self, span_id: str, note: str, *, flag: bool) -> None:
        """Set the span's note and "unsure" flag (an undo entry when it changed)."""
        span = self._index.get(span_id)
        if span is None:
            return
        if note or flag:
            template = translate("AnnotationEditor", "Note on %1 «%2»")
        else:
            template = translate("AnnotationEditor", "Clear note on %1 «%2»")
        text = fill(template, span.label, self._quote(span))
        self._run(SetSpanNote(span_id=span.id, note=note, flag=flag), text)

    def _run(self, edit: Edit, text: str) -> bool:
        """Run ``edit`` (in the file when this returns), then show it.

        :returns: whether it was made (a full disk is reported in a dialog).
        :raises SpanOverlapsEntity: refused; nothing is stored or pushed.
        """
        try:
            change = self._session.run(edit, text=text, initiator=self._initiator)
        except SpanOverlapsEntity:
            raise
        except AnnotatorError as exc:
            self._message(str(exc))
            return False
        if change is None:
            return False
        self._shown(change)
        return True

    def _overlap_message(self, label: str, exc: SpanOverlapsEntity) -> str:
        other = self._index.get(exc.existing_id) if exc.existing_id else None
        if other is None:
            return str(exc)
        return fill(
            translate(
                "AnnotationEditor",
                "Not added: %1 would overlap %2 «%3». Delete that span first, or mark "
                "exactly the same characters to replace it.",
            ),
            label,
            other.label,
            self._quote(other),
        )


def _ask(parent: QWidget | None, title: str, text: str, go: str) -> bool:
    """A plain-text question (span texts are data) with ``go`` and Cancel; True: go."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle(title)
    box.setText(text)
    button = box.addButton(go, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(button)
    box.exec()
    return box.clickedButton() is button


def _quoted(span: Span, text: str) -> str:
    return f"{span.label} {isolate(snippet(text[span.start : span.end]))}"


def ask_delete_linked(parent: QWidget | None, what: str, heads: list[str]) -> bool:
    """Ask before deleting a span other spans link to; True: delete it."""
    return _ask(
        parent,
        translate("ClaimLinks", "Delete a linked span?"),
        fill(
            translate(
                "ClaimLinks",
                "%1 is linked to:\n%2\n\nDelete it and its links? Ctrl+Z brings both back.",
            ),
            what,
            "\n".join(heads),
        ),
        translate("ClaimLinks", "Delete"),
    )


def confirm_relabel_linked(
    project: Project, span: Span, label: str, text: str, parent: QWidget | None
) -> bool:
    """Ask before a relabel that removes links (a claimer relabelled as a cue is no
    claimer); True: go on. Undo restores the label and the links."""
    lost = links_a_relabel_drops(project, span.id, label)
    if not lost:
        return True
    heads = []
    for link in lost:
        other = project.spans.get(link.head if link.child == span.id else link.child or link.head)
        heads.append(f"{link.type}: {isolate(snippet(text[other.start : other.end]))}")
    return _ask(
        parent,
        translate("ClaimLinks", "Relabel a linked span?"),
        fill(
            translate(
                "ClaimLinks",
                "As %1, %2 can no longer be linked as:\n%3\n\n"
                "Relabel it and remove those links? Ctrl+Z brings them back.",
            ),
            label,
            _quoted(span, text),
            "\n".join(heads),
        ),
        translate("ClaimLinks", "Relabel"),
    )


def confirm_delete_linked(project: Project, span: Span, text: str, parent: QWidget | None) -> bool:
    """Ask before deleting a span that is a claim's claimer or cue; True: go on.

    The claims are named (``claimer: «وجود اي تفاق…»``); the core removes the
    links with the span, and undo restores both.
    """
    heads = []
    for link in project.links.touching(span.id):
        if link.child == span.id:
            head = project.spans.get(link.head)
            heads.append(f"{link.type}: {isolate(snippet(text[head.start : head.end]))}")
    if not heads:
        return True
    return ask_delete_linked(parent, _quoted(span, text), heads)
