"""CoNLL export: one token per line, a tab, its tag; a blank line between sentences.

With ``--nested-columns`` each nesting level gets its own tag column after the
first (outermost first), and a line has only the levels it needs, as in Wojood::

    مجلس	B-ORG
    الأمن	I-ORG
    الأسد	I-ORG	B-PERS

Documents that came tokenized (CoNLL, ``.spacy``) are written with their source's
tokens and sentence breaks, so a corpus comes out with its own token lines.

Sample (IOB2, ``--claims-column``; the claim column comes *before* the entity
column so that the entity tag stays last, where spaCy's ``ner`` converter,
CoNLL-2003 readers and ``annotator import`` look for it)::

    -DOCSTART- -X- O O

    قال	B-CLAIM	O
    مصدر	I-CLAIM	O
    إن	I-CLAIM	O
    و	I-CLAIM	O
    ”	I-CLAIM	O
    داعش	I-CLAIM	B-ORG
    ”	I-CLAIM	O
    انسحب	I-CLAIM	O
    .	O	O

Documents start with the line ``-DOCSTART- -X- O O`` (the exact string spaCy's
converter splits on). Sentences come from
:func:`annotator.core.tokenizer.sentence_offsets` with the exported spans
protected, so no entity or claim is ever cut by a sentence break.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path

from annotator.core.doc_tokens import source_sentence_offsets
from annotator.core.export.align import AlignedDocument, ExportSpan, Refusal
from annotator.core.export.context import ExportContext, Rendered
from annotator.core.export.select import SelectedDocument
from annotator.core.model import DocId, Document, SourceTokens
from annotator.core.tokenizer import sentence_ends, token_bounds

SCHEMES: tuple[str, ...] = ("iob2", "bilou", "io")
DOCSTART_LINE = "-DOCSTART- -X- O O"
_HEAD = DOCSTART_LINE + "\n\n"


def token_ranges(starts: Sequence[int], spans: Sequence[ExportSpan]) -> list[tuple[int, int, str]]:
    """``(first, last + 1, label)`` token indices of spans on token boundaries."""
    return [(bisect_left(starts, s.start), bisect_left(starts, s.end), s.label) for s in spans]


def tags(
    n_tokens: int,
    ranges: Sequence[tuple[int, int, str]],
    *,
    scheme: str,
    before: str = "",
    after: str = "",
) -> list[str]:
    """Tags of ``n_tokens`` tokens for non-overlapping token ranges, each written
    between ``before`` and ``after``.

    >>> tags(4, [(1, 3, "PER")], scheme="iob2")
    ['O', 'B-PER', 'I-PER', 'O']
    >>> tags(4, [(1, 3, "PER"), (3, 4, "GPE")], scheme="bilou")
    ['O', 'B-PER', 'L-PER', 'U-GPE']
    """
    out = [f"{before}O{after}"] * n_tokens
    for first, stop, label in ranges:
        if scheme == "io":
            out[first:stop] = [f"{before}I-{label}{after}"] * (stop - first)
        elif scheme == "bilou" and stop - first == 1:
            out[first] = f"{before}U-{label}{after}"
        else:
            inside = f"{before}I-{label}{after}"
            out[first:stop] = [f"{before}B-{label}{after}"] + [inside] * (stop - first - 1)
            if scheme == "bilou":
                out[stop - 1] = f"{before}L-{label}{after}"
    return out


def _claims_for_column(
    document: Document, claims: Sequence[ExportSpan]
) -> tuple[list[ExportSpan], list[Refusal]]:
    """One tag column holds no overlaps: keep claims first come (longer first on a
    tie), and list the others (they stay in the spaCy and JSONL exports)."""
    kept: list[ExportSpan] = []
    left: list[Refusal] = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if kept and claim.start < kept[-1].end:
            other = kept[-1]
            left.append(
                Refusal(
                    document.uid,
                    document.title,
                    claim.id,
                    claim.label,
                    {
                        "start": claim.start,
                        "end": claim.end,
                        "text": document.text[claim.start : claim.end],
                    },
                    f"overlaps claim {other.start}–{other.end}; one claims column cannot hold "
                    "overlapping claims (the spacy and jsonl exports keep it)",
                )
            )
            continue
        kept.append(claim)
    return kept, left


def conll_document(
    document: Document,
    starts: Sequence[int],
    ends: Sequence[int],
    aligned: AlignedDocument,
    *,
    scheme: str,
    claims_column: bool,
    nested_columns: bool = False,
    source: SourceTokens | None = None,
) -> tuple[str, list[Refusal]]:
    """The CoNLL block of one document (``-DOCSTART-`` line first, blank line last).

    Every line is a token's characters and a cell of its tags (``"\tB-PER\n"``, a
    second ``\n`` after a sentence's last token), joined once: no string is
    formatted per token.

    :param starts: the tokens' starts, already split at ``aligned.cuts``
        (:meth:`ExportContext.align_bounds`); ``ends``: their ends.
    :param nested_columns: one entity tag column per nesting level, outermost
        first, each line with as many as it has levels (Wojood's layout); else one
        column of the outermost entities.
    :param source: the document's source tokens: its sentences are kept.
    :returns: the text and the claims a claims column could not hold.
    """
    text = document.text
    n = len(starts)
    protected = [(s.start, s.end) for s in aligned.ents]
    left_out: list[Refusal] = []
    claims: list[ExportSpan] = []
    if claims_column:
        claims, left_out = _claims_for_column(document, aligned.claims)
        protected += [(c.start, c.end) for c in claims]
    if claims_column or nested_columns:
        column = claims if claims_column else None
        cells = _cells(n, starts, aligned, column, nested_columns, scheme)
    else:
        ranges = token_ranges(starts, aligned.ents)
        cells = tags(n, ranges, scheme=scheme, before="\t", after="\n")
    head = _HEAD
    if source is not None:
        tokens = list(zip(starts, ends, strict=True))
        lasts = []
        i = 0
        for _s, sent_end in source_sentence_offsets(source, tokens, protected=protected):
            # The sentence's tokens: those ending at or before its end (ends ascend).
            i = bisect_right(ends, sent_end, lo=i)
            lasts.append(i - 1)
    else:
        lasts = sentence_ends(text, starts, ends, protected=protected)
    for last in lasts:
        if last < 0:
            head += "\n"  # an empty first sentence (a blank line), as written before
        else:
            cells[last] += "\n"
    stop = lasts[-1] + 1 if lasts else 0  # tokens past the last sentence: none written
    pieces: list[str] = [""] * (2 * stop)
    pieces[::2] = map(text.__getitem__, map(slice, starts[:stop], ends[:stop]))
    pieces[1::2] = cells[:stop]
    return head + "".join(pieces), left_out


def _cells(
    n: int,
    starts: Sequence[int],
    aligned: AlignedDocument,
    claims: Sequence[ExportSpan] | None,
    nested_columns: bool,
    scheme: str,
) -> list[str]:
    """Each token's tag cell with a claims column and/or a column per nesting level:
    ``"\t"`` before each tag, ``"\n"`` after the last."""
    levels = aligned.entity_levels() if nested_columns else [aligned.ents]
    level_tags = [tags(n, token_ranges(starts, level), scheme=scheme) for level in levels]
    if not level_tags:
        level_tags = [["O"] * n]
    claim_tags = tags(n, token_ranges(starts, claims), scheme=scheme) if claims is not None else []
    cells = []
    for i in range(n):
        columns = [claim_tags[i]] if claims is not None else []
        columns.append(level_tags[0][i])
        if nested_columns:
            deeper = [level[i] for level in level_tags[1:]]
            while deeper and deeper[-1] == "O":
                deeper.pop()  # Wojood leaves out the levels a line does not have
            columns.extend(deeper)
        cells.append("\t" + "\t".join(columns) + "\n")
    return cells


class ConllRenderer:
    """Each document's CoNLL block (see :class:`Rendered`). ``tally``: cues, links,
    attribute values, claims and nested entities a CoNLL file cannot hold."""

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        #: Tokens of the documents :meth:`prepare` was given, not yet rendered.
        self._bounds: dict[DocId, tuple[list[int], list[int]]] = {}

    def prepare(self, items: Sequence[SelectedDocument]) -> None:
        """Tokenize the documents about to be rendered, one after the other: the
        tokenizer's tables stay in the CPU's caches, which made tokenizing 10–20 %
        cheaper than between the other work of each document (in-process A/B)."""
        clitics = self.context.clitics
        self._bounds = {
            item.document.id: token_bounds(item.document.text, clitics=clitics)
            for item in items
            if item.source_tokens is None
        }

    def render(self, part: int, item: SelectedDocument) -> Rendered:
        ctx = self.context
        document = item.document
        bounds = self._bounds.pop(document.id, None)
        aligned, starts, ends = ctx.align_bounds(item, bounds=bounds)
        cues = [c for c in aligned.claims if c.layer == "cues"]
        if cues:
            aligned.claims = [c for c in aligned.claims if c.layer != "cues"]
        attributes = sum(
            1
            for s in item.spans
            if s.attrs
            for key in ctx.attributes.get(s.label, ())
            if key in s.attrs
        )
        claims_left_out = 0
        if not ctx.claims_column:
            claims_left_out = len(aligned.claims)
            aligned.claims = []
        block, left_out = conll_document(
            document,
            starts,
            ends,
            aligned,
            scheme=ctx.scheme,
            claims_column=ctx.claims_column,
            nested_columns=ctx.nested_columns,
            source=item.source_tokens,
        )
        nested_left_out = 0
        if not ctx.nested_columns:
            nested_left_out = len(aligned.nested)
            aligned.nested = []
        if left_out:
            dropped = {r.span_id for r in left_out}
            aligned.claims = [c for c in aligned.claims if c.id not in dropped]
            aligned.refusals.extend(left_out)
        tally = (len(cues), len(item.links), attributes, claims_left_out, nested_left_out)
        # Bytes: encoded once, where the document is rendered (a worker, maybe), and
        # sent and written as they are.
        return Rendered(aligned, block.encode("utf-8"), tally)


class ConllExporter:
    """``EXPORTERS["conll"]``: ``train.conll`` etc."""

    extension = "conll"

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.renderer = ConllRenderer(context)
        self.files = context.open_parts("conll", binary=True)
        # CoNLL holds tags, nothing else: what it leaves out is counted.
        self.cues_left_out = 0
        self.links_left_out = 0
        self.attributes_left_out = 0
        self.claims_left_out = 0
        self.nested_left_out = 0
        self.notes: list[str] = []
        self.warnings: list[str] = []

    def write(self, part: int, payload: bytes, tally: tuple[int, ...]) -> None:
        cues, links, attributes, claims, nested = tally
        self.cues_left_out += cues
        self.links_left_out += links
        self.attributes_left_out += attributes
        self.claims_left_out += claims
        self.nested_left_out += nested
        self.files[part].write(payload)

    def close(self) -> list[str]:
        names = []
        for fh in self.files:
            fh.close()
            names.append(Path(fh.name).name)
        if self.nested_left_out:
            self.warnings.append(
                f"{self.nested_left_out} nested entit(ies) lying inside another are not in the "
                "CoNLL files (one column holds the outermost); export with --nested-columns "
                "for one tag column per nesting level."
            )
        if self.claims_left_out:
            self.warnings.append(
                f"{self.claims_left_out} claim(s) are not in the CoNLL files (entities only); "
                "export with --claims-column to add a claim tag column."
            )
        left_out = [
            f"{n} {what}"
            for n, what in (
                (self.cues_left_out, "cue span(s)"),
                (self.links_left_out, "link(s) (claimers, cues)"),
                (self.attributes_left_out, "attribute value(s) (stance, check-worthiness, ...)"),
            )
            if n
        ]
        if left_out:
            self.warnings.append(
                "CoNLL holds tags only; left out: " + ", ".join(left_out) + ". The jsonl and "
                "spacy exports keep them (and --format claims writes claims.jsonl)."
            )
        return names

    def discard(self) -> None:
        for fh in self.files:
            fh.close()
