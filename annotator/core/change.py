"""What every user action is: an :class:`Edit` that says what it changed.

An edit is a plain object with :meth:`~Edit.apply` and :meth:`~Edit.revert`,
each one transaction, each returning a :class:`Change`. Run it with
:meth:`annotator.core.store.Project.apply` (and undo it with
:meth:`~annotator.core.store.Project.revert`): that is the one way a user
action reaches the file, from the CLI, a script, a test or the GUI (which wraps
edits in ``QUndoCommand`` through :mod:`annotator.gui.ops` and broadcasts each
:class:`Change` to every window). The concrete edits live in
:mod:`annotator.core.edits` (spans, statuses, time) and
:mod:`annotator.core.adjudication` (gold).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from annotator.core.model import DocId, SpanId

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["Change", "Edit"]


@dataclass(frozen=True, slots=True)
class Change:
    """What an edit touched, so each view refreshes only that from the file.

    :param doc_id: the document, or ``None`` when the change is not about one
        document (an import, the label set).
    :param span_ids: spans added, removed or changed: annotators' spans, or gold
        spans when ``gold`` is set.
    """

    doc_id: DocId | None
    span_ids: tuple[SpanId, ...] = ()
    status_changed: bool = False
    gold: bool = False
    adjudication_changed: bool = False
    documents_changed: bool = False
    labels_changed: bool = False
    # The document's suggestions (accepted, rejected, filled): the editor redraws them.
    suggestions_changed: bool = False
    #: The project's meta (its guidelines) changed.
    meta_changed: bool = False
    #: An annotator's note or "unsure" flag on the document (``doc_id``) changed.
    document_note_changed: bool = False

    @property
    def empty(self) -> bool:
        """Nothing changed (a row rejected where gold had nothing): nothing to undo."""
        return not (
            self.span_ids
            or self.status_changed
            or self.adjudication_changed
            or self.documents_changed
            or self.labels_changed
            or self.suggestions_changed
            or self.meta_changed
            or self.document_note_changed
        )

    @classmethod
    def everything(cls) -> Change:
        """Anything may have changed (an import, a merge): views reload what they show."""
        return cls(
            None,
            status_changed=True,
            gold=True,
            adjudication_changed=True,
            documents_changed=True,
            labels_changed=True,
            suggestions_changed=True,
            meta_changed=True,
            document_note_changed=True,
        )


class Edit(Protocol):
    """A user action on a project, undoable.

    ``apply`` may be called again after ``revert`` (redo) and must then give
    the same ids as the first time, so later undo entries still match.
    """

    def apply(self, project: Project) -> Change:
        """Make the change, in one transaction; raise an ``AnnotatorError`` to refuse it."""
        ...

    def revert(self, project: Project) -> Change:
        """Undo the last ``apply``, in one transaction."""
        ...

    def describe(self) -> str:
        """A short English text for the Undo menu (the GUI may pass a translated one)."""
        ...
