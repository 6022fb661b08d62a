"""Cohen's κ, Fleiss' κ and Krippendorff's α from integer counts.

Every coefficient is a ratio of integer sums, so counts of batches add up to
exactly what one pass over the corpus gives.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from annotator.core.agreement.model import CodeArray, IntArray


def grow(array: IntArray, shape: tuple[int, ...]) -> IntArray:
    """``array`` zero-padded to ``shape`` (label codes only ever grow)."""
    if array.shape == shape:
        return array
    out = np.zeros(shape, dtype=np.int64)
    out[tuple(slice(0, n) for n in array.shape)] = array
    return out


@dataclass(slots=True)
class AlphaCounts:
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
        sum_sq = m + 2 * agreeing_pairs(codes)  # Σ_c n_uc²
        for mu in np.unique(m[pairable]).tolist():
            sel = m == mu
            term = int(np.dot(w[sel], mu * mu - sum_sq[sel]))
            self.observed[int(mu)] = self.observed.get(int(mu), 0) + term
        vals = codes[:, pairable]
        vw = np.broadcast_to(w[pairable], vals.shape)
        ok = vals >= 0
        n_c = np.bincount(vals[ok], weights=None if weights is None else vw[ok]).astype(np.int64)
        size = max(n_c.size, self.n_c.size)
        self.n_c = grow(self.n_c, (size,)) + grow(n_c, (size,))

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
class FleissCounts:
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
        self.agree += 2 * int(agreeing_pairs(codes).sum())  # Σ_i Σ_j n_ij² − N·k
        totals = np.bincount(codes.ravel()).astype(np.int64)
        size = max(totals.size, self.totals.size)
        self.totals = grow(self.totals, (size,)) + grow(totals, (size,))

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


def agreeing_pairs(codes: CodeArray) -> IntArray:
    """Per unit, how many coder pairs gave the same (present) value."""
    k = codes.shape[0]
    same = np.zeros(codes.shape[1], dtype=np.int64)
    for i, j in itertools.combinations(range(k), 2):
        same += (codes[i] == codes[j]) & (codes[i] >= 0)
    return same


def krippendorff_alpha(codes: CodeArray, weights: IntArray | None = None) -> float | None:
    """Nominal α of ``codes`` (coders × units, -1 = missing); ``weights`` repeats units."""
    counts = AlphaCounts()
    counts.add(codes, weights)
    return counts.value()


def fleiss_kappa(codes: CodeArray) -> float | None:
    """Fleiss' κ of ``codes`` (raters × units, every value present)."""
    counts = FleissCounts()
    counts.add(codes, 0)
    return counts.value(int(codes.shape[0]))


def confusion_matrix(x: CodeArray, y: CodeArray, n_values: int) -> IntArray:
    confusion = np.bincount(x * n_values + y, minlength=n_values * n_values)
    return confusion.astype(np.int64).reshape(n_values, n_values)


def kappa_from_confusion(confusion: IntArray) -> float | None:
    n = int(confusion.sum())
    if n == 0:
        return None
    diagonal = int(np.trace(confusion))
    chance = int(np.dot(confusion.sum(axis=1), confusion.sum(axis=0)))
    if n * n == chance:
        return None
    return (n * diagonal - chance) / (n * n - chance)


def cohen_kappa(x: CodeArray, y: CodeArray, n_values: int) -> float | None:
    return kappa_from_confusion(confusion_matrix(x, y, n_values))
