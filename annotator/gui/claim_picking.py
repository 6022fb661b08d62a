"""Picking a claim's claimer or cue by keyboard: the editor's modal picking mode.

:class:`~annotator.gui.claim_links.ClaimLinks` starts it (Ctrl+K, Ctrl+Shift+K,
Ctrl+J). While picking, the status bar says what to do: Tab or the arrow keys
move among the candidates (the spans the link type allows, this annotator's, in
text order, the nearest first), Enter or a click sets the one highlighted,
``1``…``9`` set an implicit value the link type offers (``author``,
``unnamed source``, ``unknown``), Delete removes the link, Escape cancels. Every
change is a core edit (:mod:`annotator.core.claim_edits`) run through the
session: in the file at once and undone with Ctrl+Z.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

from annotator.core.claim_edits import RemoveLink, SetLink
from annotator.core.errors import AnnotatorError
from annotator.core.links import LinkType
from annotator.core.model import Span
from annotator.gui.common import menu_text
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import error_text

if TYPE_CHECKING:
    from annotator.gui.claim_links import ClaimLinks

__all__ = ["ClaimPicking", "Picking"]

_PREVIOUS_KEYS = (Qt.Key.Key_Backtab, Qt.Key.Key_Up, Qt.Key.Key_Right)
# Right to left: Left moves on in the text, as the caret does.
_NEXT_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Left)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class Picking:
    """Picking the ``link_type`` child of ``head``: the candidates, the highlighted one."""

    head: Span
    link_type: LinkType
    candidates: list[Span]
    current: int = -1

    def highlighted(self) -> Span | None:
        return self.candidates[self.current] if 0 <= self.current < len(self.candidates) else None


def _nearest(head: Span, candidates: list[Span]) -> int:
    """The candidate nearest the claim; one before it wins a tie (قالت قسد: …)."""
    if not candidates:
        return -1

    def distance(span: Span) -> tuple[int, int]:
        if span.end <= head.start:
            return (head.start - span.end, 0)
        if span.start >= head.end:
            return (span.start - head.end, 1)
        return (0, 0)  # inside the claim

    return min(range(len(candidates)), key=lambda i: distance(candidates[i]))


class ClaimPicking(QObject):
    """The picking mode of one editor's :class:`~annotator.gui.claim_links.ClaimLinks`:
    the editor's first key handler and a mouse filter on its article view."""

    def __init__(self, links: ClaimLinks) -> None:
        super().__init__(links)
        self._links = links
        self.editor = links.editor
        self.picking: Picking | None = None
        self.editor.keys.add(self.handle_key, first=True)  # modal: while picking, keys are its
        self.editor.text_view().viewport().installEventFilter(self)

    def cancel_if_gone(self) -> None:
        """Cancel, silently, once the claim is not shown: another document, or undo took it."""
        if self.picking is not None and self.picking.head.id not in self._links.shown():
            self.cancel(say=False)

    def start(self, type_name: str) -> bool:
        """Start picking the ``type_name`` link of the selected span.

        :returns: whether picking started (the status bar says why not).
        """
        editor, links = self.editor, self._links
        head = next((s for s in editor.spans() if s.id == editor.selected_span()), None)
        link_type = links.link_type(type_name)
        if link_type is None:
            links.say(fill(translate("ClaimLinks", "This label set has no %1 link."), type_name))
            return False
        label = links.labels.get(head.label) if head is not None else None
        if head is None or label is None or not link_type.allows_head(label):
            links.say(
                fill(
                    translate("ClaimLinks", "Select a %1 span first (click it), then pick its %2."),
                    " / ".join(link_type.heads),
                    link_type.name,
                )
            )
            return False
        candidates = [
            s
            for s in editor.spans()
            if s.id != head.id
            and s.label in links.labels
            and link_type.allows_child(links.labels[s.label])
        ]
        if not candidates and not link_type.implicit:
            links.say(
                fill(
                    translate(
                        "ClaimLinks",
                        "No %1 span in this document to pick as the %2: mark it first.",
                    ),
                    " / ".join(link_type.children),
                    link_type.name,
                )
            )
            return False
        current = next(
            (
                i
                for i, s in enumerate(candidates)
                for k in links.links_of(head.id)
                if k.type == link_type.name and k.child == s.id
            ),
            _nearest(head, candidates),
        )
        self.picking = Picking(head, link_type, candidates, current)
        self.editor.text_view().setFocus()  # Tab, arrows and Enter go to the picking
        self._show_current()
        self._say_how()
        return True

    def cancel(self, *, say: bool = True) -> None:
        if self.picking is None:
            return
        self.picking = None
        self.editor.text_view().viewport().update()
        if say:
            self._links.say(translate("ClaimLinks", "Picking cancelled."))

    def move(self, step: int) -> None:
        """Highlight the next (``1``) or previous (``-1``) candidate, wrapping around."""
        picking = self.picking
        if picking is None or not picking.candidates:
            return
        picking.current = (picking.current + step) % len(picking.candidates)
        self._show_current()
        self._say_how()

    def pick(self, child_id: str | None = None) -> bool:
        """Set the highlighted candidate (or ``child_id``) as the link's child."""
        picking = self.picking
        if picking is None:
            return False
        child = picking.highlighted()
        if child_id is not None:
            child = next((s for s in picking.candidates if s.id == child_id), None)
        if child is None:
            self._links.say(translate("ClaimLinks", "Nothing to pick here."))
            return False
        edit = SetLink(picking.head.id, picking.link_type.name, child=child.id)
        text = fill(
            translate("ClaimLinks", "Set %1 of «%2» to «%3»"),
            picking.link_type.name,
            self._links.span_text(picking.head),
            self._links.span_text(child),
        )
        return self._finish(edit, text)

    def pick_implicit(self, number: int) -> bool:
        """Set implicit value number ``number`` (from 1) of the link type."""
        picking = self.picking
        if picking is None:
            return False
        values = picking.link_type.implicit
        if not 1 <= number <= len(values):
            self._say_how()
            return False
        value = values[number - 1]
        edit = SetLink(picking.head.id, picking.link_type.name, value=value)
        text = fill(
            translate("ClaimLinks", "Set %1 of «%2» to %3"),
            picking.link_type.name,
            self._links.span_text(picking.head),
            value,
        )
        return self._finish(edit, text)

    def unlink(self) -> bool:
        """Remove the head's links of the type being picked."""
        picking = self.picking
        if picking is None:
            return False
        name = picking.link_type.name
        links = [k for k in self._links.links_of(picking.head.id) if k.type == name]
        if not links:
            self._links.say(
                fill(
                    translate("ClaimLinks", "This claim has no %1 to remove."),
                    picking.link_type.name,
                )
            )
            return False
        text = fill(
            translate("ClaimLinks", "Remove %1 of «%2»"),
            picking.link_type.name,
            self._links.span_text(picking.head),
        )
        made = all(self._run(RemoveLink(link.id), text) for link in links)
        self.cancel(say=False)
        if made:
            self._links.say(text)
        return made

    def _finish(self, edit: SetLink, text: str) -> bool:
        made = self._run(edit, text)
        if made:
            self.cancel(say=False)
            self._links.say(text)
        return made

    def _run(self, edit: SetLink | RemoveLink, text: str) -> bool:
        try:
            change = self.editor.session.run(edit, text=menu_text(text), initiator=self._links)
        except AnnotatorError as exc:
            self._links.say(error_text(exc))
            return False
        return change is not None

    def _show_current(self) -> None:
        picking = self.picking
        view = self.editor.text_view()
        span = picking.highlighted() if picking is not None else None
        if span is not None:
            view.set_selection(span.start, span.start)  # the caret there, nothing selected
            view.ensureCursorVisible()
        view.viewport().update()

    def _say_how(self) -> None:
        picking = self.picking
        if picking is None:
            return
        span = picking.highlighted()
        implicit = " · ".join(f"{i} {v}" for i, v in enumerate(picking.link_type.implicit, 1))
        parts = [
            fill(
                translate("ClaimLinks", "Pick the %1 of «%2»:"),
                picking.link_type.name,
                self._links.span_text(picking.head),
            )
        ]
        if span is not None:
            parts.append(
                fill(
                    translate(
                        "ClaimLinks", "«%1» (%2 of %3) — Tab or arrows move, Enter or a click sets;"
                    ),
                    self._links.span_text(span),
                    picking.current + 1,
                    len(picking.candidates),
                )
            )
        if implicit:
            parts.append(implicit + ";")
        parts.append(translate("ClaimLinks", "Delete removes it; Esc cancels."))
        self._links.say(" ".join(parts))

    # --- keys and clicks ------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """The editor's first key handler: while picking, every key is the picking's."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        self.cancel_if_gone()
        if self.picking is None:
            return False
        if mods & (ctrl | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
            return False  # the window's shortcuts
        if key == Qt.Key.Key_Escape:
            self.cancel()
        elif key in _NEXT_KEYS and not (key == Qt.Key.Key_Tab and mods & shift):
            self.move(1)
        elif key in _PREVIOUS_KEYS or key == Qt.Key.Key_Tab:
            self.move(-1)
        elif key in _ENTER_KEYS:
            self.pick()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.unlink()
        elif len(event.text()) == 1 and event.text().isdigit():
            self.pick_implicit(int(event.text()))  # int() reads Arabic-Indic digits too
        else:
            self._say_how()  # any other key: the picking goes on, and says how
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """While picking, a click on a candidate sets it; the selection stays."""
        picking = self.picking
        if picking is None or not isinstance(event, QMouseEvent):
            return False
        if event.type() == QEvent.Type.MouseButtonPress:
            return event.button() == Qt.MouseButton.LeftButton
        if event.type() == QEvent.Type.MouseButtonDblClick:
            return True
        if event.type() != QEvent.Type.MouseButtonRelease:
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        view = self.editor.text_view()
        offset = view.offset_at(event.position().toPoint())
        ids = {s.id for s in picking.candidates}
        hits = [s for s in view.spans_near(offset) if s.id in ids]
        if hits:
            # The innermost: a nested GPE inside an ORG is what was clicked.
            self.pick(min(hits, key=lambda s: s.end - s.start).id)
        else:
            self._say_how()
        return True
