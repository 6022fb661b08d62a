"""The document list model: a lazy adapter over the store, checked by qtmodeltester."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.edits import AddTime, SetStatus  # noqa: E402
from annotator.core.model import DocId, Status  # noqa: E402
from annotator.core.store import Documents, NewDocument, Project  # noqa: E402
from annotator.gui.documents_model import (  # noqa: E402
    DOC_ID_ROLE,
    NOT_DONE,
    STATUS_ROLE,
    DocumentsModel,
    status_icon,
)

N_DOCS = 2000


@pytest.fixture
def big_project(tmp_path: Path) -> Iterator[Project]:
    project = Project.create(tmp_path / "big.sqlite")
    with project.transaction():
        project.documents.add_many(
            [NewDocument(f"خبر رقم {i} من البوكمال", title=f"خبر {i}") for i in range(N_DOCS)]
        )
    yield project
    project.close()


@pytest.fixture
def no_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail loudly if anything reads a document's text."""
    calls: list[str] = []

    def forbidden(name: str):  # type: ignore[no-untyped-def]
        def reader(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(name)
            raise AssertionError(f"the document list read texts via documents.{name}")

        return reader

    for name in ("get", "iter", "by_uid"):
        monkeypatch.setattr(Documents, name, forbidden(name))
    return calls


@pytest.fixture
def pages_read(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The ids of every page of rows the list asks the store for."""
    calls: list[list[int]] = []
    real = Documents.infos

    def counting(self, doc_ids):  # type: ignore[no-untyped-def]
        calls.append(list(doc_ids))
        return real(self, doc_ids)

    monkeypatch.setattr(Documents, "infos", counting)
    return calls


def ids(project: Project) -> list[DocId]:
    return project.documents.ids()


def test_passes_qtmodeltester(qapp, qtmodeltester, big_project: Project, no_texts) -> None:
    model = DocumentsModel(big_project, "sara", page_size=100)
    qtmodeltester.check(model)
    assert model.rowCount() == N_DOCS
    assert no_texts == []


def test_passes_qtmodeltester_filtered(qapp, qtmodeltester, big_project: Project) -> None:
    doc_ids = ids(big_project)
    big_project.apply(SetStatus(doc_ids[7], "sara", Status.DONE))
    model = DocumentsModel(big_project, "sara", page_size=100)
    model.set_status_filter(Status.DONE)
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_survives_resets_under_the_tester(qapp, qtmodeltester, big_project) -> None:
    model = DocumentsModel(big_project, "sara", page_size=100)
    qtmodeltester.check(model)
    model.set_search("خبر 12")
    model.set_status_filter(NOT_DONE)
    model.set_status_filter(None)
    model.set_search("")
    model.set_annotator("omar")
    model.reload()
    assert model.rowCount() == N_DOCS
    assert model.data(model.index(199, DocumentsModel.COLUMN_NUMBER)) == "200"


def test_every_row_is_known_at_once_and_read_a_page_at_a_time(
    qapp, big_project: Project, no_texts, pages_read
) -> None:
    model = DocumentsModel(big_project, "sara", page_size=150)
    assert model.rowCount() == N_DOCS  # the scrollbar spans the corpus at once
    assert pages_read == []
    # The last row, straight away: one page read, the one it is on.
    last = model.index(N_DOCS - 1, DocumentsModel.COLUMN_TITLE)
    assert model.data(last) == f"خبر {N_DOCS - 1}"
    assert model.data(model.index(N_DOCS - 1, DocumentsModel.COLUMN_NUMBER)) == str(N_DOCS)
    assert [len(page) for page in pages_read] == [N_DOCS % 150 or 150]
    assert pages_read[0][-1] == ids(big_project)[-1]
    model.data(model.index(N_DOCS - 2, DocumentsModel.COLUMN_WORDS))
    assert len(pages_read) == 1  # the same page, kept
    assert no_texts == []


def test_roles_that_need_only_the_document_read_no_page(
    qapp, big_project: Project, pages_read
) -> None:
    model = DocumentsModel(big_project, "sara")
    index = model.index(1500, DocumentsModel.COLUMN_NUMBER)
    assert model.data(index, DOC_ID_ROLE) == ids(big_project)[1500]
    assert model.data(index) == "1501"
    assert model.data(index, STATUS_ROLE) == Status.NEW.value
    assert pages_read == []


def test_memory_stays_bounded_while_scrolling_everything(
    qapp, big_project: Project, pages_read
) -> None:
    model = DocumentsModel(big_project, "sara", page_size=100, cached_pages=5)
    titles = [model.data(model.index(r, DocumentsModel.COLUMN_TITLE)) for r in range(N_DOCS)]
    assert titles == [f"خبر {i}" for i in range(N_DOCS)]
    assert len(pages_read) == N_DOCS // 100  # each page read once on the way down
    # The first page was forgotten (only five are kept): read again when shown again.
    model.data(model.index(0, DocumentsModel.COLUMN_TITLE))
    assert len(pages_read) == N_DOCS // 100 + 1
    assert pages_read[-1] == pages_read[0]
    # The last five pages were kept.
    model.data(model.index(N_DOCS - 1, DocumentsModel.COLUMN_TITLE))
    assert len(pages_read) == N_DOCS // 100 + 1


def test_a_view_reads_only_the_rows_it_shows(
    qtbot, big_project: Project, no_texts, pages_read
) -> None:
    from PySide6.QtWidgets import QTableView

    model = DocumentsModel(big_project, "sara", page_size=100)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: pages_read != [])  # painted
    assert pages_read == [ids(big_project)[:100]]
    pages_read.clear()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())  # dragged to the end
    qtbot.waitUntil(lambda: pages_read != [])
    view.viewport().repaint()
    last = view.rowAt(view.viewport().height() - 1)
    assert last == N_DOCS - 1
    assert {d for page in pages_read for d in page} <= set(ids(big_project)[-200:])
    assert no_texts == []


def test_status_icons_and_roles_reflect_the_file(qapp, big_project: Project) -> None:
    doc_ids = ids(big_project)
    big_project.apply(SetStatus(doc_ids[1], "sara", Status.DONE))
    big_project.apply(AddTime(doc_ids[2], "sara", 30))  # becomes in progress
    big_project.apply(SetStatus(doc_ids[3], "sara", Status.SKIPPED))
    big_project.apply(SetStatus(doc_ids[4], "omar", Status.DONE))  # someone else's
    model = DocumentsModel(big_project, "sara")
    expected = [Status.NEW, Status.DONE, Status.IN_PROGRESS, Status.SKIPPED, Status.NEW]
    for row, status in enumerate(expected):
        index = model.index(row, DocumentsModel.COLUMN_NUMBER)
        assert model.data(index, STATUS_ROLE) == status.value
        assert model.data(index, DOC_ID_ROLE) == doc_ids[row]
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert icon.cacheKey() == status_icon(status).cacheKey()
    # The same file through another annotator's eyes.
    model.set_annotator("omar")
    assert model.data(model.index(4, 0), STATUS_ROLE) == Status.DONE.value
    assert model.data(model.index(1, 0), STATUS_ROLE) == Status.NEW.value


def test_refresh_status_rereads_one_row(qtbot, big_project: Project) -> None:
    doc_ids = ids(big_project)
    model = DocumentsModel(big_project, "sara")
    big_project.apply(SetStatus(doc_ids[5], "sara", Status.DONE))
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.refresh_status(doc_ids[5])
    assert blocker.args[0].row() == 5
    assert model.data(model.index(5, 0), STATUS_ROLE) == Status.DONE.value


def test_filter_by_status(qapp, big_project: Project) -> None:
    doc_ids = ids(big_project)
    for i in (10, 500, 1999):
        big_project.apply(SetStatus(doc_ids[i], "sara", Status.DONE))
    big_project.apply(SetStatus(doc_ids[11], "sara", Status.SKIPPED))
    model = DocumentsModel(big_project, "sara", page_size=100)
    model.set_status_filter(Status.DONE)
    assert [model.doc_id_at(r) for r in range(model.rowCount())] == [
        doc_ids[10],
        doc_ids[500],
        doc_ids[1999],
    ]
    # Rows keep their number in the whole project.
    assert model.number_at(1) == 501
    assert model.data(model.index(2, DocumentsModel.COLUMN_NUMBER)) == "2000"
    assert model.row_of(doc_ids[500]) == 1 and model.row_of(doc_ids[501]) is None
    model.set_status_filter(NOT_DONE)
    assert model.rowCount() == N_DOCS - 4
    assert model.row_of(doc_ids[10]) is None and model.row_of(doc_ids[12]) == 10


def test_a_status_set_elsewhere_keeps_its_row_until_the_filter_changes(
    qapp, big_project: Project
) -> None:
    doc_ids = ids(big_project)
    model = DocumentsModel(big_project, "sara", status_filter=NOT_DONE)
    big_project.apply(SetStatus(doc_ids[3], "sara", Status.DONE))
    model.refresh_status(doc_ids[3])
    assert model.row_of(doc_ids[3]) == 3  # the list does not jump under the annotator
    assert model.data(model.index(3, 0), STATUS_ROLE) == Status.DONE.value
    model.set_status_filter(None)
    model.set_status_filter(NOT_DONE)
    assert model.row_of(doc_ids[3]) is None and model.rowCount() == N_DOCS - 1


def test_search_titles(qapp, big_project: Project) -> None:
    model = DocumentsModel(big_project, "sara")
    model.set_search("خبر 199")
    titles = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
    assert titles == {"خبر 199"} | {f"خبر {n}" for n in range(1990, 2000)}
    assert model.number_at(0) == 200
    # With a status filter too: the searched rows that have that status.
    big_project.apply(SetStatus(ids(big_project)[1995], "sara", Status.DONE))
    model.reload()
    model.set_status_filter(Status.DONE)
    assert [model.number_at(r) for r in range(model.rowCount())] == [1996]


def test_find_row(qapp, big_project: Project, pages_read) -> None:
    doc_ids = ids(big_project)
    model = DocumentsModel(big_project, "sara", page_size=100)
    assert model.find_row(-1, lambda d: d == doc_ids[1234]) == 1234
    assert model.find_row(1234, lambda d: d == doc_ids[5], forward=False) == 5
    assert model.find_row(1234, lambda d: d == doc_ids[5]) is None
    assert pages_read == []
