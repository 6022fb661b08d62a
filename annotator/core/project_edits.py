"""Project-wide settings as edits: the clitic policy.

Run with :meth:`annotator.core.store.Project.apply` like any edit, so the GUI can
undo it and the CLI changes it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.change import Change

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["SetCliticPolicy"]


@dataclass
class SetCliticPolicy:
    """Set where proclitics go (``inside`` or ``outside`` entities); spans are kept.

    After :meth:`apply`, :attr:`spans` is how many spans (annotators' and gold)
    the project holds: under the new tokens some may no longer fall on token
    boundaries, and exports report those (``report.json``, ``misaligned``).

    :raises InvalidCliticPolicy: not ``inside`` or ``outside``.
    """

    policy: str
    previous: str | None = None
    spans: int = 0

    def apply(self, project: Project) -> Change:
        self.previous = project.clitics
        if self.previous == self.policy:
            project.set_clitics(self.policy)  # refuses an unknown policy all the same
            return Change(None)
        self.spans = project.set_clitics(self.policy)
        return Change(None, meta_changed=True)

    def revert(self, project: Project) -> Change:
        assert self.previous is not None, "revert before apply"
        project.set_clitics(self.previous)
        return Change(None, meta_changed=True)

    def describe(self) -> str:
        return f"Proclitics {self.policy} entities"
