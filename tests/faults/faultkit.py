"""Helpers of the fault-injection tests: real processes, real files.

Each test checks the project by its SQL dump (``iterdump``): unchanged after a
refused operation, or complete after a finished one.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from annotator.core.store_lock import uri


def dump(path: Path) -> list[str]:
    """The project's content as SQL statements (read-only; the file is not changed)."""
    conn = sqlite3.connect(uri(path, readonly=True), uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real `annotator` command in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=timeout
    )


@contextmanager
def writer_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``path`` open for writing until the block ends."""
    code = textwrap.dedent(
        """
        import sys
        from annotator.core.store import Project
        project = Project.open(sys.argv[1])
        print("open", flush=True)
        sys.stdin.readline()
        project.documents.add("كتبه الكاتب الأول قبل أن يغلق")
        project.close()
        print("closed", flush=True)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open", (
            proc.stderr.read() if proc.stderr else ""
        )
        yield proc
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "closed"
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def fill(folder: Path, *, leave: int = 0) -> Path:
    """Fill the file system holding ``folder`` until only ``leave`` bytes are free."""
    ballast = folder / "ballast.bin"
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize - leave
    with ballast.open("wb") as fh:
        chunk = b"\0" * (1 << 16)
        try:
            while free > 0:
                free -= fh.write(chunk[: min(len(chunk), free)])
        except OSError:
            pass
    return ballast


def leftovers(folder: Path) -> list[str]:
    """Files a failed operation must not leave: parts, hidden export folders, backups."""
    patterns = ("*.part", "*.bak.part", ".*.export-tmp", "*.part-wal", "*.part-shm")
    return sorted(str(p.name) for pattern in patterns for p in folder.rglob(pattern))
