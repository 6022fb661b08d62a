"""`annotator suggest`, `gazetteer import|export` and `stats`, checked in the project file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import Status
from annotator.core.store import Project
from tests.conftest import SEED

runner = CliRunner()


def _project(path: Path) -> None:
    with Project.create(path) as project:
        first, _ = project.documents.add("قصفت الطائرات مواقع داعش قرب البوكمال")
        project.documents.add(SEED.read_text(encoding="utf-8"))
        text = project.documents.get(first).text
        start = text.index("داعش")
        project.apply(AddSpan(first, "sara", "ORG", start, start + 4))
        project.apply(SetStatus(first, "sara", Status.DONE))


def test_suggest_from_the_gazetteer_and_stats(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    _project(proj)
    result = runner.invoke(
        app, ["suggest", "-p", str(proj), "--model", "gazetteer", "--docs", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    stored = sqlite3.connect(proj).execute("SELECT count(*) FROM suggestions").fetchone()[0]
    assert data["suggestions"] == stored > 0
    shown = runner.invoke(app, ["stats", "-p", str(proj)])
    assert "suggestions from" in shown.output and "gazetteer" in shown.output
    bad = runner.invoke(app, ["suggest", "-p", str(proj), "--model", str(tmp_path / "none")])
    assert bad.exit_code == 1 and "E133" in bad.output


def test_gazetteer_import_refuses_a_bad_list_whole(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    _project(proj)
    terms = tmp_path / "terms.csv"
    terms.write_text("البوكمال,GPE\nدير الزور\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "-p", str(proj), "import", str(terms)])
    assert result.exit_code == 1 and "E132" in result.output and "line 2" in result.output
    count = sqlite3.connect(proj).execute("SELECT count(*) FROM gazetteer_terms").fetchone()[0]
    assert count == 0
    terms.write_text("البوكمال,GPE\nدير الزور,GPE\n", encoding="utf-8")
    result = runner.invoke(app, ["gazetteer", "import", "-p", str(proj), str(terms)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["gazetteer", "export", "-p", str(proj), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "term,label,count"
    assert {"البوكمال,GPE,1", "دير الزور,GPE,1", "داعش,ORG,1"} <= set(lines)
