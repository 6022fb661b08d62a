"""Time spent per document, counted while the window is in use."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.model import DocId

__all__ = ["ActiveTimeTracker"]


class ActiveTimeTracker(QObject):
    """Counts the time the window is active on the current document.

    Time runs between two signs of life (a key, a click, the wheel, the mouse
    moving); a gap longer than ``idle_cap`` counts as ``idle_cap`` only, so a
    window left open over lunch adds minutes, not hours. An inactive window
    (another application in front) counts nothing.

    :param write: stores seconds for a document; returns False to keep them
        pending (while an import holds the database).
    """

    ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(
        self,
        write: Callable[[DocId, float], bool],
        *,
        idle_cap: float = 120.0,
        flush_interval_ms: int = 60_000,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._write = write
        self.clock = clock
        self.idle_cap = idle_cap
        self._doc: DocId | None = None
        self._pending = 0.0
        self._last: float | None = None  # last sign of life while active
        self._active = False
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.setInterval(flush_interval_ms)
        self._timer.timeout.connect(self.flush)
        self._timer.start()

    def document(self) -> DocId | None:
        return self._doc

    def pending(self) -> float:
        return self._pending

    def set_active(self, active: bool) -> None:
        if active == self._active:
            return
        self._accrue()
        self._active = active
        self._last = self.clock() if active else None

    def touch(self) -> None:
        """A sign of life from the user."""
        if not self._active:
            self.set_active(True)
            return
        self._accrue()

    def _accrue(self) -> None:
        now = self.clock()
        if self._active and self._last is not None and self._doc is not None:
            self._pending += min(max(0.0, now - self._last), self.idle_cap)
        if self._active:
            self._last = now

    def enter(self, doc_id: DocId | None) -> None:
        """Leave the current document (storing its time) and start on ``doc_id``."""
        self.flush()
        if self._pending and self._doc != doc_id:
            # Could not be written (import running): it is lost rather than
            # credited to the wrong document.
            self._pending = 0.0
        self._doc = doc_id
        self._last = self.clock() if self._active else None

    def flush(self) -> None:
        self._accrue()
        if not self.enabled or self._doc is None or self._pending < 1.0:
            return
        if self._write(self._doc, self._pending):
            self._pending = 0.0

    def stop(self) -> None:
        self.flush()
        self._timer.stop()
        self._doc = None

    def watch_application(self) -> None:
        """Count the running application's activity (key presses, clicks, focus)."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        app.installEventFilter(self)
        app.applicationStateChanged.connect(self._on_application_state)
        self.set_active(app.applicationState() == Qt.ApplicationState.ApplicationActive)

    def unwatch_application(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        self.set_active(state == Qt.ApplicationState.ApplicationActive)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in self.ACTIVITY:
            self.touch()
        return False
