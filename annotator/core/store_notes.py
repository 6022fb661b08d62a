"""The store's document notes: each annotator's note and "unsure" flag on a document.

Part of the store layer (the only code that writes SQL); the edit is
:class:`annotator.core.note_edits.SetDocumentNote`. One row per (document,
annotator), in ``document_notes`` (migration ``0009_document_notes``). A note
cleared keeps its row, empty, with the time it was cleared: a merge then
carries the clearing as it carries any newer note (newest ``updated`` wins).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core import names
from annotator.core.model import DocId

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["FLAG_META", "NOTE_META", "UNSURE", "DocumentNote", "DocumentNotes"]

#: The one flag there is (as on spans): the annotator is not sure of the document.
UNSURE = "unsure"

#: A JSONL line's ``meta`` keys for its annotator's note and flag on the document
#: (the export writes them, the import takes them out of the document's meta).
NOTE_META, FLAG_META = "annotator_note", "annotator_flag"

_COLUMNS = "doc_id, annotator, note, flag, updated"


@dataclass(frozen=True, slots=True)
class DocumentNote:
    """An annotator's remark on a document; ``note`` empty and ``flag`` false: none."""

    doc_id: DocId
    annotator: str
    note: str = ""
    flag: bool = False
    updated: str = ""

    @property
    def empty(self) -> bool:
        return not self.note and not self.flag


def _note(row: Sequence[Any]) -> DocumentNote:
    return DocumentNote(DocId(row[0]), str(row[1]), str(row[2]), row[3] == UNSURE, str(row[4]))


class DocumentNotes:
    """``project.document_notes``: read and write (document, annotator) notes."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def get(self, doc_id: int, annotator: str) -> DocumentNote | None:
        """The row of (document, annotator), an empty one included; ``None``: never set."""
        row = self._p._conn.execute(
            f"SELECT {_COLUMNS} FROM document_notes WHERE doc_id = ? AND annotator = ?",
            [doc_id, annotator],
        ).fetchone()
        return _note(row) if row else None

    def for_annotator(self, annotator: str) -> dict[DocId, DocumentNote]:
        """The annotator's notes that say something (empty rows left out)."""
        return {
            note.doc_id: note
            for note in map(
                _note,
                self._p._conn.execute(
                    f"SELECT {_COLUMNS} FROM document_notes"
                    " WHERE annotator = ? AND (note != '' OR flag != '')",
                    [annotator],
                ),
            )
        }

    def for_documents(self, doc_ids: Sequence[int]) -> dict[tuple[DocId, str], DocumentNote]:
        """Non-empty notes of these documents, by (document, annotator); a few hundred
        ids per query."""
        out: dict[tuple[DocId, str], DocumentNote] = {}
        ids = list(doc_ids)
        for first in range(0, len(ids), 500):
            chunk = ids[first : first + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._p._conn.execute(
                f"SELECT {_COLUMNS} FROM document_notes WHERE doc_id IN ({marks})"
                " AND (note != '' OR flag != '')",
                chunk,
            ):
                note = _note(row)
                out[note.doc_id, note.annotator] = note
        return out

    def all(self) -> list[DocumentNote]:
        """Every non-empty note, in document order, then by annotator."""
        return [
            _note(row)
            for row in self._p._conn.execute(
                f"SELECT {_COLUMNS} FROM document_notes WHERE note != '' OR flag != ''"
                " ORDER BY doc_id, annotator"
            )
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per annotator: documents ``flagged`` unsure and documents with a ``noted`` text."""
        return {
            str(annotator): {"flagged": int(flagged), "noted": int(noted)}
            for annotator, flagged, noted in self._p._conn.execute(
                "SELECT annotator, sum(flag != ''), sum(note != '') FROM document_notes"
                " WHERE note != '' OR flag != '' GROUP BY annotator ORDER BY annotator"
            )
        }

    def put(self, note: DocumentNote) -> None:
        """Write the row of (``note.doc_id``, ``note.annotator``), empty or not."""
        names.check_annotator_name(note.annotator)
        self._p.documents.info(note.doc_id)  # UnknownDocument names it
        self._p._conn.execute(
            f"INSERT OR REPLACE INTO document_notes({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            [note.doc_id, note.annotator, note.note, UNSURE if note.flag else "", note.updated],
        )

    def put_many(self, notes: Iterable[DocumentNote]) -> None:
        """Write rows as they are (a hand-out, an import), in the caller's transaction."""
        with self._p.transaction():
            for note in notes:
                self.put(note)


# --- merge (called by store_merge.merge_rows, inside its transaction) -------------


def merge_document_notes(project: Project, src: str) -> int:
    """Upsert the attached file's document notes: newer rows win (statuses' rule).

    Call after ``temp.merge_doc_map`` maps the file's documents to ours, and after
    the file's rows were checked (``store_untrusted.check_rows``).

    :returns: the rows added or changed.
    """
    conn = project._conn
    conn.execute(
        f"""
        INSERT INTO main.document_notes({_COLUMNS})
        SELECT m.doc_id, s.annotator, s.note, s.flag, s.updated
        FROM {src}.document_notes s JOIN temp.merge_doc_map m ON m.src_id = s.doc_id
        WHERE true
        ON CONFLICT(doc_id, annotator) DO UPDATE SET
            note = excluded.note, flag = excluded.flag, updated = excluded.updated
        WHERE excluded.updated > document_notes.updated
        """
    )
    return int(conn.execute("SELECT changes()").fetchone()[0])
