"""The document list model: a lazy adapter over the store, checked by qtmodeltester."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QModelIndex, Qt  # noqa: E402

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


def ids(project: Project) -> list[DocId]:
    return project.documents.ids()


def test_passes_qtmodeltester(qapp, qtmodeltester, big_project: Project, no_texts) -> None:
    model = DocumentsModel(big_project, "sara", page_size=100)
    qtmodeltester.check(model)
    assert model.rowCount() > 0
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
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 200
    assert model.data(model.index(199, DocumentsModel.COLUMN_NUMBER)) == "200"


def test_rows_load_lazily_in_pages_without_texts(qapp, big_project: Project, no_texts) -> None:
    model = DocumentsModel(big_project, "sara", page_size=150)
    assert model.rowCount() == 0
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 150 < N_DOCS
    pages = 1
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        pages += 1
    assert model.rowCount() == N_DOCS
    assert pages == -(-N_DOCS // 150) + (1 if N_DOCS % 150 == 0 else 0)
    # Every row shows data, and none of it needed a text.
    last = model.index(N_DOCS - 1, DocumentsModel.COLUMN_TITLE)
    assert model.data(last) == f"خبر {N_DOCS - 1}"
    assert model.data(model.index(N_DOCS - 1, DocumentsModel.COLUMN_NUMBER)) == str(N_DOCS)
    assert no_texts == []


def test_rows_in_a_view_load_only_what_is_shown(qtbot, big_project: Project, no_texts) -> None:
    from PySide6.QtWidgets import QTableView

    model = DocumentsModel(big_project, "sara", page_size=100)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(300, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 100)
    assert model.rowCount() < N_DOCS
    assert no_texts == []


def test_status_icons_and_roles_reflect_the_file(qapp, big_project: Project) -> None:
    doc_ids = ids(big_project)
    big_project.apply(SetStatus(doc_ids[1], "sara", Status.DONE))
    big_project.apply(AddTime(doc_ids[2], "sara", 30))  # becomes in progress
    big_project.apply(SetStatus(doc_ids[3], "sara", Status.SKIPPED))
    big_project.apply(SetStatus(doc_ids[4], "omar", Status.DONE))  # someone else's
    model = DocumentsModel(big_project, "sara")
    model.fetchMore(QModelIndex())
    expected = [Status.NEW, Status.DONE, Status.IN_PROGRESS, Status.SKIPPED, Status.NEW]
    for row, status in enumerate(expected):
        index = model.index(row, DocumentsModel.COLUMN_NUMBER)
        assert model.data(index, STATUS_ROLE) == status.value
        assert model.data(index, DOC_ID_ROLE) == doc_ids[row]
        icon = model.data(index, Qt.ItemDataRole.DecorationRole)
        assert icon.cacheKey() == status_icon(status).cacheKey()
    # The same file through another annotator's eyes.
    model.set_annotator("omar")
    model.fetchMore(QModelIndex())
    assert model.data(model.index(4, 0), STATUS_ROLE) == Status.DONE.value
    assert model.data(model.index(1, 0), STATUS_ROLE) == Status.NEW.value


def test_refresh_status_rereads_one_row(qtbot, big_project: Project) -> None:
    doc_ids = ids(big_project)
    model = DocumentsModel(big_project, "sara")
    model.fetchMore(QModelIndex())
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
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert [model.doc_id_at(r) for r in range(model.rowCount())] == [
        doc_ids[10],
        doc_ids[500],
        doc_ids[1999],
    ]
    # Rows keep their number in the whole project.
    assert model.number_at(1) == 501
    model.set_status_filter(NOT_DONE)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == N_DOCS - 4


def test_search_titles(qapp, big_project: Project) -> None:
    model = DocumentsModel(big_project, "sara")
    model.set_search("خبر 199")
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    titles = {model.data(model.index(r, 1)) for r in range(model.rowCount())}
    assert titles == {"خبر 199"} | {f"خبر {n}" for n in range(1990, 2000)}
    assert model.number_at(0) == 200


def test_find_row_fetches_forward(qapp, big_project: Project) -> None:
    doc_ids = ids(big_project)
    model = DocumentsModel(big_project, "sara", page_size=100)
    row = model.find_row(-1, lambda d: d == doc_ids[1234])
    assert row == 1234
    assert model.rowCount() < N_DOCS
