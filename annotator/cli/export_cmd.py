"""``annotator export``: a thin layer over :func:`annotator.core.export.export`."""

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
    open_project,
    print_json,
    progress_bar,
)


def export(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write into (created if missing).",
            file_okay=True,
            dir_okay=True,
        ),
    ],
    project: ProjectOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="spacy (DocBin + config.cfg), conll, jsonl, or claims (claims.jsonl).",
        ),
    ] = "spacy",
    annotator: Annotated[
        str | None, typer.Option(help="Whose annotations (default: the only annotator).")
    ] = None,
    gold: Annotated[bool, typer.Option("--gold", help="Export adjudicated (gold) spans.")] = False,
    include_unfinished: Annotated[
        bool, typer.Option("--include-unfinished", help="Also documents not marked done.")
    ] = False,
    split: Annotated[
        str,
        typer.Option(
            help="train,dev[,test] fractions summing to 1, or `source`: the parts "
            "recorded at import (--part)."
        ),
    ] = "0.8,0.1,0.1",
    seed: Annotated[int, typer.Option(help="Seed of the document split.")] = 0,
    scheme: Annotated[str, typer.Option(help="CoNLL tags: iob2, bilou or io.")] = "iob2",
    claims_column: Annotated[
        bool, typer.Option("--claims-column", help="CoNLL: add a claim tag column.")
    ] = False,
    nested_columns: Annotated[
        bool,
        typer.Option(
            "--nested-columns",
            help="CoNLL: one tag column per nesting level (Wojood's layout).",
        ),
    ] = False,
    retokenize: Annotated[
        bool,
        typer.Option(
            "--retokenize",
            help="Tokenize every document again, even those that came tokenized "
            "(by default their own tokens and sentences are written).",
        ),
    ] = False,
    misaligned: Annotated[
        str | None,
        typer.Option(
            help="Spans whose edge falls inside a token: expand (to whole tokens), "
            "split (the token) or skip (and list). Default: expand for spacy, "
            "split for conll and jsonl."
        ),
    ] = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Export training data: spaCy DocBin + config.cfg, CoNLL, or Prodigy-style JSONL.

    Writes DIR/report.json listing every span moved to token boundaries or left out.
    """
    from annotator.core.export import EXPORTERS
    from annotator.core.export import export as run_export

    if fmt not in EXPORTERS:
        raise fail(f"--format {fmt!r}: choose one of {', '.join(EXPORTERS)}.")
    # open_project turns core errors (bad split, no done documents, ...) into one line + exit 1.
    with open_project(project, readonly=True) as proj:
        options = dict(
            fmt=fmt,
            annotator=annotator,
            gold=gold,
            include_unfinished=include_unfinished,
            split=split,
            seed=seed,
            scheme=scheme,
            claims_column=claims_column,
            nested_columns=nested_columns,
            source_tokens=not retokenize,
            misaligned=misaligned,
        )
        with progress_bar("Exporting", enabled=not (quiet or as_json)) as progress:
            report = run_export(proj, out, progress=progress, **options)  # type: ignore[arg-type]
    if as_json:
        print_json({**report.to_json(), "out": str(out)})
    elif not quiet:
        for line in report.summary_lines():
            console.print(line, highlight=False, markup=False)
