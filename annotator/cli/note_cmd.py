"""``annotator note``: an annotator's note and "unsure" flag on a document."""

from __future__ import annotations

from typing import Annotated

import typer

from annotator.cli.common import JsonOption, ProjectOption, console, fail, open_project, print_json


def note(
    document: Annotated[
        int | None,
        typer.Argument(help="Document number (1-based, as in the editor's list). Omit to list."),
    ] = None,
    text: Annotated[
        str | None, typer.Argument(help="The note (plain text); with --unsure it may be empty.")
    ] = None,
    project: ProjectOption = None,
    annotator: Annotated[
        str | None, typer.Option(help="Whose note to set (listing: only theirs).")
    ] = None,
    unsure: Annotated[
        bool | None,
        typer.Option(
            "--unsure/--sure",
            help="Flag the document unsure (or clear the flag); kept as it is when not given.",
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the note and the flag.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Set, clear or show annotators' notes and "unsure" flags on documents.

    `note -p P` lists every note; `note -p P 3` shows document 3's; `note -p P 3
    "date unclear" --annotator sara --unsure` sets sara's (undoable in the GUI).
    """
    from annotator.core.note_edits import SetDocumentNote

    changing = text is not None or unsure is not None or clear
    if changing and document is None:
        raise fail("name the document (its number) whose note to set; nothing was changed.")
    if changing and not annotator:
        raise fail("say whose note it is with --annotator NAME; nothing was changed.")
    if clear and (text is not None or unsure):
        raise fail("--clear removes the note and the flag: give no text and no --unsure with it.")
    with open_project(project, readonly=not changing) as proj:
        ids = proj.documents.ids()
        if document is not None and not 1 <= document <= len(ids):
            raise fail(
                f"no document {document} in {proj.path.name}: it has {len(ids)} (numbers run "
                "from 1); nothing was changed."
            )
        number_of = {doc_id: i for i, doc_id in enumerate(ids, start=1)}
        if changing:
            assert document is not None and annotator
            doc_id = ids[document - 1]
            before = proj.document_notes.get(doc_id, annotator)
            # What is not given stays as it was.
            new_text = text if text is not None else (before.note if before else "")
            new_flag = unsure if unsure is not None else bool(before and before.flag)
            if clear:
                new_text, new_flag = "", False
            proj.apply(SetDocumentNote(doc_id, annotator, new_text, flag=new_flag))
        if document is not None:
            notes = [
                n
                for n in proj.document_notes.for_documents([ids[document - 1]]).values()
                if annotator is None or n.annotator == annotator
            ]
        else:
            notes = [n for n in proj.document_notes.all() if annotator in (None, n.annotator)]
        rows = [
            {
                "document": number_of[n.doc_id],
                "title": proj.documents.info(n.doc_id).title,
                "annotator": n.annotator,
                "note": n.note,
                "unsure": n.flag,
                "updated": n.updated,
            }
            for n in sorted(notes, key=lambda n: (number_of[n.doc_id], n.annotator))
        ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print(f"Document {document}: no note." if document else "No document notes.")
        return
    from rich.text import Text

    for row in rows:
        line = Text(f"{row['document']}. ")
        line.append(str(row["title"]))  # plain text, never markup
        line.append(f" — {row['annotator']}")
        if row["unsure"]:
            line.append(" ⚑ unsure")
        if row["note"]:
            line.append(f": {row['note']}")
        console.print(line)
