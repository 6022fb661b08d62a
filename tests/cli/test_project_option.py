"""Every command writes (or reads) the project it was given, never the default one."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from annotator.cli.common import default_project_path
from annotator.cli.main import app
from annotator.core.model import Span, SpanId, Status, StatusRecord, utc_now
from annotator.core.store import Project
from annotator.core.store_lock import uri

runner = CliRunner()


def _digest(path: Path) -> str:
    conn = sqlite3.connect(uri(path, readonly=True), uri=True)
    try:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()
    finally:
        conn.close()


def _project_with_work(path: Path, *, annotators: tuple[str, ...] = ()) -> None:
    """Two documents; each annotator marked PER on the first and finished it."""
    with Project.create(path) as project:
        doc, _ = project.documents.add("ذهب أحمد إلى دمشق يوم الأحد")
        project.documents.add("وصل الوفد إلى القاهرة صباح اليوم")
        now = utc_now()
        with project.transaction():
            for name in annotators:
                span = Span(SpanId(f"{name}-1"), doc, name, "PER", 4, 8, created=now, updated=now)
                project.spans.insert(span)
                record = StatusRecord(doc, name, Status.DONE, 1.0, now)
                project.statuses.put(record, doc_id=doc, annotator=name)


# Each command: its arguments after the project option, whether it writes the project.
# `{tmp}` is the test's folder. `gui` and `review` open windows: tested in tests/gui.
CASES: dict[str, tuple[list[str], bool]] = {
    "labels": ([], False),
    "labels add": (["QQQ", "--kind", "entity", "--color", "#112233"], True),
    "labels rename": (["PER", "PERSON"], True),
    "labels recolor": (["PER", "#123456"], True),
    "labels edit": (["PER", "--description", "people"], True),
    "import": (["{tmp}/in.txt"], True),
    "stats": ([], False),
    "clitics": (["outside"], True),
    "status": (["done", "2", "--annotator", "sara"], True),
    "note": (["1", "التاريخ غير مؤكد", "--annotator", "sara", "--unsure"], True),
    "assign": (["--annotators", "sara,omar", "--overlap", "0.5"], True),
    "handout": (["--out", "{tmp}/h.sqlite", "--all"], False),
    "merge": (["{tmp}/returned.sqlite"], True),
    "agreement": ([], False),
    "find": (["أحمد"], False),
    "export": (["--out", "{tmp}/out", "--include-unfinished", "--annotator", "sara"], False),
    "suggest": (["--model", "gazetteer"], True),
    "gazetteer": ([], False),
    "gazetteer import": (["{tmp}/in.txt", "--label", "ORG"], True),
    "gazetteer export": (["--out", "{tmp}/terms.csv"], False),
    "train": (["--annotator", "sara", "--out", "{tmp}/model", "--max-steps", "2", "-q"], False),
}
WINDOWS = {"gui", "review"}


def _all_commands() -> set[str]:
    root = get_command(app)
    names: set[str] = set()
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        names.add(name)
        for sub in getattr(command, "commands", {}):
            names.add(f"{name} {sub}")
    return names


def test_every_command_is_in_the_table() -> None:
    assert _all_commands() - WINDOWS - {"init"} == set(CASES)


# A sub-command of a group takes -p in both places: `labels -p P add` and `labels add -p P`.
PLACES = [(c, "command") for c in sorted(CASES)] + [(c, "group") for c in CASES if " " in c]


@pytest.mark.parametrize(("command", "where"), PLACES)
def test_command_uses_the_given_project(tmp_path: Path, command: str, where: str) -> None:
    proj = tmp_path / "p.sqlite"
    _project_with_work(proj, annotators=("sara", "omar"))
    (tmp_path / "in.txt").write_text("مقال جديد عن الاقتصاد", encoding="utf-8")
    returned = tmp_path / "returned.sqlite"
    _project_with_work(returned)
    with Project.open(returned) as project:
        project.documents.add("نص أعاده المعلّق")
    before = _digest(proj)
    args, writes = CASES[command]
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    words = command.split()
    if where == "group":
        argv = [words[0], "-p", str(proj), *words[1:], *args]
    else:
        argv = [*words, "-p", str(proj), *args]
    result = runner.invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert not default_project_path().exists(), f"{command} created the default project"
    assert (_digest(proj) != before) == writes


def test_labels_group_option_does_not_touch_default(tmp_path: Path) -> None:
    """The README's form, `labels -p P add ...`, with a default project already there."""
    proj = tmp_path / "p.sqlite"
    _project_with_work(proj)
    default = default_project_path()
    runner.invoke(app, ["stats"], catch_exceptions=False)  # creates the default project
    default_before = _digest(default)
    result = runner.invoke(
        app, ["labels", "-p", str(proj), "add", "QQQ", "--kind", "entity"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert _digest(default) == default_before
    listed = runner.invoke(app, ["labels", "-p", str(proj), "--json"], catch_exceptions=False)
    assert "QQQ" in [lab["name"] for lab in json.loads(listed.output)]
    assert os.environ["ANNOTATOR_HOME"] in str(default)
