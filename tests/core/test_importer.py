"""Importing files: every encoding of the seed, the formats, and every bad input."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.importer import ImportOptions, import_paths
from annotator.core.model import Status
from annotator.core.store import Project


def snapshot(path: Path) -> list[tuple]:
    """Everything a user could see in the file: documents, spans, statuses, labels."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = []
    for table in ("documents", "spans", "statuses", "labels"):
        rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
    conn.close()
    return [tuple(x for x in r if not (isinstance(x, str) and x.endswith("Z"))) for r in rows]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"])
def test_seed_in_every_unicode_encoding_imports_identically(
    project: Project, tmp_path: Path, seed_text: str, encoding: str
) -> None:
    path = tmp_path / f"seed-{encoding}.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + seed_text.encode("utf-16-be"))
    else:
        path.write_bytes(seed_text.encode(encoding))
    report = import_paths(project, [path])
    assert report.ok, report.failed
    (doc,) = project.documents.iter()
    assert doc.text == seed_text
    assert doc.title == "البوكمال.. معركة دولية"


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859-6"])
def test_seed_in_legacy_encodings_imports_identically(
    project: Project, tmp_path: Path, seed_text: str, encoding: str
) -> None:
    # Keep only what the legacy code page can carry (curly quotes, Arabic-Indic
    # digits and NBSP are missing from some), then the text must come back exactly.
    text = "".join(c if c.encode(encoding, "ignore") else " " for c in seed_text)
    path = tmp_path / f"seed-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    report = import_paths(project, [path])
    assert report.ok, report.failed
    (doc,) = project.documents.iter()
    assert doc.text == text


def test_same_article_twice_is_one_document_and_second_annotator_attaches(
    project: Project, tmp_path: Path, seed_text: str
) -> None:
    start = seed_text.index("البوكمال")
    lines = []
    for who, label in (("sara", "GPE"), ("omar", "LOC")):
        lines.append(
            json.dumps(
                {
                    "text": seed_text,
                    "_annotator_id": who,
                    "answer": "accept",
                    "spans": [{"start": start, "end": start + 8, "label": label}],
                },
                ensure_ascii=False,
            )
        )
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text(lines[0] + "\n", encoding="utf-8")
    b.write_text(lines[1] + "\n", encoding="utf-8")
    (tmp_path / "seed.txt").write_text(seed_text, encoding="utf-8")
    report = import_paths(project, [tmp_path / "seed.txt", a, b])
    assert report.ok, report.failed
    assert project.documents.count() == 1
    doc = project.documents.ids()[0]
    spans = project.spans.for_document(doc)
    assert sorted((s.annotator, s.label, s.start, s.end) for s in spans) == [
        ("omar", "LOC", start, start + 8),
        ("sara", "GPE", start, start + 8),
    ]
    assert project.statuses.get(doc, "sara").status is Status.DONE
    # Importing the same file again changes nothing.
    before = snapshot(project.path)
    assert import_paths(project, [a]).ok
    assert snapshot(project.path) == before


def test_spans_move_with_cleaning(project: Project, tmp_path: Path) -> None:
    raw = "\ufeffقال\u200f أحمد\r\nفي دمشق"
    start = raw.index("دمشق")
    path = tmp_path / "x.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": raw,
                "spans": [
                    {"start": start, "end": start + 4, "label": "GPE"},
                    {"start": raw.index("أحمد"), "end": raw.index("أحمد") + 4, "label": "PER"},
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    assert import_paths(project, [path], options=ImportOptions(annotator="sara")).ok
    doc = project.documents.get(project.documents.ids()[0])
    assert "\r" not in doc.text and "\u200f" not in doc.text
    assert [doc.text[s.start : s.end] for s in project.spans.for_document(doc.id)] == [
        "أحمد",
        "دمشق",
    ]


BAD_INPUTS = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    "empty.txt": (b"", "empty"),
    "notjson.jsonl": ('{"text": "نص"}\n{not json\n'.encode(), "line 2"),
    "notext.jsonl": (b'{"spans": []}\n', "line 1"),
    "pastend.jsonl": (
        '{"text": "نص قصير", "spans": [{"start": 2, "end": 99, "label": "PER"}]}\n'.encode(),
        "past the end",
    ),
    "reversed.jsonl": (
        '{"text": "نص قصير", "spans": [{"start": 4, "end": 2, "label": "PER"}]}\n'.encode(),
        "reversed",
    ),
    "unknownlabel.jsonl": (
        '{"text": "نص قصير", "spans": [{"start": 0, "end": 2, "label": "X"}]}\n'.encode(),
        "--add-labels",
    ),
    "iob1.conll": ("أحمد B-PER\nفي O\nمدينة I-LOC\n".encode(), "--iob1"),
    "badtag.conll": ("دمشق B_LOC\n".encode(), "line 1"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_named_and_project_unchanged(project: Project, tmp_path: Path, name: str) -> None:
    data, expected = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("خبر جيد\n\nنص الخبر.", encoding="utf-8")
    before = snapshot(project.path)
    report = import_paths(project, [path])
    assert not report.ok
    (failed,) = report.failed
    assert name in failed.error and expected in failed.error, failed.error
    assert snapshot(project.path) == before
    # With a good file beside it, the good one goes in and the bad one is listed.
    report = import_paths(project, [path, good])
    assert [f.path for f in report.failed] == [str(path)]
    assert project.documents.count() == 1


def test_undetectable_encoding_is_refused(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "mystery.txt"
    path.write_bytes(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xA0]) * 50 + b"\xff\xfe\xfd" * 30)
    report = import_paths(project, [path])
    assert not report.ok
    assert "--encoding" in report.failed[0].error
    assert project.documents.count() == 0


def test_add_labels_and_label_map(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": "ذهب أحمد إلى دمشق بالسيارة",
                "spans": [
                    {"start": 4, "end": 8, "label": "PERS"},
                    {"start": 18, "end": 26, "label": "VEHICLE"},
                ],
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    options = ImportOptions(add_labels=True, label_map={"PERS": "PER"}, annotator="a")
    report = import_paths(project, [path], options=options)
    assert report.ok and report.labels_added == ["VEHICLE"]
    labels = {s.label for s in project.spans.all()}
    assert labels == {"PER", "VEHICLE"}


def test_conll_and_docbin_import(project: Project, tmp_path: Path) -> None:
    conll = tmp_path / "a.conll"
    conll.write_text(
        "-DOCSTART- O\n\nدخل O\nالجيش B-ORG\nالعراقي I-ORG\nالبوكمال B-GPE\n\n"
        "-DOCSTART- O\n\nقسد B-ORG\n",
        encoding="utf-8",
    )
    report = import_paths(project, [conll], options=ImportOptions(annotator="a"))
    assert report.ok, report.failed
    texts = {d.text: d.id for d in project.documents.iter()}
    doc = texts["دخل الجيش العراقي البوكمال"]
    assert [
        (s.label, "دخل الجيش العراقي البوكمال"[s.start : s.end])
        for s in project.spans.for_document(doc)
    ] == [("ORG", "الجيش العراقي"), ("GPE", "البوكمال")]

    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("ar")
    d = nlp("😀 قال أحمد إن دمشق اقرب")
    d.ents = [d.char_span(6, 10, "PER")]
    d.spans["claims"] = [d.char_span(14, 23, "CLAIM")]
    path = tmp_path / "x.spacy"
    DocBin(docs=[d]).to_disk(path)
    assert import_paths(project, [path], options=ImportOptions(annotator="b")).ok
    doc_id = project.documents.id_for_uid(
        __import__("annotator.core.model").core.model.document_uid(d.text)
    )
    spans = project.spans.for_document(doc_id)
    assert [(s.label, d.text[s.start : s.end]) for s in spans] == [
        ("PER", "أحمد"),
        ("CLAIM", "دمشق اقرب"),
    ]


ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PIECES = st.sampled_from(
    list(ARABIC)
    + [
        "\u064e",
        "\u0651",
        "\u0654",
        "😀",
        "𝔸",
        " ",
        "\n",
        "\r\n",
        "\u200f",
        "\u00a0",
        "é",
        "e\u0301",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    prefix=st.lists(PIECES, max_size=12),
    word=st.text(alphabet=ARABIC, min_size=1, max_size=8),
    suffix=st.lists(PIECES, max_size=6),
)
def test_span_after_emoji_and_marks_survives_import(
    tmp_path_factory: pytest.TempPathFactory, prefix: list[str], word: str, suffix: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    raw = "".join(prefix) + " " + word + " " + "".join(suffix) + "نهاية"
    start = len("".join(prefix)) + 1
    path = folder / "x.jsonl"
    path.write_text(
        json.dumps(
            {"text": raw, "spans": [{"start": start, "end": start + len(word), "label": "PER"}]},
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    with Project.create(folder / "p.sqlite") as project:
        report = import_paths(project, [path], options=ImportOptions(annotator="a"))
        assert report.ok, report.failed
        doc = next(project.documents.iter())
        (span,) = project.spans.for_document(doc.id)
        assert doc.text[span.start : span.end] == word
