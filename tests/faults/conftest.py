"""Fault injection: real processes, real files, killed and starved on purpose.

Each test checks the project by its SQL dump (``iterdump``): unchanged after a
refused operation, or complete after a finished one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.store import Project


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        project.documents.add("ذهب أحمد إلى دمشق يوم الأحد")
        project.documents.add("وصل الوفد إلى القاهرة صباح اليوم")
    return path
