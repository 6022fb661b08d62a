"""Claims with structure on the seed article: attributes and links as core edits,
checked in the project file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from claims_seed import (
    CLAIM_ARMY,
    annotate_seed,
    attributes_in_file,
    expected_attributes,
    expected_links,
    find,
    links_in_file,
)

from annotator.core.attributes import parse_attributes
from annotator.core.claim_edits import (
    RemoveLink,
    SetAttribute,
    SetAttributes,
    SetClaimer,
    SetCue,
    SetLink,
)
from annotator.core.edits import AddSpan, RelabelSpan, RemoveSpan
from annotator.core.errors import InvalidAttribute, InvalidLink, InvalidLinkType, UnknownLink
from annotator.core.links import LinkType, link_types_from_toml
from annotator.core.store import Project, labels_from_toml


def test_default_label_set_defines_claim_attributes_and_links(project: Project) -> None:
    claim = project.labels.get("CLAIM")
    assert [(a.key, a.type, a.values) for a in claim.attributes] == [
        ("stance", "choice", ("asserts", "denies", "doubts", "reports")),
        ("check_worthy", "yes/no", ()),
    ]
    assert project.labels.get("CUE").kind.value == "cue"
    claimer = project.link_types.get("claimer")
    assert claimer.implicit == ("author", "unnamed source", "unknown")
    assert claimer.children == ("entity", "place")
    assert project.link_types.names() == ["claimer", "cue"]


def test_seed_claims_are_in_the_file(project: Project, project_path: Path) -> None:
    seed = annotate_seed(project)
    assert links_in_file(project_path) == expected_links(seed.text)
    assert attributes_in_file(project_path) == expected_attributes(seed.text)


def test_attribute_values_are_checked_against_the_label(project: Project) -> None:
    seed = annotate_seed(project)
    for key, value in (("stance", "believes"), ("check_worthy", "yes"), ("colour", "red")):
        with pytest.raises(InvalidAttribute):
            project.apply(SetAttribute(seed.claim_army, key, value))
    # An entity has no stance.
    with pytest.raises(InvalidAttribute):
        project.apply(SetAttribute(seed.army, "stance", "asserts"))
    assert project.spans.get(seed.claim_army).attrs["stance"] == "reports"


def test_set_and_clear_attribute_undo(project: Project, project_path: Path) -> None:
    seed = annotate_seed(project)
    edit = SetAttribute(seed.claim_army, "stance", "doubts")
    project.apply(edit)
    assert attributes_in_file(project_path)[CLAIM_ARMY]["stance"] == "doubts"
    project.revert(edit)
    assert attributes_in_file(project_path)[CLAIM_ARMY]["stance"] == "reports"
    clear = SetAttribute(seed.claim_army, "check_worthy", None)
    project.apply(clear)
    assert "check_worthy" not in attributes_in_file(project_path)[CLAIM_ARMY]
    project.revert(clear)
    assert attributes_in_file(project_path)[CLAIM_ARMY]["check_worthy"] is True


def test_several_attributes_at_once_are_one_edit(project: Project, project_path: Path) -> None:
    seed = annotate_seed(project)
    before = attributes_in_file(project_path)[CLAIM_ARMY]
    edit = SetAttributes(seed.claim_army, {"stance": "doubts", "check_worthy": None})
    change = project.apply(edit)
    assert change.span_ids == (seed.claim_army,)
    after = attributes_in_file(project_path)[CLAIM_ARMY]
    assert after["stance"] == "doubts" and "check_worthy" not in after
    project.revert(edit)
    assert attributes_in_file(project_path)[CLAIM_ARMY] == before
    project.apply(edit)  # redo
    assert attributes_in_file(project_path)[CLAIM_ARMY]["stance"] == "doubts"
    # One bad value: nothing of the edit is stored.
    with pytest.raises(InvalidAttribute):
        project.apply(SetAttributes(seed.claim_army, {"stance": "reports", "check_worthy": "x"}))
    assert attributes_in_file(project_path)[CLAIM_ARMY]["stance"] == "doubts"


def test_a_second_claimer_replaces_the_first_and_undo_restores_it(
    project: Project, project_path: Path
) -> None:
    seed = annotate_seed(project)
    edit = SetClaimer(seed.claim_army, implicit="author")
    change = project.apply(edit)
    assert seed.army in change.span_ids  # the old claimer is redrawn
    assert (CLAIM_ARMY, "claimer", "author") in links_in_file(project_path)
    assert (CLAIM_ARMY, "claimer", "الجيش العراقي") not in links_in_file(project_path)
    project.revert(edit)
    assert links_in_file(project_path) == expected_links(seed.text)
    project.apply(edit)  # redo: the same link id again
    assert project.links.of_head(seed.claim_army, "claimer")[0].id == edit.link_id


def test_links_are_refused_when_their_type_does_not_allow_them(project: Project) -> None:
    seed = annotate_seed(project)
    refused = [
        SetClaimer(seed.claim_army, implicit="the government"),  # not offered
        SetClaimer(seed.claim_army, entity=seed.claim_denial),  # a claim is no claimer
        SetClaimer(seed.army, implicit="author"),  # an entity has no claimer
        SetCue(seed.claim_army, seed.army),  # an entity is no cue
        SetClaimer(seed.claim_army, entity=seed.army),  # already its claimer
    ]
    for edit in refused:
        with pytest.raises(InvalidLink):
            project.apply(edit)
    # Another annotator's entity is not this claim's claimer.
    other = AddSpan(seed.doc_id, "omar", "ORG", *find(seed.text, "قسد"))
    project.apply(other)
    assert other.span_id is not None
    with pytest.raises(InvalidLink):
        project.apply(SetClaimer(seed.claim_army, entity=other.span_id))
    with pytest.raises(UnknownLink):
        project.apply(SetLink(seed.claim_army, "claim object", value="x"))
    assert links_in_file(project.path) == expected_links(seed.text)


def test_removing_a_claimer_removes_its_link_and_undo_restores_both(
    project: Project, project_path: Path
) -> None:
    seed = annotate_seed(project)
    edit = RemoveSpan(seed.army)
    change = project.apply(edit)
    assert set(change.span_ids) == {seed.army, seed.claim_army}
    assert [k.type for k in edit.unlinked] == ["claimer"]
    with sqlite3.connect(project_path) as conn:
        deleted = conn.execute(
            "SELECT deleted IS NOT NULL FROM links WHERE id = ?", [edit.unlinked[0].id]
        ).fetchone()[0]
    assert deleted  # the link itself is tombstoned, not only hidden
    assert (CLAIM_ARMY, "claimer", "الجيش العراقي") not in links_in_file(project_path)
    project.revert(edit)
    assert links_in_file(project_path) == expected_links(seed.text)


def test_removing_a_claim_takes_its_claimer_and_cue_links(
    project: Project, project_path: Path
) -> None:
    seed = annotate_seed(project)
    edit = RemoveSpan(seed.claim_army)
    project.apply(edit)
    assert {k.type for k in edit.unlinked} == {"claimer", "cue"}
    assert not any(claim == CLAIM_ARMY for claim, _, _ in links_in_file(project_path))
    project.revert(edit)
    assert links_in_file(project_path) == expected_links(seed.text)


def test_remove_link_and_undo(project: Project, project_path: Path) -> None:
    seed = annotate_seed(project)
    (cue,) = project.links.of_head(seed.claim_army, "cue")
    edit = RemoveLink(cue.id)
    project.apply(edit)
    assert (CLAIM_ARMY, "cue", "تقول") not in links_in_file(project_path)
    project.revert(edit)
    assert links_in_file(project_path) == expected_links(seed.text)


def test_remarking_the_claimer_keeps_it_the_claimer(project: Project, project_path: Path) -> None:
    seed = annotate_seed(project)
    army = project.spans.get(seed.army)
    edit = AddSpan(seed.doc_id, "sara", "GPE", army.start, army.end)  # re-marked, another label
    project.apply(edit)
    assert (CLAIM_ARMY, "claimer", "الجيش العراقي") in links_in_file(project_path)
    (link,) = project.links.of_head(seed.claim_army, "claimer")
    assert link.child == edit.span_id
    project.revert(edit)
    (link,) = project.links.of_head(seed.claim_army, "claimer")
    assert link.child == seed.army


def test_relabelling_a_claimer_as_a_claim_unlinks_it_and_undo_relinks(project: Project) -> None:
    seed = annotate_seed(project)
    edit = RelabelSpan(seed.army, "CLAIM")
    project.apply(edit)
    assert project.links.of_head(seed.claim_army, "claimer") == []
    project.revert(edit)
    assert project.links.of_head(seed.claim_army, "claimer")[0].child == seed.army


def test_a_team_adds_its_own_link_type_and_attribute(tmp_path: Path) -> None:
    toml = """
[[label]]
name = "PER"
kind = "entity"

[[label]]
name = "CLAIM"
kind = "claim"

[[label.attribute]]
key = "verdict"
type = "choice"
values = ["true", "false", "misleading"]

[[label.attribute]]
key = "note"
type = "text"
max_length = 20

[[link]]
name = "claim object"
head = ["CLAIM"]
child = ["entity"]
single = false
"""
    labels = labels_from_toml(toml, source="team.toml")
    types = link_types_from_toml(toml, source="team.toml")
    with Project.create(tmp_path / "team.sqlite", labels=labels, link_types=types) as p:
        text = "قال أحمد إن سعيد وعلي سافرا"
        doc, _ = p.documents.add(text)
        claim = AddSpan(doc, "a", "CLAIM", *find(text, "سعيد وعلي سافرا"))
        said = AddSpan(doc, "a", "PER", *find(text, "سعيد"))
        ali = AddSpan(doc, "a", "PER", *find(text, "علي"))
        for e in (claim, said, ali):
            p.apply(e)
        assert claim.span_id and said.span_id and ali.span_id
        p.apply(SetLink(claim.span_id, "claim object", child=said.span_id))
        p.apply(SetLink(claim.span_id, "claim object", child=ali.span_id))  # not single
        assert len(p.links.of_head(claim.span_id, "claim object")) == 2
        p.apply(SetAttribute(claim.span_id, "verdict", "misleading"))
        with pytest.raises(InvalidAttribute):
            p.apply(SetAttribute(claim.span_id, "note", "x" * 21))
        assert p.link_types.names() == ["claim object"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"key": "stance", "type": "choice"}], "values"),
        ([{"key": "x", "type": "number"}], "type"),
        ([{"type": "yes/no"}], "key"),
        ([{"key": "a", "type": "yes/no"}, {"key": "a", "type": "text"}], "twice"),
    ],
)
def test_bad_attribute_definitions_are_named(rows: list[dict[str, object]], message: str) -> None:
    with pytest.raises(InvalidAttribute, match=message):
        parse_attributes(rows, where="labels.toml: label 'CLAIM'")


def test_bad_link_types_are_named(tmp_path: Path) -> None:
    with pytest.raises(InvalidLinkType, match="head"):
        link_types_from_toml('[[link]]\nname = "x"\nchild = ["entity"]\n', source="t.toml")
    labels = labels_from_toml('[[label]]\nname = "PER"\nkind = "entity"\n', source="t.toml")
    with pytest.raises(InvalidLinkType, match="CLAIMX"):
        Project.create(
            tmp_path / "x.sqlite", labels=labels, link_types=[LinkType("x", ("CLAIMX",), ("PER",))]
        )


def test_an_older_project_gains_claim_structure_when_migrated(tmp_path: Path) -> None:
    stored = Path(__file__).resolve().parent.parent / "data" / "project_schema_0001.sqlite"
    path = tmp_path / "old.sqlite"
    path.write_bytes(stored.read_bytes())
    with sqlite3.connect(path) as conn:
        triggers_before = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    with Project.open(path) as project:
        assert project.link_types.names() == ["claimer", "cue"]
        assert [a.key for a in project.labels.get("CLAIM").attributes] == [
            "stance",
            "check_worthy",
        ]
        assert project.labels.get("CUE").kind.value == "cue"
        assert project.labels.get("CUE").order == len(project.labels.list()) - 1
        doc = project.documents.list()[0]
        (gpe,) = project.spans.for_document(doc.id)
        claim = AddSpan(doc.id, gpe.annotator, "CLAIM", gpe.start, gpe.end)
        project.apply(claim)
        assert claim.span_id is not None
        before = project.data_version()
        project.apply(SetClaimer(claim.span_id, entity=gpe.id))
        assert project.data_version() != before  # a link is a change views must see
        project.apply(SetAttribute(claim.span_id, "stance", "reports"))
    with sqlite3.connect(path) as conn:
        kinds = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'labels'").fetchone()[0]
        assert "'cue'" in kinds
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > triggers_before


def test_a_label_gets_attributes_in_the_project(project: Project) -> None:
    project.labels.update(
        "CLAIM",
        attributes=[{"key": "verdict", "type": "choice", "values": ["true", "false"]}],
    )
    assert [a.key for a in project.labels.get("CLAIM").attributes] == ["verdict"]
    with pytest.raises(InvalidAttribute):
        project.labels.update("CLAIM", attributes=[{"key": "x", "type": "colour"}])
    assert [a.key for a in project.labels.get("CLAIM").attributes] == ["verdict"]


def test_attribute_definitions_as_one_line_and_as_an_undoable_label_edit(
    project: Project,
) -> None:
    from annotator.core.attributes import attributes_from_text, attributes_to_text
    from annotator.core.label_edits import UpdateLabel

    claim = project.labels.get("CLAIM")
    line = attributes_to_text(claim.attributes)
    assert line == "stance: asserts | denies | doubts | reports; check_worthy: yes/no"
    wanted = attributes_from_text(
        line + "; verdict: true | false; note: text 40", where="CLAIM", keep=claim.attributes
    )
    assert [(d.key, d.type) for d in wanted] == [
        ("stance", "choice"),
        ("check_worthy", "yes/no"),
        ("verdict", "choice"),
        ("note", "text"),
    ]
    assert wanted[0].description == claim.attributes[0].description  # kept
    assert wanted[3].max_length == 40
    for bad in ("stance", "note: text long", "stance: a | a", "x y: yes/no"):
        with pytest.raises(InvalidAttribute):
            attributes_from_text(bad, where="CLAIM")
    edit = UpdateLabel("CLAIM", {"attributes": wanted})
    project.apply(edit)
    assert [a.key for a in project.labels.get("CLAIM").attributes][-2:] == ["verdict", "note"]
    project.revert(edit)
    assert project.labels.get("CLAIM").attributes == claim.attributes
