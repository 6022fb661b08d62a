"""The bundled sample project's exports, kept in ``exports/`` at the repository top.

``python -m annotator.core.export.samples`` regenerates them; a test regenerates
them into a temporary folder and fails when any file differs, so the examples a
reader sees are always what the code writes.

The sample project is made by :func:`annotator.core.samples.create_sample_project`,
whose span ids are derived from their content, so every export is byte-for-byte
reproducible.
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
from annotator.core.samples import SAMPLE_ANNOTATORS, create_sample_project
from annotator.core.store import Project

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


def regenerate_sample_exports(target: Path = EXPORTS_DIR) -> list[Path]:
    """Write every sample export into ``target/<name>/``; return the folders."""
    with tempfile.TemporaryDirectory() as tmp:
        project_path = create_sample_project(Path(tmp) / SAMPLE_PROJECT_NAME)
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
