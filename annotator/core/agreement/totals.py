"""Counts per pair of annotators, added batch by batch, and the result made of them."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from annotator.core.agreement.coefficients import (
    AlphaCounts,
    FleissCounts,
    confusion_matrix,
    grow,
    kappa_from_confusion,
)
from annotator.core.agreement.grid import Corpus, TokenGrid
from annotator.core.agreement.matching import max_matching, overlap_edges
from annotator.core.agreement.model import (
    AgreementBatch,
    AgreementDocument,
    AgreementResult,
    BoolArray,
    ClaimAgreement,
    ClaimPair,
    CodeArray,
    DisagreementCounts,
    DocumentDisagreement,
    EntityAgreement,
    EntityPair,
    IntArray,
    LabelF1,
)

# Per pair, for the per-document score: (both finished, matches, |A|+|B|) per unit document.
_DocCounts = tuple[BoolArray, IntArray, IntArray]


def _f1(matches: int, sizes: int) -> float:
    return 1.0 if sizes == 0 else 2.0 * matches / sizes


# --- counts that outlive a batch -------------------------------------------------


@dataclass(slots=True)
class EntityCounts:
    """One pair's entity counts over some documents; ``a`` and ``b`` in index order."""

    documents: int = 0
    tokens: int = 0
    n_a: int = 0
    n_b: int = 0
    tp: int = 0
    matches: int = 0
    kinds: DisagreementCounts = field(default_factory=DisagreementCounts)
    tp_label: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    na_label: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    nb_label: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    confusion: IntArray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int64))

    def add(self, other: EntityCounts) -> None:
        self.documents += other.documents
        self.tokens += other.tokens
        self.n_a += other.n_a
        self.n_b += other.n_b
        self.tp += other.tp
        self.matches += other.matches
        self.kinds = self.kinds + other.kinds
        n = max(self.tp_label.size, other.tp_label.size)
        self.tp_label = grow(self.tp_label, (n,)) + grow(other.tp_label, (n,))
        self.na_label = grow(self.na_label, (n,)) + grow(other.na_label, (n,))
        self.nb_label = grow(self.nb_label, (n,)) + grow(other.nb_label, (n,))
        v = max(self.confusion.shape[0], other.confusion.shape[0])
        self.confusion = grow(self.confusion, (v, v)) + grow(other.confusion, (v, v))

    def swapped(self) -> EntityCounts:
        """The same counts seen from ``b``'s side (every number but n_a/n_b is symmetric)."""
        return EntityCounts(
            self.documents,
            self.tokens,
            self.n_b,
            self.n_a,
            self.tp,
            self.matches,
            self.kinds,
            self.tp_label,
            self.nb_label,
            self.na_label,
            self.confusion.T,
        )


@dataclass(slots=True)
class ClaimCounts:
    documents: int = 0
    n_a: int = 0
    n_b: int = 0
    overlap: int = 0
    iou50: int = 0

    def add(self, other: ClaimCounts) -> None:
        self.documents += other.documents
        self.n_a += other.n_a
        self.n_b += other.n_b
        self.overlap += other.overlap
        self.iou50 += other.iou50

    def swapped(self) -> ClaimCounts:
        return ClaimCounts(self.documents, self.n_b, self.n_a, self.overlap, self.iou50)


class Totals:
    """Everything ``compute_agreement`` returns, as counts added batch by batch.

    Annotators and labels get an index the first time they are seen; every count
    is kept by index and only sorted into display order by :meth:`result`. With no
    ``chosen`` annotators, each new name found joins the comparison (pairs that
    shared nothing so far just have zero counts).
    """

    def __init__(self, chosen: tuple[str, ...] | None) -> None:
        self.fixed = chosen is not None
        self.names: list[str] = list(chosen or ())
        self.index = {name: i for i, name in enumerate(self.names)}
        self.ent_code: dict[str, int] = {}
        self.claim_code: dict[str, int] = {}
        self.documents = 0
        self.tokens = 0
        self.characters = 0
        self.ents: dict[tuple[int, int], EntityCounts] = {}
        self.claims: dict[tuple[int, int], ClaimCounts] = {}
        self.ent_alpha = AlphaCounts()
        self.claim_alpha = AlphaCounts()
        # Keyed by the annotators a document was finished by: Fleiss' κ takes
        # the documents finished by every chosen annotator, known only at the end.
        self.fleiss: dict[frozenset[str], FleissCounts] = {}
        self.per_document: list[DocumentDisagreement] = []

    def admit(self, doc: AgreementDocument) -> bool:
        """Whether ``doc`` is a unit (two chosen annotators or more finished it)."""
        if not self.fixed:
            for name in doc.annotations:
                if name not in self.index:
                    self.index[name] = len(self.names)
                    self.names.append(name)
            return len(doc.annotations) >= 2
        return sum(name in self.index for name in doc.annotations) >= 2

    def add(self, batch: AgreementBatch) -> None:
        names = tuple(self.names)
        corpus = Corpus.from_batch(batch, names, self.ent_code, self.claim_code)
        grid = TokenGrid.build(corpus)
        pairs = list(itertools.combinations(range(len(names)), 2))
        ent_counts, doc_ent = _entity_pairs(corpus, grid, pairs)
        claim_counts, doc_claim = _claim_pairs(corpus, pairs)
        for pair, e, c in zip(pairs, ent_counts, claim_counts, strict=True):
            self.ents.setdefault(pair, EntityCounts()).add(e)
            self.claims.setdefault(pair, ClaimCounts()).add(c)
        self.ent_alpha.add(grid.codes)
        char_codes, char_weights = _claim_characters(corpus)
        self.claim_alpha.add(char_codes, char_weights)
        everyone = np.all(grid.codes >= 0, axis=0)
        fleiss_docs = int(np.count_nonzero(corpus.finished.all(axis=0)))
        self.fleiss.setdefault(frozenset(names), FleissCounts()).add(
            grid.codes[:, everyone], fleiss_docs
        )
        self.documents += corpus.n_docs
        self.tokens += grid.n_tokens
        self.characters += int(corpus.n_chars.sum())
        self.per_document.extend(_per_document(corpus, doc_ent, doc_claim))

    def result(self) -> AgreementResult:
        chosen = tuple(self.names) if self.fixed else tuple(sorted(self.names))
        index = self.index
        ent_labels = tuple(sorted(self.ent_code))
        entity_pairs: list[EntityPair] = []
        claim_pairs: list[ClaimPair] = []
        disagreements: dict[tuple[str, str], DisagreementCounts] = {}
        for a, b in itertools.combinations(chosen, 2):
            i, j = index[a], index[b]
            key = (min(i, j), max(i, j))
            e = self.ents.get(key, EntityCounts())
            c = self.claims.get(key, ClaimCounts())
            if i > j:
                e, c = e.swapped(), c.swapped()
            entity_pairs.append(self._entity_pair(a, b, e))
            claim_pairs.append(_claim_pair(a, b, c))
            disagreements[(a, b)] = e.kinds

        compared = [p for p in entity_pairs if p.documents > 0]
        mean_f1 = (
            sum(p.exact_f1 for p in compared if p.exact_f1 is not None) / len(compared)
            if compared
            else None
        )
        pooled_tp = sum(p.exact_tp for p in compared)
        pooled_n = sum(p.n_a + p.n_b for p in compared)
        fleiss = self.fleiss.get(frozenset(chosen), FleissCounts())
        entities = EntityAgreement(
            labels=ent_labels,
            tokens=self.tokens,
            mean_exact_f1=mean_f1,
            pooled_exact_f1=_f1(pooled_tp, pooled_n) if compared else None,
            krippendorff_alpha=self.ent_alpha.value(),
            fleiss_kappa=fleiss.value(len(chosen)),
            fleiss_documents=fleiss.documents,
            pairs=tuple(entity_pairs),
        )
        claims = ClaimAgreement(
            labels=tuple(sorted(self.claim_code)),
            characters=self.characters,
            krippendorff_alpha=self.claim_alpha.value(),
            pairs=tuple(claim_pairs),
        )
        per_document: Sequence[DocumentDisagreement] = self.per_document
        if not self.fixed:  # names were compared in the order found; show them sorted
            per_document = [
                dataclasses.replace(d, annotators=tuple(sorted(d.annotators))) for d in per_document
            ]
        return AgreementResult(
            annotators=chosen,
            documents=self.documents,
            entities=entities,
            claims=claims,
            disagreements=disagreements,
            per_document=tuple(per_document),
        )

    def _entity_pair(self, a: str, b: str, e: EntityCounts) -> EntityPair:
        n_labels = e.tp_label.size
        per_label = {
            name: LabelF1(
                tp=int(e.tp_label[c]),
                n_a=int(e.na_label[c]),
                n_b=int(e.nb_label[c]),
                f1=_f1(int(e.tp_label[c]), int(e.na_label[c] + e.nb_label[c])),
            )
            for name, c in sorted(self.ent_code.items())
            if c < n_labels and e.na_label[c] + e.nb_label[c] > 0
        }
        seen = e.documents > 0
        return EntityPair(
            a=a,
            b=b,
            documents=e.documents,
            tokens=e.tokens,
            n_a=e.n_a,
            n_b=e.n_b,
            exact_tp=e.tp,
            exact_f1=_f1(e.tp, e.n_a + e.n_b) if seen else None,
            overlap_matches=e.matches,
            overlap_f1=_f1(e.matches, e.n_a + e.n_b) if seen else None,
            cohen_kappa=kappa_from_confusion(e.confusion) if seen else None,
            per_label=per_label,
        )


def _claim_pair(a: str, b: str, c: ClaimCounts) -> ClaimPair:
    seen = c.documents > 0
    return ClaimPair(
        a=a,
        b=b,
        documents=c.documents,
        n_a=c.n_a,
        n_b=c.n_b,
        overlap_matches=c.overlap,
        overlap_f1=_f1(c.overlap, c.n_a + c.n_b) if seen else None,
        iou50_matches=c.iou50,
        iou50_f1=_f1(c.iou50, c.n_a + c.n_b) if seen else None,
    )


# --- entities per pair ----------------------------------------------------------


def _entity_pairs(
    corpus: Corpus, grid: TokenGrid, pairs: list[tuple[int, int]]
) -> tuple[list[EntityCounts], list[_DocCounts]]:
    """Per pair: entity counts, and per-document (TP, |A|+|B|) for scoring."""
    n_labels = len(corpus.ent_labels)
    n_values = 2 * n_labels + 1
    out: list[EntityCounts] = []
    per_doc: list[_DocCounts] = []
    for i, j in pairs:
        both = corpus.finished[i] & corpus.finished[j]
        n_docs = int(both.sum())
        a = corpus.ents[i].select(both[corpus.ents[i].doc])
        b = corpus.ents[j].select(both[corpus.ents[j].doc])
        ea, eb = overlap_edges(a, b, True, corpus.base)
        same_offsets = (a.start[ea] == b.start[eb]) & (a.end[ea] == b.end[eb])
        same_label = a.label[ea] == b.label[eb]
        exact = same_offsets & same_label
        deg_a = np.bincount(ea, minlength=a.start.size)
        deg_b = np.bincount(eb, minlength=b.start.size)
        on_tokens = both[grid.doc]
        out.append(
            EntityCounts(
                documents=n_docs,
                tokens=int(on_tokens.sum()),
                n_a=int(a.start.size),
                n_b=int(b.start.size),
                tp=int(exact.sum()),
                matches=int(max_matching(ea[same_label], eb[same_label]).sum()),
                kinds=DisagreementCounts(
                    boundary=int((~same_offsets & same_label).sum()),
                    label=int((same_offsets & ~same_label).sum()),
                    both=int((~same_offsets & ~same_label).sum()),
                    missed=int((deg_a == 0).sum() + (deg_b == 0).sum()),
                ),
                tp_label=np.bincount(a.label[ea[exact]], minlength=n_labels),
                na_label=np.bincount(a.label, minlength=n_labels),
                nb_label=np.bincount(b.label, minlength=n_labels),
                confusion=confusion_matrix(
                    grid.codes[i, on_tokens], grid.codes[j, on_tokens], n_values
                ),
            )
        )
        d = corpus.n_docs
        tp_doc = np.bincount(a.doc[ea[exact]], minlength=d)
        size_doc = np.bincount(a.doc, minlength=d) + np.bincount(b.doc, minlength=d)
        per_doc.append((both, tp_doc, size_doc))
    return out, per_doc


# --- claims ----------------------------------------------------------------------


def _claim_pairs(
    corpus: Corpus, pairs: list[tuple[int, int]]
) -> tuple[list[ClaimCounts], list[_DocCounts]]:
    out: list[ClaimCounts] = []
    per_doc: list[_DocCounts] = []
    for i, j in pairs:
        both = corpus.finished[i] & corpus.finished[j]
        a = corpus.claims[i].select(both[corpus.claims[i].doc])
        b = corpus.claims[j].select(both[corpus.claims[j].doc])
        ea, eb = overlap_edges(a, b, False, corpus.base)
        same = a.label[ea] == b.label[eb]
        ea, eb = ea[same], eb[same]
        inter = np.minimum(a.end[ea], b.end[eb]) - np.maximum(a.start[ea], b.start[eb])
        union = np.maximum(a.end[ea], b.end[eb]) - np.minimum(a.start[ea], b.start[eb])
        half = 2 * inter >= union  # IoU ≥ 0.5, in integers
        overlap = max_matching(ea, eb)
        out.append(
            ClaimCounts(
                documents=int(both.sum()),
                n_a=int(a.start.size),
                n_b=int(b.start.size),
                overlap=int(overlap.sum()),
                iou50=int(max_matching(ea[half], eb[half]).sum()),
            )
        )
        d = corpus.n_docs
        match_doc = np.bincount(a.doc[ea[overlap]], minlength=d)
        size_doc = np.bincount(a.doc, minlength=d) + np.bincount(b.doc, minlength=d)
        per_doc.append((both, match_doc, size_doc))
    return out, per_doc


def _claim_characters(corpus: Corpus) -> tuple[CodeArray, IntArray]:
    """Claim (1) / not (0) / missing (-1) per run of identically coded characters.

    Runs between consecutive claim boundaries stand for all their characters
    (``weights`` = run length), which gives α exactly without one unit per character.
    """
    k = len(corpus.annotators)
    if corpus.n_docs == 0:
        return np.zeros((k, 0), dtype=np.int32), np.zeros(0, dtype=np.int64)
    cuts = np.unique(
        np.concatenate(
            [corpus.base, corpus.base + corpus.n_chars]
            + [sp.start for sp in corpus.claims]
            + [sp.end for sp in corpus.claims]
        )
    )
    seg_start, seg_end = cuts[:-1], cuts[1:]
    seg_doc = np.searchsorted(corpus.base, seg_start, side="right") - 1
    real = seg_start < corpus.base[seg_doc] + corpus.n_chars[seg_doc]  # not a separator
    seg_start, seg_end, seg_doc = seg_start[real], seg_end[real], seg_doc[real]
    n = seg_start.size
    codes = np.where(corpus.finished[:, seg_doc], 0, -1).astype(np.int32)
    for i, sp in enumerate(corpus.claims):
        cover = np.zeros(n + 1, dtype=np.int64)
        np.add.at(cover, np.searchsorted(seg_start, sp.start), 1)
        np.subtract.at(cover, np.searchsorted(seg_start, sp.end), 1)
        inside = np.cumsum(cover[:n]) > 0
        codes[i, inside] = 1
    return codes, seg_end - seg_start


# --- per document -------------------------------------------------------------------


def _per_document(
    corpus: Corpus,
    ents: list[_DocCounts],
    claims: list[_DocCounts],
) -> tuple[DocumentDisagreement, ...]:
    d = corpus.n_docs
    ent_sum = np.zeros(d)
    claim_sum = np.zeros(d)
    pooled_sum = np.zeros(d)
    n_pairs = np.zeros(d, dtype=np.int64)
    for (both, tp, size), (_, matched, csize) in zip(ents, claims, strict=True):
        ent_sum += np.where(both, _f1_array(tp, size), 0.0)
        claim_sum += np.where(both, _f1_array(matched, csize), 0.0)
        pooled_sum += np.where(both, _f1_array(tp + matched, size + csize), 0.0)
        n_pairs += both
    pairs = np.maximum(n_pairs, 1)
    ent_mean = (ent_sum / pairs).tolist()
    claim_mean = (claim_sum / pairs).tolist()
    score = (1.0 - pooled_sum / pairs).tolist()
    names = corpus.annotators
    # One tuple per set of annotators, shared by every document they finished (a
    # row per document outlives the batch: 100k rows, a handful of sets).
    who: dict[tuple[bool, ...], tuple[str, ...]] = {}
    finished = [
        who.setdefault(row, tuple(n for n, done in zip(names, row, strict=True) if done))
        for row in map(tuple, corpus.finished.T.tolist())
    ]
    return tuple(
        DocumentDisagreement(
            doc_id=corpus.doc_ids[u],
            annotators=finished[u],
            entity_exact_f1=ent_mean[u],
            claim_overlap_f1=claim_mean[u],
            disagreement=score[u],
        )
        for u in range(d)
    )


def _f1_array(matches: IntArray, sizes: IntArray) -> npt.NDArray[np.float64]:
    out = np.ones(sizes.shape, dtype=np.float64)
    nz = sizes > 0
    out[nz] = 2.0 * matches[nz] / sizes[nz]
    return out
