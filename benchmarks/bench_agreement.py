"""Time ``compute_agreement`` on a realistic corpus against the reference implementations.

    .venv/bin/python benchmarks/bench_agreement.py [--docs 10000] [--oracle-docs 5000]
        [--repeats 3] [--clock cpu]

First every number on ``--docs`` documents, generated and streamed one at a time
(time, and the process's peak memory: flat in the corpus size). Then the
references, which hold the whole token table, on the first ``--oracle-docs``.

The corpus is seeded random: ~400 tokens per document (some words carry a
proclitic), ~16 entities and ~4 claims per document; each annotator finishes
most documents, misses some spans, shifts some boundaries (by a token, or by the
proclitic ``و`` inside a token), relabels a few and adds a few of their own.

The references (scikit-learn ``cohen_kappa_score`` per pair, statsmodels
``fleiss_kappa`` over ``aggregate_raters``, ``krippendorff.alpha``) run on the very
IOB2 codes ``compute_agreement`` uses, in the same run; the script checks the
numbers agree and prints median times (wall, or CPU with ``--clock cpu``).
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import psutil

from annotator.core.agreement import AgreementDocument, AgreementSpan, compute_agreement
from annotator.core.agreement import coefficients as ag

# Internals: the benchmark feeds the oracles the very same token grid.
from annotator.core.agreement.grid import Corpus, TokenGrid, batch_of

ENT_LABELS = ["PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "MISC"]


def make_corpus(
    n_docs: int, annotators: list[str], *, seed: int = 7, tokens_per_doc: int = 400
) -> Iterator[AgreementDocument]:
    """Documents one at a time: ``compute_agreement`` streams them, so any size fits."""
    rng = random.Random(seed)
    for doc_id in range(n_docs):
        # Tokens: words of 2–9 letters, one space apart; 15 % start with a proclitic و.
        tokens: list[tuple[int, int]] = []
        proclitic: list[bool] = []
        pos = 0
        n_tok = rng.randint(tokens_per_doc - 50, tokens_per_doc + 50)
        for _ in range(n_tok):
            length = rng.randint(2, 9)
            tokens.append((pos, pos + length))
            proclitic.append(rng.random() < 0.15)
            pos += length + 1
        n_chars = pos
        # Truth: ~16 non-overlapping entities of 1–3 tokens, ~4 claims of 8–40 tokens.
        slots = sorted(rng.sample(range(0, n_tok - 3, 4), k=min(16, (n_tok - 3) // 4)))
        free = sorted(set(range(0, n_tok - 3, 4)) - set(slots))
        truth = []
        for t in slots:
            width = rng.choice([1, 1, 1, 2, 2, 3])
            truth.append((t, t + width, rng.choice(ENT_LABELS)))
        claims_truth = []
        for _ in range(4):
            t = rng.randrange(0, n_tok - 41)
            claims_truth.append((t, t + rng.randint(8, 40)))

        annotations: dict[str, list[AgreementSpan]] = {}
        for name in annotators:
            if rng.random() < 0.08:  # did not finish: missing data
                continue
            spans: list[AgreementSpan] = []
            for t0, t1, label in truth:
                r = rng.random()
                if r < 0.08:
                    continue  # missed
                start, end = tokens[t0][0], tokens[t1 - 1][1]
                if r < 0.14:  # boundary: one token shorter or longer
                    if t1 - t0 > 1 and rng.random() < 0.5:
                        end = tokens[t1 - 2][1]
                    else:
                        end = tokens[t1][1]
                elif r < 0.18 and proclitic[t0]:  # leaves out the proclitic و
                    start += 1
                if rng.random() < 0.05:
                    label = rng.choice(ENT_LABELS)
                spans.append(AgreementSpan(start, end, label, "ents"))
            if rng.random() < 0.5:  # an extra entity of their own, in a free slot
                t = rng.choice(free) + 1
                spans.append(
                    AgreementSpan(tokens[t][0], tokens[t][1], rng.choice(ENT_LABELS), "ents")
                )
            for t0, t1 in claims_truth:
                if rng.random() < 0.12:
                    continue
                t0 = max(0, t0 + rng.randint(-2, 2))
                t1 = min(n_tok, max(t0 + 1, t1 + rng.randint(-3, 3)))
                spans.append(AgreementSpan(tokens[t0][0], tokens[t1 - 1][1], "CLAIM", "claims"))
            annotations[name] = spans
        yield AgreementDocument(doc_id, n_chars, tokens, annotations)


CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
clock = CLOCKS["wall"]


def timed(fn: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeats):
        t0 = clock()
        result = fn()
        times.append(clock() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument(
        "--oracle-docs",
        type=int,
        default=5_000,
        help="the references run on this many documents (their memory grows with it)",
    )
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="cpu: process time, steadier when the machine is shared (all of it is one thread)",
    )
    args = parser.parse_args()
    global clock
    clock = CLOCKS[args.clock]

    from krippendorff import alpha as kripp_alpha
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    names = [f"ann{i + 1}" for i in range(args.annotators)]
    # Every number of ours on the whole corpus, streamed: time and peak memory.
    start_mb = psutil.Process().memory_info().rss / 2**20
    full_times = []
    for _ in range(args.repeats):
        t0 = clock()
        full = compute_agreement(make_corpus(args.docs, names), annotators=names)
        full_times.append(clock() - t0)
    print(
        f"compute_agreement, {args.docs} documents generated and streamed "
        f"({full.entities.tokens:,} grid tokens): {statistics.median(full_times):.2f} s"
        f" median of {args.repeats}; "
        f"peak resident {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        f" (from {start_mb:.0f} MB before)"
    )

    # The references hold the whole token table (krippendorff: units × coders floats,
    # 21 GB at 100k documents): they run on the first --oracle-docs documents.
    docs = list(make_corpus(min(args.docs, args.oracle_docs), names))
    n_spans = sum(len(s) for d in docs for s in d.annotations.values())
    print(
        f"oracle subset: {len(docs)} documents, {sum(len(d.tokens) for d in docs)} tokens, "
        f"{n_spans} spans, {args.annotators} annotators"
    )

    ours_time, result = timed(lambda: compute_agreement(docs, annotators=names), args.repeats)

    corpus = Corpus.from_batch(batch_of(docs, tuple(names)), tuple(names), {}, {})
    grid = TokenGrid.build(corpus)
    codes = grid.codes
    print(f"grid: {grid.n_tokens} tokens after refinement, {result.documents} unit documents")

    n_values = 2 * len(corpus.ent_labels) + 1
    pairs = list(itertools.combinations(range(len(names)), 2))
    everyone = np.all(codes >= 0, axis=0)

    def our_kappas() -> list[float | None]:
        out = []
        for i, j in pairs:
            on = (codes[i] >= 0) & (codes[j] >= 0)
            out.append(ag.cohen_kappa(codes[i, on], codes[j, on], n_values))
        return out

    def our_fleiss() -> float | None:
        return ag.fleiss_kappa(codes[:, everyone])

    def our_alpha() -> float | None:
        return ag.krippendorff_alpha(codes)

    def sk_kappas() -> list[float]:
        out = []
        for i, j in pairs:
            on = (codes[i] >= 0) & (codes[j] >= 0)
            out.append(float(cohen_kappa_score(codes[i, on], codes[j, on])))
        return out

    def sm_fleiss() -> float:
        table, _ = aggregate_raters(codes[:, everyone].T)
        return float(fleiss_kappa(table, method="fleiss"))

    def kd_alpha() -> float:
        data = np.where(codes >= 0, codes, np.nan).astype(float)
        return float(kripp_alpha(reliability_data=data, level_of_measurement="nominal"))

    sk_time, sk_values = timed(sk_kappas, args.repeats)
    sm_time, sm_value = timed(sm_fleiss, args.repeats)
    kd_time, kd_value = timed(kd_alpha, args.repeats)

    ents = result.entities
    ours_kappas = [p.cohen_kappa for p in ents.pairs]
    checks = [
        ("Cohen κ (pairs)", ours_kappas, sk_values),
        ("Fleiss κ", ents.fleiss_kappa, sm_value),
        ("Krippendorff α", ents.krippendorff_alpha, kd_value),
    ]
    print()
    for what, ours, ref in checks:
        ok = np.allclose(np.array(ours, dtype=float), np.array(ref, dtype=float), atol=1e-9)
        print(f"{what:18} ours={_fmt(ours)}  reference={_fmt(ref)}  {'equal' if ok else 'DIFFER'}")

    ok_time, _ = timed(our_kappas, args.repeats)
    of_time, _ = timed(our_fleiss, args.repeats)
    oa_time, _ = timed(our_alpha, args.repeats)
    rows = [
        (f"Cohen κ × {len(pairs)} pairs (sklearn cohen_kappa_score)", ok_time, sk_time),
        ("Fleiss κ (statsmodels aggregate_raters + fleiss_kappa)", of_time, sm_time),
        ("Krippendorff α (krippendorff.alpha, nan = missing)", oa_time, kd_time),
        ("the three together", ok_time + of_time + oa_time, sk_time + sm_time + kd_time),
    ]
    print()
    print(f"median of {args.repeats} runs, {args.clock} seconds")
    print(f"{'number':56} {'ours':>7} {'reference':>10} {'ref/ours':>9}")
    for what, ours_s, ref_s in rows:
        print(f"{what:56} {ours_s:7.2f} {ref_s:10.2f} {ref_s / ours_s:8.1f}×")
    print(
        f"{'compute_agreement: every number, from the input objects':56} {ours_time:7.2f}"
        f" {sk_time + sm_time + kd_time:10.2f} {(sk_time + sm_time + kd_time) / ours_time:8.1f}×"
    )
    print(
        f"entities: mean exact F1 {ents.mean_exact_f1:.3f}, pooled {ents.pooled_exact_f1:.3f}; "
        f"claims α {_fmt(result.claims.krippendorff_alpha)}; "
        f"disagreements {result.total_disagreements}"
    )


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return "None" if value is None else f"{float(value):.6f}"


if __name__ == "__main__":
    main()
