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

The package: :mod:`.model` (what goes in and comes out), :mod:`.grid` (unit
documents end to end, the token grid and its IOB2 codes), :mod:`.matching`
(overlapping spans, maximum one-to-one matching), :mod:`.coefficients` (κ and α
from integer counts), :mod:`.totals` (counts per pair, batch by batch, and the
result); this module streams the input through them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Sized

from annotator.core.agreement.grid import batch_of
from annotator.core.agreement.model import (
    AgreementBatch,
    AgreementDocument,
    AgreementResult,
    AgreementSpan,
    ClaimAgreement,
    ClaimPair,
    DisagreementCounts,
    DocumentDisagreement,
    EntityAgreement,
    EntityPair,
    LabelF1,
)
from annotator.core.agreement.totals import Totals

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

_STAGES = 1  # progress steps after reading the input: the totals

BATCH_TOKENS = 200_000
"""Documents are compared in batches of about this many tokens: big enough for
numpy to count in bulk, small enough that a batch's arrays stay near 50 MB."""


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
    totals = Totals(None if annotators is None else tuple(dict.fromkeys(annotators)))
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
            totals.add(batch_of(batch, tuple(totals.names)))
            batch, batch_tokens = [], 0
    if batch:
        totals.add(batch_of(batch, tuple(totals.names)))
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
    totals = Totals(chosen)
    seen = 0
    for batch in batches:
        seen += len(batch.doc_ids)
        if progress is not None:
            progress(seen, max(expected or 0, seen) + _STAGES)
        totals.add(batch)
    return _finish(totals, progress, max(expected or 0, seen))


def _finish(
    totals: Totals, progress: Callable[[int, int], None] | None, seen: int
) -> AgreementResult:
    result = totals.result()
    if progress is not None:
        progress(seen + _STAGES, seen + _STAGES)
    return result
