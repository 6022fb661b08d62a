"""Links between spans: a claim's claimer, its cue, whatever a team adds.

A link goes from a *head* span (a claim) to a *child*: another span of the
same document and annotator (the entity that makes the claim, the cue word
that introduces it), or an *implicit value* when no span says it (``author``,
``unnamed source``, ``unknown``). What may link to what is data in the label
set, one ``[[link]]`` table per type::

    [[link]]
    name = "claimer"
    head = ["claim"]                 # label kinds or label names
    child = ["entity", "place"]
    implicit = ["author", "unnamed source", "unknown"]
    single = true                    # at most one per head (default)

A team adds ``claim object`` the same way. Links are stored with ids, times and
tombstones like spans (``links``, ``gold_links``), travel through handout and
merge by id (newest wins) and are validated against their type wherever they
are written (:func:`check_link`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from annotator.core.errors import InvalidLink, InvalidLinkType
from annotator.core.model import DocId, Label, LabelKind, Span

__all__ = [
    "CLAIMER",
    "CUE",
    "Link",
    "LinkType",
    "check_link",
    "default_link_types",
    "link_types_from_toml",
]

CLAIMER = "claimer"
CUE = "cue"
_KINDS = {k.value for k in LabelKind}


@dataclass(frozen=True, slots=True)
class LinkType:
    """What a link of this name may join.

    :param heads: label kinds (``claim``) or label names the head span may have.
    :param children: label kinds or names the child span may have.
    :param implicit: values that may stand instead of a child span.
    :param single: at most one live link of this type per head (setting a
        second one replaces the first).
    """

    name: str
    heads: tuple[str, ...]
    children: tuple[str, ...]
    implicit: tuple[str, ...] = ()
    single: bool = True
    description: str = ""

    def allows_head(self, label: Label) -> bool:
        return label.kind.value in self.heads or label.name in self.heads

    def allows_child(self, label: Label) -> bool:
        return label.kind.value in self.children or label.name in self.children

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "head": list(self.heads),
            "child": list(self.children),
            "implicit": list(self.implicit),
            "single": self.single,
            "description": self.description,
        }


@dataclass(frozen=True, slots=True)
class Link:
    """One link: from span ``head`` to span ``child``, or to the implicit ``value``."""

    id: str
    doc_id: DocId
    annotator: str
    type: str
    head: str
    child: str | None = None
    value: str | None = None
    created: str = ""
    updated: str = ""
    deleted: str | None = None

    @property
    def implicit(self) -> bool:
        return self.child is None


def parse_link_types(rows: object, *, source: str) -> list[LinkType]:
    """Link types from ``[[link]]`` rows.

    :raises InvalidLinkType: no name, a name twice, no head or child, an unknown kind.
    """
    if rows is None:
        return []
    if not isinstance(rows, list):
        raise InvalidLinkType(f"{source}: `link` must be a list of [[link]] tables.")
    types: list[LinkType] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            raise InvalidLinkType(f"{source}: link type {number} is not a table.")
        name = str(row.get("name", "")).strip()
        if not name:
            raise InvalidLinkType(f"{source}: link type {number} has no name.")
        if name in seen:
            raise InvalidLinkType(f"{source}: link type {name!r} appears twice.")
        seen.add(name)
        lists: dict[str, tuple[str, ...]] = {}
        for key in ("head", "child", "implicit"):
            value = row.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InvalidLinkType(
                    f"{source}: link type {name!r}: `{key}` must be a list of texts."
                )
            lists[key] = tuple(v.strip() for v in value if v.strip())
        if not lists["head"]:
            raise InvalidLinkType(
                f"{source}: link type {name!r} needs `head` (label kinds or names, e.g. claim)."
            )
        if not lists["child"] and not lists["implicit"]:
            raise InvalidLinkType(
                f"{source}: link type {name!r} needs `child` kinds or `implicit` values."
            )
        single = row.get("single", True)
        if not isinstance(single, bool):
            raise InvalidLinkType(f"{source}: link type {name!r}: `single` is true or false.")
        types.append(
            LinkType(
                name,
                lists["head"],
                lists["child"],
                lists["implicit"],
                single,
                str(row.get("description", "")),
            )
        )
    return types


def link_types_from_toml(data: str, *, source: str) -> list[LinkType]:
    """The ``[[link]]`` tables of a label file (none: no link types)."""
    import tomllib  # only label files need it: not imported at every command's start

    try:
        parsed = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidLinkType(f"{source}: not valid TOML ({exc}).") from exc
    return parse_link_types(parsed.get("link"), source=source)


def default_link_types() -> list[LinkType]:
    """The link types shipped in ``resources/labels.toml`` (claimer, cue)."""
    data = resources.files("annotator.resources").joinpath("labels.toml").read_text("utf-8")
    return link_types_from_toml(data, source="resources/labels.toml")


def check_link_types(types: Sequence[LinkType], labels: Iterable[Label], *, source: str) -> None:
    """Every kind or label name a link type names exists.

    :raises InvalidLinkType: it names neither a kind nor a label of the set.
    """
    names = {label.name for label in labels}
    for link_type in types:
        for selector in (*link_type.heads, *link_type.children):
            if selector not in _KINDS and selector not in names:
                raise InvalidLinkType(
                    f"{source}: link type {link_type.name!r} names {selector!r}, which is "
                    f"neither a label kind ({', '.join(sorted(_KINDS))}) nor a label."
                )


def check_link(
    link_type: LinkType,
    head: Span,
    child: Span | None,
    value: str | None,
    labels: Mapping[str, Label],
) -> None:
    """Refuse a link its type does not allow.

    :raises InvalidLink: wrong kinds, another document or annotator, the head
        linked to itself, an implicit value not offered, a removed span.
    """
    name = link_type.name
    if head.deleted is not None or (child is not None and child.deleted is not None):
        raise InvalidLink(f"A {name} link needs spans that are there; one was removed.")
    if not link_type.allows_head(labels[head.label]):
        raise InvalidLink(
            f"A {name} link starts at a {', '.join(link_type.heads)} span; "
            f"{head.label} {head.start}–{head.end} is not one."
        )
    if child is None:
        if value not in link_type.implicit:
            offered = ", ".join(link_type.implicit) or "none"
            raise InvalidLink(f"{value!r} is not an implicit {name} (offered: {offered}).")
        return
    if value is not None:
        raise InvalidLink(f"A {name} link goes to a span or to an implicit value, not both.")
    if not link_type.allows_child(labels[child.label]):
        raise InvalidLink(
            f"A {name} is a {', '.join(link_type.children)} span; "
            f"{child.label} {child.start}–{child.end} is not one."
        )
    if child.id == head.id:
        raise InvalidLink(f"A span cannot be its own {name}.")
    if (child.doc_id, child.annotator) != (head.doc_id, head.annotator):
        raise InvalidLink(f"A {name} is a span of the same document and annotator as its claim.")
