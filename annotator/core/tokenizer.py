"""Arabic tokens and sentences: the units the editor snaps to and the exporters write.

The tokenizer is spaCy's blank ``ar`` tokenizer plus a few rules for gaps seen in
real news text (DESIGN.md, "Arabic text"). It is registered with spaCy as
``annotator.arabic_tokenizer.v1`` through the ``spacy_tokenizers`` entry point, so
an exported ``config.cfg`` trains with ``python -m spacy train`` and no ``--code``.

spaCy is imported lazily, inside functions: importing this module must stay cheap
because the GUI imports it before its window opens.

Offsets everywhere are Python code-point offsets, half-open, into the stored text.
A *token list* is what :func:`token_offsets` returns: sorted, non-overlapping
``(start, end)`` pairs of the non-whitespace tokens.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.language import Language

    # spacy.tokenizer is compiled and ships no stub.
    from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]

__all__ = [
    "CLITIC_POLICIES",
    "DEFAULT_CLITICS",
    "TOKENIZER_NAME",
    "CliticPolicy",
    "check_clitics",
    "AlignPolicy",
    "SpanAlignment",
    "align_span",
    "create_arabic_tokenizer",
    "EDGE_PUNCTUATION",
    "has_loose_edges",
    "trim_edges",
    "get_nlp",
    "is_aligned",
    "paragraph_at",
    "register",
    "sentence_at",
    "sentence_ends",
    "sentence_offsets",
    "snap_selection",
    "snap_to_tokens",
    "split_tokens",
    "token_at",
    "token_bounds",
    "token_offsets",
    "tokenizer_config",
    "tokens_around",
    "words_and_spaces",
]

TOKENIZER_NAME = "annotator.arabic_tokenizer.v1"

Token = tuple[int, int]
AlignPolicy = Literal["expand", "split"]
#: Where proclitics go: ``inside`` entities (one token ``بالبوكمال``, as ANERcorp and
#: Wojood annotate) or ``outside`` (``ب`` + ``البوكمال``).
CliticPolicy = Literal["inside", "outside"]
CLITIC_POLICIES: tuple[str, ...] = ("inside", "outside")
DEFAULT_CLITICS: CliticPolicy = "inside"

# --- Rules -----------------------------------------------------------------------

# Quote marks and brackets as they appear in Arabic news. Arabic keyboards and CMSs
# mix the directions freely (the seed opens quotes with ” as often as with “), so
# the rules below never ask whether a mark opens or closes.
_QUOTES = "\"'“”„‟‘’‚‛«»‹›"
_BRACKETS = "()[]{}（）"
_TATWEEL = "\u0640"
_DIGIT = r"\d"  # Unicode Nd in a str pattern: 0-9, ٠-٩ and ۰-۹

_Q = "[" + "".join("\\" + c if c in "[]\\" else c for c in _QUOTES + _BRACKETS) + "]"

PREFIX_RULES: tuple[str, ...] = (
    # A proclitic (و ف ب ل ك, or و/ف before ب ل ك) glued to a quote or bracket:
    # و”داعش” → و | ” | داعش | ”,  لـ”داعش” → لـ | ” | داعش | ”.
    rf"(?:[وف][بلك]|[وفبلك]){_TATWEEL}*(?={_Q})",
    # ل / ب written with tatweel before a word, the convention for names: لـداعش → لـ | داعش.
    rf"[وف]?[لب]{_TATWEEL}+(?=[^\W_{_TATWEEL}])",
)
_LETTERS2 = r"[^\W\d_]{2}"
#: ``clitics="outside"`` only: a proclitic split off where the rest of the word
#: starts with the article: بالبوكمال → ب | البوكمال, وبالمدينة → و | ب | المدينة.
#: لل is ل + ال with the article's alef dropped: للمدينة → ل | لمدينة (the article's
#: lam stays with its noun, as ال does; the text is never changed). Two letters at
#: least after the article, so لله and والد stay whole.
OUTSIDE_PREFIX_RULES: tuple[str, ...] = (
    rf"[وف](?=[بكل]?ال{_LETTERS2})",
    rf"[وف](?=لل{_LETTERS2})",
    rf"[بكل](?=ال{_LETTERS2})",
    rf"ل(?=ل{_LETTERS2})",
)
SUFFIX_RULES: tuple[str, ...] = (
    # A full stop after a quote, bracket, digit or per cent sign: داعش”. → داعش” | .
    # (the blank ar tokenizer only splits a period after two letters).
    # "3.5" is untouched: suffixes only ever match at the end of a token.
    rf"(?<={_Q})\.",
    rf"(?<={_DIGIT})\.",
    r"(?<=[%٪])\.",
)


def check_clitics(clitics: str) -> CliticPolicy:
    """``clitics`` if it is a clitic policy, else a :class:`ValueError` naming both."""
    if clitics not in CLITIC_POLICIES:
        raise ValueError(
            f"unknown clitic policy {clitics!r}; use one of {', '.join(CLITIC_POLICIES)}"
        )
    return clitics  # type: ignore[return-value]  # checked just above


def create_arabic_tokenizer(clitics: str = DEFAULT_CLITICS) -> Callable[[Language], Tokenizer]:
    """Registered tokenizer function ``annotator.arabic_tokenizer.v1``.

    Like spaCy's ``spacy.Tokenizer.v1`` it returns a factory ``(nlp) -> Tokenizer``.
    The tokenizer always uses the Arabic defaults (exceptions, prefixes, suffixes,
    infixes, URL match) plus :data:`PREFIX_RULES` and :data:`SUFFIX_RULES`, so the
    same name gives the same tokens whatever the ``nlp`` language is. Everything
    lives in the tokenizer's regexes, so ``to_bytes``/``to_disk`` carry the rules.

    Config::

        [nlp.tokenizer]
        @tokenizers = "annotator.arabic_tokenizer.v1"
        clitics = "outside"    # optional; default "inside"

    :param clitics: ``"inside"``: a word with proclitics stays one token;
        ``"outside"``: :data:`OUTSIDE_PREFIX_RULES` split them off before ال.
    """
    policy = check_clitics(clitics)
    extra = OUTSIDE_PREFIX_RULES if policy == "outside" else ()

    def arabic_tokenizer_factory(nlp: Language) -> Tokenizer:
        from spacy.lang.ar import Arabic
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

        defaults = Arabic.Defaults
        prefixes = list(PREFIX_RULES) + list(extra) + list(defaults.prefixes or ())
        suffixes = list(SUFFIX_RULES) + list(defaults.suffixes or ())
        infixes = list(defaults.infixes or ())
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer if infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return arabic_tokenizer_factory


_lock = threading.Lock()
_registered = False
_nlps: dict[str, Language] = {}


def register() -> None:
    """Register :func:`create_arabic_tokenizer` with spaCy's registry, once.

    The ``spacy_tokenizers`` entry point normally does this; a frozen application
    may have no entry points, so :func:`get_nlp` calls this first. Safe to call
    any number of times, from any thread.
    """
    global _registered
    with _lock:
        if _registered:
            return
        from spacy.util import registry

        registry.tokenizers.register(TOKENIZER_NAME, func=create_arabic_tokenizer)
        _registered = True


def tokenizer_config(clitics: str = DEFAULT_CLITICS) -> dict[str, str]:
    """``[nlp.tokenizer]`` for a clitic policy; the default names no argument."""
    config = {"@tokenizers": TOKENIZER_NAME}
    if check_clitics(clitics) != DEFAULT_CLITICS:
        config["clitics"] = clitics
    return config


def get_nlp(clitics: str = DEFAULT_CLITICS) -> Language:
    """A blank ``ar`` pipeline with our tokenizer and no components, built once per
    clitic policy.

    Sentences are not spaCy's: see :func:`sentence_offsets`.
    """
    nlp = _nlps.get(clitics)
    if nlp is None:
        config = tokenizer_config(clitics)
        register()
        with _lock:
            nlp = _nlps.get(clitics)
            if nlp is None:
                import spacy

                nlp = spacy.blank("ar", config={"nlp": {"tokenizer": config}})
                _nlps[clitics] = nlp
    return nlp


# --- Tokens ------------------------------------------------------------------------


def token_offsets(text: str, *, clitics: str = DEFAULT_CLITICS) -> list[Token]:
    """``(start, end)`` of every non-whitespace token of ``text``, in order.

    spaCy keeps runs of extra whitespace (double spaces, newlines, NBSP) as tokens
    of their own; they are left out here, so every pair slices out a token with no
    whitespace in it. Texts longer than spaCy's ``max_length`` are fine: only the
    tokenizer runs.

    :param clitics: the project's clitic policy (:func:`create_arabic_tokenizer`).
    """
    starts, ends = token_bounds(text, clitics=clitics)
    return list(zip(starts, ends, strict=True))


def token_bounds(text: str, *, clitics: str = DEFAULT_CLITICS) -> tuple[list[int], list[int]]:
    """:func:`token_offsets` as two lists, the tokens' starts and their ends: no
    tuple per token (what exports that write every token of a corpus need)."""
    nlp = get_nlp(clitics)  # first: it imports spaCy under the lock (threads, DESIGN.md)
    from spacy.attrs import IDX, IS_SPACE, LENGTH  # type: ignore[import-not-found]

    doc = nlp.tokenizer(text)
    if not len(doc):
        return [], []
    # One array call instead of a Token object per token (4x faster on long texts).
    array = doc.to_array([IDX, LENGTH, IS_SPACE])
    kept = array[array[:, 2] == 0]
    starts = kept[:, 0]
    return starts.tolist(), (starts + kept[:, 1]).tolist()


_start_key = itemgetter(0)
_end_key = itemgetter(1)


def _touched(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Index range ``[first, last)`` of the tokens sharing a character with the range.

    An empty range (``start == end``) touches the token it lies strictly inside.
    """
    first = bisect_right(tokens, start, key=_end_key)  # first token ending after start
    if start == end:
        inside = first < len(tokens) and tokens[first][0] < start
        return (first, first + 1) if inside else (first, first)
    last = bisect_left(tokens, end, key=_start_key)  # first token starting at/after end
    return first, max(first, last)


def snap_to_tokens(tokens: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Expand ``[start, end)`` to the whole tokens it touches. O(log n).

    A token is touched when it shares at least one character with the range; a
    sloppy drag over part of ``البوكمال`` gives the whole word, a drag across two
    words gives both, and whitespace at either edge is dropped. An empty range
    strictly inside a token (a click) gives that token.

    A range that touches no token (only whitespace, or empty between tokens)
    returns the empty range ``(start, start)``: callers test ``start == end`` and
    refuse the span.

    :param tokens: a token list from :func:`token_offsets`.
    """
    if start > end:
        raise ValueError(f"reversed range ({start}, {end})")
    first, last = _touched(tokens, start, end)
    if first == last:
        return (start, start)
    return (tokens[first][0], tokens[last - 1][1])


# --- Selections (what the editor asks while the user selects) ------------------------

# The characters a text view starts a new paragraph at (``gui/offsets.py``'s block
# separators): a triple click takes a sentence within one of these.
_PARAGRAPH_SEPARATORS = re.compile("[\n\r\u2029\ufdd0\ufdd1]")


def tokens_around(
    text: str, start: int, end: int, *, clitics: str = DEFAULT_CLITICS
) -> list[Token]:
    """The tokens of ``text`` near ``[start, end)``, as offsets into the whole text.

    The range is widened to whitespace on both sides first: spaCy splits on
    whitespace before anything else, so tokenizing that window gives the same
    tokens as tokenizing the whole text, at a tiny fraction of the cost on a
    long document.
    """
    lo, hi = start, end
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return [(lo + s, lo + e) for s, e in token_offsets(text[lo:hi], clitics=clitics)]


#: What a snapped span never starts or ends with (besides whitespace): Arabic and
#: Latin punctuation, quotes and brackets, and tatweel. ``%``, ``@`` and ``#`` are
#: not here: they belong to the numbers, handles and tags they stand beside.
EDGE_PUNCTUATION = frozenset("،؛؟.,:;!?…۔\"'“”„‟‘’‚‛«»‹›()[]{}（）-–—/\\|·•" + _TATWEEL)


def _loose(char: str) -> bool:
    return char.isspace() or char in EDGE_PUNCTUATION


def has_loose_edges(text: str) -> bool:
    """True when ``text`` (a span's characters) starts or ends with whitespace,
    punctuation or tatweel: what snapping never makes (only exact mode keeps it)."""
    return bool(text) and (_loose(text[0]) or _loose(text[-1]))


def trim_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without whitespace, punctuation and tatweel at its edges.

    ``، مدينة البوكمال`` gives ``مدينة البوكمال``, ``داعش”`` gives ``داعش``. A range
    of nothing else gives the empty range ``(start, start)``.
    """
    lo, hi = start, end
    while lo < hi and _loose(text[lo]):
        lo += 1
    while hi > lo and _loose(text[hi - 1]):
        hi -= 1
    return (lo, hi) if lo < hi else (start, start)


def snap_selection(
    text: str,
    start: int,
    end: int,
    *,
    tokens: Sequence[Token] | None = None,
    clitics: str = DEFAULT_CLITICS,
) -> tuple[int, int]:
    """A selection of ``text`` widened to the whole tokens it touches
    (:func:`snap_to_tokens`), then trimmed of punctuation at its edges
    (:func:`trim_edges`): a drag that touches a comma or a closing quote never
    takes it into the span.

    A selection of only whitespace and punctuation gives an empty range
    ``(start, start)``.

    :param tokens: the document's own tokens, sorted (a tokenized corpus keeps its
        source's: :func:`annotator.core.doc_tokens.document_tokens`); by default the
        project tokenizer's.
    :param clitics: the project's clitic policy, for the project tokenizer
        (``"outside"``: a drag over ``البوكمال`` in ``بالبوكمال`` leaves the ``ب`` out).
    """
    if tokens is not None:
        return _snap_to_own_tokens(text, tokens, start, end)
    lo, hi = snap_to_tokens(tokens_around(text, start, end, clitics=clitics), start, end)
    if lo >= hi:
        return (start, start)
    lo, hi = trim_edges(text, lo, hi)
    return (lo, hi) if lo < hi else (start, start)


def _snap_to_own_tokens(
    text: str, tokens: Sequence[Token], start: int, end: int
) -> tuple[int, int]:
    # A source's tokens are kept whole (``ق.م.`` keeps its full stop, or the span
    # would cut the token it is exported on): only tokens that are nothing but
    # punctuation are left out at the edges.
    first, last = _touched(tokens, start, end)

    def punctuation(index: int) -> bool:
        s, e = tokens[index]
        return all(ch in EDGE_PUNCTUATION or ch.isspace() for ch in text[s:e])

    while first < last and punctuation(first):
        first += 1
    while last > first and punctuation(last - 1):
        last -= 1
    return (tokens[first][0], tokens[last - 1][1]) if first < last else (start, start)


def token_at(
    text: str,
    offset: int,
    *,
    tokens: Sequence[Token] | None = None,
    clitics: str = DEFAULT_CLITICS,
) -> Token | None:
    """The token a double click at ``offset`` means: the one holding the character
    at ``offset``, else the one ending there; ``None`` between tokens.

    :param tokens: the document's own tokens, sorted, as for :func:`snap_selection`.
    """
    if tokens is None:
        tokens = tokens_around(text, offset, offset, clitics=clitics)
    else:
        # Only the two tokens starting at or before the offset can hold it or end there.
        after = bisect_right(tokens, offset, key=lambda t: t[0])
        tokens = tokens[max(0, after - 2) : after]
    for s, e in tokens:
        if s <= offset < e:
            return s, e
    for s, e in tokens:
        if s < offset <= e:
            return s, e
    return None


def paragraph_at(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (line) holding ``offset``, without its separator."""
    position = min(offset, len(text) - 1)
    separators = [m.start() for m in _PARAGRAPH_SEPARATORS.finditer(text, 0, position)]
    lo = separators[-1] + 1 if separators else 0
    after = _PARAGRAPH_SEPARATORS.search(text, lo)
    return lo, after.start() if after else len(text)


def sentence_at(text: str, offset: int, *, clitics: str = DEFAULT_CLITICS) -> Token | None:
    """The sentence a triple click at ``offset`` means, within its paragraph
    (:func:`sentence_offsets`); ``None`` for an empty text."""
    if not text:
        return None
    lo, hi = paragraph_at(text, offset)
    paragraph = text[lo:hi]
    sentences = sentence_offsets(paragraph, token_offsets(paragraph, clitics=clitics))
    rel = offset - lo
    for s, e in sentences:
        if s <= rel < e:
            return lo + s, lo + e
    for s, e in sentences:
        if s < rel <= e:
            return lo + s, lo + e
    return None


def is_aligned(tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when the non-empty ``[start, end)`` starts at a token start and ends at a
    token end, i.e. when spaCy's ``doc.char_span(start, end)`` would not be None."""
    if start >= end:
        return False
    i = bisect_left(tokens, start, key=_start_key)
    if i == len(tokens) or tokens[i][0] != start:
        return False
    j = bisect_left(tokens, end, key=_end_key)
    return j < len(tokens) and tokens[j][1] == end


@dataclass(frozen=True, slots=True)
class SpanAlignment:
    """What an exporter must do so that a span falls on token boundaries.

    :ivar start: start of the span to export.
    :ivar end: end of the span to export; ``start == end`` means the span touches
        no token (only whitespace) and cannot be exported at all.
    :ivar cuts: offsets strictly inside tokens where tokens must be split
        (``"split"`` policy only; always empty for ``"expand"``).
    :ivar adjusted: the exporter changed something (moved an edge or needs a cut):
        it must list this span in its report.
    """

    start: int
    end: int
    cuts: tuple[int, ...] = ()
    adjusted: bool = False

    @property
    def empty(self) -> bool:
        return self.start == self.end


def align_span(
    tokens: Sequence[Token], start: int, end: int, *, policy: AlignPolicy
) -> SpanAlignment:
    """Decide how to export a span whose edges may fall inside tokens.

    - ``policy="expand"``: the span grows to whole tokens (:func:`snap_to_tokens`):
      ``لداعش`` annotated as ``داعش`` is exported as ``لداعش``.
    - ``policy="split"``: the span keeps its characters and the tokens it cuts are
      split at :attr:`SpanAlignment.cuts`: ``لداعش`` becomes ``ل`` + ``داعش``. Collect
      the cuts of every span of a document and pass them to :func:`split_tokens`.

    Under both policies whitespace at the edges is dropped (a span cannot start on
    a space in a token-based format). An already aligned span comes back unchanged
    with ``adjusted=False``.

    :param tokens: a token list from :func:`token_offsets`.
    """
    if policy not in ("expand", "split"):
        raise ValueError(f"unknown alignment policy {policy!r}; use 'expand' or 'split'")
    if start >= end:
        raise ValueError(f"empty or reversed span ({start}, {end})")
    first, last = _touched(tokens, start, end)
    if first == last:
        return SpanAlignment(start, start, (), True)
    tok_start, tok_end = tokens[first][0], tokens[last - 1][1]
    if policy == "expand":
        return SpanAlignment(tok_start, tok_end, (), (tok_start, tok_end) != (start, end))
    new_start, new_end = max(start, tok_start), min(end, tok_end)
    # An edge strictly inside a token needs a cut there; a span inside one token
    # needs two (لداعشية annotated as داعش: ل | داعش | ية).
    cuts = tuple(
        c
        for c, inside in ((new_start, new_start > tok_start), (new_end, new_end < tok_end))
        if inside
    )
    return SpanAlignment(
        new_start, new_end, cuts, bool(cuts) or (new_start, new_end) != (start, end)
    )


def split_tokens(tokens: Sequence[Token], cuts: Iterable[int]) -> list[Token]:
    """Split tokens at ``cuts`` (offsets from :func:`align_span`'s ``"split"`` policy).

    Cuts that do not fall strictly inside a token (repeats, token edges,
    whitespace) change nothing, so the cuts of overlapping spans can be pooled.
    """
    out = list(tokens)
    for cut in sorted(set(cuts), reverse=True):
        i = bisect_right(out, cut, key=_end_key)  # first token ending after the cut
        if i < len(out) and out[i][0] < cut:
            s, e = out[i]
            out[i : i + 1] = [(s, cut), (cut, e)]
    return out


def words_and_spaces(text: str, tokens: Sequence[Token]) -> tuple[list[str], list[bool]]:
    """``words`` and ``spaces`` for ``spacy.tokens.Doc(vocab, words=, spaces=)``.

    Rebuilds spaCy's own convention: a single space after a token is its trailing
    whitespace, any other whitespace becomes a whitespace token. The Doc's text is
    ``text`` again, and on an unsplit token list the words are exactly spaCy's.
    Use it after :func:`split_tokens` to build a Doc with the split tokens.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in tokens:
        if s > pos:
            gap = text[pos:s]
            if words and gap[0] == " ":
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
        words.append(text[s:e])
        spaces.append(False)
        pos = e
    if pos < len(text):
        gap = text[pos:]
        if words and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
    return words, spaces


# --- Sentences ----------------------------------------------------------------------

_TERMINAL_CHARS = frozenset(".!?؟…۔")
_CLOSERS = frozenset(_QUOTES + ")]}）")
_PARAGRAPH_BREAKS = ("\n", "\r", "\u2028", "\u2029")


def _is_terminal(text: str, starts: Sequence[int], ends: Sequence[int], i: int) -> bool:
    s, e = starts[i], ends[i]
    word = text[s:e]
    if not _TERMINAL_CHARS.issuperset(word):
        return False
    # ".." is a pause, not an end, in Arabic headlines ("البوكمال.. معركة دولية").
    if word == "..":
        return False
    if word == ".":
        prev_adjacent = i > 0 and ends[i - 1] == s
        next_adjacent = i + 1 < len(starts) and starts[i + 1] == e
        if prev_adjacent and next_adjacent and text[s - 1].isdigit() and text[e].isdigit():
            return False  # 3.5 split into three tokens by some other tokenizer
        if prev_adjacent:
            ps, pe = starts[i - 1], ends[i - 1]
            if pe - ps == 1 and text[ps].isascii() and text[ps].isalpha():
                return False  # a Latin initial: "J. Smith"
    return True


_TERMINAL_RUN_CHARS = ".!?؟…۔"  # _TERMINAL_CHARS, in a fixed order
_PARAGRAPH_BREAK_CHARS = "".join(_PARAGRAPH_BREAKS)


def _positions(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence of each of ``chars`` in ``text`` (unsorted)."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    return found


def sentence_offsets(
    text: str, tokens: Sequence[Token], *, protected: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Split ``text`` into sentences: ``(start, end)`` from the first token's start
    to the last token's end; the whitespace between sentences belongs to none.

    A sentence ends after ``.``, ``؟``, ``?``, ``!``, ``…`` (or a run of them such
    as ``...`` or ``؟!``, but not the headline pause ``..``), together with any
    closing quotes or brackets glued to it (``انتهى.”``); and at every line break,
    so a paragraph always ends a sentence. A full stop between digits or after a
    single Latin initial is not an end. No sentence ever ends inside a span of
    ``protected`` (entities, claims): that rule beats the others, line breaks
    included, so a claim that crosses a paragraph keeps both paragraphs in one
    sentence. O(n + m log n) for n tokens and m protected spans.

    :param tokens: the token list of ``text`` from :func:`token_offsets`.
    :param protected: ``(start, end)`` spans that must not be cut.
    """
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    sentences: list[tuple[int, int]] = []
    first = 0
    for last in sentence_ends(text, starts, ends, protected=protected):
        sentences.append((starts[first], ends[last]))
        first = last + 1
    return sentences


def sentence_ends(
    text: str,
    starts: Sequence[int],
    ends: Sequence[int],
    *,
    protected: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """:func:`sentence_offsets` as the index of each sentence's last token, for
    tokens given as their starts and ends (:func:`token_bounds`); the last is
    always ``len(starts) - 1``. Empty without tokens."""
    n = len(starts)
    if n == 0:
        return []
    # Only tokens at terminal punctuation and gaps holding a line break can end a
    # sentence: find those characters with str.find (several times faster than a
    # regex over the text) and bisect, not with Python per token.
    last_gap = n - 1
    ends_after: set[int] = set()  # gap indices (gap i follows token i)
    for at in _positions(text, _PARAGRAPH_BREAK_CHARS):
        i = bisect_right(starts, at) - 1
        if 0 <= i < last_gap and ends[i] <= at:
            ends_after.add(i)
    # A token made of terminal punctuation starts with one; each such token on its own
    # (the set keeps each end once).
    for at in _positions(text, _TERMINAL_RUN_CHARS):
        i = bisect_left(starts, at)
        if i < last_gap and starts[i] == at and _is_terminal(text, starts, ends, i):
            # Closing quotes, brackets and more terminals glued on stay in the sentence.
            j = i
            while j < last_gap and starts[j + 1] == ends[j]:
                follower = text[starts[j + 1] : ends[j + 1]]
                if follower not in _CLOSERS and not _TERMINAL_CHARS.issuperset(follower):
                    break
                j += 1
            if j < last_gap:
                ends_after.add(j)
    spans = sorted(protected)
    span_starts = [s for s, _ in spans]
    # max_end[k]: the largest end among the first k + 1 protected spans.
    max_end: list[int] = []
    for _, e in spans:
        max_end.append(max(e, max_end[-1]) if max_end else e)
    last_tokens: list[int] = []
    for gap in sorted(ends_after):
        # Blocked: a protected span has characters on both sides of the gap.
        k = bisect_left(span_starts, ends[gap]) - 1  # spans starting before the gap's left end
        if not (k >= 0 and max_end[k] > starts[gap + 1]):
            last_tokens.append(gap)
    last_tokens.append(n - 1)
    return last_tokens
