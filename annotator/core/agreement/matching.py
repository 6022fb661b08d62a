"""Which spans of two annotators overlap, and a maximum one-to-one matching of them."""

from __future__ import annotations

import numpy as np

from annotator.core.agreement.grid import Spans
from annotator.core.agreement.model import BoolArray, IntArray


def overlap_edges(a: Spans, b: Spans, disjoint: bool, base: IntArray) -> tuple[IntArray, IntArray]:
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


def max_matching(ea: IntArray, eb: IntArray) -> BoolArray:
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
