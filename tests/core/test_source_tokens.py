"""Documents that came tokenized keep their tokens and sentences: the editor snaps
to them (``document_tokens``) and exports write them again."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.doc_tokens import document_tokens
from annotator.core.export import export
from annotator.core.importer import ImportOptions, import_paths
from annotator.core.store import Project
from annotator.core.tokenizer import token_offsets

# Tokens the project tokenizer would cut: "ق.م." (ANERcorp), "$#$" (Wojood).
CONLL = "ولد B-PER\nعام O\n500 B-DATE\nق.م. I-DATE\n$#$ O\n\nفي O\nدمشق B-GPE\n"


def conll_rows(path: Path) -> list[list[str]]:
    return [
        line.split("\t")
        for line in path.read_text(encoding="utf-8").split("\n")
        if line and not line.startswith("-DOCSTART-")
    ]


def test_conll_tokens_and_sentences_survive_the_project(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "c.conll"
    source.write_text(CONLL, encoding="utf-8")
    options = ImportOptions(done=True, add_labels=True)  # DATE is not a default label
    assert import_paths(project, [source], options=options).ok
    [doc_id] = project.documents.ids()
    text = project.documents.get(doc_id).text
    tokens = document_tokens(project, doc_id)
    assert [text[s:e] for s, e in tokens] == ["ولد", "عام", "500", "ق.م.", "$#$", "في", "دمشق"]
    assert tokens != token_offsets(text)  # the project tokenizer would cut them
    export(project, tmp_path / "out", fmt="conll", split=(1.0, 0.0))
    rows = conll_rows(tmp_path / "out" / "train.conll")
    expected = [line.split(" ") for line in CONLL.split("\n") if line]
    assert rows == expected
    # Sentence breaks as in the source: one blank line between the two sentences.
    blocks = (tmp_path / "out" / "train.conll").read_text(encoding="utf-8").split("\n\n")
    assert [b.count("\n") + 1 for b in blocks if b.strip() and "DOCSTART" not in b] == [5, 2]
    export(project, tmp_path / "re", fmt="conll", split=(1.0, 0.0), source_tokens=False)
    retokenized = [r[0] for r in conll_rows(tmp_path / "re" / "train.conll")]
    assert "ق.م." not in retokenized and "$#$" not in retokenized


def test_docbin_tokens_are_kept_and_jsonl_writes_them(project: Project, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import Doc, DocBin

    nlp = spacy.blank("ar")
    doc = Doc(nlp.vocab, words=["زار", "الوفد", "ق.م.", "دمشق"], spaces=[True, True, True, False])
    doc.ents = [doc.char_span(len("زار الوفد ق.م. "), len(doc.text), label="GPE")]
    DocBin(docs=[doc]).to_disk(tmp_path / "d.spacy")
    assert import_paths(project, [tmp_path / "d.spacy"], options=ImportOptions(done=True)).ok
    [doc_id] = project.documents.ids()
    text = project.documents.get(doc_id).text
    assert [text[s:e] for s, e in document_tokens(project, doc_id)] == [t.text for t in doc]
    export(project, tmp_path / "j", fmt="jsonl", split=(1.0, 0.0))
    line = json.loads((tmp_path / "j" / "train.jsonl").read_text(encoding="utf-8"))
    assert [t["text"] for t in line["tokens"]] == ["زار", "الوفد", "ق.م.", "دمشق"]
    assert line["spans"][0]["token_start"] == 3


def test_a_text_document_uses_the_project_tokenizer(project: Project) -> None:
    doc_id = project.documents.add("زار الوفد دمشق.", title="t")[0]
    assert project.documents.source_tokens(doc_id) is None
    assert document_tokens(project, doc_id) == token_offsets("زار الوفد دمشق.")


def test_a_handout_keeps_source_tokens_and_the_flat_setting(
    project: Project, tmp_path: Path
) -> None:
    from annotator.core.teams import handout

    source = tmp_path / "c.conll"
    source.write_text(CONLL, encoding="utf-8")
    assert import_paths(project, [source], options=ImportOptions(add_labels=True)).ok
    [doc_id] = project.documents.ids()
    project.set_flat_entities(True)
    handout(project, tmp_path / "a.sqlite", annotator="sara", whole=True)
    with Project.open(tmp_path / "a.sqlite", readonly=True) as copy:
        [copy_id] = copy.documents.ids()
        assert document_tokens(copy, copy_id) == document_tokens(project, doc_id)
        assert copy.flat_entities


def test_selections_snap_to_the_source_tokens(project: Project, tmp_path: Path) -> None:
    from annotator.core.tokenizer import snap_selection, token_at

    source = tmp_path / "c.conll"
    source.write_text(CONLL, encoding="utf-8")
    assert import_paths(project, [source], options=ImportOptions(add_labels=True)).ok
    [doc_id] = project.documents.ids()
    text = project.documents.get(doc_id).text
    tokens = document_tokens(project, doc_id)
    qm = text.index("ق.م.")
    # A drag over "ق." takes the whole source token, its final full stop included
    # (the project tokenizer would give "ق" alone, cutting the token it is exported on).
    assert text[slice(*snap_selection(text, qm, qm + 2, tokens=tokens))] == "ق.م."
    assert text[slice(*snap_selection(text, qm, qm + 2))] != "ق.م."
    # A double click picks the source token under the pointer.
    five = text.index("500")
    assert text[slice(*token_at(text, five + 1, tokens=tokens))] == "500"
    assert text[slice(*token_at(text, qm + 1, tokens=tokens))] == "ق.م."
    # Whitespace alone snaps to nothing.
    gap = text.index(" ", qm)
    assert snap_selection(text, gap, gap + 1, tokens=tokens) == (gap, gap)
