"""A claim's links in the editor: pick its claimer or cue by keyboard, see them drawn.

With a claim selected, **Ctrl+K** starts picking its claimer (**Ctrl+Shift+K** its
cue; **Ctrl+J** lists every link type of the label set that starts at the
selected span). While picking, the status bar says what to do: Tab or the
arrow keys move among the candidates (the spans the link type allows, this
annotator's, in text order, the nearest first), Enter or a click sets the one
highlighted, ``1``…``9`` set an implicit value the link type offers
(``author``, ``unnamed source``, ``unknown``), Delete removes the link, Escape
cancels. Every change is a core edit (:mod:`annotator.core.claim_edits`) run
through the session: in the file at once and undone with Ctrl+Z.

What is drawn is :mod:`annotator.gui.claim_painting`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QMenu

from annotator.core.change import Change
from annotator.core.claim_edits import RemoveLink, SetLink
from annotator.core.errors import AnnotatorError
from annotator.core.links import CLAIMER, CUE, Link, LinkType
from annotator.core.model import Label, Span
from annotator.gui.claim_attributes import (
    ATTRIBUTES_DIALOG_KEY,
    YES_NO_KEY,
    ClaimAttributes,
    attributes_text,
    first_of_type,
)
from annotator.gui.claim_painting import ClaimPainting
from annotator.gui.common import isolate, menu_text, snippet
from annotator.gui.i18n import fill, translate
from annotator.gui.ops import error_text

if TYPE_CHECKING:
    from annotator.gui.editor import AnnotationEditor

__all__ = [
    "ClaimLinks",
    "Picking",
    "claim_shortcut_rows",
]

PICK_CLAIMER_KEY = "Ctrl+K"
PICK_CUE_KEY = "Ctrl+Shift+K"
PICK_LINK_KEY = "Ctrl+J"
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


def claim_shortcut_rows(labels: list[Label]) -> list[tuple[str, str]]:
    """The claim keys for the shortcuts sheet; the attribute keys as each label defines them."""
    rows = [
        (
            f"{PICK_CLAIMER_KEY} / {PICK_CUE_KEY}",
            translate(
                "Help",
                "Pick the claimer / the cue of the selected claim: Tab or arrows move, "
                "Enter or a click sets, a digit an implicit claimer (the status bar lists them), "
                "Delete removes, Esc cancels",
            ),
        ),
        (PICK_LINK_KEY, translate("Help", "Pick another link of the selected claim (a menu)")),
        (ATTRIBUTES_DIALOG_KEY, translate("Help", "Every attribute of the selected span")),
    ]
    for label in labels:
        choice, yes_no = first_of_type(label, "choice"), first_of_type(label, "yes/no")
        if choice is not None:
            last = min(9, len(choice.values))
            values = ", ".join(f"{i} {v}" for i, v in enumerate(choice.values[:last], 1))
            rows.append(
                (
                    f"Ctrl+1 … Ctrl+{last}",
                    fill(
                        translate("Help", "%1 %2: %3 (again: clear)"),
                        label.name,
                        choice.key,
                        values,
                    ),
                )
            )
        if yes_no is not None:
            rows.append(
                (
                    YES_NO_KEY,
                    fill(translate("Help", "%1 %2: yes → no → not set"), label.name, yes_no.key),
                )
            )
    return rows


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


class ClaimLinks(QObject):
    """Claim links of one editor: the picking mode and the drawing; its attribute
    keys (:class:`~annotator.gui.claim_attributes.ClaimAttributes`) as ``attributes``."""

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._session = editor.session
        self._project = editor.session.project
        self.picking: Picking | None = None
        self.labels: dict[str, Label] = {}
        self._types: list[LinkType] = []
        self._cache_key: tuple[int | None, str] | None = None
        self._by_head: dict[str, list[Link]] = {}
        self._by_child: dict[str, list[Link]] = {}
        self._read_labels()
        self._session.changes_did_happen.connect(self._on_changes)
        self._spans: dict[str, Span] = {}
        self.menu: QMenu | None = None
        self._actions()
        editor.keys.add(self.handle_key, first=True)  # modal: while picking, keys are its
        view = editor.text_view()
        view.overlays.append(ClaimPainting(self))
        view.span_details = self.details
        view.viewport().installEventFilter(self)
        editor.span_list_widget().model.details = self.details  # type: ignore[attr-defined]
        self.attributes = ClaimAttributes(editor)

    # --- what the document's links are ----------------------------------------------

    def _read_labels(self) -> None:
        self.labels = {label.name: label for label in self._project.labels.list()}
        self._types = self._project.link_types.list()

    def _on_changes(self, change: Change, _initiator: object) -> None:
        if change.labels_changed:
            self._read_labels()
        self._cache_key = None  # read again when next asked
        picking = self.picking
        if picking is not None and not self._alive(picking.head.id):
            self.cancel(say=False)

    def _alive(self, span_id: str) -> bool:
        return span_id in self.shown()

    def selected_span(self) -> str:
        return self.editor.selected_span()

    def shown(self) -> dict[str, Span]:
        """The editor's spans by id (read again after any change)."""
        self._links()
        return self._spans

    def _links(self) -> None:
        key = (self.editor.current_document(), self.editor.annotator())
        if key == self._cache_key:
            return
        self._spans = {s.id: s for s in self.editor.spans()}
        self._by_head, self._by_child = {}, {}
        doc_id, annotator = key
        if doc_id is not None and annotator:
            for link in self._project.links.for_document(doc_id, annotator=annotator):
                self._by_head.setdefault(link.head, []).append(link)
                if link.child is not None:
                    self._by_child.setdefault(link.child, []).append(link)
        self._cache_key = key

    def links_of(self, head_id: str) -> list[Link]:
        """Live links from ``head_id`` (a claim's claimer, cue, …), as shown."""
        self._links()
        return list(self._by_head.get(head_id, ()))

    def links_to(self, child_id: str) -> list[Link]:
        """Live links to ``child_id`` (the claims an entity is the claimer of)."""
        self._links()
        return list(self._by_child.get(child_id, ()))

    def link_types_from(self, span: Span) -> list[LinkType]:
        label = self.labels.get(span.label)
        return [t for t in self._types if label is not None and t.allows_head(label)]

    def _text(self, span: Span) -> str:
        return isolate(snippet(self.editor.text()[span.start : span.end]))

    def details(self, span: Span) -> list[str]:
        """Plain-text lines for the span list and tooltips: ``stance: denies``,
        ``claimer: «قسد»``, ``claimer of: «وجود اي…»``."""
        spans = self.shown()
        lines = attributes_text(self.labels.get(span.label), span.attrs)
        for link in self.links_of(span.id):
            child = spans.get(link.child) if link.child else None
            shown = self._text(child) if child is not None else (link.value or "")
            lines.append(f"{link.type}: {shown}")
        for link in self.links_to(span.id):
            head = spans.get(link.head)
            if head is not None:
                lines.append(
                    fill(translate("ClaimLinks", "%1 of: %2"), link.type, self._text(head))
                )
        return lines

    # --- picking ----------------------------------------------------------------------

    def start(self, type_name: str) -> bool:
        """Start picking the ``type_name`` link of the selected span.

        :returns: whether picking started (the status bar says why not).
        """
        editor = self.editor
        head = next((s for s in editor.spans() if s.id == editor.selected_span()), None)
        link_type = next((t for t in self._types if t.name == type_name), None)
        if link_type is None:
            self._say(fill(translate("ClaimLinks", "This label set has no %1 link."), type_name))
            return False
        label = self.labels.get(head.label) if head is not None else None
        if head is None or label is None or not link_type.allows_head(label):
            self._say(
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
            and s.label in self.labels
            and link_type.allows_child(self.labels[s.label])
        ]
        if not candidates and not link_type.implicit:
            self._say(
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
                for k in self.links_of(head.id)
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
            self._say(translate("ClaimLinks", "Picking cancelled."))

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
            self._say(translate("ClaimLinks", "Nothing to pick here."))
            return False
        edit = SetLink(picking.head.id, picking.link_type.name, child=child.id)
        text = fill(
            translate("ClaimLinks", "Set %1 of «%2» to «%3»"),
            picking.link_type.name,
            self._text(picking.head),
            self._text(child),
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
            self._text(picking.head),
            value,
        )
        return self._finish(edit, text)

    def unlink(self) -> bool:
        """Remove the head's links of the type being picked."""
        picking = self.picking
        if picking is None:
            return False
        links = [k for k in self.links_of(picking.head.id) if k.type == picking.link_type.name]
        if not links:
            self._say(
                fill(
                    translate("ClaimLinks", "This claim has no %1 to remove."),
                    picking.link_type.name,
                )
            )
            return False
        text = fill(
            translate("ClaimLinks", "Remove %1 of «%2»"),
            picking.link_type.name,
            self._text(picking.head),
        )
        made = all(self._run(RemoveLink(link.id), text) for link in links)
        self.cancel(say=False)
        if made:
            self._say(text)
        return made

    def _finish(self, edit: SetLink, text: str) -> bool:
        made = self._run(edit, text)
        if made:
            self.cancel(say=False)
            self._say(text)
        return made

    def _run(self, edit: SetLink | RemoveLink, text: str) -> bool:
        try:
            change = self._session.run(edit, text=menu_text(text), initiator=self)
        except AnnotatorError as exc:
            self._say(error_text(exc))
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
                self._text(picking.head),
            )
        ]
        if span is not None:
            parts.append(
                fill(
                    translate(
                        "ClaimLinks", "«%1» (%2 of %3) — Tab or arrows move, Enter or a click sets;"
                    ),
                    self._text(span),
                    picking.current + 1,
                    len(picking.candidates),
                )
            )
        if implicit:
            parts.append(implicit + ";")
        parts.append(translate("ClaimLinks", "Delete removes it; Esc cancels."))
        self._say(" ".join(parts))

    def _say(self, message: str) -> None:
        self.editor.status_message.emit(message)

    # --- keys and clicks ------------------------------------------------------------

    def toggle(self, type_name: str) -> None:
        """Start picking ``type_name`` (Ctrl+K, Ctrl+Shift+K); the same key again cancels."""
        if self.picking is not None and self.picking.link_type.name == type_name:
            self.cancel()
            return
        self.cancel(say=False)
        self.start(type_name)

    def _actions(self) -> None:
        """Ctrl+K, Ctrl+Shift+K, Ctrl+J on the editor, as shortcuts: on X11 Qt's
        shortcut map also tries the Latin letter of a key under an Arabic layout."""
        editor = self.editor
        self.actions: dict[str, QAction] = {}
        for name, key, slot in (
            (CLAIMER, PICK_CLAIMER_KEY, lambda: self.toggle(CLAIMER)),
            (CUE, PICK_CUE_KEY, lambda: self.toggle(CUE)),
            ("", PICK_LINK_KEY, self.choose_link_type),
        ):
            action = QAction(editor)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, slot=slot: slot())
            editor.addAction(action)
            self.actions[name] = action

    def handle_key(self, event: QKeyEvent) -> bool:
        """The editor's first key handler: while picking, every key is the picking's."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        shift = Qt.KeyboardModifier.ShiftModifier
        if self.picking is not None and not self._alive(self.picking.head.id):
            self.cancel(say=False)  # another document, or the claim went (undo)
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

    def choose_link_type(self) -> None:
        """A menu of the link types that start at the selected span (Ctrl+J)."""
        self.cancel(say=False)
        editor = self.editor
        head = next((s for s in editor.spans() if s.id == editor.selected_span()), None)
        types = self.link_types_from(head) if head is not None else []
        if not types:
            self._say(translate("ClaimLinks", "Select a claim first: links start at claims."))
            return
        menu = QMenu(editor)
        for link_type in types:
            action = menu.addAction(menu_text(link_type.name))
            action.setToolTip(link_type.description)
            action.triggered.connect(lambda _c=False, name=link_type.name: self.start(name))
        view = editor.text_view()
        rects = view.span_rects(head.start, head.end) if head is not None else []
        where = rects[0].bottomRight().toPoint() if rects else QRect().center()
        menu.popup(view.viewport().mapToGlobal(where))
        self.menu = menu

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
