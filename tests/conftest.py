"""Shared fixtures: real project files in tmp folders, the real seed article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Qt, wherever a test reaches it, renders offscreen: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "resources" / "samples" / "000_173f9dae85055ffa.txt"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the user's own default project or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home / "data"))
    monkeypatch.setenv("ANNOTATOR_CONFIG_HOME", str(home / "config"))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "project.sqlite"


@pytest.fixture
def project(project_path: Path):
    from annotator.core.store import Project

    proj = Project.create(project_path)
    yield proj
    proj.close()


@pytest.fixture
def disk_full():
    """A context manager inside which no file of this process can be written, as on a full disk.

    ``RLIMIT_FSIZE`` of 0 makes every write to a regular file fail (``EFBIG``),
    so SQLite fails at its own boundary exactly as on a full or dead disk. Only
    regular files are refused: the pipes ``stderr_of`` reads stay writable.
    """
    import resource
    import signal
    from contextlib import contextmanager

    @contextmanager
    def full():
        old = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, hard))
        try:
            yield
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            signal.signal(signal.SIGXFSZ, old)

    return full
