"""What an export wrote: ``report.json`` and the summary the CLI prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from annotator.core.export.align import Adjustment, AlignedDocument, Refusal
from annotator.core.model import Document, Span
from annotator.core.tokenizer import has_loose_edges


def edge_entries(document: Document, spans: Iterable[Span]) -> list[dict[str, Any]]:
    """The ``edge_punctuation`` entries of ``document``: its spans that start or end
    with whitespace or punctuation."""
    found = []
    text = document.text
    for span in spans:
        covered = text[span.start : span.end]
        if has_loose_edges(covered):
            found.append(
                {
                    "document": document.uid,
                    "title": document.title,
                    "span_id": span.id,
                    "label": span.label,
                    "start": span.start,
                    "end": span.end,
                    "text": covered,
                }
            )
    return found


class Exported(NamedTuple):
    """What the report counts of one exported document (cheap to send between
    processes, unlike the whole :class:`AlignedDocument`)."""

    labels: tuple[str, ...]
    nested: int
    adjustments: tuple[Adjustment, ...]
    refusals: tuple[Refusal, ...]

    @classmethod
    def of(cls, aligned: AlignedDocument) -> Exported:
        return cls(
            tuple(s.label for s in (*aligned.ents, *aligned.nested, *aligned.claims)),
            len(aligned.nested),
            tuple(aligned.adjustments),
            tuple(aligned.refusals),
        )


@dataclass(slots=True)
class PartReport:
    name: str
    file: str
    documents: int = 0
    spans: Counter[str] = field(default_factory=Counter)
    #: Of ``spans``, the entities lying inside another entity.
    nested: int = 0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.file,
            "documents": self.documents,
            "spans": dict(sorted(self.spans.items())),
        }
        if self.nested:
            data["nested"] = self.nested
        return data


@dataclass(slots=True)
class ExportReport:
    """Everything a user needs to trust an export: counts per part and label, and
    every span that was moved or left out.

    ``to_json()`` is what ``report.json`` holds; it has no times or absolute paths,
    so the same project exported twice gives the same file.
    """

    format: str
    out_dir: str
    selection: str
    annotator: str
    misaligned: str
    split: tuple[float, ...]
    seed: int
    scheme: str | None = None
    claims_column: bool = False
    nested_columns: bool = False
    parts: dict[str, PartReport] = field(default_factory=dict)
    adjusted: list[Adjustment] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    #: ``export --split source``: parts as recorded at import.
    split_by_source: bool = False
    #: Spans exported with whitespace or punctuation at an edge (``، البوكمال``),
    #: as they were made (exact mode or an import): a model learns the punctuation.
    edge_punctuation: list[dict[str, Any]] = field(default_factory=list)

    def note_edges(self, document: Document, spans: Iterable[Span]) -> None:
        """List the spans of ``document`` that start or end with punctuation."""
        self.edge_punctuation.extend(edge_entries(document, spans))

    @property
    def documents(self) -> int:
        return sum(p.documents for p in self.parts.values())

    @property
    def spans(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for part in self.parts.values():
            total.update(part.spans)
        return total

    def add(self, part: str, aligned: AlignedDocument | Exported) -> None:
        exported = aligned if isinstance(aligned, Exported) else Exported.of(aligned)
        report = self.parts[part]
        report.documents += 1
        report.spans.update(exported.labels)
        report.nested += exported.nested
        self.adjusted.extend(exported.adjustments)
        self.refused.extend(exported.refusals)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": self.format,
            "selection": self.selection,
            "annotator": self.annotator,
            "split": "source" if self.split_by_source else list(self.split),
            "seed": self.seed,
            "misaligned": self.misaligned,
        }
        if self.scheme is not None:
            data["scheme"] = self.scheme
            data["claims_column"] = self.claims_column
            if self.nested_columns:
                data["nested_columns"] = True
        data.update(
            {
                "documents": self.documents,
                "spans": dict(sorted(self.spans.items())),
                "parts": {name: part.to_json() for name, part in self.parts.items()},
                "adjusted": [a.to_json() for a in self.adjusted],
                "refused": [r.to_json() for r in self.refused],
                "edge_punctuation": list(self.edge_punctuation),
                "notes": list(self.notes),
                "warnings": list(self.warnings),
                "files": list(self.files),
            }
        )
        return data

    def summary_lines(self) -> list[str]:
        """A few plain lines for people (the CLI prints them)."""
        lines = [
            f"Exported {self.documents} document(s) as {self.format} to {self.out_dir}"
            f" ({self.selection})."
        ]
        for _name, part in self.parts.items():
            labels = ", ".join(f"{k} {v}" for k, v in sorted(part.spans.items())) or "no spans"
            nested = f" ({part.nested} nested inside another entity)" if part.nested else ""
            lines.append(f"  {part.file}: {part.documents} document(s); {labels}{nested}")
        lines.append(
            f"Spans adjusted to token boundaries: {len(self.adjusted)} "
            f"(--misaligned {self.misaligned})"
        )
        for a in self.adjusted[:10]:
            lines.append(
                f"  {a.label} {a.before['text']!r} → {a.after['text']!r} "
                f"[{a.action}] in {a.title or a.document}"
            )
        if len(self.adjusted) > 10:
            lines.append(f"  … {len(self.adjusted) - 10} more in report.json")
        lines.append(f"Spans refused: {len(self.refused)}")
        for r in self.refused[:10]:
            lines.append(f"  {r.label} {r.span['text']!r}: {r.reason}")
        if len(self.refused) > 10:
            lines.append(f"  … {len(self.refused) - 10} more in report.json")
        if self.edge_punctuation:
            lines.append(
                f"Spans with punctuation or a space at an edge: {len(self.edge_punctuation)}"
                " (listed in report.json; fix them in the editor)"
            )
            for e in self.edge_punctuation[:10]:
                lines.append(f"  {e['label']} {e['text']!r} in {e['title'] or e['document']}")
        lines.extend(f"Note: {n}" for n in self.notes)
        lines.extend(f"Warning: {w}" for w in self.warnings)
        return lines
