"""What the adjudication views show of claims beyond their spans: attributes, claimer, cue.

Read once per document from the core (:func:`~annotator.core.adjudication.claim_structure`,
:func:`~annotator.core.adjudication.structure_differs`), for every annotator's
claim and gold's, so the table and the stacked versions show the same text;
and gold's links, drawn in the gold text as the editor draws an annotator's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.core.adjudication import Row, claim_structure, structure_differs
from annotator.core.links import Link
from annotator.core.model import Label, LabelKind, Span
from annotator.core.store import Project

if TYPE_CHECKING:
    from annotator.gui.claim_links import Picking
    from annotator.gui.review.gold_view import GoldView

__all__ = ["GoldLinks", "Structures", "row_key"]


def row_key(row: Row) -> tuple[str, int, int]:
    return (row.layer, row.start, row.end)


@dataclass(frozen=True)
class Structures:
    """Claims' structure as plain text (``stance denies · claimer قسد``), by span id,
    and the rows whose versions agree on spans but not on structure."""

    described: dict[str, str] = field(default_factory=dict)
    differing: frozenset[tuple[str, int, int]] = frozenset()

    @classmethod
    def read(cls, project: Project, rows: Sequence[Row], gold: Iterable[Span]) -> Structures:
        claims = {label.name for label in project.labels.list() if label.kind is LabelKind.CLAIM}
        described: dict[str, str] = {}
        for row in rows:
            if row.layer != "claims":
                continue
            for spans in row.versions.values():
                for span in spans:
                    if span.label in claims:
                        described[span.id] = claim_structure(project, span).describe()
        for span in gold:
            if span.label in claims:
                described[span.id] = claim_structure(project, span, gold=True).describe()
        differing = frozenset(row_key(r) for r in rows if structure_differs(project, r))
        return cls(described, differing)

    def differs(self, row: Row) -> bool:
        return row_key(row) in self.differing

    def of_span(self, span: Span) -> str:
        return self.described.get(span.id, "")

    def describe_spans(self, spans: Sequence[Span]) -> str:
        """``CLAIM 10–50 (stance denies · claimer قسد)``; ``—`` for none."""
        if not spans:
            return "—"
        parts = []
        for s in spans:
            what = self.of_span(s)
            parts.append(f"{s.label} {s.start}–{s.end}" + (f" ({what})" if what else ""))
        return "; ".join(parts)


class GoldLinks:
    """Gold's claim links of the open document, for the gold text's
    :class:`~annotator.gui.claim_painting.ClaimPainting` (read-only: nothing is
    picked here; a version's links come into gold when it is accepted)."""

    picking: Picking | None = None

    def __init__(self, project: Project, view: GoldView) -> None:
        self._project = project
        self._view = view
        self.labels: dict[str, Label] = {}
        self._by_head: dict[str, list[Link]] = {}
        self._by_child: dict[str, list[Link]] = {}
        self.reload(None)

    def reload(self, doc_id: int | None) -> None:
        """Read the labels and gold's live links of ``doc_id`` again (after a gold change)."""
        self.labels = {label.name: label for label in self._project.labels.list()}
        self._by_head, self._by_child = {}, {}
        links = self._project.gold_links.for_document(doc_id) if doc_id is not None else []
        for link in links:
            self._by_head.setdefault(link.head, []).append(link)
            if link.child is not None:
                self._by_child.setdefault(link.child, []).append(link)
        self._view.viewport().update()

    def shown(self) -> dict[str, Span]:
        return {s.id: s for s in self._view.spans()}

    def selected_span(self) -> str:
        return self._view.selected_span()

    def links_of(self, head_id: str) -> list[Link]:
        return list(self._by_head.get(head_id, ()))

    def links_to(self, child_id: str) -> list[Link]:
        return list(self._by_child.get(child_id, ()))
