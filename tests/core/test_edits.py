"""Edit commands: each one transaction, checked in the project file, undoable."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from annotator.core.edits import AddSpan, AddTime, RelabelSpan, RemoveSpan, SetStatus
from annotator.core.errors import InvalidSpan, SpanOverlapsEntity, UnknownLabel
from annotator.core.model import Status
from annotator.core.store import Project

TEXT = "قال أحمد الخميس إن البوكمال ستكون مسرحا للمعركة الأخيرة مع “داعش” 😀 في دير الزور."


def live_rows(path: Path) -> list[tuple[str, str, int, int]]:
    """What a second reader of the file sees: (annotator, label, start, end) of live spans."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = conn.execute(
        'SELECT s.annotator, l.name, s.start, s."end" FROM spans s JOIN labels l'
        " ON l.id = s.label_id WHERE s.deleted IS NULL ORDER BY s.start"
    ).fetchall()
    conn.close()
    return rows


@pytest.fixture
def doc(project: Project) -> int:
    return project.documents.add(TEXT, title="t")[0]


def span_of(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_add_is_in_the_file_when_apply_returns(
    project: Project, project_path: Path, doc: int
) -> None:
    start, end = span_of("البوكمال")
    project.apply(AddSpan(doc, "sara", "GPE", start, end))
    assert live_rows(project_path) == [("sara", "GPE", start, end)]
    assert TEXT[start:end] == "البوكمال"


def test_offsets_after_emoji_are_code_points(
    project: Project, project_path: Path, doc: int
) -> None:
    start, end = span_of("دير الزور")
    project.apply(AddSpan(doc, "sara", "GPE", start, end))
    stored = project.spans.for_document(doc)[0]
    assert project.documents.get(doc).text[stored.start : stored.end] == "دير الزور"


def test_remove_is_a_tombstone_and_undo_restores_same_id(
    project: Project, project_path: Path, doc: int
) -> None:
    change = project.apply(AddSpan(doc, "sara", "GPE", *span_of("البوكمال")))
    span_id = change.span_ids[0]
    remove = RemoveSpan(span_id)
    project.apply(remove)
    assert live_rows(project_path) == []
    tomb = project.spans.for_document(doc, include_deleted=True)
    assert [(s.id, s.deleted is not None) for s in tomb] == [(span_id, True)]
    remove.revert(project)
    assert [s.id for s in project.spans.for_document(doc)] == [span_id]


def test_overlap_refused_identical_replaces_and_undo(
    project: Project, project_path: Path, doc: int
) -> None:
    start, end = span_of("أحمد الخميس")
    project.apply(AddSpan(doc, "sara", "PER", start, end))
    with pytest.raises(SpanOverlapsEntity, match="overlaps PER"):
        project.apply(AddSpan(doc, "sara", "ORG", start + 5, end + 3))
    assert live_rows(project_path) == [("sara", "PER", start, end)]
    # Another annotator's spans never conflict.
    project.apply(AddSpan(doc, "omar", "ORG", start + 5, end + 3))
    replace = AddSpan(doc, "sara", "ORG", start, end)
    project.apply(replace)
    assert [r for r in live_rows(project_path) if r[0] == "sara"] == [("sara", "ORG", start, end)]
    replace.revert(project)
    assert [r for r in live_rows(project_path) if r[0] == "sara"] == [("sara", "PER", start, end)]
    replace.apply(project)  # redo
    assert [r for r in live_rows(project_path) if r[0] == "sara"] == [("sara", "ORG", start, end)]


def test_claims_overlap_anything(project: Project, project_path: Path, doc: int) -> None:
    project.apply(AddSpan(doc, "sara", "PER", *span_of("أحمد الخميس")))
    project.apply(AddSpan(doc, "sara", "GPE", *span_of("البوكمال")))
    project.apply(AddSpan(doc, "sara", "CLAIM", 0, len("قال أحمد الخميس إن البوكمال")))
    project.apply(AddSpan(doc, "sara", "CLAIM", 4, 30))
    assert len(live_rows(project_path)) == 4


def test_bad_spans_refused(project: Project, project_path: Path, doc: int) -> None:
    for start, end in [(5, 5), (6, 2), (-1, 3), (0, len(TEXT) + 1)]:
        with pytest.raises(InvalidSpan, match="outside the text"):
            project.apply(AddSpan(doc, "sara", "PER", start, end))
    with pytest.raises(UnknownLabel, match="NOPE"):
        project.apply(AddSpan(doc, "sara", "NOPE", 0, 3))
    assert live_rows(project_path) == []


def test_relabel_and_undo(project: Project, project_path: Path, doc: int) -> None:
    start, end = span_of("البوكمال")
    span_id = project.apply(AddSpan(doc, "sara", "GPE", start, end)).span_ids[0]
    relabel = RelabelSpan(span_id, "LOC")
    project.apply(relabel)
    assert live_rows(project_path) == [("sara", "LOC", start, end)]
    relabel.revert(project)
    assert live_rows(project_path) == [("sara", "GPE", start, end)]


def test_relabel_claim_to_entity_checks_overlap(project: Project, doc: int) -> None:
    project.apply(AddSpan(doc, "sara", "PER", *span_of("أحمد الخميس")))
    # 0–10 crosses "أحمد الخميس" (4–15); a claim holding the whole name could nest.
    claim = project.apply(AddSpan(doc, "sara", "CLAIM", 0, 10)).span_ids[0]
    with pytest.raises(SpanOverlapsEntity):
        project.apply(RelabelSpan(claim, "ORG"))
    assert project.spans.get(claim).label == "CLAIM"


def test_status_and_time(project: Project, doc: int) -> None:
    project.apply(AddTime(doc, "sara", 12.5))
    assert project.statuses.get(doc, "sara").status is Status.IN_PROGRESS
    done = SetStatus(doc, "sara", Status.DONE)
    project.apply(done)
    record = project.statuses.get(doc, "sara")
    assert (record.status, record.seconds) == (Status.DONE, 12.5)
    assert project.statuses.counts("sara")[Status.DONE] == 1
    done.revert(project)
    assert project.statuses.get(doc, "sara").status is Status.IN_PROGRESS


WRITER = r"""
import sys
from annotator.core.store import Project
from annotator.core.edits import AddSpan
project = Project.open(sys.argv[1])
doc = project.documents.ids()[0]
text = project.documents.get(doc).text
n = 0
while True:
    start = n % (len(text) - 1)
    project.apply(AddSpan(doc, f"w{n}", "CLAIM", start, start + 1))
    n += 1
    print(n, flush=True)  # reported only after the edit returned
"""


def test_writer_killed_with_sigkill_loses_no_returned_edit(
    project: Project, project_path: Path, doc: int
) -> None:
    project.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(project_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    reported = 0
    deadline = time.monotonic() + 60
    while reported < 200 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        reported = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert reported >= 200, "the writer did not get going"
    with Project.open(project_path) as reopened:
        stored = reopened.spans.count()
    with closing(sqlite3.connect(project_path)) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
    assert stored >= reported
