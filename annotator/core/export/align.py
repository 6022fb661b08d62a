"""Put every span of a document on token boundaries, and say what that changed.

Token formats (DocBin, CoNLL, Prodigy's ``token_start``/``token_end``) cannot hold
a span that starts or ends inside a token, e.g. ``داعش`` marked inside ``لداعش``
(an annotator left out the clitic) or offsets from an import that cut a word.
The policy decides (DESIGN.md, "Sub-token spans"):

- ``expand``: the span grows to the whole tokens it touches (``لداعش``);
- ``split``: the span keeps its characters and the token is cut in two there
  (``ل`` + ``داعش``);
- ``skip``: such a span is left out of the export and listed as refused.

Whitespace at a span's edge is always left out (a token format has no place for
it). Under ``expand``, two entities inside one token would grow into each other
(``doc.ents`` refuses overlaps); the ones that would collide are split instead,
so no entity is lost. Every span that moves is an :class:`Adjustment`, every span
left out a :class:`Refusal`: nothing disappears without being listed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from annotator.core.model import Document, LabelKind, Span, outermost_flags
from annotator.core.tokenizer import SpanAlignment, align_span, is_aligned

Policy = Literal["expand", "split", "skip"]
POLICIES: tuple[str, ...] = ("expand", "split", "skip")
Token = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ExportSpan:
    """A span as it is exported: on token boundaries (after the policy)."""

    start: int
    end: int
    label: str
    id: str
    layer: str  # "ents" | "claims"
    attrs: Mapping[str, Any] = field(default_factory=dict)


def _where(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A span exported at other characters, or with a token split at its edge."""

    document: str
    title: str
    span_id: str
    label: str
    action: str  # "expand" | "split" | "trim"
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    cuts: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "document": self.document,
            "title": self.title,
            "span_id": self.span_id,
            "label": self.label,
            "action": self.action,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }
        if self.cuts:
            data["cuts"] = list(self.cuts)
        return data


@dataclass(frozen=True, slots=True)
class Refusal:
    """A span left out of the export, and why."""

    document: str
    title: str
    span_id: str
    label: str
    span: dict[str, Any]
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "title": self.title,
            "span_id": self.span_id,
            "label": self.label,
            "span": self.span,
            "reason": self.reason,
        }


@dataclass(slots=True)
class AlignedDocument:
    """A document's spans ready for a token format.

    :ivar cuts: offsets inside tokens where tokens must be split (``split`` policy,
        or an ``expand`` that would have made entities overlap); pass them to
        :func:`annotator.core.tokenizer.split_tokens`.
    """

    ents: list[ExportSpan]
    claims: list[ExportSpan]
    cuts: tuple[int, ...]
    adjustments: list[Adjustment]
    refusals: list[Refusal]
    #: Entities lying inside another one (``ents`` holds the outermost only, what
    #: ``doc.ents`` and a single CoNLL column can hold).
    nested: list[ExportSpan] = field(default_factory=list)

    @property
    def spans(self) -> list[ExportSpan]:
        """Entities (every level) and claims together, by position (the JSONL order)."""
        return sorted(
            self.ents + self.nested + self.claims,
            key=lambda s: (s.start, s.end, s.layer, s.label, s.id),
        )

    def entity_levels(self) -> list[list[ExportSpan]]:
        """Entities by nesting depth: ``[outermost, inside those, inside those, …]``.

        The same characters marked twice (``كيلو`` a UNIT and a QUANTITY) are two
        levels, ordered by the ``level`` attribute an import kept.
        """
        levels: list[list[ExportSpan]] = []
        stack: list[ExportSpan] = []
        for span in sorted(self.ents + self.nested, key=nesting_key):
            while stack and stack[-1].end <= span.start:
                stack.pop()
            while stack and not (stack[-1].start <= span.start and span.end <= stack[-1].end):
                stack.pop()  # cannot happen after align_document; kept safe
            depth = len(stack)
            if depth == len(levels):
                levels.append([])
            levels[depth].append(span)
            stack.append(span)
        return levels


def nesting_key(span: ExportSpan | Span) -> tuple[int, int, int]:
    """Sort order in which every entity comes after the ones it lies inside."""
    level = span.attrs.get("level", 0) if span.attrs else 0
    return (span.start, -span.end, level if isinstance(level, int) else 0)


_REASONS = {
    "expand": "an edge fell inside a token; widened to whole tokens (--misaligned expand)",
    "split": "an edge fell inside a token; the token is split there (--misaligned split)",
    "trim": "whitespace at the edge left out",
}


def align_document(
    document: Document,
    spans: Sequence[Span],
    kinds: Mapping[str, LabelKind],
    *,
    policy: Policy,
    tokens: Callable[[], Sequence[Token]],
    aligned: Callable[[int, int], bool] | None = None,
) -> AlignedDocument:
    """Decide where each span of ``document`` is exported.

    :param kinds: label name → kind (entity/place spans become ``ents``, claims ``claims``).
    :param tokens: returns the document's token list (:func:`token_offsets`); called
        only when some span is not aligned, so the aligned case stays cheap.
    :param aligned: a fast test that ``[start, end)`` is on token boundaries
        (e.g. ``doc.char_span`` on a Doc already made); default: :func:`is_aligned`.
    """
    text = document.text
    token_cache: list[Sequence[Token]] = []

    def toks() -> Sequence[Token]:
        if not token_cache:
            token_cache.append(tokens())
        return token_cache[0]

    def is_ok(start: int, end: int) -> bool:
        if aligned is not None:
            return aligned(start, end)
        return is_aligned(toks(), start, end)

    adjustments: list[Adjustment] = []
    refusals: list[Refusal] = []

    def refuse(span: Span, reason: str) -> None:
        refusals.append(
            Refusal(
                document.uid,
                document.title,
                span.id,
                span.label,
                _where(text, span.start, span.end),
                reason,
            )
        )

    # (span, alignment, action) for every span that stays.
    kept: list[tuple[Span, SpanAlignment, str]] = []
    for span in spans:
        if is_ok(span.start, span.end):
            kept.append((span, SpanAlignment(span.start, span.end), ""))
            continue
        exact = align_span(toks(), span.start, span.end, policy="split")
        if exact.empty:
            refuse(span, "covers only whitespace; a token format cannot hold it")
            continue
        if not exact.cuts:
            kept.append((span, exact, "trim"))
        elif policy == "skip":
            refuse(span, "an edge falls inside a token (--misaligned skip)")
        elif policy == "split":
            kept.append((span, exact, "split"))
        else:
            kept.append((span, align_span(toks(), span.start, span.end, policy="expand"), "expand"))

    ents = [k for k in kept if kinds[k[0].label].layer == "ents"]
    claims = [k for k in kept if kinds[k[0].label].layer != "ents"]
    ents, fallback_reasons = _resolve_overlaps(text, ents, toks, refuse)
    outer_ids = _outermost(ents)

    cuts: set[int] = set()
    out_ents: list[ExportSpan] = []
    out_nested: list[ExportSpan] = []
    out_claims: list[ExportSpan] = []
    for group, out, layer in ((ents, out_ents, "ents"), (claims, out_claims, "claims")):
        for span, al, action in group:
            target = out if layer != "ents" or span.id in outer_ids else out_nested
            # Cues travel with the claims (both may overlap anything) under their own layer.
            own = layer if layer == "ents" else kinds[span.label].layer
            target.append(ExportSpan(al.start, al.end, span.label, span.id, own, span.attrs))
            cuts.update(al.cuts)
            if action:
                reason = fallback_reasons.get(span.id, _REASONS[action])
                adjustments.append(
                    Adjustment(
                        document.uid,
                        document.title,
                        span.id,
                        span.label,
                        action,
                        _where(text, span.start, span.end),
                        _where(text, al.start, al.end),
                        reason,
                        tuple(al.cuts),
                    )
                )
    out_ents.sort(key=lambda s: (s.start, s.end))
    out_nested.sort(key=nesting_key)
    return AlignedDocument(
        out_ents, out_claims, tuple(sorted(cuts)), adjustments, refusals, out_nested
    )


def _outermost(ents: list[tuple[Span, SpanAlignment, str]]) -> set[str]:
    """Ids of the entities no other entity contains (after alignment)."""
    ordered = sorted(ents, key=lambda k: (k[1].start, -k[1].end, nesting_key(k[0])[2]))
    flags = outermost_flags((al.start, al.end) for _span, al, _action in ordered)
    return {k[0].id for k, outer in zip(ordered, flags, strict=True) if outer}


def _crossings(current: list[tuple[Span, SpanAlignment, str]]) -> list[tuple[int, int]]:
    """Index pairs of entities that overlap without one lying inside the other (or
    cover the same characters with the same label), ``current`` sorted by nesting."""
    clashes: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, (span, al, _action) in enumerate(current):
        while stack and current[stack[-1]][1].end <= al.start:
            stack.pop()
        if stack:
            top = stack[-1]
            t_span, t_al, _ = current[top]
            same = (t_al.start, t_al.end) == (al.start, al.end) and t_span.label == span.label
            if al.end > t_al.end or same:
                clashes.append((top, i))
                continue  # not pushed: later spans are checked against the others
        stack.append(i)
    return clashes


def _resolve_overlaps(
    text: str,
    ents: list[tuple[Span, SpanAlignment, str]],
    toks: Callable[[], Sequence[Token]],
    refuse: Callable[[Span, str], None],
) -> tuple[list[tuple[Span, SpanAlignment, str]], dict[str, str]]:
    """Entities may nest but never cross (one tag per token and level). An expand
    that makes two cross is turned into a split; a crossing in the data itself (two
    adjudicators' gold, say) keeps the first entity and refuses the other."""
    reasons: dict[str, str] = {}
    current = list(ents)

    def order(k: tuple[Span, SpanAlignment, str]) -> tuple[int, int, int]:
        return (k[1].start, -k[1].end, nesting_key(k[0])[2])

    for _round in range(3):
        current.sort(key=order)
        clashes = _crossings(current)
        if not clashes:
            return current, reasons
        changed = False
        for pair in clashes:
            for k, other in (pair, pair[::-1]):
                span, _al, action = current[k]
                if action == "expand":
                    o_span = current[other][0]
                    current[k] = (
                        span,
                        align_span(toks(), span.start, span.end, policy="split"),
                        "split",
                    )
                    reasons[span.id] = (
                        f"an edge fell inside a token; widening it would overlap {o_span.label} "
                        f"{o_span.start}–{o_span.end} ({text[o_span.start : o_span.end]!r}), "
                        "so the token is split there instead (spaCy training sees a split "
                        "token as unannotated; `spacy debug data` counts it as misaligned)"
                    )
                    changed = True
        if not changed:
            break
    # Crossings left are in the data itself: keep the first, refuse the rest.
    current.sort(key=order)
    while clashes := _crossings(current):
        _first, second = clashes[0]
        prev = current[_first][0]
        refuse(
            current[second][0],
            f"overlaps {prev.label} {prev.start}–{prev.end} without lying inside it; "
            "entities and places may nest but cannot cross in a token format",
        )
        del current[second]
    return current, reasons
