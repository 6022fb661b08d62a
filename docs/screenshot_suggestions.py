"""Make docs/suggestions-en.png: the editor with the gazetteer's suggestions.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshot_suggestions.py

The bundled sample is copied; both sample annotators marked its article done,
so the gazetteer knows their entities. A third annotator, ``lina``, opens a new
article (the sample's text under another headline):
the suggestions show as dotted outlines with a "?", two are accepted (filled,
ordinary spans now), one is rejected and the next one is selected (Tab), as
the status bar says. The bundled sample itself is not changed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.gazetteer import build_gazetteer
from annotator.core.samples import create_sample_project
from annotator.core.store import Project
from annotator.core.suggestions import fill_suggestions
from annotator.gui.app import open_main_window, save_screenshot
from annotator.gui.settings import Settings

DOCS = Path(__file__).resolve().parent


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "sample.sqlite"
        create_sample_project(path)
        with Project.open(path) as project:
            # A new article (the sample's text under another headline): nobody's spans yet.
            text = project.documents.get(1).text.split("\n", 2)[2]
            doc_id, _ = project.documents.add(text, title="معركة البوكمال")
            fill_suggestions(project, [doc_id], build_gazetteer(project))
        window = open_main_window(
            path, annotator="lina", doc=2, language="en", settings=Settings(), interactive=False
        )
        assert window is not None
        window.actions.suggestions.prepare_ahead.setChecked(False)
        window.set_show_others(False)
        controls = window.editor.suggestions
        view = window.editor.text_view()
        view.set_selection(0, 0)
        controls.select_next()
        controls.accept()  # the first one: now a span of lina's
        controls.accept()
        controls.reject()
        controls.select_next()
        view.verticalScrollBar().setValue(0)
        out = DOCS / "suggestions-en.png"
        if not save_screenshot(window, out):
            return 1
        print(f"wrote {out}")
        window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
