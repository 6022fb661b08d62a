"""Adjudication: settle annotators' disagreements into gold spans.

A document's spans (of the annotators who finished it) are grouped into
*rows*: spans of one layer that overlap, directly or through others, form one
row. A row is ``unanimous`` when every annotator has the same single span,
``missing`` when some annotator has nothing there, ``label`` when the offsets
agree and the labels do not, ``boundary`` when the labels agree and the
offsets do not, ``both`` otherwise. The lead accepts one annotator's version
of a row (:class:`AcceptVersion`, :class:`RejectRow`, or :class:`AcceptMajority`
for the whole document) into gold, edits gold with the same edits as the editor,
and marks the document adjudicated (:class:`MarkAdjudicated`). Each is an
:class:`~annotator.core.change.Edit`: one transaction, undone by ``revert``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core.agreement import (
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    compute_agreement,
)
from annotator.core.attributes import attribute_values
from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.links import Link
from annotator.core.model import DocId, Span, SpanId, Status, utc_now
from annotator.core.review import finished_by
from annotator.core.store import AdjudicationRecord, Project
from annotator.core.tokenizer import token_offsets

GOLD = "gold"
ROW_KINDS = ("unanimous", "label", "boundary", "both", "missing")


class NothingToAdjudicate(AnnotatorError):
    code = "E033"


@dataclass(frozen=True, slots=True)
class Row:
    """Overlapping spans of one layer, grouped by annotator."""

    layer: str
    start: int
    end: int
    versions: dict[str, tuple[Span, ...]]
    kind: str
    disputed: tuple[tuple[int, int], ...]

    def version_key(self, annotator: str) -> tuple[tuple[int, int, str], ...]:
        return tuple((s.start, s.end, s.label) for s in self.versions.get(annotator, ()))


def _kind(versions: dict[str, tuple[Span, ...]], annotators: Sequence[str]) -> str:
    if any(not versions.get(a) for a in annotators):
        return "missing"
    keys = {tuple((s.start, s.end, s.label) for s in versions[a]) for a in annotators}
    if len(keys) == 1:
        return "unanimous"
    offsets = {tuple((s.start, s.end) for s in versions[a]) for a in annotators}
    labels = {tuple(sorted({s.label for s in versions[a]})) for a in annotators}
    if len(offsets) == 1:
        return "label"
    if len(labels) == 1:
        return "boundary"
    return "both"


def _disputed(
    versions: dict[str, tuple[Span, ...]], annotators: Sequence[str], start: int, end: int
) -> tuple[tuple[int, int], ...]:
    """Characters of the row not covered the same way (same label) by everyone."""

    def cover(a: str, i: int) -> str | None:
        for s in versions.get(a, ()):
            if s.start <= i < s.end:
                return s.label
        return None

    runs: list[tuple[int, int]] = []
    for i in range(start, end):
        if len({cover(a, i) for a in annotators}) > 1:
            if runs and runs[-1][1] == i:
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
    return tuple(runs)


def _row(layer: str, cluster: list[Span], names: Sequence[str]) -> Row:
    versions = {a: tuple(s for s in cluster if s.annotator == a) for a in names}
    versions = {a: v for a, v in versions.items() if v}
    start, end = min(s.start for s in cluster), max(s.end for s in cluster)
    return Row(
        layer, start, end, versions, _kind(versions, names), _disputed(versions, names, start, end)
    )


def document_rows(
    project: Project, doc_id: DocId, annotators: Sequence[str] | None = None
) -> tuple[list[str], list[Row]]:
    """The rows of a document over the annotators who finished it (or those given).

    :returns: the annotators compared and the rows, in text order.
    """
    if annotators is None:
        names = sorted(
            r.annotator for r in project.statuses.for_document(doc_id) if r.status is Status.DONE
        )
    else:
        names = list(annotators)
    layers = {lab.name: lab.kind.layer for lab in project.labels.list()}
    spans = [s for s in project.spans.for_document(doc_id) if s.annotator in names]
    rows: list[Row] = []
    for layer in ("ents", "claims"):
        clusters: list[list[Span]] = []
        extent_end = -1
        for span in sorted(
            (s for s in spans if layers[s.label] == layer), key=lambda s: (s.start, s.end)
        ):
            if clusters and span.start < extent_end:
                clusters[-1].append(span)
                extent_end = max(extent_end, span.end)
            else:
                clusters.append([span])
                extent_end = span.end
        rows.extend(_row(layer, cluster, names) for cluster in clusters)
    rows.sort(key=lambda r: (r.start, r.end, r.layer))
    return names, rows


def _nesting(span: Span) -> dict[str, Any]:
    """The nesting level, where an import set one: which of two entities on the
    same characters is outer (the CoNLL nested columns follow it)."""
    level = span.attrs.get("level")
    return {"level": level} if isinstance(level, int) else {}


@dataclass
class AcceptVersion:
    """Put ``annotator``'s version of ``row`` into gold (``annotator=None``: nothing there).

    Gold spans of the row's layer overlapping the row are replaced (tombstoned);
    the version's spans are written as gold under ``adjudicator``, each with its
    attributes (stance, check-worthiness) and ``attrs["from"]`` naming whose it
    was. The version's links go along: a claim's claimer and cue become gold
    links to the gold span on the same characters with the same label, which is
    added to gold when gold has none there yet; a gold link to a replaced span
    moves to the new span on the same characters. Revert brings the replaced
    spans back and tombstones what was written; redo writes the same ids again.
    """

    doc_id: DocId
    row: Row
    annotator: str | None
    adjudicator: str
    written: int = 0
    _added: list[SpanId] = field(default_factory=list)
    _removed: list[SpanId] = field(default_factory=list)
    #: Gold links written, gold links moved off replaced spans, gold spans added
    #: as link children; kept by source id so a redo writes the same ids.
    _links: dict[str, str] = field(default_factory=dict)
    _children: dict[str, SpanId] = field(default_factory=dict)
    _moved: list[str] = field(default_factory=list)
    _written_links: list[str] = field(default_factory=list)
    _written_children: list[SpanId] = field(default_factory=list)

    def apply(self, project: Project) -> Change:
        layers = {lab.name: lab.kind.layer for lab in project.labels.list()}
        row = self.row
        chosen = row.versions.get(self.annotator, ()) if self.annotator else ()
        with project.transaction():
            now = utc_now()
            removed = [
                old.id
                for old in project.gold.for_document(self.doc_id)
                if layers[old.label] == row.layer and old.overlaps(row.start, row.end)
            ]
            for span_id in removed:
                project.gold.set_deleted(span_id, now, updated=now)
            if len(self._added) != len(chosen):
                self._added = [project.gold.new_id() for _ in chosen]
            labels = {lab.name: lab for lab in project.labels.list()}
            project.gold.upsert_many(
                Span(
                    span_id,
                    self.doc_id,
                    self.adjudicator,
                    span.label,
                    span.start,
                    span.end,
                    {
                        **attribute_values(labels[span.label].attributes, span.attrs),
                        **_nesting(span),
                        "from": span.annotator,
                    },
                    now,
                    now,
                )
                for span_id, span in zip(self._added, chosen, strict=True)
            )
            self._carry_links(project, removed, chosen, now)
        self._removed = removed
        self.written = len(chosen)
        return self._change()

    def _carry_links(
        self, project: Project, removed: list[SpanId], chosen: Sequence[Span], now: str
    ) -> None:
        gold_of = {s.id: g for s, g in zip(chosen, self._added, strict=True)}
        new_at = {(s.start, s.end): g for s, g in zip(chosen, self._added, strict=True)}
        self._written_links, self._written_children, self._moved = [], [], []
        # Gold links to a replaced span move to the new span on the same characters.
        # The replaced spans are tombstoned already: their links are no longer live.
        standing = [
            k
            for k in project.gold_links.for_document(self.doc_id, include_deleted=True)
            if k.deleted is None
        ]
        for old_id in removed:
            for link in standing:
                if link.child != old_id and link.head != old_id:
                    continue
                old = project.gold.get(old_id)
                target = new_at.get((old.start, old.end))
                if target is None:
                    continue
                key = f"moved:{link.id}"
                new_id = self._links.setdefault(key, project.gold_links.new_id())
                project.gold_links.set_deleted(link.id, now, updated=now)
                project.gold_links.upsert(
                    replace(
                        link,
                        id=new_id,
                        head=target if link.head == old_id else link.head,
                        child=target if link.child == old_id else link.child,
                        created=now,
                        updated=now,
                    )
                )
                self._moved.append(link.id)
                self._written_links.append(new_id)
        live_gold = {
            (s.start, s.end, s.label): s.id for s in project.gold.for_document(self.doc_id)
        }
        for span in chosen:
            for link in project.links.of_head(span.id):
                child: SpanId | None = None
                if link.child is not None:
                    source = project.spans.get(link.child)
                    place = (source.start, source.end, source.label)
                    child = live_gold.get(place)
                    if child is None:
                        child = self._children.setdefault(source.id, project.gold.new_id())
                        project.gold.upsert(
                            Span(
                                child,
                                self.doc_id,
                                self.adjudicator,
                                source.label,
                                source.start,
                                source.end,
                                {"from": source.annotator},
                                now,
                                now,
                            )
                        )
                        live_gold[place] = child
                        self._written_children.append(child)
                new_id = self._links.setdefault(link.id, project.gold_links.new_id())
                project.gold_links.upsert(
                    Link(
                        new_id,
                        self.doc_id,
                        self.adjudicator,
                        link.type,
                        gold_of[span.id],
                        child,
                        link.value,
                        now,
                        now,
                    )
                )
                self._written_links.append(new_id)

    def revert(self, project: Project) -> Change:
        with project.transaction():
            now = utc_now()
            for span_id in self._added:
                project.gold.set_deleted(span_id, now, updated=now)
            for span_id in self._written_children:
                project.gold.set_deleted(span_id, now, updated=now)
            for link_id in self._written_links:
                project.gold_links.set_deleted(link_id, now, updated=now)
            for link_id in self._moved:
                project.gold_links.set_deleted(link_id, None, updated=now)
            for span_id in self._removed:
                project.gold.set_deleted(span_id, None, updated=now)
        return self._change()

    def describe(self) -> str:
        if self.annotator is None:
            return f"Reject row {self.row.start}–{self.row.end}"
        return f"Accept {self.annotator} for {self.row.start}–{self.row.end}"

    def _change(self) -> Change:
        ids = self._removed + self._added + self._written_children
        return Change(self.doc_id, tuple(ids), gold=True)


@dataclass
class RejectRow:
    """No gold span where ``row`` is: gold spans of its layer overlapping it are removed."""

    doc_id: DocId
    row: Row
    adjudicator: str
    _accept: AcceptVersion | None = None

    def apply(self, project: Project) -> Change:
        if self._accept is None:
            self._accept = AcceptVersion(self.doc_id, self.row, None, self.adjudicator)
        return self._accept.apply(project)

    def revert(self, project: Project) -> Change:
        assert self._accept is not None, "revert before apply"
        return self._accept.revert(project)

    def describe(self) -> str:
        return f"Reject row {self.row.start}–{self.row.end}"


@dataclass
class AcceptMajority:
    """For every row of a document, accept the version most annotators gave, if more than half did.

    Rows without a majority are left for the lead. After ``apply``, ``settled``
    counts the rows settled and ``left`` those without a majority.
    """

    doc_id: DocId
    adjudicator: str
    annotators: Sequence[str] | None = None
    settled: int = 0
    left: int = 0
    _steps: list[AcceptVersion] | None = None

    def apply(self, project: Project) -> Change:
        with project.transaction():
            if self._steps is None:
                names, rows = document_rows(project, self.doc_id, self.annotators)
                steps: list[AcceptVersion] = []
                for row in rows:
                    votes = Counter(row.version_key(a) for a in names)
                    key, count = votes.most_common(1)[0]
                    if count * 2 <= len(names):
                        continue
                    winner = next(a for a in names if row.version_key(a) == key)
                    steps.append(
                        AcceptVersion(self.doc_id, row, winner if key else None, self.adjudicator)
                    )
                self._steps = steps
                self.left = len(rows) - len(steps)
            changes = [step.apply(project) for step in self._steps]
        self.settled = len(self._steps)
        return self._merged(changes)

    def revert(self, project: Project) -> Change:
        assert self._steps is not None, "revert before apply"
        with project.transaction():
            changes = [step.revert(project) for step in reversed(self._steps)]
        return self._merged(changes)

    def describe(self) -> str:
        return "Accept the majority"

    def _merged(self, changes: Sequence[Change]) -> Change:
        ids = tuple(dict.fromkeys(i for c in changes for i in c.span_ids))
        return Change(self.doc_id, ids, gold=True)


@dataclass
class MarkAdjudicated:
    """Mark a document adjudicated by ``adjudicator`` (``done=False``: no longer)."""

    doc_id: DocId
    adjudicator: str
    done: bool = True
    _previous: AdjudicationRecord | None = None
    _applied: bool = False

    def apply(self, project: Project) -> Change:
        with project.transaction():
            self._previous = project.adjudications.get(self.doc_id)
            record = AdjudicationRecord(self.doc_id, self.adjudicator, utc_now())
            project.adjudications.put(record if self.done else None, doc_id=self.doc_id)
        self._applied = True
        return Change(self.doc_id, adjudication_changed=True)

    def revert(self, project: Project) -> Change:
        assert self._applied, "revert before apply"
        project.adjudications.put(self._previous, doc_id=self.doc_id)
        return Change(self.doc_id, adjudication_changed=True)

    def describe(self) -> str:
        return "Mark adjudicated" if self.done else "Mark not adjudicated"


@dataclass(frozen=True, slots=True)
class ClaimStructure:
    """What the review shows of one claim beside its span: attributes, claimer, cue.

    :param claimer: the claimer entity's text, or the implicit value, or ``None``.
    """

    attributes: dict[str, Any]
    claimer: str | None
    cue: str | None

    def describe(self) -> str:
        """``stance denies · check_worthy yes · claimer قسد · cue تنكر`` (plain text)."""
        parts = [
            f"{k} {({True: 'yes', False: 'no'}).get(v, v) if isinstance(v, bool) else v}"
            for k, v in self.attributes.items()
        ]
        parts += [f"claimer {self.claimer}"] if self.claimer else []
        parts += [f"cue {self.cue}"] if self.cue else []
        return " · ".join(parts)


def claim_structure(project: Project, span: Span, *, gold: bool = False) -> ClaimStructure:
    """The attributes and links of ``span`` (an annotator's, or gold's)."""
    table, links = (project.gold, project.gold_links) if gold else (project.spans, project.links)
    text = project.documents.get(span.doc_id).text
    label = project.labels.get(span.label)
    found: dict[str, str] = {}
    for link in links.of_head(span.id):
        if link.type in found:
            continue
        if link.child is None:
            found[link.type] = link.value or ""
        else:
            child = table.get(link.child)
            found[link.type] = text[child.start : child.end]
    return ClaimStructure(
        attribute_values(label.attributes, span.attrs), found.get("claimer"), found.get("cue")
    )


def structure_differs(project: Project, row: Row) -> bool:
    """A claims row whose versions agree on the spans but not on their attributes,
    claimer or cue: a disagreement the row's kind (offsets and labels) does not show."""
    if row.layer != "claims" or len(row.versions) < 2:
        return False
    first, *others = (
        [claim_structure(project, s) for s in spans] for spans in row.versions.values()
    )
    return any(other != first for other in others)


# --- the calls before the edits (kept while the review window still uses them) ----------


def adjudicated_documents(project: Project) -> list[DocId]:
    return project.adjudications.documents()


def score_against_gold(
    project: Project, annotators: Sequence[str] | None = None
) -> AgreementResult:
    """Each annotator against gold on adjudicated documents they finished.

    Gold is compared as one more annotator named ``gold``; the pairs
    ``(annotator, gold)`` of the result are the scores.

    :raises NothingToAdjudicate: no adjudicated document.
    """
    docs = adjudicated_documents(project)
    if not docs:
        raise NothingToAdjudicate(
            f"No document of {project.path} is adjudicated yet; mark one in the review view."
        )
    names = list(annotators) if annotators else project.spans.annotators()
    finished = finished_by(project, names)
    layers = {lab.name: lab.kind.layer for lab in project.labels.list()}

    def to_agreement(spans: Sequence[Span]) -> list[AgreementSpan]:
        # Cues are scored with their claims' structure (claim_agreement), not as spans.
        return [
            AgreementSpan(s.start, s.end, s.label, layers[s.label])
            for s in spans
            if layers[s.label] != "cues"
        ]

    inputs = []
    for doc in project.documents.iter(docs):
        spans = project.spans.for_document(doc.id)
        annotations = {
            a: to_agreement([s for s in spans if s.annotator == a])
            for a in finished.get(doc.id, [])
        }
        annotations[GOLD] = to_agreement(project.gold.for_document(doc.id))
        inputs.append(
            AgreementDocument(doc.id, len(doc.text), token_offsets(doc.text), annotations)
        )
    return compute_agreement(inputs, annotators=[*names, GOLD])
