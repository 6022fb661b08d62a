"""Assigning, handing out and merging project copies, checked in the files."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core.edits import AddSpan, RemoveSpan, SetStatus
from annotator.core.errors import LabelConflict, NewerSchema, NotAProject
from annotator.core.merge import MergeRefused, merge_projects
from annotator.core.model import Label, LabelKind, Status
from annotator.core.store import NewDocument, Project
from annotator.core.teams import InvalidAssignment, assign, handout, plan_assignment


def dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = []
    rows += [
        ("doc", *r) for r in conn.execute("SELECT uid, title, text FROM documents ORDER BY uid")
    ]
    rows += [("label", *r) for r in conn.execute("SELECT name, kind FROM labels ORDER BY name")]
    rows += [
        ("span", *r)
        for r in conn.execute(
            'SELECT s.id, d.uid, s.annotator, l.name, s.start, s."end", s.updated, s.deleted'
            " FROM spans s JOIN documents d ON d.id = s.doc_id JOIN labels l ON l.id = s.label_id"
            " ORDER BY s.id"
        )
    ]
    rows += [
        ("status", *r)
        for r in conn.execute(
            "SELECT d.uid, s.annotator, s.status, s.seconds, s.updated FROM statuses s"
            " JOIN documents d ON d.id = s.doc_id ORDER BY 2, 3"
        )
    ]
    conn.close()
    return rows


@pytest.fixture
def lead(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "lead.sqlite")
    with project.transaction():
        project.documents.add_many(
            [NewDocument(f"خبر رقم {i}: دخل الجيش إلى البوكمال", f"خبر {i}") for i in range(20)]
        )
    yield project
    project.close()


def test_assignment_is_balanced_with_overlap(lead: Project) -> None:
    plan = assign(lead, ["sara", "omar", "huda"], overlap=0.2, seed=3)
    assert len(plan.by_document) == 20
    assert plan.shared == 4
    assert all(len(set(a)) == len(a) for a in plan.by_document.values())
    load = plan.load()
    assert sum(load.values()) == 24 and max(load.values()) - min(load.values()) <= 1
    stored = lead.assignments.all()
    assert {d: tuple(a) for d, a in stored.items()} == plan.by_document
    again = plan_assignment(lead, ["sara", "omar", "huda"], overlap=0.2, seed=3)
    assert again == plan
    other = plan_assignment(lead, ["sara", "omar", "huda"], overlap=0.2, seed=4)
    assert other != plan


@pytest.mark.parametrize(
    ("annotators", "overlap", "message"),
    [
        ([], 0.2, "at least one"),
        (["a"], 0.2, "two annotators"),
        (["a", "a"], 0.0, "repeat"),
        (["a", "b"], 1.5, "between 0 and 1"),
    ],
)
def test_bad_assignment(lead: Project, annotators: list[str], overlap: float, message: str) -> None:
    with pytest.raises(InvalidAssignment, match=message):
        assign(lead, annotators, overlap=overlap)
    assert lead.assignments.all() == {}


def _annotate(path: Path, who: str, label: str, *, done: bool = True) -> None:
    with Project.open(path) as copy:
        for doc_id in copy.documents.ids():
            copy.apply(AddSpan(doc_id, who, label, 12, 17))
            if done:
                copy.apply(SetStatus(doc_id, who, Status.DONE))


def test_handout_annotate_merge_round_trip(lead: Project, tmp_path: Path) -> None:
    plan = assign(lead, ["sara", "omar"], overlap=0.5, seed=1)
    a, b = tmp_path / "sara.sqlite", tmp_path / "omar.sqlite"
    n_a = handout(lead, a, annotator="sara")
    n_b = handout(lead, b, annotator="omar")
    assert n_a == plan.load()["sara"] and n_b == plan.load()["omar"]
    _annotate(a, "sara", "GPE")
    _annotate(b, "omar", "LOC")
    report = merge_projects(lead, [a, b])
    assert Path(report.backup).exists()
    assert [f.spans_added for f in report.files] == [n_a, n_b]
    counts = Counter(s.annotator for s in lead.spans.all())
    assert counts == {"sara": n_a, "omar": n_b}
    shared = [d for d, names in plan.by_document.items() if len(names) == 2]
    for doc_id in shared:
        assert {s.annotator for s in lead.spans.for_document(doc_id)} == {"sara", "omar"}
        assert lead.statuses.get(doc_id, "sara").status is Status.DONE
    # The same files again change nothing.
    before = dump(lead.path)
    again = merge_projects(lead, [a, b])
    assert not any(f.changed for f in again.files)
    assert dump(lead.path) == before


def test_newest_update_wins_including_deletes(lead: Project, tmp_path: Path) -> None:
    assign(lead, ["sara"], overlap=0.0)
    copy_path = tmp_path / "sara.sqlite"
    handout(lead, copy_path, annotator="sara")
    _annotate(copy_path, "sara", "GPE")
    merge_projects(lead, [copy_path])
    # Sara deletes one span in her copy later: the tombstone wins in the lead.
    with Project.open(copy_path) as copy:
        victim = next(copy.spans.all())
        copy.apply(RemoveSpan(victim.id))
    report = merge_projects(lead, [copy_path])
    assert report.files[0].spans_updated == 1
    assert lead.spans.get(victim.id).deleted is not None
    assert lead.spans.count() == 19


def test_merge_refusals_write_nothing(lead: Project, tmp_path: Path) -> None:
    before = dump(lead.path)
    with pytest.raises(MergeRefused, match="lead project itself"):
        merge_projects(lead, [lead.path])
    junk = tmp_path / "junk.sqlite"
    junk.write_text("no", encoding="utf-8")
    with pytest.raises(NotAProject, match="junk.sqlite"):
        merge_projects(lead, [junk])
    clash = tmp_path / "clash.sqlite"
    Project.create(clash, labels=[Label("GPE", LabelKind.CLAIM)]).close()
    with pytest.raises(LabelConflict, match="GPE"):
        merge_projects(lead, [clash])
    newer = tmp_path / "newer.sqlite"
    Project.create(newer).close()
    raw = Database(newer)
    raw["_sqlite_migrations"].insert(
        {"migration_set": "annotator", "name": "9999_future", "applied_at": "x"}
    )
    raw.close()
    with pytest.raises(NewerSchema):
        merge_projects(lead, [newer])
    assert dump(lead.path) == before
    assert not list(tmp_path.glob("lead.sqlite.before-merge-*"))


def test_handout_errors(lead: Project, tmp_path: Path) -> None:
    with pytest.raises(InvalidAssignment, match="assign"):
        handout(lead, tmp_path / "x.sqlite", annotator="nobody")
    assert handout(lead, tmp_path / "all.sqlite", annotator=None, whole=True) == 20
    with pytest.raises(FileExistsError):
        handout(lead, tmp_path / "all.sqlite", annotator=None, whole=True)


def test_a_file_from_an_older_version_merges_and_stays_untouched(
    lead: Project, tmp_path: Path
) -> None:
    stored = Path(__file__).resolve().parent.parent / "data" / "project_schema_0001.sqlite"
    returned = tmp_path / "old.sqlite"
    returned.write_bytes(stored.read_bytes())
    before = returned.read_bytes()
    report = merge_projects(lead, [returned])
    assert returned.read_bytes() == before
    assert report.files[0].path == str(returned)
    assert report.files[0].documents_added == 1 and report.files[0].spans_added == 1
    (span,) = [s for s in lead.spans.all() if s.annotator == "sara"]
    assert (span.label, lead.documents.get(span.doc_id).text[span.start : span.end]) == (
        "GPE",
        "البوكمال",
    )
