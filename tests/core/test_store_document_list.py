"""What the document list reads from the store: ids in project order (with the
title search), rows without texts for a page of ids, one annotator's statuses."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.edits import AddTime, SetStatus
from annotator.core.model import Status
from annotator.core.store import NewDocument, Project


@pytest.fixture
def listed(tmp_path: Path) -> Iterator[Project]:
    project = Project.create(tmp_path / "list.sqlite")
    with project.transaction():
        project.documents.add_many(
            [NewDocument(f"نص الخبر {i} عن دير الزور.", title=f"Report {i}") for i in range(30)]
        )
    yield project
    project.close()


def in_file(project: Project, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(f"file:{project.path}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def test_ids_in_project_order_and_searched_as_the_list_is(listed: Project) -> None:
    assert listed.documents.ids() == [
        r[0] for r in in_file(listed, "SELECT id FROM documents ORDER BY ord")
    ]
    found = listed.documents.ids(search="report 2")  # case-insensitive for Latin
    assert found == [info.id for info in listed.documents.list(search="report 2")]
    assert [listed.documents.info(d).title for d in found] == ["Report 2"] + [
        f"Report {n}" for n in range(20, 30)
    ]
    assert listed.documents.ids(search="nowhere") == []


def test_infos_in_the_order_given_without_texts(listed: Project) -> None:
    ids = listed.documents.ids()
    wanted = [ids[7], ids[2], 10_000, ids[29]]  # an unknown id is left out
    infos = listed.documents.infos(wanted)
    assert [i.id for i in infos] == [ids[7], ids[2], ids[29]]
    assert infos == [listed.documents.info(d) for d in (ids[7], ids[2], ids[29])]
    assert [i.title for i in infos] == ["Report 7", "Report 2", "Report 29"]


def test_of_annotator_is_their_statuses_in_the_file(listed: Project) -> None:
    ids = listed.documents.ids()
    listed.apply(SetStatus(ids[1], "sara", Status.DONE))
    listed.apply(SetStatus(ids[2], "sara", Status.SKIPPED))
    listed.apply(AddTime(ids[3], "sara", 12))
    listed.apply(SetStatus(ids[4], "omar", Status.DONE))
    statuses = listed.statuses.of_annotator("sara")
    assert statuses == {ids[1]: Status.DONE, ids[2]: Status.SKIPPED, ids[3]: Status.IN_PROGRESS}
    rows = in_file(listed, "SELECT doc_id, status FROM statuses WHERE annotator = 'sara'")
    assert {d: s.value for d, s in statuses.items()} == dict(rows)
    assert statuses == {d: r.status for d, r in listed.statuses.for_annotator("sara").items()}
    assert listed.statuses.of_annotator("nobody") == {}


def test_the_title_search_reads_the_title_index_not_the_texts(listed: Project) -> None:
    # 0010: at 100k documents the search read 1.4 GB of rows for 5 MB of titles.
    plan = in_file(
        listed,
        "EXPLAIN QUERY PLAN SELECT id FROM documents"
        " WHERE instr(lower(title), lower(?)) > 0 ORDER BY ord",
        "report",
    )
    assert any("COVERING INDEX documents_ord_title" in row[-1] for row in plan)
