"""Qt objects in reference cycles are freed on the UI thread, never in a worker thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QThread, QTimer

from annotator.gui.app import create_application
from annotator.gui.main_thread_gc import MainThreadCollector, collect_on_the_ui_thread


class _Owner(QObject):
    freed_in: list[QThread | None] = []

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.start(10_000)  # a timer Qt must stop when the owner goes
        self.cycle = self  # only the collector can free it

    def __del__(self) -> None:
        _Owner.freed_in.append(QThread.currentThread())


def test_the_app_collects_on_its_own_thread_and_only_there(qapp) -> None:
    app = create_application()
    collector = collect_on_the_ui_thread(app)
    assert collect_on_the_ui_thread(app) is collector  # installed once
    assert isinstance(collector, MainThreadCollector) and not gc.isenabled()

    _Owner.freed_in.clear()
    _Owner()  # garbage now, held only by its own cycle

    def churn() -> None:  # enough new objects to trigger any automatic collection
        kept = [[] for _ in range(5 * gc.get_threshold()[0])]
        assert kept

    worker = threading.Thread(target=churn)
    worker.start()
    worker.join()
    assert _Owner.freed_in == []  # the worker thread freed nothing

    collector.collect_if_due()
    gc.collect()  # whatever the counts: the owner goes on this thread
    assert _Owner.freed_in == [app.thread()]
