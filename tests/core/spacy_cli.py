"""spaCy's own command line, as a user runs it on an export (tests' shared helper)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def paths_of(out: Path) -> list[str]:
    """The ``--paths`` overrides for an export folder's train and dev files."""
    return ["--paths.train", str(out / "train.spacy"), "--paths.dev", str(out / "dev.spacy")]


def spacy_train(
    out: Path,
    model: Path,
    *,
    steps: int,
    eval_frequency: int,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m spacy train`` on the export in ``out`` with its ``config.cfg``
    unchanged (the steps cut for time); asserts it succeeded."""
    train = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            str(out / "config.cfg"),
            *paths_of(out),
            "--training.max_steps",
            str(steps),
            "--training.eval_frequency",
            str(eval_frequency),
            "--output",
            str(model),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=model.parent,
        env=dict(env) if env is not None else None,
    )
    assert train.returncode == 0, train.stdout[-3000:] + train.stderr[-3000:]
    return train


def spacy_debug_data(
    out: Path, *, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m spacy debug data`` on the export in ``out``."""
    return subprocess.run(
        [sys.executable, "-m", "spacy", "debug", "data", str(out / "config.cfg"), *paths_of(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=out.parent,
        env=dict(env) if env is not None else None,
    )
