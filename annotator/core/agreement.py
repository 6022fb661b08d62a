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

Documents stream through once, in batches of about :data:`BATCH_TOKENS` tokens
(:func:`compute_agreement`), or as the caller's :class:`AgreementBatch` arrays
(:func:`compute_agreement_of_batches`: a project reads its spans and tokens
straight into numpy, with no Python object per span or token).
Within a batch everything heavy is integer counting with numpy (its documents
laid end to end on one axis; claims' characters as runs between boundaries);
only spans that overlap two or more others go through a Python loop. Every
number is a ratio of integer sums (Krippendorff's α keeps its observed
disagreement per number of coders of a unit), so the batches add up to exactly
what one pass over the whole corpus gives, and memory does not grow with the
corpus. ``benchmarks/bench_agreement.py`` times it against the references.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from annotator.core.errors import InvalidSpan, SpanOverlapsEntity

__all__ = [
    "AgreementBatch",
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
    "compute_agreement_of_batches",
]

ENTS = "ents"
CLAIMS = "claims"

IntArray = npt.NDArray[np.int64]
CodeArray = npt.NDArray[np.int32]  # one value per coder and unit, -1 = missing
BoolArray = npt.NDArray[np.bool_]
# Per pair, for the per-document score: (both finished, matches, |A|+|B|) per unit document.
_DocCounts = tuple[BoolArray, IntArray, IntArray]
_STAGES = 1  # progress steps after reading the input: the totals

BATCH_TOKENS = 200_000
"""Documents are compared in batches of about this many tokens: big enough for
numpy to count in bulk, small enough that a batch's arrays stay near 50 MB."""


# --- input ---------------------------------------------------------------------


class AgreementSpan(NamedTuple):
    """One span of one annotator: code-point offsets, half-open.

    A named tuple, not a dataclass: a project hands over millions of them and a
    tuple is made three times faster.

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
        (``tokenizer.token_offsets(text)``), or the same as an ``(n, 2)`` integer
        array (no Python tuple per token).
    :param annotations: spans of each annotator who marked the document done; an
        empty sequence means "done, nothing to mark". Annotators who did not
        finish it must be left out.
    """

    doc_id: int
    n_chars: int
    tokens: Sequence[tuple[int, int]] | npt.NDArray[np.int64]
    annotations: Mapping[str, Sequence[AgreementSpan]]


@dataclass(frozen=True, slots=True)
class AgreementBatch:
    """Several documents at once as arrays: what a project streams, with no Python
    object per span or token (:func:`compute_agreement_of_batches`).

    Annotators are indices into the ``annotators`` of the computation, labels
    indices into :attr:`labels`; documents are indices into :attr:`doc_ids`.

    :param doc_ids: the documents, in order.
    :param n_chars: length of each text in code points.
    :param finished: ``annotators × documents``: who marked each document done.
        Documents finished by fewer than two are skipped, and so are the spans
        of annotators who did not finish their document.
    :param token_counts: tokens of each document.
    :param tokens: ``(Σ token_counts, 2)``: ``(start, end)`` of every token,
        document after document, in document offsets (sorted, non-overlapping).
    :param labels: ``(name, layer)`` of each label index ``span_label`` uses.
    :param span_doc: per span, its document index; likewise ``span_annotator``,
        ``span_label``, ``span_start`` and ``span_end`` (offsets in its document).
    """

    doc_ids: Sequence[int]
    n_chars: IntArray
    finished: BoolArray
    token_counts: IntArray
    tokens: IntArray
    labels: Sequence[tuple[str, str]]
    span_doc: IntArray
    span_annotator: IntArray
    span_label: IntArray
    span_start: IntArray
    span_end: IntArray


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
    expected: int | None = None,
) -> AgreementResult:
    """Agreement of the chosen annotators on the documents at least two of them finished.

    Documents are read once, in order, and compared in batches of about
    :data:`BATCH_TOKENS` tokens; only counts outlive a batch, so memory does not
    grow with the corpus (pass a generator to stream a project).

    :param documents: every candidate document; those finished by fewer than two
        chosen annotators are skipped.
    :param annotators: whose work to compare, in display order (default: every
        annotator found, sorted). Spans of other annotators are ignored.
    :param progress: called as ``progress(done, total)`` while the input is read
        and once at the end (``done == total``); raise from it to cancel.
    :param expected: how many documents ``documents`` holds, for ``total`` when it
        has no ``len()`` (a generator).
    :raises InvalidSpan: a span is empty, reversed, outside its text, or of an
        unknown layer.
    :raises SpanOverlapsEntity: two entity spans of one annotator overlap.
    :raises ValueError: tokens unsorted, overlapping or outside the text.
    """
    totals = _Totals(None if annotators is None else tuple(dict.fromkeys(annotators)))
    if expected is None and isinstance(documents, Sized):
        expected = len(documents)
    batch: list[AgreementDocument] = []
    batch_tokens = 0
    seen = 0
    for doc in documents:
        if progress is not None and seen % 500 == 0:
            progress(seen, max(expected or 0, seen) + _STAGES)
        seen += 1
        if not totals.admit(doc):
            continue
        batch.append(doc)
        batch_tokens += len(doc.tokens)
        if batch_tokens >= BATCH_TOKENS:
            totals.add(_batch_of(batch, tuple(totals.names)))
            batch, batch_tokens = [], 0
    if batch:
        totals.add(_batch_of(batch, tuple(totals.names)))
    return _finish(totals, progress, max(expected or 0, seen))


def compute_agreement_of_batches(
    batches: Iterable[AgreementBatch],
    *,
    annotators: Sequence[str],
    progress: Callable[[int, int], None] | None = None,
    expected: int | None = None,
) -> AgreementResult:
    """:func:`compute_agreement` of documents handed over as arrays, a batch at a time.

    The same numbers as :func:`compute_agreement` given the same documents one by
    one, without a Python object per span or token: a project reads its spans and
    tokens straight into :class:`AgreementBatch` arrays.

    :param annotators: whose work to compare, in display order; the batches'
        ``finished`` rows and ``span_annotator`` indices follow this order.
    :param progress: called as ``progress(done, total)`` after each batch (documents
        read so far) and once at the end; raise from it to cancel.
    :param expected: how many documents the batches hold, for ``total``.
    :raises InvalidSpan, SpanOverlapsEntity, ValueError: as :func:`compute_agreement`.
    """
    chosen = tuple(dict.fromkeys(annotators))
    if len(chosen) != len(annotators):
        raise ValueError(f"annotators named twice: {', '.join(annotators)}")
    totals = _Totals(chosen)
    seen = 0
    for batch in batches:
        seen += len(batch.doc_ids)
        if progress is not None:
            progress(seen, max(expected or 0, seen) + _STAGES)
        totals.add(batch)
    return _finish(totals, progress, max(expected or 0, seen))


def _finish(
    totals: _Totals, progress: Callable[[int, int], None] | None, seen: int
) -> AgreementResult:
    result = totals.result()
    if progress is not None:
        progress(seen + _STAGES, seen + _STAGES)
    return result


def _f1(matches: int, sizes: int) -> float:
    return 1.0 if sizes == 0 else 2.0 * matches / sizes


# --- counts that outlive a batch -------------------------------------------------


def _grow(array: IntArray, shape: tuple[int, ...]) -> IntArray:
    """``array`` zero-padded to ``shape`` (label codes only ever grow)."""
    if array.shape == shape:
        return array
    out = np.zeros(shape, dtype=np.int64)
    out[tuple(slice(0, n) for n in array.shape)] = array
    return out


@dataclass(slots=True)
class _EntityCounts:
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

    def add(self, other: _EntityCounts) -> None:
        self.documents += other.documents
        self.tokens += other.tokens
        self.n_a += other.n_a
        self.n_b += other.n_b
        self.tp += other.tp
        self.matches += other.matches
        self.kinds = self.kinds + other.kinds
        n = max(self.tp_label.size, other.tp_label.size)
        self.tp_label = _grow(self.tp_label, (n,)) + _grow(other.tp_label, (n,))
        self.na_label = _grow(self.na_label, (n,)) + _grow(other.na_label, (n,))
        self.nb_label = _grow(self.nb_label, (n,)) + _grow(other.nb_label, (n,))
        v = max(self.confusion.shape[0], other.confusion.shape[0])
        self.confusion = _grow(self.confusion, (v, v)) + _grow(other.confusion, (v, v))

    def swapped(self) -> _EntityCounts:
        """The same counts seen from ``b``'s side (every number but n_a/n_b is symmetric)."""
        return _EntityCounts(
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
class _ClaimCounts:
    documents: int = 0
    n_a: int = 0
    n_b: int = 0
    overlap: int = 0
    iou50: int = 0

    def add(self, other: _ClaimCounts) -> None:
        self.documents += other.documents
        self.n_a += other.n_a
        self.n_b += other.n_b
        self.overlap += other.overlap
        self.iou50 += other.iou50

    def swapped(self) -> _ClaimCounts:
        return _ClaimCounts(self.documents, self.n_b, self.n_a, self.overlap, self.iou50)


@dataclass(slots=True)
class _AlphaCounts:
    """Krippendorff's α as sums over units: ``Σ_u w_u (m_u² − Σ_c n_uc²)`` per ``m_u``,
    and the weighted value counts ``n_c`` of pairable units — integers, so batches add
    up to exactly what one pass over the corpus would count."""

    observed: dict[int, int] = field(default_factory=dict)
    n_c: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    pairable: bool = False

    def add(self, codes: CodeArray, weights: IntArray | None = None) -> None:
        if codes.size == 0:
            return
        m = (codes >= 0).sum(axis=0)
        pairable = m >= 2
        if not pairable.any():
            return
        self.pairable = True
        w = np.ones(codes.shape[1], dtype=np.int64) if weights is None else weights
        sum_sq = m + 2 * _agreeing_pairs(codes)  # Σ_c n_uc²
        for mu in np.unique(m[pairable]).tolist():
            sel = m == mu
            term = int(np.dot(w[sel], mu * mu - sum_sq[sel]))
            self.observed[int(mu)] = self.observed.get(int(mu), 0) + term
        vals = codes[:, pairable]
        vw = np.broadcast_to(w[pairable], vals.shape)
        ok = vals >= 0
        n_c = np.bincount(vals[ok], weights=None if weights is None else vw[ok]).astype(np.int64)
        size = max(n_c.size, self.n_c.size)
        self.n_c = _grow(self.n_c, (size,)) + _grow(n_c, (size,))

    def value(self) -> float | None:
        """``α = 1 − (n − 1)·Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) / (n² − Σ_c n_c²)``."""
        if not self.pairable:
            return None
        observed: float = 0.0
        for mu in sorted(self.observed):
            observed += self.observed[mu] / (mu - 1)
        n = int(self.n_c.sum())
        expected = n * n - int(np.dot(self.n_c, self.n_c))
        if expected == 0:
            return None
        return 1.0 - (n - 1) * observed / expected


@dataclass(slots=True)
class _FleissCounts:
    """Fleiss' κ as sums over units every rater coded: agreeing pairs, value totals."""

    units: int = 0
    documents: int = 0
    agree: int = 0
    totals: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def add(self, codes: CodeArray, documents: int) -> None:
        self.documents += documents
        if codes.size == 0:
            return
        self.units += int(codes.shape[1])
        self.agree += 2 * int(_agreeing_pairs(codes).sum())  # Σ_i Σ_j n_ij² − N·k
        totals = np.bincount(codes.ravel()).astype(np.int64)
        size = max(totals.size, self.totals.size)
        self.totals = _grow(self.totals, (size,)) + _grow(totals, (size,))

    def value(self, k: int) -> float | None:
        if k < 2 or self.units == 0:
            return None
        nk = self.units * k
        sq = int(np.dot(self.totals, self.totals))
        denominator = (k - 1) * (nk * nk - sq)
        if denominator == 0:
            return None
        # κ = (P̄ − P_e)/(1 − P_e), with P̄ = agree/(N·k·(k−1)), P_e = sq/(N·k)², kept integral.
        return (self.agree * nk - sq * (k - 1)) / denominator


class _Totals:
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
        self.ents: dict[tuple[int, int], _EntityCounts] = {}
        self.claims: dict[tuple[int, int], _ClaimCounts] = {}
        self.ent_alpha = _AlphaCounts()
        self.claim_alpha = _AlphaCounts()
        # Keyed by the annotators a document was finished by: Fleiss' κ takes
        # the documents finished by every chosen annotator, known only at the end.
        self.fleiss: dict[frozenset[str], _FleissCounts] = {}
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
        corpus = _Corpus.from_batch(batch, names, self.ent_code, self.claim_code)
        grid = _TokenGrid.build(corpus)
        pairs = list(itertools.combinations(range(len(names)), 2))
        ent_counts, doc_ent = _entity_pairs(corpus, grid, pairs)
        claim_counts, doc_claim = _claim_pairs(corpus, pairs)
        for pair, e, c in zip(pairs, ent_counts, claim_counts, strict=True):
            self.ents.setdefault(pair, _EntityCounts()).add(e)
            self.claims.setdefault(pair, _ClaimCounts()).add(c)
        self.ent_alpha.add(grid.codes)
        char_codes, char_weights = _claim_characters(corpus)
        self.claim_alpha.add(char_codes, char_weights)
        everyone = np.all(grid.codes >= 0, axis=0)
        fleiss_docs = int(np.count_nonzero(corpus.finished.all(axis=0)))
        self.fleiss.setdefault(frozenset(names), _FleissCounts()).add(
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
            e = self.ents.get(key, _EntityCounts())
            c = self.claims.get(key, _ClaimCounts())
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
        fleiss = self.fleiss.get(frozenset(chosen), _FleissCounts())
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

    def _entity_pair(self, a: str, b: str, e: _EntityCounts) -> EntityPair:
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
            cohen_kappa=_kappa_from_confusion(e.confusion) if seen else None,
            per_label=per_label,
        )


def _claim_pair(a: str, b: str, c: _ClaimCounts) -> ClaimPair:
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
    def from_batch(
        batch: AgreementBatch,
        chosen: tuple[str, ...],
        ent_code: dict[str, int],
        claim_code: dict[str, int],
    ) -> _Corpus:
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
        ents: list[_Spans] = []
        claims: list[_Spans] = []
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
            ents.append(_sorted_spans(gs[is_ent], ge[is_ent], code[is_ent], dd[is_ent]))
            claims.append(_sorted_spans(gs[is_claim], ge[is_claim], code[is_claim], dd[is_claim]))
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
        return _Corpus(
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


def _batch_of(docs: list[AgreementDocument], chosen: tuple[str, ...]) -> AgreementBatch:
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
        tokens.append(_flat_tokens(doc.tokens))
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


def _flat_tokens(tokens: Sequence[tuple[int, int]] | IntArray) -> IntArray:
    """start, end, start, end, ... of a token list or an ``(n, 2)`` array."""
    if isinstance(tokens, np.ndarray):
        return tokens.astype(np.int64, copy=False).reshape(-1)
    return np.fromiter(itertools.chain.from_iterable(tokens), dtype=np.int64, count=2 * len(tokens))


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
    """Nominal α of ``codes`` (coders × units, -1 = missing); ``weights`` repeats units."""
    counts = _AlphaCounts()
    counts.add(codes, weights)
    return counts.value()


def _fleiss_kappa(codes: CodeArray) -> float | None:
    """Fleiss' κ of ``codes`` (raters × units, every value present)."""
    counts = _FleissCounts()
    counts.add(codes, 0)
    return counts.value(int(codes.shape[0]))


def _confusion(x: CodeArray, y: CodeArray, n_values: int) -> IntArray:
    confusion = np.bincount(x * n_values + y, minlength=n_values * n_values)
    return confusion.astype(np.int64).reshape(n_values, n_values)


def _kappa_from_confusion(confusion: IntArray) -> float | None:
    n = int(confusion.sum())
    if n == 0:
        return None
    diagonal = int(np.trace(confusion))
    chance = int(np.dot(confusion.sum(axis=1), confusion.sum(axis=0)))
    if n * n == chance:
        return None
    return (n * diagonal - chance) / (n * n - chance)


def _cohen_kappa(x: CodeArray, y: CodeArray, n_values: int) -> float | None:
    return _kappa_from_confusion(_confusion(x, y, n_values))


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
) -> tuple[list[_EntityCounts], list[_DocCounts]]:
    """Per pair: entity counts, and per-document (TP, |A|+|B|) for scoring."""
    n_labels = len(corpus.ent_labels)
    n_values = 2 * n_labels + 1
    out: list[_EntityCounts] = []
    per_doc: list[_DocCounts] = []
    for i, j in pairs:
        both = corpus.finished[i] & corpus.finished[j]
        n_docs = int(both.sum())
        a = corpus.ents[i].select(both[corpus.ents[i].doc])
        b = corpus.ents[j].select(both[corpus.ents[j].doc])
        ea, eb = _overlap_edges(a, b, True, corpus.base)
        same_offsets = (a.start[ea] == b.start[eb]) & (a.end[ea] == b.end[eb])
        same_label = a.label[ea] == b.label[eb]
        exact = same_offsets & same_label
        deg_a = np.bincount(ea, minlength=a.start.size)
        deg_b = np.bincount(eb, minlength=b.start.size)
        on_tokens = both[grid.doc]
        out.append(
            _EntityCounts(
                documents=n_docs,
                tokens=int(on_tokens.sum()),
                n_a=int(a.start.size),
                n_b=int(b.start.size),
                tp=int(exact.sum()),
                matches=int(_max_matching(ea[same_label], eb[same_label]).sum()),
                kinds=DisagreementCounts(
                    boundary=int((~same_offsets & same_label).sum()),
                    label=int((same_offsets & ~same_label).sum()),
                    both=int((~same_offsets & ~same_label).sum()),
                    missed=int((deg_a == 0).sum() + (deg_b == 0).sum()),
                ),
                tp_label=np.bincount(a.label[ea[exact]], minlength=n_labels),
                na_label=np.bincount(a.label, minlength=n_labels),
                nb_label=np.bincount(b.label, minlength=n_labels),
                confusion=_confusion(grid.codes[i, on_tokens], grid.codes[j, on_tokens], n_values),
            )
        )
        d = corpus.n_docs
        tp_doc = np.bincount(a.doc[ea[exact]], minlength=d)
        size_doc = np.bincount(a.doc, minlength=d) + np.bincount(b.doc, minlength=d)
        per_doc.append((both, tp_doc, size_doc))
    return out, per_doc


# --- claims ----------------------------------------------------------------------


def _claim_pairs(
    corpus: _Corpus, pairs: list[tuple[int, int]]
) -> tuple[list[_ClaimCounts], list[_DocCounts]]:
    out: list[_ClaimCounts] = []
    per_doc: list[_DocCounts] = []
    for i, j in pairs:
        both = corpus.finished[i] & corpus.finished[j]
        a = corpus.claims[i].select(both[corpus.claims[i].doc])
        b = corpus.claims[j].select(both[corpus.claims[j].doc])
        ea, eb = _overlap_edges(a, b, False, corpus.base)
        same = a.label[ea] == b.label[eb]
        ea, eb = ea[same], eb[same]
        inter = np.minimum(a.end[ea], b.end[eb]) - np.maximum(a.start[ea], b.start[eb])
        union = np.maximum(a.end[ea], b.end[eb]) - np.minimum(a.start[ea], b.start[eb])
        half = 2 * inter >= union  # IoU ≥ 0.5, in integers
        overlap = _max_matching(ea, eb)
        out.append(
            _ClaimCounts(
                documents=int(both.sum()),
                n_a=int(a.start.size),
                n_b=int(b.start.size),
                overlap=int(overlap.sum()),
                iou50=int(_max_matching(ea[half], eb[half]).sum()),
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
