"""Undo for the core's adjudication calls (accept a version, majority, reject).

Those calls are single transactions without a revert of their own; this
command keeps the document's gold rows (tombstones included) before and after
and writes the difference back, in one transaction each way, with a fresh
``updated`` time so later merges see the undo as the newest change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from annotator.core.edits import Change
from annotator.core.model import DocId, Span, utc_now
from annotator.core.store import Project

__all__ = ["GoldSnapshotCommand", "gold_snapshot"]


class GoldSnapshotCommand(QUndoCommand):
    """One adjudication call on the undo stack: gold of a document before and after."""

    def __init__(
        self,
        project: Project,
        doc_id: DocId,
        before: dict[str, Span],
        after: dict[str, Span],
        text: str,
        *,
        on_change: Callable[[Change], None],
    ) -> None:
        super().__init__(text)
        self._project = project
        self._doc_id = doc_id
        self._before = before
        self._after = after
        self._changed = tuple(
            sid for sid, span in after.items() if _state(before.get(sid)) != _state(span)
        )
        self._on_change = on_change
        self._first = True

    def changed(self) -> bool:
        return bool(self._changed)

    def redo(self) -> None:
        if self._first:  # the window ran the call itself before pushing
            self._first = False
            return
        self._write(self._after)

    def undo(self) -> None:
        self._write(self._before)

    def _write(self, state: dict[str, Span]) -> None:
        gold = self._project.gold
        with self._project.transaction():
            now = utc_now()
            for sid in self._changed:
                span = state.get(sid)
                if span is None:  # did not exist on this side: a tombstone
                    gold.set_deleted(sid, now, updated=now)
                else:
                    gold.upsert(_restamped(span, now))
        self._on_change(Change(self._doc_id, self._changed))


def _state(span: Span | None) -> tuple[Any, ...] | None:
    if span is None:
        return None
    return (span.label, span.start, span.end, span.deleted is None)


def _restamped(span: Span, now: str) -> Span:
    return Span(
        span.id,
        span.doc_id,
        span.annotator,
        span.label,
        span.start,
        span.end,
        dict(span.attrs),
        span.created,
        now,
        span.deleted,
    )


def gold_snapshot(project: Project, doc_id: DocId) -> dict[str, Span]:
    return {s.id: s for s in project.gold.for_document(doc_id, include_deleted=True)}
