"""Suggestions in the editor: shown, selected with Tab, accepted with Enter, rejected
with Delete, all accepted at once, and "label all occurrences" of a span.

Keyboard first, as in Prodigy and INCEpTION. Every action is a core edit
(:mod:`annotator.core.suggestions`, :mod:`annotator.core.occurrences`) run
through the project's session, so it is in the file when it returns, on the
one undo stack, and every window shows it; what is shown is read back from the
file (``project.suggestions.for_document``).

Keys, tried before the label keys (plain letters and digits):

* Tab / Shift+Tab: select the next / previous suggestion (scrolled into view);
* Enter or Space: accept the selected suggestion, else the one under the cursor;
* a label key while a suggestion is selected: accept it with that label;
* Delete / Backspace: reject the selected suggestion (remembered for the document);
* Esc: drop the selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent

from annotator.core.change import Change
from annotator.core.errors import AnnotatorError
from annotator.core.occurrences import LabelAllOccurrences
from annotator.core.suggestion_model import Suggestion
from annotator.core.suggestions import AcceptAllSuggestions, AcceptSuggestion, RejectSuggestion
from annotator.core.suggestions import next_suggestion as following
from annotator.gui.common import is_plain_key, isolate, label_for_key, snippet
from annotator.gui.i18n import fill, translate
from annotator.gui.suggestion_layer import SuggestionLayer, source_name

if TYPE_CHECKING:
    from annotator.gui.editor import AnnotationEditor

__all__ = ["EditorSuggestions"]

_ACCEPT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
_REJECT_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class EditorSuggestions(QObject):
    """The suggestions of one editor's open document, and the keys that act on them.

    :signal selection_changed(str): the selected suggestion's id ("" for none).
    """

    selection_changed = Signal(str)

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self._view = editor.text_view()
        self._session = editor.session
        self._project = editor.session.project
        self.layer = SuggestionLayer(self._view.highlighter.color)
        self._view.overlays.append(self.layer)
        editor.keys.add(self.handle_key)  # Tab reaches it too (ArticleView.event)
        self._tooltip = self._view.tooltip_for
        self._view.tooltip_for = self._tooltip_at
        self._view.selection_finished.connect(self._clicked)
        editor.span_selected.connect(self._span_selected)
        self._session.changes_did_happen.connect(self._on_changes)

    # --- what is shown ---------------------------------------------------------

    def suggestions(self) -> list[Suggestion]:
        """The open document's suggestions as shown, in text order."""
        return self.layer.suggestions()

    def selected(self) -> Suggestion | None:
        return self.layer.get(self.layer.selected) if self.layer.selected else None

    def load(self) -> None:
        """Read the open document's suggestions from the file and show them."""
        doc_id = self._editor.current_document()
        rows = self._project.suggestions.for_document(doc_id) if doc_id is not None else []
        before = self.layer.selected
        self.layer.set(rows)
        self._view.viewport().update()
        if self.layer.selected != before:
            self.selection_changed.emit(self.layer.selected)

    def _on_changes(self, change: Change, _initiator: object) -> None:
        doc_id = self._editor.current_document()
        if doc_id is None:
            return
        if change.documents_changed or (
            change.suggestions_changed and change.doc_id in (None, doc_id)
        ):
            self.load()

    # --- selection ---------------------------------------------------------------

    def select(self, suggestion_id: str, *, scroll: bool = True) -> None:
        """Select a suggestion ("" clears); the caret goes to its start."""
        suggestion = self.layer.get(suggestion_id) if suggestion_id else None
        if suggestion is not None:
            if self._editor.selected_span():
                self._editor.select_span("")
            self._view.set_selection(suggestion.start, suggestion.start)
            if scroll:
                self._view.ensureCursorVisible()
        new = suggestion.id if suggestion is not None else ""
        if new != self.layer.selected:
            self.layer.selected = new
            self._view.viewport().update()
            self.selection_changed.emit(new)

    def select_next(self, *, backwards: bool = False) -> Suggestion | None:
        """Tab (Shift+Tab): the next (previous) suggestion after the caret, wrapping."""
        current = self.selected()
        offset = current.start if current is not None else self._view.cursor_offset()
        if current is None and backwards:
            offset += 1  # one starting at the caret counts as before it
        if current is None and not backwards:
            offset -= 1  # and one starting at the caret counts as next
        found = following(self.layer.suggestions(), offset, backwards=backwards)
        if found is None:
            self._say(
                translate(
                    "Suggestions",
                    "No suggestions in this document (Suggestions → Suggest for this document).",
                )
            )
            return None
        self.select(found.id)
        self._say(self._describe(found))
        return found

    def _span_selected(self, span_id: str) -> None:
        if span_id:
            self.select("")

    def _clicked(self, _exact: bool, _sentence: bool) -> None:
        # After the editor handled the click: a click on a suggestion (and on no span) selects it.
        if self._view.textCursor().hasSelection() or self._editor.selected_span():
            self.select("")
            return
        hit = self.layer.at(self._view.cursor_offset())
        self.select(hit.id if hit is not None else "", scroll=False)

    # --- edits ---------------------------------------------------------------

    def accept(self, suggestion_id: str | None = None, *, label: str | None = None) -> bool:
        """Accept a suggestion (the selected one by default): a span of the annotator
        that records its source; the next suggestion is selected."""
        suggestion = self.layer.get(suggestion_id or self.layer.selected)
        if suggestion is None or not self._ready():
            return False
        edit = AcceptSuggestion(suggestion.id, self._editor.annotator(), label=label)
        text = fill(
            translate("Suggestions", "Accept %1 «%2»"),
            label or suggestion.label,
            isolate(snippet(self._editor.text()[suggestion.start : suggestion.end])),
        )
        if not self._run(edit, text):
            return False
        self._advance(suggestion.start)
        return True

    def reject(self, suggestion_id: str | None = None) -> bool:
        """Reject a suggestion: it and its copies (same text, label, source) go, for good."""
        suggestion = self.layer.get(suggestion_id or self.layer.selected)
        if suggestion is None or not self._ready():
            return False
        text = fill(
            translate("Suggestions", "Reject %1 «%2»"),
            suggestion.label,
            isolate(snippet(self._editor.text()[suggestion.start : suggestion.end])),
        )
        if not self._run(RejectSuggestion(suggestion.id), text):
            return False
        self._advance(suggestion.start)
        return True

    def accept_all(self) -> bool:
        """Accept every remaining suggestion of the open document (Ctrl+Shift+A)."""
        doc_id = self._editor.current_document()
        if doc_id is None or not self._ready():
            return False
        if not len(self.layer):
            self._say(translate("Suggestions", "No suggestions left in this document."))
            return False
        edit = AcceptAllSuggestions(doc_id, self._editor.annotator())
        if not self._run(edit, translate("Suggestions", "Accept all suggestions")):
            return False
        message = fill(translate("Suggestions", "Accepted %1 suggestions."), len(edit.accepted))
        if edit.left:
            message += " " + fill(
                translate("Suggestions", "%1 left: they cross an entity."), len(edit.left)
            )
        self._say(message)
        return True

    def label_all(self, *, scope: str = "document", span_id: str | None = None) -> bool:
        """Give every other occurrence of the selected span's text its label (one edit)."""
        span_id = span_id or self._editor.selected_span()
        if not span_id:
            self._say(translate("Suggestions", "Select a span first (click it), then label all."))
            return False
        edit = LabelAllOccurrences(span_id, scope="corpus" if scope == "corpus" else "document")
        if not self._run(edit, translate("Suggestions", "Label all occurrences")):
            return False
        preview = edit.preview
        assert preview is not None
        self._say(
            fill(
                translate("Suggestions", "Labelled %1 occurrences in %2 documents; %3 skipped."),
                preview.total,
                len(preview.per_document),
                len(preview.skipped),
            )
        )
        return True

    def _run(self, edit: object, text: str) -> bool:
        try:
            change = self._session.run(edit, text=text, initiator=self)  # type: ignore[arg-type]
        except AnnotatorError as exc:
            self._say(str(exc))
            return False
        return change is not None

    def _advance(self, offset: int) -> None:
        """After an accept or a reject, the next suggestion is selected (Enter, Enter…)."""
        rest = self.layer.suggestions()
        if not rest:
            self.select("")
            self._say(translate("Suggestions", "No suggestions left in this document."))
            return
        found = next((s for s in rest if s.start >= offset), rest[0])
        self.select(found.id)

    def _ready(self) -> bool:
        if not self._editor.annotator():
            self._say(translate("AnnotationEditor", "Set the annotator's name first."))
            return False
        return True

    def _say(self, message: str) -> None:
        self._editor.status_message.emit(message)

    def _describe(self, s: Suggestion) -> str:
        number = next(i for i, o in enumerate(self.layer.suggestions(), 1) if o.id == s.id)
        return fill(
            translate("Suggestions", "Suggestion %1 of %2: %3 «%4» (%5, %6) · Enter accepts"),
            number,
            len(self.layer),
            s.label,
            isolate(snippet(self._editor.text()[s.start : s.end])),
            source_name(s.source),
            f"{s.score:.2f}",
        )

    # --- keys ----------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """The editor's key handler for suggestions (``True``: the key was taken)."""
        if not is_plain_key(event) or self._editor.current_document() is None:
            return False
        key = event.key()
        if key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.select_next()
            return True
        if key == Qt.Key.Key_Backtab or key == Qt.Key.Key_Tab:
            self.select_next(backwards=True)
            return True
        if key == Qt.Key.Key_Escape and self.layer.selected:
            self.select("")
            return False  # the editor clears its own selection too
        if key in _ACCEPT_KEYS:
            if self.layer.selected:
                return self.accept() or True
            if self._view.textCursor().hasSelection() or self._editor.selected_span():
                return False
            hit = self.layer.at(self._view.cursor_offset())
            if hit is None:
                return False
            self.accept(hit.id)
            return True
        if key in _REJECT_KEYS and self.layer.selected:
            self.reject()
            return True
        if self.layer.selected and not self._view.textCursor().hasSelection():
            label = label_for_key(event, self._editor.label_keys())
            if label is not None:
                self.accept(label=label)
                return True
        return False

    def _tooltip_at(self, point: QPoint) -> str:
        base = self._tooltip(point)
        if self._editor.current_document() is None:
            return base
        mine = self.layer.tooltip_lines(self._view.offset_at(point))
        return "<br>".join([base, *mine] if base else mine)
