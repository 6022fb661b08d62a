"""The project file's schema, as named migrations (sqlite-utils ``Migrations``).

A migration, once released, never changes: add a new one instead. A file that
has applied a migration this program does not know comes from a newer version
and is refused (see :func:`annotator.core.store.Project.open`).
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

APP_ID = "annotator"
MIGRATION_SET = "annotator"

migrations = Migrations(MIGRATION_SET)


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


def known_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]  # noqa: SLF001
