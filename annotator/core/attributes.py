"""Attributes of spans, defined per label in the label set.

A label may carry attributes, each with a ``key`` and a type:

- ``choice``: one of ``values`` (``stance: asserts | denies | doubts | reports``);
- ``yes/no``: ``true`` or ``false`` (``check_worthy``);
- ``text``: a short text (at most ``max_length`` characters, 200 by default).

In ``labels.toml`` they are ``[[label.attribute]]`` tables under their label::

    [[label]]
    name = "CLAIM"
    kind = "claim"

    [[label.attribute]]
    key = "stance"
    type = "choice"
    values = ["asserts", "denies", "doubts", "reports"]

    [[label.attribute]]
    key = "check_worthy"
    type = "yes/no"

A span's values live in its ``attrs`` (JSON) under the keys; other keys there
(``from``, ``sample``) are bookkeeping, not attributes. Every value a user or a
merge writes is checked here against the definition (:func:`check_value`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.errors import InvalidAttribute

__all__ = [
    "ATTRIBUTE_TYPES",
    "AttributeDef",
    "attribute_values",
    "attributes_from_json",
    "attributes_from_text",
    "attributes_to_text",
    "attributes_to_json",
    "check_value",
    "parse_attributes",
]

ATTRIBUTE_TYPES = ("choice", "yes/no", "text")
DEFAULT_TEXT_LENGTH = 200


@dataclass(frozen=True, slots=True)
class AttributeDef:
    """One attribute of a label: ``key``, ``type`` (:data:`ATTRIBUTE_TYPES`), the
    ``values`` of a choice, the ``max_length`` of a text, and who it is for."""

    key: str
    type: str
    values: tuple[str, ...] = ()
    max_length: int = DEFAULT_TEXT_LENGTH
    description: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "type": self.type}
        if self.type == "choice":
            data["values"] = list(self.values)
        if self.type == "text":
            data["max_length"] = self.max_length
        if self.description:
            data["description"] = self.description
        return data


def parse_attributes(rows: object, *, where: str) -> tuple[AttributeDef, ...]:
    """Attribute definitions from TOML/JSON rows (``[[label.attribute]]``).

    :param where: what to name in messages (``labels.toml: label 'CLAIM'``).
    :raises InvalidAttribute: a row without a key, an unknown type, a choice
        without values, a key twice.
    """
    if rows is None:
        return ()
    if not isinstance(rows, list):
        raise InvalidAttribute(
            f"{where}: `attribute` must be a list of [[label.attribute]] tables."
        )
    defs: list[AttributeDef] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise InvalidAttribute(f"{where}: attribute {number} is not a table.")
        key = str(row.get("key", "")).strip()
        if not key or any(c.isspace() for c in key):
            raise InvalidAttribute(
                f"{where}: attribute {number} needs a `key` without spaces (e.g. check_worthy)."
            )
        if key in seen:
            raise InvalidAttribute(f"{where}: attribute {key!r} appears twice.")
        seen.add(key)
        kind = str(row.get("type", ""))
        if kind not in ATTRIBUTE_TYPES:
            raise InvalidAttribute(
                f"{where}: attribute {key!r} has type {kind!r}; use one of "
                f"{', '.join(ATTRIBUTE_TYPES)}."
            )
        values: tuple[str, ...] = ()
        if kind == "choice":
            raw = row.get("values")
            if not isinstance(raw, list) or not raw or not all(isinstance(v, str) for v in raw):
                raise InvalidAttribute(
                    f"{where}: attribute {key!r} is a choice; give its `values` as a list "
                    'of texts, e.g. ["asserts", "denies"].'
                )
            values = tuple(raw)
            if len(set(values)) != len(values):
                raise InvalidAttribute(f"{where}: attribute {key!r} lists a value twice.")
        max_length = row.get("max_length", DEFAULT_TEXT_LENGTH)
        if not isinstance(max_length, int) or isinstance(max_length, bool) or max_length < 1:
            raise InvalidAttribute(
                f"{where}: attribute {key!r}: max_length must be a positive number."
            )
        defs.append(AttributeDef(key, kind, values, max_length, str(row.get("description", ""))))
    return tuple(defs)


def attributes_to_json(defs: Sequence[AttributeDef]) -> list[dict[str, Any]]:
    return [d.to_json() for d in defs]


def attributes_from_json(rows: object) -> tuple[AttributeDef, ...]:
    """Definitions as the store keeps them (already checked when written)."""
    return parse_attributes(rows, where="project labels")


def check_value(label: str, defs: Sequence[AttributeDef], key: str, value: object) -> None:
    """Refuse a value its definition does not allow.

    :raises InvalidAttribute: no such attribute on ``label``, or a value of the wrong
        type, not among the choices, or too long.
    """
    found = next((d for d in defs if d.key == key), None)
    if found is None:
        known = ", ".join(d.key for d in defs) or "none"
        raise InvalidAttribute(
            f"Label {label!r} has no attribute {key!r} (its attributes: {known}); "
            "define it in the label set first."
        )
    if found.type == "choice":
        if value not in found.values:
            raise InvalidAttribute(
                f"{label} {key}: {value!r} is not one of {', '.join(found.values)}."
            )
    elif found.type == "yes/no":
        if not isinstance(value, bool):
            raise InvalidAttribute(f"{label} {key}: {value!r} must be true or false.")
    elif not isinstance(value, str) or len(value) > found.max_length:
        raise InvalidAttribute(
            f"{label} {key}: must be a text of at most {found.max_length} characters."
        )


def attribute_values(defs: Sequence[AttributeDef], attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The defined attributes among a span's ``attrs``, in definition order."""
    return {d.key: attrs[d.key] for d in defs if d.key in attrs}


def attributes_to_text(defs: Sequence[AttributeDef]) -> str:
    """One line for a form: ``stance: asserts | denies; check_worthy: yes/no; note: text 40``."""
    parts = []
    for d in defs:
        if d.type == "choice":
            parts.append(f"{d.key}: {' | '.join(d.values)}")
        elif d.type == "yes/no":
            parts.append(f"{d.key}: yes/no")
        elif d.max_length != DEFAULT_TEXT_LENGTH:
            parts.append(f"{d.key}: text {d.max_length}")
        else:
            parts.append(f"{d.key}: text")
    return "; ".join(parts)


def attributes_from_text(
    text: str, *, where: str, keep: Sequence[AttributeDef] = ()
) -> tuple[AttributeDef, ...]:
    """Definitions from :func:`attributes_to_text`'s line (a user typed it).

    :param keep: the definitions before: a key kept with the same type keeps
        its description.
    :raises InvalidAttribute: a part without ``key:``, or what
        :func:`parse_attributes` refuses.
    """
    rows: list[dict[str, Any]] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        key, colon, rest = part.partition(":")
        rest = rest.strip()
        if not colon or not key.strip() or not rest:
            raise InvalidAttribute(
                f"{where}: {part!r} is not `key: values`; write e.g. "
                "`stance: asserts | denies; check_worthy: yes/no; note: text`."
            )
        row: dict[str, Any] = {"key": key.strip()}
        words = rest.split()
        if rest == "yes/no":
            row["type"] = "yes/no"
        elif words[0] == "text" and len(words) <= 2:
            row["type"] = "text"
            if len(words) == 2:
                if not words[1].isdigit():
                    raise InvalidAttribute(
                        f"{where}: {part!r}: a text's length is a number (`note: text 40`)."
                    )
                row["max_length"] = int(words[1])
        else:
            row["type"] = "choice"
            row["values"] = [v.strip() for v in rest.split("|") if v.strip()]
        before = next((d for d in keep if d.key == row["key"] and d.type == row["type"]), None)
        if before is not None and before.description:
            row["description"] = before.description
        rows.append(row)
    return parse_attributes(rows, where=where)
