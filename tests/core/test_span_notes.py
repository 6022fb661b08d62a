"""A span's note and "unsure" flag: kept in the file, undoable, merged, handed out."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.claim_edits import SetAttribute
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import InvalidAttribute
from annotator.core.merge import merge_projects
from annotator.core.model import Status
from annotator.core.note_edits import NOTE_MAX, SetSpanNote, span_flag, span_note
from annotator.core.store import NewDocument, Project
from annotator.core.teams import assign, handout

TEXT = "قال أحمد الخميس إن البوكمال ستكون مسرحا للمعركة الأخيرة."


def stored_attrs(path: Path, span_id: str) -> dict:
    """What a second reader of the file sees in the span's attrs."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (attrs,) = conn.execute("SELECT attrs FROM spans WHERE id = ?", [span_id]).fetchone()
    conn.close()
    return json.loads(attrs)


@pytest.fixture
def span_id(project: Project) -> str:
    doc = project.documents.add(TEXT, title="t")[0]
    start = TEXT.index("البوكمال")
    edit = AddSpan(doc, "sara", "GPE", start, start + len("البوكمال"))
    project.apply(edit)
    assert edit.span_id is not None
    return edit.span_id


def test_note_and_flag_apply_revert_redo(
    project: Project, project_path: Path, span_id: str
) -> None:
    before = project.spans.get(span_id).updated
    edit = SetSpanNote(span_id, note="  <b>مدينة</b> أم محافظة؟ ", flag=True)
    change = project.apply(edit)
    assert change.span_ids == (span_id,) and change.doc_id is not None
    assert stored_attrs(project_path, span_id) == {
        "note": "<b>مدينة</b> أم محافظة؟",
        "flag": "unsure",
    }
    span = project.spans.get(span_id)
    assert span.updated >= before
    assert span_note(span.attrs) == "<b>مدينة</b> أم محافظة؟" and span_flag(span.attrs)
    project.revert(edit)
    assert stored_attrs(project_path, span_id) == {}
    project.apply(edit)
    assert stored_attrs(project_path, span_id)["flag"] == "unsure"
    # Clearing keeps other attrs, and undo brings the note back.
    clear = SetSpanNote(span_id)
    project.apply(clear)
    assert stored_attrs(project_path, span_id) == {}
    project.revert(clear)
    assert stored_attrs(project_path, span_id)["note"] == "<b>مدينة</b> أم محافظة؟"


def test_same_note_again_changes_nothing(project: Project, span_id: str) -> None:
    project.apply(SetSpanNote(span_id, note="x"))
    assert project.apply(SetSpanNote(span_id, note="x")).empty


def test_note_keeps_claim_attributes(project: Project, span_id: str) -> None:
    doc = project.spans.get(span_id).doc_id
    claim = AddSpan(doc, "sara", "CLAIM", 0, len(TEXT) - 1)
    project.apply(claim)
    assert claim.span_id is not None
    project.apply(SetAttribute(claim.span_id, "stance", "denies"))
    edit = SetSpanNote(claim.span_id, note="بلا مصدر")
    project.apply(edit)
    assert project.spans.get(claim.span_id).attrs == {"stance": "denies", "note": "بلا مصدر"}
    project.revert(edit)
    assert project.spans.get(claim.span_id).attrs == {"stance": "denies"}


def test_too_long_a_note_is_refused_and_nothing_stored(
    project: Project, project_path: Path, span_id: str
) -> None:
    with pytest.raises(InvalidAttribute, match=str(NOTE_MAX)):
        project.apply(SetSpanNote(span_id, note="x" * (NOTE_MAX + 1)))
    assert stored_attrs(project_path, span_id) == {}


def test_handout_and_merge_carry_the_newest_note(tmp_path: Path) -> None:
    lead = Project.create(tmp_path / "lead.sqlite")
    try:
        with lead.transaction():
            lead.documents.add_many([NewDocument(TEXT, "خبر")])
        assign(lead, ["sara"], overlap=0.0)
        copy_path = tmp_path / "sara.sqlite"
        doc = next(iter(lead.documents.ids()))
        first = AddSpan(doc, "sara", "GPE", 19, 27)
        lead.apply(first)
        assert first.span_id is not None
        lead.apply(SetSpanNote(first.span_id, note="قديم"))
        handout(lead, copy_path, annotator="sara")
        with Project.open(copy_path) as copy:
            assert span_note(copy.spans.get(first.span_id).attrs) == "قديم"
            copy.apply(SetSpanNote(first.span_id, note="جديد", flag=True))
        report = merge_projects(lead, [copy_path])
        assert report.files[0].spans_updated == 1
        merged = lead.spans.get(first.span_id).attrs
        assert merged == {"note": "جديد", "flag": "unsure"}
        # An older copy merged again does not win over the newer lead.
        lead.apply(SetSpanNote(first.span_id, note="أحدث"))
        merge_projects(lead, [copy_path])
        assert span_note(lead.spans.get(first.span_id).attrs) == "أحدث"
        assert not span_flag(lead.spans.get(first.span_id).attrs)
    finally:
        lead.close()


def test_jsonl_export_import_export_keeps_notes_byte_identical(
    project: Project, span_id: str, tmp_path: Path
) -> None:
    from annotator.core.export import export
    from annotator.core.importer import ImportOptions, import_paths

    project.apply(SetSpanNote(span_id, note='سطر أول\n<i>"ثان"</i>', flag=True))
    project.apply(SetStatus(project.spans.get(span_id).doc_id, "sara", Status.DONE))
    out = tmp_path / "out"
    export(project, out, fmt="jsonl", annotator="sara", split="1,0")
    line = (out / "train.jsonl").read_text("utf-8")
    (row,) = json.loads(line)["spans"]
    assert row["attrs"] == {"note": 'سطر أول\n<i>"ثان"</i>', "flag": "unsure"}
    with Project.create(tmp_path / "copy.sqlite") as copy:
        result = import_paths(copy, [out / "train.jsonl"], options=ImportOptions(fmt="jsonl"))
        assert not result.failed
        (span,) = copy.spans.all()
        assert span_note(span.attrs) == 'سطر أول\n<i>"ثان"</i>' and span_flag(span.attrs)
        again = tmp_path / "again"
        export(copy, again, fmt="jsonl", annotator="sara", split="1,0")
    first = json.loads(line)
    second = json.loads((again / "train.jsonl").read_text("utf-8"))
    assert second["spans"] == first["spans"]
    # An imported file (its meta now names it) comes back byte for byte.
    with Project.create(tmp_path / "copy2.sqlite") as copy2:
        import_paths(copy2, [again / "train.jsonl"], options=ImportOptions(fmt="jsonl"))
        third = tmp_path / "third"
        export(copy2, third, fmt="jsonl", annotator="sara", split="1,0")
    assert (third / "train.jsonl").read_bytes() == (again / "train.jsonl").read_bytes()
