"""Reading a file someone else wrote (a returned project) without trusting it.

Part of the store layer (the only code that writes SQL). Before a merge takes
anything from a returned file:

- its schema must be exactly the one this version of Annotator writes (for the
  migrations the file says it has): a ``documents`` *view*, a trigger, a
  virtual or generated column, a missing ``gold_spans`` are refused by name,
  before any of its rows is read, so reading it runs none of its SQL;
- every row it would give is checked (types, offsets inside the text, uid =
  hash of the text, statuses, document notes, names, sizes), and the first bad
  row is named;
- every query runs under a time limit (a progress handler), so a damaged or
  crafted file cannot hang the merge.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from annotator.core import names, schema
from annotator.core.errors import (
    AnnotatorError,
    NewerSchema,
    NotAProject,
    ReadTimeLimit,
    UntrustedFile,
)
from annotator.core.model import Label, LabelKind, Status, document_uid
from annotator.core.note_edits import NOTE_MAX, UNSURE
from annotator.core.store import Project
from annotator.core.store_lock import uri

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "_sqlite_migrations"

# Sizes a returned file may not exceed (a real project is far below each).
MAX_DOCUMENT_CHARS = 5_000_000
MAX_LABELS = 500
MAX_ANNOTATORS = 10_000
MAX_TITLE = 2_000
MAX_SOURCE = 4_096
MAX_META = 100_000
MAX_ATTRS = 10_000
MAX_ID = 100

# Seconds allowed for reading one returned file: a base plus some per MB.
TIME_BASE = 60.0
TIME_PER_MB = 2.0

Object = tuple[str, str, str, str]  # type, name, table, sql


def time_allowed(path: Path) -> float:
    try:
        size_mb = path.stat().st_size / 1e6
    except OSError:
        size_mb = 0.0
    return TIME_BASE + TIME_PER_MB * size_mb


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float, path: Path) -> Iterator[None]:
    """Interrupt any query on ``conn`` that runs past ``seconds``; refuse the file then."""
    deadline = time.monotonic() + seconds
    expired = False

    def check() -> int:
        nonlocal expired
        expired = time.monotonic() > deadline
        return 1 if expired else 0

    conn.set_progress_handler(check, 100_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if expired and "interrupted" in str(exc):
            raise ReadTimeLimit(
                f"{path}: reading it took longer than {seconds:.0f} s; it may be damaged or "
                "made to stall a merge. Nothing was merged; ask for a fresh copy."
            ) from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def reading_limit(project: Project, path: Path) -> AbstractContextManager[None]:
    """:func:`time_limit` on ``project``'s connection, for reading the returned ``path``."""
    return time_limit(project._conn, time_allowed(path), path)  # noqa: SLF001 (the store)


class _SchemaOnly:
    """What a migration uses of sqlite-utils' ``Database`` (``execute`` and ``conn``):
    enough to build a schema in memory without importing sqlite-utils, whose import
    (pandas with it, when installed) was a third of a 1,000-document merge."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)


@cache
def expected_schema(applied: tuple[str, ...]) -> frozenset[Object] | None:
    """The schema objects this version writes after the migrations ``applied``, in
    that order; ``None`` when that is not a prefix of this version's migrations.

    Built in memory for that prefix only, the first time it is asked for (every
    prefix at once cost a merge 0.4 s of CPU), each migration in its own
    transaction as ``Migrations.apply`` runs it (its bookkeeping table aside).
    """
    count = len(applied)
    if count == 0 or tuple(schema.known_migration_names()[:count]) != applied:
        return None
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db = cast("Database", _SchemaOnly(conn))
        for migration in schema.migrations.pending(conn)[:count]:
            conn.execute("BEGIN")
            migration.fn(db)
            conn.execute("COMMIT")
        return frozenset(o for o in _objects(conn, "main") if o[1] != MIGRATIONS_TABLE)
    finally:
        conn.close()


def _objects(conn: sqlite3.Connection, db: str) -> list[Object]:
    rows = conn.execute(
        f"SELECT type, name, tbl_name, coalesce(sql, '') FROM {db}.sqlite_master"
        " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    return [
        (str(t), str(n), str(tb), str(sql))
        for t, n, tb, sql in rows
        if tb != MIGRATIONS_TABLE or t != "index"
    ]


def inspect_schema(path: Path) -> None:
    """Check a returned file's schema before anything reads its rows.

    :raises NotAProject: not a SQLite file, or not an Annotator project.
    :raises NewerSchema: written by a newer Annotator.
    :raises UntrustedFile: a table is missing, is a view, or differs from ours;
        an extra view or trigger.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotAProject(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    if header != SQLITE_HEADER:
        raise NotAProject(f"{path}: not an Annotator project (not a SQLite file).")
    conn = sqlite3.connect(uri(path, readonly=True), uri=True, isolation_level=None)
    try:
        # Functions named in a schema run only when innocuous (no side effects).
        conn.execute("PRAGMA trusted_schema = OFF")
        with time_limit(conn, time_allowed(path), path):
            _inspect(conn, path)
    except sqlite3.DatabaseError as exc:
        raise NotAProject(f"{path}: not a readable project file ({exc}).") from None
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection, path: Path) -> None:
    objects = _objects(conn, "main")
    by_name = {name: (kind, sql) for kind, name, _table, sql in objects}
    for required in ("project_meta", MIGRATIONS_TABLE):
        if required not in by_name and required != MIGRATIONS_TABLE:
            raise NotAProject(f"{path}: a SQLite file, but not an Annotator project.")
    migrations_table = by_name.get(MIGRATIONS_TABLE)
    if migrations_table is None:
        raise NotAProject(f"{path}: a SQLite file, but not an Annotator project.")
    _plain_table(conn, path, MIGRATIONS_TABLE, *migrations_table)
    applied = tuple(
        str(r[0])
        for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid"
            " LIMIT 1000",
            [schema.MIGRATION_SET],
        )
    )
    known = schema.known_migration_names()
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerSchema(
            f"{path}: written by a newer version of Annotator (schema {unknown[-1]}). "
            "Upgrade Annotator to merge it."
        )
    expected = expected_schema(applied)
    if expected is None:
        raise UntrustedFile(
            f"{path}: its list of schema changes ({', '.join(applied) or 'none'}) is not one "
            "Annotator writes; the file was edited by hand or damaged. Nothing was merged."
        )
    found = {obj for obj in objects if obj[1] != MIGRATIONS_TABLE}
    for kind, name, _table, _sql in sorted(expected - found, key=_tables_first):
        if name in by_name:
            other_kind, _ = by_name[name]
            what = (
                "differs from the one Annotator writes"
                if other_kind == kind
                else (f"is a {other_kind}, not a {kind}")
            )
            raise UntrustedFile(f"{path}: {kind} {name} {what}. Nothing was merged.")
        raise UntrustedFile(
            f"{path}: {kind} {name} is missing; the file is damaged or not a complete "
            "Annotator project. Nothing was merged."
        )
    for kind, name, _table, _sql in sorted(found - expected, key=_tables_first):
        raise UntrustedFile(
            f"{path}: has a {kind} {name} that Annotator does not write; refused so that "
            "none of its SQL runs. Nothing was merged."
        )


_KIND_ORDER = {"table": 0, "view": 1, "index": 2, "trigger": 3}


def _tables_first(obj: Object) -> tuple[int, str]:
    # A missing table explains its missing indexes: name the table.
    return _KIND_ORDER.get(obj[0], 4), obj[1]


def _plain_table(conn: sqlite3.Connection, path: Path, name: str, kind: str, sql: str) -> None:
    """A table that reads as stored values: no view, no virtual table, no generated column."""
    plain = kind == "table" and not sql.lstrip().upper().startswith("CREATE VIRTUAL")
    if plain:
        hidden = conn.execute(f"SELECT max(hidden) FROM pragma_table_xinfo('{name}')").fetchone()
        plain = hidden is not None and (hidden[0] or 0) == 0
    if not plain:
        raise UntrustedFile(
            f"{path}: {name} is not a plain table (a {kind}); refused so that none of its SQL "
            "runs. Nothing was merged."
        )


# --- rows ---------------------------------------------------------------------

_TIMESTAMP = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'"


def _first_problem(
    conn: sqlite3.Connection, sql: str, params: Sequence[object] | Mapping[str, object]
) -> tuple[str, str] | None:
    row = conn.execute(sql, params).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def check_rows(project: Project, src: str, path: Path) -> list[Label]:
    """Check every row an attached returned file (``src``) would give; return its labels.

    Read-only: call with the file attached, before the merge's transaction.

    :raises UntrustedFile: naming the file, the table and the row.
    """
    conn = project._conn  # noqa: SLF001 (the store's own connection)
    lead_labels, lead_path = project.labels.list(), project.path

    def refuse(table: str, row: str, problem: str) -> UntrustedFile:
        return UntrustedFile(f"{path}: {table} row {row}: {problem}. Nothing was merged.")

    labels = _check_labels(conn, src, path, lead_labels, lead_path, refuse)
    problem = _first_problem(
        conn,
        f"""
        SELECT s.id, CASE
            WHEN typeof(s.id) != 'integer' THEN 'id is not an integer'
            WHEN typeof(s.uid) != 'text' OR length(s.uid) != 32 OR s.uid GLOB '*[^0-9a-f]*'
                THEN 'uid is not 32 hex digits'
            WHEN typeof(s.text) != 'text' THEN 'the text is not text'
            WHEN typeof(s.n_chars) != 'integer' OR s.n_chars > :max_chars
                THEN 'the text is longer than ' || :max_chars || ' characters'
            WHEN s.n_chars != length(s.text) THEN 'n_chars does not match the text'
            WHEN typeof(s.title) != 'text' OR length(s.title) > :max_title
                THEN 'the title is not text or longer than ' || :max_title || ' characters'
            WHEN typeof(s.source) != 'text' OR length(s.source) > :max_source
                THEN 'the source is not text or too long'
            WHEN typeof(s.meta) != 'text' OR length(s.meta) > :max_meta OR NOT json_valid(s.meta)
                OR json_type(s.meta) != 'object' THEN 'meta is not a JSON object (or too long)'
            WHEN typeof(s.n_words) != 'integer' OR s.n_words < 0 THEN 'n_words is not a count'
            WHEN typeof(s.ord) != 'integer' THEN 'ord is not an integer'
            WHEN typeof(s.created) != 'text' THEN 'created is not a timestamp'
            WHEN d.id IS NOT NULL AND d.text != s.text
                THEN 'uid ' || s.uid || ' names another text in ' || :lead
                     || ' (the uid must be the hash of the text)'
        END AS problem
        FROM {src}.documents s LEFT JOIN main.documents d ON d.uid = s.uid
        WHERE problem IS NOT NULL LIMIT 1
        """,
        {
            "max_chars": MAX_DOCUMENT_CHARS,
            "max_title": MAX_TITLE,
            "max_source": MAX_SOURCE,
            "max_meta": MAX_META,
            "lead": str(lead_path),
        },
    )
    if problem:
        raise refuse("documents", *problem)
    # Documents new to the lead: their uid must be the hash of their text.
    for doc_id, uid, text, n_words in conn.execute(
        f"SELECT s.id, s.uid, s.text, s.n_words FROM {src}.documents s"
        " WHERE s.uid NOT IN (SELECT uid FROM main.documents)"
    ):
        if "\x00" in text:
            raise refuse("documents", str(doc_id), "the text contains a NUL character")
        if document_uid(text) != uid:
            raise refuse(
                "documents",
                str(doc_id),
                f"uid {uid} is not the hash of its text ({document_uid(text)})",
            )
        if n_words != len(text.split()):
            raise refuse("documents", str(doc_id), "n_words does not match the text")
    # The file's document ids -> the lead's (by uid), so a span whose id the lead
    # knows can be compared by document without a lookup in the big documents table.
    conn.execute("DROP TABLE IF EXISTS temp.check_doc_map")
    conn.execute(
        "CREATE TEMP TABLE check_doc_map (src_id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL)"
    )
    conn.execute(
        f"INSERT INTO temp.check_doc_map SELECT sd.id, d.id FROM {src}.documents sd"
        " JOIN main.documents d ON d.uid = sd.uid"
    )
    for table in ("spans", "gold_spans"):
        problem = _first_problem(conn, _span_check(src, table), [])
        if problem:
            raise refuse(table, *problem)
        problem = _first_problem(conn, _overlap_check(src, table, flat=project.flat_entities), [])
        if problem:
            raise refuse(table, *problem)
    conn.execute("DROP TABLE temp.check_doc_map")
    statuses = ", ".join(f"'{s.value}'" for s in Status)
    problem = _first_problem(
        conn,
        f"""
        SELECT s.doc_id || '/' || s.annotator, CASE
            WHEN d.id IS NULL THEN 'document ' || s.doc_id || ' is not in the file'
            WHEN typeof(s.status) != 'text' OR s.status NOT IN ({statuses})
                THEN 'status ' || quote(s.status) || ' is not one of {statuses.replace("'", "")}'
            WHEN typeof(s.seconds) NOT IN ('integer', 'real') OR s.seconds < 0
                OR s.seconds > 1e9 THEN 'seconds is not a time'
            WHEN typeof(s.updated) != 'text' OR NOT s.updated GLOB {_TIMESTAMP}
                THEN 'updated is not a timestamp'
        END AS problem
        FROM {src}.statuses s LEFT JOIN {src}.documents d ON d.id = s.doc_id
        WHERE problem IS NOT NULL LIMIT 1
        """,
        [],
    )
    if problem:
        raise refuse("statuses", *problem)
    problem = _first_problem(
        conn,
        f"""
        SELECT a.doc_id, CASE
            WHEN d.id IS NULL THEN 'document ' || a.doc_id || ' is not in the file'
            WHEN typeof(a.adjudicator) != 'text' THEN 'adjudicator is not text'
            WHEN typeof(a.updated) != 'text' OR NOT a.updated GLOB {_TIMESTAMP}
                THEN 'updated is not a timestamp'
        END AS problem
        FROM {src}.adjudications a LEFT JOIN {src}.documents d ON d.id = a.doc_id
        WHERE problem IS NOT NULL LIMIT 1
        """,
        [],
    )
    if problem:
        raise refuse("adjudications", *problem)
    problem = _first_problem(conn, _document_note_check(src), [])
    if problem:
        raise refuse("document_notes", *problem)
    people = conn.execute(
        f"SELECT annotator FROM {src}.spans UNION SELECT annotator FROM {src}.gold_spans"
        f" UNION SELECT annotator FROM {src}.statuses"
        f" UNION SELECT annotator FROM {src}.document_notes"
        f" UNION SELECT adjudicator FROM {src}.adjudications LIMIT {MAX_ANNOTATORS + 1}"
    ).fetchall()
    if len(people) > MAX_ANNOTATORS:
        raise UntrustedFile(
            f"{path}: more than {MAX_ANNOTATORS} annotator names. Nothing was merged."
        )
    for (person,) in people:
        try:
            names.check_annotator_name(str(person))
        except AnnotatorError as exc:
            raise UntrustedFile(f"{path}: {exc.message} Nothing was merged.") from None
    return labels


def _span_check(src: str, table: str) -> str:
    return f"""
        SELECT s.id, CASE
            WHEN typeof(s.id) != 'text' OR length(s.id) NOT BETWEEN 1 AND {MAX_ID}
                THEN 'id is not a short text'
            WHEN d.id IS NULL THEN 'document ' || quote(s.doc_id) || ' is not in the file'
            WHEN l.id IS NULL THEN 'label id ' || quote(s.label_id) || ' is not in the file'
            WHEN typeof(s.start) != 'integer' OR typeof(s."end") != 'integer'
                THEN 'its offsets are not integers'
            WHEN s.start < 0 THEN 'it starts at ' || s.start || ', before the text'
            WHEN s."end" <= s.start
                THEN 'it ends at ' || s."end" || ', not after its start ' || s.start
            WHEN s."end" > d.n_chars
                THEN 'it ends at ' || s."end" || ', past the end of the text of document '
                     || d.id || ' (' || d.n_chars || ' characters)'
            WHEN typeof(s.annotator) != 'text' THEN 'the annotator is not a name'
            WHEN typeof(s.attrs) != 'text' OR length(s.attrs) > {MAX_ATTRS}
                OR NOT json_valid(s.attrs) OR json_type(s.attrs) != 'object'
                THEN 'attrs is not a JSON object (or too long)'
            WHEN typeof(s.created) != 'text' OR typeof(s.updated) != 'text'
                OR NOT s.updated GLOB {_TIMESTAMP} THEN 'its times are not timestamps'
            WHEN s.deleted IS NOT NULL AND typeof(s.deleted) != 'text'
                THEN 'deleted is not a timestamp'
            WHEN mine.id IS NOT NULL
                 AND (mine.annotator != s.annotator OR mine.doc_id IS NOT cm.doc_id)
                THEN 'its id is a span of ' || mine.annotator || ' on another document'
                     || ' or by another annotator in the lead project'
        END AS problem
        FROM {src}.{table} s
        LEFT JOIN {src}.documents d ON d.id = s.doc_id
        LEFT JOIN {src}.labels l ON l.id = s.label_id
        LEFT JOIN main.{table} mine ON mine.id = s.id
        LEFT JOIN temp.check_doc_map cm ON cm.src_id = s.doc_id
        WHERE problem IS NOT NULL LIMIT 1
    """


def _document_note_check(src: str) -> str:
    """The first document note (migration 0009) that Annotator would not write."""
    return f"""
        SELECT n.doc_id || '/' || n.annotator, CASE
            WHEN d.id IS NULL THEN 'document ' || quote(n.doc_id) || ' is not in the file'
            WHEN typeof(n.annotator) != 'text' THEN 'the annotator is not a name'
            WHEN typeof(n.note) != 'text' OR length(n.note) > {NOTE_MAX}
                THEN 'the note is not text or longer than {NOTE_MAX} characters'
            WHEN typeof(n.flag) != 'text' OR n.flag NOT IN ('', '{UNSURE}')
                THEN 'flag ' || quote(n.flag) || ' is not "{UNSURE}" or empty'
            WHEN typeof(n.updated) != 'text' OR NOT n.updated GLOB {_TIMESTAMP}
                THEN 'updated is not a timestamp'
        END AS problem
        FROM {src}.document_notes n LEFT JOIN {src}.documents d ON d.id = n.doc_id
        WHERE problem IS NOT NULL LIMIT 1
    """


def _overlap_check(src: str, table: str, *, flat: bool) -> str:
    """The first entity that crosses another of the same annotator (Annotator never
    writes that): overlapping without nesting, or any overlap in a flat project, or
    the same range twice with the same label. Claims may overlap anything."""
    nesting = (
        ""
        if flat
        else """ AND (NOT ((a.start <= b.start AND b."end" <= a."end")
                        OR (b.start <= a.start AND a."end" <= b."end"))
                  OR (a.start = b.start AND a."end" = b."end" AND a.label_id = b.label_id))"""
    )
    # b starts inside a (each pair once): the index on (doc_id, annotator, start)
    # then probes only the spans starting within a, not every pair of the document.
    return f"""
        SELECT a.id, 'it crosses the entity ' || b.id || ' of ' || a.annotator
                     || ' in document ' || a.doc_id || ' (entities may nest, never cross)'
        FROM {src}.{table} a
        JOIN {src}.{table} b ON b.doc_id = a.doc_id AND b.annotator = a.annotator
             AND b.start >= a.start AND b.start < a."end"
             AND (b.start > a.start OR b.id > a.id){nesting}
        JOIN {src}.labels la ON la.id = a.label_id
        JOIN {src}.labels lb ON lb.id = b.label_id
        WHERE a.deleted IS NULL AND b.deleted IS NULL
          AND la.kind NOT IN ('claim', 'cue') AND lb.kind NOT IN ('claim', 'cue')
        LIMIT 1
    """


def _check_labels(
    conn: sqlite3.Connection,
    src: str,
    path: Path,
    lead_labels: list[Label],
    lead_path: Path,
    refuse: Callable[[str, str, str], UntrustedFile],
) -> list[Label]:
    rows = conn.execute(
        f"SELECT id, name, kind, color, shortcut, description, description_ar, ord"
        f" FROM {src}.labels ORDER BY ord, id LIMIT {MAX_LABELS + 1}"
    ).fetchall()
    if len(rows) > MAX_LABELS:
        raise UntrustedFile(f"{path}: more than {MAX_LABELS} labels. Nothing was merged.")
    kinds = {k.value for k in LabelKind}
    labels: list[Label] = []
    seen: set[str] = set()
    for label_id, name, kind, color, shortcut, desc, desc_ar, order in rows:
        row = str(label_id)
        if not all(isinstance(v, str) for v in (name, kind, color, shortcut, desc, desc_ar)):
            raise refuse("labels", row, "a field is not text")
        if not isinstance(order, int) or isinstance(order, bool) or not math.isfinite(order):
            raise refuse("labels", row, "ord is not an integer")
        if kind not in kinds:
            raise refuse("labels", row, f"kind {kind!r} is not one of {', '.join(sorted(kinds))}")
        if name in seen:
            raise refuse("labels", row, f"label {name!r} appears twice")
        seen.add(name)
        labels.append(Label(name, LabelKind(kind), color, shortcut, desc, desc_ar, order))
    # A label the lead has is kept as the lead has it (only its kind must agree):
    # only labels new to the lead are taken, so only they are checked in full.
    lead_names = {lab.name for lab in lead_labels}
    taken = list(lead_labels)
    for label_id, label in zip((r[0] for r in rows), labels, strict=True):
        if label.name in lead_names:
            continue
        try:
            names.check_label(label)
        except AnnotatorError as exc:
            raise refuse("labels", str(label_id), exc.message.rstrip(".")) from None
        holder = names.shortcut_holder(label.shortcut, taken)
        if holder is not None:
            where = f"{holder} in {lead_path}" if holder in lead_names else f"{holder} there too"
            raise UntrustedFile(
                f"{path}: label {label.name}'s shortcut {label.shortcut!r} is already the "
                f"shortcut of {where}. Change one of them (`annotator labels edit "
                "--shortcut`) and merge again; nothing was merged."
            )
        taken.append(label)
    return labels
