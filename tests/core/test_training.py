"""A model trained on a few done documents loads from its folder and suggests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.core.suggestion_model import ModelNotFound, NothingToTrain
from annotator.core.suggestions import AcceptSuggestion, fill_suggestions
from annotator.core.training import MODEL_INFO, load_model_source, models_dir, train_model


def test_nothing_done_is_nothing_to_train(project: Project) -> None:
    project.documents.add("ذهب أحمد إلى دمشق")
    with pytest.raises(NothingToTrain):
        train_model(project, annotator=None, max_steps=2)


def test_an_unknown_model_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound, match="no-such-model"):
        load_model_source(str(tmp_path / "no-such-model"))


@pytest.mark.slow
def test_train_on_done_documents_then_suggest_from_the_folder(
    project: Project, wojood_done: Callable[[int], list[DocId]]
) -> None:
    ids = wojood_done(30)
    seen: list[int] = []
    model = train_model(
        project, annotator="wojood", max_steps=150, progress=lambda d, t, _i: seen.append(d)
    )
    assert model.path.parent == models_dir(project.path)
    assert model.path.name.startswith("1-")
    assert json.loads((model.path / MODEL_INFO).read_text("utf-8"))["annotator"] == "wojood"
    assert seen, "progress was reported"
    source = load_model_source(str(model.path))
    assert source.source == "project-1"  # the project file is project.sqlite, model 1
    report = fill_suggestions(project, ids[30:36], source)
    assert report.suggestions > 0
    suggestion = next(s for d in ids[30:36] for s in project.suggestions.for_document(d))
    assert 0.0 <= suggestion.score <= 1.0
    accept = AcceptSuggestion(suggestion.id, "omar")
    project.apply(accept)
    span = project.spans.get(accept.span_id)  # type: ignore[arg-type]
    assert span.attrs["suggested_by"] == source.source
