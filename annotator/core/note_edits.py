"""An annotator's remark on a span: a short plain-text note and an "unsure" flag.

Both live in the span's ``attrs`` (``note``: text, ``flag``: ``"unsure"``), so
they travel with the span wherever ``attrs`` does: a merge (newest ``updated``
wins, and this edit sets ``updated``), a hand-out, the JSONL export and its
import. They are bookkeeping keys, not label attributes
(:mod:`annotator.core.attributes`), so any label's span may carry them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.change import Change
from annotator.core.errors import InvalidAttribute
from annotator.core.model import DocId, SpanId, utc_now

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["FLAG_KEY", "NOTE_KEY", "NOTE_MAX", "UNSURE", "SetSpanNote", "span_flag", "span_note"]

NOTE_KEY = "note"
FLAG_KEY = "flag"
#: The one flag there is: the annotator is not sure of this span.
UNSURE = "unsure"
#: A note is a remark, not an essay; longer text is refused, not cut.
NOTE_MAX = 2000


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
        note = self.note.strip()
        if len(note) > NOTE_MAX:
            raise InvalidAttribute(
                f"A note has at most {NOTE_MAX} characters; this one has {len(note)}. Shorten it."
            )
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
