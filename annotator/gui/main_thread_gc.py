"""Python's garbage collector, run on the UI thread only.

A Qt object caught in a reference cycle (a window, a dialog, a timer whose slot is
a lambda over its owner) is freed by whichever thread the collector happens to run
in. When that is a worker thread (the tokenizer's warm-up importing spaCy,
suggestions, find, exports), Qt cannot stop the object's timers from there, and
the UI thread later fires one on freed memory: a crash (``QTimerInfoList::
activateTimers``; one run in two of ``tests/gui/test_document_notes_gui.py`` while
spaCy was imported in the background). So the GUI turns automatic collection off
and collects from a timer on the UI thread, with the thresholds automatic
collection uses (as pyqtgraph's and qutebrowser's garbage collectors do).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

__all__ = ["MainThreadCollector", "collect_on_the_ui_thread"]

_INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects garbage on the thread it lives in, every :data:`_INTERVAL_MS`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start(_INTERVAL_MS)
        gc.disable()

    def collect_if_due(self) -> None:
        """Collect each generation whose count passed its threshold, youngest first."""
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if young > first:
            gc.collect(0)
            if middle > second:
                gc.collect(1)
                if old > third:
                    gc.collect(2)


def collect_on_the_ui_thread(app: QObject) -> MainThreadCollector:
    """Install the collector on ``app`` (the QApplication) once; returns it."""
    existing = app.findChild(MainThreadCollector)
    if isinstance(existing, MainThreadCollector):
        return existing
    return MainThreadCollector(app)
