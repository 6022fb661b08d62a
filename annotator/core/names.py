"""What a label name, colour, shortcut or annotator name may be.

One set of rules for every way in: the CLI, ``labels.toml``, the GUI, an
import that adds labels, and a merged file. Each check raises an error that
names the value and says what would be accepted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from annotator.core.errors import AnnotatorError, InvalidLabel, InvalidName, LabelConflict
from annotator.core.model import Label

MAX_LABEL_NAME = 40
MAX_ANNOTATOR_NAME = 80
MAX_DESCRIPTION = 2000

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


# Joiners shape Arabic and Persian script; every other format character can hide
# text or reorder it (bidi overrides) and has no place in a name.
_JOINERS = {"\u200c", "\u200d"}


def _control(text: str) -> str | None:
    """The first control or format character of ``text`` (NUL, newline, bidi overrides...)."""
    for ch in text:
        if ch not in _JOINERS and unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"}:
            return f"U+{ord(ch):04X}"
    return None


def _check_length_and_controls(
    name: str, *, what: str, limit: int, prefix: str, error: type[AnnotatorError]
) -> None:
    """Refuse ``name`` longer than ``limit`` or with a control character (shown cut short)."""
    shown = name if len(name) <= limit else name[:limit] + "…"
    if len(name) > limit:
        raise error(
            f"{prefix}{what} {shown!r} is {len(name)} characters; keep it to {limit} or fewer."
        )
    bad = _control(name)
    if bad:
        raise error(f"{prefix}{what} {shown!r} contains the control character {bad}.")


def check_label_name(name: str, *, where: str = "") -> str:
    """A label name: 1–40 characters, no spaces, no control characters."""
    prefix = f"{where}: " if where else ""
    if not name:
        raise InvalidLabel(f"{prefix}a label needs a name (e.g. PER).")
    _check_length_and_controls(
        name, what="label name", limit=MAX_LABEL_NAME, prefix=prefix, error=InvalidLabel
    )
    if any(c.isspace() for c in name):
        raise InvalidLabel(
            f"{prefix}label name {name!r} must be non-empty without spaces (e.g. NEWS_ORG)."
        )
    return name


def check_colour(colour: str, *, where: str = "") -> str:
    """A colour written ``#rrggbb``."""
    if not isinstance(colour, str) or not _COLOUR.fullmatch(colour):
        prefix = f"{where}: " if where else ""
        raise InvalidLabel(f"{prefix}colour {colour!r}: write it as #rrggbb, e.g. #a8e6b8.")
    return colour


def check_shortcut(shortcut: str, *, where: str = "") -> str:
    """A shortcut: empty (none) or one letter or sign; digits belong to the palette order."""
    prefix = f"{where}: " if where else ""
    if not isinstance(shortcut, str):
        raise InvalidLabel(f"{prefix}shortcut {shortcut!r} must be one letter.")
    if shortcut == "":
        return shortcut
    if len(shortcut) != 1 or shortcut.isspace() or _control(shortcut):
        raise InvalidLabel(f"{prefix}shortcut {shortcut!r} must be a single letter key, e.g. p.")
    if shortcut.isdigit():
        raise InvalidLabel(
            f"{prefix}shortcut {shortcut!r}: digits pick the first nine labels by their place; "
            "choose a letter."
        )
    return shortcut


def check_description(text: str, *, where: str = "") -> str:
    prefix = f"{where}: " if where else ""
    if not isinstance(text, str) or len(text) > MAX_DESCRIPTION:
        raise InvalidLabel(f"{prefix}description longer than {MAX_DESCRIPTION} characters.")
    if "\x00" in text:
        raise InvalidLabel(f"{prefix}description contains a NUL character.")
    return text


def check_label(label: Label, *, where: str = "") -> Label:
    """Every field of a label (name, colour, shortcut, descriptions)."""
    check_label_name(label.name, where=where)
    at = f"{where}: label {label.name!r}" if where else f"label {label.name!r}"
    check_colour(label.color, where=at)
    check_shortcut(label.shortcut, where=at)
    check_description(label.description, where=at)
    check_description(label.description_ar, where=at)
    return label


def shortcut_holder(shortcut: str, labels: Iterable[Label], *, besides: str = "") -> str | None:
    """The label (other than ``besides``) whose shortcut is ``shortcut``, ignoring case."""
    if not shortcut:
        return None
    for label in labels:
        if label.name != besides and label.shortcut and label.shortcut.lower() == shortcut.lower():
            return label.name
    return None


def check_shortcut_free(
    shortcut: str, labels: Iterable[Label], *, for_label: str, where: str = ""
) -> None:
    """Refuse a shortcut another label already holds, naming that label."""
    holder = shortcut_holder(shortcut, labels, besides=for_label)
    if holder is not None:
        prefix = f"{where}: " if where else ""
        raise LabelConflict(
            f"{prefix}shortcut {shortcut!r} of {for_label} is already the shortcut of {holder}; "
            "choose another letter (or change that label's first)."
        )


def check_annotator_name(name: str, *, where: str = "") -> str:
    """An annotator name: 1–80 characters, not only spaces, no control characters."""
    prefix = f"{where}: " if where else ""
    if not isinstance(name, str) or not name.strip():
        raise InvalidName(f"{prefix}annotator name {name!r} is empty; give a name, e.g. sara.")
    _check_length_and_controls(
        name, what="annotator name", limit=MAX_ANNOTATOR_NAME, prefix=prefix, error=InvalidName
    )
    if name != name.strip():
        raise InvalidName(f"{prefix}annotator name {name!r} starts or ends with a space.")
    return name
