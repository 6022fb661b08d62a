"""Arabic text in, clean text stored: decoding, import cleaning, matching.

Three jobs, each with an offset map so that spans never drift:

* **Decoding** (:func:`decode_bytes`, :func:`read_text_file`): bytes of an
  article in whatever encoding it came in (UTF-8 with or without BOM, UTF-16,
  Windows Arabic cp1256, ISO 8859-6) to ``str``, or a clear error.
* **Cleaning at import** (:func:`clean_text`): line ends, bidi/format controls
  and NFC, with an :class:`OffsetMap` that moves spans which came with the input.
  The cleaned text is what the project stores; it never changes afterwards.
* **Normalisation for matching** (:func:`normalize_for_matching`,
  :func:`find_all`): a folded copy (tashkeel, tatweel, hamza/alef forms,
  ligatures, digits, case) used for search and suggestions, with a map back to
  the original text. It is never stored.

Offsets are Python code-point offsets, half-open, everywhere.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import os
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyarabic.araby as araby  # type: ignore[import-untyped]

from annotator.core.errors import BinaryFile, EmptyFile, InvalidSpan, UnknownEncoding

__all__ = [
    "CleanedText",
    "DecodedText",
    "NormalizedText",
    "OffsetMap",
    "clean_text",
    "decode_bytes",
    "find_all",
    "normalize_for_matching",
    "read_text_file",
]


def _char_class(codepoints: Iterable[int]) -> str:
    """The inside of a regex ``[...]`` matching exactly ``codepoints`` (as ranges)."""
    points = sorted(set(codepoints))
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = points[i], points[j]
        parts.append(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}")
        i = j + 1
    return "".join(parts)


# =============================================================================
# Decoding
# =============================================================================


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The text of a file and the encoding it was read with.

    :param text: the decoded text; a byte-order mark is never part of it.
    :param encoding: Python codec name (``utf-8``, ``utf-8-sig``, ``utf-16-le``,
        ``cp1256``, ``iso8859-6``, …). Passing it back as ``encoding=`` decodes
        the same bytes to the same text.
    """

    text: str
    encoding: str


# Longest first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Files people pick by mistake. A signature is surer than any byte statistic,
# and lets the message say what the file is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt, which are ZIP files)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"SQLite format 3\x00", "an SQLite database (an Annotator project?)"),
)

# Bytes that never occur in text: C0 controls except TAB LF VT FF CR, and DEL.
# (ESC and SUB are counted too; neither belongs in an article.)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_NON_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_MAX_CONTROL_BYTE_RATIO = 0.05

# Legacy encodings an Arabic article without BOM may be in; cp1256 first
# because it is by far the most common and wins ties (see _decode_legacy).
_LEGACY_CANDIDATES = ("cp1256", "iso8859_6", "utf_16")
_LEGACY_PREFERENCE = {"cp1256": 0, "iso8859-6": 1, "utf-16": 2}

# Arabic letters proper (no tatweel, no marks, no punctuation or digits):
# the basic block's letters and the extended letters used by Persian/Urdu.
_ARABIC_LETTER_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc]")

# Everything a human would not see: white space and invisible format controls.
_INVISIBLE_RE = re.compile(r"[\s\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]*")

_ENCODING_HINT = (
    "If you know the encoding, pass it, e.g. --encoding cp1256 (Windows Arabic), "
    "--encoding iso8859-6, --encoding utf-16 or --encoding utf-8."
)


def read_text_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> DecodedText:
    """Read a text file and decode it; see :func:`decode_bytes` for the rules.

    :param path: the file to read.
    :param encoding: a codec name that overrides detection (``--encoding``).
    :raises EmptyFile, BinaryFile, UnknownEncoding: as :func:`decode_bytes`.
    :raises OSError: the file cannot be read.
    """
    with open(path, "rb") as fh:
        data = fh.read()
    return decode_bytes(data, path=os.fspath(path), encoding=encoding)


def decode_bytes(data: bytes, *, path: str, encoding: str | None = None) -> DecodedText:
    """Decode the bytes of one text file.

    Order of evidence, strongest first:

    1. an explicit ``encoding`` (a wrong one is an error, never mojibake where
       it can be told: bytes it cannot decode, or a UTF-8 file read as a
       single-byte encoding);
    2. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
    3. the signature of a well-known binary format (PNG, ZIP, ELF, PDF, …);
    4. NUL bytes: BOM-less UTF-16, else binary. This comes before UTF-8
       because BOM-less UTF-16LE Arabic is valid UTF-8 by accident;
    5. many control bytes: binary;
    6. strict UTF-8;
    7. cp1256 / ISO 8859-6 / UTF-16 as charset-normalizer finds them
       plausible, keeping the one that reads as the most Arabic letters.

    :param data: the whole file.
    :param path: the file's name, for messages only.
    :param encoding: a codec name that overrides detection.
    :raises EmptyFile: no bytes, or only white space, invisible controls or a BOM.
    :raises BinaryFile: not a text file.
    :raises UnknownEncoding: the encoding is unknown, wrong, or cannot be told.
    """
    if not data:
        raise EmptyFile(
            "the file is empty (0 bytes); there is nothing to import. "
            "Check that you picked the right file.",
            path=path,
        )
    if encoding is not None:
        return _decode_explicit(data, path=path, encoding=encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom=bom, codec=codec, path=path)
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise BinaryFile(
                f"this is {kind}, not a text file. Save the article as plain text "
                "(.txt, UTF-8) and import that file.",
                path=path,
            )
    if b"\x00" in data:
        return _decode_utf16_without_bom(data, path=path)
    if len(data.translate(None, _NON_CONTROL_BYTES)) > _MAX_CONTROL_BYTE_RATIO * len(data):
        raise BinaryFile(
            "this does not look like a text file (it is full of control bytes). "
            "Save the article as plain text (.txt, UTF-8) and import that file.",
            path=path,
        )
    try:
        return _finish(data.decode("utf-8"), "utf-8", path=path)
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc, path=path)
    return _decode_legacy(data, path=path)


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, *, path: str) -> None:
    """Refuse UTF-8 with a few bad bytes rather than read it all as cp1256 mojibake.

    UTF-8 Arabic read as cp1256 is all Arabic letters (ط§ظ„...), so the legacy
    rule would happily take it. Legacy Arabic bytes, read as UTF-8, are almost
    all invalid; a file that is valid UTF-8 but for a few bytes (a truncated
    character, one pasted cp1256 word) is damaged UTF-8.
    """
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ch >= "\x80") - bad
    if good >= 20 * bad:
        raise UnknownEncoding(
            f"the file is UTF-8 except for {bad} invalid byte sequence(s), the first at "
            f"byte offset {exc.start} (0x{data[exc.start]:02x}); it is probably damaged. "
            "Re-save it as UTF-8 in an editor, or, if it really is a legacy encoding, "
            "pass it, e.g. --encoding cp1256.",
            path=path,
        )


def _finish(text: str, codec: str, *, path: str) -> DecodedText:
    """Drop one leading BOM character and refuse text nobody could see."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if _INVISIBLE_RE.fullmatch(text):
        raise EmptyFile(
            "the file holds only white space, invisible controls or a byte-order mark; "
            "there is nothing to annotate. Check that you picked the right file.",
            path=path,
        )
    return DecodedText(text, codec)


def _decode_explicit(data: bytes, *, path: str, encoding: str) -> DecodedText:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise UnknownEncoding(
            f"{encoding!r} is not an encoding Python knows. Use a name such as "
            "utf-8, cp1256, iso8859-6 or utf-16, or leave --encoding out to detect it.",
            path=path,
        ) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnknownEncoding(
            f"the file does not decode as {encoding}: byte 0x{data[exc.start]:02x} at "
            f"offset {exc.start} is not valid there. Check the --encoding value, or "
            "leave it out to let Annotator detect the encoding.",
            path=path,
        ) from None
    # Every single-byte codec "decodes" anything, so a UTF-8 article read as
    # cp1256 would silently become mojibake. Valid UTF-8 with multi-byte
    # sequences is practically never an accident, so call it out.
    if not codec.startswith("utf-8") and not data.isascii() and _is_utf8(data):
        raise UnknownEncoding(
            f"--encoding {encoding} was given, but the file is valid UTF-8; reading it "
            f"as {encoding} would garble the text. Leave --encoding out, or pass "
            "--encoding utf-8.",
            path=path,
        )
    if _control_ratio(text) > _MAX_CONTROL_BYTE_RATIO:
        raise UnknownEncoding(
            f"decoding as {encoding} gives control characters, not text: the encoding "
            "is wrong or the file is not text. Check the --encoding value, or leave it "
            "out to let Annotator detect the encoding.",
            path=path,
        )
    return _finish(text, codec, path=path)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_with_bom(data: bytes, *, bom: bytes, codec: str, path: str) -> DecodedText:
    try:
        text = data[len(bom) :].decode(codec)
    except UnicodeDecodeError as exc:
        if codec == "utf-32-le":
            # FF FE 00 00 is also a UTF-16 LE BOM followed by U+0000 ... rare,
            # but let the UTF-16 reading have its say before giving up.
            return _decode_with_bom(data, bom=codecs.BOM_UTF16_LE, codec="utf-16-le", path=path)
        raise UnknownEncoding(
            f"the file starts with a {codec} byte-order mark but does not decode as "
            f"{codec} (bad bytes at offset {exc.start + len(bom)}); it may be damaged "
            f"or mislabelled. {_ENCODING_HINT}",
            path=path,
        ) from None
    return _finish(text, codec, path=path)


def _control_ratio(text: str) -> float:
    """Share of characters that never occur in text (controls, unassigned, private, surrogates)."""
    if not text:
        return 0.0
    bad = 0
    for ch in text:
        if ch in "\t\n\r\x0b\x0c":
            continue
        if unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"):
            bad += 1
    return bad / len(text)


def _block_concentration(text: str) -> float:
    """Share of characters in the text's three commonest 256-code-point blocks.

    Text in the right byte order uses a few blocks (ASCII + Arabic, say); the
    swapped order scatters every character over a different block.
    """
    counts: dict[int, int] = {}
    for ch in text:
        block = ord(ch) >> 8
        counts[block] = counts.get(block, 0) + 1
    top = sorted(counts.values(), reverse=True)[:3]
    return sum(top) / len(text) if text else 0.0


def _decode_utf16_without_bom(data: bytes, *, path: str) -> DecodedText:
    best: tuple[float, str, str] | None = None
    if len(data) % 2 == 0:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _control_ratio(text) > 0.01:
                continue
            score = _block_concentration(text)
            if best is None or score > best[0]:
                best = (score, codec, text)
    if best is None or best[0] < 0.6:
        raise BinaryFile(
            "the file contains NUL bytes and does not read as UTF-16 text, so it is "
            "probably not a text file. If it is one, save it as UTF-8 and import it again.",
            path=path,
        )
    return _finish(best[2], best[1], path=path)


def _decode_legacy(data: bytes, *, path: str) -> DecodedText:
    # charset-normalizer weeds out decodings that read as noise (it rejects,
    # e.g., KOI8-R Russian or Shift-JIS read as cp1256); among the plausible
    # ones, the reading with the most Arabic letters wins. cp1256 and
    # ISO 8859-6 agree on C1..D6 (hamza..dad) and differ above: ISO 8859-6
    # read as cp1256 turns qaf, heh, waw, yeh, ... into Latin letters (â ç è
    # ê), and cp1256 read as ISO 8859-6 fails on feh/qaf/kaf (DD..DF) or turns
    # yeh into a mark. A stream made only of the bytes both read as letters
    # (e.g. E1 C7 = "لا" in cp1256, "فا" in ISO 8859-6) is genuinely ambiguous:
    # then cp1256, the far commoner encoding of Arabic web text, wins the tie.
    # Imported here: only a file that is not UTF-8 or UTF-16 needs it, and find,
    # stats and the editor import this module (~40 ms of start-up).
    from charset_normalizer import from_bytes

    candidates: list[tuple[int, int, str, str]] = []
    for match in from_bytes(data, cp_isolation=list(_LEGACY_CANDIDATES)):
        codec = codecs.lookup(match.encoding).name
        if codec not in _LEGACY_PREFERENCE:
            continue
        text = str(match)
        letters = len(_ARABIC_LETTER_RE.findall(text))
        candidates.append((letters, -_LEGACY_PREFERENCE[codec], codec, text))
    if candidates:
        letters, _, codec, text = max(candidates)
        if letters > 0:
            return _finish(text, codec, path=path)
    raise UnknownEncoding(
        "cannot tell the text encoding: the file is not UTF-8 or UTF-16, and it does "
        f"not read as Arabic in cp1256 (Windows Arabic) or ISO 8859-6. {_ENCODING_HINT}",
        path=path,
    )


# =============================================================================
# Offset maps (shared by cleaning and matching)
# =============================================================================


class _PiecewiseMap:
    """A map between a source and a derived text that differ in sparse edits.

    Each edit replaces ``src[s0:s1]`` by ``dst[d0:d1]`` (either side may be
    empty); between edits the two texts are identical, shifted by a constant.
    Edits are atomic: an offset inside one maps to its edge. Lookups are
    bisections, so a text without edits costs nothing but two empty lists.
    """

    __slots__ = ("_src_starts", "_src_ends", "_dst_starts", "_dst_ends", "src_length", "dst_length")

    def __init__(
        self,
        src_length: int,
        dst_length: int,
        edits: list[tuple[int, int, int, int]] | None = None,
    ) -> None:
        edits = edits or []
        self.src_length = src_length
        self.dst_length = dst_length
        self._src_starts = [e[0] for e in edits]
        self._src_ends = [e[1] for e in edits]
        self._dst_starts = [e[2] for e in edits]
        self._dst_ends = [e[3] for e in edits]

    @property
    def is_identity(self) -> bool:
        return not self._src_starts

    def forward_start(self, i: int) -> int:
        """Where the output of source character ``i`` begins (rounded down in an edit)."""
        k = bisect_right(self._src_starts, i) - 1
        if k < 0:
            return i
        if i < self._src_ends[k]:
            return self._dst_starts[k]
        return self._dst_ends[k] + (i - self._src_ends[k])

    def forward_end(self, i: int) -> int:
        """Where the output of source character ``i - 1`` ends (rounded up in an edit)."""
        if i == 0:
            return 0
        k = bisect_right(self._src_starts, i - 1) - 1
        if k < 0:
            return i
        if i - 1 < self._src_ends[k]:
            return self._dst_ends[k]
        return self._dst_ends[k] + (i - self._src_ends[k])

    def backward_start(self, j: int) -> int:
        """The first source character that produced derived character ``j``."""
        k = bisect_right(self._dst_starts, j) - 1
        if k < 0:
            return j
        if j < self._dst_ends[k]:
            return self._src_starts[k]
        return self._src_ends[k] + (j - self._dst_ends[k])

    def backward_end(self, j: int) -> int:
        """Just after the last source character that produced derived character ``j - 1``."""
        if j == 0:
            return 0
        k = bisect_right(self._dst_starts, j - 1) - 1
        if k < 0:
            return j
        if j - 1 < self._dst_ends[k]:
            return self._src_ends[k]
        return self._src_ends[k] + (j - self._dst_ends[k])


class _EditBuilder:
    """Collects the pieces of a derived text and the edits that made it."""

    __slots__ = ("source", "pieces", "edits", "src_pos", "dst_pos")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pieces: list[str] = []
        self.edits: list[tuple[int, int, int, int]] = []
        self.src_pos = 0
        self.dst_pos = 0

    def replace(self, start: int, end: int, new: str, *, atomic: bool = True) -> None:
        """Replace ``source[start:end]`` (at or after the last edit) by ``new``.

        :param atomic: record an edit even when the length does not change
            (``False``: a same-length replacement keeps per-character offsets).
        """
        if start > self.src_pos:
            self.pieces.append(self.source[self.src_pos : start])
            self.dst_pos += start - self.src_pos
        self.pieces.append(new)
        if atomic or len(new) != end - start:
            self.edits.append((start, end, self.dst_pos, self.dst_pos + len(new)))
        self.dst_pos += len(new)
        self.src_pos = end

    def finish(self) -> tuple[str, _PiecewiseMap]:
        if self.src_pos < len(self.source):
            self.pieces.append(self.source[self.src_pos :])
            self.dst_pos += len(self.source) - self.src_pos
        text = "".join(self.pieces)
        return text, _PiecewiseMap(len(self.source), len(text), self.edits)


# =============================================================================
# Cleaning at import
# =============================================================================

# Removed wherever they are: bidi marks, embeddings, overrides and isolates,
# and U+FEFF (a BOM at the start, a stray "zero-width no-break space" inside,
# which Word and web editors leave behind). They carry no text, and a stored
# RLM would be one invisible character for annotators to trip over.
_STRIP_CONTROL_CHARS = (
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
)
_STRIP_CONTROLS_SET = frozenset(_STRIP_CONTROL_CHARS)
# ZWNJ and ZWJ change how neighbouring letters join (Persian می‌خواهم, Kurdish,
# Urdu) and ZWJ glues emoji sequences; elsewhere (edges of words, next to
# spaces, digits or punctuation) they are copy-paste noise. So each one is
# kept exactly when both of its immediate neighbours are letters, marks or
# symbols, and removed otherwise. The rule looks at the raw neighbours only,
# so the decision for one character never depends on text further away.
_JOINERS = "\u200c\u200d"
_JOINER_NEIGHBOUR_CATEGORIES = ("L", "M", "S")

# Looked for with ``in``: a substring search per character beats a regex
# class scan several times over on Arabic text.
_CLEANING_TRIGGERS = ("\r", *_STRIP_CONTROL_CHARS, *_JOINERS)
_EDIT_RE = re.compile(f"(?P<crlf>\r\n?)|(?P<ctrl>[{_STRIP_CONTROL_CHARS}]+)|(?P<zw>[{_JOINERS}])")


def _keeps_joiner(raw: str, i: int) -> bool:
    """Whether the ZWNJ/ZWJ at ``raw[i]`` sits between two word characters."""
    if i == 0 or i + 1 >= len(raw):
        return False
    return (
        unicodedata.category(raw[i - 1])[0] in _JOINER_NEIGHBOUR_CATEGORIES
        and unicodedata.category(raw[i + 1])[0] in _JOINER_NEIGHBOUR_CATEGORIES
    )


@functools.cache
def _nfc_cluster_re() -> re.Pattern[str]:
    """A regex for the runs of text that NFC may change, built once on first need.

    NFC only rewrites a character together with the marks after it, so the
    text splits into independent clusters: a base, then any characters that
    cannot start a cluster ("non-boundaries"): combining marks (ccc != 0), the
    second character of any canonical pair (including the ccc = 0 vowel signs
    of Indic scripts and the Hangul V/T jamo), and characters whose
    decomposition begins with a mark. Characters NFC changes on their own
    (singletons such as U+212B, exclusions such as U+0958) form a cluster
    alone. Removed controls and joiners may sit inside a cluster: removing an
    RLM between alef and U+0654 lets NFC compose them into one letter.
    """
    non_boundary: set[int] = {*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)}
    changes_alone: set[int] = set()
    # No character above U+2FFFF except U+E0000 tags/selectors is a mark or
    # has a canonical decomposition; scanning less keeps the first call fast.
    for cp in itertools.chain(range(0x30000), range(0xE0000, 0xE1000)):
        ch = chr(cp)
        if unicodedata.combining(ch):
            non_boundary.add(cp)
            continue
        decomposition = unicodedata.decomposition(ch)
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = decomposition.split()
        if len(parts) == 2:
            non_boundary.add(int(parts[1], 16))
        if unicodedata.combining(unicodedata.normalize("NFD", ch)[0]):
            non_boundary.add(cp)
        elif not unicodedata.is_normalized("NFC", ch):
            changes_alone.add(cp)
    changes_alone -= non_boundary
    nb = _char_class(non_boundary)
    inside = f"{_STRIP_CONTROL_CHARS}{_JOINERS}"
    return re.compile(
        f"(?P<crlf>\r\n?)"
        f"|(?P<cluster>[^\r\n{inside}](?:[{inside}]*[{nb}])+|[{_char_class(changes_alone)}])"
        f"|(?P<ctrl>[{_STRIP_CONTROL_CHARS}]+)"
        f"|(?P<zw>[{_JOINERS}])"
    )


class OffsetMap:
    """Moves offsets from a raw text to its cleaned text (see :func:`clean_text`).

    Raw characters that cleaning removes map to the next kept character.
    Characters that NFC rewrites together (``ا`` + U+0654 → ``أ``, CR LF → LF)
    form one cluster: an offset inside a cluster rounds out to the cluster's
    edge, so a span never covers part of a composed character.
    """

    __slots__ = ("_piecewise", "_compute", "_raw_length", "_clean_length")

    def __init__(
        self,
        piecewise: _PiecewiseMap | None,
        *,
        raw_length: int,
        clean_length: int,
        compute: Callable[[], _PiecewiseMap] | None = None,
    ) -> None:
        # ``compute`` defers building the edit list until an offset is asked
        # for: most imported documents come without spans, and a CRLF file's
        # text is cleaned in C while its map would cost a Python-level pass.
        self._piecewise = piecewise
        self._compute = compute
        self._raw_length = raw_length
        self._clean_length = clean_length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that cleaning leaves unchanged."""
        return cls(_PiecewiseMap(length, length), raw_length=length, clean_length=length)

    @property
    def _map(self) -> _PiecewiseMap:
        if self._piecewise is None:
            assert self._compute is not None
            piecewise = self._compute()
            # The lazy pass and the eager cleaning must agree on the text.
            assert (piecewise.src_length, piecewise.dst_length) == (
                self._raw_length,
                self._clean_length,
            )
            self._piecewise, self._compute = piecewise, None
        return self._piecewise

    @property
    def raw_length(self) -> int:
        return self._raw_length

    @property
    def clean_length(self) -> int:
        return self._clean_length

    @property
    def is_identity(self) -> bool:
        """True when the cleaned text is the raw text."""
        return self._map.is_identity

    def to_clean(self, raw_offset: int) -> int:
        """The cleaned offset where raw character ``raw_offset`` (or the next kept one) begins.

        :param raw_offset: ``0 <= raw_offset <= raw_length``.
        :raises InvalidSpan: the offset is outside the raw text.
        """
        self._check(raw_offset, self.raw_length, "raw")
        return self._map.forward_start(raw_offset)

    def to_raw(self, clean_offset: int) -> int:
        """The raw offset of the first raw character behind cleaned character ``clean_offset``.

        Removed characters just before it are skipped, so the result is where
        the visible character starts in the raw text.

        :param clean_offset: ``0 <= clean_offset <= clean_length``.
        :raises InvalidSpan: the offset is outside the cleaned text.
        """
        self._check(clean_offset, self.clean_length, "cleaned")
        return self._map.backward_start(clean_offset)

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """Move the raw half-open span ``[start, end)`` to the cleaned text.

        The result covers exactly the cleaned form of the same characters:
        removed characters at either edge fall away, and a span that cuts a
        cluster NFC composes grows to the whole cluster. A span whose
        characters are *all* removed (say, only an RLM) returns an **empty**
        span ``(p, p)`` at the place where they were; the importer reports it.

        :param start: raw start offset.
        :param end: raw end offset, ``start < end <= raw_length``.
        :raises InvalidSpan: the span is empty, reversed or outside the raw text.
        """
        if not 0 <= start < end <= self.raw_length:
            raise InvalidSpan(
                f"span {start}–{end} is empty, reversed or outside the text "
                f"(length {self.raw_length})."
            )
        clean_start = self._map.forward_start(start)
        return clean_start, max(clean_start, self._map.forward_end(end))

    @staticmethod
    def _check(offset: int, length: int, which: str) -> None:
        if not 0 <= offset <= length:
            raise InvalidSpan(f"offset {offset} is outside the {which} text (length {length}).")

    def __repr__(self) -> str:
        return f"OffsetMap(raw_length={self.raw_length}, clean_length={self.clean_length})"


@dataclass(frozen=True, slots=True)
class CleanedText:
    """The text to store and the map that moves raw offsets onto it.

    :param text: the cleaned text.
    :param offsets: raw → cleaned offsets.
    """

    text: str
    offsets: OffsetMap


def clean_text(raw: str) -> CleanedText:
    """Clean an article's text once, at import, keeping offsets movable.

    In order:

    * CR LF and lone CR become LF;
    * bidi and format controls are removed: LRM, RLM, ALM, LRE/RLE/PDF/LRO/RLO,
      LRI/RLI/FSI/PDI, and U+FEFF (a BOM at the start or a stray one inside);
    * ZWNJ/ZWJ are kept only between two letters, marks or symbols, where
      they change how letters join (Persian, Urdu) or glue emoji; elsewhere
      they are noise and are removed;
    * NFC, per cluster of base + marks, so offsets stay exact outside
      clusters NFC actually changes.

    NBSP (U+00A0) and every other character are kept as they are; white
    space is not collapsed.

    :param raw: the text as decoded.
    :returns: the cleaned text and its :class:`OffsetMap`.
    """
    # Most articles need nothing: a regex scan and NFC quick check, both in C,
    # and no per-character work at all.
    present = [ch for ch in _CLEANING_TRIGGERS if ch in raw]
    if not present and unicodedata.is_normalized("NFC", raw):
        return CleanedText(raw, OffsetMap.identity(len(raw)))
    if not any(ch in _JOINERS for ch in present):
        # Line ends and controls only, done in C. If that is NFC already (the
        # usual case: CRLF files, text pasted with RLMs), the map is the list
        # of those edits, built only if someone asks for an offset.
        text = raw
        for ch in present:
            text = (
                text.replace("\r\n", "\n").replace("\r", "\n")
                if ch == "\r"
                else text.replace(ch, "")
            )
        if unicodedata.is_normalized("NFC", text):
            return CleanedText(
                text,
                OffsetMap(
                    None,
                    raw_length=len(raw),
                    clean_length=len(text),
                    compute=functools.partial(_edit_map, raw),
                ),
            )
    else:
        # Joiners: keep-or-remove depends on their neighbours, so go through
        # the edit pass at once.
        text, piecewise = _clean_with(_EDIT_RE, raw)
        if unicodedata.is_normalized("NFC", text):
            return CleanedText(text, _eager(raw, text, piecewise))
    # NFC changes something: clusters, in one pass from the raw text so that
    # the map stays a single list of edits (no composition of two maps).
    text, piecewise = _clean_with(_nfc_cluster_re(), raw)
    return CleanedText(text, _eager(raw, text, piecewise))


def _eager(raw: str, text: str, piecewise: _PiecewiseMap) -> OffsetMap:
    return OffsetMap(piecewise, raw_length=len(raw), clean_length=len(text))


def _edit_map(raw: str) -> _PiecewiseMap:
    return _clean_with(_EDIT_RE, raw)[1]


def _clean_with(pattern: re.Pattern[str], raw: str) -> tuple[str, _PiecewiseMap]:
    builder = _EditBuilder(raw)
    for match in pattern.finditer(raw):
        kind = match.lastgroup
        start, end = match.span()
        if kind == "crlf":
            builder.replace(start, end, "\n")
        elif kind == "ctrl":
            builder.replace(start, end, "")
        elif kind == "zw":
            if not _keeps_joiner(raw, start):
                builder.replace(start, end, "")
        else:
            _clean_cluster(builder, raw, start, end)
    return builder.finish()


def _clean_cluster(builder: _EditBuilder, raw: str, start: int, end: int) -> None:
    """Remove controls inside one NFC cluster, then compose it."""
    removed = [i for i in range(start, end) if _is_removed(raw, i)]
    kept = "".join(raw[i] for i in range(start, end) if i not in removed)
    composed = unicodedata.normalize("NFC", kept)
    if composed == kept:
        # NFC changes nothing here: remove the controls one by one, so that
        # offsets of the letters and marks stay exact.
        for i in removed:
            builder.replace(i, i + 1, "")
    else:
        builder.replace(start, end, composed)


def _is_removed(raw: str, i: int) -> bool:
    ch = raw[i]
    if ch in _JOINERS:
        return not _keeps_joiner(raw, i)
    return ch in _STRIP_CONTROLS_SET


# =============================================================================
# Normalisation for matching
# =============================================================================

# Folded away entirely. "Attached" characters belong to the letter before
# them (harakat, shadda, sukun, tanween, superscript alef, hamza/madda marks,
# Quranic marks, tatweel): a match that ends on that letter takes them along.
# pyarabic's TASHKEEL is the core; the block scan adds the rarer marks.
_ATTACHED: frozenset[str] = frozenset(
    {
        *araby.TASHKEEL,
        araby.TATWEEL,
        araby.SMALL_ALEF,
        araby.HAMZA_ABOVE,
        araby.HAMZA_BELOW,
        araby.MADDA_ABOVE,
        "\u0674",  # ARABIC LETTER HIGH HAMZA: a hamza sign, folded like U+0654
        *(
            chr(cp)
            for cp in (*range(0x0610, 0x0700), *range(0x0750, 0x0780), *range(0x0870, 0x0900))
            if unicodedata.category(chr(cp)) == "Mn"
        ),
    }
)
# Invisible format characters: removed for matching, attached to nothing.
_INVISIBLE_FORMAT: frozenset[str] = frozenset(
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
# Horizontal white space: each folds to a plain space (1:1), then a run of
# spaces folds to one.
_HSPACE = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_SPACE_RUN_RE = re.compile("  +")

# Letter folds, one character to one. Hamza seats fold to the bare letter:
# أ إ آ ٱ ٲ ٳ → ا (not pyarabic's normalize_hamza, which turns آ into two
# characters, nor normalize_alef, which also folds ى into ا); ؤ → و; and
# ئ → ي, the letter its Unicode decomposition (ي + U+0654) sits on, so the
# composed and decomposed spellings fold alike. ى stays distinct from ا and
# from ي; ة stays distinct from ه.
_LETTER_FOLDS: dict[str, str] = {
    **{
        ch: araby.ALEF
        for ch in araby.ALEFAT
        if ch not in (araby.ALEF, araby.ALEF_MAKSURA, araby.SMALL_ALEF)
    },
    "\u0672": araby.ALEF,  # alef with wavy hamza above
    "\u0673": araby.ALEF,  # alef with wavy hamza below
    araby.WAW_HAMZA: araby.WAW,
    araby.YEH_HAMZA: araby.YEH,
    "\u06a9": "\u0643",  # Persian keheh, typed for kaf on Persian keyboards
    # Arabic-Indic and Persian digits match ASCII ones ("١ كم" ~ "1 كم").
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}


@dataclass(frozen=True, slots=True)
class _MatchTables:
    one_to_one: dict[int, str]
    # The characters of ``one_to_one``: most text has few of them, and a
    # regex scan finds them faster than ``str.translate`` visits every char.
    one_to_one_re: re.Pattern[str]
    expansions: dict[str, str]
    # Characters a length-changing fold touches (deleted or expanded). One
    # character class, so the regex engine skips everything else in C.
    special: re.Pattern[str]
    # What each of ``special``'s characters becomes (``None``: deleted), for
    # :func:`fold_text`, which needs no map back.
    special_table: dict[int, str | None]


def _fold_chars(text: str) -> str:
    return "".join(
        _LETTER_FOLDS.get(ch, ch)
        for ch in text
        if ch not in _ATTACHED and ch not in _INVISIBLE_FORMAT
    )


@functools.cache
def _match_tables() -> _MatchTables:
    """Fold tables, built once on first use (a scan of the BMP, ~10 ms).

    Only characters NFKC or casefold can change are folded one by one (~4,600 of
    the BMP): one without a decomposition whose casefold is itself folds to itself,
    the letter folds and the deleted marks aside (``tests/core/test_text_match``
    checks this against folding every character; folding them all took ~0.1 s of
    every ``find`` and of an editor's first search).
    """
    one_to_one: dict[int, str] = {ord(k): v for k, v in _LETTER_FOLDS.items()}
    one_to_one.update({ord(ch): " " for ch in _HSPACE if ch != " "})
    expansions: dict[str, str] = {}
    for cp in range(0x10000):
        ch = chr(cp)
        if not unicodedata.decomposition(ch) and ch.casefold() == ch:
            continue
        if cp in one_to_one or ch in _ATTACHED or ch in _INVISIBLE_FORMAT or ch == " ":
            continue
        if 0xD800 <= cp <= 0xDFFF:
            continue
        # NFKC takes presentation forms and ligatures apart (ﻻ → لا, ﷲ → الله,
        # ﻷ → لأ, whose hamza is then folded like any other); casefold folds
        # Latin, Greek, Cyrillic case.
        folded = _fold_chars(unicodedata.normalize("NFKC", ch).casefold())
        if folded == ch:
            continue
        if len(folded) == 1:
            one_to_one[cp] = folded
        else:
            expansions[ch] = folded
    special = _char_class(map(ord, _ATTACHED | _INVISIBLE_FORMAT | expansions.keys()))
    special_table: dict[int, str | None] = {ord(ch): None for ch in _ATTACHED | _INVISIBLE_FORMAT}
    special_table.update({ord(ch): folded for ch, folded in expansions.items()})
    return _MatchTables(
        one_to_one,
        re.compile(f"[{_char_class(one_to_one)}]+"),
        expansions,
        re.compile(f"[{special}]+"),
        special_table,
    )


@dataclass(frozen=True, slots=True, eq=False)
class NormalizedText:
    """A folded copy of a text for matching, with a map back to the original.

    :param text: the folded text.
    :param original: the text it was made from.
    """

    text: str
    original: str
    _map: _PiecewiseMap

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Move a half-open span of :attr:`text` back to :attr:`original`.

        The result starts on the original character behind ``text[start]`` and
        ends after the one behind ``text[end - 1]`` plus the marks and tatweel
        attached to it; a folded character that came from a ligature or a run
        of spaces maps to the whole of it.

        :param start: start in the folded text.
        :param end: end in the folded text, ``start <= end <= len(text)``.
        :raises InvalidSpan: the span is reversed or outside the folded text.
        """
        if not 0 <= start <= end <= len(self.text):
            raise InvalidSpan(
                f"span {start}–{end} is reversed or outside the normalised text "
                f"(length {len(self.text)})."
            )
        orig_start = self._map.backward_start(start)
        if start == end:
            return orig_start, orig_start
        orig_end = self._map.backward_end(end)
        original = self.original
        while orig_end < len(original) and original[orig_end] in _ATTACHED:
            orig_end += 1
        return orig_start, orig_end


def normalize_for_matching(text: str) -> NormalizedText:
    """Fold a text for search and suggestions.

    Folds: tashkeel (harakat, shadda, sukun, tanween, superscript alef,
    Quranic marks), tatweel, hamza/alef forms (أ إ آ ٱ → ا, ؤ → و, ئ → ي;
    ى kept), invisible format controls, NFKC of presentation forms and
    ligatures (ﻻ → لا), Arabic-Indic digits → ASCII, Latin/Greek/Cyrillic
    case, and runs of horizontal white space (NBSP included) → one space.
    Line breaks are kept. The fold is per character, so it needs no NFC:
    ``ا`` + U+0654 folds like ``أ``.

    :param text: any text; usually a document's stored text.
    """
    tables = _match_tables()
    # 1:1 folds keep every offset, so they run in C over the whole text; only
    # length-changing folds (deletions, expansions, space runs) become edits,
    # found by two single-class scans that skip ordinary text in C.
    table = tables.one_to_one
    translated = tables.one_to_one_re.sub(lambda m: m.group().translate(table), text)
    replacements: list[tuple[int, int, str]] = [
        (m.start(), m.end(), " ") for m in _SPACE_RUN_RE.finditer(translated)
    ]
    expansions = tables.expansions
    for match in tables.special.finditer(translated):
        start, end = match.span()
        run = match.group()
        if not any(ch in expansions for ch in run):
            replacements.append((start, end, ""))
            continue
        for i, ch in enumerate(run, start):
            replacements.append((i, i + 1, expansions.get(ch, "")))
    replacements.sort()
    builder = _EditBuilder(translated)
    for start, end, new in replacements:
        builder.replace(start, end, new)
    folded, piecewise = builder.finish()
    return NormalizedText(folded, text, piecewise)


def fold_text(text: str) -> str:
    """``normalize_for_matching(text).text``, without the map back: what the find
    index holds of each document, folded at import (three scans in C, no edit list).

    The same folds in the same order: 1:1 folds first; then runs of spaces, found
    before deletions as :func:`normalize_for_matching` finds them (a space, a
    harakah, a space stay two spaces); then deletions and expansions.
    """
    tables = _match_tables()
    table = tables.one_to_one
    translated = tables.one_to_one_re.sub(lambda m: m.group().translate(table), text)
    spaced = _SPACE_RUN_RE.sub(" ", translated)
    special_table = tables.special_table
    return tables.special.sub(lambda m: m.group().translate(special_table), spaced)


def _splits_a_character(original: str, start: int, end: int) -> bool:
    """Whether a span starts on a combining mark or stops before one it left out."""
    if start < len(original) and unicodedata.category(original[start])[0] == "M":
        return True
    return end < len(original) and unicodedata.category(original[end])[0] == "M"


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Every match of ``query`` in ``text``, tolerant of tashkeel, tatweel and hamza.

    Both sides are folded by :func:`normalize_for_matching` (the query is
    NFC-normalised first and stripped of surrounding white space); matches are
    found left to right without overlapping, and returned as offsets into the
    original ``text``, each covering whole characters: a match ending on a
    letter takes its tashkeel along, one touching a ligature covers all of it.
    A match that would split a non-Arabic base letter from a combining mark
    it keeps (``e`` inside ``e`` + U+0301) is skipped.

    :param text: the text to search (a document's stored text).
    :param query: what the user typed.
    :returns: ``(start, end)`` pairs, in order; empty if the query folds to nothing.
    """
    needle = normalize_for_matching(unicodedata.normalize("NFC", query)).text.strip(" \n")
    if not needle:
        return []
    haystack = normalize_for_matching(text)
    folded = haystack.text
    found: list[tuple[int, int]] = []
    pos = folded.find(needle)
    while pos >= 0:
        start, end = haystack.to_original(pos, pos + len(needle))
        if _splits_a_character(text, start, end):
            pos = folded.find(needle, pos + 1)
            continue
        found.append((start, end))
        pos = folded.find(needle, pos + len(needle))
    return found
