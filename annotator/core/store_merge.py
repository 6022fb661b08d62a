"""The store's bulk merge: another project file's rows into this one, in SQL.

Part of the store layer (the only code that writes SQL); :mod:`merge` decides
what to merge and reports it. The other file is ATTACHed, so 600,000 spans
move without becoming Python objects. Rows are matched by what stays stable
across copies: documents by uid, labels by name, spans by id; the newest
``updated`` wins (tombstones included).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.core.store_links import merge_links
from annotator.core.store_lock import uri
from annotator.core.store_notes import merge_document_notes

ALIAS = "merge_src"
MERGE_CACHE_KIB = 256 * 1024  # the lead's page cache while merging; a quarter per file


@dataclass(slots=True)
class BulkCounts:
    documents_added: int = 0
    spans_added: int = 0
    spans_updated: int = 0
    gold_added: int = 0
    gold_updated: int = 0
    statuses_updated: int = 0
    document_notes_updated: int = 0
    links_added: int = 0
    links_updated: int = 0
    #: Links refused (untrusted file) or settled (two claimers of one claim).
    link_notes: list[str] = field(default_factory=list)


def attach_limit(project: Project) -> int:
    """How many files ``project``'s connection may attach at once (10 by default)."""
    return int(project._conn.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED))


@contextmanager
def attached(project: Project, path: Path, alias: str = ALIAS) -> Iterator[str]:
    """ATTACH ``path``, read-only, (outside any transaction) for the duration of the block."""
    conn = project._conn
    conn.execute(f"ATTACH DATABASE ? AS {alias}", [uri(path, readonly=True)])
    # A merge walks the span indexes of both files by id: with SQLite's default
    # 2 MB page cache, past ~10k documents every probe is a read from the OS.
    # A bigger cache for the merge only (the lead's is set back afterwards).
    main_cache = conn.execute("PRAGMA main.cache_size").fetchone()[0]
    conn.execute(f"PRAGMA main.cache_size = {-MERGE_CACHE_KIB}")
    conn.execute(f"PRAGMA {alias}.cache_size = {-MERGE_CACHE_KIB // 4}")
    try:
        yield alias
    finally:
        conn.execute(f"DETACH DATABASE {alias}")
        conn.execute(f"PRAGMA main.cache_size = {int(main_cache)}")


@contextmanager
def references_joined(project: Project) -> Iterator[None]:
    """SQLite's foreign-key checks off for a merge's transaction (enter it outside the
    transaction: SQLite ignores the pragma inside one), back on afterwards.

    Every row :func:`merge_rows` and the link merge write takes its document from
    ``temp.merge_doc_map`` (the lead's own ids, by uid) and its label from a join on
    the lead's labels by name, inside the same transaction and with nothing deleted:
    SQLite's per-row look-up of each reference would find what the join just found,
    and cost a third of the spans' upsert.
    """
    conn = project._conn
    if conn.in_transaction:  # the pragma would do nothing; keep the checks
        yield
        return
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        conn.execute("PRAGMA foreign_keys = ON")


def merge_rows(
    project: Project, src: str = ALIAS
) -> tuple[BulkCounts, dict[str, set[tuple[DocId, str]]]]:
    """Merge the attached file's (``src``) documents, spans, gold, statuses and
    document notes.

    Call inside :meth:`Project.transaction` with labels already merged (every
    source label name exists here), after the file's rows were checked.

    :returns: the counts and, per table (``spans``, ``gold_spans``), the
        (document, annotator) pairs whose spans changed.
    """
    conn = project._conn
    counts = BulkCounts()
    conn.execute(
        f"""
        INSERT INTO main.documents(uid, title, source, text, meta, n_chars, n_words, ord, created)
        SELECT s.uid, s.title, s.source, s.text, s.meta, s.n_chars, s.n_words,
               (SELECT coalesce(max(ord), -1) FROM main.documents)
                   + row_number() OVER (ORDER BY s.ord),
               s.created
        FROM {src}.documents s
        WHERE s.uid NOT IN (SELECT uid FROM main.documents)
        ORDER BY s.ord
        """
    )
    counts.documents_added = _rows_changed(conn)
    conn.execute("DROP TABLE IF EXISTS temp.merge_doc_map")
    conn.execute(
        "CREATE TEMP TABLE merge_doc_map (src_id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL)"
    )
    conn.execute(
        f"""
        INSERT INTO temp.merge_doc_map
        SELECT sd.id, d.id FROM {src}.documents sd JOIN main.documents d ON d.uid = sd.uid
        """
    )
    touched: dict[str, set[tuple[DocId, str]]] = {"spans": set(), "gold_spans": set()}
    for table in ("spans", "gold_spans"):
        added, updated = _merge_span_table(project, src, table, touched[table])
        if table == "spans":
            counts.spans_added, counts.spans_updated = added, updated
        else:
            counts.gold_added, counts.gold_updated = added, updated
    for table, spans in (("links", "spans"), ("gold_links", "gold_spans")):
        added, updated, notes = merge_links(project, src, table, spans)
        counts.links_added += added
        counts.links_updated += updated
        counts.link_notes += notes
    # Upserts (not INSERT OR REPLACE ... LEFT JOIN mine): the SELECT does not read
    # the table written, so SQLite streams the rows instead of copying them first.
    conn.execute(
        f"""
        INSERT INTO main.statuses(doc_id, annotator, status, seconds, updated)
        SELECT m.doc_id, s.annotator, s.status, s.seconds, s.updated
        FROM {src}.statuses s JOIN temp.merge_doc_map m ON m.src_id = s.doc_id
        WHERE true
        ON CONFLICT(doc_id, annotator) DO UPDATE SET
            status = excluded.status, seconds = excluded.seconds, updated = excluded.updated
        WHERE excluded.updated > statuses.updated
        """
    )
    counts.statuses_updated = _rows_changed(conn)
    counts.document_notes_updated = merge_document_notes(project, src)
    conn.execute(
        f"""
        INSERT INTO main.adjudications(doc_id, adjudicator, updated)
        SELECT m.doc_id, a.adjudicator, a.updated
        FROM {src}.adjudications a JOIN temp.merge_doc_map m ON m.src_id = a.doc_id
        WHERE true
        ON CONFLICT(doc_id) DO UPDATE SET
            adjudicator = excluded.adjudicator, updated = excluded.updated
        WHERE excluded.updated > adjudications.updated
        """
    )
    conn.execute("DROP TABLE temp.merge_doc_map")
    return counts, touched


def _merge_span_table(
    project: Project, src: str, table: str, touched: set[tuple[DocId, str]]
) -> tuple[int, int]:
    """Upsert the attached file's spans of ``table``: new ids added, newer rows win.

    An upsert, not INSERT OR REPLACE ... LEFT JOIN mine: its SELECT does not
    read the table it writes, so SQLite streams the rows straight in.

    :param touched: gets the (document, annotator) pairs that may now hold
        overlapping entities: those that had spans here before. (The file's own
        entities were checked not to overlap each other.)
    """
    conn = project._conn
    before_pairs = conn.execute(
        f"""
        SELECT DISTINCT s.doc_id, s.annotator FROM temp.merge_doc_map m
        JOIN main.{table} s ON s.doc_id = m.doc_id
        WHERE s.annotator IN (SELECT annotator FROM {src}.{table})
        """
    ).fetchall()
    # New rows get rowids above the old maximum: their count without a count(*).
    last_rowid = f"SELECT coalesce(max(rowid), 0) FROM main.{table}"
    first_new = int(conn.execute(last_rowid).fetchone()[0])
    conn.execute(
        f"""
        INSERT INTO main.{table}
            (id, doc_id, annotator, label_id, start, "end", attrs, created, updated, deleted)
        SELECT s.id, m.doc_id, s.annotator, l.id, s.start, s."end", s.attrs,
               s.created, s.updated, s.deleted
        FROM {src}.{table} s
        JOIN temp.merge_doc_map m ON m.src_id = s.doc_id
        JOIN {src}.labels sl ON sl.id = s.label_id
        JOIN main.labels l ON l.name = sl.name
        WHERE true
        ON CONFLICT(id) DO UPDATE SET
            doc_id = excluded.doc_id, annotator = excluded.annotator,
            label_id = excluded.label_id, start = excluded.start, "end" = excluded."end",
            attrs = excluded.attrs, created = excluded.created, updated = excluded.updated,
            deleted = excluded.deleted
        WHERE excluded.updated > {table}.updated
        """
    )
    changed = _rows_changed(conn)
    added = int(conn.execute(last_rowid).fetchone()[0]) - first_new
    if changed:
        touched.update((DocId(d), a) for d, a in before_pairs)
    return added, changed - added


def _rows_changed(conn: sqlite3.Connection) -> int:
    """Rows the last statement inserted or updated. Not ``total_changes``: that also
    counts what triggers did (the data-version counter, schema 0005)."""
    return int(conn.execute("SELECT changes()").fetchone()[0])


def overlapping_entities(
    project: Project, table: str, touched: set[tuple[DocId, str]]
) -> list[tuple[DocId, str]]:
    """Of the touched (document, annotator) pairs, those whose live entities cross
    (overlap without one lying inside the other; in a flat project: overlap)."""
    if not touched:
        return []
    nesting = (
        ""
        if project.flat_entities
        else """ AND (NOT ((a.start <= b.start AND b."end" <= a."end")
                        OR (b.start <= a.start AND a."end" <= b."end"))
                  OR (a.start = b.start AND a."end" = b."end" AND a.label_id = b.label_id))"""
    )
    conn = project._conn
    conn.execute("DROP TABLE IF EXISTS temp.merge_touched")
    conn.execute(
        "CREATE TEMP TABLE merge_touched (doc_id INTEGER, annotator TEXT,"
        " PRIMARY KEY (doc_id, annotator)) WITHOUT ROWID"
    )
    conn.executemany("INSERT INTO temp.merge_touched VALUES (?, ?)", sorted(touched))
    rows = conn.execute(
        f"""
        SELECT DISTINCT a.doc_id, a.annotator
        FROM temp.merge_touched t
        JOIN main.{table} a ON a.doc_id = t.doc_id AND a.annotator = t.annotator
        JOIN main.{table} b ON b.doc_id = a.doc_id AND b.annotator = a.annotator
             AND b.start >= a.start AND b.start < a."end"
             AND (b.start > a.start OR b.id > a.id){nesting}
        JOIN main.labels la ON la.id = a.label_id
        JOIN main.labels lb ON lb.id = b.label_id
        WHERE a.deleted IS NULL AND b.deleted IS NULL
          AND la.kind NOT IN ('claim', 'cue') AND lb.kind NOT IN ('claim', 'cue')
        """
    ).fetchall()
    conn.execute("DROP TABLE temp.merge_touched")
    return [(DocId(d), a) for d, a in rows]


def span_edges(project: Project, src: str = ALIAS) -> Iterator[tuple[str, list[int], list[int]]]:
    """Each document of the attached file (``src``) with live spans: its text, and
    the starts and ends of those spans (in the same order).

    One row per document, the text read once: SQLite's ``substr`` per span reads
    the whole text again for every span (~6 µs a span), and a row per span costs
    Python more than the check it feeds.
    """
    rows = project._conn.execute(
        f"""
        SELECT d.text, s.starts, s.ends
        FROM (SELECT doc_id, json_group_array(start) AS starts,
                     json_group_array("end") AS ends
              FROM {src}.spans WHERE deleted IS NULL AND "end" > start GROUP BY doc_id) s
        JOIN {src}.documents d ON d.id = s.doc_id
        """
    )
    for text, starts, ends in rows:
        yield text, json.loads(starts), json.loads(ends)
