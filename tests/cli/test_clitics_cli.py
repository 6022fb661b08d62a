"""`annotator init --clitics`, `annotator clitics`, and `stats` showing the policy."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.edits import AddSpan
from annotator.core.store import Project

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_init_with_clitics_outside_is_kept_and_shown(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    result = invoke("init", "-p", str(proj), "--clitics", "outside")
    assert result.exit_code == 0 and "outside" in result.output
    with Project.open(proj, readonly=True) as project:
        assert project.clitics == "outside"
    stats = invoke("stats", "-p", str(proj))
    assert "Proclitics outside entities" in stats.output
    assert json.loads(invoke("stats", "-p", str(proj), "--json").output)["clitics"] == "outside"


def test_default_is_inside(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    assert invoke("init", "-p", str(proj)).exit_code == 0
    assert json.loads(invoke("stats", "-p", str(proj), "--json").output)["clitics"] == "inside"


def test_a_bad_policy_creates_nothing(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    result = invoke("init", "-p", str(proj), "--clitics", "between")
    assert result.exit_code == 1 and "inside or outside" in result.output
    assert not proj.exists()


def test_changing_the_policy_says_what_happens_to_spans(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    invoke("init", "-p", str(proj))
    with Project.open(proj) as project:
        doc_id, _ = project.documents.add("قصف بالبوكمال", title="t")
        project.apply(AddSpan(doc_id, "ali", "GPE", 4, 13))
    result = invoke("clitics", "-p", str(proj), "outside")
    assert result.exit_code == 0
    assert "were inside" in result.output and "1 existing spans are kept" in result.output
    with Project.open(proj, readonly=True) as project:
        assert project.clitics == "outside"
        assert [(s.start, s.end) for s in project.spans.for_document(doc_id)] == [(4, 13)]
    bad = invoke("clitics", "-p", str(proj), "nowhere")
    assert bad.exit_code == 1
    with Project.open(proj, readonly=True) as project:
        assert project.clitics == "outside"
