"""A spaCy model trained on the project, and any spaCy pipeline as a suggestion source.

:func:`train_model` exports the project's done documents (or gold) as the
spaCy export does, with the same ``config.cfg``, and runs ``python -m spacy
train`` on it in its own process, so the caller (the CLI's progress bar, the
GUI's background operation) never blocks on it. Models are kept next to the
project, versioned: ``P.models/<n>-<date>/``.

:class:`ModelSource` turns any pipeline with ``ner`` (a folder, or an
installed package such as a team's own Arabic model) into suggestions; a
document's uncertainty is 1 − the mean of the entities' beam scores.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.model import DocId
from annotator.core.suggestion_model import (
    ModelNotFound,
    NothingToTrain,
    Suggestion,
    TrainingFailed,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from annotator.core.store import Project

__all__ = ["ModelSource", "TrainedModel", "load_model_source", "models_dir", "train_model"]

MODEL_INFO = "annotator-model.json"
_STEP_ROW = re.compile(r"^\s*(\d+)\s+(\d+)\s")


def models_dir(project_path: Path) -> Path:
    """Where a project's models are kept: ``P.models/`` beside ``P.sqlite``."""
    return project_path.with_name(project_path.stem + ".models")


@dataclass(frozen=True, slots=True)
class TrainedModel:
    path: Path
    name: str
    documents: int
    scores: dict[str, Any]


def _next_version(root: Path) -> int:
    numbers = [
        int(p.name.split("-", 1)[0])
        for p in root.glob("*-*")
        if p.is_dir() and p.name.split("-", 1)[0].isdigit()
    ]
    return max(numbers, default=0) + 1


def train_model(
    project: Project,
    *,
    annotator: str | None = None,
    gold: bool = False,
    out: Path | None = None,
    max_steps: int = 600,
    progress: Callable[[int, int, str], None] | None = None,
    stop: threading.Event | None = None,
) -> TrainedModel:
    """Train spaCy's ``ner`` (and the export's span groups) on the project.

    :param out: the folder the model goes to (default ``P.models/<n>-<date>``).
    :param max_steps: training steps (keep it short: a few minutes on a CPU).
    :param stop: set it to end the training early (the GUI's Cancel): the child
        process is killed and :class:`TrainingFailed` says so; nothing is kept.
    :raises NothingToTrain: no document done (or no gold).
    :raises TrainingFailed: ``spacy train`` stopped with an error (its last lines said).
    """
    from annotator.core.errors import NothingToExport
    from annotator.core.export import export
    from annotator.core.tokenizer import register

    register()  # spaCy imported once, under the tokenizer's lock (a GUI worker thread)

    with tempfile.TemporaryDirectory(prefix="annotator-train-") as scratch:
        data = Path(scratch) / "data"
        try:
            report = export(
                project, data, fmt="spacy", annotator=annotator, gold=gold, split=(0.8, 0.2)
            )
        except NothingToExport as exc:
            raise NothingToTrain(
                f"{project.path}: nothing to train on ({exc.message}). Mark documents done "
                "(or adjudicate gold) first."
            ) from None
        documents = int(getattr(report, "documents", 0) or 0)
        dev = data / "dev.spacy"
        # Too few documents for two parts: train and evaluate on the same ones.
        for part, other in ((dev, data / "train.spacy"), (data / "train.spacy", dev)):
            if _empty_docbin(part) and not _empty_docbin(other):
                shutil.copy(other, part)
        trained = Path(scratch) / "trained"
        command = [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(data / "config.cfg"),
            "--output",
            str(trained),
            "--paths.train",
            str(data / "train.spacy"),
            "--paths.dev",
            str(dev),
            "--training.max_steps",
            str(max_steps),
            "--training.eval_frequency",
            str(max(10, max_steps // 5)),
            "--training.patience",
            str(max_steps),
        ]
        lines: list[str] = []
        with subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env=_background_env(),
        ) as proc:
            assert proc.stdout is not None
            _lower_priority(proc.pid)
            if stop is not None:
                threading.Thread(target=_kill_when, args=(stop, proc), daemon=True).start()
            try:
                for line in proc.stdout:
                    lines.append(line.rstrip())
                    step = _STEP_ROW.match(line)
                    if step and progress is not None:
                        progress(min(int(step.group(2)), max_steps), max_steps, "training")
            except BaseException:
                proc.kill()  # a progress callback that stops the work stops spaCy too
                raise
        if stop is not None and stop.is_set():
            raise TrainingFailed("Training was cancelled; no model was kept.")
        if proc.returncode != 0:
            tail = "\n".join(lines[-8:])
            raise TrainingFailed(f"spacy train stopped (exit {proc.returncode}):\n{tail}")
        best = trained / "model-best"
        if not best.exists():
            best = trained / "model-last"
        root = models_dir(project.path)
        if out is None:
            root.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            out = root / f"{_next_version(root)}-{stamp}"
        if out.exists() and any(out.iterdir()):
            raise TrainingFailed(f"{out}: already holds files; choose a new --out folder.")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(best, out, dirs_exist_ok=True)
    meta = json.loads((out / "meta.json").read_text("utf-8"))
    version = out.name.split("-", 1)[0]
    name = f"{project.path.stem}-{out.name}"
    # A package-like name and the model's number: suggestions carry `<name>-<version>`.
    meta["name"], meta["version"] = re.sub(r"\W+", "_", project.path.stem), version
    (out / "meta.json").write_text(json.dumps(meta, indent=2), "utf-8")
    info = {
        "project": str(project.path),
        "annotator": annotator,
        "gold": gold,
        "documents": documents,
        "max_steps": max_steps,
        "scores": meta.get("performance", {}),
    }
    (out / MODEL_INFO).write_text(json.dumps(info, indent=2, ensure_ascii=False), "utf-8")
    return TrainedModel(out, name, documents, dict(meta.get("performance", {})))


#: Numerical libraries' thread pools: one thread each, so training leaves a core free.
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def _background_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in _ONE_THREAD:
        env.setdefault(name, "1")
    return env


def _lower_priority(pid: int) -> None:
    """Training is background work: the editor (and the machine) come first.

    Measured (benchmarks/bench_suggest_gui.py): key presses took 1.7× as long
    while a model trained at normal priority on a busy two-core machine.
    """
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 10)
    except (AttributeError, OSError):  # not POSIX, or the process is gone already
        pass


def _kill_when(stop: threading.Event, proc: subprocess.Popen[str]) -> None:
    while proc.poll() is None:
        if stop.wait(0.2):
            proc.kill()
            return


def _empty_docbin(path: Path) -> bool:
    if not path.exists():
        return True
    from spacy.tokens import DocBin

    return len(DocBin().from_disk(path)) == 0


class ModelSource:
    """Suggestions from a spaCy pipeline's entities (``doc.ents``).

    :param source: the name suggestions carry (``<name>-<version>``).
    """

    def __init__(self, nlp: Language, *, source: str) -> None:
        self.nlp = nlp
        self.source = source

    def scored(self, text: str) -> list[tuple[int, int, str, float]]:
        """``(start, end, label, score)`` of the entities the model finds in ``text``."""
        nlp = self.nlp
        if "ner" in nlp.pipe_names:
            ner: Any = nlp.get_pipe("ner")
            doc = nlp.make_doc(text)
            for name, pipe in nlp.pipeline:
                if name != "ner":
                    doc = pipe(doc)
                else:
                    break
            # The beam's probability mass for each entity the greedy parse keeps: 0
            # when the beam never proposed it; unknown (1) when the model has no beam.
            scores: dict[tuple[int, int, str], float] | None
            try:
                beams = ner.beam_parse([doc], beam_width=8)
                scores = dict(ner.scored_ents(beams)[0])
            except (AttributeError, NotImplementedError, ValueError):
                scores = None
            doc = ner(doc)
            found = []
            for ent in doc.ents:
                key = (ent.start, ent.end, ent.label_)
                score = 1.0 if scores is None else min(1.0, float(scores.get(key, 0.0)))
                found.append((ent.start_char, ent.end_char, ent.label_, round(score, 4)))
            return found
        doc = nlp(text)
        return [(e.start_char, e.end_char, e.label_, 1.0) for e in doc.ents]

    def suggest(self, project: Project, doc_id: int) -> list[Suggestion]:
        labels = set(project.labels.names())
        text = project.documents.get(doc_id).text
        return [
            Suggestion("", DocId(doc_id), label, start, end, self.source, score)
            for start, end, label, score in self.scored(text)
            if label in labels and start < end
        ]


def load_model_source(name: str) -> ModelSource:
    """A folder holding a spaCy pipeline, or the name of an installed one.

    :raises ModelNotFound: neither.
    """
    from annotator.core.tokenizer import register

    # First: our exported pipelines name the project tokenizer, and it imports spaCy
    # under the tokenizer's lock (two threads importing spaCy at once break it).
    register()
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"--model {name}: neither a folder with a spaCy pipeline (config.cfg, meta.json) "
            f"nor an installed pipeline package ({exc}). Train one with `annotator train`."
        ) from None
    meta = nlp.meta
    return ModelSource(nlp, source=f"{meta.get('name', Path(name).name)}-{meta.get('version', '')}")
