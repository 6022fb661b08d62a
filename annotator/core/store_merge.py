"""The store's bulk merge: another project file's rows into this one, in SQL.

Part of the store layer (the only code that writes SQL); :mod:`merge` decides
what to merge and reports it. The other file is ATTACHed, so 600,000 spans
move without becoming Python objects. Rows are matched by what stays stable
across copies: documents by uid, labels by name, spans by id; the newest
``updated`` wins (tombstones included).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.model import DocId
from annotator.core.store import Project
from annotator.core.store_links import merge_links

ALIAS = "merge_src"


@dataclass(slots=True)
class BulkCounts:
    documents_added: int = 0
    spans_added: int = 0
    spans_updated: int = 0
    gold_added: int = 0
    gold_updated: int = 0
    statuses_updated: int = 0
    links_added: int = 0
    links_updated: int = 0
    #: Links refused (untrusted file) or settled (two claimers of one claim).
    link_notes: list[str] = field(default_factory=list)


@contextmanager
def attached(project: Project, path: Path) -> Iterator[str]:
    """ATTACH ``path`` (outside any transaction) for the duration of the block."""
    project._conn.execute(f"ATTACH DATABASE ? AS {ALIAS}", [str(path)])
    try:
        yield ALIAS
    finally:
        project._conn.execute(f"DETACH DATABASE {ALIAS}")


def merge_rows(project: Project) -> tuple[BulkCounts, dict[str, set[tuple[DocId, str]]]]:
    """Merge the attached file's documents, spans, gold and statuses.

    Call inside :meth:`Project.transaction` with labels already merged (every
    source label name exists here).

    :returns: the counts and, per table (``spans``, ``gold_spans``), the
        (document, annotator) pairs whose spans changed.
    """
    conn = project._conn
    counts = BulkCounts()
    src = ALIAS
    before = conn.total_changes
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
    counts.documents_added = conn.total_changes - before
    conn.execute(
        f"""
        CREATE TEMP TABLE IF NOT EXISTS merge_doc_map AS
        SELECT sd.id AS src_id, d.id AS doc_id FROM {src}.documents sd
        JOIN main.documents d ON d.uid = sd.uid WHERE 0
        """
    )
    conn.execute("DELETE FROM temp.merge_doc_map")
    conn.execute(
        f"""
        INSERT INTO temp.merge_doc_map
        SELECT sd.id, d.id FROM {src}.documents sd JOIN main.documents d ON d.uid = sd.uid
        """
    )
    touched: dict[str, set[tuple[DocId, str]]] = {"spans": set(), "gold_spans": set()}
    counts.spans_added, counts.spans_updated = _merge_span_table(project, "spans", touched["spans"])
    counts.gold_added, counts.gold_updated = _merge_span_table(
        project, "gold_spans", touched["gold_spans"]
    )
    for table, spans in (("links", "spans"), ("gold_links", "gold_spans")):
        added, updated, notes = merge_links(project, src, table, spans)
        counts.links_added += added
        counts.links_updated += updated
        counts.link_notes += notes
    before = conn.total_changes
    conn.execute(
        f"""
        INSERT OR REPLACE INTO main.statuses(doc_id, annotator, status, seconds, updated)
        SELECT m.doc_id, s.annotator, s.status, s.seconds, s.updated
        FROM {src}.statuses s
        JOIN temp.merge_doc_map m ON m.src_id = s.doc_id
        LEFT JOIN main.statuses mine ON mine.doc_id = m.doc_id AND mine.annotator = s.annotator
        WHERE mine.doc_id IS NULL OR mine.updated < s.updated
        """
    )
    counts.statuses_updated = conn.total_changes - before
    conn.execute(
        f"""
        INSERT OR REPLACE INTO main.adjudications(doc_id, adjudicator, updated)
        SELECT m.doc_id, a.adjudicator, a.updated
        FROM {src}.adjudications a
        JOIN temp.merge_doc_map m ON m.src_id = a.doc_id
        LEFT JOIN main.adjudications mine ON mine.doc_id = m.doc_id
        WHERE mine.doc_id IS NULL OR mine.updated < a.updated
        """
    )
    return counts, touched


def _merge_span_table(
    project: Project, table: str, touched: set[tuple[DocId, str]]
) -> tuple[int, int]:
    conn = project._conn
    src = ALIAS
    conn.execute("DROP TABLE IF EXISTS temp.merge_incoming")
    conn.execute(
        f"""
        CREATE TEMP TABLE merge_incoming AS
        SELECT s.id, m.doc_id, s.annotator, l.id AS label_id, s.start, s."end", s.attrs,
               s.created, s.updated, s.deleted, mine.id IS NOT NULL AS known
        FROM {src}.{table} s
        JOIN temp.merge_doc_map m ON m.src_id = s.doc_id
        JOIN {src}.labels sl ON sl.id = s.label_id
        JOIN main.labels l ON l.name = sl.name
        LEFT JOIN main.{table} mine ON mine.id = s.id
        WHERE mine.id IS NULL OR mine.updated < s.updated
        """
    )
    added, updated = conn.execute(
        "SELECT coalesce(sum(NOT known), 0), coalesce(sum(known), 0) FROM temp.merge_incoming"
    ).fetchone()
    conn.execute(
        f"""
        INSERT OR REPLACE INTO main.{table}
            (id, doc_id, annotator, label_id, start, "end", attrs, created, updated, deleted)
        SELECT id, doc_id, annotator, label_id, start, "end", attrs, created, updated, deleted
        FROM temp.merge_incoming
        """
    )
    touched.update(
        (DocId(d), a)
        for d, a in conn.execute("SELECT DISTINCT doc_id, annotator FROM temp.merge_incoming")
    )
    conn.execute("DROP TABLE temp.merge_incoming")
    return int(added), int(updated)


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
    conn.execute("CREATE TEMP TABLE merge_touched (doc_id INTEGER, annotator TEXT)")
    conn.executemany("INSERT INTO temp.merge_touched VALUES (?, ?)", sorted(touched))
    rows = conn.execute(
        f"""
        SELECT DISTINCT a.doc_id, a.annotator
        FROM temp.merge_touched t
        JOIN main.{table} a ON a.doc_id = t.doc_id AND a.annotator = t.annotator
        JOIN main.{table} b ON b.doc_id = a.doc_id AND b.annotator = a.annotator
             AND b.id > a.id AND b.start < a."end" AND a.start < b."end"{nesting}
        JOIN main.labels la ON la.id = a.label_id
        JOIN main.labels lb ON lb.id = b.label_id
        WHERE a.deleted IS NULL AND b.deleted IS NULL
          AND la.kind != 'claim' AND lb.kind != 'claim'
        """
    ).fetchall()
    conn.execute("DROP TABLE temp.merge_touched")
    return [(DocId(d), a) for d, a in rows]
