"""Find across the corpus: every document, tolerant of tashkeel, tatweel and hamza.

The project file keeps an index of every document's folded text (the fold
Ctrl+F uses, :func:`annotator.core.text.normalize_for_matching`): an SQLite
FTS5 table of character trigrams (``store_search``). A query is folded the same
way; the index names the documents holding all its trigrams, and each of those
is then searched with :func:`annotator.core.text.find_all`, exactly as Ctrl+F
searches one document, so every hit's offsets are offsets into the stored text
and what matches here matches there.

Queries that fold to fewer than three characters have no trigram: their
documents are scanned in project order until ``limit`` hits are found (short
queries are common words, found within the first documents). Documents added
behind the store's back (an older program, a merge) are indexed on the next
search when the project is writable, and scanned otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core import store_search
from annotator.core.errors import AnnotatorError
from annotator.core.model import DocId
from annotator.core.text import find_all, normalize_for_matching

if TYPE_CHECKING:
    from annotator.core.store import Project

__all__ = ["FindHit", "FindResult", "InvalidQuery", "find_in_project", "fold_query"]

DEFAULT_LIMIT = 200
CONTEXT_CHARS = 40
_READ_BATCH = 200  # candidate texts read per query


class InvalidQuery(AnnotatorError):
    code = "E105"


@dataclass(frozen=True, slots=True)
class FindHit:
    """One match: ``text[start:end]`` of document ``doc_id`` is ``match``.

    :param number: the document's 1-based position in the project (as listed).
    :param before: up to :data:`CONTEXT_CHARS` characters before the match, line
        breaks shown as spaces; ``after`` likewise.
    """

    doc_id: DocId
    number: int
    title: str
    start: int
    end: int
    match: str
    before: str
    after: str

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "number": self.number,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True, slots=True)
class FindResult:
    """Hits in project order, then text order.

    :param truncated: ``True`` when the search stopped at ``limit`` hits: there are more.
    :param documents: documents with at least one hit listed.
    """

    query: str
    hits: tuple[FindHit, ...]
    documents: int
    truncated: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "documents": self.documents,
            "truncated": self.truncated,
            "hits": [h.to_json() for h in self.hits],
        }


def fold_query(query: str) -> str:
    """The query as the index and :func:`find_all` see it (folded, trimmed)."""
    return normalize_for_matching(unicodedata.normalize("NFC", query)).text.strip(" \n")


def find_in_project(
    project: Project,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    context: int = CONTEXT_CHARS,
) -> FindResult:
    """Every match of ``query`` in the project's documents, up to ``limit``.

    :raises InvalidQuery: the query is empty once tashkeel, tatweel and spaces
        are folded away, or ``limit`` is not positive.
    """
    needle = fold_query(query)
    if not needle:
        raise InvalidQuery(
            f"Nothing to find in {query!r}: the query is empty once tashkeel, tatweel "
            "and spaces are left out. Type a word or part of one."
        )
    if limit < 1:
        raise InvalidQuery(f"--limit {limit}: give a number of hits of 1 or more.")
    if not project.readonly:
        store_search.catch_up(project)
    hits: list[FindHit] = []
    documents = 0
    truncated = False
    for doc_id, number, title, text in store_search.iter_candidates(
        project, needle, batch=_READ_BATCH
    ):
        found = find_all(text, query)
        if not found:
            continue
        documents += 1
        for start, end in found:
            if len(hits) == limit:
                truncated = True
                break
            hits.append(_hit(doc_id, number, title, text, start, end, context))
        if truncated:
            break
    return FindResult(query, tuple(hits), documents, truncated)


_SPACES = re.compile(r"\s+")


def _flat(piece: str) -> str:
    """Context on one line: every run of white space (line breaks too) as one space."""
    return _SPACES.sub(" ", piece)


def _hit(
    doc_id: DocId, number: int, title: str, text: str, start: int, end: int, context: int
) -> FindHit:
    return FindHit(
        doc_id=doc_id,
        number=number,
        title=title,
        start=start,
        end=end,
        match=text[start:end],
        before=_flat(text[max(0, start - context) : start]),
        after=_flat(text[end : end + context]),
    )
