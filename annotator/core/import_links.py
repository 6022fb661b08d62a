"""Links that come with imported spans (JSONL ``relations``), stored with them.

The importer stores a document's spans first; this stores its links between
them, checked against the project's link types like every link an editor
makes. Importing the same file twice changes nothing: a link id already in the
project, or the same link between the same spans, is not written again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from annotator.core.errors import AnnotatorError, InvalidLink
from annotator.core.links import Link, check_link
from annotator.core.model import DocId, RawLink, Span
from annotator.core.store import Project

SpanRow = tuple[int, int, str, dict[str, Any], str | None]


def store_links(
    project: Project,
    doc_id: DocId,
    annotator: str,
    spans: Sequence[SpanRow],
    links: Sequence[RawLink],
    now: str,
) -> int:
    """Store ``links`` between the document's just-stored ``spans`` (call inside the
    import's transaction).

    :returns: the links added.
    :raises InvalidLink: a link its type does not allow, or to a span not stored.
    """
    stored = project.spans.for_document(doc_id, annotator=annotator)
    by_id: dict[str, Span] = {s.id: s for s in stored}
    by_place = {(s.start, s.end, s.label): s for s in stored}
    # A span of the file may have been stored before under another id (the
    # same file imported again): find it by its characters and label.
    place_of = {row[4]: (row[0], row[1], row[2]) for row in spans if row[4] is not None}
    labels = {label.name: label for label in project.labels.list()}
    existing = project.links.for_document(doc_id, annotator=annotator, include_deleted=True)
    known_ids = {k.id for k in existing}
    known = {(k.type, k.head, k.child, k.value) for k in existing if k.deleted is None}
    # A single type (claimer, cue): one live link per head, already here or in the file.
    filled = {(k.type, k.head) for k in existing if k.deleted is None}

    def resolve(span_id: str) -> str:
        span = by_id.get(span_id) or by_place.get(place_of.get(span_id, (-1, -1, "")))
        if span is None:
            raise InvalidLink(f"a link names span {span_id!r}, which is not among the spans.")
        return span.id

    added: list[Link] = []
    for raw in links:
        try:
            link_type = project.link_types.get(raw.type)
        except AnnotatorError as exc:
            raise InvalidLink(
                f"link type {raw.type!r} is not in the project ({exc.message}); add it to the "
                "label set first."
            ) from None
        head = resolve(raw.head)
        child = resolve(raw.child) if raw.child is not None else None
        if (raw.id is not None and raw.id in known_ids) or (
            raw.type,
            head,
            child,
            raw.value,
        ) in known:
            continue
        check_link(link_type, by_id[head], by_id[child] if child else None, raw.value, labels)
        if link_type.single and (raw.type, head) in filled:
            span = by_id[head]
            raise InvalidLink(
                f"{span.label} {span.start}–{span.end} has a second {raw.type}; a claim has "
                f"one {raw.type} (remove the other relation from the file)."
            )
        filled.add((raw.type, head))
        link = Link(
            raw.id or project.links.new_id(),
            doc_id,
            annotator,
            raw.type,
            head,
            child,
            raw.value,
            now,
            now,
        )
        added.append(link)
        known_ids.add(link.id)
        known.add((raw.type, head, child, raw.value))
    project.links.write_many(added)
    return len(added)
