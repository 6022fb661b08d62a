"""The project file's schema, as named migrations (sqlite-utils ``Migrations``).

A migration, once released, never changes: add a new one instead. A file that
has applied a migration this program does not know comes from a newer version
and is refused (see :func:`annotator.core.store.Project.open`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

APP_ID = "annotator"
MIGRATION_SET = "annotator"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' own bookkeeping table


@dataclass(frozen=True, slots=True)
class AppliedMigration:
    name: str
    applied_at: str


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    fn: Callable[[Database], None]


class LazyMigrations:
    """sqlite-utils ``Migrations``, without importing sqlite-utils until one must run.

    Importing sqlite-utils costs 0.2–0.6 s (it imports numpy, and pandas when
    installed); opening a project only needs to *read* which migrations are
    applied, which one query on its bookkeeping table answers. Registering
    (``@migrations(name=...)``) and :meth:`apply` behave as sqlite-utils' own.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(
        self, *, name: str
    ) -> Callable[[Callable[[Database], None]], Callable[[Database], None]]:
        def inner(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            if any(m.name == name for m in self._migrations):
                raise ValueError(f"Migration {name!r} is already registered")
            self._migrations.append(Migration(name, fn))
            return fn

        return inner

    def applied(self, conn: Any) -> list[AppliedMigration]:
        """Applied migrations in order; ``conn``: a ``sqlite3.Connection`` or a ``Database``."""
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
        ).fetchone()
        if not exists:
            return []
        rows = conn.execute(
            f"SELECT name, applied_at FROM {MIGRATIONS_TABLE} WHERE migration_set = ?"
            " ORDER BY rowid",
            [self.name],
        ).fetchall()
        return [AppliedMigration(str(name), str(at)) for name, at in rows]

    def pending(self, conn: Any) -> list[Migration]:
        done = {m.name for m in self.applied(conn)}
        return [m for m in self._migrations if m.name not in done]

    def apply(self, db: Database, *, stop_before: str | None = None) -> None:
        """Apply every pending migration, each in one transaction with its record."""
        self._real().apply(db, stop_before=stop_before)

    def _real(self) -> Migrations:
        from sqlite_utils import Migrations

        real = Migrations(self.name)
        for m in self._migrations:
            real(name=m.name)(m.fn)
        return real


# Append new migrations at the end, whatever their number: files record the order
# they were applied in, and a returned file is trusted only when that order is a
# prefix of this one (store_untrusted.expected_schema).
migrations = LazyMigrations(MIGRATION_SET)


def _run(db: Database, script: str) -> None:
    # Not executescript(): it commits first, which would take the migration
    # out of the transaction Migrations.apply wraps it in.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE project_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            uid TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}',
            n_chars INTEGER NOT NULL,
            n_words INTEGER NOT NULL,
            ord INTEGER NOT NULL,
            created TEXT NOT NULL
        );
        CREATE INDEX documents_ord ON documents(ord);
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('entity', 'place', 'claim')),
            color TEXT NOT NULL DEFAULT '#cccccc',
            shortcut TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            description_ar TEXT NOT NULL DEFAULT '',
            ord INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE spans (
            id TEXT PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            annotator TEXT NOT NULL,
            label_id INTEGER NOT NULL REFERENCES labels(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX spans_doc ON spans(doc_id, annotator, start);
        CREATE TABLE statuses (
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            annotator TEXT NOT NULL,
            status TEXT NOT NULL
                CHECK (status IN ('new', 'in_progress', 'done', 'skipped')),
            seconds REAL NOT NULL DEFAULT 0,
            updated TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        );
        """,
    )


@migrations(name="0002_gold")
def _gold(db: Database) -> None:
    # Adjudicated spans live apart from every annotator's own; `annotator`
    # records who adjudicated. Same shape as `spans` so one code path serves both.
    _run(
        db,
        """
        CREATE TABLE gold_spans (
            id TEXT PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            annotator TEXT NOT NULL,
            label_id INTEGER NOT NULL REFERENCES labels(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX gold_spans_doc ON gold_spans(doc_id, start);
        CREATE TABLE adjudications (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id),
            adjudicator TEXT NOT NULL,
            updated TEXT NOT NULL
        );
        """,
    )


@migrations(name="0003_assignments")
def _assignments(db: Database) -> None:
    # Which annotator is to do which document (`annotator assign`); a document
    # handed to two or more annotators is what agreement is measured on.
    _run(
        db,
        """
        CREATE TABLE assignments (
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            annotator TEXT NOT NULL,
            assigned TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        )
        """,
    )


@migrations(name="0004_source_tokens")
def _source_tokens(db: Database) -> None:
    # The tokens and sentence breaks of a document that came tokenized (CoNLL,
    # .spacy), so that exports write the corpus's own tokens again instead of
    # re-tokenizing. JSON: `tokens` is [start, end, start, end, ...] (code-point
    # offsets into the stored text), `sentences` the token index each sentence
    # starts at. A document imported as plain text has no row.
    _run(
        db,
        """
        CREATE TABLE source_tokens (
            doc_id INTEGER PRIMARY KEY REFERENCES documents(id),
            tokens TEXT NOT NULL,
            sentences TEXT NOT NULL
        )
        """,
    )


# Tables whose UPDATE or DELETE bumps `changes` (Project.data_version): inserts
# are seen from max(rowid), which a per-row trigger would slow threefold on bulk
# writes (import, merge); updates and deletes are edits, one row at a time.
CHANGE_COUNTED_TABLES = ("documents", "labels", "spans", "gold_spans", "statuses", "adjudications")


@migrations(name="0005_find_index_and_change_counter")
def _find_index(db: Database) -> None:
    # Find across the corpus: a trigram index of every document's folded text,
    # filled here for the documents already in the file (store_search).
    from annotator.core import store_search

    _run(db, store_search.SCHEMA)
    store_search.add(db.conn, db.execute("SELECT id, text FROM documents ORDER BY id").fetchall())
    db.execute("INSERT OR IGNORE INTO project_meta(key, value) VALUES ('changes', '0')")
    for table in CHANGE_COUNTED_TABLES:
        for event in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_counts AFTER {event} ON {table}"
                " BEGIN UPDATE project_meta SET value = CAST(value AS INTEGER) + 1"
                " WHERE key = 'changes'; END"
            )


# The link types and CLAIM attributes every project gets with 0007 (a project
# created later takes them from resources/labels.toml). Kept here, not read from
# that file: a migration, once released, never changes.
_LINK_TYPES_0007 = (
    ("claimer", '["claim"]', '["entity", "place"]', '["author", "unnamed source", "unknown"]'),
    ("cue", '["claim"]', '["cue"]', "[]"),
)
#: Tables 0007 adds whose changes count in Project.data_version, as 0005's do.
LINK_TABLES = ("links", "gold_links", "link_types")
_CLAIM_ATTRIBUTES_0007 = (
    '[{"key": "stance", "type": "choice", "values": ["asserts", "denies", "doubts", "reports"]},'
    ' {"key": "check_worthy", "type": "yes/no"}]'
)


@migrations(name="0007_claim_links_and_attributes")
def _claim_links(db: Database) -> None:
    # Labels gain the `cue` kind (the words that introduce a claim: قال، أكد، نفى)
    # and their attribute definitions (JSON). Allowing one more value in a CHECK
    # changes no stored row, so the table's SQL is edited in place, as SQLite's
    # documentation describes for loosening a constraint (writable_schema with
    # schema_version bumped), inside this migration's transaction. Rebuilding the
    # table instead would need foreign keys off, which a transaction cannot do.
    conn = db.conn
    old = "CHECK (kind IN ('entity', 'place', 'claim'))"
    new = "CHECK (kind IN ('entity', 'place', 'claim', 'cue'))"
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        changed = conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?)"
            " WHERE type = 'table' AND name = 'labels' AND instr(sql, ?) > 0",
            [old, new, old],
        ).rowcount
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")
    if changed != 1:
        raise RuntimeError("0007: the labels table is not as 0001 made it")
    conn.execute("ALTER TABLE labels ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]'")
    # Links between spans of one document and annotator (a claim and its claimer
    # or cue), or from a span to an implicit value (`child` NULL, `value` set).
    # Ids, times and tombstones as spans have, so merges and undo work the same.
    for table in ("links", "gold_links"):
        _run(
            db,
            f"""
            CREATE TABLE {table} (
                id TEXT PRIMARY KEY,
                doc_id INTEGER NOT NULL REFERENCES documents(id),
                annotator TEXT NOT NULL,
                type TEXT NOT NULL,
                head TEXT NOT NULL,
                child TEXT,
                value TEXT,
                created TEXT NOT NULL,
                updated TEXT NOT NULL,
                deleted TEXT,
                CHECK ((child IS NULL) != (value IS NULL))
            );
            CREATE INDEX {table}_doc ON {table}(doc_id, annotator);
            CREATE INDEX {table}_head ON {table}(head);
            CREATE INDEX {table}_child ON {table}(child)
            """,
        )
    _run(
        db,
        """
        CREATE TABLE link_types (
            name TEXT PRIMARY KEY,
            heads TEXT NOT NULL,
            children TEXT NOT NULL,
            implicit TEXT NOT NULL DEFAULT '[]',
            single INTEGER NOT NULL DEFAULT 1,
            description TEXT NOT NULL DEFAULT '',
            ord INTEGER NOT NULL
        )
        """,
    )
    # Edits of links count as changes (Project.data_version), as spans' do.
    for table in LINK_TABLES:
        for event in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_counts AFTER {event} ON {table}"
                " BEGIN UPDATE project_meta SET value = CAST(value AS INTEGER) + 1"
                " WHERE key = 'changes'; END"
            )
    if not conn.execute("SELECT 1 FROM labels").fetchone():
        return  # a new file: Project.create writes its label set and link types
    for order, (name, heads, children, implicit) in enumerate(_LINK_TYPES_0007):
        conn.execute(
            "INSERT INTO link_types(name, heads, children, implicit, single, ord)"
            " VALUES (?, ?, ?, ?, 1, ?)",
            [name, heads, children, implicit, order],
        )
    conn.execute(
        "UPDATE labels SET attributes = ? WHERE name = 'CLAIM' AND kind = 'claim'",
        [_CLAIM_ATTRIBUTES_0007],
    )
    if not conn.execute("SELECT 1 FROM labels WHERE name = 'CUE'").fetchone():
        conn.execute(
            "INSERT INTO labels(name, kind, color, shortcut, description, description_ar, ord)"
            " SELECT 'CUE', 'cue', '#99ddff', '', ?, ?, coalesce(max(ord), -1) + 1 FROM labels",
            [
                "The words that introduce a claim: said, confirmed, denied, alleged.",
                "الكلمات التي تُقدِّم الادعاء: قال، أكد، نفى، زعم.",
            ],
        )


@migrations(name="0008_suggestions")
def _suggestions(db: Database) -> None:
    # Suggestions (a gazetteer's or a model's) are their own rows, never spans:
    # no export, agreement, merge or handout reads these tables as annotations.
    # `attrs` holds what the source knows (a gazetteer's label counts).
    # A rejection is remembered per (document, folded text, label, source), so
    # the same suggestion does not come back for that document.
    # `suggestion_uncertainty`: how unsure a source was about each document (the
    # queue can follow it). `gazetteer_terms`: term lists a user imported.
    _run(
        db,
        """
        CREATE TABLE suggestions (
            id TEXT PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            label_id INTEGER NOT NULL REFERENCES labels(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            source TEXT NOT NULL,
            score REAL NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            created TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX suggestions_doc ON suggestions(doc_id, start);
        CREATE TABLE suggestion_rejections (
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            text_key TEXT NOT NULL,
            label TEXT NOT NULL,
            source TEXT NOT NULL,
            created TEXT NOT NULL,
            PRIMARY KEY (doc_id, text_key, label, source)
        );
        CREATE TABLE suggestion_uncertainty (
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            source TEXT NOT NULL,
            uncertainty REAL NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (doc_id, source)
        );
        CREATE TABLE gazetteer_terms (
            term TEXT NOT NULL,
            label TEXT NOT NULL,
            added TEXT NOT NULL,
            PRIMARY KEY (term, label)
        )
        """,
    )


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]


#: Migrations that only add tables or indexes: no row is changed or removed, and
#: each runs in its own transaction, so opening a file that needs only these makes
#: no backup copy of it first (at 100k documents a copy is 1.4 GB, and a disk too
#: full for it would keep the project closed for the sake of a new index).
ADDS_ONLY = frozenset({"0008_suggestions", "0009_document_notes", "0010_document_title_index"})


@migrations(name="0009_document_notes")
def _document_notes(db: Database) -> None:
    # An annotator's note and "unsure" flag on a whole document (a span's live in
    # its attrs). One row per (document, annotator); clearing both keeps the row
    # with its new time, so a merge carries the clearing too (newest `updated`
    # wins, as for statuses).
    _run(
        db,
        """
        CREATE TABLE document_notes (
            doc_id INTEGER NOT NULL REFERENCES documents(id),
            annotator TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('', 'unsure')),
            updated TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        )
        """,
    )


@migrations(name="0010_document_title_index")
def _document_title_index(db: Database) -> None:
    # The document list's title search (Documents.ids(search=)) reads every title in
    # project order: from this index alone instead of rows that hold the texts
    # (100k documents: 0.24 → 0.05 s; benchmarks/README.md, main window).
    _run(db, "CREATE INDEX documents_ord_title ON documents(ord, title)")
