"""Claims' links and attributes through handout, merge and adjudication, checked
in the project files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claims_seed import (
    CLAIM_ARMY,
    annotate_seed,
    attributes_in_file,
    expected_attributes,
    expected_links,
    find,
    links_in_file,
)

from annotator.core.adjudication import (
    AcceptVersion,
    claim_structure,
    document_rows,
    structure_differs,
)
from annotator.core.claim_edits import SetAttribute, SetClaimer
from annotator.core.edits import AddSpan, RemoveSpan
from annotator.core.merge import merge_projects
from annotator.core.store import Project
from annotator.core.teams import handout


def _lead_with_seed(tmp_path: Path) -> tuple[Path, int]:
    lead_path = tmp_path / "lead.sqlite"
    with Project.create(lead_path) as lead:
        doc_id, _ = lead.documents.add(
            (
                Path(__file__).resolve().parents[2] / "resources/samples/000_173f9dae85055ffa.txt"
            ).read_text("utf-8"),
            title="البوكمال",
            source="shamfm.fm",
        )
    return lead_path, doc_id


def test_handout_and_merge_carry_links_and_attributes(tmp_path: Path) -> None:
    lead_path, doc_id = _lead_with_seed(tmp_path)
    copy_path = tmp_path / "sara.sqlite"
    with Project.open(lead_path) as lead:
        handout(lead, copy_path, annotator=None, whole=True)
    with Project.open(copy_path) as copy:
        seed = annotate_seed(copy, doc_id=copy.documents.ids()[0])
        assert copy.link_types.names() == ["claimer", "cue"]
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [copy_path], backup=False)
        assert report.files[0].links_added == 6
        assert links_in_file(lead_path) == expected_links(seed.text)
        assert attributes_in_file(lead_path) == expected_attributes(seed.text)
        again = merge_projects(lead, [copy_path], backup=False)  # idempotent
        assert again.files[0].links_added == again.files[0].links_updated == 0
        assert not again.files[0].changed
    assert links_in_file(lead_path) == expected_links(seed.text)

    # A second round: the handout holds sara's links; she changes her mind.
    second = tmp_path / "sara2.sqlite"
    with Project.open(lead_path) as lead:
        handout(lead, second, annotator="sara", whole=True)
    assert links_in_file(second) == expected_links(seed.text)
    with Project.open(second) as copy:
        copy.apply(SetClaimer(seed.claim_army, implicit="unknown"))
        copy.apply(SetAttribute(seed.claim_army, "stance", "doubts"))
        copy.apply(RemoveSpan(seed.qasad))  # the claimer of the denial goes, and its link
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [second], backup=False)
    links = links_in_file(lead_path)
    assert (CLAIM_ARMY, "claimer", "unknown") in links
    assert (CLAIM_ARMY, "claimer", "الجيش العراقي") not in links
    assert not any(child == "قسد" for _, _, child in links)
    assert attributes_in_file(lead_path)[CLAIM_ARMY]["stance"] == "doubts"


def test_two_copies_setting_a_claimer_leave_one_the_newest(tmp_path: Path) -> None:
    lead_path, doc_id = _lead_with_seed(tmp_path)
    with Project.open(lead_path) as lead:
        seed = annotate_seed(lead, doc_id=doc_id)
        handout(lead, tmp_path / "a.sqlite", annotator="sara", whole=True)
        handout(lead, tmp_path / "b.sqlite", annotator="sara", whole=True)
    with Project.open(tmp_path / "a.sqlite") as a:
        a.apply(SetClaimer(seed.claim_army, implicit="author"))
    with Project.open(tmp_path / "b.sqlite") as b:
        b.apply(SetClaimer(seed.claim_army, implicit="unknown"))  # later
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [tmp_path / "a.sqlite", tmp_path / "b.sqlite"], backup=False)
        claimers = lead.links.of_head(seed.claim_army, "claimer")
    assert [k.value for k in claimers] == ["unknown"]
    assert any("older claimer" in note for f in report.files for note in f.link_notes)


def test_merge_refuses_a_link_its_type_does_not_allow(tmp_path: Path) -> None:
    lead_path, doc_id = _lead_with_seed(tmp_path)
    with Project.open(lead_path) as lead:
        handout(lead, tmp_path / "bad.sqlite", annotator=None, whole=True)
    with Project.open(tmp_path / "bad.sqlite") as bad:
        seed = annotate_seed(bad, doc_id=bad.documents.ids()[0])
    # Someone edits the returned file by hand: a claimer that is a cue word.
    with sqlite3.connect(tmp_path / "bad.sqlite") as conn:
        conn.execute(
            "UPDATE links SET child = ? WHERE head = ? AND type = 'claimer'",
            [seed.cue_army, seed.claim_army],
        )
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [tmp_path / "bad.sqlite"], backup=False)
    assert report.files[0].links_added == 5
    assert any("refused" in n for n in report.files[0].link_notes)
    assert (CLAIM_ARMY, "claimer", "تقول") not in links_in_file(lead_path)


def test_adjudication_accepts_a_version_with_its_links_and_attributes(tmp_path: Path) -> None:
    lead_path, doc_id = _lead_with_seed(tmp_path)
    with Project.open(lead_path) as lead:
        seed = annotate_seed(lead, "sara", doc_id=doc_id)
        other = annotate_seed(lead, "omar", doc_id=doc_id)
        lead.apply(SetAttribute(other.claim_army, "stance", "asserts"))
        _names, rows = document_rows(lead, doc_id)
        claim_rows = [r for r in rows if r.layer == "claims"]
        # The review shows what differs beside the spans: omar's stance.
        army_row = next(r for r in claim_rows if r.start == lead.spans.get(seed.claim_army).start)
        assert structure_differs(lead, army_row)
        assert not structure_differs(lead, next(r for r in claim_rows if r is not army_row))
        shown = claim_structure(lead, army_row.versions["sara"][0]).describe()
        assert shown == "stance reports · check_worthy yes · claimer الجيش العراقي · cue تقول"
        edits = [AcceptVersion(doc_id, row, "sara", "lead") for row in claim_rows]
        for edit in edits:
            lead.apply(edit)
        gold_links = links_in_file(lead_path, "gold_links")
        assert gold_links == expected_links(seed.text)
        assert attributes_in_file(lead_path, "gold_spans") == expected_attributes(seed.text)
        # The claimer entity went into gold with the claim; accepting its row
        # afterwards keeps it the claimer.
        army = lead.spans.get(seed.army)
        (army_row,) = [r for r in rows if r.layer == "ents" and r.start == army.start]
        lead.apply(AcceptVersion(doc_id, army_row, "omar", "lead"))
        assert links_in_file(lead_path, "gold_links") == expected_links(seed.text)
        # The gold export holds the claims with their claimers and cues.
        from annotator.core.adjudication import MarkAdjudicated
        from annotator.core.export import export

        lead.apply(MarkAdjudicated(doc_id, "lead"))
        export(lead, tmp_path / "gold", fmt="claims", gold=True, split="1,0")
        lines = (tmp_path / "gold" / "claims.jsonl").read_text("utf-8").splitlines()
        assert len(lines) == 3 and all('"claimer": {' in line for line in lines)
        for edit in reversed(edits):
            lead.revert(edit)
        assert links_in_file(lead_path, "gold_links") == set()
        lead.apply(edits[0])  # redo writes the same links again
        assert links_in_file(lead_path, "gold_links")


def test_cues_stay_out_of_span_agreement(tmp_path: Path) -> None:
    from annotator.core.review import project_agreement

    lead_path, doc_id = _lead_with_seed(tmp_path)
    with Project.open(lead_path) as lead:
        annotate_seed(lead, "sara", doc_id=doc_id)
        annotate_seed(lead, "omar", doc_id=doc_id)
        text = lead.documents.get(doc_id).text
        lead.apply(AddSpan(doc_id, "omar", "CUE", *find(text, "تشير")))
        result = project_agreement(lead)
    assert result.claims.pairs[0].overlap_f1 == 1.0


def test_a_returned_file_with_broken_attribute_definitions_is_refused_whole(
    tmp_path: Path,
) -> None:
    import pytest

    from annotator.core.errors import UntrustedFile

    lead_path, _doc_id = _lead_with_seed(tmp_path)
    with Project.open(lead_path) as lead:
        handout(lead, tmp_path / "bad.sqlite", annotator=None, whole=True)
    with Project.open(tmp_path / "bad.sqlite") as bad:
        annotate_seed(bad, doc_id=bad.documents.ids()[0])
    with sqlite3.connect(tmp_path / "bad.sqlite") as conn:
        conn.execute("UPDATE labels SET attributes = '[{\"key\": 1}' WHERE name = 'CLAIM'")
    with Project.open(lead_path) as lead, pytest.raises(UntrustedFile, match="attribute"):
        merge_projects(lead, [tmp_path / "bad.sqlite"], backup=False)
    with sqlite3.connect(lead_path) as conn:  # nothing of it came in
        assert conn.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
    assert links_in_file(lead_path) == set()
