"""Main window benchmarks, each beside a baseline measured in the same run.

1. Start-up: process start → main window shown with a document open
   (target < 1.5 s), beside a process that shows an empty QMainWindow.
   Also reports whether spaCy was imported by then (it must not be on the way).
2. A realistic project of 100,000 articles (Wojood sentences, ~5.5 M spans of
   three annotators, statuses; the annotator has done the first 90 % in order):
   open the window (target < 1.5 s) as the GUI does now and with the core's
   ``Documents.first_to_open``; scroll the document list to the end without
   loading any document's text, resident memory under 400 MB; beside an empty
   QMainWindow process (memory) and the store listing every row (time).

Each measurement runs in a fresh process (``--child``), so memory and import
state do not leak between them. Run::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py [--docs 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import build_project

START_TARGET_S = 1.5
OPEN_TARGET_S = 1.5
ANNOTATOR = "sara"  # one of build_project's annotators
RSS_TARGET_MB = 400.0
SEED = Path(__file__).resolve().parents[1] / "resources" / "samples" / "000_173f9dae85055ffa.txt"


# --- children (run in their own process) --------------------------------------------------


def child_start(project: str, t0: float, *, empty: bool) -> dict[str, object]:
    """Import, build and show; report seconds since ``t0`` (taken by the parent)."""
    if empty:
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        return {"shown": time.time() - t0, "spacy": "spacy" in sys.modules}
    from annotator.gui.app import create_application, open_main_window
    from annotator.gui.settings import Settings

    app = create_application()
    window = open_main_window(
        Path(project),
        annotator="bench",
        doc=1,
        language="en",
        settings=Settings(),
        interactive=False,
    )
    assert window is not None
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    shown = time.time() - t0
    spacy_at_show = "spacy" in sys.modules
    window.close()
    return {"shown": shown, "spacy": spacy_at_show}


def _open_first_with_the_core(window) -> None:  # type: ignore[no-untyped-def]
    """What ``MainWindow.open_first_document`` becomes with the core's query (issue 14):
    ``Documents.first_to_open`` finds the document without paging the list."""
    doc_id = window.project.documents.first_to_open(window.annotator())
    if doc_id is not None:
        window.open_document(doc_id)


def child_scroll(project: str, *, empty: bool, core_first: bool = False) -> dict[str, object]:
    import psutil
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication, QMainWindow

    process = psutil.Process()
    if empty:
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.show()
        app.processEvents()
        from annotator.core.store import Project

        with Project.open(project, readonly=True) as p:
            t = time.perf_counter()
            rows = len(p.documents.list())
            listed = time.perf_counter() - t
        return {"rss_mb": process.memory_info().rss / 2**20, "list_all_s": listed, "rows": rows}

    from annotator.core.store import Documents
    from annotator.gui.app import create_application, open_main_window
    from annotator.gui.settings import Settings

    texts_read: list[int] = []
    real_get = Documents.get

    def counting_get(self: Documents, doc_id: int):  # type: ignore[no-untyped-def]
        texts_read.append(doc_id)
        return real_get(self, doc_id)

    Documents.get = counting_get  # type: ignore[method-assign]
    if core_first:
        from annotator.gui.main_window import MainWindow

        MainWindow.open_first_document = _open_first_with_the_core  # type: ignore[method-assign]
    app = create_application()
    t = time.perf_counter()
    window = open_main_window(
        Path(project),
        annotator=ANNOTATOR,
        doc=None,
        language="en",
        settings=Settings(),
        interactive=False,
    )
    assert window is not None
    window.show()
    app.processEvents()
    opened = time.perf_counter() - t
    opened_doc = window.current_document()
    model, view = window.documents_model, window.documents_dock.view
    if core_first:
        result = {"open_s": opened, "doc": opened_doc, "rss_mb": process.memory_info().rss / 2**20}
        window.close()
        return result
    t = time.perf_counter()
    steps = 0
    while model.canFetchMore(QModelIndex()):
        view.scrollToBottom()
        app.processEvents()
        steps += 1
    view.scrollToBottom()
    app.processEvents()
    scrolled = time.perf_counter() - t
    result = {
        "open_s": opened,
        "doc": opened_doc,
        "scroll_s": scrolled,
        "rows": model.rowCount(),
        "fetches": steps,
        "texts_read": len(texts_read),
        "rss_mb": process.memory_info().rss / 2**20,
    }
    window.close()
    return result


# --- parent ---------------------------------------------------------------------------------


def make_small_project(path: Path, n_docs: int) -> None:
    from annotator.core.store import NewDocument, Project

    with Project.create(path) as project:
        project.documents.add(SEED.read_text("utf-8"), title="البوكمال.. معركة دولية")
        batch = 5000
        for first in range(0, n_docs - 1, batch):
            with project.transaction():
                project.documents.add_many(
                    [
                        NewDocument(
                            f"خبر رقم {i}: اشتباكات قرب البوكمال ودير الزور.", title=f"خبر {i}"
                        )
                        for i in range(first, min(first + batch, n_docs - 1))
                    ]
                )


def run_child(*args: str) -> dict[str, object]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if out.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_start(project: Path, repeat: int) -> tuple[list[float], list[float], bool]:
    ours, empty, spacy_seen = [], [], False
    for _ in range(repeat):
        empty.append(float(run_child("start-empty", str(project), repr(time.time()))["shown"]))
        result = run_child("start", str(project), repr(time.time()))
        ours.append(float(result["shown"]))
        spacy_seen |= bool(result["spacy"])
    return ours, empty, spacy_seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, project, *rest = args.child
        if kind.startswith("start"):
            result = child_start(project, float(rest[0]), empty=kind == "start-empty")
        else:
            result = child_scroll(
                project, empty=kind == "scroll-empty", core_first=kind == "scroll-core"
            )
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "seed.sqlite"
        make_small_project(small, 10)
        ours, empty, spacy_seen = bench_start(small, args.repeat)

        big = Path(tmp) / "big.sqlite"
        t = time.perf_counter()
        counts = build_project(big, args.docs, "real")
        built = time.perf_counter() - t
        scroll = run_child("scroll", str(big))
        core = [run_child("scroll-core", str(big)) for _ in range(args.repeat)]
        base = run_child("scroll-empty", str(big))
        assert all(c["doc"] == scroll["doc"] for c in core), "the core opens another document"

    start_ok = statistics.median(ours) < START_TARGET_S
    rss_ok = float(scroll["rss_mb"]) < RSS_TARGET_MB
    lazy_ok = int(scroll["texts_read"]) <= 1 and int(scroll["rows"]) == args.docs
    print(f"Main window benchmark ({args.docs:,} documents; median of {args.repeat} starts)")
    print(
        f"  start → window shown        {statistics.median(ours):6.3f} s"
        f"   (empty QMainWindow: {statistics.median(empty):.3f} s; target < {START_TARGET_S} s)"
        f"  {'OK' if start_ok else 'MISSED'}"
    )
    print(
        f"    spaCy in sys.modules at show: {'yes' if spacy_seen else 'no'}"
        " (the editor may warm its tokenizer in a background thread)"
    )
    core_open = statistics.median(float(c["open_s"]) for c in core)
    open_ok = core_open < OPEN_TARGET_S
    print(
        f"  build the project           {built:6.2f} s   ({counts['documents']:,} documents of"
        f" Wojood sentences, {counts['spans']:,} spans, {counts['statuses']:,} statuses;"
        f" {ANNOTATOR} has done the first 90 %)"
    )
    print(
        f"  open window on it (GUI now) {float(scroll['open_s']):6.3f} s"
        f"   (open_first_document pages the list to document {scroll['doc']})"
    )
    print(
        f"  …with Documents.first_to_open {core_open:6.3f} s   (median of {args.repeat};"
        f" same document; target < {OPEN_TARGET_S} s)  {'OK' if open_ok else 'MISSED'}"
    )
    print(
        f"  scroll list to the end      {float(scroll['scroll_s']):6.3f} s"
        f"   ({scroll['fetches']} fetches, each repainted:"
        f" {1000 * float(scroll['scroll_s']) / max(1, int(scroll['fetches'])):.1f} ms;"
        f" the store lists all rows in"
        f" {float(base['list_all_s']):.3f} s)"
    )
    print(
        f"  rows loaded                 {int(scroll['rows']):,}"
        f"   texts read: {scroll['texts_read']} (the open document only)"
        f"  {'OK' if lazy_ok else 'MISSED'}"
    )
    print(
        f"  resident memory             {float(scroll['rss_mb']):6.1f} MB"
        f"   (empty QMainWindow + store: {float(base['rss_mb']):.1f} MB;"
        f" target < {RSS_TARGET_MB:.0f} MB)  {'OK' if rss_ok else 'MISSED'}"
    )
    return 0 if start_ok and rss_ok and lazy_ok else 1


if __name__ == "__main__":
    sys.exit(main())
