"""A document's note and "unsure" flag, per annotator: in the file, undoable, handed
out, merged newest first and idempotently, exported in JSONL's meta and read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.edits import SetStatus
from annotator.core.errors import InvalidAttribute, InvalidName, UnknownDocument
from annotator.core.merge import merge_projects
from annotator.core.model import DocId, Status
from annotator.core.note_edits import NOTE_MAX, SetDocumentNote
from annotator.core.schema import known_migration_names
from annotator.core.stats import project_stats
from annotator.core.store import NewDocument, Project
from annotator.core.teams import assign, handout

TEXT = "قال أحمد الخميس إن البوكمال ستكون مسرحا للمعركة الأخيرة."
OTHER = "وصل الوفد إلى القاهرة صباح اليوم."


def stored(path: Path) -> list[tuple]:
    """What a second reader of the file sees."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT doc_id, annotator, note, flag FROM document_notes ORDER BY doc_id, annotator"
    ).fetchall()
    conn.close()
    return rows


@pytest.fixture
def doc(project: Project) -> DocId:
    return project.documents.add(TEXT, title="خبر")[0]


def test_the_migration_follows_0008_and_later_ones_come_after_it() -> None:
    # store_untrusted trusts only prefixes of this order: new ones go at the end.
    names = known_migration_names()
    assert names.index("0009_document_notes") == names.index("0008_suggestions") + 1
    assert names[-1] == "0010_document_title_index"


def test_apply_revert_redo_in_the_file(project: Project, project_path: Path, doc: DocId) -> None:
    edit = SetDocumentNote(doc, "sara", "  <b>التاريخ</b> غير مؤكد ", flag=True)
    change = project.apply(edit)
    assert change.doc_id == doc and change.document_note_changed and not change.empty
    assert stored(project_path) == [(doc, "sara", "<b>التاريخ</b> غير مؤكد", "unsure")]
    project.revert(edit)
    # Undone: an empty row with the time of the undo (a merge carries the undo too).
    assert stored(project_path) == [(doc, "sara", "", "")]
    assert project.document_notes.for_annotator("sara") == {}
    project.apply(edit)
    note = project.document_notes.get(doc, "sara")
    assert note is not None and note.flag and note.note == "<b>التاريخ</b> غير مؤكد"
    clear = SetDocumentNote(doc, "sara")
    project.apply(clear)
    assert stored(project_path) == [(doc, "sara", "", "")]
    project.revert(clear)
    assert stored(project_path)[0][2:] == ("<b>التاريخ</b> غير مؤكد", "unsure")


def test_per_annotator(project: Project, project_path: Path, doc: DocId) -> None:
    project.apply(SetDocumentNote(doc, "sara", "ملاحظة سارة"))
    project.apply(SetDocumentNote(doc, "omar", flag=True))
    assert stored(project_path) == [(doc, "omar", "", "unsure"), (doc, "sara", "ملاحظة سارة", "")]
    assert set(project.document_notes.for_annotator("sara")) == {doc}
    assert project_stats(project)["document_notes"] == {
        "omar": {"flagged": 1, "noted": 0},
        "sara": {"flagged": 0, "noted": 1},
    }


def test_same_note_again_changes_nothing(project: Project, doc: DocId) -> None:
    project.apply(SetDocumentNote(doc, "sara", "x"))
    assert project.apply(SetDocumentNote(doc, "sara", "x")).empty
    assert project.apply(SetDocumentNote(doc, "omar")).empty  # nothing to clear


def test_refusals_store_nothing(project: Project, project_path: Path, doc: DocId) -> None:
    with pytest.raises(InvalidAttribute, match=str(NOTE_MAX)):
        project.apply(SetDocumentNote(doc, "sara", "x" * (NOTE_MAX + 1)))
    with pytest.raises(InvalidName):
        project.apply(SetDocumentNote(doc, "\x07", "x"))
    with pytest.raises(UnknownDocument):
        project.apply(SetDocumentNote(DocId(999), "sara", "x"))
    assert stored(project_path) == []


def test_handout_and_merge_newest_first_and_idempotent(tmp_path: Path) -> None:
    lead = Project.create(tmp_path / "lead.sqlite")
    try:
        with lead.transaction():
            lead.documents.add_many([NewDocument(TEXT, "خبر"), NewDocument(OTHER, "وفد")])
        first, second = lead.documents.ids()
        assign(lead, ["sara"], overlap=0.0)
        lead.apply(SetDocumentNote(first, "sara", "قديم"))
        lead.apply(SetDocumentNote(first, "omar", "ملاحظة عمر"))  # not handed to sara
        copy_path = tmp_path / "sara.sqlite"
        handout(lead, copy_path, annotator="sara")
        with Project.open(copy_path) as copy:
            first_here = copy.documents.id_for_uid(lead.documents.get(first).uid)
            second_here = copy.documents.id_for_uid(lead.documents.get(second).uid)
            assert first_here is not None and second_here is not None
            notes = copy.document_notes.all()
            assert [(n.annotator, n.note) for n in notes] == [("sara", "قديم")]
            copy.apply(SetDocumentNote(first_here, "sara", "جديد", flag=True))
            copy.apply(SetDocumentNote(second_here, "sara", flag=True))
        report = merge_projects(lead, [copy_path])
        assert report.files[0].document_notes_updated == 2
        assert report.files[0].to_json()["document_notes_updated"] == 2
        sara = lead.document_notes.for_annotator("sara")
        assert (sara[first].note, sara[first].flag) == ("جديد", True)
        assert (sara[second].note, sara[second].flag) == ("", True)
        assert lead.document_notes.get(first, "omar").note == "ملاحظة عمر"  # type: ignore[union-attr]
        # The same file again changes nothing.
        again = merge_projects(lead, [copy_path])
        assert again.files[0].document_notes_updated == 0 and not again.files[0].changed
        # A newer word in the lead (here: clearing the flag) wins over the older copy.
        lead.apply(SetDocumentNote(second, "sara"))
        merge_projects(lead, [copy_path])
        assert second not in lead.document_notes.for_annotator("sara")
    finally:
        lead.close()


def test_clearing_in_the_copy_clears_the_lead(tmp_path: Path) -> None:
    lead = Project.create(tmp_path / "lead.sqlite")
    try:
        doc = lead.documents.add(TEXT)[0]
        lead.apply(SetDocumentNote(doc, "sara", "قديم", flag=True))
        copy_path = tmp_path / "sara.sqlite"
        handout(lead, copy_path, annotator="sara", whole=True)
        with Project.open(copy_path) as copy:
            (here,) = copy.documents.ids()
            copy.apply(SetDocumentNote(here, "sara"))
        merge_projects(lead, [copy_path])
        assert lead.document_notes.for_annotator("sara") == {}
    finally:
        lead.close()


def test_handout_keeps_the_clitic_policy(tmp_path: Path) -> None:
    with Project.create(tmp_path / "lead.sqlite") as lead:
        lead.documents.add(TEXT)
        lead.set_clitics("outside")
        handout(lead, tmp_path / "h.sqlite", annotator="sara", whole=True)
    with Project.open(tmp_path / "h.sqlite", readonly=True) as copy:
        assert copy.clitics == "outside"


def test_jsonl_meta_round_trip_byte_identical(project: Project, doc: DocId, tmp_path: Path) -> None:
    from annotator.core.export import export
    from annotator.core.importer import ImportOptions, import_paths

    note = 'سطر أول\n<i>"ثان"</i>'
    project.apply(SetDocumentNote(doc, "sara", note, flag=True))
    project.apply(SetStatus(doc, "sara", Status.DONE))
    other = project.documents.add(OTHER)[0]
    project.apply(SetStatus(other, "sara", Status.DONE))
    out = tmp_path / "out"
    export(project, out, fmt="jsonl", annotator="sara", split="1,0")
    lines = [json.loads(line) for line in (out / "train.jsonl").read_text("utf-8").splitlines()]
    by_text = {line["text"]: line for line in lines}
    meta = by_text[TEXT]["meta"]
    assert meta["annotator_note"] == note and meta["annotator_flag"] == "unsure"
    assert list(meta)[-2:] == ["annotator_note", "annotator_flag"]
    assert "annotator_note" not in by_text[OTHER]["meta"]
    with Project.create(tmp_path / "copy.sqlite") as copy:
        result = import_paths(copy, [out / "train.jsonl"], options=ImportOptions(fmt="jsonl"))
        assert result.ok and result.to_json()["document_notes"] == 1
        (read,) = copy.document_notes.all()
        assert (read.annotator, read.note, read.flag) == ("sara", note, True)
        # The note is the annotator's, not part of the document's own meta.
        assert "annotator_note" not in copy.documents.get(read.doc_id).meta
        again = tmp_path / "again"
        export(copy, again, fmt="jsonl", annotator="sara", split="1,0")
    with Project.create(tmp_path / "copy2.sqlite") as copy2:
        import_paths(copy2, [again / "train.jsonl"], options=ImportOptions(fmt="jsonl"))
        third = tmp_path / "third"
        export(copy2, third, fmt="jsonl", annotator="sara", split="1,0")
    assert (third / "train.jsonl").read_bytes() == (again / "train.jsonl").read_bytes()


@pytest.mark.parametrize(
    ("meta", "problem"),
    [({"annotator_note": 7}, "annotator_note"), ({"annotator_flag": "sure"}, "annotator_flag")],
)
def test_jsonl_bad_note_is_refused_with_its_line(
    project: Project, tmp_path: Path, meta: dict, problem: str
) -> None:
    from annotator.core.importer import ImportOptions, import_paths

    path = tmp_path / "in.jsonl"
    good = {"text": OTHER, "_annotator_id": "sara"}
    bad = {"text": TEXT, "meta": meta, "_annotator_id": "sara"}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", "utf-8")
    result = import_paths(project, [path], options=ImportOptions(fmt="jsonl"))
    assert not result.ok
    error = result.files[0].error or ""
    assert problem in error and "line 2" in error
    assert project.documents.count() == 0 and project.document_notes.all() == []


def test_a_returned_file_from_before_0009_still_merges(tmp_path: Path) -> None:
    """A hand-out written before document notes existed (its migrations end at 0008,
    a prefix of ours) is merged from a migrated copy; the file itself stays as it was."""
    from annotator.core.edits import AddSpan
    from annotator.core.store_untrusted import inspect_schema

    lead = Project.create(tmp_path / "lead.sqlite")
    try:
        doc = lead.documents.add(TEXT)[0]
        old = tmp_path / "old.sqlite"
        handout(lead, old, annotator="sara", whole=True)
        with Project.open(old) as copy:
            (here,) = copy.documents.ids()
            copy.apply(AddSpan(here, "sara", "GPE", 19, 27))
        # What Annotator wrote before 0009: no table, no record of the migration.
        conn = sqlite3.connect(old, isolation_level=None)
        conn.execute("DROP TABLE document_notes")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0009_document_notes'")
        conn.execute("DROP INDEX documents_ord_title")  # and of what came after it
        conn.execute("DELETE FROM _sqlite_migrations WHERE name > '0009'")
        conn.close()
        before = old.read_bytes()
        inspect_schema(old)  # a prefix of our migrations: trusted as that schema
        report = merge_projects(lead, [old])
        assert report.files[0].spans_added == 1
        assert [s.start for s in lead.spans.for_document(doc, annotator="sara")] == [19]
        assert old.read_bytes() == before
    finally:
        lead.close()
