"""Suggestions made off the UI thread: prepared for the next documents of the
queue, filled on request, and a model trained on the project.

Each follows the threading rule of :mod:`annotator.gui.ops.background`: the
worker reads through its own read-only connection (``source.suggest(reader,
doc_id)``) and returns plain values; the suggestions are stored on the UI
thread, in one short transaction (:func:`~annotator.core.suggestions.store_suggestions`),
and broadcast as a :class:`~annotator.core.change.Change` with
``suggestions_changed``, so an opened prepared document shows them at once.
A model trains in a child process (:func:`~annotator.core.training.train_model`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.core.change import Change
from annotator.core.gazetteer import Gazetteer, build_gazetteer
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.core.suggestion_model import GAZETTEER, Suggestion, TrainingFailed
from annotator.core.suggestions import store_suggestions
from annotator.gui.ops import BackgroundOperation, Cancelled, ProjectSession, Task

__all__ = [
    "MODEL_KEY",
    "RETRAIN_KEY",
    "TRAINED_AT_KEY",
    "Prepared",
    "SuggestionWork",
    "gazetteer_key",
    "make_suggestions",
]

#: project_meta keys: the model folder (or package) suggestions come from beside
#: the gazetteer, "retrain every N newly done documents", and the done count
#: at the last training.
MODEL_KEY = "suggestions.model"
RETRAIN_KEY = "suggestions.retrain_every"
TRAINED_AT_KEY = "suggestions.trained_at_done"


def gazetteer_key(project: Project) -> tuple[int, int, int]:
    """What the gazetteer is built from, counted: it is rebuilt when this changes."""
    return (
        len(project.statuses.with_status(Status.DONE)),
        len(project.adjudications.with_gold()),
        len(project.suggestions.imported_terms()),
    )


@dataclass
class Prepared:
    """What a worker made: suggestions per source and document, and the sources it built."""

    made: dict[str, dict[DocId, list[Suggestion]]] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None
    key: tuple[int, int, int] | None = None
    model: Any = None  # a ModelSource (spaCy), loaded once and kept


def make_suggestions(
    reader: Project,
    doc_ids: Sequence[int],
    *,
    gazetteer: Gazetteer | None,
    key: tuple[int, int, int] | None,
    model: Any = None,
    model_name: str = "",
    step: Callable[[int, int, str], None] | None = None,
) -> Prepared:
    """The worker's part: suggestions for ``doc_ids`` from the gazetteer (rebuilt when
    the project's confirmed spans changed) and, where it is silent, the model."""
    from annotator.core.tokenizer import register

    register()  # spaCy imported under the tokenizer's lock: the editor warms it in a thread too
    current = gazetteer_key(reader)
    if gazetteer is None or key != current:
        gazetteer = build_gazetteer(reader)
    if model is None and model_name:
        from annotator.core.training import load_model_source

        model = load_model_source(model_name)
    result = Prepared(gazetteer=gazetteer, key=current, model=model)
    from_gazetteer: dict[DocId, list[Suggestion]] = {}
    from_model: dict[DocId, list[Suggestion]] = {}
    for number, doc_id in enumerate(doc_ids):
        if step is not None:
            step(number, len(doc_ids), f"document {doc_id}")
        found = gazetteer.suggest(reader, doc_id) if len(gazetteer) else []
        from_gazetteer[DocId(doc_id)] = found
        if model is not None:
            # The model where the gazetteer is silent (measured surer: bench_suggest.py).
            from_model[DocId(doc_id)] = [
                s
                for s in model.suggest(reader, doc_id)
                if not any(o.start < s.end and s.start < o.end for o in found)
            ]
    result.made[GAZETTEER] = from_gazetteer
    if model is not None:
        result.made[model.source] = from_model
    return result


class SuggestionWork(QObject):
    """One window's suggestion workers: preparation ahead of the annotator, fills, training.

    :param busy: whether the window is busy (an import writes): nothing is stored then.
    :signal stored(list): documents whose suggestions were stored (ids).
    :signal message(str): what to say in the status bar.
    """

    stored = Signal(list)
    message = Signal(str)

    def __init__(
        self, session: ProjectSession, *, busy: Callable[[], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._project = session.project
        self._busy = busy
        self._gazetteer: Gazetteer | None = None
        self._key: tuple[int, int, int] | None = None
        self._model: Any = None
        self._model_name = ""
        self._prepared: dict[int, object] = {}
        self.preparing: BackgroundOperation | None = None
        self.filling: BackgroundOperation | None = None
        self.training: BackgroundOperation | None = None
        self.enabled = True
        self.ahead = 3
        self._stopped = False

    # --- the model ------------------------------------------------------------------

    def model_name(self) -> str:
        """The model (folder or package) suggesting beside the gazetteer, "" for none."""
        value = self._project.meta.get(MODEL_KEY, "")
        return str(value) if value else ""

    def set_model(self, name: str) -> None:
        self._project.meta.set(MODEL_KEY, name)
        self._model, self._model_name = None, ""
        self._prepared.clear()

    def _model_for_worker(self) -> tuple[Any, str]:
        name = self.model_name()
        if name != self._model_name:
            self._model, self._model_name = None, name
        return self._model, name

    # --- preparation -----------------------------------------------------------------

    def prepare(
        self, doc_ids: Sequence[int], *, shown: int | None = None
    ) -> BackgroundOperation | None:
        """Make suggestions in the background for these documents that have none yet,
        or that were made in this session before the gazetteer grew; stored when the
        worker is done.

        :param shown: the open document: its suggestions, once there, are not
            replaced under the annotator's eyes ("Suggest for this document" does).
        """
        if not self.enabled or self._stopped or self.preparing or self.filling:
            return None
        key = gazetteer_key(self._project)
        if key == (0, 0, 0) and not self.model_name():
            return None  # nothing confirmed, no list, no model: nothing to suggest yet
        made_before = set(self._project.suggestions.uncertainty(source=GAZETTEER))
        wanted = [
            d
            for d in doc_ids
            if (d not in self._prepared and d not in made_before)
            or (d in self._prepared and self._prepared[d] != key and d != shown)
        ]
        if not wanted:
            return None
        op = self._make(wanted)
        op.failed.connect(self.message.emit)
        self.preparing = op
        op.finished.connect(lambda: self._done(op))
        op.start()
        return op

    def _make(self, doc_ids: Sequence[int]) -> BackgroundOperation:
        """A worker making suggestions for ``doc_ids`` (not started), stored when done."""
        gazetteer, built_for = self._gazetteer, self._key
        model, name = self._model_for_worker()
        if self.preparing is not None or self.filling is not None:
            model = None  # a spaCy pipeline serves one thread: this worker loads its own
        ids = list(doc_ids)

        def work(reader: Project, task: Task) -> Prepared:
            return make_suggestions(
                reader,
                ids,
                gazetteer=gazetteer,
                key=built_for,
                model=model,
                model_name=name,
                step=task.step,
            )

        op = BackgroundOperation(work, project=self._project, parent=self)
        op.succeeded.connect(self._store)
        return op

    def _done(self, op: BackgroundOperation) -> None:
        """A worker finished: forget it (whichever it was)."""
        if self.preparing is op:
            self.preparing = None
        if self.filling is op:
            self.filling = None
        if self.training is op:
            self.training = None
        op.deleteLater()

    def _store(self, result: Prepared) -> list[int]:
        """On the UI thread: keep the sources the worker built, store what it made."""
        if self._stopped:  # the project closed while the worker ran
            return []
        self._gazetteer, self._key = result.gazetteer, result.key
        if result.model is not None and self._model_name == self.model_name():
            self._model = result.model
        if self._busy() or self._project.readonly:
            return []
        docs: set[int] = set()
        with self._project.transaction():
            for source, made in result.made.items():
                store_suggestions(self._project, made, source=source)
                docs |= set(made)
        for doc_id in sorted(docs):
            self._prepared[doc_id] = result.key
            self._session.broadcast(Change(DocId(doc_id), suggestions_changed=True), self)
        self.stored.emit(sorted(docs))
        return sorted(docs)

    def forget(self, doc_id: int) -> None:
        """Make the document's suggestions again next time (after "suggest for this document")."""
        self._prepared.pop(doc_id, None)

    # --- fills on request ---------------------------------------------------------------

    def fill(self, doc_ids: Sequence[int]) -> BackgroundOperation:
        """Suggestions for many documents (the menu's "next documents"), with progress."""
        for doc_id in doc_ids:
            self.forget(doc_id)
        op = self._make(doc_ids)
        self.filling = op
        op.finished.connect(lambda: self._done(op))
        op.start()
        return op

    # --- training -------------------------------------------------------------------------

    def training_data(self, annotator: str) -> tuple[str | None, bool]:
        """Whose spans a model learns from: ``(annotator, gold)``.

        Gold when the project has adjudicated documents; else ``annotator``'s
        done documents when there are any, else those of whoever finished most.
        """
        if self._project.adjudications.with_gold():
            return None, True
        done: dict[str, int] = {}
        for _doc, who in self._project.statuses.with_status(Status.DONE):
            done[who] = done.get(who, 0) + 1
        if not done or annotator in done:
            return annotator or None, False
        return max(done, key=lambda who: (done[who], who)), False

    def train(self, *, annotator: str = "", max_steps: int = 200) -> BackgroundOperation | None:
        """Train a model on the project's done documents in a child process.

        The model goes to ``P.models/<n>-<date>/`` and becomes the project's
        model for suggestions (beside the gazetteer) when it is done.

        :param annotator: the window's annotator (see :meth:`training_data`).
        """
        if self.training is not None:
            return None
        from annotator.core.training import train_model

        who, gold = self.training_data(annotator)

        def work(reader: Project, task: Task) -> Path:
            try:
                model = train_model(
                    reader,
                    annotator=who,
                    gold=gold,
                    max_steps=max_steps,
                    progress=task.report,
                    stop=task.cancel_event,
                )
            except TrainingFailed:
                if task.cancelled:
                    raise Cancelled from None  # spaCy was stopped: a cancel, not a failure
                raise
            return model.path

        done = len(self._project.statuses.with_status(Status.DONE))
        op = BackgroundOperation(work, project=self._project, parent=self)
        op.succeeded.connect(lambda path: self._trained(path, done))
        op.finished.connect(lambda: self._done(op))
        self.training = op
        op.start()
        return op

    def _trained(self, path: object, done: int) -> None:
        if self._project.readonly or self._stopped:
            return
        self.set_model(str(path))
        self._project.meta.set(TRAINED_AT_KEY, str(done))

    def retrain_every(self) -> int:
        try:
            return max(0, int(self._project.meta.get(RETRAIN_KEY, 0) or 0))
        except (TypeError, ValueError):
            return 0

    def set_retrain_every(self, n: int) -> None:
        self._project.meta.set(RETRAIN_KEY, str(max(0, int(n))))

    def retrain_due(self) -> bool:
        """``retrain_every`` documents were marked done since the last training."""
        every = self.retrain_every()
        if not every or self.training is not None:
            return False
        done = len(self._project.statuses.with_status(Status.DONE))
        try:
            last = int(self._project.meta.get(TRAINED_AT_KEY, 0) or 0)
        except (TypeError, ValueError):
            last = 0
        return done - last >= every

    # --- closing ----------------------------------------------------------------------------

    def stop(self) -> None:
        """Cancel every worker and wait for it (the window or project is closing);
        what they made is not stored."""
        self._stopped = True
        for op in (self.preparing, self.filling, self.training):
            if op is not None:
                op.cancel()
        for op in (self.preparing, self.filling, self.training):
            if op is not None:
                op.wait()
        self.preparing = self.filling = self.training = None
