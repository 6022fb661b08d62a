"""Plain data objects of a project: documents, labels, spans, statuses.

Offsets everywhere are **Python code-point offsets, half-open** into the
stored (cleaned) text of a document. Qt's UTF-16 positions are converted only
at the GUI boundary.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NewType

from annotator.core.attributes import AttributeDef

DocId = NewType("DocId", int)
SpanId = NewType("SpanId", str)
LabelName = NewType("LabelName", str)

#: A 100 MB file read as one article is a mistake far more often than a document
#: (the importer's limit; here so the CLI can show it without loading the importer).
DEFAULT_MAX_DOCUMENT_CHARS = 5_000_000


class LabelKind(enum.StrEnum):
    ENTITY = "entity"
    PLACE = "place"
    CLAIM = "claim"
    #: The words that introduce a claim (قال، أكد، نفى): linked to their claim.
    CUE = "cue"

    @property
    def layer(self) -> str:
        """Entities and places share one layer (they become ``doc.ents``); claims
        and cues are each their own (they may overlap anything)."""
        if self is LabelKind.ENTITY or self is LabelKind.PLACE:
            return "ents"
        return "cues" if self is LabelKind.CUE else "claims"


class Status(enum.StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


def utc_now() -> str:
    """A sortable UTC timestamp with microseconds (``2026-11-24T21:43:19.123456Z``)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def document_uid(text: str) -> str:
    """Content hash of the cleaned text: the same article is the same document everywhere."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    kind: LabelKind
    color: str = "#cccccc"
    shortcut: str = ""
    description: str = ""
    description_ar: str = ""
    order: int = 0
    #: The attributes its spans may carry (:mod:`annotator.core.attributes`).
    attributes: tuple[AttributeDef, ...] = ()

    def attribute(self, key: str) -> AttributeDef | None:
        return next((a for a in self.attributes if a.key == key), None)


@dataclass(frozen=True, slots=True)
class Document:
    id: DocId
    uid: str
    title: str
    text: str
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    order: int = 0


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text: what lists and tables need."""

    id: DocId
    uid: str
    title: str
    source: str
    n_chars: int
    n_words: int
    order: int


@dataclass(frozen=True, slots=True)
class Span:
    id: SpanId
    doc_id: DocId
    annotator: str
    label: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)
    created: str = ""
    updated: str = ""
    deleted: str | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def outermost_flags(ranges: Iterable[tuple[int, int]]) -> list[bool]:
    """For entity ranges in nesting order (by start, longest first), whether each
    one lies inside none of those before it: ``doc.ents`` takes these, the others
    are nested entities."""
    flags: list[bool] = []
    reach = -1
    for start, end in ranges:
        outer = start >= reach
        flags.append(outer)
        if outer:
            reach = end
    return flags


def nests(start: int, end: int, other_start: int, other_end: int) -> bool:
    """One of the two ranges lies wholly inside the other (equal ranges included):
    nested entities may do this; entities that only overlap *cross*, which no
    entity layer allows."""
    return (other_start <= start and end <= other_end) or (
        start <= other_start and other_end <= end
    )


@dataclass(frozen=True, slots=True)
class SourceTokens:
    """A document's own tokens and sentences, as the tokenized file it came from had
    them (CoNLL, ``.spacy``): ``(start, end)`` offsets into the stored text, sorted,
    and the index of the first token of each sentence."""

    tokens: list[tuple[int, int]]
    sentence_starts: list[int]

    def sentences(self) -> list[tuple[int, int]]:
        """``(first, stop)`` token indices of each sentence."""
        bounds = [*self.sentence_starts, len(self.tokens)]
        return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


@dataclass(frozen=True, slots=True)
class StatusRecord:
    doc_id: DocId
    annotator: str
    status: Status
    seconds: float
    updated: str


# --- what readers hand to the importer ----------------------------------------


@dataclass(slots=True)
class RawSpan:
    """A span as read from an input file: offsets into the *raw* text."""

    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    # "ents" or "claims" when the input says which layer (a DocBin does);
    # used to choose the kind of a label an import adds.
    layer: str | None = None
    # 1-based line of the input the span starts on, for messages (when known).
    line: int | None = None


@dataclass(slots=True)
class RawLink:
    """A link as read from an input file: between spans of the same document, by
    their ``RawSpan.id``; ``child`` ``None`` with an implicit ``value``."""

    type: str
    head: str
    child: str | None = None
    value: str | None = None
    id: str | None = None


@dataclass(slots=True)
class RawDocument:
    """One document as a reader found it, before cleaning.

    :param text: the raw text; the importer cleans it and moves ``spans`` with it.
    :param line: 1-based line of the input where this document starts, for messages.
    :param annotator: whose spans these are (``None``: the importer's default).
    :param status: ``done`` when the input says so (Prodigy ``answer: accept``).
    :param tokens: the input's own tokens, ``(start, end)`` into ``text``, when it
        came tokenized (CoNLL, ``.spacy``); kept so exports write the same tokens.
    :param sentence_starts: indices into ``tokens`` where a sentence begins.
    :param warnings: what a lenient read skipped or read its own way (line, what).
    """

    text: str
    title: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    spans: list[RawSpan] = field(default_factory=list)
    annotator: str | None = None
    status: Status | None = None
    line: int | None = None
    tokens: list[tuple[int, int]] | None = None
    sentence_starts: list[int] | None = None
    warnings: list[str] = field(default_factory=list)
    #: Links between ``spans`` (a claim's claimer, its cue), by span id.
    links: list[RawLink] = field(default_factory=list)
