"""The bundled sample project's exports, kept in ``exports/`` at the repository top.

``python -m annotator.core.export.samples`` regenerates them; a test regenerates
them into a temporary folder and fails when any file differs, so the examples a
reader sees are always what the code writes.

The sample project is made by :func:`annotator.core.samples.create_sample_project`.
Its span ids are random UUIDs, so it is first copied with ids derived from the
span's content (uuid5), which makes every export byte-for-byte reproducible.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.export import export
from annotator.core.model import Span, SpanId
from annotator.core.samples import SAMPLE_ANNOTATORS, create_sample_project
from annotator.core.store import NewDocument, Project

EXPORTS_DIR = Path(__file__).resolve().parents[3] / "exports"
SAMPLE_PROJECT_NAME = "sample.sqlite"
_ID_NAMESPACE = uuid.UUID("5d1c9a3e-0f3b-4b8e-9a57-6a1f0e2c4b11")

#: sub-folder of exports/ → export options.
SAMPLE_EXPORTS: dict[str, dict[str, Any]] = {
    "spacy": {"fmt": "spacy", "annotator": SAMPLE_ANNOTATORS[0]},
    "conll": {"fmt": "conll", "annotator": SAMPLE_ANNOTATORS[0]},
    "conll-bilou-claims": {
        "fmt": "conll",
        "annotator": SAMPLE_ANNOTATORS[0],
        "scheme": "bilou",
        "claims_column": True,
    },
    "jsonl": {"fmt": "jsonl", "annotator": SAMPLE_ANNOTATORS[0]},
}


def _stable_id(doc_uid: str, span: Span) -> SpanId:
    key = f"{doc_uid}/{span.annotator}/{span.label}/{span.start}/{span.end}"
    return SpanId(str(uuid.uuid5(_ID_NAMESPACE, key)))


def reproducible_sample_project(path: Path) -> Path:
    """The sample project at ``path``, with content-derived span ids and fixed times."""
    with tempfile.TemporaryDirectory() as tmp:
        source_path = create_sample_project(Path(tmp) / "sample.sqlite")
        with (
            Project.open(source_path, readonly=True) as source,
            Project.create(path, labels=source.labels.list()) as copy,
            copy.transaction(),
        ):
            annotators = sorted(
                set(source.spans.annotators()) | set(source.statuses.total_seconds())
            )
            for document in source.documents.iter():
                ((doc_id, _new),) = copy.documents.add_many(
                    [
                        NewDocument(
                            document.text, document.title, document.source, dict(document.meta)
                        )
                    ]
                )
                for source_table, target_table in (
                    (source.spans, copy.spans),
                    (source.gold, copy.gold),
                ):
                    target_table.insert_many(
                        Span(
                            _stable_id(document.uid, s),
                            doc_id,
                            s.annotator,
                            s.label,
                            s.start,
                            s.end,
                            dict(s.attrs),
                            "2000-01-01T00:00:00.000000Z",
                            "2000-01-01T00:00:00.000000Z",
                            None,
                        )
                        for s in source_table.for_document(document.id)
                    )
                for annotator in annotators:
                    record = source.statuses.get(document.id, annotator)
                    if record is not None:
                        copy.statuses.put(record, doc_id=doc_id, annotator=annotator)
    return path


def regenerate_sample_exports(target: Path = EXPORTS_DIR) -> list[Path]:
    """Write every sample export into ``target/<name>/``; return the folders."""
    with tempfile.TemporaryDirectory() as tmp:
        project_path = reproducible_sample_project(Path(tmp) / SAMPLE_PROJECT_NAME)
        folders = []
        with Project.open(project_path, readonly=True) as project:
            for name, options in SAMPLE_EXPORTS.items():
                out = target / name
                if out.exists():
                    shutil.rmtree(out)
                export(project, out, **options)
                folders.append(out)
    return folders


def _files(root: Path) -> Iterator[str]:
    for name in SAMPLE_EXPORTS:
        folder = root / name
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    yield path.relative_to(root).as_posix()


def compare_sample_exports(work: Path, *, reference: Path = EXPORTS_DIR) -> list[str]:
    """Regenerate into ``work`` and list the files that differ from ``reference``."""
    regenerate_sample_exports(work)
    fresh, kept = set(_files(work)), set(_files(reference))
    differences = sorted(fresh ^ kept)
    for name in sorted(fresh & kept):
        if (work / name).read_bytes() != (reference / name).read_bytes():
            differences.append(name)
    return differences


if __name__ == "__main__":
    for folder in regenerate_sample_exports(
        Path(sys.argv[1]) if len(sys.argv) > 1 else EXPORTS_DIR
    ):
        print(f"wrote {folder}")
