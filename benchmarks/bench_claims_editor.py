"""Claims in the editor on a 1 MB article with 10,000 spans: paint, pick, link.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_claims_editor.py \\
        [--mb 1.0] [--spans 10000] [--repeats 15]

The article and spans are ``bench_editor.py``'s (~9,000 entities and places,
~1,000 claims). One claim in view gets a claimer and a cue. Medians of
``--repeats``, each beside its baseline in the same run:

- a repaint of the viewport with nothing selected (the baseline);
- the same with the claim selected (its claimer and cue framed and tagged);
- the same while picking its claimer: ~9,000 candidates, dashed where in view
  (and, for comparison, every candidate drawn);
- Ctrl+K (picking starts: the candidates found, the nearest highlighted, painted)
  and Enter (the link in the file, checked through a second connection, and
  repainted), beside one SQLite commit of a small row.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_editor import make_spans, make_text  # noqa: E402

from annotator.core.claim_edits import SetClaimer, SetCue  # noqa: E402
from annotator.core.edits import AddSpan  # noqa: E402
from annotator.core.store import Project  # noqa: E402
from annotator.gui import claim_painting  # noqa: E402
from annotator.gui.editor import AnnotationEditor  # noqa: E402
from annotator.gui.ops import ProjectSession  # noqa: E402


def median_ms(func, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--spans", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    text = make_text(args.mb)
    tmp = Path(tempfile.mkdtemp(prefix="bench_claims_"))
    path = tmp / "bench.sqlite"
    project = Project.create(path)
    doc, _ = project.documents.add(text, title="big")
    spans = make_spans(text, doc, args.spans)
    with project.transaction():
        project.spans.insert_many(spans)
    claim = next(s for s in spans if s.label == "CLAIM" and s.start > 2000)
    entity = max(
        (s for s in spans if s.label == "ORG" and s.end <= claim.start), key=lambda s: s.end
    )
    cue = AddSpan(doc, "bench", "CUE", claim.start - 8, claim.start - 4)
    project.apply(cue)
    assert cue.span_id is not None
    project.apply(SetClaimer(claim.id, entity=entity.id))
    project.apply(SetCue(claim.id, cue.span_id))

    editor = AnnotationEditor(ProjectSession(project))
    editor.set_annotator("bench")
    editor.resize(1100, 800)
    editor.open_document(doc)
    editor.show()
    view = editor.text_view()
    view.set_selection(claim.start, claim.start)
    view.centerCursor()
    for _ in range(5):
        app.processEvents()

    def repaint() -> None:
        view.viewport().repaint()

    editor.select_span("")
    nothing = median_ms(repaint, args.repeats)
    editor.select_span(claim.id, scroll=False)
    selected = median_ms(repaint, args.repeats)
    editor.claims.start("claimer")
    picking = median_ms(repaint, args.repeats)
    candidates = len(editor.claims.picking.candidates)
    # What drawing every candidate, not only those in view, would cost.
    in_view = claim_painting._visible_range
    claim_painting._visible_range = lambda _view, _rect: (0, len(text))
    every = median_ms(repaint, max(3, args.repeats // 3))
    claim_painting._visible_range = in_view
    editor.claims.cancel()

    def ctrl_k() -> None:
        QTest.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        view.viewport().repaint()
        assert editor.claims.picking is not None
        editor.claims.cancel(say=False)

    start = median_ms(ctrl_k, args.repeats)

    def enter() -> None:
        QTest.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(view, Qt.Key.Key_Tab)  # another entity than the claimer: a change
        t0 = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Return)
        view.viewport().repaint()
        enter_times.append(time.perf_counter() - t0)

    enter_times: list[float] = []
    for _ in range(args.repeats):
        enter()
    link = statistics.median(enter_times) * 1000
    with sqlite3.connect(path) as db:
        links = db.execute("SELECT count(*) FROM links WHERE head = ?", [claim.id]).fetchone()[0]
    assert links >= 2, "the Enter presses wrote no link"

    floor_db = sqlite3.connect(tmp / "floor.sqlite", isolation_level=None)
    floor_db.execute("PRAGMA journal_mode=WAL")
    floor_db.execute("PRAGMA synchronous=FULL")
    floor_db.execute("CREATE TABLE t (x TEXT)")

    def commit() -> None:
        floor_db.execute("BEGIN")
        floor_db.execute("INSERT INTO t VALUES ('x')")
        floor_db.execute("COMMIT")

    floor = median_ms(commit, args.repeats)
    print(f"{len(text):,} characters, {len(spans):,} spans; {candidates:,} claimer candidates")
    print("| what | median | beside |")
    print("|---|---|---|")
    print(f"| repaint, nothing selected (baseline) | {nothing:.2f} ms | 1.00 |")
    print(
        f"| repaint, the claim selected (claimer, cue framed) | {selected:.2f} ms | "
        f"{selected / nothing:.2f}× |"
    )
    print(
        f"| repaint while picking ({candidates:,} candidates) | {picking:.2f} ms | "
        f"{picking / nothing:.2f}× |"
    )
    print(
        f"| the same, every candidate drawn, not only those in view | {every:.2f} ms | "
        f"{every / nothing:.2f}× |"
    )
    print(f"| Ctrl+K → picking shown | {start:.2f} ms | {start / nothing:.2f}× |")
    print(
        f"| Enter → link in the file → repainted | {link:.2f} ms | "
        f"{link / floor:.1f}× one commit ({floor:.2f} ms) |"
    )
    editor.close()
    project.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
