"""Plain text: one article per file; the first non-empty line is its title."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import EmptyFile
from annotator.core.model import RawDocument

if TYPE_CHECKING:
    from annotator.core.formats import ReadOptions

TITLE_MAX_CHARS = 120

# Bidi embedding/override/isolate controls and marks: invisible, and they upset
# the layout of a title shown in a list. ZWJ/ZWNJ are left alone (they shape letters).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
# A line as str.splitlines() sees it.
_LINE = re.compile("[^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def read_txt(path: Path, *, options: ReadOptions) -> Iterator[RawDocument]:
    """Read one article from a text file in any encoding Arabic news comes in.

    Sample (``000_173f9dae85055ffa.txt``; the NBSP-only line is not a title)::

        البوكمال.. معركة دولية

        البوكمال..  معركة دولية

        شام إف إم - محمود عبد اللطيف:

        تتسارع أحداث المنطقة الشرقية لتتجه نحو السكون الميداني، …

    The text is the whole file, title line included, so that offsets match what
    a reader of the file sees; it is decoded (BOM, UTF-16, UTF-8, cp1256, …) by
    :func:`annotator.core.text.decode_bytes`, never cleaned here.

    :raises UnknownEncoding, BinaryFile, EmptyFile: from the decoder, or a file
        without a visible character (only white space and invisible controls).
    :raises OSError: the file cannot be read.
    """
    with open(path, "rb") as f:
        data = f.read()
    yield from read_txt_data(data, path, options=options)


def read_txt_data(data: bytes, path: Path, *, options: ReadOptions) -> Iterator[RawDocument]:
    """:func:`read_txt` of the bytes of ``path``, already read (the importer reads an
    article's first bytes to tell its format, then the rest from the same open file)."""
    # Imported here: text.py is the decoder's home, and the registry must import
    # even where it is being rebuilt.
    from annotator.core.text import decode_bytes

    decoded = decode_bytes(data, path=os.fspath(path), encoding=options.encoding)
    text = decoded.text
    title = title_from_text(text)
    if not title:
        raise EmptyFile("the file holds no visible text; nothing to annotate", path=str(path))
    meta = {"encoding": decoded.encoding, "filename": os.path.basename(path)}
    if options.paragraphs_per_document:
        yield from _split_paragraphs(text, options.paragraphs_per_document, path, meta, options)
        return
    yield RawDocument(
        text=text,
        title=title,
        source=str(path),
        meta=meta,
        annotator=options.default_annotator,
        line=1,
    )


_BLANK_LINES = re.compile(r"\n[ \t\r\u00a0]*\n\s*")


def _split_paragraphs(
    text: str, size: int, path: Path, meta: dict[str, str], options: ReadOptions
) -> Iterator[RawDocument]:
    """A huge file cut at blank lines into documents of ``size`` paragraphs each;
    each document's text is the file's characters as they are (the blank lines
    between documents belong to none)."""
    starts = [0] + [m.end() for m in _BLANK_LINES.finditer(text)]
    number = 0
    for first in range(0, len(starts), size):
        start = starts[first]
        stop = starts[first + size] if first + size < len(starts) else len(text)
        chunk = text[start:stop].rstrip()
        if not title_from_text(chunk):
            continue
        number += 1
        yield RawDocument(
            text=chunk,
            title=title_from_text(chunk),
            source=str(path),
            meta={**meta, "document": number},
            annotator=options.default_annotator,
            line=1 + text.count("\n", 0, start),
        )


def title_from_text(text: str) -> str:
    """The first line with visible characters, tidied for display.

    White space (NBSP included) and bidi controls are stripped, runs of spaces
    collapsed, the result NFC-normalised and cut to :data:`TITLE_MAX_CHARS` at a
    word boundary (with ``…``) so that a file without a title line does not
    turn its first paragraph into one.
    """
    # Lazily, line by line: splitting a whole article to read its first line
    # is the cost of a 10,000-file import.
    for match in _LINE.finditer(text):
        title = tidy_title(match.group())
        if title:
            return title
    return ""


def tidy_title(raw: str) -> str:
    title = _SPACES.sub(" ", _BIDI_CONTROLS.sub("", raw)).strip()
    # Other invisible format characters (BOM, ZWSP) alone do not make a title.
    title = title.strip("\ufeff\u200b\u200c\u200d\u2060 ")
    title = unicodedata.normalize("NFC", title)
    if len(title) > TITLE_MAX_CHARS:
        cut = title.rfind(" ", 0, TITLE_MAX_CHARS)
        title = title[: cut if cut > TITLE_MAX_CHARS // 2 else TITLE_MAX_CHARS].rstrip() + "…"
    return title
