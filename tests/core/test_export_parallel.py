"""Exports rendered in worker processes are the same bytes as in one process.

The project is the Wojood sample (documents that came tokenized, nested entities
in several tag columns, a document note) plus the seed article with its claims,
claimers, cues and attributes, all by one annotator and done; chunks are made small so that every
export crosses many of them.
"""

from __future__ import annotations

import os
import random
import threading
from pathlib import Path

import pytest

from annotator.core.edits import SetStatus
from annotator.core.export import export, parallel
from annotator.core.model import DocId, Status
from annotator.core.note_edits import SetDocumentNote
from annotator.core.store import NewDocument, Project
from tests.core.claims_seed import annotate_seed

FORMATS = {
    "spacy": {},
    "conll": {"claims_column": True, "nested_columns": True, "scheme": "bilou"},
    "jsonl": {},
    "claims": {},
}


@pytest.fixture
def corpus(project: Project, wojood_done, monkeypatch) -> Project:
    ids = wojood_done(10_000)
    annotate_seed(project, "wojood")
    project.apply(SetDocumentNote(ids[4], "wojood", "تاريخ غير مؤكد", flag=True))
    monkeypatch.setattr(parallel, "CHUNK", 3)
    return project


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_two_workers_write_the_same_bytes_as_one_process(corpus, tmp_path, fmt):
    options = FORMATS[fmt]
    one = export(corpus, tmp_path / "one" / "out", fmt=fmt, processes=1, **options)
    two = export(corpus, tmp_path / "two" / "out", fmt=fmt, processes=2, **options)
    assert one.documents == two.documents == corpus.documents.count()
    files = _files(tmp_path / "two" / "out")
    assert files == _files(tmp_path / "one" / "out")
    assert two.to_json() == one.to_json()
    if fmt == "jsonl":  # the document note came through the workers too
        assert any("تاريخ غير مؤكد".encode() in data for data in files.values())


def test_workers_started_from_another_thread_write_the_same_bytes(corpus, tmp_path):
    """The GUI exports from a worker thread: its workers are spawned, not forked."""
    export(corpus, tmp_path / "one" / "out", fmt="conll", processes=1)
    errors: list[BaseException] = []

    def run() -> None:
        assert parallel.start_method() == "spawn"
        try:
            export(corpus, tmp_path / "two" / "out", fmt="conll", processes=2)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert errors == []
    assert _files(tmp_path / "two" / "out") == _files(tmp_path / "one" / "out")


def test_a_cancelled_parallel_export_leaves_nothing(corpus, tmp_path):
    cancel = threading.Event()
    report = export(
        corpus,
        tmp_path / "out",
        fmt="spacy",
        processes=2,
        cancel=cancel,
        progress=lambda done, total, title: cancel.set(),
    )
    assert report.cancelled
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if "export-tmp" in p.name] == []


def test_small_projects_stay_in_one_process(monkeypatch):
    assert parallel.processes_for("conll", 10) == 1
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert parallel.processes_for("conll", 10**6) == 2


def test_a_string_table_spilled_to_disk_writes_the_same_bytes(corpus, tmp_path, monkeypatch):
    """The .spacy writer keeps few strings in memory and merges sorted runs."""
    from annotator.core.export import docbin

    export(corpus, tmp_path / "one" / "out", fmt="spacy", processes=1)
    monkeypatch.setattr(docbin, "_STRINGS_IN_MEMORY", 50)
    export(corpus, tmp_path / "two" / "out", fmt="spacy", processes=2)
    assert _files(tmp_path / "two" / "out") == _files(tmp_path / "one" / "out")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_workers_that_let_new_words_go_write_the_same_bytes(corpus, tmp_path, monkeypatch, fmt):
    """Past KEPT_WORDS a worker tokenizes each chunk in spaCy's memory zone."""
    options = FORMATS[fmt]
    export(corpus, tmp_path / "one" / "out", fmt=fmt, processes=1, **options)
    monkeypatch.setattr(parallel, "KEPT_WORDS", 0)  # forked workers inherit it
    export(corpus, tmp_path / "two" / "out", fmt=fmt, processes=2, **options)
    assert _files(tmp_path / "two" / "out") == _files(tmp_path / "one" / "out")


_original_render_chunk = parallel._render_chunk
_LEARNED = "words-learned"


def _render_chunk_and_count(chunk):
    """A worker's ``_render_chunk`` that also writes how many words its tokenizer
    learned since it started (a file per worker, in the current folder)."""
    from annotator.core.tokenizer import get_nlp

    outcomes = _original_render_chunk(chunk)
    learned = len(get_nlp().vocab.strings) - parallel._vocab_at_start
    Path(f"{_LEARNED}-{os.getpid()}").write_text(str(learned))
    return outcomes


@pytest.mark.parametrize(("kept", "grows"), [(0, False), (10**9, True)])
def test_a_worker_past_its_kept_words_learns_no_more(corpus, tmp_path, monkeypatch, kept, grows):
    """A worker's memory stays flat: past KEPT_WORDS the words of a chunk are let go."""
    # Words no tokenizer of this test run has met (a forked worker inherits the
    # words the calling process learned), in documents spread over the chunks.
    rng = random.Random(kept)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    new = [
        NewDocument(
            " ".join("".join(rng.choices(letters, k=9)) for _ in range(60)), f"new {i}", "test", {}
        )
        for i in range(12)
    ]
    for doc_id, _added in corpus.documents.add_many(new):
        corpus.apply(SetStatus(DocId(doc_id), "wojood", Status.DONE))
    monkeypatch.setattr(parallel, "KEPT_WORDS", kept)
    monkeypatch.setattr(parallel, "_render_chunk", _render_chunk_and_count)
    monkeypatch.chdir(tmp_path)
    export(corpus, tmp_path / "out", fmt="conll", processes=2)
    learned = [int(p.read_text()) for p in tmp_path.glob(f"{_LEARNED}-*")]
    assert learned  # a worker per file; the pool starts a second one only when busy
    assert all((n > 0) is grows for n in learned), learned


def test_joined_payloads_keep_each_parts_bytes_in_order():
    from annotator.core.export.parallel import Outcome, join_payloads

    def outcome(part: int, payload: object) -> Outcome:
        return Outcome(part, False, payload, (), None, [], "")  # type: ignore[arg-type]

    parts = [0, 1, 0, 2, 0, 1]
    outcomes = [outcome(p, f"doc{i};".encode()) for i, p in enumerate(parts)]
    joined = join_payloads(outcomes)
    assert [o.part for o in joined] == parts
    written: dict[int, bytes] = {}
    for o in joined:
        written[o.part] = written.get(o.part, b"") + o.payload
    assert written == {0: b"doc0;doc2;doc4;", 1: b"doc1;doc5;", 2: b"doc3;"}
    assert sum(1 for o in joined if o.payload) == 3  # one string per part crosses
    docbin_like = [outcome(0, ("arrays",)), outcome(0, ("more",))]
    assert join_payloads(docbin_like) == docbin_like
