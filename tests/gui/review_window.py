"""The review window as the review tests open it: shown, its agreement in."""

from __future__ import annotations

from annotator.core.store import Project
from annotator.gui.review import ReviewWindow


def shown_review(qtbot, project: Project, *, adjudicator: str = "lead") -> ReviewWindow:
    """A review window on ``project``, once its background agreement has ended."""
    window = ReviewWindow(project, adjudicator=adjudicator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: (
            not window.is_busy()
            and (window.agreement is not None or window.agreement_error is not None)
        ),
        timeout=30_000,
    )
    return window
