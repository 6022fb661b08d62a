"""The store's links between spans and the label set's link types.

Part of the store layer (the only code that writes SQL). ``Project.links`` and
``Project.gold_links`` are :class:`LinkTable` s over ``links`` / ``gold_links``;
``Project.link_types`` is :class:`LinkTypes`. A link is *live* when it is not
tombstoned and its head and child spans are not either: removing a span hides
its links at once, and restoring it brings them back.
"""

from __future__ import annotations

import builtins
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.errors import LabelConflict, UnknownLink
from annotator.core.links import Link, LinkType
from annotator.core.model import DocId, Span, SpanId

if TYPE_CHECKING:
    from annotator.core.store import Project

_COLUMNS = (
    "k.id, k.doc_id, k.annotator, k.type, k.head, k.child, k.value, k.created, k.updated, k.deleted"
)


def _link(row: Sequence[Any]) -> Link:
    return Link(
        row[0], DocId(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9]
    )


class LinkTable:
    """Links of annotators (``links``, between ``spans``) or of gold (``gold_links``)."""

    def __init__(self, project: Project, table: str, spans: str) -> None:
        self._p = project
        self._table = table
        self._spans = spans

    def _live(self) -> str:
        spans = self._spans
        return (
            "k.deleted IS NULL"
            f" AND EXISTS (SELECT 1 FROM {spans} h WHERE h.id = k.head AND h.deleted IS NULL)"
            f" AND (k.child IS NULL OR EXISTS (SELECT 1 FROM {spans} c"
            " WHERE c.id = k.child AND c.deleted IS NULL))"
        )

    def _select(self, where: str, params: Sequence[Any]) -> list[Link]:
        sql = f"SELECT {_COLUMNS} FROM {self._table} k WHERE {where} ORDER BY k.created, k.id"
        return [_link(r) for r in self._p._conn.execute(sql, params)]

    def for_document(
        self, doc_id: int, *, annotator: str | None = None, include_deleted: bool = False
    ) -> list[Link]:
        """Links of a document (live ones: neither they nor their spans removed)."""
        where = "k.doc_id = ?"
        params: list[Any] = [doc_id]
        if annotator is not None:
            where += " AND k.annotator = ?"
            params.append(annotator)
        if not include_deleted:
            where += " AND " + self._live()
        return self._select(where, params)

    def for_documents(
        self, doc_ids: Sequence[int], *, annotator: str | None = None
    ) -> dict[DocId, list[Link]]:
        """:meth:`for_document` of several documents (a few hundred at a time), one query."""
        where = f"k.doc_id IN ({','.join('?' * len(doc_ids))}) AND {self._live()}"
        params: list[Any] = list(doc_ids)
        if annotator is not None:
            where += " AND k.annotator = ?"
            params.append(annotator)
        found: dict[DocId, list[Link]] = {}
        for link in self._select(where, params):
            found.setdefault(link.doc_id, []).append(link)
        return found

    def get(self, link_id: str) -> Link:
        found = self._select("k.id = ?", [link_id])
        if not found:
            raise UnknownLink(f"No link {link_id} in {self._p.path}.")
        return found[0]

    def touching(self, span_id: str) -> list[Link]:
        """Live links whose head or child is ``span_id``."""
        return self._select(f"(k.head = ? OR k.child = ?) AND {self._live()}", [span_id, span_id])

    def of_head(self, head_id: str, link_type: str | None = None) -> list[Link]:
        """Live links from ``head_id`` (of one type, if given)."""
        where = f"k.head = ? AND {self._live()}"
        params: list[Any] = [head_id]
        if link_type is not None:
            where += " AND k.type = ?"
            params.append(link_type)
        return self._select(where, params)

    def all(self, *, include_deleted: bool = False) -> list[Link]:
        return self._select("1" if include_deleted else self._live(), [])

    def count(self) -> int:
        return int(
            self._p._conn.execute(
                f"SELECT count(*) FROM {self._table} k WHERE {self._live()}"
            ).fetchone()[0]
        )

    # --- writes (inside a transaction) -------------------------------------

    def write_many(self, links: Iterable[Link], *, replace: bool = False) -> None:
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        self._p._conn.executemany(
            f"{verb} INTO {self._table}(id, doc_id, annotator, type, head, child, value,"
            " created, updated, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    k.id,
                    k.doc_id,
                    k.annotator,
                    k.type,
                    k.head,
                    k.child,
                    k.value,
                    k.created,
                    k.updated,
                    k.deleted,
                )
                for k in links
            ),
        )

    def upsert(self, link: Link) -> None:
        self.write_many([link], replace=True)

    def upsert_many(self, links: Iterable[Link]) -> None:
        self.write_many(links, replace=True)

    def set_deleted(self, link_id: str, deleted: str | None, *, updated: str) -> None:
        cur = self._p._conn.execute(
            f"UPDATE {self._table} SET deleted = ?, updated = ? WHERE id = ?",
            [deleted, updated, link_id],
        )
        if cur.rowcount == 0:
            raise UnknownLink(f"No link {link_id} in {self._p.path}.")

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    # --- counts for `annotator stats` ------------------------------------------

    def claim_counts(self) -> list[tuple[str, str | None, bool, int]]:
        """(annotator, stance or None, has a claimer, live claims) rows."""
        spans = self._spans
        return [
            (r[0], r[1], bool(r[2]), int(r[3]))
            for r in self._p._conn.execute(
                f"""
                SELECT s.annotator, json_extract(s.attrs, '$.stance'),
                       EXISTS (SELECT 1 FROM {self._table} k WHERE k.head = s.id
                               AND k.type = 'claimer' AND {self._live()}),
                       count(*)
                FROM {spans} s JOIN labels l ON l.id = s.label_id
                WHERE s.deleted IS NULL AND l.kind = 'claim'
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """
            )
        ]


class LinkTypes:
    """The label set's link types (``link_types``), in their order."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def list(self) -> list[LinkType]:
        return [
            LinkType(
                r[0],
                tuple(json.loads(r[1])),
                tuple(json.loads(r[2])),
                tuple(json.loads(r[3])),
                bool(r[4]),
                r[5],
            )
            for r in self._p._conn.execute(
                "SELECT name, heads, children, implicit, single, description FROM link_types"
                " ORDER BY ord, name"
            )
        ]

    def names(self) -> builtins.list[str]:
        return [t.name for t in self.list()]

    def get(self, name: str) -> LinkType:
        for link_type in self.list():
            if link_type.name == name:
                return link_type
        raise UnknownLink(
            f"No link type {name!r} in {self._p.path}; known: {', '.join(self.names()) or 'none'}."
        )

    def add(self, link_type: LinkType) -> None:
        """Add a link type at the end (call inside a transaction or alone)."""
        if link_type.name in self.names():
            raise LabelConflict(f"A link type named {link_type.name!r} already exists.")
        with self._p.transaction():
            self._p._conn.execute(
                "INSERT INTO link_types(name, heads, children, implicit, single, description, ord)"
                " VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(ord), -1) + 1 FROM link_types))",
                [
                    link_type.name,
                    json.dumps(list(link_type.heads), ensure_ascii=False),
                    json.dumps(list(link_type.children), ensure_ascii=False),
                    json.dumps(list(link_type.implicit), ensure_ascii=False),
                    int(link_type.single),
                    link_type.description,
                ],
            )


# --- merge (called by store_merge.merge_rows, inside its transaction) -----------


def merge_links(project: Project, src: str, table: str, spans: str) -> tuple[int, int, list[str]]:
    """Merge the attached file's links of ``table`` (``links`` or ``gold_links``).

    Newest ``updated`` wins, tombstones included, as for spans; call after the
    spans were merged (``temp.merge_doc_map`` maps the file's documents). A
    returned file is untrusted: a link is taken only when its type exists here,
    its spans are here in the same document and annotator, it is what its type
    allows (:func:`annotator.core.links.check_link`), and, for an id already
    here, it still joins the same head. Of two live links of a ``single`` type
    from one head (the claimer set in two copies), the newer stays.

    :returns: links added, links updated, and a note for each link refused or settled.
    """
    from annotator.core.errors import AnnotatorError
    from annotator.core.links import check_link

    conn = project._conn
    # The spans each link joins, as they stand here after the spans' merge: only
    # the columns a check needs (not every span of the document with its attrs).
    rows = conn.execute(
        f"""
        SELECT k.id, m.doc_id, k.annotator, k.type, k.head, k.child, k.value,
               k.created, k.updated, k.deleted, mine.id IS NOT NULL AS known,
               mine.id IS NOT NULL AND (mine.head != k.head OR mine.doc_id != m.doc_id
                                        OR mine.annotator != k.annotator) AS moved,
               h.doc_id, h.annotator, hl.name, h.start, h."end",
               c.doc_id, c.annotator, cl.name, c.start, c."end"
        FROM {src}.{table} k
        JOIN temp.merge_doc_map m ON m.src_id = k.doc_id
        LEFT JOIN main.{table} mine ON mine.id = k.id
        LEFT JOIN main.{spans} h ON h.id = k.head
        LEFT JOIN main.labels hl ON hl.id = h.label_id
        LEFT JOIN main.{spans} c ON c.id = k.child
        LEFT JOIN main.labels cl ON cl.id = c.label_id
        WHERE mine.id IS NULL OR mine.updated < k.updated
        """
    ).fetchall()
    if not rows:
        return 0, 0, []
    types = {t.name: t for t in project.link_types.list()}
    labels = {label.name: label for label in project.labels.list()}
    notes: list[str] = []
    taken: list[Link] = []
    added = updated = 0
    for row in rows:
        link = _link(row[:10])
        where = f"document {link.doc_id}, {link.annotator}: {link.type} link {link.id}"
        if row[11]:
            notes.append(f"{where} refused: that id joins other spans here")
            continue
        link_type = types.get(link.type)
        if link_type is None:
            notes.append(f"{where} refused: no link type {link.type!r} here")
            continue
        head = _span(link.head, row[12:17])
        child = _span(link.child, row[17:22]) if link.child is not None else None
        if (
            head is None
            or head.doc_id != link.doc_id
            or (link.child is not None and (child is None or child.doc_id != link.doc_id))
        ):
            notes.append(f"{where} refused: its spans are not in the document")
            continue
        if link.deleted is None:
            # Kinds are checked on the spans as they are; a link between spans a
            # merge removed is kept (hidden with them until they come back).
            try:
                check_link(link_type, head, child, link.value, labels)
            except AnnotatorError as exc:
                notes.append(f"{where} refused: {exc.message}")
                continue
            if head.annotator != link.annotator:
                notes.append(f"{where} refused: its claim is another annotator's")
                continue
        taken.append(link)
        if row[10]:
            updated += 1
        else:
            added += 1
    table_links = project.gold_links if table == "gold_links" else project.links
    table_links.upsert_many(taken)
    notes += _settle_single(project, table_links, {k.doc_id for k in taken}, types)
    return added, updated, notes


def _span(span_id: str | None, row: Sequence[Any]) -> Span | None:
    """A span from merge_links' joined columns (doc, annotator, label, start, end),
    live for the check (``None`` when the span is not here)."""
    if span_id is None or row[0] is None:
        return None
    return Span(SpanId(span_id), DocId(row[0]), row[1], row[2], row[3], row[4])


def _settle_single(
    project: Project, links: LinkTable, doc_ids: set[DocId], types: dict[str, LinkType]
) -> list[str]:
    """Of several live links of a single type from one head, keep the newest."""
    from annotator.core.model import utc_now

    notes = []
    now = utc_now()
    # One grouped query finds the heads with two or more (rare), not one per link.
    heads: set[str] = set()
    ids = sorted(doc_ids)
    for first in range(0, len(ids), 900):
        chunk = ids[first : first + 900]
        marks = ",".join("?" * len(chunk))
        heads.update(
            r[0]
            for r in project._conn.execute(
                f"SELECT k.head FROM {links._table} k WHERE k.doc_id IN ({marks})"
                f" AND {links._live()} GROUP BY k.head, k.type HAVING count(*) > 1",
                chunk,
            )
        )
    for head in sorted(heads):
        by_type: dict[str, list[Link]] = {}
        for link in links.of_head(head):
            by_type.setdefault(link.type, []).append(link)
        for name, found in by_type.items():
            link_type = types.get(name)
            if link_type is None or not link_type.single or len(found) < 2:
                continue
            found.sort(key=lambda k: (k.updated, k.id), reverse=True)
            for older in found[1:]:
                links.set_deleted(older.id, now, updated=now)
                notes.append(
                    f"document {older.doc_id}, {older.annotator}: an older {name} of a claim "
                    "removed; the newer one stays"
                )
    return notes
