"""The seed article with claims that have structure, for the claims tests.

Three claims of the real article (Sham FM, Al-Bukamal):

- "الجيش العراقي دخل بالفعل ضمن الأراضي السورية" — claimer the entity
  ``الجيش العراقي`` (ORG, its second mention), cue ``تقول``, stance *reports*;
- "وجود اي تفاق مع “داعش”" — claimer ``قسد`` (ORG), cue ``تنكر``, stance *denies*,
  check-worthy;
- "كل من المدعو "أحمد ابو خولة" ... هما من مثلا هذا التحالف" — an implicit claimer
  (*unnamed source*: ``مصادر متعددة``), cue ``تؤكد``, stance *asserts*.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.core.claim_edits import SetAttribute, SetClaimer, SetCue
from annotator.core.edits import AddSpan, SetStatus
from annotator.core.model import DocId, SpanId, Status
from annotator.core.store import Project

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"

CLAIM_ARMY = "الجيش العراقي دخل بالفعل ضمن الأراضي السورية"
CLAIM_DENIAL = "وجود اي تفاق مع “داعش”"
CLAIM_SOURCES = "كل من المدعو"


def find(text: str, what: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    start = text.index(what, after)
    for _ in range(nth):
        start = text.index(what, start + 1)
    return start, start + len(what)


@dataclass
class SeedClaims:
    doc_id: DocId
    text: str
    army: SpanId  # ORG الجيش العراقي (the one after the claim)
    qasad: SpanId  # ORG قسد
    claim_army: SpanId
    claim_denial: SpanId
    claim_sources: SpanId
    cue_army: SpanId
    cue_denial: SpanId
    cue_sources: SpanId


def add(project: Project, doc_id: DocId, who: str, label: str, where: tuple[int, int]) -> SpanId:
    edit = AddSpan(doc_id, who, label, *where)
    project.apply(edit)
    assert edit.span_id is not None
    return edit.span_id


def annotate_seed(
    project: Project, who: str = "sara", *, doc_id: DocId | None = None, done: bool = True
) -> SeedClaims:
    """The three claims, their claimers, cues and attributes, by ``who``."""
    if doc_id is None:
        doc_id, _ = project.documents.add(
            SEED.read_text("utf-8"), title="البوكمال.. معركة دولية", source="shamfm.fm"
        )
    text = project.documents.get(doc_id).text
    claim_start = text.index(CLAIM_ARMY)
    army = add(project, doc_id, who, "ORG", find(text, "الجيش العراقي", after=claim_start + 5))
    denial_start = text.index(CLAIM_DENIAL)
    qasad_at = text.rindex("قسد", 0, denial_start)
    qasad = add(project, doc_id, who, "ORG", (qasad_at, qasad_at + 3))
    claim_army = add(project, doc_id, who, "CLAIM", find(text, CLAIM_ARMY))
    claim_denial = add(project, doc_id, who, "CLAIM", find(text, CLAIM_DENIAL))
    sources_start = text.index(CLAIM_SOURCES)
    sources_end = text.index("هذا التحالف", sources_start) + len("هذا التحالف")
    claim_sources = add(project, doc_id, who, "CLAIM", (sources_start, sources_end))
    cue_army = add(project, doc_id, who, "CUE", find(text, "تقول"))
    cue_denial = add(project, doc_id, who, "CUE", find(text, "تنكر"))
    cue_sources = add(project, doc_id, who, "CUE", find(text, "تؤكد"))
    for edit in (
        SetClaimer(claim_army, entity=army),
        SetClaimer(claim_denial, entity=qasad),
        SetClaimer(claim_sources, implicit="unnamed source"),
        SetCue(claim_army, cue_army),
        SetCue(claim_denial, cue_denial),
        SetCue(claim_sources, cue_sources),
        SetAttribute(claim_army, "stance", "reports"),
        SetAttribute(claim_army, "check_worthy", True),
        SetAttribute(claim_denial, "stance", "denies"),
        SetAttribute(claim_denial, "check_worthy", True),
        SetAttribute(claim_sources, "stance", "asserts"),
        SetAttribute(claim_sources, "check_worthy", False),
    ):
        project.apply(edit)
    if done:
        project.apply(SetStatus(doc_id, who, Status.DONE))
    return SeedClaims(
        doc_id,
        text,
        army,
        qasad,
        claim_army,
        claim_denial,
        claim_sources,
        cue_army,
        cue_denial,
        cue_sources,
    )


def links_in_file(path: Path, table: str = "links") -> set[tuple[str, str, str]]:
    """(claim text, link type, child text or implicit value) of every live link,
    read from the file with sqlite3, not through the store."""
    spans = "gold_spans" if table == "gold_links" else "spans"
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            f"""
            SELECT d.text, h.start, h."end", k.type, c.start, c."end", k.value
            FROM {table} k JOIN {spans} h ON h.id = k.head JOIN documents d ON d.id = k.doc_id
            LEFT JOIN {spans} c ON c.id = k.child
            WHERE k.deleted IS NULL AND h.deleted IS NULL AND (c.id IS NULL OR c.deleted IS NULL)
            """
        ).fetchall()
    return {
        (text[hs:he], kind, text[cs:ce] if cs is not None else value)
        for text, hs, he, kind, cs, ce, value in rows
    }


def attributes_in_file(path: Path, table: str = "spans") -> dict[str, dict[str, object]]:
    """Claim text → its stance and check_worthy, read with sqlite3."""
    import json

    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            f"""
            SELECT d.text, s.start, s."end", s.attrs FROM {table} s
            JOIN labels l ON l.id = s.label_id JOIN documents d ON d.id = s.doc_id
            WHERE s.deleted IS NULL AND l.kind = 'claim'
            """
        ).fetchall()
    out = {}
    for text, start, end, attrs in rows:
        values = json.loads(attrs)
        out[text[start:end]] = {k: values[k] for k in ("stance", "check_worthy") if k in values}
    return out


EXPECTED_LINKS = {
    (CLAIM_ARMY, "claimer", "الجيش العراقي"),
    (CLAIM_ARMY, "cue", "تقول"),
    (CLAIM_DENIAL, "claimer", "قسد"),
    (CLAIM_DENIAL, "cue", "تنكر"),
    (None, "claimer", "unnamed source"),
    (None, "cue", "تؤكد"),
}


def expected_links(text: str) -> set[tuple[str, str, str]]:
    start = text.index(CLAIM_SOURCES)
    end = text.index("هذا التحالف", start) + len("هذا التحالف")
    sources = text[start:end]
    return {(claim or sources, kind, child) for claim, kind, child in EXPECTED_LINKS}


def expected_attributes(text: str) -> dict[str, dict[str, object]]:
    start = text.index(CLAIM_SOURCES)
    end = text.index("هذا التحالف", start) + len("هذا التحالف")
    return {
        CLAIM_ARMY: {"stance": "reports", "check_worthy": True},
        CLAIM_DENIAL: {"stance": "denies", "check_worthy": True},
        text[start:end]: {"stance": "asserts", "check_worthy": False},
    }
