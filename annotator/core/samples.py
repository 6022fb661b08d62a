"""The bundled sample project: the seed article(s) annotated by two sample annotators.

It is what a newcomer sees on first start (editor, review view, agreement heat
map) and what ``exports/`` is generated from. The annotations are written as
surface strings here, not offsets, so they stay right if the article's
cleaning ever changes; they are placed on whole-word occurrences only.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from annotator.core.claim_edits import SetAttribute, SetClaimer, SetCue, SetLink
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.model import DocId, SpanId, Status
from annotator.core.store import Project

SAMPLE_ANNOTATORS = ("sample-sara", "sample-omar")

# (surface, label): every whole-word occurrence is marked.
_SARA: list[tuple[str, str]] = [
    ("البوكمال", "GPE"),
    ("داعش", "ORG"),
    ("العراق", "GPE"),
    ("الجيش العراقي", "ORG"),
    ("الجيش السوري", "ORG"),
    ("دمشق", "GPE"),
    ("واشنطن", "GPE"),
    ("قسد", "ORG"),
    ("قوات سورية الديمقراطية", "ORG"),
    ("قوات سوريا الديمقراطية", "ORG"),
    ("دير الزور", "GPE"),
    ("البصيرة", "GPE"),
    ("الفرات", "LOC"),
    ("جديد عكيدات", "LOC"),
    ("جديد بكارة", "LOC"),
    ("الصبحة", "LOC"),
    ("أحمد ابو خولة", "PER"),
    ("احمد الخميس", "PER"),
    ("محمود عبد اللطيف", "PER"),
    ("شام إف إم", "ORG"),
    ("موسكو", "GPE"),
    ("أستانا", "EVENT"),
    ("سوتشي", "EVENT"),
    ("الرقة", "GPE"),
    ("مجلس دير الزور العسكري", "ORG"),
    ("الميادين", "GPE"),
    ("القائم", "GPE"),
]
# The second annotator disagrees the way people do: a label (قسد as MISC), a
# boundary (العراقي alone), and a few misses.
_OMAR: list[tuple[str, str]] = [
    (s, lab)
    for s, lab in _SARA
    if s not in {"الجيش العراقي", "الصبحة", "القائم", "مجلس دير الزور العسكري", "جديد بكارة"}
] + [("العراقي", "GPE")]
_OMAR = [(s, "MISC" if s == "قسد" else lab) for s, lab in _OMAR]

_CLAIMS_SARA = [
    "الجيش العراقي دخل بالفعل ضمن الأراضي السورية لمسافة يبلغ عمقها ١ كم",
    "دمشق اقرب للوصول إليها من اي قوة اخرى",
    "وجود اي تفاق مع “داعش” في ريف دير الزور الشرقي",
]
_CLAIMS_OMAR = [
    "أن الجيش العراقي دخل بالفعل ضمن الأراضي السورية لمسافة يبلغ عمقها ١ كم",
    "فموسكو التي تستهدف بكثافة مواقع “داعش” في البوكمال",
    "وجود اي تفاق مع “داعش” في ريف دير الزور",
]


@dataclass(frozen=True)
class _Structure:
    """A claim's claimer (an entity's surface, or an implicit value), cue and attributes."""

    claimer: str | None = None
    implicit: str | None = None
    cue: str | None = None
    stance: str | None = None
    check_worthy: bool | None = None


# Keyed by the claim's first words. The denial's claimer is the entity قسد just
# before it ("وإن كانت “قسد” تنكر وجود ..."); the others come from unnamed sources
# ("تقول المعلومات الأولية", "تقول الحسابات الميدانية"). The annotators differ on
# a stance and on check-worthiness, which the agreement shows.
_STRUCTURE_SARA = {
    "الجيش العراقي دخل": _Structure(
        implicit="unnamed source", cue="تقول", stance="reports", check_worthy=True
    ),
    "دمشق اقرب": _Structure(implicit="unnamed source", cue="تقول", stance="reports"),
    "وجود اي تفاق": _Structure(claimer="قسد", cue="تنكر", stance="denies", check_worthy=True),
}
_STRUCTURE_OMAR = {
    "أن الجيش العراقي": _Structure(
        implicit="unnamed source", cue="تقول", stance="asserts", check_worthy=True
    ),
    "وجود اي تفاق": _Structure(claimer="قسد", cue="تنكر", stance="denies", check_worthy=False),
}


def sample_files() -> list[Path]:
    folder = resources.files("annotator.resources").joinpath("samples")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


# Span ids from content, so the sample (and exports/ made from it) is the same
# on every machine and every run.
_SPAN_NAMESPACE = uuid.UUID("5d1c9a3e-0f3b-4b8e-9a57-6a1f0e2c4b11")


def _span_id(doc_uid: str, annotator: str, label: str, start: int, end: int) -> SpanId:
    return SpanId(str(uuid.uuid5(_SPAN_NAMESPACE, f"{doc_uid}/{annotator}/{label}/{start}/{end}")))


def _annotate(
    project: Project,
    doc_id: DocId,
    annotator: str,
    entities: list[tuple[str, str]],
    claims: list[str],
    structure: dict[str, _Structure],
) -> None:
    document = project.documents.get(doc_id)
    text = document.text

    def add(label: str, start: int, end: int) -> SpanId:
        span_id = _span_id(document.uid, annotator, label, start, end)
        project.apply(
            AddSpan(doc_id, annotator, label, start, end, attrs={"sample": True}, span_id=span_id)
        )
        return span_id

    taken: list[tuple[int, int]] = []
    # Longest first, so "الجيش العراقي" wins over "العراقي" inside it.
    for surface, label in sorted(entities, key=lambda e: -len(e[0])):
        for start, end in _occurrences(text, surface):
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            add(label, start, end)
    for claim in claims:
        for start, end in _occurrences(text, claim)[:1]:
            claim_id = add("CLAIM", start, end)
            what = next((s for key, s in structure.items() if claim.startswith(key)), None)
            if what is not None:
                _structure(project, doc_id, annotator, claim_id, start, what, add)
    project.apply(SetStatus(doc_id, annotator, Status.DONE))


def _structure(
    project: Project,
    doc_id: DocId,
    annotator: str,
    claim_id: SpanId,
    claim_start: int,
    what: _Structure,
    add: Callable[[str, int, int], SpanId],
) -> None:
    """The claim's claimer, cue and attributes; spans found nearest before the claim."""
    text = project.documents.get(doc_id).text

    def fixed(edit: SetLink) -> SetLink:
        # Link ids from content too: exports/ stays the same on every run.
        return replace(
            edit, link_id=str(uuid.uuid5(_SPAN_NAMESPACE, f"{claim_id}/{edit.link_type}"))
        )

    if what.claimer is not None:
        entity = max(
            (
                s
                for s in project.spans.for_document(doc_id, annotator=annotator)
                if text[s.start : s.end] == what.claimer and s.end <= claim_start
            ),
            key=lambda s: s.start,
        )
        project.apply(fixed(SetClaimer(claim_id, entity=entity.id)))
    elif what.implicit is not None:
        project.apply(fixed(SetClaimer(claim_id, implicit=what.implicit)))
    if what.cue is not None:
        at = text.rindex(what.cue, 0, claim_start)
        cue = add("CUE", at, at + len(what.cue))
        project.apply(fixed(SetCue(claim_id, cue)))
    for key, value in (("stance", what.stance), ("check_worthy", what.check_worthy)):
        if value is not None:
            project.apply(SetAttribute(claim_id, key, value))


def create_sample_project(path: str | Path) -> Path:
    """Create ``path`` with the default labels, the sample article(s) and two annotators' work."""
    path = Path(path)
    with Project.creating(path) as project:
        files = sample_files()
        # Sources like "samples/000_….txt": the same on every machine.
        options = ImportOptions(fmt="txt", source_root=files[0].parent.parent)
        import_paths(project, files, options=options)
        project.meta.set("sample", "true")
        for doc_id in project.documents.ids():
            _annotate(project, doc_id, SAMPLE_ANNOTATORS[0], _SARA, _CLAIMS_SARA, _STRUCTURE_SARA)
            _annotate(project, doc_id, SAMPLE_ANNOTATORS[1], _OMAR, _CLAIMS_OMAR, _STRUCTURE_OMAR)
    return path
