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
from annotator.core.model import DocId

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
