"""`annotator note`: set, show, list and clear an annotator's note on a document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.store import Project

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        project.documents.add("ذهب أحمد إلى دمشق يوم الأحد", title="<b>زيارة</b>")
        project.documents.add("وصل الوفد إلى القاهرة صباح اليوم", title="وفد")
    return path


def notes_in(path: Path) -> list[tuple[int, str, str, bool]]:
    with Project.open(path, readonly=True) as project:
        number = {d: i for i, d in enumerate(project.documents.ids(), start=1)}
        notes = project.document_notes.all()
        return [(number[n.doc_id], n.annotator, n.note, n.flag) for n in notes]


def test_set_show_list_and_clear(proj: Path) -> None:
    p = str(proj)
    assert invoke("note", "-p", p, "2", "التاريخ غير مؤكد", "--annotator", "sara").exit_code == 0
    assert notes_in(proj) == [(2, "sara", "التاريخ غير مؤكد", False)]
    # The flag alone: the note stays as it was.
    assert invoke("note", "-p", p, "2", "--annotator", "sara", "--unsure").exit_code == 0
    assert notes_in(proj) == [(2, "sara", "التاريخ غير مؤكد", True)]
    invoke("note", "-p", p, "1", "[red]x[/red]", "--annotator", "omar")
    shown = invoke("note", "-p", p, "2")
    assert "2. وفد — sara ⚑ unsure: التاريخ غير مؤكد" in shown.output
    listed = invoke("note", "-p", p)
    assert "1. <b>زيارة</b> — omar: [red]x[/red]" in listed.output  # plain text, never markup
    rows = json.loads(invoke("note", "-p", p, "--json", "--annotator", "sara").output)
    assert [(r["document"], r["annotator"], r["unsure"]) for r in rows] == [(2, "sara", True)]
    assert invoke("note", "-p", p, "2", "--annotator", "sara", "--clear").exit_code == 0
    assert notes_in(proj) == [(1, "omar", "[red]x[/red]", False)]
    assert "no note" in invoke("note", "-p", p, "2").output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["9", "x", "--annotator", "sara"], "no document 9"),
        (["1", "x"], "--annotator"),
        (["x" * 3, "--annotator", "sara"], "Invalid value"),
        (["1", "x" * 2001, "--annotator", "sara"], "at most 2000"),
        (["1", "x", "--annotator", "sara", "--clear"], "--clear"),
    ],
)
def test_refused_changes_nothing(proj: Path, args: list[str], words: str) -> None:
    result = invoke("note", "-p", str(proj), *args)
    assert result.exit_code != 0
    assert words in result.output
    assert notes_in(proj) == []


def test_through_jsonl_export_and_import(proj: Path, tmp_path: Path) -> None:
    p = str(proj)
    invoke("note", "-p", p, "1", "مصدر واحد فقط", "--annotator", "sara", "--unsure")
    invoke("status", "-p", p, "done", "1", "2", "--annotator", "sara")
    out = tmp_path / "out"
    exported = invoke("export", "-p", p, "--format", "jsonl", "--out", str(out), "--split", "1,0")
    assert exported.exit_code == 0, exported.output
    other = tmp_path / "other.sqlite"
    invoke("init", "-p", str(other))
    imported = invoke("import", "-p", str(other), str(out / "train.jsonl"))
    assert imported.exit_code == 0, imported.output
    assert "1 document note" in imported.output
    assert notes_in(other) == [(1, "sara", "مصدر واحد فقط", True)]
