"""A clitic policy per project: proclitics inside entities (default) or outside."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin
from spacy_cli import spacy_debug_data, spacy_train

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import InvalidCliticPolicy
from annotator.core.export import export
from annotator.core.model import Status
from annotator.core.store import Project
from annotator.core.tokenizer import snap_selection, token_offsets

SENTENCES = [
    "قصفت الطائرات مواقع بالبوكمال صباح اليوم.",
    "وصل الوفد للمدينة مساء أمس.",
    "عاد الجيش والبوكمال هادئة.",
]


def words(text: str, clitics: str) -> list[str]:
    return [text[s:e] for s, e in token_offsets(text, clitics=clitics)]


@pytest.mark.parametrize(
    ("word", "outside"),
    [
        ("بالبوكمال", ["ب", "البوكمال"]),
        ("والبوكمال", ["و", "البوكمال"]),
        ("وبالمدينة", ["و", "ب", "المدينة"]),
        ("كالعادة", ["ك", "العادة"]),
        ("فالحكومة", ["ف", "الحكومة"]),
        # لل is ل + ال with the alef dropped: the article's lam stays with its noun.
        ("للمدينة", ["ل", "لمدينة"]),
        ("وللمدينة", ["و", "ل", "لمدينة"]),
        # Too short after the article to be one: kept whole.
        ("لله", ["لله"]),
        ("والد", ["والد"]),
        # No article: the word stays whole, as under "inside".
        ("لداعش", ["لداعش"]),
        ("بالبوكمال،", ["ب", "البوكمال", "،"]),
    ],
)
def test_outside_splits_a_proclitic_before_the_article(word: str, outside: list[str]) -> None:
    assert words(word, "outside") == outside
    inside = words(word, "inside")
    assert inside == [word.rstrip("،")] + (["،"] if word.endswith("،") else [])


def test_inside_is_the_default_and_unchanged(seed_text: str) -> None:
    assert token_offsets(seed_text) == token_offsets(seed_text, clitics="inside")
    assert words(seed_text, "outside") != words(seed_text, "inside")


def test_snapping_follows_the_policy() -> None:
    text = SENTENCES[0]
    start = text.index("البوكمال")
    drag = (start + 2, start + 5)  # part of البوكمال
    assert text[slice(*snap_selection(text, *drag))] == "بالبوكمال"
    assert text[slice(*snap_selection(text, *drag, clitics="outside"))] == "البوكمال"


def test_the_policy_lives_in_the_project(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite"
    with Project.create(path) as project:
        assert project.clitics == "inside"
        doc_id, _ = project.documents.add(SENTENCES[0], title="t")
        project.apply(AddSpan(doc_id, "ali", "GPE", 19, 28))
        assert project.set_clitics("outside") == 1  # one span kept as it is
        with pytest.raises(InvalidCliticPolicy, match="inside or outside"):
            project.set_clitics("between")
    with Project.open(path, readonly=True) as project:
        assert project.clitics == "outside"
        assert len(project.spans.for_document(doc_id)) == 1


def _outside_project(path: Path) -> None:
    with Project.create(path) as project:
        project.set_clitics("outside")
        for n, text in enumerate(SENTENCES * 2):
            doc_id, _ = project.documents.add(f"{text} ({n})", title=f"d{n}")
            for name, label in (("البوكمال", "GPE"), ("لمدينة", "GPE")):
                if name in text:
                    start = text.index(name, text.index(name[1:]) - 1)
                    project.apply(AddSpan(doc_id, "ali", label, start, start + len(name)))
            project.apply(SetStatus(doc_id, "ali", Status.DONE))


def _outside_export(tmp_path: Path) -> Path:
    """The outside project exported for spaCy; its folder."""
    _outside_project(tmp_path / "p.sqlite")
    out = tmp_path / "out"
    with Project.open(tmp_path / "p.sqlite") as project:
        export(project, out, fmt="spacy", split=(0.5, 0.5))
    return out


def test_an_outside_span_is_exported_as_made(tmp_path: Path) -> None:
    _outside_project(tmp_path / "p.sqlite")
    out = tmp_path / "out"
    with Project.open(tmp_path / "p.sqlite") as project:
        report = export(project, out, fmt="spacy", split=(0.5, 0.5))
    assert report.adjusted == []
    config = (out / "config.cfg").read_text("utf-8")
    assert 'clitics = "outside"' in config
    # The tokenizer config.cfg names, loaded as spaCy would (no --code).
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(out / "config.cfg"))
    assert [t.text for t in nlp.make_doc("بالبوكمال للمدينة")] == ["ب", "البوكمال", "ل", "لمدينة"]
    ents = []
    for part in ("train", "dev"):
        for doc in DocBin().from_disk(out / f"{part}.spacy").get_docs(nlp.vocab):
            ents += [(e.text, e.label_) for e in doc.ents]
            assert [t.text for t in doc] == [t.text for t in nlp.make_doc(doc.text)]
    assert sorted(set(ents)) == [("البوكمال", "GPE"), ("لمدينة", "GPE")]
    assert len(ents) == 6


def test_the_default_config_names_no_policy(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.sqlite") as project:
        doc_id, _ = project.documents.add(SENTENCES[0], title="t")
        start = SENTENCES[0].index("البوكمال")
        project.apply(AddSpan(doc_id, "ali", "GPE", start, start + 8))
        project.apply(SetStatus(doc_id, "ali", Status.DONE))
        report = export(project, tmp_path / "out", fmt="spacy")
    assert [a.action for a in report.adjusted] == ["expand"]  # بالبوكمال, as before
    assert "clitics" not in (tmp_path / "out" / "config.cfg").read_text("utf-8")


@pytest.mark.slow
def test_spacy_debug_data_finds_nothing_misaligned(tmp_path: Path) -> None:
    out = _outside_export(tmp_path)
    debug = spacy_debug_data(out)
    assert "Loaded corpus" in debug.stdout or "Training" in debug.stdout, debug.stdout
    assert "misaligned" not in debug.stdout, debug.stdout


@pytest.mark.slow
def test_a_model_trained_on_the_export_predicts_the_name_without_its_clitic(
    tmp_path: Path,
) -> None:
    # Six short sentences, 60 steps on CPU: about 3 s of training here, and spaCy
    # seeds its training (training.seed = 0), so the result does not wander.
    out = _outside_export(tmp_path)
    spacy_train(out, tmp_path / "model", steps=60, eval_frequency=60)
    nlp = spacy.load(tmp_path / "model" / "model-last")
    doc = nlp(SENTENCES[0])
    assert [(e.text, e.label_) for e in doc.ents] == [("البوكمال", "GPE")]
