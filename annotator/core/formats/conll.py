"""CoNLL-style token-per-line files: ANERcorp, CoNLL 2003, Wojood, our own export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import EmptyFile, MalformedInput
from annotator.core.model import RawDocument, RawSpan

if TYPE_CHECKING:
    from annotator.core.formats import ReadOptions

DOCSTART = "-DOCSTART-"
TITLE_TOKENS = 8

_TAG = re.compile(r"^(?P<prefix>[BIELSU])-(?P<label>\S+)$")
_SPACES = re.compile(r" +")
_SINGLE = {"U", "S"}
_LAST = {"L", "E"}


@dataclass(slots=True)
class _Row:
    line: int
    token: str
    tags: list[str]


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
    **Which column holds the tags**: the token is column 0; ``options.tag_column``
    ``N`` is the N-th column after it (``--tag-column 1`` is the first). Without it:
    the last column when every token line has the same number of columns (CoNLL
    2003, ANERcorp), else column 1 (Wojood: the outermost layer; "last" would be a
    different layer on each line). A line without the chosen column counts as ``O``.

    Tags: ``O``; IOB2/BIO ``B-X I-X``; BILOU/BIOES ``U-X``/``S-X`` and ``L-X``/``E-X``;
    IO (only ``I-X`` in the whole file: a run of one type is one entity). ``I-X`` after
    ``O`` or after another type is IOB1 and is refused unless ``options.iob1``.
    Entities end at sentence breaks (blank lines).

    The text is rebuilt with one space between tokens and ``\\n`` between sentences;
    spans are code-point offsets into it. The title is the first
    :data:`TITLE_TOKENS` tokens of the first sentence (``…`` when cut). meta: ``format``,
    ``filename``, ``encoding``, ``tag_column`` and, for files with several
    documents, ``document`` (1-based).

    :raises MalformedInput: names the file, line and tag: a malformed tag, ``I-``
        or ``L-`` without a start, a line without a tag column, a ``tag_column``
        beyond the file's columns.
    """
    # Imported here: the decoder lives in text.py (see read_txt).
    from annotator.core.text import read_text_file

    path = Path(path)
    where = str(path)
    decoded = read_text_file(path, encoding=options.encoding)
    documents = _split(decoded.text, where)
    if not documents:
        raise EmptyFile("no token lines in the file", path=where)

    widths = {len(row.tags) for doc in documents for sentence in doc for row in sentence}
    if options.tag_column is not None:
        column = options.tag_column
        if column < 1:
            raise MalformedInput(
                f"--tag-column {column}: the token is column 0; tag columns count from 1",
                path=where,
            )
        if column > max(widths):
            raise MalformedInput(
                f"--tag-column {column}, but the file has at most {max(widths)} column(s) "
                "after the token",
                path=where,
            )
    else:
        column = widths.pop() if len(widths) == 1 else 1

    all_tags = (
        row.tags[column - 1] if column <= len(row.tags) else "O"
        for doc in documents
        for sentence in doc
        for row in sentence
    )
    # IO files have no B-/L-/U- at all: there I-X after O starts an entity, as in IOB1.
    io_only = all(not tag.startswith(("B-", "E-", "L-", "S-", "U-")) for tag in all_tags)
    lenient = options.iob1 or io_only

    for number, sentences in enumerate(documents, start=1):
        text_parts: list[str] = []
        spans: list[RawSpan] = []
        offset = 0
        for s_index, sentence in enumerate(sentences):
            if s_index:
                text_parts.append("\n")
                offset += 1
            starts = []
            for t_index, row in enumerate(sentence):
                if t_index:
                    text_parts.append(" ")
                    offset += 1
                starts.append(offset)
                text_parts.append(row.token)
                offset += len(row.token)
            for first, last, label in _decode(
                sentence, column=column, lenient=lenient, where=where, explicit=options.tag_column
            ):
                spans.append(
                    RawSpan(
                        start=starts[first],
                        end=starts[last] + len(sentence[last].token),
                        label=options.map_label(label),
                    )
                )
        meta: dict[str, object] = {
            "format": "conll",
            "filename": path.name,
            "encoding": decoded.encoding,
            "tag_column": column,
        }
        if len(documents) > 1:
            meta["document"] = number
        yield RawDocument(
            text="".join(text_parts),
            title=_title(sentences),
            source=where,
            meta=meta,
            spans=spans,
            annotator=options.default_annotator,
            line=sentences[0][0].line,
        )


def _split(text: str, where: str) -> list[list[list[_Row]]]:
    """Documents → sentences → rows; empty documents and sentences dropped."""
    if "\n" not in text and "\r" in text:
        text = text.replace("\r", "\n")  # old Mac line ends
    documents: list[list[list[_Row]]] = []
    sentences: list[list[_Row]] = []
    sentence: list[_Row] = []
    # Split on "\n" only: str.splitlines() would also split at U+2028, U+0085, …
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
            continue
        if "\t" in line:
            parts = [p.strip(" ") for p in line.split("\t")]
            parts = [p for p in parts if p]
        else:
            parts = _SPACES.split(line.strip(" "))
        if parts[0] == DOCSTART:
            if sentence:
                sentences.append(sentence)
                sentence = []
            if sentences:
                documents.append(sentences)
                sentences = []
            continue
        if len(parts) < 2:
            raise MalformedInput(
                f"token {parts[0]!r} has no tag; expected 'token TAG' "
                "(columns separated by a tab or spaces)",
                path=where,
                line=number,
            )
        sentence.append(_Row(line=number, token=parts[0], tags=parts[1:]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        documents.append(sentences)
    return documents


def _decode(
    sentence: list[_Row], *, column: int, lenient: bool, where: str, explicit: int | None
) -> Iterator[tuple[int, int, str]]:
    """(first token, last token, label) of each entity in one sentence."""
    open_label: str | None = None
    open_first = 0
    previous = "O"
    for index, row in enumerate(sentence):
        tag = row.tags[column - 1] if column <= len(row.tags) else "O"

        def fail(problem: str, hint: str = "", row: _Row = row, tag: str = tag) -> MalformedInput:
            message = f"tag {tag!r} of token {row.token!r} (column {column}) {problem}"
            return MalformedInput(
                message + (f"; {hint}" if hint else ""), path=where, line=row.line
            )

        if tag == "O":
            if open_label is not None:
                yield open_first, index - 1, open_label
                open_label = None
            previous = tag
            continue
        match = _TAG.match(tag)
        if match is None:
            raise fail(*_malformed_hint(tag, row, explicit))
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
        elif prefix == "I" and lenient:
            if open_label is not None:
                yield open_first, index - 1, open_label
            open_label, open_first = label, index
        elif prefix == "I":
            after = "the start of the sentence" if index == 0 else repr(previous)
            raise fail(
                f"follows {after}: in IOB2 every entity starts with B-{label}",
                "if the file is IOB1 (as the original CoNLL 2003 files are), import it with --iob1",
            )
        else:
            after = "the start of the sentence" if index == 0 else repr(previous)
            raise fail(
                f"ends an entity that was never started (it follows {after})",
                f"an entity ending in {prefix}-{label} must start with B-{label}",
            )
        previous = tag
    if open_label is not None:
        yield open_first, len(sentence) - 1, open_label


def _malformed_hint(tag: str, row: _Row, explicit: int | None) -> tuple[str, str]:
    problem = "is not a tag: expected O, B-X, I-X, L-X/E-X or U-X/S-X"
    if re.fullmatch(r"[BIELSU]_\S+", tag):
        return problem, f"write {tag[0]}-{tag[2:]} (a hyphen, not an underscore)"
    if re.fullmatch(r"[bielsu]-\S+|o", tag):
        return problem, "tag prefixes are upper case"
    if explicit is None and len(row.tags) > 1:
        return problem, (
            f"the line has {len(row.tags)} columns after the token; "
            "choose the entity column with --tag-column N (the token is column 0)"
        )
    return problem, ""


def _title(sentences: list[list[_Row]]) -> str:
    first = [row.token for row in sentences[0]]
    title = " ".join(first[:TITLE_TOKENS])
    return title + " …" if len(first) > TITLE_TOKENS else title
