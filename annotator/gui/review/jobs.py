"""Work off the UI thread for the review window: agreement and scores against gold.

A :class:`Job` runs ``work(reader, progress)`` on a thread over its own
read-only connection to the project file (the UI keeps writing through its
own); it only reads. Cancel raises from the progress callback, so the core
stops where it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project

__all__ = ["Job"]

Progress = Callable[[int, int], None]


class _Cancelled(Exception):
    """Raised from a progress callback: the core stops where it is."""


class Job(QThread):
    """Runs ``work(reader, progress)``; reports the result, a failure or a cancel."""

    progressed = Signal(int, int)
    job_finished = Signal(object)
    job_failed = Signal(str)
    job_cancelled = Signal()

    def __init__(
        self, project: Project, work: Callable[[Project, Progress], Any], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self._project = project
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            if self._cancel.is_set():
                raise _Cancelled
            self.progressed.emit(done, total)

        try:
            if self._cancel.is_set():
                raise _Cancelled
            reader, own = _reader(self._project)
            try:
                result = self._work(reader, progress)
            finally:
                if own:
                    reader.close()
        except _Cancelled:
            self.job_cancelled.emit()
            return
        except AnnotatorError as exc:
            self.job_failed.emit(exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            self.job_failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.job_finished.emit(result)


def _reader(project: Project) -> tuple[Project, bool]:
    """A second, read-only connection for a worker, so the UI's stays its own.

    Falls back to the shared connection (opened with ``check_same_thread=False``;
    the worker only reads) when the file cannot be opened a second time.
    """
    try:
        return Project.open(project.path, readonly=True), True
    except (AnnotatorError, OSError):
        return project, False
