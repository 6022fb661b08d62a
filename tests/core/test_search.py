"""Find across the corpus, on the real seed article and the Wojood sentences.

Every hit is checked in the stored text: its offsets slice out the match, the
match folds to the query, and the hits of each document are exactly what
Ctrl+F's ``find_all`` finds there (the index never loses a document).
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest

from annotator.core.edits import AddSpan, RelabelSpan, RemoveSpan, SetStatus
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.model import Status
from annotator.core.search import InvalidQuery, find_in_project, fold_query
from annotator.core.store import NewDocument, Project
from annotator.core.text import find_all

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_DIR = SHARED / "seed"
WOJOOD = SHARED / "corpora" / "wojood-sample" / "val.txt"
DATA = Path(__file__).resolve().parents[1] / "data"


def wojood_sentences() -> list[str]:
    sentences, words = [], []
    for line in WOJOOD.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                sentences.append(" ".join(words))
            words = []
        else:
            words.append(line.split()[0])
    return sentences


@pytest.fixture
def corpus(project: Project) -> Project:
    """The seed article imported from its file, plus 60 articles of Wojood sentences."""
    import_paths(project, [SEED_DIR], options=ImportOptions())
    rng = random.Random(3)
    sentences = wojood_sentences()
    with project.transaction():
        project.documents.add_many(
            [NewDocument(" ".join(rng.sample(sentences, 12)), title=f"w{i}") for i in range(60)]
        )
    return project


def all_hits(project: Project, query: str) -> dict[int, list[tuple[int, int]]]:
    """Ctrl+F's matches in every document, the slow way: the reference."""
    found = {d.id: find_all(d.text, query) for d in project.documents.iter()}
    return {doc_id: spans for doc_id, spans in found.items() if spans}


def check(project: Project, query: str) -> int:
    result = find_in_project(project, query, limit=10_000)
    assert not result.truncated
    texts = {d.id: d.text for d in project.documents.iter()}
    positions = {d.id: n for n, d in enumerate(project.documents.list(), 1)}
    got: dict[int, list[tuple[int, int]]] = {}
    for hit in result.hits:
        text = texts[hit.doc_id]
        assert hit.number == positions[hit.doc_id]
        assert text[hit.start : hit.end] == hit.match
        assert fold_query(hit.match) == fold_query(query)
        # Context: 40 characters each side, on one line.
        assert hit.before == re.sub(r"\s+", " ", text[max(0, hit.start - 40) : hit.start])
        assert hit.after == re.sub(r"\s+", " ", text[hit.end : hit.end + 40])
        got.setdefault(hit.doc_id, []).append((hit.start, hit.end))
    assert got == all_hits(project, query)
    assert result.documents == len(got)
    return len(result.hits)


def seed_id(project: Project) -> int:
    return next(d.id for d in project.documents.list() if not d.title.startswith("w"))


def test_hamza_and_tashkeel_variants_find_the_same_places(corpus: Project) -> None:
    # The seed writes الأولية and يأتي; queries without hamza or with tashkeel find them.
    for query in ("الأولية", "الاولية", "الأوَّليَّة", "يأتي", "ياتي", "يَأْتِي"):
        assert check(corpus, query) >= 1
    assert {h.match for h in find_in_project(corpus, "الاولية").hits} == {"الأولية"}
    hit = find_in_project(corpus, "يَأْتِي").hits[0]
    assert hit.doc_id == seed_id(corpus) and hit.match == "يأتي"


def test_tatweel_in_the_query_and_common_words(corpus: Project) -> None:
    assert check(corpus, "البوكـــمال") >= 3  # tatweel folded away
    assert check(corpus, "داعش") >= 3
    assert check(corpus, "في") > 20  # two letters: no trigram, every document scanned
    assert check(corpus, "الجيش العراقي") >= 2  # a phrase across a space


def test_the_index_is_in_the_project_file(corpus: Project) -> None:
    conn = sqlite3.connect(corpus.path)
    n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM find_indexed").fetchone()[0] == n_docs == 61
    conn.close()


def test_limit_stops_early_and_says_so(corpus: Project) -> None:
    result = find_in_project(corpus, "في", limit=5)
    assert len(result.hits) == 5 and result.truncated
    numbers = [h.number for h in result.hits]
    assert numbers == sorted(numbers)


def test_empty_query_is_refused(corpus: Project) -> None:
    for query in ("", "   ", "\u064e\u0651", "ـــ"):
        with pytest.raises(InvalidQuery, match="E105"):
            find_in_project(corpus, query)
    with pytest.raises(InvalidQuery, match="limit"):
        find_in_project(corpus, "داعش", limit=0)


def test_documents_written_behind_the_store_are_still_found(corpus: Project) -> None:
    corpus._conn.execute(
        "INSERT INTO documents(uid, title, text, n_chars, n_words, ord, created)"
        " VALUES ('x', 'raw', 'وصل المراقبون إلى البوكمال صباحا', 32, 5, 999, '')"
    )
    path = corpus.path
    with Project.open(path, readonly=True) as reader:  # cannot index: scans the newcomer
        [hit] = find_in_project(reader, "المراقبون").hits
        assert hit.title == "raw" and hit.number == 62  # ord 999: counted, not ord + 1
    assert check(corpus, "المراقبون") == 1  # writable: indexed on the way
    missing = corpus._conn.execute(
        "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM find_indexed)"
    ).fetchone()[0]
    assert missing == 0


def test_migration_builds_the_index_of_an_old_project(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    path.write_bytes((DATA / "project_schema_0001.sqlite").read_bytes())
    with Project.open(path) as project:
        text = project.documents.get(project.documents.ids()[0]).text
        word = text.split()[0]
        result = find_in_project(project, word)
        assert result.hits and result.hits[0].match == word
        indexed = project._conn.execute("SELECT count(*) FROM find_indexed").fetchone()[0]
        assert indexed == project.documents.count()


# --- the data version and the first document ---------------------------------------


def test_data_version_changes_with_every_edit_and_only_then(project: Project) -> None:
    doc, _ = project.documents.add("ذهب أحمد إلى دمشق")
    versions = [project.data_version()]

    def changed() -> None:
        versions.append(project.data_version())
        assert versions[-1] != versions[-2]

    span_id = project.apply(AddSpan(doc, "a", "PER", 4, 8)).span_ids[0]
    changed()
    project.spans.for_document(doc)
    assert project.data_version() == versions[-1]  # reading changes nothing
    project.apply(RelabelSpan(span_id, "ORG"))
    changed()
    project.apply(SetStatus(doc, "a", Status.DONE))
    changed()
    project.apply(SetStatus(doc, "a", Status.IN_PROGRESS))
    changed()
    project.apply(RemoveSpan(span_id))
    changed()
    project.labels.update("PER", name="PERSON")
    changed()
    project.documents.add("خبر آخر")
    changed()
    path = project.path
    project.close()
    with Project.open(path, readonly=True) as reader:
        assert reader.data_version() == versions[-1]  # stored, not per session


def test_first_to_open_skips_what_the_annotator_finished(project: Project) -> None:
    assert project.documents.first_to_open("a") is None
    ids = [project.documents.add(f"نص رقم {i}")[0] for i in range(4)]
    assert project.documents.first_to_open("a") == ids[0]
    project.apply(SetStatus(ids[0], "a", Status.DONE))
    project.apply(SetStatus(ids[1], "a", Status.SKIPPED))
    project.apply(SetStatus(ids[2], "b", Status.DONE))  # someone else's status
    assert project.documents.first_to_open("a") == ids[2]
    project.apply(SetStatus(ids[2], "a", Status.IN_PROGRESS))
    assert project.documents.first_to_open("a") == ids[2]
    for doc_id in ids:
        project.apply(SetStatus(doc_id, "a", Status.DONE))
    assert project.documents.first_to_open("a") == ids[0]  # all done: the first one
