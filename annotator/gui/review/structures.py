"""What the adjudication views show of claims beyond their spans: attributes, claimer, cue.

Read once per document from the core (:func:`~annotator.core.adjudication.claim_structure`,
:func:`~annotator.core.adjudication.structure_differs`), for every annotator's
claim and gold's, so the table and the stacked versions show the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.core.adjudication import Row, claim_structure, structure_differs
from annotator.core.model import LabelKind, Span
from annotator.core.store import Project

__all__ = ["Structures", "row_key"]


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
