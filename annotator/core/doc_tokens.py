"""A document's tokens and sentences, as the editor snaps to them and exports write them.

A document that came tokenized (CoNLL, ``.spacy``) keeps its source's tokens and
sentence breaks (:meth:`annotator.core.store.Documents.source_tokens`); every
other document is tokenized by the project tokenizer
(:func:`annotator.core.tokenizer.token_offsets`). Both give a *token list*: sorted,
non-overlapping ``(start, end)`` code-point offsets of the non-whitespace tokens.

>>> from annotator.core.doc_tokens import document_tokens
>>> tokens = document_tokens(project, doc_id)       # what the editor snaps to
>>> snap_to_tokens(tokens, start, end)               # annotator.core.tokenizer
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from annotator.core.model import Document, SourceTokens
from annotator.core.store import Project
from annotator.core.tokenizer import DEFAULT_CLITICS, Token, token_offsets

__all__ = ["document_tokens", "source_sentence_offsets", "tokens_of"]


def document_tokens(project: Project, doc_id: int) -> list[Token]:
    """The tokens of a document: its source's when it came tokenized, else the
    project tokenizer's (under the project's clitic policy). The editor snaps
    selections to these."""
    source = project.documents.source_tokens(doc_id)
    if source is not None:
        return list(source.tokens)
    return token_offsets(project.documents.get(doc_id).text, clitics=project.clitics)


def tokens_of(
    document: Document, source: SourceTokens | None, *, clitics: str = DEFAULT_CLITICS
) -> list[Token]:
    """:func:`document_tokens` for a document already read (and its source tokens).

    :param clitics: the project's clitic policy (``Project.clitics``).
    """
    if source is not None:
        return list(source.tokens)
    return token_offsets(document.text, clitics=clitics)


def source_sentence_offsets(
    source: SourceTokens,
    tokens: Sequence[Token],
    *,
    protected: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """The source's sentences as ``(start, end)`` character ranges over ``tokens``
    (the source tokens, perhaps split further at span edges), like
    :func:`annotator.core.tokenizer.sentence_offsets`; two sentences a protected
    span runs across are joined, so no sentence break falls inside a span."""
    if not tokens:
        return []
    bounds = [source.tokens[first][0] for first, _stop in source.sentences()]
    starts = [t[0] for t in tokens]
    # Sentence k starts at the first token at or after its source start.
    first_tokens = sorted({bisect_left(starts, b) for b in bounds if b <= tokens[-1][0]} | {0})
    blocked: set[int] = set()
    for start, end in protected:
        lo = bisect_left(first_tokens, bisect_left(starts, start) + 1)
        hi = bisect_left(first_tokens, bisect_left(starts, end))
        blocked.update(range(lo, hi))
    kept = [f for i, f in enumerate(first_tokens) if i not in blocked]
    sentences = []
    for i, first in enumerate(kept):
        stop = kept[i + 1] if i + 1 < len(kept) else len(tokens)
        sentences.append((tokens[first][0], tokens[stop - 1][1]))
    return sentences
