"""Start the GUI: display check, QApplication, language, project, annotator, main window.

``run()`` is what ``annotator gui`` calls; it returns an exit code instead of
raising, so the CLI stays a thin wrapper. Heavy modules (spaCy, the import
readers) are not imported here: the window must show fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import AnnotatorError
from annotator.core.store import Project
from annotator.gui.settings import Settings, default_project_path

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QWidget

    from annotator.gui.main_window import MainWindow

EXIT_OK, EXIT_ERROR, EXIT_NO_DISPLAY = 0, 1, 2
SCREENSHOT_SIZE = (1400, 900)
SCREENSHOT_ANNOTATOR = "annotator"


def translate(context: str, text: str) -> str:
    """QCoreApplication.translate, imported late; named so pyside6-lupdate finds the strings."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


NO_DISPLAY_MESSAGE = (
    "annotator: no display found (DISPLAY and WAYLAND_DISPLAY are unset); "
    "run `xvfb-run annotator`, or set QT_QPA_PLATFORM=offscreen for screenshots and tests."
)


def no_display_message(
    environ: dict[str, str] | None = None, *, platform: str = sys.platform
) -> str | None:
    """The one-line explanation when Qt would abort for lack of a display, else None."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY_MESSAGE


def run(
    project_path: Path | None = None,
    *,
    annotator: str | None = None,
    doc: int | None = None,
    screenshot: Path | None = None,
    language: str | None = None,
    review: bool = False,
) -> int:
    """Open the main window and run until it closes; returns the process exit code.

    :param project_path: the project to open; ``None``: the last one used, else the
        user's default project (created with the sample article on first use).
    :param annotator: whose annotations to show and write; ``None``: the remembered
        name, asked on first start (never in screenshot mode).
    :param doc: open the ``doc``-th document (1-based, project order).
    :param screenshot: render the window (1400×900) to this PNG and return, with no
        dialog and nothing remembered.
    :param language: ``en`` or ``ar`` for the interface; ``None``: the remembered choice.
    :param review: also open the review window (agreement and adjudication); with
        ``screenshot``, that window is rendered once its numbers are computed.
    :returns: 0, 1 on an error (printed to stderr and shown), 2 without a display.
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        message = no_display_message()
        if message is not None:
            print(message, file=sys.stderr)
            return EXIT_NO_DISPLAY
    app = create_application()
    interactive = screenshot is None
    settings = Settings.load()
    window = open_main_window(
        project_path,
        annotator=annotator,
        doc=doc,
        language=language,
        settings=settings,
        interactive=interactive,
    )
    if window is None:
        return EXIT_ERROR
    review_window = window.open_review() if review else None
    if screenshot is not None:
        target = review_window or window
        if review_window is not None:
            _wait_for_agreement(review_window)
        ok = save_screenshot(target, screenshot)
        window.close()
        if not ok:
            print(f"annotator: could not write the screenshot to {screenshot}.", file=sys.stderr)
            return EXIT_ERROR
        return EXIT_OK
    window.show()
    window.raise_()
    window.activateWindow()
    return int(app.exec())


def _wait_for_agreement(review_window: QWidget, timeout_ms: int = 120_000) -> None:
    """Block (processing events) until the review window has its numbers or gave up."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    review_window.agreement_ready.connect(loop.quit)
    review_window.agreement_failed.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def create_application() -> QApplication:
    """The running QApplication, or a new one named for settings and the desktop."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QApplication.setApplicationName("Annotator")
        QApplication.setOrganizationName("annotator")
        QApplication.setDesktopFileName("annotator")
        app = QApplication(sys.argv[:1])
        app.setWindowIcon(_app_icon())
    from annotator.gui.main_thread_gc import collect_on_the_ui_thread

    collect_on_the_ui_thread(app)
    return app


def _app_icon() -> QIcon:
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = resources.files("annotator.resources").joinpath("icons", "annotator.png")
    return QIcon(str(icon))


def resolve_project_path(project_path: Path | None, settings: Settings) -> Path:
    """The given path; else the last project if it still exists; else the default one."""
    if project_path is not None:
        return Path(project_path)
    if settings.last_project and Path(settings.last_project).exists():
        return Path(settings.last_project)
    default = default_project_path()
    if not default.exists():
        create_default_project(default)
    return default


def create_default_project(path: Path) -> None:
    """The user's first project: the bundled sample, or an empty project without it."""
    try:
        from annotator.core.samples import create_sample_project
    except ImportError:
        Project.create(path).close()
        return
    create_sample_project(path)


def open_main_window(
    project_path: Path | None,
    *,
    annotator: str | None,
    doc: int | None,
    language: str | None,
    settings: Settings,
    interactive: bool = True,
) -> MainWindow | None:
    """Build the main window (not shown); ``None`` after reporting an error.

    :param interactive: may show dialogs (first-start name, error boxes) and
        remember choices; off for screenshots.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from annotator.gui import i18n

    app = QApplication.instance()
    if not interactive:
        settings.font_zoom = 0  # screenshots look the same on every machine (never saved)
    chosen = language or settings.language or i18n.system_language()
    effective = i18n.set_language(chosen, app)
    if interactive and language and effective != settings.language:
        settings.language = effective
        settings.save()

    def fail(title: str, message: str) -> None:
        print(f"annotator: {message}", file=sys.stderr)
        if interactive:
            box = QMessageBox(QMessageBox.Icon.Critical, title, message)
            box.setTextFormat(Qt.TextFormat.PlainText)  # a file name is data
            box.exec()

    try:
        path = resolve_project_path(project_path, settings)
        project = Project.open(path)
    except AnnotatorError as exc:
        fail(translate("App", "Cannot open the project"), str(exc))  # with its code
        return None
    except OSError as exc:
        fail(
            translate("App", "Cannot open the project"),
            f"{exc.filename or ''}: {exc.strerror or exc}",
        )
        return None

    name = (annotator or "").strip() or settings.annotator
    if not name:
        if interactive:
            name = ask_annotator_name(project, settings)
            if not name:
                project.close()
                print("annotator: no annotator name given; nothing was changed.", file=sys.stderr)
                return None
        else:
            # Screenshots show someone's work: the first annotator with spans, if any.
            known = [a for a in project.spans.annotators() if a != "gold"]
            name = known[0] if known else SCREENSHOT_ANNOTATOR
    elif interactive and annotator and annotator.strip() != settings.annotator:
        settings.annotator = annotator.strip()
        settings.save()

    from annotator.gui.main_window import MainWindow

    try:
        window = MainWindow(
            project, annotator=name, settings=settings, remember=interactive, track_time=interactive
        )
    except BaseException:
        project.close()
        raise
    if doc is not None:
        if not window.open_number(doc):
            total = project.documents.count()
            fail(
                translate("App", "No such document"),
                f"there is no document {doc} in {project.path} ({total} documents).",
            )
            if not interactive:
                window.close()
                return None
    elif window.current_document() is None:
        window.open_first_document()
    from annotator.gui.window_dialogs import show_others_if_mine_are_empty

    show_others_if_mine_are_empty(window)
    return window


def ask_annotator_name(project: Project, settings: Settings) -> str | None:
    """First start: ask the annotator's name and remember it."""
    from annotator.gui.dialogs import AnnotatorNameDialog

    dialog = AnnotatorNameDialog(project.spans.annotators(), first_start=True)
    if dialog.exec() != AnnotatorNameDialog.DialogCode.Accepted:
        return None
    settings.annotator = dialog.name()
    settings.save()
    return settings.annotator


def save_screenshot(
    window: MainWindow, path: Path, size: tuple[int, int] = SCREENSHOT_SIZE
) -> bool:
    """Render the window at ``size`` to a PNG, without waiting for input."""
    from PySide6.QtCore import QCoreApplication, QSize

    window.resize(QSize(*size))
    window.show()
    # A few rounds of events: layouts, the document's layout and the highlighter.
    for _ in range(5):
        QCoreApplication.processEvents()
    pixmap = window.grab()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return bool(pixmap.save(str(path), "PNG"))


def main() -> int:  # pragma: no cover - convenience for `python -m annotator.gui.app`
    import argparse

    parser = argparse.ArgumentParser(prog="annotator-gui")
    parser.add_argument("-p", "--project", type=Path)
    parser.add_argument("--annotator")
    parser.add_argument("--doc", type=int)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--language", choices=["en", "ar"])
    args = parser.parse_args()
    return run(
        args.project,
        annotator=args.annotator,
        doc=args.doc,
        screenshot=args.screenshot,
        language=args.language,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
