"""The review window on a realistic project: shown at once, agreement in the background,
resident memory (target under 400 MB at 100,000 documents), each beside a floor measured
in the same run.

The project is ``_common.build_project``'s: articles of Wojood sentences, ~20 entities
and a claim per document from each of three annotators, 90 % of the documents done by
all three. Each measurement runs in a fresh process:

* **ours**: ``open_review`` (the window the lead opens), time until it is shown, then
  until the agreement is shown in its tabs (heat map, summary, per label, the documents
  to adjudicate with the most disputed one open); resident and peak memory then.
* **floor**: the same agreement computed by the core (``project_agreement``) in a
  process with a ``QApplication`` and an empty ``QMainWindow`` shown, its result kept:
  what any window showing these numbers must at least hold.

``--trace`` adds a tracemalloc snapshot of the review window after the agreement
(the top lines by size), to find where the memory goes. Run::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_review.py --docs 100000
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_review.py --project P.sqlite
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from _common import build_project, run_json_child

RSS_TARGET_MB = 400.0
TIMEOUT_S = 1800


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child_review(project: str, *, trace: bool) -> dict[str, object]:
    if trace:
        import tracemalloc

        tracemalloc.start(8)
    from PySide6.QtWidgets import QApplication

    from annotator.core.store import Project
    from annotator.gui.review import open_review

    app = QApplication(sys.argv[:1])
    t0 = time.perf_counter()
    window = open_review(Project.open(project), "lead")
    app.processEvents()
    shown = time.perf_counter() - t0
    rss_shown = _rss_mb()
    done: list[object] = []
    window.agreement_ready.connect(done.append)
    window.agreement_failed.connect(done.append)
    deadline = time.perf_counter() + TIMEOUT_S
    while not done and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()
    computed = time.perf_counter() - t0
    result = window.agreement
    assert result is not None, f"no agreement: {done}"
    rows = window.adjudication_tab.docs_model.total()
    out: dict[str, object] = {
        "shown_s": shown,
        "agreement_s": computed,
        "rss_shown_mb": rss_shown,
        "rss_mb": _rss_mb(),
        "peak_mb": _peak_mb(),
        "documents": result.documents,
        "rows_to_adjudicate": rows,
        "open_document": window.current_document(),
    }
    if trace:
        import tracemalloc

        snapshot = tracemalloc.take_snapshot()
        stats = snapshot.statistics("lineno")
        out["traced_mb"] = sum(s.size for s in stats) / 2**20
        out["top"] = [
            f"{s.size / 2**20:7.1f} MB {s.count:9,d} blocks  {s.traceback[0]}" for s in stats[:15]
        ]
    window.close()
    return out


def child_floor(project: str) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from annotator.core.review import project_agreement
    from annotator.core.store import Project

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    t0 = time.perf_counter()
    with Project.open(project, readonly=True) as p:
        result = project_agreement(p)
    computed = time.perf_counter() - t0
    out = {
        "agreement_s": computed,
        "rss_mb": _rss_mb(),
        "peak_mb": _peak_mb(),
        "documents": result.documents,
    }
    window.close()
    return out


def run_child(*args: str) -> dict[str, object]:
    return run_json_child(__file__, args, timeout=TIMEOUT_S + 60)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--project", type=Path, help="an existing project (no build)")
    parser.add_argument("--trace", action="store_true", help="tracemalloc the review window")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, project = args.child
        if kind == "floor":
            result = child_floor(project)
        else:
            result = child_review(project, trace=kind == "trace")
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        project = args.project
        if project is None:
            project = Path(tmp) / "big.sqlite"
            t = time.perf_counter()
            counts = build_project(project, args.docs, "real")
            print(f"built {counts} in {time.perf_counter() - t:.1f} s", flush=True)
        floor = run_child("floor", str(project))
        ours = run_child("review", str(project))
        traced = run_child("trace", str(project)) if args.trace else None

    assert ours["documents"] == floor["documents"]
    rss_ok = float(ours["rss_mb"]) < RSS_TARGET_MB
    print(f"Review window ({ours['documents']:,} documents compared)")
    print(
        f"  shown after            {float(ours['shown_s']):7.3f} s"
        f"   (resident then: {float(ours['rss_shown_mb']):.0f} MB)"
    )
    print(
        f"  agreement shown after  {float(ours['agreement_s']):7.1f} s"
        f"   (floor, the core alone: {float(floor['agreement_s']):.1f} s;"
        f" {float(ours['agreement_s']) / float(floor['agreement_s']):.2f}×)"
    )
    print(
        f"  resident memory        {float(ours['rss_mb']):7.0f} MB"
        f"   (floor: {float(floor['rss_mb']):.0f} MB;"
        f" {float(ours['rss_mb']) / float(floor['rss_mb']):.2f}×; target < {RSS_TARGET_MB:.0f} MB)"
        f"  {'OK' if rss_ok else 'MISSED'}"
    )
    print(
        f"  peak resident          {float(ours['peak_mb']):7.0f} MB"
        f"   (floor: {float(floor['peak_mb']):.0f} MB)"
    )
    print(
        f"  documents to adjudicate {int(ours['rows_to_adjudicate']):,};"
        f" the most disputed open: {ours['open_document']}"
    )
    if traced is not None:
        print(f"  tracemalloc: {float(traced['traced_mb']):.0f} MB of Python objects; top lines:")
        for line in traced["top"]:  # type: ignore[union-attr]
            print(f"    {line}")
    return 0 if rss_ok else 1


if __name__ == "__main__":
    sys.exit(main())
