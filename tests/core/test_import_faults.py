"""What real corpora get wrong (ANERcorp's faults, hostile files), each in a small
inline file: one run names every problem with its line, a lenient run skips the
malformed lines and says so, and a refused file leaves the project as it was."""

from __future__ import annotations

import json
import os
import sqlite3
import unicodedata
from pathlib import Path

from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def dump(path: Path) -> list[tuple]:
    """Everything a user could notice in the project file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = []
    for table in ("documents", "labels", "spans", "statuses", "source_tokens"):
        rows += [
            (table, *r)
            for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608
        ]
    conn.close()
    return rows


def run(project: Project, *paths: Path, **options: object):  # type: ignore[no-untyped-def]
    return import_paths(project, list(paths), options=ImportOptions(**options))  # type: ignore[arg-type]


def only_error(report) -> str:  # type: ignore[no-untyped-def]
    [failed] = report.failed
    assert failed.error is not None
    return failed.error


# ANERcorp's own faults, on one small file: line 3 an empty token (" O"), line 6 two
# token lines run together, line 9 a token without its tag. No blank line at all.
ANERCORP_FAULTS = (
    "فرانكفورت B-LOC\n"  # 1
    "( O\n"  # 2
    " O\n"  # 3  empty token
    "أعلن O\n"  # 4
    "اتحاد B-ORG\n"  # 5
    "صناعة I-ORG السيارات I-ORG\n"  # 6  two lines run together
    "في O\n"  # 7
    "ألمانيا B-LOC\n"  # 8
    "اليوم\n"  # 9  no tag
    ". O\n"  # 10
    "وقال O\n"  # 11
    "بيرند B-PERS\n"  # 12
    "غوتشالك I-PERS\n"  # 13
    ". O\n"  # 14
)


def test_one_run_lists_every_problem_with_its_line(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "anercorp.txt", ANERCORP_FAULTS)
    before = dump(project.path)
    error = only_error(run(project, path, label_map={"PERS": "PER"}))
    assert f"{path}, line 3: empty token: the line holds only the tag 'O'" in error
    assert "3 problems in this file" in error
    assert "line 6: lines run together: 'صناعة I-ORG' and 'السيارات I-ORG' are on one line" in error
    assert "line 9: token 'اليوم' has no tag" in error
    assert "--lenient" in error
    assert dump(project.path) == before


def test_lenient_skips_malformed_lines_into_the_report_and_takes_the_rest(
    project: Project, tmp_path: Path
) -> None:
    path = write(tmp_path, "anercorp.txt", ANERCORP_FAULTS)
    report = run(project, path, lenient=True, label_map={"PERS": "PER"})
    assert report.ok
    assert [w.split(", ")[1].split(":")[0] for w in report.warnings] == [
        "line 3",
        "line 6",
        "line 9",
    ]
    [doc_id] = project.documents.ids()
    doc = project.documents.get(doc_id)
    # No blank lines: sentences end after "." tokens, never inside an entity.
    assert doc.text.split("\n") == [
        "فرانكفورت ( أعلن اتحاد في ألمانيا .",
        "وقال بيرند غوتشالك .",
    ]
    spans = {(doc.text[s.start : s.end], s.label) for s in project.spans.for_document(doc_id)}
    assert spans == {
        ("فرانكفورت", "LOC"),
        ("اتحاد", "ORG"),
        ("ألمانيا", "LOC"),
        ("بيرند غوتشالك", "PER"),
    }


def test_i_after_o_is_refused_listed_or_read_as_a_start(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "iob.conll", "قال B-PER\nفي O\nدمشق I-GPE\n\nو O\nحلب I-GPE\n")
    error = only_error(run(project, path))
    assert "line 3: tag 'I-GPE' of token 'دمشق' (column 1) follows 'O'" in error
    assert "line 6: tag 'I-GPE'" in error and "--iob1" in error
    report = run(project, path, lenient=True)
    assert report.ok and len(report.warnings) == 2
    assert (
        "line 3: 'I-GPE' follows 'O'; read as the start of an entity (B-GPE)" in report.warnings[0]
    )
    assert project.spans.count() == 3


def test_a_tag_column_most_lines_lack_and_a_file_without_spans_are_errors(
    project: Project, tmp_path: Path
) -> None:
    # ANERcorp with one line where two tokens ran together: the old hint said
    # --tag-column 2, which read every other line as O (11,233 entities gone).
    path = write(tmp_path, "a.txt", "دمشق B-LOC\nفي O\nسوريا B-LOC O\nو O\nحلب B-LOC\n")
    error = only_error(run(project, path, tag_column=2))
    assert "only 1 of 5 token lines have a column 2" in error
    untagged = write(tmp_path, "o.conll", "دمشق O\nفي O\nسوريا O\n")
    error = only_error(run(project, untagged))
    assert "no entity in 3 token lines: every tag of column 1 is O" in error
    assert project.documents.count() == 0
    assert run(project, untagged, allow_no_spans=True).ok


def test_every_missing_label_is_listed_with_its_count_and_obvious_mappings(
    project: Project, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "labels.conll",
        "أحمد B-PERS\nفي O\nدمشق B-LOCATION\nو O\nمهندس B-OCC\nو O\nسامي B-PERS\n",
    )
    error = only_error(run(project, path))
    assert "3 label(s) are not in the project: PERS (2×, first on line 1)" in error
    assert "LOCATION (1×, first on line 3)" in error and "OCC (1×, first on line 5)" in error
    assert "--label-map PERS=PER --label-map LOCATION=LOC;" in error
    assert "OCC=" not in error  # no default label obviously fits


def test_add_labels_never_adds_the_labels_of_a_refused_file(
    project: Project, tmp_path: Path
) -> None:
    write(tmp_path, "1.conll", "أحمد B-NEWA\nفي O\n")
    # The label comes first, the fault later in the file.
    write(tmp_path, "2.conll", "أحمد B-NEWB\nفي O\nدمشق L-GPE\n")
    before = set(project.labels.names())
    report = run(project, tmp_path, add_labels=True)
    assert [Path(f.path).name for f in report.failed] == ["2.conll"]
    assert set(project.labels.names()) - before == {"NEWA"}
    assert report.labels_added == ["NEWA"]


def test_duplicate_span_ids_are_a_clear_error_and_the_batch_keeps_good_files(
    project: Project, tmp_path: Path
) -> None:
    span_id = "5b7e0c3e-8f0a-4d7e-9a57-1f7f1b5f0c11"

    def line(text: str, start: int, end: int) -> str:
        return json.dumps(
            {"text": text, "spans": [{"start": start, "end": end, "label": "GPE", "id": span_id}]},
            ensure_ascii=False,
        )

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "a.jsonl", line("زار دمشق", 4, 8) + "\n")
    write(folder, "b.jsonl", line("زار حلب", 4, 7) + "\n" + line("زار حمص", 4, 7) + "\n")
    write(folder, "c.txt", "خبر عادي")
    report = run(project, folder)
    errors = {Path(f.path).name: f.error for f in report.failed}
    assert list(errors) == ["b.jsonl"]
    assert "[E071]" in errors["b.jsonl"] and "appears twice in the file" in errors["b.jsonl"]
    assert "line 2" in errors["b.jsonl"]
    assert project.documents.count() == 2  # a.jsonl and c.txt went in
    # The same id in another file, for another document: named, not an IntegrityError.
    other = write(tmp_path, "d.jsonl", line("زار بيروت", 4, 9) + "\n")
    error = only_error(run(project, other))
    assert "[E071]" in error and "already used by a span of another document" in error
    # The same file again is no error: nothing changes.
    assert run(project, folder / "a.jsonl").ok


def test_fifo_and_symlink_loops_in_a_folder_are_skipped_and_listed(
    project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "good.txt", "خبر عادي")
    os.mkfifo(folder / "f.txt")
    os.symlink(folder / "loop1.txt", folder / "loop2.txt")
    os.symlink(folder / "loop2.txt", folder / "loop1.txt")
    report = run(project, folder)  # a FIFO opened would hang here
    assert report.ok and project.documents.count() == 1
    assert sorted(Path(s.split(":")[0]).name for s in report.skipped) == [
        "f.txt",
        "loop1.txt",
        "loop2.txt",
    ]
    assert any("named pipe" in s for s in report.skipped)
    assert any("symlink loop" in s for s in report.skipped)


def test_nul_and_control_characters_in_text_and_labels_are_refused(
    project: Project, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "x.jsonl",
        json.dumps({"text": "زار دمشق"}) + "\n" + json.dumps({"text": "زار\u0000 حلب"}) + "\n",
    )
    error = only_error(run(project, path))
    assert f"{path}, line 2:" in error and "U+0000" in error
    label = write(
        tmp_path,
        "l.jsonl",
        json.dumps({"text": "زار دمشق", "spans": [{"start": 4, "end": 8, "label": "G\u0007PE"}]})
        + "\n",
    )
    error = only_error(run(project, label, add_labels=True))
    assert "[E072]" in error and "line 1" in error
    assert project.documents.count() == 0 and "G\u0007PE" not in project.labels.names()


def test_document_size_limit_and_splitting_a_file_into_documents(
    project: Project, tmp_path: Path
) -> None:
    sentences = "".join(f"خبر{i} O\nفي O\nدمشق B-GPE\n. O\n\n" for i in range(10))
    path = write(tmp_path, "big.conll", sentences)
    error = only_error(run(project, path, max_document_chars=100))
    assert "[E073]" in error and "the limit is 100" in error and "--sentences-per-document" in error
    report = run(project, path, max_document_chars=100, sentences_per_document=3)
    assert report.ok and project.documents.count() == 4  # 3 + 3 + 3 + 1 sentences
    assert project.spans.count() == 10


def test_inconsistent_column_counts_are_reported(project: Project, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "c.conll",
        "دمشق NNP B-NP B-LOC\nتستضيف VBZ B-VP O\nالقمة NN B-NP\nاليوم NN B-NP O\n",
    )
    error = only_error(run(project, path))
    assert "line 3: the line has 3 columns, the file's other token lines 4" in error


def test_done_and_part_at_import(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "g.conll", "زار O\nدمشق B-GPE\n")
    assert run(project, path, done=True, part="val", annotator="gold").ok
    [doc_id] = project.documents.ids()
    assert project.statuses.get(doc_id, "gold").status.value == "done"
    assert project.documents.get(doc_id).meta["part"] == "dev"


def test_import_summary_counts_cleaning_with_examples(project: Project, tmp_path: Path) -> None:
    # Wojood's سُجِّلت: shadda before kasra; NFC puts the kasra (class 32) first.
    decomposed = "\u0633\u064f\u062c\u0651\u0650\u0644\u062a"
    assert not unicodedata.is_normalized("NFC", decomposed)
    path = write(tmp_path, "n.txt", f"عنوان\r\nخبر \u200f{decomposed} هنا\r\n")
    report = run(project, path)
    cleaning = report.to_json()["cleaning"]
    assert cleaning["line ends (CR LF → LF)"]["count"] == 2
    assert cleaning["invisible controls removed"] == {"count": 1, "examples": ["U+200F ×1"]}
    nfc = cleaning["words normalised to NFC (marks reordered or composed)"]
    assert nfc["count"] == 1
    assert nfc["examples"] == [f"{decomposed!r}: U+0651 U+0650 → U+0650 U+0651"]


def test_a_huge_text_file_is_refused_or_cut_into_documents_of_paragraphs(
    project: Project, tmp_path: Path
) -> None:
    paragraphs = [f"الفقرة {i}: زار الوفد دمشق وحلب." for i in range(7)]
    path = write(tmp_path, "huge.txt", "\n\n".join(paragraphs) + "\n")
    error = only_error(run(project, path, max_document_chars=80))
    assert "--paragraphs-per-document" in error and "line 1" in error
    assert run(project, path, max_document_chars=80, paragraphs_per_document=2).ok
    docs = [project.documents.get(i) for i in project.documents.ids()]
    assert [d.text for d in docs] == ["\n\n".join(paragraphs[i : i + 2]) for i in range(0, 7, 2)]
    assert [d.meta["document"] for d in docs] == [1, 2, 3, 4]
    nul = write(tmp_path, "nul.txt", "سطر أول\nسطر\x07 ثان\n")  # a bell; NUL is E022
    assert "nul.txt, line 2:" in only_error(run(project, nul))


def test_a_jsonl_file_reports_every_bad_line_in_one_run(project: Project, tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "زار دمشق", "spans": [{"start": 4, "end": 8, "label": "GPE"}]}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "زار حلب", "spans": [{"start": 4, "end": 40, "label": "GPE"}]}),
        json.dumps({"text": "زار حمص", "spans": [{"start": 4, "end": 7, "label": "GPE"}]}),
    ]
    path = write(tmp_path, "many.jsonl", "\n".join(lines) + "\n")
    error = only_error(run(project, path))
    assert f"{path}, line 2: not valid JSON" in error
    assert 'line 3: the object has no "text" field' in error
    assert "2 problems in this file" in error  # the reader's; offsets are checked next
    del lines[1:3]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = only_error(run(project, path))
    assert f"{path}, line 2: span 4–40 (GPE)" in error
    assert project.documents.count() == 0


def test_a_file_failing_while_stored_is_listed_and_its_batch_keeps_the_others(
    project: Project, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from annotator.core import importer

    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "1.conll", "أحمد B-NEWA\nفي O\n")
    write(folder, "2.conll", "سامي B-NEWB\nفي O\n")
    real = importer._store_spans

    def failing(project, doc_id, doc, now, *, fresh):  # type: ignore[no-untyped-def]
        if doc.new.text.startswith("سامي"):
            raise sqlite3.IntegrityError("UNIQUE constraint failed: spans.id")
        return real(project, doc_id, doc, now, fresh=fresh)

    monkeypatch.setattr(importer, "_store_spans", failing)
    report = run(project, folder, add_labels=True)
    assert [Path(f.path).name for f in report.failed] == ["2.conll"]
    assert "UNIQUE constraint failed" in (report.failed[0].error or "")
    assert [project.documents.get(i).text for i in project.documents.ids()] == ["أحمد في"]
    assert "NEWA" in project.labels.names() and "NEWB" not in project.labels.names()
    assert report.labels_added == ["NEWA"]
