"""The main window's docks: documents (and find across the corpus, in a tab beside them)
at the start of the lines, labels, spans and the project's guidelines at their end, on
the side that means in the interface's direction."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from annotator.core.search import FindHit
from annotator.gui.corpus_find import CorpusFindPanel, open_hit
from annotator.gui.documents_dock import DocumentsDock
from annotator.gui.editor import AnnotationEditor
from annotator.gui.guidelines import GuidelinesPanel
from annotator.gui.i18n import translate

__all__ = ["WindowDocks"]


def _side_dock(window: QMainWindow, name: str) -> QDockWidget:
    dock = QDockWidget(window)
    dock.setObjectName(name)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    return dock


class WindowDocks(QObject):
    """The documents, labels (palette) and spans docks of one main window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.documents = DocumentsDock(window)
        self.palette = _side_dock(window, "PaletteDock")
        self.spans = _side_dock(window, "SpansDock")
        self.guidelines = _side_dock(window, "GuidelinesDock")
        self.guidelines_panel = GuidelinesPanel(self.guidelines)
        self.guidelines.setWidget(self.guidelines_panel)
        self.corpus_find = _side_dock(window, "CorpusFindDock")
        self.corpus_find_panel = CorpusFindPanel(self.corpus_find)
        self.corpus_find.setWidget(self.corpus_find_panel)
        self.corpus_find_panel.hit_chosen.connect(self._open_hit)
        window.installEventFilter(self)  # a search still running is waited for on close
        self._rtl: bool | None = None
        self.place()
        for corner, area in (
            (Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
            (Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea),
            (Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
            (Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea),
        ):
            window.setCorner(corner, area)

    def all(self) -> list[QDockWidget]:
        return [self.documents, self.corpus_find, self.palette, self.spans, self.guidelines]

    def show_corpus_find(self) -> None:
        """Ctrl+Shift+F: the find-across-the-corpus tab shown, the focus in its field."""
        self.corpus_find.show()
        self.corpus_find.raise_()
        self.corpus_find_panel.open_panel()

    def _open_hit(self, hit: FindHit, query: str) -> None:
        open_hit(self._window, hit, query)  # type: ignore[arg-type]  # a MainWindow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.corpus_find_panel.stop()
        return super().eventFilter(watched, event)

    def place(self) -> None:
        """Documents on the side where lines start, labels and spans where they end.

        Qt mirrors widgets for right-to-left but not the dock areas of a
        QMainWindow, so the docks change sides here.
        """
        window = self._window
        rtl = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if rtl == self._rtl:
            return
        self._rtl = rtl
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        start, end = (right, left) if rtl else (left, right)
        placed_before = window.dockWidgetArea(self.guidelines) != Qt.DockWidgetArea.NoDockWidgetArea
        for dock, area in (
            (self.documents, start),
            (self.corpus_find, start),
            (self.palette, end),
            (self.spans, end),
            (self.guidelines, end),
        ):
            placed = window.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea
            hidden = dock.isHidden() and placed
            window.removeDockWidget(dock)
            window.addDockWidget(area, dock)
            dock.setHidden(hidden)
        window.tabifyDockWidget(self.spans, self.guidelines)
        window.tabifyDockWidget(self.documents, self.corpus_find)
        if not placed_before:
            self.guidelines.hide()  # shown when the project has guidelines
            self.corpus_find.hide()  # shown by Ctrl+Shift+F
            self.documents.raise_()
        window.resizeDocks([self.documents, self.palette], [300, 240], Qt.Orientation.Horizontal)

    def show_editor_panels(self, editor: AnnotationEditor) -> None:
        """The editor's palette and span list go into the docks (each project has its editor)."""
        side = editor.palette_widget().parentWidget()
        for dock, widget in (
            (self.palette, editor.palette_widget()),
            (self.spans, editor.span_list_widget()),
        ):
            old_widget = dock.widget()
            dock.setWidget(widget)
            if old_widget is not None:
                old_widget.deleteLater()
        # The palette is short: give the span list the rest of the column.
        self._window.resizeDocks(
            [self.palette, self.spans],
            [editor.palette_widget().sizeHint().height() + 24, 2000],
            Qt.Orientation.Vertical,
        )
        # The editor's own side column is empty once its panels live in docks.
        if side is not None and side is not editor and not side.findChildren(QWidget):
            side.hide()

    def retranslate_ui(self) -> None:
        self.documents.retranslate_ui()
        self.palette.setWindowTitle(translate("MainWindow", "Labels"))
        self.spans.setWindowTitle(translate("MainWindow", "Spans"))
        self.guidelines.setWindowTitle(translate("MainWindow", "Guidelines"))
        self.guidelines_panel.retranslate_ui()
        self.corpus_find.setWindowTitle(translate("MainWindow", "Find in all documents"))
        self.corpus_find_panel.retranslate_ui()
