"""Input readers: one function per format, in a registry keyed by format name.

Every reader is a generator ``read_<fmt>(path, *, options) -> Iterator[RawDocument]``.
Readers hand over the text *as found* (CRLF, bidi controls and all) with span
offsets into that raw text; cleaning the text and moving the spans with it is
the importer's job, and so is checking offsets against the text. Readers check
the *shape* of their input and raise :class:`MalformedInput` naming the file,
the line and what to do.

>>> from annotator.core.formats import READERS, ReadOptions, detect_format
>>> fmt = detect_format(path)                       # "txt" | "jsonl" | "conll" | "spacy"
>>> for raw in READERS[fmt](path, options=ReadOptions(label_map={"PERS": "PER"})):
...     ...
"""

from __future__ import annotations

import errno
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ImportFailed, UnknownFormat
from annotator.core.model import RawDocument


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """What the user told us about the input (the CLI fills it from its flags).

    :param encoding: decode text files with this codec instead of detecting it
        (``txt`` and ``conll``; JSONL is UTF-8 by specification).
    :param tag_column: CoNLL only: which column holds the entity tags. The token
        is column 0, so ``1`` is the first column after the token (``--tag-column 1``).
        ``None``: the last column when every line has the same number of columns
        (CoNLL 2003, ANERcorp), else column 1 (Wojood nested: outermost layer).
    :param iob1: CoNLL only: accept ``I-X`` after ``O`` or after another type as the
        start of an entity (IOB1, the original CoNLL 2003 files). Off by default so
        that a broken IOB2 file is reported instead of silently read.
    :param label_map: renames applied to every label read, e.g. ``{"PERS": "PER"}``;
        see :data:`COMMON_LABEL_MAP`.
    :param default_annotator: whose annotations these are. When given it wins over
        what the file says (the user said so on the command line).
    :param lenient: CoNLL: skip malformed lines (empty tokens, lines run together,
        lines without a tag) and read ``I-X`` after ``O`` as a start, listing each in
        ``RawDocument.warnings``, instead of refusing the file.
    :param sentences_per_document: CoNLL: cut a file without ``-DOCSTART-`` lines
        into documents of this many sentences (``None``: one document).
    :param max_errors: how many problems of one file a message lists (then a count).
    :param paragraphs_per_document: txt: cut a file at blank lines into documents of
        this many paragraphs (a huge file that is not one article).
    :param allow_no_spans: CoNLL: take a tagged file in which every tag is ``O``
        (refused by default: it usually means the wrong tag column).
    """

    encoding: str | None = None
    tag_column: int | None = None
    iob1: bool = False
    label_map: Mapping[str, str] = field(default_factory=dict)
    default_annotator: str | None = None
    lenient: bool = False
    sentences_per_document: int | None = None
    max_errors: int = 20
    allow_no_spans: bool = False
    paragraphs_per_document: int | None = None

    def map_label(self, label: str) -> str:
        return self.label_map.get(label, label)


#: Label names other Arabic and English corpora use for ours. Not applied by
#: default: the CLI passes it (or the user's own mapping) as ``label_map``.
COMMON_LABEL_MAP: dict[str, str] = {
    "PERS": "PER",
    "PERSON": "PER",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
}

Reader = Callable[..., Iterator[RawDocument]]

# Imported after ReadOptions: the readers refer to it only for type checking.
from annotator.core.formats.conll import read_conll  # noqa: E402
from annotator.core.formats.docbin import read_docbin  # noqa: E402
from annotator.core.formats.jsonl import read_jsonl  # noqa: E402
from annotator.core.formats.txt import read_txt, read_txt_data  # noqa: E402

READERS: dict[str, Reader] = {
    "txt": read_txt,
    "jsonl": read_jsonl,
    "conll": read_conll,
    "spacy": read_docbin,
}

#: File name endings of each format (lower case, with the dot).
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "txt": (".txt", ".text"),
    "jsonl": (".jsonl", ".ndjson", ".jsonlines", ".json"),
    "conll": (".conll", ".conll03", ".conll2003", ".iob", ".iob2", ".bio", ".bilou", ".tsv"),
    "spacy": (".spacy",),
}

_BY_EXTENSION = {ext: fmt for fmt, exts in EXTENSIONS.items() for ext in exts}
_SNIFF_BYTES = 8192
_TAG_RE = re.compile(rb"^(?:O|[BIELSU]-\S+|-DOCSTART-)$")


def read_documents(
    path: Path, *, fmt: str | None = None, options: ReadOptions | None = None
) -> Iterator[RawDocument]:
    """Read ``path`` with the reader of ``fmt`` (detected when ``None``)."""
    fmt = fmt or detect_format(path)
    if fmt not in READERS:
        raise UnknownFormat(f"unknown format {fmt!r}; choose one of {', '.join(READERS)}")
    return READERS[fmt](Path(path), options=options or ReadOptions())


def detect_format(path: Path) -> str:
    """The format of ``path``: by its extension, else by its first bytes.

    ``.txt`` files that look like CoNLL (``token TAG`` lines, as the CAMeL Lab
    ANERcorp splits are shipped) are read as CoNLL. A ``.json`` file must hold
    JSON lines, not one JSON array.

    :raises UnknownFormat: the message names the file and the ``--format`` choices.
    """
    path = Path(path)
    ext = path.suffix.lower()
    if ext == ".conllu":
        raise UnknownFormat(
            f"{path}: CoNLL-U has no standard entity column (the token is column 1); "
            "convert it to 'token<TAB>TAG' lines and import it as --format conll"
        )
    fmt = _BY_EXTENSION.get(ext)
    if fmt == "txt":
        return "conll" if _looks_like_conll(_head(path)) else "txt"
    if ext == ".json":
        head = _head(path).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"["):
            raise UnknownFormat(
                f"{path}: holds one JSON array; the importer reads JSON lines "
                "(one object per line, as Prodigy and doccano export them). "
                "Convert it, e.g. with `jq -c '.[]' in.json > out.jsonl`"
            )
        return "jsonl"
    if fmt is not None:
        return fmt
    sniffed = _sniff(_head(path))
    if sniffed is None:
        raise UnknownFormat(
            f"{path}: cannot tell the format from the name or the content; "
            f"pass --format with one of {', '.join(READERS)} "
            f"(known endings: {', '.join(sorted(_BY_EXTENSION))})"
        )
    return sniffed


def read_detected(path: Path, *, options: ReadOptions) -> tuple[str, Iterator[RawDocument]]:
    """:func:`detect_format` of ``path`` and its reader's documents, opening an
    article once: a ``.txt`` file's first bytes tell an article from CoNLL lines,
    and an article's reader takes the rest from the same open file (at 10,000
    articles, 10,000 opens fewer).

    :raises UnknownFormat, ImportFailed: as :func:`detect_format`.
    """
    if _BY_EXTENSION.get(path.suffix.lower()) != "txt":
        fmt = detect_format(path)
        return fmt, READERS[fmt](path, options=options)
    try:
        file = open(path, "rb")  # closed below, once the rest is read
    except OSError as e:
        raise ImportFailed(f"cannot read the file ({e.strerror})", path=str(path)) from e
    with file:
        try:
            head = file.read(_SNIFF_BYTES)
        except OSError as e:
            raise ImportFailed(f"cannot read the file ({e.strerror})", path=str(path)) from e
        if _looks_like_conll(head):
            return "conll", read_conll(path, options=options)
        data = head + file.read()
    return "txt", read_txt_data(data, path, options=options)


def iter_input_files(
    paths: Iterable[Path], *, fmt: str | None = None, skipped: list[str] | None = None
) -> list[Path]:
    """The files to import: ``paths`` with folders expanded recursively.

    Folders are walked in natural sort order (``2.txt`` before ``10.txt``), hidden
    files and folders (``.git``, ``.DS_Store``) skipped. With ``fmt=None`` a folder
    yields the files whose format :func:`detect_format` recognises (by ending, or by
    content for files without an ending); with a format given it yields the files
    with that format's endings, ``.txt`` files and files without an ending. Files
    named explicitly are always kept, whatever their name: :func:`detect_format`
    reports an unknown one when it is read, for that file alone. Duplicates are
    dropped, first occurrence kept.

    Entries of a folder that are not regular files (a FIFO named ``f.txt``, a
    socket, a device) or are broken or looping symlinks are never opened (a FIFO
    would block the import forever): they are left out and, with ``skipped``,
    listed there with the reason.

    :param fmt: a key of :data:`READERS`, or ``None``/``"auto"`` to detect.
    :param skipped: a list to append ``"path: reason"`` of each entry left out.
    :raises ImportFailed: a path does not exist, or a path given by name is not a
        regular file or folder.
    :raises UnknownFormat: ``fmt`` is not a known format.
    """
    if fmt == "auto":
        fmt = None
    if fmt is not None and fmt not in READERS:
        raise UnknownFormat(f"unknown format {fmt!r}; choose one of {', '.join(READERS)}")
    # (os.path.abspath of the path, the path): abspath, not resolve(), for the
    # duplicates: a stat per path is the cost of a 10,000-file import.
    found: list[tuple[str, Path]] = []
    left_out = skipped if skipped is not None else []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(_walk(path, fmt=fmt, skipped=left_out))
            continue
        reason = _not_regular(path)
        if reason is None:
            found.append((os.path.abspath(path), path))
        elif reason == "missing":
            raise ImportFailed("no such file or folder", path=str(path))
        else:
            raise ImportFailed(
                f"{reason}; only regular files and folders are imported", path=str(path)
            )
    seen: set[str] = set()
    unique = []
    for key, path in found:
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _not_regular(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (``None``: it is one)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "a symlink loop"
        if os.path.islink(path):
            return "a broken symlink"
        if e.errno == errno.ENOENT:
            return "missing"
        return f"cannot be read ({e.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    return "not a regular file"


def _walk(folder: Path, *, fmt: str | None, skipped: list[str]) -> list[tuple[str, Path]]:
    """The files of ``folder`` to import, each with its ``os.path.abspath``."""
    wanted = set(EXTENSIONS[fmt]) | {".txt", ""} if fmt else None
    found: list[tuple[list[tuple[tuple[int, int | str], ...]], str, Path, str]] = []
    # scandir, not os.walk and a stat per file: a directory entry tells a regular
    # file without a stat; a file's absolute path is its folder's and its name
    # (abspath per file costs as much as the walk), and only the files kept
    # become Paths, each a child of its folder's (10,000 files).
    folders: list[tuple[str, list[str], Path, str]] = [
        (os.fspath(folder), [], folder, os.path.abspath(folder))
    ]
    while folders:
        root, rel_parts, root_path, abs_root = folders.pop()
        try:
            with os.scandir(root) as scan:
                entries = list(scan)
        except OSError:
            continue  # as os.walk: a folder that cannot be listed is passed over
        subfolders = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                # As os.walk: hidden folders and symlinks to folders are not walked.
                if not name.startswith(".") and not entry.is_symlink():
                    subfolders.append(
                        (
                            entry.path,
                            [*rel_parts, name],
                            root_path / name,
                            os.path.join(abs_root, name),
                        )
                    )
                continue
            if name.startswith("."):
                continue
            path = entry.path
            ext = os.path.splitext(name)[1].lower()
            try:
                regular = entry.is_file(follow_symlinks=False)
            except OSError:
                regular = False
            reason = None if regular else _not_regular(root_path / name)
            if reason is not None:
                skipped.append(f"{root_path / name}: {reason}; skipped")
                continue
            if wanted is not None:
                if ext not in wanted:
                    continue
            elif ext not in _BY_EXTENSION and not (ext == "" and _sniff(_head(Path(path)))):
                continue
            found.append((_natural_key([*rel_parts, name]), abs_root, root_path, name))
        # Depth first, each folder's subfolders in listing order (as os.walk).
        folders.extend(reversed(subfolders))
    found.sort(key=lambda item: item[0])
    return [
        (os.path.join(abs_root, name), root_path / name) for _, abs_root, root_path, name in found
    ]


def _natural_key(parts: Iterable[str]) -> list[tuple[tuple[int, int | str], ...]]:
    return [
        tuple(
            (0, int(bit)) if bit.isdigit() else (1, bit.casefold()) for bit in _DIGITS.split(part)
        )
        for part in parts
    ]


_DIGITS = re.compile(r"(\d+)")


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(_SNIFF_BYTES)
    except OSError as e:
        raise ImportFailed(f"cannot read the file ({e.strerror})", path=str(path)) from e


def _sniff(head: bytes) -> str | None:
    if not head:
        return None
    if _is_zlib(head):
        return "spacy"  # a DocBin is zlib-compressed msgpack
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "txt"  # UTF-16 with a BOM
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    if _looks_like_conll(head):
        return "conll"
    if _looks_like_text(head):
        return "txt"
    return None


def _is_zlib(head: bytes) -> bool:
    if len(head) < 2 or head[0] != 0x78 or (head[0] * 256 + head[1]) % 31:
        return False
    try:
        zlib.decompressobj().decompress(head)
    except zlib.error:
        return False
    return True


def _looks_like_conll(head: bytes) -> bool:
    """At least three lines, and nine in ten complete non-blank lines end in a tag
    (not all: ANERcorp has lines without a token or without a tag, which the CoNLL
    reader then reports by line instead of the file silently becoming an article)."""
    lines = head.split(b"\n")
    if len(head) == _SNIFF_BYTES:
        lines = lines[:-1]  # cut mid-line
    # Each non-blank line's last field (rsplit: an article's paragraph is not cut
    # into its hundreds of words just to look at the last one).
    lasts = [line.rsplit(None, 1)[-1] for line in lines if line.strip()]
    if len(lasts) < 3:
        return False
    # A lone tag is a line whose token is missing: still a CoNLL line.
    tagged = sum(1 for last in lasts if _TAG_RE.match(last))
    return tagged >= 3 and tagged * 10 >= len(lasts) * 9


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        # BOM-less UTF-16 (every ASCII character brings a NUL): it must decode to
        # the characters of news text, not to whatever a binary file decodes to.
        even = head[: len(head) // 2 * 2]
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                decoded = even.decode(codec)
            except UnicodeDecodeError:
                continue
            if all(_is_news_char(c) for c in decoded):
                return True
        return False
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls == 0


def _is_news_char(char: str) -> bool:
    code = ord(char)
    return (
        char in "\t\n\r\f"
        or 0x20 <= code < 0x7F
        or 0xA0 <= code <= 0xFF
        or 0x0600 <= code <= 0x06FF  # Arabic
        or 0x0750 <= code <= 0x077F  # Arabic Supplement
        or 0x2000 <= code <= 0x206F  # General Punctuation (quotes, bidi marks)
        or 0xFB50 <= code <= 0xFDFF  # Arabic Presentation Forms-A
        or 0xFE70 <= code <= 0xFEFF  # Arabic Presentation Forms-B
    )


__all__ = [
    "COMMON_LABEL_MAP",
    "EXTENSIONS",
    "READERS",
    "ReadOptions",
    "detect_format",
    "iter_input_files",
    "read_conll",
    "read_docbin",
    "read_detected",
    "read_documents",
    "read_jsonl",
    "read_txt",
]
