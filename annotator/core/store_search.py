"""The store's find index: SQL for :mod:`annotator.core.search` (only the store writes SQL).

``find_index`` is a contentless FTS5 table of character trigrams over each
document's folded text (``rowid`` = document id): it stores no copy of the text,
only which documents hold which trigram (``detail=none``, about a tenth of the
text's size). ``find_indexed`` lists the documents indexed, so documents written
by anything that bypassed :func:`add` (an older Annotator, a bulk merge) are
found and indexed by :func:`catch_up`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from annotator.core.model import DocId

if TYPE_CHECKING:
    from annotator.core.store import Project

GRAM = 3  # FTS5's trigram tokenizer: queries need three characters or more
INDEX_TABLE = "find_index"
INDEXED_TABLE = "find_indexed"
_BATCH = 500

SCHEMA = f"""
CREATE VIRTUAL TABLE {INDEX_TABLE} USING fts5(
    text, tokenize = 'trigram', content = '', detail = none
);
CREATE TABLE {INDEXED_TABLE} (doc_id INTEGER PRIMARY KEY REFERENCES documents(id))
"""


def fold(text: str) -> str:
    """A stored text as the index holds it (:func:`annotator.core.text.fold_text`)."""
    # Here, not at the top: the store is imported by every command, text.py's
    # decoders only by those that read text.
    from annotator.core.text import fold_text

    return fold_text(text)


def add(conn: Any, rows: Iterable[tuple[int, str]]) -> None:
    """Index these ``(document id, stored text)`` rows; inside the caller's transaction."""
    add_folded(conn, ((doc_id, fold(text)) for doc_id, text in rows))


def add_folded(conn: Any, rows: Iterable[tuple[int, str]]) -> None:
    """Index these ``(document id, folded text)`` rows (folded by :func:`fold`, by
    the caller: an import folds in its reading worker); inside the caller's transaction."""
    batch: list[tuple[int, str]] = []
    for doc_id, folded in rows:
        batch.append((doc_id, folded))
        if len(batch) == _BATCH:
            _write(conn, batch)
            batch = []
    if batch:
        _write(conn, batch)


def _write(conn: Any, batch: list[tuple[int, str]]) -> None:
    conn.executemany(f"INSERT INTO {INDEX_TABLE}(rowid, text) VALUES (?, ?)", batch)
    conn.executemany(
        f"INSERT INTO {INDEXED_TABLE}(doc_id) VALUES (?)", [(doc_id,) for doc_id, _ in batch]
    )


def unindexed(project: Project) -> list[DocId]:
    conn = project._conn
    return [
        DocId(r[0])
        for r in conn.execute(
            f"SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM {INDEXED_TABLE})"
            " ORDER BY id"
        )
    ]


def catch_up(project: Project) -> int:
    """Index every document not indexed yet, in one transaction; returns how many."""
    missing = unindexed(project)
    if not missing:
        return 0
    conn = project._conn
    with project.transaction():
        for first in range(0, len(missing), _BATCH):
            chunk = missing[first : first + _BATCH]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, text FROM documents WHERE id IN ({marks})"
            add(conn, conn.execute(sql, chunk).fetchall())
    return len(missing)


def match_query(needle: str) -> str:
    """The FTS5 query for documents holding every trigram of ``needle`` (folded)."""
    grams = sorted({needle[i : i + GRAM] for i in range(len(needle) - GRAM + 1)})
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def candidates(project: Project, needle: str) -> list[DocId]:
    """Indexed documents whose folded text holds every trigram of ``needle`` (folded)."""
    sql = f"SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH ?"
    return [DocId(r[0]) for r in project._conn.execute(sql, [match_query(needle)])]


def iter_candidates(
    project: Project, needle: str, *, batch: int
) -> Iterator[tuple[DocId, int, str, str]]:
    """``(id, number, title, text)`` of the documents that may hold ``needle``, in
    project order, read ``batch`` at a time as the caller goes on (it stops early).

    Candidates are the index's answer (every document when ``needle`` is shorter
    than a trigram) plus any document not indexed yet. ``number`` is the 1-based
    position in the project.
    """
    conn = project._conn
    sql = "SELECT count(*), min(ord), max(ord) FROM documents"
    n_docs, low, high = conn.execute(sql).fetchone()
    if not n_docs:
        return
    where, params = "1", list[str]()
    if len(needle) >= GRAM:
        # "+d.id": walk the documents in project order (the ord index) and stop at
        # the batch, instead of fetching every candidate and sorting them all.
        where = f"+d.id IN (SELECT rowid FROM {INDEX_TABLE} WHERE {INDEX_TABLE} MATCH ?)"
        params = [match_query(needle)]
        indexed = int(conn.execute(f"SELECT count(*) FROM {INDEXED_TABLE}").fetchone()[0])
        if indexed < n_docs:  # written around the store: searched without the index
            where += f" OR d.id NOT IN (SELECT doc_id FROM {INDEXED_TABLE})"
    # Positions: ord itself when the project's ords are contiguous (always, unless
    # documents were removed by hand), else counted once.
    numbers = None if high - low + 1 == n_docs else document_numbers(project)
    last = low - 1
    while True:
        rows = conn.execute(
            f"SELECT d.id, d.ord, d.title, d.text FROM documents d WHERE ({where})"
            " AND d.ord > ? ORDER BY d.ord LIMIT ?",
            [*params, last, batch],
        ).fetchall()
        for doc_id, order, title, text in rows:
            number = order - low + 1 if numbers is None else numbers[DocId(doc_id)]
            yield DocId(doc_id), number, title, text
        if len(rows) < batch:
            return
        last = rows[-1][1]


def document_numbers(project: Project) -> dict[DocId, int]:
    """Document id -> its 1-based position in the project (ids only: 100k rows in ~30 ms)."""
    rows = project._conn.execute("SELECT id FROM documents ORDER BY ord")
    return {DocId(r[0]): n for n, r in enumerate(rows, 1)}
