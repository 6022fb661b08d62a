"""Exports: every span comes out of every format at the same characters.

The project is a real project file: the seed article imported as a user would,
plus a short article with an emoji before its spans, annotated through the core
edits (AddSpan / SetStatus). Checks go through independent readers: spaCy's
DocBin and ``spacy convert``, seqeval, and our own importer for the round trip.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest
import srsly
from spacy_cli import spacy_debug_data, spacy_train

from annotator.core.edits import AddSpan, RemoveSpan, SetStatus
from annotator.core.errors import (
    ChooseAnnotator,
    InvalidExportOption,
    InvalidSplit,
    NothingToExport,
    OutputNotADirectory,
    UnknownAnnotator,
    UnknownFormat,
)
from annotator.core.export import EXPORTERS, export
from annotator.core.export.conll import tags
from annotator.core.export.split import parse_split, part_index
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.model import Status
from annotator.core.store import Project

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"
EMOJI_ARTICLE = (
    "عاجل من البوكمال\n\nعاجل 🔴 قال مصدر إن “داعش” انسحب من البوكمال، ووصل وفد دمشقبغداد.\n"
)
ALICE = "alice"


def _find(text: str, needle: str, *, after: str = "", nth: int = 0) -> tuple[int, int]:
    """Offsets of ``needle`` (the nth time it follows ``after``)."""
    base = 0
    if after:
        base = text.index(after)
    start = base
    for _ in range(nth + 1):
        start = text.index(needle, start if start == base else start + 1)
    return start, start + len(needle)


class Annotated:
    """The test project and what was annotated in it (doc uid → spans)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.expected: dict[str, set[tuple[int, int, str]]] = {}
        self.texts: dict[str, str] = {}


def _annotate(project: Project, doc_id, spans: list[tuple[int, int, str]], who: str = ALICE):
    for start, end, label in spans:
        project.apply(AddSpan(doc_id, who, label, start, end))
    project.apply(SetStatus(doc_id, who, Status.DONE))


@pytest.fixture
def annotated(tmp_path: Path) -> Annotated:
    result = Annotated(tmp_path / "news.sqlite")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "emoji.txt").write_text(EMOJI_ARTICLE, encoding="utf-8")
    with Project.create(result.path) as project:
        report = import_paths(
            project,
            [tmp_path / "in" / "seed.txt", tmp_path / "in" / "emoji.txt"],
            options=ImportOptions(fmt="txt"),
        )
        assert report.ok
        seed_id, emoji_id = project.documents.ids()
        seed = project.documents.get(seed_id).text
        emoji = project.documents.get(emoji_id).text
        army = _find(seed, "الجيش العراقي", after="تقول المعلومات")
        seed_spans = [
            (*_find(seed, "داعش", after="لـ”داعش”"), "ORG"),  # inside لـ”داعش”،
            (*_find(seed, "داعش", after="و”داعش”"), "ORG"),  # inside و”داعش”
            (*army, "ORG"),
            (*_find(seed, "السورية", after="تقول المعلومات"), "GPE"),
            (*_find(seed, "العراق", after="والعراقية"), "GPE"),  # sub-token: و|العراق|ية
            (*_find(seed, "البوكمال"), "GPE"),
            # A claim overlapping two entities: it starts inside الجيش العراقي and
            # covers السورية whole.
            (army[0] + len("الجيش "), _find(seed, "١ كم")[1], "CLAIM"),
        ]
        emoji_spans = [
            (*_find(emoji, "داعش", after="🔴"), "ORG"),
            (*_find(emoji, "البوكمال", after="🔴"), "GPE"),
            (*_find(emoji, "دمشق", after="وفد"), "GPE"),  # two entities in one
            (*_find(emoji, "بغداد", after="وفد"), "GPE"),  # token: دمشقبغداد
            (*_find(emoji, "قال مصدر إن “داعش” انسحب من البوكمال"), "CLAIM"),
        ]
        _annotate(project, seed_id, seed_spans)
        _annotate(project, emoji_id, emoji_spans)
        for doc_id, spans in ((seed_id, seed_spans), (emoji_id, emoji_spans)):
            doc = project.documents.get(doc_id)
            result.expected[doc.uid] = set(spans)
            result.texts[doc.uid] = doc.text
    return result


ALL_IN_TRAIN = (1.0, 0.0)


def _spacy_docs(path: Path):
    import spacy
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("ar").vocab))


def _spacy_spans(doc) -> set[tuple[int, int, str]]:
    spans = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    spans |= {(s.start_char, s.end_char, s.label_) for s in doc.spans["claims"]}
    return spans


def _conll_documents(path: Path) -> list[list[list[str]]]:
    docs: list[list[list[str]]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            docs.append([])
        elif line:
            docs[-1].append(line.split("\t"))
    return docs


def _token_offsets_in(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Find each CoNLL token in the text, in order (only whitespace may lie between)."""
    offsets, pos = [], 0
    for word in words:
        start = text.index(word, pos)
        assert text[pos:start].strip() == "", (word, text[pos:start])
        offsets.append((start, start + len(word)))
        pos = start + len(word)
    return offsets


def _conll_spans(text: str, rows: list[list[str]], column: int) -> set[tuple[int, int, str]]:
    from seqeval.metrics.sequence_labeling import get_entities

    offsets = _token_offsets_in(text, [r[0] for r in rows])
    return {
        (offsets[first][0], offsets[last][1], label)
        for label, first, last in get_entities([r[column] for r in rows])
    }


# --- every span, every format, same characters --------------------------------------


def test_every_span_in_every_format_at_the_same_characters(annotated, tmp_path):
    with Project.open(annotated.path, readonly=True) as project:
        reports = {
            fmt: export(
                project,
                tmp_path / fmt,
                fmt=fmt,
                split=ALL_IN_TRAIN,
                misaligned="split",
                claims_column=fmt == "conll",
            )
            for fmt in EXPORTERS
        }
        uids = [project.documents.get(i).uid for i in project.documents.ids()]
    for report in reports.values():
        assert report.refused == []
        assert report.documents == 2
        # The sub-token العراق and the two entities inside دمشقبغداد need token splits.
        split = {(a.before["text"], a.action) for a in report.adjusted}
        assert split == {("العراق", "split"), ("دمشق", "split"), ("بغداد", "split")}

    docs = _spacy_docs(tmp_path / "spacy" / "train.spacy")
    assert [d.user_data["uid"] for d in docs] == uids
    for doc in docs:
        assert doc.text == annotated.texts[doc.user_data["uid"]]
        assert _spacy_spans(doc) == annotated.expected[doc.user_data["uid"]]

    blocks = _conll_documents(tmp_path / "conll" / "train.conll")
    assert len(blocks) == 2
    for uid, rows in zip(uids, blocks, strict=True):
        text, expected = annotated.texts[uid], annotated.expected[uid]
        assert _conll_spans(text, rows, 2) == {s for s in expected if s[2] != "CLAIM"}
        assert _conll_spans(text, rows, 1) == {s for s in expected if s[2] == "CLAIM"}

    lines = (tmp_path / "jsonl" / "train.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        task = json.loads(line)
        uid = task["meta"]["uid"]
        assert task["text"] == annotated.texts[uid]
        assert {(s["start"], s["end"], s["label"]) for s in task["spans"]} == annotated.expected[
            uid
        ]
        tokens = task["tokens"]
        assert "".join(t["text"] + (" " if t["ws"] else "") for t in tokens) == task["text"]
        for span in task["spans"]:
            assert tokens[span["token_start"]]["start"] == span["start"]
            assert tokens[span["token_end"]]["end"] == span["end"]
        assert task["_annotator_id"] == ALICE and task["answer"] == "accept"


def test_expand_grows_spans_to_tokens_and_reports_each(annotated, tmp_path):
    with Project.open(annotated.path, readonly=True) as project:
        report = export(project, tmp_path / "out", fmt="spacy", split=ALL_IN_TRAIN)
    assert report.misaligned == "expand"
    by_text = {a.before["text"]: a for a in report.adjusted}
    assert by_text["العراق"].action == "expand"
    assert by_text["العراق"].after["text"] == "والعراقية"
    # Expanding دمشق and بغداد would make them overlap in دمشقبغداد: split instead,
    # and said so.
    assert by_text["دمشق"].action == by_text["بغداد"].action == "split"
    assert "overlap" in by_text["دمشق"].reason
    assert report.refused == []
    saved = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert len(saved["adjusted"]) == 3 and saved["refused"] == []
    assert saved["adjusted"][0]["before"]["text"] in by_text
    docs = {d.user_data["uid"]: d for d in _spacy_docs(tmp_path / "out" / "train.spacy")}
    for uid, expected in annotated.expected.items():
        moved = {
            (a.before["start"], a.before["end"]): (a.after["start"], a.after["end"])
            for a in report.adjusted
            if a.document == uid
        }
        want = {(*moved.get((s, e), (s, e)), label) for s, e, label in expected}
        assert _spacy_spans(docs[uid]) == want


def test_skip_refuses_sub_token_spans_and_lists_them(annotated, tmp_path):
    with Project.open(annotated.path, readonly=True) as project:
        report = export(
            project, tmp_path / "out", fmt="conll", split=ALL_IN_TRAIN, misaligned="skip"
        )
    assert sorted(r.span["text"] for r in report.refused) == ["العراق", "بغداد", "دمشق"]
    assert all("inside a token" in r.reason for r in report.refused)
    # Every span is either exported or listed.
    exported = sum(report.spans.values())
    claims_not_in_conll = 2
    assert exported + len(report.refused) + claims_not_in_conll == 12


def test_whitespace_at_the_edge_is_trimmed_and_reported(tmp_path):
    with Project.create(tmp_path / "p.sqlite") as project:
        doc_id, _ = project.documents.add("زار أحمد دمشق أمس", title="t", source="s")
        _annotate(project, doc_id, [(3, 9, "PER"), (13, 14, "GPE")])  # " أحمد" and " "
        report = export(project, tmp_path / "out", fmt="jsonl", split=ALL_IN_TRAIN)
    assert [(a.action, a.after["text"]) for a in report.adjusted] == [("trim", "أحمد")]
    assert [r.reason for r in report.refused] == [
        "covers only whitespace; a token format cannot hold it"
    ]


# --- spaCy -------------------------------------------------------------------------


def test_docbin_reloads_with_blank_arabic_vocab_and_keeps_meta(annotated, tmp_path):
    with Project.open(annotated.path, readonly=True) as project:
        export(project, tmp_path / "out", fmt="spacy", split=ALL_IN_TRAIN)
        seed = project.documents.get(project.documents.ids()[0])
    doc = _spacy_docs(tmp_path / "out" / "train.spacy")[0]
    assert doc.user_data["title"] == seed.title and doc.user_data["uid"] == seed.uid
    assert doc.user_data["meta"]["filename"] == "seed.txt"
    assert doc.user_data["annotator"] == ALICE and doc.user_data["status"] == "done"
    assert all(len(e.id_) == 36 for e in doc.ents)  # span ids travel with the entities
    assert [t.text for t in doc if "داعش" in t.text].count("داعش") >= 2
    assert _spacy_docs(tmp_path / "out" / "dev.spacy") == []
    config = (tmp_path / "out" / "config.cfg").read_text(encoding="utf-8")
    assert '@tokenizers = "annotator.arabic_tokenizer.v1"' in config
    assert 'spans_key = "claims"' in config and "spancat" in config


def test_docbin_writer_matches_spacy_docbin(annotated, tmp_path):
    """Our streaming writer against spaCy's own DocBin on the same Docs."""
    from spacy.tokens import DocBin

    from annotator.core.export.docbin import DOCBIN_ATTRS, DocBinWriter
    from annotator.core.tokenizer import get_nlp

    nlp = get_nlp()
    docs = [nlp.make_doc(t) for t in annotated.texts.values()]
    for doc in docs:
        doc.ents = [doc[0:1].char_span(0, len(doc[0]), label="GPE", span_id="x-1")]
        doc.spans["claims"] = [doc[0:3].char_span(0, len(doc[0:3].text), label="CLAIM")]
        doc.user_data["uid"] = "u"
    writer = DocBinWriter(tmp_path / "ours.spacy", vocab=nlp.vocab, spool_dir=tmp_path)
    for doc in docs:
        writer.add(doc)
    writer.close()
    theirs = srsly.msgpack_loads(
        zlib.decompress(DocBin(DOCBIN_ATTRS, store_user_data=True, docs=docs).to_bytes())
    )
    ours = srsly.msgpack_loads(zlib.decompress((tmp_path / "ours.spacy").read_bytes()))
    assert list(ours) == list(theirs)
    for key in ours:
        if key != "strings":
            assert ours[key] == theirs[key], key
    # spaCy also stores NORM and empty strings it does not need to rebuild these Docs.
    assert set(ours["strings"]) <= set(theirs["strings"])
    reloaded = _spacy_docs(tmp_path / "ours.spacy")
    assert [d.to_json() for d in reloaded] == [d.to_json() for d in docs]


def test_conll_read_back_by_spacy_convert_matches_spacy_export(annotated, tmp_path):
    with Project.open(annotated.path, readonly=True) as project:
        for fmt in ("spacy", "conll"):
            export(project, tmp_path / fmt, fmt=fmt, split=ALL_IN_TRAIN, misaligned="split")
    converted = tmp_path / "converted"
    converted.mkdir()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "convert",
            str(tmp_path / "conll" / "train.conll"),
            str(converted),
            "--converter",
            "ner",
            "--lang",
            "ar",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr

    def ents(doc):
        return [(e.label_, tuple(t.text for t in e if not t.is_space)) for e in doc.ents]

    ours = _spacy_docs(tmp_path / "spacy" / "train.spacy")
    back = _spacy_docs(converted / "train.spacy")
    assert len(back) == len(ours) == 2
    assert [ents(d) for d in back] == [ents(d) for d in ours]
    assert all(ents(d) for d in back)


# --- CoNLL -------------------------------------------------------------------------


def test_tag_schemes():
    ranges = [(0, 1, "PER"), (2, 5, "ORG")]
    assert tags(6, ranges, scheme="iob2") == ["B-PER", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    assert tags(6, ranges, scheme="bilou") == ["U-PER", "O", "B-ORG", "I-ORG", "L-ORG", "O"]
    assert tags(6, ranges, scheme="io") == ["I-PER", "O", "I-ORG", "I-ORG", "I-ORG", "O"]


@pytest.mark.parametrize("scheme", ["iob2", "bilou"])
def test_conll_reads_back_through_our_importer(annotated, tmp_path, scheme):
    with Project.open(annotated.path, readonly=True) as project:
        export(project, tmp_path / "out", fmt="conll", split=ALL_IN_TRAIN, scheme=scheme)
    with Project.create(tmp_path / "back.sqlite") as back:
        report = import_paths(
            back,
            [tmp_path / "out" / "train.conll"],
            options=ImportOptions(fmt="conll", annotator="x"),
        )
        assert report.ok, report.to_json()
        labels = sorted(s.label for s in back.spans.all())
    expected = sorted(
        lab for spans in annotated.expected.values() for *_, lab in spans if lab != "CLAIM"
    )
    assert labels == expected


def test_sentences_never_break_inside_a_span(annotated, tmp_path):
    with Project.open(annotated.path, readonly=True) as project:
        export(project, tmp_path / "out", fmt="conll", split=ALL_IN_TRAIN, claims_column=True)
    text = (tmp_path / "out" / "train.conll").read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- -X- O O\n\n")
    for sentence in text.split("\n\n"):
        rows = [r.split("\t") for r in sentence.splitlines() if not r.startswith("-DOCSTART-")]
        if rows:
            for column in (1, 2):
                assert not rows[0][column].startswith("I-"), sentence
    assert "\n\n\n" not in text
    # The seed's headline pause ".." and a sentence end "." both appear as tokens.
    assert "..\tO\tO\n" in text


# --- JSONL -------------------------------------------------------------------------


def test_jsonl_round_trip_is_byte_identical(annotated, tmp_path):
    seed = _two_part_seed(annotated)
    with Project.open(annotated.path, readonly=True) as project:
        export(project, tmp_path / "first", fmt="jsonl", split=(0.5, 0.5), seed=seed)
    parts = [tmp_path / "first" / n for n in ("train.jsonl", "dev.jsonl")]
    with Project.create(tmp_path / "again.sqlite") as again:
        report = import_paths(again, parts, options=ImportOptions(fmt="jsonl"))
        assert report.ok, report.to_json()
        export(again, tmp_path / "second", fmt="jsonl", split=(0.5, 0.5), seed=seed)
    for part in parts:
        assert (tmp_path / "second" / part.name).read_bytes() == part.read_bytes()
    assert sum(len(p.read_text(encoding="utf-8").splitlines()) for p in parts) == 2


# --- choosing, splitting, refusing ----------------------------------------------------


def test_split_is_stable_as_the_corpus_grows():
    uids = [f"{i:032x}" for i in range(2000)]
    split = (0.8, 0.1, 0.1)
    parts = [part_index(u, seed=0, split=split) for u in uids]
    counts = [parts.count(i) for i in range(3)]
    assert 1500 < counts[0] < 1700 and 130 < counts[1] < 270 and 130 < counts[2] < 270
    # A document's part depends on its uid and the seed only.
    assert [part_index(u, seed=0, split=split) for u in uids[:50]] == parts[:50]
    assert [part_index(u, seed=1, split=split) for u in uids] != parts
    assert parse_split("0.9,0.1") == (0.9, 0.1)


@pytest.mark.parametrize(
    "bad", ["0.8,0.1", "0.5,0.5,0.5", "1", "0.2,0.2,0.2,0.4", "a,b", "-0.2,1.2", "0,1"]
)
def test_split_must_have_two_or_three_parts_summing_to_one(bad):
    with pytest.raises(InvalidSplit):
        parse_split(bad)


def test_bad_input_is_refused_before_anything_is_written(annotated, tmp_path):
    folder = annotated.path.parent
    before = sorted(p.name for p in folder.iterdir())
    a_file = folder / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    with Project.open(annotated.path) as project:
        with pytest.raises(UnknownFormat, match="spacy, conll, jsonl"):
            export(project, folder / "out", fmt="brat")
        with pytest.raises(OutputNotADirectory, match="is a file"):
            export(project, a_file, fmt="spacy")
        with pytest.raises(InvalidSplit, match="sum"):
            export(project, folder / "out", fmt="spacy", split=(0.5, 0.4, 0.2))
        with pytest.raises(InvalidExportOption, match="scheme"):
            export(project, folder / "out", fmt="conll", scheme="bioes")
        with pytest.raises(InvalidExportOption, match="policy"):
            export(project, folder / "out", fmt="conll", misaligned="drop")
        with pytest.raises(UnknownAnnotator, match="alice"):
            export(project, folder / "out", fmt="spacy", annotator="bob")
        with pytest.raises(NothingToExport, match="gold"):
            export(project, folder / "out", fmt="spacy", gold=True)
        doc_id = project.documents.ids()[0]
        project.apply(AddSpan(doc_id, "bob", "PER", 0, 4))
        with pytest.raises(ChooseAnnotator, match="alice, bob"):
            export(project, folder / "out", fmt="spacy")
        with pytest.raises(NothingToExport, match="no document done"):
            export(project, folder / "out", fmt="spacy", annotator="bob")
    assert sorted(p.name for p in folder.iterdir()) == sorted([*before, "file.txt"])


def test_include_unfinished_and_gold(annotated, tmp_path):
    with Project.open(annotated.path) as project:
        doc_id = project.documents.ids()[0]
        project.apply(AddSpan(doc_id, "bob", "PER", 0, 4))
        report = export(
            project,
            tmp_path / "bob",
            fmt="jsonl",
            annotator="bob",
            include_unfinished=True,
            split=ALL_IN_TRAIN,
        )
        assert report.documents == 2
        line = (tmp_path / "bob" / "train.jsonl").read_text(encoding="utf-8").splitlines()[0]
        assert "answer" not in json.loads(line)
        project.apply(AddSpan(doc_id, "lead", "GPE", 0, 8, gold=True))
        report = export(project, tmp_path / "gold", fmt="spacy", gold=True, split=ALL_IN_TRAIN)
    assert report.documents == 1 and dict(report.spans) == {"GPE": 1}


def test_cancel_writes_nothing_and_progress_is_reported(annotated, tmp_path):
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int, title: str) -> None:
        seen.append((done, total))
        cancel.set()

    with Project.open(annotated.path, readonly=True) as project:
        report = export(project, tmp_path / "out", fmt="spacy", progress=progress, cancel=cancel)
    assert report.cancelled and seen == [(1, 2)]
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if "export-tmp" in p.name]


def test_export_into_an_existing_folder_replaces_only_export_files(annotated, tmp_path):
    out = tmp_path / "out"
    with Project.open(annotated.path, readonly=True) as project:
        export(project, out, fmt="conll", split=(0.8, 0.1, 0.1))
        (out / "notes.txt").write_text("mine", encoding="utf-8")
        export(project, out, fmt="conll", split=(0.9, 0.1))
    names = sorted(p.name for p in out.iterdir())
    assert names == ["README.md", "dev.conll", "notes.txt", "report.json", "train.conll"]


# --- the bundled sample's exports in exports/ -----------------------------------------


def test_exports_folder_is_up_to_date(tmp_path):
    from annotator.core.export.samples import EXPORTS_DIR, compare_sample_exports

    differences = compare_sample_exports(tmp_path)
    assert differences == [], (
        f"{EXPORTS_DIR} is out of date ({', '.join(differences)}); regenerate it with "
        "`python -m annotator.core.export.samples`."
    )


# --- spacy train / debug data (slow) -------------------------------------------------------


def _two_part_seed(annotated: Annotated) -> int:
    with Project.open(annotated.path, readonly=True) as project:
        uids = [project.documents.get(i).uid for i in project.documents.ids()]
    for seed in range(100):
        if sorted(part_index(u, seed=seed, split=(0.5, 0.5)) for u in uids) == [0, 1]:
            return seed
    raise AssertionError("no seed puts one document in each part")


@pytest.mark.slow
def test_spacy_train_and_debug_data_run_on_the_export(annotated, tmp_path):
    seed = _two_part_seed(annotated)
    out = tmp_path / "out"
    with Project.open(annotated.path) as project:
        # Two entities inside one token (دمشقبغداد) cannot both be whole tokens: the
        # export splits that token and says spaCy will see it as unannotated.
        # Without them, expand leaves nothing misaligned.
        for doc_id in project.documents.ids():
            for span in project.spans.for_document(doc_id):
                if span.label == "GPE" and project.documents.get(doc_id).text[
                    span.start : span.end
                ] in ("دمشق", "بغداد"):
                    project.apply(RemoveSpan(span.id))
        report = export(project, out, fmt="spacy", split=(0.5, 0.5), seed=seed)
    assert report.parts["train"].documents == report.parts["dev"].documents == 1
    assert [a.action for a in report.adjusted] == ["expand"]
    debug = spacy_debug_data(out)
    assert "misaligned" not in debug.stdout, debug.stdout
    assert "invalid whitespace entity" not in debug.stdout, debug.stdout
    spacy_train(out, tmp_path / "model", steps=4, eval_frequency=2)
    assert (tmp_path / "model" / "model-last" / "config.cfg").exists()


def test_the_spacy_export_leaves_span_ids_out_of_the_tokenizer_vocab(annotated, tmp_path):
    # spaCy never frees a string it has stored: interning ~20 span ids a document
    # made the export grow with the corpus (benchmarks/README.md, Export).
    from annotator.core.tokenizer import get_nlp

    with Project.open(annotated.path) as project:
        ids = [s.id for d in project.documents.ids() for s in project.spans.for_document(d)]
        export(project, tmp_path / "out", fmt="spacy", split=ALL_IN_TRAIN)
    assert ids
    strings = get_nlp().vocab.strings
    assert [i for i in ids if i in strings] == []
    docs = _spacy_docs(tmp_path / "out" / "train.spacy")
    exported = {s.id_ for d in docs for group in d.spans.values() for s in group}
    assert exported & set(ids)  # the ids are in the file all the same
