"""Ctrl+Shift+F: find across the corpus, tolerant of tashkeel, tatweel and hamza forms.

The panel asks the core what ``annotator find`` asks
(:func:`annotator.core.search.find_in_project`: the project file's FTS5 trigram
index over the Ctrl+F fold, then Ctrl+F's own ``find_all`` in each candidate),
so a match here is a match there. The search runs off the UI thread on its
own read-only connection (a :class:`~annotator.gui.ops.BackgroundOperation`):
an indexed query answers in a fraction of a second even at 100,000
documents, but one of one or two letters has no trigram and may read every
document.

Typing searches once the query has three letters or more (after a short
pause); Enter searches any query at once. Hits are listed by document
(number, title, how many), each with the match in its context, drawn as plain
text with the match marked. Enter or a double click on a hit opens the
document with the match selected in the article, which takes the focus, so
the label key that follows labels it; F3 then goes on to the next match of
the same query in that document.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.change import Change
from annotator.core.search import DEFAULT_LIMIT, FindHit, FindResult, find_in_project, fold_query
from annotator.core.store import Project
from annotator.gui.common import isolate, plain_tooltip
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import BackgroundOperation, ProjectSession, Task

__all__ = ["CorpusFindPanel", "context_text", "open_hit"]

# Typing searches by itself from this many folded characters (the index's trigram).
AUTO_SEARCH_CHARS = 3
_TYPING_PAUSE_MS = 300
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ELLIPSIS = "…"


def context_text(hit: FindHit) -> str:
    """A hit as one line of plain text: ``…before match after…``."""
    return f"{_ELLIPSIS}{hit.before}{hit.match}{hit.after}{_ELLIPSIS}"


def _is_rtl(text: str) -> bool:
    """The paragraph direction of ``text``: that of its first strong character."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


class _Window(Protocol):
    """What :func:`open_hit` needs of the main window (its public methods)."""

    def open_document(self, doc_id: int) -> bool: ...
    def focus_text(self) -> None: ...

    @property
    def editor(self) -> Any: ...

    @property
    def find_bar(self) -> Any: ...


def open_hit(window: _Window, hit: FindHit, query: str) -> bool:
    """Open ``hit``'s document with the match selected and the focus in the article.

    The match is selected the way Ctrl+F selects one (the editor's
    :meth:`find_match` from the caret put at the match's start), so a label
    key labels it, and the find bar holds the query, so F3 goes on from there.
    """
    if not window.open_document(hit.doc_id):
        return False
    editor = window.editor
    view = editor.text_view()
    view.set_selection(hit.start, hit.start)  # the caret at the match; find selects it
    editor.find_match(query, forward=True)
    if view.selection_range() != (hit.start, hit.end):
        view.set_selection(hit.start, hit.end)  # never expected: the same find_all found it
    window.find_bar.edit.setText(query)
    window.focus_text()
    return True


class _ContextDelegate(QStyledItemDelegate):
    """Draws a hit's context as plain text, the match bold on a tint, the match kept
    in sight when the line is too long; document rows as the default does."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, FindHit):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(2, 0, -2, 0)
        before, match, after = _fit(opt, hit, rect.width())
        text = before + match + after
        layout = QTextLayout(text, opt.font)
        text_option = QTextOption()
        rtl = _is_rtl(text)
        text_option.setTextDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        text_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        layout.setTextOption(text_option)
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if not selected:
            marked.setBackground(opt.palette.color(QPalette.ColorRole.Highlight).lighter(170))
        span = QTextLayout.FormatRange()
        span.start, span.length, span.format = len(before), len(match), marked
        layout.setFormats([span])
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1_000_000)
        layout.endLayout()
        width = line.naturalTextWidth()
        x = rect.right() - width if rtl else rect.left()
        y = rect.top() + (rect.height() - line.height()) / 2
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setClipRect(rect)
        painter.setPen(opt.palette.color(role))
        layout.draw(painter, QPointF(x, y))
        painter.restore()


def _fit(option: QStyleOptionViewItem, hit: FindHit, width: int) -> tuple[str, str, str]:
    """Before, match and after, elided at their far ends so the line fits ``width``
    (the match drawn bold, always whole); the room is shared evenly, and what one
    side does not need goes to the other."""
    metrics = option.fontMetrics
    bold = QFont(option.font)
    bold.setBold(True)
    room = max(0, width - QFontMetrics(bold).horizontalAdvance(hit.match))
    before, after = _ELLIPSIS + hit.before, hit.after + _ELLIPSIS
    need_before, need_after = metrics.horizontalAdvance(before), metrics.horizontalAdvance(after)
    if need_before + need_after <= room:
        return before, hit.match, after
    half = room // 2
    room_before = need_before if need_before <= half else max(half, room - need_after)
    room_after = room - min(need_before, room_before)
    left, right = Qt.TextElideMode.ElideLeft, Qt.TextElideMode.ElideRight
    return (
        metrics.elidedText(before, left, room_before) if need_before > room_before else before,
        hit.match,
        metrics.elidedText(after, right, room_after) if need_after > room_after else after,
    )


class CorpusFindPanel(QWidget):
    """A search field over every document, and its hits listed by document.

    :signal hit_chosen(object, str): the user opened a :class:`FindHit` (Enter,
        double click) found for the query given.
    :signal searched(): a search ended and its hits (or its error) are shown.
    """

    hit_chosen = Signal(object, str)
    searched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: ProjectSession | None = None
        self._job: BackgroundOperation | None = None
        self._pending: str | None = None
        self._running = ""  # the query of the search running
        self._generation = 0
        self._result: FindResult | None = None
        self._shown_query = ""
        self._error = ""
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setItemDelegate(_ContextDelegate(self.tree))
        self.tree.itemActivated.connect(lambda item, _column: self._activate(item))
        self.tree.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(_TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._typed)
        self.edit.textEdited.connect(lambda _text: self._typing.start())
        self.retranslate_ui()

    # --- project -------------------------------------------------------------------

    def set_session(self, session: ProjectSession) -> None:
        """Search ``session``'s project from now on; the hits of the one before go."""
        if self._session is not None:
            self._session.changes_did_happen.disconnect(self._on_changes)
        self._session = session
        session.changes_did_happen.connect(self._on_changes)
        self._supersede()  # a search still running for the old project is not shown
        self._show(None, "")

    def _on_changes(self, change: Change, _initiator: object) -> None:
        # Documents came in (an import, a merge): the hits shown may miss some.
        if change.documents_changed and self._shown_query:
            self.search(self._shown_query)

    # --- searching -------------------------------------------------------------------

    def query(self) -> str:
        return self.edit.text()

    def open_panel(self) -> None:
        """The focus in the field, its text selected (Ctrl+Shift+F)."""
        self.edit.setFocus()
        self.edit.selectAll()

    def search(self, query: str | None = None) -> None:
        """Search for ``query`` (default: the field's text) in the background."""
        self._typing.stop()
        query = self.edit.text() if query is None else query
        if self._session is None:
            return
        if not fold_query(query):
            self._supersede()
            self._show(None, "")
            return
        if self._job is not None:
            # One search at a time (it cannot be stopped half way): the latest query
            # runs when this one ends.
            self._pending = None if query == self._running else query
            return
        self._start(query)

    def _typed(self) -> None:
        if len(fold_query(self.edit.text())) >= AUTO_SEARCH_CHARS or not self.edit.text().strip():
            self.search()
        else:
            self.message.setText(
                translate("CorpusFind", "One or two letters: press Enter to search every document.")
            )

    def _start(self, query: str) -> None:
        assert self._session is not None
        self._generation += 1
        generation = self._generation
        self.message.setText(fill(translate("CorpusFind", "Searching for %1…"), isolate(query)))

        def work(project: Project, _task: Task) -> FindResult:
            return find_in_project(project, query, limit=DEFAULT_LIMIT)

        job = BackgroundOperation(work, project=self._session.project, parent=self)
        job.succeeded.connect(lambda result: self._finished(generation, query, result, ""))
        job.failed.connect(lambda text: self._finished(generation, query, None, text))
        job.finished.connect(lambda: self._next(job))
        self._job, self._running = job, query
        job.start()

    def _finished(self, generation: int, query: str, result: Any, error: str) -> None:
        if generation != self._generation:
            return  # superseded: another query or another project
        self._show(result if isinstance(result, FindResult) else None, query, error=error)
        self.searched.emit()

    def _next(self, job: BackgroundOperation) -> None:
        if self._job is job:
            self._job, self._running = None, ""
        job.deleteLater()
        pending, self._pending = self._pending, None
        if pending is not None:
            self.search(pending)

    def _supersede(self) -> None:
        """Whatever runs or waits now is not shown (its project or its query is gone)."""
        self._generation += 1
        self._pending = None
        self._running = ""  # the same query asked again runs again

    def is_searching(self) -> bool:
        return self._job is not None or self._pending is not None

    def stop(self) -> None:
        """Wait for the search still running (the window is closing); nothing more is shown."""
        self._typing.stop()
        self._supersede()
        if self._job is not None:
            self._job.wait()

    # --- what is shown ---------------------------------------------------------------

    def hits(self) -> list[FindHit]:
        """The hits listed, in their order."""
        return list(self._result.hits) if self._result is not None else []

    def result(self) -> FindResult | None:
        return self._result

    def count_text(self) -> str:
        """What the panel says about the search (``Matches: 7 · documents: 3``…)."""
        return self.message.text()

    def _show(self, result: FindResult | None, query: str, *, error: str = "") -> None:
        self._result, self._shown_query, self._error = result, query, error
        self.tree.clear()
        if result is not None:
            self._fill(result)
        self._update_message()

    def _fill(self, result: FindResult) -> None:
        by_doc: dict[int, QTreeWidgetItem] = {}
        counts: dict[int, int] = {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for hit in result.hits:
            parent = by_doc.get(hit.doc_id)
            if parent is None:
                parent = QTreeWidgetItem(self.tree)
                parent.setFont(0, bold)
                parent.setData(0, Qt.ItemDataRole.UserRole, hit.doc_id)
                by_doc[hit.doc_id] = parent
            counts[hit.doc_id] = counts.get(hit.doc_id, 0) + 1
            child = QTreeWidgetItem(parent)
            child.setText(0, context_text(hit))  # plain text in an item view
            child.setData(0, HIT_ROLE, hit)
            child.setToolTip(0, plain_tooltip(f"{hit.number} · {hit.title}\n{context_text(hit)}"))
        for doc_id, parent in by_doc.items():
            first = parent.child(0).data(0, HIT_ROLE)
            parent.setText(0, self._document_text(first, counts[doc_id]))
            parent.setToolTip(0, plain_tooltip(first.title))
        self.tree.expandAll()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0).child(0))

    def _document_text(self, hit: FindHit, count: int) -> str:
        # A mark of the interface's direction first: the title inside is isolated,
        # so a row reads "12 · title (3)" from the start side in either language.
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        mark = "\u200f" if rtl else "\u200e"
        title = isolate(hit.title or "—")
        return mark + fill(translate("CorpusFind", "%1 · %2 (%3)"), hit.number, title, count)

    def _update_message(self) -> None:
        result, error = self._result, self._error
        if error:
            text = error
        elif result is None:
            text = ""
        elif not result.hits:
            text = fill(translate("CorpusFind", "Not found: %1"), isolate(result.query))
        elif result.truncated:
            text = fill(
                translate(
                    "CorpusFind",
                    "The first %1 matches (documents: %2); there are more: make the search longer.",
                ),
                len(result.hits),
                result.documents,
            )
        else:
            text = fill(
                translate("CorpusFind", "Matches: %1 · documents: %2"),
                len(result.hits),
                result.documents,
            )
        self.message.setText(text)

    # --- choosing a hit ----------------------------------------------------------------

    def current_hit(self) -> FindHit | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        if item.childCount():
            item = item.child(0)
        hit = item.data(0, HIT_ROLE)
        return hit if isinstance(hit, FindHit) else None

    def open_current(self) -> bool:
        """Open the current hit (the first when none is chosen); ``False`` without one."""
        hit = self.current_hit()
        if hit is None:
            return False
        self.hit_chosen.emit(hit, self._shown_query)
        return True

    def _activate(self, item: QTreeWidgetItem) -> None:
        self.tree.setCurrentItem(item)
        self.open_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.edit and key in _ENTER:
                # Enter searches; once the hits shown are this query's, it opens one.
                if self._result is not None and self._shown_query == self.edit.text():
                    self.open_current()
                else:
                    self.search()
                return True
            if watched is self.edit and key == Qt.Key.Key_Down and self.tree.topLevelItemCount():
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.LayoutDirectionChange):
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.edit.setPlaceholderText(
            translate("CorpusFind", "Text in every document (tashkeel and hamza forms ignored)")
        )
        self.edit.setToolTip(
            translate(
                "CorpusFind",
                "Searches as you type from three letters; Enter searches now, "
                "then opens the chosen match",
            )
        )
        if self._result is not None:
            for row in range(self.tree.topLevelItemCount()):
                parent = self.tree.topLevelItem(row)
                first = parent.child(0).data(0, HIT_ROLE)
                parent.setText(0, self._document_text(first, parent.childCount()))
            self._update_message()
