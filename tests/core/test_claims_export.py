"""Claims' structure survives every export that can hold it, and CoNLL says what
it could not: JSONL round trip byte for byte, spaCy read back with spaCy,
claims.jsonl, CoNLL's report."""

from __future__ import annotations

import json
from pathlib import Path

from claims_seed import (
    CLAIM_ARMY,
    CLAIM_DENIAL,
    annotate_seed,
    attributes_in_file,
    expected_attributes,
    expected_links,
    links_in_file,
)

from annotator.core.export import export
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project


def _lines(folder: Path) -> list[str]:
    return [
        line
        for part in ("train", "dev", "test")
        if (folder / f"{part}.jsonl").exists()
        for line in (folder / f"{part}.jsonl").read_text("utf-8").splitlines()
    ]


def test_jsonl_holds_relations_and_attributes_and_imports_back_byte_identical(
    project: Project, tmp_path: Path
) -> None:
    seed = annotate_seed(project)
    out = tmp_path / "out"
    export(project, out, fmt="jsonl", annotator="sara", split="1,0")
    (line,) = _lines(out)
    obj = json.loads(line)
    relations = obj["relations"]
    assert len(relations) == 6
    claimers = {
        seed.text[r["head_span"]["start"] : r["head_span"]["end"]]: (
            r["value"]
            if r["child_span"] is None
            else seed.text[r["child_span"]["start"] : r["child_span"]["end"]]
        )
        for r in relations
        if r["label"] == "claimer"
    }
    assert claimers[CLAIM_ARMY] == "الجيش العراقي"
    assert claimers[CLAIM_DENIAL] == "قسد"
    assert "unnamed source" in claimers.values()
    by_token = {t["id"]: t for t in obj["tokens"]}
    for r in relations:
        assert by_token[r["head"]]["end"] == r["head_span"]["end"]  # Prodigy: last token
    stances = {
        seed.text[s["start"] : s["end"]]: s["attrs"]["stance"]
        for s in obj["spans"]
        if s["label"] == "CLAIM"
    }
    assert stances[CLAIM_DENIAL] == "denies"

    # Import into a new project, export again: the same bytes; links in the file.
    copy_path = tmp_path / "copy.sqlite"
    with Project.create(copy_path) as copy:
        imported = import_paths(copy, [out / "train.jsonl"], options=ImportOptions(fmt="jsonl"))
        assert not imported.failed
        assert links_in_file(copy_path) == expected_links(seed.text)
        assert attributes_in_file(copy_path) == expected_attributes(seed.text)
        again = tmp_path / "again"
        export(copy, again, fmt="jsonl", annotator="sara", split="1,0")
        assert (again / "train.jsonl").read_bytes() == (out / "train.jsonl").read_bytes()
        # Importing the same file twice adds nothing.
        import_paths(copy, [out / "train.jsonl"], options=ImportOptions(fmt="jsonl"))
        assert copy.links.count() == 6


def test_a_relation_to_a_span_not_in_the_line_is_refused_with_its_line(
    project: Project, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {
                "text": "قال أحمد إن المطر غزير",
                "spans": [{"start": 12, "end": 22, "label": "CLAIM"}],
                "relations": [
                    {
                        "label": "claimer",
                        "head_span": {"start": 12, "end": 22, "label": "CLAIM"},
                        "child_span": {"start": 4, "end": 8, "label": "PER"},
                    }
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    report = import_paths(project, [bad], options=ImportOptions(fmt="jsonl"))
    assert report.failed and "not one of the line's" in report.failed[0].error
    assert project.documents.count() == 0


def test_spacy_export_read_back_with_spacy_gives_the_same_links_and_attributes(
    project: Project, tmp_path: Path
) -> None:
    import spacy
    from spacy.tokens import DocBin

    seed = annotate_seed(project)
    out = tmp_path / "spacy"
    export(project, out, fmt="spacy", annotator="sara", split="1,0")
    (doc,) = DocBin().from_disk(out / "train.spacy").get_docs(spacy.blank("ar").vocab)
    # The README's few lines, as a user would run them.
    by_id = {s.id_: s for group in doc.spans.values() for s in group}
    found = set()
    for link in doc.user_data["links"]:
        head = by_id[link["head"]]
        child = by_id[link["child"]].text if link["child"] else link["value"]
        found.add((head.text, link["type"], child))
    assert found == expected_links(seed.text)
    attributes = {
        claim.text: doc.user_data["attributes"][claim.id_] for claim in doc.spans["claims"]
    }
    assert attributes == expected_attributes(seed.text)
    assert sorted(c.text for c in doc.spans["cues"]) == sorted(["تقول", "تنكر", "تؤكد"])
    assert "تقول" not in {c.text for c in doc.spans["claims"]}
    readme = (out / "README.md").read_text("utf-8")
    assert 'doc.user_data.get("links"' in readme


def test_claims_jsonl_has_one_line_per_claim(project: Project, tmp_path: Path) -> None:
    seed = annotate_seed(project)
    out = tmp_path / "claims"
    report = export(project, out, fmt="claims", annotator="sara", split="1,0")
    lines = [json.loads(x) for x in (out / "claims.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == 3
    by_text = {line["claim"]["text"]: line for line in lines}
    army = by_text[CLAIM_ARMY]
    assert army["claimer"]["text"] == "الجيش العراقي"
    assert seed.text[army["claimer"]["start"] : army["claimer"]["end"]] == "الجيش العراقي"
    assert army["cue"]["text"] == "تقول"
    assert army["attributes"] == {"stance": "reports", "check_worthy": True}
    assert army["document"] == project.documents.get(seed.doc_id).uid
    assert army["part"] == "train"
    implicit = [line for line in lines if line["claimer"] == {"implicit": "unnamed source"}]
    assert len(implicit) == 1 and implicit[0]["cue"]["text"] == "تؤكد"
    assert report.files == ["claims.jsonl", "README.md", "report.json"]


def test_conll_report_says_what_it_left_out(project: Project, tmp_path: Path) -> None:
    annotate_seed(project)
    report = export(project, tmp_path / "conll", fmt="conll", annotator="sara", split="1,0")
    (warning,) = [w for w in report.warnings if "holds tags only" in w]
    assert "3 cue span(s)" in warning
    assert "6 link(s)" in warning
    assert "6 attribute value(s)" in warning
    saved = json.loads((tmp_path / "conll" / "report.json").read_text("utf-8"))
    assert warning in saved["warnings"]


def test_a_claim_with_two_claimers_in_a_file_is_refused(project: Project, tmp_path: Path) -> None:
    text = "قال أحمد إن المطر غزير"
    spans = [
        {"start": 12, "end": 22, "label": "CLAIM", "id": "c"},
        {"start": 4, "end": 8, "label": "PER", "id": "p"},
    ]
    head = {"start": 12, "end": 22, "label": "CLAIM", "id": "c"}
    relations = [
        {"label": "claimer", "head_span": head, "child_span": {"id": "p"}, "id": "r1"},
        {"label": "claimer", "head_span": head, "child_span": None, "value": "author"},
    ]
    bad = tmp_path / "two.jsonl"
    line = {"text": text, "spans": spans, "relations": relations}
    bad.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_paths(project, [bad], options=ImportOptions(fmt="jsonl"))
    assert report.failed and "second claimer" in report.failed[0].error
    assert project.documents.count() == 0 and project.links.count() == 0


def test_the_spacy_export_imports_back_with_its_links_and_attributes(
    project: Project, tmp_path: Path
) -> None:
    seed = annotate_seed(project)
    out = tmp_path / "spacy"
    export(project, out, fmt="spacy", annotator="sara", split="1,0")
    copy_path = tmp_path / "copy.sqlite"
    with Project.create(copy_path) as copy:
        report = import_paths(copy, [out / "train.spacy"], options=ImportOptions(fmt="spacy"))
        assert not report.failed, report.failed
        assert {s.label for s in copy.spans.all()} >= {"CLAIM", "CUE", "ORG"}
    assert links_in_file(copy_path) == expected_links(seed.text)
    assert attributes_in_file(copy_path) == expected_attributes(seed.text)
