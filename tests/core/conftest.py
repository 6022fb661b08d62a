"""Core fixtures: the Wojood sample as a project with its first documents done."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.edits import SetStatus
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.model import DocId, Status
from annotator.core.store import Project

WOJOOD = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "wojood-sample"


@pytest.fixture
def wojood_done(project: Project) -> Callable[[int], list[DocId]]:
    """Import Wojood's train part (documents of ten sentences, its tags as the
    annotator ``wojood``) and mark the first ``n`` done; returns every document id."""
    if not WOJOOD.exists():
        pytest.skip(f"the Wojood sample is not at {WOJOOD}")

    def make(n: int) -> list[DocId]:
        options = ImportOptions(
            annotator="wojood", add_labels=True, sentences_per_document=10, lenient=True
        )
        assert import_paths(project, [WOJOOD / "train.txt"], options=options).ok
        ids = project.documents.ids()
        for doc_id in ids[:n]:
            project.apply(SetStatus(doc_id, "wojood", Status.DONE))
        return ids

    return make
