"""The chosen adjudication row, once per annotator and once for gold, stacked.

Each version is one line of rich text built here from escaped pieces
(:func:`version_html`): every character of the document shown is plain. Under
an annotator's version, their note and "unsure" flag on the whole document, as
plain text; with no row chosen, the notes alone.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.adjudication import Row
from annotator.core.model import Span
from annotator.core.store_notes import DocumentNote
from annotator.gui.common import mix, plain_tooltip
from annotator.gui.fonts import arabic_font
from annotator.gui.i18n import fill, translate
from annotator.gui.review.gold_view import DISPUTED
from annotator.gui.review.notes import note_text
from annotator.gui.review.structures import Structures

__all__ = ["VersionsPanel", "version_html"]

_CONTEXT = 40  # characters either side of a row in the stacked versions


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """A few words either side of ``start``–``end``, within its line."""
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    newline = text.rfind("\n", lo, start)
    if newline != -1:
        lo = newline + 1
    newline = text.find("\n", end, hi)
    if newline != -1:
        hi = newline
    if lo > 0 and not text[lo - 1].isspace():
        space = next((i for i in range(lo, start) if text[i].isspace()), None)
        lo = space + 1 if space is not None else lo
    if hi < len(text) and not text[hi].isspace():
        space = next((i for i in range(hi - 1, end - 1, -1) if text[i].isspace()), None)
        hi = space if space is not None else hi
    return lo, hi


def version_html(
    text: str,
    lo: int,
    hi: int,
    spans: Sequence[Span],
    *,
    colors: dict[str, str],
    claims: set[str],
    disputed: Sequence[tuple[int, int]] = (),
) -> str:
    """``text[lo:hi]`` as rich text: entities on their label colour, claims tinted and
    underlined, disputed characters in red. Colour-only changes keep Arabic letters
    joined (DESIGN.md, "Known platform facts"). Text is escaped and colours go
    through ``QColor`` (a colour from a file is data too)."""
    cuts = {lo, hi}
    for s in spans:
        cuts.update(p for p in (s.start, s.end) if lo < p < hi)
    for a, b in disputed:
        cuts.update(p for p in (a, b) if lo < p < hi)
    ordered = sorted(cuts)
    parts = ["…" if lo > 0 and text[lo - 1] != "\n" else ""]
    for a, b in zip(ordered, ordered[1:], strict=False):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        entity = next((s for s in covering if s.label not in claims), None)
        claim = next((s for s in covering if s.label in claims), None)
        style = []
        if entity is not None:
            style.append(f"background-color:{mix(colors.get(entity.label, '#cccccc'), 1.0).name()}")
        elif claim is not None:
            style.append(f"background-color:{mix(colors.get(claim.label, '#cccccc'), 0.25).name()}")
        if claim is not None:
            style.append("text-decoration:underline")
        if any(d0 <= a and b <= d1 for d0, d1 in disputed):
            style.append(f"color:{DISPUTED.name()}")
        chunk = html.escape(text[a:b].replace("\n", " "))
        parts.append(f'<span style="{";".join(style)}">{chunk}</span>' if style else chunk)
    parts.append("…" if hi < len(text) and text[hi] != "\n" else "")
    return '<p dir="rtl" align="right" style="white-space:pre-wrap">' + "".join(parts) + "</p>"


class VersionsPanel(QWidget):
    """The chosen row, once per annotator (and gold), stacked: one line each.

    :signal accept_requested(str): the Accept button of this annotator.
    :signal reject_requested(): the Reject row button (gold's line).
    """

    accept_requested = Signal(str)
    reject_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.setHorizontalSpacing(10)
        self._layout.setVerticalSpacing(4)
        self._layout.setColumnStretch(1, 1)
        self.lines: dict[str, QLabel] = {}
        self.heads: dict[str, QLabel] = {}
        self.accept_buttons: dict[str, QPushButton] = {}
        self.reject_button: QPushButton | None = None
        self.structure_note: QLabel | None = None
        #: Each annotator's note and flag on the document, under their version.
        self.notes: dict[str, QLabel] = {}
        self._notes: dict[str, DocumentNote] = {}
        self._show_empty()

    def set_notes(self, notes: Mapping[str, DocumentNote]) -> None:
        """The open document's notes, by annotator; shown from the next :meth:`show_row`."""
        self._notes = {name: note for name, note in notes.items() if not note.empty}

    def _show_empty(self) -> None:
        empty = QLabel(translate("Review", "Choose a row to see every annotator's version."), self)
        self._layout.addWidget(empty, 0, 0, 1, 3)
        for r, (name, note) in enumerate(self._notes.items(), 1):
            head = QLabel(name, self)
            head.setTextFormat(Qt.TextFormat.PlainText)
            head.setStyleSheet("QLabel { font-weight: bold; }")
            self._layout.addWidget(head, r, 0)
            self._layout.addWidget(self._note_label(name, note, self), r, 1, 1, 2)
        # The lines at the top, not spread over the panel's height.
        spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        self._layout.addItem(spacer, len(self._notes) + 1, 0)

    def _note_label(self, name: str, note: DocumentNote, parent: QWidget) -> QLabel:
        label = QLabel(note_text(note), parent)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a note is data
        label.setWordWrap(True)
        label.setStyleSheet("QLabel { color: #7a4a00; font-style: italic; }")
        label.setToolTip(translate("Review", "This annotator's note on the whole document"))
        self.notes[name] = label
        return label

    def clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # now: deleteLater only runs once the event loop gets to it
                widget.deleteLater()
        self.lines = {}
        self.heads = {}
        self.accept_buttons = {}
        self.reject_button = None
        self.structure_note = None
        self.notes = {}

    def show_row(
        self,
        text: str,
        names: Sequence[str],
        row: Row | None,
        gold: Sequence[Span],
        *,
        colors: dict[str, str],
        claims: set[str],
        structures: Structures | None = None,
    ) -> None:
        """Every annotator's version of ``row`` and gold's; a claim's version names
        its structure (stance, claimer, cue) under the annotator."""
        self.clear()
        if row is None:
            self._show_empty()
            return
        structures = structures or Structures()
        lo, hi = _context(text, row.start, row.end)
        font = arabic_font(13)
        entries: list[tuple[str, str, Sequence[Span]]] = [
            (name, f"{i} · {name}", row.versions.get(name, ())) for i, name in enumerate(names, 1)
        ]
        entries.append(("", translate("Review", "Gold"), gold))
        offset = 0
        if structures.differs(row):
            note = QLabel(
                translate(
                    "Review", "The claims' structure differs: compare stance, claimer and cue."
                ),
                self,
            )
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setStyleSheet("QLabel { font-weight: bold; }")
            self._layout.addWidget(note, 0, 0, 1, 3)
            self.structure_note = note
            offset = 1
        for r, (name, title, spans) in enumerate(entries):
            described = structures.describe_spans(spans)
            head = QLabel(f"<b>{html.escape(title)}</b><br>{html.escape(described)}", self)
            head.setWordWrap(True)
            head.setTextFormat(Qt.TextFormat.RichText)
            line = QLabel(self)
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            line.setAlignment(
                Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignVCenter
            )
            line.setWordWrap(True)
            line.setFont(font)
            line.setFrameShape(QFrame.Shape.StyledPanel)
            line.setStyleSheet("QLabel { background: white; padding: 2px 6px; }")
            line.setText(
                version_html(
                    text, lo, hi, spans, colors=colors, claims=claims, disputed=row.disputed
                )
            )
            self._layout.addWidget(head, r + offset, 0)
            self._layout.addWidget(self._with_note(name, line), r + offset, 1)
            key = name or "gold"
            self.lines[key] = line
            self.heads[key] = head
            if name:
                button = QPushButton(fill(translate("Review", "Accept (%1)"), r + 1), self)
                button.setToolTip(
                    plain_tooltip(
                        fill(translate("Review", "Put %1's version of this row into gold"), name)
                    )
                )
                button.clicked.connect(lambda _c=False, n=name: self.accept_requested.emit(n))
                self.accept_buttons[name] = button
            else:
                button = QPushButton(translate("Review", "Reject row (0)"), self)
                button.setToolTip(translate("Review", "No gold span here"))
                button.clicked.connect(lambda _c=False: self.reject_requested.emit())
                self.reject_button = button
            self._layout.addWidget(button, r + offset, 2)

    def _with_note(self, name: str, line: QLabel) -> QWidget:
        """The version's line, and under it the annotator's note on the document, if any."""
        note = self._notes.get(name)
        if note is None:
            line.setParent(self)
            return line
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        line.setParent(box)
        layout.addWidget(line)
        layout.addWidget(self._note_label(name, note, box))
        return box
