"""`annotator import` on corpora and `annotator status`: what the user reads, the exit
code, and what is in the project file afterwards."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app

runner = CliRunner()

NESTED = "مجلس B-ORG\nبلدية I-ORG\nنابلس I-ORG B-GPE\nزار O\nدمشق B-GPE\n\nو O\n"


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), catch_exceptions=False)


def statuses(path: Path) -> list[tuple[int, str, str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute("SELECT doc_id, annotator, status FROM statuses ORDER BY 1").fetchall()
    conn.close()
    return rows


def test_import_reports_nested_entities_and_done(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    source = tmp_path / "w.txt"
    source.write_text(NESTED, encoding="utf-8")
    assert invoke("init", "-p", str(project)).exit_code == 0
    result = invoke("import", "-p", str(project), "--done", "--part", "test", str(source))
    assert result.exit_code == 0, result.output
    assert "3 spans (1 nested inside another entity)" in " ".join(result.output.split())
    assert statuses(project) == [(1, "imported", "done")]
    data = json.loads(invoke("import", "-p", str(project), "--json", str(source)).output)
    assert data["documents_existing"] == 1 and data["spans_added"] == 0


def test_import_exits_non_zero_and_lists_every_problem(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    bad = tmp_path / "bad.conll"
    bad.write_text("قال B-PER\n O\nدمشق\nحلب B-GPE\n", encoding="utf-8")
    invoke("init", "-p", str(project))
    result = runner.invoke(app, ["import", "-p", str(project), str(bad)])
    assert result.exit_code == 1
    assert "line 2: empty token" in result.output and "line 3: token 'دمشق'" in result.output
    lenient = runner.invoke(app, ["import", "-p", str(project), "--lenient", str(bad)])
    assert lenient.exit_code == 0, lenient.output
    assert "Skipped or read leniently: 2 line(s)" in lenient.output


def test_status_marks_documents_done_by_number_or_all(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    invoke("init", "-p", str(project))
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"خبر رقم {i}", encoding="utf-8")
    invoke("import", "-p", str(project), *(str(tmp_path / f"{i}.txt") for i in range(3)))
    result = invoke("status", "-p", str(project), "done", "1", "3", "--annotator", "gold")
    assert result.exit_code == 0, result.output
    assert "Marked 2 documents done for gold; 1 new, 2 done." in result.output
    assert statuses(project) == [(1, "gold", "done"), (3, "gold", "done")]
    result = invoke("status", "-p", str(project), "done", "--all", "--annotator", "gold")
    assert [s for _d, _a, s in statuses(project)] == ["done"] * 3
    bad = runner.invoke(app, ["status", "-p", str(project), "done", "7"])
    assert bad.exit_code == 1 and "no document 7" in bad.output
    assert runner.invoke(app, ["status", "-p", str(project), "finished", "1"]).exit_code == 1


def test_a_flat_project_refuses_a_nested_corpus(tmp_path: Path) -> None:
    project = tmp_path / "flat.sqlite"
    source = tmp_path / "w.txt"
    source.write_text(NESTED, encoding="utf-8")
    assert invoke("init", "-p", str(project), "--flat-entities").exit_code == 0
    result = runner.invoke(app, ["import", "-p", str(project), str(source)])
    assert result.exit_code == 1
    assert "this project keeps entities flat" in " ".join(result.output.split())
    assert statuses(project) == []
