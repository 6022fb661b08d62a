"""``annotator gui`` and ``annotator review``: the windows (Qt is imported only here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli.common import ProjectOption, fail, handle_errors
from annotator.core.names import check_annotator_name


def _check_name(name: str | None, *, option: str) -> None:
    """Refuse a bad annotator name before a window opens, not at its first edit."""
    if name is not None:
        with handle_errors():
            check_annotator_name(name, where=option)


def gui(
    project: ProjectOption = None,
    annotator: Annotated[str | None, typer.Option(help="Annotate as this name.")] = None,
    doc: Annotated[int | None, typer.Option(help="Open document N (1-based).")] = None,
    screenshot: Annotated[
        Path | None, typer.Option(help="Render the window to PNG and exit.", dir_okay=False)
    ] = None,
    language: Annotated[str | None, typer.Option(help="Interface language: en or ar.")] = None,
) -> None:
    """Open the annotation editor."""
    _check_name(annotator, option="--annotator")
    try:
        from annotator.gui.app import run
    except ImportError as exc:  # the GUI is optional for scripts; say what is missing
        raise fail(f"the editor cannot start: {exc}. Reinstall with `pip install -e .`.") from None
    # No project given: the window opens the last-used one, else the default
    # (created only once a display is known to be there).
    code = run(project, annotator=annotator, doc=doc, screenshot=screenshot, language=language)
    if code:
        raise typer.Exit(code)


def review(
    project: ProjectOption = None,
    adjudicator: Annotated[str | None, typer.Option(help="Your name as adjudicator.")] = None,
    screenshot: Annotated[
        Path | None, typer.Option(help="Render the review window to PNG and exit.", dir_okay=False)
    ] = None,
    language: Annotated[str | None, typer.Option(help="Interface language: en or ar.")] = None,
) -> None:
    """Open the review window: agreement heat map, disagreements, adjudication into gold."""
    _check_name(adjudicator, option="--adjudicator")
    try:
        from annotator.gui.app import run
    except ImportError as exc:
        raise fail(f"the editor cannot start: {exc}. Reinstall with `pip install -e .`.") from None
    code = run(
        project, annotator=adjudicator, screenshot=screenshot, language=language, review=True
    )
    if code:
        raise typer.Exit(code)
