"""Edits of a claim's structure: its attributes and its links.

- :class:`SetAttribute` sets (or, with ``value=None``, clears) one attribute of a
  span, checked against its label's definition (``stance``, ``check_worthy``);
  :class:`SetAttributes` several at once, as one undo step (the editor's dialog);
- :class:`SetLink` links a span to another (a claim to its claimer entity or its
  cue) or to an implicit value (``author``, ``unnamed source``, ``unknown``); a
  link type that is ``single`` keeps one link per head, so setting a claimer
  replaces the one before;
- :class:`RemoveLink` unlinks.

Each is an :class:`~annotator.core.change.Edit` (one transaction, undone by
``revert``; redo gives the same ids). Their :class:`Change` names the head and
child spans, which is what a view redraws. Removing a span takes its links
with it (:class:`annotator.core.edits.RemoveSpan`, using :func:`detach_links`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.attributes import check_value
from annotator.core.change import Change
from annotator.core.errors import InvalidLink
from annotator.core.links import CLAIMER, CUE, Link, check_link
from annotator.core.model import DocId, SpanId, utc_now

if TYPE_CHECKING:
    from annotator.core.store import Project, SpanTable
    from annotator.core.store_links import LinkTable

__all__ = [
    "RemoveLink",
    "SetAttribute",
    "SetAttributes",
    "SetClaimer",
    "SetCue",
    "SetLink",
    "detach_links",
]

_MISSING = object()


def _tables(project: Project, gold: bool) -> tuple[SpanTable, LinkTable]:
    if gold:
        return project.gold, project.gold_links
    return project.spans, project.links


def detach_links(
    project: Project, span_ids: Iterable[str], *, gold: bool, keep: Iterable[str] = ()
) -> list[Link]:
    """Tombstone the live links touching ``span_ids`` (inside a transaction).

    :param keep: link ids to leave alone.
    :returns: the links tombstoned, to restore on undo with :func:`restore_links`.
    """
    _spans, links = _tables(project, gold)
    skip = set(keep)
    now = utc_now()
    detached: dict[str, Link] = {}
    for span_id in span_ids:
        for link in links.touching(span_id):
            if link.id not in skip and link.id not in detached:
                links.set_deleted(link.id, now, updated=now)
                detached[link.id] = link
    return list(detached.values())


def restore_links(project: Project, detached: Iterable[Link], *, gold: bool) -> None:
    """Bring back links :func:`detach_links` tombstoned (same ids)."""
    _spans, links = _tables(project, gold)
    now = utc_now()
    for link in detached:
        links.set_deleted(link.id, None, updated=now)


@dataclass
class SetAttribute:
    """Set attribute ``key`` of a span to ``value`` (``None``: clear it).

    :raises InvalidAttribute: the span's label has no such attribute, or the value
        is not one it allows.
    """

    span_id: SpanId
    key: str
    value: Any
    gold: bool = False
    previous: Any = field(default=_MISSING, repr=False)
    doc_id: DocId | None = None
    _applied: bool = False

    def apply(self, project: Project) -> Change:
        spans, _links = _tables(project, self.gold)
        with project.transaction():
            span = spans.get(self.span_id)
            label = project.labels.get(span.label)
            if self.value is not None:
                check_value(label.name, label.attributes, self.key, self.value)
            elif label.attribute(self.key) is None:
                check_value(label.name, label.attributes, self.key, None)  # names the known ones
            self.previous = span.attrs.get(self.key, _MISSING)
            attrs = dict(span.attrs)
            if self.value is None:
                attrs.pop(self.key, None)
            else:
                attrs[self.key] = self.value
            spans.set_attrs(self.span_id, attrs, updated=utc_now())
        self.doc_id = span.doc_id
        self._applied = True
        return Change(span.doc_id, (self.span_id,), gold=self.gold)

    def revert(self, project: Project) -> Change:
        assert self._applied, "revert before apply"
        spans, _links = _tables(project, self.gold)
        with project.transaction():
            span = spans.get(self.span_id)
            attrs = dict(span.attrs)
            if self.previous is _MISSING:
                attrs.pop(self.key, None)
            else:
                attrs[self.key] = self.previous
            spans.set_attrs(self.span_id, attrs, updated=utc_now())
        return Change(span.doc_id, (self.span_id,), gold=self.gold)

    def describe(self) -> str:
        if self.value is None:
            return f"Clear {self.key}"
        shown = {True: "yes", False: "no"}.get(self.value, self.value)
        return f"Set {self.key} to {shown}"


@dataclass
class SetAttributes:
    """Set several attributes of one span in one transaction (``None`` clears one).

    :raises InvalidAttribute: any value is refused; then none is set.
    """

    span_id: SpanId
    values: dict[str, Any]
    gold: bool = False
    _edits: list[SetAttribute] = field(default_factory=list, repr=False)

    def apply(self, project: Project) -> Change:
        edits = [SetAttribute(self.span_id, k, v, gold=self.gold) for k, v in self.values.items()]
        with project.transaction():
            changes = [edit.apply(project) for edit in edits]
        self._edits = edits
        doc_id = changes[0].doc_id if changes else None
        return Change(doc_id, (self.span_id,) if changes else (), gold=self.gold)

    def revert(self, project: Project) -> Change:
        with project.transaction():
            changes = [edit.revert(project) for edit in reversed(self._edits)]
        doc_id = changes[0].doc_id if changes else None
        return Change(doc_id, (self.span_id,) if changes else (), gold=self.gold)

    def describe(self) -> str:
        return "Set " + ", ".join(self.values) if self.values else "Set nothing"


@dataclass
class SetLink:
    """Link span ``head`` to span ``child``, or to the implicit ``value``.

    :param link_type: a link type of the project (``claimer``, ``cue``, ...).
    :raises InvalidLink: the type does not allow it (see
        :func:`annotator.core.links.check_link`), or the same link is there already.
    """

    head: SpanId
    link_type: str
    child: SpanId | None = None
    value: str | None = None
    gold: bool = False
    link_id: str | None = None
    replaced: list[Link] = field(default_factory=list)
    doc_id: DocId | None = None

    def apply(self, project: Project) -> Change:
        spans, links = _tables(project, self.gold)
        with project.transaction():
            link_type = project.link_types.get(self.link_type)
            head = spans.get(self.head)
            child = spans.get(self.child) if self.child is not None else None
            labels = {label.name: label for label in project.labels.list()}
            check_link(link_type, head, child, self.value, labels)
            existing = links.of_head(self.head, self.link_type)
            if any(k.child == self.child and k.value == self.value for k in existing):
                raise InvalidLink(f"{head.label} {head.start}–{head.end} has this link already.")
            now = utc_now()
            self.replaced = existing if link_type.single else []
            for old in self.replaced:
                links.set_deleted(old.id, now, updated=now)
            # Redo keeps the id of the first apply, so later undo entries still match.
            self.link_id = self.link_id or links.new_id()
            links.upsert(
                Link(
                    self.link_id,
                    head.doc_id,
                    head.annotator,
                    self.link_type,
                    self.head,
                    self.child,
                    self.value,
                    now,
                    now,
                )
            )
        self.doc_id = head.doc_id
        return self._change()

    def revert(self, project: Project) -> Change:
        assert self.link_id is not None, "revert before apply"
        _spans, links = _tables(project, self.gold)
        with project.transaction():
            now = utc_now()
            links.set_deleted(self.link_id, now, updated=now)
            for old in self.replaced:
                links.set_deleted(old.id, None, updated=now)
        return self._change()

    def describe(self) -> str:
        return f"Set {self.link_type}" + (f" to {self.value}" if self.value else "")

    def _change(self) -> Change:
        ids = [self.head] + [SpanId(c) for c in (self.child,) if c]
        ids += [SpanId(k.child) for k in self.replaced if k.child]
        return Change(self.doc_id, tuple(dict.fromkeys(ids)), gold=self.gold)


def SetClaimer(  # noqa: N802 - reads as the edit it makes
    claim: SpanId, *, entity: SpanId | None = None, implicit: str | None = None, gold: bool = False
) -> SetLink:
    """The claimer of ``claim``: an entity span, or an implicit value (``author``, …)."""
    return SetLink(claim, CLAIMER, child=entity, value=implicit, gold=gold)


def SetCue(claim: SpanId, cue: SpanId, *, gold: bool = False) -> SetLink:  # noqa: N802
    """The cue span (قال، أكد، نفى) that introduces ``claim``."""
    return SetLink(claim, CUE, child=cue, gold=gold)


@dataclass
class RemoveLink:
    """Unlink: tombstone one link; undo brings the same link back."""

    link_id: str
    gold: bool = False
    removed: Link | None = None

    def apply(self, project: Project) -> Change:
        _spans, links = _tables(project, self.gold)
        with project.transaction():
            self.removed = links.get(self.link_id)
            now = utc_now()
            links.set_deleted(self.link_id, now, updated=now)
        return self._change()

    def revert(self, project: Project) -> Change:
        assert self.removed is not None, "revert before apply"
        _spans, links = _tables(project, self.gold)
        with project.transaction():
            links.set_deleted(self.link_id, None, updated=utc_now())
        return self._change()

    def describe(self) -> str:
        return f"Remove {self.removed.type if self.removed else 'link'}"

    def _change(self) -> Change:
        assert self.removed is not None
        ids = [SpanId(self.removed.head)] + (
            [SpanId(self.removed.child)] if self.removed.child else []
        )
        return Change(self.removed.doc_id, tuple(ids), gold=self.gold)
