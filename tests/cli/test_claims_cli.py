"""`annotator stats` and `annotator agreement` on the sample project's claims."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from annotator.cli.main import app
from annotator.core.samples import create_sample_project

runner = CliRunner()


def test_stats_and_agreement_show_claims_structure(tmp_path: Path) -> None:
    sample = create_sample_project(tmp_path / "sample.sqlite")
    stats = json.loads(runner.invoke(app, ["stats", "-p", str(sample), "--json"]).output)
    sara = stats["claims"]["sample-sara"]
    assert sara == {
        "claims": 3,
        "with_claimer": 3,
        "without_claimer": 0,
        "stance": {"denies": 1, "reports": 2},
    }
    assert stats["claims"]["sample-omar"]["without_claimer"] == 1
    human = runner.invoke(app, ["stats", "-p", str(sample)])
    assert human.exit_code == 0 and "claimer" in human.output

    result = runner.invoke(app, ["agreement", "-p", str(sample), "--json"])
    assert result.exit_code == 0, result.output
    structure = json.loads(result.output)["claim_structure"]
    # Matched claims: the army claim (IoU ≥ 0.5 despite omar's extra "أن") and the
    # denial; sara's "دمشق" claim and omar's "موسكو" claim match nothing.
    assert structure["units"] == 2
    (pair,) = structure["claimer"]["pairs"]
    assert pair["matched"] == 2 and pair["agreement"] == 1.0
    stance = structure["attributes"]["stance"]["pairs"][0]
    assert stance["both_set"] == 2 and stance["agreement"] == 0.5
    human = runner.invoke(app, ["agreement", "-p", str(sample)])
    assert "Claims' structure" in human.output
    bad = runner.invoke(app, ["agreement", "-p", str(sample), "--claim-match", "exact"])
    assert bad.exit_code != 0 and "E124" in bad.output


def test_labels_lists_attributes_and_link_types(tmp_path: Path) -> None:
    project = tmp_path / "p.sqlite"
    assert runner.invoke(app, ["init", "-p", str(project)]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["labels", "-p", str(project), "--json"]).output)
    claim = next(lab for lab in listed if lab["name"] == "CLAIM")
    assert [a["key"] for a in claim["attributes"]] == ["stance", "check_worthy"]
    human = runner.invoke(app, ["labels", "-p", str(project)]).output
    assert "link claimer: claim → entity, place, 'author'" in human
    added = runner.invoke(app, ["labels", "-p", str(project), "add", "SAID", "--kind", "cue"])
    assert added.exit_code == 0, added.output
