"""Merge refuses a returned file that lies, by name and row, before writing anything.

Each case takes a real handout, annotated through the core, then tampers with
it the way a broken tool or a hostile sender could (raw SQL, constraints off).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from faultkit import cli, dump

from annotator.core import store_untrusted
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import AnnotatorError, ReadTimeLimit
from annotator.core.merge import merge_projects
from annotator.core.model import Status, document_uid
from annotator.core.store import NewDocument, Project
from annotator.core.teams import assign, handout

TEXTS = [f"خبر رقم {i}: دخل الجيش إلى البوكمال صباح اليوم" for i in range(6)]


@pytest.fixture
def lead_path(tmp_path: Path) -> Path:
    path = tmp_path / "lead.sqlite"
    with Project.create(path) as lead:
        with lead.transaction():
            lead.documents.add_many([NewDocument(t, f"خبر {i}") for i, t in enumerate(TEXTS)])
        assign(lead, ["sara", "omar"], overlap=0.0)
        for doc_id in lead.assignments.for_annotator("omar"):
            lead.apply(AddSpan(doc_id, "omar", "ORG", 0, 3))
    return path


@pytest.fixture
def returned(lead_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "sara.sqlite"
    with Project.open(lead_path, readonly=True) as lead:
        handout(lead, path, annotator="sara")
    with Project.open(path) as copy:
        for doc_id in copy.documents.ids():
            copy.apply(AddSpan(doc_id, "sara", "GPE", 25, 33))
            copy.apply(SetStatus(doc_id, "sara", Status.DONE))
    return path


def _sql(*statements: str) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return run


def _new_document_with_uid(uid: str) -> Callable[[sqlite3.Connection], None]:
    text = "نص جديد لم يكن في المشروع"
    return _sql(
        "INSERT INTO documents(uid, title, source, text, meta, n_chars, n_words, ord, created)"
        f" VALUES ('{uid}', '', '', '{text}', '{{}}', {len(text)}, {len(text.split())}, 99,"
        " '2026-01-01T00:00:00Z')"
    )


def _new_label(column: str, value: str) -> Callable[[sqlite3.Connection], None]:
    return _sql(
        f"INSERT INTO labels(name, kind, {column}, ord) VALUES ('NEW', 'entity', {value}, 50)"
    )


def _lead_span_id(conn: sqlite3.Connection) -> None:
    lead = sqlite3.connect(
        conn.execute("PRAGMA database_list").fetchone()[2].replace("sara.sqlite", "lead.sqlite")
    )
    (omar_id,) = lead.execute("SELECT id FROM spans WHERE annotator = 'omar' LIMIT 1").fetchone()
    lead.close()
    conn.execute("UPDATE spans SET id = ? WHERE rowid = (SELECT min(rowid) FROM spans)", [omar_id])


def _document_note(doc_id: str, annotator: str, note: str, flag: str) -> Callable:
    return _sql(
        "INSERT INTO document_notes(doc_id, annotator, note, flag, updated) VALUES"
        f" ({doc_id}, {annotator}, {note}, {flag}, '2026-01-01T00:00:00Z')"
    )


FIRST_DOC = "(SELECT min(id) FROM documents)"
HUGE = "printf('%.*c', 1000000000, 'x')"  # a gigabyte, computed on every read
# name: (tampering, words the error must contain)
CASES: dict[str, tuple[Callable[[sqlite3.Connection], None], str]] = {
    "span past the end": (_sql('UPDATE spans SET "end" = 10000'), "past the end of the text"),
    "negative start": (_sql("UPDATE spans SET start = -1"), "before the text"),
    "end before start": (_sql('UPDATE spans SET start = 20, "end" = 10'), "not after its start"),
    "offset as text": (_sql("UPDATE spans SET start = 'x'"), "not integers"),
    "span of a missing document": (_sql("UPDATE spans SET doc_id = 999"), "not in the file"),
    "span of a missing label": (_sql("UPDATE spans SET label_id = 999"), "not in the file"),
    "attrs not JSON": (_sql("UPDATE spans SET attrs = '{nope'"), "JSON object"),
    "overlapping entities": (
        _sql(
            'INSERT INTO spans SELECT id || "x", doc_id, annotator, label_id, start + 2,'
            ' "end" + 2, attrs, created, updated, deleted FROM spans'
        ),
        "crosses the entity",
    ),
    "span id of another annotator": (_lead_span_id, "another annotator"),
    "uid of another text": (
        _sql("UPDATE documents SET text = 'X' || substr(text, 2)"),
        "names another text",
    ),
    "uid not the hash": (_new_document_with_uid("0" * 32), "not the hash of its text"),
    "uid not hex": (_new_document_with_uid("zz" * 16), "32 hex digits"),
    "n_chars lies": (_sql("UPDATE documents SET n_chars = n_chars + 50"), "n_chars"),
    "text as a blob": (_sql("UPDATE documents SET text = CAST(text AS BLOB)"), "not text"),
    "label kind weapon": (_sql("UPDATE labels SET kind = 'weapon' WHERE name = 'GPE'"), "weapon"),
    "label colour": (_new_label("color", "'notacolor'"), "#rrggbb"),
    "label name with NUL": (
        _sql("UPDATE labels SET name = 'BAD' || char(0) || 'X' WHERE name = 'MISC'"),
        "control character",
    ),
    "label name of 100,000 characters": (
        _sql("UPDATE labels SET name = printf('%.*c', 100000, 'L') WHERE name = 'MISC'"),
        "100000 characters",
    ),
    "multi-letter shortcut": (_new_label("shortcut", "'abc'"), "single"),
    "shortcut taken in the lead": (
        _sql(
            "INSERT INTO labels(name, kind, color, shortcut, ord) VALUES"
            " ('NEWS', 'entity', '#123456', 'P', 50)"
        ),
        "shortcut of PER",
    ),
    "status pwned": (_sql("UPDATE statuses SET status = 'pwned'"), "pwned"),
    "negative seconds": (_sql("UPDATE statuses SET seconds = -5"), "not a time"),
    "annotator of spaces": (_sql("UPDATE spans SET annotator = '   '"), "empty"),
    "annotator with control characters": (
        _sql("UPDATE statuses SET annotator = 'sa' || char(8238) || 'ra'"),
        "control character",
    ),
    "documents is a recursive view": (
        _sql(
            "ALTER TABLE documents RENAME TO documents_real",
            "CREATE VIEW documents AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL"
            " SELECT i + 1 FROM n) SELECT d.* FROM documents_real d, n",
        ),
        "view",
    ),
    "missing gold_spans": (_sql("DROP TABLE gold_spans"), "gold_spans is missing"),
    "a trigger": (
        _sql("CREATE TRIGGER t AFTER INSERT ON labels BEGIN DELETE FROM spans; END"),
        "trigger t",
    ),
    "an extra view": (_sql("CREATE VIEW v AS SELECT * FROM spans"), "view v"),
    "a changed table": (
        _sql(f"ALTER TABLE spans ADD COLUMN evil TEXT GENERATED ALWAYS AS ({HUGE})"),
        "table spans differs",
    ),
    "document note flag pwned": (
        _document_note(FIRST_DOC, "'sara'", "''", "'pwned'"),
        "document_notes row",
    ),
    "document note of a missing document": (
        _document_note("999", "'sara'", "'x'", "''"),
        "document 999 is not in the file",
    ),
    "document note of 3,000 characters": (
        _document_note(FIRST_DOC, "'sara'", "printf('%.*c', 3000, 'n')", "''"),
        "longer than 2000 characters",
    ),
    "document note as a blob": (
        _document_note(FIRST_DOC, "'sara'", "CAST('x' AS BLOB)", "''"),
        "the note is not text",
    ),
    "document note of a control-character annotator": (
        _document_note(FIRST_DOC, "'sa' || char(8238) || 'ra'", "'x'", "'unsure'"),
        "control character",
    ),
    "missing document_notes": (_sql("DROP TABLE document_notes"), "document_notes is missing"),
    "statuses is a virtual table": (
        _sql(
            "ALTER TABLE statuses RENAME TO old_statuses",
            "CREATE VIRTUAL TABLE statuses USING fts5(doc_id, annotator, status, seconds, updated)",
        ),
        "statuses",
    ),
}


def _tamper(path: Path, change: Callable[[sqlite3.Connection], None]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA legacy_alter_table = ON")
    change(conn)
    conn.close()


@pytest.mark.parametrize("case", sorted(CASES))
def test_merge_refuses_and_writes_nothing(
    case: str, lead_path: Path, returned: Path, tmp_path: Path
) -> None:
    change, words = CASES[case]
    _tamper(returned, change)
    before = dump(lead_path)
    started = time.monotonic()
    with Project.open(lead_path) as lead, pytest.raises(AnnotatorError) as caught:
        merge_projects(lead, [returned])
    assert time.monotonic() - started < 30
    message = str(caught.value)
    assert str(returned) in message and words in message, message
    assert message.startswith("[E0"), message
    assert dump(lead_path) == before
    assert not list(tmp_path.glob("lead.sqlite.before-merge-*"))


def test_the_untampered_file_merges(lead_path: Path, returned: Path) -> None:
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [returned])
    assert report.files[0].spans_added == len(TEXTS) // 2


def test_cli_names_the_file_in_one_line(lead_path: Path, returned: Path) -> None:
    _tamper(returned, CASES["span past the end"][0])
    before = dump(lead_path)
    result = cli("merge", "-p", str(lead_path), str(returned))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "[E051]" in result.stderr and "past the end" in result.stderr
    assert dump(lead_path) == before


def test_a_new_document_with_its_real_uid_is_taken(lead_path: Path, returned: Path) -> None:
    text = "نص جديد لم يكن في المشروع"
    _tamper(returned, _new_document_with_uid(document_uid(text)))
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [returned])
        assert report.files[0].documents_added == 1
        assert lead.documents.by_uid(document_uid(text)) is not None


def test_document_size_limit(
    lead_path: Path, returned: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_untrusted, "MAX_DOCUMENT_CHARS", 10)
    before = dump(lead_path)
    with Project.open(lead_path) as lead, pytest.raises(AnnotatorError, match="longer than 10"):
        merge_projects(lead, [returned])
    assert dump(lead_path) == before


def test_reading_cannot_hang() -> None:
    """Any query past its time is interrupted and the file refused, in about that time."""
    conn = sqlite3.connect(":memory:")
    started = time.monotonic()
    with pytest.raises(ReadTimeLimit, match="longer than"):
        with store_untrusted.time_limit(conn, 0.3, Path("slow.sqlite")):
            conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                " SELECT count(*) FROM n"
            ).fetchone()
    assert time.monotonic() - started < 5


def test_the_leads_own_labels_come_back_as_they_went(lead_path: Path, returned: Path) -> None:
    """A lead from before these checks (odd colour, shared shortcut) still merges its copies."""
    for path in (lead_path, returned):
        _tamper(path, _sql("UPDATE labels SET color = 'grey', shortcut = 'x'"))
    with Project.open(lead_path) as lead:
        report = merge_projects(lead, [returned])
        assert report.files[0].spans_added == len(TEXTS) // 2
        assert report.files[0].labels_added == []
