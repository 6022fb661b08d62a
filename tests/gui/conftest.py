"""Fixtures for the GUI tests: an offscreen Qt, a project with the seed article, an editor."""

from __future__ import annotations

import os

# Before anything imports Qt: no display here, and tests must never wait for one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.core.store import Project  # noqa: E402

# The seed article is the project's own sample: a fresh clone has everything it needs.
SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "p.sqlite"


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    p = Project.create(project_path)
    yield p
    p.close()
