"""Agreement on claims' structure: their attributes and their claimers.

Span agreement (:mod:`annotator.core.agreement`) says whether annotators marked
the same claims; this says, of the claims they both marked, whether they gave
them the same stance, check-worthiness (each attribute) and claimer.

Conventions
-----------
* **Matching.** Per pair of annotators and per document both finished, claims of
  the same label are matched one-to-one as the claims F1 does: ``iou50``
  (intersection over union ≥ 0.5, the default) or ``overlap`` (a character in
  common); a maximum matching, candidates tried best IoU first, so a claim is
  matched to the one most like it.
* **Attributes.** For each attribute key a claim label defines, Cohen's κ of a
  pair is over its matched claims where both set a value; the values are the
  categories (``true``/``false`` for yes/no).
* **Claimer.** Two claimers agree when both are the same implicit value
  (``author``, ``unnamed source``, ``unknown``), or both are spans that overlap
  (the same entity, whatever label each gave it: that disagreement is counted
  by the entities' agreement). As categories (for κ and α)
  an implicit claimer is its value and a span claimer is ``entity #k``, numbered
  within the unit so that agreeing spans share a number. A claim without a
  claimer has no value (missing), not a category.
* **Units for α.** Matched pairs join claims of all annotators into units
  (connected components per document). A unit holding two claims of one
  annotator is ambiguous and left out (``ambiguous_units`` counts them).
  Krippendorff's α (nominal) is over units, each annotator's value missing when
  they have no claim there or gave no value.
* Undefined numbers are ``None`` (``null`` in JSON): no pair of values, or a
  single value throughout (chance agreement 1).

``ClaimAgreement.to_json()`` (stable keys; ``agreement --json`` puts it under
``claim_structure``)::

    match              "iou50" | "overlap"
    annotators         [str]
    documents          int
    units              int       claims matched across annotators (α's units)
    ambiguous_units    int
    attributes         {key: {krippendorff_alpha, values: [str],
                              pairs: [{a, b, matched, both_set, agreement, cohen_kappa}]}}
    claimer            {krippendorff_alpha,
                        pairs: [{a, b, matched, both_set, agreement, cohen_kappa}]}
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from annotator.core.errors import UnknownClaimMatch
from annotator.core.review import READ_BATCH, finished_by
from annotator.core.store import Project

__all__ = [
    "MATCHES",
    "ClaimAgreement",
    "ClaimDocument",
    "ClaimView",
    "Claimer",
    "claim_agreement",
    "cohen_kappa",
    "krippendorff_alpha_nominal",
]

MATCHES = ("iou50", "overlap")
_Node = TypeVar("_Node", int, tuple[str, int])


@dataclass(frozen=True, slots=True)
class Claimer:
    """A span (``start``, ``end``, ``label``) or an implicit ``value``."""

    start: int = -1
    end: int = -1
    label: str = ""
    value: str | None = None

    def same_as(self, other: Claimer) -> bool:
        if self.value is not None or other.value is not None:
            return self.value == other.value
        # The same entity whatever its label: labels are the entities' agreement.
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim of one annotator, with what agreement compares on it."""

    start: int
    end: int
    label: str
    attributes: Mapping[str, Any] = field(default_factory=dict)
    claimer: Claimer | None = None


@dataclass(frozen=True, slots=True)
class ClaimDocument:
    """The claims of every annotator who finished the document."""

    doc_id: int
    claims: Mapping[str, Sequence[ClaimView]]


@dataclass(frozen=True, slots=True)
class PairAgreement:
    a: str
    b: str
    matched: int
    both_set: int
    agreement: float | None
    cohen_kappa: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "matched": self.matched,
            "both_set": self.both_set,
            "agreement": self.agreement,
            "cohen_kappa": self.cohen_kappa,
        }


@dataclass(frozen=True, slots=True)
class MeasureAgreement:
    krippendorff_alpha: float | None
    pairs: tuple[PairAgreement, ...]
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimAgreement:
    match: str
    annotators: tuple[str, ...]
    documents: int
    units: int
    ambiguous_units: int
    attributes: dict[str, MeasureAgreement]
    claimer: MeasureAgreement
    #: Per unit (in document order), each annotator's values: what α was computed on,
    #: kept so a test or a script can hand the same data to another implementation.
    unit_values: dict[str, list[list[str | None]]] = field(default_factory=dict)
    #: Per pair, per measure: the (a's, b's) categories of matched claims both set.
    pair_values: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = field(
        default_factory=dict
    )

    def to_json(self) -> dict[str, Any]:
        def measure(m: MeasureAgreement) -> dict[str, Any]:
            data: dict[str, Any] = {"krippendorff_alpha": m.krippendorff_alpha}
            if m.values:
                data["values"] = list(m.values)
            data["pairs"] = [p.to_json() for p in m.pairs]
            return data

        return {
            "match": self.match,
            "annotators": list(self.annotators),
            "documents": self.documents,
            "units": self.units,
            "ambiguous_units": self.ambiguous_units,
            "attributes": {k: measure(m) for k, m in self.attributes.items()},
            "claimer": measure(self.claimer),
        }


# --- the coefficients -------------------------------------------------------------


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's κ of two raters' categories, one pair per item."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for x, y in pairs if x == y) / n
    left = Counter(x for x, _ in pairs)
    right = Counter(y for _, y in pairs)
    chance = sum(left[c] * right[c] for c in left) / (n * n)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


def krippendorff_alpha_nominal(units: Sequence[Sequence[str | None]]) -> float | None:
    """Krippendorff's α (nominal) over units, each a list of coders' values (None: missing).

    ``α = 1 − D_o / D_e`` from the coincidence matrix: each unit with ``m ≥ 2``
    values adds ``1/(m − 1)`` for every ordered pair of its values.
    """
    coincidences: dict[tuple[str, str], float] = {}
    for unit in units:
        values = [v for v in unit if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            key = (values[i], values[j])
            coincidences[key] = coincidences.get(key, 0.0) + 1 / (m - 1)
    n = sum(coincidences.values())
    if n == 0:
        return None
    totals: dict[str, float] = {}
    for (c, _k), w in coincidences.items():
        totals[c] = totals.get(c, 0.0) + w
    observed = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = (n * n - sum(t * t for t in totals.values())) / (n - 1)
    if expected == 0:
        return None
    return 1 - observed / expected


# --- matching ------------------------------------------------------------------------


def _iou(a: ClaimView, b: ClaimView) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union > 0 else 0.0


def match_claims(
    a: Sequence[ClaimView], b: Sequence[ClaimView], *, match: str = "iou50"
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of ``a``'s and ``b``'s claims (same label,
    IoU ≥ 0.5 or any overlap), candidates tried best IoU first; ``(i, j)`` pairs."""
    edges: dict[int, list[tuple[float, int]]] = {}
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if x.label != y.label or not (x.start < y.end and y.start < x.end):
                continue
            iou = _iou(x, y)
            if match == "iou50" and 2 * (min(x.end, y.end) - max(x.start, y.start)) < (
                max(x.end, y.end) - min(x.start, y.start)
            ):
                continue
            edges.setdefault(i, []).append((iou, j))
    for options in edges.values():
        options.sort(key=lambda e: (-e[0], e[1]))
    owner: dict[int, int] = {}  # b index -> a index

    def augment(i: int, seen: set[int]) -> bool:
        for _iou_value, j in edges.get(i, []):
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    # Best first: claims whose best candidate is most alike are placed first.
    order = sorted(edges, key=lambda i: (-edges[i][0][0], i))
    for i in order:
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _find(parent: dict[_Node, _Node], node: _Node) -> _Node:
    """Union-find's root of ``node`` (halving the path as it goes)."""
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


# --- categories -------------------------------------------------------------------------


def _attribute_category(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _claimer_categories(claimers: Sequence[Claimer | None]) -> list[str | None]:
    """Implicit values as themselves; spans as ``entity #k``, agreeing spans sharing k."""
    spans = [i for i, c in enumerate(claimers) if c is not None and c.value is None]
    parent = {i: i for i in spans}

    def root(i: int) -> int:
        return _find(parent, i)

    for i, j in itertools.combinations(spans, 2):
        ci, cj = claimers[i], claimers[j]
        assert ci is not None and cj is not None
        if ci.same_as(cj):
            parent[root(j)] = root(i)
    numbers: dict[int, int] = {}
    out: list[str | None] = []
    for i, c in enumerate(claimers):
        if c is None:
            out.append(None)
        elif c.value is not None:
            out.append(c.value)
        else:
            out.append(f"entity #{numbers.setdefault(root(i), len(numbers) + 1)}")
    return out


# --- the computation ------------------------------------------------------------------------


def claim_agreement(
    documents: Iterable[ClaimDocument],
    *,
    annotators: Sequence[str],
    attribute_keys: Sequence[str],
    match: str = "iou50",
    progress: Callable[[int, int], None] | None = None,
) -> ClaimAgreement:
    """Agreement on attributes and claimers of matched claims (see the module docstring).

    :param attribute_keys: the attributes to compare (those the claim labels define).
    :raises UnknownClaimMatch: an unknown ``match``.
    """
    if match not in MATCHES:
        raise UnknownClaimMatch(f"unknown claim matching {match!r}; choose {', '.join(MATCHES)}.")
    names = list(annotators)
    pairs = list(itertools.combinations(names, 2))
    measures = [*attribute_keys, "claimer"]
    pair_values: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = {
        p: {m: [] for m in measures} for p in pairs
    }
    matched: Counter[tuple[str, str]] = Counter()
    unit_values: dict[str, list[list[str | None]]] = {m: [] for m in measures}
    n_docs = units = ambiguous = 0
    for doc in documents:
        present = [a for a in names if a in doc.claims]
        if len(present) < 2:
            continue
        n_docs += 1
        # Union-find over (annotator, claim index) joined by pairwise matches.
        parent: dict[tuple[str, int], tuple[str, int]] = {
            (a, i): (a, i) for a in present for i in range(len(doc.claims[a]))
        }

        for a, b in pairs:
            if a not in doc.claims or b not in doc.claims:
                continue
            ca, cb = doc.claims[a], doc.claims[b]
            for i, j in match_claims(ca, cb, match=match):
                matched[(a, b)] += 1
                parent[_find(parent, (b, j))] = _find(parent, (a, i))
                x, y = ca[i], cb[j]
                for key in attribute_keys:
                    va = _attribute_category(x.attributes.get(key))
                    vb = _attribute_category(y.attributes.get(key))
                    if va is not None and vb is not None:
                        pair_values[(a, b)][key].append((va, vb))
                if x.claimer is not None and y.claimer is not None:
                    ka, kb = _claimer_categories([x.claimer, y.claimer])
                    assert ka is not None and kb is not None
                    pair_values[(a, b)]["claimer"].append((ka, kb))
        groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for node in parent:
            groups.setdefault(_find(parent, node), []).append(node)
        for members in sorted(
            groups.values(), key=lambda g: min(doc.claims[a][i].start for a, i in g)
        ):
            if len(members) < 2:
                continue
            owners = [a for a, _ in members]
            if len(set(owners)) < len(owners):
                ambiguous += 1
                continue
            units += 1
            claim_of = {a: doc.claims[a][i] for a, i in members}
            for key in attribute_keys:
                unit_values[key].append(
                    [
                        _attribute_category(claim_of[a].attributes.get(key))
                        if a in claim_of
                        else None
                        for a in names
                    ]
                )
            unit_values["claimer"].append(
                _claimer_categories([claim_of[a].claimer if a in claim_of else None for a in names])
            )
        if progress is not None:
            progress(n_docs, 0)

    def measure(key: str) -> MeasureAgreement:
        out = []
        for a, b in pairs:
            values = pair_values[(a, b)][key]
            same = sum(1 for x, y in values if x == y)
            out.append(
                PairAgreement(
                    a,
                    b,
                    matched[(a, b)],
                    len(values),
                    same / len(values) if values else None,
                    cohen_kappa(values),
                )
            )
        seen = sorted({v for unit in unit_values[key] for v in unit if v is not None})
        return MeasureAgreement(
            krippendorff_alpha_nominal(unit_values[key]),
            tuple(out),
            tuple(seen) if key != "claimer" else (),
        )

    return ClaimAgreement(
        match=match,
        annotators=tuple(names),
        documents=n_docs,
        units=units,
        ambiguous_units=ambiguous,
        attributes={key: measure(key) for key in attribute_keys},
        claimer=measure("claimer"),
        unit_values=unit_values,
        pair_values=pair_values,
    )


def project_claim_agreement(
    project: Project,
    *,
    annotators: Sequence[str] | None = None,
    match: str = "iou50",
) -> ClaimAgreement:
    """:func:`claim_agreement` over a project: the documents two or more of
    ``annotators`` (default: all) marked done, as span agreement counts them."""
    names = list(dict.fromkeys(annotators)) if annotators else project.spans.annotators()
    finished = {d: who for d, who in finished_by(project, names).items() if len(who) >= 2}
    labels = {label.name: label for label in project.labels.list()}
    claim_labels = {n for n, label in labels.items() if label.kind.value == "claim"}
    keys = list(dict.fromkeys(a.key for n in sorted(claim_labels) for a in labels[n].attributes))

    def documents() -> Iterable[ClaimDocument]:
        ids = sorted(finished)
        # A few hundred documents a query: their claims, links and claimer spans.
        for first in range(0, len(ids), READ_BATCH):
            chunk = ids[first : first + READ_BATCH]
            claims_of = project.spans.labelled_for_documents(chunk, sorted(claim_labels))
            links_of = project.links.for_documents(chunk)
            children = project.spans.with_ids(
                sorted(
                    {
                        link.child
                        for links in links_of.values()
                        for link in links
                        if link.type == "claimer" and link.child
                    }
                )
            )
            for doc_id in chunk:
                claimers: dict[str, Claimer] = {}
                for link in links_of.get(doc_id, ()):
                    if link.type != "claimer":
                        continue
                    child = children.get(link.child) if link.child else None
                    claimers[link.head] = (
                        Claimer(value=link.value)
                        if child is None or child.doc_id != doc_id
                        else Claimer(child.start, child.end, child.label)
                    )
                claims: dict[str, list[ClaimView]] = {a: [] for a in finished[doc_id]}
                for span in claims_of.get(doc_id, ()):
                    if span.annotator in claims:
                        claims[span.annotator].append(
                            ClaimView(
                                span.start, span.end, span.label, span.attrs, claimers.get(span.id)
                            )
                        )
                yield ClaimDocument(doc_id, claims)

    return claim_agreement(documents(), annotators=names, attribute_keys=keys, match=match)
