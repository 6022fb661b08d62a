"""Main window benchmarks, each beside a baseline measured in the same run.

1. Start-up: process start → main window shown with a document open
   (target < 1.5 s), beside a process that shows an empty QMainWindow.
   Also reports whether spaCy was imported by then (it must not be on the way).
2. A realistic project of 100,000 articles (Wojood sentences, ~6 M spans of
   three annotators, statuses; the annotator has done the first 90 % in order):
   open the window on the first document that needs work (target < 1.5 s),
   beside a floor in the same run (a process that opens the project, asks the
   core for that document with ``Documents.first_to_open`` and shows its text
   in a bare ``QPlainTextEdit``); whether the document list selects the open
   document and shows it. Then the list's scrollbar dragged to the end (the
   last row painted), beside the store listing every row (the issue's floor) and
   the store's ids and last screenful of rows (the least that shows the end);
   then dragged through the whole list (up to 1,000 positions, each painted):
   the rows and texts read, resident memory (target < 400 MB, flat while
   scrolling) beside an empty QMainWindow process.
3. Find across the corpus (Ctrl+Shift+F) on the same project: Enter in the
   panel's field until its hits are listed and painted (a worker on its own
   read-only connection), beside ``find_in_project`` on a fresh read-only
   connection in the same process (what the worker and ``annotator find`` do),
   and the longest the UI thread went without handling an event meanwhile.

Each measurement runs in a fresh process (``--child``), so memory and import
state do not leak between them. Run::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_window.py [--docs 100000]
        [--project COPY] [--skip start find] [--against EXPORT_OF_MAIN]

``--against`` runs another checkout's window open (its own benchmark's ``open``
child on its own code), alternating with ours, on the same project.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import build_project, run_json_child
from bench_find import queries

START_TARGET_S = 1.5
OPEN_TARGET_S = 1.5
ANNOTATOR = "sara"  # one of build_project's annotators
RSS_TARGET_MB = 400.0
SCREENFUL = 40  # rows a tall document list shows
SWEEP_STEPS = 1000  # scrollbar positions when the list is dragged through every row
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


def child_floor_open(project: str) -> dict[str, object]:
    """The least a window showing the first document that needs work must do."""
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    from annotator.core.store import Project

    app = QApplication(sys.argv[:1])
    t = time.perf_counter()
    p = Project.open(project, readonly=True)  # the least: no lock, no migration check
    doc_id = p.documents.first_to_open(ANNOTATOR)
    assert doc_id is not None
    window = QMainWindow()
    window.resize(1400, 900)
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setPlainText(p.documents.get(doc_id).text)
    window.setCentralWidget(view)
    window.show()
    app.processEvents()
    opened = time.perf_counter() - t
    p.close()
    return {"open_s": opened, "doc": doc_id}


def _searched(app, panel, query: str) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Enter in the panel until its hits are shown: seconds, the longest UI stall, hits."""
    from PySide6.QtCore import QTimer

    gaps = [0.0]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    done: list[bool] = []
    panel.searched.connect(lambda: done.append(True))
    panel.edit.setText(query)
    t = time.perf_counter()
    last[0] = t
    timer.start()
    panel.search()
    while not done:
        app.processEvents()
        time.sleep(0.001)
    panel.tree.viewport().repaint()  # the hits painted, not only listed
    elapsed = time.perf_counter() - t
    timer.stop()
    panel.searched.disconnect()
    return elapsed, max(gaps), len(panel.hits())


def _open_window(project: str):  # type: ignore[no-untyped-def]
    """The main window as ``annotator gui -p P`` opens it, shown: ``(window, seconds)``
    (the QApplication must exist)."""
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app import open_main_window
    from annotator.gui.settings import Settings

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
    QApplication.processEvents()
    return window, time.perf_counter() - t


def child_search(project: str, repeat: int) -> dict[str, object]:
    from annotator.core.search import find_in_project
    from annotator.core.store import Project
    from annotator.gui.app import create_application

    app = create_application()
    window, _opened = _open_window(project)
    window.docks.show_corpus_find()
    app.processEvents()
    panel = window.docks.corpus_find_panel
    rows = []
    for what, query in [*queries(), ("two letters found nowhere", "ظظ")]:
        n = 1 if what.endswith("nowhere") else repeat
        direct = []
        for _ in range(n):
            # As the panel's worker (and `annotator find`) do: a fresh read-only connection.
            t = time.perf_counter()
            with Project.open(project, readonly=True) as reader:
                hits = len(find_in_project(reader, query).hits)
            direct.append(time.perf_counter() - t)
        panel_runs = [_searched(app, panel, query) for _ in range(n)]
        assert all(h == hits for _s, _g, h in panel_runs)
        rows.append(
            {
                "what": what,
                "query": query,
                "hits": hits,
                "panel_s": statistics.median(s for s, _g, _h in panel_runs),
                "direct_s": statistics.median(direct),
                "stall_s": max(g for _s, g, _h in panel_runs),
            }
        )
    window.close()
    return {"rows": rows}


def child_scroll(project: str, *, empty: bool, scroll: bool = True) -> dict[str, object]:
    """The window opened, its list dragged to the end, then through every row.

    ``empty``: the floors instead (an empty QMainWindow's memory, the store listing
    every row, the store's ids and the last screenful of rows read).
    """
    import psutil
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
            t = time.perf_counter()
            last = p.documents.infos(p.documents.ids()[-SCREENFUL:])
            last_s = time.perf_counter() - t
            assert len(last) == SCREENFUL
        return {
            "rss_mb": process.memory_info().rss / 2**20,
            "list_all_s": listed,
            "last_screen_s": last_s,
            "rows": rows,
        }

    from annotator.core.store import Documents
    from annotator.gui.app import create_application

    texts_read: list[int] = []
    rows_read: list[int] = []
    real_get, real_infos = Documents.get, Documents.infos

    def counting_get(self: Documents, doc_id: int):  # type: ignore[no-untyped-def]
        texts_read.append(doc_id)
        return real_get(self, doc_id)

    def counting_infos(self: Documents, doc_ids):  # type: ignore[no-untyped-def]
        rows_read.extend(doc_ids)
        return real_infos(self, doc_ids)

    Documents.get = counting_get  # type: ignore[method-assign]
    Documents.infos = counting_infos  # type: ignore[method-assign]
    app = create_application()
    cpu = time.process_time()
    window, opened = _open_window(project)
    open_cpu = time.process_time() - cpu
    opened_doc = window.current_document()
    model, view = window.documents_model, window.documents_dock.view
    selected = [i.row() for i in view.selectionModel().selectedRows()]
    in_view = bool(selected) and view.viewport().rect().intersects(
        view.visualRect(model.index(selected[0], 1))
    )
    shows_open = selected == [model.row_of(opened_doc)] and in_view
    rss_open = process.memory_info().rss / 2**20
    result: dict[str, object] = {
        "open_s": opened,
        "open_cpu_s": open_cpu,
        "doc": opened_doc,
        "rss_open_mb": rss_open,
        "shows_open": shows_open,
        "rows_read_open": len(rows_read),
    }
    if not scroll:
        window.close()
        return result
    # The editor warms spaCy's tokenizer in a thread a moment after it opens, and the
    # suggestions of the next documents are prepared in another (the gazetteer of
    # every done document: at 100k it holds the GIL for a minute): the first done,
    # the second off, so the figures below are the list's.
    suggestions = window.actions.suggestions
    suggestions.prepare_ahead.setChecked(False)
    suggestions.preparation.stop()
    import threading

    from annotator.gui.editor import warm_tokenizer

    warm_tokenizer()
    for thread in threading.enumerate():
        if thread.name == "warm-tokenizer":
            thread.join()
    result["rss_warm_mb"] = process.memory_info().rss / 2**20
    bar = view.verticalScrollBar()
    # Dragged to the end: the last rows painted.
    t, cpu = time.perf_counter(), time.process_time()
    bar.setValue(bar.maximum())
    app.processEvents()
    view.viewport().repaint()
    result["end_s"] = time.perf_counter() - t
    result["end_cpu_s"] = time.process_time() - cpu
    result["last_row_shown"] = view.rowAt(view.viewport().height() - 1) == model.rowCount() - 1
    result["rss_end_mb"] = process.memory_info().rss / 2**20
    # Then through the whole list, a screenful at a time from the top (at most
    # SWEEP_STEPS positions, evenly spread), each painted.
    read_before = len(rows_read)
    top = bar.minimum()
    span = bar.maximum() - top
    steps = max(1, min(SWEEP_STEPS, span // max(1, bar.pageStep())))
    t, cpu = time.perf_counter(), time.process_time()
    peak = 0.0
    for step in range(steps + 1):
        bar.setValue(top + span * step // steps)
        app.processEvents()
        view.viewport().repaint()
        if step % 50 == 0:
            peak = max(peak, process.memory_info().rss / 2**20)
    result["sweep_s"] = time.perf_counter() - t
    result["sweep_cpu_s"] = time.process_time() - cpu
    result["sweep_steps"] = steps + 1
    result["rows"] = model.rowCount()
    result["rows_read"] = len(rows_read)
    result["rows_read_sweep"] = len(rows_read) - read_before
    result["texts_read"] = len(texts_read)
    result["rss_mb"] = max(peak, process.memory_info().rss / 2**20)
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
    return with_process_cpu(lambda: run_json_child(__file__, args, timeout=600))


def with_process_cpu(run: Callable[[], dict[str, object]]) -> dict[str, object]:
    """``run()``'s result with ``process_cpu_s``: the child's user + system seconds,
    start to exit (imports included), the same measure for ours and another checkout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**result, "process_cpu_s": cpu}


def run_other_child(tree: Path, *args: str) -> dict[str, object]:
    """A child of another checkout's benchmark on its own code (an A/B against ``main``)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    script = tree / "benchmarks" / "bench_window.py"

    def run() -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, str(script), "--child", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
        return result

    return with_process_cpu(run)


def bench_start(project: Path, repeat: int) -> tuple[list[float], list[float], bool]:
    ours, empty, spacy_seen = [], [], False
    for _ in range(repeat):
        empty.append(float(run_child("start-empty", str(project), repr(time.time()))["shown"]))
        result = run_child("start", str(project), repr(time.time()))
        ours.append(float(result["shown"]))
        spacy_seen |= bool(result["spacy"])
    return ours, empty, spacy_seen


def median_of(runs: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--project", type=Path, help="an existing build_project project")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["start", "find"], help="parts not to run"
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout (e.g. an export of main): its window's open, alternating",
    )
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, project, *rest = args.child
        if kind.startswith("start"):
            result = child_start(project, float(rest[0]), empty=kind == "start-empty")
        elif kind == "open-floor":
            result = child_floor_open(project)
        elif kind == "search":
            result = child_search(project, int(rest[0]))
        else:
            result = child_scroll(project, empty=kind == "scroll-empty", scroll=kind == "scroll")
        print(json.dumps(result))
        return 0

    print(f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "seed.sqlite"
        make_small_project(small, 10)
        if "start" not in args.skip:
            ours, empty, spacy_seen = bench_start(small, args.repeat)

        big = args.project
        built, counts = 0.0, None
        if big is None:
            big = Path(tmp) / "big.sqlite"
            t = time.perf_counter()
            counts = build_project(big, args.docs, "real")
            built = time.perf_counter() - t
        opens, floors, smalls, others = [], [], [], []
        for _ in range(args.repeat):  # alternating, so all see the same load
            floors.append(run_child("open-floor", str(big)))
            opens.append(run_child("open", str(big)))
            smalls.append(run_child("open", str(small)))
            if args.against is not None:
                others.append(run_other_child(args.against, "open", str(big)))
        scrolls = [run_child("scroll", str(big)) for _ in range(max(1, args.repeat // 2))]
        base = run_child("scroll-empty", str(big))
        if "find" not in args.skip:
            search = run_child("search", str(big), str(args.repeat))
        assert all(o["doc"] == f["doc"] for o, f in zip(opens, floors, strict=True)), (
            "the window opens another document than the core's first_to_open"
        )
    load = os.getloadavg()[0]

    print(f"Main window benchmark (median of {args.repeat}; load average after: {load:.1f})")
    start_ok = True
    if "start" not in args.skip:
        start_ok = statistics.median(ours) < START_TARGET_S
        print(
            f"  start → window shown        {statistics.median(ours):6.3f} s"
            f"   (empty QMainWindow: {statistics.median(empty):.3f} s;"
            f" target < {START_TARGET_S} s)  {'OK' if start_ok else 'MISSED'}"
        )
        print(
            f"    spaCy in sys.modules at show: {'yes' if spacy_seen else 'no'}"
            " (the editor may warm its tokenizer in a background thread)"
        )
    if counts is not None:
        print(
            f"  build the project           {built:6.2f} s   ({counts['documents']:,} documents"
            f" of Wojood sentences, {counts['spans']:,} spans, {counts['statuses']:,} statuses;"
            f" {ANNOTATOR} has done the first 90 %)"
        )
    opened, floor = median_of(opens, "open_s"), median_of(floors, "open_s")
    small_open = median_of(smalls, "open_s")
    open_ok = opened < OPEN_TARGET_S
    open_cpu = median_of(opens, "open_cpu_s")
    print(
        f"  open the window on it       {opened:6.3f} s   (CPU {open_cpu:.3f} s;"
        f" document {opens[0]['doc']}, the first not done; target < {OPEN_TARGET_S} s)"
        f"  {'OK' if open_ok else 'MISSED'}"
    )
    print(
        f"    floor: first_to_open + a bare QPlainTextEdit {floor:.3f} s ({opened / floor:.1f}×);"
        f" the same window on the 10-document project {small_open:.3f} s"
        f" ({opened / small_open:.2f}×: what the project's size adds)"
    )
    if others:
        other = median_of(others, "open_s")
        print(
            f"    {args.against}'s window, alternating: {other:.3f} s"
            f" (ours {opened / other:.2f}×); its memory open"
            f" {median_of(others, 'rss_open_mb'):.1f} MB"
        )
        ours_cpu, other_cpu = median_of(opens, "process_cpu_s"), median_of(others, "process_cpu_s")
        print(
            f"    the whole process (start, imports, open, exit), user + system: ours"
            f" {ours_cpu:.3f} s, {args.against}'s {other_cpu:.3f} s ({ours_cpu / other_cpu:.2f}×);"
            f" the floor's {median_of(floors, 'process_cpu_s'):.3f} s"
        )
    shows_ok = all(bool(o["shows_open"]) for o in opens)
    print(
        f"    the list selects the open document and shows it: {'yes' if shows_ok else 'NO'}"
        f"  ({int(opens[0]['rows_read_open'])} rows read)"
    )
    end_s, end_cpu = median_of(scrolls, "end_s"), median_of(scrolls, "end_cpu_s")
    scroll = scrolls[0]
    end_ok = all(bool(r["last_row_shown"]) for r in scrolls)
    print(
        f"  drag the list to the end    {end_s:6.3f} s   (CPU {end_cpu:.3f} s; last row shown:"
        f" {'yes' if end_ok else 'NO'}; the store lists all rows in"
        f" {float(base['list_all_s']):.3f} s ({end_s / float(base['list_all_s']):.2f}×);"
        f" its ids and the last {SCREENFUL} rows in {float(base['last_screen_s']):.3f} s"
        f" ({end_s / float(base['last_screen_s']):.1f}×))"
    )
    sweep_s = median_of(scrolls, "sweep_s")
    steps = int(scroll["sweep_steps"])
    print(
        f"  then through the whole list {sweep_s:6.3f} s   ({steps} positions, each painted:"
        f" {1000 * sweep_s / steps:.1f} ms; CPU {median_of(scrolls, 'sweep_cpu_s'):.3f} s;"
        f" {int(scroll['rows_read_sweep']):,} rows read)"
    )
    lazy_ok = int(scroll["texts_read"]) <= 1 and int(scroll["rows"]) == int(base["rows"])
    print(
        f"  rows in the list            {int(scroll['rows']):,}   rows read in all:"
        f" {int(scroll['rows_read']):,}; texts read: {scroll['texts_read']} (the open document"
        f" only)  {'OK' if lazy_ok else 'MISSED'}"
    )
    rss_ok = float(scroll["rss_mb"]) < RSS_TARGET_MB
    print(
        f"  resident memory             {median_of(scrolls, 'rss_open_mb'):6.1f} MB open,"
        f" {median_of(scrolls, 'rss_warm_mb'):.1f} MB once spaCy is warm,"
        f" {median_of(scrolls, 'rss_end_mb'):.1f} MB at the end,"
        f" {median_of(scrolls, 'rss_mb'):.1f} MB at most through the whole list"
        f"   (empty QMainWindow + store: {float(base['rss_mb']):.1f} MB;"
        f" target < {RSS_TARGET_MB:.0f} MB)  {'OK' if rss_ok else 'MISSED'}"
    )
    if "find" not in args.skip:
        print("  find in all documents (Enter → hits shown; beside find_in_project, same process)")
        for row in search["rows"]:  # type: ignore[union-attr]
            print(
                f"    {row['what']:26} {row['query']:14} {row['hits']:4} hits"
                f"  panel {row['panel_s']:6.3f} s  direct {row['direct_s']:6.3f} s"
                f"  ({row['panel_s'] / max(row['direct_s'], 1e-6):.2f}×)"
                f"  longest UI stall {1000 * row['stall_s']:5.0f} ms"
            )
    ok = start_ok and rss_ok and lazy_ok and shows_ok and end_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
