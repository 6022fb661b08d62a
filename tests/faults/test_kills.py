"""SIGKILL in the middle of import, merge and export: the project is as before, or complete.

Each job runs as the real `annotator` command in its own process and is killed
once it is writing; the project is then opened and checked by its dump.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faultkit import dump

from annotator.core.merge import merge_projects
from annotator.core.model import document_uid
from annotator.core.store import NewDocument, Project
from annotator.core.store_lock import uri

N_IMPORT = 2500  # more than one batch of the importer (2000 documents a commit)
TEXT = "دخل الجيش إلى البوكمال صباح اليوم بعد معارك عنيفة مع مسلحي التنظيم. " * 30


def _start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "annotator", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_when(proc: subprocess.Popen[bytes], ready, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` s after ``ready()`` holds; ``False`` if it ended first."""
    deadline = time.monotonic() + 60
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    time.sleep(delay)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    print(f"killed after {delay} s", file=sys.stderr)  # shown with -rA when a case fails
    return True


def _integrity(path: Path) -> None:
    conn = sqlite3.connect(uri(path, readonly=False), uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def test_kill_during_import(tmp_path: Path) -> None:
    delay = 0.05
    proj = tmp_path / "p.sqlite"
    Project.create(proj).close()
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {}
    for i in range(N_IMPORT):
        text = f"{i} {TEXT}"
        (folder / f"{i:05}.txt").write_text(text, encoding="utf-8")
        texts[document_uid(text.strip())] = text
    proc = _start("import", "-p", str(proj), str(folder), "--quiet")
    wal = Path(f"{proj}-wal")
    killed = _kill_when(proc, lambda: wal.exists() and wal.stat().st_size > 0, delay)
    _integrity(proj)
    with Project.open(proj, readonly=True) as project:
        stored = project.documents.list()
        # Whole batches only: each document stored is complete (its uid is its text's hash).
        for info in stored:
            assert document_uid(project.documents.get(info.id).text) == info.uid
        assert len(stored) % 2000 == 0 or len(stored) == N_IMPORT, len(stored)
    if not killed:
        assert len(stored) == N_IMPORT
    # The killed import leaves nothing in the way: running it again completes the project.
    again = subprocess.run(
        [sys.executable, "-m", "annotator", "import", "-p", str(proj), str(folder), "--quiet"],
        capture_output=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    with Project.open(proj, readonly=True) as project:
        assert project.documents.count() == N_IMPORT


@pytest.mark.parametrize("delay", [0.0, 0.3])
def test_kill_during_merge(tmp_path: Path, delay: float) -> None:
    lead = tmp_path / "lead.sqlite"
    with Project.create(lead) as project, project.transaction():
        project.documents.add_many([NewDocument(f"{i} {TEXT}") for i in range(300)])
    returned = []
    for n, who in enumerate(("sara", "omar")):
        path = tmp_path / f"{who}.sqlite"
        shutil.copy(lead, path)
        with Project.open(path) as copy, copy.transaction():
            copy.documents.add_many([NewDocument(f"{who} {i} {TEXT}") for i in range(1500)])
        returned.append(path)
        del n
    before = dump(lead)
    done = tmp_path / "done.sqlite"
    shutil.copy(lead, done)
    with Project.open(done) as project:
        merge_projects(project, returned, backup=False)
    after = dump(done)
    proc = _start("merge", "-p", str(lead), *map(str, returned), "--quiet")
    backups = lambda: list(tmp_path.glob("lead.sqlite.before-merge-*"))  # noqa: E731
    _kill_when(proc, lambda: bool(backups()), delay)
    _integrity(lead)
    assert dump(lead) in (before, after)


def _merge_stopped_while_reading(lead: Path, returned: list[Path], pids: Path) -> None:
    """In a forked child: a merge whose files are read in worker processes, stopped
    where it waits for them (writing their pids), for the test to kill it there."""
    from annotator.core import merge_checks

    merge_checks.MIN_BYTES = 0

    def wait_forever(self: merge_checks.Readings, index: int) -> None:
        pids.write_text(" ".join(map(str, self._pool._processes)))  # type: ignore[union-attr]
        time.sleep(300)

    merge_checks.Readings.of = wait_forever  # type: ignore[assignment,method-assign]
    with Project.open(lead) as project:
        merge_projects(project, returned, backup=False)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="merge workers are forked on Linux only")
def test_a_killed_merge_leaves_no_reading_worker_behind(tmp_path: Path) -> None:
    import multiprocessing

    lead = tmp_path / "lead.sqlite"
    with Project.create(lead) as project, project.transaction():
        project.documents.add_many([NewDocument(f"{i} {TEXT}") for i in range(50)])
    returned = [tmp_path / "sara.sqlite", tmp_path / "omar.sqlite"]
    for path in returned:
        shutil.copy(lead, path)
    pids = tmp_path / "pids"
    child = multiprocessing.get_context("fork").Process(
        target=_merge_stopped_while_reading, args=(lead, returned, pids)
    )
    child.start()
    deadline = time.monotonic() + 60
    while not (pids.exists() and pids.read_text()) and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = [int(pid) for pid in pids.read_text().split()]
    assert workers and all(map(_alive, workers))
    os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
    child.join()
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, workers)), "a reading worker outlived the merge"


@pytest.mark.parametrize("delay", [0.05, 0.5])
def test_kill_during_export(tmp_path: Path, delay: float) -> None:
    from annotator.core.edits import AddSpan

    proj = tmp_path / "p.sqlite"
    with Project.create(proj) as project:
        with project.transaction():
            project.documents.add_many([NewDocument(f"{i} {TEXT}") for i in range(1500)])
        with project.transaction():
            for doc_id in project.documents.ids()[:200]:
                project.apply(AddSpan(doc_id, "sara", "GPE", 9, 18))
    before = dump(proj)
    out = tmp_path / "out"
    proc = _start(
        "export",
        "-p",
        str(proj),
        "--out",
        str(out),
        "--format",
        "conll",
        "--include-unfinished",
        "--annotator",
        "sara",
        "--quiet",
    )
    work = lambda: any(p.name.endswith(".export-tmp") for p in tmp_path.iterdir())  # noqa: E731
    _kill_when(proc, work, delay)
    assert dump(proj) == before
    # The export folder is there complete, or not there at all.
    if out.exists():
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert all((out / name).is_file() for name in report["files"])
    assert os.path.exists(proj)


def test_a_killed_writers_forked_child_does_not_keep_the_project_locked(tmp_path: Path) -> None:
    """A worker forked by a writer (an import's reader, an export's renderer) shares
    the lock's file description: killed, the writer's lock must go with it."""
    proj = tmp_path / "p.sqlite"
    Project.create(proj).close()
    script = (
        "import os, sys, time\n"
        "from annotator.core.store import Project\n"
        f"project = Project.open({str(proj)!r})\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    os.write(1, b'forked\\n')  # one write, after the fork's handlers ran here\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "os.write(1, b'%d\\n' % child)\n"
        "time.sleep(60)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE)
    assert writer.stdout is not None
    # Both lines, in either order: the writer is killed once the child runs.
    lines = sorted(writer.stdout.readline().strip() for _ in range(2))
    assert lines[1] == b"forked", lines
    child = int(lines[0])
    try:
        writer.kill()
        writer.wait(timeout=30)
        with Project.open(proj) as project:  # for writing, at once: no E003
            project.documents.add("نص بعد القتل")
        with Project.open(proj, readonly=True) as project:
            assert project.documents.count() == 1
    finally:
        os.kill(child, signal.SIGKILL)
