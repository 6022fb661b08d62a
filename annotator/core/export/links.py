"""The links of a document as an export holds them: between spans it exported.

A link whose head or child span was left out of the export (``--misaligned
skip``) cannot be written; :func:`exported_links` counts it, and the exporter
says so in its report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.export.align import AlignedDocument, ExportSpan
from annotator.core.links import Link


@dataclass(frozen=True, slots=True)
class ExportLink:
    link: Link
    head: ExportSpan
    child: ExportSpan | None


def exported_spans(aligned: AlignedDocument) -> dict[str, ExportSpan]:
    return {s.id: s for s in (*aligned.ents, *aligned.nested, *aligned.claims)}


def exported_links(aligned: AlignedDocument, links: Sequence[Link]) -> tuple[list[ExportLink], int]:
    """The links between exported spans, in a stable order, and how many were left out."""
    spans = exported_spans(aligned)
    kept: list[ExportLink] = []
    left_out = 0
    for link in sorted(links, key=lambda k: (k.type, k.head, k.child or "", k.value or "", k.id)):
        head = spans.get(link.head)
        child = spans.get(link.child) if link.child is not None else None
        if head is None or (link.child is not None and child is None):
            left_out += 1
            continue
        kept.append(ExportLink(link, head, child))
    return kept, left_out


def links_left_out_warning(count: int) -> str:
    return (
        f"{count} link(s) left out: their claim, claimer or cue span was left out of the "
        "export (see `refused` in report.json)."
    )
