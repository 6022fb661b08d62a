"""An annotator's remark on a span or a document: a short plain-text note and an
"unsure" flag.

A span's live in its ``attrs`` (``note``: text, ``flag``: ``"unsure"``), so
they travel with the span wherever ``attrs`` does: a merge (newest ``updated``
wins, and this edit sets ``updated``), a hand-out, the JSONL export and its
import. They are bookkeeping keys, not label attributes
(:mod:`annotator.core.attributes`), so any label's span may carry them.

A document's are per annotator, in their own table (``project.document_notes``,
:mod:`annotator.core.store_notes`), with the same rules: a merge and a hand-out
carry them newest first, the JSONL export writes them in the line's ``meta``
(``annotator_note``, ``annotator_flag``) and its import reads them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.change import Change
from annotator.core.errors import InvalidAttribute
from annotator.core.model import DocId, SpanId, utc_now
from annotator.core.store_notes import UNSURE, DocumentNote

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = [
    "FLAG_KEY",
    "NOTE_KEY",
    "NOTE_MAX",
    "UNSURE",
    "SetDocumentNote",
    "SetSpanNote",
    "span_flag",
    "span_note",
]

NOTE_KEY = "note"
FLAG_KEY = "flag"
#: A note is a remark, not an essay; longer text is refused, not cut.
NOTE_MAX = 2000


def _checked(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise InvalidAttribute(
            f"A note has at most {NOTE_MAX} characters; this one has {len(note)}. Shorten it."
        )
    return note


def span_note(attrs: dict[str, Any]) -> str:
    """The span's note ("" when none)."""
    note = attrs.get(NOTE_KEY)
    return note if isinstance(note, str) else ""


def span_flag(attrs: dict[str, Any]) -> bool:
    """Whether the span is flagged "unsure"."""
    return attrs.get(FLAG_KEY) == UNSURE


@dataclass
class SetSpanNote:
    """Set a span's note and "unsure" flag (an empty note, ``flag=False``: none).

    :raises InvalidAttribute: the note is longer than :data:`NOTE_MAX` characters.
    """

    span_id: SpanId
    note: str = ""
    flag: bool = False
    gold: bool = False
    previous: dict[str, Any] = field(default_factory=dict, repr=False)
    doc_id: DocId | None = None
    _applied: bool = False

    def apply(self, project: Project) -> Change:
        note = _checked(self.note)
        spans = project.gold if self.gold else project.spans
        with project.transaction():
            span = spans.get(self.span_id)
            self.previous = {k: span.attrs[k] for k in (NOTE_KEY, FLAG_KEY) if k in span.attrs}
            attrs = dict(span.attrs)
            attrs.pop(NOTE_KEY, None)
            attrs.pop(FLAG_KEY, None)
            if note:
                attrs[NOTE_KEY] = note
            if self.flag:
                attrs[FLAG_KEY] = UNSURE
            if attrs == span.attrs:
                self._applied = True
                self.doc_id = span.doc_id
                return Change(None)
            spans.set_attrs(self.span_id, attrs, updated=utc_now())
        self.doc_id = span.doc_id
        self._applied = True
        return Change(span.doc_id, (self.span_id,), gold=self.gold)

    def revert(self, project: Project) -> Change:
        assert self._applied, "revert before apply"
        spans = project.gold if self.gold else project.spans
        with project.transaction():
            span = spans.get(self.span_id)
            attrs = {k: v for k, v in span.attrs.items() if k not in (NOTE_KEY, FLAG_KEY)}
            attrs.update(self.previous)
            spans.set_attrs(self.span_id, attrs, updated=utc_now())
        return Change(span.doc_id, (self.span_id,), gold=self.gold)

    def describe(self) -> str:
        if not self.note.strip() and not self.flag:
            return "Clear note"
        return "Flag unsure" if self.flag and not self.note.strip() else "Set note"


@dataclass
class SetDocumentNote:
    """Set an annotator's note and "unsure" flag on a document (empty, ``False``: none).

    Every apply and revert writes the time it ran, so the newest edit wins a merge
    (an undo too: it is the newer word).

    :raises InvalidAttribute: the note is longer than :data:`NOTE_MAX` characters.
    :raises InvalidName: an empty or malformed annotator name.
    :raises UnknownDocument: no such document.
    """

    doc_id: DocId
    annotator: str
    note: str = ""
    flag: bool = False
    previous: DocumentNote | None = field(default=None, repr=False)
    _applied: bool = False

    def apply(self, project: Project) -> Change:
        note = _checked(self.note)
        with project.transaction():
            before = project.document_notes.get(self.doc_id, self.annotator)
            self.previous = before
            self._applied = True
            was = (before.note, before.flag) if before is not None else ("", False)
            if was == (note, self.flag):
                return Change(None)
            project.document_notes.put(
                DocumentNote(self.doc_id, self.annotator, note, self.flag, utc_now())
            )
        return Change(self.doc_id, document_note_changed=True)

    def revert(self, project: Project) -> Change:
        assert self._applied, "revert before apply"
        before = self.previous
        with project.transaction():
            project.document_notes.put(
                DocumentNote(
                    self.doc_id,
                    self.annotator,
                    before.note if before is not None else "",
                    before.flag if before is not None else False,
                    utc_now(),
                )
            )
        return Change(self.doc_id, document_note_changed=True)

    def describe(self) -> str:
        if not self.note.strip() and not self.flag:
            return "Clear document note"
        if self.flag and not self.note.strip():
            return "Flag document unsure"
        return "Set document note"
