"""The real main window under a real X server, for tests/gui/test_xvfb.py.

Usage: ``python xvfb_app.py PROJECT STATE.json``. It opens PROJECT's first
document as annotator ``sara`` (English, nothing remembered) and, every 100 ms
once the window is up, writes what the test waits on into STATE.json: the
focus, the find field, the selection, and where on the screen the phrase
``، مدينة البوكمال`` starts and ends. It never presses a key
or moves the mouse itself: xdotool does that, as a user would.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
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

    def point(offset: int) -> list[int]:
        """Where code point ``offset`` is on the screen now (the view is not moved)."""
        view = window.editor.text_view()
        cursor = QTextCursor(view.document())
        cursor.setPosition(OffsetMap(window.editor.text()).to_utf16(offset))
        centre = view.viewport().mapToGlobal(view.cursorRect(cursor).center())
        return [centre.x(), centre.y()]

    def state() -> dict[str, object]:
        view = window.editor.text_view()
        start, end = view.selection_range()
        focus = QApplication.focusWidget()
        text = window.editor.text()
        phrase = text.index(PHRASE)
        return {
            "find": window.find_bar.edit.text(),
            "count": window.find_bar.count_text(),
            "selection": text[start:end],
            "focus": type(focus).__name__ if focus else None,
            "active": QApplication.activeWindow() is window,
            "status": window.statusBar().currentMessage(),
            "start": point(phrase),
            "end": point(phrase + len(PHRASE)),
            "phrase": [phrase, phrase + len(PHRASE)],
        }

    def report() -> None:
        part = out.with_suffix(".part")
        part.write_text(json.dumps(state(), ensure_ascii=False), "utf-8")
        part.replace(out)  # whole or not at all: the test polls for it

    # The test waits on what the window shows (focus, the find field, the
    # selection, where the phrase is), not on sleeps a busy machine outruns.
    timer = QTimer()
    timer.timeout.connect(report)
    timer.start(100)

    def goodbye() -> None:  # what the test prints when a step did not land
        print(json.dumps(state(), ensure_ascii=False), flush=True)

    app.aboutToQuit.connect(goodbye)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
