"""The ``annotator`` command: a thin layer over the core.

Every command parses its options, calls the core and prints the result. A run
imports and builds only the command it runs (:mod:`annotator.cli.lazy`); the GUI
is imported only inside the ``gui`` command, so scripts never pay for Qt.
"""

from __future__ import annotations

from typing import Annotated

import typer

from annotator import __version__
from annotator.cli.lazy import LazyCommand, LazyGroup

# Heavy modules (the importer's decoders, spaCy, numpy, sqlite-utils) are imported
# inside the commands that need them, and a command's own module only when it runs:
# `--help` costs what a bare Typer app's help costs, `stats` and `labels` about 1.5x
# a bare Typer app, most of which is Typer's Pydantic (benchmarks/README.md).

# In the order `--help` lists them, the order of the work: annotate, import, stats,
# then export, then the team's commands. Each line is the first paragraph of the
# command's help (tests/cli/test_lazy_commands.py checks it against the command).
COMMANDS: dict[str, LazyCommand] = {
    "init": LazyCommand(
        "annotator.cli.project_cmd",
        "init",
        "Create a project with the default label set (or the one in --labels).",
    ),
    "clitics": LazyCommand(
        "annotator.cli.project_cmd",
        "clitics",
        "Set where proclitics go: inside entities or outside (split off before ال).",
    ),
    "stats": LazyCommand(
        "annotator.cli.project_cmd",
        "stats",
        "Documents, words, spans per label and annotator, statuses, time spent.",
    ),
    "find": LazyCommand(
        "annotator.cli.project_cmd",
        "find",
        "Find text in every document, tolerant of tashkeel, tatweel and hamza forms.",
    ),
    "gui": LazyCommand("annotator.cli.window_cmd", "gui", "Open the annotation editor."),
    "review": LazyCommand(
        "annotator.cli.window_cmd",
        "review",
        "Open the review window: agreement heat map, disagreements, adjudication into gold.",
    ),
    "import": LazyCommand(
        "annotator.cli.import_cmd",
        "import_",
        "Import .txt articles, JSONL (Prodigy, doccano), CoNLL or spaCy .spacy files.",
    ),
    "status": LazyCommand(
        "annotator.cli.import_cmd",
        "status",
        "Mark documents done (or another status) for an annotator: all, or by number.",
    ),
    "note": LazyCommand(
        "annotator.cli.note_cmd",
        "note",
        'Set, clear or show annotators\' notes and "unsure" flags on documents.',
    ),
    "export": LazyCommand(
        "annotator.cli.export_cmd",
        "export",
        "Export training data: spaCy DocBin + config.cfg, CoNLL, or Prodigy-style JSONL.",
    ),
    "assign": LazyCommand(
        "annotator.cli.teams_cmd",
        "assign",
        "Give every document to one annotator and a share of them to two or more.",
    ),
    "handout": LazyCommand(
        "annotator.cli.teams_cmd",
        "handout",
        "Write a project file with the labels and one annotator's documents.",
    ),
    "merge": LazyCommand(
        "annotator.cli.teams_cmd",
        "merge",
        "Merge returned project files into this one (a backup is kept first).",
    ),
    "agreement": LazyCommand(
        "annotator.cli.teams_cmd",
        "agreement",
        "Inter-annotator agreement on documents two or more annotators marked done.",
    ),
    "suggest": LazyCommand(
        "annotator.cli.suggest_cmd",
        "suggest",
        "Fill suggestions for documents from the gazetteer or a spaCy model.",
    ),
    "train": LazyCommand(
        "annotator.cli.suggest_cmd",
        "train",
        "Train spaCy's ner on the project's done documents (in its own process).",
    ),
    "labels": LazyCommand(
        "annotator.cli.labels_cmd", "app", "List, add, rename and recolour labels."
    ),
    "gazetteer": LazyCommand(
        "annotator.cli.suggest_cmd",
        "app",
        "The project's gazetteer: list, import and export terms.",
    ),
}


class _Commands(LazyGroup):
    table = COMMANDS


app = typer.Typer(
    name="annotator",
    help="Annotate Arabic news with entities, places and claims; export training data.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Commands,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"annotator {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """With no command: open the editor on your default (sample) project."""
    if ctx.invoked_subcommand is None:
        from annotator.cli.window_cmd import gui

        ctx.invoke(gui)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
