"""The main window's document list on a project of a few thousand documents.

The annotator has done the first 2,500 of 3,000 (as annotators work, in order).
The list knows every row up front: the open document is selected and in view
wherever it is, the last row is there at once, and a status filter lists the
documents the project file says. State is checked in the FILE through a second,
read-only connection.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.core.model import DocId, Status, StatusRecord, utc_now  # noqa: E402
from annotator.core.store import Documents, NewDocument, Project  # noqa: E402
from annotator.gui.documents_model import DocumentsModel  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402

N_DOCS, N_DONE = 3000, 2500


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTATOR_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "data"))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "many.sqlite"
    with Project.create(path) as project, project.transaction():
        project.documents.add_many(
            [
                NewDocument(f"الخبر {i}: اشتباكات قرب البوكمال ودير الزور.", title=f"خبر {i}")
                for i in range(1, N_DOCS + 1)
            ]
        )
        for doc_id in project.documents.ids()[:N_DONE]:
            project.statuses.put(
                StatusRecord(doc_id, "sara", Status.DONE, 60.0, utc_now()),
                doc_id=doc_id,
                annotator="sara",
            )
    return path


@pytest.fixture
def window(qtbot, path: Path) -> MainWindow:
    window = MainWindow(Project.open(path), annotator="sara", settings=Settings.load())
    qtbot.addWidget(window)
    window.open_first_document()  # before it is shown, as `annotator gui` does
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def in_file(path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def number_in_file(path: Path, doc_id: int) -> int:
    """The document's 1-based position in project order, from the file."""
    ords = [r[0] for r in in_file(path, "SELECT id FROM documents ORDER BY ord")]
    return ords.index(doc_id) + 1


def shown_rows(window: MainWindow) -> list[int]:
    """Selected rows the user can see in the list's viewport."""
    view = window.documents_dock.view
    return [
        index.row()
        for index in view.selectionModel().selectedRows()
        if view.viewport().rect().intersects(view.visualRect(index))
    ]


def number_in_row(window: MainWindow, row: int) -> str:
    model = window.documents_model
    return model.data(model.index(row, DocumentsModel.COLUMN_NUMBER))


def test_the_open_document_far_down_the_list_is_selected_and_in_view(
    window: MainWindow, path: Path
) -> None:
    first_not_done = in_file(
        path,
        "SELECT d.id FROM documents d LEFT JOIN statuses s ON s.doc_id = d.id"
        " AND s.annotator = 'sara' WHERE s.status IS NULL ORDER BY d.ord LIMIT 1",
    )[0][0]
    assert window.current_document() == first_not_done
    assert window.documents_model.rowCount() == N_DOCS  # the scrollbar spans all of them
    assert shown_rows(window) == [N_DONE]
    assert number_in_row(window, N_DONE) == str(number_in_file(path, first_not_done))
    title = window.documents_model.index(N_DONE, DocumentsModel.COLUMN_TITLE).data()
    assert title == f"خبر {N_DONE + 1}"


def test_go_to_next_previous_done_and_undo_keep_the_open_row_selected_and_shown(
    qtbot, window: MainWindow, path: Path
) -> None:
    assert window.open_number(2900)
    assert shown_rows(window) == [2899]
    assert window.flow.next_document()
    assert shown_rows(window) == [2900]
    window.documents_dock.view.scrollToTop()  # the user looks elsewhere
    assert window.flow.previous_document() and window.flow.previous_document()
    assert shown_rows(window) == [2898]
    assert number_in_row(window, 2898) == "2899"

    done = window.current_document()
    assert window.flow.mark_done_and_next()
    assert in_file(path, "SELECT status FROM statuses WHERE doc_id = ?", done) == [("done",)]
    assert shown_rows(window) == [2899]
    window.documents_dock.view.scrollToTop()
    window.undo_stack.undo()  # the status of the other document comes back, shown
    assert in_file(path, "SELECT status FROM statuses WHERE doc_id = ?", done) == []
    assert window.current_document() == done
    assert shown_rows(window) == [2898]


def test_the_last_row_is_there_at_once(
    qtbot, window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[int] = []
    real = Documents.infos

    def counting(self, doc_ids):  # type: ignore[no-untyped-def]
        read.extend(doc_ids)
        return real(self, doc_ids)

    monkeypatch.setattr(Documents, "infos", counting)
    view = window.documents_dock.view
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # the scrollbar dragged to the end
    view.viewport().repaint()
    last_row = view.rowAt(view.viewport().height() - 1)
    assert last_row == N_DOCS - 1
    (last_id, last_title), *_ = in_file(
        path, "SELECT id, title FROM documents ORDER BY ord DESC LIMIT 1"
    )
    model = window.documents_model
    assert model.index(last_row, DocumentsModel.COLUMN_TITLE).data() == last_title
    assert number_in_row(window, last_row) == str(N_DOCS)
    # Only the rows around the end were read, not the 3,000 before them.
    assert last_id in read and len(set(read)) <= 200


def test_a_status_filter_lists_what_the_file_says(qtbot, window: MainWindow, path: Path) -> None:
    dock = window.documents_dock
    window.set_status(window.documents_model.doc_id_at(2700), Status.SKIPPED)
    for status in (Status.DONE, Status.SKIPPED):
        dock.status_filter.setCurrentIndex(dock.status_filter.findData(status.value))
        model = window.documents_model
        listed = [model.doc_id_at(row) for row in range(model.rowCount())]
        expected = in_file(
            path,
            "SELECT d.id FROM documents d JOIN statuses s ON s.doc_id = d.id"
            " WHERE s.annotator = 'sara' AND s.status = ? ORDER BY d.ord",
            status.value,
        )
        assert listed == [DocId(r[0]) for r in expected]
        assert listed and all(model.status_of(d) is status for d in listed)
        # Each row keeps its number in the whole project.
        assert number_in_row(window, len(listed) - 1) == str(number_in_file(path, listed[-1]))
    assert shown_rows(window) == []  # the open document is not skipped: nothing selected
    dock.status_filter.setCurrentIndex(dock.status_filter.findData("not_done"))
    assert window.documents_model.rowCount() == N_DOCS - N_DONE - 1
    assert shown_rows(window) == [0]  # the open document, the first not done


def test_the_uncertainty_column_shows_only_once_suggestions_gave_one(
    qtbot, window: MainWindow, path: Path
) -> None:
    view, model = window.documents_dock.view, window.documents_model
    assert in_file(path, "SELECT count(*) FROM suggestion_uncertainty")[0][0] == 0
    assert view.isColumnHidden(model.COLUMN_UNCERTAINTY)  # the title gets its room
    first = window.project.documents.ids()[0]
    window.project.suggestions.set_uncertainty([(first, 0.75)], source="test")
    model.refresh_uncertainty()
    assert not view.isColumnHidden(model.COLUMN_UNCERTAINTY)
    assert model.data(model.index(0, model.COLUMN_UNCERTAINTY)) == "0.75"
