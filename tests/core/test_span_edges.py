"""Snapped spans never start or end with punctuation; spans that do are reported.

Checked on the seed's own phrases (``، مدينة البوكمال``, ``“داعش”``) and in the
project files, import, merge and export reports.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.export import export
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.merge import merge_projects
from annotator.core.model import Status
from annotator.core.store import Project
from annotator.core.tokenizer import (
    EDGE_PUNCTUATION,
    has_loose_edges,
    snap_selection,
    token_offsets,
    trim_edges,
)

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"
TEXT = "السكون الميداني، مدينة البوكمال ستكون مسرحا. مواقع “داعش” في «البوكمال» (سوريا) وقال: نعم!"


def snapped(text: str, needle: str) -> str:
    start = text.index(needle)
    s, e = snap_selection(text, start, start + len(needle))
    return text[s:e]


@pytest.mark.parametrize(
    ("dragged", "kept"),
    [
        ("، مدينة البوكمال", "مدينة البوكمال"),
        ("ي، مدينة", "الميداني، مدينة"),  # a comma inside a span stays
        ("“داعش”", "داعش"),
        ("داعش” ف", "داعش” في"),
        ("«البوكمال»", "البوكمال"),
        ("(سوريا)", "سوريا"),
        ("مسرحا. ", "مسرحا"),
        ("وقال: ", "وقال"),
        ("نعم!", "نعم"),
    ],
)
def test_snapping_leaves_punctuation_out_of_the_edges(dragged: str, kept: str) -> None:
    assert snapped(TEXT, dragged) == kept


def test_only_punctuation_selected_gives_nothing() -> None:
    start = TEXT.index("،")
    assert snap_selection(TEXT, start, start + 2) == (start, start)


def test_tatweel_at_an_edge_is_left_out() -> None:
    text = "قال لـ داعشـ اليوم"
    start = text.index("داعشـ")
    s, e = snap_selection(text, start, start + len("داعشـ"))
    assert text[s:e] == "داعش"
    assert trim_edges(text, text.index("لـ"), text.index("لـ") + 2) == (
        text.index("لـ"),
        text.index("لـ") + 1,
    )


def test_every_listed_mark_is_an_edge_mark() -> None:
    for mark in '، ؛ ؟ . , : ! " “ ” « » ( ) [ ]'.split() + ["\u0640"]:
        assert mark in EDGE_PUNCTUATION
        assert has_loose_edges(f"{mark}داعش") and has_loose_edges(f"داعش{mark}")
    assert not has_loose_edges("داعش") and not has_loose_edges("٥٠٪")
    assert has_loose_edges(" داعش")


def test_the_seed_phrase_from_the_report() -> None:
    seed = SEED.read_text("utf-8")
    assert snapped(seed, "، مدينة البوكمال") == "مدينة البوكمال"
    assert snapped(seed, "“داعش”") == "داعش"


ALPHABET = list("داعش البوكمال") + list('،؛؟.,:!"“”«»()[]\u0640 \n')


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet=ALPHABET, max_size=60), st.data())
def test_a_snapped_span_never_has_loose_edges(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = snap_selection(text, start, end)
    if s == e:
        return
    assert not has_loose_edges(text[s:e])
    # Every letter selected is still in the span, and the span is whole tokens
    # but for the punctuation at its edges.
    assert all(
        s <= i < e
        for i in range(start, end)
        if text[i] not in EDGE_PUNCTUATION and not text[i].isspace()
    )
    assert any(ts <= s < te for ts, te in token_offsets(text))


# --- reports ---------------------------------------------------------------------------


def _project(path: Path) -> tuple[Project, int]:
    project = Project.create(path)
    doc_id, _ = project.documents.add(TEXT, title="خبر")
    return project, doc_id


def _loose_span(project: Project, doc_id: int, who: str) -> None:
    start = TEXT.index("، مدينة البوكمال")
    project.apply(AddSpan(doc_id, who, "GPE", start, start + len("، مدينة البوكمال")))
    clean = TEXT.index("داعش")
    project.apply(AddSpan(doc_id, who, "ORG", clean, clean + 4))
    project.apply(SetStatus(doc_id, who, Status.DONE))


def test_export_lists_spans_with_edge_punctuation_in_report_json(tmp_path: Path) -> None:
    project, doc_id = _project(tmp_path / "p.sqlite")
    _loose_span(project, doc_id, "sara")
    export(project, tmp_path / "out", fmt="jsonl", annotator="sara")
    project.close()
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    assert [(e["label"], e["text"]) for e in report["edge_punctuation"]] == [
        ("GPE", "، مدينة البوكمال")
    ]


def test_import_counts_spans_with_edge_punctuation(tmp_path: Path) -> None:
    start = TEXT.index("“داعش”")
    row = {"text": TEXT, "spans": [{"start": start, "end": start + 6, "label": "ORG"}]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", "utf-8")
    with Project.create(tmp_path / "p.sqlite") as project:
        report = import_paths(project, [path], options=ImportOptions(annotator="sara"))
        stored = [TEXT[s.start : s.end] for s in project.spans.for_document(1)]
    assert stored == ["“داعش”"]  # kept as given: the report says so
    assert report.to_json()["edge_punctuation"] == 1


def test_merge_counts_spans_with_edge_punctuation(tmp_path: Path) -> None:
    lead, _ = _project(tmp_path / "lead.sqlite")
    returned, doc_id = _project(tmp_path / "sara.sqlite")
    _loose_span(returned, doc_id, "sara")
    returned.close()
    report = merge_projects(lead, [tmp_path / "sara.sqlite"], backup=False)
    lead.close()
    assert report.files[0].edge_punctuation == 1
    assert report.to_json()["files"][0]["edge_punctuation"] == 1
