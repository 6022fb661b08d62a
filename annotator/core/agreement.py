"""Inter-annotator agreement over finished documents: pure computations, no Qt.

The caller hands over one :class:`AgreementDocument` per document, carrying the
spans of every annotator who marked it **done**. An annotator absent from
``AgreementDocument.annotations`` did not finish the document: that is missing
data, never "everything is O". A document is a *unit* only when at least two of
the chosen annotators finished it; every number below is computed on units only.

Conventions
-----------
* **Token grid.** Token-level numbers (Cohen's κ, Fleiss' κ, Krippendorff's α on
  entities) use one grid per document: the caller's tokens, split wherever a
  boundary of an entity span of any chosen annotator who finished the document
  falls strictly inside a token (a span that leaves out the proclitic ``و`` of
  ``والرئيس`` splits that token into ``و`` + ``الرئيس``), so no span is rounded to
  token boundaries. Characters outside every token carry no tag. Each grid token
  gets an IOB2 tag per annotator (``O``, ``B-<label>``, ``I-<label>``).
* **Span F1** is ``2·matches / (|A| + |B|)``. When both sides are empty it is
  **1.0** (two annotators who agree there is nothing agree); seqeval returns 0.0
  there, so the tests compare with seqeval only where something was annotated.
* **Exact** matches are equal ``(doc, start, end, label)``. **Overlap** matches
  (entities: same label, one character or more in common; claims: the same,
  plus the ``IoU ≥ 0.5`` variant) are a maximum one-to-one matching, computed
  exactly (trivial one-to-one overlaps in bulk, the rest by augmenting paths).
* **Undefined coefficients are** ``None``: κ or α when the data hold a single
  value (chance agreement is 1) or nothing at all; Fleiss' κ also when fewer
  than two annotators are chosen or no unit document was finished by *every*
  chosen annotator. A pair that shares no document has ``None`` for every number.
* **Disagreement kinds** (entities) count, per pair, every overlapping pair of
  spans that is not an exact match: ``boundary`` (same label, different
  offsets), ``label`` (same offsets, different label), ``both`` (different
  offsets and label); ``missed`` counts spans of either annotator that overlap
  nothing of the other's.
* **Per-document disagreement** is ``1 − mean over pairs`` of the pair's F1 on
  that document, where entity spans match exactly and claims by overlap
  (``2·(exact entity matches + claim overlap matches) / (all spans of both)``).
* Claims' α is over characters of unit documents: 1 if any claim of the
  annotator covers the character, else 0; missing when the annotator did not
  finish the document.

``AgreementResult.to_json()`` keys (stable; ``null`` where a number is undefined)::

    annotators            [str]          chosen annotators, in order
    documents             int            unit documents
    entities
      labels              [str]          entity labels seen, sorted
      tokens              int            grid tokens of unit documents
      mean_exact_f1       float|null     mean over pairs that share a document
      pooled_exact_f1     float|null     2·ΣTP / Σ(|A|+|B|) over those pairs
      krippendorff_alpha  float|null     nominal, IOB2 tags, missing allowed
      fleiss_kappa        float|null     IOB2 tags of documents all finished
      fleiss_documents    int            documents every chosen annotator finished
      nested              int            entities inside another: in span F1 only
      token_measures_layer str           "outermost entities" (κ and α use those)
      pairs               [ {a, b, documents, tokens, n_a, n_b, exact_tp, exact_f1,
                             overlap_matches, overlap_f1, cohen_kappa,
                             per_label: {label: {tp, n_a, n_b, f1}}} ]
    claims
      labels              [str]
      characters          int            characters of unit documents
      krippendorff_alpha  float|null     claim / not claim per character
      pairs               [ {a, b, documents, n_a, n_b, overlap_matches, overlap_f1,
                             iou50_matches, iou50_f1} ]
    disagreements
      total               {boundary, label, both, missed}
      pairs               [ {a, b, boundary, label, both, missed} ]
    per_document          [ {doc_id, annotators, entity_exact_f1, claim_overlap_f1,
                             disagreement} ]     in input order

Everything heavy is integer counting with numpy over the whole corpus at once
(all documents laid end to end on one axis; claims' characters as runs between
boundaries); only spans that overlap two or more others go through a Python
loop. 10,000 documents × 3 annotators × ~20 spans × ~400 tokens take about two
seconds (``benchmarks/bench_agreement.py`` times it against the references).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from annotator.core.errors import InvalidSpan, SpanOverlapsEntity

__all__ = [
    "AgreementDocument",
    "AgreementResult",
    "AgreementSpan",
    "ClaimAgreement",
    "ClaimPair",
    "DisagreementCounts",
    "DocumentDisagreement",
    "EntityAgreement",
    "EntityPair",
    "LabelF1",
    "compute_agreement",
]

ENTS = "ents"
CLAIMS = "claims"

IntArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.int32]  # one value per coder and unit, -1 = missing
BoolArray = npt.NDArray[np.bool_]
# Per pair, for the per-document score: (both finished, matches, |A|+|B|) per unit document.
_DocCounts = tuple[BoolArray, IntArray, IntArray]
_STAGES = 4  # progress steps after reading the input


# --- input ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgreementSpan:
    """One span of one annotator: code-point offsets, half-open.

    :param layer: ``"ents"`` (entities and places, never overlapping within one
        annotator) or ``"claims"`` (may overlap) — ``LabelKind.layer``.
    """

    start: int
    end: int
    label: str
    layer: str


@dataclass(frozen=True, slots=True)
class AgreementDocument:
    """A document as agreement sees it.

    :param doc_id: the project's document id, echoed in the per-document results.
    :param n_chars: length of the document's text in code points.
    :param tokens: ``(start, end)`` of each token, sorted and non-overlapping
        (``tokenizer.token_offsets(text)``).
    :param annotations: spans of each annotator who marked the document done; an
        empty sequence means "done, nothing to mark". Annotators who did not
        finish it must be left out.
    """

    doc_id: int
    n_chars: int
    tokens: Sequence[tuple[int, int]]
    annotations: Mapping[str, Sequence[AgreementSpan]]


# --- results -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelF1:
    tp: int
    n_a: int
    n_b: int
    f1: float


@dataclass(frozen=True, slots=True)
class EntityPair:
    """Entity agreement of annotators ``a`` and ``b`` on the documents both finished."""

    a: str
    b: str
    documents: int
    tokens: int
    n_a: int
    n_b: int
    exact_tp: int
    exact_f1: float | None
    overlap_matches: int
    overlap_f1: float | None
    cohen_kappa: float | None
    per_label: Mapping[str, LabelF1] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimPair:
    a: str
    b: str
    documents: int
    n_a: int
    n_b: int
    overlap_matches: int
    overlap_f1: float | None
    iou50_matches: int
    iou50_f1: float | None


@dataclass(frozen=True, slots=True)
class DisagreementCounts:
    boundary: int = 0
    label: int = 0
    both: int = 0
    missed: int = 0

    def __add__(self, other: DisagreementCounts) -> DisagreementCounts:
        return DisagreementCounts(
            boundary=self.boundary + other.boundary,
            label=self.label + other.label,
            both=self.both + other.both,
            missed=self.missed + other.missed,
        )


@dataclass(frozen=True, slots=True)
class DocumentDisagreement:
    doc_id: int
    annotators: tuple[str, ...]
    entity_exact_f1: float
    claim_overlap_f1: float
    disagreement: float


@dataclass(frozen=True, slots=True)
class EntityAgreement:
    labels: tuple[str, ...]
    tokens: int
    mean_exact_f1: float | None
    pooled_exact_f1: float | None
    krippendorff_alpha: float | None
    fleiss_kappa: float | None
    fleiss_documents: int
    pairs: tuple[EntityPair, ...]
    #: Entities lying inside another one: counted in the exact span F1 (pairs,
    #: per label, mean and pooled), while the token measures (κ, α) and the
    #: overlap matches use the outermost entities only.
    nested: int = 0


@dataclass(frozen=True, slots=True)
class ClaimAgreement:
    labels: tuple[str, ...]
    characters: int
    krippendorff_alpha: float | None
    pairs: tuple[ClaimPair, ...]


@dataclass(frozen=True, slots=True)
class AgreementResult:
    annotators: tuple[str, ...]
    documents: int
    entities: EntityAgreement
    claims: ClaimAgreement
    disagreements: Mapping[tuple[str, str], DisagreementCounts]
    per_document: tuple[DocumentDisagreement, ...]

    @property
    def total_disagreements(self) -> DisagreementCounts:
        return sum(self.disagreements.values(), DisagreementCounts())

    def documents_by_disagreement(self) -> list[DocumentDisagreement]:
        """Most disputed first; ties keep input order."""
        return sorted(self.per_document, key=lambda d: -d.disagreement)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; the keys are listed in the module docstring."""
        ents = self.entities
        claims = self.claims
        return {
            "annotators": list(self.annotators),
            "documents": self.documents,
            "entities": {
                "labels": list(ents.labels),
                "tokens": ents.tokens,
                "mean_exact_f1": ents.mean_exact_f1,
                "pooled_exact_f1": ents.pooled_exact_f1,
                "krippendorff_alpha": ents.krippendorff_alpha,
                "fleiss_kappa": ents.fleiss_kappa,
                "fleiss_documents": ents.fleiss_documents,
                "nested": ents.nested,
                "token_measures_layer": "outermost entities",
                "pairs": [
                    {
                        "a": p.a,
                        "b": p.b,
                        "documents": p.documents,
                        "tokens": p.tokens,
                        "n_a": p.n_a,
                        "n_b": p.n_b,
                        "exact_tp": p.exact_tp,
                        "exact_f1": p.exact_f1,
                        "overlap_matches": p.overlap_matches,
                        "overlap_f1": p.overlap_f1,
                        "cohen_kappa": p.cohen_kappa,
                        "per_label": {
                            name: {"tp": v.tp, "n_a": v.n_a, "n_b": v.n_b, "f1": v.f1}
                            for name, v in p.per_label.items()
                        },
                    }
                    for p in ents.pairs
                ],
            },
            "claims": {
                "labels": list(claims.labels),
                "characters": claims.characters,
                "krippendorff_alpha": claims.krippendorff_alpha,
                "pairs": [
                    {
                        "a": p.a,
                        "b": p.b,
                        "documents": p.documents,
                        "n_a": p.n_a,
                        "n_b": p.n_b,
                        "overlap_matches": p.overlap_matches,
                        "overlap_f1": p.overlap_f1,
                        "iou50_matches": p.iou50_matches,
                        "iou50_f1": p.iou50_f1,
                    }
                    for p in claims.pairs
                ],
            },
            "disagreements": {
                "total": _counts_json(self.total_disagreements),
                "pairs": [
                    {"a": a, "b": b, **_counts_json(c)} for (a, b), c in self.disagreements.items()
                ],
            },
            "per_document": [
                {
                    "doc_id": d.doc_id,
                    "annotators": list(d.annotators),
                    "entity_exact_f1": d.entity_exact_f1,
                    "claim_overlap_f1": d.claim_overlap_f1,
                    "disagreement": d.disagreement,
                }
                for d in self.per_document
            ],
        }


def _counts_json(c: DisagreementCounts) -> dict[str, int]:
    return {"boundary": c.boundary, "label": c.label, "both": c.both, "missed": c.missed}


# --- the computation -----------------------------------------------------------


def compute_agreement(
    documents: Iterable[AgreementDocument],
    *,
    annotators: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AgreementResult:
    """Agreement of the chosen annotators on the documents at least two of them finished.

    :param documents: every candidate document; those finished by fewer than two
        chosen annotators are skipped.
    :param annotators: whose work to compare, in display order (default: every
        annotator found, sorted). Spans of other annotators are ignored.
    :param progress: called as ``progress(done, total)`` while the input is read
        and once per stage after; raise from it to cancel.
    :raises InvalidSpan: a span is empty, reversed, outside its text, or of an
        unknown layer.
    :raises SpanOverlapsEntity: two entity spans of one annotator overlap.
    :raises ValueError: tokens unsorted, overlapping or outside the text.
    """
    docs = list(documents)
    if annotators is None:
        chosen = tuple(sorted({name for d in docs for name in d.annotations}))
    else:
        chosen = tuple(dict.fromkeys(annotators))
    corpus = _Corpus.build(docs, chosen, progress)
    pairs = list(itertools.combinations(range(len(chosen)), 2))
    total_steps = len(docs) + _STAGES

    def _stage(i: int) -> None:
        if progress is not None:
            progress(len(docs) + i, total_steps)

    grid = _TokenGrid.build(corpus)
    _stage(1)
    entity_pairs, disagreements, doc_ent = _entity_pairs(corpus, grid, pairs)
    _stage(2)
    claim_pairs, doc_claim = _claim_pairs(corpus, pairs)
    _stage(3)

    compared = [p for p in entity_pairs if p.documents > 0]
    mean_f1 = (
        sum(p.exact_f1 for p in compared if p.exact_f1 is not None) / len(compared)
        if compared
        else None
    )
    pooled_tp = sum(p.exact_tp for p in compared)
    pooled_n = sum(p.n_a + p.n_b for p in compared)
    pooled_f1 = _f1(pooled_tp, pooled_n) if compared else None

    everyone = np.all(grid.codes >= 0, axis=0)
    fleiss_docs = int(np.count_nonzero(corpus.finished.all(axis=0))) if chosen else 0
    fleiss = _fleiss_kappa(grid.codes[:, everyone]) if len(chosen) >= 2 else None

    entities = EntityAgreement(
        labels=corpus.ent_labels,
        tokens=grid.n_tokens,
        mean_exact_f1=mean_f1,
        pooled_exact_f1=pooled_f1,
        krippendorff_alpha=_krippendorff_alpha(grid.codes),
        fleiss_kappa=fleiss,
        fleiss_documents=fleiss_docs,
        pairs=tuple(entity_pairs),
    )
    char_codes, char_weights = _claim_characters(corpus)
    claims = ClaimAgreement(
        labels=corpus.claim_labels,
        characters=int(corpus.n_chars.sum()),
        krippendorff_alpha=_krippendorff_alpha(char_codes, char_weights),
        pairs=tuple(claim_pairs),
    )
    per_document = _per_document(corpus, doc_ent, doc_claim)
    _stage(4)
    return AgreementResult(
        annotators=chosen,
        documents=corpus.n_docs,
        entities=entities,
        claims=claims,
        disagreements={
            (chosen[i], chosen[j]): c for (i, j), c in zip(pairs, disagreements, strict=True)
        },
        per_document=per_document,
    )


def _f1(matches: int, sizes: int) -> float:
    return 1.0 if sizes == 0 else 2.0 * matches / sizes


# --- flattening: every unit document laid end to end on one axis -----------------


@dataclass(slots=True)
class _Spans:
    """One annotator's spans of one layer, in corpus coordinates, sorted by start."""

    start: IntArray
    end: IntArray
    label: IntArray
    doc: IntArray

    def select(self, mask: BoolArray) -> _Spans:
        return _Spans(self.start[mask], self.end[mask], self.label[mask], self.doc[mask])


@dataclass(slots=True)
class _Corpus:
    annotators: tuple[str, ...]
    doc_ids: list[int]
    base: IntArray  # corpus offset of each unit document's character 0
    n_chars: IntArray
    finished: BoolArray  # annotators × unit documents
    token_flat: IntArray  # start, end, start, end, ... in document offsets
    token_counts: IntArray
    ents: list[_Spans]
    claims: list[_Spans]
    ent_labels: tuple[str, ...]
    claim_labels: tuple[str, ...]

    @property
    def n_docs(self) -> int:
        return len(self.doc_ids)

    @staticmethod
    def build(
        docs: list[AgreementDocument],
        chosen: tuple[str, ...],
        progress: Callable[[int, int], None] | None,
    ) -> _Corpus:
        index = {name: i for i, name in enumerate(chosen)}
        k = len(chosen)
        total = len(docs) + _STAGES
        units: list[AgreementDocument] = []
        finished_rows: list[list[bool]] = []
        # Per annotator: flat starts, ends, labels, layers, and one doc index per span.
        starts: list[list[int]] = [[] for _ in chosen]
        ends: list[list[int]] = [[] for _ in chosen]
        labels: list[list[str]] = [[] for _ in chosen]
        layers: list[list[str]] = [[] for _ in chosen]
        span_docs: list[list[int]] = [[] for _ in chosen]
        for n, doc in enumerate(docs):
            if progress is not None and n % 500 == 0:
                progress(n, total)
            mine = [
                (index[name], spans) for name, spans in doc.annotations.items() if name in index
            ]
            if len(mine) < 2:
                continue
            d = len(units)
            units.append(doc)
            row = [False] * k
            for i, spans in mine:
                row[i] = True
                starts[i].extend([s.start for s in spans])
                ends[i].extend([s.end for s in spans])
                labels[i].extend([s.label for s in spans])
                layers[i].extend([s.layer for s in spans])
                span_docs[i].extend([d] * len(spans))
            finished_rows.append(row)

        n_docs = len(units)
        n_chars = np.array([doc.n_chars for doc in units], dtype=np.int64)
        # One separating character between documents, so nothing ever touches across.
        base = np.zeros(n_docs, dtype=np.int64)
        if n_docs:
            base[1:] = np.cumsum(n_chars + 1)[:-1]
        finished = (
            np.array(finished_rows, dtype=np.bool_).T
            if n_docs
            else np.zeros((k, 0), dtype=np.bool_)
        )
        token_counts = np.array([len(doc.tokens) for doc in units], dtype=np.int64)
        token_flat = np.fromiter(
            itertools.chain.from_iterable(
                itertools.chain.from_iterable(doc.tokens for doc in units)
            ),
            dtype=np.int64,
            count=2 * int(token_counts.sum()),
        )
        ent_names = sorted(
            {
                lab
                for i in range(k)
                for lab, lay in zip(labels[i], layers[i], strict=True)
                if lay == ENTS
            }
        )
        claim_names = sorted(
            {
                lab
                for i in range(k)
                for lab, lay in zip(labels[i], layers[i], strict=True)
                if lay == CLAIMS
            }
        )
        ent_code = {name: c for c, name in enumerate(ent_names)}
        claim_code = {name: c for c, name in enumerate(claim_names)}
        ents: list[_Spans] = []
        claims: list[_Spans] = []
        for i in range(k):
            s = np.array(starts[i], dtype=np.int64)
            e = np.array(ends[i], dtype=np.int64)
            dd = np.array(span_docs[i], dtype=np.int64)
            is_ent = np.array([lay == ENTS for lay in layers[i]], dtype=np.bool_)
            is_claim = np.array([lay == CLAIMS for lay in layers[i]], dtype=np.bool_)
            bad = ~(is_ent | is_claim)
            if bad.size:
                bad |= (s < 0) | (e <= s) | (e > n_chars[dd])
            if bad.any():
                j = int(np.argmax(bad))
                raise InvalidSpan(
                    f"document {units[int(dd[j])].doc_id}, annotator {chosen[i]!r}: span "
                    f"{int(s[j])}–{int(e[j])} ({labels[i][j]!r}, layer {layers[i][j]!r}) is "
                    f"empty, reversed, outside the text or of an unknown layer"
                )
            code = np.array(
                [
                    ent_code[lab] if lay == ENTS else claim_code[lab]
                    for lab, lay in zip(labels[i], layers[i], strict=True)
                ],
                dtype=np.int64,
            )
            gs = s + base[dd] if dd.size else s
            ge = e + base[dd] if dd.size else e
            ents.append(_sorted_spans(gs[is_ent], ge[is_ent], code[is_ent], dd[is_ent]))
            claims.append(_sorted_spans(gs[is_claim], ge[is_claim], code[is_claim], dd[is_claim]))
            sp = ents[-1]
            clash = sp.end[:-1] > sp.start[1:]
            if clash.any():
                j = int(np.argmax(clash))
                doc = units[int(sp.doc[j])]
                b0 = int(base[sp.doc[j]])
                raise SpanOverlapsEntity(
                    f"document {doc.doc_id}, annotator {chosen[i]!r}: entity spans "
                    f"{int(sp.start[j]) - b0}–{int(sp.end[j]) - b0} and "
                    f"{int(sp.start[j + 1]) - b0}–{int(sp.end[j + 1]) - b0} overlap"
                )
        return _Corpus(
            annotators=chosen,
            doc_ids=[doc.doc_id for doc in units],
            base=base,
            n_chars=n_chars,
            finished=finished,
            token_flat=token_flat,
            token_counts=token_counts,
            ents=ents,
            claims=claims,
            ent_labels=tuple(ent_names),
            claim_labels=tuple(claim_names),
        )


def _sorted_spans(start: IntArray, end: IntArray, label: IntArray, doc: IntArray) -> _Spans:
    order = np.lexsort((end, start))
    return _Spans(start[order], end[order], label[order], doc[order])


# --- token grid and IOB2 codes ---------------------------------------------------


@dataclass(slots=True)
class _TokenGrid:
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
    def build(corpus: _Corpus) -> _TokenGrid:
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
        return _TokenGrid(ts, te, tok_doc, codes)


# --- coefficients from counts ----------------------------------------------------


def _agreeing_pairs(codes: CodeArray) -> IntArray:
    """Per unit, how many coder pairs gave the same (present) value."""
    k = codes.shape[0]
    same = np.zeros(codes.shape[1], dtype=np.int64)
    for i, j in itertools.combinations(range(k), 2):
        same += (codes[i] == codes[j]) & (codes[i] >= 0)
    return same


def _krippendorff_alpha(codes: CodeArray, weights: IntArray | None = None) -> float | None:
    """Nominal α of ``codes`` (coders × units, -1 = missing); ``weights`` repeats units.

    With ``n_uc`` the number of coders giving value c to unit u and ``m_u`` the
    values of u: ``α = 1 − (n − 1)·Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) / (n² − Σ_c n_c²)``
    over units with ``m_u ≥ 2`` — the coincidence-matrix form, counted directly.
    """
    if codes.size == 0:
        return None
    present = codes >= 0
    m = present.sum(axis=0)
    pairable = m >= 2
    if not pairable.any():
        return None
    w = np.ones(codes.shape[1], dtype=np.int64) if weights is None else weights
    sum_sq = m + 2 * _agreeing_pairs(codes)  # Σ_c n_uc²
    observed: float = 0.0
    for mu in np.unique(m[pairable]).tolist():
        sel = m == mu
        observed += int(np.dot(w[sel], mu * mu - sum_sq[sel])) / (int(mu) - 1)
    vals = codes[:, pairable]
    vw = np.broadcast_to(w[pairable], vals.shape)
    ok = vals >= 0
    n_c = np.bincount(vals[ok], weights=None if weights is None else vw[ok])
    n_c = n_c.astype(np.int64)
    n = int(n_c.sum())
    expected = n * n - int(np.dot(n_c, n_c))
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def _fleiss_kappa(codes: CodeArray) -> float | None:
    """Fleiss' κ of ``codes`` (raters × units, every value present)."""
    k, n_units = int(codes.shape[0]), int(codes.shape[1])
    if k < 2 or n_units == 0:
        return None
    nk = n_units * k
    agree = 2 * int(_agreeing_pairs(codes).sum())  # Σ_i Σ_j n_ij² − N·k
    totals = np.bincount(codes.ravel())
    sq = int(np.dot(totals, totals))
    denominator = (k - 1) * (nk * nk - sq)
    if denominator == 0:
        return None
    # κ = (P̄ − P_e)/(1 − P_e), with P̄ = agree/(N·k·(k−1)), P_e = sq/(N·k)², kept integral.
    return (agree * nk - sq * (k - 1)) / denominator


def _cohen_kappa(x: CodeArray, y: CodeArray, n_values: int) -> float | None:
    n = int(x.size)
    if n == 0:
        return None
    confusion = np.bincount(x * n_values + y, minlength=n_values * n_values)
    confusion = confusion.reshape(n_values, n_values)
    diagonal = int(np.trace(confusion))
    chance = int(np.dot(confusion.sum(axis=1), confusion.sum(axis=0)))
    if n * n == chance:
        return None
    return (n * diagonal - chance) / (n * n - chance)


# --- matching ----------------------------------------------------------------------


def _overlap_edges(
    a: _Spans, b: _Spans, disjoint: bool, base: IntArray
) -> tuple[IntArray, IntArray]:
    """Index pairs ``(i, j)`` with span ``a[i]`` and span ``b[j]`` sharing a character."""
    if a.start.size == 0 or b.start.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    hi = np.searchsorted(b.start, a.end, side="left")
    if disjoint:
        # b's spans are disjoint and sorted, so their ends are sorted too.
        lo = np.searchsorted(b.end, a.start, side="right")
    else:
        # Candidates start within one longest b span before a, in the same document.
        longest = int((b.end - b.start).max())
        floor = np.maximum(a.start - longest + 1, base[a.doc])
        lo = np.searchsorted(b.start, floor, side="left")
    count = np.clip(hi - lo, 0, None)
    ea = np.repeat(np.arange(a.start.size, dtype=np.int64), count)
    first = np.cumsum(count) - count
    eb = np.repeat(lo, count) + (
        np.arange(int(count.sum()), dtype=np.int64) - np.repeat(first, count)
    )
    if not disjoint:
        keep = (b.end[eb] > a.start[ea]) & (b.start[eb] < a.end[ea])
        ea, eb = ea[keep], eb[keep]
    return ea, eb


def _max_matching(ea: IntArray, eb: IntArray) -> BoolArray:
    """Which edges form a maximum one-to-one matching of the bipartite graph.

    Overlap graphs of spans are mostly isolated edges, taken in bulk; what remains
    (a span overlapping two) is matched by augmenting paths (Kuhn), which is exact.
    """
    matched = np.zeros(ea.size, dtype=np.bool_)
    if ea.size == 0:
        return matched
    deg_a = np.bincount(ea)
    deg_b = np.bincount(eb)
    alone = (deg_a[ea] == 1) & (deg_b[eb] == 1)
    matched[alone] = True
    rest = np.flatnonzero(~alone)
    if rest.size == 0:
        return matched
    adjacency: dict[int, list[tuple[int, int]]] = {}
    for e, x, y in zip(rest.tolist(), ea[rest].tolist(), eb[rest].tolist(), strict=True):
        adjacency.setdefault(x, []).append((y, e))
    owner: dict[int, tuple[int, int]] = {}  # b node -> (a node, edge)
    for root in adjacency:
        seen: set[int] = set()
        stack = [(root, iter(adjacency[root]))]
        path: list[tuple[int, int]] = []  # path[i]: the edge taken from stack[i]
        found = False
        while stack and not found:
            _, options = stack[-1]
            for y, e in options:
                if y in seen:
                    continue
                seen.add(y)
                path.append((y, e))
                if y in owner:
                    nxt = owner[y][0]
                    stack.append((nxt, iter(adjacency[nxt])))
                else:
                    found = True
                break
            else:
                stack.pop()
                if path:
                    path.pop()
        if found:
            for (x, _), (y, e) in zip(stack, path, strict=True):
                owner[y] = (x, e)
    for _, e in owner.values():
        matched[e] = True
    return matched


# --- entities per pair ----------------------------------------------------------


def _entity_pairs(
    corpus: _Corpus, grid: _TokenGrid, pairs: list[tuple[int, int]]
) -> tuple[list[EntityPair], list[DisagreementCounts], list[_DocCounts]]:
    """Per pair: numbers, disagreement kinds, and per-document (TP, |A|+|B|) for scoring."""
    n_labels = len(corpus.ent_labels)
    n_values = 2 * n_labels + 1
    out: list[EntityPair] = []
    kinds: list[DisagreementCounts] = []
    per_doc: list[_DocCounts] = []
    names = corpus.annotators
    for i, j in pairs:
        both = corpus.finished[i] & corpus.finished[j]
        n_docs = int(both.sum())
        a = corpus.ents[i].select(both[corpus.ents[i].doc])
        b = corpus.ents[j].select(both[corpus.ents[j].doc])
        ea, eb = _overlap_edges(a, b, True, corpus.base)
        same_offsets = (a.start[ea] == b.start[eb]) & (a.end[ea] == b.end[eb])
        same_label = a.label[ea] == b.label[eb]
        exact = same_offsets & same_label
        tp = int(exact.sum())
        deg_a = np.bincount(ea, minlength=a.start.size)
        deg_b = np.bincount(eb, minlength=b.start.size)
        kinds.append(
            DisagreementCounts(
                boundary=int((~same_offsets & same_label).sum()),
                label=int((same_offsets & ~same_label).sum()),
                both=int((~same_offsets & ~same_label).sum()),
                missed=int((deg_a == 0).sum() + (deg_b == 0).sum()),
            )
        )
        matches = int(_max_matching(ea[same_label], eb[same_label]).sum())

        tp_label = np.bincount(a.label[ea[exact]], minlength=n_labels)
        na_label = np.bincount(a.label, minlength=n_labels)
        nb_label = np.bincount(b.label, minlength=n_labels)
        per_label = {
            corpus.ent_labels[c]: LabelF1(
                tp=int(tp_label[c]),
                n_a=int(na_label[c]),
                n_b=int(nb_label[c]),
                f1=_f1(int(tp_label[c]), int(na_label[c] + nb_label[c])),
            )
            for c in range(n_labels)
            if na_label[c] + nb_label[c] > 0
        }
        on_tokens = both[grid.doc]
        kappa = (
            _cohen_kappa(grid.codes[i, on_tokens], grid.codes[j, on_tokens], n_values)
            if n_docs
            else None
        )
        n_a, n_b = int(a.start.size), int(b.start.size)
        out.append(
            EntityPair(
                a=names[i],
                b=names[j],
                documents=n_docs,
                tokens=int(on_tokens.sum()),
                n_a=n_a,
                n_b=n_b,
                exact_tp=tp,
                exact_f1=_f1(tp, n_a + n_b) if n_docs else None,
                overlap_matches=matches,
                overlap_f1=_f1(matches, n_a + n_b) if n_docs else None,
                cohen_kappa=kappa,
                per_label=per_label,
            )
        )
        d = corpus.n_docs
        tp_doc = np.bincount(a.doc[ea[exact]], minlength=d)
        size_doc = np.bincount(a.doc, minlength=d) + np.bincount(b.doc, minlength=d)
        per_doc.append((both, tp_doc, size_doc))
    return out, kinds, per_doc


# --- claims ----------------------------------------------------------------------


def _claim_pairs(
    corpus: _Corpus, pairs: list[tuple[int, int]]
) -> tuple[list[ClaimPair], list[_DocCounts]]:
    out: list[ClaimPair] = []
    per_doc: list[_DocCounts] = []
    for i, j in pairs:
        both = corpus.finished[i] & corpus.finished[j]
        n_docs = int(both.sum())
        a = corpus.claims[i].select(both[corpus.claims[i].doc])
        b = corpus.claims[j].select(both[corpus.claims[j].doc])
        ea, eb = _overlap_edges(a, b, False, corpus.base)
        same = a.label[ea] == b.label[eb]
        ea, eb = ea[same], eb[same]
        inter = np.minimum(a.end[ea], b.end[eb]) - np.maximum(a.start[ea], b.start[eb])
        union = np.maximum(a.end[ea], b.end[eb]) - np.minimum(a.start[ea], b.start[eb])
        half = 2 * inter >= union  # IoU ≥ 0.5, in integers
        overlap = _max_matching(ea, eb)
        iou = _max_matching(ea[half], eb[half])
        n_a, n_b = int(a.start.size), int(b.start.size)
        m_overlap, m_iou = int(overlap.sum()), int(iou.sum())
        out.append(
            ClaimPair(
                a=corpus.annotators[i],
                b=corpus.annotators[j],
                documents=n_docs,
                n_a=n_a,
                n_b=n_b,
                overlap_matches=m_overlap,
                overlap_f1=_f1(m_overlap, n_a + n_b) if n_docs else None,
                iou50_matches=m_iou,
                iou50_f1=_f1(m_iou, n_a + n_b) if n_docs else None,
            )
        )
        d = corpus.n_docs
        match_doc = np.bincount(a.doc[ea[overlap]], minlength=d)
        size_doc = np.bincount(a.doc, minlength=d) + np.bincount(b.doc, minlength=d)
        per_doc.append((both, match_doc, size_doc))
    return out, per_doc


def _claim_characters(corpus: _Corpus) -> tuple[CodeArray, IntArray]:
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
    corpus: _Corpus,
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
    finished = corpus.finished.T.tolist()
    return tuple(
        DocumentDisagreement(
            doc_id=corpus.doc_ids[u],
            annotators=tuple(name for name, done in zip(names, finished[u], strict=True) if done),
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
