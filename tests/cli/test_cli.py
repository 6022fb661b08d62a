"""The `annotator` command: init, import, stats, labels, the default project, errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_command_is_documented() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for command in (
        "init",
        "import",
        "stats",
        "labels",
        "gui",
        "review",
        "export",
        "assign",
        "handout",
        "merge",
        "agreement",
    ):
        assert command in result.output
        sub = invoke(command, "--help")
        assert sub.exit_code == 0 and len(sub.output) > 100


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.startswith("annotator ")


def test_init_import_stats(tmp_path: Path, seed_text: str) -> None:
    proj = tmp_path / "p.sqlite"
    assert invoke("init", "-p", str(proj)).exit_code == 0
    folder = tmp_path / "in" / "nested"
    folder.mkdir(parents=True)
    (folder / "seed.txt").write_bytes(seed_text.encode("cp1256", "replace"))
    (tmp_path / "in" / "b.jsonl").write_text(
        json.dumps(
            {
                "text": "ذهب أحمد إلى دمشق",
                "_annotator_id": "sara",
                "answer": "accept",
                "spans": [{"start": 4, "end": 8, "label": "PER"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    result = invoke("import", "-p", str(proj), str(tmp_path / "in"), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["documents_new"] == 2 and summary["spans_added"] == 1
    stats = json.loads(invoke("stats", "-p", str(proj), "--json").output)
    assert stats["documents"] == 2
    assert stats["annotators"]["sara"]["spans"] == 1
    assert stats["annotators"]["sara"]["statuses"]["done"] == 1
    assert stats["labels"]["PER"]["spans"] == {"sara": 1}
    assert stats["words"] > 400
    human = invoke("stats", "-p", str(proj))
    assert "sara" in human.output and "2 documents" in human.output


def test_import_bad_file_exits_nonzero_and_names_it(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    invoke("init", "-p", str(proj))
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "نص"}\n{oops\n', encoding="utf-8")
    result = runner.invoke(app, ["import", "-p", str(proj), str(bad)])
    assert result.exit_code == 1
    assert "bad.jsonl, line 2" in result.output
    conn = sqlite3.connect(proj)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    conn.close()


def test_not_a_project_and_missing_paths(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not sqlite", encoding="utf-8")
    result = runner.invoke(app, ["stats", "-p", str(junk)])
    assert result.exit_code == 1 and "junk.sqlite" in result.output
    assert junk.read_text(encoding="utf-8") == "not sqlite"
    proj = tmp_path / "p.sqlite"
    invoke("init", "-p", str(proj))
    result = runner.invoke(app, ["import", "-p", str(proj), str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "nope.txt" in result.output
    result = runner.invoke(app, ["init", "-p", str(proj)])
    assert result.exit_code == 1 and "already exists" in result.output


def test_labels_commands(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    invoke("init", "-p", str(proj))
    listed = json.loads(invoke("labels", "-p", str(proj), "--json").output)
    assert [x["name"] for x in listed][:3] == ["PER", "ORG", "EVENT"]
    assert listed[0]["key"] == "1"
    assert invoke("labels", "add", "WEAPON", "--kind", "entity", "-p", str(proj)).exit_code == 0
    assert invoke("labels", "rename", "WEAPON", "ARMS", "-p", str(proj)).exit_code == 0
    assert invoke("labels", "recolor", "ARMS", "#112233", "-p", str(proj)).exit_code == 0
    bad = runner.invoke(app, ["labels", "recolor", "ARMS", "red", "-p", str(proj)])
    assert bad.exit_code == 1 and "#rrggbb" in bad.output
    listed = json.loads(invoke("labels", "-p", str(proj), "--json").output)
    assert listed[-1]["name"] == "ARMS" and listed[-1]["color"] == "#112233"


def test_custom_label_file(tmp_path: Path) -> None:
    labels = tmp_path / "labels.toml"
    labels.write_text(
        '[[label]]\nname = "PERSON"\nkind = "entity"\n\n'
        '[[label]]\nname = "STATEMENT"\nkind = "claim"\n',
        encoding="utf-8",
    )
    proj = tmp_path / "p.sqlite"
    assert invoke("init", "-p", str(proj), "--labels", str(labels)).exit_code == 0
    listed = json.loads(invoke("labels", "-p", str(proj), "--json").output)
    assert [(x["name"], x["kind"]) for x in listed] == [
        ("PERSON", "entity"),
        ("STATEMENT", "claim"),
    ]


def test_default_project_is_created_with_the_sample(tmp_path: Path) -> None:
    from annotator.cli.common import default_project_path

    assert not default_project_path().exists()
    stats = json.loads(invoke("stats", "--json").output)
    assert default_project_path().exists()
    assert stats["documents"] >= 1
    assert set(stats["annotators"]) == {"sample-sara", "sample-omar"}
    assert all(a["statuses"]["done"] >= 1 for a in stats["annotators"].values())


def test_team_commands_end_to_end(tmp_path: Path) -> None:
    lead = tmp_path / "lead.sqlite"
    invoke("init", "-p", str(lead))
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(
            f"خبر {i}\n\nدخل الجيش إلى البوكمال يوم {i}.", encoding="utf-8"
        )
    invoke("import", "-p", str(lead), str(folder), "--quiet")
    out = json.loads(
        invoke(
            "assign", "-p", str(lead), "--annotators", "sara,omar", "--overlap", "1", "--json"
        ).output
    )
    assert out == {"documents": 6, "shared": 6, "load": {"omar": 6, "sara": 6}}
    from annotator.core.edits import AddSpan, SetStatus
    from annotator.core.model import Status
    from annotator.core.store import Project

    copies = {}
    for who, label in (("sara", "GPE"), ("omar", "LOC")):
        copies[who] = tmp_path / f"{who}.sqlite"
        assert (
            invoke(
                "handout", "-p", str(lead), "--annotator", who, "--out", str(copies[who])
            ).exit_code
            == 0
        )
        with Project.open(copies[who]) as copy:
            for doc_id in copy.documents.ids():
                text = copy.documents.get(doc_id).text
                start = text.index("البوكمال")
                copy.apply(AddSpan(doc_id, who, label if doc_id % 2 else "GPE", start, start + 8))
                copy.apply(SetStatus(doc_id, who, Status.DONE))
    merged = json.loads(
        invoke("merge", "-p", str(lead), str(copies["sara"]), str(copies["omar"]), "--json").output
    )
    assert [f["spans_added"] for f in merged["files"]] == [6, 6]
    agreement = json.loads(invoke("agreement", "-p", str(lead), "--json").output)
    assert agreement["documents"] == 6
    assert agreement["entities"]["pairs"][0]["exact_f1"] == 0.5
    human = invoke("agreement", "-p", str(lead))
    assert "Krippendorff" in human.output
    alone = runner.invoke(app, ["agreement", "-p", str(lead), "--annotators", "sara"])
    assert alone.exit_code == 1 and "two annotators" in alone.output
    itself = runner.invoke(app, ["merge", "-p", str(lead), str(lead)])
    assert itself.exit_code == 1 and "lead project itself" in itself.output


def test_readme_documents_every_command() -> None:
    import typer.main

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    missing = [name for name in group.commands if f"annotator {name}" not in readme]
    assert missing == []


def test_find_lists_hits_in_context_and_as_json(tmp_path: Path) -> None:
    from tests.conftest import SEED

    project = tmp_path / "p.sqlite"
    invoke("init", "-p", str(project))
    invoke("import", "-p", str(project), str(SEED), "--quiet")
    text = SEED.read_text(encoding="utf-8")
    human = invoke("find", "-p", str(project), "الاوليَّة")  # no hamza, with a shadda
    assert human.exit_code == 0
    assert "[الأولية]" in human.output and "1 hit in 1 document." in human.output
    data = json.loads(invoke("find", "-p", str(project), "داعش", "--json", "--limit", "2").output)
    assert data["truncated"] is True and len(data["hits"]) == 2
    for hit in data["hits"]:
        assert hit["match"] == "داعش" and hit["number"] == 1
    stored = sqlite3.connect(project).execute("SELECT text FROM documents").fetchone()[0]
    assert stored.count("داعش") == text.count("داعش")
    assert all(stored[h["start"] : h["end"]] == "داعش" for h in data["hits"])
    empty = runner.invoke(app, ["find", "-p", str(project), "ـــ"])
    assert empty.exit_code == 1 and "E105" in empty.output
