"""The annotators' notes and "unsure" flags on the documents under review.

Each annotator may leave a note and an "unsure" flag on a whole document (the
editor's document note, :class:`~annotator.core.note_edits.SetDocumentNote`).
The lead settling a disputed document sees them where it matters: ⚑/✎ on the
document's row of the list to adjudicate (every annotator's in the tooltip) and
each annotator's beside their version. Read through ``project.document_notes``;
every character of a note is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.core.store_notes import DocumentNote
from annotator.gui.common import plain_tooltip
from annotator.gui.documents_model import NOTE_MARK, UNSURE_MARK
from annotator.gui.i18n import translate

__all__ = ["note_marks", "note_text", "notes_by_document", "notes_tooltip"]


def notes_by_document(
    project: Project, doc_ids: Sequence[int]
) -> dict[DocId, dict[str, DocumentNote]]:
    """The non-empty notes of these documents, by document, then annotator (sorted)."""
    found: dict[DocId, dict[str, DocumentNote]] = {}
    for (doc_id, annotator), note in sorted(project.document_notes.for_documents(doc_ids).items()):
        found.setdefault(doc_id, {})[annotator] = note
    return found


def note_marks(notes: Iterable[DocumentNote]) -> str:
    """⚑ when any annotator flagged the document unsure, ✎ when any wrote a note."""
    notes = list(notes)
    flagged = any(note.flag for note in notes)
    noted = any(note.note for note in notes)
    return " ".join(mark for mark, on in ((UNSURE_MARK, flagged), (NOTE_MARK, noted)) if on)


def note_text(note: DocumentNote) -> str:
    """One annotator's flag and note as plain text: ``⚑ unsure — the date is not clear``."""
    parts = [f"{UNSURE_MARK} " + translate("Review", "unsure")] if note.flag else []
    if note.note:
        parts.append(note.note if note.flag else f"{NOTE_MARK} {note.note}")
    return " — ".join(parts)


def notes_tooltip(notes: Iterable[DocumentNote]) -> str | None:
    """Each annotator's flag and note, one per line (``None``: nobody left one)."""
    lines = [f"{note.annotator}: {note_text(note)}" for note in notes if not note.empty]
    return plain_tooltip("\n".join(lines)) if lines else None
