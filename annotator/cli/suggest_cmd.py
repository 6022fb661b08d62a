"""``annotator suggest``, ``train`` and ``gazetteer import|export``: thin over the core."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from annotator.cli.common import (
    JsonOption,
    ProjectOption,
    QuietOption,
    console,
    fail,
    group_project,
    handle_errors,
    open_project,
    print_json,
    progress_bar,
)

app = typer.Typer(
    help="The project's gazetteer: list, import and export terms.", invoke_without_command=True
)


@app.callback()
def list_terms(
    ctx: typer.Context,
    project: ProjectOption = None,
    limit: Annotated[int, typer.Option(help="Show the N most frequent terms.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List the gazetteer's terms, most frequent first (with no sub-command)."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = project  # `gazetteer -p P import ...`
        return
    from annotator.core.gazetteer import build_gazetteer

    with open_project(project, readonly=True) as proj:
        terms = build_gazetteer(proj).terms()
    if as_json:
        print_json([{"term": t, "label": label, "counts": c} for t, label, c in terms[:limit]])
        return
    for term, label, counts in terms[:limit]:
        both = ", ".join(f"{k} {v}" for k, v in counts.items())
        console.print(f"{term}\t{label}\t{both}", markup=False, highlight=False)
    console.print(f"{len(terms)} terms.", markup=False, highlight=False)


def _documents(proj: object, numbers: list[int] | None) -> list[int]:
    from annotator.core.store import Project

    assert isinstance(proj, Project)
    ids = proj.documents.ids()
    if not numbers:
        return list(ids)
    bad = [n for n in numbers if not 1 <= n <= len(ids)]
    if bad:
        raise fail(f"--docs {bad[0]}: the project has documents 1 to {len(ids)}.")
    return [ids[n - 1] for n in numbers]


def suggest(
    model: Annotated[
        str,
        typer.Option(
            help="`gazetteer`, a folder holding a spaCy pipeline, or an installed pipeline."
        ),
    ],
    project: ProjectOption = None,
    docs: Annotated[
        list[int] | None, typer.Option(help="Document numbers (1-based; repeatable). Default: all.")
    ] = None,
    annotator: Annotated[
        str | None, typer.Option(help="Gazetteer: only this annotator's done documents.")
    ] = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Fill suggestions for documents from the gazetteer or a spaCy model."""
    from annotator.core.gazetteer import build_gazetteer
    from annotator.core.suggestion_model import GAZETTEER
    from annotator.core.suggestions import SuggestionSource, fill_suggestions

    with open_project(project) as proj:
        ids = _documents(proj, docs)
        source: SuggestionSource
        if model == GAZETTEER:
            source = build_gazetteer(proj, annotator=annotator)
        else:
            from annotator.core.training import load_model_source

            source = load_model_source(model)
        with progress_bar("Suggesting", enabled=not (quiet or as_json)) as update:
            report = fill_suggestions(proj, ids, source, progress=update)
    data = {
        "source": source.source,
        "documents": report.documents,
        "suggestions": report.suggestions,
        "skipped_rejected": report.skipped_rejected,
        "skipped_annotated": report.skipped_annotated,
    }
    if as_json:
        print_json(data)
    elif not quiet:
        console.print(
            f"{report.suggestions} suggestions from {source.source} in {report.documents} "
            f"documents ({report.skipped_rejected} left out as rejected, "
            f"{report.skipped_annotated} already annotated).",
            markup=False,
            highlight=False,
        )


def train(
    project: ProjectOption = None,
    annotator: Annotated[str | None, typer.Option(help="Train on this annotator's work.")] = None,
    gold: Annotated[bool, typer.Option("--gold", help="Train on adjudicated gold.")] = False,
    out: Annotated[
        Path | None,
        typer.Option(help="Model folder (default: P.models/<n>-<date>/).", file_okay=False),
    ] = None,
    max_steps: Annotated[int, typer.Option(help="Training steps (short by default).")] = 600,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Train spaCy's ner on the project's done documents (in its own process)."""
    from annotator.core.training import train_model

    if annotator and gold:
        raise fail("--annotator and --gold: choose one.")
    with open_project(project, readonly=True) as proj:
        with progress_bar("Training", enabled=not (quiet or as_json)) as update:
            model = train_model(
                proj, annotator=annotator, gold=gold, out=out, max_steps=max_steps, progress=update
            )
    if as_json:
        print_json({"model": str(model.path), "name": model.name, "scores": model.scores})
    elif not quiet:
        ents = model.scores.get("ents_f")
        score = f", entity F1 {ents:.2f} on its dev part" if isinstance(ents, float) else ""
        console.print(
            f"Model {model.name} in {model.path}{score}. Use it with "
            f"`annotator suggest --model {model.path}`.",
            markup=False,
            highlight=False,
        )


@app.command("import")
def import_terms(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Term list: one a line, or term,label CSV.")],
    project: ProjectOption = None,
    label: Annotated[
        str | None, typer.Option(help="The label of every term (a list of one term a line).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Add a term list to the project's gazetteer."""
    from annotator.core.gazetteer import read_term_list

    with open_project(group_project(ctx, project)) as proj, handle_errors():
        terms = read_term_list(path, label=label, known=proj.labels.names())
        with proj.transaction():
            added = proj.suggestions.add_terms(terms)
    if as_json:
        print_json({"terms": len(terms), "added": added})
    else:
        console.print(
            f"{added} new terms from {path} ({len(terms)} read).", markup=False, highlight=False
        )


@app.command("export")
def export_terms(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option(help="CSV file to write (term,label,count).", dir_okay=False)
    ],
    project: ProjectOption = None,
    annotator: Annotated[
        str | None, typer.Option(help="Only this annotator's done documents (and gold).")
    ] = None,
) -> None:
    """Write the gazetteer (confirmed spans and imported lists) as term,label CSV."""
    from annotator.core.gazetteer import build_gazetteer

    with open_project(group_project(ctx, project), readonly=True) as proj:
        gazetteer = build_gazetteer(proj, annotator=annotator)
    with handle_errors():
        out.write_text(gazetteer.export_csv(), encoding="utf-8")
    console.print(f"{len(gazetteer)} terms written to {out}.", markup=False, highlight=False)
