"""Team commands: assign, handout, merge, agreement."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from annotator.cli.common import (
    JsonOption,
    ProjectOption,
    QuietOption,
    console,
    fail,
    open_project,
    print_json,
)


def _names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [v.strip() for v in value.split(",") if v.strip()]


def assign(
    annotators: Annotated[str, typer.Option(help="Comma-separated names, e.g. sara,omar,huda.")],
    project: ProjectOption = None,
    overlap: Annotated[float, typer.Option(help="Share of documents given to two or more.")] = 0.2,
    per_shared: Annotated[int, typer.Option(help="Annotators per shared document.")] = 2,
    seed: Annotated[int, typer.Option(help="Changes which documents are shared.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Give every document to one annotator and a share of them to two or more."""
    from annotator.core.teams import assign as assign_documents

    with open_project(project) as proj:
        # Empty entries are kept: "sara,,omar" or a name of spaces is refused, not dropped.
        names = [v.strip() for v in annotators.split(",")]
        plan = assign_documents(proj, names, overlap=overlap, per_shared=per_shared, seed=seed)
    load = plan.load()
    if as_json:
        print_json({"documents": len(plan.by_document), "shared": plan.shared, "load": load})
        return
    console.print(
        f"Assigned {len(plan.by_document)} documents, {plan.shared} of them shared: "
        + ", ".join(f"{name} {n}" for name, n in load.items()),
        highlight=False,
    )


def handout(
    out: Annotated[Path, typer.Option(help="The annotator's new project file.", dir_okay=False)],
    project: ProjectOption = None,
    annotator: Annotated[str | None, typer.Option(help="Whose documents.")] = None,
    whole: Annotated[
        bool, typer.Option("--all", help="Every document, not only assigned.")
    ] = False,
) -> None:
    """Write a project file with the labels and one annotator's documents."""
    from annotator.core.teams import handout as write_handout

    with open_project(project, readonly=True) as proj:
        n = write_handout(proj, out, annotator=annotator, whole=whole)
    console.print(f"Wrote {out} with {n} documents.", highlight=False)


def merge(
    files: Annotated[list[Path], typer.Argument(help="Returned project files (or JSONL exports).")],
    project: ProjectOption = None,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Merge returned project files into this one (a backup is kept first)."""
    from annotator.core.importer import ImportOptions, import_paths
    from annotator.core.merge import merge_projects

    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise fail(f"{', '.join(missing)}: no such file.")
    projects = [f for f in files if f.suffix.lower() not in {".jsonl", ".json"}]
    jsonl = [f for f in files if f not in projects]
    result: dict[str, Any] = {}
    with open_project(project) as proj:
        report = merge_projects(proj, projects)
        result = report.to_json()
        if jsonl:
            imported = import_paths(proj, jsonl, options=ImportOptions(fmt="jsonl"))
            result["jsonl"] = imported.to_json()
            for failed in imported.failed:
                typer.echo(f"error: {failed.error}", err=True)
    if as_json:
        print_json(result)
    elif not quiet:
        for f in report.files:
            console.print(
                f"{f.path}: +{f.documents_added} documents, +{f.spans_added} spans, "
                f"{f.spans_updated} spans updated, {f.statuses_updated} statuses"
                + (f", labels added: {', '.join(f.labels_added)}" if f.labels_added else ""),
                highlight=False,
            )
            for note in f.overlaps_resolved:
                console.print(f"  {note}", highlight=False)
            if f.edge_punctuation:
                console.print(
                    f"  {f.edge_punctuation} span(s) start or end with punctuation or a space",
                    highlight=False,
                )
        if report.backup:
            console.print(f"Backup: {report.backup}", highlight=False)
    if jsonl and result["jsonl"]["failed"]:
        raise typer.Exit(1)


def agreement(
    project: ProjectOption = None,
    annotators: Annotated[str | None, typer.Option(help="Comma-separated; default all.")] = None,
    labels: Annotated[str | None, typer.Option(help="Comma-separated; default all.")] = None,
    claim_match: Annotated[
        str, typer.Option(help="How claims are matched for their structure: iou50 or overlap.")
    ] = "iou50",
    as_json: JsonOption = False,
) -> None:
    """Inter-annotator agreement on documents two or more annotators marked done."""
    from annotator.core.claim_agreement import project_claim_agreement
    from annotator.core.review import project_agreement

    with open_project(project, readonly=True) as proj:
        result = project_agreement(proj, annotators=_names(annotators), labels=_names(labels))
        structure = project_claim_agreement(proj, annotators=_names(annotators), match=claim_match)
    data = result.to_json()
    data["claim_structure"] = structure.to_json()
    if as_json:
        print_json(data)
        return
    _print_agreement(data)


def _print_claim_structure(data: dict[str, Any]) -> None:
    from rich.table import Table

    console.print(
        f"Claims' structure ({data['units']} claims matched across annotators, "
        f"{data['match']}): Krippendorff's α "
        + ", ".join(
            f"{key} {_fmt(m['krippendorff_alpha'])}"
            for key, m in [*data["attributes"].items(), ("claimer", data["claimer"])]
        ),
        highlight=False,
    )
    measures = [*data["attributes"].items(), ("claimer", data["claimer"])]
    table = Table("pair", "matched", *(f"{key} κ" for key, _ in measures))
    for index, pair in enumerate(data["claimer"]["pairs"]):
        table.add_row(
            f"{pair['a']} / {pair['b']}",
            str(pair["matched"]),
            *(_fmt(m["pairs"][index]["cohen_kappa"]) for _, m in measures),
        )
    console.print(table)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _print_agreement(data: dict[str, Any]) -> None:
    from rich.table import Table

    ents, claims = data["entities"], data["claims"]
    console.print(
        f"{data['documents']} documents, annotators {', '.join(data['annotators'])}",
        highlight=False,
    )
    console.print(
        f"Entities: mean exact F1 {_fmt(ents['mean_exact_f1'])}, pooled "
        f"{_fmt(ents['pooled_exact_f1'])}, Krippendorff's α {_fmt(ents['krippendorff_alpha'])}, "
        f"Fleiss' κ {_fmt(ents['fleiss_kappa'])}",
        highlight=False,
    )
    table = Table("pair", "docs", "exact F1", "overlap F1", "Cohen's κ")
    for pair in ents["pairs"]:
        table.add_row(
            f"{pair['a']} / {pair['b']}",
            str(pair["documents"]),
            _fmt(pair["exact_f1"]),
            _fmt(pair["overlap_f1"]),
            _fmt(pair["cohen_kappa"]),
        )
    console.print(table)
    console.print(f"Claims: character α {_fmt(claims['krippendorff_alpha'])}", highlight=False)
    table = Table("pair", "overlap F1", "F1 at IoU ≥ 0.5")
    for pair in claims["pairs"]:
        table.add_row(
            f"{pair['a']} / {pair['b']}", _fmt(pair["overlap_f1"]), _fmt(pair["iou50_f1"])
        )
    console.print(table)
    _print_claim_structure(data["claim_structure"])
    total = data["disagreements"]["total"]
    console.print(
        "Disagreements: " + ", ".join(f"{kind} {n}" for kind, n in total.items()),
        highlight=False,
    )
