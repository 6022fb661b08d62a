"""Suggestions as a simulated annotator meets them, on the Wojood sample.

    .venv/bin/python benchmarks/bench_suggest.py [--every 20] [--model] [--max-steps 150]

The Wojood sample (``train``, ``val``, ``test`` in order, MIT) is imported as
documents of ten sentences, its tags as the annotator ``corpus``. A simulated
annotator goes through the documents in order. Before every ``--every``-th it
retrains: the gazetteer from the documents done so far (every time) and, with
``--model``, spaCy's ``ner`` (``annotator train``, ``--max-steps``). For each
next document it measures the suggestions against the corpus's tags:

- precision and recall (exact label and characters);
- the actions needed to reach the tags: one reject per wrong suggestion (a
  rejection takes every identical one of the document), one fix per suggestion
  on a tagged entity with the wrong label or edges, one add per tag no
  suggestion touched, and one key that accepts all the remaining (correct)
  suggestions; against annotating from scratch, one action per tag.

It then marks the document done (its tags become confirmed) and goes on.
Printed: the curve per block of ``--every`` documents and the last fifth, for
the gazetteer alone (and the model alone and both, with ``--model``); and the
gazetteer's speed, its token index against a scan of the text for every term
with Ctrl+F's ``find_all`` (the floor a naive gazetteer pays), on the same
documents.

Goal (issue 12): by the last fifth, at least half the entities accepted as
suggested and the actions at most 60% of annotating from scratch.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from _common import WOJOOD

from annotator.core.doc_tokens import tokens_of
from annotator.core.edits import SetStatus
from annotator.core.gazetteer import Gazetteer, build_gazetteer
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.matching import text_key
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.core.suggestion_model import Suggestion
from annotator.core.text import find_all
from annotator.core.training import ModelSource, load_model_source, train_model

Tag = tuple[str, int, int]


@dataclass
class Tally:
    documents: int = 0
    tags: int = 0
    suggested: int = 0
    correct: int = 0
    actions: int = 0

    def add(self, other: Tally) -> None:
        for name in ("documents", "tags", "suggested", "correct", "actions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def row(self, name: str) -> list[str]:
        precision = self.correct / self.suggested if self.suggested else 0.0
        recall = self.correct / self.tags if self.tags else 0.0
        return [
            name,
            str(self.documents),
            str(self.tags),
            f"{precision:.2f}",
            f"{recall:.2f}",
            f"{recall:.1%}",
            f"{self.actions / self.tags:.1%}" if self.tags else "-",
        ]


def measure(text: str, suggestions: Sequence[Suggestion], tags: set[Tag]) -> Tally:
    """What it costs to go from ``suggestions`` to ``tags`` (see the module docstring)."""
    tally = Tally(documents=1, tags=len(tags), suggested=len(suggestions))
    touched: set[Tag] = set()
    rejected: set[tuple[str, str]] = set()
    accepts = 0
    for s in suggestions:
        key = (s.label, s.start, s.end)
        if key in tags:
            tally.correct += 1
            touched.add(key)
            accepts += 1
            continue
        overlapping = [t for t in tags if t[1] < s.end and s.start < t[2] and t not in touched]
        if overlapping:
            tally.actions += 1  # fix: relabel, or move an edge
            touched.add(overlapping[0])
            continue
        what = (text_key(text[s.start : s.end]), s.label)
        if what not in rejected:
            rejected.add(what)
            tally.actions += 1  # reject (every identical one in the document goes with it)
    tally.actions += len(tags - touched)  # add what nothing suggested
    tally.actions += 1 if accepts else 0  # accept all the rest
    return tally


def combine(gazetteer: list[Suggestion], model: list[Suggestion]) -> list[Suggestion]:
    """Both sources: the gazetteer's (the surer, measured), plus the model's where the
    gazetteer has nothing."""
    merged = list(gazetteer)
    for s in model:
        if not any(o.start < s.end and s.start < o.end for o in merged):
            merged.append(s)
    return merged


@dataclass
class Curve:
    name: str
    blocks: list[Tally] = field(default_factory=list)
    documents: list[Tally] = field(default_factory=list)

    def add(self, tally: Tally) -> None:
        self.blocks[-1].add(tally)
        self.documents.append(tally)


def run(args: argparse.Namespace) -> int:
    if not WOJOOD.exists():
        print(f"The Wojood sample is not at {WOJOOD}; nothing to measure.")
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-suggest-") as scratch:
        path = Path(scratch) / "wojood.sqlite"
        with Project.create(path) as project:
            options = ImportOptions(
                annotator="corpus", add_labels=True, sentences_per_document=10, lenient=True
            )
            files = [WOJOOD / name for name in ("train.txt", "val.txt", "test.txt")]
            for file in files:
                assert import_paths(project, [file], options=options).ok
            return simulate(project, args)


def simulate(project: Project, args: argparse.Namespace) -> int:
    ids = project.documents.ids()
    if args.docs:
        ids = ids[: args.docs]
    curves = {"gazetteer": Curve("gazetteer")}
    if args.model:
        curves["model"] = Curve("model")
        curves["both"] = Curve("both")
    gazetteer: Gazetteer | None = None
    model: ModelSource | None = None
    build_times: list[float] = []
    match_times: list[float] = []
    train_times: list[float] = []
    for position, doc_id in enumerate(ids):
        if position % args.every == 0:
            for curve in curves.values():
                curve.blocks.append(Tally())
            if position:
                start = time.perf_counter()
                gazetteer = build_gazetteer(project, annotator="corpus")
                build_times.append(time.perf_counter() - start)
                if args.model:
                    model = retrain(project, args, train_times)
        tags = {(s.label, s.start, s.end) for s in project.spans.for_document(doc_id)}
        text = project.documents.get(doc_id).text
        start = time.perf_counter()
        from_gazetteer = gazetteer.suggest(project, doc_id) if gazetteer else []
        match_times.append(time.perf_counter() - start)
        curves["gazetteer"].add(measure(text, from_gazetteer, tags))
        if args.model:
            from_model = model.suggest(project, doc_id) if model else []
            curves["model"].add(measure(text, from_model, tags))
            curves["both"].add(measure(text, combine(from_gazetteer, from_model), tags))
        project.apply(SetStatus(DocId(doc_id), "corpus", Status.DONE))
    report(curves, len(ids), args.every)
    speed(project, ids, gazetteer, build_times, match_times)
    if train_times:
        print(
            f"\nTraining: median {statistics.median(train_times):.1f} s per retrain "
            f"({len(train_times)} retrains, --max-steps {args.max_steps})."
        )
    return 0


def retrain(project: Project, args: argparse.Namespace, times: list[float]) -> ModelSource:

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-model-") as out:
        trained = train_model(
            project,
            annotator="corpus",
            out=Path(out) / "model",
            max_steps=args.max_steps,
        )
        source = load_model_source(str(trained.path))
    times.append(time.perf_counter() - start)
    return source


def report(curves: dict[str, Curve], n_docs: int, every: int) -> None:
    header = ["", "docs", "entities", "precision", "recall", "accepted", "actions"]
    for curve in curves.values():
        print(f"\n{curve.name}: per block of {every} documents (actions: of from scratch)")
        rows = [
            block.row(f"{i * every + 1}–{i * every + block.documents}")
            for i, block in enumerate(curve.blocks)
        ]
        last = Tally()
        for tally in curve.documents[n_docs - n_docs // 5 :]:
            last.add(tally)
        rows.append(last.row(f"last fifth ({n_docs // 5})"))
        print_table(header, rows)


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)))


def speed(
    project: Project,
    ids: Sequence[int],
    gazetteer: Gazetteer | None,
    build_times: list[float],
    match_times: list[float],
) -> None:
    if gazetteer is None:
        return
    sample = list(ids[-20:])
    documents = [project.documents.get(d) for d in sample]
    tokens = [tokens_of(d, project.documents.source_tokens(d.id)) for d in documents]
    terms = [term for term, _label, _counts in gazetteer.terms()]

    def ours() -> None:
        for doc, toks in zip(documents, tokens, strict=True):
            gazetteer.find(doc.text, toks)

    def naive() -> None:
        for doc in documents[:2]:
            for term in terms:
                find_all(doc.text, term)

    ours_s = best_of(ours) / len(documents)
    naive_s = best_of(naive, repeats=1) / 2
    print(
        f"\nGazetteer: {len(gazetteer)} terms; built from the done documents in "
        f"{statistics.median(build_times) * 1000:.0f} ms (median of {len(build_times)}, "
        f"last {build_times[-1] * 1000:.0f} ms)."
    )
    print(
        f"Matching one document (~10 sentences), tokens given: {ours_s * 1000:.2f} ms with the "
        f"token index; {naive_s * 1000:.0f} ms scanning the text for every term with "
        f"find_all: {naive_s / ours_s:.0f}x. With reading and tokenizing the document "
        f"(Gazetteer.suggest): median {statistics.median(match_times) * 1000:.1f} ms."
    )


def best_of(work: Callable[[], None], *, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=20, help="retrain after this many documents")
    parser.add_argument("--docs", type=int, default=0, help="only the first N documents")
    parser.add_argument("--model", action="store_true", help="also retrain and measure a model")
    parser.add_argument("--max-steps", type=int, default=150, help="training steps per retrain")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
