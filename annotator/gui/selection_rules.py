"""How a selection in the article becomes the characters a label gets.

By default a selection snaps to whole tokens (the document's own when it came
tokenized, e.g. from CoNLL; else the project tokenizer's), never
taking whitespace or punctuation at its edges
(:func:`annotator.core.tokenizer.snap_selection`). Alt held while selecting,
or the "Exact characters" mode, keeps the exact characters; a double click
selects a token and a triple click a sentence (both whole tokens already).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction

from annotator.core import tokenizer
from annotator.gui.article_view import ArticleView
from annotator.gui.i18n import translate

__all__ = ["SelectionRules"]


class SelectionRules(QObject):
    """The selection state of one editor: exact mode, the last exact range, the sticky label.

    :attr precise_action: a checkable toolbar action, in sync with :attr:`precise`.
    """

    def __init__(self, view: ArticleView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self.precise = False
        self.sticky: str | None = None
        # The last selection made with Alt held (or a sentence): labelled as it is.
        self.exact: tuple[int, int] | None = None
        # The open document's own tokens when it came tokenized; None: the tokenizer's.
        self.tokens: Sequence[tuple[int, int]] | None = None
        # The project's clitic policy, for the project tokenizer ("outside": ب | البوكمال).
        self.clitics = tokenizer.DEFAULT_CLITICS
        self.precise_action = QAction(translate("AnnotationEditor", "Exact characters"), self)
        self.precise_action.setCheckable(True)
        self.precise_action.setToolTip(
            translate(
                "AnnotationEditor",
                "Keep the exact characters of a selection instead of whole tokens "
                "(Ctrl+Shift+X; or hold Alt while selecting).",
            )
        )
        self.precise_action.toggled.connect(self.set_precise)
        view.token_requested.connect(self._select_token_at)
        view.sentence_requested.connect(self._select_sentence_at)

    def set_precise(self, on: bool) -> None:
        self.precise = bool(on)
        if self.precise_action.isChecked() != self.precise:
            self.precise_action.setChecked(self.precise)

    def range_to_label(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The characters a label on ``start``–``end`` gets (empty: only spaces)."""
        if self.precise or self.exact == (start, end):
            return start, end
        return tokenizer.snap_selection(text, start, end, tokens=self.tokens, clitics=self.clitics)

    def selection_finished(self, text: str, *, exact: bool, sentence: bool) -> bool:
        """After a mouse release over a selection: keep or snap it.

        :returns: whether a selection is left (only spaces selected: it is cleared).
        """
        view = self._view
        start, end = view.selection_range()
        if exact or self.precise:
            self.exact = (start, end)
        elif not sentence:
            self.exact = None
            snapped = tokenizer.snap_selection(
                text, start, end, tokens=self.tokens, clitics=self.clitics
            )
            if snapped[0] >= snapped[1]:
                cursor = view.textCursor()
                cursor.clearSelection()
                view.setTextCursor(cursor)
                return False
            if snapped != (start, end):
                view.set_selection(*snapped)
        return True

    def _select_token_at(self, point: QPoint) -> None:
        text = self._view.stored_text()
        token = tokenizer.token_at(
            text, self._view.offset_at(point), tokens=self.tokens, clitics=self.clitics
        )
        if token is None:
            return
        self.exact = None
        self._view.set_selection(*token)

    def _select_sentence_at(self, point: QPoint) -> None:
        text = self._view.stored_text()
        sentence = tokenizer.sentence_at(text, self._view.offset_at(point), clitics=self.clitics)
        if sentence is None:
            return
        # Whole tokens already; its full stop and quotes stay out, as snapping does.
        sentence = tokenizer.trim_edges(text, *sentence)
        if sentence[0] >= sentence[1]:
            return
        self.exact = sentence
        self._view.set_selection(*sentence)
