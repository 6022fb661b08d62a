"""JSONL export in Prodigy's shape: one line per (document, annotator).

Sample (one line, wrapped here)::

    {"text": "زار الأسد دمشق", "meta": {"title": "زيارة", "source": "sana.sy",
     "uid": "3f2a…", "filename": "a.txt"},
     "tokens": [{"text": "زار", "start": 0, "end": 3, "id": 0, "ws": true}, …],
     "spans": [{"start": 4, "end": 9, "label": "PER", "token_start": 1,
                "token_end": 1, "id": "6b0e…"}],
     "_annotator_id": "alice", "answer": "accept"}

``tokens`` are the spaCy tokens of the exported Doc (whitespace tokens such as
``"\\n\\n"`` included, as Prodigy keeps them), so ``token_start``/``token_end``
(inclusive, as in Prodigy) index the same tokens as the ``.spacy`` export with the
same policy. ``answer`` is ``"accept"`` for a document marked done; any other
status is written as ``"status"`` (our reader's key) and no answer. Spans keep
their ``id`` and, when they have some, their ``attrs`` (a claim's ``stance``,
``check_worthy``, ...).

Links go in ``relations``, as Prodigy's ``rel.manual`` writes them, each with its
link ``id``; ``head``/``child`` are the last token of each span (Prodigy's arc
ends), ``head_span``/``child_span`` the spans with their ids. A link to an
implicit value (a claimer who is ``unnamed source``) has ``"child": null``,
``"child_span": null`` and the ``value``::

    "relations": [{"head": 12, "child": 3, "label": "claimer", "id": "9c1d…",
                   "head_span": {"start": 70, "end": 120, "token_start": 9,
                                 "token_end": 12, "label": "CLAIM", "id": "6b0e…"},
                   "child_span": {"start": 20, "end": 33, "token_start": 3,
                                  "token_end": 3, "label": "ORG", "id": "1f2a…"}},
                  {"head": 40, "child": null, "label": "claimer", "id": "77aa…",
                   "head_span": {…}, "child_span": null, "value": "unnamed source"}]

A document without links has no ``relations`` key.

The annotator's note and "unsure" flag on the document (their own, per line)
close the ``meta``, only when they have one: ``"annotator_note": "تاريخ غير
مؤكد"``, ``"annotator_flag": "unsure"``. The import reads them back into the
line's annotator's document note (they do not stay in the document's meta).

The line is a pure function of the stored document and spans, written with a
fixed key order and ``ensure_ascii=False``, which is what makes
import → export byte-identical.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.core.export.align import AlignedDocument
from annotator.core.export.context import ExportContext, Rendered
from annotator.core.export.links import ExportLink, exported_links, links_left_out_warning
from annotator.core.export.select import SelectedDocument
from annotator.core.model import Document, Status
from annotator.core.store_notes import FLAG_META, NOTE_META, UNSURE, DocumentNote
from annotator.core.tokenizer import Token, words_and_spaces

# Keys we write ourselves; the document's other meta follows them.
_OWN_META = ("title", "source", "uid")


def jsonl_meta(document: Document, note: DocumentNote | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": document.title, "source": document.source, "uid": document.uid}
    for key, value in document.meta.items():
        if key not in _OWN_META:
            meta[key] = value
    # The reader fills "filename" with the JSONL file's name when it is missing;
    # writing it always (null when unknown) keeps a round trip byte-identical.
    meta.setdefault("filename", None)
    if note is not None and note.note:
        meta[NOTE_META] = note.note
    if note is not None and note.flag:
        meta[FLAG_META] = UNSURE
    return meta


def jsonl_line(
    document: Document,
    tokens: Sequence[Token],
    aligned: AlignedDocument,
    *,
    annotator: str,
    status: Status | None,
    links: Sequence[ExportLink] = (),
    note: DocumentNote | None = None,
) -> str:
    """One JSON line (with its newline) for ``document``.

    :param tokens: non-whitespace tokens, already split at ``aligned.cuts``.
    :param note: the annotator's note and flag on the document.
    """
    text = document.text
    words, spaces = words_and_spaces(text, tokens)
    token_rows: list[dict[str, Any]] = []
    starts: list[int] = []
    pos = 0
    for i, (word, space) in enumerate(zip(words, spaces, strict=True)):
        token_rows.append(
            {"text": word, "start": pos, "end": pos + len(word), "id": i, "ws": space}
        )
        starts.append(pos)
        pos += len(word) + (1 if space else 0)
    spans: list[dict[str, Any]] = []
    by_id: dict[str, dict[str, Any]] = {}
    for span in aligned.spans:
        first = bisect_left(starts, span.start)
        last = bisect_left(starts, span.end) - 1
        row: dict[str, Any] = {
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "token_start": first,
            "token_end": last,
            "id": span.id,
        }
        by_id[span.id] = {
            k: row[k] for k in ("start", "end", "token_start", "token_end", "label", "id")
        }
        if span.attrs:
            row["attrs"] = dict(span.attrs)
        spans.append(row)
    relations: list[dict[str, Any]] = []
    for item in links:
        head = by_id[item.head.id]
        child = by_id[item.child.id] if item.child is not None else None
        relation: dict[str, Any] = {
            "head": head["token_end"],
            "child": child["token_end"] if child else None,
            "head_span": head,
            "child_span": child,
            "label": item.link.type,
            "id": item.link.id,
        }
        if item.link.value is not None:
            relation["value"] = item.link.value
        relations.append(relation)
    obj: dict[str, Any] = {
        "text": text,
        "meta": jsonl_meta(document, note),
        "tokens": token_rows,
        "spans": spans,
    }
    if relations:
        obj["relations"] = relations
    obj["_annotator_id"] = annotator
    if status is Status.DONE:
        obj["answer"] = "accept"
    elif status is not None:
        obj["status"] = status.value
    return json.dumps(obj, ensure_ascii=False) + "\n"


class JsonlRenderer:
    """Each document's JSON line (see :class:`Rendered`). ``tally``: links left out."""

    def __init__(self, context: ExportContext) -> None:
        self.context = context

    def render(self, part: int, item: SelectedDocument) -> Rendered:
        ctx = self.context
        aligned, tokens = ctx.align(item)
        links, left_out = exported_links(aligned, item.links)
        line = jsonl_line(
            item.document,
            tokens,
            aligned,
            annotator=ctx.selection.annotator,
            status=item.status,
            links=links,
            note=item.note,
        )
        return Rendered(aligned, line, (left_out,))


class JsonlExporter:
    """``EXPORTERS["jsonl"]``: ``train.jsonl`` etc."""

    extension = "jsonl"

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.renderer = JsonlRenderer(context)
        self.files = context.open_parts("jsonl")
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.links_left_out = 0

    def write(self, part: int, payload: str, tally: tuple[int, ...]) -> None:
        self.links_left_out += tally[0]
        self.files[part].write(payload)

    def close(self) -> list[str]:
        if self.links_left_out:
            self.warnings.append(links_left_out_warning(self.links_left_out))
        names = []
        for fh in self.files:
            fh.close()
            names.append(Path(fh.name).name)
        return names

    def discard(self) -> None:
        for fh in self.files:
            fh.close()
