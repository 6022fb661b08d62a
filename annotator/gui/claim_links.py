"""A claim's links in the editor: the open document's links, the keys that pick them.

With a claim selected, **Ctrl+K** starts picking its claimer (**Ctrl+Shift+K** its
cue; **Ctrl+J** lists every link type of the label set that starts at the
selected span); the same key again cancels. The picking mode itself (the
candidates, the status bar's guidance, the edits) is
:mod:`annotator.gui.claim_picking`'s. The links also give the span list and the
tooltips their lines (``claimer: «قسد»``).

What is drawn is :mod:`annotator.gui.claim_painting`'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from annotator.core.change import Change
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
from annotator.gui.claim_picking import ClaimPicking, Picking
from annotator.gui.common import isolate, menu_text, snippet
from annotator.gui.i18n import fill, translate

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


class ClaimLinks(QObject):
    """Claim links of one editor: the open document's links, the keys that pick them,
    the drawing; its picking mode (:class:`~annotator.gui.claim_picking.ClaimPicking`)
    as ``picker``, its attribute keys
    (:class:`~annotator.gui.claim_attributes.ClaimAttributes`) as ``attributes``."""

    def __init__(self, editor: AnnotationEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self._session = editor.session
        self._project = editor.session.project
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
        self.picker = ClaimPicking(self)  # the editor's first key handler, the view's clicks
        view = editor.text_view()
        view.overlays.append(ClaimPainting(self))
        view.span_details = self.details
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
        self.picker.cancel_if_gone()

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

    def link_type(self, name: str) -> LinkType | None:
        return next((t for t in self._types if t.name == name), None)

    def span_text(self, span: Span) -> str:
        """The span's text as the status bar and the details show it: short, isolated."""
        return isolate(snippet(self.editor.text()[span.start : span.end]))

    def details(self, span: Span) -> list[str]:
        """Plain-text lines for the span list and tooltips: ``stance: denies``,
        ``claimer: «قسد»``, ``claimer of: «وجود اي…»``."""
        spans = self.shown()
        lines = attributes_text(self.labels.get(span.label), span.attrs)
        for link in self.links_of(span.id):
            child = spans.get(link.child) if link.child else None
            shown = self.span_text(child) if child is not None else (link.value or "")
            lines.append(f"{link.type}: {shown}")
        for link in self.links_to(span.id):
            head = spans.get(link.head)
            if head is not None:
                lines.append(
                    fill(translate("ClaimLinks", "%1 of: %2"), link.type, self.span_text(head))
                )
        return lines

    # --- picking (the mode is ClaimPicking's) ---------------------------------------

    @property
    def picking(self) -> Picking | None:
        """What is being picked, if anything (the drawing and the tests read it)."""
        return self.picker.picking

    @picking.setter
    def picking(self, picking: Picking | None) -> None:
        self.picker.picking = picking

    def start(self, type_name: str) -> bool:
        """Start picking the ``type_name`` link of the selected span (see ``picker``)."""
        return self.picker.start(type_name)

    def cancel(self, *, say: bool = True) -> None:
        self.picker.cancel(say=say)

    def say(self, message: str) -> None:
        """Show ``message`` in the status bar."""
        self.editor.status_message.emit(message)

    # --- keys -----------------------------------------------------------------------

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

    def choose_link_type(self) -> None:
        """A menu of the link types that start at the selected span (Ctrl+J)."""
        self.cancel(say=False)
        editor = self.editor
        head = next((s for s in editor.spans() if s.id == editor.selected_span()), None)
        types = self.link_types_from(head) if head is not None else []
        if not types:
            self.say(translate("ClaimLinks", "Select a claim first: links start at claims."))
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
