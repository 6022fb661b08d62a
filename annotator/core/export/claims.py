"""``claims.jsonl``: one line per claim, the shape a claim-extraction script reads.

Sample (one line, wrapped here)::

    {"document": "173f9dae…", "title": "البوكمال.. معركة دولية", "part": "train",
     "annotator": "sara",
     "claim": {"id": "6b0e…", "label": "CLAIM", "start": 412, "end": 457,
               "text": "الجيش العراقي دخل بالفعل ضمن الأراضي السورية"},
     "claimer": {"id": "1f2a…", "label": "ORG", "start": 486, "end": 499,
                 "text": "الجيش العراقي"},
     "cue": {"id": "77aa…", "label": "CUE", "start": 398, "end": 402, "text": "تقول"},
     "attributes": {"stance": "reports", "check_worthy": true},
     "links": {}}

``claimer`` is a span, ``{"implicit": "unnamed source"}`` when the text names no
one, or ``null`` when the annotator gave none; ``cue`` a span or ``null``;
``attributes`` holds every attribute the claim's label defines (``null`` when
not set); ``links`` the claim's other link types (a team's ``claim object``), each
a list of spans or implicit values. Offsets are code points into the document's
text, as stored (the export's default policy keeps every character).
"""

from __future__ import annotations

import json
from typing import Any

from annotator.core.export.align import ExportSpan
from annotator.core.export.context import ExportContext, Rendered
from annotator.core.export.links import exported_links, links_left_out_warning
from annotator.core.export.select import SelectedDocument
from annotator.core.links import CLAIMER, CUE

CLAIMS_FILE = "claims.jsonl"


def _span(text: str, span: ExportSpan) -> dict[str, Any]:
    return {
        "id": span.id,
        "label": span.label,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
    }


class ClaimsRenderer:
    """Each document's lines of ``claims.jsonl`` (see :class:`Rendered`). ``tally``:
    links left out, claims written."""

    def __init__(self, context: ExportContext) -> None:
        self.context = context

    def render(self, part: int, item: SelectedDocument) -> Rendered:
        ctx = self.context
        document = item.document
        aligned, _tokens = ctx.align(item)
        links, left_out = exported_links(aligned, item.links)
        by_head: dict[str, dict[str, list[Any]]] = {}
        for link in links:
            child: Any = (
                _span(document.text, link.child)
                if link.child is not None
                else {"implicit": link.link.value}
            )
            by_head.setdefault(link.head.id, {}).setdefault(link.link.type, []).append(child)
        lines = []
        for claim in aligned.claims:
            if claim.layer != "claims":
                continue
            mine = by_head.get(claim.id, {})
            keys = ctx.attributes.get(claim.label, ())
            line = {
                "document": document.uid,
                "title": document.title,
                "part": ctx.part_names[part],
                "annotator": ctx.selection.annotator,
                "claim": _span(document.text, claim),
                "claimer": (mine.get(CLAIMER) or [None])[0],
                "cue": (mine.get(CUE) or [None])[0],
                "attributes": {key: claim.attrs.get(key) for key in keys},
                "links": {k: v for k, v in sorted(mine.items()) if k not in (CLAIMER, CUE)},
            }
            lines.append(json.dumps(line, ensure_ascii=False) + "\n")
        return Rendered(aligned, "".join(lines), (left_out, len(lines)))


class ClaimsExporter:
    """``EXPORTERS["claims"]``: ``claims.jsonl``, every part in one file (``part`` says which)."""

    extension = "jsonl"

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.renderer = ClaimsRenderer(context)
        self.path = context.work_dir / CLAIMS_FILE
        self.file = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.links_left_out = 0
        self.claims = 0

    def write(self, part: int, payload: str, tally: tuple[int, ...]) -> None:
        self.links_left_out += tally[0]
        self.claims += tally[1]
        self.file.write(payload)

    def close(self) -> list[str]:
        self.file.close()
        self.notes.append(f"{CLAIMS_FILE} holds {self.claims} claim(s), one per line.")
        if self.links_left_out:
            self.warnings.append(links_left_out_warning(self.links_left_out))
        return [CLAIMS_FILE]

    def discard(self) -> None:
        self.file.close()
