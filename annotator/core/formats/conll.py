"""CoNLL-style token-per-line files: ANERcorp, CoNLL 2003, Wojood, our own export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import EmptyFile, MalformedInput
from annotator.core.formats.problems import Problems
from annotator.core.model import RawDocument, RawSpan

if TYPE_CHECKING:
    from annotator.core.formats import ReadOptions

DOCSTART = "-DOCSTART-"
TITLE_TOKENS = 8
#: Tokens that end a sentence in a file without blank lines (ANERcorp).
SENTENCE_END_TOKENS = frozenset({".", "!", "?", "؟", "…", "..."})
#: Share of token lines whose columns after the token must all be tags for the
#: file to be read as tag columns only (one per nesting level, Wojood's layout).
_TAG_COLUMNS_SHARE = 0.9

_TAG = re.compile(r"^(?P<prefix>[BIELSU])-(?P<label>\S+)$")
_TAG_LIKE = re.compile(r"^(?:O|[BIELSU]-\S+)$")
_SINGLE = {"U", "S"}
_LAST = {"L", "E"}
_CONTINUING = ("I-", "L-", "E-")


_TAG_CACHE: dict[str, bool] = {}


def is_tag(value: str) -> bool:
    # A file has a few dozen distinct tags and calls this for every column of
    # every line: remember the answers (bounded, tokens land here too).
    known = _TAG_CACHE.get(value)
    if known is None:
        known = _TAG_LIKE.match(value) is not None
        if len(_TAG_CACHE) < 4096:
            _TAG_CACHE[value] = known
    return known


@dataclass(slots=True)
class _Row:
    line: int
    token: str
    tags: list[str]


@dataclass(slots=True)
class _Line:
    """A token line as found: its columns, and whether it began with whitespace."""

    number: int
    parts: list[str]
    indented: bool


def read_conll(path: Path, *, options: ReadOptions) -> Iterator[RawDocument]:
    """Read token-per-line files; ``-DOCSTART-`` lines split documents.

    ANERcorp (``token TAG``, no sentence breaks at all)::

        فرانكفورت B-LOC
        ( O
        د O
        ب O
        أ O
        ) O
        أعلن O
        اتحاد B-ORG
        صناعة I-ORG

    CoNLL 2003 (the entity tag is the last column)::

        -DOCSTART- -X- -X- O

        دمشق NNP B-NP B-LOC
        تستضيف VBZ B-VP O

    Wojood nested (one column per nesting level, outermost first; deeper levels
    are left out where there are none)::

        جريدة B-ORG
        فلسطين I-ORG B-GPE
        / O

    Columns are separated by tabs (when a line has one) or runs of spaces.
    **Which columns hold the tags**: when every column after the token is a tag
    (ANERcorp, Wojood), each column is a nesting level: column 1 the outermost
    entities, column 2 the entities inside them, and so on (a line without a
    deeper column is ``O`` there). Otherwise (CoNLL 2003: POS and chunk columns)
    the last column, and every token line must have the same number of columns.
    ``options.tag_column`` ``N`` reads only the N-th column after the token
    (``--tag-column 1`` is the first); most token lines must have it.

    Tags: ``O``; IOB2/BIO ``B-X I-X``; BILOU/BIOES ``U-X``/``S-X`` and ``L-X``/``E-X``;
    IO (only ``I-X`` in the whole file: a run of one type is one entity). ``I-X`` after
    ``O`` or after another type is IOB1 and is refused unless ``options.iob1``.
    Entities end at sentence breaks (blank lines). A file without any blank line
    (ANERcorp) is cut into sentences after the tokens of
    :data:`SENTENCE_END_TOKENS` (never inside an entity).

    The text is rebuilt with one space between tokens and ``\\n`` between sentences;
    spans are code-point offsets into it, and the file's tokens and sentences are
    handed over (``RawDocument.tokens``/``sentence_starts``) so that exports can
    write them again. Two levels marking the very same tokens keep their order in
    ``attrs["level"]``. ``options.sentences_per_document`` cuts a file without
    ``-DOCSTART-`` lines into documents of that many sentences. The title is the
    first :data:`TITLE_TOKENS` tokens of the first sentence (``…`` when cut). meta:
    ``format``, ``filename``, ``encoding``, ``tag_column`` (the first tag column),
    ``nesting_levels`` (when more than one) and, for files with several documents,
    ``document`` (1-based).

    **Every problem of the file is reported in one run** (up to
    ``options.max_errors``, then a count), each with its line: a malformed tag,
    ``I-``/``L-`` without a start, a line without a tag, an empty token (a line that
    holds only a tag), two lines run together, column counts that differ.
    ``options.lenient`` skips the malformed lines instead, reads ``I-`` after ``O``
    as a start, and lists each in ``RawDocument.warnings``.

    :raises MalformedInput: names the file and the line of each problem; also a
        ``tag_column`` beyond the file's columns or missing on most lines, and a
        tagged file in which no entity is found.
    """
    # Imported here: the decoder lives in text.py (see read_txt).
    from annotator.core.text import read_text_file

    path = Path(path)
    where = str(path)
    decoded = read_text_file(path, encoding=options.encoding)
    problems = Problems(where, options.max_errors, lenient=options.lenient)
    documents, had_docstart, had_breaks = _split(decoded.text)
    lines = [line for doc in documents for sentence in doc for line in sentence]
    if not lines:
        raise EmptyFile("no token lines in the file", path=where)

    layout = _Layout.choose(lines, options, where)
    rows_docs: list[list[list[_Row]]] = []
    for doc in documents:
        sentences = []
        for sentence in doc:
            rows = [row for line in sentence if (row := layout.row(line, problems)) is not None]
            if rows:
                sentences.append(rows)
        if sentences:
            rows_docs.append(sentences)
    if not had_breaks:
        rows_docs = [_sentences_from_tokens(doc) for doc in rows_docs]
    if options.sentences_per_document and not had_docstart:
        size = options.sentences_per_document
        rows_docs = [doc[i : i + size] for doc in rows_docs for i in range(0, len(doc), size)]

    all_tags = [tag for doc in rows_docs for s in doc for row in s for tag in row.tags]
    # IO files have no B-/L-/U- at all: there I-X after O starts an entity, as in IOB1.
    io_only = all(not tag.startswith(("B-", "E-", "L-", "S-", "U-")) for tag in all_tags)
    decoder = _Decoder(
        problems=problems,
        iob1=options.iob1 or io_only,
        lenient=options.lenient,
        explicit=options.tag_column,
        first_column=layout.first_column,
    )

    out: list[RawDocument] = []
    for number, sentences in enumerate(rows_docs, start=1):
        out.append(
            _document(
                sentences,
                decoder,
                options=options,
                path=path,
                encoding=decoded.encoding,
                layout=layout,
                number=number if len(rows_docs) > 1 else None,
            )
        )
    if not rows_docs:
        problems.add(None, "no token line is readable", skippable=False)
    problems.check()
    n_spans = sum(len(doc.spans) for doc in out)
    if n_spans == 0 and not options.allow_no_spans:
        columns = layout.describe()
        raise MalformedInput(
            f"no entity in {len(lines)} token lines: every tag of {columns} is O. If the "
            "tags are in another column, choose it with --tag-column N (or leave it out to "
            "read every tag column); pass --allow-no-spans if the file really has none.",
            path=where,
        )
    if problems.skipped:
        out[0].warnings.extend(problems.skipped)
    yield from out


def _document(
    sentences: list[list[_Row]],
    decoder: _Decoder,
    *,
    options: ReadOptions,
    path: Path,
    encoding: str,
    layout: _Layout,
    number: int | None,
) -> RawDocument:
    text_parts: list[str] = []
    spans: list[RawSpan] = []
    tokens: list[tuple[int, int]] = []
    sentence_starts: list[int] = []
    offset = 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            text_parts.append("\n")
            offset += 1
        sentence_starts.append(len(tokens))
        starts = []
        for t_index, row in enumerate(sentence):
            if t_index:
                text_parts.append(" ")
                offset += 1
            starts.append(offset)
            tokens.append((offset, offset + len(row.token)))
            text_parts.append(row.token)
            offset += len(row.token)
        found: dict[tuple[int, int], list[RawSpan]] = {}
        for level in range(layout.levels):
            for first, last, label in decoder.decode(sentence, level):
                span = RawSpan(
                    start=starts[first],
                    end=starts[last] + len(sentence[last].token),
                    label=options.map_label(label),
                    line=sentence[first].line,
                    attrs={},
                )
                spans.append(span)
                found.setdefault((span.start, span.end), []).append(span)
                if layout.levels > 1:
                    span.attrs["level"] = level + 1
        if layout.levels > 1:
            # The level only matters where two levels mark the same tokens: it says
            # which is outer. Elsewhere containment says it.
            for group in found.values():
                if len(group) == 1:
                    del group[0].attrs["level"]
    meta: dict[str, object] = {
        "format": "conll",
        "filename": path.name,
        "encoding": encoding,
        "tag_column": layout.first_column,
    }
    if layout.levels > 1:
        meta["nesting_levels"] = layout.levels
    if number is not None:
        meta["document"] = number
    return RawDocument(
        text="".join(text_parts),
        title=_title(sentences),
        source=str(path),
        meta=meta,
        spans=spans,
        annotator=options.default_annotator,
        line=sentences[0][0].line,
        tokens=tokens,
        sentence_starts=sentence_starts,
    )


def _split(text: str) -> tuple[list[list[list[_Line]]], bool, bool]:
    """Documents → sentences → token lines; empty ones dropped.

    :returns: the documents, whether the file has ``-DOCSTART-`` lines, and
        whether it has blank lines between token lines (sentence breaks).
    """
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # old Mac line ends
    documents: list[list[list[_Line]]] = []
    sentences: list[list[_Line]] = []
    sentence: list[_Line] = []
    had_docstart = had_breaks = False
    # Split on "\n" only: str.splitlines() would also split at U+2028, U+0085, …
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
                had_breaks = True
            continue
        if "\t" in line:
            parts = [p.strip(" ") for p in line.split("\t")]
            parts = [p for p in parts if p]
        else:
            parts = [p for p in line.split(" ") if p]  # runs of spaces are one separator
        if parts[0] == DOCSTART:
            had_docstart = True
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                documents.append(sentences)
                sentences = []
            continue
        sentence.append(_Line(number, parts, indented=line[:1] in (" ", "\t")))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    # A break only between -DOCSTART- blocks is not a sentence break.
    had_breaks = had_breaks and any(len(doc) > 1 for doc in documents)
    return documents, had_docstart, had_breaks


@dataclass(slots=True)
class _Layout:
    """Which columns of a token line hold tags, decided once for the whole file."""

    all_tags: bool  # every column after the token is a tag (one per level)
    first_column: int  # 1-based, after the token
    levels: int
    width: int  # CoNLL 2003 layout: the columns every line has (token included)
    where: str

    @classmethod
    def choose(cls, lines: list[_Line], options: ReadOptions, where: str) -> _Layout:
        tagged = [line for line in lines if len(line.parts) >= 2 and not line.indented]
        all_tags_share = (
            sum(all(is_tag(p) for p in line.parts[1:]) for line in tagged) / len(tagged)
            if tagged
            else 1.0
        )
        widths: dict[int, int] = {}
        for line in tagged:
            widths[len(line.parts)] = widths.get(len(line.parts), 0) + 1
        most = max(widths, key=lambda w: widths[w]) if widths else 2
        widest = max(widths) if widths else 2
        if options.tag_column is not None:
            column = options.tag_column
            if column < 1:
                raise MalformedInput(
                    f"--tag-column {column}: the token is column 0; tag columns count from 1",
                    path=where,
                )
            if column > widest - 1:
                raise MalformedInput(
                    f"--tag-column {column}, but the file has at most {widest - 1} column(s) "
                    "after the token",
                    path=where,
                )
            having = sum(1 for line in tagged if len(line.parts) > column)
            if having * 2 < len(lines):
                raise MalformedInput(
                    f"--tag-column {column}: only {having} of {len(lines)} token lines have a "
                    f"column {column}; the others would all read as O. Leave --tag-column out "
                    "to read every tag column (nested entities, one column per level), or "
                    "choose a column every line has.",
                    path=where,
                )
            return cls(False, column, 1, 0, where)
        if all_tags_share >= _TAG_COLUMNS_SHARE:
            return cls(True, 1, max(1, widest - 1), 0, where)
        return cls(False, most - 1, 1, most, where)

    def describe(self) -> str:
        if self.all_tags and self.levels > 1:
            return f"columns 1–{self.levels}"
        return f"column {self.first_column}"

    def row(self, line: _Line, problems: Problems) -> _Row | None:
        """The token and its tags (one per level), or ``None`` for a line left out."""
        parts = line.parts
        if line.indented and is_tag(parts[0]):
            problems.add(
                line.number,
                f"empty token: the line holds only the tag {parts[0]!r}, no token before it",
            )
            return None
        if len(parts) < 2:
            problems.add(
                line.number,
                f"token {parts[0]!r} has no tag; expected 'token TAG' "
                "(columns separated by a tab or spaces)",
            )
            return None
        if self.all_tags:
            bad = [p for p in parts[1:] if not is_tag(p)]
            if bad:
                if _run_together(parts):
                    pairs = " and ".join(
                        repr(f"{parts[i]} {parts[i + 1]}") for i in range(0, len(parts), 2)
                    )
                    problems.add(
                        line.number,
                        f"lines run together: {pairs} are on one line; put each token on "
                        "its own line",
                    )
                else:
                    column = parts.index(bad[0])
                    message, hint = _malformed_hint(bad[0], parts, explicit=None)
                    problems.add(
                        line.number,
                        f"tag {bad[0]!r} of token {parts[0]!r} (column {column}) {message}"
                        + (f"; {hint}" if hint else ""),
                    )
                return None
            tags = parts[1 : 1 + self.levels]
            return _Row(line.number, parts[0], tags + ["O"] * (self.levels - len(tags)))
        if self.width and len(parts) != self.width:
            problems.add(
                line.number,
                f"the line has {len(parts)} columns, the file's other token lines "
                f"{self.width}; every line needs the same columns (the tag is the last)",
            )
            return None
        column = self.first_column
        tag = parts[column] if column < len(parts) else "O"
        return _Row(line.number, parts[0], [tag])


def _run_together(parts: list[str]) -> bool:
    """``tok1 O tok2 B-LOC``: two token lines on one line."""
    return (
        len(parts) >= 4
        and len(parts) % 2 == 0
        and all(is_tag(p) for p in parts[1::2])
        and not any(is_tag(p) for p in parts[2::2])
    )


def _sentences_from_tokens(sentences: list[list[_Row]]) -> list[list[_Row]]:
    """Cut a file without blank lines after sentence-ending tokens (never in an entity)."""
    out: list[list[_Row]] = []
    for sentence in sentences:
        current: list[_Row] = []
        for index, row in enumerate(sentence):
            current.append(row)
            following = sentence[index + 1] if index + 1 < len(sentence) else None
            if (
                row.token in SENTENCE_END_TOKENS
                and following is not None
                and not any(tag.startswith(_CONTINUING) for tag in following.tags)
            ):
                out.append(current)
                current = []
        if current:
            out.append(current)
    return out


@dataclass(slots=True)
class _Decoder:
    problems: Problems
    iob1: bool
    lenient: bool
    explicit: int | None
    first_column: int

    def decode(self, sentence: list[_Row], level: int) -> Iterator[tuple[int, int, str]]:
        """(first token, last token, label) of each entity of one level in one sentence."""
        column = self.first_column + level
        open_label: str | None = None
        open_first = 0
        previous = "O"
        for index, row in enumerate(sentence):
            tag = row.tags[level]

            def fail(problem: str, hint: str = "", row: _Row = row, tag: str = tag) -> None:
                message = f"tag {tag!r} of token {row.token!r} (column {column}) {problem}"
                self.problems.add(
                    row.line, message + (f"; {hint}" if hint else ""), skippable=False
                )

            if tag == "O":
                if open_label is not None:
                    yield open_first, index - 1, open_label
                    open_label = None
                previous = tag
                continue
            match = _TAG.match(tag)
            if match is None:
                fail(*_malformed_hint(tag, [row.token, *row.tags], explicit=self.explicit))
                previous = tag
                continue
            prefix, label = match["prefix"], match["label"]
            if prefix == "B" or prefix in _SINGLE:
                if open_label is not None:
                    yield open_first, index - 1, open_label
                open_label, open_first = label, index
                if prefix in _SINGLE:
                    yield index, index, label
                    open_label = None
            elif open_label == label:  # I- or L- continuing the open entity
                if prefix in _LAST:
                    yield open_first, index, label
                    open_label = None
            elif prefix == "I" and (self.iob1 or self.lenient):
                if not self.iob1:
                    after = "the start of the sentence" if index == 0 else repr(previous)
                    self.problems.skipped.append(
                        f"line {row.line}: {tag!r} follows {after}; read as the start of an "
                        f"entity (B-{label})"
                    )
                if open_label is not None:
                    yield open_first, index - 1, open_label
                open_label, open_first = label, index
            elif prefix == "I":
                after = "the start of the sentence" if index == 0 else repr(previous)
                fail(
                    f"follows {after}: in IOB2 every entity starts with B-{label}",
                    "if the file is IOB1 (as the original CoNLL 2003 files are), import it "
                    "with --iob1; --lenient reads it as a start and lists it",
                )
            else:
                after = "the start of the sentence" if index == 0 else repr(previous)
                fail(
                    f"ends an entity that was never started (it follows {after})",
                    f"an entity ending in {prefix}-{label} must start with B-{label}",
                )
            previous = tag
        if open_label is not None:
            yield open_first, len(sentence) - 1, open_label


def _malformed_hint(tag: str, parts: list[str], explicit: int | None) -> tuple[str, str]:
    problem = "is not a tag: expected O, B-X, I-X, L-X/E-X or U-X/S-X"
    if re.fullmatch(r"[BIELSU]_\S+", tag):
        return problem, f"write {tag[0]}-{tag[2:]} (a hyphen, not an underscore)"
    if re.fullmatch(r"[bielsu]-\S+|o", tag):
        return problem, "tag prefixes are upper case"
    if explicit is None and len(parts) > 2:
        return problem, (
            f"the line has {len(parts) - 1} columns after the token; "
            "choose the entity column with --tag-column N (the token is column 0)"
        )
    return problem, ""


def _title(sentences: list[list[_Row]]) -> str:
    first = [row.token for row in sentences[0]]
    title = " ".join(first[:TITLE_TOKENS])
    return title + " …" if len(first) > TITLE_TOKENS else title
