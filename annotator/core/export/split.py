"""Which part (train / dev / test) a document goes to.

A document's part depends only on its uid and the seed, never on the other
documents: adding articles to a project never moves one already exported from
``dev`` into ``train`` (which would leak evaluation data into training).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from annotator.core.errors import InvalidSplit

PART_NAMES = ("train", "dev", "test")
DEFAULT_SPLIT = (0.8, 0.1, 0.1)
_TOLERANCE = 1e-6


def parse_split(value: str | Sequence[float]) -> tuple[float, ...]:
    """``"0.8,0.1,0.1"`` (or a sequence of numbers) → checked fractions.

    :raises InvalidSplit: not 2 or 3 numbers, a negative one, or a sum other than 1.
    """
    if isinstance(value, str):
        try:
            parts = tuple(float(p) for p in value.replace(" ", "").split(",") if p != "")
        except ValueError:
            raise InvalidSplit(
                f"--split {value!r}: write 2 or 3 fractions separated by commas, "
                "e.g. 0.8,0.1,0.1 (train, dev, test) or 0.9,0.1 (train, dev)."
            ) from None
    else:
        parts = tuple(float(p) for p in value)
    return check_split(parts)


def check_split(split: Sequence[float]) -> tuple[float, ...]:
    shown = ",".join(f"{p:g}" for p in split)
    if len(split) not in (2, 3):
        raise InvalidSplit(
            f"split {shown} has {len(split)} part(s); give 2 (train, dev) or 3 "
            "(train, dev, test), e.g. 0.8,0.1,0.1."
        )
    if any(not math.isfinite(p) or p < 0 for p in split):
        raise InvalidSplit(f"split {shown}: every fraction must be a number ≥ 0.")
    total = math.fsum(split)
    if abs(total - 1.0) > _TOLERANCE:
        raise InvalidSplit(
            f"split {shown} sums to {total:g}; the fractions must sum to 1, e.g. 0.8,0.1,0.1."
        )
    if split[0] <= 0:
        raise InvalidSplit(f"split {shown}: the train part must be more than 0.")
    return tuple(split)


def part_names(split: Sequence[float]) -> tuple[str, ...]:
    return PART_NAMES[: len(split)]


def document_fraction(uid: str, *, seed: int) -> float:
    """A number in [0, 1) fixed by the uid and the seed (SHA-256, not ``hash()``,
    which changes between Python processes)."""
    digest = hashlib.sha256(f"{seed}\x00{uid}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def part_index(uid: str, *, seed: int, split: Sequence[float]) -> int:
    """Index into :func:`part_names` of the part this document belongs to."""
    x = document_fraction(uid, seed=seed)
    cumulative = 0.0
    for index, fraction in enumerate(split[:-1]):
        cumulative += fraction
        if x < cumulative:
            return index
    return len(split) - 1


def assign_parts(uids: Sequence[str], *, seed: int, split: Sequence[float]) -> dict[str, int]:
    """Each uid's part (:func:`part_index`), with one rule on top: with two or more
    documents (and fractions above 0), neither train nor dev is ever empty.

    A small project (5 articles at 0.8/0.1/0.1) often hashes no document into
    dev, and spaCy's ``train`` then fails on an empty ``dev.spacy``: the
    ``config.cfg`` would not "run as it is". A document moves in from the
    fullest other part (test gives up its only one first), the one whose hash
    lies nearest the empty part's range. Only small projects are affected: a
    document of a large one never moves.
    """
    parts = {uid: part_index(uid, seed=seed, split=split) for uid in uids}
    if len(parts) < 2 or len(split) < 2:
        return parts
    bounds = []
    low = 0.0
    for fraction in split:
        bounds.append((low, low + fraction))
        low += fraction

    def distance(uid: str, target: int) -> float:
        x = document_fraction(uid, seed=seed)
        lo, hi = bounds[target]
        return lo - x if x < lo else x - hi

    for target in (1, 0):  # dev first: train is rarely the empty one
        if split[target] <= 0 or target in parts.values():
            continue
        counts = {i: sum(1 for p in parts.values() if p == i) for i in range(len(split))}
        donors = [i for i in counts if i != target and (counts[i] >= 2 or i >= 2)]
        donors = [i for i in donors if counts[i] > 0]
        if not donors:
            continue
        donor = max(donors, key=lambda i: (counts[i], i))
        moved = min(
            (uid for uid, p in parts.items() if p == donor), key=lambda u: distance(u, target)
        )
        parts[moved] = target
    return parts
