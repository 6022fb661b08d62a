"""``annotator import`` and ``annotator status``: thin layers over the importer and
:class:`annotator.core.edits.SetStatus`."""

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
from annotator.core.model import DEFAULT_MAX_DOCUMENT_CHARS


def _parse_label_map(pairs: list[str]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise fail(f"--label-map {pair!r}: write it as FROM=TO, e.g. PERS=PER.")
        mapping[source] = target
    return mapping


def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursively).")],
    project: ProjectOption = None,
    annotator: Annotated[str | None, typer.Option(help="Whose spans these are.")] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="auto, txt, jsonl, conll or spacy.")
    ] = "auto",
    encoding: Annotated[str | None, typer.Option(help="Text encoding, e.g. cp1256.")] = None,
    tag_column: Annotated[
        int | None,
        typer.Option(
            help="CoNLL: read only this tag column (1 = first column after the token). "
            "Default: every tag column, one nesting level each."
        ),
    ] = None,
    iob1: Annotated[
        bool, typer.Option(help="CoNLL: accept IOB1 (I- may start an entity).")
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option(
            help="CoNLL: skip malformed lines (empty tokens, lines run together) and read "
            "I- after O as a start, listing each in the report, instead of refusing the file."
        ),
    ] = False,
    sentences_per_document: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="CoNLL without -DOCSTART-: make documents of N sentences (blank lines end "
            "sentences, or sentence-ending tokens when the file has none).",
        ),
    ] = None,
    paragraphs_per_document: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Text: cut each file at blank lines into documents of N paragraphs "
            "(a huge file that is not one article).",
        ),
    ] = None,
    part: Annotated[
        str | None,
        typer.Option(
            help="The corpus part these files are: train, dev (val) or test; "
            "`export --split source` keeps it."
        ),
    ] = None,
    done: Annotated[
        bool, typer.Option("--done", help="Mark the imported documents done (gold corpora).")
    ] = False,
    add_labels: Annotated[bool, typer.Option(help="Add labels the project lacks.")] = False,
    label_map: Annotated[
        list[str] | None, typer.Option(help="Rename labels, FROM=TO; repeat.")
    ] = None,
    max_document_chars: Annotated[
        int, typer.Option(min=1, help="Refuse documents longer than this (characters).")
    ] = DEFAULT_MAX_DOCUMENT_CHARS,
    max_errors: Annotated[
        int, typer.Option(min=1, help="Problems listed per file before a count.")
    ] = 20,
    allow_no_spans: Annotated[
        bool, typer.Option(help="CoNLL: accept a tagged file whose tags are all O.")
    ] = False,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Import .txt articles, JSONL (Prodigy, doccano), CoNLL or spaCy .spacy files."""
    from annotator.core.formats import READERS
    from annotator.core.importer import ImportOptions, import_paths

    if fmt != "auto" and fmt not in READERS:
        raise fail(f"--format {fmt!r}: choose auto, {', '.join(READERS)}.")
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise fail(f"{', '.join(missing)}: no such file or folder.")
    options = ImportOptions(
        fmt=fmt,
        encoding=encoding,
        annotator=annotator,
        tag_column=tag_column,
        iob1=iob1,
        add_labels=add_labels,
        label_map=_parse_label_map(label_map or []),
        lenient=lenient,
        sentences_per_document=sentences_per_document,
        paragraphs_per_document=paragraphs_per_document,
        part=part,
        done=done,
        max_document_chars=max_document_chars,
        max_errors=max_errors,
        allow_no_spans=allow_no_spans,
    )
    with open_project(project) as proj:
        with progress_bar("Importing", enabled=not (quiet or as_json)) as progress:
            report = import_paths(proj, paths, options=options, progress=progress)
    summary = report.to_json()
    if as_json:
        print_json(summary)
    elif not quiet:
        nested = summary["nested_spans"]
        console.print(
            f"Imported {_count(summary['documents_new'], 'new document')} "
            f"({summary['documents_existing']} already there), "
            f"{_count(summary['spans_added'], 'span')}"
            + (f" ({nested} nested inside another entity)" if nested else "")
            + f" from {len(report.files) - len(report.failed)} of "
            f"{_count(len(report.files), 'file')}.",
            highlight=False,
            markup=False,
        )
        loose = summary["edge_punctuation"]
        if loose:
            console.print(
                f"{_count(loose, 'span')} start or end with punctuation or a space "
                "(kept as given; the editor marks them with ⚠).",
                highlight=False,
                markup=False,
            )
        notes = summary["document_notes"]
        if notes:
            console.print(
                f"{_count(notes, 'document note')} (an annotator's note or unsure flag) "
                "read with the documents.",
                highlight=False,
                markup=False,
            )
        if report.labels_added:
            console.print(
                f"Added labels: {', '.join(report.labels_added)}", highlight=False, markup=False
            )
        for kind, (count, examples) in report.cleaning().items():
            shown = f": {', '.join(examples)}" if examples else ""
            console.print(f"Cleaned: {count} {kind}{shown}", highlight=False, markup=False)
        warnings = report.warnings
        if warnings:
            console.print(
                f"Skipped or read leniently: {len(warnings)} line(s)", highlight=False, markup=False
            )
            for warning in warnings[:20]:
                console.print(f"  {warning}", highlight=False, markup=False)
            if len(warnings) > 20:
                console.print(
                    f"  … {len(warnings) - 20} more (--json lists them all)",
                    highlight=False,
                    markup=False,
                )
    for skipped in report.skipped:
        typer.echo(f"skipped: {skipped}", err=True)
    for failed in report.failed:
        typer.echo(f"error: {failed.error}", err=True)
    if not report.files:
        raise fail("no importable files found (.txt, .jsonl, .conll, .spacy).")
    if report.failed:
        raise typer.Exit(1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def status(
    new_status: Annotated[
        str, typer.Argument(metavar="STATUS", help="done, in_progress, skipped or new.")
    ],
    documents: Annotated[
        list[int] | None,
        typer.Argument(help="Document numbers (1-based, as in the editor's list)."),
    ] = None,
    project: ProjectOption = None,
    annotator: Annotated[str, typer.Option(help="Whose status to set.")] = "imported",
    all_documents: Annotated[bool, typer.Option("--all", help="Every document.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Mark documents done (or another status) for an annotator: all, or by number."""
    from annotator.core.edits import SetStatus
    from annotator.core.store import parse_status

    if bool(documents) == all_documents:
        raise fail("give document numbers (e.g. `1 2 5`) or --all, not both and not neither.")
    with open_project(project) as proj:
        chosen = parse_status(new_status)
        ids = proj.documents.ids()
        numbers = range(1, len(ids) + 1) if all_documents else list(documents or [])
        bad = [n for n in numbers if not 1 <= n <= len(ids)]
        if bad:
            raise fail(
                f"no document {', '.join(map(str, bad))} in {proj.path.name}: it has "
                f"{len(ids)} (numbers run from 1)."
            )
        with proj.transaction():
            for number in numbers:
                proj.apply(SetStatus(ids[number - 1], annotator, chosen))
        counts = proj.statuses.counts(annotator)
    if as_json:
        print_json(
            {
                "annotator": annotator,
                "status": chosen.value,
                "documents": list(numbers),
                "counts": {s.value: n for s, n in counts.items()},
            }
        )
    else:
        console.print(
            f"Marked {_count(len(numbers), 'document')} {chosen.value} for {annotator}; "
            + ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
            + ".",
            highlight=False,
            markup=False,
        )
