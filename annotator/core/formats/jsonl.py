"""JSON lines from Prodigy, doccano, and our own exporter (Prodigy's shape)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.errors import EmptyFile, MalformedInput
from annotator.core.formats.problems import Problems
from annotator.core.formats.txt import tidy_title, title_from_text
from annotator.core.model import RawDocument, RawLink, RawSpan, Status

if TYPE_CHECKING:
    from annotator.core.formats import ReadOptions

# Prodigy's per-task bookkeeping worth keeping for a round trip.
_PRODIGY_KEYS = ("_input_hash", "_task_hash", "_session_id", "_view_id")

_Fail = Callable[[str], MalformedInput]


def read_jsonl(path: Path, *, options: ReadOptions) -> Iterator[RawDocument]:
    """Read one document per JSON line; blank lines are skipped.

    Prodigy (``ner.manual``; ``tokens`` and ``token_start``/``token_end`` ignored)::

        {"text": "زار الأسد دمشق", "spans": [{"start": 4, "end": 9, "label": "PER",
         "token_start": 1, "token_end": 1}], "meta": {"source": "sana"},
         "_annotator_id": "news-alice", "answer": "accept"}

    doccano, older and newer sequence-labelling exports::

        {"id": 7, "text": "زار الأسد دمشق", "label": [[4, 9, "PER"], [10, 14, "GPE"]]}
        {"id": 8, "text": "زار الأسد دمشق",
         "entities": [{"id": 1, "start_offset": 4, "end_offset": 9, "label": "PER"}]}

    Ours (Prodigy-compatible): ``meta.title``, ``meta.source``, span ``id`` and
    ``attrs``, ``status`` (``new|in_progress|done|skipped``), and ``relations``
    (links: a claim's claimer or cue; Prodigy's ``rel.manual`` shape, with a
    ``value`` and ``"child_span": null`` for an implicit claimer)::

        "relations": [{"head": 5, "child": 1, "label": "claimer", "id": "9c1d…",
                       "head_span": {"start": 20, "end": 40, "label": "CLAIM", "id": "6b…"},
                       "child_span": {"start": 0, "end": 9, "label": "ORG", "id": "1f…"}}]

    A relation's spans are found by their ``id``, else by start, end and label.

    Offsets are taken as code-point offsets into ``text`` (what Prodigy and doccano
    write) and are not checked against the text here: the importer checks them
    after cleaning and reports every bad one.

    ``answer``: ``accept`` → status *done*; ``ignore`` → *skipped*, spans kept;
    ``reject`` → *skipped* and its spans are **not** imported (in Prodigy a
    rejected span is one the annotator said is wrong); their number is kept in
    ``meta["rejected_spans"]``. An explicit ``status`` wins over ``answer``.
    Spans that carry their own ``"answer": "reject"`` (Prodigy review) are dropped too.

    Annotator: ``options.default_annotator`` if given, else ``_annotator_id``,
    else ``annotator``, else ``None`` (the importer's default).

    :raises MalformedInput: with the line, for a line that is not a JSON object,
        lacks a string ``text``, or has spans of the wrong shape or types.
    """
    path = Path(path)
    where = str(path)
    n_docs = 0
    # Every bad line of the file is reported in one run (then nothing is imported).
    problems = Problems(where, options.max_errors, lenient_hint=False)
    # Binary lines split on b"\n" only: str.splitlines() would also break at
    # U+2028 or U+0085, which JSON allows unescaped inside strings.
    with open(path, "rb") as f:
        for number, raw_line in enumerate(f, start=1):
            if number == 1:
                if raw_line.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise MalformedInput(
                        "the file is UTF-16; JSON lines must be UTF-8. Re-save it as UTF-8",
                        path=where,
                    )
                raw_line = raw_line.removeprefix(b"\xef\xbb\xbf")
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError as e:
                problems.add_error(
                    MalformedInput(
                        f"byte {e.start + 1} of the line is not UTF-8 (JSON lines must be "
                        "UTF-8); re-save the file as UTF-8",
                        path=where,
                        line=number,
                    )
                )
                continue
            if not line.strip():
                continue
            n_docs += 1
            try:
                document = _document(line, path=path, line=number, options=options)
            except MalformedInput as e:
                problems.add_error(e)
                continue
            if not problems.count:
                yield document
    problems.check()
    if n_docs == 0:
        raise EmptyFile("no JSON lines in the file", path=where)


def _document(text_line: str, *, path: Path, line: int, options: ReadOptions) -> RawDocument:
    def fail(message: str) -> MalformedInput:
        return MalformedInput(message, path=str(path), line=line)

    try:
        obj = json.loads(text_line)
    except json.JSONDecodeError as e:
        raise fail(f"not valid JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(obj, dict):
        raise fail(f"expected a JSON object per line, found {_json_type(obj)}")
    text = obj.get("text")
    if text is None:
        raise fail('the object has no "text" field; every line needs the document text')
    if not isinstance(text, str):
        raise fail(f'"text" must be a string, found {_json_type(text)}')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise fail(
            f"the text holds an unpaired surrogate (\\u{ord(text[e.start]):04x}) "
            f"at offset {e.start}; fix the escape in the file"
        ) from e

    meta_in = obj.get("meta", {})
    if meta_in is None:
        meta_in = {}
    if not isinstance(meta_in, dict):
        raise fail(f'"meta" must be an object, found {_json_type(meta_in)}')
    meta: dict[str, Any] = dict(meta_in)
    for key in _PRODIGY_KEYS:
        if key in obj:
            meta.setdefault(key, obj[key])
    if "id" in obj:  # doccano's example id
        meta.setdefault("id", obj["id"])
    meta.setdefault("filename", path.name)

    spans = _spans(obj, fail)
    links = _relations(obj.get("relations"), spans, fail)
    answer = obj.get("answer")
    if answer is not None and answer not in ("accept", "reject", "ignore"):
        raise fail(f'"answer" must be "accept", "reject" or "ignore", found {answer!r}')
    status: Status | None = None
    if answer == "accept":
        status = Status.DONE
    elif answer in ("reject", "ignore"):
        status = Status.SKIPPED
        meta["answer"] = answer
        if answer == "reject" and spans:
            meta["rejected_spans"] = len(spans)
            spans = []
            links = []
    if "status" in obj and obj["status"] is not None:
        try:
            status = Status(obj["status"])
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise fail(f'"status" must be one of {choices}, found {obj["status"]!r}') from None

    annotator = options.default_annotator
    if annotator is None:
        for key in ("_annotator_id", "annotator"):
            value = obj.get(key)
            if value is not None:
                if not isinstance(value, str) or not value.strip():
                    raise fail(f'"{key}" must be a non-empty string, found {value!r}')
                annotator = value
                break

    title = meta_in.get("title")
    source = meta_in.get("source")
    return RawDocument(
        text=text,
        title=tidy_title(title)
        if isinstance(title, str) and title.strip()
        else title_from_text(text),
        source=source if isinstance(source, str) and source else str(path),
        meta=meta,
        spans=[
            RawSpan(
                start=s.start, end=s.end, label=options.map_label(s.label), attrs=s.attrs, id=s.id
            )
            for s in spans
        ],
        annotator=annotator,
        status=status,
        line=line,
        links=links,
    )


def _spans(obj: dict[str, Any], fail: _Fail) -> list[RawSpan]:
    """Spans from whichever of ``spans`` / ``entities`` / ``label`` the object has."""
    if obj.get("spans") is not None:
        return _prodigy_spans(obj["spans"], fail)
    if obj.get("entities") is not None:
        return _doccano_entities(obj["entities"], fail)
    label = obj.get("label")
    if isinstance(label, list):
        return _doccano_labels(label, fail)
    # A string "label" is a Prodigy text-classification label: no spans.
    return []


def _prodigy_spans(items: Any, fail: _Fail) -> list[RawSpan]:
    if not isinstance(items, list):
        raise fail(f'"spans" must be a list, found {_json_type(items)}')
    spans = []
    for k, item in enumerate(items, start=1):
        what = f'span {k} of "spans"'
        if not isinstance(item, dict):
            raise fail(
                f"{what} must be an object with start, end and label, found {_json_type(item)}"
            )
        if item.get("answer") == "reject":
            continue
        start, end, label = (item.get(key) for key in ("start", "end", "label"))
        start, end, label = _check_offsets(start, end, label, what, fail)
        span_id = item.get("id")
        if span_id is not None and not isinstance(span_id, str):
            raise fail(f'{what}: "id" must be a string, found {_json_type(span_id)}')
        attrs = item.get("attrs") or {}
        if not isinstance(attrs, dict):
            raise fail(f'{what}: "attrs" must be an object, found {_json_type(attrs)}')
        spans.append(RawSpan(start=start, end=end, label=label, attrs=dict(attrs), id=span_id))
    return spans


def _relations(items: Any, spans: list[RawSpan], fail: _Fail) -> list[RawLink]:
    """Links from ``relations``; a span they name without an id gets one (so the
    importer can tell which span is which)."""
    if items is None:
        return []
    if not isinstance(items, list):
        raise fail(f'"relations" must be a list, found {_json_type(items)}')
    by_id = {s.id: s for s in spans if s.id is not None}
    by_place: dict[tuple[Any, Any, Any], RawSpan] = {(s.start, s.end, s.label): s for s in spans}

    def span_of(ref: Any, what: str) -> RawSpan:
        if not isinstance(ref, dict):
            raise fail(f"{what} must be an object with start, end and label")
        ref_id = ref.get("id")
        if isinstance(ref_id, str) and ref_id in by_id:
            return by_id[ref_id]
        found = by_place.get((ref.get("start"), ref.get("end"), ref.get("label")))
        if found is None:
            raise fail(
                f"{what} ({ref.get('start')}–{ref.get('end')} {ref.get('label')}) is not one "
                'of the line\'s "spans"; a relation links two spans of its document'
            )
        if found.id is None:
            found.id = str(uuid.uuid4())
            by_id[found.id] = found
        return found

    links = []
    for k, item in enumerate(items, start=1):
        what = f'relation {k} of "relations"'
        if not isinstance(item, dict):
            raise fail(f"{what} must be an object, found {_json_type(item)}")
        label = item.get("label")
        if not isinstance(label, str) or not label.strip():
            raise fail(f'{what}: label must be the link type, e.g. "claimer"')
        head = span_of(item.get("head_span"), f"{what}: head_span")
        value = item.get("value")
        child_ref = item.get("child_span")
        if child_ref is None:
            if not isinstance(value, str) or not value:
                raise fail(f'{what}: needs a child_span, or a "value" (e.g. "unnamed source")')
            child_id = None
        else:
            if value is not None:
                raise fail(f'{what}: has both a child_span and a "value"; keep one')
            child_id = span_of(child_ref, f"{what}: child_span").id
        link_id = item.get("id")
        if link_id is not None and not isinstance(link_id, str):
            raise fail(f'{what}: "id" must be a string, found {_json_type(link_id)}')
        assert head.id is not None
        links.append(RawLink(label, head.id, child_id, value, link_id))
    return links


def _doccano_entities(items: Any, fail: _Fail) -> list[RawSpan]:
    if not isinstance(items, list):
        raise fail(f'"entities" must be a list, found {_json_type(items)}')
    spans = []
    for k, item in enumerate(items, start=1):
        what = f'entity {k} of "entities"'
        if not isinstance(item, dict):
            raise fail(
                f"{what} must be an object with start_offset, end_offset and label, "
                f"found {_json_type(item)}"
            )
        start, end, label = (item.get(key) for key in ("start_offset", "end_offset", "label"))
        start, end, label = _check_offsets(
            start, end, label, what, fail, names=("start_offset", "end_offset")
        )
        spans.append(RawSpan(start=start, end=end, label=label))
    return spans


def _doccano_labels(items: list[Any], fail: _Fail) -> list[RawSpan]:
    spans = []
    for k, item in enumerate(items, start=1):
        what = f'item {k} of "label"'
        if not (isinstance(item, list) and len(item) == 3):
            hint = (
                " (this looks like a text-classification export, which has no spans)"
                if isinstance(item, str)
                else ""
            )
            raise fail(f'{what} must be [start, end, "LABEL"], found {json.dumps(item)}{hint}')
        start, end, label = item
        start, end, label = _check_offsets(start, end, label, what, fail)
        spans.append(RawSpan(start=start, end=end, label=label))
    return spans


def _check_offsets(
    start: Any,
    end: Any,
    label: Any,
    what: str,
    fail: _Fail,
    names: tuple[str, str] = ("start", "end"),
) -> tuple[int, int, str]:
    """``(start, end, label)`` once their types are right; offsets are not checked."""
    for name, value in zip(names, (start, end), strict=True):
        # bool is an int in Python, never an offset.
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(f"{what}: {name} must be an integer, found {json.dumps(value)}")
    if not isinstance(label, str) or not label.strip():
        raise fail(f"{what}: label must be a non-empty string, found {json.dumps(label)}")
    return start, end, label


def _json_type(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
