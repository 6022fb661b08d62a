"""One writer per project file, whatever path names it (hard link, symlink)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from faultkit import cli, dump, python, writer_process

from annotator.core.errors import ProjectLocked
from annotator.core.store import Project

TRY_WRITE = """
import sys
from annotator.core.store import Project
from annotator.core.errors import ProjectLocked
try:
    project = Project.open(sys.argv[1])
except ProjectLocked as exc:
    print(exc)
    sys.exit(3)
project.documents.add("كتبه الكاتب الثاني")
project.close()
"""

READ = """
import sys
from annotator.core.store import Project
with Project.open(sys.argv[1], readonly=True) as project:
    print(project.documents.count())
"""


def _name(kind: str, path: Path) -> Path:
    other = path.with_name(f"{kind}.sqlite")
    if kind == "hardlink":
        os.link(path, other)
    elif kind == "symlink":
        other.symlink_to(path.name)
    else:
        return path
    return other


@pytest.mark.parametrize("kind", ["same", "hardlink", "symlink"])
def test_second_writer_in_another_process_is_refused(small_project: Path, kind: str) -> None:
    other = _name(kind, small_project)
    with writer_process(small_project):
        before = dump(small_project)
        second = python(TRY_WRITE, str(other))
        assert second.returncode == 3, second.stderr
        assert "[E003]" in second.stdout and str(other) in second.stdout
        reader = python(READ, str(other))  # readers are still welcome
        assert reader.returncode == 0 and reader.stdout.strip() == "2", reader.stderr
        assert dump(small_project) == before
    # The first writer's document is there, and the file is free again.
    after = python(TRY_WRITE, str(other))
    assert after.returncode == 0, after.stdout + after.stderr
    assert Project.open(small_project, readonly=True).documents.count() == 4


@pytest.mark.parametrize("kind", ["hardlink", "symlink"])
def test_cli_import_through_a_link_is_refused_while_another_writes(
    small_project: Path, kind: str, tmp_path: Path
) -> None:
    other = _name(kind, small_project)
    text = tmp_path / "a.txt"
    text.write_text("مقال عن الاقتصاد في الأسواق العربية", encoding="utf-8")
    with writer_process(small_project):
        before = dump(small_project)
        result = cli("import", "-p", str(other), str(text))
        assert result.returncode == 1
        assert "[E003]" in result.stderr and "Traceback" not in result.stderr
        assert dump(small_project) == before


def test_second_writer_in_the_same_process_is_refused_and_first_keeps_working(
    small_project: Path,
) -> None:
    link = _name("hardlink", small_project)
    first = Project.open(small_project)
    try:
        with pytest.raises(ProjectLocked):
            Project.open(link)
        with Project.open(link, readonly=True) as reader:
            assert reader.documents.count() == 2
        # The refused open closed nothing SQLite relies on: another process still
        # cannot write, and our writer still can.
        assert python(TRY_WRITE, str(small_project)).returncode == 3
        first.documents.add("بعد المحاولة الثانية")
    finally:
        first.close()
    assert Project.open(link, readonly=True).documents.count() == 3


def test_killed_writer_releases_the_lock(small_project: Path) -> None:
    import signal
    import subprocess
    import sys

    code = "import sys, time\nfrom annotator.core.store import Project\n"
    code += "p = Project.open(sys.argv[1]); print('open', flush=True); time.sleep(60)\n"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(small_project)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Project.open(_name("symlink", small_project)) as project:
        assert project.documents.count() == 2
