"""User edits as plain command objects.

Each edit's :meth:`apply` and :meth:`revert` is one transaction and returns a
:class:`Change` saying what changed, so every view can refresh from it. They
follow the :class:`~annotator.core.change.Edit` protocol; the GUI wraps them in
``QUndoCommand`` (:mod:`annotator.gui.ops`); the core knows nothing of Qt. Deletes are
tombstones (``deleted`` set), so merges and audits stay correct, and undoing a
delete brings the same span id back. A span's links (a claim's claimer and cue,
:mod:`annotator.core.claim_edits`) go with it: removing an entity that is a
claimer removes that link in the same edit, and undo restores both.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from annotator.core.change import Change, Edit
from annotator.core.claim_edits import detach_links, restore_links
from annotator.core.errors import AnnotatorError, SpanOverlapsEntity
from annotator.core.links import Link, check_link
from annotator.core.model import DocId, Span, SpanId, Status, StatusRecord, utc_now

if TYPE_CHECKING:
    from annotator.core.store import Project, SpanTable

__all__ = [
    "AddSpan",
    "AddTime",
    "Change",
    "Edit",
    "RelabelSpan",
    "RemoveSpan",
    "SetStatus",
    "links_a_relabel_drops",
]


def _table(project: Project, gold: bool) -> SpanTable:
    return project.gold if gold else project.spans


@dataclass
class AddSpan:
    """Add a span; an entity covering exactly the characters of another one replaces it.

    :param replace_identical: when an entity/place of the same annotator covers
        exactly ``start``–``end``, tombstone it and add this one (a relabel by
        re-marking); otherwise the overlap is refused.
    """

    doc_id: DocId
    annotator: str
    label: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    gold: bool = False
    replace_identical: bool = True
    span_id: SpanId | None = None
    replaced: Span | None = None
    #: Links of the replaced span, moved to this one (a claimer re-marked stays one).
    moved: list[tuple[Link, str]] = field(default_factory=list)

    def apply(self, project: Project) -> Change:
        table = _table(project, self.gold)
        with project.transaction():
            identical = table.check(self.doc_id, self.annotator, self.label, self.start, self.end)
            if identical is not None and not self.replace_identical:
                raise SpanOverlapsEntity(
                    f"{identical.label} already covers {self.start}–{self.end}.",
                    existing_id=identical.id,
                )
            now = utc_now()
            self.replaced = identical
            # Redo keeps the id the first apply gave, so later undo entries still match.
            self.span_id = self.span_id or table.new_id()
            span = Span(
                self.span_id,
                self.doc_id,
                self.annotator,
                self.label,
                self.start,
                self.end,
                dict(self.attrs),
                now,
                now,
                None,
            )
            table.upsert(span)
            if identical is not None:
                # While both are live, so the links' spans check as they are.
                self.moved = _move_links(project, identical, span, self.gold, self.moved)
                table.set_deleted(identical.id, now, updated=now)
        ids = (self.span_id,) + ((self.replaced.id,) if self.replaced else ())
        return Change(self.doc_id, ids, gold=self.gold)

    def describe(self) -> str:
        return f"Add {'gold ' if self.gold else ''}{self.label} {self.start}–{self.end}"

    def revert(self, project: Project) -> Change:
        assert self.span_id is not None, "revert before apply"
        table = _table(project, self.gold)
        with project.transaction():
            now = utc_now()
            table.set_deleted(self.span_id, now, updated=now)
            if self.replaced is not None:
                table.set_deleted(self.replaced.id, None, updated=now)
                links = project.gold_links if self.gold else project.links
                for old, new_id in self.moved:
                    links.set_deleted(new_id, now, updated=now)
                    links.set_deleted(old.id, None, updated=now)
        ids = (self.span_id,) + ((self.replaced.id,) if self.replaced else ())
        return Change(self.doc_id, ids, gold=self.gold)


def _move_links(
    project: Project, old: Span, new: Span, gold: bool, before: list[tuple[Link, str]]
) -> list[tuple[Link, str]]:
    """Move the live links of ``old`` to ``new`` (new ids: links are never re-pointed
    in place, so a merge sees the change); links ``new``'s label does not allow
    are left with ``old`` (gone with it). ``before``: the ids a first apply gave."""
    links = project.gold_links if gold else project.links
    labels = {label.name: label for label in project.labels.list()}
    table = _table(project, gold)
    ids = {old_link.id: new_id for old_link, new_id in before}
    moved: list[tuple[Link, str]] = []
    now = utc_now()
    for link in links.touching(old.id):
        head = new if link.head == old.id else table.get(link.head)
        child = new if link.child == old.id else (table.get(link.child) if link.child else None)
        try:
            check_link(project.link_types.get(link.type), head, child, link.value, labels)
        except AnnotatorError:
            continue
        new_id = ids.get(link.id) or links.new_id()
        links.set_deleted(link.id, now, updated=now)
        links.upsert(
            Link(
                new_id,
                link.doc_id,
                link.annotator,
                link.type,
                head.id,
                child.id if child else None,
                link.value,
                now,
                now,
            )
        )
        moved.append((link, new_id))
    return moved


@dataclass
class RemoveSpan:
    """Tombstone a span and the links touching it (a claimer's link to its claim)."""

    span_id: SpanId
    gold: bool = False
    removed: Span | None = None
    #: The links removed with the span (restored by ``revert``).
    unlinked: list[Link] = field(default_factory=list)

    def apply(self, project: Project) -> Change:
        table = _table(project, self.gold)
        with project.transaction():
            self.removed = table.get(self.span_id)
            self.unlinked = detach_links(project, [self.span_id], gold=self.gold)
            now = utc_now()
            table.set_deleted(self.span_id, now, updated=now)
        return self._change()

    def _change(self) -> Change:
        assert self.removed is not None
        others = [k.child if k.head == self.span_id else k.head for k in self.unlinked]
        ids = tuple(dict.fromkeys([self.span_id, *(SpanId(i) for i in others if i)]))
        return Change(self.removed.doc_id, ids, gold=self.gold)

    def describe(self) -> str:
        what = (
            f"{self.removed.label} {self.removed.start}–{self.removed.end}" if self.removed else ""
        )
        return f"Remove {'gold ' if self.gold else ''}span {what}".strip()

    def revert(self, project: Project) -> Change:
        assert self.removed is not None, "revert before apply"
        table = _table(project, self.gold)
        with project.transaction():
            span = self.removed
            # An undo must not create an overlap that appeared meanwhile.
            table.check(
                span.doc_id, span.annotator, span.label, span.start, span.end, ignore=(span.id,)
            )
            table.set_deleted(self.span_id, None, updated=utc_now())
            restore_links(project, self.unlinked, gold=self.gold)
        return self._change()


@dataclass
class RelabelSpan:
    span_id: SpanId
    label: str
    gold: bool = False
    previous: str | None = None
    doc_id: DocId | None = None
    #: Links the new label does not allow (a claimer relabelled as a claim), removed.
    unlinked: list[Link] = field(default_factory=list)

    def apply(self, project: Project) -> Change:
        return self._set(project, self.label, remember=True)

    def describe(self) -> str:
        return f"Relabel {self.previous or 'span'} → {self.label}"

    def revert(self, project: Project) -> Change:
        assert self.previous is not None, "revert before apply"
        return self._set(project, self.previous, remember=False)

    def _set(self, project: Project, label: str, *, remember: bool) -> Change:
        table = _table(project, self.gold)
        with project.transaction():
            span = table.get(self.span_id)
            if remember:
                self.previous = span.label
            # Moving a span between layers (claim <-> entity) needs the overlap check.
            table.check(span.doc_id, span.annotator, label, span.start, span.end, ignore=(span.id,))
            if remember:
                table.set_label(self.span_id, label, updated=utc_now())
                self.unlinked = _links_not_allowed(project, self.span_id, self.gold)
                for link in self.unlinked:
                    now = utc_now()
                    (project.gold_links if self.gold else project.links).set_deleted(
                        link.id, now, updated=now
                    )
            else:
                restore_links(project, self.unlinked, gold=self.gold)
                table.set_label(self.span_id, label, updated=utc_now())
        self.doc_id = span.doc_id
        return Change(span.doc_id, (self.span_id,), gold=self.gold)


def _links_not_allowed(project: Project, span_id: str, gold: bool) -> list[Link]:
    """Live links touching ``span_id`` its (new) label no longer allows."""
    return links_a_relabel_drops(project, span_id, None, gold=gold)


def links_a_relabel_drops(
    project: Project, span_id: str, label: str | None, *, gold: bool = False
) -> list[Link]:
    """Live links touching ``span_id`` that giving it ``label`` would remove
    (``None``: its label as stored): a claimer relabelled as a claim is no claimer.

    :class:`RelabelSpan` removes them (and undo restores them); a window asks first.
    """
    links = project.gold_links if gold else project.links
    table = _table(project, gold)
    labels = {label.name: label for label in project.labels.list()}

    def as_relabelled(span: Span) -> Span:
        return replace(span, label=label) if label is not None and span.id == span_id else span

    bad = []
    for link in links.touching(span_id):
        head = as_relabelled(table.get(link.head))
        child = as_relabelled(table.get(link.child)) if link.child else None
        try:
            check_link(project.link_types.get(link.type), head, child, link.value, labels)
        except AnnotatorError:
            bad.append(link)
    return bad


@dataclass
class SetStatus:
    doc_id: DocId
    annotator: str
    status: Status
    previous: StatusRecord | None = None
    _applied: bool = False

    def apply(self, project: Project) -> Change:
        with project.transaction():
            self.previous = project.statuses.get(self.doc_id, self.annotator)
            seconds = self.previous.seconds if self.previous else 0.0
            project.statuses.put(
                StatusRecord(self.doc_id, self.annotator, Status(self.status), seconds, utc_now()),
                doc_id=self.doc_id,
                annotator=self.annotator,
            )
        self._applied = True
        return Change(self.doc_id, status_changed=True)

    def describe(self) -> str:
        return f"Mark {Status(self.status).value.replace('_', ' ')}"

    def revert(self, project: Project) -> Change:
        assert self._applied, "revert before apply"
        with project.transaction():
            current = project.statuses.get(self.doc_id, self.annotator)
            previous = self.previous
            if previous is not None and current is not None:
                # Time spent since stays counted: undo restores the status, not the clock.
                previous = StatusRecord(
                    previous.doc_id, previous.annotator, previous.status, current.seconds, utc_now()
                )
            elif previous is None and current is not None and current.seconds > 0:
                previous = StatusRecord(
                    self.doc_id, self.annotator, Status.IN_PROGRESS, current.seconds, utc_now()
                )
            project.statuses.put(previous, doc_id=self.doc_id, annotator=self.annotator)
        return Change(self.doc_id, status_changed=True)


@dataclass
class AddTime:
    """Add time spent on a document; a new document becomes ``in_progress``."""

    doc_id: DocId
    annotator: str
    seconds: float

    def apply(self, project: Project) -> Change:
        with project.transaction():
            current = project.statuses.get(self.doc_id, self.annotator)
            status = current.status if current else Status.IN_PROGRESS
            if status is Status.NEW:
                status = Status.IN_PROGRESS
            seconds = (current.seconds if current else 0.0) + max(0.0, self.seconds)
            project.statuses.put(
                StatusRecord(self.doc_id, self.annotator, status, seconds, utc_now()),
                doc_id=self.doc_id,
                annotator=self.annotator,
            )
        return Change(self.doc_id, status_changed=True)

    def describe(self) -> str:
        return f"Time spent ({self.seconds:.0f} s)"

    def revert(self, project: Project) -> Change:
        # Time spent was spent: undoing the edits of a session does not give it back.
        return Change(self.doc_id)
