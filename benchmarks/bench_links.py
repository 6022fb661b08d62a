"""What claims' links cost a merge: the same returned file with and without them.

    .venv/bin/python benchmarks/bench_links.py [--documents 200] [--claims 50] [--repeats 5]

Each document of the returned file has ``--claims`` claims and as many entities;
with links, every claim has its claimer (one link each). Baseline, in the same
run: the same merge of the same spans without links, so the ratio is what links
add (each is checked against its type and its spans, one joined query for all).
Each repeat merges into a fresh copy of the lead; the two alternate; medians.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.links import Link
from annotator.core.merge import merge_projects
from annotator.core.model import Span, utc_now
from annotator.core.store import Project
from annotator.core.teams import handout


def make(folder: Path, n_docs: int, n_claims: int, *, with_links: bool) -> tuple[Path, Path]:
    lead = folder / f"lead-{with_links}.sqlite"
    with Project.create(lead) as project, project.transaction():
        for i in range(n_docs):
            project.documents.add(("كلمة " * (n_claims * 6)) + str(i))
    returned = folder / f"returned-{with_links}.sqlite"
    with Project.open(lead) as project:
        handout(project, returned, annotator=None, whole=True)
    with Project.open(returned) as copy, copy.transaction():
        now = utc_now()
        spans, links = [], []
        for doc in copy.documents.ids():
            for k in range(n_claims):
                entity = Span(
                    copy.spans.new_id(), doc, "a", "ORG", k * 30, k * 30 + 4, {}, now, now
                )
                claim = Span(
                    copy.spans.new_id(),
                    doc,
                    "a",
                    "CLAIM",
                    k * 30 + 5,
                    k * 30 + 25,
                    {"stance": "asserts"},
                    now,
                    now,
                )
                spans += [entity, claim]
                if with_links:
                    links.append(
                        Link(
                            copy.links.new_id(),
                            doc,
                            "a",
                            "claimer",
                            claim.id,
                            entity.id,
                            None,
                            now,
                            now,
                        )
                    )
        copy.spans.insert_many(spans)
        copy.links.write_many(links)
    return lead, returned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--claims", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        files = {w: make(folder, args.documents, args.claims, with_links=w) for w in (False, True)}
        times: dict[bool, list[float]] = {False: [], True: []}
        for r in range(args.repeats):
            for with_links in (False, True):
                lead, returned = files[with_links]
                fresh = folder / f"run-{with_links}-{r}.sqlite"
                shutil.copy(lead, fresh)
                with Project.open(fresh) as project:
                    started = time.perf_counter()
                    merge_projects(project, [returned], backup=False)
                    times[with_links].append(time.perf_counter() - started)
        base, ours = statistics.median(times[False]), statistics.median(times[True])
        n_links = args.documents * args.claims
        print(
            f"{args.documents} documents, {2 * n_links} spans: merge without links {base:.3f} s "
            f"(baseline), with {n_links} claimer links {ours:.3f} s: {ours / base:.2f}×, "
            f"{(ours - base) / n_links * 1e6:.0f} µs per link"
        )


if __name__ == "__main__":
    main()
