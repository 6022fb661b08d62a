"""The main window's actions, menus and toolbar, built and translated in one place.

Each action calls one public method of the window; the window decides what
it does. Shortcuts are added to the window itself, so they work even when a
menu is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QMenu

from annotator.gui import i18n, window_dialogs
from annotator.gui.clitics_dialog import choose_clitic_policy
from annotator.gui.common import menu_text
from annotator.gui.export_dialog import export_available
from annotator.gui.i18n import fill, translate
from annotator.gui.note_dialog import DOCUMENT_NOTE_KEY, edit_document_note
from annotator.gui.suggestion_menu import SuggestionsMenu

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

__all__ = ["EXACT_MODE_KEY", "MainActions"]

#: Toggles "Exact characters" (Alt-drag does it for one selection, but window
#: managers such as openbox take Alt-drag to move the window).
EXACT_MODE_KEY = "Ctrl+Shift+X"


class MainActions(QObject):
    """Actions (``actions.undo``, ``actions.done_next``, …), the menus and the toolbar."""

    def __init__(self, window: MainWindow, docks: list[QDockWidget]) -> None:
        super().__init__(window)
        self._window = window
        w = window
        key = QKeySequence.StandardKey
        self.new = self._action(w.files.new_project_dialog, [key.New])
        self.open = self._action(w.files.open_project_dialog, [key.Open])
        self.import_files = self._action(w.files.import_files_dialog, ["Ctrl+I"])
        self.import_folder = self._action(w.files.import_folder_dialog, ["Ctrl+Shift+I"])
        self.export = (
            self._action(w.files.export_dialog, ["Ctrl+E"]) if export_available() else None
        )
        self.quit = self._action(w.close, [key.Quit, "Ctrl+Q"])
        self.undo = self._action(w.undo, [key.Undo])
        self.redo = self._action(w.redo, ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.find = self._action(w.show_find_bar, [key.Find])
        self.find_next = self._action(lambda: w.find_bar.find_next(forward=True), ["F3"])
        self.find_previous = self._action(lambda: w.find_bar.find_next(forward=False), ["Shift+F3"])
        self.find_corpus = self._action(w.docks.show_corpus_find, ["Ctrl+Shift+F"])
        self.zoom_in = self._action(lambda: w.zoom(1), ["Ctrl+=", "Ctrl++"])
        self.zoom_out = self._action(lambda: w.zoom(-1), ["Ctrl+-"])
        self.zoom_reset = self._action(w.reset_zoom, ["Ctrl+0"])
        self.show_others = QAction(self._window)
        self.show_others.setCheckable(True)
        self.show_others.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.show_others.toggled.connect(w.set_show_others)
        self._window.addAction(self.show_others)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.languages: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _c=False, code=code: w.set_language(code))
            self.language_group.addAction(action)
            self.languages[code] = action
        self.next = self._action(w.flow.next_document, [key.MoveToNextPage])
        self.previous = self._action(w.flow.previous_document, [key.MoveToPreviousPage])
        self.goto = self._action(w.flow.go_to_document_dialog, ["Ctrl+G"])
        self.done_next = self._action(w.flow.mark_done_and_next, ["Ctrl+Return", "Ctrl+Enter"])
        self.skip_next = self._action(
            w.flow.skip_and_next, ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"]
        )
        self.switch_annotator = self._action(lambda: window_dialogs.switch_annotator_dialog(w))
        self.manage_labels = self._action(lambda: window_dialogs.open_labels_dialog(w))
        self.shortcuts_sheet = self._action(lambda: window_dialogs.show_shortcuts(w), ["?", "F1"])
        self.about = self._action(lambda: window_dialogs.show_about(w))
        self.review = self._action(w.open_review)
        # Issue 15: the open document's note and flag; the project's clitic policy.
        self.document_note = self._action(lambda: edit_document_note(w), [DOCUMENT_NOTE_KEY])
        self.clitic_policy = self._action(lambda: choose_clitic_policy(w))
        self.suggestions = SuggestionsMenu(w)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self._build_menus(docks)

    def _action(self, slot: Callable[[], Any], shortcuts: list[Any] | None = None) -> QAction:
        action = QAction(self._window)
        if shortcuts:
            # Without repeats: Quit is Ctrl+Q on Linux already, and a sequence given
            # twice is an "ambiguous shortcut" that Qt refuses to act on.
            sequences: list[QKeySequence] = []
            for s in shortcuts:
                for seq in (
                    QKeySequence.keyBindings(s)
                    if isinstance(s, QKeySequence.StandardKey)
                    else [QKeySequence(s)]
                ):
                    if not seq.isEmpty() and seq not in sequences:
                        sequences.append(seq)
            action.setShortcuts(sequences)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # shortcuts work even when a menu is hidden
        return action

    def _build_menus(self, docks: list[QDockWidget]) -> None:
        bar = self._window.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.new)
        self.menu_file.addAction(self.open)
        self.menu_recent = self.menu_file.addMenu("")
        self.menu_recent.aboutToShow.connect(self._fill_recent_menu)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.import_files)
        self.menu_file.addAction(self.import_folder)
        if self.export is not None:
            self.menu_file.addAction(self.export)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.quit)

        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.undo)
        self.menu_edit.addAction(self.redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.find)
        self.menu_edit.addAction(self.find_next)
        self.menu_edit.addAction(self.find_previous)
        self.menu_edit.addAction(self.find_corpus)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.document_note)
        self._edit_menu_slot = self.menu_edit.addSeparator()  # the exact-mode toggle goes here

        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.zoom_in)
        self.menu_view.addAction(self.zoom_out)
        self.menu_view.addAction(self.zoom_reset)
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.show_others)
        self.menu_view.addSeparator()
        self.menu_language = self.menu_view.addMenu("")
        for action in self.languages.values():
            self.menu_language.addAction(action)
        self.menu_panels = self.menu_view.addMenu("")
        for dock in docks:
            self.menu_panels.addAction(dock.toggleViewAction())

        self.menu_go = bar.addMenu("")
        self.menu_go.addAction(self.next)
        self.menu_go.addAction(self.previous)
        self.menu_go.addAction(self.goto)
        self.menu_go.addSeparator()
        self.menu_go.addAction(self.done_next)
        self.menu_go.addAction(self.skip_next)

        self.menu_annotator = bar.addMenu("")
        self.menu_annotator.addAction(self.switch_annotator)
        self.menu_annotator.addSeparator()
        self.menu_annotator.addAction(self.manage_labels)
        self.menu_annotator.addAction(self.clitic_policy)

        bar.addMenu(self.suggestions.menu)

        self.menu_review = bar.addMenu("")
        self.menu_review.addAction(self.review)

        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.shortcuts_sheet)
        self.menu_help.addAction(self.about)

        # The editor's "Exact characters" toggle goes before this separator when a
        # project opens (each project gets its own editor).
        self.toolbar = self._window.addToolBar("")
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addAction(self.undo)
        self.toolbar.addAction(self.redo)
        self.toolbar.addSeparator()
        self._editor_slot = self.toolbar.addSeparator()
        self.toolbar.addAction(self.find)
        self.toolbar.addAction(self.show_others)
        self.toolbar.addAction(self.done_next)
        self._editor_action: QAction | None = None

    def set_editor_action(self, action: QAction) -> None:
        """The open editor's own toggle, on the toolbar and in the Edit menu (each
        project gets its own editor), with its own key."""
        if self._editor_action is not None:
            self.toolbar.removeAction(self._editor_action)
            self.menu_edit.removeAction(self._editor_action)
        action.setShortcut(QKeySequence(EXACT_MODE_KEY))
        self.toolbar.insertAction(self._editor_slot, action)
        self.menu_edit.insertAction(self._edit_menu_slot, action)
        self._editor_action = action
        self.fix_toolbar_sizes()

    def fix_toolbar_sizes(self) -> None:
        """Every toolbar button as wide as its widest text in this language, fixed:
        a click never lands on a neighbour that moved."""
        for action in self.toolbar.actions():
            button = self.toolbar.widgetForAction(action)
            if button is None or action.isSeparator():
                continue
            button.setMinimumWidth(0)
            button.setMaximumWidth(16777215)
            button.setFixedWidth(button.sizeHint().width())

    def menu(self, name: str) -> QMenu:
        return {
            "file": self.menu_file,
            "edit": self.menu_edit,
            "view": self.menu_view,
            "go": self.menu_go,
            "annotator": self.menu_annotator,
            "suggestions": self.suggestions.menu,
            "help": self.menu_help,
        }[name]

    def set_busy(self, busy: bool) -> None:
        """While a worker writes, nothing that changes or switches the project."""
        for action in (
            self.new,
            self.open,
            self.import_files,
            self.import_folder,
            self.done_next,
            self.skip_next,
            self.switch_annotator,
            self.next,
            self.previous,
            self.goto,
            self.suggestions.accept_all,
            self.suggestions.label_all,
            self.document_note,
            self.clitic_policy,
        ):
            action.setEnabled(not busy)

    def update_undo(self, stack: QUndoStack | None, *, busy: bool) -> None:
        """Undo/Redo enabled and named after what they would do."""
        can_undo = stack is not None and stack.canUndo()
        can_redo = stack is not None and stack.canRedo()
        self.undo.setEnabled(can_undo and not busy)
        self.redo.setEnabled(can_redo and not busy)
        undo_text = stack.undoText() if stack is not None else ""
        redo_text = stack.redoText() if stack is not None else ""
        # The Edit menu and the tooltip name the edit; the toolbar button keeps its
        # short text (iconText) and its size, so nothing on the toolbar moves.
        self.undo.setText(
            fill(translate("MainWindow", "&Undo %1"), menu_text(undo_text)).strip()
            if undo_text
            else translate("MainWindow", "&Undo")
        )
        self.redo.setText(
            fill(translate("MainWindow", "&Redo %1"), menu_text(redo_text)).strip()
            if redo_text
            else translate("MainWindow", "&Redo")
        )
        self.undo.setIconText(translate("MainWindow", "Undo"))
        self.redo.setIconText(translate("MainWindow", "Redo"))
        self.undo.setToolTip(
            fill(translate("MainWindow", "Undo %1 (Ctrl+Z)"), undo_text)
            if undo_text
            else translate("MainWindow", "Nothing to undo")
        )
        self.redo.setToolTip(
            fill(translate("MainWindow", "Redo %1 (Ctrl+Shift+Z)"), redo_text)
            if redo_text
            else translate("MainWindow", "Nothing to redo")
        )

    def retranslate_ui(self) -> None:
        self.menu_file.setTitle(translate("MainWindow", "&File"))
        self.new.setText(translate("MainWindow", "&New project…"))
        self.open.setText(translate("MainWindow", "&Open project…"))
        self.menu_recent.setTitle(translate("MainWindow", "&Recent projects"))
        self.import_files.setText(translate("MainWindow", "&Import files…"))
        self.import_folder.setText(translate("MainWindow", "Import &folder…"))
        if self.export is not None:
            self.export.setText(translate("MainWindow", "&Export…"))
        self.quit.setText(translate("MainWindow", "&Quit"))
        self.menu_edit.setTitle(translate("MainWindow", "&Edit"))
        self.find.setText(translate("MainWindow", "&Find in article…"))
        self.find_next.setText(translate("MainWindow", "Find &next"))
        self.find_previous.setText(translate("MainWindow", "Find pre&vious"))
        self.find_corpus.setText(translate("MainWindow", "Find in &all documents…"))
        self.menu_view.setTitle(translate("MainWindow", "&View"))
        self.zoom_in.setText(translate("MainWindow", "Zoom &in"))
        self.zoom_out.setText(translate("MainWindow", "Zoom &out"))
        self.zoom_reset.setText(translate("MainWindow", "&Reset zoom"))
        self.show_others.setText(translate("MainWindow", "Show &others' spans and gold"))
        self.show_others.setToolTip(
            translate(
                "MainWindow",
                "Other annotators' spans and gold, read-only, as dashed lines beside your own",
            )
        )
        self.menu_language.setTitle(translate("MainWindow", "&Language"))
        self.menu_panels.setTitle(translate("MainWindow", "&Panels"))
        self.menu_go.setTitle(translate("MainWindow", "&Go"))
        self.next.setText(translate("MainWindow", "&Next document"))
        self.previous.setText(translate("MainWindow", "&Previous document"))
        self.goto.setText(translate("MainWindow", "&Go to document…"))
        self.done_next.setText(translate("MainWindow", "Mark &done and next"))
        self.skip_next.setText(translate("MainWindow", "Mark &skipped and next"))
        self.menu_annotator.setTitle(translate("MainWindow", "&Annotator"))
        self.switch_annotator.setText(translate("MainWindow", "&Switch annotator…"))
        self.manage_labels.setText(translate("MainWindow", "Manage &labels…"))
        self.document_note.setText(translate("MainWindow", "Document &note…"))
        self.document_note.setToolTip(
            translate("MainWindow", "Your note and “unsure” flag on the open document")
        )
        self.clitic_policy.setText(translate("MainWindow", "&Clitic policy…"))
        self.menu_help.setTitle(translate("MainWindow", "&Help"))
        self.shortcuts_sheet.setText(translate("MainWindow", "&Keyboard shortcuts"))
        self.about.setText(translate("MainWindow", "&About Annotator"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        self.menu_review.setTitle(translate("MainWindow", "&Review"))
        self.review.setText(translate("MainWindow", "&Agreement and adjudication…"))
        self.suggestions.retranslate_ui()
        self.languages[i18n.current_language()].setChecked(True)
        self.fix_toolbar_sizes()

    def _fill_recent_menu(self) -> None:
        menu = self.menu_recent
        menu.clear()
        current = self._window.project_path()
        recent = self._window.recent_projects()
        entries = [p for p in recent if current is None or Path(p) != current.resolve()]
        if not entries:
            empty = menu.addAction(translate("MainWindow", "(none)"))
            empty.setEnabled(False)
            return
        for entry in entries:
            action = menu.addAction(menu_text(entry))  # a path: plain, but "&" is a mnemonic
            action.setEnabled(Path(entry).exists())
            action.triggered.connect(lambda _c=False, e=entry: self._window.open_project(e))
