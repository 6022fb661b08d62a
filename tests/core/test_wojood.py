"""The Wojood sample (``../shared/corpora/wojood-sample``), nested entities and all:
in through the importer, checked in the project file, out again as CoNLL with one
column per nesting level, compared with the source line for line."""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from spacy_cli import spacy_debug_data, spacy_train

from annotator.core.export import export
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project

WOJOOD = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "wojood-sample"
FILES = {"train": "train.txt", "dev": "val.txt", "test": "test.txt"}
# The one fault of the sample: a sentence that starts with I-FAC (train.txt line 12377).
# --lenient reads it as B-FAC and says so; it is the only tag that comes out different.
SOURCE_FAULT = ("train", 12377, "I-FAC", "B-FAC")

pytestmark = pytest.mark.skipif(
    not WOJOOD.is_dir(), reason=f"the Wojood sample is not at {WOJOOD} (../shared/corpora)"
)


def source_sentences(path: Path) -> list[list[tuple[int, list[str]]]]:
    """Sentences of (line number, [token, tag, tag, …]) as the file has them."""
    sentences: list[list[tuple[int, list[str]]]] = [[]]
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip():
            sentences[-1].append((number, line.split()))
        elif sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


def exported_sentences(path: Path) -> list[list[list[str]]]:
    sentences: list[list[list[str]]] = [[]]
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            continue
        if line.strip():
            sentences[-1].append(line.split("\t"))
        elif sentences[-1]:
            sentences.append([])
    return [s for s in sentences if s]


@pytest.fixture(scope="module")
def wojood(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    path = tmp_path_factory.mktemp("wojood") / "wojood.sqlite"
    reports = {}
    with Project.create(path) as project:
        for part, name in FILES.items():
            options = ImportOptions(add_labels=True, done=True, lenient=True, part=part)
            report = import_paths(project, [WOJOOD / name], options=options)
            assert report.ok, report.failed
            reports[part] = report
    return path, reports


def test_every_mention_is_stored_outer_and_nested(wojood: tuple[Path, dict]) -> None:
    path, reports = wojood
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    total = conn.execute("SELECT count(*) FROM spans WHERE deleted IS NULL").fetchone()[0]
    # An entity is nested when another entity of the document contains it (the
    # same characters count once: the import keeps which level is outer).
    nested = conn.execute(
        "SELECT count(*) FROM spans s WHERE EXISTS (SELECT 1 FROM spans o WHERE"
        ' o.doc_id = s.doc_id AND o.id != s.id AND o.start <= s.start AND s."end" <= o."end"'
        ' AND (o.start != s.start OR o."end" != s."end"'
        "      OR json_extract(o.attrs, '$.level') < json_extract(s.attrs, '$.level')))"
    ).fetchone()[0]
    parts = dict(
        conn.execute("SELECT json_extract(meta, '$.part'), count(*) FROM documents GROUP BY 1")
    )
    done = conn.execute("SELECT count(*) FROM statuses WHERE status = 'done'").fetchone()[0]
    tokens = conn.execute("SELECT count(*) FROM source_tokens").fetchone()[0]
    conn.close()
    assert (total - nested, nested) == (3408, 815)
    assert sum(r.to_json()["nested_spans"] for r in reports.values()) == 815
    assert parts == {"train": 1, "dev": 1, "test": 1}
    assert done == 3 and tokens == 3
    # The lenient read listed the source's one fault, with its line.
    assert reports["train"].warnings == [
        f"{WOJOOD / 'train.txt'}, line 12377: 'I-FAC' follows the start of the sentence; "
        "read as the start of an entity (B-FAC)"
    ]


def test_conll_export_gives_the_source_token_lines_and_nesting_columns(
    wojood: tuple[Path, dict], tmp_path: Path
) -> None:
    path, reports = wojood
    with Project.open(path, readonly=True) as project:
        report = export(project, tmp_path / "out", fmt="conll", nested_columns=True, split="source")
    assert report.refused == [] and report.adjusted == []
    nfc_changed = 0
    differing_tags = []
    for part, name in FILES.items():
        source = source_sentences(WOJOOD / name)
        ours = exported_sentences(tmp_path / "out" / f"{part}.conll")
        # The same sentences, each with the same number of token lines.
        assert [len(s) for s in ours] == [len(s) for s in source]
        for s_source, s_ours in zip(source, ours, strict=True):
            for (number, columns), row in zip(s_source, s_ours, strict=True):
                token, tags = columns[0], columns[1:]
                if row[0] != token:
                    # Only the documented cleaning: NFC, which the import summary counted.
                    assert row[0] == unicodedata.normalize("NFC", token)
                    nfc_changed += 1
                if row[1:] != tags:
                    differing_tags.append((part, number, tags[0], row[1]))
    assert differing_tags == [SOURCE_FAULT]
    counted = sum(
        entry[0] for r in reports.values() for kind, entry in r.cleaning().items() if "NFC" in kind
    )
    assert nfc_changed == counted == 6


def test_retokenize_is_the_project_tokenizer(wojood: tuple[Path, dict], tmp_path: Path) -> None:
    path, _reports = wojood
    with Project.open(path, readonly=True) as project:
        export(project, tmp_path / "re", fmt="conll", split="source", source_tokens=False)
    text = (tmp_path / "re" / "dev.conll").read_text(encoding="utf-8")
    # "$#$" is one token in Wojood; the project tokenizer splits it.
    assert "$\t" in text and "$#$\t" not in text


@pytest.mark.slow
def test_spacy_debug_data_and_train_run_on_the_export_with_nested_entities(
    tmp_path: Path,
) -> None:
    # Documents of 20 sentences (the files have no document markers): spaCy needs
    # more than one example per part.
    path = tmp_path / "w.sqlite"
    with Project.create(path) as project:
        for part, name in FILES.items():
            options = ImportOptions(
                add_labels=True, done=True, lenient=True, part=part, sentences_per_document=20
            )
            assert import_paths(project, [WOJOOD / name], options=options).ok
        out = tmp_path / "out"
        report = export(project, out, fmt="spacy", split="source")
    assert report.refused == [] and report.adjusted == []
    assert sum(p.nested for p in report.parts.values()) == 815
    from spacy.tokens import DocBin

    from annotator.core.tokenizer import get_nlp

    docs = list(DocBin().from_disk(out / "dev.spacy").get_docs(get_nlp().vocab))
    assert sum(len(d.spans["entities"]) - len(d.ents) for d in docs) == 85  # val.txt's nested
    assert "spancat_entities" in (out / "config.cfg").read_text(encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    debug = spacy_debug_data(out, env=env)
    assert "Corpus is loadable" in debug.stdout, debug.stdout + debug.stderr
    assert "misaligned" not in debug.stdout, debug.stdout
    assert "crossing sentence boundaries" in debug.stdout  # the check ran, and passed:
    assert "No entities crossing sentence boundaries" in debug.stdout
    train = spacy_train(out, tmp_path / "model", steps=2, eval_frequency=2, env=env)
    assert "['tok2vec', 'ner', 'spancat_entities']" in train.stdout
    assert (tmp_path / "model" / "model-last" / "spancat_entities").is_dir()
