"""Input readers: txt, JSONL (Prodigy, doccano, ours), CoNLL, spaCy DocBin."""

from __future__ import annotations

import importlib
import json
import sys
import types
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from annotator.core.errors import EmptyFile, MalformedInput, UnknownFormat
from annotator.core.formats import (
    COMMON_LABEL_MAP,
    READERS,
    ReadOptions,
    detect_format,
    iter_input_files,
    read_documents,
)
from annotator.core.model import RawDocument, Status

DATA = Path(__file__).parent.parent / "data" / "formats"
SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"


@dataclass
class _Decoded:
    text: str
    encoding: str


def _stub_read_text_file(path: Path, *, encoding: str | None = None) -> _Decoded:
    data = Path(path).read_bytes()
    if not data:
        raise EmptyFile("empty file", path=str(path))
    codec = encoding or ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    return _Decoded(data.decode(codec), codec)


@pytest.fixture(autouse=True)
def text_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the real decoder once ``annotator.core.text`` exists, a UTF-8 stub until then."""
    try:
        module = importlib.import_module("annotator.core.text")
        module.read_text_file  # noqa: B018
    except (ImportError, AttributeError):
        stub = types.ModuleType("annotator.core.text")
        stub.read_text_file = _stub_read_text_file  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "annotator.core.text", stub)


def read(fmt: str, path: Path, **options: object) -> list[RawDocument]:
    return list(READERS[fmt](path, options=ReadOptions(**options)))  # type: ignore[arg-type]


def marked(doc: RawDocument) -> list[tuple[str, str]]:
    """What a reader sees highlighted: (text, label), in order."""
    return [(doc.text[s.start : s.end], s.label) for s in sorted(doc.spans, key=lambda s: s.start)]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def malformed(fmt: str, path: Path, **options: object) -> MalformedInput:
    with pytest.raises(MalformedInput) as info:
        read(fmt, path, **options)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value


# --- txt ----------------------------------------------------------------------


def test_txt_seed_article_keeps_raw_text_and_first_line_title() -> None:
    [doc] = read("txt", SEED)
    raw = SEED.read_bytes().decode("utf-8")
    assert doc.text == raw  # title line included, nothing cleaned
    assert doc.title == "البوكمال.. معركة دولية"
    assert doc.source == str(SEED)
    assert doc.meta["filename"] == SEED.name
    assert doc.meta["encoding"].replace("_", "-").lower().startswith("utf-8")
    assert doc.spans == [] and doc.line == 1


def test_txt_title_skips_nbsp_and_bidi_only_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "\u00a0\r\n\u200f\r\n  معركة \u00a0 دولية\u200f  \r\nالنص.\r\n")
    [doc] = read("txt", path, default_annotator="alice")
    assert doc.title == "معركة دولية"
    assert "\r\n" in doc.text  # CRLF is the importer's to clean
    assert doc.annotator == "alice"


def test_txt_title_of_a_file_without_title_line_is_cut(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", "كلمة " * 100)
    [doc] = read("txt", path)
    assert len(doc.title) <= 121 and doc.title.endswith("…")


def test_txt_without_visible_text_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "blank.txt", "\u00a0\n\u200f\n \n")
    with pytest.raises(EmptyFile, match="blank.txt"):
        read("txt", path)


# --- jsonl --------------------------------------------------------------------


def test_prodigy_accept_is_done_with_spans_and_annotator() -> None:
    docs = read("jsonl", DATA / "prodigy.jsonl", label_map=COMMON_LABEL_MAP)
    accepted = docs[0]
    assert accepted.status is Status.DONE
    assert accepted.annotator == "news-alice"
    assert marked(accepted) == [("الأسد", "PER"), ("دمشق", "GPE")]  # PERSON → PER
    assert accepted.source == "sana.sy"
    assert accepted.title == "قال الأسد في دمشق إن الحرب انتهت"
    assert accepted.meta["_input_hash"] == 1 and accepted.meta["_view_id"] == "ner_manual"
    assert accepted.line == 1


def test_prodigy_reject_drops_spans_ignore_keeps_them_both_skipped() -> None:
    _, rejected, ignored = read("jsonl", DATA / "prodigy.jsonl")
    assert (rejected.line, ignored.line) == (3, 4)  # the blank line 2 is skipped
    assert rejected.status is Status.SKIPPED and rejected.spans == []
    assert rejected.meta["answer"] == "reject" and rejected.meta["rejected_spans"] == 1
    assert ignored.status is Status.SKIPPED
    assert marked(ignored) == [("حمص", "GPE")]


def test_default_annotator_wins_over_the_file() -> None:
    docs = read("jsonl", DATA / "prodigy.jsonl", default_annotator="lead")
    assert {d.annotator for d in docs} == {"lead"}


def test_doccano_label_triples() -> None:
    [doc] = read("jsonl", DATA / "doccano_label.jsonl", label_map={"PERS": "PER"})
    assert marked(doc) == [("الأسد", "PER"), ("دمشق", "GPE")]
    assert doc.meta["id"] == 7 and doc.status is None and doc.annotator is None


def test_doccano_entities() -> None:
    [doc] = read("jsonl", DATA / "doccano_entities.jsonl")
    assert marked(doc) == [("الأسد", "PER")]
    assert doc.meta["id"] == 8


def test_own_shape_round_trip_fields(tmp_path: Path) -> None:
    span_id = str(uuid.uuid4())
    record = {
        "text": "😀 قال الأسد",  # outside the BMP: offsets stay code points
        "spans": [{"start": 6, "end": 11, "label": "PER", "id": span_id, "attrs": {"note": "x"}}],
        "meta": {"title": "عنوان", "source": "https://example.org/a", "uid": "abc"},
        "annotator": "bob",
        "status": "in_progress",
    }
    path = write(tmp_path, "ours.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    [doc] = read("jsonl", path)
    assert marked(doc) == [("الأسد", "PER")]
    assert doc.spans[0].id == span_id and doc.spans[0].attrs == {"note": "x"}
    assert (doc.title, doc.source, doc.annotator) == ("عنوان", "https://example.org/a", "bob")
    assert doc.status is Status.IN_PROGRESS
    assert doc.meta["uid"] == "abc"


def test_jsonl_line_separator_inside_text_is_not_a_line_break(tmp_path: Path) -> None:
    text = "سطر\u2028آخر\u0085ثالث دمشق"
    start = text.index("دمشق")
    line = json.dumps({"text": text, "label": [[start, start + 4, "GPE"]]}, ensure_ascii=False)
    path = write(tmp_path, "ls.jsonl", "\ufeff" + line + "\r\n" + line + "\n")
    docs = read("jsonl", path)
    assert [d.text for d in docs] == [text, text]
    assert [d.line for d in docs] == [1, 2]
    assert marked(docs[0]) == [("دمشق", "GPE")]


def test_offsets_are_not_checked_against_the_text(tmp_path: Path) -> None:
    path = write(tmp_path, "o.jsonl", '{"text": "دمشق", "label": [[2, 99, "GPE"]]}\n')
    [doc] = read("jsonl", path)
    assert (doc.spans[0].start, doc.spans[0].end) == (2, 99)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("{not json", "not valid JSON"),
        ('["text"]', "JSON object"),
        ('{"spans": []}', '"text"'),
        ('{"text": 5}', '"text" must be a string'),
        ('{"text": "a", "spans": {"start": 0}}', '"spans" must be a list'),
        ('{"text": "a", "spans": [{"start": "0", "end": 1, "label": "PER"}]}', "start must be"),
        ('{"text": "a", "spans": [{"start": 0, "end": 1.5, "label": "PER"}]}', "end must be"),
        ('{"text": "a", "spans": [{"start": true, "end": 1, "label": "PER"}]}', "start must be"),
        ('{"text": "a", "spans": [{"start": 0, "end": 1}]}', "label must be"),
        ('{"text": "a", "label": [[0, 1]]}', "[start, end"),
        ('{"text": "a", "label": [["0", 1, "PER"]]}', "start must be"),
        ('{"text": "a", "label": ["positive"]}', "text-classification"),
        ('{"text": "a", "entities": [{"start_offset": 0, "label": "PER"}]}', "end_offset"),
        ('{"text": "a", "meta": []}', '"meta" must be an object'),
        ('{"text": "a", "answer": "maybe"}', '"answer"'),
        ('{"text": "a", "status": "finished"}', '"status" must be one of'),
        ('{"text": "\\ud83d"}', "unpaired surrogate"),
    ],
)
def test_malformed_jsonl_names_the_line(tmp_path: Path, line: str, words: str) -> None:
    good = '{"text": "نص سليم"}'
    path = write(tmp_path, "bad.jsonl", f"{good}\n\n{line}\n{good}\n")
    error = malformed("jsonl", path)
    assert error.line == 3
    assert f"{path}, line 3" in str(error)
    assert words in str(error)


def test_jsonl_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cp.jsonl", b'{"text": "a"}\n' + '{"text": "دمشق"}\n'.encode("cp1256"))
    error = malformed("jsonl", path)
    assert error.line == 2 and "UTF-8" in str(error)


def test_jsonl_utf16_is_refused_with_advice(tmp_path: Path) -> None:
    path = write(tmp_path, "u16.jsonl", '{"text": "دمشق"}\n'.encode("utf-16"))
    assert "re-save it as utf-8" in str(malformed("jsonl", path)).lower()


def test_jsonl_without_lines_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyFile):
        read("jsonl", write(tmp_path, "e.jsonl", "\n  \n"))


# --- conll --------------------------------------------------------------------


def test_anercorp_style_without_sentence_breaks() -> None:
    [doc] = read("conll", DATA / "anercorp_sample.txt", label_map=COMMON_LABEL_MAP)
    # No blank lines: sentences end after "." tokens.
    assert doc.text.split("\n") == [
        "فرانكفورت ( د ب أ ) أعلن اتحاد صناعة السيارات في ألمانيا .",
        "وقال الرئيس بيرند غوتشالك .",
    ]
    assert doc.sentence_starts == [0, 13]
    assert marked(doc) == [
        ("فرانكفورت", "LOC"),
        ("اتحاد صناعة السيارات", "ORG"),
        ("ألمانيا", "LOC"),
        ("بيرند غوتشالك", "PER"),
    ]
    assert doc.title == "فرانكفورت ( د ب أ ) أعلن اتحاد …"
    assert doc.meta["format"] == "conll" and doc.meta["filename"] == "anercorp_sample.txt"
    assert doc.meta["tag_column"] == 1 and doc.line == 1


def test_conll_in_cp1256_with_encoding_option(tmp_path: Path) -> None:
    path = write(tmp_path, "legacy.conll", "زار O\r\nدمشق B-LOC\r\n".encode("cp1256"))
    [doc] = read("conll", path, encoding="cp1256")
    assert marked(doc) == [("دمشق", "LOC")]
    assert doc.meta["encoding"].replace("-", "") == "cp1256"


def test_iob2_sentences_are_lines_and_entities_stop_at_breaks(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.conll",
        "قال\tO\nالأسد\tB-PER\n\nدمشق\tB-GPE\nعاصمة\tO\nسوريا\tB-GPE\n",
    )
    [doc] = read("conll", path)
    assert doc.text == "قال الأسد\nدمشق عاصمة سوريا"
    assert marked(doc) == [("الأسد", "PER"), ("دمشق", "GPE"), ("سوريا", "GPE")]


@pytest.mark.parametrize(
    "tags",
    [
        ["B-ORG", "L-ORG", "O", "U-GPE", "B-PER", "I-PER", "L-PER"],  # BILOU
        ["B-ORG", "E-ORG", "O", "S-GPE", "B-PER", "I-PER", "E-PER"],  # BIOES
        ["B-ORG", "I-ORG", "O", "B-GPE", "B-PER", "I-PER", "I-PER"],  # IOB2
        ["I-ORG", "I-ORG", "O", "I-GPE", "I-PER", "I-PER", "I-PER"],  # IO
    ],
)
def test_tag_schemes_give_the_same_entities(tmp_path: Path, tags: list[str]) -> None:
    tokens = ["الأمم", "المتحدة", "في", "دمشق", "فيصل", "عبد", "الله"]
    path = write(
        tmp_path, "x.bio", "".join(f"{t} {g}\n" for t, g in zip(tokens, tags, strict=True))
    )
    [doc] = read("conll", path)
    assert marked(doc) == [("الأمم المتحدة", "ORG"), ("دمشق", "GPE"), ("فيصل عبد الله", "PER")]


def test_iob1_refused_without_the_flag() -> None:
    error = malformed("conll", DATA / "conll2003_iob1.conll")
    assert error.line == 3
    assert "'I-LOC'" in str(error) and "--iob1" in str(error)


def test_iob1_accepted_with_the_flag_and_docstart_splits() -> None:
    first, second = read("conll", DATA / "conll2003_iob1.conll", iob1=True)
    assert first.meta["tag_column"] == 3  # the last of four columns
    assert marked(first) == [("دمشق", "LOC"), ("الأمم المتحدة", "ORG")]
    # B- separates two adjacent entities of one type in IOB1.
    assert marked(second) == [("بشار الأسد", "PER"), ("وليد المعلم", "PER")]
    assert (first.line, second.line) == (3, 12)
    assert (first.meta["document"], second.meta["document"]) == (1, 2)
    assert second.title == "قال بشار الأسد وليد المعلم ."


def test_file_without_docstart_is_one_document(tmp_path: Path) -> None:
    path = write(tmp_path, "one.conll", "أ O\n\nب O\n\nج B-PER\n")
    assert [d.text for d in read("conll", path)] == ["أ\nب\nج"]


def test_wojood_nested_every_tag_column_is_a_level_and_tag_column_reads_one() -> None:
    path = DATA / "wojood_nested.tsv"
    [doc] = read("conll", path)
    assert marked(doc) == [
        ("جريدة فلسطين", "ORG"),
        ("فلسطين", "GPE"),
        ("كانون الاول", "DATE"),
        ("بلدية مدينة البيرة", "ORG"),
        ("مدينة البيرة", "GPE"),
    ]
    assert doc.meta["nesting_levels"] == 2
    assert doc.text == "جريدة فلسطين / كانون الاول\nبلدية مدينة البيرة ."
    # Tokens and sentences as in the file.
    assert [doc.text[s:e] for s, e in doc.tokens or []][:3] == ["جريدة", "فلسطين", "/"]
    assert doc.sentence_starts == [0, 5]
    [outer] = read("conll", path, tag_column=1)
    assert outer.meta["tag_column"] == 1
    assert marked(outer) == [
        ("جريدة فلسطين", "ORG"),
        ("كانون الاول", "DATE"),
        ("بلدية مدينة البيرة", "ORG"),
    ]


def test_tag_column_most_lines_lack_is_an_error() -> None:
    # The hint of old ("--tag-column 2") read every line without it as O: 0 spans.
    error = malformed("conll", DATA / "wojood_nested.tsv", tag_column=2)
    assert "only 3 of 9 token lines have a column 2" in str(error)
    assert "Leave --tag-column out" in str(error)


def test_tag_column_beyond_the_file_or_zero(tmp_path: Path) -> None:
    assert "at most 2" in str(malformed("conll", DATA / "wojood_nested.tsv", tag_column=3))
    assert "column 0" in str(malformed("conll", DATA / "wojood_nested.tsv", tag_column=0))


@pytest.mark.parametrize(
    ("lines", "bad_line", "words"),
    [
        ("دمشق B_GPE\n", 2, "B-GPE (a hyphen"),
        ("دمشق X-GPE\n", 2, "'X-GPE'"),
        ("دمشق B-\n", 2, "'B-'"),
        ("دمشق b-gpe\n", 2, "upper case"),
        ("دمشق\n", 2, "has no tag"),
        ("في O\nدمشق I-GPE\n", 3, "--iob1"),
        ("الأسد B-PER\nدمشق I-GPE\n", 3, "'B-PER'"),
        ("في O\nدمشق L-GPE\n", 3, "never started"),
        ("في O\nدمشق E-GPE\n", 3, "never started"),
        ("دمشق U-GPE\nسوريا L-GPE\n", 3, "never started"),
    ],
)
def test_malformed_conll_names_line_and_tag(
    tmp_path: Path, lines: str, bad_line: int, words: str
) -> None:
    # Line 1 has a B- tag so the file is not IO-only.
    path = write(tmp_path, "bad.conll", "قال B-PER\n" + lines)
    error = malformed("conll", path)
    assert error.line == bad_line
    assert f"{path}, line {bad_line}" in str(error)
    assert words in str(error)


def test_wrong_column_suggests_tag_column(tmp_path: Path) -> None:
    path = write(tmp_path, "pos.conll", "دمشق NNP B-GPE\nقال VBD\n")
    error = malformed("conll", path)  # POS columns: the last column, the same on every line
    assert error.line == 2 and "the line has 2 columns, the file's other token lines 3" in str(
        error
    )
    [doc] = read("conll", path, tag_column=2)
    assert marked(doc) == [("دمشق", "GPE")]


def test_empty_conll(tmp_path: Path) -> None:
    with pytest.raises(EmptyFile):
        read("conll", write(tmp_path, "e.conll", "-DOCSTART- O\n\n"))


# --- spacy DocBin --------------------------------------------------------------


def test_docbin_ents_and_claims_round_trip(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    text = "قال الأسد في دمشق إن الحرب انتهت 😀 حقا"
    doc = nlp(text)
    claim_id = str(uuid.uuid4())
    per = doc.char_span(4, 9, "PERS")
    gpe = doc.char_span(13, 17, "GPE")
    claim = doc.char_span(18, 32, "CLAIM", span_id=claim_id)
    extra = doc.char_span(35, 38, "MISC")  # after the emoji: code points, not UTF-16
    assert None not in (per, gpe, claim, extra)
    doc.ents = [per, gpe]
    doc.spans["claims"] = [claim]
    doc.spans["sc"] = [gpe, extra]  # gpe repeats an entity: left out
    doc.user_data.update(title="عنوان", source="sana.sy", meta={"id": 7}, status="done")
    doc.user_data[("._.", "x", None, None)] = "not a string key"
    plain = nlp("نص بلا بيانات")
    path = tmp_path / "train.spacy"
    DocBin(docs=[doc, plain], store_user_data=True).to_disk(path)

    first, second = read("spacy", path, label_map={"PERS": "PER"})
    assert first.text == text
    assert marked(first) == [
        ("الأسد", "PER"),
        ("دمشق", "GPE"),
        ("إن الحرب انتهت", "CLAIM"),
        ("حقا", "MISC"),
    ]
    by_label = {s.label: s for s in first.spans}
    assert (by_label["CLAIM"].start, by_label["CLAIM"].end) == (18, 32)
    assert by_label["CLAIM"].id == claim_id and by_label["CLAIM"].attrs == {}
    assert by_label["MISC"].attrs == {"span_group": "sc"}
    assert (first.title, first.source, first.status) == ("عنوان", "sana.sy", Status.DONE)
    assert first.meta["id"] == 7 and first.meta["document"] == 1
    assert second.title == "نص بلا بيانات" and second.spans == []
    assert second.source == str(path) and second.meta["document"] == 2


def test_not_a_docbin(tmp_path: Path) -> None:
    path = write(tmp_path, "fake.spacy", "ليس ملف DocBin")
    assert "not a spaCy DocBin" in str(malformed("spacy", path))


# --- detect_format / iter_input_files -------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("a.txt", "عنوان\n\nنص الخبر.\n", "txt"),
        ("a.jsonl", '{"text": "x"}\n', "jsonl"),
        ("a.json", '{"text": "x"}\n', "jsonl"),
        ("a.conll", "x O\n", "conll"),
        ("a.iob", "x O\n", "conll"),
        ("a.bio", "x O\n", "conll"),
        ("a.tsv", "x\tO\n", "conll"),
        ("a.spacy", b"", "spacy"),
        ("ANERCorp_train.txt", "دمشق B-LOC\nفي O\nسوريا B-LOC\n", "conll"),
        ("ANERCorp", "دمشق B-LOC\nفي O\nسوريا B-LOC\n", "conll"),
        ("export", '\ufeff{"text": "x"}\n', "jsonl"),
        ("article", "عنوان\n\nنص الخبر.\n", "txt"),
        ("utf16", "عنوان\n".encode("utf-16"), "txt"),
        ("utf16le", "عنوان الخبر\r\nنص.\r\n".encode("utf-16-le"), "txt"),
    ],
)
def test_detect_format(tmp_path: Path, name: str, content: str | bytes, fmt: str) -> None:
    assert detect_format(write(tmp_path, name, content)) == fmt


def test_detect_seed_article_is_txt() -> None:
    assert detect_format(SEED) == "txt"


def test_detect_docbin_without_extension(tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    path = tmp_path / "corpus"
    DocBin(docs=[spacy.blank("ar")("نص")]).to_disk(path)
    assert detect_format(path) == "spacy"
    assert [d.text for d in read_documents(path)] == ["نص"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("blob", b"\x00\x01\x02\x89PNG\x03\x04", "--format"),
        ("a.json", '[{"text": "x"}]', "JSON array"),
        ("a.conllu", "1\tدمشق\t_\n", "CoNLL-U"),
    ],
)
def test_unknown_format(tmp_path: Path, name: str, content: str | bytes, words: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(UnknownFormat) as info:
        detect_format(path)
    assert str(path) in str(info.value) and words in str(info.value)


def test_iter_input_files_walks_folders_in_natural_order(tmp_path: Path) -> None:
    for rel in [
        "b/10.txt",
        "b/2.txt",
        "a.jsonl",
        "notes.md",
        ".hidden.txt",
        ".git/x.txt",
        "c/data.conll",
        "c/ANERCorp",
        "c/image.png",
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("دمشق B-LOC\nفي O\nسوريا B-LOC\n" if rel == "c/ANERCorp" else "x O\n")
    extra = tmp_path / "elsewhere.text"
    extra.write_text("x")
    files = iter_input_files([tmp_path, extra, tmp_path / "a.jsonl"], fmt=None)
    rel = [p.relative_to(tmp_path).as_posix() for p in files]
    assert rel == ["a.jsonl", "b/2.txt", "b/10.txt", "c/ANERCorp", "c/data.conll", "elsewhere.text"]

    conll = iter_input_files([tmp_path / "c"], fmt="conll")
    assert [p.name for p in conll] == ["ANERCorp", "data.conll"]
    assert iter_input_files([tmp_path / "c"], fmt="auto") == iter_input_files([tmp_path / "c"])


def test_iter_input_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no such file"):
        iter_input_files([tmp_path / "nope"], fmt=None)


def test_registry_readers_have_samples_in_docstrings() -> None:
    for fmt, reader in READERS.items():
        assert reader.__doc__ and "::" in reader.__doc__, fmt
