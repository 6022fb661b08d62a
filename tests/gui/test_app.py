"""Starting the GUI: no display, screenshots, first start, opening errors, start-up cost."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from annotator.core.store import NewDocument, Project  # noqa: E402
from annotator.gui import app, i18n  # noqa: E402
from annotator.gui.dialogs import AnnotatorNameDialog  # noqa: E402
from annotator.gui.settings import Settings  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "resources" / "samples" / "000_173f9dae85055ffa.txt"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    monkeypatch.setenv("ANNOTATOR_CONFIG_HOME", str(config))
    monkeypatch.setenv("ANNOTATOR_HOME", str(tmp_path / "data"))
    return config


@pytest.fixture(autouse=True)
def english_afterwards(qapp) -> Iterator[None]:
    yield
    i18n.set_language("en", qapp)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "app.sqlite"
    with Project.create(path) as project:
        project.documents.add(SEED.read_text("utf-8"), title="البوكمال.. معركة دولية")
        with project.transaction():
            project.documents.add_many(
                [NewDocument(f"خبر رقم {i}.", title=f"خبر {i}") for i in range(3)]
            )
    return path


def snapshot(path: Path) -> bytes:
    return path.read_bytes()


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}
    }
    env.update(extra)
    return env


# --- no display ---------------------------------------------------------------------------


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check is for Linux")
def test_without_a_display_it_says_so_in_one_line(tmp_path: Path) -> None:
    code = "import sys; from annotator.gui.app import run; sys.exit(run(None))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "xvfb-run annotator" in lines[0]
    assert "QT_QPA_PLATFORM=offscreen" in lines[0]
    assert result.stdout == ""
    assert not (tmp_path / "data").exists()  # not even the default project was created


def test_no_display_rule() -> None:
    assert app.no_display_message({}, platform="linux") == app.NO_DISPLAY_MESSAGE
    assert app.no_display_message({"DISPLAY": ":0"}, platform="linux") is None
    assert app.no_display_message({"WAYLAND_DISPLAY": "w-0"}, platform="linux") is None
    assert app.no_display_message({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert app.no_display_message({}, platform="win32") is None


# --- screenshot ---------------------------------------------------------------------------


def test_screenshot_writes_a_png_of_the_window_and_changes_nothing(
    qapp, path: Path, tmp_path: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        AnnotatorNameDialog,
        "exec",
        lambda self: pytest.fail("screenshot mode must not ask anything"),
    )
    before = sqlite3.connect(path).execute("SELECT count(*) FROM statuses").fetchone()
    out = tmp_path / "shots" / "window.png"
    assert app.run(path, doc=2, screenshot=out, language="en") == 0
    assert out.stat().st_size > 10_000
    image = QImage(str(out))
    assert (image.width(), image.height()) == app.SCREENSHOT_SIZE
    assert not (isolated / "settings.json").exists()
    after = sqlite3.connect(path).execute("SELECT count(*) FROM statuses").fetchone()
    assert before == after
    Project.open(path).close()  # the window let the project go


def test_screenshot_in_arabic(qapp, path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ar.png"
    assert app.run(path, annotator="sara", doc=1, screenshot=out, language="ar") == 0
    assert QImage(str(out)).width() == 1400


def test_screenshot_of_a_missing_document_fails_clearly(
    qapp, path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.png"
    assert app.run(path, doc=99, screenshot=out) == 1
    assert "no document 99" in capsys.readouterr().err
    assert not out.exists()


# --- opening errors --------------------------------------------------------------------------


def open_quietly(path: Path):  # type: ignore[no-untyped-def]
    return app.open_main_window(
        path, annotator="sara", doc=None, language="en", settings=Settings.load(), interactive=False
    )


def test_not_a_project(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.sqlite"
    bogus.write_bytes(b"just some notes\n")
    assert open_quietly(bogus) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not an Annotator project" in err
    assert bogus.read_bytes() == b"just some notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_newer_schema_is_refused_and_untouched(
    qapp, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at)"
            " VALUES ('annotator', '9999_future', '2030-01-01')"
        )
    conn.close()
    before = snapshot(path)
    assert open_quietly(path) is None
    assert "newer version" in capsys.readouterr().err
    assert snapshot(path) == before


def test_locked_by_another_process(qapp, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from annotator.core.store import Project
            p = Project.open({str(path)!r})
            print("open", flush=True)
            time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert open_quietly(path) is None
        assert "another Annotator process" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()


# --- first start -------------------------------------------------------------------------


def test_first_start_asks_the_name_once_and_remembers_it(
    qtbot, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(self: AnnotatorNameDialog) -> int:
        asked.append("asked")
        self.set_name("  ليلى ")
        return AnnotatorNameDialog.DialogCode.Accepted

    monkeypatch.setattr(AnnotatorNameDialog, "exec", answer)
    window = app.open_main_window(
        path, annotator=None, doc=None, language="en", settings=Settings.load()
    )
    assert window is not None
    qtbot.addWidget(window)
    assert asked == ["asked"]
    assert window.annotator() == "ليلى"
    assert Settings.load().annotator == "ليلى"
    window.close()

    second = app.open_main_window(
        path, annotator=None, doc=None, language="en", settings=Settings.load()
    )
    qtbot.addWidget(second)
    assert asked == ["asked"]  # not asked again
    assert second.annotator() == "ليلى"


def test_annotator_option_skips_the_question(
    qtbot, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        AnnotatorNameDialog, "exec", lambda self: pytest.fail("--annotator was given")
    )
    window = app.open_main_window(
        path, annotator="omar", doc=3, language="en", settings=Settings.load()
    )
    qtbot.addWidget(window)
    assert window.annotator() == "omar"
    assert window.current_document() == Project.open(path, readonly=True).documents.ids()[2]
    assert Settings.load().annotator == "omar"


def test_default_project_is_created_on_first_use(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = app.open_main_window(
        None, annotator="sara", doc=None, language="en", settings=Settings.load()
    )
    qtbot.addWidget(window)
    assert window.project.path == tmp_path / "data" / "default.sqlite"
    assert window.project.documents.count() >= 1
    assert window.current_document() is not None


def test_settings_file_survives_garbage(isolated: Path) -> None:
    isolated.mkdir(parents=True)
    (isolated / "settings.json").write_text("{not json", "utf-8")
    settings = Settings.load()
    assert settings.annotator == "" and settings.recent_projects == []
    settings.annotator = "سارة"
    settings.save()
    assert Settings.load().annotator == "سارة"


# --- start-up cost ------------------------------------------------------------------------------

STARTUP_PROBE = """
import os, sys, time
t0 = float(sys.argv[2])
from pathlib import Path
import annotator.gui.editor as editor
# The editor warms spaCy's tokenizer in a background thread once a document is
# open (its own choice, off the UI thread); here only the start path is measured.
editor.warm_tokenizer = lambda: None
from annotator.gui.app import create_application, open_main_window
from annotator.gui.settings import Settings
qapp = create_application()
window = open_main_window(Path(sys.argv[1]), annotator="sara", doc=1, language="en",
                          settings=Settings(), interactive=False)
if os.environ.get("PROBE_IMPORT_SPACY"):  # the negative control
    import spacy
window.show()
qapp.processEvents()
shown = time.time() - t0
print(shown, "spacy" in sys.modules, flush=True)
window.close()
"""


def start_probe(path: Path, **env: str) -> tuple[float, bool]:
    t0 = time.time()
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE, str(path), repr(t0)],
        env=clean_env(QT_QPA_PLATFORM="offscreen", **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    shown, spacy_loaded = result.stdout.split()
    return float(shown), spacy_loaded == "True"


def test_window_shows_without_importing_spacy(path: Path) -> None:
    """The window shows with a document open and spaCy not imported (start time itself
    is measured in benchmarks/bench_window.py, not asserted here)."""
    _shown, spacy_loaded = start_probe(path)
    assert not spacy_loaded
    # The probe does see spaCy when something imports it.
    assert start_probe(path, PROBE_IMPORT_SPACY="1")[1]


def test_gui_modules_do_not_import_spacy() -> None:
    code = (
        "import sys; import annotator.gui.app, annotator.gui.main_window; "
        "print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean_env(), capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr
