"""What a merge leaves in the lead's file, row for row and column for column.

The expected project is computed here from the files themselves (documents by
uid, spans by id and statuses and document notes by document and annotator, the
newest ``updated`` winning), independently of the merge's SQL, so that a faster
merge is checked to store exactly what the slower one did.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core import merge_checks
from annotator.core.edits import RemoveSpan, SetStatus
from annotator.core.errors import UntrustedFile
from annotator.core.merge import merge_projects
from annotator.core.model import DocId, Span, Status, utc_now
from annotator.core.store import NewDocument, Project
from annotator.core.store_notes import DocumentNote
from annotator.core.teams import assign, handout
from annotator.core.tokenizer import has_loose_edges

TEXT = "قال مصدر، إن الجيش دخل إلى البوكمال «أمس» — ثم انسحب. رقم {i}"


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every column of every merged table, documents and labels by uid and name."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "documents": conn.execute(
                "SELECT uid, title, source, text, meta, n_chars, n_words, created"
                " FROM documents ORDER BY uid"
            ).fetchall(),
            "labels": conn.execute(
                "SELECT name, kind, color, shortcut, description, description_ar, ord"
                " FROM labels ORDER BY name"
            ).fetchall(),
            "spans": conn.execute(
                'SELECT s.id, d.uid, s.annotator, l.name, s.start, s."end", s.attrs,'
                " s.created, s.updated, s.deleted FROM spans s"
                " JOIN documents d ON d.id = s.doc_id JOIN labels l ON l.id = s.label_id"
                " ORDER BY s.id"
            ).fetchall(),
            "statuses": conn.execute(
                "SELECT d.uid, s.annotator, s.status, s.seconds, s.updated FROM statuses s"
                " JOIN documents d ON d.id = s.doc_id ORDER BY 1, 2"
            ).fetchall(),
            "document_notes": conn.execute(
                "SELECT d.uid, n.annotator, n.note, n.flag, n.updated FROM document_notes n"
                " JOIN documents d ON d.id = n.doc_id ORDER BY 1, 2"
            ).fetchall(),
        }
    finally:
        conn.close()


def newest(key_columns: int, *tables: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
    """The union of ``tables`` by key (the first columns), the newest ``updated`` winning
    (``updated`` is column 8 of a span, the last column of a status or note)."""
    winner: dict[tuple[object, ...], tuple[object, ...]] = {}
    for table in tables:
        for row in table:
            key = row[:key_columns]
            updated = row[8] if len(row) == 10 else row[-1]
            held = winner.get(key)
            if held is None or updated > (held[8] if len(held) == 10 else held[-1]):  # type: ignore[operator]
                winner[key] = row
    return sorted(winner.values(), key=lambda r: tuple(map(str, r[:key_columns])))


def expected(lead: Path, returned: list[Path]) -> dict[str, list[tuple[object, ...]]]:
    given = [rows(lead), *(rows(p) for p in returned)]
    # A document by uid: as the lead has it, else as the first file that has it.
    documents = {r[0]: r for g in reversed(given) for r in g["documents"]}
    return {
        "documents": sorted(documents.values()),
        "labels": given[0]["labels"],
        "spans": newest(1, *(g["spans"] for g in given)),
        "statuses": newest(2, *(g["statuses"] for g in given)),
        "document_notes": newest(2, *(g["document_notes"] for g in given)),
    }


def _mark(copy: Project, who: str, doc_ids: list[int], *, label: str) -> None:
    now = utc_now()
    spans = []
    for doc_id in doc_ids:
        quote = copy.documents.get(doc_id).text.index("«")
        # Two with punctuation at an edge (مصدر، and «أمس»), one nested inside another.
        for start, end in (
            (0, 3),
            (4, 9),
            (10, 12),
            (13, 18),
            (quote, quote + 5),
            (quote + 1, quote + 4),
        ):
            spans.append(
                Span(copy.spans.new_id(), DocId(doc_id), who, label, start, end, {}, now, now)
            )
    with copy.transaction():
        copy.spans.insert_many(spans)


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A lead with its own spans and three returned copies: documents shared, one
    copy returned twice (the later one relabels, removes and adds), one document new."""
    lead_path = tmp_path / "lead.sqlite"
    with Project.create(lead_path) as lead:
        with lead.transaction():
            lead.documents.add_many([NewDocument(TEXT.format(i=i), f"خبر {i}") for i in range(12)])
        _mark(lead, "lead", lead.documents.ids()[:3], label="ORG")
        assign(lead, ["sara", "omar", "huda"], overlap=0.5, seed=2)
        paths = []
        for who in ("sara", "omar", "huda"):
            paths.append(tmp_path / f"{who}.sqlite")
            handout(lead, paths[-1], annotator=who)
    for path, label in zip(paths, ("GPE", "LOC", "PER"), strict=True):
        who = path.stem
        with Project.open(path) as copy:
            ids = copy.documents.ids()
            _mark(copy, who, ids, label=label)
            copy.apply(SetStatus(ids[0], who, Status.DONE))
            copy.document_notes.put(DocumentNote(DocId(ids[-1]), who, "غير متأكد", True, utc_now()))
    later = tmp_path / "sara-later.sqlite"
    shutil.copy(paths[0], later)
    with Project.open(later) as copy:
        spans = sorted(copy.spans.all(), key=lambda s: s.id)
        copy.apply(RemoveSpan(spans[0].id))
        with copy.transaction():
            copy.spans.upsert(
                Span(
                    spans[1].id,
                    spans[1].doc_id,
                    "sara",
                    "LOC",
                    spans[1].start,
                    spans[1].end,
                    {"note": "مدينة"},
                    spans[1].created,
                    utc_now(),
                )
            )
            ((new, _),) = copy.documents.add_many([NewDocument("خبر جديد عن دير الزور.", "جديد")])
        now = utc_now()
        with copy.transaction():
            copy.spans.insert_many(
                [Span(copy.spans.new_id(), new, "sara", "GPE", 9, 17, {}, now, now)]
            )
        copy.apply(SetStatus(new, "sara", Status.IN_PROGRESS))
    return lead_path, [*paths, later]


@pytest.fixture(params=["in turn", "in workers"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Returned files read in turn before the merge writes, or in worker processes
    beside it (``merge_checks``); gives, for each merge, whether workers read."""
    seen: list[bool] = []
    if request.param == "in workers":
        if len(os.sched_getaffinity(0)) < 2:
            pytest.skip("one CPU: a merge reads its files in turn")
        monkeypatch.setattr(merge_checks, "MIN_BYTES", 0)
    else:
        monkeypatch.setattr(merge_checks, "MIN_BYTES", 2**62)
    enter = merge_checks.Readings.__enter__

    def spy(self: merge_checks.Readings) -> merge_checks.Readings:
        entered = enter(self)
        seen.append(entered.in_workers)
        return entered

    monkeypatch.setattr(merge_checks.Readings, "__enter__", spy)
    return seen


def test_merged_project_holds_exactly_the_newest_rows(
    team: tuple[Path, list[Path]], reading: list[bool], request: pytest.FixtureRequest
) -> None:
    lead_path, returned = team
    want = expected(lead_path, returned)
    loose = sum(
        has_loose_edges(text[s:e])
        for text, s, e in sqlite3.connect(returned[1])
        .execute(
            'SELECT d.text, s.start, s."end" FROM spans s JOIN documents d ON d.id = s.doc_id'
            " WHERE s.deleted IS NULL"
        )
        .fetchall()
    )
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, returned, backup=False)
        conn = lead._conn
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # back on
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ords = [r[0] for r in conn.execute("SELECT ord FROM documents ORDER BY ord")]
    got = rows(lead_path)
    assert got == want
    assert ords == list(range(13))
    assert report.files[1].edge_punctuation == loose > 0
    assert report.files[3].documents_added == 1
    assert report.files[3].spans_updated == 2
    # The same files again change nothing.
    with Project.open(lead_path) as lead:
        again = merge_projects(lead, returned, backup=False)
    assert not any(f.changed for f in again.files)
    assert rows(lead_path) == want
    assert reading == [request.node.callspec.params["reading"] == "in workers"] * 2


def _break_span(path: Path) -> None:
    """A span of ``path`` that ends past its document's text (the checks refuse it)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute('UPDATE spans SET "end" = 100000 WHERE rowid = (SELECT max(rowid) FROM spans)')
    conn.close()


def test_a_file_refused_late_leaves_the_lead_as_it_was_and_no_backup(
    team: tuple[Path, list[Path]], reading: list[bool]
) -> None:
    """Read beside the merge (workers), the third file is refused after the first two
    were merged in the uncommitted transaction; read in turn, before anything."""
    lead_path, returned = team
    _break_span(returned[2])
    before = rows(lead_path)
    with Project.open(lead_path) as lead, pytest.raises(UntrustedFile) as refused:
        merge_projects(lead, returned)
    assert str(returned[2]) in refused.value.message
    assert "past the end of the text" in refused.value.message
    assert rows(lead_path) == before
    assert sorted(p.name for p in lead_path.parent.iterdir() if ".bak" in p.name) == []


def test_the_first_refused_file_in_the_order_given_is_the_one_reported(
    team: tuple[Path, list[Path]], reading: list[bool]
) -> None:
    lead_path, returned = team
    _break_span(returned[1])
    _break_span(returned[3])
    with Project.open(lead_path) as lead, pytest.raises(UntrustedFile) as refused:
        merge_projects(lead, returned)
    assert refused.value.message.startswith(f"{returned[1]}:")


def test_expected_schema_is_what_sqlite_utils_migrations_write() -> None:
    """The schema a returned file must have, built without sqlite-utils, is the one
    sqlite-utils' ``Migrations.apply`` writes, after every prefix of the migrations."""
    from sqlite_utils import Database

    from annotator.core import schema
    from annotator.core.store_untrusted import MIGRATIONS_TABLE, _objects, expected_schema

    known = schema.known_migration_names()
    for count in range(1, len(known) + 1):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        stop = known[count] if count < len(known) else None
        schema.migrations.apply(Database(conn), stop_before=stop)
        written = frozenset(o for o in _objects(conn, "main") if o[1] != MIGRATIONS_TABLE)
        conn.close()
        assert expected_schema(tuple(known[:count])) == written, known[count - 1]
    assert expected_schema(()) is None
    assert expected_schema((known[1], known[0])) is None
    assert expected_schema(tuple(known[1:])) is None


def test_a_merge_that_fails_midway_leaves_the_lead_as_it_was_with_its_checks_on(
    team: tuple[Path, list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refused inside the transaction (here: SQLite refusing the third file's rows),
    nothing of the first two files stays, and foreign keys are enforced again."""
    from annotator.core import merge
    from annotator.core.errors import UntrustedFile

    lead_path, returned = team
    before = rows(lead_path)
    real = merge.merge_rows
    calls = []

    def refusing(project: Project, src: str) -> object:
        calls.append(src)
        if len(calls) == 3:
            raise sqlite3.IntegrityError("FOREIGN KEY constraint failed")
        return real(project, src)

    monkeypatch.setattr(merge, "merge_rows", refusing)
    with Project.open(lead_path) as lead:
        with pytest.raises(UntrustedFile, match="huda.sqlite: its rows break"):
            merge_projects(lead, returned, backup=False)
        assert lead._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert not lead._conn.in_transaction
    assert rows(lead_path) == before
