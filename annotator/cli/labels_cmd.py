"""`annotator labels`: list, add, rename, recolour labels."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli.common import (
    JsonOption,
    ProjectOption,
    console,
    fail,
    group_project,
    open_project,
    print_json,
)
from annotator.core.model import Label
from annotator.core.store import parse_kind

app = typer.Typer(help="List, add, rename and recolour labels.", invoke_without_command=True)


@app.callback()
def list_labels(
    ctx: typer.Context, project: ProjectOption = None, as_json: JsonOption = False
) -> None:
    """List the labels in palette order (with no sub-command)."""
    if ctx.invoked_subcommand is not None:
        # `annotator labels -p P add ...`: the sub-command writes P, not the default project.
        ctx.obj = project
        return
    with open_project(project, readonly=True) as proj:
        labels = proj.labels.list()
        link_types = proj.link_types.list()
    if as_json:
        print_json(
            [
                {
                    "name": lab.name,
                    "kind": lab.kind.value,
                    "color": lab.color,
                    "shortcut": lab.shortcut,
                    "key": str(i + 1) if i < 9 else "",
                    "description": lab.description,
                    "description_ar": lab.description_ar,
                    "attributes": [a.to_json() for a in lab.attributes],
                }
                for i, lab in enumerate(labels)
            ]
        )
        return
    from rich.table import Table

    table = Table("key", "name", "kind", "colour", "shortcut", "description")
    for i, lab in enumerate(labels):
        table.add_row(
            str(i + 1) if i < 9 else "",
            lab.name,
            lab.kind.value,
            f"[on {lab.color}]   [/] {lab.color}",
            lab.shortcut,
            lab.description,
        )
    console.print(table)
    for lab in labels:
        for a in lab.attributes:
            values = f": {' | '.join(a.values)}" if a.values else ""
            console.print(f"{lab.name} attribute {a.key} ({a.type}{values})", highlight=False)
    for t in link_types:
        to = ", ".join([*t.children, *(f"'{v}'" for v in t.implicit)])
        console.print(f"link {t.name}: {', '.join(t.heads)} → {to}", highlight=False)


@app.command()
def add(
    ctx: typer.Context,
    name: str,
    kind: Annotated[str, typer.Option(help="entity, place, claim or cue.")],
    project: ProjectOption = None,
    color: Annotated[str, typer.Option(help="#rrggbb")] = "#cccccc",
    shortcut: Annotated[str, typer.Option(help="A letter key.")] = "",
    description: str = "",
    description_ar: str = "",
) -> None:
    """Add a label at the end of the palette."""
    with open_project(group_project(ctx, project)) as proj:
        label = proj.labels.add(
            Label(
                name,
                parse_kind(kind, where=f"label {name!r}"),
                color,
                shortcut,
                description,
                description_ar,
            )
        )
    console.print(f"Added {label.name} ({label.kind.value}).", highlight=False)


@app.command()
def rename(ctx: typer.Context, old: str, new: str, project: ProjectOption = None) -> None:
    """Rename a label; its spans keep it."""
    with open_project(group_project(ctx, project)) as proj:
        proj.labels.update(old, name=new)
    console.print(f"Renamed {old} to {new}.", highlight=False)


@app.command()
def recolor(ctx: typer.Context, name: str, color: str, project: ProjectOption = None) -> None:
    """Change a label's colour (#rrggbb)."""
    with open_project(group_project(ctx, project)) as proj:
        proj.labels.update(name, color=color)
    console.print(f"{name} is now {color}.", highlight=False)


@app.command()
def edit(
    ctx: typer.Context,
    name: str,
    project: ProjectOption = None,
    shortcut: Annotated[str | None, typer.Option(help="A letter key.")] = None,
    description: Annotated[str | None, typer.Option()] = None,
    description_ar: Annotated[str | None, typer.Option()] = None,
    kind: Annotated[str | None, typer.Option(help="Only while no span uses the label.")] = None,
) -> None:
    """Change a label's shortcut, descriptions or kind."""
    changes = {
        k: v
        for k, v in {
            "shortcut": shortcut,
            "description": description,
            "description_ar": description_ar,
            "kind": kind,
        }.items()
        if v is not None
    }
    if not changes:
        raise fail("nothing to change: give --shortcut, --description, --description-ar or --kind.")
    with open_project(group_project(ctx, project)) as proj:
        proj.labels.update(name, **changes)
    console.print(f"Updated {name}.", highlight=False)
