"""The main window: document list, editor, palette and span list, menus, status bar.

The window is a thin shell. The project file holds every piece of state (each
edit is in the file when it returns), so there is nothing to save and the title
never says "unsaved". The layout is laid out for the *start* side of the text:
the document list sits in the left dock area, which Qt mirrors to the right when
the interface is Arabic (``Qt.RightToLeft``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.change import Change
from annotator.core.edits import AddTime, SetStatus
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId, Status
from annotator.core.store import Project
from annotator.gui import i18n
from annotator.gui.dialogs import (
    AnnotatorNameDialog,
    ExportDialog,
    GoToDocumentDialog,
    ImportDialog,
    ImportOptionsDialog,
    export_available,
    needs_import_options,
)
from annotator.gui.documents_model import NOT_DONE, DocumentsModel
from annotator.gui.editor import AnnotationEditor
from annotator.gui.ops import UNDO, ProjectSession
from annotator.gui.settings import Settings

NEEDS_WORK = (Status.NEW, Status.IN_PROGRESS)
# Called by this name so that pyside6-lupdate finds the strings (see i18n.py).
translate = QCoreApplication.translate


# --- time spent ------------------------------------------------------------------


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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.ACTIVITY:
            self.touch()
        return False


# --- find bar -------------------------------------------------------------------------


class FindBar(QWidget):
    """Ctrl+F: a line under the article; Enter selects the next match, Shift+Enter the previous."""

    def __init__(self, find: Callable[[str, bool], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._find = find
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.previous_button = QToolButton()
        self.next_button = QToolButton()
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.message = QLabel()
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.message)
        layout.addWidget(self.close_button)
        self.edit.returnPressed.connect(
            lambda: self.find_next(
                forward=not (
                    QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
                )
            )
        )
        self.next_button.clicked.connect(lambda: self.find_next(forward=True))
        self.previous_button.clicked.connect(lambda: self.find_next(forward=False))
        self.close_button.clicked.connect(self.close_bar)
        self.closed: Callable[[], None] | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.label.setText(translate("MainWindow", "Find:"))
        self.edit.setPlaceholderText(
            translate("MainWindow", "Text in the article (tashkeel and hamza forms ignored)")
        )
        self.previous_button.setText(translate("MainWindow", "Previous"))
        self.next_button.setText(translate("MainWindow", "Next"))
        self.close_button.setToolTip(translate("MainWindow", "Close (Esc)"))

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.message.clear()
        if self.closed is not None:
            self.closed()

    def find_next(self, *, forward: bool = True) -> bool:
        query = self.edit.text()
        if not query.strip():
            return False
        found = self._find(query, forward)
        self.message.setText("" if found else translate("MainWindow", "Not found"))
        self.edit.setStyleSheet("" if found else "QLineEdit { background: #fde2e2; }")
        return found

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


# --- the window ----------------------------------------------------------------------------


class MainWindow(QMainWindow):
    """The annotator's window over one open project (it owns and closes the project).

    :param remember: write settings (last project, language, zoom); off for screenshots.
    :param track_time: record time spent per document (off for screenshots).
    """

    DEFAULT_SIZE = QSize(1400, 900)

    def __init__(
        self,
        project: Project,
        *,
        annotator: str,
        settings: Settings | None = None,
        remember: bool = True,
        track_time: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else Settings.load()
        self._remember = remember
        self._annotator = annotator
        self._project: Project | None = None
        self._busy = False
        self._syncing_selection = False
        self._import_dialog: ImportDialog | None = None
        self._export_dialog: ExportDialog | None = None
        self._zoom = 0
        self._session: ProjectSession | None = None
        self.setObjectName("MainWindow")
        self.resize(self.DEFAULT_SIZE)

        self._time = ActiveTimeTracker(self._write_time, parent=self)
        self._time.enabled = track_time
        app = QApplication.instance()
        if track_time and isinstance(app, QApplication):
            app.installEventFilter(self._time)
            app.applicationStateChanged.connect(self._on_application_state)
            self._time.set_active(app.applicationState() == Qt.ApplicationState.ApplicationActive)

        # Central: the editor (created per project) above the find bar.
        self._central = QWidget()
        self._central_layout = QVBoxLayout(self._central)
        self._central_layout.setContentsMargins(0, 0, 0, 0)
        self._central_layout.setSpacing(0)
        self.find_bar = FindBar(self._find, self._central)
        self.find_bar.closed = self._focus_text
        self.find_bar.hide()
        self._central_layout.addWidget(self.find_bar)
        self.setCentralWidget(self._central)
        self._editor: AnnotationEditor | None = None

        self._build_documents_dock()
        self._palette_dock = QDockWidget(self)
        self._palette_dock.setObjectName("PaletteDock")
        self._spans_dock = QDockWidget(self)
        self._spans_dock.setObjectName("SpansDock")
        for dock in (self._palette_dock, self._spans_dock):
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
        self._docks_rtl: bool | None = None
        self._place_docks()
        self.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)

        self._progress_label = QLabel()
        self._annotator_label = QLabel()
        self.statusBar().addPermanentWidget(self._progress_label)
        self.statusBar().addPermanentWidget(self._annotator_label)

        self._build_actions()
        self._build_menus()

        self._install_project(project)
        self.retranslate_ui()
        if self._remember and self._settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self._settings.window_geometry.encode()))
        if self._settings.font_zoom:
            self.zoom(self._settings.font_zoom, remember=False)

    # --- construction ---------------------------------------------------------------

    def _build_documents_dock(self) -> None:
        self._documents_dock = QDockWidget(self)
        self._documents_dock.setObjectName("DocumentsDock")
        self._documents_dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        row = QHBoxLayout()
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.status_filter)
        layout.addLayout(row)
        self.documents_view = QTableView()
        view = self.documents_view
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.verticalHeader().hide()
        # Fixed row heights: the view never asks all rows for their size.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        layout.addWidget(view, 1)
        self._documents_dock.setWidget(panel)
        self._documents_dock.setMinimumWidth(260)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_search)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)

    def _action(self, slot: Callable[[], Any], shortcuts: list[Any] | None = None) -> QAction:
        action = QAction(self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # shortcuts work even when a menu is hidden
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.act_new = self._action(self.new_project_dialog, [key.New])
        self.act_open = self._action(self.open_project_dialog, [key.Open])
        self.act_import_files = self._action(self.import_files_dialog, ["Ctrl+I"])
        self.act_import_folder = self._action(self.import_folder_dialog, ["Ctrl+Shift+I"])
        self.act_export = (
            self._action(self.export_dialog, ["Ctrl+E"]) if export_available() else None
        )
        self.act_quit = self._action(self.close, [key.Quit, "Ctrl+Q"])
        self.act_undo = self._action(self.undo, [key.Undo])
        self.act_redo = self._action(self.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.act_find = self._action(self.show_find_bar, [key.Find])
        self.act_find_next = self._action(lambda: self.find_bar.find_next(forward=True), ["F3"])
        self.act_zoom_in = self._action(lambda: self.zoom(1), ["Ctrl+=", "Ctrl++"])
        self.act_zoom_out = self._action(lambda: self.zoom(-1), ["Ctrl+-"])
        self.act_zoom_reset = self._action(lambda: self.zoom(-self._zoom), ["Ctrl+0"])
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.act_languages: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
            self.language_group.addAction(action)
            self.act_languages[code] = action
        self.act_next = self._action(self.next_document, [key.MoveToNextPage])
        self.act_previous = self._action(self.previous_document, [key.MoveToPreviousPage])
        self.act_goto = self._action(self.go_to_document_dialog, ["Ctrl+G"])
        self.act_done_next = self._action(self.mark_done_and_next, ["Ctrl+Return", "Ctrl+Enter"])
        self.act_skip_next = self._action(
            self.skip_and_next, ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"]
        )
        self.act_switch_annotator = self._action(self.switch_annotator_dialog)
        self.act_review = self._action(self.open_review)
        self.act_undo.setEnabled(False)
        self.act_redo.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_new)
        self.menu_file.addAction(self.act_open)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_import_files)
        self.menu_file.addAction(self.act_import_folder)
        if self.act_export is not None:
            self.menu_file.addAction(self.act_export)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)

        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_find)
        self.menu_edit.addAction(self.act_find_next)

        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_zoom_in)
        self.menu_view.addAction(self.act_zoom_out)
        self.menu_view.addAction(self.act_zoom_reset)
        self.menu_view.addSeparator()
        self.menu_language = self.menu_view.addMenu("")
        for action in self.act_languages.values():
            self.menu_language.addAction(action)
        self.menu_panels = self.menu_view.addMenu("")
        for dock in (self._documents_dock, self._palette_dock, self._spans_dock):
            self.menu_panels.addAction(dock.toggleViewAction())

        self.menu_go = bar.addMenu("")
        self.menu_go.addAction(self.act_next)
        self.menu_go.addAction(self.act_previous)
        self.menu_go.addAction(self.act_goto)
        self.menu_go.addSeparator()
        self.menu_go.addAction(self.act_done_next)
        self.menu_go.addAction(self.act_skip_next)

        self.menu_annotator = bar.addMenu("")
        self.menu_annotator.addAction(self.act_switch_annotator)

        self.menu_review = bar.addMenu("")
        self.menu_review.addAction(self.act_review)

        # The editor's "Exact characters" toggle goes before this separator when a
        # project opens (each project gets its own editor).
        self.toolbar = self.addToolBar("")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.act_undo)
        self.toolbar.addAction(self.act_redo)
        self.toolbar.addSeparator()
        self._precise_slot = self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_find)
        self.toolbar.addAction(self.act_done_next)

    def retranslate_ui(self) -> None:
        self.menu_file.setTitle(translate("MainWindow", "&File"))
        self.act_new.setText(translate("MainWindow", "&New project…"))
        self.act_open.setText(translate("MainWindow", "&Open project…"))
        self.menu_recent.setTitle(translate("MainWindow", "&Recent projects"))
        self.act_import_files.setText(translate("MainWindow", "&Import files…"))
        self.act_import_folder.setText(translate("MainWindow", "Import &folder…"))
        if self.act_export is not None:
            self.act_export.setText(translate("MainWindow", "&Export…"))
        self.act_quit.setText(translate("MainWindow", "&Quit"))
        self.menu_edit.setTitle(translate("MainWindow", "&Edit"))
        self.act_find.setText(translate("MainWindow", "&Find in article…"))
        self.act_find_next.setText(translate("MainWindow", "Find &next"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.act_zoom_in.setText(translate("MainWindow", "Zoom &in"))
        self.act_zoom_out.setText(translate("MainWindow", "Zoom &out"))
        self.act_zoom_reset.setText(translate("MainWindow", "&Reset zoom"))
        self.menu_language.setTitle(translate("MainWindow", "&Language"))
        self.menu_panels.setTitle(translate("MainWindow", "&Panels"))
        self.menu_go.setTitle(translate("MainWindow", "&Go"))
        self.act_next.setText(translate("MainWindow", "&Next document"))
        self.act_previous.setText(translate("MainWindow", "&Previous document"))
        self.act_goto.setText(translate("MainWindow", "&Go to document…"))
        self.act_done_next.setText(translate("MainWindow", "Mark &done and next"))
        self.act_skip_next.setText(translate("MainWindow", "Mark &skipped and next"))
        self.menu_annotator.setTitle(translate("MainWindow", "&Annotator"))
        self.act_switch_annotator.setText(translate("MainWindow", "&Switch annotator…"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        self.menu_review.setTitle(translate("MainWindow", "&Review"))
        self.act_review.setText(translate("MainWindow", "&Agreement and adjudication…"))
        self._documents_dock.setWindowTitle(translate("MainWindow", "Documents"))
        self._palette_dock.setWindowTitle(translate("MainWindow", "Labels"))
        self._spans_dock.setWindowTitle(translate("MainWindow", "Spans"))
        self.search_edit.setPlaceholderText(translate("MainWindow", "Search titles"))
        self._fill_status_filter()
        self.find_bar.retranslate_ui()
        self.act_languages[i18n.current_language()].setChecked(True)
        self._update_undo_actions()
        self._update_title()
        self._update_status_widgets()
        if self._project is not None:
            model = self.documents_model
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)

    def _fill_status_filter(self) -> None:
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for text, value in (
            (translate("MainWindow", "All"), None),
            (translate("MainWindow", "Not done"), NOT_DONE),
            (translate("MainWindow", "New"), Status.NEW.value),
            (translate("MainWindow", "In progress"), Status.IN_PROGRESS.value),
            (translate("MainWindow", "Done"), Status.DONE.value),
            (translate("MainWindow", "Skipped"), Status.SKIPPED.value),
        ):
            self.status_filter.addItem(text, value)
        index = self.status_filter.findData(current)
        self.status_filter.setCurrentIndex(max(index, 0))
        self.status_filter.blockSignals(False)

    # --- project -------------------------------------------------------------------------

    @property
    def project(self) -> Project:
        assert self._project is not None
        return self._project

    @property
    def editor(self) -> AnnotationEditor:
        assert self._editor is not None
        return self._editor

    def annotator(self) -> str:
        return self._annotator

    @property
    def session(self) -> ProjectSession:
        """The open project's session: its undo stack and the broadcast of its changes."""
        assert self._session is not None
        return self._session

    @property
    def undo_stack(self) -> QUndoStack:
        return self.session.undo_stack

    def _install_project(self, project: Project) -> None:
        old_session = self._session
        if old_session is not None:
            old_session.close()
        session = ProjectSession(project, self)
        session.dialog_parent = self
        session.changes_did_happen.connect(self._on_changes)
        session.replay_refused.connect(self._replay_refused)
        stack = session.undo_stack
        stack.canUndoChanged.connect(self._update_undo_actions)
        stack.canRedoChanged.connect(self._update_undo_actions)
        stack.indexChanged.connect(lambda _i: self._update_undo_actions())
        self._session = session
        if old_session is not None:
            old_session.deleteLater()
        old_editor = self._editor
        editor = AnnotationEditor(session, self._central)
        editor.set_annotator(self._annotator)
        editor.status_message.connect(self._show_message)
        editor.spans_changed.connect(self._on_spans_changed)
        self._central_layout.insertWidget(0, editor, 1)
        if old_editor is not None:
            self.toolbar.removeAction(old_editor.precise_action())
        self.toolbar.insertAction(self._precise_slot, editor.precise_action())
        if old_editor is not None:
            self._central_layout.removeWidget(old_editor)
            old_editor.hide()
            old_editor.deleteLater()
        side = editor.palette_widget().parentWidget()
        for dock, widget in (
            (self._palette_dock, editor.palette_widget()),
            (self._spans_dock, editor.span_list_widget()),
        ):
            old_widget = dock.widget()
            dock.setWidget(widget)
            if old_widget is not None:
                old_widget.deleteLater()
        # The palette is short: give the span list the rest of the column.
        self.resizeDocks(
            [self._palette_dock, self._spans_dock],
            [editor.palette_widget().sizeHint().height() + 24, 2000],
            Qt.Orientation.Vertical,
        )
        # The editor's own side column is empty once its panels live in docks.
        if side is not None and side is not editor and not side.findChildren(QWidget):
            side.hide()
        self._editor = editor
        self._project = project
        if self._zoom:
            editor.zoom(self._zoom)

        old_model = self.documents_view.model()
        self.documents_model = DocumentsModel(project, self._annotator, parent=self)
        self.documents_model.set_status_filter(self.status_filter.currentData())
        self.documents_model.set_search(self.search_edit.text())
        self.documents_view.setModel(self.documents_model)
        self._size_number_columns()
        self.documents_view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.documents_model.modelReset.connect(self._select_current_row)
        if old_model is not None:
            old_model.deleteLater()
        if self._remember:
            self._settings.remember_project(project.path)
            self._settings.save()
        self._update_status_widgets()
        self._update_title()

    def _size_number_columns(self) -> None:
        """Fixed widths for the number columns, from the widest possible number.

        ResizeToContents would ask up to 1,000 rows for their text on every
        fetch, which made scrolling a 100,000-document list take seconds.
        """
        header = self.documents_view.horizontalHeader()
        metrics = self.documents_view.fontMetrics()
        digits = "0" * max(3, len(str(self.project.documents.count())))
        icon = self.documents_view.iconSize().width() or 16
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(DocumentsModel.COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(
            DocumentsModel.COLUMN_NUMBER, metrics.horizontalAdvance(digits) + icon + 24
        )
        header.resizeSection(
            DocumentsModel.COLUMN_WORDS,
            max(
                metrics.horizontalAdvance("000000"),
                metrics.horizontalAdvance(
                    header.model().headerData(
                        DocumentsModel.COLUMN_WORDS, Qt.Orientation.Horizontal
                    )
                ),
            )
            + 20,
        )

    def open_project(self, path: str | Path) -> bool:
        """Switch to another project file; on error, say why and keep the current one."""
        path = Path(path)
        if self._project is not None and _same_file(path, self._project.path):
            return True
        if self._busy:
            return False
        try:
            project = Project.open(path)
        except AnnotatorError as exc:
            self._error(translate("MainWindow", "Cannot open the project"), exc.message)
            return False
        self._replace_project(project)
        return True

    def new_project(self, path: str | Path) -> bool:
        if self._busy:
            return False
        try:
            project = Project.create(path)
        except (AnnotatorError, FileExistsError, OSError) as exc:
            self._error(translate("MainWindow", "Cannot create the project"), str(exc))
            return False
        self._replace_project(project)
        return True

    def _replace_project(self, project: Project) -> None:
        self._time.enter(None)
        old = self._project
        self._install_project(project)
        if old is not None:
            old.close()
        self.open_first_document()

    def open_first_document(self) -> None:
        """Open the first document that still needs work (else the first one)."""
        model = self.documents_model
        row = model.find_row(-1, lambda d: model.status_of(d) in NEEDS_WORK)
        if row is None:
            row = model.find_row(-1, lambda _d: True)
        doc_id = model.doc_id_at(row) if row is not None else None
        if doc_id is not None:
            self.open_document(doc_id)

    # --- documents --------------------------------------------------------------------

    def current_document(self) -> DocId | None:
        if self._editor is None:
            return None
        doc = self._editor.current_document()
        return DocId(doc) if doc is not None else None

    def open_document(self, doc_id: int) -> bool:
        if self._busy or self._editor is None:
            return False
        previous = self.current_document()
        if previous == doc_id:
            self._select_current_row()
            return True
        self._time.enter(None)
        try:
            self._editor.open_document(doc_id)
        except AnnotatorError as exc:
            self._show_message(str(exc))
            return False
        self._time.enter(DocId(doc_id))
        if previous is not None:
            self.documents_model.refresh_status(previous)
        self._select_current_row()
        self._update_title()
        self._update_status_widgets()
        return True

    def open_number(self, number: int) -> bool:
        """Open the ``number``-th document (1-based, project order)."""
        infos = self.project.documents.list(number - 1, 1) if number >= 1 else []
        if not infos:
            self._show_message(
                translate("MainWindow", "There is no document %1.").replace("%1", str(number))
            )
            return False
        # Load the list up to that row when it is near, so it shows selected.
        model = self.documents_model
        while (
            model.status_filter() is None
            and not model.search()
            and number <= 5000
            and model.rowCount() < number
            and model.canFetchMore(QModelIndex())
        ):
            model.fetchMore(QModelIndex())
        return self.open_document(infos[0].id)

    def _select_current_row(self) -> None:
        row = self.documents_model.row_of(self.current_document())
        view = self.documents_view
        self._syncing_selection = True
        try:
            if row is None:
                view.clearSelection()
            else:
                index = self.documents_model.index(row, DocumentsModel.COLUMN_TITLE)
                view.setCurrentIndex(index)
                view.scrollTo(index)
        finally:
            self._syncing_selection = False

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_selection or not current.isValid():
            return
        doc_id = self.documents_model.doc_id_at(current.row())
        if doc_id is not None and doc_id != self.current_document():
            self.open_document(doc_id)

    def _neighbour(
        self, *, forward: bool, wanted: Callable[[DocId], bool] | None = None, wrap: bool = False
    ) -> DocId | None:
        """The next (previous) document in the list, else in project order."""
        model = self.documents_model
        current = self.current_document()
        accept = wanted or (lambda _d: True)
        row = model.row_of(current)
        if row is not None or current is None:
            start = row if row is not None else -1
            found = model.find_row(start, lambda d: d != current and accept(d), forward=forward)
            if found is None and wrap:
                found = model.find_row(-1, lambda d: d != current and accept(d))
            return model.doc_id_at(found) if found is not None else None
        # The current document is not in the (filtered) list: walk the project order.
        ids = self.project.documents.ids()
        position = ids.index(current) if current in ids else -1
        order = (
            ids[position + 1 :] + (ids[:position] if wrap else [])
            if forward
            else list(reversed(ids[: max(position, 0)]))
        )
        return next((d for d in order if accept(d)), None)

    def next_document(self) -> bool:
        doc = self._neighbour(forward=True)
        if doc is None:
            self._show_message(translate("MainWindow", "This is the last document."))
            return False
        return self.open_document(doc)

    def previous_document(self) -> bool:
        doc = self._neighbour(forward=False)
        if doc is None:
            self._show_message(translate("MainWindow", "This is the first document."))
            return False
        return self.open_document(doc)

    def go_to_document_dialog(self) -> GoToDocumentDialog | None:
        """Ctrl+G: a number (``12`` or ``١٢``) or words of a title."""
        if self._busy:
            return None
        dialog = GoToDocumentDialog(self.project, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._go_to_chosen(dialog))
        dialog.open()
        return dialog

    def _go_to_chosen(self, dialog: GoToDocumentDialog) -> None:
        doc_id = dialog.selected_doc_id()
        if doc_id is not None:
            self.open_document(doc_id)
            self._focus_text()

    def mark_done_and_next(self) -> bool:
        """Ctrl+Enter: mark done (undoable), then open the next document that needs work."""
        return self._set_status_and_next(Status.DONE)

    def skip_and_next(self) -> bool:
        return self._set_status_and_next(Status.SKIPPED)

    def _set_status_and_next(self, status: Status) -> bool:
        doc = self.current_document()
        if doc is None or self._busy:
            return False
        if not self.set_status(doc, status):
            return False
        model = self.documents_model
        following = self._neighbour(
            forward=True, wrap=True, wanted=lambda d: model.status_of(d) in NEEDS_WORK
        )
        if following is None:
            self._show_message(translate("MainWindow", "Every document is done or skipped."))
            return True
        return self.open_document(following)

    def set_status(self, doc_id: DocId, status: Status) -> bool:
        """Set a status through the undo stack; it is in the file when this returns."""
        text = {
            Status.DONE: translate("MainWindow", "Mark done"),
            Status.SKIPPED: translate("MainWindow", "Mark skipped"),
        }.get(status, translate("MainWindow", "Set status"))
        try:
            change = self.session.run(
                SetStatus(doc_id, self._annotator, status), text=text, initiator=self
            )
        except AnnotatorError as exc:
            self._show_message(str(exc))
            return False
        if change is None:
            return False
        self._on_status_changed(change)
        return True

    def _on_changes(self, change: Change, initiator: object) -> None:
        """Another window, the undo stack or an import changed the file: show it."""
        if initiator is self or self._project is None:
            return
        if change.documents_changed:
            self.documents_model.reload()
            self._size_number_columns()
            self._select_current_row()
        elif change.doc_id is not None and (change.status_changed or change.span_ids):
            self.documents_model.refresh_status(change.doc_id)
        self._update_status_widgets()
        # Show the document whose status came back, so the undo is visible.
        if (
            initiator is UNDO
            and change.status_changed
            and change.doc_id is not None
            and change.doc_id != self.current_document()
        ):
            self.open_document(change.doc_id)

    def _replay_refused(self, exc: AnnotatorError) -> None:
        self._show_message(
            translate("MainWindow", "Cannot undo or redo: %1").replace("%1", str(exc))
        )

    def _on_status_changed(self, change: Change) -> None:
        if change.doc_id is not None:
            self.documents_model.refresh_status(change.doc_id)
        self._update_status_widgets()

    def _on_spans_changed(self, _count: int) -> None:
        doc = self.current_document()
        if doc is not None:
            self.documents_model.refresh_status(doc)

    # --- filter and search -----------------------------------------------------------------

    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.documents_model.set_search(self.search_edit.text())

    def _apply_filter(self, _index: int = 0) -> None:
        self.documents_model.set_status_filter(self.status_filter.currentData())

    # --- undo ---------------------------------------------------------------------------

    def undo(self) -> None:
        if not self._busy:
            self.undo_stack.undo()

    def redo(self) -> None:
        if not self._busy:
            self.undo_stack.redo()

    def _update_undo_actions(self) -> None:
        stack = self.undo_stack
        self.act_undo.setEnabled(stack.canUndo() and not self._busy)
        self.act_redo.setEnabled(stack.canRedo() and not self._busy)
        undo_text, redo_text = stack.undoText(), stack.redoText()
        self.act_undo.setText(
            translate("MainWindow", "&Undo %1").replace("%1", undo_text).strip()
            if undo_text
            else translate("MainWindow", "&Undo")
        )
        self.act_redo.setText(
            translate("MainWindow", "&Redo %1").replace("%1", redo_text).strip()
            if redo_text
            else translate("MainWindow", "&Redo")
        )

    # --- find, zoom ----------------------------------------------------------------------

    def show_find_bar(self) -> None:
        self.find_bar.open_bar()

    def _find(self, query: str, forward: bool) -> bool:
        if self._editor is None:
            return False
        found = self._editor.find(query, forward=forward)
        if found:
            self._focus_text()
        return found

    def _focus_text(self) -> None:
        if self._editor is not None:
            self._editor.text_view().setFocus()

    def zoom(self, steps: int, *, remember: bool = True) -> None:
        if not steps or self._editor is None:
            return
        self._editor.zoom(steps)
        self._zoom += steps
        if remember and self._remember:
            self._settings.font_zoom = self._zoom
            self._settings.save()

    # --- language -------------------------------------------------------------------------

    def set_language(self, language: str) -> str:
        effective = i18n.set_language(language)
        # Qt posts LanguageChange; translate now so the switch is seen at once.
        self.retranslate_ui()
        if self._remember:
            self._settings.language = effective
            self._settings.save()
        self.act_languages[effective].setChecked(True)
        return effective

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._place_docks()
        super().changeEvent(event)

    def _place_docks(self) -> None:
        """Documents on the side where lines start, labels and spans where they end.

        Qt mirrors widgets for right-to-left but not the dock areas of a
        QMainWindow, so the docks change sides here.
        """
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        if rtl == self._docks_rtl:
            return
        self._docks_rtl = rtl
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        start, end = (right, left) if rtl else (left, right)
        for dock, area in (
            (self._documents_dock, start),
            (self._palette_dock, end),
            (self._spans_dock, end),
        ):
            hidden = (
                dock.isHidden() and self.dockWidgetArea(dock) != Qt.DockWidgetArea.NoDockWidgetArea
            )
            self.removeDockWidget(dock)
            self.addDockWidget(area, dock)
            dock.setHidden(hidden)
        self.resizeDocks(
            [self._documents_dock, self._palette_dock], [300, 240], Qt.Orientation.Horizontal
        )

    def documents_dock_area(self) -> Qt.DockWidgetArea:
        return self.dockWidgetArea(self._documents_dock)

    # --- annotator ----------------------------------------------------------------------

    def open_review(self) -> None:
        """The lead's view: agreement heat map, disagreements, adjudication into gold."""
        from annotator.gui.review import open_review

        self._review = open_review(self.project, self._annotator or "lead", self)

    def switch_annotator_dialog(self) -> None:
        dialog = AnnotatorNameDialog(
            self.project.spans.annotators(), current=self._annotator, parent=self
        )
        if dialog.exec() == AnnotatorNameDialog.DialogCode.Accepted:
            self.switch_annotator(dialog.name())

    def switch_annotator(self, name: str) -> None:
        name = name.strip()
        if not name or name == self._annotator or self._busy:
            return
        self._time.enter(None)
        self.undo_stack.clear()  # edits of another annotator are not undone under this name
        self._annotator = name
        self.editor.set_annotator(name)
        self.documents_model.set_annotator(name)
        if self._remember:
            self._settings.annotator = name
            self._settings.save()
        self._time.enter(self.current_document())
        self._select_current_row()
        self._update_status_widgets()

    # --- import / export ---------------------------------------------------------------------

    def import_files_dialog(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            translate("MainWindow", "Import files"),
            "",
            translate(
                "MainWindow",
                "Articles and annotations (*.txt *.jsonl *.json *.conll *.iob *.bio *.tsv *.spacy)"
                ";;All files (*)",
            ),
        )
        if files:
            self._import_with_options([Path(f) for f in files])

    def import_folder_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, translate("MainWindow", "Import a folder"))
        if folder:
            self._import_with_options([Path(folder)])

    def _import_with_options(self, paths: list[Path]) -> ImportDialog | None:
        """Plain articles import at once; annotation files and folders ask how first."""
        options = None
        if needs_import_options(paths):
            dialog = ImportOptionsDialog(annotator=self._annotator, parent=self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            options = dialog.options()
        return self.import_paths(paths, options=options)

    def import_paths(self, paths: list[Path], *, options: Any = None) -> ImportDialog | None:
        """Import in a worker thread behind a modal progress dialog; edits wait meanwhile."""
        if self._busy:
            return None
        self._time.flush()
        self._set_busy(True)
        dialog = ImportDialog(self.project, paths, options=options, parent=self)
        dialog.import_done.connect(self._on_import_done)
        self._import_dialog = dialog
        dialog.start()
        dialog.show()
        return dialog

    def _on_import_done(self, _report: Any) -> None:
        self._set_busy(False)
        self.documents_model.reload()
        self._size_number_columns()
        self._select_current_row()
        self._update_status_widgets()
        # Labels may have been added; other windows reload what they show.
        self.session.broadcast(Change.everything(), self)
        if self.current_document() is None:
            self.open_first_document()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if self._editor is not None:
            self._editor.setEnabled(not busy)
        for action in (
            self.act_new,
            self.act_open,
            self.act_import_files,
            self.act_import_folder,
            self.act_done_next,
            self.act_skip_next,
            self.act_switch_annotator,
            self.act_next,
            self.act_previous,
            self.act_goto,
        ):
            action.setEnabled(not busy)
        self.documents_view.setEnabled(not busy)
        self._update_undo_actions()

    def is_busy(self) -> bool:
        return self._busy

    def export_dialog(self) -> ExportDialog | None:
        """Export training data; edits wait while the worker reads the project."""
        if self._busy:
            return None
        self._time.flush()
        dialog = ExportDialog(self.project, annotator=self._annotator, parent=self)
        dialog.setModal(True)
        dialog.export_button.clicked.connect(lambda: self._set_busy(dialog.is_running()))
        dialog.export_done.connect(lambda _report: self._set_busy(False))
        self._export_dialog = dialog
        dialog.show()
        return dialog

    # --- file dialogs -----------------------------------------------------------------------

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("MainWindow", "New project"),
            "project.sqlite",
            translate("MainWindow", "Annotator projects (*.sqlite)"),
        )
        if path:
            if not path.endswith(".sqlite"):
                path += ".sqlite"
            self.new_project(path)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("MainWindow", "Open project"),
            "",
            translate("MainWindow", "Annotator projects (*.sqlite);;All files (*)"),
        )
        if path:
            self.open_project(path)

    def _fill_recent_menu(self) -> None:
        self.menu_recent.clear()
        current = self._project.path.resolve() if self._project else None
        entries = [p for p in self._settings.recent_projects if Path(p) != current]
        if not entries:
            empty = self.menu_recent.addAction(translate("MainWindow", "(none)"))
            empty.setEnabled(False)
            return
        for entry in entries:
            action = self.menu_recent.addAction(entry)
            action.setEnabled(Path(entry).exists())
            action.triggered.connect(lambda _c=False, entry=entry: self.open_project(entry))

    # --- time spent -------------------------------------------------------------------------

    def _write_time(self, doc_id: DocId, seconds: float) -> bool:
        if self._busy or self._project is None:
            return False
        try:
            change = self.session.run(
                AddTime(doc_id, self._annotator, seconds), initiator=self, undoable=False
            )
        except AnnotatorError as exc:
            self._show_message(str(exc))
            return True  # do not retry forever
        if change is None:
            return True  # the disk refused it (a dialog said so); do not retry forever
        self.documents_model.refresh_status(doc_id)
        self._update_status_widgets()
        return True

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        self._time.set_active(state == Qt.ApplicationState.ApplicationActive)

    @property
    def time_tracker(self) -> ActiveTimeTracker:
        return self._time

    # --- status, title, messages -----------------------------------------------------------

    def _update_title(self) -> None:
        if self._project is None:
            self.setWindowTitle("Annotator")
            return
        parts = []
        doc = self.current_document()
        if doc is not None:
            try:
                parts.append(self.project.documents.info(doc).title)
            except AnnotatorError:
                pass
        parts += [self.project.path.name, translate("MainWindow", "Annotator")]
        self.setWindowTitle(" — ".join(p for p in parts if p))

    def _update_status_widgets(self) -> None:
        if self._project is None:
            return
        counts = self.project.statuses.counts(self._annotator)
        total = sum(counts.values())
        self._progress_label.setText(
            translate("MainWindow", "%1 / %2 done")
            .replace("%1", str(counts[Status.DONE]))
            .replace("%2", str(total))
        )
        self._annotator_label.setText(
            translate("MainWindow", "Annotator: %1").replace("%1", self._annotator)
        )

    def progress_text(self) -> str:
        return self._progress_label.text()

    def _show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for dialog in (self._import_dialog, self._export_dialog):
            if dialog is not None and dialog.is_running():
                dialog.reject()  # cancels the worker
                dialog.wait_finished()
        QCoreApplication.processEvents()
        if self._remember:
            self._settings.window_geometry = bytes(self.saveGeometry().toBase64()).decode()
            self._settings.save()
        self._time.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._time)
        if self._session is not None:
            self._session.close()
        self._search_timer.stop()
        if self._project is not None:
            # Nothing may ask the closed project for rows or spans afterwards.
            self.documents_view.setModel(None)
            if self._editor is not None:
                self._editor.setEnabled(False)
            self._project.close()
            self._project = None
        super().closeEvent(event)

    def menu(self, name: str) -> QMenu:
        return {
            "file": self.menu_file,
            "edit": self.menu_edit,
            "view": self.menu_view,
            "go": self.menu_go,
            "annotator": self.menu_annotator,
        }[name]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
