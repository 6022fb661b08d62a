"""Unit documents laid end to end on one axis, and the token grid with IOB2 codes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.agreement.model import (
    CLAIMS,
    ENTS,
    AgreementBatch,
    AgreementDocument,
    BoolArray,
    CodeArray,
    IntArray,
)
from annotator.core.errors import InvalidSpan, SpanOverlapsEntity

# --- flattening: every unit document laid end to end on one axis -----------------


@dataclass(slots=True)
class Spans:
    """One annotator's spans of one layer, in corpus coordinates, sorted by start."""

    start: IntArray
    end: IntArray
    label: IntArray
    doc: IntArray

    def select(self, mask: BoolArray) -> Spans:
        return Spans(self.start[mask], self.end[mask], self.label[mask], self.doc[mask])


@dataclass(slots=True)
class Corpus:
    annotators: tuple[str, ...]
    doc_ids: list[int]
    base: IntArray  # corpus offset of each unit document's character 0
    n_chars: IntArray
    finished: BoolArray  # annotators × unit documents
    token_flat: IntArray  # start, end, start, end, ... in document offsets
    token_counts: IntArray
    ents: list[Spans]
    claims: list[Spans]
    ent_labels: tuple[str, ...]
    claim_labels: tuple[str, ...]

    @property
    def n_docs(self) -> int:
        return len(self.doc_ids)

    @staticmethod
    def from_batch(
        batch: AgreementBatch,
        chosen: tuple[str, ...],
        ent_code: dict[str, int],
        claim_code: dict[str, int],
    ) -> Corpus:
        """Lay the unit documents of ``batch`` end to end; labels new to
        ``ent_code``/``claim_code`` get the next code."""
        k = len(chosen)
        finished = np.asarray(batch.finished, dtype=np.bool_).reshape(k, len(batch.doc_ids))
        n_chars = np.asarray(batch.n_chars, dtype=np.int64)
        token_counts = np.asarray(batch.token_counts, dtype=np.int64)
        tokens = np.asarray(batch.tokens, dtype=np.int64).reshape(-1, 2)
        doc_ids = list(batch.doc_ids)
        sd, sa, sl, ss, se = (
            np.asarray(column, dtype=np.int64)
            for column in (
                batch.span_doc,
                batch.span_annotator,
                batch.span_label,
                batch.span_start,
                batch.span_end,
            )
        )
        if sd.size and (int(sd.min()) < 0 or int(sd.max()) >= len(doc_ids)):
            raise ValueError(f"a span's document index is outside 0–{len(doc_ids) - 1}")
        # Spans of annotators who did not finish their document are not data.
        mine = (sa >= 0) & (sa < k)
        mine[mine] = finished[sa[mine], sd[mine]]
        unit = finished.sum(axis=0) >= 2
        mine &= unit[sd]
        if not unit.all():
            renumber = np.cumsum(unit) - 1
            tokens = tokens[np.repeat(unit, token_counts)]
            doc_ids = [d for d, keep in zip(doc_ids, unit.tolist(), strict=True) if keep]
            n_chars, token_counts, finished = n_chars[unit], token_counts[unit], finished[:, unit]
            sd = np.where(unit[sd], renumber[sd], -1)
        if not mine.all():
            sd, sa, sl, ss, se = sd[mine], sa[mine], sl[mine], ss[mine], se[mine]

        n_docs = len(doc_ids)
        # One separating character between documents, so nothing ever touches across.
        base = np.zeros(n_docs, dtype=np.int64)
        if n_docs:
            base[1:] = np.cumsum(n_chars + 1)[:-1]
        names = [name for name, _ in batch.labels]
        layers = [layer for _, layer in batch.labels]
        ent_label = np.array([layer == ENTS for layer in layers] + [False], dtype=np.bool_)
        claim_label = np.array([layer == CLAIMS for layer in layers] + [False], dtype=np.bool_)
        # Codes for the labels these spans use (only those: an unused label is unseen).
        code_of = np.full(len(names), -1, dtype=np.int64)
        ents: list[Spans] = []
        claims: list[Spans] = []
        for i in range(k):
            own = np.flatnonzero(sa == i)
            s, e, lab, dd = ss[own], se[own], sl[own], sd[own]
            known = (lab >= 0) & (lab < len(names))
            lab_or_none = np.where(known, lab, len(names))
            is_ent, is_claim = ent_label[lab_or_none], claim_label[lab_or_none]
            bad = ~(is_ent | is_claim) | (s < 0) | (e <= s) | (e > n_chars[dd])
            if bad.any():
                j = int(np.argmax(bad))
                label, layer = batch.labels[int(lab[j])] if known[j] else ("?", "?")
                raise InvalidSpan(
                    f"document {doc_ids[int(dd[j])]}, annotator {chosen[i]!r}: span "
                    f"{int(s[j])}–{int(e[j])} ({label!r}, layer {layer!r}) is "
                    f"empty, reversed, outside the text or of an unknown layer"
                )
            for used in np.unique(lab).tolist():
                if code_of[used] < 0:
                    table = ent_code if layers[used] == ENTS else claim_code
                    code_of[used] = table.setdefault(names[used], len(table))
            code = code_of[lab]
            gs = s + base[dd]
            ge = e + base[dd]
            ents.append(sorted_spans(gs[is_ent], ge[is_ent], code[is_ent], dd[is_ent]))
            claims.append(sorted_spans(gs[is_claim], ge[is_claim], code[is_claim], dd[is_claim]))
            sp = ents[-1]
            clash = sp.end[:-1] > sp.start[1:]
            if clash.any():
                j = int(np.argmax(clash))
                b0 = int(base[sp.doc[j]])
                raise SpanOverlapsEntity(
                    f"document {doc_ids[int(sp.doc[j])]}, annotator {chosen[i]!r}: entity spans "
                    f"{int(sp.start[j]) - b0}–{int(sp.end[j]) - b0} and "
                    f"{int(sp.start[j + 1]) - b0}–{int(sp.end[j + 1]) - b0} overlap"
                )
        return Corpus(
            annotators=chosen,
            doc_ids=doc_ids,
            base=base,
            n_chars=n_chars,
            finished=finished,
            token_flat=tokens.reshape(-1),
            token_counts=token_counts,
            ents=ents,
            claims=claims,
            ent_labels=tuple(ent_code),
            claim_labels=tuple(claim_code),
        )


def batch_of(docs: list[AgreementDocument], chosen: tuple[str, ...]) -> AgreementBatch:
    """``docs`` as one batch: their unit documents and the spans of ``chosen``."""
    index = {name: i for i, name in enumerate(chosen)}
    k = len(chosen)
    vocabulary: dict[tuple[str, str], int] = {}
    doc_ids: list[int] = []
    n_chars: list[int] = []
    finished_rows: list[list[bool]] = []
    tokens: list[IntArray] = []
    token_counts: list[int] = []
    columns: tuple[list[int], ...] = ([], [], [], [], [])  # doc, annotator, label, start, end
    span_doc, span_annotator, span_label, span_start, span_end = columns
    for doc in docs:
        mine = [(index[name], spans) for name, spans in doc.annotations.items() if name in index]
        if len(mine) < 2:
            continue
        d = len(doc_ids)
        doc_ids.append(doc.doc_id)
        n_chars.append(doc.n_chars)
        tokens.append(flat_tokens(doc.tokens))
        token_counts.append(len(doc.tokens))
        row = [False] * k
        for i, spans in mine:
            row[i] = True
            span_start.extend([s.start for s in spans])
            span_end.extend([s.end for s in spans])
            span_label.extend(
                [vocabulary.setdefault((s.label, s.layer), len(vocabulary)) for s in spans]
            )
            span_annotator.extend([i] * len(spans))
            span_doc.extend([d] * len(spans))
        finished_rows.append(row)
    n = len(doc_ids)
    return AgreementBatch(
        doc_ids=doc_ids,
        n_chars=np.array(n_chars, dtype=np.int64),
        finished=(
            np.array(finished_rows, dtype=np.bool_).T if n else np.zeros((k, 0), dtype=np.bool_)
        ),
        token_counts=np.array(token_counts, dtype=np.int64),
        tokens=np.concatenate(tokens) if tokens else np.zeros(0, dtype=np.int64),
        labels=list(vocabulary),
        span_doc=np.array(span_doc, dtype=np.int64),
        span_annotator=np.array(span_annotator, dtype=np.int64),
        span_label=np.array(span_label, dtype=np.int64),
        span_start=np.array(span_start, dtype=np.int64),
        span_end=np.array(span_end, dtype=np.int64),
    )


def flat_tokens(tokens: Sequence[tuple[int, int]] | IntArray) -> IntArray:
    """start, end, start, end, ... of a token list or an ``(n, 2)`` array."""
    if isinstance(tokens, np.ndarray):
        return tokens.astype(np.int64, copy=False).reshape(-1)
    return np.fromiter(itertools.chain.from_iterable(tokens), dtype=np.int64, count=2 * len(tokens))


def sorted_spans(start: IntArray, end: IntArray, label: IntArray, doc: IntArray) -> Spans:
    order = np.lexsort((end, start))
    return Spans(start[order], end[order], label[order], doc[order])


# --- token grid and IOB2 codes ---------------------------------------------------


@dataclass(slots=True)
class TokenGrid:
    """Refined tokens of all unit documents and each annotator's IOB2 code per token.

    Codes: ``0`` = O, ``2l+1`` = B-label l, ``2l+2`` = I-label l, ``-1`` = missing.
    """

    start: IntArray
    end: IntArray
    doc: IntArray
    codes: CodeArray  # annotators × tokens

    @property
    def n_tokens(self) -> int:
        return int(self.start.size)

    @staticmethod
    def build(corpus: Corpus) -> TokenGrid:
        tok_doc = np.repeat(np.arange(corpus.n_docs, dtype=np.int64), corpus.token_counts)
        ts = corpus.token_flat[0::2]
        te = corpus.token_flat[1::2]
        if ts.size:
            bad = (ts < 0) | (te <= ts) | (te > corpus.n_chars[tok_doc])
            same_doc = tok_doc[1:] == tok_doc[:-1]
            unsorted = np.zeros_like(bad)
            unsorted[1:] = same_doc & (ts[1:] < te[:-1])
            bad |= unsorted
            if bad.any():
                j = int(np.argmax(bad))
                raise ValueError(
                    f"document {corpus.doc_ids[int(tok_doc[j])]}: token {int(ts[j])}–{int(te[j])}"
                    " is empty, outside the text, or not after the previous token"
                )
        ts = ts + corpus.base[tok_doc]
        te = te + corpus.base[tok_doc]
        # Split tokens at every entity boundary that falls strictly inside one.
        bounds = [sp.start for sp in corpus.ents] + [sp.end for sp in corpus.ents]
        cuts = np.unique(np.concatenate(bounds)) if bounds else np.zeros(0, dtype=np.int64)
        if cuts.size and ts.size:
            k = np.searchsorted(ts, cuts, side="right") - 1
            kc = np.clip(k, 0, None)
            inside = (k >= 0) & (ts[kc] < cuts) & (cuts < te[kc])
            cuts, k = cuts[inside], k[inside]
            if cuts.size:
                # A cut in token k starts a piece after ts[k] and ends one before te[k];
                # inserting in place keeps everything sorted without sorting again.
                ts = np.insert(ts, k + 1, cuts)
                te = np.insert(te, k, cuts)
                tok_doc = np.insert(tok_doc, k + 1, tok_doc[k])
        n = ts.size
        per_doc = np.bincount(tok_doc, minlength=corpus.n_docs)
        codes = np.empty((len(corpus.ents), n), dtype=np.int32)
        for i, sp in enumerate(corpus.ents):
            row = codes[i]
            row[:] = np.repeat(np.where(corpus.finished[i], 0, -1).astype(np.int32), per_doc)
            lo = np.searchsorted(ts, sp.start, side="left")
            hi = np.searchsorted(te, sp.end, side="right")
            has = lo < hi
            lo, hi, lab = lo[has], hi[has], sp.label[has].astype(np.int32)
            # Spans of one annotator never overlap: no two ranges share a first or
            # last token, so a running sum over +code/−code marks each range.
            diff = np.zeros(n + 1, dtype=np.int32)
            diff[lo] = 2 * lab + 2
            np.subtract.at(diff, hi, 2 * lab + 2)
            row += np.cumsum(diff[:n], dtype=np.int32)  # 0 (O) inside finished documents
            row[lo] = 2 * lab + 1
        return TokenGrid(ts, te, tok_doc, codes)
