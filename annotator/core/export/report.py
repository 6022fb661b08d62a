"""What an export wrote: ``report.json`` and the summary the CLI prints.

The report's lists (spans adjusted, refused, with punctuation at an edge) grow with
the corpus: ~0.6 KB an entry, tens of thousands of entries in a large export. Past
their first :data:`IN_MEMORY` entries they go to a temporary file as the export
goes (:class:`Spooled`), and ``report.json`` is written from it, so the export's
memory does not grow with them.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Generic, NamedTuple, TypeVar, overload

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


#: Entries of each of the report's lists kept in memory; the rest are on disk.
IN_MEMORY = 1000

T = TypeVar("T")

_encode_string = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) uses


def json_text(value: Any, indent: str = "") -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, the same characters, for
    a value nested at ``indent`` (faster: json's indented encoder is pure Python)."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    inner = indent + "  "
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        if not value:
            return "{}"
        items = []
        for k, v in value.items():
            # Strings and ints inline: most of a report's values.
            kind = type(v)
            if kind is str:
                text = _encode_string(v)
            elif kind is int:
                text = int.__repr__(v)
            else:
                text = json_text(v, inner)
            items.append(f"{inner}{_encode_string(k)}: {text}")
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + json_text(v, inner) for v in value) + "\n" + indent + "]"
    # Floats, keys that are not strings, anything else: as json writes them.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


class Spooled(Sequence[T], Generic[T]):
    """A list of report entries that keeps its first :data:`IN_MEMORY` in memory
    and the rest, as their JSON, in an anonymous temporary file (gone when the list
    is). Reads like a list (``len``, iteration, indexing, ``==``); grows by
    ``append`` and ``extend``.

    :param to_json: an entry as ``report.json`` holds it.
    :param from_json: the entry back from that.
    """

    def __init__(
        self,
        to_json: Callable[[T], Any],
        from_json: Callable[[Any], T],
        items: Iterable[T] = (),
    ) -> None:
        self._to_json = to_json
        self._from_json = from_json
        self._head: list[T] = []
        self._file: BinaryIO | None = None
        self._size = 0
        self._count = 0
        self.extend(items)

    def append(self, item: T) -> None:
        if len(self._head) < IN_MEMORY:
            self._head.append(item)
        else:
            if self._file is None:
                self._file = tempfile.TemporaryFile()  # noqa: SIM115  # closed with the list
            data = json_text(self._to_json(item)).encode("utf-8", "surrogatepass")
            self._file.write(struct.pack("<I", len(data)) + data)
            self._size += 4 + len(data)
        self._count += 1

    def extend(self, items: Iterable[T]) -> None:
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._count

    def json_texts(self) -> Iterator[str]:
        """Each entry's :func:`json_text`, in order."""
        for item in self._head:
            yield json_text(self._to_json(item))
        if self._file is None:
            return
        self._file.flush()
        # pread: reading leaves the file's position (where appends go) alone.
        fd, offset = self._file.fileno(), 0
        while offset < self._size:
            (size,) = struct.unpack("<I", os.pread(fd, 4, offset))
            yield os.pread(fd, size, offset + 4).decode("utf-8", "surrogatepass")
            offset += 4 + size

    def __iter__(self) -> Iterator[T]:
        yield from self._head
        texts = self.json_texts()
        for _ in islice(texts, len(self._head)):
            pass  # the head's, already given
        for text in texts:
            yield self._from_json(json.loads(text))

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if stop <= len(self._head) and step > 0:
                return self._head[index]
            return list(islice(self, start, stop, step)) if step > 0 else list(self)[index]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("report list index out of range")
        if index < len(self._head):
            return self._head[index]
        return next(islice(self, index, None))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"<{len(self)} report entries, {len(self._head)} in memory>"


def _adjustment(data: dict[str, Any]) -> Adjustment:
    return Adjustment(
        data["document"],
        data["title"],
        data["span_id"],
        data["label"],
        data["action"],
        data["before"],
        data["after"],
        data["reason"],
        tuple(data.get("cuts", ())),
    )


def _refusal(data: dict[str, Any]) -> Refusal:
    return Refusal(
        data["document"],
        data["title"],
        data["span_id"],
        data["label"],
        data["span"],
        data["reason"],
    )


def _same(data: dict[str, Any]) -> dict[str, Any]:
    return data


def adjustments(items: Iterable[Adjustment] = ()) -> Spooled[Adjustment]:
    return Spooled(Adjustment.to_json, _adjustment, items)


def refusals(items: Iterable[Refusal] = ()) -> Spooled[Refusal]:
    return Spooled(Refusal.to_json, _refusal, items)


def edges(items: Iterable[dict[str, Any]] = ()) -> Spooled[dict[str, Any]]:
    return Spooled(_same, _same, items)


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


#: The keys of ``report.json`` that hold the report's lists.
_LISTS = ("adjusted", "refused", "edge_punctuation")


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
    #: Spans moved to token boundaries, and spans left out (lists; on disk past
    #: :data:`IN_MEMORY` entries).
    adjusted: Spooled[Adjustment] = field(default_factory=adjustments)
    refused: Spooled[Refusal] = field(default_factory=refusals)
    files: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    #: ``export --split source``: parts as recorded at import.
    split_by_source: bool = False
    #: Spans exported with whitespace or punctuation at an edge (``، البوكمال``),
    #: as they were made (exact mode or an import): a model learns the punctuation.
    edge_punctuation: Spooled[dict[str, Any]] = field(default_factory=edges)

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
        """What ``report.json`` holds (every entry of its lists in memory: a large
        export writes it with :meth:`write_json` instead)."""
        data = self._json()
        for key in _LISTS:
            data[key] = [json.loads(text) for text in data[key].json_texts()]
        return data

    def write_json(self, path: Path) -> None:
        """Write ``report.json``: ``json.dumps(self.to_json(), ensure_ascii=False,
        indent=2)`` and a newline, the same bytes, with the lists read from disk one
        entry at a time."""
        with open(path, "w", encoding="utf-8", newline="\n") as out:
            separator = "{"
            for key, value in self._json().items():
                out.write(f"{separator}\n  {_encode_string(key)}: ")
                separator = ","
                if not isinstance(value, Spooled):
                    out.write(json_text(value, "  "))
                    continue
                if not value:
                    out.write("[]")
                    continue
                item_separator = "["
                for text in value.json_texts():
                    out.write(item_separator + "\n    " + text.replace("\n", "\n    "))
                    item_separator = ","
                out.write("\n  ]")
            out.write("\n}\n")

    def _json(self) -> dict[str, Any]:
        """:meth:`to_json` with the lists as they are (:data:`_LISTS`)."""
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
                "adjusted": self.adjusted,
                "refused": self.refused,
                "edge_punctuation": self.edge_punctuation,
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
