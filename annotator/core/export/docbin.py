"""spaCy export: ``train.spacy`` / ``dev.spacy`` / ``test.spacy`` in DocBin format.

A ``.spacy`` file is zlib-compressed msgpack, so its "sample" is the code that
reads one back::

    from spacy.tokens import DocBin
    import spacy
    docs = list(DocBin().from_disk("train.spacy").get_docs(spacy.blank("ar").vocab))
    docs[0].ents                    # entities and places (the outermost)
    docs[0].spans["entities"]       # every entity, nested ones included
    docs[0].spans["claims"]         # claims (may overlap entities and each other)
    docs[0].spans["cues"]           # cue words of claims (قال، أكد، نفى)
    docs[0].user_data["uid"]        # title, source, uid, meta, annotator, status

Links and attributes (a claim's claimer, cue, stance, check-worthiness) are in the
Doc's user data, by span id (``span.id_``)::

    doc.user_data["links"]       # [{"id", "type", "head", "child", "value"}]:
                                 #   head/child are span ids; child None and
                                 #   value "unnamed source" for an implicit claimer
    doc.user_data["attributes"]  # {span id: {"stance": "denies", "check_worthy": True}}
    by_id = {s.id_: s for group in doc.spans.values() for s in group}
    claimer = {k["head"]: by_id[k["child"]] if k["child"] else k["value"]
               for k in doc.user_data["links"] if k["type"] == "claimer"}

:class:`DocBinWriter` writes the same bytes layout as ``DocBin.to_disk`` (checked
against ``DocBin`` in the tests), but spools each document's arrays to a
temporary file as it comes, so memory stays flat however many documents a part
has (``DocBin`` keeps every document's arrays until ``to_bytes``, several copies
of them at that point). The table of distinct strings (words, labels, span
ids), which ``DocBin`` holds in a set until the end, is kept in sorted runs on
disk past 50,000 strings (:class:`_StringTable`). The span ids are never put in
the tokenizer's vocab either (a ``StringStore`` only grows: ~20 ids a document,
~60 MB per export process at 10k documents): the file gets each id's hash (what
``StringStore.add`` would give) and its string, the vocab neither.

The export itself builds no ``Span`` and sets no ``doc.ents``: spaCy makes a
Python object per span and checks every token as each is set or read, which was
most of the export's own time. :class:`SpacyRenderer` reads the tokenizer's Doc
once and :meth:`DocEncoder.encode_spans` writes the spans from their token
indices, the same bytes as the Doc with those spans set (checked against
spaCy's ``DocBin`` on the Docs read back, in the tests).

**Why not spaCy's public ``DocBin``** (issue 9 asked for it if it costs no more):
measured on ``benchmarks/bench_export.py``'s corpus, 2,000 articles, same run,
two rounds: ``DocBin(attrs=DOCBIN_ATTRS, store_user_data=True)`` per part took
17.8–21.9 s and +111–166 MB of peak memory, this writer 10.7–10.9 s and +9–88 MB.
The cost is in ``DocBin.add`` itself (a Python loop over every token to collect
its strings) and in holding every array until ``to_bytes``, so shards of ordinary
DocBins would pay the same ``add``. The layout written here is checked byte for
byte against ``DocBin`` in the tests, which is what keeps the ``spacy<3.9`` pin
honest (the registry offers nothing newer than 3.8.18 today).
"""

from __future__ import annotations

import heapq
import struct
import tempfile
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from annotator.core.doc_tokens import tokens_of
from annotator.core.export.align import ExportSpan, align_document
from annotator.core.export.config import write_config
from annotator.core.export.context import ExportContext, Rendered
from annotator.core.export.links import (
    ExportLink,
    exported_links,
    exported_spans,
    links_left_out_warning,
)
from annotator.core.export.select import SelectedDocument
from annotator.core.model import Document, SourceTokens, Status
from annotator.core.tokenizer import Token, get_nlp, split_tokens, words_and_spaces

if TYPE_CHECKING:
    import numpy
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

CLAIMS_KEY = "claims"
#: The span group of cue words (قال، أكد، نفى) linked to their claims.
CUES_KEY = "cues"
LINKS_KEY = "links"
ATTRIBUTES_KEY = "attributes"
# ENT_ID keeps each entity's span id (the DocBin importer reads it back);
# SENT_START the sentence breaks of documents that came tokenized.
DOCBIN_ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE", "ENT_ID", "SENT_START")
#: The span group holding every entity, nested ones included (``spancat`` trains
#: on it; ``doc.ents`` can hold only the outermost).
ENTITIES_KEY = "entities"
DOCBIN_VERSION = "0.1"  # DocBin.version in spaCy 3.x
ZLIB_LEVEL = 1
_CHUNK = 1 << 20
#: Distinct strings a ``.spacy`` writer holds before it spills a sorted run to disk
#: (~6 MB of span ids; one writer per part; 100k documents: ~40 runs to merge).
_STRINGS_IN_MEMORY = 50_000
#: A span in a ``SpanGroup``'s bytes: id, kb_id, label, start, end, start_char, end_char.
_SPAN_STRUCT = struct.Struct(">QQQllll").pack


# --- msgpack pieces ------------------------------------------------------------


def _map_header(n: int) -> bytes:
    return bytes([0x80 | n]) if n < 16 else b"\xde" + struct.pack(">H", n)


def _array_header(n: int) -> bytes:
    if n < 16:
        return bytes([0x90 | n])
    if n < 1 << 16:
        return b"\xdc" + struct.pack(">H", n)
    return b"\xdd" + struct.pack(">I", n)


def _bin_header(n: int) -> bytes:
    if n < 1 << 8:
        return b"\xc4" + struct.pack(">B", n)
    if n < 1 << 16:
        return b"\xc5" + struct.pack(">H", n)
    return b"\xc6" + struct.pack(">I", n)


Pack = Callable[[Any], bytes]


def _packer() -> Pack:
    """``srsly.msgpack_dumps`` (msgpack with bin types and srsly's encoders), reusable."""
    from srsly.msgpack import Packer  # type: ignore[import-untyped]

    packer = Packer(use_bin_type=True)
    pack: Pack = packer.pack
    return pack


def span_groups_bytes(doc: Doc, pack: Pack) -> bytes:
    """``doc.spans.to_bytes()`` with a reused packer (see :class:`DocBinWriter`).

    The same bytes as spaCy 3.8's ``SpanGroups.to_bytes`` / ``SpanGroup.to_bytes``
    (checked against them in the tests): a map of each group's bytes to its keys;
    a group is ``{"name", "attrs", "spans"}`` with each span packed as
    ``>QQQllll`` (id, kb_id, label, start, end, start_char, end_char).
    """
    if len(doc.spans) == 0:
        return pack([])
    msg: dict[bytes, list[str]] = {}
    for key, group in doc.spans.items():
        output = {
            "name": group.name,
            "attrs": group.attrs,
            "spans": [
                struct.pack(
                    ">QQQllll",
                    span.id,
                    span.kb_id,
                    span.label,
                    span.start,
                    span.end,
                    span.start_char,
                    span.end_char,
                )
                for span in group
            ],
        }
        msg.setdefault(pack(output), []).append(key)
    return pack(msg)


class _Spool:
    """An anonymous temporary file that counts what was written to it."""

    def __init__(self, directory: Path) -> None:
        self.file: BinaryIO = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self.size = 0
        self.items = 0

    def write(self, data: bytes, *, items: int = 1) -> None:
        self.file.write(data)
        self.size += len(data)
        self.items += items

    def chunks(self) -> Iterable[bytes]:
        self.file.seek(0)
        while chunk := self.file.read(_CHUNK):
            yield chunk

    def close(self) -> None:
        self.file.close()


def _docbin_attrs() -> list[int | str]:
    """The attribute ids of :data:`DOCBIN_ATTRS`, ORTH first, as ``DocBin`` orders them."""
    # spacy.attrs is compiled and ships no stub.
    from spacy.attrs import ORTH, intify_attr  # type: ignore[import-not-found]

    ids = sorted(intify_attr(a) for a in DOCBIN_ATTRS)
    return [ORTH] + [a for a in ids if a != ORTH]


class EncodedDoc(NamedTuple):
    """One Doc as the pieces of a ``.spacy`` file hold it (see :class:`DocEncoder`)."""

    tokens: bytes
    spaces: bytes
    length: int
    cats: bytes
    flags: bytes
    span_groups: bytes
    user_data: bytes
    #: Strings the Doc uses that this encoder had not met before.
    strings: tuple[str, ...]


class _StringTable:
    """The distinct strings of a ``.spacy`` file, sorted, in bounded memory.

    ``DocBin`` keeps them in a set until it writes the file: at 100k documents
    that is ~2M span ids, ~200 MB. Here at most :data:`_STRINGS_IN_MEMORY` are
    held; each full set goes to a temporary file as a sorted run, and
    :meth:`packed` merges the runs (as ``sorted`` orders ``str``: by code point).
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._current: set[str] = set()
        self._runs: list[BinaryIO] = []

    def update(self, strings: Iterable[str]) -> None:
        self._current.update(strings)
        if len(self._current) >= _STRINGS_IN_MEMORY:
            self._spill()

    def _spill(self) -> None:
        run: BinaryIO = tempfile.TemporaryFile(dir=self._directory)  # noqa: SIM115
        for string in sorted(self._current):
            data = string.encode("utf-8", "surrogatepass")
            run.write(struct.pack("<I", len(data)) + data)
        run.seek(0)
        self._runs.append(run)
        self._current = set()

    @staticmethod
    def _read(run: BinaryIO) -> Iterator[str]:
        while header := run.read(4):
            (size,) = struct.unpack("<I", header)
            yield run.read(size).decode("utf-8", "surrogatepass")

    def packed(self, pack: Pack) -> _Spool:
        """Every distinct string, sorted and packed, in a spool (``items`` = how many)."""
        out = _Spool(self._directory)
        runs = [self._read(run) for run in self._runs]
        previous: str | None = None
        batch: list[bytes] = []
        for string in heapq.merge(*runs, sorted(self._current)):
            if string == previous:
                continue
            previous = string
            batch.append(pack(string))
            if len(batch) >= 4096:
                out.write(b"".join(batch), items=len(batch))
                batch.clear()
        out.write(b"".join(batch), items=len(batch))
        self.discard()
        return out

    def discard(self) -> None:
        for run in self._runs:
            run.close()
        self._runs = []
        self._current = set()


class DocEncoder:
    """Turn Docs into :class:`EncodedDoc` for one ``.spacy`` file (in this process
    or in an export worker; the writer only appends the bytes in order).

    :param vocab: the vocab of the Docs (to turn hashes back into strings).
    """

    def __init__(self, vocab: Vocab) -> None:
        from spacy.attrs import intify_attr
        from spacy.strings import get_string_id

        self.attrs = _docbin_attrs()
        # Columns holding string hashes (ENT_IOB and SENT_START hold small numbers).
        numeric = {intify_attr("ENT_IOB"), intify_attr("SENT_START")}
        self._hashed_columns = [i for i, a in enumerate(self.attrs) if a not in numeric]
        self._vocab = vocab
        self._seen: set[int] = {0}
        self._known: set[str] = set()
        self._labels: dict[str, int] = {}
        #: The hash ``StringStore.add`` gives a string (a symbol's number for a symbol).
        self._string_id: Callable[[str], int] = get_string_id
        # Where each of DOCBIN_ATTRS is in a row of the file's tokens.
        self._columns = {name: self.attrs.index(intify_attr(name)) for name in DOCBIN_ATTRS}
        # One packer for the whole file: srsly.msgpack_dumps builds a new Packer per
        # call, which looks up its encoders among the installed entry points every
        # time (about a millisecond each, several times per document).
        self._pack = _packer()
        self._no_cats = self._pack({})
        self._known_spaces = self._pack({"has_unknown_spaces": False})

    def encode(self, doc: Doc, *, span_ids: Mapping[int, str] | None = None) -> EncodedDoc:
        """The pieces of ``doc``'s share of the file.

        :param span_ids: the string of each span id hash that is not in the vocab;
            the others are looked up in the vocab.
        """
        import numpy
        from spacy.attrs import SPACY

        array: numpy.ndarray[Any, Any] = doc.to_array(self.attrs)
        if array.ndim == 1:
            array = array.reshape((array.shape[0], 1))
        pack = self._pack
        strings = self._vocab.strings
        ids = span_ids or {}
        new: list[str] = []
        # Span ids of this Doc only: remembering them across Docs would grow with the
        # corpus (each is met in one Doc; the writer drops repeats anyway).
        doc_ids: set[int] = set()
        for h in numpy.unique(array[:, self._hashed_columns]).tolist():
            if h in ids:
                doc_ids.add(h)
            elif h not in self._seen:
                self._seen.add(h)
                new.append(strings[h])
        known = self._known
        for group in doc.spans.values():
            for span in group:
                if span.id in ids:
                    doc_ids.add(span.id)
                for text in (
                    span.label_,
                    span.id_ if span.id and span.id not in ids else "",
                    span.kb_id_ if span.kb_id else "",
                ):
                    if text and text not in known:
                        known.add(text)
                        new.append(text)
        new.extend(ids[h] for h in doc_ids)
        return EncodedDoc(
            numpy.ascontiguousarray(array, dtype="uint64").tobytes("C"),
            numpy.asarray(doc.to_array(SPACY), dtype=bool).tobytes("C"),
            len(doc),
            pack(doc.cats),
            pack({"has_unknown_spaces": doc.has_unknown_spaces}),
            pack(span_groups_bytes(doc, pack)),
            pack(pack(doc.user_data)),
            tuple(new),
        )

    def encode_spans(
        self,
        array: numpy.ndarray[Any, Any],
        *,
        ents: Sequence[tuple[ExportSpan, int, int]],
        groups: Sequence[tuple[str, Sequence[tuple[ExportSpan, int, int]]]],
        user_data: Mapping[str, Any],
    ) -> EncodedDoc:
        """The pieces of a Doc given by its tokens and spans, without the Doc: the
        same bytes as :meth:`encode` of that Doc with ``doc.ents = ents``, each group
        in ``doc.spans`` and the user data set (span ids as hashes not in the vocab).

        :param array: the tokens, ``Doc.to_array(_READ_ATTRS)``.
        :param ents: the outermost entities with their tokens ``[first, stop)``,
            in order, none overlapping (what ``doc.ents`` accepts).
        :param groups: each span group's name and spans, in the order they are set.
        """
        import numpy

        pack = self._pack
        columns = self._columns
        n = len(array)
        tokens = numpy.zeros((n, len(self.attrs)), dtype="uint64")
        tokens[:, columns["ORTH"]] = array[:, 0]
        tokens[:, columns["SENT_START"]] = array[:, 2]
        # doc.ents marks every token outside an entity O (2), the first of one B (3),
        # the rest I (1), each with the entity's label and id.
        iob = tokens[:, columns["ENT_IOB"]]
        label_of = tokens[:, columns["ENT_TYPE"]]
        id_of = tokens[:, columns["ENT_ID"]]
        iob[:] = 2
        hash_of = self._hash
        string_id = self._string_id
        # Each span id's hash, as StringStore.add would give it (0: no id); the
        # vocab is left alone (see the module docstring), the file gets the string.
        span_ids: dict[str, int] = {}
        for _key, spans in groups:
            for span, _first, _stop in spans:
                span_ids[span.id] = string_id(span.id)
        previous = 0
        for span, first, stop in ents:
            if first < previous:  # align_document never lets entities overlap
                raise AssertionError(f"{span} overlaps the entity before it")
            previous = stop
            iob[first] = 3
            iob[first + 1 : stop] = 1
            label_of[first:stop] = hash_of(span.label)
            id_of[first:stop] = span_ids[span.id]
        msg: dict[bytes, list[str]] = {}
        known = self._known
        new: list[str] = []
        for key, spans in groups:
            packed = []
            for span, first, stop in spans:
                if span.label not in known:
                    known.add(span.label)
                    new.append(span.label)
                packed.append(
                    _SPAN_STRUCT(
                        span_ids[span.id],
                        0,
                        hash_of(span.label),
                        first,
                        stop,
                        span.start,
                        span.end,
                    )
                )
            output = {"name": key, "attrs": {}, "spans": packed}
            msg.setdefault(pack(output), []).append(key)
        # The words this encoder has not met (``set - set`` looks up the few words of
        # the Doc in the large set, where ``difference_update`` would walk it).
        words = set(array[:, 0].tolist()) - self._seen
        self._seen.update(words)
        strings = self._vocab.strings
        new.extend(strings[h] for h in words)
        new.extend(span_id for span_id, h in span_ids.items() if h)
        return EncodedDoc(
            tokens.tobytes("C"),
            array[:, 1].astype(bool).tobytes("C"),
            n,
            self._no_cats,
            self._known_spaces,
            pack(pack(msg) if msg else pack([])),
            pack(pack(user_data)),
            tuple(new),
        )

    def _hash(self, label: str) -> int:
        h = self._labels.get(label)
        if h is None:
            h = self._labels[label] = self._string_id(label)
        return h


class DocBinWriter:
    """Write Docs to a ``.spacy`` file one at a time (see the module docstring).

    :param path: the ``.spacy`` file to write on :meth:`close`.
    :param vocab: the vocab of the Docs given to :meth:`add` (to turn hashes back
        into strings); not needed when only :meth:`write` is called.
    :param spool_dir: where the temporary files go (the export's temporary folder).
    """

    def __init__(self, path: Path, *, vocab: Vocab | None = None, spool_dir: Path) -> None:
        self.attrs = _docbin_attrs()
        self.path = path
        self._encoder = DocEncoder(vocab) if vocab is not None else None
        self._tokens = _Spool(spool_dir)
        self._spaces = _Spool(spool_dir)
        self._lengths = _Spool(spool_dir)
        self._cats = _Spool(spool_dir)
        self._flags = _Spool(spool_dir)
        self._span_groups = _Spool(spool_dir)
        self._user_data = _Spool(spool_dir)
        self._strings = _StringTable(spool_dir)
        self._pack = _packer()
        self.count = 0

    def add(self, doc: Doc, *, span_ids: Mapping[int, str] | None = None) -> None:
        """Append ``doc`` (``span_ids``: see :meth:`DocEncoder.encode`)."""
        if self._encoder is None:
            raise TypeError("DocBinWriter.add needs the Docs' vocab (vocab=...)")
        self.write(self._encoder.encode(doc, span_ids=span_ids))

    def write(self, encoded: EncodedDoc) -> None:
        """Append one encoded Doc (Docs keep the order they are written in)."""
        self._tokens.write(encoded.tokens)
        self._spaces.write(encoded.spaces)
        self._lengths.write(struct.pack("<i", encoded.length))
        self._cats.write(encoded.cats)
        self._flags.write(encoded.flags)
        self._span_groups.write(encoded.span_groups)
        self._user_data.write(encoded.user_data)
        self._strings.update(encoded.strings)
        self.count += 1

    def close(self) -> None:
        """Assemble the msgpack map, compress it and write :attr:`path`."""
        pack = self._pack
        # Level 1: several times faster than the default 6 for files ~15% larger; any
        # level reads back with the zlib.decompress in DocBin.from_bytes.
        compressor = zlib.compressobj(ZLIB_LEVEL)
        with open(self.path, "wb") as out:

            def emit(data: bytes) -> None:
                out.write(compressor.compress(data))

            def emit_bin(spool: _Spool) -> None:
                emit(_bin_header(spool.size))
                for chunk in spool.chunks():
                    emit(chunk)

            def emit_items(spool: _Spool) -> None:
                emit(_array_header(spool.items))
                for chunk in spool.chunks():
                    emit(chunk)

            emit(_map_header(10))
            emit(pack("version") + pack(DOCBIN_VERSION))
            emit(pack("attrs") + pack(self.attrs))
            emit(pack("tokens"))
            emit_bin(self._tokens)
            emit(pack("spaces"))
            emit_bin(self._spaces)
            emit(pack("lengths"))
            emit_bin(self._lengths)
            strings = self._strings.packed(pack)
            emit(pack("strings"))
            emit_items(strings)
            strings.close()
            for key, spool in (
                ("cats", self._cats),
                ("flags", self._flags),
                ("span_groups", self._span_groups),
                ("user_data", self._user_data),
            ):
                emit(pack(key))
                emit_items(spool)
            out.write(compressor.flush())
        self.discard()

    def discard(self) -> None:
        self._strings.discard()
        for spool in (
            self._tokens,
            self._spaces,
            self._lengths,
            self._cats,
            self._flags,
            self._span_groups,
            self._user_data,
        ):
            spool.close()


# --- Docs ------------------------------------------------------------------------


def doc_from_tokens(
    nlp: Language, text: str, tokens: Sequence[Token], source: SourceTokens | None
) -> Doc:
    """A Doc of ``text`` with exactly ``tokens`` (and the source's sentence breaks)."""
    from spacy.tokens import Doc

    words, spaces = words_and_spaces(text, tokens)
    if source is None or not words:
        return Doc(nlp.vocab, words=words, spaces=spaces)
    # Given to the constructor: Token.is_sent_start checks the whole Doc on each set.
    starts = {source.tokens[first][0] for first, _stop in source.sentences()}
    sent_starts: list[bool | int | None] = []
    pos = 0
    for index, (word, space) in enumerate(zip(words, spaces, strict=True)):
        sent_starts.append(index == 0 or (pos in starts and not word.isspace()))
        pos += len(word) + space
    return Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=sent_starts)


class TokenBoundaries:
    """``aligned(start, end)`` for :func:`align_document`: the span is whole tokens
    and neither edge is a whitespace token. Remembers the token indices it found,
    so :meth:`tokens` need not look them up again.

    :param starts: each token's first character (the Doc's ``IDX``), in order.
    :param ends: each token's end (``IDX + LENGTH``).
    """

    def __init__(self, text: str, starts: list[int], ends: list[int]) -> None:
        self.text = text
        self.found: dict[tuple[int, int], tuple[int, int]] = {}
        self._starts = starts
        self._ends = ends

    def __call__(self, start: int, end: int) -> bool:
        # A token is all whitespace or has none, so the edge characters tell.
        if self.text[start].isspace() or self.text[end - 1].isspace():
            return False
        where = self._lookup(start, end)
        if where is None:
            return False
        self.found[(start, end)] = where
        return True

    def _lookup(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens ``[first, stop)`` that are exactly ``[start, end)``, as
        ``doc.char_span`` finds them."""
        first = bisect_left(self._starts, start)
        if first == len(self._starts) or self._starts[first] != start:
            return None
        last = bisect_left(self._ends, end, lo=first)
        if last == len(self._ends) or self._ends[last] != end:
            return None
        return first, last + 1

    def tokens(self, span: ExportSpan) -> tuple[int, int]:
        """The tokens ``[first, stop)`` of a span :func:`align_document` put on them."""
        where = self.found.get((span.start, span.end)) or self._lookup(span.start, span.end)
        if where is None:  # align_document guarantees token boundaries
            raise AssertionError(f"{span} is not on token boundaries")
        return where


#: What the renderer reads of each token, in one ``Doc.to_array`` call.
_READ_ATTRS = ("ORTH", "SPACY", "SENT_START", "IDX", "LENGTH")


class _Tokens(NamedTuple):
    """A tokenized document as :class:`SpacyRenderer` needs it (no Doc kept)."""

    #: ``Doc.to_array(_READ_ATTRS)``: one row per token.
    array: numpy.ndarray[Any, Any]
    boundaries: TokenBoundaries


def _tokens(doc: Doc, text: str) -> _Tokens:
    array = doc.to_array(list(_READ_ATTRS))
    if array.ndim == 1:  # to_array gives a flat array for a Doc of no tokens
        array = array.reshape((0, len(_READ_ATTRS)))
    starts = array[:, 3]
    return _Tokens(array, TokenBoundaries(text, starts.tolist(), (starts + array[:, 4]).tolist()))


class SpacyRenderer:
    """Each document as the pieces of its part's ``.spacy`` file (see :class:`Rendered`).

    The Doc spaCy's tokenizer makes is read once (:data:`_READ_ATTRS`) and the
    spans are encoded from the token indices :func:`align_document` found: no
    ``Span`` objects, no ``doc.ents``, no span groups are built, each of which
    costs spaCy a Python object per span and per token it checks. The bytes are
    those of the Doc with ``doc.ents`` the outermost entities,
    ``doc.spans["entities"]`` every entity, ``doc.spans["claims"]`` the claims,
    ``doc.spans["cues"]`` the cues and the user data set (see the module
    docstring): checked against spaCy's own ``DocBin`` on the Docs read back
    (``tests/core/test_export_docbin.py``).

    ``tally``: (nested entities, longest entity in tokens, longest claim in tokens,
    claims, links left out).
    """

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        # The same cached pipeline as token_offsets(): one tokenizer, one vocab.
        self.nlp = get_nlp(context.clitics)
        self.encoders = [DocEncoder(self.nlp.vocab) for _name in context.part_names]

    def render(self, part: int, item: SelectedDocument) -> Rendered:
        ctx = self.context
        document = item.document
        source = item.source_tokens
        if source is not None:
            doc = doc_from_tokens(self.nlp, document.text, source.tokens, source)
        else:
            doc = self.nlp.make_doc(document.text)
        tokens = _tokens(doc, document.text)
        aligned = align_document(
            document,
            item.spans,
            ctx.kinds,
            policy=ctx.policy,
            tokens=lambda: tokens_of(document, source, clitics=ctx.clitics),
            aligned=tokens.boundaries,
        )
        if aligned.cuts:
            # Re-tokenized where a span edge falls inside a token (split policy, or
            # entities that would grow into each other).
            split = split_tokens(tokens_of(document, source, clitics=ctx.clitics), aligned.cuts)
            tokens = _tokens(doc_from_tokens(self.nlp, document.text, split, source), document.text)
        links, left_out = exported_links(aligned, item.links)
        attributes = {
            span.id: values
            for span in exported_spans(aligned).values()
            if (
                values := {
                    k: span.attrs[k] for k in ctx.attributes.get(span.label, ()) if k in span.attrs
                }
            )
        }
        where = tokens.boundaries.tokens
        ents = [(span, *where(span)) for span in aligned.ents]
        entities = ents + [(span, *where(span)) for span in aligned.nested]
        claims = [(span, *where(span)) for span in aligned.claims if span.layer == "claims"]
        cues = [(span, *where(span)) for span in aligned.claims if span.layer == "cues"]
        groups = [(ENTITIES_KEY, entities), (CLAIMS_KEY, claims)]
        if cues:
            groups.append((CUES_KEY, cues))
        user_data = _user_data(
            document,
            annotator=ctx.selection.annotator,
            status=item.status,
            links=links,
            attributes=attributes,
        )
        encoded = self.encoders[part].encode_spans(
            tokens.array, ents=ents, groups=groups, user_data=user_data
        )
        tally = (
            len(aligned.nested),
            max((stop - first for _span, first, stop in entities), default=0),
            max((stop - first for _span, first, stop in claims), default=0),
            len(claims),
            left_out,
        )
        return Rendered(aligned, encoded, tally)


def _user_data(
    document: Document,
    *,
    annotator: str,
    status: Status | None,
    links: Sequence[ExportLink],
    attributes: Mapping[str, Mapping[str, Any]],
) -> dict[str, Any]:
    """A Doc's ``user_data`` in the export: the document's title, source, uid, meta,
    the annotator and status; the claims' links and the spans' attributes."""
    data: dict[str, Any] = {
        "title": document.title,
        "source": document.source,
        "uid": document.uid,
        "meta": dict(document.meta),
        "annotator": annotator,
        "status": status.value if status is not None else None,
    }
    if links:
        data[LINKS_KEY] = [
            {
                "id": k.link.id,
                "type": k.link.type,
                "head": k.head.id,
                "child": k.child.id if k.child else None,
                "value": k.link.value,
            }
            for k in links
        ]
    if attributes:
        data[ATTRIBUTES_KEY] = {key: dict(value) for key, value in attributes.items()}
    return data


class SpacyExporter:
    """``EXPORTERS["spacy"]``: one DocBin per part, plus ``config.cfg``."""

    extension = "spacy"

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.renderer = SpacyRenderer(context)
        self.writers = [
            DocBinWriter(context.work_dir / f"{name}.spacy", spool_dir=context.work_dir)
            for name in context.part_names
        ]
        self.claims = 0
        self.max_claim_tokens = 0
        self.nested = 0
        self.max_entity_tokens = 0
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.links_left_out = 0

    def write(self, part: int, payload: EncodedDoc, tally: tuple[int, ...]) -> None:
        nested, entity_tokens, claim_tokens, claims, links_left_out = tally
        self.nested += nested
        self.max_entity_tokens = max(self.max_entity_tokens, entity_tokens)
        self.max_claim_tokens = max(self.max_claim_tokens, claim_tokens)
        self.claims += claims
        self.links_left_out += links_left_out
        self.writers[part].write(payload)

    def close(self) -> list[str]:
        files = []
        for writer in self.writers:
            writer.close()
            files.append(writer.path.name)
        write_config(
            self.context.work_dir / "config.cfg",
            with_claims=self.claims > 0,
            max_claim_tokens=self.max_claim_tokens,
            with_nested=self.nested > 0,
            max_entity_tokens=self.max_entity_tokens,
            clitics=self.context.clitics,
        )
        files.append("config.cfg")
        trained = ["`ner` on doc.ents (the outermost entities)"]
        if self.nested:
            trained.append(
                f'`spancat_entities` on doc.spans["entities"] (every entity, {self.nested} of '
                "them nested inside another)"
            )
        if self.claims:
            trained.append(
                f'`spancat` on doc.spans["claims"] '
                f"(n-grams of 1–{min(self.max_claim_tokens, 50)} tokens)"
            )
        self.notes.append("config.cfg trains " + ", ".join(trained) + ".")
        if self.links_left_out:
            self.warnings.append(links_left_out_warning(self.links_left_out))
        return files

    def discard(self) -> None:
        for writer in self.writers:
            writer.discard()
