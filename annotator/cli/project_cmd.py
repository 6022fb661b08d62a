"""``annotator init``, ``clitics``, ``stats`` and ``find``: a project and what is in it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli.common import (
    JsonOption,
    ProjectOption,
    console,
    fail,
    handle_errors,
    open_project,
    print_json,
)
from annotator.core.store import Project, labels_from_toml


def init(
    project: Annotated[
        Path, typer.Option("--project", "-p", help="New project file.", dir_okay=False)
    ],
    labels: Annotated[
        Path | None,
        typer.Option(help="Label set (TOML) instead of the default.", exists=True, dir_okay=False),
    ] = None,
    flat_entities: Annotated[
        bool,
        typer.Option(
            "--flat-entities",
            help="Entities form one flat layer: no entity inside another (default: nested).",
        ),
    ] = False,
    clitics: Annotated[
        str,
        typer.Option(
            "--clitics",
            help="Proclitics (و ف ب ك ل, لل) inside entities (default, as ANERcorp and "
            "Wojood) or outside: the tokenizer then splits بالبوكمال into ب + البوكمال.",
        ),
    ] = "inside",
    as_json: JsonOption = False,
) -> None:
    """Create a project with the default label set (or the one in --labels)."""
    if clitics not in ("inside", "outside"):
        raise fail(f"--clitics {clitics!r}: choose inside or outside; nothing was created.")
    with handle_errors():
        label_set = None
        if labels is not None:
            label_set = labels_from_toml(labels.read_text("utf-8"), source=str(labels))
        with Project.create(project, labels=label_set) as created:
            if flat_entities:
                created.set_flat_entities(True)
            if clitics != "inside":
                created.set_clitics(clitics)
            names = created.labels.names()
    if as_json:
        print_json({"project": str(project), "labels": names, "clitics": clitics})
    else:
        console.print(
            f"Created {project} with labels {', '.join(names)}; proclitics {clitics} entities.",
            highlight=False,
        )


def clitics(
    policy: Annotated[str, typer.Argument(help="inside | outside")],
    project: ProjectOption = None,
) -> None:
    """Set where proclitics go: inside entities or outside (split off before ال)."""
    if policy not in ("inside", "outside"):
        raise fail(f"{policy!r}: choose inside or outside; the project is unchanged.")
    from annotator.core.project_edits import SetCliticPolicy

    with open_project(project) as proj:
        before = proj.clitics
        edit = SetCliticPolicy(policy)
        proj.apply(edit)
        spans = edit.spans
    message = f"Proclitics now go {policy} entities (were {before})."
    if spans and policy != before:
        message += (
            f" The {spans} existing spans are kept as they are; exports list those that no "
            "longer fall on tokens (report.json, misaligned) and treat them by --misaligned."
        )
    console.print(message, highlight=False)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def stats(project: ProjectOption = None, as_json: JsonOption = False) -> None:
    """Documents, words, spans per label and annotator, statuses, time spent."""
    from annotator.core.stats import project_stats

    with open_project(project, readonly=True) as proj:
        data = project_stats(proj)
    if as_json:
        print_json(data)
        return
    _print_stats(data)


def _print_stats(data: dict[str, object]) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(f"[bold]{data['project']}[/]", highlight=False)
    console.print(f"{data['documents']} documents, {data['words']} words", highlight=False)
    console.print(f"Proclitics {data['clitics']} entities", highlight=False)
    annotators = data["annotators"]
    assert isinstance(annotators, dict)
    if not annotators:
        console.print("No annotations yet.")
        return
    table = Table("annotator", "spans", "done", "in progress", "skipped", "new", "time")
    for name, info in annotators.items():
        st = info["statuses"]
        minutes = info["seconds"] / 60
        table.add_row(
            name,
            str(info["spans"]),
            str(st["done"]),
            str(st["in_progress"]),
            str(st["skipped"]),
            str(st["new"]),
            f"{minutes:.1f} min",
        )
    console.print(table)
    labels = Table("label", "kind", *annotators.keys())
    per_label = data["labels"]
    assert isinstance(per_label, dict)
    for label, info in per_label.items():
        labels.add_row(label, info["kind"], *(str(info["spans"].get(a, 0)) for a in annotators))
    console.print(labels)
    claims = data.get("claims")
    if isinstance(claims, dict) and claims:
        stances = sorted({s for info in claims.values() for s in info["stance"]})
        table = Table("claims of", "claims", "with claimer", "without", *stances)
        for name, info in claims.items():
            table.add_row(
                name,
                str(info["claims"]),
                str(info["with_claimer"]),
                str(info["without_claimer"]),
                *(str(info["stance"].get(s, 0)) for s in stances),
            )
        console.print(table)
    suggestions = data.get("suggestions")
    assert isinstance(suggestions, dict)
    sources = sorted(set().union(*(suggestions[k] for k in ("open", "accepted", "rejected"))))
    if sources:
        table = Table("suggestions from", "open", "accepted", "rejected")
        for source in sources:
            counts = (str(suggestions[k].get(source, 0)) for k in ("open", "accepted", "rejected"))
            table.add_row(Text(source), *counts)  # a model's name is plain text, not markup
        console.print(table)
    notes = data.get("document_notes")
    if isinstance(notes, dict) and notes:
        table = Table("document notes of", "flagged unsure", "with a note")
        for name, info in notes.items():
            table.add_row(Text(name), str(info["flagged"]), str(info["noted"]))
        console.print(table)


def find(
    query: Annotated[str, typer.Argument(help="What to find: a word, part of one, a phrase.")],
    project: ProjectOption = None,
    limit: Annotated[int, typer.Option(help="Stop after this many hits.")] = 200,
    as_json: JsonOption = False,
) -> None:
    """Find text in every document, tolerant of tashkeel, tatweel and hamza forms."""
    from annotator.core.search import find_in_project

    with open_project(project, readonly=True) as proj:
        result = find_in_project(proj, query, limit=limit)
    if as_json:
        print_json(result.to_json())
        return
    for hit in result.hits:
        # Plain text: document words never become Rich markup.
        console.print(
            f"{hit.number}\t{hit.start}–{hit.end}\t…{hit.before}[{hit.match}]{hit.after}…",
            markup=False,
            highlight=False,
        )
    more = f" (stopped at --limit {limit}; there are more)" if result.truncated else ""
    console.print(
        f"{_count(len(result.hits), 'hit')} in {_count(result.documents, 'document')}{more}.",
        markup=False,
        highlight=False,
    )
