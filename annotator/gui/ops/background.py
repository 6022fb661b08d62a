"""Work off the UI thread: one helper for import, export, agreement and scores.

The threading rule
------------------
A worker (the ``work`` function of a :class:`BackgroundOperation`) may touch:

* the :class:`~annotator.core.store.Project` it is handed, and nothing else
  of the project: for an operation that only reads it is the worker's **own
  read-only connection**, opened on the worker thread and closed when the
  work ends, so the UI thread keeps writing through the window's; for an
  operation that writes (``writes=True``: an import) it is the window's
  project itself, and the window is *busy* until :attr:`finished` (no edit,
  undo, time tracking or document switch touches the project meanwhile);
* the :class:`Task` it is handed (progress and cancel), and plain values it
  was given or builds and returns (paths, options, reports, results).

It never touches a widget, a Qt model, the undo stack or a
:class:`~annotator.gui.ops.ProjectSession`: results come back through this
object's signals, whose slots run on the UI thread. The UI thread in turn
reads the worker's result only from those signals.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.ops.errors import error_text


class Cancelled(Exception):
    """Raised by :meth:`Task.step` once the user cancelled: the work stops where it is."""


class Task:
    """What a worker gets besides its project: progress reports and the cancel flag."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self.cancel_event = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def report(self, done: int, total: int, what: str = "") -> None:
        """Progress, for work that watches :attr:`cancel_event` itself (import, export)."""
        self._emit(done, total, str(what))

    def step(self, done: int, total: int, what: str = "") -> None:
        """Progress that stops the work when cancelled (raises :class:`Cancelled`)."""
        if self.cancelled:
            raise Cancelled
        self._emit(done, total, str(what))


Work = Callable[[Project, Task], Any]


class BackgroundOperation(QThread):
    """Run ``work(project, task)`` on a thread; report progress, the result, an error or a cancel.

    Exactly one of ``succeeded(result)``, ``failed(text)`` and ``cancelled()``
    is emitted when the work ends; the text of ``failed`` starts with the
    error's code (:func:`~annotator.gui.ops.error_text`). Read the module
    docstring for what ``work`` may touch.

    :param writes: the work writes through ``project`` (the window's); otherwise
        it gets its own read-only connection to the same file.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, work: Work, *, project: Project, writes: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._project = project
        self._writes = writes
        self.task = Task(self.progressed.emit)
        self.error: str | None = None

    def cancel(self) -> None:
        self.task.cancel_event.set()

    def is_cancelled(self) -> bool:
        return self.task.cancelled

    def run(self) -> None:
        project, own = self._project, False
        try:
            if self.task.cancelled:
                raise Cancelled
            if not self._writes:
                project, own = _reader(self._project)
            result = self._work(project, self.task)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, not swallowed
            self.error = error_text(exc, path=self._project.path)
            self.failed.emit(self.error)
            return
        finally:
            if own:
                project.close()
        self.succeeded.emit(result)


def _reader(project: Project) -> tuple[Project, bool]:
    """A second, read-only connection for a worker, so the UI's stays its own.

    Falls back to the shared connection (opened with ``check_same_thread=False``;
    the worker only reads) when the file cannot be opened a second time.
    """
    try:
        return Project.open(project.path, readonly=True), True
    except (AnnotatorError, OSError):
        return project, False
