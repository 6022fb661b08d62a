"""The project file: creation, opening, refusal of bad files, labels, documents."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from annotator.core import schema
from annotator.core.edits import AddSpan
from annotator.core.errors import (
    InvalidLabel,
    LabelConflict,
    NewerSchema,
    NotAProject,
    ProjectLocked,
    UnknownDocument,
    WriteFailed,
)
from annotator.core.model import Label, LabelKind, document_uid
from annotator.core.store import Project, labels_from_toml

DATA = Path(__file__).resolve().parent.parent / "data"


def _file_bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_new_project_has_default_labels_in_order(project: Project) -> None:
    labels = project.labels.list()
    assert [lab.name for lab in labels] == [
        "PER",
        "ORG",
        "EVENT",
        "MISC",
        "GPE",
        "LOC",
        "FAC",
        "CLAIM",
        "CUE",
    ]
    kinds = [lab.kind for lab in labels]
    assert kinds == [LabelKind.ENTITY] * 4 + [LabelKind.PLACE] * 3 + [
        LabelKind.CLAIM,
        LabelKind.CUE,
    ]
    for lab in labels:
        assert lab.color.startswith("#") and len(lab.color) == 7
        assert lab.shortcut and lab.description and lab.description_ar
    assert len({lab.shortcut for lab in labels}) == len(labels)


def test_project_file_is_wal_sqlite_with_schema(project: Project, project_path: Path) -> None:
    conn = sqlite3.connect(project_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert applied == schema.known_migration_names()
    conn.close()


def test_same_text_twice_is_one_document(project: Project, seed_text: str) -> None:
    first, new1 = project.documents.add(seed_text, title="a")
    second, new2 = project.documents.add(seed_text, title="b")
    assert (first, new1, new2) == (second, True, False)
    assert project.documents.count() == 1
    assert project.documents.get(first).uid == document_uid(seed_text)


def test_document_list_is_lazy_and_ordered(project: Project) -> None:
    with project.transaction():
        from annotator.core.store import NewDocument

        project.documents.add_many([NewDocument(f"نص رقم {i}", f"عنوان {i}") for i in range(50)])
    page = project.documents.list(10, 5)
    assert [d.title for d in page] == [f"عنوان {i}" for i in range(10, 15)]
    assert all(not hasattr(d, "text") for d in page)
    assert [d.title for d in project.documents.list(search="عنوان 4")] == ["عنوان 4"] + [
        f"عنوان {i}" for i in range(40, 50)
    ]
    with pytest.raises(UnknownDocument):
        project.documents.get(999)


def test_not_a_project_is_refused_and_left_alone(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("hello", encoding="utf-8")
    with pytest.raises(NotAProject, match="notes.sqlite"):
        Project.open(text_file)
    assert text_file.read_text(encoding="utf-8") == "hello"

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = _file_bytes(other)
    with pytest.raises(NotAProject, match="not an Annotator project"):
        Project.open(other)
    assert _file_bytes(other) == before

    with pytest.raises(NotAProject, match="no such project"):
        Project.open(tmp_path / "missing.sqlite")


def test_newer_schema_is_refused_untouched(project: Project, project_path: Path) -> None:
    project.close()
    raw = Database(project_path)
    raw["_sqlite_migrations"].insert(
        {"migration_set": schema.MIGRATION_SET, "name": "9999_future", "applied_at": "x"}
    )
    raw.close()
    before = _file_bytes(project_path)
    with pytest.raises(NewerSchema, match="newer version"):
        Project.open(project_path)
    assert _file_bytes(project_path) == before


def test_second_writer_is_refused_but_reader_allowed(project: Project, project_path: Path) -> None:
    with pytest.raises(ProjectLocked, match="another Annotator process"):
        Project.open(project_path)
    code = (
        "import sys\n"
        "from annotator.core.store import Project\n"
        "from annotator.core.errors import ProjectLocked\n"
        "try:\n    Project.open(sys.argv[1])\nexcept ProjectLocked as e:\n"
        "    print(e); sys.exit(3)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(project_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 3, result.stderr
    assert "another Annotator process" in result.stdout
    with Project.open(project_path, readonly=True) as reader:
        assert reader.labels.names()[0] == "PER"


def test_lock_is_released_on_close(project_path: Path) -> None:
    Project.create(project_path).close()
    Project.open(project_path).close()
    Project.open(project_path).close()


def test_migration_from_version_1_keeps_data_and_backs_up(tmp_path: Path) -> None:
    stored = DATA / "project_schema_0001.sqlite"
    path = tmp_path / "old.sqlite"
    path.write_bytes(stored.read_bytes())
    with Project.open(path) as project:
        assert project.schema_version() == schema.known_migration_names()[-1]
        docs = project.documents.list()
        assert len(docs) == 1
        spans = project.spans.for_document(docs[0].id)
        assert [(s.label, s.start, s.end) for s in spans] == [("GPE", 0, 8)]
        assert project.gold.for_document(docs[0].id) == []
    backup = tmp_path / "old.sqlite.before-0002_gold.bak"
    assert backup.exists()
    conn = sqlite3.connect(backup)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["0001_initial"]
    conn.close()


def test_labels_add_rename_recolour(project: Project) -> None:
    doc, _ = project.documents.add("ذهب أحمد إلى دمشق")
    from annotator.core.edits import AddSpan

    span_id = project.apply(AddSpan(doc, "a", "PER", 4, 8)).span_ids[0]
    project.labels.update("PER", name="PERSON")
    assert project.spans.get(span_id).label == "PERSON"
    project.labels.update("PERSON", color="#123456")
    assert project.labels.get("PERSON").color == "#123456"
    project.labels.add(Label("WEAPON", LabelKind.ENTITY, "#000000", "w"))
    assert project.labels.names()[-1] == "WEAPON"
    with pytest.raises(LabelConflict):
        project.labels.add(Label("ORG", LabelKind.CLAIM))
    with pytest.raises(LabelConflict, match="used by 1 spans"):
        project.labels.update("PERSON", kind="claim")
    with pytest.raises(InvalidLabel):
        project.labels.update("ORG", name="two words")


def test_label_file_errors_name_the_file() -> None:
    with pytest.raises(InvalidLabel, match="mine.toml: label 'X': kind 'thing'"):
        labels_from_toml('[[label]]\nname = "X"\nkind = "thing"\n', source="mine.toml")
    with pytest.raises(InvalidLabel, match="mine.toml: not valid TOML"):
        labels_from_toml("[[label]\n", source="mine.toml")


def test_project_header_names_the_application(project: Project, project_path: Path) -> None:
    project.close()  # the WAL is folded into the file: what a file manager reads
    assert project_path.read_bytes()[68:72] == b"ANNO"


def test_meta_is_read_and_written_through_the_store(project: Project, project_path: Path) -> None:
    assert project.meta.get("app") == schema.APP_ID
    assert project.meta.get("missing") is None and project.meta.get("missing", "x") == "x"
    project.meta.set("handout_for", "sara")
    project.meta.update({"lead": "lead.sqlite", "sample": "true"})
    project.close()
    with Project.open(project_path, readonly=True) as reader:
        meta = reader.meta.all()
    assert {k: meta[k] for k in ("handout_for", "lead", "sample")} == {
        "handout_for": "sara",
        "lead": "lead.sqlite",
        "sample": "true",
    }
    assert "created" in meta and "created_by_version" in meta


def test_a_project_file_is_created_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "new.sqlite"
    with pytest.raises(RuntimeError), Project.creating(target) as made:
        made.documents.add("نص أول.")
        raise RuntimeError("the caller fails half way")
    assert list(tmp_path.iterdir()) == []  # neither the file nor its .part, WAL or lock

    with Project.creating(target) as made:
        made.documents.add("نص أول.")
        made.meta.set("sample", "true")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite"]  # checkpointed
    with Project.open(target, readonly=True) as reader:
        assert reader.documents.count() == 1 and reader.meta.get("sample") == "true"
    with pytest.raises(FileExistsError), Project.creating(target):
        pass


def test_a_write_the_disk_refuses_is_a_named_error_and_stores_nothing(
    project: Project, project_path: Path, disk_full
) -> None:
    doc = project.documents.add("قال أحمد الخميس إن الجيش")[0]
    with disk_full(), pytest.raises(WriteFailed) as failed:
        project.apply(AddSpan(doc, "sara", "PER", 4, 15))
    assert failed.value.code == "E090"
    assert str(project_path) in failed.value.message and "do it again" in failed.value.message
    assert project.spans.count() == 0
    # The project stays usable once the disk has room again.
    project.apply(AddSpan(doc, "sara", "PER", 4, 15))
    project.close()
    with Project.open(project_path, readonly=True) as reader:
        assert reader.spans.count() == 1


def test_sqlite_messages_become_advice() -> None:
    import sqlite3

    from annotator.core.store import write_failed

    full = write_failed(Path("p.sqlite"), sqlite3.OperationalError("database or disk is full"))
    assert "disk is full" in full.message and full.message.startswith("p.sqlite: not saved")
    readonly = write_failed(
        Path("p.sqlite"), sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert "read-only" in readonly.message and readonly.code == "E090"


def test_only_disk_and_file_failures_become_write_failed(project: Project) -> None:
    import sqlite3
    from contextlib import closing

    from annotator.core.store import is_write_failure

    with closing(sqlite3.connect(":memory:")) as conn:
        with pytest.raises(sqlite3.OperationalError) as caught:
            conn.execute("SELECT * FROM no_such_table")
    bug = caught.value
    assert not is_write_failure(bug)
    # A bug in a query stays SQLite's own error: it is not the disk's fault.
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        with project.transaction():
            raise bug
    assert is_write_failure(sqlite3.OperationalError("database or disk is full"))


def test_migrations_that_add_only_add_tables_and_indexes() -> None:
    """Each of ``schema.ADDS_ONLY`` leaves every object before it as it was and adds
    only tables and indexes (what makes a backup before it needless)."""
    from annotator.core.store_untrusted import expected_schema

    names = schema.known_migration_names()
    assert schema.ADDS_ONLY <= set(names)
    for name in schema.ADDS_ONLY:
        i = names.index(name)
        before, after = expected_schema(tuple(names[:i])), expected_schema(tuple(names[: i + 1]))
        assert before is not None and after is not None
        assert before <= after, name
        assert {kind for kind, *_rest in after - before} <= {"table", "index"}, name


def _rows(path: Path, tables: list[str]) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()


def test_a_file_that_needs_only_added_tables_opens_without_a_backup(tmp_path: Path) -> None:
    """An older file whose missing migrations only add tables and indexes is upgraded
    in place: its rows as they were, no `.before-*.bak` copy (1.4 GB at 100k)."""
    from annotator.core.store_untrusted import expected_schema

    path = tmp_path / "old.sqlite"
    with Project.create(path) as project:
        doc, _ = project.documents.add("ذهب أحمد إلى دمشق")
        project.apply(AddSpan(doc, "sara", "GPE", 13, 17))
    names = schema.known_migration_names()
    first = len(names)
    while first and names[first - 1] in schema.ADDS_ONLY:
        first -= 1
    if first == len(names):
        pytest.skip("the newest migration changes rows: opening an older file backs it up")
    older, newest = expected_schema(tuple(names[:first])), expected_schema(tuple(names))
    assert older is not None and newest is not None
    # The file as the Annotator before those migrations wrote it.
    conn = sqlite3.connect(path, isolation_level=None)
    for kind, name, _table, _sql in sorted(newest - older, key=lambda o: o[0] != "index"):
        conn.execute(f"DROP {kind.upper()} {name}")
    marks = ",".join("?" * (len(names) - first))
    conn.execute(f"DELETE FROM _sqlite_migrations WHERE name IN ({marks})", names[first:])
    conn.close()
    tables = sorted({table for kind, _n, table, _s in older if kind == "table"})
    rows = _rows(path, tables)
    assert rows["spans"]
    with Project.open(path) as project:
        assert project.schema_version() == names[-1]
        assert project.spans.count() == 1
    assert _rows(path, tables) == rows
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".bak")] == []
