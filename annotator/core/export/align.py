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

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from types import MappingProxyType
from typing import Any, Literal, NamedTuple

from annotator.core.model import Document, LabelKind, Span, outermost_flags
from annotator.core.tokenizer import SpanAlignment, align_span, is_aligned

Policy = Literal["expand", "split", "skip"]
POLICIES: tuple[str, ...] = ("expand", "split", "skip")
Token = tuple[int, int]


class ExportSpan(NamedTuple):
    """A span as it is exported: on token boundaries (after the policy). A named
    tuple: an export makes one per span of the corpus, five times cheaper than a
    frozen dataclass."""

    start: int
    end: int
    label: str
    id: str
    layer: str  # "ents" | "claims" | "cues"
    attrs: Mapping[str, Any] = MappingProxyType({})


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
    return (span.start, -span.end, _level(span.attrs))


def _level(attrs: Mapping[str, Any]) -> int:
    """The nesting ``level`` an import kept (the same characters marked twice)."""
    level = attrs.get("level", 0) if attrs else 0
    return level if isinstance(level, int) else 0


_REASONS = {
    "expand": "an edge fell inside a token; widened to whole tokens (--misaligned expand)",
    "split": "an edge fell inside a token; the token is split there (--misaligned split)",
    "trim": "whitespace at the edge left out",
}


class _Kept(NamedTuple):
    """A span that stays, where it goes; the first three fields are its nesting
    order (:func:`nesting_key` of where it goes)."""

    start: int
    neg_end: int
    level: int
    end: int
    cuts: tuple[int, ...]
    action: str  # "" (unchanged) | "trim" | "split" | "expand"
    span: Span

    @classmethod
    def of(cls, span: Span, al: SpanAlignment, action: str) -> _Kept:
        return cls(al.start, -al.end, _level(span.attrs), al.end, al.cuts, action, span)


_order = itemgetter(0, 1, 2)
_start_end = itemgetter(0, 1)


def align_document(
    document: Document,
    spans: Sequence[Span],
    kinds: Mapping[str, LabelKind],
    *,
    policy: Policy,
    tokens: Callable[[], Sequence[Token]],
    aligned: Callable[[int, int], bool] | None = None,
    bounds: tuple[Sequence[int], Sequence[int]] | None = None,
) -> AlignedDocument:
    """Decide where each span of ``document`` is exported.

    :param kinds: label name → kind (entity/place spans become ``ents``, claims ``claims``).
    :param tokens: returns the document's token list (:func:`token_offsets`); called
        only when some span is not aligned, so the aligned case stays cheap.
    :param aligned: a fast test that ``[start, end)`` is on token boundaries
        (e.g. ``doc.char_span`` on a Doc already made); default: :func:`is_aligned`.
    :param bounds: the tokens' starts and ends (:func:`token_bounds`), the test
        ``aligned`` makes when it is not given.
    """
    text = document.text
    token_cache: list[Sequence[Token]] = []

    def toks() -> Sequence[Token]:
        if not token_cache:
            token_cache.append(tokens())
        return token_cache[0]

    if aligned is not None:
        is_ok = aligned
    elif bounds is not None:
        starts, ends = bounds
        n = len(starts)

        def is_ok(start: int, end: int) -> bool:
            if start >= end:
                return False
            i = bisect_left(starts, start)
            if i == n or starts[i] != start:
                return False
            j = bisect_left(ends, end)
            return j < n and ends[j] == end

    else:

        def is_ok(start: int, end: int) -> bool:
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

    layers: dict[str, str] = {}  # of the labels this document uses
    ents: list[_Kept] = []
    claims: list[_Kept] = []
    for span in spans:
        start, end = span.start, span.end
        layer = layers.get(span.label)
        if layer is None:
            layer = layers[span.label] = kinds[span.label].layer
        group = ents if layer == "ents" else claims
        if is_ok(start, end):
            group.append(_Kept(start, -end, _level(span.attrs), end, (), "", span))
            continue
        exact = align_span(toks(), start, end, policy="split")
        if exact.empty:
            refuse(span, "covers only whitespace; a token format cannot hold it")
            continue
        if not exact.cuts:
            group.append(_Kept.of(span, exact, "trim"))
        elif policy == "skip":
            refuse(span, "an edge falls inside a token (--misaligned skip)")
        elif policy == "split":
            group.append(_Kept.of(span, exact, "split"))
        else:
            expanded = align_span(toks(), start, end, policy="expand")
            group.append(_Kept.of(span, expanded, "expand"))

    ents, fallback_reasons = _resolve_overlaps(text, ents, toks, refuse)
    # ``ents`` comes back in nesting order: the outermost are those inside no other.
    flags = outermost_flags((k.start, k.end) for k in ents)
    outer_ids = {k.span.id for k, outer in zip(ents, flags, strict=True) if outer}

    cuts: set[int] = set()
    out_ents: list[ExportSpan] = []
    out_nested: list[ExportSpan] = []
    out_claims: list[ExportSpan] = []
    for group, layer in ((ents, "ents"), (claims, "claims")):
        for k in group:
            span = k.span
            if layer == "ents":
                target = out_ents if span.id in outer_ids else out_nested
                own = layer
            else:
                # Cues travel with the claims (both may overlap anything) under their own layer.
                target, own = out_claims, layers[span.label]
            target.append(ExportSpan(k.start, k.end, span.label, span.id, own, span.attrs))
            if k.cuts:
                cuts.update(k.cuts)
            if k.action:
                reason = fallback_reasons.get(span.id, _REASONS[k.action])
                adjustments.append(
                    Adjustment(
                        document.uid,
                        document.title,
                        span.id,
                        span.label,
                        k.action,
                        _where(text, span.start, span.end),
                        _where(text, k.start, k.end),
                        reason,
                        tuple(k.cuts),
                    )
                )
    # Both come out of ``ents`` in nesting order already: these sorts are checks
    # that cost a comparison per span.
    out_ents.sort(key=_start_end)
    out_nested.sort(key=nesting_key)
    return AlignedDocument(
        out_ents, out_claims, tuple(sorted(cuts)), adjustments, refusals, out_nested
    )


def _crossings(current: list[_Kept]) -> list[tuple[int, int]]:
    """Index pairs of entities that overlap without one lying inside the other (or
    cover the same characters with the same label), ``current`` sorted by nesting."""
    clashes: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, k in enumerate(current):
        while stack and current[stack[-1]].end <= k.start:
            stack.pop()
        if stack:
            top = stack[-1]
            t = current[top]
            same = (t.start, t.end) == (k.start, k.end) and t.span.label == k.span.label
            if k.end > t.end or same:
                clashes.append((top, i))
                continue  # not pushed: later spans are checked against the others
        stack.append(i)
    return clashes


def _resolve_overlaps(
    text: str,
    ents: list[_Kept],
    toks: Callable[[], Sequence[Token]],
    refuse: Callable[[Span, str], None],
) -> tuple[list[_Kept], dict[str, str]]:
    """Entities may nest but never cross (one tag per token and level). An expand
    that makes two cross is turned into a split; a crossing in the data itself (two
    adjudicators' gold, say) keeps the first entity and refuses the other.

    :returns: the entities kept, in nesting order, and the reasons of those changed.
    """
    reasons: dict[str, str] = {}
    current = list(ents)
    for _round in range(3):
        current.sort(key=_order)
        clashes = _crossings(current)
        if not clashes:
            return current, reasons
        changed = False
        for pair in clashes:
            for k, other in (pair, pair[::-1]):
                span, action = current[k].span, current[k].action
                if action == "expand":
                    o_span = current[other].span
                    current[k] = _Kept.of(
                        span, align_span(toks(), span.start, span.end, policy="split"), "split"
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
    current.sort(key=_order)
    while clashes := _crossings(current):
        _first, second = clashes[0]
        prev = current[_first].span
        refuse(
            current[second].span,
            f"overlaps {prev.label} {prev.start}–{prev.end} without lying inside it; "
            "entities and places may nest but cannot cross in a token format",
        )
        del current[second]
    return current, reasons
