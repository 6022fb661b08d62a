"""Make the editor screenshots in docs/ (English and Arabic, and a claim with its
claimer) from the bundled sample.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots.py

The sample project is copied; in the copy, sample-sara's ORG «الجيش العراقي»
gets a nested GPE «العراقي», so the pictures show the palette, a selected span
(framed), the other sample annotator's spans (dashed, View → Show others' spans)
and a nested entity. ``claim-en.png`` is the editor with the sample's denial
selected: its claimer «قسد» framed in the claim's colour, its cue «تنكر» dotted,
the span list naming both. The bundled sample itself is not changed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.edits import AddSpan
from annotator.core.samples import create_sample_project
from annotator.core.store import Project
from annotator.gui.app import open_main_window, save_screenshot
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import Settings

DOCS = Path(__file__).resolve().parent
ANNOTATOR = "sample-sara"


def save_claim_screenshot(window: MainWindow, out: Path) -> bool:
    """The window, the sample's denial selected with its claimer and cue."""
    window.set_show_others(False)
    editor = window.editor
    text = editor.text()
    claim = next(
        s for s in editor.spans() if s.label == "CLAIM" and text[s.start :].startswith("وجود اي")
    )
    window.resize(1280, 720)
    for _ in range(5):
        QApplication.processEvents()
    editor.select_span(claim.id)
    view = editor.text_view()
    view.set_selection(claim.start, claim.start)
    view.centerCursor()
    return save_screenshot(window, out, size=(1280, 720))


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "sample.sqlite"
        create_sample_project(path)
        with Project.open(path) as project:
            text = project.documents.get(1).text
            outer = text.index("الجيش العراقي")
            inner = outer + len("الجيش ")
            project.apply(AddSpan(1, ANNOTATOR, "GPE", inner, inner + len("العراقي")))
        for language in ("en", "ar"):
            window = open_main_window(
                path,
                annotator=ANNOTATOR,
                doc=1,
                language=language,
                settings=Settings(),
                interactive=False,
            )
            assert window is not None
            window.set_show_others(True)
            editor = window.editor
            selected = next(s for s in editor.spans() if s.label == "ORG")
            editor.select_span(selected.id)
            out = DOCS / f"screenshot-{language}.png"
            if not save_screenshot(window, out):
                return 1
            print(f"wrote {out}")
            if language == "en":
                out = DOCS / "claim-en.png"
                if not save_claim_screenshot(window, out):
                    return 1
                print(f"wrote {out}")
            window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
