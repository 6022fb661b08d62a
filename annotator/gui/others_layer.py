"""Other annotators' spans and gold, shown read-only beside one's own in the
article view (dashed, painted by :class:`~annotator.gui.span_painting.SpanPainting`)."""

from __future__ import annotations

from dataclasses import replace

from annotator.core.model import Span
from annotator.core.store import Project
from annotator.gui.article_view import ArticleView
from annotator.gui.highlighter import SpanIndex

__all__ = ["OthersLayer"]


class OthersLayer:
    """Whether others' spans are shown, and which, for the open document."""

    def __init__(self, view: ArticleView) -> None:
        self._view = view
        self._index = SpanIndex()
        self.shown = False

    def spans(self) -> list[Span]:
        """Others' spans (and gold) of the open document as shown; empty when hidden."""
        return list(self._index.sorted_spans()) if self._view.others is not None else []

    def load(self, project: Project, doc_id: int | None, annotator: str, text: str) -> None:
        """Read them again from the file (or hide them when off or no document is open)."""
        if not self.shown or doc_id is None:
            self._view.others = None
        else:
            others = [s for s in project.spans.for_document(doc_id) if s.annotator != annotator]
            gold = [replace(s, annotator="gold") for s in project.gold.for_document(doc_id)]
            self._index.reset(text, others + gold)
            self._view.others = self._index
        self._view.viewport().update()
