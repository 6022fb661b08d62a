"""spaCy's binary training format, ``.spacy`` files written with ``DocBin``."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import EmptyFile, MalformedInput
from annotator.core.formats.txt import tidy_title, title_from_text
from annotator.core.model import RawDocument, RawLink, RawSpan, Status

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from annotator.core.formats import ReadOptions

CLAIMS_GROUP = "claims"
#: Our export's group of cue words, linked to their claims in ``user_data["links"]``.
CUES_GROUP = "cues"
#: Our export's group of every entity, nested ones included.
ENTITIES_GROUP = "entities"


def read_docbin(path: Path, *, options: ReadOptions) -> Iterator[RawDocument]:
    """Read every ``Doc`` of a DocBin, with ``doc.ents`` and its span groups.

    A DocBin is zlib-compressed msgpack, so its "sample" is the code that writes one::

        nlp = spacy.blank("ar")
        doc = nlp("قال الأسد في دمشق إن الحرب انتهت")
        doc.ents = [doc.char_span(4, 9, "PER"), doc.char_span(13, 17, "GPE")]
        doc.spans["claims"] = [doc.char_span(18, 32, "CLAIM")]
        doc.user_data.update(title="…", source="sana.sy", meta={"id": 7})
        DocBin(docs=[doc], store_user_data=True).to_disk("train.spacy")

    The text is ``doc.text``; spans keep their character offsets. ``doc.ents`` and
    ``doc.spans["claims"]`` are read as they are, and so are the entities of
    ``doc.spans["entities"]`` (ours: every entity, nested ones included) and the cues
    of ``doc.spans["cues"]``, with the links and attributes our export keeps in
    ``doc.user_data["links"]`` / ``["attributes"]`` (by span id); the Doc's
    tokens and sentence breaks are kept as the document's source tokens. Spans of
    any other group are read
    too, with ``attrs={"span_group": name}`` so the importer can tell them apart
    (one that repeats an entity exactly is left out). A span's ``id_`` becomes its
    id when it is a UUID (ours are; other tools put knowledge-base ids there).

    ``doc.user_data`` (stored only with ``store_user_data=True``): ``title``,
    ``source``, ``meta`` (a JSON object), ``annotator`` and ``status`` are used when
    they have the right type; meta also gets ``format``, ``filename`` and
    ``document`` (1-based position in the file).

    :raises MalformedInput: the file is not a DocBin.
    :raises EmptyFile: the DocBin holds no documents.
    """
    path = Path(path)
    where = str(path)
    from spacy.tokens import DocBin

    try:
        docs = list(DocBin().from_disk(path).get_docs(_vocab()))
    except Exception as e:  # msgpack, zlib and spaCy all raise their own kinds
        raise MalformedInput(
            f"not a spaCy DocBin ({type(e).__name__}: {e}); a .spacy file must be written "
            "with spacy.tokens.DocBin(...).to_disk(); import other files with --format",
            path=where,
        ) from e
    if not docs:
        raise EmptyFile("the DocBin holds no documents", path=where)
    for number, doc in enumerate(docs, start=1):
        yield _document(doc, number=number, path=path, options=options)


def _vocab() -> Vocab:
    try:
        from annotator.core.tokenizer import get_nlp
    except ImportError:
        import spacy

        return spacy.blank("ar").vocab
    return get_nlp().vocab


def _document(doc: Doc, *, number: int, path: Path, options: ReadOptions) -> RawDocument:
    user = {k: v for k, v in doc.user_data.items() if isinstance(k, str)}
    meta_in = user.get("meta")
    meta: dict[str, Any] = dict(meta_in) if isinstance(meta_in, dict) and _is_json(meta_in) else {}
    meta.setdefault("format", "spacy")
    meta.setdefault("filename", path.name)
    meta["document"] = number

    spans: list[RawSpan] = []
    seen: set[tuple[int, int, str]] = set()
    for ent in doc.ents:
        spans.append(_span(ent, options=options, attrs={}, layer="ents"))
        seen.add((ent.start_char, ent.end_char, ent.label_))
    for group_name, group in doc.spans.items():
        ours = group_name in (CLAIMS_GROUP, ENTITIES_GROUP, CUES_GROUP)
        attrs = {} if ours else {"span_group": group_name}
        for span in group:
            key = (span.start_char, span.end_char, span.label_)
            if group_name != CLAIMS_GROUP and key in seen:
                continue
            seen.add(key)
            layer = {CLAIMS_GROUP: "claims", ENTITIES_GROUP: "ents", CUES_GROUP: "cues"}.get(
                group_name
            )
            spans.append(_span(span, options=options, attrs=dict(attrs), layer=layer))
    links = _structure(user, spans)
    tokens = [(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space]
    if doc.has_annotation("SENT_START"):
        sentence_starts = [
            index
            for index, token in enumerate(t for t in doc if not t.is_space)
            if index == 0 or token.is_sent_start
        ]
    else:
        sentence_starts = [0]

    title, source = user.get("title"), user.get("source")
    annotator = options.default_annotator
    if annotator is None and isinstance(user.get("annotator"), str) and user["annotator"]:
        annotator = user["annotator"]
    status = None
    if isinstance(user.get("status"), str) and user["status"] in {s.value for s in Status}:
        status = Status(user["status"])
    return RawDocument(
        text=doc.text,
        title=tidy_title(title)
        if isinstance(title, str) and title.strip()
        else title_from_text(doc.text),
        source=source if isinstance(source, str) and source else str(path),
        meta=meta,
        spans=spans,
        annotator=annotator,
        status=status,
        tokens=tokens,
        sentence_starts=sentence_starts,
        links=links,
    )


def _span(span: Any, *, options: ReadOptions, attrs: dict[str, Any], layer: str | None) -> RawSpan:
    span_id: str | None = span.id_ or None
    if span_id is not None:
        try:
            uuid.UUID(span_id)
        except ValueError:
            span_id = None
    return RawSpan(
        start=span.start_char,
        end=span.end_char,
        label=options.map_label(span.label_),
        attrs=attrs,
        id=span_id,
        layer=layer,
    )


def _structure(user: dict[str, Any], spans: list[RawSpan]) -> list[RawLink]:
    """Our export's claims' structure: ``user_data["attributes"]`` (span id → values)
    into the spans' attrs, ``user_data["links"]`` as links between span ids."""
    by_id = {s.id: s for s in spans if s.id is not None}
    attributes = user.get("attributes")
    if isinstance(attributes, dict):
        for span_id, values in attributes.items():
            if span_id in by_id and isinstance(values, dict) and _is_json(values):
                by_id[span_id].attrs.update(values)
    links: list[RawLink] = []
    rows = user.get("links")
    for row in rows if isinstance(rows, (list, tuple)) else []:  # msgpack gives tuples
        if not isinstance(row, dict) or row.get("head") not in by_id:
            continue
        child, value = row.get("child"), row.get("value")
        if (child is None) == (value is None) or (child is not None and child not in by_id):
            continue
        kind, link_id = row.get("type"), row.get("id")
        if isinstance(kind, str) and (link_id is None or isinstance(link_id, str)):
            links.append(
                RawLink(
                    kind, row["head"], child, value if isinstance(value, str) else None, link_id
                )
            )
    return links


def _is_json(value: object) -> bool:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return False
    return True
