"""Fixtures for the GUI tests: an offscreen Qt, a project with the seed article, an editor."""

from __future__ import annotations

import os

# Before anything imports Qt: no display here, and tests must never wait for one.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.core.store import Project  # noqa: E402

# The seed article is the project's own sample: a fresh clone has everything it needs.
SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_ui_thread(qapp):
    """As the app does (create_application): a worker thread never frees Qt objects."""
    from annotator.gui.main_thread_gc import collect_on_the_ui_thread

    collect_on_the_ui_thread(qapp)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "p.sqlite"


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    p = Project.create(project_path)
    yield p
    p.close()


@pytest.fixture
def make_editor(qtbot, project: Project):
    """An editor over a new document of ``project``, shown, for annotator ``ali``."""
    from annotator.gui.editor import AnnotationEditor
    from annotator.gui.ops import ProjectSession

    def make(text: str, *, title: str = "doc", annotator: str = "ali"):
        doc_id, _ = project.documents.add(text, title=title)
        session = ProjectSession(project)
        stack = session.undo_stack
        editor = AnnotationEditor(session)
        qtbot.addWidget(editor)
        editor.set_annotator(annotator)
        editor.resize(1000, 700)
        editor.open_document(doc_id)
        editor.show()
        qtbot.waitExposed(editor)
        editor.undo_stack_for_tests = stack
        return editor, doc_id

    return make


@pytest.fixture
def seed_editor(make_editor, seed_text: str):
    return make_editor(seed_text, title="البوكمال")


WINDOW_TITLES = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس"]


@pytest.fixture
def window_path(tmp_path: Path, seed_text: str) -> Path:
    """A project file: the seed article, then five short documents."""
    from annotator.core.store import NewDocument

    path = tmp_path / "window.sqlite"
    with Project.create(path) as project:
        project.documents.add(seed_text, title="البوكمال.. معركة دولية")
        with project.transaction():
            project.documents.add_many(
                [NewDocument(f"{t}: خبر قصير عن دير الزور.", title=t) for t in WINDOW_TITLES]
            )
    return path


@pytest.fixture
def main_window(qtbot, window_path: Path, qapp):
    """The main window over :func:`window_path`, annotator ``sara``, first document open."""
    from annotator.gui import i18n
    from annotator.gui.main_window import MainWindow
    from annotator.gui.settings import Settings

    window = MainWindow(Project.open(window_path), annotator="sara", settings=Settings.load())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.open_first_document()
    yield window
    i18n.set_language("en", qapp)
