"""The real main window under a real X server, for tests/gui/test_xvfb.py.

Usage: ``python xvfb_app.py PROJECT GEOMETRY.json``. It opens PROJECT's first
document as annotator ``sara`` (English, nothing remembered) and, once the
window is up, writes the screen positions the test needs into GEOMETRY.json:
where the phrase ``، مدينة البوكمال`` starts and ends. It never presses a key
or moves the mouse itself: xdotool does that, as a user would.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.gui.app import open_main_window
from annotator.gui.offsets import OffsetMap
from annotator.gui.settings import Settings

PHRASE = "، مدينة البوكمال"


def main() -> int:
    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([sys.argv[0]])
    window = open_main_window(
        project, annotator="sara", doc=1, language="en", settings=Settings.load(), interactive=False
    )
    if window is None:
        return 1
    window.show()
    window.raise_()
    window.activateWindow()

    def point(offset: int) -> QPoint:
        view = window.editor.text_view()
        cursor = QTextCursor(view.document())
        cursor.setPosition(OffsetMap(window.editor.text()).to_utf16(offset))
        view.setTextCursor(cursor)
        view.centerCursor()
        rect = view.cursorRect(cursor)
        return view.viewport().mapToGlobal(rect.center())

    def report() -> None:
        text = window.editor.text()
        start = text.index(PHRASE)
        end = start + len(PHRASE)
        a, b = point(start), point(end)
        view = window.editor.text_view()
        view.setTextCursor(QTextCursor(view.document()))  # back to the start, no selection
        data = {"start": [a.x(), a.y()], "end": [b.x(), b.y()], "phrase": [start, end]}
        part = out.with_suffix(".part")
        part.write_text(json.dumps(data), "utf-8")
        part.replace(out)  # whole or not at all: the test polls for it

    def state() -> None:  # what the test prints when a step did not land
        view = window.editor.text_view()
        start, end = view.selection_range()
        focus = QApplication.focusWidget()
        print(
            json.dumps(
                {
                    "find": window.find_bar.edit.text(),
                    "count": window.find_bar.count_text(),
                    "selection": window.editor.text()[start:end],
                    "focus": type(focus).__name__ if focus else None,
                    "status": window.statusBar().currentMessage(),
                },
                ensure_ascii=False,
            ),
            flush=True,
        )

    app.aboutToQuit.connect(state)
    QTimer.singleShot(1500, report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
