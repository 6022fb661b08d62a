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


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 6 MB tmpfs of its own (root only; skipped elsewhere), unmounted afterwards."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.fixture
def readonly_remount():
    """Call with a tmpfs mount point to make it read-only."""
    import subprocess

    def remount(mount: Path) -> None:
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)

    return remount
