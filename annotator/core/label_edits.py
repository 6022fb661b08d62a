"""Edits of the label set and the project's guidelines, undoable like span edits.

The GUI's label manager runs these through its session (``gui/ops``); the
store checks every value (:mod:`annotator.core.names`): a colour that is not
``#rrggbb``, a name taken, or a shortcut another label holds (named in the
message) is refused and nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from annotator.core.change import Change
from annotator.core.model import Label

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["GUIDELINES_KEY", "AddLabel", "MoveLabel", "SetGuidelines", "UpdateLabel"]

#: The project meta key holding the annotation guidelines (Markdown).
GUIDELINES_KEY = "guidelines"

_FIELDS = ("name", "color", "shortcut", "description", "description_ar", "attributes")


def _labels_changed() -> Change:
    return Change(None, labels_changed=True)


@dataclass
class AddLabel:
    """A new label at the end of the palette."""

    label: Label

    def apply(self, project: Project) -> Change:
        project.labels.add(self.label)
        return _labels_changed()

    def revert(self, project: Project) -> Change:
        project.labels.remove(self.label.name)
        return _labels_changed()

    def describe(self) -> str:
        return f"Add label {self.label.name}"


@dataclass
class UpdateLabel:
    """Rename, recolour, set the shortcut, the description or the attributes of a label.

    :param changes: keyword arguments of :meth:`Labels.update` (``name``,
        ``color``, ``shortcut``, ``description``, ``description_ar``,
        ``attributes``: :class:`~annotator.core.attributes.AttributeDef` s). Values
        spans have for an attribute taken away stay in their ``attrs``: putting
        the attribute back (or undo) shows them again.
    """

    name: str
    changes: dict[str, Any]
    previous: dict[str, Any] = field(default_factory=dict)

    def apply(self, project: Project) -> Change:
        bad = set(self.changes) - set(_FIELDS)
        if bad:
            from annotator.core.errors import InvalidLabel

            raise InvalidLabel(f"Cannot change {', '.join(sorted(bad))} of a label here.")
        before = project.labels.get(self.name)
        self.previous = {k: getattr(before, k) for k in self.changes}
        project.labels.update(self.name, **self.changes)
        return _labels_changed()

    def revert(self, project: Project) -> Change:
        current = str(self.changes.get("name", self.name))
        project.labels.update(current, **self.previous)
        return _labels_changed()

    def describe(self) -> str:
        return f"Edit label {self.name}"


@dataclass
class MoveLabel:
    """Move a label one place up (``step=-1``) or down (``step=1``) in the palette."""

    name: str
    step: int

    def _swap(self, project: Project, step: int) -> None:
        labels = project.labels.list()
        names = [label.name for label in labels]
        i = names.index(self.name)
        j = i + step
        if not 0 <= j < len(labels):
            return
        names[i], names[j] = names[j], names[i]
        with project.transaction():
            for order, name in enumerate(names):
                project.labels.update(name, order=order)

    def apply(self, project: Project) -> Change:
        self._swap(project, self.step)
        return _labels_changed()

    def revert(self, project: Project) -> Change:
        self._swap(project, -self.step)
        return _labels_changed()

    def describe(self) -> str:
        return f"Move label {self.name}"


@dataclass
class SetGuidelines:
    """The project's annotation guidelines (Markdown), kept in the project meta."""

    text: str
    previous: str | None = None

    def apply(self, project: Project) -> Change:
        self.previous = project.meta.get(GUIDELINES_KEY)
        project.meta.set(GUIDELINES_KEY, self.text)
        return Change(None, meta_changed=True)

    def revert(self, project: Project) -> Change:
        project.meta.set(GUIDELINES_KEY, self.previous or "")
        return Change(None, meta_changed=True)

    def describe(self) -> str:
        return "Edit guidelines"
