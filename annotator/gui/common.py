"""Small helpers every window shares, so they cannot drift apart.

Right-to-left text views, colour tints, snippets of text for messages and the
Undo menu, dates, plain text for rich-text places, and the label keys.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

__all__ = [
    "configure_rtl",
    "is_plain_key",
    "isolate",
    "label_for_key",
    "mix",
    "menu_text",
    "plain",
    "plain_tooltip",
    "snippet",
    "when",
]


def configure_rtl(view: QPlainTextEdit | QTextEdit) -> None:
    """Right to left and right-aligned, even for a paragraph that starts in Latin.

    ``setLayoutDirection`` alone leaves paragraphs left-aligned, and a paragraph
    that starts with "CNN" or digits would run left to right (DESIGN.md).
    """
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    document = view.document()
    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)


def mix(color: QColor | str, amount: float) -> QColor:
    """``color`` over white at ``amount`` opacity, as an opaque colour (a light tint)."""
    c = QColor(color)

    def channel(v: int) -> int:
        return round(255 + (v - 255) * amount)

    return QColor(channel(c.red()), channel(c.green()), channel(c.blue()))


def snippet(text: str, limit: int = 30) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """``text`` in a bidi isolate (FSI … PDI): quoted Arabic in an English message
    (or Latin in an Arabic one) keeps its own direction and never drags the
    quote marks around it (``«السكون»``, not ``«السكون«``)."""
    return f"{FSI}{text}{PDI}"


def when(stamp: str) -> str:
    """A stored UTC time stamp as ``2026-12-01 08:30 UTC`` (unknown forms as they are)."""
    try:
        moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return stamp
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def plain(text: object) -> str:
    """Data for a place Qt reads as rich text (tooltips, styled labels): markup escaped."""
    return html.escape(str(text), quote=False)


def plain_tooltip(text: str) -> str:
    """A tooltip shown exactly as written, line breaks kept.

    Qt guesses whether a tooltip is rich text (``Qt.mightBeRichText``); a title
    or a label description that starts with a tag would be rendered. This one
    is rich text on purpose, with every character of ``text`` escaped.
    """
    lines = (plain(line) for line in text.split("\n"))
    return "<qt>" + "<br>".join(lines) + "</qt>"


def menu_text(text: str) -> str:
    """Data in a menu or action text: ``&`` is a mnemonic there, so it is doubled."""
    return text.replace("&", "&&")


def is_plain_key(event: QKeyEvent) -> bool:
    """No Ctrl, Alt or Meta held (those keys belong to shortcuts), keypad or not."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return not mods & (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )


def label_for_key(event: QKeyEvent, keys: Mapping[str, str]) -> str | None:
    """The label a plain key press names (``keys``: :func:`~annotator.gui.palette.label_keys`)."""
    if not is_plain_key(event):
        return None
    text = event.text()
    return keys.get(text.lower()) if text else None
