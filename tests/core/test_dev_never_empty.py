"""With two or more documents the dev part is never empty, so config.cfg trains as it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy_cli import spacy_train

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.export import export
from annotator.core.export.split import assign_parts, part_index
from annotator.core.model import Status, document_uid
from annotator.core.store import Project


@pytest.mark.parametrize("n", range(2, 13))
@pytest.mark.parametrize("seed", [0, 1, 7])
def test_small_projects_always_get_a_dev_document(n: int, seed: int) -> None:
    uids = [document_uid(f"خبر رقم {i} عن البوكمال") for i in range(n)]
    for split in ((0.8, 0.1, 0.1), (0.9, 0.1), (0.5, 0.5)):
        parts = assign_parts(uids, seed=seed, split=split)
        assert 1 in parts.values(), (n, seed, split)
        assert 0 in parts.values(), (n, seed, split)
        moved = [u for u in uids if parts[u] != part_index(u, seed=seed, split=split)]
        assert len(moved) <= 1  # at most one document leaves its hashed part


def test_a_large_project_keeps_every_hashed_part() -> None:
    uids = [document_uid(f"خبر رقم {i}") for i in range(500)]
    parts = assign_parts(uids, seed=0, split=(0.8, 0.1, 0.1))
    assert parts == {u: part_index(u, seed=0, split=(0.8, 0.1, 0.1)) for u in uids}


def _five_documents(path: Path) -> None:
    with Project.create(path) as project:
        for i in range(5):
            text = f"قال مصدر إن الجيش دخل البوكمال يوم {i} وإن داعش انسحب منها."
            doc_id, _ = project.documents.add(text, title=f"خبر {i}")
            start = text.index("البوكمال")
            project.apply(AddSpan(doc_id, "sara", "GPE", start, start + len("البوكمال")))
            start = text.index("داعش")
            project.apply(AddSpan(doc_id, "sara", "ORG", start, start + 4))
            project.apply(SetStatus(doc_id, "sara", Status.DONE))


@pytest.mark.slow
def test_spacy_train_runs_on_a_five_document_export_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "five.sqlite"
    _five_documents(path)
    out = tmp_path / "spacy"
    with Project.open(path) as project:
        report = export(project, out, fmt="spacy", annotator="sara")  # defaults: 0.8/0.1/0.1, 0
    assert report.parts["dev"].documents >= 1
    assert not any("dev.spacy holds no documents" in w for w in report.warnings)
    # The README's command, with nothing changed in config.cfg (steps cut for time).
    spacy_train(out, tmp_path / "model", steps=4, eval_frequency=2)
    assert (tmp_path / "model" / "model-last" / "config.cfg").exists()
