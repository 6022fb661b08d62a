"""`annotator export`: options, the summary, --json, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.samples import SAMPLE_ANNOTATORS, create_sample_project

runner = CliRunner()
SARA = SAMPLE_ANNOTATORS[0]


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return create_sample_project(tmp_path_factory.mktemp("sample") / "sample.sqlite")


def test_export_is_documented() -> None:
    result = invoke("export", "--help")
    assert result.exit_code == 0
    for option in (
        "--format",
        "--out",
        "--annotator",
        "--gold",
        "--include-unfinished",
        "--split",
        "--seed",
        "--scheme",
        "--claims-column",
        "--misaligned",
    ):
        assert option in result.output


@pytest.mark.parametrize("fmt", ["spacy", "conll", "jsonl"])
def test_export_each_format_prints_a_summary(sample: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    result = invoke(
        "export",
        "-p",
        str(sample),
        "--format",
        fmt,
        "--out",
        str(out),
        "--annotator",
        SARA,
        "--split",
        "0.9,0.1",
    )
    assert result.exit_code == 0, result.output
    assert "Exported 1 document(s)" in result.output
    assert "Spans adjusted to token boundaries: 0" in result.output
    assert {p.name for p in out.iterdir()} >= {
        f"train.{fmt}",
        f"dev.{fmt}",
        "report.json",
        "README.md",
    }
    assert not (out / f"test.{fmt}").exists()


def test_export_json_is_the_report(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        "export",
        "-p",
        str(sample),
        "--format",
        "conll",
        "--out",
        str(out),
        "--annotator",
        SARA,
        "--scheme",
        "bilou",
        "--claims-column",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["out"] == str(out)
    assert {k: v for k, v in data.items() if k != "out"} == saved
    assert data["scheme"] == "bilou" and data["claims_column"] is True
    assert data["spans"]["CLAIM"] == 3 and data["refused"] == []
    assert "U-GPE" in (out / "train.conll").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "brat"], "choose one of spacy, conll, jsonl"),
        (["--split", "0.5,0.4,0.2"], "must sum to 1"),
        (["--split", "0.5,0.5,0.5,0.5"], "give 2 (train, dev) or 3"),
        ([], "Choose whose annotations"),
        (["--annotator", "nobody"], "no annotator 'nobody'"),
        (["--annotator", SARA, "--scheme", "bioes", "--format", "conll"], "unknown tag scheme"),
        (["--gold"], "no adjudicated (gold) documents"),
    ],
)
def test_bad_input_fails_clearly_and_writes_nothing(
    sample: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", "-p", str(sample), "--out", str(out), *args])
    assert result.exit_code != 0
    assert message in " ".join(result.output.split()), result.output
    assert list(tmp_path.iterdir()) == []


def test_output_that_is_a_file_is_refused(sample: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "out"
    a_file.write_text("keep me", encoding="utf-8")
    result = runner.invoke(
        app, ["export", "-p", str(sample), "--out", str(a_file), "--annotator", SARA]
    )
    assert result.exit_code != 0 and "is a file" in result.output
    assert a_file.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_no_done_documents(tmp_path: Path) -> None:
    proj = tmp_path / "p.sqlite"
    assert invoke("init", "-p", str(proj)).exit_code == 0
    (tmp_path / "a.jsonl").write_text(
        json.dumps(
            {
                "text": "ذهب أحمد إلى دمشق",
                "_annotator_id": "sara",
                "spans": [{"start": 4, "end": 8, "label": "PER"}],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert invoke("import", "-p", str(proj), str(tmp_path / "a.jsonl"), "-q").exit_code == 0
    result = runner.invoke(app, ["export", "-p", str(proj), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "marked no document done" in " ".join(result.output.split())
    assert not (tmp_path / "out").exists()
    ok = invoke(
        "export",
        "-p",
        str(proj),
        "--out",
        str(tmp_path / "out"),
        "--include-unfinished",
        "--format",
        "jsonl",
        "-q",
    )
    assert ok.exit_code == 0 and ok.output == ""
