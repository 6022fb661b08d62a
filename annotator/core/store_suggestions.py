"""The store's suggestions: rows a gazetteer or a model proposes, never spans.

Part of the store layer (the only code that writes SQL). Suggestions live in
their own tables (migration ``0008_suggestions``), so exports, agreement,
merges, handouts and span statistics, which read ``spans`` and ``gold_spans``,
never see them. Edits over them are in :mod:`annotator.core.suggestions`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from annotator.core.model import DocId, utc_now
from annotator.core.suggestion_model import Rejection, Suggestion, UnknownSuggestion

if TYPE_CHECKING:
    from annotator.core.store import Project

_COLUMNS = 's.id, s.doc_id, l.name, s.start, s."end", s.source, s.score, s.attrs, s.created'


def _suggestion(row: Sequence[Any]) -> Suggestion:
    return Suggestion(
        id=row[0],
        doc_id=DocId(row[1]),
        label=row[2],
        start=row[3],
        end=row[4],
        source=row[5],
        score=float(row[6]),
        attrs=json.loads(row[7]) if row[7] != "{}" else {},
        created=row[8],
    )


class Suggestions:
    """Suggested spans per document, remembered rejections, per-document uncertainty."""

    def __init__(self, project: Project) -> None:
        self._p = project

    # --- reading -------------------------------------------------------------

    def _select(self, where: str, params: Sequence[Any]) -> list[Suggestion]:
        sql = (
            f"SELECT {_COLUMNS} FROM suggestions s JOIN labels l ON l.id = s.label_id"
            f' WHERE {where} ORDER BY s.doc_id, s.start, s."end", s.id'
        )
        return [_suggestion(r) for r in self._p._conn.execute(sql, list(params))]

    def for_document(self, doc_id: int, *, source: str | None = None) -> list[Suggestion]:
        """The document's suggestions in text order (what the editor shows, dashed)."""
        if source is None:
            return self._select("s.doc_id = ?", [doc_id])
        return self._select("s.doc_id = ? AND s.source = ?", [doc_id, source])

    def get(self, suggestion_id: str) -> Suggestion:
        found = self._select("s.id = ?", [suggestion_id])
        if not found:
            raise UnknownSuggestion(
                f"No suggestion {suggestion_id} in {self._p.path} (accepted or rejected already?)."
            )
        return found[0]

    def count(self, *, source: str | None = None) -> int:
        sql = "SELECT count(*) FROM suggestions"
        params: list[Any] = []
        if source is not None:
            sql += " WHERE source = ?"
            params.append(source)
        return int(self._p._conn.execute(sql, params).fetchone()[0])

    def counts_by_source(self) -> dict[str, int]:
        """Open (neither accepted nor rejected) suggestions per source."""
        rows = self._p._conn.execute(
            "SELECT source, count(*) FROM suggestions GROUP BY source ORDER BY source"
        )
        return {str(r[0]): int(r[1]) for r in rows}

    def documents_with(self, *, source: str | None = None) -> list[DocId]:
        sql = "SELECT DISTINCT doc_id FROM suggestions"
        params: list[Any] = []
        if source is not None:
            sql += " WHERE source = ?"
            params.append(source)
        return [DocId(r[0]) for r in self._p._conn.execute(sql + " ORDER BY doc_id", params)]

    # --- writing (inside a transaction: edits and fill_suggestions) -----------

    def insert_many(self, suggestions: Iterable[Suggestion]) -> None:
        """Write suggestions with their ids as given (an undo restores exact rows)."""
        label_ids = {name: self._p.labels.id_of(name) for name in self._p.labels.names()}
        self._p._conn.executemany(
            'INSERT OR REPLACE INTO suggestions(id, doc_id, label_id, start, "end", source,'
            " score, attrs, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    s.id,
                    s.doc_id,
                    label_ids[s.label],
                    s.start,
                    s.end,
                    s.source,
                    s.score,
                    json.dumps(s.attrs, ensure_ascii=False),
                    s.created,
                )
                for s in suggestions
            ),
        )

    def delete(self, suggestion_ids: Sequence[str]) -> None:
        ids = list(suggestion_ids)
        for first in range(0, len(ids), 900):
            chunk = ids[first : first + 900]
            marks = ",".join("?" * len(chunk))
            self._p._conn.execute(f"DELETE FROM suggestions WHERE id IN ({marks})", chunk)

    def clear(self, doc_ids: Sequence[int], *, source: str) -> int:
        """Remove ``source``'s open suggestions of these documents (before filling again)."""
        removed = 0
        ids = list(doc_ids)
        for first in range(0, len(ids), 900):
            chunk = ids[first : first + 900]
            marks = ",".join("?" * len(chunk))
            cur = self._p._conn.execute(
                f"DELETE FROM suggestions WHERE source = ? AND doc_id IN ({marks})",
                [source, *chunk],
            )
            removed += cur.rowcount
        return removed

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    # --- rejections ------------------------------------------------------------

    def reject(self, rejection: Rejection) -> bool:
        """Remember a rejection; ``False`` if it was remembered already."""
        cur = self._p._conn.execute(
            "INSERT OR IGNORE INTO suggestion_rejections(doc_id, text_key, label, source,"
            " created) VALUES (?, ?, ?, ?, ?)",
            [rejection.doc_id, rejection.text_key, rejection.label, rejection.source, utc_now()],
        )
        return cur.rowcount > 0

    def unreject(self, rejection: Rejection) -> None:
        self._p._conn.execute(
            "DELETE FROM suggestion_rejections WHERE doc_id = ? AND text_key = ? AND label = ?"
            " AND source = ?",
            [rejection.doc_id, rejection.text_key, rejection.label, rejection.source],
        )

    def rejections(self, doc_id: int) -> set[Rejection]:
        rows = self._p._conn.execute(
            "SELECT doc_id, text_key, label, source FROM suggestion_rejections WHERE doc_id = ?",
            [doc_id],
        )
        return {Rejection(DocId(r[0]), r[1], r[2], r[3]) for r in rows}

    def rejections_by_source(self) -> dict[str, int]:
        rows = self._p._conn.execute(
            "SELECT source, count(*) FROM suggestion_rejections GROUP BY source ORDER BY source"
        )
        return {str(r[0]): int(r[1]) for r in rows}

    # --- uncertainty -------------------------------------------------------------

    def set_uncertainty(self, values: Iterable[tuple[int, float]], *, source: str) -> None:
        now = utc_now()
        self._p._conn.executemany(
            "INSERT OR REPLACE INTO suggestion_uncertainty(doc_id, source, uncertainty, updated)"
            " VALUES (?, ?, ?, ?)",
            ((doc_id, source, float(u), now) for doc_id, u in values),
        )

    def uncertainty(self, *, source: str | None = None) -> dict[DocId, float]:
        """Each document's uncertainty (the largest over sources when none is named)."""
        if source is None:
            rows = self._p._conn.execute(
                "SELECT doc_id, max(uncertainty) FROM suggestion_uncertainty GROUP BY doc_id"
            )
        else:
            rows = self._p._conn.execute(
                "SELECT doc_id, uncertainty FROM suggestion_uncertainty WHERE source = ?",
                [source],
            )
        return {DocId(r[0]): float(r[1]) for r in rows}

    def most_uncertain_first(self, *, source: str | None = None) -> list[DocId]:
        """Document ids, most uncertain first (the active-learning queue's order)."""
        scores = self.uncertainty(source=source)
        return sorted(scores, key=lambda d: (-scores[d], d))

    # --- imported term lists ---------------------------------------------------------

    def add_terms(self, terms: Iterable[tuple[str, str]]) -> int:
        """Remember imported ``(term, label)`` pairs; returns how many were new."""
        now = utc_now()
        before = self._p._conn.execute("SELECT count(*) FROM gazetteer_terms").fetchone()[0]
        self._p._conn.executemany(
            "INSERT OR IGNORE INTO gazetteer_terms(term, label, added) VALUES (?, ?, ?)",
            ((term, label, now) for term, label in terms),
        )
        after = self._p._conn.execute("SELECT count(*) FROM gazetteer_terms").fetchone()[0]
        return int(after - before)

    def imported_terms(self) -> list[tuple[str, str]]:
        return [
            (str(r[0]), str(r[1]))
            for r in self._p._conn.execute(
                "SELECT term, label FROM gazetteer_terms ORDER BY term, label"
            )
        ]

    # --- what stats says ------------------------------------------------------------

    def accepted_by_source(self) -> dict[str, int]:
        """Live annotators' spans that came from an accepted suggestion, per source."""
        rows = self._p._conn.execute(
            "SELECT json_extract(attrs, '$.suggested_by'), count(*) FROM spans"
            " WHERE deleted IS NULL AND attrs != '{}'"
            " AND json_extract(attrs, '$.suggested_by') IS NOT NULL"
            " GROUP BY 1 ORDER BY 1"
        )
        return {str(r[0]): int(r[1]) for r in rows}
