"""Finding known terms in a document: folded tokens, proclitics, a token index.

What the gazetteer and "label all occurrences" share. A document is matched as
its *folded tokens*: the tokens the editor snaps to
(:func:`annotator.core.doc_tokens.tokens_of`), each folded like Ctrl+F
(:func:`annotator.core.text.normalize_for_matching`: tashkeel, tatweel,
hamza/alef/ya forms). A term is a tuple of folded tokens; its first token may
carry a proclitic in the text (``و ف ب ك ل لل``, and ``و``/``ف`` before
``ب ك ل``): ``البوكمال`` is found inside ``بالبوكمال``. A match covers whole
tokens, as the project tokenizer makes them: the whole word with its clitic,
as Arabic NER corpora annotate (Wojood: ``لداعش B-ORG``).

:class:`TermIndex` keys terms by their first folded token (one hash lookup per
candidate form of each document token, then a comparison of the rest): the
token-level trie of a dictionary of phrases, measured in
``benchmarks/bench_suggest.py``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from annotator.core.text import normalize_for_matching
from annotator.core.tokenizer import Token, token_offsets

__all__ = [
    "Match",
    "TermIndex",
    "fold_token",
    "folded_tokens",
    "proclitic_forms",
    "term_key",
    "text_key",
]

V = TypeVar("V")
Key = tuple[str, ...]

_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بكل"
_ARTICLE = "ال"
# A proclitic leaves at least this many letters of a word behind (وزير is not و + زير).
_MIN_STEM = 3


@functools.lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """A token folded for matching (cached: a corpus repeats its words)."""
    return normalize_for_matching(token).text


def folded_tokens(text: str, tokens: Sequence[Token]) -> list[str]:
    return [fold_token(text[s:e]) for s, e in tokens]


def term_key(text: str) -> Key:
    """The folded tokens of a term as the project tokenizer cuts it (``()`` if none)."""
    return tuple(t for t in (fold_token(text[s:e]) for s, e in token_offsets(text)) if t)


def text_key(text: str) -> str:
    """A span's text as one folded string (what a rejection remembers)."""
    return " ".join(normalize_for_matching(text).text.split())


def proclitic_forms(token: str) -> list[tuple[str, int]]:
    """The forms a folded token may have behind a proclitic, least stripped first.

    Each comes with how many letters were taken off the front: ``بالبوكمال`` gives
    ``(بالبوكمال, 0), (البوكمال, 1)``; ``للجيش`` gives ``(للجيش, 0), (لجيش, 1),
    (الجيش, 1)`` (``لل`` is ``ل`` + ``ال`` without its alef); ``وبالبوكمال``
    gives also ``البوكمال`` behind ``وب``. A stem keeps at least three letters.
    """
    forms = [(token, 0)]
    rest, taken = token, 0
    if len(rest) > _MIN_STEM and rest[0] in _CONJUNCTIONS:
        rest, taken = rest[1:], 1
        forms.append((rest, taken))
    if len(rest) > _MIN_STEM and rest[0] in _PREPOSITIONS:
        if rest.startswith("لل") and len(rest) > _MIN_STEM + 1:
            forms.append((_ARTICLE + rest[2:], taken + 1))
        forms.append((rest[1:], taken + 1))
    seen: set[str] = set()
    unique = []
    for form, n in forms:
        if form not in seen and len(form) >= _MIN_STEM - 1:
            seen.add(form)
            unique.append((form, n))
    return unique


def article_stem(key: Key) -> Key | None:
    """The term without a proclitic before its article (``بالبوكمال`` → ``البوكمال``).

    Only a proclitic before ``ال`` is taken off: there it cannot be part of the
    word (``بشار`` stays ``بشار``).
    """
    if not key:
        return None
    for form, taken in proclitic_forms(key[0])[1:]:
        if taken and form.startswith(_ARTICLE) and len(form) > len(_ARTICLE) + 1:
            return (form, *key[1:])
    return None


@dataclass(frozen=True, slots=True)
class Match(Generic[V]):
    """Tokens ``first`` up to ``stop`` (exclusive) of a document hold a term.

    :param value: what the index holds for the term.
    :param stripped: letters of a proclitic before the term in the first token.
    """

    first: int
    stop: int
    key: Key
    value: V
    stripped: int


class TermIndex(Generic[V]):
    """Terms (tuples of folded tokens) and a value each; finds them in token lists."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[Key, V]]] = {}
        self._values: dict[Key, V] = {}

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def get(self, key: Key) -> V | None:
        return self._values.get(key)

    def items(self) -> Iterator[tuple[Key, V]]:
        yield from self._values.items()

    def put(self, key: Key, value: V) -> None:
        """Add or replace the value of a term (a non-empty tuple of folded tokens)."""
        if not key:
            raise ValueError("an empty term")
        if key not in self._values:
            rests = self._by_first.setdefault(key[0], [])
            rests.append((key[1:], value))
            rests.sort(key=lambda kv: -len(kv[0]))  # longest first
        else:
            rests = self._by_first[key[0]]
            rests[:] = [(r, value if r == key[1:] else v) for r, v in rests]
        self._values[key] = value

    def find(self, folded: Sequence[str], *, nested: bool = False) -> list[Match[V]]:
        """Every term in ``folded`` (a document's folded tokens), left to right.

        At each token the longest term wins (a form with less taken off first
        among equals); matches never cross. With ``nested``, the terms lying
        inside a match are found too, at every depth (a GPE inside an ORG, as
        Wojood nests them), each after the match holding it.
        """
        return self._find(folded, 0, len(folded), nested=nested, whole=None)

    def _find(
        self,
        folded: Sequence[str],
        lo: int,
        hi: int,
        *,
        nested: bool,
        whole: tuple[int, int] | None,
    ) -> list[Match[V]]:
        found: list[Match[V]] = []
        i = lo
        by_first = self._by_first
        while i < hi:
            best: Match[V] | None = None
            for form, stripped in proclitic_forms(folded[i]):
                rests = by_first.get(form)
                if not rests:
                    continue
                for rest, value in rests:
                    stop = i + 1 + len(rest)
                    if best is not None and stop <= best.stop:
                        break  # longest first: nothing longer follows
                    if stop <= hi and (i, stop) != whole and tuple(folded[i + 1 : stop]) == rest:
                        best = Match(i, stop, (form, *rest), value, stripped)
                        break
            if best is None:
                i += 1
                continue
            found.append(best)
            if nested and best.stop - best.first > 1:
                found += self._find(
                    folded, best.first, best.stop, nested=True, whole=(best.first, best.stop)
                )
            i = best.stop
        return found
