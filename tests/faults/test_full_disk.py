"""Disk full, read-only folder, file gone: one named line, exit 1, nothing left behind.

The project lives on a small tmpfs that is filled on purpose; every command
that writes is run and the project's dump must be what it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from faultkit import dump, fill, leftovers
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.errors import WriteFailed
from annotator.core.merge import merge_projects
from annotator.core.store import NewDocument, Project

runner = CliRunner()
TEXT = "دخل الجيش إلى البوكمال صباح اليوم بعد معارك عنيفة. " * 400  # ~20 KB


def _project(path: Path, *, docs: int = 20) -> Path:
    with Project.create(path) as project:
        with project.transaction():
            project.documents.add_many(
                [NewDocument(f"{i} {TEXT}", f"خبر {i}") for i in range(docs)]
            )
    return path


def _returned(lead: Path, out: Path) -> Path:
    from annotator.core.edits import AddSpan
    from annotator.core.teams import handout

    with Project.open(lead, readonly=True) as project:
        handout(project, out, annotator=None, whole=True)
    with Project.open(out) as copy:
        for doc_id in copy.documents.ids():
            copy.apply(AddSpan(doc_id, "sara", "GPE", 10, 20))
    return out


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _one_clear_line(output: str, *names: object) -> None:
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("error: [E0"), output
    assert "Traceback" not in output and ": : " not in output, output
    for name in names:
        assert str(name) in output.replace("\n", ""), (name, output)


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{text}"],
        ["labels", "add", "QQQ", "--kind", "entity"],
        ["assign", "--annotators", "sara,omar"],
        ["merge", "{returned}"],
    ],
    ids=["import", "labels", "assign", "merge-backup"],
)
def test_writes_on_a_full_disk(small_disk: Path, tmp_path: Path, command: list[str]) -> None:
    proj = _project(small_disk / "p.sqlite")
    returned = _returned(proj, tmp_path / "sara.sqlite")
    text = tmp_path / "big.txt"
    text.write_text("مقال جديد " + TEXT * 3, encoding="utf-8")
    before = dump(proj)
    fill(small_disk)
    args = [a.format(text=text, returned=returned) for a in command]
    code, output = _cli(
        *args[:2] if args[0] == "labels" else args[:1],
        "-p",
        str(proj),
        *(args[2:] if args[0] == "labels" else args[1:]),
    )
    assert code == 1, output
    _one_clear_line(output, proj.name)
    (small_disk / "ballast.bin").unlink()
    assert dump(proj) == before
    assert leftovers(small_disk) == []


def test_merge_itself_on_a_full_disk(small_disk: Path, tmp_path: Path) -> None:
    proj = _project(small_disk / "p.sqlite", docs=5)
    returned = _returned(proj, tmp_path / "sara.sqlite")
    with Project.open(returned) as copy, copy.transaction():  # plenty to merge
        copy.documents.add_many([NewDocument(f"جديد {i} {TEXT}") for i in range(60)])
    before = dump(proj)
    with Project.open(proj) as lead:
        fill(small_disk, leave=64 * 1024)
        with pytest.raises(WriteFailed, match="disk is full"):
            merge_projects(lead, [returned], backup=False)
    (small_disk / "ballast.bin").unlink()
    assert dump(proj) == before


def test_export_and_handout_to_a_full_disk(small_disk: Path, tmp_path: Path) -> None:
    proj = _returned(_project(tmp_path / "lead.sqlite", docs=60), tmp_path / "p.sqlite")
    fill(small_disk, leave=32 * 1024)
    out = small_disk / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, output = _cli(
        "export",
        "-p",
        str(proj),
        "--out",
        str(out),
        "--format",
        "jsonl",
        "--include-unfinished",
        "--annotator",
        "sara",
    )
    assert code == 1
    _one_clear_line(output, out)
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]
    code, output = _cli("handout", "-p", str(proj), "--out", str(small_disk / "h.sqlite"), "--all")
    assert code == 1
    _one_clear_line(output, "h.sqlite")
    assert not (small_disk / "h.sqlite").exists()
    assert leftovers(small_disk) == []


def test_read_only_folder(small_disk: Path, tmp_path: Path, readonly_remount) -> None:
    proj = _project(small_disk / "p.sqlite", docs=3)
    before = dump(proj)
    readonly_remount(small_disk)
    code, output = _cli("labels", "add", "QQQ", "--kind", "entity", "-p", str(proj))
    assert code == 1
    _one_clear_line(output, proj)
    assert "[E004]" in output
    source = _returned(_project(tmp_path / "lead.sqlite", docs=3), tmp_path / "src.sqlite")
    code, output = _cli(
        "export",
        "-p",
        str(source),
        "--out",
        str(small_disk / "out"),
        "--format",
        "jsonl",
        "--include-unfinished",
    )
    assert code == 1
    _one_clear_line(output, small_disk / "out")
    assert dump(proj) == before


def test_project_moved_away_while_open(tmp_path: Path) -> None:
    proj = _project(tmp_path / "p.sqlite", docs=2)
    with Project.open(proj) as project:
        moved = tmp_path / "elsewhere.sqlite"
        shutil.move(proj, moved)
        before = dump(moved)
        with pytest.raises(WriteFailed, match="moved, renamed or deleted"):
            project.documents.add("نص لن يضيع في ملف لا يراه أحد")
    assert dump(moved) == before
