"""Agreement's token grid follows the project's clitic policy, as the editor and
exports do: with ``outside``, ``بالبوكمال`` is two units (ب | البوكمال) even where
nobody marked it, and every token number equals its oracle on those tokens."""

from __future__ import annotations

from pathlib import Path

import krippendorff
import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from annotator.core.edits import AddSpan, SetStatus
from annotator.core.errors import InvalidCliticPolicy
from annotator.core.model import Status
from annotator.core.project_edits import SetCliticPolicy
from annotator.core.review import project_agreement, token_array
from annotator.core.store import Project
from annotator.core.tokenizer import token_offsets

TEXT = "قصف الطيران بالبوكمال وللمدينة أهمية كبرى، وبالمحافظة مطار"
# (annotator, piece, label): spans on whole tokens of the "outside" tokenizer.
MARKS = [
    ("sara", "البوكمال", "GPE"),
    ("omar", "البوكمال", "LOC"),
    ("sara", "المحافظة", "GPE"),
    ("omar", "مطار", "FAC"),
]


@pytest.fixture
def marked(project: Project) -> Project:
    doc = project.documents.add(TEXT)[0]
    for who, piece, label in MARKS:
        start = TEXT.index(piece)
        project.apply(AddSpan(doc, who, label, start, start + len(piece)))
    for who in ("sara", "omar"):
        project.apply(SetStatus(doc, who, Status.DONE))
    return project


def iob(tokens: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    tags = []
    for start, end in tokens:
        tag = "O"
        for s, e, label in spans:
            if s <= start and end <= e:
                tag = ("B-" if start == s else "I-") + label
        tags.append(tag)
    return tags


def oracle(clitics: str) -> tuple[int, float, float]:
    tokens = token_offsets(TEXT, clitics=clitics)
    tags = {
        who: iob(
            tokens,
            [(TEXT.index(p), TEXT.index(p) + len(p), lab) for w, p, lab in MARKS if w == who],
        )
        for who in ("omar", "sara")
    }
    values = sorted(set(tags["omar"]) | set(tags["sara"]))
    data = np.array([[values.index(t) for t in tags[who]] for who in ("omar", "sara")])
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    return len(tokens), float(cohen_kappa_score(tags["omar"], tags["sara"])), float(alpha)


def test_outside_policy_gives_the_grid_its_tokens(marked: Project) -> None:
    outside = token_offsets(TEXT, clitics="outside")
    assert [TEXT[s:e] for s, e in outside][2:7] == ["ب", "البوكمال", "و", "ل", "لمدينة"]
    inside_result = project_agreement(marked)
    marked.apply(SetCliticPolicy("outside"))
    result = project_agreement(marked)
    tokens, kappa, alpha = oracle("outside")
    assert result.entities.tokens == tokens == len(outside)
    assert result.entities.pairs[0].cohen_kappa == pytest.approx(kappa)
    assert result.entities.krippendorff_alpha == pytest.approx(alpha)
    # The default policy's grid is another one, with numbers of its own.
    assert inside_result.entities.tokens != tokens
    inside_tokens, _kappa, _alpha = oracle("inside")
    assert inside_result.entities.pairs[0].cohen_kappa != pytest.approx(kappa)
    # (inside: the spans cut ب|البوكمال and و|بالمحافظة themselves; the rest stay whole)
    assert inside_result.entities.tokens == inside_tokens + 2


def test_token_array_follows_the_policy() -> None:
    for clitics in ("inside", "outside"):
        expected = [list(t) for t in token_offsets(TEXT, clitics=clitics)]
        assert token_array(TEXT, clitics=clitics).tolist() == expected


def test_the_policy_is_part_of_the_cache_key(marked: Project) -> None:
    before = marked.data_version()
    edit = SetCliticPolicy("outside")
    marked.apply(edit)
    assert marked.data_version() != before
    marked.revert(edit)
    assert marked.data_version() == before


def test_the_policy_edit_applies_reverts_and_counts_spans(
    marked: Project, project_path: Path
) -> None:
    import sqlite3

    def stored() -> str | None:
        conn = sqlite3.connect(f"file:{project_path}?mode=ro", uri=True)
        row = conn.execute("SELECT value FROM project_meta WHERE key = 'clitics'").fetchone()
        conn.close()
        return row[0] if row else None

    edit = SetCliticPolicy("outside")
    change = marked.apply(edit)
    assert change.meta_changed and edit.spans == len(MARKS) and edit.previous == "inside"
    assert stored() == "outside"
    marked.revert(edit)
    assert stored() == "inside"
    assert marked.apply(SetCliticPolicy("inside")).empty  # already so: nothing to undo
    with pytest.raises(InvalidCliticPolicy, match="inside or outside"):
        marked.apply(SetCliticPolicy("between"))
    assert stored() == "inside"
