"""Suggestions: their own rows, accepted/rejected/accepted-all as undoable edits,
never annotations until accepted (exports, agreement, merge, stats, handouts)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import SpanOverlapsEntity
from annotator.core.export import export
from annotator.core.gazetteer import build_gazetteer
from annotator.core.merge import merge_projects
from annotator.core.model import DocId, Status
from annotator.core.review import project_agreement
from annotator.core.stats import project_stats
from annotator.core.store import Project
from annotator.core.suggestion_model import Suggestion, UnknownSuggestion
from annotator.core.suggestions import (
    AcceptAllSuggestions,
    AcceptSuggestion,
    RejectSuggestion,
    fill_suggestions,
    next_suggestion,
    store_suggestions,
    suggestion_at,
)
from annotator.core.teams import handout

FIRST = "مدينة البوكمال ستكون مسرحا لآخر المعارك مع “داعش” قرب الحدود مع العراق."


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """What another reader of the file sees."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def live_spans(path: Path) -> list[tuple[object, ...]]:
    return rows(
        path,
        'SELECT s.doc_id, s.annotator, l.name, s.start, s."end", s.attrs FROM spans s'
        " JOIN labels l ON l.id = s.label_id WHERE s.deleted IS NULL ORDER BY s.doc_id, s.start",
    )


def suggestion_rows(path: Path) -> list[tuple[object, ...]]:
    return rows(
        path,
        'SELECT s.doc_id, l.name, s.start, s."end", s.source FROM suggestions s'
        " JOIN labels l ON l.id = s.label_id ORDER BY s.doc_id, s.start",
    )


def word(text: str, w: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(w, start + 1)
    return start, start + len(w)


@pytest.fixture
def filled(project: Project, seed_text: str) -> tuple[Project, DocId, DocId]:
    """sara confirmed البوكمال (GPE) and داعش (ORG) on a done document; the seed
    article is filled with the gazetteer's suggestions."""
    first, _ = project.documents.add(FIRST, title="first")
    seed, _ = project.documents.add(seed_text, title="seed")
    project.apply(AddSpan(first, "sara", "GPE", *word(FIRST, "البوكمال")))
    project.apply(AddSpan(first, "sara", "ORG", *word(FIRST, "داعش")))
    project.apply(SetStatus(first, "sara", Status.DONE))
    fill_suggestions(project, [seed], build_gazetteer(project))
    return project, first, seed


def test_suggestions_are_rows_of_their_own(
    filled: tuple[Project, DocId, DocId], project_path: Path, seed_text: str
) -> None:
    project, _first, seed = filled
    stored = suggestion_rows(project_path)
    assert stored, "the seed mentions البوكمال and داعش many times"
    assert {(label, source) for _d, label, _s, _e, source in stored} == {
        ("GPE", "gazetteer"),
        ("ORG", "gazetteer"),
    }
    text = project.documents.get(seed).text
    for _d, label, start, end, _src in stored:
        assert text[start:end] == {"GPE": "البوكمال", "ORG": "داعش"}[label]
    # No span was made: sara's two on the first document are all there is.
    assert [r[:3] for r in live_spans(project_path)] == [(1, "sara", "GPE"), (1, "sara", "ORG")]


def test_accept_makes_a_span_that_remembers_its_source_and_undo_restores(
    filled: tuple[Project, DocId, DocId], project_path: Path
) -> None:
    project, _first, seed = filled
    suggestion = project.suggestions.for_document(seed)[0]
    before = len(suggestion_rows(project_path))
    accept = AcceptSuggestion(suggestion.id, "omar")
    change = project.apply(accept)
    assert change.suggestions_changed and change.span_ids == (accept.span_id,)
    mine = [r for r in live_spans(project_path) if r[1] == "omar"]
    assert [r[:5] for r in mine] == [
        (seed, "omar", suggestion.label, suggestion.start, suggestion.end)
    ]
    assert json.loads(str(mine[0][5]))["suggested_by"] == "gazetteer"
    assert json.loads(str(mine[0][5]))["score"] == suggestion.score
    assert len(suggestion_rows(project_path)) == before - 1
    project.revert(accept)
    assert [r for r in live_spans(project_path) if r[1] == "omar"] == []
    assert len(suggestion_rows(project_path)) == before
    project.apply(accept)  # redo: the same span id
    assert project.spans.get(accept.span_id).deleted is None  # type: ignore[arg-type]
    with pytest.raises(UnknownSuggestion):
        project.apply(AcceptSuggestion(suggestion.id, "omar"))


def test_reject_is_remembered_for_that_document(
    filled: tuple[Project, DocId, DocId], project_path: Path
) -> None:
    project, _first, seed = filled
    gpe = next(s for s in project.suggestions.for_document(seed) if s.label == "GPE")
    reject = RejectSuggestion(gpe.id)
    project.apply(reject)
    left = suggestion_rows(project_path)
    assert all(label == "ORG" for _d, label, *_ in left), "every البوكمال/GPE of it goes"
    assert rows(project_path, "SELECT doc_id, text_key, label, source FROM suggestion_rejections")
    assert rows(
        project_path, "SELECT doc_id, text_key, label, source FROM suggestion_rejections"
    ) == [(seed, "البوكمال", "GPE", "gazetteer")]
    # Filling again does not bring it back.
    report = fill_suggestions(project, [seed], build_gazetteer(project))
    assert report.skipped_rejected > 0
    assert all(label == "ORG" for _d, label, *_ in suggestion_rows(project_path))
    project.revert(reject)
    assert rows(project_path, "SELECT count(*) FROM suggestion_rejections") == [(0,)]
    assert any(label == "GPE" for _d, label, *_ in suggestion_rows(project_path))


def test_accept_all_then_undo(filled: tuple[Project, DocId, DocId], project_path: Path) -> None:
    project, _first, seed = filled
    n = len(project.suggestions.for_document(seed))
    edit = AcceptAllSuggestions(seed, "omar")
    change = project.apply(edit)
    assert len(change.span_ids) == n == len(edit.accepted) and edit.left == []
    assert suggestion_rows(project_path) == []
    assert len([r for r in live_spans(project_path) if r[1] == "omar"]) == n
    project.revert(edit)
    assert len(suggestion_rows(project_path)) == n
    assert [r for r in live_spans(project_path) if r[1] == "omar"] == []
    project.apply(edit)
    assert len([r for r in live_spans(project_path) if r[1] == "omar"]) == n


def test_accept_all_leaves_what_crosses_an_entity(project: Project, project_path: Path) -> None:
    doc, _ = project.documents.add(FIRST)
    a, b = word(FIRST, "مدينة البوكمال")
    project.apply(AddSpan(doc, "omar", "LOC", a + 2, b - 3))  # crosses both words' edges
    s1 = Suggestion("s1", doc, "GPE", *word(FIRST, "البوكمال"), source="gazetteer", score=0.9)
    s2 = Suggestion("s2", doc, "ORG", *word(FIRST, "داعش"), source="gazetteer", score=0.5)
    with project.transaction():
        project.suggestions.insert_many([s1, s2])
    with pytest.raises(SpanOverlapsEntity):
        project.apply(AcceptSuggestion("s1", "omar"))
    assert len(suggestion_rows(project_path)) == 2, "a refused accept leaves the suggestion"
    edit = AcceptAllSuggestions(doc, "omar")
    project.apply(edit)
    assert [s.id for s in edit.left] == ["s1"]
    assert [r[2] for r in live_spans(project_path)] == ["LOC", "ORG"]


def test_suggestions_never_leak_into_exports_agreement_stats_merge_handouts(
    filled: tuple[Project, DocId, DocId], project_path: Path, tmp_path: Path
) -> None:
    project, first, seed = filled
    assert project.suggestions.count() > 0
    project.apply(SetStatus(seed, "sara", Status.DONE))
    project.apply(AddSpan(first, "omar", "GPE", *word(FIRST, "العراق")))
    project.apply(SetStatus(first, "omar", Status.DONE))
    project.apply(SetStatus(seed, "omar", Status.DONE))
    # Exports: the seed has no span of sara's, whatever the suggestions say.
    export(project, tmp_path / "out", fmt="jsonl", annotator="sara", split=(1.0, 0.0))
    lines = [
        json.loads(line)
        for part in sorted((tmp_path / "out").glob("*.jsonl"))
        for line in part.read_text("utf-8").splitlines()
    ]
    spans_by_text = {len(r["spans"]) for r in lines if r["text"].startswith("البوكمال")}
    assert spans_by_text == {0}
    # Agreement: omar one span, sara two, on the first document only.
    result = project_agreement(project, annotators=["omar", "sara"])
    pair = result.entities.pairs[0]
    assert {pair.a: pair.n_a, pair.b: pair.n_b} == {"omar": 1, "sara": 2}
    # Stats: spans count annotations only.
    stats = project_stats(project)
    assert stats["annotators"]["sara"]["spans"] == 2
    assert stats["suggestions"]["open"]["gazetteer"] == project.suggestions.count()
    # Handout: the copy has the suggestions as suggestions, never as spans.
    with project.transaction():
        project.assignments.replace_all([(seed, "omar")])
    handout(project, tmp_path / "omar.sqlite", annotator="omar")
    assert live_spans(tmp_path / "omar.sqlite") == []
    # Merge: a returned copy full of suggestions adds no span.
    returned = tmp_path / "returned.sqlite"
    project.checkpoint()
    project.backup(returned)
    with Project.open(returned) as copy:
        fill_suggestions(copy, [first, seed], build_gazetteer(copy))
    before = live_spans(project_path)
    assert len(before) == 3
    merge_projects(project, [returned], backup=False)
    assert live_spans(project_path) == before


def test_stats_count_accepted_and_rejected_per_source(
    filled: tuple[Project, DocId, DocId],
) -> None:
    project, _first, seed = filled
    suggestions = project.suggestions.for_document(seed)
    project.apply(AcceptSuggestion(suggestions[0].id, "omar"))
    org = next(s for s in suggestions if s.label == "ORG")
    project.apply(RejectSuggestion(org.id))
    stats = project_stats(project)["suggestions"]
    assert stats["accepted"] == {"gazetteer": 1}
    assert stats["rejected"] == {"gazetteer": 1}


def test_uncertainty_is_stored_per_document(filled: tuple[Project, DocId, DocId]) -> None:
    project, first, seed = filled
    # Every gazetteer term was seen with one label only: it is sure.
    assert project.suggestions.uncertainty(source="gazetteer") == {seed: 0.0}
    assert project.suggestions.most_uncertain_first() == [seed]
    assert first not in project.suggestions.uncertainty()


def test_the_suggestion_under_the_cursor_and_tab_between_them() -> None:
    doc = DocId(1)
    outer = Suggestion("o", doc, "ORG", 10, 30, source="gazetteer", score=0.9)
    inner = Suggestion("i", doc, "GPE", 20, 30, source="gazetteer", score=0.8)
    later = Suggestion("l", doc, "PER", 40, 45, source="gazetteer", score=0.7)
    every = [later, inner, outer]
    assert suggestion_at(every, 25) is inner  # the innermost under the cursor
    assert suggestion_at(every, 12) is outer
    assert suggestion_at(every, 35) is None
    assert next_suggestion(every, 0) is outer
    assert next_suggestion(every, 10) is inner
    assert next_suggestion(every, 20) is later
    assert next_suggestion(every, 40) is outer  # wraps around
    assert next_suggestion(every, 40, backwards=True) is inner
    assert next_suggestion(every, 5, backwards=True) is later
    assert next_suggestion([], 0) is None


def test_suggestions_made_on_a_read_only_connection_are_stored_in_one_go(
    project: Project, project_path: Path, seed_text: str
) -> None:
    """How the editor prepares the next documents: suggest in the background on its
    own read-only connection, store on the window's project."""
    first, _ = project.documents.add(FIRST)
    seed, _ = project.documents.add(seed_text)
    project.apply(AddSpan(first, "sara", "ORG", *word(FIRST, "داعش")))
    project.apply(SetStatus(first, "sara", Status.DONE))
    with Project.open(project_path, readonly=True) as reader:
        made = {seed: build_gazetteer(reader).suggest(reader, seed)}
    report = store_suggestions(project, made, source="gazetteer")
    assert report.suggestions == len(made[seed]) == len(suggestion_rows(project_path)) > 0
