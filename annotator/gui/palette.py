"""The label palette: each label's colour, name and keys; click to apply or arm.

Keys 1–9 pick the first nine labels in palette order; each label's
``shortcut`` letter picks it too. With "Sticky" on, a click arms the label
instead, and the editor applies it on every mouse release.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import Label
from annotator.gui.common import menu_text, plain_tooltip
from annotator.gui.i18n import fill, translate

__all__ = ["PaletteWidget", "label_keys"]

_KIND_NAMES = {"entity": "entity", "place": "place", "claim": "claim"}


# What the same physical key types on the standard Arabic (PC 101 / xkb "ara")
# layout: an annotator typing Arabic presses the "p" key and gets "ح".
ARABIC_LAYOUT = dict(
    zip(
        "qwertyuiop[]asdfghjkl;'zxcvnm,./",
        "ضصثقفغعهخحجدشسيبلاتنمكطئءؤرىةوزظ",
        strict=True,
    )
)


def label_keys(labels: Sequence[Label]) -> dict[str, str]:
    """Key text → label name: ``"1"``–``"9"`` (and ``"١"``–``"٩"``) then shortcut letters.

    Arabic-Indic digits work too, and each Latin shortcut letter also answers
    to the letter its key types on the Arabic layout, so an annotator never
    has to switch keyboard layouts to label.
    """
    keys: dict[str, str] = {}
    for i, label in enumerate(labels[:9]):
        keys[str(i + 1)] = label.name
        keys[chr(0x0661 + i)] = label.name
    for label in labels:
        if label.shortcut:
            letter = label.shortcut.lower()
            keys.setdefault(letter, label.name)
            if letter in ARABIC_LAYOUT:
                keys.setdefault(ARABIC_LAYOUT[letter], label.name)
    return keys


def _swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class PaletteWidget(QWidget):
    """Buttons for the project's labels.

    :signal label_clicked(str): apply this label now (sticky off).
    :signal sticky_label_changed(object): the armed label name, or ``None``.
    """

    label_clicked = Signal(str)
    sticky_label_changed = Signal(object)

    def __init__(self, labels: Sequence[Label] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self.sticky_box = QCheckBox(translate("PaletteWidget", "Sticky label"), self)
        self.sticky_box.setToolTip(
            translate(
                "PaletteWidget",
                "Click a label to arm it; every selection made with the mouse gets it on release.",
            )
        )
        self.sticky_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sticky_box.toggled.connect(self._sticky_toggled)
        self._layout.addWidget(self.sticky_box)
        self._buttons: dict[str, QToolButton] = {}
        self._armed: str | None = None
        self._hint = QLabel(self)
        self._hint.setTextFormat(Qt.TextFormat.PlainText)  # it names a label
        self._hint.setWordWrap(True)
        self.set_labels(labels)

    def set_labels(self, labels: Sequence[Label]) -> None:
        for button in self._buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self._layout.removeWidget(self._hint)
        self._buttons = {}
        keys: dict[str, list[str]] = {}
        for key, name in label_keys(labels).items():
            if not "\u0660" <= key <= "\u0669":
                keys.setdefault(name, []).append(key)
        for label in labels:
            shown = " · ".join(keys.get(label.name, []))
            button = QToolButton(self)
            # A button's text is plain, but "&" would become a mnemonic.
            button.setText(menu_text(f"{label.name}   {shown}" if shown else label.name))
            button.setIcon(_swatch(label.color))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setCheckable(True)
            button.setAutoRaise(True)
            # Never take the focus: the selection in the text must survive a click here.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tip = f"{label.name} ({_KIND_NAMES.get(label.kind.value, label.kind.value)})"
            if label.description:
                tip += f"\n{label.description}"
            if label.description_ar:
                tip += f"\n{label.description_ar}"
            button.setToolTip(plain_tooltip(tip))
            button.clicked.connect(lambda _checked=False, name=label.name: self._clicked(name))
            self._layout.addWidget(button)
            self._buttons[label.name] = button
        self._layout.addWidget(self._hint)
        self._layout.addStretch(1)
        if self._armed not in self._buttons:
            self._armed = None
        self._sync()

    def button(self, name: str) -> QToolButton:
        return self._buttons[name]

    def sticky_label(self) -> str | None:
        return self._armed if self.sticky_box.isChecked() else None

    def set_sticky_label(self, name: str | None) -> None:
        """Arm ``name`` (sticky on) or disarm (``None``); emits only on a change."""
        old = self.sticky_label()
        self._armed = name if name in self._buttons else None
        self.sticky_box.blockSignals(True)
        self.sticky_box.setChecked(self._armed is not None)
        self.sticky_box.blockSignals(False)
        self._sync()
        if self.sticky_label() != old:
            self.sticky_label_changed.emit(self.sticky_label())

    def _clicked(self, name: str) -> None:
        if self.sticky_box.isChecked():
            self.set_sticky_label(None if self._armed == name else name)
            if self._armed is None:  # a second click disarms but keeps sticky mode on
                self.sticky_box.blockSignals(True)
                self.sticky_box.setChecked(True)
                self.sticky_box.blockSignals(False)
            self._sync()
        else:
            self._sync()
            self.label_clicked.emit(name)

    def _sticky_toggled(self, on: bool) -> None:
        if not on and self._armed is not None:
            self._armed = None
            self.sticky_label_changed.emit(None)
        self._sync()

    def _sync(self) -> None:
        for name, button in self._buttons.items():
            button.setChecked(self.sticky_box.isChecked() and name == self._armed)
        if self.sticky_box.isChecked():
            self._hint.setText(
                fill(translate("PaletteWidget", "Armed: %1"), self._armed)
                if self._armed
                else translate("PaletteWidget", "Click a label to arm it.")
            )
        else:
            self._hint.setText("")
