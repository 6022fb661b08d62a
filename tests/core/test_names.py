"""Limits on label names, colours, shortcuts and annotator names, everywhere they enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.edits import AddSpan
from annotator.core.errors import InvalidLabel, InvalidName, LabelConflict
from annotator.core.model import Label, LabelKind
from annotator.core.store import NewDocument, Project, labels_from_toml
from annotator.core.teams import InvalidAssignment, plan_assignment

runner = CliRunner()

BAD_LABEL_NAMES = {
    "": "needs a name",
    "A" * 100_000: "100000 characters",
    "BAD\x00NAME": "character U.0000",
    "BAD\u202eNAME": "character U.202E",
    "TWO WORDS": "without spaces",
}


@pytest.mark.parametrize("name", sorted(BAD_LABEL_NAMES), ids=lambda n: repr(n[:12]))
def test_bad_label_names_are_refused(project: Project, name: str) -> None:
    before = project.labels.list()
    with pytest.raises(InvalidLabel, match=BAD_LABEL_NAMES[name]):
        project.labels.add(Label(name, LabelKind.ENTITY))
    with pytest.raises(InvalidLabel, match=BAD_LABEL_NAMES[name]):
        project.labels.update("PER", name=name)
    assert project.labels.list() == before


@pytest.mark.parametrize("colour", ["notacolor", "#12345", "#1234567", "red", "#ggg000", ""])
def test_colours_must_be_rrggbb(project: Project, colour: str) -> None:
    before = project.labels.get("PER").color
    with pytest.raises(InvalidLabel, match="#rrggbb"):
        project.labels.add(Label("NEW", LabelKind.ENTITY, colour))
    with pytest.raises(InvalidLabel, match="#rrggbb"):
        project.labels.update("PER", color=colour)
    assert project.labels.get("PER").color == before


@pytest.mark.parametrize(
    ("shortcut", "words"), [("ab", "single"), ("1", "digits"), (" ", "single")]
)
def test_shortcuts_are_one_letter(project: Project, shortcut: str, words: str) -> None:
    with pytest.raises(InvalidLabel, match=words):
        project.labels.add(Label("NEW", LabelKind.ENTITY, shortcut=shortcut))
    with pytest.raises(InvalidLabel, match=words):
        project.labels.update("PER", shortcut=shortcut)


def test_a_taken_shortcut_is_refused_naming_its_holder(project: Project) -> None:
    with pytest.raises(LabelConflict, match="shortcut of PER"):
        project.labels.add(Label("NEW", LabelKind.ENTITY, shortcut="P"))
    with pytest.raises(LabelConflict, match="shortcut of PER"):
        project.labels.update("ORG", shortcut="p")
    project.labels.update("PER", shortcut="p")  # its own shortcut again is fine
    project.labels.add(Label("NEW", LabelKind.ENTITY, shortcut="z"))


def test_labels_toml_is_checked(tmp_path: Path) -> None:
    def toml(*rows: str) -> str:
        return "".join(f"[[label]]\n{row}\n" for row in rows)

    ok = 'name = "PER"\nkind = "entity"\ncolor = "#aabbcc"\nshortcut = "p"'
    assert labels_from_toml(toml(ok), source="l.toml")[0].color == "#aabbcc"
    cases = {
        'name = "X"\nkind = "entity"\ncolor = "black"': "#rrggbb",
        'name = "X"\nkind = "entity"\nshortcut = "xy"': "single",
        'name = "X\\u0000"\nkind = "entity"': "control character",
        ok + '\n[[label]]\nname = "Y"\nkind = "place"\nshortcut = "P"': "shortcut of PER",
    }
    for text, words in cases.items():
        with pytest.raises((InvalidLabel, LabelConflict), match=words) as caught:
            labels_from_toml(toml(text), source="l.toml")
        assert "l.toml" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "words"),
    [("   ", "empty"), ("", "empty"), ("s" * 81, "81 characters"), ("sa\x07ra", "U.0007")],
)
def test_annotator_names(project: Project, name: str, words: str) -> None:
    doc, _ = project.documents.add("ذهب أحمد إلى دمشق")
    with pytest.raises(InvalidName, match=words):
        project.apply(AddSpan(doc, name, "PER", 4, 8))
    assert project.spans.count() == 0
    with pytest.raises(InvalidName, match=words):
        plan_assignment(project, ["omar", name], overlap=0.5)


@pytest.fixture
def four_docs(project: Project) -> Project:
    with project.transaction():
        project.documents.add_many([NewDocument(f"خبر {i}") for i in range(4)])
    return project


@pytest.mark.parametrize("per_shared", [0, 1, 4])
def test_per_shared_between_two_and_the_annotators(four_docs: Project, per_shared: int) -> None:
    with pytest.raises(InvalidAssignment, match="--per-shared"):
        plan_assignment(four_docs, ["a", "b", "c"], overlap=0.5, per_shared=per_shared)
    assert plan_assignment(four_docs, ["a", "b", "c"], overlap=0.5, per_shared=3).shared == 2


def test_cli_limits_exit_one_with_one_line(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    Project.create(proj).close()
    for args, words in [
        (["labels", "-p", str(proj), "add", "X" * 100, "--kind", "entity"], "100 characters"),
        (["labels", "-p", str(proj), "add", "X", "--kind", "entity", "--color", "no"], "#rrggbb"),
        (["labels", "-p", str(proj), "add", "X", "--kind", "entity", "--shortcut", "o"], "ORG"),
        (["labels", "-p", str(proj), "edit", "PER", "--shortcut", "pq"], "single"),
        (["labels", "-p", str(proj), "recolor", "PER", "#zzzzzz"], "#rrggbb"),
        (["assign", "-p", str(proj), "--annotators", "sara, ,omar"], "empty"),
    ]:
        result = runner.invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 1, (args, result.output)
        assert result.output.strip().startswith("error: [E0") and words in result.output, args
    with Project.open(proj, readonly=True) as project:
        assert "X" not in project.labels.names()
        assert project.labels.get("PER").shortcut == "p"


def test_windows_refuse_a_bad_name_before_opening(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    Project.create(proj).close()
    for command, option in (("gui", "--annotator"), ("review", "--adjudicator")):
        result = runner.invoke(app, [command, "-p", str(proj), option, "  "])
        assert result.exit_code == 1 and "[E050]" in result.output, result.output
